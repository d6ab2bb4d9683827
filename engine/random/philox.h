// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as
// 1, 2, 3", SC 2011), the counter-based generator of Random123, filled in bulk.
//
// A call maps a 128-bit counter and a 64-bit key to 128 random bits; seatcast's counter
// is (position: 64 bits, substream: 64 bits), so any number of any stream is addressable
// by (key, substream, position) alone. Call i gives the 64-bit words 2i (counter words 0
// and 1 of the output, low half first) and 2i + 1 (words 2 and 3).
//
// Invariant: every instruction set gives the same bits as Random123's own
// r123::Philox4x32 (tests/random/philox_test.cpp checks each path the machine has); the
// vector paths only compute 16 (AVX-512) or 8 (AVX2) calls side by side.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/simd/isa.h"

namespace seatcast::random::philox {

// The paths (engine/simd/isa.h): the best one this processor runs, decided once.
using simd::best_isa;
using simd::Isa;
using simd::name;
using simd::supported;

// out[0 .. 2 calls): the words of calls first_call .. first_call + calls - 1.
void fill(std::uint64_t key, std::uint64_t substream, std::uint64_t first_call, std::size_t calls,
          std::uint64_t* out);
// The same with a chosen path (tests and bench_engines); isa must be supported.
void fill(Isa isa, std::uint64_t key, std::uint64_t substream, std::uint64_t first_call,
          std::size_t calls, std::uint64_t* out);

}  // namespace seatcast::random::philox
