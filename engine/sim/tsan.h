// Happens-before annotations for ThreadSanitizer builds (SEATCAST_SANITIZE=thread); no-ops
// otherwise. Debian's libtbb is not instrumented, so TSan cannot see that TBB's task
// hand-off and join order one thread's writes before another's reads. handed_over()
// wraps a tbb::parallel_for body so that these orderings are stated to TSan: every copy
// of the body (made by the thread that spawns or splits a task) is released once made,
// every run of it acquires first and releases when done, and joined() acquires after
// the parallel_for returned. tests/tsan.supp lists what remains inside TBB itself.
#pragma once

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

// After the parallel_for: everything its bodies did happens before what follows.
inline void joined() {
  acquire(&finished);
}

}  // namespace seatcast::tsan
