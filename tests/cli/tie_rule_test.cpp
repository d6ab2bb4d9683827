// The tie rules by name where a user writes them: `allocate --tie-rule` and a scenario's
// `tie_rule`, both read through parse_tie_rule, so more-votes and fewer-votes work in
// both with nothing but the name table changed.
#include "engine/hdf5/attribute.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

// D'Hondt, 4 seats: 300/3 = 100 and 200/2 = 100 tie for the 4th seat.
const std::string kTied = "option,votes\na,300\nb,200\n";

TEST_F(CliTest, AllocateTieRuleMoreVotesGivesTheTiedSeatToTheLargerList) {
  write("tie.csv", kTied);
  const Outcome o = seatcast("allocate tie.csv --seats 4 --method dhondt --tie-rule more-votes");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "option,kind,votes,passed,seats\na,party,300,1,3\nb,party,200,1,1\n");
  EXPECT_NE(o.err.find("tie for seat 4 among a, b; settled by more-votes"), std::string::npos)
      << o.err;
}

TEST_F(CliTest, AllocateTieRuleFewerVotesGivesTheTiedSeatToTheSmallerList) {
  write("tie.csv", kTied);
  const Outcome o = seatcast("allocate tie.csv --seats 4 --method dhondt --tie-rule fewer-votes");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "option,kind,votes,passed,seats\na,party,300,1,2\nb,party,200,1,2\n");
  EXPECT_NE(o.err.find("settled by fewer-votes"), std::string::npos) << o.err;
  // The JSON names the rule too.
  const Outcome j =
      seatcast("allocate tie.csv --seats 4 --method dhondt --tie-rule fewer-votes --format json");
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("fewer-votes"), std::string::npos) << j.out;
}

TEST_F(CliTest, ScenarioTieRuleReadsTheVoteRules) {
  const std::string text = slurp(source("scenarios/bench/kz-list-dirichlet.toml"));
  const std::string at = "threshold_base = \"valid\"\n";
  ASSERT_NE(text.find(at), std::string::npos);
  for (const std::string rule : {"more-votes", "fewer-votes"}) {
    std::string s = text;
    s.insert(s.find(at) + at.size(), "tie_rule = \"" + rule + "\"\n");
    write(rule + ".toml", s);
    const Outcome v = seatcast("validate " + rule + ".toml");
    EXPECT_EQ(v.status, 0) << rule << ": " << v.err;
    const Outcome r = seatcast("run " + rule + ".toml -n 2000 -s 1 -q -o " + rule + ".h5");
    ASSERT_EQ(r.status, 0) << rule << ": " << r.err;
    const h5::File f = h5::File::open_read(file(rule + ".h5"));
    EXPECT_EQ(h5::read_string_attribute(h5::open_group(f, "mazhilis"), "list_tie_rule"), rule);
  }
  // A misspelt name is still refused at its line.
  std::string bad = text;
  bad.insert(bad.find(at) + at.size(), "tie_rule = \"more_votes\"\n");
  write("bad.toml", bad);
  const Outcome b = seatcast("validate bad.toml");
  EXPECT_EQ(b.status, 2);
  EXPECT_NE(b.err.find("field 'body[0].list_tier.tie_rule': unknown tie rule 'more_votes'; did you "
                       "mean 'more-votes'?"),
            std::string::npos)
      << b.err;
}

}  // namespace
}  // namespace seatcast::testing
