// Scenario files: a whole study as data. A TOML file names the ballot options (in
// registration order), the vote model and its data, the elected bodies with their
// tiers and rules, and the run settings. Adding a country is writing a file.
//
// Every error names the file, the line and the field (InputError). Unknown keys are
// errors too: a misspelt setting must not silently fall back to a default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/body/elected_body.h"
#include "engine/sim/simulation.h"
#include "models/poll_average.h"
#include "models/poll_trend.h"
#include "models/vote_model.h"

namespace seatcast {

struct RunSettings {
  std::uint64_t draws = 100'000;
  std::uint64_t seed = 1;
  std::uint64_t block_size = 4096;
  bool metrics = true;  // per-draw disproportionality metrics (BodyConfig::metrics)
};

struct Scenario {
  std::string file;  // path as given
  std::string text;  // the file's text, stored in every result file
  std::string name;
  std::string description;
  Ballot ballot;
  std::string model_type;  // "dirichlet", "logistic-normal", "polls", "polls-dynamic"
  models::VoteModel model;
  std::optional<models::PollAverage> poll_average;  // when fitted from polls
  Votes total_votes = 0;
  std::optional<models::PollTrend> poll_trend;  // polls-dynamic: the daily trend
  std::vector<models::Poll> trend_polls;        // the polls it used (day, pollster, shares)
  std::vector<BodyConfig> bodies;
  RunSettings run;
  std::vector<int> body_lines;  // the line of each [[body]], for messages
  // What the loader left out and why (a poll that reports fewer than two of the
  // options): `run` and `validate` print these as notes on stderr.
  std::vector<std::string> notes;
};

// Settings changed from outside the file (`--set model.shared_error_points=3`): a dotted
// key into the scenario's tables and a TOML value (a bare word is taken as a string).
// Applied before anything is read, so every check sees them; an error in one names the
// key with the line 0. Arrays of tables ([[body]]) are reached by position:
// `body.0.stages.1.threshold`.
struct Override {
  std::string key;
  std::string value;
};
// Parses "KEY=VALUE"; throws InputError naming `where` (e.g. "--set") when there is no '='.
Override parse_override(const std::string& text, const std::string& where);

// Reads and checks a scenario; throws InputError.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});
// The same for a scenario's text already in memory; `path` names it in errors and
// locates the data files it refers to (beside it). Fuzzing drives this entry point.
Scenario parse_scenario(const std::string& text, const std::string& path,
                        const std::vector<Override>& overrides = {});

// The runnable form of a scenario.
Simulation make_simulation(const Scenario& scenario);

}  // namespace seatcast
