#include "engine/simd/isa.h"

namespace seatcast::simd {
namespace {

Isa detect() {
  __builtin_cpu_init();
  // The AVX-512 kernels use DQ's conversions and masks too (every AVX-512 processor
  // since Skylake-SP has both).
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return Isa::avx512;
  if (__builtin_cpu_supports("avx2")) return Isa::avx2;
  return Isa::scalar;
}

}  // namespace

Isa best_isa() {
  static const Isa isa = detect();
  return isa;
}

bool supported(Isa isa) {
  return static_cast<int>(isa) <= static_cast<int>(best_isa());
}

const char* name(Isa isa) {
  switch (isa) {
    case Isa::avx512:
      return "avx512";
    case Isa::avx2:
      return "avx2";
    case Isa::scalar:
      break;
  }
  return "scalar";
}

}  // namespace seatcast::simd
