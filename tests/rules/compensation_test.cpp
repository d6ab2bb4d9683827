// Compensation (engine/rules/compensation.h): each overhang policy on small cases worked
// by hand, and level's smallest covering house against a search seat count by seat count.
#include "engine/rules/compensation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
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

// BWG 2021 § 6 (5): the house grows until every list reaches its need (its minimum seat
// number, not just its earlier seats) but for up to `uncompensated` seats in all, each
// within the list's own overhang (slack); those seats stay with it and add to the house.
// Against growing the house one seat at a time, on 1,000 generated cases.
TEST(Compensation, LevelMeetsANeedLeavingUncompensatedSeats) {
  std::mt19937_64 rng(2021);
  Apportionment sl(Method::sainte_lague);
  ApportionmentScratch as;
  int left_over = 0;
  for (int iter = 0; iter < 1000; ++iter) {
    const int lists = std::uniform_int_distribution<int>(2, 6)(rng);
    const int seats = std::uniform_int_distribution<int>(5, 60)(rng);
    const int uncompensated = std::uniform_int_distribution<int>(0, 4)(rng);
    std::vector<Votes> votes(lists);
    std::vector<int> need(lists), slack(lists), prior(lists, 0), remaining(lists, -1);
    for (int o = 0; o < lists; ++o) {
      votes[o] = std::uniform_int_distribution<Votes>(5000, 100000)(rng);
      need[o] = std::uniform_int_distribution<int>(0, seats / 3)(rng);
      slack[o] = std::uniform_int_distribution<int>(0, 3)(rng);
    }
    CompensationConfig cfg{
        seats,     Method::sainte_lague, 1.4, TieRule::registration_order, OverhangPolicy::level,
        50 * seats};
    cfg.uncompensated = uncompensated;
    const Compensation c(cfg);
    CompensationScratch scratch;
    std::vector<int> got(lists, 0);
    const std::vector<std::uint8_t> admitted(lists, 1);
    const Entitlement e =
        c.entitle(votes, admitted, prior, 0, got, scratch, {}, LevelNeed{need, slack, remaining});
    // The reference: the first house whose shortfalls are within the slack and allowance.
    std::vector<int> want(lists);
    int house = seats;
    for (;; ++house) {
      sl.allocate(votes, house, want, as);
      int gap = 0;
      bool ok = true;
      for (int o = 0; o < lists; ++o) {
        const int g = std::max(0, need[o] - want[o]);
        ok = ok && g <= slack[o];
        gap += g;
      }
      if (ok && gap <= uncompensated) break;
    }
    int added = 0;
    for (int o = 0; o < lists; ++o) {
      const int g = std::max(0, need[o] - want[o]);
      ASSERT_EQ(remaining[o], g) << iter;
      want[o] += g;
      added += g;
    }
    ASSERT_FALSE(e.short_of) << iter;
    ASSERT_EQ(got, want) << iter;
    ASSERT_EQ(e.house, house + added) << iter;
    ASSERT_EQ(e.overhang, added) << iter;
    left_over += added > 0;
  }
  EXPECT_GT(left_over, 100) << "the generator must leave seats uncompensated";
}

// A house the law caps below what would cover every list: the largest, reported.
TEST(Compensation, LevelReportsAHouseItMayNotReach) {
  const Case c = entitle(OverhangPolicy::level, {5210, 3120, 1270, 400}, {0, 0, 0, 3});
  EXPECT_TRUE(c.e.short_of);  // 64 seats needed, 20 allowed (twice the 10)
  EXPECT_EQ(c.e.house, 20);
}

// Sainte-Laguë seat by seat, the plainest reference: the largest v / (2s + 1) takes the
// next seat, the earlier list on equal quotients (exact: cross-multiplied).
std::vector<int> naive_sainte_lague(const std::vector<Votes>& v, int seats) {
  std::vector<int> s(v.size(), 0);
  for (int k = 0; k < seats; ++k) {
    int best = -1;
    for (std::size_t o = 0; o < v.size(); ++o) {
      if (v[o] == 0) continue;
      if (best < 0 || v[o] * (2 * s[best] + 1) > v[best] * (2 * s[o] + 1))
        best = static_cast<int>(o);
    }
    if (best < 0) break;
    ++s[best];
  }
  return s;
}

