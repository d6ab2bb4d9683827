// "4% nationally or 12% in a constituency, then there only" (Sweden, Vallag 14 kap.): a
// filter whose alternative is an earlier filter, and adjustment seats placed after each
// party's fixed seats (distribute_prior), counted by hand on two valkretsar.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/body/counted_scenario.h"

namespace seatcast {
namespace {

// r stands in v1 only: 200 of v1's 1,000 votes (20%) but 1.8% of the country's 11,000;
// c has 10% in both valkretsar (below 12%) and 10% of the country (over 4%).
const char* kVotes =
    "area,option,votes\nv1,a,400\nv1,b,300\nv1,c,100\nv1,r,200\n"
    "v2,a,3500\nv2,b,5500\nv2,c,1000\n";

std::string scenario(const std::string& fixed_filter, bool alternative = true) {
  return ballot_and_model({{"a", 35}, {"b", 53}, {"c", 10}, {"r", 2}}, 11000) + R"([[body]]
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
)" + std::string(alternative ? "alternative = { filter = \"national\" }\n" : "") +
         R"([[body.stages]]
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
seats = 12
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
    put("valkretsar.csv", "area,name,seats\nv1,V1,4\nv2,V2,6\n");
    put("votes.csv", kVotes);
  }
};

TEST_F(LocalThreshold, TwelvePercentInAValkretsWinsThereOnly) {
  const CountedResult r = count(scenario("local"), "votes.csv");
  const Ledger& l = r.draw.ledger;
  // Fixed, v1 (4 seats; a, b, c by 4% and r by 12%): a 333, b 250, r 167, a 133 | b 100,
  // c 83. v2 (6): b 4,583, a 2,917, b 1,833, a 1,167, b 1,100, c 833 | b 786. Fixed: a 4,
  // b 4, c 1 (by the national alternative: 10% there), r 1.
  EXPECT_EQ(l.area_seats[0], (std::vector<int>{2, 1, 0, 1, 2, 3, 1, 0}));
  // r is below 4%: its seat comes off the house, and a, b, c share 11 by the national
  // votes 3,900 / 5,800 / 1,100: b 4,833, a 3,250, b 1,933, a 1,300, b 1,160, c 917,
  // b 829, a 780, b 644, a 557, b 527: b 6, a 4, c 1, so b has two adjustment seats.
  EXPECT_EQ(l.tier_seats[1], (std::vector<int>{0, 2, 0, 0}));
  // Placed after b's fixed seats: v1 300 / 3 = 100 against v2 5,500 / 7 = 786, then
  // 5,500 / 9 = 611: both in v2.
  EXPECT_EQ(l.area_seats[1], (std::vector<int>{0, 0, 0, 0, 0, 2, 0, 0}));
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{4, 6, 1, 1}));
  EXPECT_EQ(l.house, 12);
}

TEST_F(LocalThreshold, WithoutTheAlternativeOnlyTwelvePercentTakesPart) {
  // 12% in the valkrets alone: c (10%) is out of both, so v2's sixth seat is b's 786.
  // Fixed a 4, b 5, r 1; nationally b 6, a 4, c 1 as above: b and c one adjustment seat
  // each (c's in v2: 1,000 against 100). The totals are the same, the tiers are not.
  const CountedResult r = count(scenario("local", false), "votes.csv");
  EXPECT_EQ(r.draw.ledger.tier_seats[0], (std::vector<int>{4, 5, 0, 1}));
  EXPECT_EQ(r.draw.ledger.tier_seats[1], (std::vector<int>{0, 1, 1, 0}));
  EXPECT_EQ(r.draw.ledger.area_seats[1], (std::vector<int>{0, 0, 0, 0, 0, 1, 1, 0}));
}

TEST_F(LocalThreshold, WithoutTheLocalRuleTheSeatGoesToANationalParty) {
  // Fixed by the national filter only: v1 a 333, b 250, a 133, b 100 | c 83: a 2, b 2.
  // r has no seat to deduct, so a, b, c share all 12: the eleven above and b's 5,800 / 13
  // = 446 (before c's 367 and a's 355): b 7, a 4, c 1.
  const CountedResult r = count(scenario("national"), "votes.csv");
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{4, 7, 1, 0}));
}

}  // namespace
}  // namespace seatcast
