// The poll average: exact answers for consistent polls, the multinomial's log-ratio
// variance for one poll, shrinking sampling error with more polls, a shared error that
// does not shrink, missing entries and differing bases that carry no information.
#include <gtest/gtest.h>

#include <cmath>
#include <variant>

#include "models/poll_average.h"

namespace seatcast::models {
namespace {

Poll poll(std::vector<std::optional<double>> pct, double n, std::optional<double> undecided = 0,
          double age = 0) {
  Poll p;
  p.pollster.assign(1, 'p');
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
  EXPECT_NEAR(var_log_ratio(two.sampling_cov, 0, 1), var_log_ratio(one.sampling_cov, 0, 1) / 2,
              1e-9);
  // The shared part: 2 * 0.2^2 on a log-ratio whatever the number of polls.
  EXPECT_NEAR(var_log_ratio(two.covariance, 0, 1) - var_log_ratio(two.sampling_cov, 0, 1), 0.08,
              1e-12);
  EXPECT_NEAR(var_log_ratio(one.covariance, 0, 1) - var_log_ratio(one.sampling_cov, 0, 1), 0.08,
              1e-12);
}

TEST(PollAverage, MissingEntryCarriesNoInformation) {
  // The second poll reports only a and b, in the same ratio as the first.
  const auto a =
      average_polls({poll({50, 30, 20}, 1000), poll({60, 36, std::nullopt}, 1000, 4)}, 3, {});
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

TEST(PollAverage, PoolsDisagreeingPollsByMaximumLikelihood) {
  // Two-option polls: the Poisson (= multinomial) maximum likelihood pools the counts,
  // 600 + 1500 against 400 + 1500. A one-step fit weighting by the observed shares
  // would give the 60/40 poll's log-ratio weight 1 / (1/600 + 1/400) instead.
  const auto a = average_polls({poll({60, 40}, 1000), poll({50, 50}, 3000)}, 2, {});
  EXPECT_NEAR(std::log(a.mean_shares(0) / a.mean_shares(1)), std::log(2100.0 / 1900.0), 1e-9);
  // Its variance: that of a log-ratio at the pooled shares, per poll, added as precisions.
  const double p = 2100.0 / 4000.0;
  const double prec =
      1 / (1 / (1000 * p) + 1 / (1000 * (1 - p))) + 1 / (1 / (3000 * p) + 1 / (3000 * (1 - p)));
  EXPECT_NEAR(var_log_ratio(a.sampling_cov, 0, 1), 1 / prec, 1e-9);
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

// --- Undecided rule ---------------------------------------------------------------

TEST(PollAverage, ProportionalUndecidedKeepsTheSharesButCountsTheFullSample) {
  PollAverageSettings drop, prop;
  prop.undecided = UndecidedRule::proportional;
  const std::vector<Poll> polls{poll({30, 18, 12}, 2000, 40), poll({45, 30, 15}, 1000, 10)};
  const auto a = average_polls(polls, 3, drop);
  const auto b = average_polls(polls, 3, prop);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(a.mean_shares(i), b.mean_shares(i), 0.01);
  EXPECT_NEAR(a.poll_weights[0], 1200, 1e-9);  // decided respondents only
  EXPECT_NEAR(b.poll_weights[0], 2000, 1e-9);  // as if everyone had answered
  EXPECT_NEAR(b.poll_weights[1], 1000, 1e-9);
  // One poll: the same shares, and a variance smaller by the decided share.
  const auto one_drop = average_polls({polls[0]}, 3, drop);
  const auto one_prop = average_polls({polls[0]}, 3, prop);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(one_drop.mean_shares(i), one_prop.mean_shares(i), 1e-12);
  EXPECT_NEAR(var_log_ratio(one_prop.sampling_cov, 0, 1),
              0.6 * var_log_ratio(one_drop.sampling_cov, 0, 1), 1e-12);
}

// --- Covariance ---------------------------------------------------------------------

TEST(PollAverage, CovarianceIsCentredSymmetricAndPositiveSemidefinite) {
  PollAverageSettings s;
  s.shared_error = 0.1;
  const auto a =
      average_polls({poll({40, 30, 20, 10}, 1000), poll({42, 28, std::nullopt, 9}, 800, 5),
                     poll({38, 31, 21, 10}, 1500, 0, 10)},
                    4, s);
  EXPECT_LT((a.sampling_cov - a.sampling_cov.transpose()).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT(a.sampling_cov.rowwise().sum().cwiseAbs().maxCoeff(), 1e-12);  // shares ignore shifts
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(a.sampling_cov);
  EXPECT_GT(eig.eigenvalues().minCoeff(), -1e-12);
  // The shared error adds shared_error^2 to every log-share's variance.
  EXPECT_NEAR((a.covariance - a.sampling_cov).trace(), 4 * 0.01, 1e-12);
  // The option the second poll left out (and smaller) is less certain.
  EXPECT_GT(a.sampling_cov(2, 2), a.sampling_cov(1, 1));
}

// --- House effects ------------------------------------------------------------------

// A poll of `n` decided respondents reporting exactly `shares` (percent), with option
// `biased` multiplied by exp(bias) before renormalising, as a pollster with a house
// effect of `bias` on it would report.
Poll biased_poll(const std::string& pollster, std::vector<double> shares, int biased, double bias,
                 double n) {
  shares[biased] *= std::exp(bias);
  double sum = 0;
  for (double v : shares) sum += v;
  Poll p;
  p.pollster = pollster;
  p.sample_size = n;
  p.undecided_percent = 0;
  for (double v : shares) p.percent.push_back(100 * v / sum);
  return p;
}

TEST(PollAverage, GivenHouseEffectsAreRemovedBeforePooling) {
  const std::vector<double> truth{0.5, 0.3, 0.2};
  const std::vector<Poll> polls{biased_poll("A", truth, 1, 0.25, 1000),
                                biased_poll("B", truth, 0, 0.0, 1000)};
  const auto naive = average_polls(polls, 3, {});
  EXPECT_GT(naive.mean_shares(1), 0.31);  // A pulls option 1 up
  PollAverageSettings s;
  s.house_effects["A"] = {0, 0.25, 0};
  const auto a = average_polls(polls, 3, s);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(a.mean_shares(i), truth[i], 1e-9);
  ASSERT_EQ(a.house_pollsters.size(), 1u);
  EXPECT_EQ(a.house_pollsters[0], "A");
  EXPECT_FALSE(a.house_estimated[0]);
  EXPECT_DOUBLE_EQ(a.house_effects(0, 1), 0.25);
  s.house_effects["A"] = {0, 0.25};  // wrong size
  EXPECT_THROW(average_polls(polls, 3, s), std::invalid_argument);
}

TEST(PollAverage, EstimatedHouseEffectRecoversAPollsterAlwaysOffByX) {
  // Three pollsters with three polls each of the same electorate; A always reports
  // option 2 higher by X on the log scale. Estimation recovers X as A's effect relative
  // to the others; the sum-to-zero anchor puts the average pollster at the truth, so
  // the pooled mean moves by X/3 on that option, not by the naive fit's pull.
  const double x = 0.3;
  const std::vector<double> truth{0.45, 0.3, 0.15, 0.1};
  std::vector<Poll> polls;
  for (int r = 0; r < 3; ++r) {
    polls.push_back(biased_poll("A", truth, 2, x, 20000));
    polls.push_back(biased_poll("B", truth, 2, 0, 20000));
    polls.push_back(biased_poll("C", truth, 2, 0, 20000));
  }
  polls.push_back(biased_poll("D", truth, 2, 0, 1000));  // one poll: no effect of its own
  PollAverageSettings s;
  s.estimate_house_effects = true;
  s.house_effect_sd = 1.0;
  const auto a = average_polls(polls, 4, s);
  ASSERT_EQ(a.house_pollsters.size(), 3u);
  EXPECT_EQ(a.house_pollsters[0], "A");
  EXPECT_TRUE(a.house_estimated[0]);
  // Effects are centred across options; compare option 2 against option 0.
  const auto rel = [&](int k) { return a.house_effects(k, 2) - a.house_effects(k, 0); };
  EXPECT_NEAR(rel(0) - rel(1), x, 0.01);
  EXPECT_NEAR(rel(0) - rel(2), x, 0.01);
  EXPECT_NEAR(rel(1) - rel(2), 0.0, 0.01);
  // Sum to zero across the estimated pollsters, per option.
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(a.house_effects.col(i).sum(), 0.0, 1e-9);
  // The pooled log-ratio of option 2 to option 0 is off by X/3, not the naive X x A's share.
  const double lr = std::log(a.mean_shares(2) / a.mean_shares(0));
  EXPECT_NEAR(lr - std::log(truth[2] / truth[0]), x / 3, 0.02);
  // Estimating house effects costs precision: the effects' uncertainty enters mu.
  PollAverageSettings none;
  const auto b = average_polls(polls, 4, none);
  EXPECT_GT(var_log_ratio(a.sampling_cov, 2, 0), var_log_ratio(b.sampling_cov, 2, 0));
}

TEST(PollAverage, HouseEffectsNeedTwoRepeatPollsters) {
  const std::vector<double> truth{0.5, 0.3, 0.2};
  PollAverageSettings s;
  s.estimate_house_effects = true;
  // Only A polls twice: the sum-to-zero constraint leaves nothing to estimate.
  const auto a =
      average_polls({biased_poll("A", truth, 1, 0.2, 1000), biased_poll("A", truth, 1, 0.2, 1000),
                     biased_poll("B", truth, 1, 0, 1000)},
                    3, s);
  EXPECT_TRUE(a.house_pollsters.empty());
  const auto b =
      average_polls({biased_poll("A", truth, 1, 0.2, 1000), biased_poll("A", truth, 1, 0.2, 1000),
                     biased_poll("B", truth, 1, 0, 1000)},
                    3, {});
  EXPECT_NEAR(a.mean_shares(1), b.mean_shares(1), 1e-12);
}

TEST(PollAverage, RidgeShrinksAWeaklyMeasuredHouseEffect) {
  const std::vector<double> truth{0.5, 0.3, 0.2};
  std::vector<Poll> polls;
  for (int r = 0; r < 2; ++r) {
    polls.push_back(biased_poll("A", truth, 1, 0.3, 300));
    polls.push_back(biased_poll("B", truth, 1, 0, 300));
  }
  PollAverageSettings loose, tight;
  loose.estimate_house_effects = tight.estimate_house_effects = true;
  loose.house_effect_sd = 10;
  tight.house_effect_sd = 0.02;
  const auto l = average_polls(polls, 3, loose);
  const auto t = average_polls(polls, 3, tight);
  const auto gap = [](const PollAverage& a) {
    return (a.house_effects(0, 1) - a.house_effects(0, 0)) -
           (a.house_effects(1, 1) - a.house_effects(1, 0));
  };
  EXPECT_NEAR(gap(l), 0.3, 0.01);
  EXPECT_LT(std::abs(gap(t)), 0.1);
}

// --- Dirichlet sampling -------------------------------------------------------------

TEST(PollAverage, DirichletAlternativeMatchesTheTotalLogRatioVariance) {
  PollAverageSettings s;
  s.shared_error = 0.1;
  s.sampling = PollSampling::dirichlet;
  const auto a = average_polls({poll({50, 30, 20}, 1000), poll({48, 32, 20}, 1500)}, 3, s);
  const double n = dirichlet_sample_size(a);
  // Without a shared error the matching sample size is close to the pooled sample
  // (2500 respondents); the shared error makes it much smaller.
  PollAverageSettings plain;
  const auto b = average_polls({poll({50, 30, 20}, 1000), poll({48, 32, 20}, 1500)}, 3, plain);
  EXPECT_NEAR(dirichlet_sample_size(b), 2500, 60);
  EXPECT_LT(n, 500);
  EXPECT_GT(n, 100);
  const VoteModel m = to_vote_model(a);
  ASSERT_TRUE(std::holds_alternative<DirichletModel>(m));
  EXPECT_NEAR(std::get<DirichletModel>(m).concentration(), n, 1e-6 * n);
  s.sampling = PollSampling::logistic_normal;
  EXPECT_TRUE(std::holds_alternative<LogisticNormalModel>(
      to_vote_model(average_polls({poll({50, 30, 20}, 1000)}, 3, s))));
}

}  // namespace
}  // namespace seatcast::models
