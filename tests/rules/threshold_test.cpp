// Thresholds beyond the basic line: the registered-voter base, strict comparison,
// alliance thresholds by member count, exempt lists and "or at least N district seats",
// each on a constructed case with the arithmetic in the comment.
#include <gtest/gtest.h>

#include <limits>
#include <numeric>
#include <random>

#include "engine/rules/list_tier.h"

namespace seatcast {
namespace {

Ballot make_ballot(std::initializer_list<std::pair<const char*, OptionKind>> options) {
  Ballot b;
  for (const auto& [id, kind] : options) b.push_back({id, id, kind});
  return b;
}

struct Outcome {
  std::vector<int> seats;
  std::vector<std::uint8_t> passed;
  std::vector<PassReason> reasons;
  ListTierEvents events;
};

Outcome evaluate(const Ballot& ballot, const ListTierConfig& cfg, const std::vector<Votes>& votes,
                 const std::vector<int>& district = {}) {
  ListTier tier(ballot, cfg);
  Outcome o{std::vector<int>(votes.size()), std::vector<std::uint8_t>(votes.size()), {}, {}};
  ListTierScratch scratch;
  o.events = tier.evaluate(votes, district, o.seats, o.passed, scratch);
  o.reasons = tier.reasons(votes, district);
  return o;
}

int total(const std::vector<int>& seats) {
  return std::accumulate(seats.begin(), seats.end(), 0);
}

// ---- bases ----

TEST(Threshold, EveryBaseCountsTheRightVotes) {
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
  EXPECT_EQ(Threshold(0.05, ThresholdBase::registered, false, 1000).base_votes(b, v), 1000);
}

TEST(Threshold, BaseNamesRoundTrip) {
  for (auto base : {ThresholdBase::valid, ThresholdBase::parties, ThresholdBase::cast,
                    ThresholdBase::registered})
    EXPECT_EQ(parse_threshold_base(to_string(base)), base);
  EXPECT_FALSE(parse_threshold_base("electorate"));
}

TEST(Threshold, RegisteredBaseNeedsACount) {
  EXPECT_THROW(Threshold(0.05, ThresholdBase::registered), std::invalid_argument);
  EXPECT_THROW(Threshold(0.05, ThresholdBase::registered, false, 0), std::invalid_argument);
  EXPECT_THROW(Threshold(0.05, ThresholdBase::valid, false, 1000), std::invalid_argument);
  EXPECT_EQ(Threshold(0.05, ThresholdBase::registered, false, 1000).registered(), 1000);
}

TEST(Threshold, RegisteredBaseIsTheCountNotTheTurnout) {
  // 10,000 votes cast of 25,000 registered voters. 3% of registered is 750: b (700 = 7%
  // of the votes) fails although it passes 3% of the valid votes (line 300).
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  const std::vector<Votes> v = {8500, 700, 800};
  ListTierConfig c;
  c.seats = 10;
  c.method = Method::dhondt;
  c.threshold = Threshold(0.03, ThresholdBase::valid);
  EXPECT_EQ(evaluate(b, c, v).passed, (std::vector<std::uint8_t>{1, 1, 1}));
  c.threshold = Threshold(0.03, ThresholdBase::registered, false, 25000);
  const Outcome o = evaluate(b, c, v);
  EXPECT_EQ(o.passed, (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_EQ(o.seats[1], 0);
  EXPECT_EQ(total(o.seats), 10);
  // The line itself passes: 750 of 25,000 is exactly 3%.
  EXPECT_TRUE(c.threshold.passes(750, 25000));
  EXPECT_FALSE(c.threshold.passes(749, 25000));
}

TEST(Threshold, StrictNeedsMoreThanTheLine) {
  const Threshold at_least(0.05, ThresholdBase::valid);
  const Threshold more_than(0.05, ThresholdBase::valid, /*strict=*/true);
  EXPECT_TRUE(at_least.passes(50000, 1000000));
  EXPECT_FALSE(more_than.passes(50000, 1000000));
  EXPECT_TRUE(more_than.passes(50001, 1000000));
}

// The fewest passing votes, computed once per area, is the line passes() draws: it
// passes and one vote fewer does not, for strict and non-strict lines, bases that are
// and are not multiples of the line's denominator, and bases whose product with the
// numerator needs 128 bits.
TEST(Threshold, LeastPassingIsExactlyTheLine) {
  std::mt19937_64 gen(42);
  for (const bool strict : {false, true})
    for (const double share : {0.0, 0.03, 0.05, 0.0325, 1.0 / 3, 0.5, 1.0}) {
      const Threshold t(share, ThresholdBase::valid, strict);
      const Fraction& line = t.line(1);
      for (int k = 0; k < 2000; ++k) {
        const Votes base =
            k < 1000 ? static_cast<Votes>(gen() % 3'000'000)
                     : static_cast<Votes>(gen() % (std::numeric_limits<Votes>::max() / 2));
        const Votes need = t.least_passing(base, line);
        ASSERT_TRUE(t.passes(need, base, line)) << share << " " << strict << " " << base;
        if (need > 0) {
          ASSERT_FALSE(t.passes(need - 1, base, line)) << share << " " << base;
        }
      }
    }
  // 3% of 100 valid votes: 3 pass ("at least"), 4 are needed for "more than".
  EXPECT_EQ(Threshold(0.03, ThresholdBase::valid).least_passing(100, Fraction{3, 100}), 3);
  EXPECT_EQ(Threshold(0.03, ThresholdBase::valid, true).least_passing(100, Fraction{3, 100}), 4);
  EXPECT_EQ(Threshold(0.03, ThresholdBase::valid).least_passing(101, Fraction{3, 100}), 4);
}

// ---- alliances ----

TEST(Threshold, AllianceSharesByMemberCountLastRepeats) {
  Threshold t(0.05, ThresholdBase::valid);
  t.set_alliance_shares({0.05, 0.08, 0.11});
  EXPECT_TRUE(t.has_alliance_shares());
  EXPECT_DOUBLE_EQ(t.share(1), 0.05);
  EXPECT_DOUBLE_EQ(t.share(2), 0.08);
  EXPECT_DOUBLE_EQ(t.share(3), 0.11);
  EXPECT_DOUBLE_EQ(t.share(7), 0.11);
  EXPECT_TRUE(t.passes(110, 1000, 5));
  EXPECT_FALSE(t.passes(109, 1000, 5));
  EXPECT_THROW(t.set_alliance_shares({0.05, 1.2}), std::invalid_argument);
  t.set_alliance_shares({});
  EXPECT_FALSE(t.has_alliance_shares());
  EXPECT_TRUE(t.passes(50, 1000, 3));
}

TEST(ListTier, TwoPartyAllianceAtSevenPercentFailsWhereASinglePartyPasses) {
  // Base 10,000; lines 5% = 500 for a party, 8% = 800 for two members. b (alliance of
  // 2) and c (one party) both have 700 = 7%: c passes, b does not. Hare over a and c
  // (9,300 votes) for 10 seats: quotas 9.25 and 0.75 -> 9 and 1.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  ListTierConfig c;
  c.seats = 10;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.threshold.set_alliance_shares({0.05, 0.08, 0.11});
  c.members = {1, 2, 1};
  const Outcome o = evaluate(b, c, {8600, 700, 700});
  EXPECT_EQ(o.passed, (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_EQ(o.seats, (std::vector<int>{9, 0, 1}));
  EXPECT_EQ(o.reasons[1], PassReason::none);
  EXPECT_EQ(o.reasons[2], PassReason::share);
  // As single parties both pass.
  c.members = {1, 1, 1};
  EXPECT_EQ(evaluate(b, c, {8600, 700, 700}).passed, (std::vector<std::uint8_t>{1, 1, 1}));
}

TEST(ListTier, MembersMustBePositiveAndOnlyForLists) {
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"x", OptionKind::against_all}});
  ListTierConfig c;
  c.seats = 5;
  c.members = {0, 1};
  EXPECT_THROW(ListTier(b, c), std::invalid_argument);
  c.members = {1, 2};
  EXPECT_THROW(ListTier(b, c), std::invalid_argument);
  c.members = {1};
  EXPECT_THROW(ListTier(b, c), std::invalid_argument);
}

// ---- exempt lists ----

TEST(ListTier, ExemptListWithHalfAPercentGetsASeat) {
  // 5% threshold; m (a national minority's list, exempt) has 60 of 10,000 = 0.6%.
  // Hare over the lists that take part (a, b, m: 10,000 votes) for 100 seats: quotas
  // 60, 39.4, 0.6 -> whole parts 60 + 39, the last seat to the largest remainder (m).
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"m", OptionKind::party}});
  ListTierConfig c;
  c.seats = 100;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.exempt = {0, 0, 1};
  const Outcome o = evaluate(b, c, {6000, 3940, 60});
  EXPECT_EQ(o.seats, (std::vector<int>{60, 39, 1}));
  EXPECT_EQ(o.passed[2], 1);
  EXPECT_EQ(o.reasons,
            (std::vector<PassReason>{PassReason::share, PassReason::share, PassReason::exempt}));
  // Not exempt: m is out, a and b share the 100 seats over 9,940 votes.
  c.exempt.clear();
  const Outcome without = evaluate(b, c, {6000, 3940, 60});
  EXPECT_EQ(without.seats[2], 0);
  EXPECT_EQ(total(without.seats), 100);
}

