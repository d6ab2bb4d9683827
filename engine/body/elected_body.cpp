#include "engine/body/elected_body.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/random/normal_distribution.hpp>

namespace seatcast {

ElectedBody::ElectedBody(const Ballot& ballot, BodyConfig config, std::span<const double> centre)
    : config_(std::move(config)), options_(static_cast<int>(ballot.size())), metrics_(ballot) {
  if (config_.list_tier) list_.emplace(ballot, *config_.list_tier);
  // Districts swing from the centre of the electorate they sit in: a region's baseline
  // for a regional body, the national centre otherwise.
  std::vector<double> district_centre(centre.begin(), centre.end());
  if (config_.electorate) {
    const auto& b = config_.electorate->baseline;
    double sum = 0;
    for (double x : b) sum += x;
    for (std::size_t o = 0; o < b.size() && o < district_centre.size(); ++o)
      district_centre[o] = centre[o] > 0 && sum > 0 ? b[o] / sum : 0;
  }
  if (config_.district_tier) districts_.emplace(ballot, *config_.district_tier, district_centre);
  if (!list_ && !districts_) throw std::invalid_argument("body " + config_.id + " has no tier");
  config_.lists.resize(options_);
  for (const auto& l : config_.lists) has_lists_ = has_lists_ || l.has_value();
  if (config_.electorate) {
    const auto& e = *config_.electorate;
    if (e.baseline.size() != static_cast<std::size_t>(options_))
      throw std::invalid_argument("body " + config_.id +
                                  ": the regional baseline must cover every option");
    for (int o = 0; o < options_; ++o) {
      swings_.push_back(centre[o] > 0);
      centre_scale_.push_back(centre[o] > 0 ? swing_scale(e.swing, centre[o]) : 0);
    }
  }
}

std::size_t ElectedBody::variates_per_draw() const {
  std::size_t n = districts_ ? districts_->variates_per_draw() : 0;
  if (config_.electorate && config_.electorate->noise_sd > 0) n += options_;
  return n;
}

BodyDraw ElectedBody::make_draw() const {
  BodyDraw d;
  for (auto* v : {&d.seats_pr, &d.seats_district, &d.seats_total, &d.group_seated, &d.women_seated})
    v->assign(options_, 0);
  d.passed.assign(options_, 0);
  return d;
}

void ElectedBody::regional_vote(std::span<const double> shares, BodyScratch& scratch,
                                random::Engine& rng) const {
  const RegionalElectorate& e = *config_.electorate;
  scratch.shares.resize(options_);
  scratch.votes.resize(options_);
  boost::random::normal_distribution<double> normal;
  double sum = 0;
  for (int o = 0; o < options_; ++o) {
    double p = 0;
    if (e.baseline[o] > 0) {
      double score = swing_scale(e.swing, e.baseline[o]);
      if (swings_[o]) score += swing_scale(e.swing, shares[o]) - centre_scale_[o];
      if (e.noise_sd > 0) score += e.noise_sd * normal(rng);
      p = e.swing == SwingModel::logit_additive ? 1 / (1 + std::exp(-score)) : std::exp(score);
    }
    scratch.shares[o] = p;
    sum += p;
  }
  for (int o = 0; o < options_; ++o) {
    scratch.shares[o] /= sum;
    scratch.votes[o] = std::llround(scratch.shares[o] * static_cast<double>(e.total_votes));
  }
}

void ElectedBody::seat_lists(BodyDraw& out) const {
  out.vacant = 0;
  out.quota_unmet = false;
  for (int o = 0; o < options_; ++o) {
    const auto& list = config_.lists[o];
    if (!list) {
      out.group_seated[o] = out.women_seated[o] = 0;
      continue;
    }
    const int won = out.seats_pr[o];
    const int fill = std::min(won, list->length());
    const int need = config_.quota_share ? quota_need(*config_.quota_share, fill) : 0;
    const PartyList::Seating s = list->seat(won, need);
    out.seats_pr[o] = s.seated;
    out.vacant += s.vacant;
    out.group_seated[o] = s.group;
    out.women_seated[o] = s.women;
    out.quota_unmet = out.quota_unmet || !s.quota_met;
  }
}

void ElectedBody::evaluate(std::span<const double> shares, std::span<const Votes> votes,
                           BodyDraw& out, BodyScratch& scratch, random::Engine& rng,
                           std::uint64_t lot_key) const {
  std::span<const double> body_shares = shares;
  std::span<const Votes> body_votes = votes;
  if (config_.electorate) {
    regional_vote(shares, scratch, rng);
    body_shares = scratch.shares;
    body_votes = scratch.votes;
  }
  // Districts first: their results do not depend on the list tier, and a list tier may
  // admit a list on its district seats ("5% or at least N district seats"). The list
  // tier draws no random numbers, so the order moves no stream.
  std::fill(out.seats_district.begin(), out.seats_district.end(), 0);
  if (districts_)
    out.district_events =
        districts_->evaluate(body_shares, out.seats_district, rng, scratch.district);
  if (list_) {
    out.list_events = list_->evaluate(
        body_votes, districts_ ? std::span<const int>(out.seats_district) : std::span<const int>(),
        out.seats_pr, out.passed, scratch.list, lot_key);
    if (has_lists_) seat_lists(out);
  }
  for (int i = 0; i < options_; ++i) out.seats_total[i] = out.seats_pr[i] + out.seats_district[i];
  out.metrics = metrics_.measure(body_votes, list_ ? out.seats_pr : out.seats_district);
}

}  // namespace seatcast
