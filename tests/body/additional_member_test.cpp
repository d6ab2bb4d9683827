// An allocate stage with prior seats (`prior = [tier]`): regions elect list seats by
// D'Hondt with each list's divisors starting after the seats it won in the single-member
// areas within the region (the additional member system of Scotland and Wales), read
// from a scenario file and counted by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/body/counted_scenario.h"

namespace seatcast {
namespace {

class AdditionalMember : public CountedScenario {
 protected:
  void SetUp() override {
    CountedScenario::SetUp();
    put("regions.csv", "area,name,seats\nr1,R1,3\nr2,R2,2\n");
    put("seats.csv", "area,name,seats,parent\ns1,S1,1,r1\ns2,S2,1,r1\ns3,S3,1,r2\ns4,S4,1,r2\n");
    put("votes.csv",
        "area,option,votes\ns1,a,50\ns1,b,30\ns1,c,20\ns2,a,45\ns2,b,40\ns2,c,15\n"
        "s3,a,30\ns3,b,60\ns3,c,10\ns4,a,10\ns4,b,40\ns4,c,50\n");
  }
  std::vector<int> seats(const std::string& prior) {
    const std::string text = ballot_and_model({{"a", 40}, {"b", 35}, {"c", 25}}, 1000) + R"([[body]]
id = "p"
[[body.levels]]
id = "region"
areas = "regions.csv"
baseline = "children"
[[body.levels]]
id = "seat"
parent = "region"
areas = "seats.csv"
baseline = "votes.csv"
[[body.stages]]
type = "allocate"
id = "seat"
level = "seat"
method = "plurality"
[[body.stages]]
type = "allocate"
id = "region"
level = "region"
method = "dhondt"
)" + prior;
    return count(text, "votes.csv").draw.seats_total;
  }
};

TEST_F(AdditionalMember, RegionalDivisorsStartAfterTheConstituencySeats) {
  // R1: a wins s1 and s2; list votes a 95, b 70, c 35, prior a 2. Quotients a 95/3 =
  // 31.7, b 70, 35, c 35: b 2, c 1. R2: b wins s3, c s4; a 40, b 100, c 60 over prior
  // 0 / 1 / 1: a 40, b 50, c 30: b 1, a 1. Totals a 2 + 1, b 1 + 2 + 1, c 1 + 1.
  EXPECT_EQ(seats("prior = [\"seat\"]\n"), (std::vector<int>{3, 4, 2}));
  // Without the prior seats: R1 a 95, 47.5, b 70: a 2, b 1; R2 b 100, c 60: b 1, c 1.
  EXPECT_EQ(seats(""), (std::vector<int>{4, 3, 2}));
}

}  // namespace
}  // namespace seatcast
