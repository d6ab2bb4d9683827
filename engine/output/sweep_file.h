// The results file of a sweep (`seatcast sweep`): the root attributes a run writes
// (format "seatcast-results", format_version, seed, draws, the scenario's text, ...)
// plus kind = "sweep", the ballot options, and under /sweep the settings and, per body,
// every block of the body's tally stacked over the settings ([T, (M,)] + the block's
// shape: seats_pr, seats_total, every tier, passes, events, metrics) and the paired
// differences (README.md, "The results file"). Written whole in one call; the caller
// names a temporary file (PendingFile).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/output/results_file.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/sweep.h"

namespace seatcast {

inline constexpr const char* kSweepKind = "sweep";

struct SweepInfo {
  RunInfo run;
  std::vector<double> thresholds;
  std::vector<std::string> methods;  // empty: the body's own method, no method axis
  std::string body;                  // body id
  std::string own_method;            // the body's own method (an attribute)
  double own_threshold = 0;          // the body's own threshold share (an attribute)
  std::string reference;             // "0.05" or "0.05:hare"
  std::string threshold_stage;       // the stages varied (ids)
  std::string method_stage;          // empty: no method varied
};

void write_sweep_file(const std::filesystem::path& path, const Scenario& scenario,
                      const SweepInfo& info, const SweepTally& tally);

}  // namespace seatcast
