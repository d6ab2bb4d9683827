// Compensated bodies through the runner: each draw's own house decides majorities, the
// house and the overhang are tallied, and the tallies do not depend on the threads.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally_words.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

RunOptions options(std::uint64_t draws, std::uint64_t seed, std::uint64_t block, int threads) {
  RunOptions opt;
  opt.draws = draws;
  opt.seed = seed;
  opt.block_size = block;
  opt.threads = threads;
  return opt;
}

// Three single-member areas all won by C on the candidate vote; the list votes 56/34/10
// give A 7, B 4, C 1 of 12 by Sainte-Laguë (quotients 56 34 18.7 11.3 11.2 10 8 6.8 6.2
// 5.1 4.9 4.3; the next, B's 3.8, is far), so C's 3 seats leave 2 overhang and the house
// is 14 in every draw. A's 7 is a majority of the stated 12 but not of 14.
TEST(CompensationRun, MajoritiesAreOfEachDrawsHouse) {
  const fs::path dir = fs::temp_directory_path() / "seatcast-compensation-run";
  fs::create_directories(dir);
  write(dir / "areas.csv", "area,name,seats\ne1,E1,1\ne2,E2,1\ne3,E3,1\n");
  std::string votes = "area,option,votes,ballot\n";
  for (const char* a : {"e1", "e2", "e3"})
    votes += std::string(a) + ",a,5600,list\n" + a + ",b,3400,list\n" + a + ",c,1000,list\n" + a +
             ",a,500,candidate\n" + a + ",b,500,candidate\n" + a + ",c,9000,candidate\n";
  write(dir / "votes.csv", votes);
  const std::string toml = R"(
[run]
draws = 4000
seed = 3
[[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[model]
type = "dirichlet"
total_votes = 30000
sample_size = 10000000
[model.percent]
a = 56
b = 34
c = 10
[[body]]
id = "h"
coalitions = [{ id = "ab", members = ["a", "b"] }]
[[body.levels]]
id = "seat"
areas = "areas.csv"
baseline = "votes.csv"
[[body.stages]]
type = "allocate"
id = "seat"
level = "seat"
ballot = "candidate"
method = "plurality"
[[body.stages]]
type = "compensate"
id = "list"
seats = 12
method = "sainte-lague"
against = "seat"
overhang = "grow"
)";
  const Simulation sim = make_simulation(parse_scenario(toml, (dir / "s.toml").string()));
  const ElectedBody& body = sim.bodies.front();
  EXPECT_EQ(body.house_seats(), 12);
  EXPECT_TRUE(body.house_varies());
  EXPECT_EQ(body.majority(), 7);
  RunOptions opt = options(4000, 3, 256, 1);
  const Tally one = run_simulation(sim, opt).tally;
  opt.threads = 2;
  EXPECT_EQ(to_words(run_simulation(sim, opt).tally), to_words(one));
  const BodyTally& t = one.bodies.front();
  ASSERT_EQ(t.house().size(), static_cast<std::size_t>(body.seats()) + 1);
  EXPECT_EQ(t.house()[14], opt.draws);
  EXPECT_EQ(t.seats_total().row(0)[7], opt.draws);        // A: 7 seats in every draw
  EXPECT_EQ(t.seats_total().row(2)[3], opt.draws);        // C: its 3 areas
  EXPECT_EQ(t.majority_draws()[0], 0u);                   // 7 of 14 is no majority
  EXPECT_EQ(t.coalition_majority_draws()[0], opt.draws);  // A + B: 11 of 14
  fs::remove_all(dir);
}

// New Zealand 2023 as a simulation: the house histogram counts every draw, and its mean
// excess over 120 is the mean overhang the list tier counted.
TEST(CompensationRun, NewZealandsHouseIsTheStatedSeatsPlusTheOverhang) {
  const Simulation sim = make_simulation(
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/nz/house-2023.toml"));
  RunOptions opt = options(1500, 11, 128, 2);
  const Tally tally = run_simulation(sim, opt).tally;
  const BodyTally& t = tally.bodies.front();
  std::uint64_t draws = 0, excess = 0;
  for (std::size_t h = 0; h < t.house().size(); ++h) {
    draws += t.house()[h];
    if (h >= 120) excess += t.house()[h] * (h - 120);
  }
  EXPECT_EQ(draws, opt.draws);
  // The overhang the list tier counted, option by option, adds up to the growth.
  const auto block = t.layout().find("tiers/list/overhang");
  ASSERT_TRUE(block);
  const tally::Block& b = t.layout()[*block];
  const auto words = t.block(*block);
  std::uint64_t overhang = 0;
  for (std::size_t r = 0; r < b.rows(); ++r)
    for (std::size_t s = 0; s < b.bins(); ++s) overhang += words[r * b.bins() + s] * s;
  EXPECT_EQ(overhang, excess);
  EXPECT_GT(excess, 0u);  // Te Pāti Māori's electorates exceed its share in most draws
  // Every electorate's row of every option counts each draw once, Port Waikato's too
  // (no candidate votes: no one stands, which the tallies once counted twice).
  const auto areas = t.layout().find("tiers/electorate/area_seats");
  ASSERT_TRUE(areas);
  const tally::Block& a = t.layout()[*areas];
  const auto cells = t.block(*areas);
  for (std::size_t r = 0; r < a.rows(); ++r) {
    std::uint64_t n = 0;
    for (std::size_t s = 0; s < a.bins(); ++s) n += cells[r * a.bins() + s];
    ASSERT_EQ(n, opt.draws) << "row " << r;
  }
}

// Germany 2025 as a simulation: under cap the house is 630 in every draw whatever the
// winners (no seat beyond the entitlements), and the tallies do not depend on threads.
TEST(CompensationRun, GermanysCappedHouseIsAlways630) {
  const Simulation sim = make_simulation(
      load_scenario(std::string(SEATCAST_SOURCE_DIR) + "/scenarios/de/bundestag-2025.toml"));
  const ElectedBody& body = sim.bodies.front();
  EXPECT_FALSE(body.house_varies());
  EXPECT_EQ(body.house_seats(), 630);
  RunOptions opt = options(300, 5, 64, 1);
  const Tally one = run_simulation(sim, opt).tally;
  opt.threads = 2;
  EXPECT_EQ(to_words(run_simulation(sim, opt).tally), to_words(one));
  const BodyTally& t = one.bodies.front();
  EXPECT_TRUE(t.house().empty());
  std::uint64_t seated = 0, district = 0;
  for (int o = 0; o < t.seats_total().options; ++o) {
    for (int s = 0; s <= t.seats_total().max_seats; ++s) seated += t.seats_total().row(o)[s] * s;
    for (int s = 0; s <= t.seats_district().max_seats; ++s)
      district += t.seats_district().row(o)[s] * s;
  }
  EXPECT_EQ(seated, 630 * opt.draws);
  EXPECT_LE(district, 299 * opt.draws);  // capped winners leave their seats to the lists
}

// The simulations from the previous election's results (a baseline of one election on
// the next one's law). A fixed house is filled in every draw: the seats added up over the
// draws are draws x house. A house that grows (New Zealand) grows by the overhang the
// list tier counted, no more.
TEST(CompensationRun, FromThePreviousElectionEveryDrawFillsTheHouse) {
  for (const char* preset :
       {"/scenarios/nz/house-2023-from-2020.toml", "/scenarios/no/storting-2021-from-2017.toml",
        "/scenarios/se/riksdag-2022-from-2018.toml",
        "/scenarios/gr/parliament-2023-06-from-05.toml"}) {
    const Simulation sim =
        make_simulation(load_scenario(std::string(SEATCAST_SOURCE_DIR) + preset));
    const ElectedBody& body = sim.bodies.front();
    const RunOptions opt = options(600, 5, 128, 2);
    const Tally tally = run_simulation(sim, opt).tally;
    const BodyTally& t = tally.bodies.front();
    std::uint64_t seats = 0, houses = 0;
    const SeatHistogram h = t.seats_total();
    for (int o = 0; o < h.options; ++o)
      for (int s = 0; s <= h.max_seats; ++s) seats += h.row(o)[s] * static_cast<std::uint64_t>(s);
    if (body.house_varies()) {
      std::uint64_t excess = 0, overhang = 0;
      for (std::size_t n = 0; n < t.house().size(); ++n) {
        ASSERT_TRUE(t.house()[n] == 0 || n >= static_cast<std::size_t>(body.house_seats()));
        excess += t.house()[n] * (n - std::min<std::size_t>(n, body.house_seats()));
      }
      for (int k = 0; k < body.tiers(); ++k) {
        if (!body.tier(k).compensating) continue;
        const auto block = t.layout().find("tiers/" + body.tier(k).id + "/overhang");
        ASSERT_TRUE(block) << preset;
        const tally::Block& b = t.layout()[*block];
        const auto words = t.block(*block);
        for (std::size_t r = 0; r < b.rows(); ++r)
          for (std::size_t x = 0; x < b.bins(); ++x) overhang += words[r * b.bins() + x] * x;
      }
      EXPECT_EQ(excess, overhang) << preset;
    } else {
      houses = opt.draws * static_cast<std::uint64_t>(body.house_seats());
      EXPECT_EQ(seats, houses) << preset;
    }
    EXPECT_GT(seats, 0u) << preset;
  }
}

}  // namespace
}  // namespace seatcast
