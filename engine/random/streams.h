// Reproducible random streams. A run is cut into fixed-size blocks of draws; every
// (seed, block, stage, substream) gets a stream of its own, so a block's numbers do not
// depend on which thread or process runs it, and one stage (national shares, district
// noise, lots) never shifts another's numbers when it changes. The stream is Philox's
// counter space: the key is (seed, block, stage) mixed by SplitMix64, the counter's
// high half the substream, its low half the word's position (engine/random/engine.h).
#pragma once

#include <cstdint>

#include "engine/random/engine.h"

namespace seatcast::random {

// The generator's name, written into every results file: a shard, checkpoint or file of
// another generator (mt19937_64 before issue 18) is another run's numbers.
inline constexpr const char* kGenerator = "philox4x32-10";
// The arithmetic from a stream's numbers to a draw's votes, numbered when it changes the
// votes a seed gives: 1, Philox with glibc's exp (issue 18, until 2026-12-04); 2, the
// batched exp (engine/simd/exp.h) in the areas' and the logistic normal's weights.
// Written into every results file as `draw_version`: merge and resume refuse another.
inline constexpr std::uint64_t kDrawVersion = 2;

// The sub-streams of one block. Values are part of the file format's reproducibility
// promise: never renumber them.
enum class Stage : std::uint64_t {
  national_shares = 1,
  district_noise = 2,
  candidate_effects = 3,
  tie_lots = 4,
  list_quota = 5,
  area_noise = 6,  // substream: body x 4096 + level
};

// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea and Flood 2014).
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The seed of one stage of one block; distinct triples give unrelated seeds.
constexpr std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t block, Stage stage) {
  return mix64(mix64(mix64(seed) ^ block) ^ static_cast<std::uint64_t>(stage));
}

inline Engine make_engine(std::uint64_t seed, std::uint64_t block, Stage stage) {
  return Engine(stream_seed(seed, block, stage), 0);
}

// A numbered sub-stream of a stage, e.g. one per elected body, so bodies draw their
// district noise independently and adding a body leaves the others' numbers alone.
inline Engine make_engine(std::uint64_t seed, std::uint64_t block, Stage stage,
                          std::uint64_t substream) {
  return Engine(stream_seed(seed, block, stage), substream + 1);
}

}  // namespace seatcast::random
