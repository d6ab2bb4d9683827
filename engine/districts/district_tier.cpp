#include "engine/districts/district_tier.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/random/uniform_int_distribution.hpp>

#include "engine/random/normal.h"

namespace seatcast {

DistrictTier::DistrictTier(const Ballot& ballot, DistrictTierConfig config,
                           std::span<const double> centre)
    : config_(std::move(config)), options_(static_cast<int>(ballot.size())) {
  if (centre.size() != ballot.size()) throw std::invalid_argument("centre must cover every option");
  if (!(config_.noise_sd >= 0 && config_.independent_sd >= 0))
    throw std::invalid_argument("district noise must not be negative");
  if (!(config_.region_correlation >= 0 && config_.region_correlation <= 1))
    throw std::invalid_argument("region correlation must be in [0, 1]");
  centre_scale_.resize(options_);
  swings_.resize(options_);
  independent_.resize(options_);
  for (int o = 0; o < options_; ++o) {
    swings_[o] = centre[o] > 0;
    independent_[o] = ballot[o].kind == OptionKind::independent;
    centre_scale_[o] = swings_[o] ? swing_scale(config_.swing, centre[o]) : 0.0;
  }
  offset_.push_back(0);
  for (const District& d : config_.districts) {
    auto r = std::find(region_names_.begin(), region_names_.end(), d.region);
    if (r == region_names_.end()) r = region_names_.insert(region_names_.end(), d.region);
    region_of_.push_back(static_cast<int>(r - region_names_.begin()));
    int standing = 0;
    for (const DistrictCandidate& c : d.candidates) {
      const OptionKind k = ballot.at(c.option).kind;
      if (k != OptionKind::party && k != OptionKind::independent) continue;  // turnout only
      if (!(c.baseline > 0 && c.baseline < 1))
        throw std::invalid_argument("district " + d.id + ": a baseline share must be in (0, 1)");
      cand_option_.push_back(c.option);
      cand_base_.push_back(swing_scale(config_.swing, c.baseline));
      ++standing;
    }
    if (standing == 0) throw std::invalid_argument("district " + d.id + " has no candidate");
    for (int c = offset_.back(); c < static_cast<int>(cand_option_.size()); ++c)
      if (std::find(standing_options_.begin(), standing_options_.end(), cand_option_[c]) ==
          standing_options_.end())
        standing_options_.push_back(cand_option_[c]);
    offset_.push_back(static_cast<int>(cand_option_.size()));
  }
  build_noise();
}

void DistrictTier::build_noise() {
  const double shared_var = config_.noise_sd * config_.noise_sd * config_.region_correlation;
  const double own_var = config_.noise_sd * config_.noise_sd * (1 - config_.region_correlation);
  const double ind_var = config_.independent_sd * config_.independent_sd;
  shared_sd_ = std::sqrt(shared_var);
  // How many candidates each (region, option) effect reaches.
  const std::size_t regions = region_names_.size();
  std::vector<int> reach(regions * options_, 0);
  for (int d = 0; d < seats(); ++d)
    for (int c = offset_[d]; c < offset_[d + 1]; ++c)
      ++reach[region_of_[d] * options_ + cand_option_[c]];
  std::vector<int> slot(regions * options_, -1);
  shared_effects_ = 0;
  if (shared_var > 0)
    for (std::size_t k = 0; k < reach.size(); ++k)
      if (reach[k] >= 2) slot[k] = shared_effects_++;
  cand_sd_.assign(cand_option_.size(), 0.0);
  cand_shared_.assign(cand_option_.size(), shared_effects_);  // the trailing 0
  for (int d = 0; d < seats(); ++d)
    for (int c = offset_[d]; c < offset_[d + 1]; ++c) {
      const int o = cand_option_[c];
      const int k = slot[region_of_[d] * options_ + o];
      double var = own_var + (independent_[o] ? ind_var : 0.0);
      if (k >= 0)
        cand_shared_[c] = k;
      else
        var += shared_var;  // an effect on one candidate only: part of its own normal
      cand_sd_[c] = std::sqrt(var);
    }
  variates_ = static_cast<std::size_t>(shared_effects_);
  for (double sd : cand_sd_) variates_ += sd > 0;
}

std::size_t DistrictTier::variates_per_draw() const {
  return variates_;
}

DistrictEvents DistrictTier::evaluate(std::span<const double> shares, std::span<int> seats_out,
                                      random::Engine& rng, DistrictScratch& scratch) const {
  DistrictEvents events;
  scratch.swing.resize(options_);
  for (int o : standing_options_)
    scratch.swing[o] = swings_[o] ? swing_scale(config_.swing, shares[o]) - centre_scale_[o] : 0.0;

  // Stream order: the shared effects, then each candidate's own normal in district and
  // candidate order, drawn as one batch; then the lots of ties, if any.
  scratch.normals.resize(variates_);
  random::fill_normals(rng, scratch.normals.data(), variates_);
  const double* z = scratch.normals.data();
  scratch.shared.resize(static_cast<std::size_t>(shared_effects_) + 1);
  for (int k = 0; k < shared_effects_; ++k) scratch.shared[k] = shared_sd_ * *z++;
  scratch.shared[shared_effects_] = 0.0;

  const int districts = seats();
  for (int d = 0; d < districts; ++d) {
    double best = -INFINITY;
    int winner = -1, tied = 0;
    for (int c = offset_[d]; c < offset_[d + 1]; ++c) {
      const int o = cand_option_[c];
      double score = cand_base_[c] + scratch.swing[o] + scratch.shared[cand_shared_[c]];
      if (cand_sd_[c] > 0) score += cand_sd_[c] * *z++;
      if (score > best) {
        best = score;
        winner = c;
        tied = 1;
      } else if (score == best) {
        ++tied;
        // Runoff among the tied leaders as a fair lot: reservoir sampling keeps each of
        // the `tied` leaders with probability 1 / tied.
        if (boost::random::uniform_int_distribution<int>(1, tied)(rng) == 1) winner = c;
      }
    }
    events.runoff |= tied > 1;
    ++seats_out[cand_option_[winner]];
  }
  return events;
}

}  // namespace seatcast
