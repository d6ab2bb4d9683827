// The vector instruction sets seatcast's batch kernels are compiled for, and which of
// them this processor runs (cpuid, decided once).
//
// Invariant: a kernel gives the same bits on every path; the paths differ only in how
// many lanes run side by side (tests compare each supported path with the scalar one).
#pragma once

namespace seatcast::simd {

enum class Isa { scalar, avx2, avx512 };

// The best path this processor runs.
Isa best_isa();
bool supported(Isa isa);
const char* name(Isa isa);

}  // namespace seatcast::simd
