#include "engine/sim/tally.h"

#include <stdexcept>

namespace seatcast {

SeatHistogram::SeatHistogram(int rows, int max_seats)
    : options(rows),
      max_seats(max_seats),
      counts(static_cast<std::size_t>(rows) * (max_seats + 1), 0) {}

void SeatHistogram::merge(const SeatHistogram& other) {
  if (other.counts.size() != counts.size()) throw std::logic_error("histogram shapes differ");
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
}

BodyTally::BodyTally(const ElectedBody& body)
    : seats_pr(body.options(), body.list_seats()),
      seats_district(body.options(), body.district_seats()),
      seats_total(body.options(), body.seats()),
      passed_threshold(body.options(), 0) {
  if (body.has_lists()) {
    group_seated = SeatHistogram(body.options(), body.list_seats());
    women_seated = SeatHistogram(body.options(), body.list_seats());
    body_group = SeatHistogram(1, body.list_seats());
    body_women = SeatHistogram(1, body.list_seats());
    vacant = SeatHistogram(1, body.list_seats());
  }
  if (body.district_seats() == 0)
    derived_ = Derived::from_list;
  else if (body.list_seats() == 0)
    derived_ = Derived::from_districts;
  coalitions = SeatHistogram(static_cast<int>(body.config().coalitions.size()), body.seats());
  if (body.config().pair)
    pair.assign(static_cast<std::size_t>(body.seats() + 1) * (body.seats() + 1), 0);
}

void BodyTally::add(const ElectedBody& body, const BodyDraw& draw) {
  switch (derived_) {
    case Derived::none:
      seats_pr.add(draw.seats_pr);
      seats_district.add(draw.seats_district);
      seats_total.add(draw.seats_total);
      break;
    case Derived::from_list:
      seats_pr.add(draw.seats_pr);
      break;
    case Derived::from_districts:
      seats_district.add(draw.seats_district);
      break;
  }
  ++unsettled_;
  for (std::size_t o = 0; o < passed_threshold.size(); ++o) passed_threshold[o] += draw.passed[o];
  runner_up_draws += draw.list_events.runner_up_admitted;
  threshold_waived_draws += draw.list_events.threshold_waived;
  tie_draws += draw.list_events.tie;
  refused_draws += draw.list_events.refused;
  runoff_draws += draw.district_events.runoff;
  metrics.add(draw.metrics);
  const BodyConfig& cfg = body.config();
  if (body.has_lists()) {
    group_seated.add(draw.group_seated);
    women_seated.add(draw.women_seated);
    int group = 0, women = 0;
    for (int o = 0; o < body.options(); ++o) {
      group += draw.group_seated[o];
      women += draw.women_seated[o];
    }
    body_group.add_one(0, group);
    body_women.add_one(0, women);
    vacant.add_one(0, draw.vacant);
    quota_unmet_draws += draw.quota_unmet;
  }
  for (std::size_t c = 0; c < cfg.coalitions.size(); ++c) {
    int seats = 0;
    for (int m : cfg.coalitions[c].members) seats += draw.seats_total[m];
    coalitions.add_one(static_cast<int>(c), seats);
  }
  if (cfg.pair)
    ++pair[static_cast<std::size_t>(draw.seats_total[(*cfg.pair)[0]]) * (body.seats() + 1) +
           draw.seats_total[(*cfg.pair)[1]]];
}

void BodyTally::settle() {
  if (derived_ == Derived::none) return;
  SeatHistogram& empty = derived_ == Derived::from_list ? seats_district : seats_pr;
  const SeatHistogram& tier = derived_ == Derived::from_list ? seats_pr : seats_district;
  for (int o = 0; o < empty.options; ++o)
    empty.counts[static_cast<std::size_t>(o) * (empty.max_seats + 1)] += unsettled_;
  seats_total.counts = tier.counts;  // same shape: the body's seats are the tier's
  unsettled_ = 0;
}

void BodyTally::merge(const BodyTally& other) {
  for (auto [mine, theirs] : {std::pair{&seats_pr, &other.seats_pr},
                              {&seats_district, &other.seats_district},
                              {&seats_total, &other.seats_total},
                              {&group_seated, &other.group_seated},
                              {&women_seated, &other.women_seated},
                              {&body_group, &other.body_group},
                              {&body_women, &other.body_women},
                              {&vacant, &other.vacant},
                              {&coalitions, &other.coalitions}})
    mine->merge(*theirs);
  for (auto [mine, theirs] :
       {std::pair{&passed_threshold, &other.passed_threshold}, {&pair, &other.pair}})
    for (std::size_t i = 0; i < mine->size(); ++i) (*mine)[i] += (*theirs)[i];
  runner_up_draws += other.runner_up_draws;
  threshold_waived_draws += other.threshold_waived_draws;
  tie_draws += other.tie_draws;
  refused_draws += other.refused_draws;
  runoff_draws += other.runoff_draws;
  quota_unmet_draws += other.quota_unmet_draws;
  metrics.merge(other.metrics);
  // What other has not settled yet is settled here, by the same rule.
  if (derived_ == Derived::none) derived_ = other.derived_;
  unsettled_ += other.unsettled_;
}

Tally::Tally(std::span<const ElectedBody> body_list) {
  for (const auto& b : body_list) bodies.emplace_back(b);
}

void Tally::merge(const Tally& other) {
  draws += other.draws;
  for (std::size_t b = 0; b < bodies.size(); ++b) bodies[b].merge(other.bodies[b]);
}

}  // namespace seatcast
