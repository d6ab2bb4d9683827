// Merging shards: the partial files of `seatcast run --shard I/N` summed into one
// ordinary results file, identical (every dataset) to the file a single run writes.
//
// The merged file is built from the shards alone, never from the scenario's data files
// (a cluster's merge node may not have them): shard 0's file is copied (its rules,
// model, options and attributes are those of every shard, since they all come from the
// same scenario text), its tally datasets are replaced by the sum of all shards', its
// partial-file attributes removed, and the shards' kept draws appended in shard order,
// which is draw order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace seatcast {

struct MergeSummary {
  std::uint64_t draws = 0;   // of the run
  std::uint64_t shards = 0;  // N
  bool kept_draws = false;   // /draws concatenated
};

// Checks that the files are shards of one run (the same scenario text, seed, draws,
// block size and shard count, every shard exactly once) and writes their sum to `out`
// (the caller's temporary name). Throws InputError naming the file and the problem.
MergeSummary merge_shards(const std::vector<std::filesystem::path>& parts,
                          const std::filesystem::path& out);

}  // namespace seatcast
