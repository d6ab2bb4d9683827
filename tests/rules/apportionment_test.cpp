// Apportionment: names, concrete small cases per method, ties, edge cases.
#include "engine/rules/apportionment.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace seatcast
