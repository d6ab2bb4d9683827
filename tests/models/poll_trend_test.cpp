// The dynamic poll model (models/poll_trend.h): the Kalman filter and smoother against
// the same Gaussian model solved by brute force, intervals that widen between polls and
// towards election day, recovered house effects, and refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include "engine/random/streams.h"
#include "models/poll_trend.h"

namespace seatcast::models {
namespace {

Poll poll(const char* who, std::int64_t day, double n, std::vector<std::optional<double>> pct) {
  Poll p;
  p.pollster = who;
  p.day = day;
  p.sample_size = n;
  p.percent = std::move(pct);
  p.undecided_percent = 0.0;
  return p;
}

// The model of the header, written out as one joint Gaussian over every day's state
// and the house unknowns, and solved densely: prior covariance, observation matrix,
// posterior by the normal equations, marginal likelihood of the ratios.
struct BruteForce {
  Eigen::MatrixXd mean;              // [days x options] centred log-shares
  std::vector<Eigen::MatrixXd> cov;  // per day
  double log_likelihood = 0;
};

BruteForce brute_force(const std::vector<Poll>& polls, int f, std::int64_t first, int days,
                       double drift, double initial_sd, double house_sd,
                       const std::vector<std::string>& houses) {
  const int m = f - 1;
  const int nh = static_cast<int>(houses.size());
  const int q = nh >= 2 ? (nh - 1) * m : 0;
  const int nx = days * m + q;
  const Eigen::MatrixXd v = sum_zero_basis(f);
  const Eigen::MatrixXd u = nh >= 2 ? sum_zero_basis(nh) : Eigen::MatrixXd();
  Eigen::MatrixXd prior = Eigen::MatrixXd::Zero(nx, nx);
  for (int s = 0; s < days; ++s)
    for (int t = 0; t < days; ++t)
      prior.block(s * m, t * m, m, m) = (initial_sd * initial_sd + std::min(s, t) * drift * drift) *
                                        Eigen::MatrixXd::Identity(m, m);
  for (int j = days * m; j < nx; ++j) prior(j, j) = house_sd * house_sd;
  std::vector<Eigen::RowVectorXd> rows;
  std::vector<double> zs;
  std::vector<Eigen::MatrixXd> noises;
  int n_obs = 0;
  for (const Poll& p : polls) {
    int ref = 0;
    for (int i = 0; i < f; ++i)
      if (*p.percent[i] > *p.percent[ref]) ref = i;
    double total = 0;
    for (int i = 0; i < f; ++i) total += *p.percent[i];
    const double n = *p.sample_size;
    Eigen::MatrixXd r = Eigen::MatrixXd::Constant(m, m, total / (n * *p.percent[ref]));
    int k = 0;
    for (int i = 0; i < f; ++i) {
      if (i == ref) continue;
      r(k, k) += total / (n * *p.percent[i]);
      Eigen::RowVectorXd row = Eigen::RowVectorXd::Zero(nx);
      const Eigen::RowVectorXd h = v.row(i) - v.row(ref);
      row.segment(static_cast<int>(p.day - first) * m, m) = h;
      const auto who = std::find(houses.begin(), houses.end(), p.pollster);
      if (q > 0 && who != houses.end())
        for (int j = 0; j + 1 < nh; ++j)
          row.segment(days * m + j * m, m) += u(who - houses.begin(), j) * h;
      rows.push_back(row);
      zs.push_back(std::log(*p.percent[i] / *p.percent[ref]));
      ++k;
    }
    noises.push_back(r);
    n_obs += m;
  }
  Eigen::MatrixXd g(n_obs, nx);
  Eigen::VectorXd z(n_obs);
  Eigen::MatrixXd noise = Eigen::MatrixXd::Zero(n_obs, n_obs);
  for (int i = 0; i < n_obs; ++i) {
    g.row(i) = rows[static_cast<std::size_t>(i)];
    z(i) = zs[static_cast<std::size_t>(i)];
  }
  for (std::size_t b = 0; b < noises.size(); ++b)
    noise.block(static_cast<int>(b) * m, static_cast<int>(b) * m, m, m) = noises[b];
  const Eigen::MatrixXd marginal = g * prior * g.transpose() + noise;
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(marginal);
  const Eigen::MatrixXd post_cov = prior - prior * g.transpose() * ldlt.solve(g * prior);
  const Eigen::VectorXd post_mean = prior * g.transpose() * ldlt.solve(z);
  BruteForce out;
  out.log_likelihood = -0.5 * (n_obs * std::log(2 * std::numbers::pi) +
                               ldlt.vectorD().array().log().sum() + z.dot(ldlt.solve(z)));
  out.mean.resize(days, f);
  for (int t = 0; t < days; ++t) {
    out.mean.row(t) = (v * post_mean.segment(t * m, m)).transpose();
    out.cov.push_back(v * post_cov.block(t * m, t * m, m, m) * v.transpose());
  }
  return out;
}

TEST(PollTrend, KalmanSmootherEqualsTheJointGaussianSolvedDensely) {
  // 3 options, 6 polls by 3 pollsters over 10 days (two of them twice or more: their
  // house effects are estimated), election on day 12, two polls on one day.
  const std::int64_t d0 = 19000;
  std::vector<Poll> polls = {
      poll("A", d0 + 0, 800, {40, 35, 25}),  poll("B", d0 + 2, 1000, {38, 37, 25}),
      poll("A", d0 + 5, 700, {42, 33, 25}),  poll("C", d0 + 5, 900, {36, 39, 25}),
      poll("B", d0 + 9, 1200, {41, 32, 27}), poll("A", d0 + 10, 600, {45, 30, 25})};
  PollTrendSettings s;
  s.election_day = d0 + 12;
  s.drift = 0.03;
  s.reweight_rounds = 0;  // weights from the observed shares, as the dense solution uses
  s.poll.estimate_house_effects = true;
  s.poll.house_effect_sd = 0.1;
  s.initial_sd = 3;
  const PollTrend trend = fit_poll_trend(polls, 3, s);
  const BruteForce bf = brute_force(polls, 3, d0, 13, 0.03, 3, 0.1, {"A", "B"});
  ASSERT_EQ(trend.days(), 13);
  EXPECT_NEAR(trend.log_likelihood, bf.log_likelihood, 1e-9);
  for (int t = 0; t < 13; ++t) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(trend.mean(t, i), bf.mean(t, i), 1e-9) << "day " << t;
      for (int j = 0; j < 3; ++j)
        EXPECT_NEAR(trend.cov[static_cast<std::size_t>(t)](i, j),
                    bf.cov[static_cast<std::size_t>(t)](i, j), 1e-9)
            << "day " << t;
    }
  }
  // The forecast is election day's state.
  EXPECT_NEAR(trend.forecast.sampling_cov(0, 0), bf.cov[12](0, 0), 1e-9);
}

