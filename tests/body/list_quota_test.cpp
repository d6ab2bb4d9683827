// Party lists and the list quota: the fewest-promotions seating, vacancies, women and
// group counts, on hand-built lists whose answers can be checked by eye.
#include <gtest/gtest.h>

#include "engine/quota/list_quota.h"

namespace seatcast {
namespace {

TEST(ListQuota, NeedIsTheCeilingOfThirtyPercent) {
  EXPECT_EQ(quota_need(0.3, 0), 0);
  EXPECT_EQ(quota_need(0.3, 1), 1);
  EXPECT_EQ(quota_need(0.3, 10), 3);  // exactly 3.0
  EXPECT_EQ(quota_need(0.3, 11), 4);  // 3.3 -> 4
  EXPECT_EQ(quota_need(0.3, 40), 12);
  EXPECT_EQ(quota_need(0.3, 69), 21);  // 20.7 -> 21
}

TEST(ListQuota, ListOrderWhenTheQuotaIsMet) {
  // w = woman, y = youth: positions 1..6 = w - - y - -
  const PartyList list = PartyList::from_flags({"w", "-", "-", "y", "-", "-"});
  const auto s = list.seat(4, quota_need(0.3, 4));  // need 2; first four hold w and y
  EXPECT_EQ(s.seated, 4);
  EXPECT_EQ(s.group, 2);
  EXPECT_EQ(s.women, 1);
  EXPECT_EQ(s.promoted, 0);
  EXPECT_TRUE(s.quota_met);
}

TEST(ListQuota, FewestPromotionsWhenTheTopIsShortOfTheQuota) {
  // Six men, then a woman, a disabled man, a woman.
  const PartyList list = PartyList::from_flags({"-", "-", "-", "-", "-", "-", "w", "d", "w"});
  const auto s = list.seat(6, quota_need(0.3, 6));  // need 2, top six hold none
  EXPECT_EQ(s.promoted, 2);                         // positions 7 and 8 replace positions 5 and 6
  EXPECT_EQ(s.group, 2);
  EXPECT_EQ(s.women, 1);  // the woman at 7; the person at 8 is a disabled man
  EXPECT_TRUE(s.quota_met);
}

TEST(ListQuota, PersonInSeveralGroupsCountsOnce) {
  const PartyList list = PartyList::from_flags({"wyd", "-", "-", "-"});
  EXPECT_EQ(list.group_members(), 1);
  const auto s = list.seat(4, quota_need(0.3, 4));  // need 2, only one member exists
  EXPECT_EQ(s.group, 1);
  EXPECT_FALSE(s.quota_met);
}

TEST(ListQuota, SeatsBeyondTheListAreVacant) {
  const PartyList list = PartyList::from_flags({"w", "-", "y"});
  const auto s = list.seat(5, quota_need(0.3, 3));
  EXPECT_EQ(s.seated, 3);
  EXPECT_EQ(s.vacant, 2);
  EXPECT_EQ(s.group, 2);
}

TEST(ListQuota, GeneratedListsHaveTheirSharesSpreadEvenly) {
  const PartyList list = PartyList::generate(90, 0.381, 0.285);
  EXPECT_EQ(list.length(), 90);
  int group = 0, women = 0;
  for (const Candidate& c : list.candidates()) {
    group += c.group();
    women += c.woman;
    EXPECT_TRUE(!c.woman || c.group());
  }
  EXPECT_NEAR(group, 0.381 * 90, 1.0);
  EXPECT_NEAR(women, 0.285 * 90, 1.0);
  // Evenly spread: every prefix holds floor(k x 0.381) members, within one.
  int prefix = 0;
  for (int k = 0; k < 90; ++k) {
    prefix += list.candidates()[k].group();
    EXPECT_NEAR(prefix, (k + 1) * 0.381, 1.0) << k;
  }
}

TEST(ListQuota, EveryQuotaIsMetOnAGeneratedListForEverySeatCount) {
  const PartyList list = PartyList::generate(90, 0.381, 0.285);
  for (int seats = 0; seats <= 90; ++seats) {
    const int need = quota_need(0.3, seats);
    const auto s = list.seat(seats, need);
    EXPECT_TRUE(s.quota_met) << seats;
    EXPECT_GE(s.group, need);
    EXPECT_LE(s.women, s.group);
  }
}

}  // namespace
}  // namespace seatcast
