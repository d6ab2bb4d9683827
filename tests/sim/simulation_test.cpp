// The runner: histograms independent of the thread count, every histogram row summing
// to the draws, every draw's list seats summing to the tier's seats, and the seat
// distribution of a case with a known answer.
#include <gtest/gtest.h>
#include <algorithm>

#include <numeric>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/summary.h"

namespace seatcast {
namespace {

const std::string kBench = SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml";
const std::string kPolls = SEATCAST_SOURCE_DIR "/scenarios/kz/mazhilis-2023.toml";

RunResult run_with(const Simulation& sim, std::uint64_t draws, std::uint64_t seed, int threads,
                   std::uint64_t block = 256, const BlockSink& sink = {}) {
  return run_simulation(sim, RunOptions{draws, seed, threads, block, nullptr}, {}, sink);
}

void expect_same(const Tally& a, const Tally& b) {
  ASSERT_EQ(a.draws, b.draws);
  ASSERT_EQ(a.bodies.size(), b.bodies.size());
  for (std::size_t i = 0; i < a.bodies.size(); ++i) {
    EXPECT_EQ(a.bodies[i].seats_pr().values(), b.bodies[i].seats_pr().values());
    EXPECT_EQ(a.bodies[i].seats_total().values(), b.bodies[i].seats_total().values());
    EXPECT_TRUE(std::ranges::equal(a.bodies[i].passed_threshold(), b.bodies[i].passed_threshold()));
    EXPECT_TRUE(std::ranges::equal(a.bodies[i].words(), b.bodies[i].words()));
    EXPECT_EQ(a.bodies[i].runner_up_draws(), b.bodies[i].runner_up_draws());
    EXPECT_EQ(a.bodies[i].tie_draws(), b.bodies[i].tie_draws());
  }
}

TEST(Simulation, IdenticalHistogramsFor1_2And8Threads) {
  for (const std::string& path : {kBench, kPolls}) {
    const Simulation sim = make_simulation(load_scenario(path));
    const Tally one = run_with(sim, 20000, 7, 1).tally;
    expect_same(one, run_with(sim, 20000, 7, 2).tally);
    expect_same(one, run_with(sim, 20000, 7, 8).tally);
  }
}

TEST(Simulation, SeedChangesTheHistograms) {
  const Simulation sim = make_simulation(load_scenario(kBench));
  EXPECT_NE(run_with(sim, 5000, 1, 2).tally.bodies[0].seats_pr().values(),
            run_with(sim, 5000, 2, 2).tally.bodies[0].seats_pr().values());
}

TEST(Simulation, RowsSumToDrawsAndDrawsSumTo69ListSeats) {
  // The benchmark scenario has no candidate lists, so no seat is ever vacant.
  const Simulation sim = make_simulation(load_scenario(kBench));
  const std::uint64_t draws = 10000;
  std::uint64_t seen = 0;
  std::uint64_t bad_sums = 0;
  const std::size_t options = sim.ballot.size();
  const RunResult r = run_with(sim, draws, 3, 2, 1000, [&](const BlockRecord& b) {
    EXPECT_EQ(b.first_draw, seen);  // blocks arrive in draw order
    for (std::uint64_t d = 0; d < b.count; ++d) {
      int sum = 0;
      for (std::size_t o = 0; o < options; ++o) sum += b.seats[d * options + o];
      bad_sums += sum != 69;
      float shares = 0;
      for (std::size_t o = 0; o < options; ++o) shares += b.shares[d * options + o];
      EXPECT_NEAR(shares, 1.0f, 1e-5f);
    }
    seen += b.count;
  });
  EXPECT_EQ(seen, draws);
  EXPECT_EQ(bad_sums, 0u);
  const BodyTally& t = r.tally.bodies[0];
  EXPECT_EQ(r.tally.draws, draws);
  for (std::size_t o = 0; o < options; ++o) {
    const auto row = t.seats_pr().row(static_cast<int>(o));
    EXPECT_EQ(std::accumulate(row.begin(), row.end(), std::uint64_t{0}), draws);
  }
  // Mean seats add up to 69 exactly (each draw does).
  double mean_sum = 0;
  for (std::size_t o = 0; o < options; ++o) mean_sum += histogram_mean(t.seats_pr().row(int(o)));
  EXPECT_NEAR(mean_sum, 69.0, 1e-9);
}

TEST(Simulation, KeptDrawsDoNotDependOnThreads) {
  const Simulation sim = make_simulation(load_scenario(kBench));
  auto collect = [&](int threads) {
    std::vector<float> shares;
    run_with(sim, 3000, 11, threads, 100, [&](const BlockRecord& b) {
      shares.insert(shares.end(), b.shares.begin(), b.shares.end());
    });
    return shares;
  };
  EXPECT_EQ(collect(1), collect(2));
}

TEST(Simulation, CancelStopsBetweenBlocks) {
  const Simulation sim = make_simulation(load_scenario(kBench));
  std::atomic<bool> cancel{true};
  const RunResult r = run_simulation(sim, RunOptions{100000, 1, 2, 256, &cancel});
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(r.tally.draws, 0u);
}

TEST(Simulation, SharesBecomeWholeVotesOfTheElectorate) {
  const std::vector<double> shares = {0.5, 0.25, 0.125, 0.125};
  std::vector<Votes> votes(4);
  shares_to_votes(shares, 1000, votes);
  EXPECT_EQ(votes, (std::vector<Votes>{500, 250, 125, 125}));
}

TEST(Summary, QuantilesMeansAndProbabilitiesOfAKnownHistogram) {
  // 10 draws: 0 seats x2, 1 x3, 2 x4, 5 x1.
  const std::vector<std::uint64_t> row = {2, 3, 4, 0, 0, 1};
  EXPECT_DOUBLE_EQ(histogram_mean(row), (0 * 2 + 1 * 3 + 2 * 4 + 5 * 1) / 10.0);
  EXPECT_EQ(histogram_quantile(row, 0.05), 0);
  EXPECT_EQ(histogram_quantile(row, 0.2), 0);  // cumulative 2/10 reaches 0.2 at 0
  EXPECT_EQ(histogram_quantile(row, 0.5), 1);  // 5/10 at 1
  EXPECT_EQ(histogram_quantile(row, 0.51), 2);
  EXPECT_EQ(histogram_quantile(row, 0.95), 5);
  EXPECT_DOUBLE_EQ(probability_at_least(row, 2), 0.5);
  EXPECT_DOUBLE_EQ(probability_at_least(row, 6), 0.0);
}

}  // namespace
}  // namespace seatcast