TEST(PollTrend, WithoutHouseEffectsToo) {
  const std::int64_t d0 = 100;
  std::vector<Poll> polls = {poll("A", d0, 500, {50, 30, 20}), poll("B", d0 + 3, 800, {47, 33, 20}),
                             poll("C", d0 + 3, 600, {45, 35, 20})};
  PollTrendSettings s;
  s.election_day = d0 + 6;
  s.drift = 0.01;
  s.reweight_rounds = 0;
  const PollTrend trend = fit_poll_trend(polls, 3, s);
  const BruteForce bf = brute_force(polls, 3, d0, 7, 0.01, s.initial_sd, 0.2, {});
  EXPECT_NEAR(trend.log_likelihood, bf.log_likelihood, 1e-9);
  for (int t = 0; t < 7; ++t)
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(trend.mean(t, i), bf.mean(t, i), 1e-9);
      EXPECT_NEAR(trend.cov[static_cast<std::size_t>(t)](i, i),
                  bf.cov[static_cast<std::size_t>(t)](i, i), 1e-9);
    }
}

// Polls on days 0-10 and 50-60, election on day 90: the state's variance is larger in
// the gap than beside the polls, largest in its middle, and grows every day after the
// last poll; with the drift, the forecast widens with the days left.
TEST(PollTrend, IntervalsWidenBetweenPollsAndTowardsElectionDay) {
  std::vector<Poll> polls;
  for (int d = 0; d <= 10; d += 2) polls.push_back(poll("A", d, 1000, {40, 35, 25}));
  for (int d = 50; d <= 60; d += 2) polls.push_back(poll("A", d, 1000, {40, 35, 25}));
  PollTrendSettings s;
  s.election_day = 90;
  s.drift = 0.01;
  const PollTrend trend = fit_poll_trend(polls, 3, s);
  const auto var = [&](int day) { return trend.cov[static_cast<std::size_t>(day)](0, 0); };
  EXPECT_GT(var(30), 1.5 * var(5));
  EXPECT_GT(var(30), 1.5 * var(55));
  EXPECT_GT(var(30), var(20));
  EXPECT_GT(var(30), var(40));
  for (int d = 61; d <= 90; ++d) EXPECT_GT(var(d), var(d - 1)) << d;
  // Past the last poll the variance grows by drift^2 (1 - 1/3) a day, exactly.
  EXPECT_NEAR(var(90) - var(60), 30 * 0.01 * 0.01 * (2.0 / 3.0), 1e-12);
  // The trend's intervals, in shares, say the same.
  const auto q = trend_share_quantiles(trend, {0.05, 0.95}, 2000);
  EXPECT_GT(q[1](30, 0) - q[0](30, 0), q[1](5, 0) - q[0](5, 0));
  EXPECT_GT(q[1](90, 0) - q[0](90, 0), q[1](60, 0) - q[0](60, 0));
  s.election_day = 180;
  const PollTrend later = fit_poll_trend(polls, 3, s);
  EXPECT_GT(later.forecast.sampling_cov(0, 0), trend.forecast.sampling_cov(0, 0));
}

