// Exact arithmetic helpers shared by the rules: 128-bit products for cross-multiplied
// comparisons, and turning a decimal setting (a threshold of 0.05, a coefficient of
// 0.7) into an exact fraction so no floating-point rounding decides a seat.
#pragma once

#include <cstdint>

namespace seatcast {

__extension__ typedef __int128 Int128;

// A non-negative fraction num/den with den > 0.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;
};

// The fraction nearest to x with denominator 10^9, reduced. Decimal settings of up to
// nine places (0.05, 0.7, 0.0325) are represented exactly. Requires 0 <= x <= 10^9.
Fraction decimal_fraction(double x);

// floor(a * f) for a >= 0, exactly.
inline std::int64_t floor_times(std::int64_t a, Fraction f) {
  return static_cast<std::int64_t>(static_cast<Int128>(a) * f.num / f.den);
}

}  // namespace seatcast
