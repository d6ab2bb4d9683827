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
  const Outcome o =
      seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023 --method dhondt");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("amanat,party,3431510,1,41\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("jsdp,party,331058,1,3\n"), std::string::npos) << o.out;
}

TEST_F(CliTest, AllocateJsonHasRowsAndTies) {
  const Outcome o = seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023 --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"base_votes\": 6366441"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("{\"option\": \"amanat\", \"kind\": \"party\", \"votes\": 3431510, "
                       "\"passed\": true, \"seats\": 40, \"passed_by\": \"share\"}"),
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
  EXPECT_EQ(o.out,
            "option,kind,votes,passed,seats\na,party,600,1,10\nb,party,400,0,0\n"
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

// ---- threshold options ----

TEST_F(CliTest, AllocateJsonGivesTheExactLineAndTheMetrics) {
  // 5% of 6,366,441 = 318,322.05; Gallagher 4.37 on the official result.
  const Outcome o = seatcast("allocate " + kOfficial + " --preset kz-mazhilis-2023 --format json");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("\"threshold_line\": 318322.05,"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\"metrics\": {\"gallagher\": 4.370677, \"loosemore_hanby\": 6.200042, "),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"wasted_share\": 6.200042}"), std::string::npos) << o.out;
}

TEST_F(CliTest, AllocateRegisteredBase) {
  // 10,000 ballots, 25,000 registered: 3% of registered is 750, so b (700) fails though
  // it has 7% of the votes. Without the registered base it passes.
  write("v.csv", "option,votes\na,8500\nb,700\nc,800\n");
  Outcome o = seatcast(
      "allocate v.csv --seats 10 --method hare --threshold 0.03 "
      "--threshold-base registered --registered 25000");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("b,party,700,0,0\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("c,party,800,1,"), std::string::npos) << o.out;
  o = seatcast("allocate v.csv --seats 10 --method hare --threshold 0.03");
  EXPECT_NE(o.out.find("b,party,700,1,"), std::string::npos) << o.out;
  o = seatcast(
      "allocate v.csv --seats 10 --method hare --threshold 0.03 "
      "--threshold-base registered --registered 25000 --format json");
  EXPECT_NE(o.out.find("\"threshold_line\": 750,"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\"registered\": 25000,"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\"base_votes\": 25000,"), std::string::npos) << o.out;
}

TEST_F(CliTest, AllocateRegisteredBaseErrorsExit2) {
  write("v.csv", "option,votes\na,8500\nb,700\n");
  Outcome o = seatcast("allocate v.csv --seats 10 --method hare --threshold-base registered");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--registered"), std::string::npos) << o.err;
  o = seatcast("allocate v.csv --seats 10 --method hare --registered 20000");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("only with --threshold-base registered"), std::string::npos) << o.err;
  o = seatcast(
      "allocate v.csv --seats 10 --method hare --threshold-base registered --registered 9000");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("fewer registered voters (9000) than ballots"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

TEST_F(CliTest, AllocateAllianceThresholdsFromTheMembersColumn) {
  // b is an alliance of two at 7%: the 8% line stops it; c, one party at 7%, passes 5%.
  write("v.csv", "option,votes,members\na,8600,1\nb,700,2\nc,700,\n");
  Outcome o =
      seatcast("allocate v.csv --seats 10 --method hare --alliance-thresholds 0.05,0.08,0.11");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out,
            "option,kind,votes,passed,seats\na,party,8600,1,9\nb,party,700,0,0\n"
            "c,party,700,1,1\n");
  o = seatcast(
      "allocate v.csv --seats 10 --method hare --alliance-thresholds 0.05,0.08,0.11 "
      "--format json");
  EXPECT_NE(
      o.out.find(
          "\"alliance_thresholds\": [0.05, 0.08, 0.11], \"alliance_lines\": [500, 800, 1100]"),
      std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\"seats\": 0, \"passed_by\": \"none\", \"members\": 2}"), std::string::npos)
      << o.out;
}

