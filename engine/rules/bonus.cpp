#include "engine/rules/bonus.h"

#include <algorithm>

namespace seatcast {

namespace {

__extension__ typedef __int128 Wide;
constexpr std::int64_t kMillion = 1'000'000;

}  // namespace

int BonusRule::seats_for(Votes first, Votes base, int house) const {
  if (kind == Kind::majority || base <= 0) return 0;
  // first / base >= from / 10^6, exactly.
  const Wide have = static_cast<Wide>(first) * kMillion;
  const Wide need = static_cast<Wide>(from) * base;
  if (have < need) return 0;
  int bonus = seats;
  if (kind == Kind::schedule && step > 0) {
    // Full steps above `from`: floor((first * 10^6 - from * base) / (step * base)).
    const Wide steps = (have - need) / (static_cast<Wide>(step) * base);
    const Wide extra = steps * step_seats;
    bonus = static_cast<int>(std::min<Wide>(static_cast<Wide>(seats) + extra, max));
  }
  return std::min(bonus, house);
}

int BonusRule::majority_seats(int house) const {
  // ceil(house * majority / 10^6)
  return static_cast<int>((static_cast<std::int64_t>(house) * majority + kMillion - 1) / kMillion);
}

std::optional<std::string> BonusRule::invalid(int house) const {
  if (from < 0 || from > kMillion) return "from must be a share from 0 to 1";
  switch (kind) {
    case Kind::schedule:
      if (step <= 0) return "step must be a share above 0";
      if (step_seats < 1) return "step_seats must be at least 1";
      if (max < seats) return "max must be at least seats (the schedule must not fall)";
      if (max > house) return "max must not exceed the seats allocated";
      [[fallthrough]];
    case Kind::fixed:
      if (seats < 1 || seats > house) return "seats must be from 1 to the seats allocated";
      return std::nullopt;
    case Kind::majority:
      if (majority <= kMillion / 2 || majority > kMillion)
        return "majority must be a share above 0.5 and at most 1";
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace seatcast
