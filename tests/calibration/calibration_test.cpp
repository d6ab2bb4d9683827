// Simulation-based calibration of the model stage: does the distribution the poll
// average hands to the simulator cover the truth as often as it claims?
//
// Each replicate (fixed seed, so the test never flakes):
//   1. a true share vector from a prior: softmax(log(base) + 0.3 z), z ~ N(0, I);
//   2. a shared polling error e (the same for every poll of the replicate) from the
//      distribution the fit assumes: N(0, sigma^2 I) on the log scale, or its Student-t
//      version; the polls sample the electorate softmax(log truth + e);
//   3. polls: each of n respondents is undecided with probability u, and the decided
//      answer with a Dirichlet-multinomial of design effect D (clustered samples:
//      variance D times the multinomial's); the poll reports percentages of all
//      respondents and the undecided percentage, like a published poll;
//   4. average_polls with the fit's settings, L = 99 draws from the fitted model;
//   5. the rank of the truth among the L draws (0..99) per option, on the centred
//      log-ratio log p_i - mean_j log p_j.
// Under calibration each option's rank is uniform on 0..99. Why the centred log-ratio
// and not the share itself: the fitted distribution is exact (under the normal
// approximation of the polls) for every linear function of the log-shares, whatever
// the prior of the truth; a share is a non-linear function of all of them, and its
// ranks drift slightly (at 4000 replicates, a trend across the bins with chi-square
// near the critical value for the largest options) even though the model is right:
// noise added to the log-shares lowers the median share of every option, and the
// truth, with a proper prior, is not exchangeable with the draws on that scale. The test bins the
// ranks into 10 equal bins and computes Pearson's chi-square statistic per option against the
// uniform (9 degrees of freedom); the level is 0.001 per option, critical value chi2_{9, 0.999}
// = 27.877. A deliberately over-confident fit (shared error 0 while the truth has one, or the
// design effect ignored) must exceed it.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/chi_squared_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"
#include "models/poll_average.h"

