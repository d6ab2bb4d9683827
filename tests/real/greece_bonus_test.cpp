// A majority bonus through a national allocation, on Greece's votes of 25 June 2023.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "engine/io/area_votes_csv.h"
#include "engine/io/csv.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

// Greece, 25 June 2023: the national votes of the eight parties that won seats (a
// secondary source: scenarios/gr/data/SOURCES.md; the other parties' votes are not
// sourced, and scenarios/gr/data/verify.py shows that over the whole range they could
// take no seat decides anything here). ND's 43% of these votes (40.6% of all) gives the
// full 50; Hare shares the other 250 among all eight: 158/47/32/21/12/12/10/8.
TEST(Bonus, GreeceJune2023) {
  std::string toml = R"(
[model]
type = "dirichlet"
total_votes = 4898106
sample_size = 1000
[[body]]
id = "vouli"
[[body.stages]]
type = "allocate"
id = "seats"
seats = 300
method = "hare"
threshold = 0.03
threshold_base = "parties"
bonus = { kind = "schedule", from = 0.25, seats = 20, step = 0.005, step_seats = 1, max = 50 }
)";
  // The votes as the data file gives them (area "gr" there; the nation here).
  const CsvTable national = read_csv(std::string(SEATCAST_SOURCE_DIR) +
                                     "/scenarios/gr/data/parliament-2023-06-national.csv");
  std::string votes = "area,option,votes\n", options, percent = "[model.percent]\n";
  for (const CsvRow& r : national.rows) {
    votes += "," + r.fields[1] + "," + r.fields[2] + "\n";
    options += "[[options]]\nid = \"" + r.fields[1] + "\"\n";
    percent += r.fields[1] + " = 12.5\n";  // the model is not used: counted votes
  }
  toml = options + toml + percent;
  const Scenario sc = parse_scenario(toml, "greece-june-2023.toml");
  const Simulation sim = make_simulation(sc);
  const CountedResult r =
      allocate_counted(sim.bodies.front(), sc.ballot, parse_area_votes_csv(votes, "votes.csv"));
  std::map<std::string, int> got;
  for (std::size_t o = 0; o < sc.ballot.size(); ++o) got[sc.ballot[o].id] = r.draw.seats_total[o];
  EXPECT_EQ(got, (std::map<std::string, int>{{"nd", 158},
                                             {"syriza", 47},
                                             {"pasok-kinal", 32},
                                             {"kke", 21},
                                             {"spartiates", 12},
                                             {"elliniki-lysi", 12},
                                             {"niki", 10},
                                             {"plefsi-eleftherias", 8}}));
}

}  // namespace
}  // namespace seatcast
