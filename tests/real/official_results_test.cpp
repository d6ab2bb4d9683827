// Real elections: the official votes in, the official seats out, per area and in
// total. Each scenario is a preset of scenarios/ and its votes and seats are the
// official figures named in that country's data/SOURCES.md; the body's stages are the
// law (the scenario's comments cite the articles). A mismatch in any area fails.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "engine/io/area_votes_csv.h"
#include "engine/io/csv.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

const std::string kScenarios = std::string(SEATCAST_SOURCE_DIR) + "/scenarios/";

using AreaSeats = std::map<std::string, std::map<std::string, int>>;

// The official seats, `area,option,seats` (area empty: national), 0-seat rows optional.
AreaSeats official_seats(const std::string& path) {
  const CsvTable t = read_csv(path);
  const int a = t.require("area"), o = t.require("option"), s = t.require("seats");
  AreaSeats out;
  for (const CsvRow& r : t.rows) {
    const int n = std::stoi(r.fields[s]);
    if (n > 0) out[r.fields[a]][r.fields[o]] = n;
  }
  return out;
}

struct Allocated {
  AreaSeats areas;                   // per area of the finest level (or "" for the nation)
  std::map<std::string, int> total;  // per option
};

Allocated allocate(const std::string& scenario, const std::string& votes) {
  const Scenario s = load_scenario(kScenarios + scenario);
  const Simulation sim = make_simulation(s);
  const ElectedBody& body = sim.bodies.front();
  const CountedResult r = allocate_counted(body, s.ballot, read_area_votes_csv(kScenarios + votes));
  Allocated out;
  const int options = static_cast<int>(s.ballot.size());
  for (int t = 0; t < body.tiers(); ++t) {
    const int level = body.tier(t).level;
    for (int a = 0; a < body.rows(level); ++a) {
      const std::string id = level < 0 ? "" : body.levels()[level].config().areas[a].id;
      for (int o = 0; o < options; ++o) {
        const int n = level < 0
                          ? r.draw.ledger.tier_seats[t][o]
                          : r.draw.ledger.area_seats[t][static_cast<std::size_t>(a) * options + o];
        if (n > 0) out.areas[id][s.ballot[o].id] += n;
      }
    }
  }
  for (int o = 0; o < options; ++o)
    if (r.draw.seats_total[o] > 0) out.total[s.ballot[o].id] = r.draw.seats_total[o];
  return out;
}

std::map<std::string, int> totals(const AreaSeats& areas) {
  std::map<std::string, int> out;
  for (const auto& [area, seats] : areas)
    for (const auto& [option, n] : seats) out[option] += n;
  return out;
}

void expect_official(const std::string& scenario, const std::string& votes,
                     const std::string& seats, std::size_t areas) {
  const Allocated got = allocate(scenario, votes);
  const AreaSeats want = official_seats(kScenarios + seats);
  ASSERT_EQ(want.size(), areas) << seats;
  for (const auto& [area, w] : want) EXPECT_EQ(got.areas.at(area), w) << "area " << area;
  EXPECT_EQ(got.areas.size(), want.size());
  EXPECT_EQ(got.total, totals(want));
}

// Spain, Congreso 2023: 52 constituencies, 350 seats (Infoelectoral, definitive).
TEST(Real, SpainCongreso2023EveryProvince) {
  expect_official("es/congreso-2023.toml", "es/data/congreso-2023-votes.csv",
                  "es/data/congreso-2023-seats.csv", 52);
  const Allocated got = allocate("es/congreso-2023.toml", "es/data/congreso-2023-votes.csv");
  EXPECT_EQ(got.total.at("pp"), 137);
  EXPECT_EQ(got.total.at("psoe"), 121);
  EXPECT_EQ(got.total.at("vox"), 33);
  EXPECT_EQ(got.total.at("sumar"), 31);
  // Madrid's last seat: PP's 91,448.94 beat PSOE's 91,327.18 (the closest of 2023).
  EXPECT_EQ(got.areas.at("28-madrid").at("pp"), 16);
  EXPECT_EQ(got.areas.at("28-madrid").at("psoe"), 10);
}

// Poland, Sejm 2023: 41 districts, 460 seats; 5% / 8% nationally, mn exempt (PKW).
TEST(Real, PolandSejm2023EveryDistrict) {
  expect_official("pl/sejm-2023.toml", "pl/data/sejm-2023-votes.csv", "pl/data/sejm-2023-seats.csv",
                  41);
  const Allocated got = allocate("pl/sejm-2023.toml", "pl/data/sejm-2023-votes.csv");
  EXPECT_EQ(got.total.at("pis"), 194);
  EXPECT_EQ(got.total.at("ko"), 157);
  EXPECT_EQ(got.total.at("td"), 65);
  EXPECT_EQ(got.total.at("lewica"), 26);
  EXPECT_EQ(got.total.at("konfederacja"), 18);
  EXPECT_EQ(got.total.count("mn"), 0u);  // exempt, but too few votes in Opole for a seat
}

