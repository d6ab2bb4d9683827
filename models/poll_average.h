// A poll average: several published polls pooled into one vote-share distribution on
// the log-ratio scale, ready to be sampled by the logistic-normal model (or, as a
// setting, by a Dirichlet of matching effective sample size).
//
// Each poll reports percentages for some options (an entry may be missing), an
// undecided share and a sample size, on a base of its own (all respondents, likely
// voters, ...). The model:
//
//   log(share reported by poll p for option i) = mu_i + c_p + h_{k(p),i} + error,
//
// where c_p absorbs everything that scales a poll as a whole (its base, the undecided,
// the options it did not report), so a missing entry carries no information and
// different bases need no conversion, and h_{k,i} is the house effect of pollster k on
// option i (zero unless given or estimated, below). Fitted by Poisson maximum
// likelihood on pseudo-counts n_eff x share (Poisson counts with a free scale per poll
// give exactly the multinomial's log-ratio variances), n_eff = sample size x decided
// share / design effect x recency weight: iteratively reweighted least squares, the
// weight of a log-share being its fitted count (weights from the observed shares bias
// small options upwards). The fitted mu has a sampling covariance that more polls
// shrink; a shared polling error, the same in every poll, is added on top and does not
// shrink (pollsters share their errors: published intervals that ignore this cover far
// less than they claim).
//
// Undecided respondents. `drop` (the default): shares are read among the decided and a
// poll counts with its decided respondents only (n x decided share). `proportional`:
// the undecided are spread over the options in proportion to the decided shares; the
// shares are then the same, but the poll counts with its full sample, as if every
// respondent had answered. That claims information the poll does not have (about a
// fifth more weight for a poll with 20% undecided); it is there to reproduce averages
// published that way.
//
// House effects. Given: a per-pollster, per-option offset on the log scale (what the
// pollster adds to the log-share), subtracted before the fit; only its differences
// across options matter. Estimated (`estimate_house_effects`): every pollster with at
// least two polls and no given offsets gets an effect per option as extra unknowns.
// Two things pin them down: (a) a sum-to-zero constraint across those pollsters, per
// option (the repeat pollsters are unbiased on average; a one-poll pollster is taken to
// sit at that average, as its effect cannot be told from its sampling error), imposed
// exactly by an orthonormal basis of the sum-zero space; (b) a ridge, a normal prior of
// sd `house_effect_sd` on each effect, which keeps the fit defined with few or small
// polls and shrinks weakly measured effects towards zero. The effects' uncertainty
// enters the covariance of mu. With fewer than two repeat pollsters nothing is
// estimated (the constraint leaves no freedom).
//
// Prior shares. An option no poll reports (a new party, a minority list) can be given a
// share instead: p_j of the whole vote with a log-scale sd sigma_j. The polls are fitted
// over the other options as if it did not exist; their shares are then scaled by
// 1 - sum p_j, so their ratios are the polls', and option j's log-share is log p_j with
// variance sigma_j^2, independent of the rest (the polls say nothing about it). Like the
// polled options' mean shares, p_j is the centre (the softmax of the log mean): the
// draws' average share sits above it by about sigma_j^2 / 2 relative (log-normal skew).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "models/dirichlet.h"
#include "models/logistic_normal.h"
#include "models/vote_model.h"

