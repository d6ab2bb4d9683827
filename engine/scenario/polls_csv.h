// Published polls as a CSV: one row per poll with columns `pollster`, `fieldwork_start`
// (optional) and `fieldwork_end` (YYYY-MM-DD), `sample_size` (may be empty), `base` (free text),
// one column per ballot option in percent (an empty cell: not reported), and an undecided column. A
// column that is neither must be listed as ignored, so a misspelt option is never dropped.
// Percentages, not fractions: a row's options and undecided may sum to at most 100
// (within kPercentSumTolerance), and a row summing to 1.5 or less is refused as
// fractions (percent_sum_problem).
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
  // Whether the scenario states default_sample_size. Without it, a poll with no sample
  // size (no column, or an empty cell) is refused rather than weighted by a default the
  // user never chose; `scenario` names the file to add it to.
  bool default_sample_size_stated = false;
  std::string scenario;
  // A named undecided column must be there: else the undecided would silently be
  // taken as 100 minus the reported shares.
  bool undecided_column_stated = false;
  // The undecided column is a share of all respondents while the options' percentages
  // are of the decided and sum to 100 alone (Forsa, Novus): the row's sum leaves it out.
  bool undecided_separate = false;
  // Ballot indices of the options with a prior share ([model.prior_percent]): the file
  // may have no column for them (or one in ignore_columns), as for an empty column.
  std::vector<int> prior_options;
};

struct PollRow {
  int line = 0;
  std::optional<std::string> fieldwork_start;  // optional column: the trend's poll day
  std::optional<std::string> fieldwork_end;
  std::string base;
  models::Poll poll;
};

std::vector<PollRow> read_polls_csv(const std::string& path, const Ballot& ballot,
                                    const PollsCsvLayout& layout);

}  // namespace seatcast
