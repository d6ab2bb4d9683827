// exp(x) over an array at once, for the batches of a draw (the areas' log-normal swing,
// the softmax of a logistic-normal share): all of one level's options in one call, so
// the vector lanes stay full.
//
// Cody-Waite reduction x = n ln 2 + r, |r| <= ln 2 / 2, and exp(r) by its Taylor series
// to degree 13 (truncation under 5e-18), so the result is within a few ulp of exp(x)
// (tests/simd/exp_test.cpp measures it against std::exp). Inputs are clamped to
// [-708, 708], where 2^n and the result are normal doubles: beyond them exp saturates
// at exp(+-708) instead of overflowing to inf or falling to 0 (a share's weight, for
// which both are the same). NaN stays NaN.
//
// Invariant: every instruction set gives the same bits (no fused multiply-add: the file
// is compiled with -ffp-contract=off), so a draw does not depend on the machine's.
#pragma once

#include <cstddef>

#include "engine/simd/isa.h"

namespace seatcast::simd {

// out[i] = exp(x[i]) for i < n; out may be x.
void exp(const double* x, double* out, std::size_t n);
// The same on a chosen path (tests and benchmarks); isa must be supported.
void exp(Isa isa, const double* x, double* out, std::size_t n);

}  // namespace seatcast::simd
