// Every input with which a fuzz target (tests/fuzz/) once crashed seatcast, fed to the same
// entry point: each must now be refused with an InputError naming the file, as a user
// would see it (exit status 2). The inputs live in tests/fuzz/crashes/TARGET/, named after
// what they broke; tests/fuzz/README.md lists them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/input_error.h"
#include "engine/io/votes_csv.h"
#include "engine/output/results_reader.h"
#include "engine/scenario/scenario.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> crashes(const std::string& target) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(SEATCAST_SOURCE_DIR "/tests/fuzz/crashes/" + target))
    if (e.is_regular_file() && e.path().filename() != ".gitkeep") out.push_back(e.path());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `parse`, expecting an InputError whose message starts with `file` (a path or its start).
template <class F>
void expect_input_error(const std::string& file, F parse) {
  try {
    parse();
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(file, 0), 0u) << e.what();
  }
}

TEST(FuzzCrashes, ResultsFilesAreRefused) {
  const auto files = crashes("results");
  EXPECT_GE(files.size(), 1u);
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.filename().string());
    expect_input_error(p.string(), [&] { read_results(p); });
  }
}

// The results fuzzer's committed seeds must stay readable, or it would fuzz the refusal
// of an old format only.
TEST(FuzzSeeds, ResultsSeedsAreReadable) {
  const std::string dir = SEATCAST_SOURCE_DIR "/tests/fuzz/corpus/results/";
  const ResultsData tiny = read_results(dir + "tiny.h5");
  EXPECT_EQ(tiny.draws, 64u);
  ASSERT_EQ(tiny.bodies.size(), 1u);
  EXPECT_EQ(tiny.bodies[0].seats, 3);
  EXPECT_EQ(tiny.bodies[0].coalitions, std::vector<std::string>{"ab"});
  const ResultsData contract = read_results(dir + "contract.h5");
  EXPECT_EQ(contract.draws, 10u);
  ASSERT_EQ(contract.options.size(), 2u);
  EXPECT_EQ(contract.options[1].kind, OptionKind::against_all);
  ASSERT_EQ(contract.bodies.size(), 1u);
  EXPECT_EQ(contract.bodies[0].tally.tie_draws(), 1u);
}

TEST(FuzzCrashes, ScenariosAreRefused) {
  // Where the scenario fuzzer puts its text, so `file = "data/..."` finds the same files.
  const std::string where = SEATCAST_SOURCE_DIR "/scenarios/kz/fuzz-input.toml";
  for (const fs::path& p : crashes("scenario")) {
    SCOPED_TRACE(p.filename().string());
    // The error names the scenario or a data file it refers to, both in scenarios/kz/.
    expect_input_error(SEATCAST_SOURCE_DIR "/scenarios/kz/",
                       [&] { make_simulation(parse_scenario(slurp(p), where)); });
  }
}

TEST(FuzzCrashes, VotesCsvsAreRefused) {
  for (const fs::path& p : crashes("votes_csv")) {
    SCOPED_TRACE(p.filename().string());
    expect_input_error("fuzz.csv", [&] { parse_votes_csv(slurp(p), "fuzz.csv"); });
  }
}

}  // namespace
}  // namespace seatcast
