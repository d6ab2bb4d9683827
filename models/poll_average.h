// A poll average: several published polls pooled into one vote-share distribution on
// the log-ratio scale, ready to be sampled by the logistic-normal model.
//
// Each poll reports percentages for some options (an entry may be missing), an
// undecided share and a sample size, on a base of its own (all respondents, likely
// voters, ...). The model: log(share reported by poll p for option i) = mu_i + c_p +
// error, where c_p absorbs everything that scales a poll as a whole (its base, the
// undecided, the options it did not report), so a missing entry carries no information
// and different bases need no conversion. Weighted least squares with the weight
// n_eff * s of a log-share (Poisson counts with a free scale per poll give exactly the
// multinomial's log-ratio variances), n_eff = sample size x decided share / design
// effect x recency weight. The fitted mu has a sampling covariance that more
// polls shrink; a shared polling error, the same in every poll, is added on top and
// does not shrink (pollsters share their errors: published intervals that ignore this
// cover far less than they claim).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/logistic_normal.h"

namespace seatcast::models {

struct Poll {
  std::string pollster;
  double age_days = 0;                         // days before the reference date
  std::optional<double> sample_size;           // respondents; missing: the default
  std::vector<std::optional<double>> percent;  // per option; nullopt: not reported
  std::optional<double> undecided_percent;     // missing: 100 - the reported sum
};

struct PollAverageSettings {
  double default_sample_size = 600;  // for a poll that did not publish one
  double design_effect = 1.0;        // >= 1: weighting and clustering inflate variance
  double half_life_days = 0;         // recency weighting; 0: every poll counts fully
  double min_percent = 0.1;          // floor for a reported 0, so its log is finite
  double shared_error = 0.0;         // log-ratio sd per option, shared by all polls
  double shared_error_dof = 0;       // Student-t tails for the draw (0: normal)
};

struct PollAverage {
  Eigen::VectorXd mean_shares;       // softmax of mu, sums to 1
  Eigen::VectorXd log_mean;          // mu, centred to sum 0
  Eigen::MatrixXd sampling_cov;      // covariance of mu from the polls alone
  Eigen::MatrixXd covariance;        // sampling_cov + shared_error^2 I
  std::vector<double> poll_weights;  // effective sample size each poll entered with
};

// Throws std::invalid_argument when an option is reported by no poll, a percentage is
// negative or not finite, or a poll reports fewer than two options.
PollAverage average_polls(const std::vector<Poll>& polls, int options,
                          const PollAverageSettings& settings);

// The logistic-normal model with the average's mean and covariance.
LogisticNormalModel to_logistic_normal(const PollAverage& average, double t_dof);

}  // namespace seatcast::models
