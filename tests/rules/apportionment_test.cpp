// Apportionment: names, concrete small cases per method, ties, edge cases.
#include "engine/rules/apportionment.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace seatcast {
namespace {

std::vector<int> run(Method method, const std::vector<Votes>& votes, int seats,
                     const TieBreak& tie_break = {}, AllocationOutcome* outcome = nullptr,
                     std::vector<Tie>* ties = nullptr, double first_divisor = 1.4) {
  Apportionment apportionment(method, first_divisor);
  ApportionmentScratch scratch;
  std::vector<int> out(votes.size(), -1);
  AllocationOutcome result = apportionment.allocate(votes, seats, out, scratch, tie_break, ties);
  if (outcome != nullptr) *outcome = result;
  return out;
}

using V = std::vector<int>;

// Kazakhstan, Mazhilis election of 19 March 2023: the six lists above the 5% threshold.
// Central Election Commission of Kazakhstan, final results of 27 March 2023: Amanat
// 3,431,510; Auyl 693,938; Respublica 547,154; Ak Zhol 535,139; QHP (People's Party)
// 432,920; JSDP (OSDP) 331,058 votes; 69 list seats, Hare quota and largest remainders.
const std::vector<Votes> kKazakhstan2023{3431510, 693938, 547154, 535139, 432920, 331058};

TEST(Apportionment, Kazakhstan2023HareMatchesOfficialSeats) {
  EXPECT_EQ(run(Method::hare, kKazakhstan2023, 69), (V{40, 8, 6, 6, 5, 4}));
}

TEST(Apportionment, Kazakhstan2023DhondtCounterfactual) {
  EXPECT_EQ(run(Method::dhondt, kKazakhstan2023, 69), (V{41, 8, 6, 6, 5, 3}));
}

TEST(Apportionment, NamesRoundTrip) {
  const Method methods[] = {Method::hare,
                            Method::hare_rounded,
                            Method::droop,
                            Method::hagenbach_bischoff,
                            Method::imperiali_quota,
                            Method::dhondt,
                            Method::sainte_lague,
                            Method::modified_sainte_lague,
                            Method::danish,
                            Method::imperiali,
                            Method::huntington_hill,
                            Method::adams};
  for (Method m : methods) EXPECT_EQ(parse_method(to_string(m)), m);
  EXPECT_EQ(to_string(Method::hagenbach_bischoff), "hagenbach-bischoff");
  EXPECT_EQ(to_string(Method::modified_sainte_lague), "modified-sainte-lague");
  EXPECT_EQ(parse_method("imperiali-quota"), Method::imperiali_quota);
  EXPECT_EQ(parse_method("hare-rounded"), Method::hare_rounded);
  EXPECT_EQ(parse_method("huntington-hill"), Method::huntington_hill);
  EXPECT_EQ(parse_method("d'hondt"), std::nullopt);
  EXPECT_EQ(parse_method("Hare"), std::nullopt);
  EXPECT_EQ(parse_tie_rule("registration-order"), TieRule::registration_order);
  EXPECT_EQ(parse_tie_rule("lot"), TieRule::lot);
  EXPECT_EQ(parse_tie_rule("refuse"), TieRule::refuse);
  EXPECT_EQ(parse_tie_rule("coin"), std::nullopt);
  EXPECT_EQ(to_string(TieRule::registration_order), "registration-order");
  EXPECT_EQ(parse_tie_rule("more-votes"), TieRule::more_votes);
  EXPECT_EQ(parse_tie_rule("fewer-votes"), TieRule::fewer_votes);
  EXPECT_EQ(parse_tie_rule("more_votes"), std::nullopt);
  EXPECT_EQ(to_string(TieRule::more_votes), "more-votes");
  EXPECT_EQ(to_string(TieRule::fewer_votes), "fewer-votes");
  EXPECT_EQ(tie_rule_names(), (std::vector<std::string>{"registration-order", "lot", "refuse",
                                                        "more-votes", "fewer-votes"}));
  EXPECT_TRUE(is_largest_remainder(Method::droop));
  EXPECT_TRUE(is_largest_remainder(Method::hare_rounded));
  EXPECT_TRUE(is_largest_remainder(Method::imperiali_quota));
  EXPECT_FALSE(is_largest_remainder(Method::imperiali));
  EXPECT_FALSE(is_largest_remainder(Method::dhondt));
}

// Votes {100, 80, 30, 20}, 8 seats, worked by hand per method (quotients in comments).
const std::vector<Votes> kSmall{100, 80, 30, 20};

TEST(Apportionment, QuotaMethodsByHand) {
  // Hare: quotas 3.48, 2.78, 1.04, 0.70 -> 3, 2, 1, 0 and remainders .78 (B), .70 (D).
  EXPECT_EQ(run(Method::hare, kSmall, 8), (V{3, 3, 1, 1}));
  // Droop: q = floor(230 / 9) + 1 = 26 -> 3 r22, 3 r2, 1 r4, 0 r20; last seat to A.
  EXPECT_EQ(run(Method::droop, kSmall, 8), (V{4, 3, 1, 0}));
  // Hagenbach-Bischoff: q = 230 / 9 -> 3 r210/9, 3 r30/9, 1 r40/9, 0 r180/9; A.
  EXPECT_EQ(run(Method::hagenbach_bischoff, kSmall, 8), (V{4, 3, 1, 0}));
  // Imperiali quota: q = 230 / 10 = 23 -> 4, 3, 1, 0: all 8 seats by whole quotas.
  EXPECT_EQ(run(Method::imperiali_quota, kSmall, 8), (V{4, 3, 1, 0}));
}

// Hare with the quota rounded to a whole number of votes: where rounding moves a
// remainder past another, the seats differ from the exact quota's.
TEST(Apportionment, HareRoundedQuotaByHand) {
  // 676 / 8 = 84.5 rounds up to 85: 336 = 3 r81, 297 = 3 r42, 43 = 0 r43 -> A and C.
  // The exact quota 84.5 leaves remainders .976, .515, .509 -> A and B.
  EXPECT_EQ(run(Method::hare_rounded, {336, 297, 43}, 8), (V{4, 3, 1}));
  EXPECT_EQ(run(Method::hare, {336, 297, 43}, 8), (V{4, 4, 0}));
  // 611 / 8 = 76.375 rounds down to 76: 300 = 3 r72, 270 = 3 r42, 41 = 0 r41 -> A and B.
  // Exact: remainders .928, .535, .537 -> A and C.
  EXPECT_EQ(run(Method::hare_rounded, {300, 270, 41}, 8), (V{4, 4, 0}));
  EXPECT_EQ(run(Method::hare, {300, 270, 41}, 8), (V{4, 3, 1}));
  // 5 / 4 = 1.25 rounds to 1: whole parts 1 + 2 + 2 exceed 4 seats; the smallest
  // remainders (all 0, a tie settled by registration order) give one back: the last.
  EXPECT_EQ(run(Method::hare_rounded, {1, 2, 2}, 4), (V{1, 2, 1}));
  // One vote, 200 seats: the quota floor(1/200 + 1/2) = 0 is raised to 1 vote.
  EXPECT_EQ(run(Method::hare_rounded, {1, 0}, 200), (V{200, 0}));
}

TEST(Apportionment, DivisorMethodsByHand) {
  // D'Hondt: 100 80 50 40 33.3 30 26.7 25 | 20 20.
  EXPECT_EQ(run(Method::dhondt, kSmall, 8), (V{4, 3, 1, 0}));
  // Sainte-Laguë: 100 80 33.3 30 26.7 20 20 16 | 14.3 (A's 20 and D's 20 both win).
  EXPECT_EQ(run(Method::sainte_lague, kSmall, 8), (V{3, 3, 1, 1}));
  // Danish (1, 4, 7): 100 80 30 25 20 20 14.3 11.4 | 10.
  EXPECT_EQ(run(Method::danish, kSmall, 8), (V{3, 3, 1, 1}));
  // Imperiali (1, 1.5, 2, 2.5): 100 80 66.7 53.3 50 40 40 33.3 | 32 30.
  EXPECT_EQ(run(Method::imperiali, kSmall, 8), (V{5, 3, 0, 0}));
  // Adams, 10 seats: four first seats, then 100 80 50 40 33.3 30 | 26.7 25 20.
  EXPECT_EQ(run(Method::adams, kSmall, 10), (V{4, 3, 2, 1}));
  // Huntington-Hill, 10 seats: four first seats, then v / sqrt(2), v / sqrt(6), ...:
  // 70.7 56.6 40.8 32.7 28.9 23.1 | 21.2 (C) 20.4 (A).
  EXPECT_EQ(run(Method::huntington_hill, kSmall, 10), (V{4, 4, 1, 1}));
}

// Modified Sainte-Laguë at 1.4 on {100, 80, 30, 20}: the eighth seat is a dead heat,
// A's 100 / 7 against D's 20 / 1.4, both exactly 14.2857...; only exact fractions see it.
TEST(Apportionment, ModifiedSainteLagueExactFirstDivisorTie) {
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::modified_sainte_lague, kSmall, 8, {}, &outcome, &ties), (V{4, 3, 1, 0}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 7);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 3}));
  // First divisor 1.2: D's 20 / 1.2 = 16.7 beats A's 14.3 and ties B's 80 / 5 = 16? No:
  // 16.67 > 16, so D takes the seventh seat and B the eighth.
  EXPECT_EQ(run(Method::modified_sainte_lague, kSmall, 8, {}, &outcome, nullptr, 1.2),
            (V{3, 3, 1, 1}));
  EXPECT_FALSE(outcome.tie);
  // First divisor 1.0 is plain Sainte-Laguë.
  EXPECT_EQ(run(Method::modified_sainte_lague, kSmall, 8, {}, nullptr, nullptr, 1.0),
            run(Method::sainte_lague, kSmall, 8));
}

