// Reading what a user wrote (issue 13): shares written as fractions, percentages that do
// not add up, settings accepted without effect, CSVs saved by spreadsheets, options no
// poll reports, data files that do not open. Each refusal names file, line and field.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>
#include <vector>

#include <unistd.h>

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/percent.h"
#include "engine/io/votes_csv.h"
#include "engine/random/streams.h"
#include "engine/scenario/scenario.h"
#include "models/vote_model.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

const std::string kPolls =
    "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
    "P1,2024-01-10,1000,all,50,30,10,10\n"
    "P2,2024-01-15,1000,all,45,35,10,10\n";

// A poll scenario over options a, b and x (against all); `options_extra` adds options,
// `model_extra` lines to [model], `body_extra` lines to the list tier.
std::string polls_scenario(const std::string& model_extra, const std::string& options_extra = "",
                           const std::string& body_extra = "") {
  return "[[options]]\nid = \"a\"\n\n[[options]]\nid = \"b\"\n\n"
         "[[options]]\nid = \"x\"\nkind = \"against_all\"\n\n" +
         options_extra +
         "[model]\ntype = \"polls\"\ntotal_votes = 100000\nfile = \"polls.csv\"\n"
         "shared_error = 0.1\n" +
         model_extra +
         "\n[[body]]\nid = \"house\"\n\n[body.list_tier]\nseats = 10\nmethod = \"hare\"\n"
         "threshold = 0.05\n" +
         body_extra;
}

// A Dirichlet (or logistic-normal) scenario with [model.percent] a, b, x.
std::string percent_scenario(const std::string& type, double a, double b, double x,
                             const std::string& tail = "") {
  std::ostringstream s;
  s << "[[options]]\nid = \"a\"\n\n[[options]]\nid = \"b\"\n\n"
       "[[options]]\nid = \"x\"\nkind = \"against_all\"\n\n"
       "[model]\ntype = \""
    << type << "\"\ntotal_votes = 100000\n"
    << (type == "dirichlet" ? "sample_size = 1000\n" : "sigma = 0.1\n")
    << "\n[model.percent]\na = " << a << "\nb = " << b << "\nx = " << x << "\n"
    << "\n[[body]]\nid = \"house\"\n\n[body.list_tier]\nseats = 10\nmethod = \"hare\"\n"
       "threshold = 0.05\n"
    << tail;
  return s.str();
}

// Line (1-based) of the first line of `text` that starts with `start`.
int line_of(const std::string& text, const std::string& start) {
  std::istringstream in(text);
  std::string l;
  for (int n = 1; std::getline(in, l); ++n)
    if (l.rfind(start, 0) == 0) return n;
  ADD_FAILURE() << "no line starts with " << start;
  return 0;
}

class InputReading : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream name;
    name << "seatcast-input-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / name.str();
    fs::create_directories(dir_);
    put("polls.csv", kPolls);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string put(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string scenario_path() const { return (dir_ / "s.toml").string(); }
  // Loads `text` as s.toml and returns the error; fails the test if it loads.
  InputError error_of(const std::string& text) {
    const std::string p = put("s.toml", text);
    try {
      load_scenario(p);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "scenario loaded but should not have";
    return InputError("", 0, "", "");
  }
  Scenario load(const std::string& text) { return load_scenario(put("s.toml", text)); }
  fs::path dir_;
};

#define EXPECT_HAS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

// ---- item 2: shares written as fractions ----

TEST_F(InputReading, PollSharesWrittenAsFractionsAreRefusedNamingTheRow) {
  const std::string csv = put("polls.csv",
                              "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
                              "P1,2024-01-10,1000,all,50,30,10,10\n"
                              "P2,2024-01-15,1000,all,0.45,0.35,0.1,0.1\n");
  const InputError e = error_of(polls_scenario("default_sample_size = 800\n"));
  EXPECT_EQ(e.file(), csv);
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.field(), "a+b+x+undecided");
  EXPECT_HAS(e.what(), "the percentages sum to 1.00: write percent (32 for 32%)");
}

