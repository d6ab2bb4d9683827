#include "engine/random/normal.h"

#include <immintrin.h>

namespace seatcast::random {
namespace ziggurat {
namespace {

Tables build() {
  // Marsaglia and Tsang's 256-layer constants: every layer (the base one with the tail
  // included) has area v under exp(-x^2 / 2).
  constexpr long double r = kR;
  constexpr long double v = 4.92867323399e-3L;
  const auto f = [](long double x) { return std::exp(-0.5L * x * x); };
  long double x[kLayers + 1];
  x[0] = v / f(r);
  x[1] = r;
  for (int i = 1; i < kLayers - 1; ++i) x[i + 1] = std::sqrt(-2.0L * std::log(v / x[i] + f(x[i])));
  x[kLayers] = 0;
  Tables t{};
  for (int i = 0; i < kLayers; ++i) {
    t.scale[i] = static_cast<double>(x[i] * 0x1.0p-52L);
    t.inner[i] = static_cast<std::int64_t>(std::floor(x[i + 1] / x[i] * 0x1.0p52L));
  }
  for (int i = 0; i <= kLayers; ++i) {
    t.x[i] = static_cast<double>(x[i]);
    t.f[i] = i == kLayers ? 1.0 : static_cast<double>(f(x[i]));
  }
  return t;
}

}  // namespace

const Tables kTables = build();

}  // namespace ziggurat

namespace {

// The fast path of n words: out[j] the candidate point, bit j of slow set where it lies
// outside its layer's rectangle. Returns whether any does.
bool fast_scalar(const std::uint64_t* words, double* out, std::uint64_t* slow, std::size_t begin,
                 std::size_t n) {
  const ziggurat::Tables& t = ziggurat::kTables;
  std::uint64_t any = 0;
  for (std::size_t j = begin; j < n; ++j) {
    const std::uint64_t w = words[j];
    const int i = static_cast<int>(w & 0xFF);
    const std::int64_t s = static_cast<std::int64_t>(w) >> 11;
    const std::int64_t mag = s < 0 ? -s : s;
    out[j] = static_cast<double>(s) * t.scale[i];
    const std::uint64_t bad = mag >= t.inner[i];
    slow[j / 64] |= bad << (j % 64);
    any |= bad;
  }
  return any != 0;
}

// GCC 12's gather and conversion intrinsics pass an undefined merge source and then warn
// that it may be uninitialised (GCC bug 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// The same, eight lanes at a time: the same integer steps, an exact conversion and one
// multiply, so the same bits as fast_scalar.
__attribute__((target("avx512f,avx512dq"))) bool fast_avx512(const std::uint64_t* words,
                                                             double* out, std::uint64_t* slow,
                                                             std::size_t n) {
  const ziggurat::Tables& t = ziggurat::kTables;
  const __m512i low8 = _mm512_set1_epi64(0xFF);
  std::uint64_t any = 0;
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    const __m512i w = _mm512_loadu_si512(words + j);
    const __m512i layer = _mm512_and_si512(w, low8);
    const __m512i s = _mm512_srai_epi64(w, 11);
    const __m512i inner = _mm512_i64gather_epi64(layer, t.inner, 8);
    const __m512d scale = _mm512_i64gather_pd(layer, t.scale, 8);
    _mm512_storeu_pd(out + j, _mm512_mul_pd(_mm512_cvtepi64_pd(s), scale));
    const std::uint64_t bad = _mm512_cmpge_epi64_mask(_mm512_abs_epi64(s), inner);
    slow[j / 64] |= bad << (j % 64);
    any |= bad;
  }
  if (j < n) any |= fast_scalar(words, out, slow, j, n) ? 1 : 0;
  return any != 0;
}

// The same, four lanes at a time with AVX2, which has neither a 64-bit arithmetic shift
// nor an int64-to-double conversion: the sign is kept apart, |s| <= 2^52 becomes a
// double exactly through the bits of 2^52 + |s|, and the product takes the sign back,
// which rounds as s x scale does (rounding is symmetric), so the same bits again.
__attribute__((target("avx2"))) bool fast_avx2(const std::uint64_t* words, double* out,
                                               std::uint64_t* slow, std::size_t n) {
  const ziggurat::Tables& t = ziggurat::kTables;
  const __m256i zero = _mm256_setzero_si256();
  const __m256d two52 = _mm256_set1_pd(0x1.0p52);
  const __m256i two52_bits = _mm256_castpd_si256(two52);
  std::uint64_t any = 0;
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(words + j));
    const __m256i negative = _mm256_cmpgt_epi64(zero, w);  // all ones where s < 0
    // s = w >> 11 (arithmetic): the logical shift with the top 11 bits filled from the sign.
    const __m256i s = _mm256_or_si256(_mm256_srli_epi64(w, 11), _mm256_slli_epi64(negative, 53));
    const __m256i mag = _mm256_sub_epi64(_mm256_xor_si256(s, negative), negative);
    const __m256d magnitude =
        _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(mag, two52_bits)), two52);
    // The tables by scalar loads: the layer is a word's low byte, already in memory, and
    // AVX2's gathers are slower than four loads on the processors measured (Zen 2/3).
    const std::size_t l0 = words[j] & 0xFF, l1 = words[j + 1] & 0xFF, l2 = words[j + 2] & 0xFF,
                      l3 = words[j + 3] & 0xFF;
    const __m256d scale = _mm256_set_pd(t.scale[l3], t.scale[l2], t.scale[l1], t.scale[l0]);
    const __m256d sign = _mm256_castsi256_pd(_mm256_slli_epi64(negative, 63));
    _mm256_storeu_pd(out + j, _mm256_xor_pd(_mm256_mul_pd(magnitude, scale), sign));
    const __m256i inner = _mm256_set_epi64x(t.inner[l3], t.inner[l2], t.inner[l1], t.inner[l0]);
    const __m256i inside = _mm256_cmpgt_epi64(inner, mag);
    const std::uint64_t bad =
        static_cast<std::uint64_t>(~_mm256_movemask_pd(_mm256_castsi256_pd(inside)) & 0xF);
    slow[j / 64] |= bad << (j % 64);
    any |= bad;
  }
  if (j < n) any |= fast_scalar(words, out, slow, j, n) ? 1 : 0;
  return any != 0;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

bool fast_path(simd::Isa isa, const std::uint64_t* words, double* out, std::uint64_t* slow,
               std::size_t n) {
  switch (isa) {
    case simd::Isa::avx512:
      return fast_avx512(words, out, slow, n);
    case simd::Isa::avx2:
      return fast_avx2(words, out, slow, n);
    case simd::Isa::scalar:
      break;
  }
  return fast_scalar(words, out, slow, 0, n);
}

}  // namespace

void fill_normals(simd::Isa isa, Engine& eng, double* out, std::size_t n) {
  constexpr std::size_t kBatch = 128;  // a multiple of 64 (the slow bitmap's words)
  std::uint64_t words[kBatch];
  while (n > 0) {
    const std::size_t m = n < kBatch ? n : kBatch;
    eng.take(words, m);
    std::uint64_t slow[kBatch / 64] = {};
    if (fast_path(isa, words, out, slow, m))
      for (std::size_t k = 0; k < kBatch / 64; ++k)
        for (std::uint64_t bits = slow[k]; bits != 0; bits &= bits - 1) {
          const std::size_t j = k * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
          out[j] = ziggurat::settle(eng, words[j]);
        }
    out += m;
    n -= m;
  }
}

void fill_normals(Engine& eng, double* out, std::size_t n) {
  fill_normals(simd::best_isa(), eng, out, n);
}

}  // namespace seatcast::random