TEST(Apportionment, FirstDivisorMustKeepTheSequenceIncreasing) {
  EXPECT_THROW(Apportionment(Method::modified_sainte_lague, 0.0), std::invalid_argument);
  EXPECT_THROW(Apportionment(Method::modified_sainte_lague, 3.0), std::invalid_argument);
  EXPECT_THROW(Apportionment(Method::modified_sainte_lague, -1.4), std::invalid_argument);
  EXPECT_NO_THROW(Apportionment(Method::dhondt, 0.0));  // ignored by other methods
}

TEST(Apportionment, HuntingtonHillAndAdamsFirstSeatsGoToMostVotes) {
  EXPECT_EQ(run(Method::huntington_hill, kSmall, 2), (V{1, 1, 0, 0}));
  EXPECT_EQ(run(Method::adams, kSmall, 3), (V{1, 1, 1, 0}));
  EXPECT_EQ(run(Method::adams, kSmall, 4), (V{1, 1, 1, 1}));
  // Zero-vote lists get no first seat.
  EXPECT_EQ(run(Method::adams, {0, 5, 0, 1}, 3), (V{0, 2, 0, 1}));
  // Equal votes at the cut for the first seats: a tie, settled by registration order.
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::huntington_hill, {10, 30, 10, 10}, 2, {}, &outcome, &ties),
            (V{1, 1, 0, 0}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 1);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 2, 3}));
}

