// Metric sums past 64 bits survive a results file: 10^12 draws can sum to more than 2^64
// millionths (a wasted-vote share of 20% is 2 x 10^7 a draw), so the file keeps the high
// word beside the low one and read_results puts them back together.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/output/results_file.h"
#include "engine/output/results_reader.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

namespace seatcast {
namespace {

TEST(MetricSums, PastSixtyFourBitsRoundTripThroughAResultsFile) {
  const Scenario scenario =
      load_scenario(SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml");
  const Simulation sim = make_simulation(scenario);
  RunOptions opt{5000, 3, 1, 1024, nullptr};
  Tally tally = run_simulation(sim, opt).tally;

  // The run's histograms with sums of 2^64 x (k + 1) + the run's own.
  const MetricHistograms m = tally.bodies[0].metrics();
  std::array<std::vector<std::uint64_t>, kMetricCount> counts;
  std::array<MetricHistograms::Sum, kMetricCount> sums{};
  for (Metric metric : kMetrics) {
    const auto k = static_cast<std::size_t>(metric);
    counts[k] = m.counts(metric);
    sums[k] = m.sum_micro(metric) + (static_cast<MetricHistograms::Sum>(k + 1) << 64);
  }
  tally.bodies[0].set_metrics(MetricHistograms::from_parts(counts, sums, m.draws()));

  const auto path = std::filesystem::path(SEATCAST_BINARY_DIR) / "metric-sums.h5";
  std::filesystem::remove(path);
  {
    ResultsWriter writer(path, scenario, sim, RunInfo{3, 5000, 1024, 1}, false);
    writer.finish(tally);
  }
  const ResultsData back = read_results(path);
  for (Metric metric : kMetrics)
    EXPECT_TRUE(back.bodies[0].tally.metrics().sum_micro(metric) ==
                sums[static_cast<std::size_t>(metric)])
        << to_string(metric);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace seatcast
