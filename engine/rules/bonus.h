// Majority bonus: seats given to the list with the most votes before the rest are shared
// out, as some laws do to make a governing majority likelier.
//   schedule  at `from` of the base or more, `seats`, and `step_seats` more for each full
//             `step` above it, at most `max` (Greece, law 4654/2020 art. 99: 20 seats at
//             25%, one more per half point, 50 at 40%);
//   fixed     `seats` whenever the first list has at least `from` of the base;
//   majority  the first list's seats are topped up to `majority` of the house (at least
//             that share, rounded up) when its share falls short, the others sharing what is
//             left (majority-prize laws such as Italy's of 2005, which gave 340 of 630).
// Shares are compared exactly: the thresholds are held in millionths and the first list's
// votes against the base are cross-multiplied in 128 bits.
//
// Invariant: the bonus never exceeds the house and is 0 when the first list falls short
// of `from`; schedule bonuses do not fall as the first list's share rises.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/ballot/ballot.h"

namespace seatcast {

struct BonusRule {
  enum class Kind : std::uint8_t { schedule, fixed, majority };
  Kind kind = Kind::schedule;
  std::int64_t from = 0;  // millionths of the base
  int seats = 0;
  std::int64_t step = 0;  // millionths (schedule)
  int step_seats = 0;
  int max = 0;                // schedule: the largest bonus
  std::int64_t majority = 0;  // millionths of the house (majority)

  // The seats given to a first list of `first` votes out of `base` votes (schedule,
  // fixed) in a house of `house` seats.
  int seats_for(Votes first, Votes base, int house) const;
  // majority: the seats the first list is topped up to in a house of `house`.
  int majority_seats(int house) const;
  // Why the settings do not make a bonus (empty when they do).
  std::optional<std::string> invalid(int house) const;
};

}  // namespace seatcast