// Four pollsters with known house effects (summing to zero) measure a slowly moving
// truth; the estimated effects are within 0.03 of the truth on the log scale and the
// estimated drift is of the right order.
TEST(PollTrend, RecoversHouseEffectsOfSimulatedPollsters) {
  const double truth[3] = {0.40, 0.35, 0.25};
  const double effect[4][3] = {
      {0.10, -0.05, -0.05}, {-0.08, 0.04, 0.04}, {0.02, 0.06, -0.08}, {-0.04, -0.05, 0.09}};
  random::Engine eng(7);
  std::vector<Poll> polls;
  const char* names[4] = {"W", "X", "Y", "Z"};
  for (int day = 0; day < 120; ++day) {
    const int k = day % 4;
    double w[3], sum = 0;
    for (int i = 0; i < 3; ++i) sum += w[i] = truth[i] * std::exp(effect[k][i]);
    const int n = 2000;
    double count[3];
    int left = n;
    double rest = 1.0;
    for (int i = 0; i < 2; ++i) {
      boost::random::binomial_distribution<int> b(left, (w[i] / sum) / rest);
      count[i] = b(eng);
      left -= static_cast<int>(count[i]);
      rest -= w[i] / sum;
    }
    count[2] = left;
    polls.push_back(
        poll(names[k], day, n, {100 * count[0] / n, 100 * count[1] / n, 100 * count[2] / n}));
  }
  PollTrendSettings s;
  s.election_day = 120;
  s.poll.estimate_house_effects = true;
  const PollTrend trend = fit_poll_trend(polls, 3, s);
  ASSERT_EQ(trend.forecast.house_pollsters.size(), 4u);
  for (int k = 0; k < 4; ++k) {
    const double mean = (effect[k][0] + effect[k][1] + effect[k][2]) / 3;
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(trend.forecast.house_effects(k, i), effect[k][i] - mean, 0.03)
          << names[k] << " option " << i;
  }
  EXPECT_TRUE(trend.drift_estimated);
  EXPECT_LT(trend.drift, 0.01);  // the truth does not move
  EXPECT_NEAR(trend.forecast.mean_shares(0), 0.40, 0.01);
}

TEST(PollTrend, Refusals) {
  PollTrendSettings s;
  s.election_day = 10;
  EXPECT_THROW(fit_poll_trend({}, 3, s), std::invalid_argument);
  EXPECT_THROW(fit_poll_trend({poll("A", 11, 500, {50, 30, 20})}, 3, s), std::invalid_argument);
  EXPECT_THROW(fit_poll_trend({poll("A", 1, 500, {50, std::nullopt, std::nullopt})}, 3, s),
               std::invalid_argument);
  s.drift = -0.1;
  EXPECT_THROW(fit_poll_trend({poll("A", 1, 500, {50, 30, 20})}, 3, s), std::invalid_argument);
}

}  // namespace
}  // namespace seatcast::models
