// The list tier as a whole: threshold, runner-up rule and apportionment composed, on
// the official 2023 Mazhilis votes and on constructed cases for each rule.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/rules/list_tier.h"

namespace seatcast {
namespace {

Ballot make_ballot(std::initializer_list<std::pair<const char*, OptionKind>> options) {
  Ballot b;
  for (const auto& [id, kind] : options) b.push_back({id, id, kind});
  return b;
}

ListTierConfig kz_mazhilis() {
  ListTierConfig c;
  c.seats = 69;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.runner_up.emplace(0.7, 2);
  return c;
}

struct Outcome {
  std::vector<int> seats;
  std::vector<std::uint8_t> passed;
  ListTierEvents events;
};

Outcome evaluate(const Ballot& ballot, const ListTierConfig& cfg, const std::vector<Votes>& votes) {
  ListTier tier(ballot, cfg);
  Outcome o{std::vector<int>(votes.size()), std::vector<std::uint8_t>(votes.size()), {}};
  ListTierScratch scratch;
  o.events = tier.evaluate(votes, o.seats, o.passed, scratch);
  return o;
}

const Ballot kKz = make_ballot({{"amanat", OptionKind::party},
                                {"auyl", OptionKind::party},
                                {"respublica", OptionKind::party},
                                {"aq_jol", OptionKind::party},
                                {"qhp", OptionKind::party},
                                {"jsdp", OptionKind::party},
                                {"baytaq", OptionKind::party},
                                {"against_all", OptionKind::against_all}});

// CEC of Kazakhstan, final results of 27 March 2023.
const std::vector<Votes> kKz2023 = {3431510, 693938, 547154, 535139,
                                    432920,  331058, 146431, 248291};

TEST(ListTier, Mazhilis2023OfficialResult) {
  const Outcome o = evaluate(kKz, kz_mazhilis(), kKz2023);
  EXPECT_EQ(o.seats, (std::vector<int>{40, 8, 6, 6, 5, 4, 0, 0}));
  EXPECT_EQ(o.passed, (std::vector<std::uint8_t>{1, 1, 1, 1, 1, 1, 0, 0}));
  EXPECT_FALSE(o.events.runner_up_admitted);
  EXPECT_FALSE(o.events.tie);
}

TEST(ListTier, Mazhilis2023UnderDhondtGives41ToAmanat) {
  ListTierConfig c = kz_mazhilis();
  c.method = Method::dhondt;
  EXPECT_EQ(evaluate(kKz, c, kKz2023).seats, (std::vector<int>{41, 8, 6, 6, 5, 3, 0, 0}));
}

TEST(ListTier, AgainstAllInTheBaseDecidesWhoPasses) {
  // The 2023 line was 5% of 6,366,441 = 318,322.05 votes. With 254,720 more "against
  // all" votes the base is 6,621,161, the line 331,058.05, and JSDP (331,058) fails.
  std::vector<Votes> v = kKz2023;
  v[7] = 248291 + 254720;
  const Outcome o = evaluate(kKz, kz_mazhilis(), v);
  EXPECT_EQ(o.passed[5], 0);
  EXPECT_EQ(o.seats[5], 0);
  EXPECT_EQ(std::accumulate(o.seats.begin(), o.seats.end(), 0), 69);
  v[7] = 248291 + 254719;  // one vote less: base 6,621,160, line 331,058.0 exactly
  EXPECT_EQ(evaluate(kKz, kz_mazhilis(), v).passed[5], 1);
}

TEST(ListTier, ListExactlyOnTheLinePasses) {
  // Base 1,000,000 valid votes; 5% is exactly 50,000.
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"x", OptionKind::against_all}});
  const std::vector<Votes> v = {600000, 300000, 50000, 50000};
  Outcome o = evaluate(b, kz_mazhilis(), v);
  EXPECT_EQ(o.passed[2], 1);
  EXPECT_GT(o.seats[2], 0);
  ListTierConfig strict = kz_mazhilis();
  strict.threshold = Threshold(0.05, ThresholdBase::valid, /*strict=*/true);
  o = evaluate(b, strict, v);
  EXPECT_EQ(o.passed[2], 0);
  EXPECT_EQ(o.seats[2], 0);
}

