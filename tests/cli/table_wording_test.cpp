// The printed table speaks of the rules the body has, and in the singular for one
// (issue 13, item 15): no "runner-up rule 0.0% of draws" for a body without the rule, no
// "1 seats", "1 draws" or "1 threads".
#include <string>

#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kBench = source("scenarios/bench/kz-list-dirichlet.toml");

// One list seat between two even parties over a 51% threshold: no list passes in about
// half the draws, and there is no runner-up rule.
const char* kOneSeat = R"([scenario]
name = "One seat"
[model]
type = "dirichlet"
total_votes = 1000000
sample_size = 1000
[model.percent]
a = 50
b = 50
[[options]]
id = "a"
[[options]]
id = "b"
[[body]]
id = "council"
name = "Council"
[body.list_tier]
seats = 1
method = "dhondt"
threshold = 0.51
)";

TEST_F(CliTest, TheTableNamesOnlyEventsOfTheBodysRulesAndOneSeatInTheSingular) {
  write("one.toml", kOneSeat);
  const Outcome o = seatcast("run one.toml -n 1000 -s 5 -t 1 -o one.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("1000 draws, seed 5, 1 thread, "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\nCouncil: 1 seat (1 list, 0 district); majority 1, two thirds 1\n"),
            std::string::npos)
      << o.out;
  EXPECT_EQ(o.out.find("runner-up"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\nevents: no list passed "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("% of draws; tie decided a seat "), std::string::npos) << o.out;
  // summarize reads the same from the file.
  const Outcome s = seatcast("summarize one.h5");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("Council: 1 seat (1 list"), std::string::npos) << s.out;
  EXPECT_EQ(s.out.find("runner-up"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("\nevents: no list passed "), std::string::npos) << s.out;
  // One draw, one thread; sweep and validate say so too.
  const Outcome one = seatcast("run one.toml -n 1 -t 1 -q -o d1.h5");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_NE(seatcast("summarize d1.h5").out.find("\n1 draw, seed 1, blocks of"), std::string::npos);
  const Outcome w = seatcast("sweep one.toml --threshold 0.5 -n 1 -t 1 -o w.h5");
  ASSERT_EQ(w.status, 0) << w.err;
  EXPECT_NE(w.out.find("1 draw, seed 1, 1 thread, "), std::string::npos) << w.out;
  EXPECT_NE(w.out.find("; 1 setting on the same draws (1 threshold); "), std::string::npos)
      << w.out;
  EXPECT_NE(w.out.find("\nCouncil: 1 list seat; "), std::string::npos) << w.out;
  const Outcome v = seatcast("validate one.toml");
  EXPECT_NE(v.out.find("  body council: 1 seat (1 list, 0 district)\n"), std::string::npos)
      << v.out;
}

TEST_F(CliTest, ValidateGivesACompensatedHouseItsSeatsInLaw) {
  // The tiers' seats as the law states them, not the capacity a list's histogram needs.
  const Outcome v = seatcast("validate " + quote(source("scenarios/se/riksdag-2022.toml")));
  ASSERT_EQ(v.status, 0) << v.err;
  EXPECT_NE(v.out.find("  body riksdag: 349 seats (fixed 310, adjustment 39)\n"), std::string::npos)
      << v.out;
  const Outcome nz = seatcast("validate " + quote(source("scenarios/nz/house-2023.toml")));
  EXPECT_NE(nz.out.find("  body house: 120 seats (electorate 72, list 48), plus overhang where it "
                        "arises\n"),
            std::string::npos)
      << nz.out;
}

TEST_F(CliTest, TheRunnerUpRuleIsStillReportedWhereTheBodyHasIt) {
  const Outcome o = seatcast("run " + quote(kBench) + " -n 20000 -s 1 -o b.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\nevents: runner-up rule "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Mazhilis (list seats): 69 seats (69 list, 0 district)"), std::string::npos)
      << o.out;
  const Outcome s = seatcast("summarize b.h5");
  EXPECT_NE(s.out.find("\nevents: runner-up rule "), std::string::npos) << s.out;
}

}  // namespace
}  // namespace seatcast::testing