// Imperiali quota on {50, 30, 20}, 3 seats: q = 100 / 5 = 20 gives 2 r10, 1 r10, 1 r0 =
// 4 seats; one is taken back from the smallest remainder (C).
TEST(Apportionment, ImperialiQuotaTakesBackExcessFromSmallestRemainder) {
  EXPECT_EQ(run(Method::imperiali_quota, {50, 30, 20}, 3), (V{2, 1, 0}));
  // One list, one seat: q = 1 / 3 gives 3 whole seats; two are taken back.
  EXPECT_EQ(run(Method::imperiali_quota, {1}, 1), (V{1}));
  // Equal remainders in the take-back: the later-registered list loses first.
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::imperiali_quota, {1, 1, 1}, 1, {}, &outcome, &ties), (V{1, 0, 0}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1, 2}));
}

// Droop with a tiny vote total: q = floor(5 / 11) + 1 = 1 gives 5 whole seats; the other
// five go round the lists with votes (only A).
TEST(Apportionment, DroopDegenerateHandsLeftoverSeatsRoundTheLists) {
  EXPECT_EQ(run(Method::droop, {5, 0}, 10), (V{10, 0}));
  EXPECT_EQ(run(Method::hagenbach_bischoff, {5, 0}, 10), (V{10, 0}));
}

// ------------------------------------------------------------------------------ ties --

// D'Hondt {100, 100, 50}, 3 seats: 100, 100 take two seats (both tied lists win: no tie),
// then 50 / 50 / 50 tie for the third.
const std::vector<Votes> kTie{100, 100, 50};

TEST(ApportionmentTies, EqualClaimsThatAllWinAreNoTie) {
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::dhondt, kTie, 2, {}, &outcome, &ties), (V{1, 1, 0}));
  EXPECT_FALSE(outcome.tie);
  EXPECT_TRUE(ties.empty());
  EXPECT_EQ(run(Method::dhondt, kTie, 5, {}, &outcome, &ties), (V{2, 2, 1}));
  EXPECT_FALSE(outcome.tie);
}

