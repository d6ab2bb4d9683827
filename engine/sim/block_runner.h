// The one block runner behind run_simulation and run_sweep. A run's blocks [begin, end)
// go to TBB in waves of blocks_per_wave(threads); each worker thread keeps a state of its
// own (made by the factory on first use: samplers, scratch, tallies), the per-block body
// fills it, and the states are merged at the end by the caller's merge. Between waves the
// calling thread runs the caller's hook (progress, kept draws in order, checkpoints):
// waves finish in order, so the hook always sees a finished prefix of the range. Waves
// change no number: block b's numbers depend only on (seed, b), and merges add integers.
//
// A cancel request is seen by the workers before every block (so a stop does not wait
// for a long wave) and between waves; the interrupted wave is incomplete, so its hook is
// not called. What differs between run and sweep lives in the body and the hook.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "engine/sim/simulation.h"
#include "engine/sim/tsan.h"

namespace seatcast {

// The blocks a RunOptions asks for, clamped to the run's, and the threads it runs on.
struct BlockPlan {
  BlockRange range;         // [block_begin, block_end) clamped to the run's blocks
  std::uint64_t draws = 0;  // the draws in the range
  int threads = 1;          // 0 in the options: all cores
  std::uint64_t wave = 0;   // blocks_per_wave(threads)
};
BlockPlan plan_blocks(const RunOptions& options);

template <class State>
class BlockRunner {
 public:
  // make() builds one worker's state; it is called on the worker's thread, at most once
  // a thread.
  template <class Make>
  BlockRunner(const RunOptions& options, Make make)
      : plan_(plan_blocks(options)),
        cancel_(options.cancel),
        arena_(plan_.threads),
        states_(std::move(make)) {}

  const BlockPlan& plan() const { return plan_; }

  // The slot of block b within its wave, [0, plan().wave): for per-wave buffers.
  std::uint64_t slot(std::uint64_t block) const { return (block - plan_.range.begin) % plan_.wave; }

  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  // Runs body(block, state) for every block of the range, and between(wave_begin,
  // wave_end) on the calling thread after each complete wave. Returns false when
  // cancelled (the states then hold an incomplete tally).
  template <class Body, class Between>
  bool run(Body&& body, Between&& between) {
    const BlockRange range = plan_.range;
    for (std::uint64_t begin = range.begin; begin < range.end; begin += plan_.wave) {
      if (cancelled()) return false;
      const std::uint64_t end = std::min(range.end, begin + plan_.wave);
      arena_.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::uint64_t>(begin, end, 1),
                          tsan::handed_over([&](const auto& r) {
                            State& state = states_.local();
                            for (std::uint64_t b = r.begin(); b != r.end(); ++b) {
                              if (cancelled()) return;
                              body(b, state);
                            }
                          }));
      });
      tsan::joined();                 // TSan builds: the blocks' writes before we read them
      if (cancelled()) return false;  // the wave may be incomplete: hand nothing on
      between(begin, end);
    }
    return !cancelled();
  }

  // merge(state) for every worker's state, on the calling thread, between waves or after
  // run(); merges must be additions of integers so the order of the states does not matter.
  template <class Merge>
  void for_each_state(Merge&& merge) const {
    for (const State& s : states_) merge(s);
  }

 private:
  BlockPlan plan_;
  const std::atomic<bool>* cancel_;
  tbb::task_arena arena_;
  tbb::enumerable_thread_specific<State> states_;
};

}  // namespace seatcast
