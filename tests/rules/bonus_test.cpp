// Majority bonuses (engine/rules/bonus.h): the schedule at and around its steps, exactly;
// the fixed and majority kinds; settings that do not make a bonus.
#include "engine/rules/bonus.h"

#include <gtest/gtest.h>

namespace seatcast {
namespace {

// Greece, law 4654/2020: 20 seats at 25%, one more per full half point, 50 at most.
BonusRule greece() {
  BonusRule r;
  r.kind = BonusRule::Kind::schedule;
  r.from = 250000;
  r.seats = 20;
  r.step = 5000;
  r.step_seats = 1;
  r.max = 50;
  return r;
}

TEST(Bonus, TheScheduleStepsAtEveryFullHalfPoint) {
  const BonusRule r = greece();
  const Votes base = 1'000'000;
  EXPECT_EQ(r.seats_for(249'999, base, 300), 0);
  EXPECT_EQ(r.seats_for(250'000, base, 300), 20);  // exactly 25%
  EXPECT_EQ(r.seats_for(254'999, base, 300), 20);
  EXPECT_EQ(r.seats_for(255'000, base, 300), 21);
  EXPECT_EQ(r.seats_for(399'999, base, 300), 49);
  EXPECT_EQ(r.seats_for(400'000, base, 300), 50);
  EXPECT_EQ(r.seats_for(700'000, base, 300), 50);
  // Shares that no double represents exactly: 1/3 of 3 million votes + 1 is 33.33%.
  EXPECT_EQ(r.seats_for(1'000'001, 3'000'000, 300), 36);
  for (Votes v = 0, last = 0; v <= base; v += 997) {  // never falls
    const int b = r.seats_for(v, base, 300);
    EXPECT_GE(b, last);
    last = b;
  }
}

TEST(Bonus, FixedAndMajorityKinds) {
  BonusRule fixed;
  fixed.kind = BonusRule::Kind::fixed;
  fixed.from = 300000;
  fixed.seats = 40;
  EXPECT_EQ(fixed.seats_for(299'999, 1'000'000, 300), 0);
  EXPECT_EQ(fixed.seats_for(300'000, 1'000'000, 300), 40);
  BonusRule maj;
  maj.kind = BonusRule::Kind::majority;
  maj.majority = 540000;  // 54% of 630, rounded up: 341
  EXPECT_EQ(maj.majority_seats(630), 341);
  EXPECT_EQ(maj.seats_for(600'000, 1'000'000, 630), 0);
  EXPECT_FALSE(maj.invalid(630));
  BonusRule bad = greece();
  bad.max = 10;  // below its first step: the schedule would fall
  EXPECT_TRUE(bad.invalid(300));
}

}  // namespace
}  // namespace seatcast
