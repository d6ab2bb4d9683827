// "4% nationally or 12% in a constituency, then there only" (Sweden, Vallag 14 kap.): a
// filter whose alternative is an earlier filter, and adjustment seats placed after each
// party's fixed seats (distribute_prior), counted by hand on two valkretsar.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/body/counted_scenario.h"

namespace seatcast {
namespace {

// r stands in v1 only: 200 of v1's 1,000 votes (20%) but 2% of the country's 10,000.
const char* kVotes =
    "area,option,votes\nv1,a,400\nv1,b,300\nv1,c,100\nv1,r,200\n"
    "v2,a,3000\nv2,b,5000\nv2,c,1000\n";

std::string scenario(const std::string& fixed_filter) {
  return R"([[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[[options]]
id = "r"
[model]
type = "dirichlet"
total_votes = 10000
sample_size = 100
[model.percent]
a = 34
b = 53
c = 11
r = 2
[[body]]
id = "riksdag"
[[body.levels]]
id = "valkrets"
areas = "valkretsar.csv"
baseline = "votes.csv"
[[body.stages]]
type = "filter"
id = "national"
threshold = 0.04
[[body.stages]]
type = "filter"
id = "local"
level = "valkrets"
threshold = 0.12
alternative = { filter = "national" }
[[body.stages]]
type = "allocate"
id = "fixed"
level = "valkrets"
method = "modified-sainte-lague"
first_divisor = 1.2
filter = ")" +
         fixed_filter + R"("
[[body.stages]]
type = "compensate"
id = "adjustment"
seats = 9
method = "modified-sainte-lague"
first_divisor = 1.2
filter = "national"
against = "fixed"
overhang = "exclude"
level = "valkrets"
distribute = "list-seats"
distribute_method = "sainte-lague"
distribute_prior = true
)";
}

class LocalThreshold : public CountedScenario {
 protected:
  void SetUp() override {
    CountedScenario::SetUp();
    put("valkretsar.csv", "area,name,seats\nv1,V1,4\nv2,V2,3\n");
    put("votes.csv", kVotes);
  }
};

TEST_F(LocalThreshold, TwelvePercentInAValkretsWinsThereOnly) {
  const CountedResult r = count(scenario("local"), "votes.csv");
  const Ledger& l = r.draw.ledger;
  // Fixed, v1 (4 seats; a, b, c by 4% and r by 12%): a 333, b 250, r 167, a 133 | b 100;
  // v2 (3): b 4,167, a 2,500, b 1,667 | c 833. Fixed: a 3, b 3, r 1.
  EXPECT_EQ(l.area_seats[0], (std::vector<int>{2, 1, 0, 1, 1, 2, 0, 0}));
  // r is below 4%: its seat comes off the house, and a, b, c share 8 by the national
  // votes 3,400 / 5,300 / 1,100: b 4,417, a 2,833, b 1,767, a 1,133, b 1,060, c 917,
  // b 757, a 680: b 4, a 3, c 1, so b and c have one adjustment seat each.
  EXPECT_EQ(l.tier_seats[1], (std::vector<int>{0, 1, 1, 0}));
  // Placed after the fixed seats: b's v1 300 / 3 = 100 against v2's 5,000 / 5 = 1,000;
  // c's 100 against 1,000: both in v2.
  EXPECT_EQ(l.area_seats[1], (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 0}));
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{3, 4, 1, 1}));
  EXPECT_EQ(l.house, 9);
}

TEST_F(LocalThreshold, WithoutTheLocalRuleTheSeatGoesToANationalParty) {
  // Fixed by the national filter only: v1 a 333, b 250, a 133, b 100 | c 83: a 2, b 2.
  // a, b, c share all 9: the eight above and b's 5,300 / 9 = 589: b 5, a 3, c 1.
  const CountedResult r = count(scenario("national"), "votes.csv");
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{3, 5, 1, 0}));
}

}  // namespace
}  // namespace seatcast
