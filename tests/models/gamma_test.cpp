// GammaSampler: moments, full distribution (Kolmogorov-Smirnov, on 10^7 variates for
// three shapes), the log path for tiny shapes, the documented engine cost, validation and
// determinism.
#include "models/gamma.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "engine/random/streams.h"
#include "tests/models/moments.h"

namespace seatcast::models {
namespace {

using testing::kKsCritical;

// An engine that counts its calls, to measure the cost of a variate.
class CountingEngine {
 public:
  using result_type = random::Engine::result_type;
  explicit CountingEngine(std::uint64_t seed) : engine_(seed) {}
  static result_type min() { return random::Engine::min(); }
  static result_type max() { return random::Engine::max(); }
  result_type operator()() {
    ++calls_;
    return engine_();
  }
  result_type spill() { return engine_.spill(); }
  long calls() const { return calls_; }

 private:
  random::Engine engine_;
  long calls_ = 0;
};

// n variates of Gamma(a), from a stream of its own per seed and shape.
std::vector<double> gamma_sample(double a, std::uint64_t seed, std::size_t n) {
  const GammaSampler gamma(a);
  random::Engine eng(random::stream_seed(seed, static_cast<std::uint64_t>(a * 10),
                                         random::Stage::national_shares));
  std::vector<double> x(n);
  for (double& v : x) v = gamma(eng);
  return x;
}

class GammaMoments : public ::testing::TestWithParam<double> {};

// Mean a and variance a, each within 5 Monte Carlo standard errors (se of the mean
// sqrt(a / n), of the variance sqrt((2a^2 + 6a) / n); plug-in estimates are used), and the
// whole distribution by a KS test against the regularised incomplete gamma function.
// Forgetting the U^(1/a) boost-up for a < 1 would shift the mean by 1 (hundreds of se).
TEST_P(GammaMoments, MeanVarianceAndDistribution) {
  const double a = GetParam();
  const std::vector<double> x = gamma_sample(a, 20240101, 200'000);
  for (double v : x) {
    ASSERT_GT(v, 0.0);
    ASSERT_TRUE(std::isfinite(v));
  }
  EXPECT_WITHIN_SE(testing::mean_of(x), a);
  EXPECT_WITHIN_SE(testing::variance_of(x), a);
  // The KS test on the first 50k draws (its critical value does not depend on n; the
  // incomplete gamma function is slow for a = 4000 in debug builds).
  const std::vector<double> head(x.begin(), x.begin() + 50'000);
  EXPECT_LT(testing::ks_statistic(head, [a](double v) { return boost::math::gamma_p(a, v); }),
            kKsCritical);
}

INSTANTIATE_TEST_SUITE_P(Shapes, GammaMoments, ::testing::Values(0.3, 1.0, 2.5, 40.0, 4000.0));

class GammaTenMillion : public ::testing::TestWithParam<double> {};

// Issue 18's test of a sampler: Kolmogorov-Smirnov on 10^7 variates, for a shape below 1
// (the U^(1/a) boost-up), one near 1 and one of a poll's counts, against the regularised
// incomplete gamma function at every 100th order statistic (D within 10^-5 of the
// statistic, against a critical D of 6.2e-4). Its power: the same sample against a scale
// 0.3% off is rejected.
TEST_P(GammaTenMillion, KolmogorovSmirnov) {
  const double a = GetParam();
  const std::vector<double> x = gamma_sample(a, 20261204, 10'000'000);
  const auto cdf = [a](double v) { return boost::math::gamma_p(a, v); };
  EXPECT_LT(testing::ks_bounds(x, cdf, 100).upper, kKsCritical);
  const auto off = [a](double v) { return boost::math::gamma_p(a, v / 1.003); };
  EXPECT_GT(testing::ks_bounds(x, off, 100).lower, kKsCritical);
}

INSTANTIATE_TEST_SUITE_P(Shapes, GammaTenMillion, ::testing::Values(0.3, 2.5, 40.0));

// log_draw consumes the same numbers as operator() and returns the log of the same value.
TEST(GammaSampler, LogDrawMatchesLogOfDraw) {
  for (double a : {0.05, 0.3, 1.0, 7.5}) {
    const GammaSampler gamma(a);
    random::Engine e1(99);
    random::Engine e2(99);
    for (int i = 0; i < 1000; ++i) {
      const double g = gamma(e1);
      const double lg = gamma.log_draw(e2);
      EXPECT_NEAR(lg, std::log(g), 1e-12 * std::max(1.0, std::abs(lg))) << "a=" << a;
    }
    EXPECT_EQ(e1, e2);
  }
}

// For a = 0.001 most variates underflow double (P(G < 1e-308) is about 0.5), but log_draw
// stays exact: E log G = digamma(a), Var log G = trigamma(a), within 5 se.
TEST(GammaSampler, LogDrawForTinyShape) {
  const double a = 0.001;
  const GammaSampler gamma(a);
  random::Engine eng(7);
  constexpr int n = 200'000;
  std::vector<double> x(n);
  for (double& v : x) {
    v = gamma.log_draw(eng);
    ASSERT_TRUE(std::isfinite(v));
  }
  EXPECT_WITHIN_SE(testing::mean_of(x), boost::math::digamma(a));
  EXPECT_WITHIN_SE(testing::variance_of(x), boost::math::trigamma(a));
}

// The engine calls per variate documented in gamma.h: two main words a trial (the
// normal takes exactly one, engine/random/normal.h), so 2 x trials plus the redrawn
// normals where v <= 0. With 200k variates the se of each
// mean is below 0.001, so 0.01 covers the two-decimal rounding of the figure plus 5 se.
TEST(GammaSampler, EngineCallsPerVariate) {
  const std::vector<std::pair<double, double>> documented = {
      {0.3, 3.07}, {1.0, 2.09}, {2.5, 2.03}, {40.0, 2.00}, {4000.0, 2.00}};
  for (const auto& [a, calls] : documented) {
    const GammaSampler gamma(a);
    CountingEngine eng(5);
    constexpr int n = 200'000;
    double sink = 0.0;
    for (int i = 0; i < n; ++i) sink += gamma(eng);
    EXPECT_GT(sink, 0.0);
    EXPECT_NEAR(static_cast<double>(eng.calls()) / n, calls, 0.01) << "a=" << a;
  }
}

TEST(GammaSampler, RejectsInvalidShapes) {
  for (double a : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::infinity()}) {
    EXPECT_THROW(GammaSampler{a}, std::invalid_argument) << "a=" << a;
  }
}

TEST(GammaSampler, SameSeedSameVariates) {
  const GammaSampler gamma(2.5);
  random::Engine e1 = random::make_engine(1, 2, random::Stage::national_shares);
  random::Engine e2 = random::make_engine(1, 2, random::Stage::national_shares);
  random::Engine e3 = random::make_engine(1, 3, random::Stage::national_shares);
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const double g = gamma(e1);
    EXPECT_EQ(g, gamma(e2));
    differs |= g != gamma(e3);
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace seatcast::models
