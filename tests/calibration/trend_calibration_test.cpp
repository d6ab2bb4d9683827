// Simulation-based calibration of the dynamic poll model (models/poll_trend.h): do its
// election-day forecasts cover the truth as often as they claim?
//
// Each replicate (fixed seed): a campaign drawn from the model the fit assumes:
//   1. a starting state log(base) + 0.3 z, then a random walk of the log-shares with
//      daily sd kDrift (independent per option) for 120 days;
//   2. 30 polls on random days 0..99, each a multinomial sample of 1,000 respondents of
//      the shares on its day (no house effects: those are checked on their own in
//      tests/models/poll_trend_test.cpp);
//   3. the election-day result: the state on day 119 plus a shared error N(0, kShared^2)
//      per log-share (the polls all miss it);
//   4. the fit with the drift and the shared error of the truth, and the probability
//      integral transform of the truth's centred log-ratio under its normal forecast.
// Under calibration the transforms are uniform: 10 bins, Pearson's chi-square per option
// against the uniform below chi2_{9, 0.999} = 27.877. A fit without drift and without the
// shared error (the static average's claim that the polls are election day) must exceed
// it: its intervals are too narrow by the 20 days of drift after the last poll and the
// election-day miss.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"
#include "models/poll_trend.h"

namespace seatcast::models {
namespace {

constexpr int kOptions = 4;
constexpr int kBins = 10;
constexpr double kCritical = 27.877;
constexpr double kDrift = 0.01;
constexpr double kShared = 0.05;
constexpr int kDays = 120;

struct Fit {
  bool drift = true;
  bool shared = true;
  bool estimate_drift = false;
};

std::array<double, kOptions> chi_square(const Fit& fit, int replicates) {
  random::Engine eng(20261202);
  random::NormalDistribution normal;
  boost::random::uniform_int_distribution<int> day_of(0, 99);
  const double base[kOptions] = {0.42, 0.30, 0.18, 0.10};
  std::array<std::array<int, kBins>, kOptions> bins{};
  for (int r = 0; r < replicates; ++r) {
    std::vector<std::array<double, kOptions>> state(kDays);
    for (int i = 0; i < kOptions; ++i) state[0][i] = std::log(base[i]) + 0.3 * normal(eng);
    for (int d = 1; d < kDays; ++d)
      for (int i = 0; i < kOptions; ++i) state[d][i] = state[d - 1][i] + kDrift * normal(eng);
    std::vector<Poll> polls;
    for (int p = 0; p < 30; ++p) {
      const int day = day_of(eng);
      double w[kOptions], sum = 0;
      for (int i = 0; i < kOptions; ++i) sum += w[i] = std::exp(state[day][i]);
      int left = 1000;
      double rest = 1;
      Poll poll;
      poll.pollster = "P";  // appended: "P" + std::to_string() draws GCC 12's false -Wrestrict
      poll.pollster += std::to_string(p % 3);
      poll.day = day;
      poll.sample_size = 1000;
      poll.undecided_percent = 0;
      for (int i = 0; i < kOptions; ++i) {
        int c = left;
        if (i + 1 < kOptions) {
          boost::random::binomial_distribution<int> b(left, std::min(1.0, (w[i] / sum) / rest));
          c = b(eng);
          rest -= w[i] / sum;
        }
        left -= c;
        poll.percent.push_back(std::max(0.1, c / 10.0));
      }
      polls.push_back(poll);
    }
    std::array<double, kOptions> truth{};
    double mean = 0;
    for (int i = 0; i < kOptions; ++i)
      mean += truth[i] = state[kDays - 1][i] + kShared * normal(eng);
    mean /= kOptions;
    PollTrendSettings s;
    s.election_day = kDays - 1;
    if (!fit.estimate_drift) s.drift = fit.drift ? kDrift : 0.0;
    s.poll.shared_error = fit.shared ? kShared : 0.0;
    const PollTrend t = fit_poll_trend(polls, kOptions, s);
    const Eigen::MatrixXd centre = Eigen::MatrixXd::Identity(kOptions, kOptions) -
                                   Eigen::MatrixXd::Constant(kOptions, kOptions, 1.0 / kOptions);
    const Eigen::MatrixXd c = centre * t.forecast.covariance * centre;
    for (int i = 0; i < kOptions; ++i) {
      const double z = (truth[i] - mean - t.forecast.log_mean(i)) / std::sqrt(c(i, i));
      const double u = 0.5 * std::erfc(-z / std::sqrt(2.0));
      ++bins[i][std::min(kBins - 1, static_cast<int>(u * kBins))];
    }
  }
  std::array<double, kOptions> chi2{};
  const double expected = static_cast<double>(replicates) / kBins;
  for (int i = 0; i < kOptions; ++i)
    for (int b = 0; b < kBins; ++b)
      chi2[i] += (bins[i][b] - expected) * (bins[i][b] - expected) / expected;
  std::printf("chi-square per option (drift %d, shared %d, estimated %d):", fit.drift, fit.shared,
              fit.estimate_drift);
  for (double x : chi2) std::printf(" %.1f", x);
  std::printf("\n");
  return chi2;
}

TEST(TrendCalibration, ForecastsFromTheTrueModelAreUniform) {
  const auto chi2 = chi_square({}, 1000);
  for (int i = 0; i < kOptions; ++i) EXPECT_LT(chi2[i], kCritical) << "option " << i;
}

TEST(TrendCalibration, WithTheDriftEstimatedToo) {
  const auto chi2 = chi_square({true, true, true}, 1000);
  for (int i = 0; i < kOptions; ++i) EXPECT_LT(chi2[i], kCritical) << "option " << i;
}

TEST(TrendCalibration, AFitWithoutDriftOrSharedErrorFails) {
  const auto chi2 = chi_square({false, false, false}, 1000);
  EXPECT_GT(*std::max_element(chi2.begin(), chi2.end()), kCritical);
  const auto no_drift = chi_square({false, true, false}, 1000);
  EXPECT_GT(*std::max_element(no_drift.begin(), no_drift.end()), kCritical);
}

}  // namespace
}  // namespace seatcast::models
