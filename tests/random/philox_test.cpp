// Philox4x32-10 as seatcast computes it, on every instruction set this machine has,
// against Random123's own implementation and its published known-answer vectors.
#include "engine/random/philox.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include <Random123/philox.h>

namespace seatcast::random {
namespace {

using philox::Isa;

std::vector<Isa> isas() {
  std::vector<Isa> out;
  for (Isa isa : {Isa::scalar, Isa::avx2, Isa::avx512})
    if (philox::supported(isa)) out.push_back(isa);
  return out;
}

// Random123's examples/kat_vectors, philox4x32 with 10 rounds: counter, key, result.
TEST(Philox, KnownAnswers) {
  struct Kat {
    std::array<std::uint32_t, 4> ctr;
    std::array<std::uint32_t, 2> key;
    std::array<std::uint32_t, 4> out;
  };
  const Kat kats[] = {
      {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
      {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
       {0xffffffff, 0xffffffff},
       {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
      {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
       {0xa4093822, 0x299f31d0},
       {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
  };
  for (Isa isa : isas())
    for (const Kat& k : kats) {
      const std::uint64_t key = k.key[0] | std::uint64_t{k.key[1]} << 32;
      const std::uint64_t pos = k.ctr[0] | std::uint64_t{k.ctr[1]} << 32;
      const std::uint64_t sub = k.ctr[2] | std::uint64_t{k.ctr[3]} << 32;
      // Fill 40 calls so the vector paths compute the answer in some lane, not the tail.
      std::vector<std::uint64_t> out(80);
      const std::uint64_t lane = 5;
      philox::fill(isa, key, sub, pos - lane, 40, out.data());
      EXPECT_EQ(out[2 * lane], k.out[0] | std::uint64_t{k.out[1]} << 32) << philox::name(isa);
      EXPECT_EQ(out[2 * lane + 1], k.out[2] | std::uint64_t{k.out[3]} << 32) << philox::name(isa);
    }
}

// Every path gives Random123's bits for every lane, including where the counter's low
// word wraps inside a vector and for lengths that leave a tail (a vector partly used,
// or a few calls one at a time).
TEST(Philox, EveryPathIsRandom123) {
  r123::Philox4x32 reference;
  const std::uint64_t keys[] = {0, 1, 0x0123456789abcdefULL, ~0ULL};
  const std::uint64_t subs[] = {0, 7, 0x8000000000000001ULL};
  const std::uint64_t starts[] = {0, 3, 0xfffffff5ULL, 0x1fffffffbULL, (1ULL << 63) - 9};
  for (Isa isa : isas())
    for (std::uint64_t key : keys)
      for (std::uint64_t sub : subs)
        for (std::uint64_t start : starts)
          for (std::size_t calls : {1u, 2u, 3u, 8u, 16u, 37u, 70u}) {
            std::vector<std::uint64_t> out(2 * calls);
            philox::fill(isa, key, sub, start, calls, out.data());
            const r123::Philox4x32::key_type k = {
                {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
            for (std::size_t i = 0; i < calls; ++i) {
              const std::uint64_t p = start + i;
              const r123::Philox4x32::ctr_type c = {
                  {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p >> 32),
                   static_cast<std::uint32_t>(sub), static_cast<std::uint32_t>(sub >> 32)}};
              const auto r = reference(c, k);
              ASSERT_EQ(out[2 * i], r.v[0] | std::uint64_t{r.v[1]} << 32)
                  << philox::name(isa) << " call " << p;
              ASSERT_EQ(out[2 * i + 1], r.v[2] | std::uint64_t{r.v[3]} << 32)
                  << philox::name(isa) << " call " << p;
            }
          }
}

}  // namespace
}  // namespace seatcast::random
