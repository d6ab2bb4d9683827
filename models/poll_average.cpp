#include "models/poll_average.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace seatcast::models {

Eigen::MatrixXd sum_zero_basis(int k) {
  Eigen::MatrixXd b = Eigen::MatrixXd::Zero(k, k - 1);
  for (int j = 0; j + 1 < k; ++j) {
    const double norm = std::sqrt(static_cast<double>((j + 1) * (j + 2)));
    for (int r = 0; r <= j; ++r) b(r, j) = 1.0 / norm;
    b(j + 1, j) = -(j + 1) / norm;
  }
  return b;
}

namespace {

// Trigamma psi'(x) for x > 0: recurrence up to 6, then the asymptotic series.
double trigamma(double x) {
  double acc = 0;
  while (x < 6) {
    acc += 1 / (x * x);
    x += 1;
  }
  const double r = 1 / x, r2 = r * r;
  return acc + r + r2 / 2 + r * r2 * (1.0 / 6 - r2 * (1.0 / 30 - r2 * (1.0 / 42 - r2 / 30)));
}

std::string poll_name(const Poll& p) {
  return "poll '" + p.pollster + "'";
}

}  // namespace

std::string_view to_string(UndecidedRule rule) {
  return rule == UndecidedRule::drop ? "drop" : "proportional";
}

std::string_view to_string(PollSampling sampling) {
  return sampling == PollSampling::dirichlet ? "dirichlet" : "logistic-normal";
}

PollReading read_poll(const Poll& poll, const PollAverageSettings& s) {
  double reported = 0;
  int count = 0;
  for (const auto& v : poll.percent) {
    if (!v) continue;
    if (!std::isfinite(*v) || *v < 0)
      throw std::invalid_argument(poll_name(poll) + " has a negative or non-finite share");
    reported += *v;
    ++count;
  }
  if (count < 2) throw std::invalid_argument(poll_name(poll) + " reports fewer than two options");
  const double undecided = poll.undecided_percent.value_or(std::max(0.0, 100.0 - reported));
  const double decided =
      s.undecided == UndecidedRule::proportional ? 1.0 : std::max(0.0, 100.0 - undecided) / 100.0;
  return {poll.sample_size.value_or(s.default_sample_size) * decided / s.design_effect, reported};
}

std::vector<int> fitted_options(const std::vector<int>& reported_by, const PollAverageSettings& s) {
  const int options = static_cast<int>(reported_by.size());
  double prior_sum = 0;
  for (const auto& [i, prior] : s.priors) {
    if (i < 0 || i >= options) throw std::invalid_argument("a prior share for no option");
    if (!(prior.share > 0 && prior.share < 1) || !(prior.sigma >= 0 && std::isfinite(prior.sigma)))
      throw std::invalid_argument("option " + std::to_string(i) +
                                  ": a prior share must be in (0, 1) and its sd finite, >= 0");
    if (reported_by[i] > 0)
      throw std::invalid_argument("option " + std::to_string(i) +
                                  " has a prior share but is reported by a poll");
    prior_sum += prior.share;
  }
  if (!(prior_sum < 1)) throw std::invalid_argument("the prior shares leave no vote to the polls");
  std::vector<int> fitted;  // the options the polls estimate
  for (int i = 0; i < options; ++i) {
    if (s.priors.count(i)) continue;
    if (reported_by[i] == 0)
      throw std::invalid_argument("option " + std::to_string(i) + " is reported by no poll");
    fitted.push_back(i);
  }
  if (fitted.empty()) throw std::invalid_argument("no option is polled");
  return fitted;
}