TEST(ListTier, ThresholdBasesCountTheRightOptions) {
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"o", OptionKind::other},
                                {"i", OptionKind::independent},
                                {"x", OptionKind::against_all},
                                {"bl", OptionKind::blank},
                                {"inv", OptionKind::invalid}});
  const std::vector<Votes> v = {100, 20, 7, 5, 3, 1};
  EXPECT_EQ(Threshold(0.05, ThresholdBase::valid).base_votes(b, v), 135);
  EXPECT_EQ(Threshold(0.05, ThresholdBase::parties).base_votes(b, v), 120);
  EXPECT_EQ(Threshold(0.05, ThresholdBase::cast).base_votes(b, v), 136);
}

TEST(ListTier, RunnerUpGetsMoreThanTheMinimumWhenAgainstAllIsLarge) {
  // Only A passes 5% of a base swollen by "against all": A 600,000, B 49,000, against
  // all 400,000 (base 1,049,000, line 52,450: B fails) and B is admitted as runner-up.
  // B's quotient over A + B: 49,000 * 69 / 649,000 = 5.2095, * 0.7 = 3.6467 -> 3 seats
  // (above the minimum of 2); every other seat goes to A: 66.
  const Ballot b = make_ballot(
      {{"a", OptionKind::party}, {"b", OptionKind::party}, {"x", OptionKind::against_all}});
  const Outcome o = evaluate(b, kz_mazhilis(), {600000, 49000, 400000});
  EXPECT_TRUE(o.events.runner_up_admitted);
  EXPECT_EQ(o.passed, (std::vector<std::uint8_t>{1, 0, 0}));
  EXPECT_EQ(o.seats, (std::vector<int>{66, 3, 0}));
}

TEST(ListTier, RunnerUpGetsTheMinimumOfTwo) {
  // B's quotient 10,000 * 69 / 910,000 = 0.758, * 0.7 = 0.53 -> 0 -> the minimum 2.
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"x", OptionKind::against_all}});
  const Outcome o = evaluate(b, kz_mazhilis(), {900000, 10000, 9000, 30000});
  EXPECT_TRUE(o.events.runner_up_admitted);
  EXPECT_EQ(o.seats, (std::vector<int>{67, 2, 0, 0}));
}

TEST(ListTier, RunnerUpTieGoesToTheEarlierRegisteredList) {
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  const Outcome o = evaluate(b, kz_mazhilis(), {900000, 10000, 10000});
  EXPECT_EQ(o.seats, (std::vector<int>{67, 2, 0}));
}

TEST(ListTier, MaslikhatRunnerUpMinimumIsOne) {
  ListTierConfig c = kz_mazhilis();
  c.seats = 17;
  c.runner_up.emplace(0.7, 1);
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}});
  // 10,000 * 17 / 910,000 * 0.7 = 0.13 -> 0 -> the minimum 1.
  EXPECT_EQ(evaluate(b, c, {900000, 10000}).seats, (std::vector<int>{16, 1}));
}

TEST(ListTier, WithoutRunnerUpRuleTheSoleListTakesEverySeat) {
  ListTierConfig c = kz_mazhilis();
  c.runner_up.reset();
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}});
  EXPECT_EQ(evaluate(b, c, {900000, 10000}).seats, (std::vector<int>{69, 0}));
}

TEST(ListTier, NoListPassingWaivesTheThresholdAndSaysSo) {
  ListTierConfig c = kz_mazhilis();
  c.seats = 10;
  const Ballot b = make_ballot(
      {{"a", OptionKind::party}, {"b", OptionKind::party}, {"x", OptionKind::against_all}});
  const Outcome o = evaluate(b, c, {30, 10, 1000});
  EXPECT_TRUE(o.events.threshold_waived);
  EXPECT_EQ(o.seats, (std::vector<int>{8, 2, 0}));  // Hare over 40 votes: 7.5 and 2.5
}

// Two filters passed by different lists (a national line and an area's) admit none in
// common: the area's seats still go, among every list, as when a threshold is waived.
TEST(ListTier, AnAreaWhoseFiltersAdmitNoListStillGivesItsSeats) {
  ListTierConfig c;
  c.seats = 5;
  c.method = Method::dhondt;
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"z", OptionKind::blank}});
  const ListTier tier(b, c);
  const std::vector<Votes> votes{600, 310, 100, 50};
  const std::vector<std::uint8_t> none(4, 0);
  std::vector<int> seats(4);
  std::vector<std::uint8_t> passed(4);
  ListTierScratch scratch;
  const ListTierEvents e = tier.evaluate_area(votes, 5, none, {}, seats, passed, scratch);
  EXPECT_TRUE(e.threshold_waived);
  // D'Hondt: 600 (a), 310 (b), 300 (a), 200 (a), 155 (b).
  EXPECT_EQ(seats, (std::vector<int>{3, 2, 0, 0}));
  EXPECT_EQ(passed, none);
}

