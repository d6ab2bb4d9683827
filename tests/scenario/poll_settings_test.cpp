// The poll model's settings in a scenario's [model] table: undecided rule, sampling,
// given and estimated house effects; and the refusals, each naming file, line and field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include <unistd.h>

#include "engine/io/input_error.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

const std::string kPolls =
    "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
    "P1,2024-01-10,1000,all,50,30,10,10\n"
    "P1,2024-01-20,1000,all,52,28,10,10\n"
    "P2,2024-01-15,1000,all,45,35,10,10\n"
    "P2,2024-01-25,1000,all,44,36,10,10\n";

std::string scenario(const std::string& model_extra) {
  return R"([scenario]
name = "polls test"

[[options]]
id = "a"

[[options]]
id = "b"

[[options]]
id = "x"
kind = "against_all"

[model]
type = "polls"
total_votes = 100000
file = "polls.csv"
shared_error = 0.1
)" + model_extra +
         R"(
[[body]]
id = "house"

[body.list_tier]
seats = 10
method = "hare"
threshold = 0.05
)";
}

class PollSettings : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream name;
    name << "seatcast-pollsettings-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / name.str();
    fs::create_directories(dir_);
    std::ofstream(dir_ / "polls.csv") << kPolls;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& text) {
    std::ofstream(dir_ / "s.toml") << text;
    return (dir_ / "s.toml").string();
  }
  InputError error_of(const std::string& extra) {
    const std::string p = write(scenario(extra));
    try {
      load_scenario(p);
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), p);
      return e;
    }
    ADD_FAILURE() << "scenario loaded but should not have";
    return InputError("", 0, "", "");
  }
  fs::path dir_;
};

TEST_F(PollSettings, DefaultsDropTheUndecidedAndSampleALogisticNormal) {
  const Scenario s = load_scenario(write(scenario("")));
  ASSERT_TRUE(s.poll_average);
  EXPECT_EQ(s.poll_average->settings.undecided, models::UndecidedRule::drop);
  EXPECT_NEAR(s.poll_average->poll_weights[0], 900, 1e-9);
  EXPECT_TRUE(std::holds_alternative<models::LogisticNormalModel>(s.model));
  EXPECT_TRUE(s.poll_average->house_pollsters.empty());
}

TEST_F(PollSettings, ProportionalUndecidedCountsTheFullSample) {
  const Scenario s = load_scenario(write(scenario("undecided = \"proportional\"\n")));
  EXPECT_NEAR(s.poll_average->poll_weights[0], 1000, 1e-9);
}

TEST_F(PollSettings, DirichletSampling) {
  const Scenario s = load_scenario(write(scenario("sampling = \"dirichlet\"\n")));
  ASSERT_TRUE(std::holds_alternative<models::DirichletModel>(s.model));
  EXPECT_NEAR(std::get<models::DirichletModel>(s.model).concentration(),
              models::dirichlet_sample_size(*s.poll_average), 1e-6);
}

TEST_F(PollSettings, GivenAndEstimatedHouseEffects) {
  const Scenario given = load_scenario(write(
      scenario("[model.house_effects.P1]\na = 0.05\n\n[model.house_effects.\"P2\"]\nb = 0.1\n")));
  ASSERT_EQ(given.poll_average->house_pollsters.size(), 2u);
  EXPECT_DOUBLE_EQ(given.poll_average->house_effects(0, 0), 0.05);
  EXPECT_DOUBLE_EQ(given.poll_average->house_effects(1, 1), 0.1);
  const Scenario est =
      load_scenario(write(scenario("estimate_house_effects = true\nhouse_effect_sd = 0.5\n")));
  ASSERT_EQ(est.poll_average->house_pollsters.size(), 2u);
  EXPECT_TRUE(est.poll_average->house_estimated[0]);
  // P1 has a higher a-to-b ratio than P2.
  const auto& h = est.poll_average->house_effects;
  EXPECT_GT(h(0, 0) - h(0, 1), h(1, 0) - h(1, 1));
}

TEST_F(PollSettings, RefusalsNameTheField) {
  EXPECT_EQ(error_of("undecided = \"spread\"\n").field(), "model.undecided");
  EXPECT_EQ(error_of("sampling = \"beta\"\n").field(), "model.sampling");
  EXPECT_EQ(error_of("house_effect_sd = 0\n").field(), "model.house_effect_sd");
  EXPECT_EQ(error_of("estimate_house_effects = 1\n").field(), "model.estimate_house_effects");
  EXPECT_EQ(error_of("house_effect = 1\n").field(), "model.house_effect");  // unknown key
  const InputError unknown_pollster = error_of("[model.house_effects.P3]\na = 0.1\n");
  EXPECT_EQ(unknown_pollster.field(), "model.house_effects.P3");
  EXPECT_GT(unknown_pollster.line(), 0);
  EXPECT_EQ(error_of("[model.house_effects.P1]\nz = 0.1\n").field(), "model.house_effects.P1.z");
  EXPECT_EQ(error_of("[model.house_effects.P1]\na = 9\n").field(), "model.house_effects.P1.a");
  EXPECT_EQ(error_of("[model.house_effects]\nP1 = 0.1\n").field(), "model.house_effects.P1");
}

}  // namespace
}  // namespace seatcast
