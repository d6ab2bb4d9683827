// DirichletModel: validation, from_poll, analytic moments, and sampled moments and
// marginals against them with enough draws that wrong formulas are rejected.
#include "models/dirichlet.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <boost/math/special_functions/beta.hpp>

#include "engine/random/streams.h"
#include "tests/models/moments.h"

namespace seatcast::models {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Institute of Democracy poll, n = 8000 (percent): amanat, auyl, aq_jol, qhp, respublica,
// jsdp, baytaq, others.
const std::vector<double> kPollPercent = {58.4, 5.1, 5.4, 5.2, 4.2, 3.9, 1.8, 16.0};

// n draws of the model, one column per option.
std::vector<std::vector<double>> draw_columns(const DirichletModel& model, random::Engine& eng,
                                              int n) {
  const int k = model.size();
  std::vector<std::vector<double>> cols(k, std::vector<double>(n));
  std::vector<double> shares(k);
  for (int d = 0; d < n; ++d) {
    model.sample(eng, shares);
    for (int i = 0; i < k; ++i) cols[i][d] = shares[i];
  }
  return cols;
}

TEST(DirichletModel, RejectsInvalidAlpha) {
  EXPECT_THROW(DirichletModel({}), std::invalid_argument);
  EXPECT_THROW(DirichletModel({1.0, -0.5, 2.0}), std::invalid_argument);
  EXPECT_THROW(DirichletModel({1.0, 0.0}), std::invalid_argument);
  EXPECT_THROW(DirichletModel({1.0, kNaN}), std::invalid_argument);
  EXPECT_THROW(DirichletModel({1.0, kInf}), std::invalid_argument);
  try {
    DirichletModel({1.0, -0.5});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("alpha[1]"), std::string::npos) << e.what();
  }
}

TEST(DirichletModel, SampleRejectsWrongSpanSize) {
  const DirichletModel model({1.0, 2.0, 3.0});
  random::Engine eng(1);
  std::vector<double> shares(2);
  EXPECT_THROW(model.sample(eng, shares), std::invalid_argument);
}

TEST(DirichletModel, FromPollGivesShareTimesNPlusPrior) {
  const std::vector<double> shares = {0.5, 0.25, 0.125, 0.125};
  const DirichletModel model = DirichletModel::from_poll(shares, 8000, 1.0);
  EXPECT_EQ(model.alpha(), (std::vector<double>{4001.0, 2001.0, 1001.0, 1001.0}));
  EXPECT_EQ(model.concentration(), 8004.0);
  EXPECT_EQ(model.variates_per_draw(), 4u);

  // Fractions that sum to 1 (up to rounding) are used exactly as given.
  const std::vector<double> fractions = {0.584, 0.051, 0.054, 0.052, 0.042, 0.039, 0.018, 0.16};
  const DirichletModel poll = DirichletModel::from_poll(fractions, 8000, 1.0);
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    EXPECT_EQ(poll.alpha()[i], fractions[i] * 8000 + 1.0);
  }
  // Percentages are normalised first: the same alphas up to rounding.
  const DirichletModel percent = DirichletModel::from_poll(kPollPercent, 8000, 1.0);
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    EXPECT_DOUBLE_EQ(percent.alpha()[i], fractions[i] * 8000 + 1.0);
  }
  EXPECT_DOUBLE_EQ(percent.alpha()[0], 4673.0);
  EXPECT_DOUBLE_EQ(percent.alpha()[6], 145.0);
  // Prior 0 is allowed while every share is positive.
  EXPECT_EQ(DirichletModel::from_poll(shares, 100, 0.0).alpha()[0], 50.0);
}

TEST(DirichletModel, FromPollRejectsInvalidInput) {
  const std::vector<double> ok = {0.6, 0.4};
  EXPECT_THROW(DirichletModel::from_poll(std::vector<double>{}, 100, 1), std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(std::vector<double>{0.6, -0.1, 0.5}, 100, 1),
               std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(std::vector<double>{0.6, kNaN}, 100, 1),
               std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(std::vector<double>{0.0, 0.0}, 100, 1),
               std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(ok, 0, 1), std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(ok, kNaN, 1), std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(ok, 100, -1), std::invalid_argument);
  EXPECT_THROW(DirichletModel::from_poll(ok, 100, kInf), std::invalid_argument);
  // A zero share with prior 0 would give alpha 0.
  EXPECT_THROW(DirichletModel::from_poll(std::vector<double>{1.0, 0.0}, 100, 0),
               std::invalid_argument);
}

TEST(DirichletModel, AnalyticMomentsByHand) {
  const DirichletModel model({1.0, 2.0, 3.0});  // a0 = 6, a0^2 (a0 + 1) = 252
  const Eigen::VectorXd mean = model.mean();
  EXPECT_DOUBLE_EQ(mean[0], 1.0 / 6);
  EXPECT_DOUBLE_EQ(mean[1], 2.0 / 6);
  EXPECT_DOUBLE_EQ(mean[2], 3.0 / 6);
  const Eigen::MatrixXd cov = model.covariance();
  EXPECT_DOUBLE_EQ(cov(0, 0), 5.0 / 252);
  EXPECT_DOUBLE_EQ(cov(1, 1), 8.0 / 252);
  EXPECT_DOUBLE_EQ(cov(2, 2), 9.0 / 252);
  EXPECT_DOUBLE_EQ(cov(0, 1), -2.0 / 252);
  EXPECT_DOUBLE_EQ(cov(1, 2), -6.0 / 252);
  EXPECT_DOUBLE_EQ(cov(2, 0), -3.0 / 252);
  // Shares sum to 1, so every row of the covariance sums to 0.
  EXPECT_NEAR(cov.rowwise().sum().cwiseAbs().maxCoeff(), 0.0, 1e-15);
}