TEST_F(InputReading, DistrictBaselinesWrittenAsFractionsAreRefused) {
  const std::string csv = put("d.csv",
                              "district,region,a,b\n"
                              "d1,north,48,30\n"
                              "d2,north,0.48,0.3\n");
  const std::string text =
      percent_scenario("dirichlet", 60, 30, 10, "\n[body.district_tier]\nfile = \"d.csv\"\n");
  const InputError e = error_of(text);
  EXPECT_EQ(e.file(), csv);
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.field(), "a+b");
  EXPECT_HAS(e.what(), "sum to 0.78: write percent (32 for 32%)");
}

TEST_F(InputReading, TomlPercentTablesWrittenAsFractionsAreRefused) {
  const std::string text = percent_scenario("dirichlet", 0.6, 0.3, 0.1);
  InputError e = error_of(text);
  EXPECT_EQ(e.file(), scenario_path());
  EXPECT_EQ(e.field(), "model.percent");
  EXPECT_EQ(e.line(), line_of(text, "[model.percent]"));
  EXPECT_HAS(e.what(), "sum to 1.00: write percent (32 for 32%)");
  e = error_of(percent_scenario("dirichlet", 60, 30, 10,
                                "\n[body.electorate]\ntotal_votes = 1000\n"
                                "[body.electorate.percent]\na = 0.6\nb = 0.3\n"));
  EXPECT_EQ(e.field(), "body[0].electorate.percent");
  EXPECT_HAS(e.what(), "sum to 0.90: write percent");
}

TEST(PercentSum, OneRuleAndOneMessage) {
  EXPECT_EQ(kPercentSumTolerance, 0.5);
  EXPECT_FALSE(percent_sum_problem(100.4, PercentSum::complete));
  EXPECT_FALSE(percent_sum_problem(99.6, PercentSum::complete));
  EXPECT_EQ(percent_sum_problem(99.4, PercentSum::complete),
            "the percentages sum to 99.40; they must sum to 100 within 0.5");
  EXPECT_FALSE(percent_sum_problem(60, PercentSum::partial));
  EXPECT_FALSE(percent_sum_problem(100.5, PercentSum::partial));
  EXPECT_EQ(percent_sum_problem(100.6, PercentSum::partial),
            "the percentages sum to 100.60; they must sum to at most 100 (within 0.5)");
  EXPECT_EQ(percent_sum_problem(0, PercentSum::partial),
            "the percentages sum to 0.00; at least one must be positive");
  EXPECT_EQ(percent_sum_problem(1, PercentSum::complete),
            "the percentages sum to 1.00: write percent (32 for 32%), not fractions of 1");
}

// ---- item 3: percentages that do not add up, one rule everywhere ----

TEST_F(InputReading, ModelPercentSummingTo130IsRefusedForBothModels) {
  for (const char* type : {"dirichlet", "logistic-normal"}) {
    SCOPED_TRACE(type);
    const std::string text = percent_scenario(type, 80, 40, 10);
    const InputError e = error_of(text);
    EXPECT_EQ(e.file(), scenario_path());
    EXPECT_EQ(e.line(), line_of(text, "[model.percent]"));
    EXPECT_EQ(e.field(), "model.percent");
    EXPECT_HAS(e.what(), "the percentages sum to 130.00; they must sum to 100 within 0.5");
  }
}

TEST_F(InputReading, ModelPercentWithinTheToleranceIsNormalised) {
  const Scenario s = load(percent_scenario("dirichlet", 60, 29.7, 10));  // 99.7
  const auto& d = std::get<models::DirichletModel>(s.model);
  EXPECT_NEAR(d.alpha()[0], 60 / 99.7 * 1000 + 1, 1e-9);
}

