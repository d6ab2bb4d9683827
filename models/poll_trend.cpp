#include "models/poll_trend.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>

#include "engine/random/normal.h"
#include "engine/random/streams.h"

namespace seatcast::models {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;

// One poll as the filter reads it, over the fitted options (indices into `fitted`).
struct Observation {
  int day = 0;              // index on the trend's grid
  int house = -1;           // row of U for an estimated pollster, else -1
  int ref = 0;              // the largest reported option: the ratios' base
  std::vector<int> others;  // the other reported options
  Eigen::VectorXd z;        // log(y_i / y_ref) less given offsets, i in others
  Eigen::MatrixXd h;        // [others x m]: (e_i - e_ref)' V
  Eigen::VectorXd y;        // observed shares (floored), ref first then others
  Eigen::VectorXd offset;   // given house offsets, off_i - off_ref
  double n_eff = 0;
};

// The fitted model's view of the data: state dimension m, house unknowns q.
struct Design {
  int f = 0, m = 0, q = 0, days = 0;
  Eigen::MatrixXd v;  // [f x m] sum-zero basis
  Eigen::MatrixXd u;  // [pollsters x pollsters - 1] sum-zero basis of house effects
  double house_var = 0;
  double initial_var = 0;
  std::vector<Observation> obs;  // sorted by day
};

// Filtered (and, after smoothing, smoothed) moments per day: the state given eta is
// a + A eta with covariance P.
struct Moments {
  std::vector<Eigen::VectorXd> a;
  std::vector<Eigen::MatrixXd> big_a, p;
};

struct PassResult {
  double log_likelihood = 0;
  Eigen::VectorXd eta;  // posterior mean of the house unknowns
  Eigen::MatrixXd eta_cov;
};

// The regressors of the house unknowns in one observation: X = U(k, .) (x) H.
void add_house(const Design& d, const Observation& o, Eigen::MatrixXd& n) {
  if (o.house < 0) return;
  for (int j = 0; j < d.u.cols(); ++j) n.middleCols(j * d.m, d.m) += d.u(o.house, j) * o.h;
}

// The observation covariance for weights q (shares among the reported, ref first).
Eigen::MatrixXd noise(const Observation& o, const Eigen::VectorXd& q) {
  const auto k = static_cast<Eigen::Index>(o.others.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(k, k, 1.0 / (o.n_eff * q(0)));
  for (Eigen::Index i = 0; i < k; ++i) r(i, i) += 1.0 / (o.n_eff * q(i + 1));
  return r;
}

// One forward pass of the augmented Kalman filter; with `store`, the filtered moments
// per day (for the smoother).
PassResult filter(const Design& d, const std::vector<Eigen::VectorXd>& weights, double drift,
                  Moments* store) {
  const double step = drift * drift;
  Eigen::VectorXd a = Eigen::VectorXd::Zero(d.m);
  Eigen::MatrixXd big_a = Eigen::MatrixXd::Zero(d.m, d.q);
  Eigen::MatrixXd p = d.initial_var * Eigen::MatrixXd::Identity(d.m, d.m);
  Eigen::MatrixXd omega = Eigen::MatrixXd::Zero(d.q, d.q);
  Eigen::VectorXd omega_v = Eigen::VectorXd::Zero(d.q);
  double quad = 0, logdet = 0, n_obs = 0;
  if (store) {
    store->a.assign(static_cast<std::size_t>(d.days), a);
    store->big_a.assign(static_cast<std::size_t>(d.days), big_a);
    store->p.assign(static_cast<std::size_t>(d.days), p);
  }
  std::size_t next = 0;
  for (int day = 0; day < d.days; ++day) {
    if (day > 0) p.diagonal().array() += step;
    for (; next < d.obs.size() && d.obs[next].day == day; ++next) {
      const Observation& o = d.obs[next];
      Eigen::MatrixXd n = o.h * big_a;
      add_house(d, o, n);
      const Eigen::MatrixXd hp = o.h * p;
      Eigen::MatrixXd s = hp * o.h.transpose() + noise(o, weights[next]);
      const Eigen::LLT<Eigen::MatrixXd> llt(s);
      if (llt.info() != Eigen::Success)
        throw std::invalid_argument(
            "poll trend: an innovation covariance is not positive definite");
      const Eigen::VectorXd v0 = o.z - o.h * a;
      const Eigen::MatrixXd gain = llt.solve(hp).transpose();  // P H' S^-1
      a += gain * v0;
      big_a -= gain * n;
      p -= gain * hp;
      p = (0.5 * (p + p.transpose())).eval();
      const Eigen::VectorXd s_v = llt.solve(v0);
      quad += v0.dot(s_v);
      logdet += 2.0 * llt.matrixLLT().diagonal().array().log().sum();
      n_obs += static_cast<double>(v0.size());
      if (d.q > 0) {
        omega_v += n.transpose() * s_v;
        const Eigen::MatrixXd l_n = llt.matrixL().solve(n);
        omega.selfadjointView<Eigen::Lower>().rankUpdate(l_n.transpose());
      }
    }
    if (store) {
      store->a[static_cast<std::size_t>(day)] = a;
      store->big_a[static_cast<std::size_t>(day)] = big_a;
      store->p[static_cast<std::size_t>(day)] = p;
    }
  }
  PassResult out;
  double ll = -0.5 * (n_obs * kLog2Pi + logdet + quad);
  if (d.q > 0) {
    Eigen::MatrixXd post = omega.selfadjointView<Eigen::Lower>();
    post.diagonal().array() += 1.0 / d.house_var;
    const Eigen::LLT<Eigen::MatrixXd> llt(post);
    out.eta = llt.solve(omega_v);
    out.eta_cov = llt.solve(Eigen::MatrixXd::Identity(d.q, d.q));
    // Integrating eta out against its N(0, sd^2 I) prior.
    ll += 0.5 * omega_v.dot(out.eta) - 0.5 * (2.0 * llt.matrixLLT().diagonal().array().log().sum() +
                                              d.q * std::log(d.house_var));
  } else {
    out.eta = Eigen::VectorXd::Zero(0);
    out.eta_cov = Eigen::MatrixXd::Zero(0, 0);
  }
  out.log_likelihood = ll;
  return out;
}

// Rauch-Tung-Striebel on the filtered moments, in place; the same gains move the
// house regressors A.
void smooth(Moments& mo, double drift) {
  const double step = drift * drift;
  for (int day = static_cast<int>(mo.a.size()) - 2; day >= 0; --day) {
    const auto t = static_cast<std::size_t>(day);
    Eigen::MatrixXd pred = mo.p[t];
    pred.diagonal().array() += step;
    const Eigen::MatrixXd j = pred.llt().solve(mo.p[t]).transpose();  // P (P + Q)^-1
    mo.a[t] += j * (mo.a[t + 1] - mo.a[t]);
    mo.big_a[t] += j * (mo.big_a[t + 1] - mo.big_a[t]);
    const Eigen::MatrixXd back = mo.p[t] + j * (mo.p[t + 1] - pred) * j.transpose();
    mo.p[t] = 0.5 * (back + back.transpose());
  }
}

// The state's mean on a day (eta at its posterior mean) in V coordinates.
Eigen::VectorXd state_mean(const Moments& mo, const PassResult& r, int day) {
  const auto t = static_cast<std::size_t>(day);
  if (r.eta.size() == 0) return mo.a[t];
  return mo.a[t] + mo.big_a[t] * r.eta;
}

// The fitted shares among each poll's reported options (ref first), from the smoothed
// state, its pollster's house effect and the given offsets.
std::vector<Eigen::VectorXd> fitted_weights(const Design& d, const Moments& mo,
                                            const PassResult& r) {
  std::vector<Eigen::VectorXd> out;
  out.reserve(d.obs.size());
  for (const Observation& o : d.obs) {
    Eigen::VectorXd state = state_mean(mo, r, o.day);
    if (o.house >= 0)
      for (int j = 0; j < d.u.cols(); ++j) state += d.u(o.house, j) * r.eta.segment(j * d.m, d.m);
    // The pollster's expected log(q_i / q_ref): its view of the state plus its offsets.
    const Eigen::VectorXd logit = o.h * state + o.offset;
    Eigen::VectorXd q(logit.size() + 1);
    q(0) = 1.0;
    for (Eigen::Index i = 0; i < logit.size(); ++i) q(i + 1) = std::exp(logit(i));
    out.push_back(q / q.sum());
  }
  return out;
}

double golden_max(const std::function<double(double)>& f, double lo, double hi) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = f(x1), f2 = f(x2);
  while (hi - lo > 1e-3) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    }
  }
  return (lo + hi) / 2;
}

}  // namespace