// Sampled means, variances and covariances within 5 se of the analytic ones. With a0 = 10
// the (a0 + 1) factor is a 10% effect on every (co)variance, about 30 se at 200k draws,
// and a mean of a_i / (a0 + 1) is off by 60+ se; the EXPECT_REJECTS lines prove it.
void check_sampled_moments(const DirichletModel& model, std::uint64_t seed, bool check_power) {
  random::Engine eng(seed);
  constexpr int n = 200'000;
  const auto cols = draw_columns(model, eng, n);
  const Eigen::VectorXd mean = model.mean();
  const Eigen::MatrixXd cov = model.covariance();
  const double a0 = model.concentration();
  const int k = model.size();
  for (int i = 0; i < k; ++i) {
    const auto m = testing::mean_of(cols[i]);
    EXPECT_WITHIN_SE(m, mean[i]) << "mean " << i;
    if (check_power) {
      EXPECT_REJECTS(m, model.alpha()[i] / (a0 + 1)) << "mean " << i;
    }
    for (int j = i; j < k; ++j) {
      const auto c = testing::covariance_of(cols[i], cols[j]);
      EXPECT_WITHIN_SE(c, cov(i, j)) << "cov " << i << "," << j;
      if (check_power) {
        EXPECT_REJECTS(c, cov(i, j) * (a0 + 1) / a0) << "cov " << i << "," << j;
      }
    }
  }
}

TEST(DirichletModel, SampledMomentsMatchAnalytic) {
  check_sampled_moments(DirichletModel({2.0, 3.0, 5.0}), 11, true);
}

// Alphas below 1 take the log-space path.
TEST(DirichletModel, SampledMomentsMatchAnalyticSmallAlpha) {
  const DirichletModel model({0.3, 0.5, 2.2});
  EXPECT_TRUE(model.log_space());
  check_sampled_moments(model, 12, true);
}

// The poll model (a0 = 8008): the +1 is invisible here, but means and (co)variances must
// still match, e.g. amanat's share has sd 0.0055 around 0.5835.
TEST(DirichletModel, SampledMomentsMatchAnalyticPoll) {
  const DirichletModel model = DirichletModel::from_poll(kPollPercent, 8000, 1.0);
  EXPECT_FALSE(model.log_space());
  check_sampled_moments(model, 13, false);
}

// Each share is Beta(a_i, a0 - a_i): KS test of the whole marginal, both sampling paths.
TEST(DirichletModel, MarginalsAreBeta) {
  for (const std::vector<double>& alpha :
       {std::vector<double>{2.0, 3.0, 5.0}, std::vector<double>{0.3, 0.5, 2.2}}) {
    const DirichletModel model(alpha);
    random::Engine eng(21);
    const auto cols = draw_columns(model, eng, 50'000);
    const double a0 = model.concentration();
    for (int i = 0; i < model.size(); ++i) {
      const double a = alpha[i];
      EXPECT_LT(testing::ks_statistic(cols[i],
                                      [&](double p) { return boost::math::ibeta(a, a0 - a, p); }),
                testing::kKsCritical)
          << "alpha " << a;
    }
  }
}

// Shares sum to 1 within 1e-12 and are positive, for ordinary and poll alphas.
TEST(DirichletModel, SharesArePositiveAndSumToOne) {
  for (const DirichletModel& model :
       {DirichletModel({2.0, 3.0, 5.0}), DirichletModel({0.3, 0.5, 2.2}),
        DirichletModel::from_poll(kPollPercent, 8000, 1.0), DirichletModel({1.0})}) {
    random::Engine eng(3);
    std::vector<double> shares(model.size());
    for (int d = 0; d < 20'000; ++d) {
      model.sample(eng, shares);
      for (double s : shares) ASSERT_GT(s, 0.0);
      ASSERT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-12);
    }
  }
}

// alpha = 0.001: half of all gammas underflow double precision, so a naive sampler would
// return 0/0 for about an eighth of the draws. Log space keeps the shares finite and
// summing to 1, and by symmetry each share has mean 1/3 (variance 0.2216, checked to 5 se).
TEST(DirichletModel, TinyAlphasStayFinite) {
  const DirichletModel model({0.001, 0.001, 0.001});
  EXPECT_TRUE(model.log_space());
  random::Engine eng(4);
  constexpr int n = 100'000;
  const auto cols = draw_columns(model, eng, n);
  for (int d = 0; d < n; ++d) {
    double total = 0.0;
    for (const auto& col : cols) {
      ASSERT_TRUE(std::isfinite(col[d]));
      ASSERT_GE(col[d], 0.0);
      total += col[d];
    }
    ASSERT_NEAR(total, 1.0, 1e-12);
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_WITHIN_SE(testing::mean_of(cols[i]), 1.0 / 3);
    EXPECT_WITHIN_SE(testing::variance_of(cols[i]), model.covariance()(i, i));
  }
}

TEST(DirichletModel, SameSeedSameShares) {
  const DirichletModel model = DirichletModel::from_poll(kPollPercent, 8000, 1.0);
  const DirichletModel copy = model;
  random::Engine e1 = random::make_engine(42, 7, random::Stage::national_shares);
  random::Engine e2 = random::make_engine(42, 7, random::Stage::national_shares);
  random::Engine e3 = random::make_engine(42, 8, random::Stage::national_shares);
  std::vector<double> a(8), b(8), c(8);
  bool differs = false;
  for (int d = 0; d < 1000; ++d) {
    model.sample(e1, a);
    copy.sample(e2, b);
    model.sample(e3, c);
    ASSERT_EQ(a, b);
    differs |= a != c;
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace seatcast::models