// Portugal, Assembleia da República 2024: 22 constituencies, 230 seats.
TEST(Real, PortugalAssembleia2024EveryConstituency) {
  expect_official("pt/assembleia-2024.toml", "pt/data/assembleia-2024-votes.csv",
                  "pt/data/assembleia-2024-seats.csv", 22);
  const Allocated got = allocate("pt/assembleia-2024.toml", "pt/data/assembleia-2024-votes.csv");
  EXPECT_EQ(got.total.at("ps"), 78);
  EXPECT_EQ(got.total.at("ch"), 50);
}

// The Netherlands, Tweede Kamer 2023: 150 seats nationally (Kiesraad).
TEST(Real, NetherlandsTweedeKamer2023) {
  expect_official("nl/tweede-kamer-2023.toml", "nl/data/tweede-kamer-2023-votes.csv",
                  "nl/data/tweede-kamer-2023-seats.csv", 1);
}

// Czechia, Poslanecká sněmovna 2017: the 14 regions' magnitudes computed from the
// votes cast in them (zákon 247/1995 Sb. §48: republic mandate number
// round(5,060,745 / 200) = 25,304, largest remainders), then D'Hondt in each region
// among the parties over 5% nationally (ČSÚ, volby.cz; scenarios/cz/data/SOURCES.md).
TEST(Real, CzechiaSnemovna2017RegionsSizedByTheirVotes) {
  expect_official("cz/snemovna-2017.toml", "cz/data/snemovna-2017-votes.csv",
                  "cz/data/snemovna-2017-seats.csv", 14);
  const Scenario s = load_scenario(kScenarios + "cz/snemovna-2017.toml");
  const Simulation sim = make_simulation(s);
  const ElectedBody& body = sim.bodies.front();
  ASSERT_TRUE(body.levels()[0].seats_from_votes());
  const CountedResult r = allocate_counted(
      body, s.ballot, read_area_votes_csv(kScenarios + "cz/data/snemovna-2017-votes.csv"));
  // The official magnitudes (POCMANDATU), each region's, against the computed ones.
  const CsvTable want = read_csv(kScenarios + "cz/data/snemovna-2017-magnitudes.csv");
  ASSERT_EQ(want.rows.size(), 14u);
  const AreaLevel& kraj = body.levels()[0];
  for (const CsvRow& row : want.rows) {
    int a = 0;
    while (a < kraj.areas() && kraj.config().areas[a].id != row.fields[0]) ++a;
    ASSERT_LT(a, kraj.areas()) << row.fields[0];
    EXPECT_EQ(r.draw.ledger.magnitudes[0][a], std::stoi(row.fields[1])) << row.fields[0];
  }
  // Praha 611,450 valid votes = 24 x 25,304 + 4,154; Karlovarský 122,142 = 4 x 25,304 +
  // 20,926, a remainder seat.
  EXPECT_EQ(r.draw.ledger.magnitudes[0][0], 24);
  EXPECT_EQ(r.draw.ledger.magnitudes[0][4], 5);
  const Allocated got = allocate("cz/snemovna-2017.toml", "cz/data/snemovna-2017-votes.csv");
  const std::map<std::string, int> parties{{"ano", 78},     {"ods", 25},  {"pirati", 22},
                                           {"spd", 22},     {"kscm", 15}, {"cssd", 15},
                                           {"kdu-csl", 10}, {"top09", 7}, {"stan", 6}};
  EXPECT_EQ(got.total, parties);
}

// Kazakhstan, Mazhilis 2023: the 69 list seats from the official list votes (CEC,
// scenarios/kz/data/SOURCES.md): 40/8/6/6/5/4 and none for Baytaq. District votes were
// not published, so the districts tier is reported as not counted.
TEST(Real, KazakhstanMazhilis2023ListSeats) {
  const Scenario s = load_scenario(kScenarios + "kz/mazhilis-2023.toml");
  const Simulation sim = make_simulation(s);
  const CountedResult r =
      allocate_counted(sim.bodies.front(), s.ballot,
                       read_area_votes_csv(kScenarios + "kz/data/mazhilis-2023-votes.csv"));
  const std::map<std::string, int> want{{"amanat", 40}, {"auyl", 8}, {"respublica", 6},
                                        {"aq_jol", 6},  {"qhp", 5},  {"jsdp", 4}};
  for (std::size_t o = 0; o < s.ballot.size(); ++o) {
    const auto it = want.find(s.ballot[o].id);
    EXPECT_EQ(r.draw.seats_pr[o], it == want.end() ? 0 : it->second) << s.ballot[o].id;
  }
  ASSERT_EQ(r.uncounted.size(), 1u);
  EXPECT_EQ(sim.bodies.front().tier(r.uncounted[0]).id, "districts");
}

}  // namespace
}  // namespace seatcast
