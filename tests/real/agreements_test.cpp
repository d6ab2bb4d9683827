// Surplus-vote agreements (an allocate stage's `agreements`): Israel's Knesset from the
// Central Elections Committee's votes (scenarios/il/data/SOURCES.md; the official seats
// per list there are from a secondary source). Each pair that both pass 3.25% counts as
// one list for D'Hondt (Bader-Ofer), then splits its seats the same way.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "engine/io/area_votes_csv.h"
#include "engine/io/csv.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

const std::string kScenarios = std::string(SEATCAST_SOURCE_DIR) + "/scenarios/";

std::map<std::string, int> seats_of(const Scenario& s, const std::string& votes) {
  const Simulation sim = make_simulation(s);
  const CountedResult r =
      allocate_counted(sim.bodies.front(), s.ballot, read_area_votes_csv(kScenarios + votes));
  std::map<std::string, int> out;
  for (std::size_t o = 0; o < s.ballot.size(); ++o)
    if (r.draw.seats_total[o] > 0) out[s.ballot[o].id] = r.draw.seats_total[o];
  return out;
}

std::map<std::string, int> official(const std::string& path) {
  const CsvTable t = read_csv(kScenarios + path);
  const int o = t.require("option"), n = t.require("seats");
  std::map<std::string, int> out;
  for (const CsvRow& r : t.rows) out[r.fields[o]] += std::stoi(r.fields[n]);
  return out;
}

TEST(RealAgreements, Knesset2022) {
  const Scenario s = load_scenario(kScenarios + "il/knesset-2022.toml");
  const auto got = seats_of(s, "il/data/knesset-2022-votes.csv");
  EXPECT_EQ(got, official("il/data/knesset-2022-seats.csv"));
  EXPECT_EQ(got.at("likud"), 32);
  EXPECT_EQ(got.at("utj"), 7);
}

// The Likud-Religious Zionism agreement decided a seat: without it Likud has 31 and
// UTJ 8 (scenarios/il/data/verify.py finds the same).
TEST(RealAgreements, Knesset2022WithoutLikudsAgreement) {
  const std::string path = kScenarios + "il/knesset-2022.toml";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string without = std::regex_replace(
      text.str(), std::regex(R"(\["likud", "religious-zionism"\], )"), std::string());
  ASSERT_NE(without, text.str());
  const auto got = seats_of(parse_scenario(without, path), "il/data/knesset-2022-votes.csv");
  EXPECT_EQ(got.at("likud"), 31);
  EXPECT_EQ(got.at("utj"), 8);
}

TEST(RealAgreements, Knesset2021) {
  const Scenario s = load_scenario(kScenarios + "il/knesset-2021.toml");
  EXPECT_EQ(seats_of(s, "il/data/knesset-2021-votes.csv"),
            official("il/data/knesset-2021-seats.csv"));
}

}  // namespace
}  // namespace seatcast
