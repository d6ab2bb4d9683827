// Tallies: what a run counts. Integer histograms of seats per option and counters of
// events, kept per worker and merged by addition, so the totals do not depend on how
// draws were shared among threads or processes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/body/elected_body.h"

namespace seatcast {

// A histogram over rows x (0..max): counts[r * (max + 1) + s] is the number of draws in
// which row r (an option, a coalition) had s seats.
struct SeatHistogram {
  int options = 0;  // rows
  int max_seats = 0;
  std::vector<std::uint64_t> counts;

  SeatHistogram() = default;
  SeatHistogram(int rows, int max_seats);
  std::span<const std::uint64_t> row(int r) const {
    return {counts.data() + static_cast<std::size_t>(r) * (max_seats + 1),
            static_cast<std::size_t>(max_seats) + 1};
  }
  void add(std::span<const int> seats) {
    const std::size_t stride = static_cast<std::size_t>(max_seats) + 1;
    for (int o = 0; o < options; ++o) ++counts[o * stride + seats[o]];
  }
  void add_one(int r, int seats) {
    ++counts[static_cast<std::size_t>(r) * (max_seats + 1) + seats];
  }
  void merge(const SeatHistogram& other);
};

struct BodyTally {
  SeatHistogram seats_pr;
  SeatHistogram seats_district;
  SeatHistogram seats_total;
  std::vector<std::uint64_t> passed_threshold;  // [options]
  // List quota and lists (kept when the body has party lists).
  SeatHistogram group_seated;         // [options x list seats] quota-group members seated
  SeatHistogram women_seated;         // [options x list seats] women seated
  SeatHistogram body_group;           // [1 x list seats] the body's group members on list seats
  SeatHistogram body_women;           // [1 x list seats] the body's women on list seats
  SeatHistogram vacant;               // [1 x list seats] list seats left vacant
  SeatHistogram coalitions;           // [coalitions x seats]
  std::vector<std::uint64_t> pair;    // [(S + 1) x (S + 1)] joint seats of the pair
  std::uint64_t runner_up_draws = 0;  // the runner-up rule applied
  std::uint64_t threshold_waived_draws = 0;  // no list passed
  std::uint64_t tie_draws = 0;               // a tie decided a list seat
  std::uint64_t refused_draws = 0;           // a tie left list seats undecided
  std::uint64_t runoff_draws = 0;            // a district tie went to a runoff
  std::uint64_t quota_unmet_draws = 0;       // a list had too few group members
  // Distributions of disproportionality, effective numbers of parties and wasted votes
  // (engine/metrics/disproportionality.h), one count per draw in each histogram.
  MetricHistograms metrics;

  BodyTally() = default;
  explicit BodyTally(const ElectedBody& body);
  // Counts one draw. A body with one tier does not count the other tier's histogram nor
  // the total per draw (they follow from the tier it has): call settle() before reading.
  void add(const ElectedBody& body, const BodyDraw& draw);
  // Brings the histograms the draws did not count up to date. Cheap (one copy of a
  // histogram); the runner calls it at the end of each block.
  void settle();
  // Adds another tally of the same body (settled or not).
  void merge(const BodyTally& other);

 private:
  // Which histograms follow from another: seats_total is the one tier's histogram and
  // the missing tier holds 0 seats in every draw.
  enum class Derived : std::uint8_t { none, from_list, from_districts };
  Derived derived_ = Derived::none;
  std::uint64_t unsettled_ = 0;  // draws added since the last settle()
};

struct Tally {
  std::uint64_t draws = 0;
  std::vector<BodyTally> bodies;

  Tally() = default;
  explicit Tally(std::span<const ElectedBody> bodies);
  void merge(const Tally& other);
};

}  // namespace seatcast
