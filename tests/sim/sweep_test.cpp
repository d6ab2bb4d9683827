// run_sweep on the shared block runner: tallies independent of the thread count and of
// how the blocks are split into ranges, a setting equal to the scenario's own giving
// run_simulation's histograms on the same seed, and cancellation. Under the TSan build
// these also check that the sweep's parallel body is annotated like the run's.
#include <gtest/gtest.h>
#include <algorithm>

#include <atomic>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/sweep.h"

namespace seatcast {
namespace {

const std::string kBench = SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml";
const std::string kPolls = SEATCAST_SOURCE_DIR "/scenarios/kz/mazhilis-2023.toml";

RunOptions options(std::uint64_t draws, std::uint64_t seed, int threads, std::uint64_t block) {
  RunOptions o;
  o.draws = draws;
  o.seed = seed;
  o.threads = threads;
  o.block_size = block;
  return o;
}

// The index of the first body with a list tier (the one `seatcast sweep` picks).
std::size_t list_body(const Simulation& sim) {
  for (std::size_t b = 0; b < sim.bodies.size(); ++b)
    if (sim.bodies[b].config().list_tier) return b;
  ADD_FAILURE() << "no body with a list tier";
  return 0;
}

void expect_same(const SweepTally& a, const SweepTally& b) {
  EXPECT_EQ(a.draws, b.draws);
  ASSERT_EQ(a.bodies.size(), b.bodies.size());
  for (std::size_t s = 0; s < a.bodies.size(); ++s)
    EXPECT_TRUE(std::ranges::equal(a.bodies[s].words(), b.bodies[s].words())) << "setting " << s;
  EXPECT_EQ(a.wasted_sumsq, b.wasted_sumsq);
  EXPECT_EQ(a.gallagher_sumsq, b.gallagher_sumsq);
  EXPECT_EQ(a.diff_sum, b.diff_sum);
  EXPECT_EQ(a.diff_sumsq, b.diff_sumsq);
}

SweepSetup setup_for(const Simulation& sim, std::vector<double> thresholds,
                     std::vector<Method> methods = {}) {
  return SweepSetup{list_body(sim), std::move(thresholds), std::move(methods), 0, ""};
}

TEST(Sweep, TalliesDoNotDependOnTheThreadCount) {
  // The bench scenario is one list tier; the Mazhilis also has districts, a regional
  // electorate and party lists, so the body is evaluated before the settings.
  for (const std::string& path : {kBench, kPolls}) {
    const Simulation sim = make_simulation(load_scenario(path));
    const SweepSetup setup = setup_for(sim, {0.03, 0.05, 0.07}, {Method::hare, Method::dhondt});
    const SweepTally one = run_sweep(sim, setup, options(12000, 5, 1, 256)).tally;
    EXPECT_EQ(one.draws, 12000u);
    EXPECT_EQ(one.settings, 6);
    expect_same(one, run_sweep(sim, setup, options(12000, 5, 2, 256)).tally);
    expect_same(one, run_sweep(sim, setup, options(12000, 5, 8, 256)).tally);
  }
}

TEST(Sweep, OwnSettingGivesTheRunsHistogramsOnTheSameSeed) {
  for (const std::string& path : {kBench, kPolls}) {
    const Simulation sim = make_simulation(load_scenario(path));
    const std::size_t b = list_body(sim);
    const ListTierConfig& own = *sim.bodies[b].config().list_tier;
    // Setting 1 is the scenario's own: threshold and method unchanged.
    const SweepSetup setup = setup_for(sim, {0.0, own.threshold.share(), 0.1});
    const RunOptions opt = options(10000, 9, 2, 512);
    const SweepTally sweep = run_sweep(sim, setup, opt).tally;
    const BodyTally run = run_simulation(sim, opt).tally.bodies[b];
    ASSERT_EQ(sweep.bodies.size(), 3u);
    // The whole tally of the body, every block: seats of both tiers and the total,
    // passes, events, list statistics, coalitions, metrics.
    EXPECT_TRUE(std::ranges::equal(sweep.bodies[1].words(), run.words())) << path;
    // The thresholds matter on these draws: a 10% line seats fewer lists.
    EXPECT_NE(sweep.bodies[2].seats_pr().values(), run.seats_pr().values()) << path;
    for (int o = 0; o < sweep.options; ++o)
      EXPECT_EQ(sweep.diff_sum[sweep.at(0, o)], 0);  // the reference
  }
}

TEST(Sweep, AMultiAreaBodyVariesItsFilterAndMethodOnTheSameProvinces) {
  // Spain: the 3% filter of each province and the D'Hondt of the allocation. The own
  // setting (3%, dhondt) is the run; Sainte-Lague on the same draws moves seats.
  const Simulation sim =
      make_simulation(load_scenario(SEATCAST_SOURCE_DIR "/scenarios/es/congreso-2023.toml"));
  const SweptStages swept = swept_stages(sim.bodies[0], "");
  EXPECT_EQ(swept.threshold, sim.bodies[0].stage_index("three-percent"));
  EXPECT_EQ(swept.method, sim.bodies[0].stage_index("seats"));
  const SweepSetup setup{0, {0.03, 0.10}, {Method::dhondt, Method::sainte_lague}, 0, ""};
  const RunOptions opt = options(600, 4, 2, 128);
  const SweepTally sweep = run_sweep(sim, setup, opt).tally;
  const BodyTally run = run_simulation(sim, opt).tally.bodies[0];
  ASSERT_EQ(sweep.settings, 4);
  EXPECT_TRUE(std::ranges::equal(sweep.bodies[0].words(), run.words()));
  EXPECT_FALSE(std::ranges::equal(sweep.bodies[1].words(), run.words()));
  // Sainte-Lague gives the two largest lists fewer seats than D'Hondt in small provinces.
  int pp = -1;  // the largest list
  for (int o = 0; o < sweep.options; ++o)
    if (sim.ballot[o].id == "pp") pp = o;
  ASSERT_GE(pp, 0);
  EXPECT_LT(sweep.diff_mean(1, pp), 0.0);
  // Every setting seats all 350 every draw.
  for (int s = 0; s < 4; ++s) {
    double total = 0;
    for (int o = 0; o < sweep.options; ++o) total += sweep.mean_total(s, o);
    EXPECT_NEAR(total, 350.0, 1e-9);
  }
  EXPECT_THROW(swept_stages(sim.bodies[0], "nowhere"), std::invalid_argument);
}

TEST(Sweep, RangesOfBlocksAddUpToTheWholeSweep) {
  const Simulation sim = make_simulation(load_scenario(kPolls));
  const SweepSetup setup = setup_for(sim, {0.05, 0.07});
  const RunOptions whole = options(9000, 3, 2, 256);
  const SweepTally all = run_sweep(sim, setup, whole).tally;
  const std::uint64_t blocks = block_count(whole.draws, whole.block_size);
  SweepTally sum;
  for (std::uint64_t part = 0; part < 3; ++part) {
    RunOptions o = whole;
    const BlockRange r = block_part(blocks, part, 3);
    o.block_begin = r.begin;
    o.block_end = r.end;
    if (part == 0)
      sum = run_sweep(sim, setup, o).tally;
    else
      sum.merge(run_sweep(sim, setup, o).tally);
  }
  expect_same(all, sum);
}

TEST(Sweep, ProgressArrivesInOrderAndCancelStops) {
  const Simulation sim = make_simulation(load_scenario(kBench));
  const SweepSetup setup = setup_for(sim, {0.05});
  std::uint64_t last = 0, calls = 0;
  const SweepResult done =
      run_sweep(sim, setup, options(50000, 1, 2, 64), [&](std::uint64_t d, std::uint64_t total) {
        EXPECT_GT(d, last);
        EXPECT_EQ(total, 50000u);
        last = d;
        ++calls;
      });
  EXPECT_FALSE(done.cancelled);
  EXPECT_EQ(last, 50000u);
  EXPECT_GE(calls, 2u);  // 782 blocks in waves of at most 64 a thread
  std::atomic<bool> cancel{true};
  RunOptions o = options(50000, 1, 2, 64);
  o.cancel = &cancel;
  const SweepResult stopped = run_sweep(sim, setup, o);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_EQ(stopped.tally.draws, 0u);
}

}  // namespace
}  // namespace seatcast
