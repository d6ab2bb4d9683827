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

// The shared error in points: a Dirichlet of concentration 2500 / P^2 - 1 around the
// average's draw, with no log-scale shared error on top; exactly one shape is given.
std::string points_scenario(const std::string& extra) {
  std::string text = scenario(extra);
  const std::string log_line = "shared_error = 0.1\n";
  text.replace(text.find(log_line), log_line.size(), "");
  return text;
}

TEST_F(PollSettings, SharedErrorInPointsIsADirichletAroundTheAverage) {
  const Scenario s = load_scenario(write(points_scenario("shared_error_points = 2.5\n")));
  ASSERT_TRUE(s.poll_average);
  EXPECT_EQ(s.poll_average->settings.shared_error, 0.0);
  EXPECT_EQ(s.poll_average->settings.shared_error_points, 2.5);
  // No log-scale error on top of the sampling covariance.
  EXPECT_TRUE(s.poll_average->covariance.isApprox(s.poll_average->sampling_cov));
  const auto& ln = std::get<models::LogisticNormalModel>(s.model);
  EXPECT_DOUBLE_EQ(ln.noise_concentration(), 2500.0 / 6.25 - 1.0);  // 399
  EXPECT_FALSE(ln.student_t());
  EXPECT_EQ(ln.variates_per_draw(), 6u);  // 3 normals, 3 gammas
}

TEST_F(PollSettings, DirichletSamplingAddsTheSharedErrorInPointsToTheSampling) {
  const Scenario plain = load_scenario(
      write(points_scenario("shared_error_points = 0.000001\nsampling = \"dirichlet\"\n")));
  const double n_sampling = std::get<models::DirichletModel>(plain.model).concentration();
  const Scenario s =
      load_scenario(write(points_scenario("shared_error_points = 5\nsampling = \"dirichlet\"\n")));
  const double n = std::get<models::DirichletModel>(s.model).concentration();
  // 1 / (n + 1) = 1 / (n_sampling + 1) + 1 / (99 + 1)
  EXPECT_NEAR(1.0 / (n + 1.0), 1.0 / (n_sampling + 1.0) + 0.01, 1e-9);
}

TEST_F(PollSettings, SharedErrorShapesAreRefusedTogetherOrMissingOrOutOfRange) {
  EXPECT_EQ(error_of("shared_error_points = 2.5\n").field(), "model.shared_error");
  InputError missing("", 0, "", "");
  try {
    load_scenario(write(points_scenario("")));
  } catch (const InputError& e) {
    missing = e;
  }
  EXPECT_EQ(missing.field(), "model.shared_error_points");
  EXPECT_NE(std::string(missing.what()).find("shared_error_points = 2.5"), std::string::npos)
      << missing.what();
  for (const char* bad : {"shared_error_points = 0\n", "shared_error_points = 30\n",
                          "shared_error_points = 2\nshared_error_dof = 5\n"}) {
    bool refused = false;
    try {
      load_scenario(write(points_scenario(bad)));
    } catch (const InputError& e) {
      refused = true;
      EXPECT_EQ(std::string(e.field()).rfind("model.shared_error", 0), 0u) << e.what();
    }
    EXPECT_TRUE(refused) << bad;
  }
}

}  // namespace
}  // namespace seatcast
