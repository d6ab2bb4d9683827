#include "models/dirichlet.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace seatcast::models {

namespace {

std::vector<GammaSampler> make_gammas(const std::vector<double>& alpha) {
  if (alpha.empty()) throw std::invalid_argument("DirichletModel: alpha must not be empty");
  std::vector<GammaSampler> gammas;
  gammas.reserve(alpha.size());
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    if (!(alpha[i] > 0.0) || !std::isfinite(alpha[i])) {
      throw std::invalid_argument("DirichletModel: alpha[" + std::to_string(i) +
                                  "] must be positive and finite, got " + std::to_string(alpha[i]));
    }
    gammas.emplace_back(alpha[i]);
  }
  return gammas;
}

}  // namespace

DirichletModel::DirichletModel(std::vector<double> alpha)
    : alpha_(std::move(alpha)), gammas_(make_gammas(alpha_)) {
  for (double a : alpha_) a0_ += a;
  log_space_ = *std::min_element(alpha_.begin(), alpha_.end()) < 1.0;
}

DirichletModel DirichletModel::from_poll(std::span<const double> shares, double sample_size,
                                         double prior) {
  if (shares.empty()) throw std::invalid_argument("DirichletModel::from_poll: no shares");
  if (!(sample_size > 0.0) || !std::isfinite(sample_size)) {
    throw std::invalid_argument(
        "DirichletModel::from_poll: sample_size must be positive and finite, got " +
        std::to_string(sample_size));
  }
  if (!(prior >= 0.0) || !std::isfinite(prior)) {
    throw std::invalid_argument(
        "DirichletModel::from_poll: prior must be non-negative and finite, got " +
        std::to_string(prior));
  }
  double total = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (!(shares[i] >= 0.0) || !std::isfinite(shares[i])) {
      throw std::invalid_argument("DirichletModel::from_poll: share[" + std::to_string(i) +
                                  "] must be non-negative and finite, got " +
                                  std::to_string(shares[i]));
    }
    total += shares[i];
  }
  if (!(total > 0.0)) throw std::invalid_argument("DirichletModel::from_poll: all shares are zero");
  // Shares that already sum to 1 are used as given, so alpha is exactly share * n + prior.
  const bool normalise = std::abs(total - 1.0) > 1e-9;
  std::vector<double> alpha(shares.size());
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const double share = normalise ? shares[i] / total : shares[i];
    alpha[i] = share * sample_size + prior;
    if (!(alpha[i] > 0.0)) {
      throw std::invalid_argument("DirichletModel::from_poll: share[" + std::to_string(i) +
                                  "] is zero and prior is 0, so alpha would be 0");
    }
  }
  return DirichletModel(std::move(alpha));
}

Eigen::VectorXd DirichletModel::mean() const {
  Eigen::VectorXd m(size());
  for (int i = 0; i < size(); ++i) m[i] = alpha_[i] / a0_;
  return m;
}

Eigen::MatrixXd DirichletModel::covariance() const {
  const int k = size();
  const double denom = a0_ * a0_ * (a0_ + 1.0);
  Eigen::MatrixXd cov(k, k);
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      cov(i, j) = i == j ? alpha_[i] * (a0_ - alpha_[i]) / denom : -alpha_[i] * alpha_[j] / denom;
    }
  }
  return cov;
}

void DirichletModel::sample(random::Engine& eng, std::span<double> shares) const {
  const std::size_t k = alpha_.size();
  if (shares.size() != k) {
    throw std::invalid_argument("DirichletModel::sample: shares has " +
                                std::to_string(shares.size()) + " entries, model has " +
                                std::to_string(k));
  }
  double total = 0.0;
  if (!log_space_) {
    for (std::size_t i = 0; i < k; ++i) {
      shares[i] = gammas_[i](eng);
      total += shares[i];
    }
  } else {
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < k; ++i) {
      shares[i] = gammas_[i].log_draw(eng);
      top = std::max(top, shares[i]);
    }
    for (std::size_t i = 0; i < k; ++i) {
      shares[i] = std::exp(shares[i] - top);
      total += shares[i];
    }
  }
  const double scale = 1.0 / total;
  for (std::size_t i = 0; i < k; ++i) shares[i] *= scale;
}

}  // namespace seatcast::models
