// Monte Carlo moment estimates with their standard errors, for checking samplers against
// analytic moments: a check passes when |estimate - truth| <= k * se (k = 5 throughout,
// with fixed seeds, so a correct sampler fails with probability ~6e-7 per check and never
// flakes, while a wrong formula with an effect of many standard errors always fails).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include <gtest/gtest.h>

namespace seatcast::models::testing {

struct Estimate {
  double value = 0.0;
  double se = 0.0;  // Monte Carlo standard error (plug-in, large-sample)
};

inline double average(std::span<const double> x) {
  double s = 0.0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

// Mean, se = sqrt(m2 / n).
inline Estimate mean_of(std::span<const double> x) {
  const double n = static_cast<double>(x.size());
  const double m = average(x);
  double m2 = 0.0;
  for (double v : x) m2 += (v - m) * (v - m);
  m2 /= n;
  return {m, std::sqrt(m2 / n)};
}

// Covariance of x and y; se = sqrt((E[dx^2 dy^2] - cov^2) / n), the standard error of a
// mean of dx * dy. With x == y this is the variance, se = sqrt((m4 - m2^2) / n).
inline Estimate covariance_of(std::span<const double> x, std::span<const double> y) {
  const double n = static_cast<double>(x.size());
  const double mx = average(x);
  const double my = average(y);
  double c = 0.0;
  double c2 = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double p = (x[i] - mx) * (y[i] - my);
    c += p;
    c2 += p * p;
  }
  c /= n;
  c2 /= n;
  return {c * n / (n - 1.0), std::sqrt((c2 - c * c) / n)};
}

inline Estimate variance_of(std::span<const double> x) {
  return covariance_of(x, x);
}

// Kurtosis m4 / m2^2 (3 for a normal).
inline double kurtosis_of(std::span<const double> x) {
  const double m = average(x);
  double m2 = 0.0;
  double m4 = 0.0;
  for (double v : x) {
    const double d = (v - m) * (v - m);
    m2 += d;
    m4 += d * d;
  }
  m2 /= static_cast<double>(x.size());
  m4 /= static_cast<double>(x.size());
  return m4 / (m2 * m2);
}

// Kolmogorov-Smirnov statistic sqrt(n) * D of a sample against a continuous CDF. Under
// the null it exceeds 1.95 with probability 0.001.
template <class Cdf>
double ks_statistic(std::vector<double> x, Cdf cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return std::sqrt(n) * d;
}

// Bounds of the KS statistic (sqrt(n) D) of a large sample with the model CDF evaluated
// at every k-th order statistic and the last: between two evaluated points the empirical
// CDF rises by k / n and the model's is monotone, so D is at most k / n above the
// largest difference seen. A sample of 10^7 then needs 10^5 evaluations of a slow CDF.
struct KsBounds {
  double lower = 0;
  double upper = 0;
};
template <class Cdf>
KsBounds ks_bounds(std::vector<double> x, Cdf cdf, std::size_t k) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0.0;
  const std::size_t last = x.size() - 1;
  for (std::size_t i = 0;; i = std::min(i + k, last)) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
    if (i == last) break;
  }
  return {std::sqrt(n) * d, std::sqrt(n) * (d + static_cast<double>(k) / n)};
}

inline constexpr double kSigmas = 5.0;
inline constexpr double kKsCritical = 1.95;

// |est.value - truth| <= kSigmas * est.se.
inline ::testing::AssertionResult within_se(const Estimate& est, double truth) {
  if (std::abs(est.value - truth) <= kSigmas * est.se) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "estimate " << est.value << " is " << (est.value - truth) / est.se
         << " se from the truth " << truth << " (se " << est.se << ")";
}

// |est.value - wrong| > kSigmas * est.se: the check has the power to reject `wrong`.
inline ::testing::AssertionResult rejects(const Estimate& est, double wrong) {
  if (std::abs(est.value - wrong) > kSigmas * est.se) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "estimate " << est.value << " cannot tell apart the wrong value " << wrong << " (se "
         << est.se << ")";
}

}  // namespace seatcast::models::testing

// Both macros accept streamed context: EXPECT_WITHIN_SE(est, truth) << "option " << i.
#define EXPECT_WITHIN_SE(est, truth) \
  EXPECT_TRUE(::seatcast::models::testing::within_se((est), (truth)))
#define EXPECT_REJECTS(est, wrong) EXPECT_TRUE(::seatcast::models::testing::rejects((est), (wrong)))
