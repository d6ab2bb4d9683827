// Standard normal variates by the ziggurat (Marsaglia and Tsang, "The Ziggurat Method
// for Generating Random Variables", J. Stat. Software 5(8), 2000), 256 layers, one at a
// time or a batch at once.
//
// A variate takes exactly one main word of the engine: its low 8 bits choose the layer,
// its top 53 bits (signed) the point; the two never share a bit (Doornik 2005 showed
// what sharing them costs). 98.8% of points are accepted at once, with one multiply and
// an integer compare; the rest (the wedges and the tail beyond r = 3.654) are settled
// exactly with the engine's spill words (engine/random/engine.h), so normal() and
// fill_normals() give the same numbers from the same stream, whatever the batch size.
//
// Invariant: the tables are built once in long double and rounded, and the fast path
// is an exact int-to-double conversion and one multiply, so the bits do not depend on
// the instruction set the batch loop was compiled for.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "engine/random/engine.h"
#include "engine/simd/isa.h"

namespace seatcast::random {

namespace ziggurat {

constexpr int kLayers = 256;
constexpr double kR = 3.6541528853610088;  // where the tail begins

struct Tables {
  double scale[kLayers];        // x_i / 2^52: a 53-bit signed point times it is in the layer
  std::int64_t inner[kLayers];  // |point| below it: inside the curve at once
  double f[kLayers + 1];        // exp(-x_i^2 / 2), the layers' edges (f[256] = 1)
  double x[kLayers + 1];        // the layers' widths (x[256] = 0)
};
extern const Tables kTables;

// A uniform on (0, 1] from a word's top 53 bits: log() of it is finite.
inline double open_unit(std::uint64_t w) {
  return static_cast<double>((w >> 11) + 1) * 0x1.0p-53;
}

// The slow path of one word: its layer's wedge or the tail, retrying from spill words.
template <class Eng>
double settle(Eng& eng, std::uint64_t w) {
  const Tables& t = kTables;
  for (;;) {
    const int i = static_cast<int>(w & 0xFF);
    const std::int64_t s = static_cast<std::int64_t>(w) >> 11;
    const double x = static_cast<double>(s) * t.scale[i];
    const std::int64_t mag = s < 0 ? -s : s;
    if (mag < t.inner[i]) return x;
    if (i == 0) {
      // The tail beyond r (Marsaglia 1964): r + a with a ~ Exp(r), accepted with
      // probability exp(-a^2 / 2).
      for (;;) {
        const double a = -std::log(open_unit(eng.spill())) / kR;
        const double b = -std::log(open_unit(eng.spill()));
        if (b + b > a * a) return s < 0 ? -(kR + a) : kR + a;
      }
    }
    const double y = t.f[i] + open_unit(eng.spill()) * (t.f[i + 1] - t.f[i]);
    if (y < std::exp(-0.5 * x * x)) return x;
    w = eng.spill();
  }
}

}  // namespace ziggurat

// One N(0, 1) variate.
template <class Eng>
inline double normal(Eng& eng) {
  const std::uint64_t w = eng();
  const int i = static_cast<int>(w & 0xFF);
  const std::int64_t s = static_cast<std::int64_t>(w) >> 11;
  const std::int64_t mag = s < 0 ? -s : s;
  if (mag < ziggurat::kTables.inner[i]) [[likely]]
    return static_cast<double>(s) * ziggurat::kTables.scale[i];
  return ziggurat::settle(eng, w);
}

// out[0 .. n): n N(0, 1) variates, the same as n calls of normal(eng) by definition.
// The words are read in bulk and the fast path runs four (AVX2) or eight (AVX-512) at a
// time, gathering from the tables; the slow points are then settled in order.
void fill_normals(Engine& eng, double* out, std::size_t n);
// The same on a chosen path (tests and benchmarks); isa must be supported.
void fill_normals(simd::Isa isa, Engine& eng, double* out, std::size_t n);

// Any other engine (with spill()): one at a time.
template <class Eng>
inline void fill_normals(Eng& eng, double* out, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) out[j] = normal(eng);
}

// A drop-in for boost::random::normal_distribution<double>(mean, sd).
class NormalDistribution {
 public:
  explicit NormalDistribution(double mean = 0, double sd = 1) : mean_(mean), sd_(sd) {}
  template <class Eng>
  double operator()(Eng& eng) const {
    return mean_ + sd_ * normal(eng);
  }

 private:
  double mean_, sd_;
};

}  // namespace seatcast::random