TEST_F(InputReading, PollRowDistrictRowAndElectorateUseTheSameRule) {
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
      "P1,2024-01-10,1000,all,80,40,10,\n");
  InputError e = error_of(polls_scenario(""));
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.field(), "a+b+x");
  // A poll row allows half a point of rounding per figure it sums (three here).
  EXPECT_HAS(e.what(), "the percentages sum to 130.00; they must sum to at most 100 (within 1.5)");

  put("d.csv", "district,region,a,b\nd1,north,90,40\n");
  e = error_of(
      percent_scenario("dirichlet", 60, 30, 10, "\n[body.district_tier]\nfile = \"d.csv\"\n"));
  EXPECT_EQ(e.line(), 2);
  EXPECT_HAS(e.what(), "the percentages sum to 130.00; they must sum to at most 100 (within 0.5)");

  e = error_of(percent_scenario("dirichlet", 60, 30, 10,
                                "\n[body.electorate]\ntotal_votes = 1000\n"
                                "[body.electorate.percent]\na = 90\nb = 40\n"));
  EXPECT_EQ(e.field(), "body[0].electorate.percent");
  EXPECT_HAS(e.what(), "the percentages sum to 130.00; they must sum to at most 100 (within 0.5)");
}

// ---- item 4: settings accepted without a word ----

TEST_F(InputReading, AllianceMembersWithoutAllianceThresholdsAreRefused) {
  const std::string text = polls_scenario("", "", "alliance_members = { b = 2 }\n");
  const InputError e = error_of(text);
  EXPECT_EQ(e.file(), scenario_path());
  EXPECT_EQ(e.line(), line_of(text, "alliance_members"));
  EXPECT_EQ(e.field(), "body[0].list_tier.alliance_members");
  EXPECT_HAS(e.what(), "needs alliance_thresholds");
  EXPECT_HAS(e.what(), "alliance_thresholds = [0.05, 0.08, 0.11]");
}

TEST_F(InputReading, PollsWithoutASampleSizeColumnNeedAStatedDefault) {
  const std::string csv = put("polls.csv",
                              "pollster,a,b,x\n"
                              "P1,50,30,10\n"
                              "P2,45,35,10\n");
  const InputError e = error_of(polls_scenario(""));
  EXPECT_EQ(e.file(), csv);
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.field(), "sample_size");
  EXPECT_HAS(e.what(),
             "the header has no 'sample_size' column: add one, or state "
             "default_sample_size in [model] of " +
                 scenario_path());
  // Stated, it is used.
  const Scenario s = load(polls_scenario("default_sample_size = 700\n"));
  EXPECT_NEAR(s.poll_average->poll_weights[0], 700 * 0.9, 1e-9);
}

TEST_F(InputReading, APollWithAnEmptySampleSizeNeedsAStatedDefault) {
  const std::string csv = put("polls.csv",
                              "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
                              "P1,2024-01-10,1000,all,50,30,10,10\n"
                              "P2,2024-01-15,,all,45,35,10,10\n");
  const InputError e = error_of(polls_scenario(""));
  EXPECT_EQ(e.file(), csv);
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.field(), "sample_size");
  EXPECT_HAS(e.what(), "empty: give the poll's sample size, or state default_sample_size");
  const Scenario s = load(polls_scenario("default_sample_size = 500\n"));
  EXPECT_NEAR(s.poll_average->poll_weights[1], 500 * 0.9, 1e-9);
}

TEST_F(InputReading, PollSettingsWithoutEffectAreRefused) {
  InputError e = error_of(polls_scenario("house_effect_sd = 0.3\n"));
  EXPECT_EQ(e.field(), "model.house_effect_sd");
  EXPECT_HAS(e.what(), "only used with estimate_house_effects = true");
  e = error_of(polls_scenario("reference_date = \"2024-02-01\"\n"));
  EXPECT_EQ(e.field(), "model.reference_date");
  EXPECT_HAS(e.what(), "set half_life_days too");
  // A date that is not one is refused even when no recency weight reads it.
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,undecided\n"
      "P1,2024-13-10,1000,all,50,30,10,10\n");
  e = error_of(polls_scenario(""));
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.field(), "fieldwork_end");
}

