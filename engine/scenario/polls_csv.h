// Published polls as a CSV: one row per poll with columns `pollster`, `fieldwork_end`
// (YYYY-MM-DD), `sample_size` (may be empty), `base` (free text), one column per ballot
// option in percent (an empty cell: not reported), and an undecided column. A column
// that is neither must be listed as ignored, so a misspelt option is never dropped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "models/poll_average.h"

namespace seatcast {

struct PollsCsvLayout {
  std::string undecided_column = "undecided";
  std::vector<std::string> ignore;
};

struct PollRow {
  int line = 0;
  std::optional<std::string> fieldwork_end;
  std::string base;
  models::Poll poll;
};

std::vector<PollRow> read_polls_csv(const std::string& path, const Ballot& ballot,
                                    const PollsCsvLayout& layout);

}  // namespace seatcast
