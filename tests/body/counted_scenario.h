// A test fixture for small scenario files counted by hand: files written to a temporary
// folder of the test's own, the scenario loaded from there and its first body allocated
// on the counted votes of a CSV.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "engine/io/area_votes_csv.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"

namespace seatcast {

// The ballot and a model the counted tests never draw from: options (id, kind: "party"
// unless given) with their percents, a Dirichlet model of `total_votes`.
struct TestOption {
  const char* id;
  double percent;
  const char* kind = "party";
};
inline std::string ballot_and_model(std::initializer_list<TestOption> options, long total_votes) {
  std::string text, percent = "[model.percent]\n";
  for (const TestOption& o : options) {
    text += std::string("[[options]]\nid = \"") + o.id + "\"\nkind = \"" + o.kind + "\"\n";
    percent += std::string(o.id) + " = " + std::to_string(o.percent) + "\n";
  }
  return text + "[model]\ntype = \"dirichlet\"\ntotal_votes = " + std::to_string(total_votes) +
         "\nsample_size = 100\n" + percent;
}

class CountedScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("seatcast-" + std::string(info->test_suite_name()) + "-" + info->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void put(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // Writes the scenario text, loads it and counts `votes` (a file put before).
  CountedResult count(const std::string& text, const std::string& votes) {
    put("s.toml", text);
    const Scenario s = load_scenario((dir_ / "s.toml").string());
    const Simulation sim = make_simulation(s);
    return allocate_counted(sim.bodies.front(), s.ballot,
                            read_area_votes_csv((dir_ / votes).string()));
  }
  std::filesystem::path dir_;
};

}  // namespace seatcast