std::vector<std::string> pollsters_to_estimate(const std::vector<Poll>& polls, int options,
                                               const PollAverageSettings& s) {
  for (const auto& [name, h] : s.house_effects) {
    if (static_cast<int>(h.size()) != options)
      throw std::invalid_argument("house effects of '" + name + "' have the wrong size");
    for (double v : h)
      if (!std::isfinite(v))
        throw std::invalid_argument("house effects of '" + name + "' are not finite");
  }
  std::vector<std::string> estimated;
  if (s.estimate_house_effects) {
    std::map<std::string, int> count;
    for (const Poll& p : polls) ++count[p.pollster];
    for (const Poll& p : polls)
      if (count[p.pollster] >= 2 && !s.house_effects.count(p.pollster) &&
          std::find(estimated.begin(), estimated.end(), p.pollster) == estimated.end())
        estimated.push_back(p.pollster);
    if (estimated.size() < 2) estimated.clear();
  }
  return estimated;
}

void complete_average(PollAverage& out, const std::vector<int>& fitted, Eigen::VectorXd mu_fit,
                      const Eigen::MatrixXd& cov_fit) {
  const PollAverageSettings& s = out.settings;
  const int options = static_cast<int>(fitted.size() + s.priors.size());
  const int n_fit = static_cast<int>(fitted.size());
  mu_fit.array() -= mu_fit.mean();
  // Centre the covariance the same way: C = (I - J/O) cov (I - J/O).
  const Eigen::MatrixXd centre = Eigen::MatrixXd::Identity(n_fit, n_fit) -
                                 Eigen::MatrixXd::Constant(n_fit, n_fit, 1.0 / n_fit);
  Eigen::VectorXd mu = Eigen::VectorXd::Zero(options);
  mu(fitted) = mu_fit;
  out.sampling_cov = Eigen::MatrixXd::Zero(options, options);
  out.sampling_cov(fitted, fitted) = centre * cov_fit * centre;
  out.covariance = out.sampling_cov;
  for (int i : fitted) out.covariance(i, i) += s.shared_error * s.shared_error;  // 0 in points
  if (!s.priors.empty()) {
    // The polled options share what the priors leave, in the polls' ratios.
    double prior_sum = 0;
    for (const auto& entry : s.priors) prior_sum += entry.second.share;
    const double top = mu_fit.maxCoeff();
    const double lse = top + std::log((mu_fit.array() - top).exp().sum());
    for (int i : fitted) mu(i) += std::log1p(-prior_sum) - lse;
    for (const auto& [i, prior] : s.priors) {
      mu(i) = std::log(prior.share);
      out.covariance(i, i) = prior.sigma * prior.sigma;
    }
    mu.array() -= mu.mean();
  }
  out.log_mean = mu;
  const Eigen::ArrayXd e = (mu.array() - mu.maxCoeff()).exp();
  out.mean_shares = e / e.sum();
}

