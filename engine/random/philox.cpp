#include "engine/random/philox.h"

#include <immintrin.h>

#include <algorithm>

#include <Random123/philox.h>

namespace seatcast::random::philox {
namespace {

constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // the round multipliers
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // the key's Weyl steps

void fill_scalar(std::uint64_t key, std::uint64_t substream, std::uint64_t first, std::size_t calls,
                 std::uint64_t* out) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::key_type k = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  for (std::size_t i = 0; i < calls; ++i) {
    const std::uint64_t pos = first + i;
    const r123::Philox4x32::ctr_type c = {
        {static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(pos >> 32),
         static_cast<std::uint32_t>(substream), static_cast<std::uint32_t>(substream >> 32)}};
    const auto r = philox(c, k);
    out[2 * i] = r.v[0] | std::uint64_t{r.v[1]} << 32;
    out[2 * i + 1] = r.v[2] | std::uint64_t{r.v[3]} << 32;
  }
}

// GCC 12's _mm512_mul_epu32 passes _mm512_undefined_epi32() as its unused merge source
// and then warns that it may be uninitialised (GCC bug 105593): silenced for this path.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// Lanes hold one call each; the four counter words are four vectors. The high halves
// of the 32 x 32 -> 64 products come from the even lanes (mul_epu32) and the odd lanes
// shifted down, blended back into place; the low halves are mullo. A round's multiply
// waits on the last one, so Ways vectors run side by side to fill the pipeline.
template <int Ways>
__attribute__((target("avx512f"), always_inline)) inline void philox_avx512(std::uint64_t key,
                                                                            std::uint64_t substream,
                                                                            std::uint64_t first,
                                                                            std::uint64_t* out) {
  constexpr std::size_t kLanes = 16;
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kM0));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(kM1));
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  constexpr __mmask16 odd = 0xAAAA;
  __m512i x0[Ways], x1[Ways], x2[Ways], x3[Ways];
  for (int v = 0; v < Ways; ++v) {
    // pos + lane for 16 lanes; the high word carries where the low one wraps.
    const std::uint64_t pos = first + static_cast<std::size_t>(v) * kLanes;
    const __m512i base = _mm512_set1_epi32(static_cast<int>(pos));
    x0[v] = _mm512_add_epi32(base, lane);
    const __mmask16 wrapped = _mm512_cmplt_epu32_mask(x0[v], base);
    const __m512i high = _mm512_set1_epi32(static_cast<int>(pos >> 32));
    x1[v] = _mm512_mask_add_epi32(high, wrapped, high, _mm512_set1_epi32(1));
    x2[v] = _mm512_set1_epi32(static_cast<int>(substream));
    x3[v] = _mm512_set1_epi32(static_cast<int>(substream >> 32));
  }
  std::uint32_t k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
  for (int r = 0; r < 10; ++r) {
    const __m512i key0 = _mm512_set1_epi32(static_cast<int>(k0));
    const __m512i key1 = _mm512_set1_epi32(static_cast<int>(k1));
    for (int v = 0; v < Ways; ++v) {
      const __m512i p0e = _mm512_mul_epu32(x0[v], m0);
      const __m512i p0o = _mm512_mul_epu32(_mm512_srli_epi64(x0[v], 32), m0);
      const __m512i p1e = _mm512_mul_epu32(x2[v], m1);
      const __m512i p1o = _mm512_mul_epu32(_mm512_srli_epi64(x2[v], 32), m1);
      const __m512i hi0 = _mm512_mask_blend_epi32(odd, _mm512_srli_epi64(p0e, 32), p0o);
      const __m512i hi1 = _mm512_mask_blend_epi32(odd, _mm512_srli_epi64(p1e, 32), p1o);
      const __m512i old1 = x1[v], old3 = x3[v];
      x1[v] = _mm512_mullo_epi32(x2[v], m1);
      x3[v] = _mm512_mullo_epi32(x0[v], m0);
      x0[v] = _mm512_ternarylogic_epi32(hi1, old1, key0, 0x96);  // three-way xor
      x2[v] = _mm512_ternarylogic_epi32(hi0, old3, key1, 0x96);
    }
    k0 += kW0;
    k1 += kW1;
  }
  // Words 2i and 2i + 1 are (x0 x1) and (x2 x3) of call i: interleave the 32-bit words
  // into 64-bit ones, then transpose the 128-bit blocks (call i's two words) into order.
  for (int v = 0; v < Ways; ++v) {
    const __m512i a_lo = _mm512_unpacklo_epi32(x0[v], x1[v]);  // a(4k), a(4k + 1)
    const __m512i a_hi = _mm512_unpackhi_epi32(x0[v], x1[v]);  // a(4k + 2), a(4k + 3)
    const __m512i b_lo = _mm512_unpacklo_epi32(x2[v], x3[v]);
    const __m512i b_hi = _mm512_unpackhi_epi32(x2[v], x3[v]);
    const __m512i p = _mm512_unpacklo_epi64(a_lo, b_lo);  // block k: call 4k
    const __m512i q = _mm512_unpackhi_epi64(a_lo, b_lo);  // call 4k + 1
    const __m512i r = _mm512_unpacklo_epi64(a_hi, b_hi);  // call 4k + 2
    const __m512i s = _mm512_unpackhi_epi64(a_hi, b_hi);  // call 4k + 3
    const __m512i t0 = _mm512_shuffle_i64x2(p, q, 0x44);  // p0 p1 q0 q1
    const __m512i t1 = _mm512_shuffle_i64x2(p, q, 0xEE);  // p2 p3 q2 q3
    const __m512i t2 = _mm512_shuffle_i64x2(r, s, 0x44);
    const __m512i t3 = _mm512_shuffle_i64x2(r, s, 0xEE);
    std::uint64_t* o = out + 2 * kLanes * static_cast<std::size_t>(v);
    _mm512_storeu_si512(o, _mm512_shuffle_i64x2(t0, t2, 0x88));       // calls 0-3
    _mm512_storeu_si512(o + 8, _mm512_shuffle_i64x2(t0, t2, 0xDD));   // calls 4-7
    _mm512_storeu_si512(o + 16, _mm512_shuffle_i64x2(t1, t3, 0x88));  // calls 8-11
    _mm512_storeu_si512(o + 24, _mm512_shuffle_i64x2(t1, t3, 0xDD));  // calls 12-15
  }
}

