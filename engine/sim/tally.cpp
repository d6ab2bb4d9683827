#include "engine/sim/tally.h"

#include <stdexcept>

namespace seatcast {

SeatHistogram::SeatHistogram(int options, int max_seats)
    : options(options), max_seats(max_seats),
      counts(static_cast<std::size_t>(options) * (max_seats + 1), 0) {}

void SeatHistogram::merge(const SeatHistogram& other) {
  if (other.counts.size() != counts.size()) throw std::logic_error("histogram shapes differ");
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
}

BodyTally::BodyTally(const ElectedBody& body)
    : seats_pr(body.options(), body.list_seats()),
      seats_district(body.options(), body.district_seats()),
      seats_total(body.options(), body.seats()),
      passed_threshold(body.options(), 0) {}

void BodyTally::add(const BodyDraw& draw) {
  seats_pr.add(draw.seats_pr);
  seats_district.add(draw.seats_district);
  seats_total.add(draw.seats_total);
  for (std::size_t o = 0; o < passed_threshold.size(); ++o) passed_threshold[o] += draw.passed[o];
  runner_up_draws += draw.list_events.runner_up_admitted;
  threshold_waived_draws += draw.list_events.threshold_waived;
  tie_draws += draw.list_events.tie;
  refused_draws += draw.list_events.refused;
}

void BodyTally::merge(const BodyTally& other) {
  seats_pr.merge(other.seats_pr);
  seats_district.merge(other.seats_district);
  seats_total.merge(other.seats_total);
  for (std::size_t o = 0; o < passed_threshold.size(); ++o)
    passed_threshold[o] += other.passed_threshold[o];
  runner_up_draws += other.runner_up_draws;
  threshold_waived_draws += other.threshold_waived_draws;
  tie_draws += other.tie_draws;
  refused_draws += other.refused_draws;
}

Tally::Tally(std::span<const ElectedBody> body_list) {
  for (const auto& b : body_list) bodies.emplace_back(b);
}

void Tally::merge(const Tally& other) {
  draws += other.draws;
  for (std::size_t b = 0; b < bodies.size(); ++b) bodies[b].merge(other.bodies[b]);
}

}  // namespace seatcast
