// LogisticNormalModel: validation, analytic log-ratio moments, sampled log-ratio moments
// against them, Student-t variance inflation and tails, shares on the simplex,
// determinism.
#include "models/logistic_normal.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "engine/random/streams.h"
#include "tests/models/moments.h"

namespace seatcast::models {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double e : v) x[i++] = e;
  return x;
}

// Four options with mixed-sign correlations (positive definite: eigenvalues 0.35 to 1.45).
Eigen::MatrixXd test_correlation() {
  Eigen::MatrixXd r(4, 4);
  r << 1.0, -0.4, 0.2, 0.1,  //
      -0.4, 1.0, 0.3, 0.0,   //
      0.2, 0.3, 1.0, -0.2,   //
      0.1, 0.0, -0.2, 1.0;
  return r;
}

LogisticNormalModel test_model(double t_dof = 0.0) {
  return LogisticNormalModel(vec({0.5, 0.2, 0.2, 0.1}), vec({0.10, 0.25, 0.15, 0.30}),
                             test_correlation(), t_dof);
}

// n draws of log(p_i / p_ref) for every i, one column per i.
std::vector<std::vector<double>> draw_log_ratios(const LogisticNormalModel& model,
                                                 random::Engine& eng, int n, int ref) {
  const int k = model.size();
  std::vector<std::vector<double>> cols(k, std::vector<double>(n));
  std::vector<double> shares(k);
  for (int d = 0; d < n; ++d) {
    model.sample(eng, shares);
    for (int i = 0; i < k; ++i) cols[i][d] = std::log(shares[i] / shares[ref]);
  }
  return cols;
}