namespace seatcast::models {

struct Poll {
  std::string pollster;
  double age_days = 0;   // days before the reference date
  std::int64_t day = 0;  // fieldwork midpoint, days since 1970-01-01 (the trend's time)
  std::optional<double> sample_size;           // respondents; missing: the default
  std::vector<std::optional<double>> percent;  // per option; nullopt: not reported
  std::optional<double> undecided_percent;     // missing: 100 - the reported sum
};

enum class UndecidedRule { drop, proportional };
enum class PollSampling { logistic_normal, dirichlet };

std::string_view to_string(UndecidedRule rule);
std::string_view to_string(PollSampling sampling);

struct PollAverageSettings {
  double default_sample_size = 600;  // for a poll that did not publish one
  double design_effect = 1.0;        // >= 1: weighting and clustering inflate variance
  double half_life_days = 0;         // recency weighting; 0: every poll counts fully
  double min_percent = 0.1;          // floor for a reported 0, so its log is finite
  // The polling error shared by all polls, in one of two shapes (one of the two is
  // non-zero):
  double shared_error = 0.0;    // log-ratio sd per option, the same for every option
  double shared_error_dof = 0;  // Student-t tails per option for it (0: normal)
  // sd in percentage points of a 50% option's error; an option at share p misses by
  // points x 2 sqrt(p (1 - p)): a Dirichlet of concentration 2500 / points^2 - 1 around
  // the draw of the average (LogisticNormalModel's noise), light-tailed and bounded.
  double shared_error_points = 0.0;
  UndecidedRule undecided = UndecidedRule::drop;
  PollSampling sampling = PollSampling::logistic_normal;
  // Given house effects: pollster -> log-scale offset per option (size: options).
  std::map<std::string, std::vector<double>> house_effects;
  bool estimate_house_effects = false;
  double house_effect_sd = 0.2;  // ridge: prior sd of an estimated effect (log scale)
  // Options no poll reports, given a share instead: option index -> prior.
  struct Prior {
    double share = 0;  // of the whole vote, in (0, 1); the priors sum to under 1
    double sigma = 0;  // log-scale sd, >= 0
  };
  std::map<int, Prior> priors;
};

struct PollAverage {
  Eigen::VectorXd mean_shares;       // softmax of mu, sums to 1
  Eigen::VectorXd log_mean;          // mu, centred to sum 0
  Eigen::MatrixXd sampling_cov;      // covariance of mu from the polls alone
  Eigen::MatrixXd covariance;        // sampling_cov + shared_error^2 I
  std::vector<double> poll_weights;  // effective sample size each poll entered with
  // House effects in use, one row per pollster (given ones as given, estimated ones
  // centred across options), and whether each row was estimated.
  std::vector<std::string> house_pollsters;
  Eigen::MatrixXd house_effects;  // [pollsters x options]
  std::vector<bool> house_estimated;
  PollAverageSettings settings;  // as fitted
};

// Throws std::invalid_argument when an option without a prior is reported by no poll,
// one with a prior is reported by a poll, a prior is out of range, a percentage is
// negative or not finite, a poll reports fewer than two options, or given house effects
// have the wrong size or are not finite.
PollAverage average_polls(const std::vector<Poll>& polls, int options,
                          const PollAverageSettings& settings);

// Pieces both fits (this static average and the dynamic trend, poll_trend.h) share.
//
// An orthonormal basis of the vectors over k entries that sum to zero (Helmert): k x
// (k - 1), columns orthogonal to the ones vector and to each other.
Eigen::MatrixXd sum_zero_basis(int k);
// A poll's effective sample size (sample size x decided share / design effect, before
// any recency weight) and the sum of the percentages it reports. Throws
// std::invalid_argument for a negative or non-finite share or fewer than two reported.
struct PollReading {
  double n_eff = 0;
  double reported = 0;
};
PollReading read_poll(const Poll& poll, const PollAverageSettings& settings);
// The pollsters whose house effects are estimated: two or more polls and no given row, in
// order of first appearance, and none unless there are two such. Checks given rows.
std::vector<std::string> pollsters_to_estimate(const std::vector<Poll>& polls, int options,
                                               const PollAverageSettings& settings);
// The options the polls estimate, from how many polls report each; checks the priors
// (an option needs polls or a prior, never both). Throws std::invalid_argument.
std::vector<int> fitted_options(const std::vector<int>& reported_by,
                                const PollAverageSettings& settings);
// Fills out.log_mean, mean_shares, sampling_cov and covariance from the fitted options'
// log-shares and their covariance (centred here), adding the shared error and the priors
// of out.settings.
void complete_average(PollAverage& out, const std::vector<int>& fitted, Eigen::VectorXd mu_fit,
                      const Eigen::MatrixXd& cov_fit);

// The concentration N of the Dirichlet that carries a shared error given in points
// (2500 / points^2 - 1), or 0 when the shared error is on the log scale.
double shared_error_concentration(const PollAverageSettings& settings);

// The logistic-normal model with the average's mean and covariance (and the Dirichlet
// noise of a shared error in points).
LogisticNormalModel to_logistic_normal(const PollAverage& average, double t_dof);

// The Dirichlet alternative: alpha = mean_shares x n, with n (the effective sample size)
// chosen so that the Dirichlet's total log-ratio variance (the trace of its centred
// log-share covariance, trigamma(alpha_i) per option) equals the average's, times
// nu / (nu - 2) with Student-t tails. A shared error in points adds its variance
// p (1 - p) / (N + 1) to that of the average's sampling, so the sample sizes combine
// as 1 / (n + 1) = 1 / (n_sampling + 1) + 1 / (N + 1). One number cannot carry the covariance's
// shape: the Dirichlet's spread is multinomial-like (small options relatively wider) and it has no
// heavy tails, so this is a cruder summary than the logistic-normal.
double dirichlet_sample_size(const PollAverage& average);
DirichletModel to_dirichlet(const PollAverage& average);

// The model the settings ask for (settings.sampling).
VoteModel to_vote_model(const PollAverage& average);

}  // namespace seatcast::models