TEST(ListTier, ExemptListWithNoVotesDoesNotTakePart) {
  // Adams gives every list that takes part a first seat: an exempt list of no votes
  // must not be seated.
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"m", OptionKind::party}});
  ListTierConfig c;
  c.seats = 10;
  c.method = Method::adams;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.exempt = {0, 1};
  const Outcome o = evaluate(b, c, {1000, 0});
  EXPECT_EQ(o.seats, (std::vector<int>{10, 0}));
  EXPECT_EQ(o.passed[1], 0);
  EXPECT_EQ(o.reasons[1], PassReason::none);
  const Outcome one = evaluate(b, c, {1000, 1});
  EXPECT_EQ(one.seats, (std::vector<int>{9, 1}));
}

TEST(ListTier, ExemptOnlyForLists) {
  const Ballot b = make_ballot({{"a", OptionKind::party}, {"x", OptionKind::against_all}});
  ListTierConfig c;
  c.seats = 5;
  c.exempt = {0, 1};
  EXPECT_THROW(ListTier(b, c), std::invalid_argument);
}

TEST(ListTier, ExemptListCountsAsTakingPartForTheRunnerUpRule) {
  // Only a reaches 5%; m is exempt. Two lists take part, so the runner-up rule does not
  // apply and b (the next by votes) stays out.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"m", OptionKind::party}});
  ListTierConfig c;
  c.seats = 20;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.runner_up.emplace(0.7, 2);
  c.exempt = {0, 0, 1};
  const Outcome o = evaluate(b, c, {9000, 400, 100});
  EXPECT_FALSE(o.events.runner_up_admitted);
  EXPECT_EQ(o.seats[1], 0);
  EXPECT_EQ(o.reasons[2], PassReason::exempt);
}

