// GammaSampler: Gamma(shape, 1) variates by Marsaglia and Tsang (2000), "A simple method
// for generating gamma variables", ACM TOMS 26(3), over any Boost-style engine with full
// 64-bit output (in practice random::Engine). Shapes below 1 use the boost-up identity
// Gamma(a) = Gamma(a + 1) * U^(1/a). The constants d = a - 1/3 and c = 1/sqrt(9d) are
// computed once per shape, so a model with fixed shapes keeps one sampler per shape.
// log_draw() returns log Gamma(a) without ever forming the variate, for tiny shapes whose
// variates underflow double precision.
#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/random/uniform_01.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"

namespace seatcast::models {

namespace detail {

// The top 53 bits of a 64-bit engine, seen as an engine with range [0, 2^53 - 1].
// boost::random::uniform_01 over it returns exactly k * 2^-53 in one signed int-to-double
// conversion. Over the raw 64-bit engine it needs an unsigned 64-bit conversion, which
// x86-64 without AVX-512 does with a branch on the top bit that is mispredicted half the
// time: 7.8 ns instead of 2.3 ns per uniform on the build machine.
template <class Eng>
class Top53Bits {
 public:
  using result_type = std::uint64_t;
  static_assert(std::numeric_limits<typename Eng::result_type>::digits == 64,
                "GammaSampler needs an engine with 64-bit results");
  explicit Top53Bits(Eng& eng) : eng_(eng) {
    assert((Eng::min)() == 0 && (Eng::max)() == std::numeric_limits<std::uint64_t>::max());
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return (std::uint64_t{1} << 53) - 1; }
  result_type operator()() { return static_cast<std::uint64_t>(eng_()) >> 11; }

 private:
  Eng& eng_;
};

// Uniform on [0, 1), multiples of 2^-53, one engine call.
template <class Eng>
double uniform01(Eng& eng) {
  Top53Bits<Eng> bits(eng);
  return boost::random::uniform_01<double>()(bits);
}

}  // namespace detail

// Cost of one variate. Each Marsaglia-Tsang trial takes one standard normal (Boost's
// ziggurat: 1.04 engine calls on average) and one uniform (one engine call); the normal
// is redrawn while 1 + c x <= 0, probability Phi(-3 sqrt(d)) (0.7% at a = 1, below 1e-6
// from a = 3). A trial is accepted with probability 0.96 at a = 1, 0.986 at a = 2.5 and
// 0.9993 at a = 40 (1.043, 1.014 and 1.0007 trials per gamma); the squeeze settles about
// 92% of trials at every shape, the exact test's two log() calls the other 8%.
// Measured engine calls per gamma (asserted by EngineCallsPerVariate in
// tests/models/gamma_test.cpp): 2.09 at a = 1, 2.03 at a = 2.5, 2.00 at a = 40 and at
// a = 4000 (a normal takes one main word; its rare slow path reads the spill words).
// Shapes below 1 add one uniform and a pow() (log_draw: a second log()): 3.07 engine
// calls at a = 0.3. Time: about 6 ns per gamma for the poll shapes (bench_models,
// BM_Floor_Gamma8), against about 96 ns for boost::random::gamma_distribution.
class GammaSampler {
 public:
  // shape > 0 and finite; throws std::invalid_argument otherwise.
  explicit GammaSampler(double shape) : shape_(shape) {
    if (!(shape > 0.0) || !std::isfinite(shape)) {
      throw std::invalid_argument("GammaSampler: shape must be positive and finite, got " +
                                  std::to_string(shape));
    }
    boosted_ = shape < 1.0;
    const double a = boosted_ ? shape + 1.0 : shape;
    d_ = a - 1.0 / 3.0;
    c_ = 1.0 / std::sqrt(9.0 * d_);
    inv_shape_ = 1.0 / shape;
  }

  double shape() const noexcept { return shape_; }
  // True when the shape is below 1 and the boost-up identity is used.
  bool boosted() const noexcept { return boosted_; }

  // One Gamma(shape, 1) variate. For shapes well below 0.01 the result can underflow to
  // 0 (P(G < 1e-300) = about 1e-300^a); use log_draw() when that matters.
  template <class Eng>
  double operator()(Eng& eng) const {
    double g = core(eng);
    if (boosted_) g *= std::pow(open_uniform(eng), inv_shape_);
    return g;
  }

  // log of one Gamma(shape, 1) variate, consuming the same engine numbers as operator():
  // finite for every shape (log(G(a+1)) + log(U)/a), so tiny shapes do not underflow.
  template <class Eng>
  double log_draw(Eng& eng) const {
    double lg = std::log(core(eng));
    if (boosted_) lg += std::log(open_uniform(eng)) * inv_shape_;
    return lg;
  }

 private:
  // Marsaglia-Tsang for shape d + 1/3 >= 1.
  template <class Eng>
  double core(Eng& eng) const {
    random::NormalDistribution normal;
    for (;;) {
      double x;
      double v;
      do {
        x = normal(eng);
        v = 1.0 + c_ * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = detail::uniform01(eng);
      const double x2 = x * x;
      if (u < 1.0 - 0.0331 * x2 * x2) return d_ * v;  // squeeze: no log() needed
      if (std::log(u) < 0.5 * x2 + d_ * (1.0 - v + std::log(v))) return d_ * v;
    }
  }

  // Uniform on (0, 1): 0 (probability 2^-53) is redrawn so that log(U) and U^(1/a) stay
  // finite and positive.
  template <class Eng>
  static double open_uniform(Eng& eng) {
    double u;
    do {
      u = detail::uniform01(eng);
    } while (u == 0.0);
    return u;
  }

  double shape_;
  double d_ = 0.0;
  double c_ = 0.0;
  double inv_shape_ = 0.0;
  bool boosted_ = false;
};

}  // namespace seatcast::models
