// LogisticNormalModel: national vote shares as the softmax of correlated log-shares,
// eta_i = log(m_i) + sigma_i z_i with z ~ N(0, R), R a correlation matrix; optionally
// multivariate Student-t (z scaled by sqrt(nu / W), W ~ chi-square(nu)), i.e. Student-t
// tails for a polling error shared by all options. Log-ratios log(p_i / p_j) are then
// exactly normal (or t), and the analytic helpers give their mean, variance and
// covariance. Sampling does not allocate and needs no scratch.
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
  // t_dof: 0 for normal errors, else the Student-t degrees of freedom nu, which must be
  //   above 2 so that variances exist.
  // Sizes must agree and be at least 1. Throws std::invalid_argument otherwise.
  LogisticNormalModel(Eigen::VectorXd mean_shares, Eigen::VectorXd sigma,
                      Eigen::MatrixXd correlation, double t_dof = 0.0);

  int size() const noexcept { return static_cast<int>(mean_.size()); }
  const Eigen::VectorXd& mean_shares() const noexcept { return mean_; }
  const Eigen::VectorXd& sigma() const noexcept { return sigma_; }
  const Eigen::MatrixXd& correlation() const noexcept { return correlation_; }
  double t_dof() const noexcept { return t_dof_; }
  bool student_t() const noexcept { return t_dof_ > 0.0; }

  // Covariance of eta: diag(sigma) R diag(sigma), times nu / (nu - 2) with Student-t.
  Eigen::MatrixXd log_share_covariance() const;
  // E log(p_i / p_j) = log(m_i / m_j).
  double log_ratio_mean(int i, int j) const;
  // Var log(p_i / p_j) = s_i^2 + s_j^2 - 2 r_ij s_i s_j (times nu / (nu - 2)).
  double log_ratio_variance(int i, int j) const;
  // Cov(log(p_i / p_j), log(p_k / p_l)) = S_ik - S_il - S_jk + S_jl with
  // S = diag(sigma) R diag(sigma) (times nu / (nu - 2)).
  // The three helpers throw std::out_of_range for an index outside [0, size()).
  double log_ratio_covariance(int i, int j, int k, int l) const;

  // Variates per draw: size() standard normals, plus one gamma with Student-t.
  std::size_t variates_per_draw() const noexcept { return mean_.size() + (student_t() ? 1 : 0); }

  // Writes one draw of the shares; shares.size() must equal size() (else
  // std::invalid_argument). The normals are drawn into `shares` and turned into eta in
  // place (a lower-triangular product run from the last row up), then softmax with the
  // largest eta subtracted. Shares sum to 1 up to rounding (a few ulps); they are
  // positive unless an eta falls more than about 745 below the largest. Does not allocate.
  void sample(random::Engine& eng, std::span<double> shares) const;

 private:
  void check_index(int i) const;

  Eigen::VectorXd mean_;
  Eigen::VectorXd log_mean_;
  Eigen::VectorXd sigma_;
  Eigen::MatrixXd correlation_;
  Eigen::MatrixXd covariance_;  // diag(sigma) R diag(sigma), without the t factor
  // Rows of the lower-triangular diag(sigma) * chol(R), packed: row i starts at i(i+1)/2.
  std::vector<double> factor_;
  double t_dof_ = 0.0;
  double t_variance_factor_ = 1.0;   // nu / (nu - 2), or 1
  std::optional<GammaSampler> chi_;  // Gamma(nu / 2): chi-square(nu) = 2 Gamma(nu / 2)
};

}  // namespace seatcast::models
