// Magnitudes computed from the areas' sizes (a level's `seats = { total, method, by }`):
// by hand on a small level (valid votes only, the invalid ballots outside the size), for
// fixed sizes once, and draw by draw on Czechia's 2017 chamber, where the 14 regions'
// magnitudes follow each draw's votes and must equal an independent recomputation.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "engine/areas/area_level.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

namespace seatcast {
namespace {

AreaLevelConfig three_areas(const LevelSeats& seats) {
  AreaLevelConfig c;
  c.id = "region";
  for (const char* id : {"x", "y", "z"}) c.areas.push_back(Area{id, id, -1, 0, {}, 0, 0, {}});
  c.seats = seats;
  return c;
}

// Options a, b and the invalid ballots; only a and b count in an area's size.
TEST(ComputedMagnitudes, ByVotesApportionsEachAreasValidVotes) {
  const std::vector<std::uint8_t> covered{1, 1, 0}, valid{1, 1, 0};
  const AreaLevel level(
      three_areas({10, Method::hare_rounded, TieRule::registration_order, AreaSize::votes}), 3,
      covered, valid);
  ASSERT_TRUE(level.seats_from_votes());
  EXPECT_EQ(level.seats(), 10);
  EXPECT_EQ(level.max_magnitude(), 10);  // any area may take every seat
  EXPECT_EQ(level.magnitude(0), 0);
  // Sizes 450, 360, 200 (1,010 valid votes): quota round(101) = 101: 4 r46, 3 r57, 1 r99;
  // the two seats left go to z (99) and y (57).
  const std::vector<Votes> votes{300, 150, 1000, 260, 100, 0, 120, 80, 0};
  std::vector<int> m(3, -1);
  AreaScratch scratch;
  EXPECT_FALSE(level.apportion(votes, m, scratch, 0).tie);
  EXPECT_EQ(m, (std::vector<int>{4, 4, 2}));
  // Counting x's 1,000 invalid ballots would give sizes 1450, 360, 200: {7, 2, 1}.
  const AreaLevel all(
      three_areas({10, Method::hare_rounded, TieRule::registration_order, AreaSize::votes}), 3,
      covered, std::vector<std::uint8_t>{1, 1, 1});
  all.apportion(votes, m, scratch, 0);
  EXPECT_EQ(m, (std::vector<int>{7, 2, 1}));
  // D'Hondt, 9 seats, on the same valid sizes: 450 360 225 200 180 150 120 112.5 100 |
  // 90 90: x 4, y 3, z 2.
  const AreaLevel dh(three_areas({9, Method::dhondt, TieRule::registration_order, AreaSize::votes}),
                     3, covered, valid);
  dh.apportion(votes, m, scratch, 0);
  EXPECT_EQ(m, (std::vector<int>{4, 3, 2}));
}

TEST(ComputedMagnitudes, FixedSizesAreApportionedOnce) {
  // Populations 5,000, 3,000, 2,000 and 7 seats by Hare: 3.5, 2.1, 1.4 -> 3, 2, 1 and
  // the last seat to the largest remainder, 0.5.
  const std::vector<Votes> population{5000, 3000, 2000};
  EXPECT_EQ(apportion_areas({7, Method::hare, TieRule::registration_order, AreaSize::population},
                            population),
            (std::vector<int>{4, 2, 1}));
  // Adams gives every area a first seat: {9000, 500, 500} and 5 seats -> 1 each, then
  // 9,000 and 4,500 beat 500: 3, 1, 1 (Hare: 4.5, 0.25, 0.25 -> 5, 0, 0).
  const std::vector<Votes> uneven{9000, 500, 500};
  EXPECT_EQ(apportion_areas({5, Method::adams, TieRule::registration_order, AreaSize::population},
                            uneven),
            (std::vector<int>{3, 1, 1}));
  EXPECT_EQ(
      apportion_areas({5, Method::hare, TieRule::registration_order, AreaSize::population}, uneven),
      (std::vector<int>{5, 0, 0}));
  // Equal sizes and a refusing tie rule: the outcome says so.
  AllocationOutcome outcome;
  apportion_areas({1, Method::hare, TieRule::refuse, AreaSize::registered},
                  std::vector<Votes>{10, 10}, &outcome);
  EXPECT_TRUE(outcome.refused);
}

// The reference for Czechia's §48: republic mandate number round(V / 200), whole parts,
// the seats left to the largest remainders (no tie is met in these draws).
std::vector<int> czech_magnitudes(const std::vector<Votes>& sizes) {
  const Votes total = std::accumulate(sizes.begin(), sizes.end(), Votes{0});
  const Votes q = (2 * total + 200) / 400;
  std::vector<int> m(sizes.size());
  std::vector<std::pair<Votes, std::size_t>> rem;
  int left = 200;
  for (std::size_t a = 0; a < sizes.size(); ++a) {
    m[a] = static_cast<int>(sizes[a] / q);
    left -= m[a];
    rem.push_back({sizes[a] % q, a});
  }
  std::sort(rem.begin(), rem.end(), [](auto x, auto y) { return x.first > y.first; });
  for (int k = 0; k < left; ++k) ++m[rem[k].second];
  return m;
}

TEST(ComputedMagnitudes, CzechRegionsFollowEveryDrawsVotes) {
  const Scenario scenario =
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/cz/snemovna-2017.toml");
  const Simulation sim = make_simulation(scenario);
  const ElectedBody& body = sim.bodies.at(0);
  ASSERT_EQ(body.seats(), 200);
  ASSERT_EQ(body.tier(0).max_area_seats, 200);  // the tallies' bound of one region's seats
  const AreaLevel& kraj = body.levels().at(0);
  ASSERT_TRUE(kraj.seats_from_votes());
  const int options = static_cast<int>(sim.ballot.size());
  const int invalid = *find_option(sim.ballot, "invalid");
  models::VoteSampler sampler(sim.model);
  std::vector<double> model_shares(sim.model_options.size()), shares(sim.ballot.size(), 0.0);
  std::vector<Votes> votes(sim.ballot.size());
  BodyDraw draw = body.make_draw();
  BodyScratch scratch;
  body.begin_block(scratch, 11, 0, 0);
  random::Engine rng(5), body_rng(6);
  int praha_not_24 = 0;
  for (int d = 0; d < 2000; ++d) {
    sampler.sample(rng, model_shares);
    for (std::size_t k = 0; k < model_shares.size(); ++k)
      shares[sim.model_options[k]] = model_shares[k];
    shares_to_votes(shares, sim.total_votes, votes);
    body.evaluate(shares, votes, draw, scratch, body_rng, d);
    const Ledger& l = draw.ledger;
    std::vector<Votes> sizes(kraj.areas(), 0);
    for (int a = 0; a < kraj.areas(); ++a)
      for (int o = 0; o < options; ++o)
        if (o != invalid) sizes[a] += l.level_votes[0][static_cast<std::size_t>(a) * options + o];
    ASSERT_EQ(l.magnitudes[0], czech_magnitudes(sizes)) << "draw " << d;
    // Each region's seats add up to its magnitude of the draw, the chamber to 200.
    for (int a = 0; a < kraj.areas(); ++a) {
      const auto row = std::span<const int>(l.area_seats[0])
                           .subspan(static_cast<std::size_t>(a) * options, options);
      ASSERT_EQ(std::accumulate(row.begin(), row.end(), 0), l.magnitudes[0][a]) << d;
    }
    ASSERT_EQ(std::accumulate(draw.seats_total.begin(), draw.seats_total.end(), 0), 200);
    praha_not_24 += l.magnitudes[0][0] != 24;
  }
  // Turnout moves the regions' sizes. Praha was worth 24.16 seats in 2017 (12.1% of the
  // valid votes); with a log-sd of 0.05 per region its worth has an sd of about
  // 24.16 x 0.05 x sqrt(1 - 2 x 0.121 + sum of squared shares 0.09) = 1.11 seats, and it
  // keeps 24 seats when its worth lies between 23.44 and 24.44 (the remainder cut, about
  // 0.44 of a quota): z in [-0.65, 0.25], probability 0.34. So about 0.66 x 2000 = 1318
  // draws give it another magnitude (binomial sd 21; 100 allows for the approximation).
  EXPECT_NEAR(praha_not_24, 1318, 100);
}

}  // namespace
}  // namespace seatcast
