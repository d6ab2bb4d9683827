// Fragment votes (an allocate stage's `fragments = "T"`, Hungary's töredékszavazatok, Act
// CCIII of 2011 § 15): a national list allocation whose votes add, from every
// single-member constituency of tier T, the losers' candidate votes and the winner's
// votes beyond the runner-up's + 1, each to the candidate's party. Counted by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/body/counted_scenario.h"

namespace seatcast {
namespace {

std::string scenario(const std::string& fragments, const std::string& areas = "smd.csv",
                     const std::string& votes = "votes.csv", int seats = 4) {
  return ballot_and_model({{"a", 40}, {"b", 38}, {"c", 21}, {"blank", 1, "blank"}}, 3000) +
         R"([[body]]
id = "orszaggyules"
[[body.levels]]
id = "smd"
areas = ")" +
         areas + R"("
baseline = ")" +
         votes + R"("
[[body.stages]]
type = "allocate"
id = "smd"
level = "smd"
ballot = "candidate"
method = "plurality"
[[body.stages]]
type = "filter"
id = "five"
threshold = 0.05
[[body.stages]]
type = "allocate"
id = "list"
seats = )" +
         std::to_string(seats) + R"(
method = "dhondt"
filter = "five"
)" + fragments;
}

class FragmentVotes : public CountedScenario {
 protected:
  void SetUp() override {
    CountedScenario::SetUp();
    put("smd.csv", "area,name,seats\ns1,S1,1\ns2,S2,1\ns3,S3,1\n");
    std::string v = "area,option,votes,ballot\n";
    const char* rows[] = {"s1,a,500,list",      "s1,b,300,list",      "s1,c,200,list",
                          "s1,a,520,candidate", "s1,b,310,candidate", "s1,c,170,candidate",

                          "s2,a,300,list",      "s2,b,500,list",      "s2,c,200,list",
                          "s2,a,280,candidate", "s2,b,540,candidate", "s2,c,180,candidate",
                          "s3,a,400,list",      "s3,b,350,list",      "s3,c,250,list",
                          "s3,a,390,candidate", "s3,b,370,candidate", "s3,c,240,candidate"};
    for (const char* r : rows) v += std::string(r) + "\n";
    put("votes.csv", v);
  }
};

TEST_F(FragmentVotes, LosersAndTheWinnersSurplusAddToTheLists) {
  // Constituencies: a wins s1 (520 against b's 310: surplus 209) and s3 (390 against
  // 370: 19), b wins s2 (540 against 280: 259). Fragments: a 209 + 280 + 19 = 508, b 310 +
  // 259 + 370 = 939, c 170 + 180 + 240 = 590; with the list votes 1,200 / 1,150 / 650: a
  // 1,708, b 2,089, c 1,240. D'Hondt, 4 seats: b 2,089, a 1,708, c 1,240, b 1,044.5 |
  // a 854: b 2, a 1, c 1.
  const CountedResult r = count(scenario("fragments = \"smd\"\n"), "votes.csv");
  EXPECT_EQ(r.draw.ledger.tier_seats[1], (std::vector<int>{1, 2, 1, 0}));
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{3, 3, 1, 0}));
}

TEST_F(FragmentVotes, WithoutThemTheListVotesAlone) {
  // a 1,200, b 1,150, c 650, a 600 | b 575: a 2, b 1, c 1.
  const CountedResult r = count(scenario(""), "votes.csv");
  EXPECT_EQ(r.draw.ledger.tier_seats[1], (std::vector<int>{2, 1, 1, 0}));
  EXPECT_EQ(r.draw.seats_total, (std::vector<int>{4, 2, 1, 0}));
}

TEST_F(FragmentVotes, TheRunnerUpIsACandidateNotTheBlankBallots) {
  // One constituency: a 520, blank 400, b 310. a's surplus is over b's 310 + 1: 209 (over
  // the blank ballots' 400 + 1 it would be 119). With the list votes a 650, b 1,300: a 859,
  // b 1,300 + 310 = 1,610; two seats: b 1,610, then a 859 before b's 805 (a 769 would
  // not be).
  put("one.csv", "area,name,seats\ns1,S1,1\n");
  put("one-votes.csv",
      "area,option,votes,ballot\ns1,a,650,list\ns1,b,1300,list\ns1,a,520,candidate\n"
      "s1,b,310,candidate\ns1,blank,400,candidate\n");
  const CountedResult r =
      count(scenario("fragments = \"smd\"\n", "one.csv", "one-votes.csv", 2), "one-votes.csv");
  EXPECT_EQ(r.draw.ledger.tier_seats[1], (std::vector<int>{1, 1, 0, 0}));
}

}  // namespace
}  // namespace seatcast