__attribute__((target("avx512f"))) void fill_avx512(std::uint64_t key, std::uint64_t substream,
                                                    std::uint64_t first, std::size_t calls,
                                                    std::uint64_t* out) {
  std::size_t done = 0;
  for (; done + 64 <= calls; done += 64)
    philox_avx512<4>(key, substream, first + done, out + 2 * done);
  for (; done + 16 <= calls; done += 16)
    philox_avx512<1>(key, substream, first + done, out + 2 * done);
  // A tail of a few calls: one more vector (its extra calls unused) costs less than
  // them one at a time.
  if (calls - done >= 4) {
    alignas(64) std::uint64_t tail[32];
    philox_avx512<1>(key, substream, first + done, tail);
    std::copy(tail, tail + 2 * (calls - done), out + 2 * done);
    return;
  }
  fill_scalar(key, substream, first + done, calls - done, out + 2 * done);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// AVX2: eight calls a vector, four vectors side by side, as above; the words are put
// in order through memory.
template <int Ways>
__attribute__((target("avx2"), always_inline)) inline void philox_avx2(std::uint64_t key,
                                                                       std::uint64_t substream,
                                                                       std::uint64_t first,
                                                                       std::uint64_t* out) {
  constexpr std::size_t kLanes = 8;
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  // Unsigned a < b as signed compares after flipping the sign bits (AVX2 has no epu32).
  const __m256i flip = _mm256_set1_epi32(static_cast<int>(0x80000000u));
  __m256i x0[Ways], x1[Ways], x2[Ways], x3[Ways];
  for (int v = 0; v < Ways; ++v) {
    const std::uint64_t pos = first + static_cast<std::size_t>(v) * kLanes;
    const __m256i base = _mm256_set1_epi32(static_cast<int>(pos));
    x0[v] = _mm256_add_epi32(base, lane);
    const __m256i wrapped =  // all ones where the low word wrapped
        _mm256_cmpgt_epi32(_mm256_xor_si256(base, flip), _mm256_xor_si256(x0[v], flip));
    x1[v] = _mm256_sub_epi32(_mm256_set1_epi32(static_cast<int>(pos >> 32)), wrapped);
    x2[v] = _mm256_set1_epi32(static_cast<int>(substream));
    x3[v] = _mm256_set1_epi32(static_cast<int>(substream >> 32));
  }
  std::uint32_t k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
  for (int r = 0; r < 10; ++r) {
    const __m256i key0 = _mm256_set1_epi32(static_cast<int>(k0));
    const __m256i key1 = _mm256_set1_epi32(static_cast<int>(k1));
    for (int v = 0; v < Ways; ++v) {
      const __m256i p0e = _mm256_mul_epu32(x0[v], m0);
      const __m256i p0o = _mm256_mul_epu32(_mm256_srli_epi64(x0[v], 32), m0);
      const __m256i p1e = _mm256_mul_epu32(x2[v], m1);
      const __m256i p1o = _mm256_mul_epu32(_mm256_srli_epi64(x2[v], 32), m1);
      const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(p0e, 32), p0o, 0xAA);
      const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(p1e, 32), p1o, 0xAA);
      // The low halves from the same products (no mullo: the multiplier is the one
      // port a round waits on).
      const __m256i lo0 = _mm256_blend_epi32(p0e, _mm256_slli_epi64(p0o, 32), 0xAA);
      const __m256i lo1 = _mm256_blend_epi32(p1e, _mm256_slli_epi64(p1o, 32), 0xAA);
      x0[v] = _mm256_xor_si256(_mm256_xor_si256(hi1, x1[v]), key0);
      x2[v] = _mm256_xor_si256(_mm256_xor_si256(hi0, x3[v]), key1);
      x1[v] = lo1;
      x3[v] = lo0;
    }
    k0 += kW0;
    k1 += kW1;
  }
  // Lane i's words are (x0 | x1 << 32, x2 | x3 << 32): interleaved 32-bit halves, then
  // 64-bit pairs, then the 128-bit halves into the stream's order.
  for (int v = 0; v < Ways; ++v) {
    const __m256i a_lo = _mm256_unpacklo_epi32(x0[v], x1[v]);  // words 0 1 | 4 5 of lanes
    const __m256i a_hi = _mm256_unpackhi_epi32(x0[v], x1[v]);  // 2 3 | 6 7
    const __m256i b_lo = _mm256_unpacklo_epi32(x2[v], x3[v]);
    const __m256i b_hi = _mm256_unpackhi_epi32(x2[v], x3[v]);
    const __m256i p = _mm256_unpacklo_epi64(a_lo, b_lo);  // lanes 0 | 4, both words
    const __m256i q = _mm256_unpackhi_epi64(a_lo, b_lo);  // lanes 1 | 5
    const __m256i r = _mm256_unpacklo_epi64(a_hi, b_hi);  // lanes 2 | 6
    const __m256i s = _mm256_unpackhi_epi64(a_hi, b_hi);  // lanes 3 | 7
    auto* o = reinterpret_cast<__m256i*>(out + 2 * kLanes * static_cast<std::size_t>(v));
    _mm256_storeu_si256(o, _mm256_permute2x128_si256(p, q, 0x20));
    _mm256_storeu_si256(o + 1, _mm256_permute2x128_si256(r, s, 0x20));
    _mm256_storeu_si256(o + 2, _mm256_permute2x128_si256(p, q, 0x31));
    _mm256_storeu_si256(o + 3, _mm256_permute2x128_si256(r, s, 0x31));
  }
}