TEST(ListTier, OtherAndAgainstAllNeverWinSeats) {
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"o", OptionKind::other},
                                {"x", OptionKind::against_all}});
  const Outcome o = evaluate(b, kz_mazhilis(), {500000, 300000, 150000, 50000});
  EXPECT_EQ(o.seats[2], 0);
  EXPECT_EQ(o.seats[3], 0);
  EXPECT_EQ(o.seats[0] + o.seats[1], 69);
}

TEST(Threshold, RejectsSharesOutsideZeroToOne) {
  EXPECT_THROW(Threshold(1.5, ThresholdBase::valid), std::invalid_argument);
  EXPECT_THROW(Threshold(-0.01, ThresholdBase::valid), std::invalid_argument);
  EXPECT_THROW(Threshold(std::nan(""), ThresholdBase::valid), std::invalid_argument);
}

TEST(Threshold, ComparisonIsExactAtLargeVotes) {
  // 7% of 10^12 is exactly 7 * 10^10: one vote below fails, the line passes.
  const Threshold t(0.07, ThresholdBase::valid);
  EXPECT_TRUE(t.passes(70'000'000'000LL, 1'000'000'000'000LL));
  EXPECT_FALSE(t.passes(69'999'999'999LL, 1'000'000'000'000LL));
}

}  // namespace
}  // namespace seatcast

namespace seatcast {
namespace {

// Threshold base "registered" from each area's roll: the line is the share of the roll
// the caller gives, exact on whole votes (>= at the line, > when strict).
TEST(ListTier, AreaRollIsTheBaseOfARegisteredThreshold) {
  const Ballot b = make_ballot({{"a", OptionKind::party},
                                {"b", OptionKind::party},
                                {"c", OptionKind::party},
                                {"x", OptionKind::invalid}});
  ListTierConfig cfg;
  cfg.seats = 4;
  cfg.method = Method::dhondt;
  cfg.threshold = Threshold::registered_in_areas(0.05);
  ASSERT_TRUE(cfg.threshold.registered_from_areas());
  EXPECT_EQ(cfg.threshold.registered(), 0);
  const ListTier tier(b, cfg);
  const std::vector<Votes> votes{600, 100, 99, 5000};  // 5,000 invalid: not in the roll's sense
  std::vector<std::uint8_t> passed(4);
  std::vector<PassReason> why(4);
  // Roll 2,000: line 100 votes; b (100) is at it, c (99) under it.
  EXPECT_EQ(tier.filter_area(votes, 4, {}, {}, passed, why.data(), {}, 2000), 2);
  EXPECT_EQ(passed, (std::vector<std::uint8_t>{1, 1, 0, 0}));
  EXPECT_EQ(cfg.threshold.base_votes(b, votes, 2000), 2000);
  // Roll 1,980: line 99; c passes too.
  EXPECT_EQ(tier.filter_area(votes, 4, {}, {}, passed, why.data(), {}, 1980), 3);
  // Roll 2,020: line 101; only a. D'Hondt gives a all four seats.
  std::vector<int> seats(4);
  ListTierScratch scratch;
  tier.evaluate_area(votes, 4, {}, {}, seats, passed, scratch, 0, nullptr, {}, 2020);
  EXPECT_EQ(passed, (std::vector<std::uint8_t>{1, 0, 0, 0}));
  EXPECT_EQ(seats, (std::vector<int>{4, 0, 0, 0}));
  // Strict: b's 100 of a roll of 2,000 is not more than 5%.
  cfg.threshold = Threshold::registered_in_areas(0.05, true);
  EXPECT_EQ(ListTier(b, cfg).filter_area(votes, 4, {}, {}, passed, why.data(), {}, 2000), 1);
  // A fixed number stays what it was whatever roll is passed.
  cfg.threshold = Threshold(0.05, ThresholdBase::registered, false, 1980);
  EXPECT_FALSE(cfg.threshold.registered_from_areas());
  EXPECT_EQ(ListTier(b, cfg).filter_area(votes, 4, {}, {}, passed, why.data(), {}, 100000), 3);
}

}  // namespace
}  // namespace seatcast
