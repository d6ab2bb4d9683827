// Published elections reproduced seat for seat from the official vote counts.
// Each case lists only the parties that took part in the allocation (those past the
// threshold, or otherwise qualified), in the order of the published table.
#include <gtest/gtest.h>

#include <vector>

#include "engine/rules/apportionment.h"

namespace seatcast {
namespace {

std::vector<int> allocate(Method method, const std::vector<Votes>& votes, int seats,
                          double first_divisor = 1.4) {
  const Apportionment apportionment(method, first_divisor);
  ApportionmentScratch scratch;
  std::vector<int> out(votes.size(), -1);
  const AllocationOutcome outcome = apportionment.allocate(votes, seats, out, scratch);
  EXPECT_FALSE(outcome.tie);
  return out;
}

using Seats = std::vector<int>;

// New Zealand general election, 17 October 2020, 120 seats by Sainte-Laguë on party
// votes. Electoral Commission, "2020 General Election and Referendums - Official Result":
// Labour 1,443,545; National 738,275; Green 226,757; ACT 219,031; Māori Party 33,630
// (qualified by winning Waiariki). Allocation: 65, 33, 10, 10, 2 (no overhang).
TEST(RealElections, NewZealand2020SainteLague) {
  EXPECT_EQ(allocate(Method::sainte_lague, {1443545, 738275, 226757, 219031, 33630}, 120),
            (Seats{65, 33, 10, 10, 2}));
}

// New Zealand general election, 23 September 2017, Electoral Commission official result:
// National 1,152,075; Labour 956,184; NZ First 186,706; Green 162,443; ACT 13,075
// (qualified by winning Epsom). Sainte-Laguë, 120 seats: 56, 46, 9, 8, 1.
TEST(RealElections, NewZealand2017SainteLague) {
  EXPECT_EQ(allocate(Method::sainte_lague, {1152075, 956184, 186706, 162443, 13075}, 120),
            (Seats{56, 46, 9, 8, 1}));
}

// Swedish Riksdag election, 11 September 2022: the 349 seats shared nationally among
// parties above 4% by modified Sainte-Laguë with first divisor 1.2 (Vallag 14 kap.).
// Valmyndigheten, final result: S 1,964,474; SD 1,330,325; M 1,237,428; V 437,050;
// C 434,945; KD 345,712; MP 329,242; L 298,542. Seats: 107, 73, 68, 24, 24, 19, 18, 16.
TEST(RealElections, Sweden2022ModifiedSainteLague) {
  EXPECT_EQ(allocate(Method::modified_sainte_lague,
                     {1964474, 1330325, 1237428, 437050, 434945, 345712, 329242, 298542}, 349, 1.2),
            (Seats{107, 73, 68, 24, 24, 19, 18, 16}));
}

// Swedish Riksdag election, 9 September 2018 (first with divisor 1.2), Valmyndigheten:
// S 1,830,386; M 1,284,698; SD 1,135,627; C 557,500; V 518,454; KD 409,478; L 355,546;
// MP 285,899. Seats: 100, 70, 62, 31, 28, 22, 20, 16.
TEST(RealElections, Sweden2018ModifiedSainteLague) {
  EXPECT_EQ(allocate(Method::modified_sainte_lague,
                     {1830386, 1284698, 1135627, 557500, 518454, 409478, 355546, 285899}, 349, 1.2),
            (Seats{100, 70, 62, 31, 28, 22, 20, 16}));
}

// Ukrainian Verkhovna Rada election, 21 July 2019, national list tier of 225 seats by the
// Hare quota and largest remainders. Central Election Commission of Ukraine: Servant of
// the People 6,307,793; Opposition Platform - For Life 1,908,111; Batkivshchyna
// 1,196,303; European Solidarity 1,184,620; Holos 851,722. Seats: 124, 37, 24, 23, 17.
TEST(RealElections, Ukraine2019Hare) {
  EXPECT_EQ(allocate(Method::hare, {6307793, 1908111, 1196303, 1184620, 851722}, 225),
            (Seats{124, 37, 24, 23, 17}));
}

// Russian State Duma election, 17-19 September 2021, federal list tier of 225 seats by
// the Hare quota and largest remainders. Central Election Commission of the Russian
// Federation: United Russia 28,064,200; CPRF 10,660,669; LDPR 4,252,252; A Just Russia
// 4,201,744; New People 2,997,744. Seats: 126, 48, 19, 19, 13.
TEST(RealElections, Russia2021Hare) {
  EXPECT_EQ(allocate(Method::hare, {28064200, 10660669, 4252252, 4201744, 2997744}, 225),
            (Seats{126, 48, 19, 19, 13}));
}

// Counterfactual on the same Swedish 2022 votes (computed with exact rational arithmetic
// by a seat-by-seat reference): D'Hondt moves one seat from C to S, while the first
// divisor 1.4 and plain Sainte-Laguë change nothing here.
TEST(RealElections, Sweden2022UnderOtherDivisors) {
  const std::vector<Votes> votes{1964474, 1330325, 1237428, 437050, 434945, 345712, 329242, 298542};
  EXPECT_EQ(allocate(Method::dhondt, votes, 349), (Seats{108, 73, 68, 24, 23, 19, 18, 16}));
  EXPECT_EQ(allocate(Method::modified_sainte_lague, votes, 349, 1.4),
            (Seats{107, 73, 68, 24, 24, 19, 18, 16}));
  EXPECT_EQ(allocate(Method::sainte_lague, votes, 349), (Seats{107, 73, 68, 24, 24, 19, 18, 16}));
}

}  // namespace
}  // namespace seatcast
