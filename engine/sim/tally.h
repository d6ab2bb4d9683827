// Tallies: what a run counts. Integer histograms of seats per option and counters of
// events, kept per worker and merged by addition, so the totals do not depend on how
// draws were shared among threads or processes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/body/elected_body.h"

namespace seatcast {

// A histogram over options x (0..max seats): counts[o * (max + 1) + s] is the number of
// draws in which option o won s seats.
struct SeatHistogram {
  int options = 0;
  int max_seats = 0;
  std::vector<std::uint64_t> counts;

  SeatHistogram() = default;
  SeatHistogram(int options, int max_seats);
  std::span<const std::uint64_t> row(int option) const {
    return {counts.data() + static_cast<std::size_t>(option) * (max_seats + 1),
            static_cast<std::size_t>(max_seats) + 1};
  }
  void add(std::span<const int> seats) {
    const std::size_t stride = static_cast<std::size_t>(max_seats) + 1;
    for (int o = 0; o < options; ++o) ++counts[o * stride + seats[o]];
  }
  void merge(const SeatHistogram& other);
};

struct BodyTally {
  SeatHistogram seats_pr;
  SeatHistogram seats_district;
  SeatHistogram seats_total;
  std::vector<std::uint64_t> passed_threshold;  // [options]
  std::uint64_t runner_up_draws = 0;             // draws in which the runner-up rule applied
  std::uint64_t threshold_waived_draws = 0;      // draws in which no list passed
  std::uint64_t tie_draws = 0;                   // draws in which a tie decided a seat
  std::uint64_t refused_draws = 0;               // draws with a tie left undecided

  BodyTally() = default;
  explicit BodyTally(const ElectedBody& body);
  void add(const BodyDraw& draw);
  void merge(const BodyTally& other);
};

struct Tally {
  std::uint64_t draws = 0;
  std::vector<BodyTally> bodies;

  Tally() = default;
  explicit Tally(std::span<const ElectedBody> bodies);
  void merge(const Tally& other);
};

}  // namespace seatcast
