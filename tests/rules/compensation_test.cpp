// Compensation (engine/rules/compensation.h): each overhang policy on small cases worked
// by hand, and level's smallest covering house against a search seat count by seat count.
#include "engine/rules/compensation.h"

#include <gtest/gtest.h>

#include <vector>

namespace seatcast {
namespace {

struct Case {
  std::vector<int> entitlement;
  Entitlement e;
};

Case entitle(OverhangPolicy policy, std::vector<Votes> votes, std::vector<int> prior,
             int seats = 10, int deducted = 0, std::vector<std::uint8_t> admitted = {},
             int max_seats = 0) {
  if (admitted.empty()) admitted.assign(votes.size(), 1);
  Compensation c(CompensationConfig{seats, Method::sainte_lague, 1.4, TieRule::registration_order,
                                    policy, max_seats});
  CompensationScratch scratch;
  Case out{std::vector<int>(votes.size(), 0), {}};
  out.e = c.entitle(votes, admitted, prior, deducted, out.entitlement, scratch, {});
  return out;
}

// Sainte-Laguë over 10 seats of 600/300/100 votes: 6, 3, 1 (quotients 600 300 200 120
// 100 100(C) 85.7 66.7 60 54.5: the tenth is A's 54.5 after C's 100 ties B's: B is
// earlier, so B 3, C 1).
TEST(Compensation, GrowKeepsTheOverhangAndEntitlesTheRest) {
  const Case c = entitle(OverhangPolicy::grow, {600, 300, 100}, {0, 0, 3});
  EXPECT_EQ(c.entitlement, (std::vector<int>{6, 3, 1}));
  EXPECT_EQ(c.e.overhang, 2);
  EXPECT_EQ(c.e.house, 10);
}

TEST(Compensation, CapEntitlesTheShareAndCountsWhatIsNotTakenUp) {
  const Case c = entitle(OverhangPolicy::cap, {600, 300, 100}, {8, 0, 0});
  EXPECT_EQ(c.entitlement, (std::vector<int>{6, 3, 1}));
  EXPECT_EQ(c.e.overhang, 2);
}

// C's 3 earlier seats exceed its 1: it keeps them and leaves; A and B share 7 by
// Sainte-Laguë (600 300 200 120 100 85.7 66.7: A 5, B 2).
TEST(Compensation, ExcludeRepeatsTheCalculationWithoutTheOverhangingList) {
  const Case c = entitle(OverhangPolicy::exclude, {600, 300, 100}, {0, 0, 3});
  EXPECT_EQ(c.entitlement, (std::vector<int>{5, 2, 3}));
  EXPECT_EQ(c.e.overhang, 2);
  int sum = 0;
  for (int s : c.entitlement) sum += s;
  EXPECT_EQ(sum, 10);
}

TEST(Compensation, DeductedSeatsComeOffTheHouseFirst) {
  const Case c = entitle(OverhangPolicy::grow, {600, 300, 100}, {0, 0, 0}, 10, 1);
  EXPECT_EQ(c.e.house, 9);
  int sum = 0;
  for (int s : c.entitlement) sum += s;
  EXPECT_EQ(sum, 9);
}

TEST(Compensation, ListsNotAdmittedAreEntitledToNothing) {
  const Case c = entitle(OverhangPolicy::grow, {600, 300, 100}, {0, 0, 0}, 10, 0, {1, 1, 0});
  EXPECT_EQ(c.entitlement, (std::vector<int>{7, 3, 0}));
}

// Level: the smallest house whose Sainte-Laguë shares cover every list's earlier seats,
// checked against every house from the base up.
TEST(Compensation, LevelFindsTheSmallestCoveringHouse) {
  const std::vector<Votes> votes{5210, 3120, 1270, 400};
  Apportionment sl(Method::sainte_lague);
  ApportionmentScratch scratch;
  for (const std::vector<int>& prior :
       {std::vector<int>{0, 0, 0, 3}, std::vector<int>{9, 0, 4, 0}, std::vector<int>{2, 7, 0, 2}}) {
    const Case c = entitle(OverhangPolicy::level, votes, prior, 10, 0, {}, 200);
    int want = 10;
    for (;; ++want) {
      std::vector<int> s(votes.size());
      sl.allocate(votes, want, s, scratch);
      bool ok = true;
      for (std::size_t o = 0; o < s.size(); ++o) ok = ok && s[o] >= prior[o];
      if (ok) break;
    }
    EXPECT_EQ(c.e.house, want) << prior[0] << prior[1] << prior[2] << prior[3];
    EXPECT_FALSE(c.e.short_of);
    for (std::size_t o = 0; o < votes.size(); ++o) EXPECT_GE(c.entitlement[o], prior[o]);
  }
}

// A house the law caps below what would cover every list: the largest, reported.
TEST(Compensation, LevelReportsAHouseItMayNotReach) {
  const Case c = entitle(OverhangPolicy::level, {5210, 3120, 1270, 400}, {0, 0, 0, 3});
  EXPECT_TRUE(c.e.short_of);  // 64 seats needed, 20 allowed (twice the 10)
  EXPECT_EQ(c.e.house, 20);
}

TEST(Compensation, PolicyNamesRoundTrip) {
  for (const std::string& name : overhang_policy_names())
    EXPECT_EQ(to_string(*parse_overhang_policy(name)), name);
  EXPECT_FALSE(parse_overhang_policy("shrink"));
}

}  // namespace
}  // namespace seatcast