TEST_F(InputReading, MoreSettingsWithoutEffectAreRefused) {
  // One poll per pollster: there is nothing to estimate.
  InputError e = error_of(polls_scenario("estimate_house_effects = true\n"));
  EXPECT_EQ(e.field(), "model.estimate_house_effects");
  EXPECT_HAS(e.what(), "needs at least two pollsters with two or more polls each");
  e = error_of(polls_scenario("undecided_column = \"dont_know\"\n"));
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.field(), "dont_know");
  EXPECT_HAS(e.what(), "the header has no 'dont_know' column");
  e = error_of(polls_scenario("", "", "first_divisor = 1.2\n"));
  EXPECT_EQ(e.field(), "body[0].list_tier.first_divisor");
  EXPECT_HAS(e.what(), "only used with method = \"modified-sainte-lague\"");
  std::string text = polls_scenario("", "", "first_divisor = 1.2\n");
  text.replace(text.find("\"hare\""), 6, "\"modified-sainte-lague\"");
  EXPECT_EQ(load(text).bodies[0].list_tier->first_divisor, 1.2);
}

TEST_F(InputReading, DistrictIgnoreColumnsMustBeNames) {
  put("d.csv", "district,region,a,b\nd1,north,48,30\n");
  const InputError e = error_of(percent_scenario(
      "dirichlet", 60, 30, 10, "\n[body.district_tier]\nfile = \"d.csv\"\nignore_columns = [3]\n"));
  EXPECT_EQ(e.field(), "body[0].district_tier.ignore_columns");
  EXPECT_HAS(e.what(), "expected column names (strings)");
}

// ---- item 10: byte-order marks and other separators ----

TEST(Csv, AByteOrderMarkIsSkipped) {
  const VotesTable t = parse_votes_csv("\xEF\xBB\xBFoption,votes\na,10\nb,5\n", "v.csv");
  ASSERT_EQ(t.ballot.size(), 2u);
  EXPECT_EQ(t.ballot[0].id, "a");
  EXPECT_EQ(t.votes[1], 5);
  const CsvTable c = parse_csv("\xEF\xBB\xBF\"option\",votes\n", "q.csv");
  EXPECT_EQ(c.header[0], "option");
}