TEST(ApportionmentTies, RegistrationOrderFavoursEarlierLists) {
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::dhondt, kTie, 3, {}, &outcome, &ties), (V{2, 1, 0}));
  EXPECT_TRUE(outcome.tie);
  EXPECT_FALSE(outcome.refused);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 2);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1, 2}));
  // Four seats: two of the three tied lists win.
  EXPECT_EQ(run(Method::dhondt, kTie, 4, {}, &outcome), (V{2, 2, 0}));
  EXPECT_TRUE(outcome.tie);
  // Hare {1, 1, 1}, 2 seats: equal remainders 2/3, two seats for three lists.
  ties.clear();
  EXPECT_EQ(run(Method::hare, {1, 1, 1}, 2, {}, &outcome, &ties), (V{1, 1, 0}));
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 0);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1, 2}));
}

TEST(ApportionmentTies, RefuseStopsAtTheTie) {
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  const TieBreak refuse{TieRule::refuse, 0};
  EXPECT_EQ(run(Method::dhondt, kTie, 3, refuse, &outcome, &ties), (V{1, 1, 0}));
  EXPECT_TRUE(outcome.tie);
  EXPECT_TRUE(outcome.refused);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 2);
  EXPECT_EQ(run(Method::hare, {1, 1, 1}, 2, refuse, &outcome), (V{0, 0, 0}));
  EXPECT_TRUE(outcome.refused);
  // No tie: refuse changes nothing.
  EXPECT_EQ(run(Method::dhondt, kTie, 2, refuse, &outcome), (V{1, 1, 0}));
  EXPECT_FALSE(outcome.refused);
}

TEST(ApportionmentTies, LotIsReproducibleAndFair) {
  int wins[3] = {0, 0, 0};
  for (std::uint64_t key = 0; key < 300; ++key) {
    const TieBreak lot{TieRule::lot, key};
    AllocationOutcome outcome;
    const V first = run(Method::dhondt, kTie, 3, lot, &outcome);
    EXPECT_TRUE(outcome.tie);
    EXPECT_EQ(run(Method::dhondt, kTie, 3, lot), first) << "same key, same lot";
    EXPECT_EQ(first[0] + first[1] + first[2], 3);
    for (int i = 0; i < 3; ++i) wins[i] += first[i] - (i < 2 ? 1 : 0);
  }
  // Each of the three lists wins the lot sometimes, roughly a third of the time.
  for (int i = 0; i < 3; ++i) {
    EXPECT_GT(wins[i], 60) << i;
    EXPECT_LT(wins[i], 140) << i;
  }
  // The lot function is part of reproducibility: pin the winners of keys 0..3 (lowest
  // splitmix64(splitmix64(key) ^ index) wins) so a change of it is noticed.
  EXPECT_EQ(run(Method::dhondt, kTie, 3, {TieRule::lot, 0}), (V{1, 2, 0}));
  EXPECT_EQ(run(Method::dhondt, kTie, 3, {TieRule::lot, 1}), (V{2, 1, 0}));
  EXPECT_EQ(run(Method::dhondt, kTie, 3, {TieRule::lot, 2}), (V{2, 1, 0}));
  EXPECT_EQ(run(Method::dhondt, kTie, 3, {TieRule::lot, 3}), (V{1, 1, 1}));
}

TEST(ApportionmentTies, MoreAndFewerVotesDecideADivisorTie) {
  // D'Hondt, 4 seats: quotients 300, 200, 150, then 300/3 = 100 and 200/2 = 100 tie for
  // the 4th seat. Spain (LOREG art. 163.1.c) gives it to the list with more votes,
  // Portugal (Lei Eleitoral da AR art. 16) to the one with fewer.
  const TieBreak more{TieRule::more_votes, 0}, fewer{TieRule::fewer_votes, 0};
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::dhondt, {300, 200}, 4, more, &outcome, &ties), (V{3, 1}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 3);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1}));
  EXPECT_EQ(run(Method::dhondt, {300, 200}, 4, fewer), (V{2, 2}));
  // Registered the other way round, registration order and more votes part.
  EXPECT_EQ(run(Method::dhondt, {200, 300}, 4), (V{2, 2}));
  EXPECT_EQ(run(Method::dhondt, {200, 300}, 4, more), (V{1, 3}));
  EXPECT_EQ(run(Method::dhondt, {200, 300}, 4, fewer), (V{2, 2}));
  // A third list out of the tie changes nothing.
  EXPECT_EQ(run(Method::dhondt, {200, 300, 40}, 4, more), (V{1, 3, 0}));
  EXPECT_EQ(run(Method::dhondt, {300, 40, 200}, 4, fewer), (V{2, 0, 2}));
  // Huntington-Hill, 10 seats: 600's 9th seat and 100's 2nd have the same quotient,
  // 600 / sqrt(8 x 9) = 100 / sqrt(1 x 2).
  EXPECT_EQ(run(Method::huntington_hill, {600, 100}, 10, more), (V{9, 1}));
  EXPECT_EQ(run(Method::huntington_hill, {600, 100}, 10, fewer), (V{8, 2}));
  EXPECT_EQ(run(Method::huntington_hill, {100, 600}, 10, fewer), (V{2, 8}));
}

