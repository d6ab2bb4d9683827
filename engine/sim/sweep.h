// Threshold and method studies with common random numbers. A sweep evaluates one
// elected body under many settings (a legal threshold, optionally an apportionment
// method, of one stage) on the SAME draws: each draw's national shares are sampled
// once, from the same streams as run_simulation (block b seeded from (seed, b,
// Stage::national_shares)), the areas' votes and the stages before the varied ones run
// once, and every setting runs the rest on that one electorate. Differences between
// settings are therefore paired: their Monte Carlo error is that of the per-draw
// difference, far smaller than that of two independent runs. A setting equal to the
// scenario's own reproduces `run`'s tally of the body exactly, block by block.
//
// Settings are numbered s = t x M + m over T thresholds and M methods (M = 1, the
// stage's own method, when no methods are given). Each setting is the body with the
// threshold stage's share (for alliance thresholds: every member-count line moved by
// the same amount, clamped to [0, 1]) and the method stage's method replaced; base,
// strictness, runner-up rule, tie rule, exemptions and party lists stay the body's.
// Stages after the varied ones that draw (districts) draw the same numbers in every
// setting: each setting starts from a copy of the stream.
//
// Every count is an integer merged by addition (metric sums in whole millionths), so
// a sweep depends only on the scenario, the seed, the draw count and the block size.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/rules/apportionment.h"
#include "engine/rules/exact.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace seatcast {

struct SweepSetup {
  std::size_t body = 0;            // index into Simulation::bodies
  std::vector<double> thresholds;  // T shares in [0, 1]
  std::vector<Method> methods;     // M; empty: the stage's own method
  std::size_t reference = 0;       // the setting differences are taken against
  std::string stage;               // the stage to vary (empty: swept_stages' default)
};

// The stages a sweep varies: the threshold's and the method's. By default the first
// filter (else the first allocation that is not plurality) for the threshold and the
// first allocation that is not plurality for the method; a named stage serves both (a
// filter only the threshold). Throws std::invalid_argument when there is none.
struct SweptStages {
  int threshold = -1;
  int method = -1;
  int first() const { return method < 0 ? threshold : std::min(threshold, method); }
};
SweptStages swept_stages(const ElectedBody& body, const std::string& stage);

// The tallies of a sweep. Settings are s = t x M + m. Each setting has the whole body's
// tally (every tier, the total, passes, events, metrics); beside them the paired
// differences of total seats against the reference and the squares a standard
// deviation of the metrics needs.
struct SweepTally {
  int settings = 0;
  int options = 0;
  int seats = 0;       // the body's list seats (the swept tiers' kind)
  int body_seats = 0;  // all its seats
  std::size_t reference = 0;
  std::uint64_t draws = 0;
  std::vector<BodyTally> bodies;  // [settings]
  // Per-draw total seats under the setting minus under the reference: [settings, options].
  std::vector<std::int64_t> diff_sum;
  std::vector<Int128> diff_sumsq;
  // Squares of the per-draw metric values in millionths (the sums are the bodies'):
  // 128-bit, as 10^12 draws of 10^8 squared would pass 64 bits.
  std::vector<Int128> wasted_sumsq;     // [settings]
  std::vector<Int128> gallagher_sumsq;  // [settings]

  SweepTally() = default;
  SweepTally(const std::vector<ElectedBody>& settings, std::size_t reference);
  void merge(const SweepTally& other);

  std::size_t at(int s, int o) const { return static_cast<std::size_t>(s) * options + o; }
  double mean_seats(int s, int o) const;  // list seats
  double mean_total(int s, int o) const;  // all seats
  double p_passed(int s, int o) const;
  double lists_passing(int s) const;   // expected number of lists passing the threshold
  double mean_wasted(int s) const;     // percent
  double mean_gallagher(int s) const;  // percent
  double sd_wasted(int s) const;
  double sd_gallagher(int s) const;
  // Mean per-draw difference against the reference and its Monte Carlo standard error
  // (sd of the per-draw difference / sqrt(draws)).
  double diff_mean(int s, int o) const;
  double diff_se(int s, int o) const;
};

struct SweepResult {
  SweepTally tally;
  bool cancelled = false;
};

// Throws std::invalid_argument for a body without a stage to vary, an empty or
// out-of-range threshold list, or a reference that is not a setting.
SweepResult run_sweep(const Simulation& sim, const SweepSetup& setup, const RunOptions& options,
                      const ProgressFn& progress = {});

// The list tier configuration of setting (threshold, method) derived from the body's.
ListTierConfig sweep_config(const ListTierConfig& base, double threshold, Method method);

}  // namespace seatcast
