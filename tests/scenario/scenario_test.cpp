// Scenario files: the shipped ones load as documented, and every kind of mistake a
// person makes by hand is refused with the file, the line and the field.
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

const std::string kDir = SEATCAST_SOURCE_DIR "/scenarios/";

// A minimal valid scenario; tests replace one line to break it.
const std::string kValid = R"([scenario]
name = "test"

[run]
draws = 1000
seed = 5

[[options]]
id = "a"

[[options]]
id = "b"

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
x = 10

[[body]]
id = "house"

[body.list_tier]
seats = 10
method = "hare"
threshold = 0.05
)";

class ScenarioFile : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    std::ostringstream name;
    name << "seatcast-scenario-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name() << ".toml";
    path_ = fs::temp_directory_path() / name.str();
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { fs::remove(path_); }

  // Loads `text` and returns the error; fails the test if it loads.
  InputError error_of(const std::string& text) {
    const std::string p = write(text);
    try {
      load_scenario(p);
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), p);
      return e;
    }
    ADD_FAILURE() << "scenario loaded but should not have";
    return InputError("", 0, "", "");
  }
  static std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  }
  fs::path path_;
};

TEST_F(ScenarioFile, ValidScenarioLoads) {
  const Scenario s = load_scenario(write(kValid));
  ASSERT_EQ(s.ballot.size(), 3u);
  EXPECT_EQ(s.ballot[2].kind, OptionKind::against_all);
  EXPECT_EQ(s.run.draws, 1000u);
  EXPECT_EQ(s.run.seed, 5u);
  ASSERT_EQ(s.bodies.size(), 1u);
  EXPECT_EQ(s.bodies[0].list_tier->seats, 10);
  EXPECT_DOUBLE_EQ(s.bodies[0].list_tier->threshold.share(), 0.05);
  // Dirichlet parameters: share x sample size + prior 1.
  const auto& d = std::get<models::DirichletModel>(s.model);
  EXPECT_DOUBLE_EQ(d.alpha()[0], 601.0);
  EXPECT_DOUBLE_EQ(d.alpha()[2], 101.0);
}

TEST_F(ScenarioFile, ThresholdAboveOneNamesLineAndField) {
  const InputError e = error_of(replace(kValid, "threshold = 0.05", "threshold = 1.5"));
  EXPECT_EQ(e.line(), 34);
  EXPECT_EQ(e.field(), "body[0].list_tier.threshold");
  EXPECT_NE(std::string(e.what()).find("0 to 1"), std::string::npos);
}

TEST_F(ScenarioFile, NegativeShareIsRefused) {
  const InputError e = error_of(replace(kValid, "b = 30", "b = -30"));
  EXPECT_EQ(e.line(), 25);
  EXPECT_EQ(e.field(), "model.percent.b");
}

TEST_F(ScenarioFile, ShareThatIsNotANumberIsRefused) {
  EXPECT_EQ(error_of(replace(kValid, "b = 30", "b = nan")).field(), "model.percent.b");
  EXPECT_EQ(error_of(replace(kValid, "b = 30", "b = inf")).field(), "model.percent.b");
  const InputError e = error_of(replace(kValid, "b = 30", "b = \"thirty\""));
  EXPECT_EQ(e.field(), "model.percent.b");
  EXPECT_NE(std::string(e.what()).find("expected a number"), std::string::npos);
}

TEST_F(ScenarioFile, MissingFieldIsNamed) {
  const InputError e = error_of(replace(kValid, "seats = 10\n", ""));
  EXPECT_EQ(e.field(), "body[0].list_tier.seats");
  EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
}

TEST_F(ScenarioFile, MissingShareForAnOptionIsNamed) {
  EXPECT_EQ(error_of(replace(kValid, "x = 10\n", "")).field(), "model.percent.x");
}

TEST_F(ScenarioFile, UnknownMethodIsRefused) {
  const InputError e = error_of(replace(kValid, "method = \"hare\"", "method = \"hair\""));
  EXPECT_EQ(e.line(), 33);
  EXPECT_EQ(e.field(), "body[0].list_tier.method");
  EXPECT_NE(std::string(e.what()).find("'hair'"), std::string::npos);
}

