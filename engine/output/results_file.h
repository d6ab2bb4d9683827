// The results file of a run, in the layout of docs/DESIGN.md: root attributes that
// make the run reproducible (seed, draws, block size, the scenario's text), the ballot
// options, one group per elected body with its seat histograms, event counters and
// derived summaries, the fitted vote model, and optionally every draw.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/hdf5/handle.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace seatcast {

inline constexpr const char* kResultsFormat = "seatcast-results";
inline constexpr std::uint64_t kResultsFormatVersion = 1;
const char* seatcast_version();

struct RunInfo {
  std::uint64_t seed = 0;
  std::uint64_t draws = 0;  // the run's draws
  std::uint64_t block_size = 0;
  int threads = 0;    // recorded for the record; results do not depend on it
  int processes = 1;  // MPI ranks (1 without MPI); recorded, results do not depend on it
  // Deflate level of /draws (0: stored as is, the default: the run then writes at the
  // disk's speed; 1..9 with byte shuffle: about half the size for much more CPU).
  int draws_gzip = 0;
};

// The kinds of partial file: blocks [block_begin, block_end) of a run, not yet a result.
// A shard is one of N contiguous block ranges (seatcast run --shard I/N, combined by
// seatcast merge); a checkpoint the finished prefix of a run (--checkpoint, --resume).
inline constexpr const char* kShardKind = "shard";
inline constexpr const char* kCheckpointKind = "checkpoint";

struct PartInfo {
  std::string kind;  // kShardKind or kCheckpointKind
  std::uint64_t block_begin = 0;
  std::uint64_t block_end = 0;
  std::uint64_t shard = 0;   // I of --shard I/N
  std::uint64_t shards = 0;  // N
};

// The root every seatcast file shares (a run's, a part's, a sweep's): format and its
// version, seatcast's version, seed, block size, threads, processes, the scenario's text,
// file and name, and the ballot options (/options, /option_names, /option_kinds). The
// caller adds what differs by file: `draws`, `kind` and its own groups.
void write_common_root(const h5::Handle& file, const Scenario& scenario, const RunInfo& info);

class ResultsWriter {
 public:
  // Creates the file at `path` (the caller's temporary name) and, with keep_draws, the
  // per-draw datasets that append_block() fills. With `part`, the file is a partial file
  // (root attributes kind, block_begin, block_end, run_draws, and shard, shards) whose
  // `draws` are those of its blocks; the tally given to finish() must be theirs.
  ResultsWriter(const std::filesystem::path& path, const Scenario& scenario, const Simulation& sim,
                const RunInfo& info, bool keep_draws, const PartInfo* part = nullptr);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // Per-draw data of one finished block; blocks arrive in draw order.
  void append_block(const BlockRecord& block);
  // Histograms, counters and summaries; then closes the file (errors surface here).
  void finish(const Tally& tally);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seatcast
