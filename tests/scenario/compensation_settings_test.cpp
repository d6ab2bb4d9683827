// Bad settings of the compensation, bonus, leveling and two-vote keys: each refused
// naming the scenario file, the line of the key and the field (the CLI exits 2 on them:
// tests/cli). One scenario, one fault at a time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/io/input_error.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

const char* kBase = R"([[options]]
id = "a"
[[options]]
id = "b"
[model]
type = "dirichlet"
total_votes = 1000
sample_size = 100
[model.percent]
a = 60
b = 40
[[body]]
id = "h"
[[body.levels]]
id = "seat"
areas = "areas.csv"
baseline = "votes.csv"
[[body.stages]]
type = "allocate"
id = "seat"
level = "seat"
method = "plurality"
)";

class CompensationSettings : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("seatcast-compensation-settings-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
    put("areas.csv", "area,name,seats\ns1,S1,1\ns2,S2,1\n");
    put("votes.csv", "area,option,votes\ns1,a,60\ns1,b,40\ns2,a,30\ns2,b,70\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void put(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // The error of kBase + extra; `key` is the line's text the error must point at.
  void expect_refused(const std::string& extra, const std::string& key, const std::string& field,
                      const std::string& says) {
    const std::string text = kBase + extra;
    put("s.toml", text);
    int line = 1;
    for (std::size_t i = 0; i < text.find(key); ++i) line += text[i] == '\n';
    try {
      load_scenario((dir_ / "s.toml").string());
      ADD_FAILURE() << "loaded: " << extra;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), (dir_ / "s.toml").string());
      EXPECT_EQ(e.line(), line) << e.what();
      EXPECT_NE(e.field().find(field), std::string::npos) << e.field();
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  }
  fs::path dir_;
};

const char* kCompensate = R"([[body.stages]]
type = "compensate"
id = "list"
seats = 10
method = "sainte-lague"
)";

TEST_F(CompensationSettings, AgainstATierThatDoesNotExist) {
  expect_refused(std::string(kCompensate) + "against = \"districts\"\noverhang = \"grow\"\n",
                 "against = ", "against", "no tier 'districts' before this stage");
}

TEST_F(CompensationSettings, AnUnknownOverhangPolicy) {
  expect_refused(std::string(kCompensate) + "against = \"seat\"\noverhang = \"shrink\"\n",
                 "overhang = ", "overhang", "shrink");
}

TEST_F(CompensationSettings, EntitlementSplitOnlyUnderCap) {
  expect_refused(std::string(kCompensate) +
                     "against = \"seat\"\noverhang = \"grow\"\nlevel = \"seat\"\n"
                     "distribute = \"entitlement\"\n",
                 "distribute = ", "distribute", "cap");
}

TEST_F(CompensationSettings, LevelingNeedsItsSeatsPerArea) {
  expect_refused(std::string(kCompensate) +
                     "against = \"seat\"\noverhang = \"exclude\"\nlevel = \"seat\"\n"
                     "distribute = \"leveling\"\n",
                 "[[body.stages]]\ntype = \"compensate\"", "seats_per_area", "required");
}

TEST_F(CompensationSettings, MaxSeatsOnlyWhereTheHouseLevels) {
  expect_refused(
      std::string(kCompensate) + "against = \"seat\"\noverhang = \"grow\"\nmax_seats = 20\n",
      "max_seats = ", "max_seats", "level");
}

TEST_F(CompensationSettings, UncompensatedOverhangOnlyWhereTheHouseLevels) {
  expect_refused(
      std::string(kCompensate) + "against = \"seat\"\noverhang = \"grow\"\nuncompensated = 3\n",
      "uncompensated = ", "uncompensated", "contingents");
}

TEST_F(CompensationSettings, ContingentMinimumsNeedLevelAndListSeats) {
  expect_refused(std::string(kCompensate) +
                     "against = \"seat\"\noverhang = \"exclude\"\nminimum = \"contingents\"\n",
                 "minimum = ", "minimum", "overhang = \"level\"");
  expect_refused(
      std::string(kCompensate) + "against = \"seat\"\noverhang = \"level\"\nminimum = \"mean\"\n",
      "minimum = ", "minimum", "contingents");
}

TEST_F(CompensationSettings, FragmentVotesFromATierThatDoesNotExist) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "top"
seats = 4
method = "dhondt"
fragments = "smd"
)",
                 "fragments = ", "fragments", "no tier 'smd' before this stage");
}

TEST_F(CompensationSettings, FragmentVotesWithAnOwnThreshold) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "top"
seats = 4
method = "dhondt"
threshold = 0.05
fragments = "seat"
)",
                 "threshold = 0.05", "threshold", "filter stage");
}

TEST_F(CompensationSettings, FragmentVotesInAreas) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "top"
level = "seat"
method = "dhondt"
fragments = "seat"
)",
                 "fragments = ", "fragments", "national allocation");
}

TEST_F(CompensationSettings, PriorSeatsOfATierThatDoesNotExist) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "top"
seats = 4
method = "dhondt"
prior = ["constituencies"]
)",
                 "prior = ", "prior", "no tier 'constituencies' before this stage");
}

TEST_F(CompensationSettings, PriorSeatsWithAQuotaMethod) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "top"
seats = 4
method = "hare"
prior = ["seat"]
)",
                 "prior = ", "prior", "method 'hare' has none");
}

TEST_F(CompensationSettings, ABonusScheduleThatWouldFall) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "national"
seats = 10
method = "hare"
bonus = { from = 0.25, seats = 5, step = 0.01, max = 3 }
)",
                 "bonus = ", "max", "must not fall");
}

TEST_F(CompensationSettings, ABonusInAreas) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "areas"
level = "seat"
method = "hare"
bonus = { kind = "fixed", seats = 1 }
)",
                 "bonus = ", "kind", "national");
}

TEST_F(CompensationSettings, CandidateVotesALevelDoesNotHave) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "cands"
level = "seat"
ballot = "candidate"
method = "plurality"
)",
                 "ballot = ", "ballot", "no candidate votes");
}

TEST_F(CompensationSettings, AReserveThatLeavesNothing) {
  expect_refused(R"([[body.stages]]
type = "allocate"
id = "held"
level = "seat"
method = "dhondt"
reserve = 1
)",
                 "reserve = ", "reserve", "nothing would be left");
}

}  // namespace
}  // namespace seatcast
