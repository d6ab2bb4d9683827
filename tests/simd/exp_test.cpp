// The batched exp (engine/simd/exp.h) against std::exp, and every instruction set this
// machine has against the scalar path, bit for bit.
#include "engine/simd/exp.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace seatcast::simd {
namespace {

std::vector<Isa> isas() {
  std::vector<Isa> out;
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512})
    if (supported(isa)) out.push_back(isa);
  return out;
}

// The distance in units in the last place between two positive finite doubles.
std::int64_t ulps(double a, double b) {
  const auto ia = std::bit_cast<std::int64_t>(a), ib = std::bit_cast<std::int64_t>(b);
  return ia > ib ? ia - ib : ib - ia;
}

std::vector<double> uniform(double lo, double hi, std::size_t n, std::uint32_t seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> x(n);
  for (double& v : x) v = u(gen);
  return x;
}

// Within 2 ulp of glibc's exp (itself within 1 ulp of the exact value) over the whole
// range and over the range of a draw's log-weights; the worst case is near the ends of
// the reduced interval. The limit would fail for a polynomial two degrees shorter (the
// truncation alone is then about 20 ulp) or a one-part ln 2 (hundreds of ulp at |x| ~ 700).
TEST(SimdExp, WithinTwoUlpOfStdExp) {
  for (const auto& [lo, hi] : {std::pair{-708.0, 708.0}, std::pair{-8.0, 8.0},
                               std::pair{-0.35, 0.35}, std::pair{-1e-6, 1e-6}}) {
    const std::vector<double> x = uniform(lo, hi, 1'000'000, 7);
    for (Isa isa : isas()) {
      std::vector<double> y(x.size());
      exp(isa, x.data(), y.data(), x.size());
      std::int64_t worst = 0;
      for (std::size_t i = 0; i < x.size(); ++i)
        worst = std::max(worst, ulps(y[i], std::exp(x[i])));
      EXPECT_LE(worst, 2) << name(isa) << " on [" << lo << ", " << hi << "]";
    }
  }
}

TEST(SimdExp, ExactPointsAndSaturation) {
  const std::vector<double> x = {0.0,   -0.0,  1.0,    -1.0,   std::log(2.0), 708.0,
                                 710.0, 1e300, -708.0, -800.0, -1e300};
  for (Isa isa : isas()) {
    std::vector<double> y(x.size());
    exp(isa, x.data(), y.data(), x.size());
    EXPECT_EQ(y[0], 1.0);
    EXPECT_EQ(y[1], 1.0);
    EXPECT_LE(ulps(y[2], std::exp(1.0)), 1);
    EXPECT_LE(ulps(y[3], std::exp(-1.0)), 1);
    EXPECT_LE(ulps(y[4], 2.0), 1);
    // Beyond +-708 the result is exp(+-708): finite, normal, never inf or 0.
    for (int i : {6, 7}) EXPECT_EQ(y[i], y[5]) << name(isa);
    for (int i : {9, 10}) EXPECT_EQ(y[i], y[8]) << name(isa);
    EXPECT_LE(ulps(y[5], std::exp(708.0)), 2);
    EXPECT_LE(ulps(y[8], std::exp(-708.0)), 2);
    EXPECT_TRUE(std::isnormal(y[8]));
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double y = 0;
  exp(&nan, &y, 1);
  EXPECT_TRUE(std::isnan(y));
}

// The same bits on every path, for every length (the vector loops' tails) and in place.
TEST(SimdExp, EveryPathGivesTheScalarBits) {
  const std::vector<double> x = uniform(-30.0, 30.0, 4099, 11);
  std::vector<double> want(x.size());
  exp(Isa::scalar, x.data(), want.data(), x.size());
  for (Isa isa : isas())
    for (std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{8},
                          std::size_t{13}, std::size_t{64}, x.size()}) {
      std::vector<double> y(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
      exp(isa, y.data(), y.data(), n);
      for (std::size_t i = 0; i < n; ++i)
        ASSERT_EQ(std::bit_cast<std::uint64_t>(y[i]), std::bit_cast<std::uint64_t>(want[i]))
            << name(isa) << " n=" << n << " i=" << i;
    }
}

}  // namespace
}  // namespace seatcast::simd
