// Whole runs with the threshold options and the metrics: metric histograms hold one
// count per draw and do not depend on the thread count; a list under the line that wins
// enough districts in the same body takes part in every draw.
#include <gtest/gtest.h>
#include <algorithm>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include <unistd.h>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

namespace seatcast {
namespace {

namespace fs = std::filesystem;

const std::string kBench = SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml";

RunResult run_with(const Simulation& sim, std::uint64_t draws, std::uint64_t seed, int threads) {
  return run_simulation(sim, RunOptions{draws, seed, threads, 256, nullptr}, {}, {});
}

TEST(MetricsRun, HistogramsSumToDrawsAndDoNotDependOnThreads) {
  const Simulation sim = make_simulation(load_scenario(kBench));
  const std::uint64_t draws = 6000;
  const Tally one = run_with(sim, draws, 11, 1).tally;
  const Tally eight = run_with(sim, draws, 11, 8).tally;
  const MetricHistograms m = one.bodies[0].metrics();
  EXPECT_EQ(m.draws(), draws);
  for (Metric metric : kMetrics) {
    const auto& counts = m.counts(metric);
    EXPECT_EQ(counts.size(), static_cast<std::size_t>(bins_of(metric).count));
    EXPECT_EQ(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}), draws)
        << to_string(metric);
    EXPECT_EQ(counts, eight.bodies[0].metrics().counts(metric)) << to_string(metric);
    EXPECT_EQ(m.mean(metric), eight.bodies[0].metrics().mean(metric)) << to_string(metric);
    // The mean lies within the histogram's range of occupied bins.
    std::size_t lo = counts.size(), hi = 0;
    for (std::size_t k = 0; k < counts.size(); ++k)
      if (counts[k]) lo = std::min(lo, k), hi = k;
    const MetricBins& b = bins_of(metric);
    EXPECT_GE(m.mean(metric), b.min + static_cast<double>(lo) * b.width - 1e-9);
    EXPECT_LE(m.mean(metric), b.min + static_cast<double>(hi + 1) * b.width + 1e-9);
  }
  // Eight or so lists around the Kazakhstan polls: some disproportionality, ENP by votes
  // above ENP by seats (the threshold removes small lists).
  EXPECT_GT(m.mean(Metric::gallagher), 0.5);
  EXPECT_GT(m.mean(Metric::enp_votes), m.mean(Metric::enp_seats));
}

// a, b and c stand for 20 list seats over 5%; c has about 3% of the vote nationally but
// 80% in each of three districts, which it wins in every draw (no district noise).
const char* kMixed = R"([scenario]
name = "mixed"

[[options]]
id = "a"

[[options]]
id = "b"

[[options]]
id = "c"

[model]
type = "dirichlet"
total_votes = 1000000
sample_size = 100000

[model.percent]
a = 70
b = 27
c = 3

[[body]]
id = "house"

[body.list_tier]
seats = 20
method = "hare"
threshold = 0.05
ALTERNATIVE

[body.district_tier]
file = "districts.csv"
)";

class MixedRun : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ostringstream name;
    name << "seatcast-mixed-" << ::getpid() << "-"
         << ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() / name.str();
    fs::create_directories(dir_);
    std::ofstream(dir_ / "districts.csv") << "district,region,a,b,c\n"
                                             "1,north,10,10,80\n"
                                             "2,north,10,10,80\n"
                                             "3,south,10,10,80\n"
                                             "4,south,60,30,10\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Tally run(const std::string& alternative) {
    std::string text = kMixed;
    text.replace(text.find("ALTERNATIVE"), 11, alternative);
    std::ofstream(dir_ / "mixed.toml") << text;
    const Simulation sim = make_simulation(load_scenario((dir_ / "mixed.toml").string()));
    return run_with(sim, 2000, 5, 2).tally;
  }
  fs::path dir_;
};

TEST_F(MixedRun, ThreeDistrictSeatsAdmitAListUnderTheLine) {
  const Tally with = run("alternative_district_seats = 3");
  const BodyTally& t = with.bodies[0];
  // c wins its three districts in every draw and so takes part in every draw.
  EXPECT_EQ(t.seats_district().row(2)[3], 2000u);
  EXPECT_EQ(t.passed_threshold()[2], 2000u);
  // Hare gives c (about 3% of 20 seats = 0.6) a list seat in most draws.
  EXPECT_GT(2000u - t.seats_pr().row(2)[0], 1000u);

  const Tally four = run("alternative_district_seats = 4");
  EXPECT_LT(four.bodies[0].passed_threshold()[2], 20u);  // only when c reaches 5% itself
  const Tally without = run("");
  EXPECT_TRUE(
      std::ranges::equal(without.bodies[0].passed_threshold(), four.bodies[0].passed_threshold()));
  // The district seats are the same whatever the list rule: districts do not depend on it.
  EXPECT_EQ(without.bodies[0].seats_district().values(), t.seats_district().values());
}

}  // namespace
}  // namespace seatcast
