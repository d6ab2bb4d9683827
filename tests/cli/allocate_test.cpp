// `seatcast allocate` end to end, per the contract in docs/DESIGN.md.
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kOfficial = quote(source("scenarios/kz/data/mazhilis-2023-pr-official.csv"));

TEST_F(CliTest, AllocateMazhilis2023PresetGivesTheOfficialSeats) {
  const Outcome o = seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out,
            "option,kind,votes,passed,seats\n"
            "amanat,party,3431510,1,40\n"
            "auyl,party,693938,1,8\n"
            "respublica,party,547154,1,6\n"
            "aq_jol,party,535139,1,6\n"
            "qhp,party,432920,1,5\n"
            "jsdp,party,331058,1,4\n"
            "baytaq,party,146431,0,0\n"
            "against_all,against_all,248291,0,0\n");
  EXPECT_EQ(o.err, "");
}

TEST_F(CliTest, AllocateExplicitFlagsEqualThePreset) {
  const Outcome o = seatcast("allocate " + kOfficial +
                             " --seats 69 --method hare --threshold 0.05 --threshold-base valid"
                             " --runner-up 0.7:2");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023").out);
}

TEST_F(CliTest, AllocateDhondtOverridesThePresetMethod) {
  const Outcome o = seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023 --method dhondt");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("amanat,party,3431510,1,41\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("jsdp,party,331058,1,3\n"), std::string::npos) << o.out;
}

TEST_F(CliTest, AllocateJsonHasRowsAndTies) {
  const Outcome o = seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023 --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"base_votes\": 6366441"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("{\"option\": \"amanat\", \"kind\": \"party\", \"votes\": 3431510, "
                       "\"passed\": true, \"seats\": 40}"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"ties\": []"), std::string::npos);
}

TEST_F(CliTest, AllocateReportsATieOnStderr) {
  // Two lists with equal votes for one seat: registration order gives it to the first.
  write("tie.csv", "option,votes\na,100\nb,100\n");
  const Outcome o = seatcast("allocate tie.csv --seats 1 --method dhondt");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "option,kind,votes,passed,seats\na,party,100,1,1\nb,party,100,1,0\n");
  EXPECT_NE(o.err.find("tie for seat 1 among a, b"), std::string::npos) << o.err;
}

TEST_F(CliTest, AllocateColumnsInAnyOrderWithKind) {
  write("v.csv", "kind,votes,option\nparty,600,a\nparty,400,b\nagainst_all,1000,x\n");
  const Outcome o = seatcast("allocate v.csv --seats 10 --method sainte-lague --threshold 0.25");
  ASSERT_EQ(o.status, 0) << o.err;
  // Base 2000, line 500: b (400) fails; a takes all 10.
  EXPECT_EQ(o.out, "option,kind,votes,passed,seats\na,party,600,1,10\nb,party,400,0,0\n"
                   "x,against_all,1000,0,0\n");
}

TEST_F(CliTest, AllocateThresholdAboveOneExits2NamingTheField) {
  const Outcome o = seatcast("allocate " + kOfficial + " --seats 69 --method hare --threshold 1.5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--threshold"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

TEST_F(CliTest, AllocateNegativeVotesExit2NamingFileLineAndField) {
  write("neg.csv", "option,votes\na,100\nb,-5\n");
  const Outcome o = seatcast("allocate neg.csv --seats 3 --method dhondt");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("neg.csv:3: field 'votes'"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

TEST_F(CliTest, AllocateVotesThatAreNotNumbersExit2) {
  write("nan.csv", "option,votes\na,100\nb,lots\n");
  const Outcome o = seatcast("allocate nan.csv --seats 3 --method dhondt");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("nan.csv:3: field 'votes': 'lots' is not a whole number"), std::string::npos)
      << o.err;
}

TEST_F(CliTest, AllocateMissingColumnUnknownMethodAndUnreadableFileExit2) {
  write("nocol.csv", "option,count\na,1\n");
  Outcome o = seatcast("allocate nocol.csv --seats 3 --method dhondt");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("field 'votes'"), std::string::npos) << o.err;
  o = seatcast("allocate " + kOfficial + " --seats 3 --method dhont");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--method"), std::string::npos) << o.err;
  o = seatcast("allocate missing.csv --seats 3 --method dhondt");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("missing.csv"), std::string::npos) << o.err;
  o = seatcast("allocate " + kOfficial + " --method dhondt");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--seats"), std::string::npos) << o.err;
}

TEST_F(CliTest, HelpOnEveryCommand) {
  for (const char* cmd : {"--help", "run --help", "allocate --help", "validate --help"}) {
    const Outcome o = seatcast(cmd);
    EXPECT_EQ(o.status, 0) << cmd;
    EXPECT_NE(o.out.find("Usage"), std::string::npos) << cmd;
  }
  EXPECT_EQ(seatcast("frobnicate").status, 2);
}

}  // namespace
}  // namespace seatcast::testing
