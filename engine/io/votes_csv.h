// Counted results as a CSV (the `seatcast allocate` input): columns `option`, `votes`
// and optionally `kind` (party by default) in any order, one row per ballot option in
// registration order. Other columns (e.g. `seats`) are kept for reference and ignored.
#pragma once

#include <string>
#include <vector>

#include "engine/ballot/ballot.h"

namespace seatcast {

struct VotesTable {
  Ballot ballot;
  std::vector<Votes> votes;
  std::vector<int> lines;  // the line of each row, for messages
};

// Throws InputError naming the file, line and field for a missing column, a duplicate
// option, a kind that is not known, or votes that are not a whole number >= 0.
VotesTable read_votes_csv(const std::string& path);

}  // namespace seatcast
