// The memory estimate behind the run's memory check equals what the tallies really hold,
// for every shipped scenario (lists, districts, coalitions, several bodies), and the
// metric means survive 10^12 draws.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/metrics/disproportionality.h"
#include "engine/scenario/limits.h"
#include "engine/sim/tally.h"

namespace seatcast {
namespace {

// Bytes a real Tally holds for its counts: every block of every body's layout.
std::uint64_t allocated(const Tally& t) {
  std::uint64_t bytes = 0;
  for (const BodyTally& b : t.bodies) {
    EXPECT_EQ(b.words().size(), b.layout().words());
    for (const tally::Block& block : b.layout().blocks())
      bytes += block.size * sizeof(std::uint64_t);
  }
  return bytes;
}

TEST(Limits, TallyBytesAreWhatATallyAllocates) {
  int scenarios = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(SEATCAST_SOURCE_DIR "/scenarios")) {
    // presets.toml is the index of allocate's --preset names, not a scenario.
    if (e.path().extension() != ".toml" || e.path().filename() == "presets.toml" ||
        e.path().filename() == "elections.toml")
      continue;
    const Simulation sim = make_simulation(load_scenario(e.path().string()));
    EXPECT_EQ(tally_bytes(sim), allocated(Tally(sim.bodies))) << e.path();
    ++scenarios;
  }
  EXPECT_GE(scenarios, 6);
}

TEST(Limits, RunMemoryCountsEveryWorkerTheMergedSetAndKeptDraws) {
  const Scenario s = load_scenario(SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml");
  const Simulation sim = make_simulation(s);
  const std::uint64_t set = tally_bytes(sim);
  EXPECT_EQ(run_memory_bytes(sim, s.run, 3, false), 4 * set);
  // Kept draws: one wave of the runner's max(32 x 3, 64) = 96 blocks of 4096 draws, 8
  // options, one body: 4 bytes of share and 2 of seats per option and draw.
  ASSERT_EQ(blocks_per_wave(3), 96u);
  ASSERT_GE(s.run.draws, 96u * 4096u);
  EXPECT_EQ(run_memory_bytes(sim, s.run, 3, true), 4 * set + 96u * 4096u * 8u * 6u);
  // An MPI rank other than 0 also holds its share of the kept draws to the end.
  EXPECT_EQ(run_memory_bytes(sim, s.run, 3, true, 10000),
            4 * set + (96u * 4096u + 10000u) * 8u * 6u);
  EXPECT_EQ(run_memory_bytes(sim, s.run, 3, false, 10000), 4 * set);
  RunSettings few = s.run;
  few.draws = 100;  // fewer draws than a wave holds: only those are kept
  EXPECT_EQ(run_memory_bytes(sim, few, 3, true), 4 * set + 100u * 8u * 6u);
}

TEST(Limits, MetricMeansSurvive10To12Draws) {
  // One draw with 500 effective parties and a Gallagher index of 99.5, doubled 40 times by
  // merging: 2^40 (1.1 x 10^12) draws whose millionths sum to 5.5 x 10^20, over 2^64.
  MetricHistograms h;
  MetricValues v;
  v[Metric::enp_votes] = 500;
  v[Metric::gallagher] = 99.5;
  h.add(v);
  for (int i = 0; i < 40; ++i) {
    const MetricHistograms copy = h;
    h.merge(copy);
  }
  EXPECT_EQ(h.draws(), std::uint64_t{1} << 40);
  EXPECT_DOUBLE_EQ(h.mean(Metric::enp_votes), 500);
  EXPECT_DOUBLE_EQ(h.mean(Metric::gallagher), 99.5);
}

}  // namespace
}  // namespace seatcast
