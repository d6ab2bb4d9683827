// Counted results as a CSV (the `seatcast allocate` input): columns `option`, `votes`
// and optionally `kind` (party by default) in any order, one row per ballot option in
// registration order. Optional columns for threshold rules: `members` (the number of
// parties a list unites, a whole number >= 1, empty = 1; more than 1 only on party
// rows) and `district_seats` (district seats the option won in the same body, a whole
// number >= 0, empty = 0). Other columns (e.g. `seats`) are kept for reference and
// ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"

namespace seatcast {

struct VotesTable {
  Ballot ballot;
  std::vector<Votes> votes;
  std::vector<int> lines;           // the line of each row, for messages
  std::vector<int> members;         // one per row when the CSV has `members`, else empty
  std::vector<int> district_seats;  // one per row when the CSV has `district_seats`, else empty
  std::string path;                 // the file read, for messages
};

// Throws InputError naming the file, line and field for a missing column, a duplicate
// option, a kind that is not known, votes that are not a whole number >= 0, or a bad
// `members` or `district_seats` entry.
VotesTable read_votes_csv(const std::string& path);
// The same from text already in memory; `path` names it in errors.
VotesTable parse_votes_csv(std::string_view text, const std::string& path);

}  // namespace seatcast
