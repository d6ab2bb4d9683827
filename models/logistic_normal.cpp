#include "models/logistic_normal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include <Eigen/Cholesky>

#include "engine/simd/exp.h"

namespace seatcast::models {

namespace {

constexpr double kCorrelationTolerance = 1e-12;

std::string at(int i) {
  return "[" + std::to_string(i) + "]";
}
std::string at(int i, int j) {
  return "(" + std::to_string(i) + ", " + std::to_string(j) + ")";
}

}  // namespace

LogisticNormalModel::LogisticNormalModel(Eigen::VectorXd mean_shares, Eigen::VectorXd sigma,
                                         Eigen::MatrixXd correlation, double t_dof,
                                         double noise_concentration)
    : mean_(std::move(mean_shares)),
      sigma_(std::move(sigma)),
      correlation_(std::move(correlation)),
      t_dof_(t_dof),
      noise_concentration_(noise_concentration) {
  if (!(noise_concentration_ >= 0.0) || !std::isfinite(noise_concentration_)) {
    throw std::invalid_argument(
        "LogisticNormalModel: noise_concentration must be 0 (none) or positive and finite, got " +
        std::to_string(noise_concentration_));
  }
  const Eigen::Index k = mean_.size();
  if (k == 0) throw std::invalid_argument("LogisticNormalModel: mean_shares is empty");
  if (sigma_.size() != k) {
    throw std::invalid_argument("LogisticNormalModel: sigma has " + std::to_string(sigma_.size()) +
                                " entries, mean_shares " + std::to_string(k));
  }
  if (correlation_.rows() != k || correlation_.cols() != k) {
    throw std::invalid_argument("LogisticNormalModel: correlation is " +
                                std::to_string(correlation_.rows()) + "x" +
                                std::to_string(correlation_.cols()) + ", expected " +
                                std::to_string(k) + "x" + std::to_string(k));
  }
  double total = 0.0;
  for (int i = 0; i < k; ++i) {
    if (!(mean_[i] > 0.0) || !std::isfinite(mean_[i])) {
      throw std::invalid_argument("LogisticNormalModel: mean_shares" + at(i) +
                                  " must be positive and finite, got " + std::to_string(mean_[i]));
    }
    if (!(sigma_[i] >= 0.0) || !std::isfinite(sigma_[i])) {
      throw std::invalid_argument("LogisticNormalModel: sigma" + at(i) +
                                  " must be non-negative and finite, got " +
                                  std::to_string(sigma_[i]));
    }
    total += mean_[i];
  }
  mean_ /= total;
  log_mean_ = mean_.array().log().matrix();

  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      const double r = correlation_(i, j);
      if (!std::isfinite(r) || std::abs(r) > 1.0 + kCorrelationTolerance) {
        throw std::invalid_argument("LogisticNormalModel: correlation" + at(i, j) +
                                    " must be finite and within [-1, 1], got " + std::to_string(r));
      }
      if (i == j && std::abs(r - 1.0) > kCorrelationTolerance) {
        throw std::invalid_argument("LogisticNormalModel: correlation" + at(i, j) +
                                    " must be 1 (unit diagonal), got " + std::to_string(r));
      }
      if (std::abs(r - correlation_(j, i)) > kCorrelationTolerance) {
        throw std::invalid_argument("LogisticNormalModel: correlation is not symmetric at " +
                                    at(i, j));
      }
    }
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(correlation_);
  if (llt.info() != Eigen::Success) {
    throw std::invalid_argument(
        "LogisticNormalModel: correlation is not positive definite (Cholesky failed)");
  }
  const Eigen::MatrixXd lower = llt.matrixL();
  factor_.reserve(static_cast<std::size_t>(k * (k + 1) / 2));
  for (int i = 0; i < k; ++i) {
    if (!(lower(i, i) > 0.0)) {
      throw std::invalid_argument(
          "LogisticNormalModel: correlation is not positive definite (zero pivot)");
    }
    for (int j = 0; j <= i; ++j) factor_.push_back(sigma_[i] * lower(i, j));
  }
  independent_ = true;
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < i; ++j) independent_ = independent_ && lower(i, j) == 0.0;
  covariance_ = sigma_.asDiagonal() * correlation_ * sigma_.asDiagonal();

  if (t_dof_ != 0.0) {
    if (!(t_dof_ > 2.0) || !std::isfinite(t_dof_)) {
      throw std::invalid_argument(
          "LogisticNormalModel: t_dof must be 0 (normal) or finite and above 2, got " +
          std::to_string(t_dof_));
    }
    // E[nu / W] on the diagonal; off it E[sqrt(nu / W_i)] E[sqrt(nu / W_j)], the mixing
    // variables of two options being independent.
    const double own = t_dof_ / (t_dof_ - 2.0);
    const double half_moment =
        std::exp(std::lgamma(0.5 * (t_dof_ - 1.0)) - std::lgamma(0.5 * t_dof_));
    const double cross = 0.5 * t_dof_ * half_moment * half_moment;
    const Eigen::VectorXd diagonal = covariance_.diagonal();
    covariance_ *= cross;
    covariance_.diagonal() = diagonal * own;
    chi_.emplace(0.5 * t_dof_);
  }
}