PollTrend fit_poll_trend(const std::vector<Poll>& polls, int options, const PollTrendSettings& ts) {
  const PollAverageSettings& s = ts.poll;
  if (polls.empty()) throw std::invalid_argument("no polls to follow");
  if (s.design_effect < 1.0) throw std::invalid_argument("design effect must be >= 1");
  if (ts.drift && !(*ts.drift >= 0 && *ts.drift <= 1))
    throw std::invalid_argument("poll trend: the drift must be in [0, 1]");
  if (!(ts.initial_sd > 0) || !(ts.min_drift > 0) || !(ts.max_drift > ts.min_drift))
    throw std::invalid_argument("poll trend: bad search settings");
  if (s.estimate_house_effects && !(s.house_effect_sd > 0))
    throw std::invalid_argument("house_effect_sd must be positive");

  std::vector<int> use;  // polls on or before election day, by day (stable)
  for (std::size_t i = 0; i < polls.size(); ++i)
    if (polls[i].day <= ts.election_day) use.push_back(static_cast<int>(i));
  if (use.empty()) throw std::invalid_argument("no poll was taken on or before election day");
  // By day, ties in file order. std::sort with the index as tie-break, not stable_sort:
  // libstdc++ 12's temporary buffer trips AddressSanitizer's new/free check here.
  std::sort(use.begin(), use.end(), [&](int x, int y) {
    return polls[x].day != polls[y].day ? polls[x].day < polls[y].day : x < y;
  });

  const std::vector<std::string> estimated = pollsters_to_estimate(polls, options, s);
  std::vector<int> reported_by(static_cast<std::size_t>(options), 0);
  for (int i : use)
    for (int o = 0; o < options; ++o)
      if (polls[i].percent.size() == static_cast<std::size_t>(options) && polls[i].percent[o])
        ++reported_by[o];
  const std::vector<int> fitted = fitted_options(reported_by, s);

  PollTrend out;
  out.fitted = fitted;
  out.first_day = polls[use.front()].day;
  out.forecast.settings = s;
  Design d;
  d.f = static_cast<int>(fitted.size());
  if (d.f < 2) throw std::invalid_argument("poll trend: fewer than two options are polled");
  d.m = d.f - 1;
  d.v = sum_zero_basis(d.f);
  const int houses = static_cast<int>(estimated.size());
  if (houses >= 2) d.u = sum_zero_basis(houses);
  d.q = houses >= 2 ? (houses - 1) * d.m : 0;
  d.house_var = s.house_effect_sd * s.house_effect_sd;
  d.initial_var = ts.initial_sd * ts.initial_sd;
  d.days = static_cast<int>(ts.election_day - out.first_day) + 1;
  std::vector<int> slot(static_cast<std::size_t>(options), -1);  // option -> fitted index
  for (int k = 0; k < d.f; ++k) slot[static_cast<std::size_t>(fitted[k])] = k;

  out.poll_weights.assign(polls.size(), 0.0);
  for (int i : use) {
    const Poll& poll = polls[i];
    if (static_cast<int>(poll.percent.size()) != options)
      throw std::invalid_argument("poll '" + poll.pollster + "' has the wrong number of options");
    const PollReading reading = read_poll(poll, s);
    out.poll_weights[static_cast<std::size_t>(i)] = reading.n_eff;
    Observation o;
    o.day = static_cast<int>(poll.day - out.first_day);
    o.n_eff = reading.n_eff;
    const auto e = std::find(estimated.begin(), estimated.end(), poll.pollster);
    if (d.q > 0 && e != estimated.end()) o.house = static_cast<int>(e - estimated.begin());
    std::vector<int> named;
    for (int opt = 0; opt < options; ++opt)
      if (poll.percent[opt]) named.push_back(opt);
    const auto share = [&](int opt) { return std::max(*poll.percent[opt], s.min_percent); };
    const int ref = *std::max_element(named.begin(), named.end(),
                                      [&](int x, int y) { return share(x) < share(y); });
    const auto given = s.house_effects.find(poll.pollster);
    const auto offset = [&](int opt) {
      return given == s.house_effects.end() ? 0.0 : given->second[static_cast<std::size_t>(opt)];
    };
    o.ref = slot[static_cast<std::size_t>(ref)];
    for (int opt : named)
      if (opt != ref) o.others.push_back(slot[static_cast<std::size_t>(opt)]);
    const auto k = static_cast<Eigen::Index>(o.others.size());
    o.z.resize(k);
    o.h.resize(k, d.m);
    o.y.resize(k + 1);
    o.offset.resize(k);
    o.y(0) = share(ref);
    for (Eigen::Index r = 0, c = 0; c < static_cast<Eigen::Index>(named.size()); ++c) {
      const int opt = named[static_cast<std::size_t>(c)];
      if (opt == ref) continue;
      o.y(r + 1) = share(opt);
      o.offset(r) = offset(opt) - offset(ref);
      o.z(r) = std::log(share(opt) / share(ref)) - o.offset(r);
      o.h.row(r) = d.v.row(slot[static_cast<std::size_t>(opt)]) - d.v.row(o.ref);
      ++r;
    }
    o.y /= o.y.sum();
    d.obs.push_back(std::move(o));
  }

  // Weights: observed shares, then (reweight_rounds times) the fit's own; the drift re-estimated
  // each time.
  std::vector<Eigen::VectorXd> weights;
  for (const Observation& o : d.obs) weights.push_back(o.y);
  double drift = ts.drift.value_or(0.0);
  Moments mo;
  PassResult result;
  for (int round = 0; round <= ts.reweight_rounds; ++round) {
    if (!ts.drift) {
      const auto ll = [&](double log_drift) {
        return filter(d, weights, std::exp(log_drift), nullptr).log_likelihood;
      };
      drift = std::exp(golden_max(ll, std::log(ts.min_drift), std::log(ts.max_drift)));
    }
    result = filter(d, weights, drift, &mo);
    smooth(mo, drift);
    if (round < ts.reweight_rounds) weights = fitted_weights(d, mo, result);
  }
  out.drift = drift;
  out.drift_estimated = !ts.drift;
  out.log_likelihood = result.log_likelihood;

  out.mean.resize(d.days, d.f);
  out.cov.resize(static_cast<std::size_t>(d.days));
  for (int day = 0; day < d.days; ++day) {
    const auto t = static_cast<std::size_t>(day);
    Eigen::MatrixXd c = mo.p[t];
    if (d.q > 0) c += mo.big_a[t] * result.eta_cov * mo.big_a[t].transpose();
    out.mean.row(day) = (d.v * state_mean(mo, result, day)).transpose();
    out.cov[t] = d.v * c * d.v.transpose();
  }
  complete_average(out.forecast, fitted, out.mean.row(d.days - 1).transpose(), out.cov.back());
  out.forecast.poll_weights = out.poll_weights;

  // House effects in use: given rows, then the estimated ones (centred over the fitted
  // options, as V's columns are).
  const int rows = static_cast<int>(s.house_effects.size()) + (d.q > 0 ? houses : 0);
  out.forecast.house_effects = Eigen::MatrixXd::Zero(rows, options);
  int r = 0;
  for (const auto& [name, h] : s.house_effects) {
    out.forecast.house_pollsters.push_back(name);
    out.forecast.house_estimated.push_back(false);
    for (int i = 0; i < options; ++i)
      out.forecast.house_effects(r, i) = h[static_cast<std::size_t>(i)];
    ++r;
  }
  if (d.q > 0)
    for (int k = 0; k < houses; ++k, ++r) {
      Eigen::VectorXd g = Eigen::VectorXd::Zero(d.m);
      for (int j = 0; j < d.u.cols(); ++j) g += d.u(k, j) * result.eta.segment(j * d.m, d.m);
      const Eigen::VectorXd l = d.v * g;
      out.forecast.house_pollsters.push_back(estimated[static_cast<std::size_t>(k)]);
      out.forecast.house_estimated.push_back(true);
      for (int i = 0; i < d.f; ++i) out.forecast.house_effects(r, fitted[i]) = l(i);
    }
  return out;
}

