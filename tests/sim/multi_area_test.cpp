// A multi-area body (Spain's 52 provinces with province noise) through the runner:
// the same tallies whatever the thread count and however the blocks are split, and
// province noise that moves no national number (its own stream per level); Czechia's
// regions, whose magnitudes are apportioned in every draw, likewise.
#include <gtest/gtest.h>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally_words.h"

namespace seatcast {
namespace {

Simulation spain() {
  return make_simulation(
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/es/congreso-2023.toml"));
}

TEST(MultiArea, TalliesDoNotDependOnThreadsOrBlockRanges) {
  const Simulation sim = spain();
  RunOptions opt;
  opt.draws = 3000;
  opt.seed = 7;
  opt.block_size = 256;
  opt.threads = 1;
  const Tally one = run_simulation(sim, opt).tally;
  opt.threads = 2;
  EXPECT_EQ(to_words(run_simulation(sim, opt).tally), to_words(one));
  // Two disjoint ranges of blocks add up to the whole run.
  Tally sum(sim.bodies);
  for (auto [b, e] : {std::pair<std::uint64_t, std::uint64_t>{0, 5}, {5, UINT64_MAX}}) {
    opt.block_begin = b;
    opt.block_end = e;
    sum.merge(run_simulation(sim, opt).tally);
  }
  EXPECT_EQ(to_words(sum), to_words(one));
  // Every draw gives the 350 seats: the histogram of the body's seats sums to draws.
  const BodyTally& t = one.bodies.front();
  std::uint64_t mean_seats = 0;
  for (int o = 0; o < t.seats_total().options; ++o)
    for (int s = 0; s <= t.seats_total().max_seats; ++s)
      mean_seats += t.seats_total().row(o)[s] * s;
  EXPECT_EQ(mean_seats, 350u * opt.draws);
}

// Czechia's regions sized by each draw's votes (turnout noise per region): the same
// tallies on 1 and 2 threads, and 200 seats in every draw.
TEST(MultiArea, MagnitudesFromVotesDoNotDependOnThreads) {
  const Simulation sim = make_simulation(
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/cz/snemovna-2017.toml"));
  RunOptions opt;
  opt.draws = 2000;
  opt.seed = 17;
  opt.block_size = 256;
  opt.threads = 1;
  const Tally one = run_simulation(sim, opt).tally;
  opt.threads = 2;
  EXPECT_EQ(to_words(run_simulation(sim, opt).tally), to_words(one));
  const BodyTally& t = one.bodies.front();
  std::uint64_t seats = 0;
  for (int o = 0; o < t.seats_total().options; ++o)
    for (int s = 0; s <= t.seats_total().max_seats; ++s) seats += t.seats_total().row(o)[s] * s;
  EXPECT_EQ(seats, 200u * opt.draws);
}

TEST(MultiArea, ProvinceNoiseMovesNoNationalShare) {
  // With and without province noise the national draws are the same (the level has its
  // own stream), so the seats differ only through the provinces: a paired comparison.
  Scenario quiet =
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/es/congreso-2023.toml");
  Scenario noisy = quiet;
  quiet.bodies.front().levels.front().noise_sd = 0;
  const Simulation a = make_simulation(quiet), b = make_simulation(noisy);
  RunOptions opt;
  opt.draws = 500;
  opt.seed = 3;
  opt.threads = 1;
  std::vector<float> shares_a, shares_b;
  run_simulation(a, opt, {}, [&](const BlockRecord& r) {
    shares_a.insert(shares_a.end(), r.shares.begin(), r.shares.end());
  });
  run_simulation(b, opt, {}, [&](const BlockRecord& r) {
    shares_b.insert(shares_b.end(), r.shares.begin(), r.shares.end());
  });
  ASSERT_EQ(shares_a.size(), 500u * a.ballot.size());
  EXPECT_EQ(shares_a, shares_b);
  EXPECT_NE(to_words(run_simulation(a, opt).tally), to_words(run_simulation(b, opt).tally));
}

}  // namespace
}  // namespace seatcast
