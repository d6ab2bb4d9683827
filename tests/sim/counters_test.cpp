// Counters at the largest run (10^12 draws): sums over draws that 64 bits cannot hold
// still give the right means and spreads. The sums are set directly, as 10^12 draws of
// known values would leave them.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "engine/scenario/scenario.h"
#include "engine/sim/sweep.h"

namespace seatcast {
namespace {

constexpr std::uint64_t kDraws = 1'000'000'000'000;

TEST(Counters, SweepMeansAndSpreadsOf10To12Draws) {
  const Simulation sim =
      make_simulation(load_scenario(SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml"));
  SweepTally t(std::vector<ElectedBody>{sim.bodies[0]}, 0);
  t.draws = kDraws;
  // Half the draws waste 40% of the votes, half 60%: mean 50, sd 10 (points). The sum of
  // millionths is 5 x 10^19 (over 2^64) and its square over 2^127.
  const Int128 half = kDraws / 2;
  std::array<std::vector<std::uint64_t>, kMetricCount> counts;
  std::array<MetricHistograms::Sum, kMetricCount> sums{};
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    counts[k].assign(static_cast<std::size_t>(bins_of(m).count), 0);
    counts[k][0] = kDraws;
  }
  sums[static_cast<std::size_t>(Metric::wasted_share)] =
      static_cast<MetricHistograms::Sum>(half * 40'000'000 + half * 60'000'000);
  t.bodies[0].set_metrics(MetricHistograms::from_parts(counts, sums, kDraws));
  t.wasted_sumsq[0] =
      half * Int128{40'000'000} * 40'000'000 + half * Int128{60'000'000} * 60'000'000;
  EXPECT_NEAR(t.mean_wasted(0), 50.0, 1e-9);
  EXPECT_NEAR(t.sd_wasted(0), 10.0 * std::sqrt(1.0 + 1.0 / (kDraws - 1)), 1e-6);
  // Seat differences of +-10 000 in alternate draws: squares sum to 10^20 (over 2^64).
  t.diff_sum[0] = 0;
  t.diff_sumsq[0] = Int128{kDraws} * 100'000'000;
  EXPECT_NEAR(t.diff_se(0, 0) * std::sqrt(static_cast<double>(kDraws)), 10'000.0, 1e-3);
}

}  // namespace
}  // namespace seatcast
