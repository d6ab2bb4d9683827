#include "engine/body/elected_body.h"

#include <algorithm>

namespace seatcast {

ElectedBody::ElectedBody(const Ballot& ballot, BodyConfig config)
    : config_(std::move(config)), options_(static_cast<int>(ballot.size())) {
  if (config_.list_tier) list_.emplace(ballot, *config_.list_tier);
}

BodyDraw ElectedBody::make_draw() const {
  BodyDraw d;
  d.seats_pr.assign(options_, 0);
  d.seats_district.assign(options_, 0);
  d.seats_total.assign(options_, 0);
  d.passed.assign(options_, 0);
  return d;
}

void ElectedBody::evaluate(std::span<const Votes> votes, BodyDraw& out, BodyScratch& scratch,
                           std::uint64_t lot_key) const {
  if (list_) out.list_events = list_->evaluate(votes, out.seats_pr, out.passed, scratch.list, lot_key);
  for (int i = 0; i < options_; ++i) out.seats_total[i] = out.seats_pr[i] + out.seats_district[i];
}

}  // namespace seatcast
