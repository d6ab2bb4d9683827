#include "engine/batch/row_allocation.h"

#include <tbb/blocked_range.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <stdexcept>
#include <type_traits>
#include <vector>

namespace seatcast {

static_assert(std::is_same_v<std::int32_t, int>, "seats are written straight into int32 rows");

namespace {

// One thread's working memory and event counts.
struct Worker {
  ListTierScratch scratch;
  std::vector<std::uint8_t> passed;  // when the caller wants none
  RowAllocationEvents events;
};

}  // namespace

RowAllocationEvents allocate_rows(const ListTier& tier, std::span<const Votes> votes,
                                  std::size_t options, std::span<std::int32_t> seats,
                                  std::span<std::uint8_t> passed, int threads,
                                  std::uint64_t lot_seed) {
  if (options == 0) throw std::invalid_argument("allocate_rows: no options");
  if (votes.size() % options != 0 || seats.size() != votes.size() ||
      (!passed.empty() && passed.size() != votes.size()))
    throw std::invalid_argument("allocate_rows: the tables' sizes differ");
  const std::size_t rows = votes.size() / options;
  tbb::combinable<Worker> workers([&] {
    Worker w;
    w.passed.resize(options);
    return w;
  });
  // Grains of 1024 rows: a few microseconds of work each, so scheduling costs little
  // and both cores stay busy on tables of a few thousand rows.
  const auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    Worker& w = workers.local();
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      // Straight into the caller's rows (int32_t is int here), no copy.
      const std::span<const Votes> row = votes.subspan(r * options, options);
      const std::span<int> out(seats.data() + r * options, options);
      const std::span<std::uint8_t> pass =
          passed.empty() ? std::span<std::uint8_t>(w.passed) : passed.subspan(r * options, options);
      const ListTierEvents e = tier.evaluate(row, out, pass, w.scratch, lot_seed + r);
      w.events.threshold_waived += e.threshold_waived;
      w.events.ties += e.tie;
      w.events.refused += e.refused;
    }
  };
  const tbb::blocked_range<std::size_t> all(0, rows, 1024);
  if (threads > 0) {
    tbb::task_arena arena(threads);
    arena.execute([&] { tbb::parallel_for(all, body); });
  } else {
    tbb::parallel_for(all, body);
  }
  RowAllocationEvents total;
  workers.combine_each([&](const Worker& w) {
    total.threshold_waived += w.events.threshold_waived;
    total.ties += w.events.ties;
    total.refused += w.events.refused;
  });
  return total;
}

}  // namespace seatcast