// ---- "or at least N district seats" ----

ListTierConfig five_percent_or_three_districts() {
  ListTierConfig c;
  c.seats = 20;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.alternative_district_seats = 3;
  return c;
}

TEST(ListTier, ListUnderTheLineWithEnoughDistrictSeatsTakesPart) {
  // c has 400 of 10,000 = 4% but 3 district seats. Hare over all 10,000 for 20 seats:
  // quotas 16, 3.2, 0.8 -> 16 + 3, the last seat to c's remainder 0.8.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  const Outcome o = evaluate(b, five_percent_or_three_districts(), {8000, 1600, 400}, {5, 0, 3});
  EXPECT_EQ(o.seats, (std::vector<int>{16, 3, 1}));
  EXPECT_EQ(o.passed[2], 1);
  EXPECT_EQ(o.reasons[2], PassReason::alternative);
  EXPECT_EQ(o.reasons[0], PassReason::share);
}

TEST(ListTier, TwoDistrictSeatsAreNotEnoughForAThreeSeatRule) {
  // c fails; a and b share 20 seats over 9,600 votes: 16.67 and 3.33 -> 17 and 3.
  const Ballot b =
      make_ballot({{"a", OptionKind::party}, {"b", OptionKind::party}, {"c", OptionKind::party}});
  const Outcome o = evaluate(b, five_percent_or_three_districts(), {8000, 1600, 400}, {5, 0, 2});
  EXPECT_EQ(o.seats, (std::vector<int>{17, 3, 0}));
  EXPECT_EQ(o.passed[2], 0);
  // Without district seats (a body without a district tier) the rule cannot apply.
  EXPECT_EQ(evaluate(b, five_percent_or_three_districts(), {8000, 1600, 400}).seats,
            (std::vector<int>{17, 3, 0}));
}