TEST(Csv, AnotherSeparatorIsNamed) {
  try {
    parse_votes_csv("option;votes\na;10\n", "semi.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.field(), "option");
    EXPECT_EQ(std::string(e.what()),
              "semi.csv:1: field 'option': the header has no 'option' column: the header looks "
              "';'-separated: seatcast reads comma-separated files");
  }
  try {
    parse_votes_csv("option\tvotes\na\t10\n", "tab.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_HAS(e.what(), "the header looks tab-separated: seatcast reads comma-separated files");
  }
  // Decimal commas in a ';' file split its rows before any column is looked up.
  try {
    parse_csv("pollster;a;b\nP1;48,6;6,2\n", "eu.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_HAS(e.what(), "found 3: the header looks ';'-separated");
  }
}

TEST_F(InputReading, PollsAndDistrictsFromExcelLoad) {
  put("polls.csv", "\xEF\xBB\xBF" + kPolls);
  put("d.csv",
      "\xEF\xBB\xBF"
      "district,region,a,b\r\nd1,north,48,30\r\n");
  const Scenario s = load(polls_scenario("", "", "\n[body.district_tier]\nfile = \"d.csv\"\n"));
  EXPECT_EQ(s.bodies[0].district_tier->districts.at(0).id, "d1");
  EXPECT_EQ(s.poll_average->mean_shares.size(), 3);
}

// ---- item 11: options no poll reports ----

const std::string kNewParty = "[[options]]\nid = \"c\"\nname = \"New Party\"\n\n";

TEST_F(InputReading, AnUnpolledOptionIsNamed) {
  const std::string csv = put("polls.csv",
                              "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
                              "P1,2024-01-10,1000,all,50,30,10,,10\n"
                              "P2,2024-01-15,1000,all,45,35,10,,10\n");
  const InputError e = error_of(polls_scenario("", kNewParty));
  EXPECT_EQ(e.file(), csv);
  EXPECT_EQ(e.field(), "c");
  EXPECT_HAS(e.what(), "option 'c' (New Party) is reported by no poll");
  EXPECT_HAS(e.what(), "[model.prior_percent]");
}

// An option with a prior needs no column, or may have one that ignore_columns skips (a
// published figure that is not its share): the same model as an empty column. Without
// a prior, a missing column is still refused, saying what to do.
TEST_F(InputReading, APriorOptionNeedsNoColumn) {
  const std::string prior = "prior_sigma = 0.3\n\n[model.prior_percent]\nc = 1.5\n";
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
      "P1,2024-01-10,1000,all,50,30,10,,10\n"
      "P2,2024-01-15,1000,all,45,35,10,,10\n");
  const Scenario empty = load(polls_scenario(prior, kNewParty));
  put("polls.csv", kPolls);  // no column c
  const Scenario absent = load(polls_scenario(prior, kNewParty));
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
      "P1,2024-01-10,1000,all,50,30,10,7,10\n"
      "P2,2024-01-15,1000,all,45,35,10,9,10\n");
  const Scenario ignored = load(polls_scenario("ignore_columns = [\"c\"]\n" + prior, kNewParty));
  const auto& m = empty.poll_average->mean_shares;
  ASSERT_EQ(m.size(), 4);
  EXPECT_NEAR(m(3), 0.015, 1e-12);
  EXPECT_TRUE(absent.poll_average->mean_shares.isApprox(m, 1e-12));
  EXPECT_TRUE(ignored.poll_average->mean_shares.isApprox(m, 1e-12));
  EXPECT_TRUE(absent.poll_average->covariance.isApprox(empty.poll_average->covariance, 1e-12));

  put("polls.csv", kPolls);
  const InputError e = error_of(polls_scenario("", kNewParty));
  EXPECT_EQ(e.field(), "c");
  EXPECT_HAS(e.what(), "no column for this ballot option");
  EXPECT_HAS(e.what(), "[model.prior_percent]");
}

// Mean shares of `draws` draws of a model.
std::vector<double> draw_means(const models::VoteModel& model, int draws) {
  auto eng = random::make_engine(7, 0, random::Stage::national_shares);
  std::vector<double> shares(models::size(model)), mean(shares.size(), 0.0);
  for (int d = 0; d < draws; ++d) {
    models::sample(model, eng, shares);
    for (std::size_t i = 0; i < shares.size(); ++i) mean[i] += shares[i] / draws;
  }
  return mean;
}

TEST_F(InputReading, APriorShareStandsInForAnUnpolledOption) {
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
      "P1,2024-01-10,1000,all,50,30,10,,10\n"
      "P2,2024-01-15,1000,all,45,35,10,,10\n");
  const Scenario with =
      load(polls_scenario("prior_sigma = 0.3\n\n[model.prior_percent]\nc = 1.5\n", kNewParty));
  put("polls.csv", kPolls);
  const Scenario without = load(polls_scenario(""));
  const auto& m = with.poll_average->mean_shares;
  const auto& m0 = without.poll_average->mean_shares;
  ASSERT_EQ(m.size(), 4);
  // The centre is the prior; the polled options share the rest in the polls' ratios.
  EXPECT_NEAR(m(3), 0.015, 1e-12);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(m(i), m0(i) * 0.985, 1e-12) << i;
  EXPECT_NEAR(with.poll_average->covariance(3, 3), 0.09, 1e-12);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(with.poll_average->covariance(3, i), 0.0);
  // The polled block is the polls' own (sampling + shared error), untouched by the prior.
  EXPECT_TRUE(with.poll_average->covariance.topLeftCorner(3, 3).isApprox(
      without.poll_average->covariance, 1e-12));

  // Draws: the option's mean share is the prior within 0.1 points (the log-normal skew
  // lifts it by about sigma^2/2 = 4.5% relative, 0.07 points), the polled options' mean
  // ratios within 1% of the fit without it.
  const int n = 200000;
  const std::vector<double> d = draw_means(with.model, n);
  const std::vector<double> d0 = draw_means(without.model, n);
  EXPECT_NEAR(d[3], 0.015, 0.001);
  EXPECT_GT(d[3], 0.015);
  EXPECT_NEAR((d[0] / d[1]) / (d0[0] / d0[1]), 1.0, 0.01);
  EXPECT_NEAR((d[2] / d[1]) / (d0[2] / d0[1]), 1.0, 0.01);
}