namespace seatcast::models {
namespace {

constexpr int kOptions = 4;
constexpr int kDraws = 99;  // L: ranks 0..99, 100 values, 10 per bin
constexpr int kBins = 10;
constexpr double kCritical = 27.877;  // chi-square, 9 dof, upper 0.001 point

struct Truth {
  double shared_sd = 0.1;  // sd (or Student-t scale) of the shared error per option
  double shared_dof = 0;   // 0: normal
  double design_effect = 1;
};

struct Calibration {
  std::array<double, kOptions> chi2{};
  std::array<std::array<int, kBins>, kOptions> bins{};
  int replicates = 0;
  double max_chi2() const { return *std::max_element(chi2.begin(), chi2.end()); }
  double min_chi2() const { return *std::min_element(chi2.begin(), chi2.end()); }
};

// Multinomial counts of `n` over `p` by sequential binomials.
std::array<int, kOptions> multinomial(random::Engine& eng, int n, std::array<double, kOptions> p) {
  std::array<int, kOptions> c{};
  double rest = 1.0;
  for (int i = 0; i + 1 < kOptions; ++i) {
    const double q = rest > 0 ? std::min(1.0, p[i] / rest) : 0.0;
    c[i] = n > 0 ? boost::random::binomial_distribution<int>(n, q)(eng) : 0;
    n -= c[i];
    rest -= p[i];
  }
  c[kOptions - 1] = n;
  return c;
}

Calibration calibrate(const Truth& truth, const PollAverageSettings& fit, int replicates,
                      std::uint64_t seed) {
  const std::array<double, kOptions> base{0.4, 0.3, 0.2, 0.1};
  const std::array<int, 4> sizes{800, 1200, 1500, 2000};
  const std::array<double, 4> undecided{0.10, 0.25, 0.15, 0.30};
  random::Engine eng(seed);
  random::NormalDistribution normal;
  Calibration out;
  out.replicates = replicates;
  std::vector<double> draw(kOptions);
  for (int r = 0; r < replicates; ++r) {
    std::array<double, kOptions> log_truth{}, truth_clr{}, polled{};
    for (int i = 0; i < kOptions; ++i) log_truth[i] = std::log(base[i]) + 0.3 * normal(eng);
    double zp = 0, mean_log = 0;
    for (int i = 0; i < kOptions; ++i) {
      // Student-t shared errors have a mixing variable per option, as the model has.
      double t_scale = 1.0;
      if (truth.shared_dof > 0)
        t_scale = std::sqrt(truth.shared_dof /
                            boost::random::chi_squared_distribution<double>(truth.shared_dof)(eng));
      polled[i] = std::exp(log_truth[i] + truth.shared_sd * t_scale * normal(eng));
      zp += polled[i];
      mean_log += log_truth[i] / kOptions;
    }
    for (int i = 0; i < kOptions; ++i) {
      truth_clr[i] = log_truth[i] - mean_log;
      polled[i] /= zp;
    }

    std::vector<Poll> polls;
    for (std::size_t p = 0; p < sizes.size(); ++p) {
      const int n = sizes[p];
      const int decided = boost::random::binomial_distribution<int>(n, 1 - undecided[p])(eng);
      std::array<double, kOptions> q = polled;
      if (truth.design_effect > 1) {  // Dirichlet-multinomial: variance x design effect
        const double a0 = (decided - truth.design_effect) / (truth.design_effect - 1);
        double sum = 0;
        for (int i = 0; i < kOptions; ++i) {
          q[i] = boost::random::gamma_distribution<double>(a0 * polled[i])(eng);
          sum += q[i];
        }
        for (double& v : q) v /= sum;
      }
      const auto counts = multinomial(eng, decided, q);
      Poll poll;
      poll.pollster = "pollster " + std::to_string(p);
      poll.sample_size = n;
      poll.undecided_percent = 100.0 * (n - decided) / n;
      for (int c : counts) poll.percent.emplace_back(100.0 * c / n);
      polls.push_back(std::move(poll));
    }

    const PollAverage avg = average_polls(polls, kOptions, fit);
    const LogisticNormalModel model = to_logistic_normal(avg, fit.shared_error_dof);
    std::array<int, kOptions> rank{};
    for (int l = 0; l < kDraws; ++l) {
      model.sample(eng, draw);
      double m = 0;
      for (double v : draw) m += std::log(v) / kOptions;
      for (int i = 0; i < kOptions; ++i) rank[i] += std::log(draw[i]) - m < truth_clr[i];
    }
    for (int i = 0; i < kOptions; ++i) ++out.bins[i][rank[i] * kBins / (kDraws + 1)];
  }
  const double expected = static_cast<double>(replicates) / kBins;
  for (int i = 0; i < kOptions; ++i) {
    for (int b = 0; b < kBins; ++b) {
      const double d = out.bins[i][b] - expected;
      out.chi2[i] += d * d / expected;
    }
  }
  return out;
}

void report(const char* what, const Calibration& c) {
  std::printf("%s: %d replicates, critical value %.3f\n", what, c.replicates, kCritical);
  for (int i = 0; i < kOptions; ++i) {
    std::printf("  option %d: chi2 = %8.2f  bins:", i, c.chi2[i]);
    for (int b : c.bins[i]) std::printf(" %d", b);
    std::printf("\n");
  }
}

constexpr int kReplicates = 4000;

TEST(Calibration, SharedErrorAndDesignEffectAccountedForGiveUniformRanks) {
  PollAverageSettings fit;
  fit.shared_error = 0.1;
  fit.design_effect = 2;
  const Calibration c = calibrate({0.1, 0, 2}, fit, kReplicates, 20230319);
  report("calibrated (shared 0.1, design effect 2)", c);
  for (int i = 0; i < kOptions; ++i) EXPECT_LT(c.chi2[i], kCritical) << "option " << i;
}

TEST(Calibration, SmallSharedErrorLargeDesignEffectAccountedForGiveUniformRanks) {
  PollAverageSettings fit;
  fit.shared_error = 0.02;
  fit.design_effect = 3;
  const Calibration c = calibrate({0.02, 0, 3}, fit, kReplicates, 7);
  report("calibrated (shared 0.02, design effect 3)", c);
  for (int i = 0; i < kOptions; ++i) EXPECT_LT(c.chi2[i], kCritical) << "option " << i;
}

TEST(Calibration, StudentTSharedErrorAccountedForGivesUniformRanks) {
  PollAverageSettings fit;
  fit.shared_error = 0.1;
  fit.shared_error_dof = 5;
  const Calibration c = calibrate({0.1, 5, 1}, fit, kReplicates, 11);
  report("calibrated (shared 0.1, t5)", c);
  for (int i = 0; i < kOptions; ++i) EXPECT_LT(c.chi2[i], kCritical) << "option " << i;
}

TEST(Calibration, IgnoringTheSharedErrorFailsTheUniformityTest) {
  PollAverageSettings fit;
  fit.shared_error = 0;  // over-confident: the truth has a shared error of 0.1
  fit.design_effect = 2;
  const Calibration c = calibrate({0.1, 0, 2}, fit, kReplicates, 20230319);
  report("over-confident (shared error ignored)", c);
  for (int i = 0; i < kOptions; ++i) EXPECT_GT(c.chi2[i], kCritical) << "option " << i;
}

TEST(Calibration, IgnoringTheDesignEffectFailsTheUniformityTest) {
  PollAverageSettings fit;
  fit.shared_error = 0.02;
  fit.design_effect = 1;  // over-confident: the polls' design effect is 3
  const Calibration c = calibrate({0.02, 0, 3}, fit, kReplicates, 7);
  report("over-confident (design effect ignored)", c);
  EXPECT_GT(c.min_chi2(), kCritical);
}

}  // namespace
}  // namespace seatcast::models
