// Counters at the largest run (10^12 draws): sums over draws that 64 bits cannot hold
// still give the right means and spreads. The sums are set directly, as 10^12 draws of
// known values would leave them.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/sim/sweep.h"

namespace seatcast {
namespace {

constexpr std::uint64_t kDraws = 1'000'000'000'000;

TEST(Counters, SweepMeansAndSpreadsOf10To12Draws) {
  SweepTally t(1, 1, 10, 0);
  t.draws = kDraws;
  // Half the draws waste 40% of the votes, half 60%: mean 50, sd 10 (points). The sum of
  // millionths is 5 x 10^19 (over 2^64) and its square over 2^127.
  const Int128 half = kDraws / 2;
  t.wasted_sum[0] = half * 40'000'000 + half * 60'000'000;
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
