// The Monte Carlo runner. A run is `draws` draws cut into fixed-size blocks; block b
// draws from streams seeded by (seed, b), workers keep integer tallies of their own and
// the tallies are added at the end, so a run's histograms depend only on the scenario,
// the seed, the draw count and the block size: never on the threads or the scheduling.
//
// One draw: the vote model samples national shares over the ballot options it covers
// (every kind but independents); the shares become whole votes of an electorate of
// `total_votes`; every elected body evaluates them, with a random stream of its own for
// district noise.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/body/elected_body.h"
#include "engine/sim/tally.h"
#include "models/vote_model.h"

namespace seatcast {

struct Simulation {
  Ballot ballot;
  models::VoteModel model;
  std::vector<int> model_options;  // ballot index of each of the model's shares
  Votes total_votes = 0;           // electorate a draw's shares are turned into
  std::vector<ElectedBody> bodies;
};

// The ballot options the national vote model covers: every kind but independents, who
// stand in districts only and have no national share.
std::vector<int> model_options(const Ballot& ballot);
// The model's centre (mean) share per ballot option; 0 for options it does not cover.
std::vector<double> model_centre(const models::VoteModel& model, const Ballot& ballot);

// Turns shares into whole votes of an electorate of `total` (rounded to nearest).
void shares_to_votes(std::span<const double> shares, Votes total, std::span<Votes> votes);

struct RunOptions {
  std::uint64_t draws = 0;
  std::uint64_t seed = 0;
  int threads = 0;                            // 0: all cores
  std::uint64_t block_size = 4096;            // draws per block; part of the reproducibility key
  const std::atomic<bool>* cancel = nullptr;  // set by a signal handler: stop between blocks
  // Only blocks [block_begin, block_end) (clamped to the run's) are drawn: a shard, an
  // MPI rank's share, or what a resumed run has left. Block b's numbers do not depend
  // on which blocks run beside it, so tallies of disjoint ranges add up to the run's.
  std::uint64_t block_begin = 0;
  std::uint64_t block_end = UINT64_MAX;
  // Seconds between calls of the checkpoint function (0: never).
  double checkpoint_seconds = 0;
};

// The blocks of a run of `draws` draws in blocks of `block_size`.
std::uint64_t block_count(std::uint64_t draws, std::uint64_t block_size);
// Part I of N of `blocks` blocks, contiguous and balanced: [I*B/N, (I+1)*B/N).
struct BlockRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};
BlockRange block_part(std::uint64_t blocks, std::uint64_t part, std::uint64_t parts);
// The draws of blocks [range.begin, range.end) of a run.
std::uint64_t range_draws(BlockRange range, std::uint64_t draws, std::uint64_t block_size);
// The blocks a run on `threads` workers hands out at once (a wave of the block runner
// behind run_simulation and run_sweep, engine/sim/block_runner.h): 32 a thread, at least
// 64. With --keep-draws a run holds the records of one wave, so the memory check
// (engine/scenario/limits.cpp) sizes them by this too.
std::uint64_t blocks_per_wave(int threads);

// Per-draw records of one block, for --keep-draws. Rows are draws in block order.
struct BlockRecord {
  std::uint64_t first_draw = 0;
  std::uint64_t count = 0;
  std::vector<float> shares;         // [count x options]
  std::vector<std::uint16_t> seats;  // [count x bodies x options], total seats
};

// Receives finished blocks in draw order, on the calling thread (so it may write files).
using BlockSink = std::function<void(const BlockRecord&)>;
// Reports progress (draws done, draws in all) on the calling thread.
using ProgressFn = std::function<void(std::uint64_t, std::uint64_t)>;

// Receives, on the calling thread between waves, the tally of the blocks finished so far,
// [block_begin, end_block): a prefix of the range, since waves finish in order.
using CheckpointFn = std::function<void(const Tally&, std::uint64_t end_block)>;

struct RunResult {
  Tally tally;  // of the blocks in the range
  bool cancelled = false;
};

// A cancel request is seen between blocks, within a wave too: the remaining blocks are
// skipped and the result is marked cancelled (its tally is then incomplete).
RunResult run_simulation(const Simulation& sim, const RunOptions& options,
                         const ProgressFn& progress = {}, const BlockSink& sink = {},
                         const CheckpointFn& checkpoint = {});

}  // namespace seatcast
