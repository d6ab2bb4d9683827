// The runner-up rule: when only one list passes the threshold, the list with the next
// most votes is admitted too, with a reduced share of the seats. Kazakhstan (Mazhilis,
// Art. 97-1 p. 5): the runner-up's Hare quotient over the two lists' votes is
// multiplied by 0.7, its whole part is its seats but never fewer than 2, and every
// seat left goes to the list that passed. Maslikhats use the same rule with a minimum
// of 1. The rule is general: coefficient and minimum are settings.
#pragma once

#include "engine/ballot/ballot.h"
#include "engine/rules/exact.h"

namespace seatcast {

class RunnerUpRule {
 public:
  RunnerUpRule(double coefficient, int min_seats);

  double coefficient() const { return coefficient_; }
  int min_seats() const { return min_seats_; }

  // Seats of the runner-up with `runner_up` votes beside the sole passing list with
  // `passed` votes, out of `seats`: max(min_seats, floor(c * runner_up * seats /
  // (passed + runner_up))), never more than `seats`. The passing list takes the rest.
  int runner_up_seats(Votes passed, Votes runner_up, int seats) const;

 private:
  double coefficient_;
  Fraction coefficient_exact_;
  int min_seats_;
};

}  // namespace seatcast
