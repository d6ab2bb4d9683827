#include "engine/rules/runner_up.h"

#include <algorithm>
#include <stdexcept>

namespace seatcast {

RunnerUpRule::RunnerUpRule(double coefficient, int min_seats)
    : coefficient_(coefficient), min_seats_(min_seats) {
  if (!(coefficient > 0.0 && coefficient <= 1.0))
    throw std::invalid_argument("runner-up coefficient must be in (0, 1]");
  if (min_seats < 0) throw std::invalid_argument("runner-up minimum seats must be >= 0");
  coefficient_exact_ = decimal_fraction(coefficient);
}

int RunnerUpRule::runner_up_seats(Votes passed, Votes runner_up, int seats) const {
  const Int128 pool = static_cast<Int128>(passed) + runner_up;
  Int128 whole = 0;
  if (pool > 0)
    whole = static_cast<Int128>(runner_up) * seats * coefficient_exact_.num /
            (pool * coefficient_exact_.den);
  const auto got = std::max<Int128>(whole, min_seats_);
  return static_cast<int>(std::min<Int128>(got, seats));
}

}  // namespace seatcast
