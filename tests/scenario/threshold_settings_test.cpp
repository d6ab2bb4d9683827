// The list tier's threshold settings in a scenario file: the registered base, alliance
// thresholds and members, exempt lists and "or N district seats"; mistakes name the
// file, the line and the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "engine/io/input_error.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

const std::string kBase = R"([scenario]
name = "test"

[[options]]
id = "a"

[[options]]
id = "b"

[[options]]
id = "m"

[[options]]
id = "x"
kind = "against_all"

[model]
type = "dirichlet"
total_votes = 100000
sample_size = 1000

[model.percent]
a = 60
b = 30
m = 1
x = 9

[[body]]
id = "house"

[body.list_tier]
seats = 10
method = "hare"
)";

class ThresholdSettings : public ::testing::Test {
 protected:
  std::string write(const std::string& tier_lines) {
    std::ostringstream name;
    name << "seatcast-threshold-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name() << ".toml";
    path_ = fs::temp_directory_path() / name.str();
    std::ofstream(path_) << kBase << tier_lines;
    return path_.string();
  }
  InputError error_of(const std::string& tier_lines) {
    const std::string p = write(tier_lines);
    try {
      load_scenario(p);
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), p);
      return e;
    }
    ADD_FAILURE() << "scenario loaded but should not have";
    return InputError("", 0, "", "");
  }
  void TearDown() override { fs::remove(path_); }
  fs::path path_;
};

TEST_F(ThresholdSettings, EverySettingLoads) {
  const Scenario s =
      load_scenario(write("threshold_base = \"registered\"\n"
                          "registered_voters = 250000\n"
                          "threshold_strict = true\n"
                          "alliance_thresholds = [0.05, 0.08, 0.11]\n"
                          "alliance_members = { b = 3 }\n"
                          "exempt = [\"m\"]\n"));
  const ListTierConfig& l = *s.bodies[0].list_tier;
  EXPECT_EQ(l.threshold.base(), ThresholdBase::registered);
  EXPECT_EQ(l.threshold.registered(), 250000);
  EXPECT_TRUE(l.threshold.strict());
  EXPECT_DOUBLE_EQ(l.threshold.share(), 0.05);
  EXPECT_DOUBLE_EQ(l.threshold.share(3), 0.11);
  EXPECT_EQ(l.members, (std::vector<int>{1, 3, 1, 1}));
  EXPECT_EQ(l.exempt, (std::vector<std::uint8_t>{0, 0, 1, 0}));
}

TEST_F(ThresholdSettings, RegisteredBaseNeedsTheCount) {
  InputError e = error_of("threshold_base = \"registered\"\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.registered_voters");
  e = error_of("registered_voters = 1000\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.registered_voters");
  EXPECT_EQ(e.line(), 34);  // the first line after the base text
  e = error_of("threshold_base = \"electorate\"\n");
  EXPECT_NE(std::string(e.what()).find("registered"), std::string::npos) << e.what();
}

TEST_F(ThresholdSettings, AllianceMistakesAreNamed) {
  InputError e = error_of("alliance_thresholds = [0.05, 1.5]\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.alliance_thresholds");
  EXPECT_EQ(e.line(), 34);  // the first line after the base text
  e = error_of("threshold = 0.04\nalliance_thresholds = [0.05, 0.08]\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.alliance_thresholds");
  e = error_of("alliance_members = { x = 2 }\n");
  EXPECT_NE(std::string(e.what()).find("'x' is not a party option"), std::string::npos) << e.what();
  e = error_of("alliance_members = { b = 0 }\n");
  EXPECT_NE(std::string(e.what()).find("from 1 to 1000"), std::string::npos) << e.what();
}

TEST_F(ThresholdSettings, ExemptAndAlternativeMistakesAreNamed) {
  InputError e = error_of("exempt = [\"zz\"]\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.exempt");
  e = error_of("exempt = [\"x\"]\n");
  EXPECT_NE(std::string(e.what()).find("'x' is not a party option"), std::string::npos) << e.what();
  e = error_of("alternative_district_seats = 3\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.alternative_district_seats");
  EXPECT_NE(std::string(e.what()).find("needs a district_tier"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace seatcast
