// Block ranges, the basis of shards, MPI ranks and resumed runs: the parts of a run
// tile its blocks, tallies of disjoint ranges add up to the whole run's, checkpoints see
// finished prefixes, and tallies flattened to words add as Tally::merge does.
#include <gtest/gtest.h>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally_words.h"

namespace seatcast {
namespace {

const std::string kPolls = SEATCAST_SOURCE_DIR "/scenarios/kz/mazhilis-2023.toml";

TEST(BlockRange, PartsTileTheBlocksContiguouslyAndEvenly) {
  EXPECT_EQ(block_count(30000, 4096), 8u);
  EXPECT_EQ(block_count(8192, 4096), 2u);
  EXPECT_EQ(block_count(0, 4096), 0u);
  for (std::uint64_t blocks : {0u, 1u, 7u, 8u, 1000u})
    for (std::uint64_t parts : {1u, 2u, 3u, 5u, 13u}) {
      std::uint64_t next = 0;
      for (std::uint64_t i = 0; i < parts; ++i) {
        const BlockRange r = block_part(blocks, i, parts);
        EXPECT_EQ(r.begin, next);
        EXPECT_LE(r.end - r.begin, blocks / parts + 1);
        EXPECT_GE(r.end - r.begin, blocks / parts);
        next = r.end;
      }
      EXPECT_EQ(next, blocks);
    }
  EXPECT_EQ(block_part(8, 1, 3).begin, 2u);
  EXPECT_EQ(block_part(8, 1, 3).end, 5u);
  EXPECT_EQ(range_draws({5, 8}, 30000, 4096), 30000u - 5 * 4096);
  EXPECT_THROW(block_part(8, 3, 3), std::invalid_argument);
}

// Every word of a tally: a stronger comparison than any hand-picked field.
void expect_same(const Tally& a, const Tally& b) {
  EXPECT_EQ(a.draws, b.draws);
  EXPECT_EQ(to_words(a), to_words(b));
}

TEST(BlockRange, DisjointRangesAddUpToTheWholeRun) {
  const Simulation sim = make_simulation(load_scenario(kPolls));
  RunOptions opt{20000, 5, 2, 1024, nullptr};
  const Tally whole = run_simulation(sim, opt).tally;
  Tally sum(sim.bodies);
  for (std::uint64_t i = 0; i < 3; ++i) {
    const BlockRange r = block_part(block_count(opt.draws, opt.block_size), i, 3);
    opt.block_begin = r.begin;
    opt.block_end = r.end;
    const Tally part = run_simulation(sim, opt).tally;
    EXPECT_EQ(part.draws, range_draws(r, opt.draws, opt.block_size));
    sum.merge(part);
  }
  expect_same(whole, sum);
  // And the tally is not trivially equal to anything: a part alone differs.
  opt.block_begin = 0;
  opt.block_end = 3;
  EXPECT_NE(to_words(run_simulation(sim, opt).tally), to_words(whole));
}

TEST(BlockRange, CheckpointsSeeFinishedPrefixesThatResumeToTheWholeRun) {
  const Simulation sim = make_simulation(load_scenario(kPolls));
  RunOptions opt{40000, 9, 2, 256, nullptr};
  opt.checkpoint_seconds = 1e-9;  // after every wave
  const Tally whole = run_simulation(sim, RunOptions{40000, 9, 2, 256, nullptr}).tally;
  std::vector<std::pair<Tally, std::uint64_t>> saved;
  const RunResult r = run_simulation(
      sim, opt, {}, {}, [&](const Tally& t, std::uint64_t end) { saved.emplace_back(t, end); });
  expect_same(whole, r.tally);
  ASSERT_GE(saved.size(), 2u);
  std::uint64_t last = 0;
  for (const auto& [tally, end] : saved) {
    EXPECT_GT(end, last);
    EXPECT_EQ(tally.draws, range_draws({0, end}, opt.draws, opt.block_size));
    last = end;
  }
  // Resuming after a checkpoint: its tally plus the rest is the whole run.
  const auto& [prefix, end] = saved[saved.size() / 2];
  RunOptions rest{40000, 9, 1, 256, nullptr};
  rest.block_begin = end;
  Tally resumed = prefix;
  resumed.merge(run_simulation(sim, rest).tally);
  expect_same(whole, resumed);
}

TEST(TallyWords, WordsRoundTripAndAddAsMerge) {
  const Simulation sim = make_simulation(load_scenario(kPolls));
  RunOptions a{8192, 1, 2, 1024, nullptr}, b{8192, 2, 2, 1024, nullptr};
  const Tally ta = run_simulation(sim, a).tally, tb = run_simulation(sim, b).tally;
  Tally back(sim.bodies);
  from_words(back, to_words(ta));
  expect_same(ta, back);
  EXPECT_DOUBLE_EQ(back.bodies[0].metrics().mean(Metric::gallagher),
                   ta.bodies[0].metrics().mean(Metric::gallagher));
  // What MPI_SUM does to the words is what merge does to the tallies.
  auto wa = to_words(ta);
  const auto wb = to_words(tb);
  for (std::size_t i = 0; i < wa.size(); ++i) wa[i] += wb[i];
  Tally summed(sim.bodies), merged = ta;
  from_words(summed, wa);
  merged.merge(tb);
  expect_same(merged, summed);
  EXPECT_EQ(summed.draws, 16384u);
  EXPECT_THROW(from_words(summed, std::vector<std::uint64_t>(wa.size() - 1)),
               std::invalid_argument);
}

TEST(TallyWords, MetricSumsPast64BitsAddWordByWord) {
  // 10^12 draws of a Gallagher index near 20 points sum to ~2 x 10^19 millionths, past
  // 2^64: the words carry such a sum in limbs, and adding the words of two tallies (as
  // MPI_SUM does) gives exactly twice it.
  const Simulation sim = make_simulation(load_scenario(kPolls));
  Tally t(sim.bodies);
  std::array<std::vector<std::uint64_t>, kMetricCount> counts;
  std::array<MetricHistograms::Sum, kMetricCount> sums{};
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    counts[k].assign(static_cast<std::size_t>(bins_of(m).count), 0);
    counts[k][0] = 1'000'000'000'000;
    sums[k] = (static_cast<MetricHistograms::Sum>(1) << 64) * 3 + 12345 + k;
  }
  t.bodies[0].set_metrics(MetricHistograms::from_parts(counts, sums, 1'000'000'000'000));
  auto words = to_words(t);
  const auto once = words;
  for (std::size_t i = 0; i < words.size(); ++i) words[i] += once[i];
  Tally twice(sim.bodies);
  from_words(twice, words);
  for (Metric m : kMetrics)
    EXPECT_TRUE(twice.bodies[0].metrics().sum_micro(m) == 2 * sums[static_cast<std::size_t>(m)])
        << to_string(m);
}

}  // namespace
}  // namespace seatcast
