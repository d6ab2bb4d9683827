// The whole Mazhilis scenario run draw by draw: seats add up to 98 less the vacancies,
// the quota holds in every draw, the runs are identical across thread counts, and the
// backtest lands near the official district split.
#include <gtest/gtest.h>
#include <algorithm>

#include <numeric>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/summary.h"

namespace seatcast {
namespace {

const std::string kDir = SEATCAST_SOURCE_DIR "/scenarios/kz/";

TEST(WholeBody, MazhilisSeatsAddUpTo98LessVacanciesAndTheQuotaHolds) {
  const Scenario scenario = load_scenario(kDir + "mazhilis-2023.toml");
  const Simulation sim = make_simulation(scenario);
  const ElectedBody& body = sim.bodies.at(0);
  ASSERT_EQ(body.seats(), 98);
  ASSERT_EQ(body.district_seats(), 29);
  ASSERT_TRUE(body.has_lists());
  // Evaluate draws one by one, as the runner does, and check each.
  models::VoteSampler sampler(sim.model);
  std::vector<double> model_shares(sim.model_options.size()), shares(sim.ballot.size(), 0.0);
  std::vector<Votes> votes(sim.ballot.size());
  BodyDraw draw = body.make_draw();
  BodyScratch scratch;
  random::Engine rng(3), noise(4);
  int vacant_draws = 0;
  for (int d = 0; d < 20000; ++d) {
    sampler.sample(rng, model_shares);
    for (std::size_t k = 0; k < model_shares.size(); ++k)
      shares[sim.model_options[k]] = model_shares[k];
    shares_to_votes(shares, sim.total_votes, votes);
    body.evaluate(shares, votes, draw, scratch, noise, d);
    const int pr = std::accumulate(draw.seats_pr.begin(), draw.seats_pr.end(), 0);
    const int dist = std::accumulate(draw.seats_district.begin(), draw.seats_district.end(), 0);
    ASSERT_EQ(pr + draw.vacant, 69) << d;
    ASSERT_EQ(dist, 29) << d;
    vacant_draws += draw.vacant > 0;
    for (std::size_t o = 0; o < sim.ballot.size(); ++o) {
      ASSERT_EQ(draw.seats_total[o], draw.seats_pr[o] + draw.seats_district[o]);
      // The quota: at least ceil(30%) of each party's filled list seats to group members.
      ASSERT_GE(draw.group_seated[o], quota_need(0.3, draw.seats_pr[o])) << sim.ballot[o].id;
      ASSERT_LE(draw.women_seated[o], draw.group_seated[o]);
    }
    ASSERT_EQ(draw.seats_total[7], 0);  // against all wins nothing
    ASSERT_EQ(draw.seats_pr[8], 0);     // self-nominated win no list seats
  }
  EXPECT_LT(vacant_draws, 200);  // a small party winning past its list: rare
}

TEST(WholeBody, IdenticalAcrossThreadCounts) {
  const Simulation sim = make_simulation(load_scenario(kDir + "mazhilis-2023.toml"));
  auto run = [&](int threads) {
    return run_simulation(sim, RunOptions{20000, 9, threads, 512, nullptr}).tally;
  };
  const Tally one = run(1), two = run(2), eight = run(8);
  for (const Tally* t : {&two, &eight}) {
    const BodyTally& a = one.bodies[0];
    const BodyTally& b = t->bodies[0];
    EXPECT_EQ(a.seats_total().values(), b.seats_total().values());
    EXPECT_EQ(a.seats_district().values(), b.seats_district().values());
    EXPECT_EQ(a.women_seated().values(), b.women_seated().values());
    EXPECT_EQ(a.coalitions().values(), b.coalitions().values());
    EXPECT_TRUE(std::ranges::equal(a.pair(), b.pair()));
    EXPECT_TRUE(std::ranges::equal(a.words(), b.words()));
  }
}

TEST(WholeBody, BacktestDistrictSeatsComeNearTheOfficialSplit) {
  const Simulation sim = make_simulation(load_scenario(kDir + "mazhilis-2023-backtest.toml"));
  const Tally t = run_simulation(sim, RunOptions{40000, 2023, 2, 4096, nullptr}).tally;
  const BodyTally& b = t.bodies[0];
  // Official: Amanat 22 districts, self-nominated 7; list seats 40/8/6/6/5/4.
  EXPECT_NEAR(histogram_mean(b.seats_district().row(0)), 22.0, 1.0);
  EXPECT_NEAR(histogram_mean(b.seats_district().row(8)), 7.0, 1.0);
  EXPECT_NEAR(histogram_mean(b.seats_pr().row(0)), 40.0, 0.5);
  EXPECT_NEAR(histogram_mean(b.seats_pr().row(5)), 4.0, 0.5);
  // Coalition histogram rows are the members' seats summed: their means add.
  EXPECT_NEAR(histogram_mean(b.coalitions().row(0)),
              histogram_mean(b.seats_total().row(0)) + histogram_mean(b.seats_total().row(1)),
              1e-9);
}

TEST(WholeBody, MaslikhatsRun) {
  for (const char* f : {"maslikhat-kostanay-2023.toml", "maslikhat-district-2023.toml"}) {
    SCOPED_TRACE(f);
    const Simulation sim = make_simulation(load_scenario(kDir + f));
    const Tally t = run_simulation(sim, RunOptions{5000, 1, 2, 1024, nullptr}).tally;
    const ElectedBody& body = sim.bodies[0];
    double total = 0;
    for (int o = 0; o < body.options(); ++o)
      total += histogram_mean(t.bodies[0].seats_total().row(o));
    EXPECT_NEAR(total, body.seats(), 1e-9);  // no lists, no vacancies: every seat filled
  }
}

}  // namespace
}  // namespace seatcast

namespace seatcast {
namespace {

TEST(SeveralBodies, AddingABodyLeavesTheOthersNumbersAlone) {
  // The Mazhilis alone and beside the Kostanay maslikhat, same seed and draws: the
  // national draw and the Mazhilis's own district stream are the same, so its
  // histograms are identical; the maslikhat is a group of its own.
  const Simulation alone = make_simulation(load_scenario(kDir + "mazhilis-2023.toml"));
  const Simulation both = make_simulation(load_scenario(kDir + "mazhilis-and-kostanay-2023.toml"));
  ASSERT_EQ(both.bodies.size(), 2u);
  EXPECT_EQ(both.bodies[1].id(), "kostanay");
  const RunOptions opt{10000, 5, 2, 1024, nullptr};
  const Tally a = run_simulation(alone, opt).tally;
  const Tally b = run_simulation(both, opt).tally;
  EXPECT_EQ(a.bodies[0].seats_total().values(), b.bodies[0].seats_total().values());
  EXPECT_EQ(a.bodies[0].seats_district().values(), b.bodies[0].seats_district().values());
  EXPECT_EQ(b.bodies[1].seats_total().max_seats, 32);
}

}  // namespace
}  // namespace seatcast