PollAverage average_polls(const std::vector<Poll>& polls, int options,
                          const PollAverageSettings& s) {
  const int n_polls = static_cast<int>(polls.size());
  if (n_polls == 0) throw std::invalid_argument("no polls to average");
  if (s.design_effect < 1.0) throw std::invalid_argument("design effect must be >= 1");
  if (s.estimate_house_effects && !(s.house_effect_sd > 0))
    throw std::invalid_argument("house_effect_sd must be positive");
  PollAverage out;
  out.settings = s;

  const std::vector<std::string> estimated = pollsters_to_estimate(polls, options, s);
  const int k_est = static_cast<int>(estimated.size());
  const Eigen::MatrixXd basis = k_est >= 2 ? sum_zero_basis(k_est) : Eigen::MatrixXd();
  const int n_free = k_est >= 2 ? k_est - 1 : 0;  // free house-effect rows per option

  // Unknowns: mu_0..mu_{O-1}, c_0..c_{P-1}, then g (n_free x O, option-major: g_{j,i} at
  // options + polls + i * n_free + j) with h_{k,i} = sum_j basis(k, j) g_{j,i}.
  const int g0 = options + n_polls;
  const int k = g0 + n_free * options;
  struct Observation {
    double count;   // pseudo-count n_eff x share among the poll's decided respondents
    double offset;  // a given house effect
    std::vector<std::pair<int, double>> row;  // the design row: (unknown, coefficient)
  };
  std::vector<Observation> obs;
  std::vector<int> reported_by(options, 0);

  for (int p = 0; p < n_polls; ++p) {
    const Poll& poll = polls[p];
    if (static_cast<int>(poll.percent.size()) != options)
      throw std::invalid_argument(poll_name(poll) + " has the wrong number of options");
    const PollReading reading = read_poll(poll, s);
    const double reported = reading.reported;
    double recency = 1.0;
    if (s.half_life_days > 0) recency = std::exp2(-poll.age_days / s.half_life_days);
    const double n_eff = reading.n_eff * recency;
    out.poll_weights.push_back(n_eff);

    const auto given = s.house_effects.find(poll.pollster);
    const auto est = std::find(estimated.begin(), estimated.end(), poll.pollster);
    const int k_row = est == estimated.end() ? -1 : static_cast<int>(est - estimated.begin());
    for (int i = 0; i < options; ++i) {
      if (!poll.percent[i]) continue;
      ++reported_by[i];
      Observation o;
      o.count = n_eff * std::max(*poll.percent[i], s.min_percent) / reported;
      o.offset = given != s.house_effects.end() ? given->second[i] : 0.0;
      o.row = {{i, 1.0}, {options + p, 1.0}};
      if (k_row >= 0)
        for (int j = 0; j < n_free; ++j)
          if (basis(k_row, j) != 0) o.row.emplace_back(g0 + i * n_free + j, basis(k_row, j));
      obs.push_back(std::move(o));
    }
  }
  const std::vector<int> fitted = fitted_options(reported_by, s);

  // Poisson maximum likelihood by iteratively reweighted least squares: counts as
  // independent Poisson with a free scale per poll have exactly the multinomial's
  // log-ratio variances, var(log p_i - log p_j) = 1/(n p_i) + 1/(n p_j). The weight of
  // an observation is its *fitted* count. (Weights from the observed shares, a one-step
  // fit, down-weight the polls that happen to under-state an option, which pulls small
  // options up by about a third of their standard error at a few hundred respondents;
  // the calibration test caught it.) The first pass, from the observed counts, is that
  // one-step fit; a few more converge.
  Eigen::MatrixXd xtwx(k, k);
  Eigen::VectorXd xtwy(k);
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod;
  for (int iter = 0; iter < 100; ++iter) {
    xtwx.setZero();
    xtwy.setZero();
    for (const Observation& o : obs) {
      double eta = 0;  // the linear predictor without the offset
      for (const auto& [a, xa] : o.row) eta += xa * beta(a);
      double w = o.count, z = std::log(o.count) - o.offset;
      if (iter > 0) {
        w = std::exp(eta + o.offset);
        z = eta + (o.count - w) / w;
      }
      for (const auto& [a, xa] : o.row) {
        xtwy(a) += w * xa * z;
        for (const auto& [b, xb] : o.row) xtwx(a, b) += w * xa * xb;
      }
    }
    // The ridge: a N(0, house_effect_sd^2) prior on each house effect. The basis is
    // orthonormal, so the same prior on g is that prior restricted to the sum-zero space.
    for (int a = g0; a < k; ++a) xtwx(a, a) += 1.0 / (s.house_effect_sd * s.house_effect_sd);
    // mu and c are determined up to a common shift; the pseudo-inverse picks the
    // minimum-norm solution and the shift is removed below (shares do not see it).
    cod.compute(xtwx);
    const Eigen::VectorXd next = cod.solve(xtwy);
    const double change = (next - beta).cwiseAbs().maxCoeff();
    beta = next;
    if (iter > 0 && change < 1e-10) break;
  }
  const Eigen::MatrixXd cov = cod.pseudoInverse();

  // Over the fitted options (all of them without priors; an option with a prior has no
  // observation, so its unknowns are left at zero by the pseudo-inverse).
  complete_average(out, fitted, beta(fitted), cov(fitted, fitted));
  const int rows = static_cast<int>(s.house_effects.size()) + k_est;
  out.house_effects = Eigen::MatrixXd::Zero(rows, options);
  int r = 0;
  for (const auto& [name, h] : s.house_effects) {
    out.house_pollsters.push_back(name);
    out.house_estimated.push_back(false);
    for (int i = 0; i < options; ++i) out.house_effects(r, i) = h[i];
    ++r;
  }
  for (int kk = 0; kk < k_est; ++kk, ++r) {
    out.house_pollsters.push_back(estimated[kk]);
    out.house_estimated.push_back(true);
    for (int i = 0; i < options; ++i)
      for (int j = 0; j < n_free; ++j)
        out.house_effects(r, i) += basis(kk, j) * beta(g0 + i * n_free + j);
    // Only differences across options are identified (a common shift is the poll's c_p);
    // an option with a prior has no effect to estimate.
    if (s.priors.empty()) {
      out.house_effects.row(r).array() -= out.house_effects.row(r).mean();
    } else {
      Eigen::RowVectorXd row = out.house_effects.row(r)(fitted);
      row.array() -= row.mean();
      out.house_effects.row(r).setZero();
      out.house_effects.row(r)(fitted) = row;
    }
  }
  return out;
}