TEST_F(ScenarioFile, MisspeltKeyIsRefusedNotIgnored) {
  const InputError e = error_of(replace(kValid, "threshold = 0.05", "treshold = 0.05"));
  EXPECT_EQ(e.field(), "body[0].list_tier.treshold");
  EXPECT_NE(std::string(e.what()).find("unknown key"), std::string::npos);
}

TEST_F(ScenarioFile, UnknownOptionKindAndDuplicateIdAreRefused) {
  EXPECT_EQ(error_of(replace(kValid, "kind = \"against_all\"", "kind = \"none\"")).field(),
            "options[2].kind");
  const InputError e = error_of(replace(kValid, "id = \"b\"", "id = \"a\""));
  EXPECT_EQ(e.field(), "options[1].id");
  EXPECT_EQ(e.line(), 12);
}

TEST_F(ScenarioFile, TomlSyntaxErrorHasItsLine) {
  const InputError e = error_of(replace(kValid, "seed = 5", "seed = = 5"));
  EXPECT_EQ(e.line(), 6);
}

TEST_F(ScenarioFile, UnreadableFileIsAnInputError) {
  try {
    load_scenario("/nonexistent/dir/none.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/dir/none.toml");
  }
}

TEST_F(ScenarioFile, RunnerUpMinimumAboveSeatsIsRefused) {
  const InputError e =
      error_of(kValid + "\n[body.list_tier.runner_up]\ncoefficient = 0.7\nmin_seats = 11\n");
  EXPECT_EQ(e.field(), "body[0].list_tier.runner_up.min_seats");
}

TEST(ShippedScenarios, MazhilisDefaultIsThePollAverage) {
  const Scenario s = load_scenario(kDir + "kz/mazhilis-2023.toml");
  EXPECT_EQ(s.model_type, "polls");
  ASSERT_TRUE(s.poll_average.has_value());
  ASSERT_EQ(s.ballot.size(), 9u);
  EXPECT_EQ(s.ballot[0].id, "amanat");
  EXPECT_EQ(s.ballot[7].kind, OptionKind::against_all);
  EXPECT_EQ(s.ballot[8].kind, OptionKind::independent);  // district-only: not in the model
  EXPECT_EQ(s.total_votes, 6366441);
  // Amanat leads every poll by far: its pooled share of the decided is 55-75%.
  EXPECT_GT(s.poll_average->mean_shares(0), 0.55);
  EXPECT_LT(s.poll_average->mean_shares(0), 0.75);
  EXPECT_NEAR(s.poll_average->mean_shares.sum(), 1.0, 1e-12);
  // The shared error (0.32, normal) is on the diagonal of the covariance on top of the
  // sampling part.
  for (int i = 0; i < 8; ++i)
    EXPECT_NEAR(s.poll_average->covariance(i, i) - s.poll_average->sampling_cov(i, i), 0.1024,
                1e-12);
  EXPECT_FALSE(std::get<models::LogisticNormalModel>(s.model).student_t());
  const auto& tier = *s.bodies.at(0).list_tier;
  EXPECT_EQ(tier.seats, 69);
  EXPECT_EQ(tier.method, Method::hare);
  EXPECT_EQ(tier.threshold.base(), ThresholdBase::valid);
  ASSERT_TRUE(tier.runner_up.has_value());
  EXPECT_EQ(tier.runner_up->min_seats(), 2);
  const BodyConfig& body = s.bodies.at(0);
  ASSERT_TRUE(body.district_tier.has_value());
  EXPECT_EQ(body.district_tier->districts.size(), 29u);
  EXPECT_EQ(body.quota_share, 0.3);
  ASSERT_TRUE(body.lists.at(0).has_value());
  EXPECT_EQ(body.lists.at(0)->length(), 90);  // Amanat's registered list
}

TEST(ShippedScenarios, AllLoad) {
  for (const char* f : {"kz/mazhilis-2023.toml", "kz/mazhilis-2023-exit-polls.toml",
                        "kz/mazhilis-2023-backtest.toml", "kz/maslikhat-kostanay-2023.toml",
                        "kz/maslikhat-district-2023.toml", "kz/mazhilis-and-kostanay-2023.toml",
                        "bench/kz-list-dirichlet.toml"}) {
    SCOPED_TRACE(f);
    EXPECT_NO_THROW(load_scenario(kDir + f));
  }
}

}  // namespace
}  // namespace seatcast
