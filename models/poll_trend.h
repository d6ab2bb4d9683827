// A poll trend: the dynamic poll model. Vote intention moves through a campaign, and
// each poll sees it on its own fieldwork dates; the trend follows it day by day and
// carries it forward to election day with an uncertainty that grows with the days left.
//
// State: the centred log-shares of the polled options, l_t = V a_t with V an
// orthonormal basis of the sum-zero space (a_t has one entry fewer than the options).
// Each day it takes a random-walk step, a_{t+1} = a_t + w_t, w_t ~ N(0, drift^2 I), so
// every centred log-share drifts with variance drift^2 (1 - 1/F) a day (F options).
// The first poll's day starts from a diffuse N(0, initial_sd^2 I).
//
// Observation: a poll on day t (its fieldwork midpoint) reports shares y_i for the
// options S it names; read against the largest of them, r, the log-ratios
//   log(y_i / y_r) = (e_i - e_r)' V (a_t + g_k) + given offsets + e,   i in S \ {r},
// with g_k the house effect of its pollster k and e its sampling error: the log-ratios
// of a multinomial of n_eff respondents (sample size x decided share / design effect,
// as the static average), covariance diag(1 / (n_eff q_i)) + 1 / (n_eff q_r) on every
// entry, q the shares among S. A missing entry carries no information, and different
// bases cancel in the ratios. q starts at the observed shares and is then the fit's own
// (twice), as the static average's weights are its fitted counts.
//
// House effects, when estimated (the same pollsters as the static average: two or more
// polls, no given row, at least two such), are constant over the campaign, sum to zero
// across those pollsters (orthonormal basis U) and have a N(0, house_effect_sd^2) prior
// (the ridge): g = (U x I) eta. They enter as regression effects of an augmented Kalman
// filter (de Jong): every filtered mean is a + A eta, innovations are v0 - N eta with
// covariances that do not depend on eta, so eta's posterior is exactly
// N(Omega^-1 omega, Omega^-1), Omega = sum N' S^-1 N + I / sd^2, and the smoothed state
// (Rauch-Tung-Striebel) is a_s + A_s eta with covariance P_s + A_s Omega^-1 A_s'.
// Everything is exact for the linear Gaussian model; there is no sampling in the fit.
//
// Drift: given, or estimated by maximising the marginal likelihood (eta integrated out)
// over log(drift) in [1e-4, 0.3] by golden section on the final weights.
//
// Election day: the smoothed state on that day (polls after it are not used); the
// forecast is the logistic-normal of its mean and covariance with the shared error of
// the settings on top (points or log scale), priors as the static average's.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <Eigen/Dense>

#include "models/poll_average.h"

namespace seatcast::models {

// The settings a scenario of type polls-dynamic gets when it states none: one set for
// every election, chosen by the backtest of docs/backtests.md (never per election): the
// best train log score averaged over the horizons 0, 7, 30 and 90 days, among settings
// whose train 90% intervals cover at least 85% (scripts/tune_backtest.py; the four
// elections before 2021 train, the five after test).
struct TrendDefaults {
  double design_effect = 0;
  double shared_error_points = 0;  // the election-day error, points of a 50% option
  bool estimate_house_effects = false;
};
inline constexpr TrendDefaults kTrendDefaults{1.0, 2.5, true};

struct PollTrendSettings {
  PollAverageSettings poll;       // sample sizes, design effect, undecided, houses, shared error
  std::int64_t election_day = 0;  // days since 1970-01-01: the forecast's date
  std::optional<double> drift;    // daily sd of a log-share; nullopt: estimated
  double initial_sd = 10.0;       // diffuse prior on the first day (log scale)
  double min_drift = 1e-4;        // the search range of an estimated drift
  double max_drift = 0.3;
  int reweight_rounds = 2;  // fits with the fit's own shares as weights after the first
};

struct PollTrend {
  PollAverage forecast;        // election day: the vote model's mean and covariance
  std::int64_t first_day = 0;  // the trend covers first_day .. election_day
  std::vector<int> fitted;     // the options the polls estimate (the others have priors)
  // Per day d (row d is first_day + d), over the fitted options: the centred log-shares'
  // smoothed mean and covariance (the state, no shared error).
  Eigen::MatrixXd mean;              // [days x fitted]
  std::vector<Eigen::MatrixXd> cov;  // days x [fitted x fitted]
  double drift = 0;
  bool drift_estimated = false;
  double log_likelihood = 0;         // marginal, at the drift used
  std::vector<double> poll_weights;  // n_eff of each poll (the input's order)

  int days() const { return static_cast<int>(mean.rows()); }
};

// Fits the trend. Throws std::invalid_argument as average_polls does, and when no poll's
// day is on or before election_day, or the settings are out of range.
PollTrend fit_poll_trend(const std::vector<Poll>& polls, int options,
                         const PollTrendSettings& settings);

// Quantiles of each fitted option's share on each day of the trend, by `samples` draws
// of the state's normal (a fixed stream: the same numbers every time), as shares of the
// whole vote (the polled options' share scaled by what the priors leave):
// result[q] is [days x fitted] for probability probs[q].
std::vector<Eigen::MatrixXd> trend_share_quantiles(const PollTrend& trend,
                                                   const std::vector<double>& probs,
                                                   int samples = 4000);

}  // namespace seatcast::models
