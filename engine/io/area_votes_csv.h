// Counted votes in the long form: a header naming `area`, `option`, `votes` and
// optionally `ballot` (`list`, the default, or `candidate` for the constituency vote
// of two-vote systems), one row per (area, option, ballot). `area` is an area id of a
// body's levels, or empty for the nation. The form of scenarios/<cc>/data/*-votes.csv
// and of `seatcast allocate --scenario`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"

namespace seatcast {

struct AreaVotesRow {
  int line = 0;
  std::string area;
  std::string option;
  bool candidate = false;  // ballot = candidate
  Votes votes = 0;
};

struct AreaVotesTable {
  std::string path;
  std::vector<AreaVotesRow> rows;
};

// Throws InputError naming file, line and field for a missing column, votes that are
// not a whole number from 0 to 10^12, an unknown ballot, an empty option or a row that
// repeats an (area, option, ballot).
AreaVotesTable read_area_votes_csv(const std::string& path);
AreaVotesTable parse_area_votes_csv(std::string_view text, const std::string& path);

}  // namespace seatcast
