#include "models/poll_average.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace seatcast::models {

PollAverage average_polls(const std::vector<Poll>& polls, int options,
                          const PollAverageSettings& s) {
  const int n_polls = static_cast<int>(polls.size());
  if (n_polls == 0) throw std::invalid_argument("no polls to average");
  if (s.design_effect < 1.0) throw std::invalid_argument("design effect must be >= 1");

  // Unknowns: mu_0..mu_{O-1}, then c_0..c_{P-1}. Normal equations accumulated directly.
  const int k = options + n_polls;
  Eigen::MatrixXd xtwx = Eigen::MatrixXd::Zero(k, k);
  Eigen::VectorXd xtwy = Eigen::VectorXd::Zero(k);
  std::vector<int> reported_by(options, 0);
  PollAverage out;

  for (int p = 0; p < n_polls; ++p) {
    const Poll& poll = polls[p];
    if (static_cast<int>(poll.percent.size()) != options)
      throw std::invalid_argument("poll '" + poll.pollster + "' has the wrong number of options");
    double reported = 0;
    int count = 0;
    for (const auto& v : poll.percent) {
      if (!v) continue;
      if (!std::isfinite(*v) || *v < 0)
        throw std::invalid_argument("poll '" + poll.pollster +
                                    "' has a negative or non-finite share");
      reported += *v;
      ++count;
    }
    if (count < 2)
      throw std::invalid_argument("poll '" + poll.pollster + "' reports fewer than two options");
    const double undecided = poll.undecided_percent.value_or(std::max(0.0, 100.0 - reported));
    const double decided = std::max(0.0, 100.0 - undecided) / 100.0;
    double recency = 1.0;
    if (s.half_life_days > 0) recency = std::exp2(-poll.age_days / s.half_life_days);
    const double n_eff =
        poll.sample_size.value_or(s.default_sample_size) * decided / s.design_effect * recency;
    out.poll_weights.push_back(n_eff);

    for (int i = 0; i < options; ++i) {
      if (!poll.percent[i]) continue;
      ++reported_by[i];
      const double pct = std::max(*poll.percent[i], s.min_percent);
      const double share = pct / reported;  // among this poll's decided respondents
      // Counts as independent Poisson with a free scale per poll: the same log-ratio
      // variances as the multinomial, var(log p_i - log p_j) = 1/(n p_i) + 1/(n p_j).
      const double w = n_eff * share;
      const double y = std::log(pct);
      const int c = options + p;
      xtwx(i, i) += w;
      xtwx(c, c) += w;
      xtwx(i, c) += w;
      xtwx(c, i) += w;
      xtwy(i) += w * y;
      xtwy(c) += w * y;
    }
  }
  for (int i = 0; i < options; ++i)
    if (reported_by[i] == 0)
      throw std::invalid_argument("option " + std::to_string(i) + " is reported by no poll");

  // mu and c are determined up to a common shift; the pseudo-inverse picks the
  // minimum-norm solution and the shift is removed below (shares do not see it).
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(xtwx);
  const Eigen::VectorXd beta = cod.solve(xtwy);
  const Eigen::MatrixXd cov = cod.pseudoInverse();

  Eigen::VectorXd mu = beta.head(options);
  mu.array() -= mu.mean();
  // Centre the covariance the same way: C = (I - J/O) cov (I - J/O).
  const Eigen::MatrixXd centre = Eigen::MatrixXd::Identity(options, options) -
                                 Eigen::MatrixXd::Constant(options, options, 1.0 / options);
  out.log_mean = mu;
  out.sampling_cov = centre * cov.topLeftCorner(options, options) * centre;
  out.covariance = out.sampling_cov;
  out.covariance.diagonal().array() += s.shared_error * s.shared_error;
  const Eigen::ArrayXd e = (mu.array() - mu.maxCoeff()).exp();
  out.mean_shares = e / e.sum();
  return out;
}

LogisticNormalModel to_logistic_normal(const PollAverage& a, double t_dof) {
  const Eigen::Index n = a.covariance.rows();
  // The centred sampling covariance has rank O - 1 (shares ignore a common shift); a
  // jitter far below any polling error keeps the Cholesky factor defined without one.
  Eigen::VectorXd sigma = (a.covariance.diagonal().array() + 1e-10).sqrt().matrix();
  Eigen::MatrixXd corr(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      corr(i, j) = i == j ? 1.0 : a.covariance(i, j) / (sigma(i) * sigma(j));
  return LogisticNormalModel(a.mean_shares, sigma, corr, t_dof);
}

}  // namespace seatcast::models
