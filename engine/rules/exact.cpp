#include "engine/rules/exact.h"

#include <cmath>
#include <numeric>

namespace seatcast {

Fraction decimal_fraction(double x) {
  constexpr std::int64_t kDen = 1'000'000'000;
  const auto num = static_cast<std::int64_t>(std::llround(x * static_cast<double>(kDen)));
  const std::int64_t g = std::gcd(num, kDen);
  return {num / g, kDen / g};
}

}  // namespace seatcast
