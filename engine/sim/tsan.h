// Happens-before annotations for ThreadSanitizer builds (SEATCAST_SANITIZE=thread); no-ops
// otherwise. Debian's libtbb is not instrumented, so TSan cannot see that TBB's task
// hand-off and join order one thread's writes before another's reads. handed_over()
// wraps a tbb::parallel_for body so that these orderings are stated to TSan: every copy
// of the body (made by the thread that spawns or splits a task) is released once made,
// every run of it acquires first and releases when done, and joined() acquires after
// the parallel_for returned. tests/tsan.supp lists what remains inside TBB itself.
#pragma once

#include <cstdint>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define SEATCAST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SEATCAST_TSAN 1
#endif
#endif

#ifdef SEATCAST_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace seatcast::tsan {

inline char handed = 0;  // addresses whose release/acquire carry the orderings
inline char finished = 0;

inline void release([[maybe_unused]] void* p) {
#ifdef SEATCAST_TSAN
  __tsan_release(p);
#endif
}
inline void acquire([[maybe_unused]] void* p) {
#ifdef SEATCAST_TSAN
  __tsan_acquire(p);
#endif
}

template <class F>
class HandedOver {
 public:
  explicit HandedOver(F f) : f_(std::move(f)) { release(&handed); }
  HandedOver(const HandedOver& other) : f_(other.f_) { release(&handed); }
  template <class Range>
  void operator()(const Range& r) const {
    acquire(&handed);
    f_(r);
    release(&finished);
  }

 private:
  F f_;
};

template <class F>
HandedOver<F> handed_over(F f) {
  return HandedOver<F>(std::move(f));
}

// After the parallel_for: everything its bodies did happens before what follows. TBB's
// join also has workers count down a wait node on the caller's stack (an instrumented
// atomic in TBB's headers) that the caller waits on inside libtbb.so (not instrumented);
// a later, deeper frame of the caller reusing that word then looks like a race with the
// worker's count-down. Acquiring every word of the stack below us states that order too,
// whatever depth the parallel_for was called from. It only reads TSan's metadata.
inline void joined() {
  acquire(&finished);
#ifdef SEATCAST_TSAN
  constexpr std::uintptr_t kBelow = std::uintptr_t{1} << 16;  // far deeper than TBB's frames
  const auto here =
      reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)) & ~std::uintptr_t{7};
  for (std::uintptr_t p = here - kBelow; p < here; p += 8)
    __tsan_acquire(reinterpret_cast<void*>(p));
#endif
}

}  // namespace seatcast::tsan
