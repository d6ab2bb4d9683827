#include "engine/districts/district_tier.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

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
}

std::size_t DistrictTier::variates_per_draw() const {
  std::size_t n = 0;
  if (config_.noise_sd > 0) {
    n += cand_option_.size();
    if (config_.region_correlation > 0) n += region_names_.size() * standing_options_.size();
  }
  if (config_.independent_sd > 0)
    for (int o : cand_option_) n += independent_[o];
  return n;
}

DistrictEvents DistrictTier::evaluate(std::span<const double> shares, std::span<int> seats_out,
                                      random::Engine& rng, DistrictScratch& scratch) const {
  DistrictEvents events;
  scratch.swing.resize(options_);
  for (int o = 0; o < options_; ++o)
    scratch.swing[o] = swings_[o] ? swing_scale(config_.swing, shares[o]) - centre_scale_[o] : 0.0;

  boost::random::normal_distribution<double> normal;
  const double shared_sd = config_.noise_sd * std::sqrt(config_.region_correlation);
  const double own_sd = config_.noise_sd * std::sqrt(1 - config_.region_correlation);
  const bool regional = config_.noise_sd > 0 && config_.region_correlation > 0;
  if (regional) {
    // Regional effects only for the options that stand somewhere: the rest never score.
    scratch.region.resize(region_names_.size() * options_);
    for (std::size_t r = 0; r < region_names_.size(); ++r)
      for (int o : standing_options_) scratch.region[r * options_ + o] = shared_sd * normal(rng);
  }

  const int districts = seats();
  for (int d = 0; d < districts; ++d) {
    const double* region = regional ? scratch.region.data() + region_of_[d] * options_ : nullptr;
    double best = -INFINITY;
    int winner = -1, tied = 0;
    for (int c = offset_[d]; c < offset_[d + 1]; ++c) {
      const int o = cand_option_[c];
      double score = cand_base_[c] + scratch.swing[o];
      if (own_sd > 0) score += own_sd * normal(rng);
      if (region) score += region[o];
      if (independent_[o] && config_.independent_sd > 0)
        score += config_.independent_sd * normal(rng);
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
