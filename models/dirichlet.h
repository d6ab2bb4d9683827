// DirichletModel: national vote shares drawn from Dirichlet(alpha), sampled as
// independent Gamma(alpha_i) variates divided by their sum (one gamma per option, shape
// constants precomputed once). Offers the analytic mean and covariance for checks, and
// from_poll(), which turns a poll's shares and sample size into alpha = share * n + prior.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "engine/random/streams.h"
#include "models/gamma.h"

namespace seatcast::models {

class DirichletModel {
 public:
  // alpha_i > 0 and finite, at least one option; throws std::invalid_argument otherwise.
  explicit DirichletModel(std::vector<double> alpha);

  // alpha_i = share_i * sample_size + prior. `shares` are fractions summing to 1; if their
  // sum is off by more than 1e-9 they are normalised first (so percentages work too).
  // Throws std::invalid_argument if shares are empty, any is negative or not finite, all
  // are zero, sample_size is not positive and finite, prior is negative or not finite, or
  // an alpha comes out zero (a zero share with prior 0).
  static DirichletModel from_poll(std::span<const double> shares, double sample_size,
                                  double prior = 1.0);

  int size() const noexcept { return static_cast<int>(alpha_.size()); }
  const std::vector<double>& alpha() const noexcept { return alpha_; }
  // a0 = sum of alpha: the "effective sample size" of the model.
  double concentration() const noexcept { return a0_; }

  // E[p_i] = a_i / a0.
  Eigen::VectorXd mean() const;
  // Var p_i = a_i (a0 - a_i) / (a0^2 (a0 + 1)), Cov(p_i, p_j) = -a_i a_j / (a0^2 (a0 + 1)).
  Eigen::MatrixXd covariance() const;

  // Gamma variates per draw: one per option.
  std::size_t variates_per_draw() const noexcept { return alpha_.size(); }

  // True when some alpha is below 1: draws are then made as log-gammas and normalised
  // with the largest subtracted (one more log() and an exp() per option), so that shapes
  // whose gammas underflow (alpha around 0.01 and below) still give shares summing to 1.
  bool log_space() const noexcept { return log_space_; }

  // Writes one draw of the shares; shares.size() must equal size() (else
  // std::invalid_argument). Shares sum to 1 up to rounding (a few ulps) and are positive,
  // except that with tiny alphas a share below about 1e-308 rounds to 0. Does not allocate.
  void sample(random::Engine& eng, std::span<double> shares) const;

 private:
  std::vector<double> alpha_;
  std::vector<GammaSampler> gammas_;
  double a0_ = 0.0;
  bool log_space_ = false;
};

}  // namespace seatcast::models
