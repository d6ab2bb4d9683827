// Threshold and method studies with common random numbers. A sweep evaluates one
// elected body's list tier under many settings (a legal threshold, optionally an
// apportionment method) on the SAME draws: each draw's national shares are sampled once,
// from the same streams as run_simulation (block b seeded from (seed, b,
// Stage::national_shares)), and every setting seats that one electorate. Differences
// between settings are therefore paired: their Monte Carlo error is that of the
// per-draw difference, far smaller than that of two independent runs. A setting equal
// to the scenario's own reproduces `run`'s seats_pr histogram exactly.
//
// Settings are numbered s = t x M + m over T thresholds and M methods (M = 1, the
// body's own method, when no methods are given). Each setting is the body's list tier
// with the threshold share (for alliance thresholds: every member-count line moved by
// the same amount, clamped to [0, 1]) and the method replaced; base, strictness,
// runner-up rule, tie rule, exemptions and party lists stay the body's.
//
// A body with a regional electorate or a district tier is first evaluated as the run
// does (its district-noise stream consumed identically), and every setting then seats
// the body's own votes, with its district seats for "or N district seats".
//
// Every count is an integer merged by addition (metric sums in whole millionths), so
// a sweep depends only on the scenario, the seed, the draw count and the block size.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/rules/apportionment.h"
#include "engine/rules/exact.h"
#include "engine/sim/simulation.h"

namespace seatcast {

struct SweepSetup {
  std::size_t body = 0;            // index into Simulation::bodies; needs a list tier
  std::vector<double> thresholds;  // T shares in [0, 1]
  std::vector<Method> methods;     // M; empty: the body's own method
  std::size_t reference = 0;       // the setting differences are taken against
};

// The tallies of a sweep. Rows are settings s = t x M + m.
struct SweepTally {
  int settings = 0;
  int options = 0;
  int seats = 0;  // the list tier's seats, S
  int bins = 0;   // metric histogram bins (kPercentBins: 0..100% by 0.1 point)
  std::size_t reference = 0;
  std::uint64_t draws = 0;
  std::vector<std::uint64_t> seats_pr;         // [settings, options, S + 1]
  std::vector<std::uint64_t> passed;           // [settings, options] passed the threshold
  std::vector<std::uint64_t> runner_up_draws;  // [settings]
  std::vector<std::uint64_t> waived_draws;     // [settings] no list passed
  std::vector<std::uint64_t> tie_draws;        // [settings] a tie decided a seat
  std::vector<std::uint64_t> wasted;           // [settings, bins] wasted-vote share, %
  std::vector<std::uint64_t> gallagher;        // [settings, bins] Gallagher index, %
  // Sums over draws are 128-bit: a draw adds up to 10^8 millionths of a point (or 10^8
  // squared seats), which 10^12 draws would take past 64 bits.
  std::vector<Int128> wasted_sum;       // [settings] in millionths of a point
  std::vector<Int128> gallagher_sum;    // [settings]
  std::vector<Int128> wasted_sumsq;     // [settings] squares of the millionths
  std::vector<Int128> gallagher_sumsq;  // [settings]
  // Per-draw seats under the setting minus seats under the reference: [settings, options].
  std::vector<std::int64_t> diff_sum;
  std::vector<Int128> diff_sumsq;

  SweepTally() = default;
  SweepTally(int settings, int options, int seats, std::size_t reference);
  void merge(const SweepTally& other);

  std::size_t at(int s, int o) const { return static_cast<std::size_t>(s) * options + o; }
  double mean_seats(int s, int o) const;
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

// Throws std::invalid_argument for a body without a list tier, an empty or out-of-range
// threshold list, or a reference that is not a setting.
SweepResult run_sweep(const Simulation& sim, const SweepSetup& setup, const RunOptions& options,
                      const ProgressFn& progress = {});

// The list tier configuration of setting (threshold, method) derived from the body's.
ListTierConfig sweep_config(const ListTierConfig& base, double threshold, Method method);

}  // namespace seatcast
