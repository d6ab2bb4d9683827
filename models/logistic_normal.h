// LogisticNormalModel: national vote shares as the softmax of correlated log-shares,
// eta_i = log(m_i) + sigma_i z_i with z ~ N(0, R), R a correlation matrix; optionally
// with Student-t tails per option: each z_i scaled by its own sqrt(nu / W_i),
// W_i ~ chi-square(nu) independent, so every log-share is Student-t but a large miss of
// one option does not widen every other's. (A single W for all options, the
// multivariate t, was the first design: in its tail every log-share is scaled up at
// once and the softmax hands nearly the whole vote to whichever option drew highest,
// e.g. a 4% party at 98.8% of the vote in 200,000 draws.) Log-ratios are exactly normal
// without tails; the analytic helpers give their mean, variance and covariance in both
// cases.
//
// Optionally the shares so drawn are the centre of a Dirichlet of concentration N (the
// `noise_concentration`): the result varies around them as a sample of N + 1 voters
// would, sd sqrt(p (1 - p) / (N + 1)) for an option at share p. This is an error whose
// size in points grows with the option's share and whose tails are bounded by it (a
// gamma's right tail is exponential), the shape real polling misses have; errors on the
// log scale, normal or t, have tails in points that grow without bound as sigma does.
// The analytic helpers describe the logistic-normal part only. Sampling does not
// allocate and needs no scratch.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "engine/random/streams.h"
#include "models/gamma.h"

namespace seatcast::models {

class LogisticNormalModel {
 public:
  // mean_shares: positive and finite, normalised to sum 1 (m above); the shares at z = 0,
  //   i.e. the median of every log-ratio (not the mean share, which is pulled towards
  //   1/size() by the noise).
  // sigma: non-negative and finite, the standard deviation of each log-share.
  // correlation: symmetric (to 1e-12), unit diagonal (to 1e-12), entries in [-1, 1],
  //   positive definite (Eigen::LLT succeeds); factorised once here.
  // t_dof: 0 for normal errors, else the Student-t degrees of freedom nu of each
  //   option's error, which must be above 2 so that variances exist.
  // Sizes must agree and be at least 1. Throws std::invalid_argument otherwise.
  // noise_concentration: 0 (none) or the Dirichlet concentration N > 0 above.
  LogisticNormalModel(Eigen::VectorXd mean_shares, Eigen::VectorXd sigma,
                      Eigen::MatrixXd correlation, double t_dof = 0.0,
                      double noise_concentration = 0.0);

  int size() const noexcept { return static_cast<int>(mean_.size()); }
  const Eigen::VectorXd& mean_shares() const noexcept { return mean_; }
  const Eigen::VectorXd& sigma() const noexcept { return sigma_; }
  const Eigen::MatrixXd& correlation() const noexcept { return correlation_; }
  double t_dof() const noexcept { return t_dof_; }
  bool student_t() const noexcept { return t_dof_ > 0.0; }
  double noise_concentration() const noexcept { return noise_concentration_; }

  // Covariance of eta: S = diag(sigma) R diag(sigma); with Student-t tails the diagonal
  // times nu / (nu - 2) = E[nu / W] and the rest times E[sqrt(nu / W)]^2 =
  // (nu / 2) (Gamma((nu - 1) / 2) / Gamma(nu / 2))^2, the mixing variables being
  // independent.
  Eigen::MatrixXd log_share_covariance() const;
  // E log(p_i / p_j) = log(m_i / m_j).
  double log_ratio_mean(int i, int j) const;
  // Var log(p_i / p_j) = C_ii + C_jj - 2 C_ij, C = log_share_covariance().
  double log_ratio_variance(int i, int j) const;
  // Cov(log(p_i / p_j), log(p_k / p_l)) = C_ik - C_il - C_jk + C_jl.
  // The three helpers throw std::out_of_range for an index outside [0, size()).
  double log_ratio_covariance(int i, int j, int k, int l) const;

  // Variates per draw: size() standard normals, plus size() gammas with Student-t and
  // size() more with the Dirichlet noise.
  std::size_t variates_per_draw() const noexcept {
    return static_cast<std::size_t>(mean_.size()) *
           (1 + (student_t() ? 1 : 0) + (noise_concentration_ > 0 ? 1 : 0));
  }

  // Writes one draw of the shares; shares.size() must equal size() (else
  // std::invalid_argument). The normals are drawn into `shares` and turned into eta in
  // place (a lower-triangular product run from the last row up, each row's gamma drawn
  // as the row is reached), then softmax with the largest eta subtracted, then the
  // Dirichlet noise if any. Shares sum to 1 up to rounding (a few ulps); they are
  // positive unless an eta falls more than about 745 below the largest (or, with the
  // noise, a gamma of tiny shape underflows). Does not allocate.
  void sample(random::Engine& eng, std::span<double> shares) const;

 private:
  void check_index(int i) const;
  void add_dirichlet_noise(random::Engine& eng, std::span<double> shares) const;

  Eigen::VectorXd mean_;
  Eigen::VectorXd log_mean_;
  Eigen::VectorXd sigma_;
  Eigen::MatrixXd correlation_;
  Eigen::MatrixXd covariance_;  // log_share_covariance(), the t factors included
  // Rows of the lower-triangular diag(sigma) * chol(R), packed: row i starts at i(i+1)/2.
  std::vector<double> factor_;
  bool independent_ = false;  // factor_ is diagonal (R = I): one product a row
  double t_dof_ = 0.0;
  double noise_concentration_ = 0.0;
  std::optional<GammaSampler> chi_;  // Gamma(nu / 2): chi-square(nu) = 2 Gamma(nu / 2)
};

}  // namespace seatcast::models