TEST_F(CliTest, AllocateAllianceErrorsExit2NamingFileLineAndField) {
  write("v.csv", "option,votes,members\na,8600,1\nb,700,0\n");
  Outcome o = seatcast("allocate v.csv --seats 10 --method hare --alliance-thresholds 0.05,0.08");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("v.csv:3: field 'members'"), std::string::npos) << o.err;
  write("w.csv", "option,votes,members,kind\na,8600,1,party\nx,700,2,against_all\n");
  o = seatcast("allocate w.csv --seats 10 --method hare --alliance-thresholds 0.05,0.08");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("w.csv:3: field 'members'"), std::string::npos) << o.err;
  o = seatcast("allocate " + kOfficial + " --seats 10 --method hare --alliance-thresholds 0.05,x");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--alliance-thresholds"), std::string::npos) << o.err;
  o = seatcast("allocate " + kOfficial +
               " --seats 10 --method hare --threshold 0.04 --alliance-thresholds 0.05,0.08");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("differs from --threshold"), std::string::npos) << o.err;
}

// A members or district_seats column that no flag reads is refused at the first row it
// would matter on, not ignored (a column of ones or zeros is harmless and accepted).
TEST_F(CliTest, AllocateColumnsWithoutTheirFlagAreRefused) {
  write("v.csv", "option,votes,members\na,8600,1\nb,700,2\nc,700,\n");
  Outcome o = seatcast("allocate v.csv --seats 10 --method hare --threshold 0.05");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("v.csv:3: field 'members': an alliance of 2 parties needs "
                       "--alliance-thresholds"),
            std::string::npos)
      << o.err;
  EXPECT_TRUE(o.out.empty()) << o.out;
  write("d.csv", "option,votes,district_seats\na,8600,0\nb,700,3\n");
  o = seatcast("allocate d.csv --seats 10 --method hare --threshold 0.05");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("d.csv:3: field 'district_seats'"), std::string::npos) << o.err;
  write("ones.csv", "option,votes,members,district_seats\na,8600,1,0\nb,700,1,0\n");
  o = seatcast("allocate ones.csv --seats 10 --method hare --threshold 0.05");
  EXPECT_EQ(o.status, 0) << o.err;
}

TEST_F(CliTest, AllocateExemptListWithHalfAPercentGetsASeat) {
  // m has 60 of 10,000 (0.6%); exempt, it takes part: Hare quotas 60, 39.4, 0.6.
  write("v.csv", "option,votes\na,6000\nb,3940\nm,60\n");
  Outcome o = seatcast("allocate v.csv --seats 100 --method hare --threshold 0.05 --exempt m");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out,
            "option,kind,votes,passed,seats\na,party,6000,1,60\nb,party,3940,1,39\n"
            "m,party,60,1,1\n");
  o = seatcast(
      "allocate v.csv --seats 100 --method hare --threshold 0.05 --exempt m --format json");
  EXPECT_NE(o.out.find("\"seats\": 1, \"passed_by\": \"exempt\", \"exempt\": true}"),
            std::string::npos)
      << o.out;
  o = seatcast("allocate v.csv --seats 100 --method hare --threshold 0.05 --exempt m,zz");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--exempt"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("'zz'"), std::string::npos) << o.err;
}

TEST_F(CliTest, AllocateAlternativeDistrictSeats) {
  // c has 4% but 3 district seats: with "5% or 3 district seats" it takes part.
  write("v.csv", "option,votes,district_seats\na,8000,5\nb,1600,0\nc,400,3\n");
  Outcome o = seatcast(
      "allocate v.csv --seats 20 --method hare --threshold 0.05 "
      "--alternative-district-seats 3");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out,
            "option,kind,votes,passed,seats\na,party,8000,1,16\nb,party,1600,1,3\n"
            "c,party,400,1,1\n");
  o = seatcast(
      "allocate v.csv --seats 20 --method hare --threshold 0.05 "
      "--alternative-district-seats 4 --format json");
  EXPECT_NE(o.out.find("\"option\": \"c\", \"kind\": \"party\", \"votes\": 400, \"passed\": false"),
            std::string::npos)
      << o.out;
  o = seatcast(
      "allocate v.csv --seats 20 --method hare --threshold 0.05 "
      "--alternative-district-seats 3 --format json");
  EXPECT_NE(o.out.find("\"passed_by\": \"alternative\", \"district_seats\": 3}"), std::string::npos)
      << o.out;
  write("w.csv", "option,votes\na,8000\n");
  o = seatcast("allocate w.csv --seats 20 --method hare --alternative-district-seats 3");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("district_seats"), std::string::npos) << o.err;
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