TEST(LogisticNormalModel, RejectsInvalidInput) {
  const Eigen::VectorXd m = vec({0.5, 0.3, 0.2});
  const Eigen::VectorXd s = vec({0.1, 0.1, 0.1});
  const Eigen::MatrixXd r = Eigen::MatrixXd::Identity(3, 3);
  EXPECT_NO_THROW(LogisticNormalModel(m, s, r));
  EXPECT_THROW(LogisticNormalModel(vec({0.5, 0.0, 0.5}), s, r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(vec({0.5, -0.1, 0.6}), s, r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(vec({0.5, kNaN, 0.5}), s, r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(m, vec({0.1, -0.1, 0.1}), r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(m, vec({0.1, kNaN, 0.1}), r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(m, vec({0.1, 0.1}), r), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(m, s, Eigen::MatrixXd::Identity(2, 2)), std::invalid_argument);
  EXPECT_THROW(LogisticNormalModel(Eigen::VectorXd(), Eigen::VectorXd(), Eigen::MatrixXd()),
               std::invalid_argument);

  Eigen::MatrixXd asym = r;
  asym(0, 1) = 0.3;
  EXPECT_THROW(LogisticNormalModel(m, s, asym), std::invalid_argument);
  Eigen::MatrixXd diag = r;
  diag(1, 1) = 2.0;
  EXPECT_THROW(LogisticNormalModel(m, s, diag), std::invalid_argument);
  Eigen::MatrixXd nan = r;
  nan(0, 2) = nan(2, 0) = kNaN;
  EXPECT_THROW(LogisticNormalModel(m, s, nan), std::invalid_argument);
  Eigen::MatrixXd big = r;
  big(0, 2) = big(2, 0) = 1.5;
  EXPECT_THROW(LogisticNormalModel(m, s, big), std::invalid_argument);
  // Pairwise valid correlations that are jointly impossible: 0.9, 0.9 and -0.9.
  Eigen::MatrixXd non_pd(3, 3);
  non_pd << 1.0, 0.9, 0.9, 0.9, 1.0, -0.9, 0.9, -0.9, 1.0;
  try {
    LogisticNormalModel(m, s, non_pd);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("positive definite"), std::string::npos) << e.what();
  }
  // Perfect correlation is only semi-definite.
  Eigen::MatrixXd singular = Eigen::MatrixXd::Ones(3, 3);
  EXPECT_THROW(LogisticNormalModel(m, s, singular), std::invalid_argument);

  for (double nu : {-1.0, 1.0, 2.0, kNaN, std::numeric_limits<double>::infinity()}) {
    EXPECT_THROW(LogisticNormalModel(m, s, r, nu), std::invalid_argument) << "nu=" << nu;
  }
  EXPECT_NO_THROW(LogisticNormalModel(m, s, r, 2.5));
}

TEST(LogisticNormalModel, SampleRejectsWrongSpanSize) {
  const LogisticNormalModel model = test_model();
  random::Engine eng(1);
  std::vector<double> shares(5);
  EXPECT_THROW(model.sample(eng, shares), std::invalid_argument);
}

TEST(LogisticNormalModel, NormalisesMeanShares) {
  const LogisticNormalModel model(vec({2.0, 1.0, 1.0}), vec({0.1, 0.1, 0.1}),
                                  Eigen::MatrixXd::Identity(3, 3));
  EXPECT_DOUBLE_EQ(model.mean_shares()[0], 0.5);
  EXPECT_DOUBLE_EQ(model.mean_shares()[1], 0.25);
  EXPECT_DOUBLE_EQ(model.log_ratio_mean(0, 1), std::log(2.0));
}

TEST(LogisticNormalModel, AnalyticLogRatioMomentsByHand) {
  const LogisticNormalModel model = test_model();
  EXPECT_DOUBLE_EQ(model.log_ratio_mean(0, 3), std::log(5.0));
  EXPECT_DOUBLE_EQ(model.log_ratio_mean(1, 2), 0.0);
  EXPECT_EQ(model.log_ratio_variance(2, 2), 0.0);
  // 0.1^2 + 0.25^2 - 2 (-0.4) 0.1 0.25
  EXPECT_DOUBLE_EQ(model.log_ratio_variance(0, 1), 0.0925);
  EXPECT_DOUBLE_EQ(model.log_ratio_variance(1, 0), 0.0925);
  // 0.1^2 + 0.3^2 - 2 (0.1) 0.1 0.3
  EXPECT_DOUBLE_EQ(model.log_ratio_variance(0, 3), 0.094);
  EXPECT_DOUBLE_EQ(model.log_ratio_covariance(0, 1, 0, 1), model.log_ratio_variance(0, 1));
  // Cov(eta0 - eta3, eta1 - eta3) = S01 - S03 - S31 + S33 = -0.01 - 0.003 - 0 + 0.09
  EXPECT_DOUBLE_EQ(model.log_ratio_covariance(0, 3, 1, 3), 0.077);
  EXPECT_DOUBLE_EQ(model.log_ratio_covariance(0, 3, 3, 0), -0.094);
  EXPECT_EQ(model.variates_per_draw(), 4u);
  EXPECT_THROW(model.log_ratio_mean(0, 4), std::out_of_range);
  EXPECT_THROW(model.log_ratio_covariance(0, 1, -1, 2), std::out_of_range);

  // Per-option t5: variances times 5/3 = E[5 / W]; covariances times
  // E[sqrt(5 / W)]^2 = (5/2) (Gamma(2) / Gamma(5/2))^2 = (5/2) (4 / (3 sqrt(pi)))^2 = 40 / (9 pi).
  const LogisticNormalModel t = test_model(5.0);
  const double own = 5.0 / 3.0, cross = 40.0 / (9.0 * M_PI);
  // 0.1^2 own + 0.25^2 own - 2 (-0.01) cross
  EXPECT_NEAR(t.log_ratio_variance(0, 1), (0.01 + 0.0625) * own + 0.02 * cross, 1e-15);
  // S01 - S03 - S31 + S33 = (-0.01 - 0.003 - 0) cross + 0.09 own
  EXPECT_NEAR(t.log_ratio_covariance(0, 3, 1, 3), -0.013 * cross + 0.09 * own, 1e-15);
  EXPECT_DOUBLE_EQ(t.log_share_covariance()(1, 1), 0.0625 * own);
  EXPECT_NEAR(t.log_share_covariance()(0, 1), -0.01 * cross, 1e-16);
  EXPECT_EQ(t.variates_per_draw(), 8u);
}

// Sampled log-ratio means, variances and covariances within 5 se of the analytic values
// (200k draws: se of a variance about 0.3% of it). Dropping the correlations (R = I)
// would move log(p0/p3)'s variance by 6%, log(p0/p1)'s by 22%; the EXPECT_REJECTS lines
// prove the test would catch it.
TEST(LogisticNormalModel, SampledLogRatioMomentsMatchAnalytic) {
  const LogisticNormalModel model = test_model();
  const LogisticNormalModel uncorrelated(model.mean_shares(), model.sigma(),
                                         Eigen::MatrixXd::Identity(4, 4));
  random::Engine eng(31);
  constexpr int n = 200'000;
  const int ref = 3;
  const auto cols = draw_log_ratios(model, eng, n, ref);
  for (int i = 0; i < ref; ++i) {
    EXPECT_WITHIN_SE(testing::mean_of(cols[i]), model.log_ratio_mean(i, ref)) << i;
    for (int j = i; j < ref; ++j) {
      const auto c = testing::covariance_of(cols[i], cols[j]);
      EXPECT_WITHIN_SE(c, model.log_ratio_covariance(i, ref, j, ref)) << i << "," << j;
    }
  }
  EXPECT_REJECTS(testing::variance_of(cols[0]), uncorrelated.log_ratio_variance(0, ref));
  // A ratio without the reference option: log(p0/p1) = L0 - L1.
  std::vector<double> l01(n);
  for (int d = 0; d < n; ++d) l01[d] = cols[0][d] - cols[1][d];
  EXPECT_WITHIN_SE(testing::variance_of(l01), model.log_ratio_variance(0, 1));
  EXPECT_REJECTS(testing::variance_of(l01), uncorrelated.log_ratio_variance(0, 1));
  // Normal tails: kurtosis 3 within 5 se (se sqrt(24 / n) = 0.011).
  EXPECT_NEAR(testing::kurtosis_of(cols[0]), 3.0, 5.0 * std::sqrt(24.0 / n));
}

// Student-t with nu = 5 per option: the sampled log-ratio moments match the analytic
// ones (own variances times 5/3, cross terms times 40 / (9 pi)), variances are well
// above the normal model's, and the tails are heavier (kurtosis of t5 is 9; its sample
// value converges slowly, so only "well above 3" is asserted). The plug-in se of a t5
// variance is about sqrt(8 / n) of it, 0.6% at 200k draws.
TEST(LogisticNormalModel, StudentTInflatesVarianceAndTails) {
  const LogisticNormalModel normal = test_model();
  const LogisticNormalModel t5 = test_model(5.0);
  EXPECT_TRUE(t5.student_t());
  random::Engine eng(32);
  constexpr int n = 200'000;
  const int ref = 3;
  const auto cols = draw_log_ratios(t5, eng, n, ref);
  for (int i = 0; i < ref; ++i) {
    EXPECT_WITHIN_SE(testing::mean_of(cols[i]), t5.log_ratio_mean(i, ref)) << i;
    for (int j = i; j < ref; ++j) {
      const auto c = testing::covariance_of(cols[i], cols[j]);
      EXPECT_WITHIN_SE(c, t5.log_ratio_covariance(i, ref, j, ref)) << i << "," << j;
    }
    const auto v = testing::variance_of(cols[i]);
    EXPECT_REJECTS(v, normal.log_ratio_variance(i, ref)) << i;
    EXPECT_GT(v.value, 1.3 * normal.log_ratio_variance(i, ref)) << i;
    EXPECT_GT(testing::kurtosis_of(cols[i]), 5.0) << i;
  }
}

// The tails are per option: a large miss of one option does not widen the others. With
// independent options and a reference option of no spread, log(p_i / p_ref) is option
// i's own error; for independent mixing variables E[x_0^2 x_1^2] = E[x_0^2] E[x_1^2],
// while one mixing variable for all (the multivariate t) makes the ratio
// E[(5 / W)^2] / E[5 / W]^2 = (nu - 2) / (nu - 4) = 3. Asserted: the ratio within 0.15
// of 1 (its sampling sd at 400k draws is sqrt((9^2 - 1) / n) = 0.014).
TEST(LogisticNormalModel, StudentTTailsArePerOption) {
  Eigen::VectorXd m(3), s(3);
  m << 0.3, 0.3, 0.4;
  s << 0.2, 0.2, 0.0;
  const LogisticNormalModel t5(m, s, Eigen::MatrixXd::Identity(3, 3), 5.0);
  random::Engine eng(77);
  constexpr int n = 400'000;
  const auto cols = draw_log_ratios(t5, eng, n, 2);
  double s0 = 0, s1 = 0, s01 = 0;
  const double c0 = std::log(0.75);
  for (int d = 0; d < n; ++d) {
    const double a = (cols[0][d] - c0) * (cols[0][d] - c0);
    const double b = (cols[1][d] - c0) * (cols[1][d] - c0);
    s0 += a;
    s1 += b;
    s01 += a * b;
  }
  const double ratio = (s01 / n) / ((s0 / n) * (s1 / n));
  EXPECT_NEAR(ratio, 1.0, 0.15);
  EXPECT_NEAR(s0 / n, 0.04 * 5.0 / 3.0, 0.04 * 5.0 / 3.0 * 0.05);
}

// Shares sum to 1 within 1e-12 and are positive, normal and t, 4 and 8 options.
TEST(LogisticNormalModel, SharesArePositiveAndSumToOne) {
  Eigen::MatrixXd r8 = Eigen::MatrixXd::Constant(8, 8, 0.3);
  r8.diagonal().setOnes();
  const Eigen::VectorXd m8 = vec({58.4, 5.1, 5.4, 5.2, 4.2, 3.9, 1.8, 16.0});
  const Eigen::VectorXd s8 = Eigen::VectorXd::Constant(8, 0.2);
  for (const LogisticNormalModel& model :
       {test_model(), test_model(3.0), LogisticNormalModel(m8, s8, r8),
        LogisticNormalModel(m8, s8 * 3, r8, 2.5)}) {
    random::Engine eng(5);
    std::vector<double> shares(model.size());
    for (int d = 0; d < 20'000; ++d) {
      model.sample(eng, shares);
      for (double s : shares) ASSERT_GT(s, 0.0);
      ASSERT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-12);
    }
  }
}

TEST(LogisticNormalModel, ZeroSigmaGivesMeanShares) {
  const LogisticNormalModel model(vec({0.5, 0.3, 0.2}), Eigen::VectorXd::Zero(3),
                                  Eigen::MatrixXd::Identity(3, 3), 4.0);
  random::Engine eng(6);
  std::vector<double> shares(3);
  model.sample(eng, shares);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(shares[i], model.mean_shares()[i], 1e-15);
}

TEST(LogisticNormalModel, SameSeedSameShares) {
  for (double nu : {0.0, 5.0}) {
    const LogisticNormalModel model = test_model(nu);
    const LogisticNormalModel copy = model;
    random::Engine e1 = random::make_engine(42, 7, random::Stage::national_shares);
    random::Engine e2 = random::make_engine(42, 7, random::Stage::national_shares);
    random::Engine e3 = random::make_engine(43, 7, random::Stage::national_shares);
    std::vector<double> a(4), b(4), c(4);
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
}

// The Dirichlet noise of a shared error in points: around fixed shares (sigma 0), each
// share's mean is its centre and its variance p (1 - p) / (N + 1), within 5 se; the
// variance of plain shares (0) and of a Dirichlet twice as concentrated are rejected.
// Its right tail is bounded by the share: at N = 399 a 5% option never passes 15% in
// 200k draws (Beta(19.95, 379.05): P(X > 0.15) is about 1e-11).
TEST(LogisticNormalModel, DirichletNoiseHasTheBinomialVariance) {
  Eigen::VectorXd m(3);
  m << 0.6, 0.35, 0.05;
  const double n_conc = 399;
  const LogisticNormalModel model(m, Eigen::VectorXd::Zero(3), Eigen::MatrixXd::Identity(3, 3), 0.0,
                                  n_conc);
  EXPECT_EQ(model.variates_per_draw(), 6u);
  random::Engine eng(2026);
  constexpr int n = 200'000;
  std::vector<std::vector<double>> cols(3, std::vector<double>(n));
  std::vector<double> shares(3);
  double top_small = 0;
  for (int d = 0; d < n; ++d) {
    model.sample(eng, shares);
    for (int i = 0; i < 3; ++i) cols[i][d] = shares[i];
    top_small = std::max(top_small, shares[2]);
  }
  for (int i = 0; i < 3; ++i) {
    const double p = m(i);
    EXPECT_WITHIN_SE(testing::mean_of(cols[i]), p) << i;
    const auto v = testing::variance_of(cols[i]);
    EXPECT_WITHIN_SE(v, p * (1 - p) / (n_conc + 1)) << i;
    EXPECT_REJECTS(v, p * (1 - p) / (2 * n_conc + 1)) << i;
  }
  EXPECT_LT(top_small, 0.15);
  EXPECT_THROW(
      LogisticNormalModel(m, Eigen::VectorXd::Zero(3), Eigen::MatrixXd::Identity(3, 3), 0.0, -1.0),
      std::invalid_argument);
}

}  // namespace
}  // namespace seatcast::models