std::vector<Eigen::MatrixXd> trend_share_quantiles(const PollTrend& trend,
                                                   const std::vector<double>& probs, int samples) {
  const int f = static_cast<int>(trend.fitted.size());
  const Eigen::MatrixXd v = sum_zero_basis(f);
  std::vector<Eigen::MatrixXd> out(probs.size(), Eigen::MatrixXd::Zero(trend.days(), f));
  random::Engine eng(0x5eed7e4d);
  random::NormalDistribution normal;
  Eigen::MatrixXd draws(samples, f);
  Eigen::VectorXd z(f - 1);
  std::vector<double> column(static_cast<std::size_t>(samples));
  double polled = 1.0;  // what the prior shares leave the polled options
  for (const auto& entry : trend.forecast.settings.priors) polled -= entry.second.share;
  for (int day = 0; day < trend.days(); ++day) {
    const Eigen::MatrixXd c = v.transpose() * trend.cov[static_cast<std::size_t>(day)] * v;
    Eigen::MatrixXd jitter = c;
    jitter.diagonal().array() += 1e-14;
    const Eigen::MatrixXd l = jitter.llt().matrixL();
    for (int n = 0; n < samples; ++n) {
      for (int k = 0; k + 1 < f; ++k) z(k) = normal(eng);
      Eigen::ArrayXd e = trend.mean.row(day).transpose() + v * (l * z);
      e = (e - e.maxCoeff()).exp();
      draws.row(n) = (polled * e / e.sum()).transpose();
    }
    for (int k = 0; k < f; ++k) {
      for (int n = 0; n < samples; ++n) column[static_cast<std::size_t>(n)] = draws(n, k);
      std::sort(column.begin(), column.end());
      for (std::size_t q = 0; q < probs.size(); ++q) {
        const double pos = probs[q] * (samples - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const std::size_t hi = std::min(lo + 1, column.size() - 1);
        out[q](day, k) = column[lo] + (pos - static_cast<double>(lo)) * (column[hi] - column[lo]);
      }
    }
  }
  return out;
}

}  // namespace seatcast::models