TEST_F(InputReading, PriorShareMistakesAreNamed) {
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
      "P1,2024-01-10,1000,all,50,30,10,,10\n"
      "P2,2024-01-15,1000,all,45,35,10,2,8\n");
  // c is polled once: a prior would override a measurement.
  InputError e =
      error_of(polls_scenario("prior_sigma = 0.3\n[model.prior_percent]\nc = 1.5\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_percent.c");
  EXPECT_HAS(e.what(), "option 'c' (New Party) is reported by 1 poll(s)");
  put("polls.csv",
      "pollster,fieldwork_end,sample_size,base,a,b,x,c,undecided\n"
      "P1,2024-01-10,1000,all,50,30,10,,10\n");
  e = error_of(polls_scenario("[model.prior_percent]\nc = 1.5\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_sigma");
  EXPECT_HAS(e.what(), "missing");
  e = error_of(polls_scenario("prior_sigma = 0.3\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_sigma");
  e = error_of(polls_scenario("prior_sigma = 0.3\n[model.prior_percent]\nc = 0\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_percent.c");
  e = error_of(polls_scenario("prior_sigma = 0.3\n[model.prior_percent]\nc = 100\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_percent.c");
  e = error_of(
      polls_scenario("prior_sigma = 0.3\n[model.prior_percent]\nc = 1.5\nb = 99\n", kNewParty));
  EXPECT_EQ(e.field(), "model.prior_percent");
  EXPECT_HAS(e.what(), "must leave a share for the polled options");
  // A table of sds, one per prior option.
  const Scenario s = load(
      polls_scenario("[model.prior_percent]\nc = 2\n[model.prior_sigma]\nc = 0.5\n", kNewParty));
  EXPECT_NEAR(s.poll_average->covariance(3, 3), 0.25, 1e-12);
  EXPECT_NEAR(s.poll_average->mean_shares(3), 0.02, 1e-12);
}

// ---- item 12: a data file that does not open ----

TEST_F(InputReading, AMissingDataFileIsNamedAsResolvedAtTheLineThatNamedIt) {
  std::string text = polls_scenario("");
  text.replace(text.find("file = \"polls.csv\""), 18, "file = \"data/pols.csv\"");
  InputError e = error_of(text);
  EXPECT_EQ(e.file(), scenario_path());
  EXPECT_EQ(e.line(), line_of(text, "file = "));
  EXPECT_EQ(e.field(), "model.file");
  EXPECT_HAS(e.what(),
             "cannot open '" + (dir_ / "data/pols.csv").string() +
                 "' ('data/pols.csv' beside the scenario file): No such file or directory");

  text = percent_scenario("dirichlet", 60, 30, 10, "\n[body.district_tier]\nfile = \"nod.csv\"\n");
  e = error_of(text);
  EXPECT_EQ(e.file(), scenario_path());
  EXPECT_EQ(e.line(), line_of(text, "file = "));
  EXPECT_EQ(e.field(), "body[0].district_tier.file");
  EXPECT_HAS(e.what(), (dir_ / "nod.csv").string());

  fs::create_directories(dir_ / "adir");
  text = percent_scenario("dirichlet", 60, 30, 10, "\n[body.district_tier]\nfile = \"adir\"\n");
  EXPECT_HAS(error_of(text).what(), "a directory");
}

}  // namespace
}  // namespace seatcast
