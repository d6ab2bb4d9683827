#include "engine/simd/exp.h"

#include <bit>
#include <cstdint>

namespace seatcast::simd {
namespace {

constexpr double kLog2e = 1.4426950408889634;
// ln 2 in two parts (fdlibm's): the high one ends in 21 zero bits, so n * kLn2Hi is exact
// for |n| < 2^21 and the reduction loses nothing.
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kShifter = 0x1.8p52;  // adding it rounds to an integer, kept in the low bits
constexpr double kMax = 708.0;

// The Taylor coefficients 1 / k!, k = 13 .. 2.
constexpr double kC[] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                         1.0 / 362880.0,     1.0 / 40320.0,     1.0 / 5040.0,     1.0 / 720.0,
                         1.0 / 120.0,        1.0 / 24.0,        1.0 / 6.0,        0.5};

// One lane's work, written so that a compiler vectorises the loop around it: no
// branches, min/max as comparisons, 2^n made from the bits of the shifted n.
[[gnu::always_inline]] inline double exp_lane(double x) {
  x = x < -kMax ? -kMax : x;
  x = x > kMax ? kMax : x;
  const double shifted = x * kLog2e + kShifter;
  const double n = shifted - kShifter;
  const double r = (x - n * kLn2Hi) - n * kLn2Lo;
  double p = kC[0];
  for (int k = 1; k < 12; ++k) p = p * r + kC[k];  // Horner; unrolled, a constant count
  p = (p * r + 1.0) * r + 1.0;
  // The low 12 bits of shifted's bits are n mod 4096; n + 1023 is the exponent of 2^n.
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(shifted);
  const double scale = std::bit_cast<double>((bits + 1023) << 52);
  return p * scale;
}

void exp_scalar(const double* x, double* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = exp_lane(x[i]);
}

[[gnu::target("avx2")]] void exp_avx2(const double* x, double* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = exp_lane(x[i]);
}

[[gnu::target("avx512f,avx512dq")]] void exp_avx512(const double* x, double* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = exp_lane(x[i]);
}

}  // namespace

void exp(Isa isa, const double* x, double* out, std::size_t n) {
  switch (isa) {
    case Isa::avx512:
      return exp_avx512(x, out, n);
    case Isa::avx2:
      return exp_avx2(x, out, n);
    case Isa::scalar:
      break;
  }
  exp_scalar(x, out, n);
}

void exp(const double* x, double* out, std::size_t n) {
  exp(best_isa(), x, out, n);
}

}  // namespace seatcast::simd