TEST(ListTier, ReasonsNameTheRunnerUpAndAWaiver) {
  const Ballot b = make_ballot(
      {{"a", OptionKind::party}, {"b", OptionKind::party}, {"x", OptionKind::against_all}});
  ListTierConfig c;
  c.seats = 10;
  c.method = Method::hare;
  c.threshold = Threshold(0.05, ThresholdBase::valid);
  c.runner_up.emplace(0.7, 2);
  Outcome o = evaluate(b, c, {9000, 100, 900});
  EXPECT_TRUE(o.events.runner_up_admitted);
  EXPECT_EQ(o.reasons,
            (std::vector<PassReason>{PassReason::share, PassReason::runner_up, PassReason::none}));
  o = evaluate(b, c, {30, 10, 1000});
  EXPECT_TRUE(o.events.threshold_waived);
  EXPECT_EQ(o.reasons,
            (std::vector<PassReason>{PassReason::waived, PassReason::waived, PassReason::none}));
}

// ---- a real election whose base includes "against all" ----

// Kazakhstan, Mazhilis, 19 March 2023 (CEC final results, 27 March 2023). The base of
// the 5% line is the votes for the lists plus "against all" (Constitutional Law "On
// Elections", Art. 97-1): 6,366,441 votes, line 318,322.05. Without the against-all
// votes (base `parties`, 6,118,150, line 305,907.5) the same six lists pass; a registered
// base would be a different rule altogether. The line moves by 12,414.55 votes: the
// against-all votes times the threshold.
TEST(Threshold, Mazhilis2023LineIncludesAgainstAll) {
  const Ballot b = make_ballot({{"amanat", OptionKind::party},
                                {"auyl", OptionKind::party},
                                {"respublica", OptionKind::party},
                                {"aq_jol", OptionKind::party},
                                {"qhp", OptionKind::party},
                                {"jsdp", OptionKind::party},
                                {"baytaq", OptionKind::party},
                                {"against_all", OptionKind::against_all}});
  const std::vector<Votes> v = {3431510, 693938, 547154, 535139, 432920, 331058, 146431, 248291};
  const Threshold valid(0.05, ThresholdBase::valid);
  const Threshold parties(0.05, ThresholdBase::parties);
  EXPECT_EQ(valid.base_votes(b, v), 6366441);
  EXPECT_EQ(parties.base_votes(b, v), 6118150);
  // 318,322.05: 318,322 fails, 318,323 passes under the valid base; under the parties
  // base 305,907.5: 305,908 passes already.
  EXPECT_FALSE(valid.passes(318322, 6366441));
  EXPECT_TRUE(valid.passes(318323, 6366441));
  EXPECT_TRUE(parties.passes(305908, 6118150));
  EXPECT_FALSE(parties.passes(305907, 6118150));
}

}  // namespace
}  // namespace seatcast
