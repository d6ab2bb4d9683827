// Many vote vectors through one list tier at once: the exact rules of
// engine/rules/list_tier.h applied to every row of a [rows, options] table of whole
// votes, rows shared among threads (TBB). The form behind `seatcast.allocate` in Python
// and bench/batch_bench.cpp.
//
// Invariants: row r's seats are what ListTier::evaluate gives for row r alone, whatever
// the thread count (a tie decided by lot is keyed by the row's index, never by a
// thread); the loop over rows allocates nothing after each thread's first row.
#pragma once

#include <cstdint>
#include <span>

#include "engine/ballot/ballot.h"
#include "engine/rules/list_tier.h"

namespace seatcast {

struct RowAllocationEvents {
  std::uint64_t threshold_waived = 0;  // rows where no list passed (every list took part)
  std::uint64_t ties = 0;              // rows where a tie decided a seat
  std::uint64_t refused = 0;           // rows left partly undecided (TieRule::refuse)
};

// votes: rows x options, row-major, each >= 0. seats (rows x options) receives each
// row's seats; passed (rows x options, or empty) whether each option passed. threads:
// 0 = TBB's default. lot_seed keys TieRule::lot (row r uses lot_seed + r).
RowAllocationEvents allocate_rows(const ListTier& tier, std::span<const Votes> votes,
                                  std::size_t options, std::span<std::int32_t> seats,
                                  std::span<std::uint8_t> passed = {}, int threads = 0,
                                  std::uint64_t lot_seed = 0);

}  // namespace seatcast