TEST(ApportionmentTies, MoreAndFewerVotesDecideALargestRemainderTie) {
  // Hare, 5 seats of 500 votes: quota 100; 250 -> 2 rest 50, 150 -> 1 rest 50, 100 -> 1
  // rest 0; the last seat is a tie of equal remainders between 250 and 150.
  const TieBreak more{TieRule::more_votes, 0}, fewer{TieRule::fewer_votes, 0};
  EXPECT_EQ(run(Method::hare, {250, 150, 100}, 5), (V{3, 1, 1}));
  EXPECT_EQ(run(Method::hare, {250, 150, 100}, 5, more), (V{3, 1, 1}));
  EXPECT_EQ(run(Method::hare, {250, 150, 100}, 5, fewer), (V{2, 2, 1}));
  EXPECT_EQ(run(Method::hare, {150, 250, 100}, 5), (V{2, 2, 1}));
  EXPECT_EQ(run(Method::hare, {150, 250, 100}, 5, more), (V{1, 3, 1}));
  AllocationOutcome outcome;
  EXPECT_EQ(run(Method::hare, {150, 250, 100}, 5, fewer, &outcome), (V{2, 2, 1}));
  EXPECT_TRUE(outcome.tie);
}

TEST(ApportionmentTies, EqualVotesUnderTheVoteRulesGoToTheLot) {
  // Spain draws lots when the tied lists' votes are equal too; the same lot (the same
  // key) as TieRule::lot decides, for fewer-votes as well.
  int first_wins = 0;
  for (std::uint64_t key = 0; key < 64; ++key) {
    const V lot = run(Method::dhondt, {90, 90, 10}, 1, {TieRule::lot, key});
    EXPECT_EQ(run(Method::dhondt, {90, 90, 10}, 1, {TieRule::more_votes, key}), lot) << key;
    EXPECT_EQ(run(Method::dhondt, {90, 90, 10}, 1, {TieRule::fewer_votes, key}), lot) << key;
    first_wins += lot[0];
  }
  EXPECT_GT(first_wins, 10);  // the lot, not registration order
  EXPECT_LT(first_wins, 54);
}

// ------------------------------------------------------------------------ edge cases --

TEST(ApportionmentEdges, ZeroVoteListsWinNothing) {
  EXPECT_EQ(run(Method::dhondt, {0, 10, 0}, 5), (V{0, 5, 0}));
  EXPECT_EQ(run(Method::hare, {0, 10, 0, 30}, 4), (V{0, 1, 0, 3}));
  EXPECT_EQ(run(Method::sainte_lague, {7, 0}, 3), (V{3, 0}));
}

TEST(ApportionmentEdges, AllZeroVotesIsATieAmongAllLists) {
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::dhondt, {0, 0, 0}, 4, {}, &outcome, &ties), (V{2, 1, 1}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 3);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(run(Method::hare, {0, 0, 0}, 6, {}, &outcome), (V{2, 2, 2}));
  EXPECT_FALSE(outcome.tie);
  EXPECT_EQ(run(Method::adams, {0, 0}, 1, {TieRule::refuse, 0}, &outcome), (V{0, 0}));
  EXPECT_TRUE(outcome.refused);
}

