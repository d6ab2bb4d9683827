// The largest run seatcast accepts, in one place: ballot options, bodies, seats,
// districts, draws and votes, and the memory a run's tallies may take. Scenarios over a
// limit are refused while they are read (InputError naming the file, line and field),
// and a run whose tallies would not fit in memory is refused before any work starts,
// with the size it would need. docs/DESIGN.md ("Limits") says why each bound is where
// it is.
#pragma once

#include <cstdint>

#include "engine/scenario/scenario.h"

namespace seatcast {

inline constexpr std::int64_t kMaxOptions = 1000;               // ballot options of a scenario
inline constexpr std::int64_t kMaxBodies = 100;                 // elected bodies of a scenario
inline constexpr std::int64_t kMaxListSeats = 10'000;           // seats of one list tier
inline constexpr std::int64_t kMaxDistricts = 10'000;           // districts of one district tier
inline constexpr std::int64_t kMaxDraws = 1'000'000'000'000LL;  // draws of a run
inline constexpr std::int64_t kMaxVotes = 1'000'000'000'000LL;  // exactness bound of the rules
// --keep-draws stores each option's seats in a body as uint16.
static_assert(kMaxListSeats + kMaxDistricts <= 65535, "a body's seats must fit in uint16");

// Bytes of one set of tallies for `sim` (every histogram and counter of every body).
std::uint64_t tally_bytes(const Simulation& sim);

// Bytes a run of `sim` on `threads` workers holds at once: a set of tallies per worker
// plus the merged set, and with keep_draws the per-draw records of one wave of blocks
// (blocks_per_wave, engine/sim/simulation.h) and of the `held_draws` a process keeps to
// the end (an MPI rank other than 0 holds its share, then sends it to rank 0).
std::uint64_t run_memory_bytes(const Simulation& sim, const RunSettings& run, int threads,
                               bool keep_draws, std::uint64_t held_draws = 0);

// The memory a run may take: the environment variable SEATCAST_MEMORY_LIMIT (bytes) when
// set, else half of the physical memory (sysconf), leaving the rest to the system and
// to other programs.
std::uint64_t run_memory_limit();

// Throws InputError(scenario file, line of the largest body, its field) when
// run_memory_bytes exceeds run_memory_limit, naming both sizes.
void check_run_memory(const Scenario& scenario, const Simulation& sim, int threads, bool keep_draws,
                      std::uint64_t held_draws = 0);

// The same for a sweep of `settings` settings of body `body`: a tally of the body per
// setting, per worker and merged. Throws InputError at the body's line.
void check_sweep_memory(const Scenario& scenario, const Simulation& sim, std::size_t body,
                        std::uint64_t settings, int threads);

}  // namespace seatcast