double shared_error_concentration(const PollAverageSettings& s) {
  if (s.shared_error_points <= 0) return 0.0;
  return 2500.0 / (s.shared_error_points * s.shared_error_points) - 1.0;
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
  return LogisticNormalModel(a.mean_shares, sigma, corr, t_dof,
                             shared_error_concentration(a.settings));
}

double dirichlet_sample_size(const PollAverage& a) {
  const Eigen::Index o = a.covariance.rows();
  if (o < 2) throw std::invalid_argument("a Dirichlet needs at least two options");
  const Eigen::MatrixXd centre = Eigen::MatrixXd::Identity(o, o) -
                                 Eigen::MatrixXd::Constant(o, o, 1.0 / static_cast<double>(o));
  double target = (centre * a.covariance * centre).trace();
  const double nu = a.settings.shared_error_dof;
  if (nu > 2) target *= nu / (nu - 2);
  if (!(target > 0)) throw std::invalid_argument("the average has no spread to match");
  const double keep = 1.0 - 1.0 / static_cast<double>(o);
  const auto spread = [&](double n) {
    double t = 0;
    for (Eigen::Index i = 0; i < o; ++i) t += trigamma(a.mean_shares(i) * n);
    return keep * t;
  };
  // spread() falls with n: bisection on log n.
  double lo = std::log(1e-6), hi = std::log(1e15);
  for (int it = 0; it < 200; ++it) {
    const double mid = (lo + hi) / 2;
    (spread(std::exp(mid)) > target ? lo : hi) = mid;
  }
  const double n = std::exp((lo + hi) / 2);
  const double noise = shared_error_concentration(a.settings);
  if (noise <= 0) return n;
  // Dirichlet variances are p (1 - p) / (concentration + 1): add the two.
  return 1.0 / (1.0 / (n + 1.0) + 1.0 / (noise + 1.0)) - 1.0;
}

DirichletModel to_dirichlet(const PollAverage& a) {
  const double n = dirichlet_sample_size(a);
  std::vector<double> alpha(a.mean_shares.size());
  for (std::size_t i = 0; i < alpha.size(); ++i)
    alpha[i] = a.mean_shares(static_cast<Eigen::Index>(i)) * n;
  return DirichletModel(std::move(alpha));
}

VoteModel to_vote_model(const PollAverage& a) {
  if (a.settings.sampling == PollSampling::dirichlet) return to_dirichlet(a);
  return to_logistic_normal(a, a.settings.shared_error_dof);
}

}  // namespace seatcast::models