TEST(ApportionmentEdges, ZeroSeatsEmptyListsAndOneList) {
  for (Method m : {Method::hare, Method::droop, Method::dhondt, Method::huntington_hill,
                   Method::adams, Method::imperiali_quota, Method::modified_sainte_lague}) {
    AllocationOutcome outcome;
    EXPECT_EQ(run(m, {5, 3}, 0, {}, &outcome), (V{0, 0})) << to_string(m);
    EXPECT_FALSE(outcome.tie);
    EXPECT_EQ(run(m, {}, 5), V{}) << to_string(m);
    EXPECT_EQ(run(m, {123}, 7), (V{7})) << to_string(m);
    EXPECT_EQ(run(m, {1'000'000'000'000}, 1000), (V{1000})) << to_string(m);
  }
}

TEST(ApportionmentEdges, MoreListsThanSeats) {
  const std::vector<Votes> votes{50, 40, 30, 20, 10};
  EXPECT_EQ(run(Method::dhondt, votes, 3), (V{1, 1, 1, 0, 0}));
  EXPECT_EQ(run(Method::hare, votes, 3), (V{1, 1, 1, 0, 0}));
  EXPECT_EQ(run(Method::sainte_lague, votes, 2), (V{1, 1, 0, 0, 0}));
  EXPECT_EQ(run(Method::adams, votes, 4), (V{1, 1, 1, 1, 0}));
}

// Votes of 10^12 with 1000 seats: 10^12 * 1002 and (10^12)^2 * 1000 * 1001 need more than
// 64 bits. Lists of 4, 3, 2 and 1 x 10^12 votes share 1000 seats 400 / 300 / 200 / 100
// exactly under every method except those with a first-seat bonus for small lists.
TEST(ApportionmentEdges, HugeVotesWithThousandSeats) {
  const std::vector<Votes> votes{4'000'000'000'000, 3'000'000'000'000, 2'000'000'000'000,
                                 1'000'000'000'000};
  for (Method m : {Method::hare, Method::droop, Method::hagenbach_bischoff, Method::dhondt,
                   Method::sainte_lague, Method::huntington_hill}) {
    EXPECT_EQ(run(m, votes, 1000), (V{400, 300, 200, 100})) << to_string(m);
  }
  // At 997 seats the four lists' quotients 4e12/400 = 3e12/300 = 2e12/200 = 1e12/100 tie
  // for the last seat (996 quotients are larger): registration order gives it to A. One
  // more vote for D (a difference of 10^-12) lifts D's quotient above the others and wins
  // it the seat outright.
  AllocationOutcome outcome;
  std::vector<Tie> ties;
  EXPECT_EQ(run(Method::dhondt, votes, 997, {}, &outcome, &ties), (V{400, 299, 199, 99}));
  EXPECT_TRUE(outcome.tie);
  ASSERT_EQ(ties.size(), 1u);
  EXPECT_EQ(ties[0].seat, 996);
  EXPECT_EQ(ties[0].lists, (std::vector<int>{0, 1, 2, 3}));
  std::vector<Votes> plus_one = votes;
  plus_one[3] += 1;
  EXPECT_EQ(run(Method::dhondt, plus_one, 997, {}, &outcome), (V{399, 299, 199, 100}));
  EXPECT_FALSE(outcome.tie);
  // Huntington-Hill has no dead heat there: its divisors sqrt(s (s + 1)) are not
  // proportional: D's 10^12 / sqrt(99 * 100) = 1.0050e10 beats A's 4 10^12 / sqrt(399 * 400)
  // = 1.0013e10 for the 997th seat. The squares compared reach 1.6e25 * 1.6e5.
  EXPECT_EQ(run(Method::huntington_hill, votes, 997, {}, &outcome), (V{399, 299, 199, 100}));
  EXPECT_FALSE(outcome.tie);
}

TEST(ApportionmentEdges, ScratchDoesNotGrowOnceSized) {
  const Apportionment a(Method::sainte_lague);
  ApportionmentScratch scratch;
  std::vector<Votes> votes(30, 1000);
  for (int i = 0; i < 30; ++i) votes[i] += i * 37;
  std::vector<int> out(30);
  a.allocate(votes, 630, out, scratch);
  const auto* pa = scratch.a.data();
  const auto* pb = scratch.b.data();
  const auto* po = scratch.order.data();
  for (int seats : {69, 630, 1000}) {
    a.allocate(std::span<const Votes>(votes).first(8), seats, std::span<int>(out).first(8),
               scratch);
    a.allocate(votes, seats, out, scratch);
  }
  EXPECT_EQ(scratch.a.data(), pa);
  EXPECT_EQ(scratch.b.data(), pb);
  EXPECT_EQ(scratch.order.data(), po);
}
}  // namespace
}  // namespace seatcast
