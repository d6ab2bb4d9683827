// The ziggurat's normals against the normal distribution: a Kolmogorov-Smirnov test on
// 10^7 variates, the moments, the tail mass beyond the ziggurat's r (the tail path) and
// the top layer (the wedge path), and batch draws equal to single ones.
#include "engine/random/normal.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/random/streams.h"
#include "tests/models/moments.h"

namespace seatcast::random {
namespace {

using models::testing::kKsCritical;

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

std::vector<double> batch(std::uint64_t seed, std::size_t n) {
  Engine e = make_engine(seed, 0, Stage::district_noise);
  std::vector<double> z(n);
  fill_normals(e, z.data(), n);
  return z;
}

TEST(Normal, KolmogorovSmirnovOnTenMillion) {
  const std::vector<double> z = batch(1, 10'000'000);
  const double ks = models::testing::ks_statistic(z, normal_cdf);
  EXPECT_LT(ks, kKsCritical);
  // The test's power: the same sample against a normal of sd 1.001 is rejected.
  EXPECT_GT(models::testing::ks_statistic(z, [](double x) { return normal_cdf(x / 1.002); }),
            kKsCritical);
}

TEST(Normal, Moments) {
  const std::vector<double> z = batch(2, 4'000'000);
  EXPECT_WITHIN_SE(models::testing::mean_of(z), 0.0);
  EXPECT_WITHIN_SE(models::testing::variance_of(z), 1.0);
  EXPECT_NEAR(models::testing::kurtosis_of(z), 3.0, 5 * std::sqrt(96.0 / 4e6));
  // Odd moment 3 and the tail mass, against exact values with binomial se.
  std::vector<double> cube(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) cube[i] = z[i] * z[i] * z[i];
  EXPECT_WITHIN_SE(models::testing::mean_of(cube), 0.0);
  const auto fraction = [&](auto pred) {
    double k = 0;
    for (double x : z) k += pred(x);
    const double p = k / static_cast<double>(z.size());
    return models::testing::Estimate{p, std::sqrt(p * (1 - p) / static_cast<double>(z.size()))};
  };
  // Beyond r = 3.654 (only the tail path makes these): P = 2.58e-4, about 1,030 here.
  EXPECT_WITHIN_SE(fraction([](double x) { return std::abs(x) > ziggurat::kR; }),
                   2 * (1 - normal_cdf(ziggurat::kR)));
  EXPECT_WITHIN_SE(fraction([](double x) { return x > 4.5; }), 1 - normal_cdf(4.5));
  // Near the mode (the top layer, settled by its wedge test every time).
  const double top = ziggurat::kTables.x[255];
  EXPECT_WITHIN_SE(fraction([&](double x) { return std::abs(x) < top; }), 2 * normal_cdf(top) - 1);
}

// fill_normals is n calls of normal(), whatever the batch and whatever else reads the
// engine between batches.
TEST(Normal, BatchEqualsOneAtATime) {
  Engine a = make_engine(3, 4, Stage::area_noise, 5);
  Engine b = a;
  std::vector<double> got, want;
  std::size_t m = 1;
  for (int round = 0; round < 200; ++round) {
    std::vector<double> part(m);
    fill_normals(a, part.data(), m);
    got.insert(got.end(), part.begin(), part.end());
    for (std::size_t i = 0; i < m; ++i) want.push_back(normal(b));
    ASSERT_EQ(a(), b());  // one main word each between batches
    m = m * 7 % 193 + 1;
  }
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], want[i]) << i;
  EXPECT_EQ(a, b);
}

// Every vector path of the fast test gives the scalar path's bits, over enough variates
// that every layer and the slow points (wedges, tail) occur many times.
TEST(Normal, EveryPathGivesTheScalarBits) {
  for (const simd::Isa isa : {simd::Isa::avx2, simd::Isa::avx512}) {
    if (!simd::supported(isa)) continue;
    Engine a = make_engine(11, 2, Stage::district_noise);
    Engine b = a;
    std::vector<double> got(1'000'003), want(got.size());
    fill_normals(isa, a, got.data(), got.size());
    fill_normals(simd::Isa::scalar, b, want.data(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      ASSERT_EQ(std::bit_cast<std::uint64_t>(got[i]), std::bit_cast<std::uint64_t>(want[i]))
          << simd::name(isa) << " variate " << i;
    EXPECT_EQ(a, b);
  }
}

// Exactly one main word a variate, slow path or not: what makes batches possible.
TEST(Normal, OneMainWordEach) {
  Engine e = make_engine(7, 0, Stage::national_shares);
  std::vector<double> z(100'000);
  fill_normals(e, z.data(), z.size());
  EXPECT_EQ(e.position(), z.size());
}

}  // namespace
}  // namespace seatcast::random
