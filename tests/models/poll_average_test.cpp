// The poll average: exact answers for consistent polls, the multinomial's log-ratio
// variance for one poll, shrinking sampling error with more polls, a shared error that
// does not shrink, missing entries and differing bases that carry no information.
#include <gtest/gtest.h>

#include <cmath>

#include "models/poll_average.h"

namespace seatcast::models {
namespace {

Poll poll(std::vector<std::optional<double>> pct, double n, std::optional<double> undecided = 0,
          double age = 0) {
  Poll p;
  p.pollster = "p";
  p.percent = std::move(pct);
  p.sample_size = n;
  p.undecided_percent = undecided;
  p.age_days = age;
  return p;
}

double var_log_ratio(const Eigen::MatrixXd& c, int i, int j) {
  return c(i, i) + c(j, j) - 2 * c(i, j);
}

TEST(PollAverage, OnePollIsReproducedExactly) {
  const auto a = average_polls({poll({50, 30, 20}, 1000)}, 3, {});
  EXPECT_NEAR(a.mean_shares(0), 0.5, 1e-12);
  EXPECT_NEAR(a.mean_shares(1), 0.3, 1e-12);
  EXPECT_NEAR(a.mean_shares(2), 0.2, 1e-12);
  EXPECT_NEAR(a.log_mean.sum(), 0.0, 1e-12);
}

TEST(PollAverage, OnePollHasTheMultinomialLogRatioVariance) {
  // var(log p_a - log p_b) = 1/(n p_a) + 1/(n p_b) for a multinomial sample of n.
  const auto a = average_polls({poll({50, 30, 20}, 1000)}, 3, {});
  EXPECT_NEAR(var_log_ratio(a.sampling_cov, 0, 1), 1 / 500.0 + 1 / 300.0, 1e-9);
  EXPECT_NEAR(var_log_ratio(a.sampling_cov, 1, 2), 1 / 300.0 + 1 / 200.0, 1e-9);
}

TEST(PollAverage, TwoEqualPollsHalveTheSamplingVarianceButNotTheSharedError) {
  PollAverageSettings s;
  s.shared_error = 0.2;
  const auto one = average_polls({poll({50, 30, 20}, 1000)}, 3, s);
  const auto two = average_polls({poll({50, 30, 20}, 1000), poll({50, 30, 20}, 1000)}, 3, s);
  EXPECT_NEAR(var_log_ratio(two.sampling_cov, 0, 1), var_log_ratio(one.sampling_cov, 0, 1) / 2, 1e-9);
  // The shared part: 2 * 0.2^2 on a log-ratio whatever the number of polls.
  EXPECT_NEAR(var_log_ratio(two.covariance, 0, 1) - var_log_ratio(two.sampling_cov, 0, 1), 0.08, 1e-12);
  EXPECT_NEAR(var_log_ratio(one.covariance, 0, 1) - var_log_ratio(one.sampling_cov, 0, 1), 0.08, 1e-12);
}

TEST(PollAverage, MissingEntryCarriesNoInformation) {
  // The second poll reports only a and b, in the same ratio as the first.
  const auto a = average_polls({poll({50, 30, 20}, 1000), poll({60, 36, std::nullopt}, 1000, 4)}, 3, {});
  EXPECT_NEAR(a.mean_shares(0), 0.5, 1e-12);
  EXPECT_NEAR(a.mean_shares(1), 0.3, 1e-12);
  EXPECT_NEAR(a.mean_shares(2), 0.2, 1e-12);
}

TEST(PollAverage, DifferentBasesAndUndecidedDoNotMoveTheMean) {
  // The same electorate asked on a base with 40% undecided: percentages scaled by 0.6.
  const auto a = average_polls({poll({50, 30, 20}, 1000), poll({30, 18, 12}, 2000, 40)}, 3, {});
  EXPECT_NEAR(a.mean_shares(0), 0.5, 1e-12);
  EXPECT_NEAR(a.mean_shares(2), 0.2, 1e-12);
  // Its weight is its decided respondents: 2000 x 0.6.
  EXPECT_NEAR(a.poll_weights[1], 1200, 1e-9);
}

TEST(PollAverage, WeightsFollowSampleSizeDesignEffectAndRecency) {
  PollAverageSettings s;
  s.design_effect = 2;
  s.half_life_days = 10;
  s.default_sample_size = 800;
  Poll missing_n = poll({50, 50}, 0, 0, 20);
  missing_n.sample_size.reset();
  const auto a = average_polls({poll({50, 50}, 1000, 20, 10), missing_n}, 2, s);
  EXPECT_NEAR(a.poll_weights[0], 1000 * 0.8 / 2 * 0.5, 1e-9);
  EXPECT_NEAR(a.poll_weights[1], 800 * 1.0 / 2 * 0.25, 1e-9);
}

TEST(PollAverage, PoolsDisagreeingPollsByWeight) {
  // Two-option polls: the log-ratio mean is the weighted mean of the polls' log-ratios
  // with weights 1 / (1/(n p_a) + 1/(n p_b)).
  const auto a = average_polls({poll({60, 40}, 1000), poll({50, 50}, 3000)}, 2, {});
  const double w1 = 1 / (1 / 600.0 + 1 / 400.0), w2 = 1 / (1 / 1500.0 + 1 / 1500.0);
  const double lr = (w1 * std::log(1.5) + w2 * 0.0) / (w1 + w2);
  EXPECT_NEAR(std::log(a.mean_shares(0) / a.mean_shares(1)), lr, 1e-9);
}

TEST(PollAverage, RefusesAnOptionNoPollReports) {
  EXPECT_THROW(average_polls({poll({50, 50, std::nullopt}, 1000)}, 3, {}), std::invalid_argument);
  EXPECT_THROW(average_polls({poll({50, -1, 3}, 1000)}, 3, {}), std::invalid_argument);
  EXPECT_THROW(average_polls({}, 3, {}), std::invalid_argument);
}

TEST(PollAverage, LogisticNormalCarriesTheMeanAndCovariance) {
  PollAverageSettings s;
  s.shared_error = 0.1;
  const auto a = average_polls({poll({50, 30, 20}, 1000)}, 3, s);
  const LogisticNormalModel m = to_logistic_normal(a, 0);
  EXPECT_NEAR(m.mean_shares()(1), 0.3, 1e-12);
  EXPECT_NEAR(m.sigma()(0) * m.sigma()(0), a.covariance(0, 0), 1e-9);
  EXPECT_NEAR(m.correlation()(0, 1) * m.sigma()(0) * m.sigma()(1), a.covariance(0, 1), 1e-9);
}

}  // namespace
}  // namespace seatcast::models