__attribute__((target("avx2"))) void fill_avx2(std::uint64_t key, std::uint64_t substream,
                                               std::uint64_t first, std::size_t calls,
                                               std::uint64_t* out) {
  std::size_t done = 0;
  for (; done + 32 <= calls; done += 32)
    philox_avx2<4>(key, substream, first + done, out + 2 * done);
  for (; done + 8 <= calls; done += 8) philox_avx2<1>(key, substream, first + done, out + 2 * done);
  if (calls - done >= 3) {  // as above
    alignas(32) std::uint64_t tail[16];
    philox_avx2<1>(key, substream, first + done, tail);
    std::copy(tail, tail + 2 * (calls - done), out + 2 * done);
    return;
  }
  fill_scalar(key, substream, first + done, calls - done, out + 2 * done);
}

}  // namespace

void fill(Isa isa, std::uint64_t key, std::uint64_t substream, std::uint64_t first_call,
          std::size_t calls, std::uint64_t* out) {
  switch (isa) {
    case Isa::avx512:
      return fill_avx512(key, substream, first_call, calls, out);
    case Isa::avx2:
      return fill_avx2(key, substream, first_call, calls, out);
    case Isa::scalar:
      break;
  }
  fill_scalar(key, substream, first_call, calls, out);
}

void fill(std::uint64_t key, std::uint64_t substream, std::uint64_t first_call, std::size_t calls,
          std::uint64_t* out) {
  fill(best_isa(), key, substream, first_call, calls, out);
}

}  // namespace seatcast::random::philox