// Every policy on 3,000 generated elections against the definitions, with the seat-by-
// seat reference for each calculation: grow and cap entitle exactly the reference's
// shares and count the overhang; exclude repeats the reference without the lists it
// drops until every list left is covered; level's house is the smallest the reference
// covers, and covers every list (proportional totals after leveling).
TEST(Compensation, EveryPolicyAgreesWithTheSeatBySeatReference) {
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 3000; ++trial) {
    const int lists = 2 + static_cast<int>(rng() % 6);
    const int seats = 5 + static_cast<int>(rng() % 60);
    std::vector<Votes> votes(lists);
    std::vector<int> prior(lists);
    Votes total = 0;
    for (int o = 0; o < lists; ++o) total += votes[o] = 1 + static_cast<Votes>(rng() % 100000);
    // Earlier seats up to twice a list's share (and a seat more): overhang is common.
    for (int o = 0; o < lists; ++o)
      prior[o] = static_cast<int>(rng() % (2 * seats * votes[o] / total + 2));
    const std::string what = "trial " + std::to_string(trial);
    const std::vector<int> ref = naive_sainte_lague(votes, seats);
    for (OverhangPolicy p : {OverhangPolicy::grow, OverhangPolicy::cap}) {
      const Case c = entitle(p, votes, prior, seats);
      EXPECT_EQ(c.entitlement, ref) << what;
      int over = 0;
      for (int o = 0; o < lists; ++o) over += std::max(0, prior[o] - ref[o]);
      EXPECT_EQ(c.e.overhang, over) << what;
    }
    {
      const Case c = entitle(OverhangPolicy::exclude, votes, prior, seats);
      std::vector<std::uint8_t> in(lists, 1);
      std::vector<int> e = ref;
      int house = seats;
      for (bool again = true; again;) {
        again = false;
        for (int o = 0; o < lists; ++o)
          if (in[o] && prior[o] > e[o]) {
            in[o] = 0;
            house -= prior[o];
            again = true;
          }
        if (!again) break;
        std::vector<Votes> left(lists, 0);
        for (int o = 0; o < lists; ++o) left[o] = in[o] ? votes[o] : 0;
        e = naive_sainte_lague(left, std::max(house, 0));
      }
      for (int o = 0; o < lists; ++o) {
        if (!in[o]) e[o] = prior[o];
        if (in[o]) {
          EXPECT_GE(c.entitlement[o], prior[o]) << what;
        }
      }
      if (house > 0) {
        EXPECT_EQ(c.entitlement, e) << what;
      }
    }
    {
      // Within the default largest house (twice the seats), or reported as short.
      const Case c = entitle(OverhangPolicy::level, votes, prior, seats);
      int want = seats;
      for (;; ++want) {
        if (want > 2 * seats) break;
        const std::vector<int> r = naive_sainte_lague(votes, want);
        bool ok = true;
        for (int o = 0; o < lists; ++o) ok = ok && r[o] >= prior[o];
        if (ok) break;
      }
      if (want > 2 * seats) {
        EXPECT_TRUE(c.e.short_of) << what;
        EXPECT_EQ(c.e.house, 2 * seats) << what;
        continue;
      }
      EXPECT_FALSE(c.e.short_of) << what;
      EXPECT_EQ(c.e.house, want) << what;
      EXPECT_EQ(c.entitlement, naive_sainte_lague(votes, want)) << what;
      // House monotone: a house one seat larger gives no list fewer seats.
      const std::vector<int> next = naive_sainte_lague(votes, want + 1);
      for (int o = 0; o < lists; ++o) EXPECT_GE(next[o], c.entitlement[o]) << what;
    }
  }
}

TEST(Compensation, PolicyNamesRoundTrip) {
  for (const std::string& name : overhang_policy_names())
    EXPECT_EQ(to_string(*parse_overhang_policy(name)), name);
  EXPECT_FALSE(parse_overhang_policy("shrink"));
}

}  // namespace
}  // namespace seatcast