Eigen::MatrixXd LogisticNormalModel::log_share_covariance() const {
  return covariance_;
}

void LogisticNormalModel::check_index(int i) const {
  if (i < 0 || i >= size()) {
    throw std::out_of_range("LogisticNormalModel: option index " + std::to_string(i) +
                            " outside [0, " + std::to_string(size()) + ")");
  }
}

double LogisticNormalModel::log_ratio_mean(int i, int j) const {
  check_index(i);
  check_index(j);
  return log_mean_[i] - log_mean_[j];
}

double LogisticNormalModel::log_ratio_variance(int i, int j) const {
  return log_ratio_covariance(i, j, i, j);
}

double LogisticNormalModel::log_ratio_covariance(int i, int j, int k, int l) const {
  check_index(i);
  check_index(j);
  check_index(k);
  check_index(l);
  const auto& s = covariance_;
  return s(i, k) - s(i, l) - s(j, k) + s(j, l);
}

void LogisticNormalModel::sample(random::Engine& eng, std::span<double> shares) const {
  const std::size_t k = static_cast<std::size_t>(mean_.size());
  if (shares.size() != k) {
    throw std::invalid_argument("LogisticNormalModel::sample: shares has " +
                                std::to_string(shares.size()) + " entries, model has " +
                                std::to_string(k));
  }
  random::fill_normals(eng, shares.data(), k);

  // eta = log m + scale_i (A z)_i with A lower triangular: row i reads z_0..z_i only, so
  // running from the last row up overwrites each z after its last use.
  const double* log_mean = log_mean_.data();
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t i = k; i-- > 0;) {
    const double* row = factor_.data() + i * (i + 1) / 2;
    // Independent log-shares: the row's zeros add nothing (the same bits either way).
    double acc = independent_ ? row[i] * shares[i] : 0.0;
    if (!independent_)
      for (std::size_t j = 0; j <= i; ++j) acc += row[j] * shares[j];
    if (chi_) acc *= std::sqrt(t_dof_ / (2.0 * (*chi_)(eng)));
    shares[i] = log_mean[i] + acc;
    top = std::max(top, shares[i]);
  }
  double total = 0.0;
  for (std::size_t i = 0; i < k; ++i) shares[i] -= top;
  simd::exp(shares.data(), shares.data(), k);
  for (std::size_t i = 0; i < k; ++i) total += shares[i];
  const double inv = 1.0 / total;
  for (std::size_t i = 0; i < k; ++i) shares[i] *= inv;
  if (noise_concentration_ > 0.0) add_dirichlet_noise(eng, shares);
}

void LogisticNormalModel::add_dirichlet_noise(random::Engine& eng, std::span<double> shares) const {
  // Dirichlet(N p) as normalised Gamma(N p_i); the shapes change every draw, so each
  // sampler is made here (two arithmetic operations and a square root, no allocation).
  double total = 0.0;
  for (double& p : shares) {
    const double shape = noise_concentration_ * p;
    p = shape > 0.0 ? GammaSampler(shape)(eng) : 0.0;
    total += p;
  }
  const double inv = 1.0 / total;
  for (double& p : shares) p *= inv;
}

}  // namespace seatcast::models
