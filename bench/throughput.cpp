// seatcast-throughput: the throughput runner. Runs a scenario at the given thread counts
// and prints draws per second, ns per draw, the random variates a draw needs, the ratio
// to the floor (drawing only those variates, one thread), and peak memory.
//   seatcast-throughput SCENARIO [-n DRAWS] [--threads 1,2] [--repeat 3] [--block-sizes 1024,4096]
#include <fmt/core.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>

#include "bench/floor.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

using namespace seatcast;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"seatcast throughput runner"};
  std::string path;
  std::uint64_t draws = 2'000'000;
  std::vector<int> threads = {1, 2};
  int repeat = 3;
  std::vector<std::uint64_t> block_sizes;
  app.add_option("scenario", path, "Scenario file")->required();
  app.add_option("-n,--draws", draws, "Draws per run");
  app.add_option("--threads", threads, "Thread counts")->delimiter(',');
  app.add_option("--repeat", repeat, "Runs per setting; the best is reported");
  app.add_option("--block-sizes", block_sizes,
                 "Block sizes to compare (default: the scenario's); results differ by block size")
      ->delimiter(',');
  bool no_metrics = false;
  app.add_flag("--no-metrics", no_metrics, "As with [run] metrics = false: no per-draw metrics");
  CLI11_PARSE(app, argc, argv);

  Scenario scenario = load_scenario(path);
  if (no_metrics)
    for (BodyConfig& b : scenario.bodies) b.metrics = false;
  const Simulation sim = make_simulation(scenario);

  // Floor: the model's variates only, one thread, best of `repeat`.
  std::size_t body_normals = 0;
  for (const ElectedBody& b : sim.bodies) body_normals += b.variates_per_draw();
  bench::VariateFloor floor(scenario.model, body_normals);
  auto eng = random::make_engine(1, 0, random::Stage::national_shares);
  double floor_ns = 1e300, sink = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto t = std::chrono::steady_clock::now();
    for (std::uint64_t d = 0; d < draws; ++d) sink += floor.draw(eng);
    floor_ns = std::min(floor_ns, seconds_since(t) * 1e9 / draws);
  }

  fmt::print("scenario: {}\nmodel: {}; {} random variates per draw ({} for the bodies)\n", path,
             scenario.model_type, floor.variates(), body_normals);
  bench::LegacyFloor legacy(floor);
  boost::random::mt19937_64 legacy_eng(1);
  double legacy_ns = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto t = std::chrono::steady_clock::now();
    for (std::uint64_t d = 0; d < draws; ++d) sink += legacy.draw(legacy_eng);
    legacy_ns = std::min(legacy_ns, seconds_since(t) * 1e9 / draws);
  }
  fmt::print("floor (variates only, 1 thread): {:.1f} ns/draw, {:.0f} draws/s  [{}]\n", floor_ns,
             1e9 / floor_ns, sink > 0 ? "ok" : "?");
  fmt::print(
      "floor before issue 18 (mt19937_64, Boost's ziggurat): {:.1f} ns/draw ({:.2f}x the floor)\n",
      legacy_ns, legacy_ns / floor_ns);
  if (block_sizes.empty()) block_sizes.push_back(scenario.run.block_size);
  fmt::print("{:>8} {:>8} {:>14} {:>10} {:>16}\n", "block", "threads", "draws/s", "ns/draw",
             "x floor (1 thr)");
  for (std::uint64_t block : block_sizes) {
    for (int t : threads) {
      double best = 1e300;
      for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const RunResult res = run_simulation(sim, RunOptions{draws, 1, t, block, nullptr});
        if (res.tally.draws != draws) return 1;
        best = std::min(best, seconds_since(start));
      }
      const double ns = best * 1e9 / draws;
      // Per-thread cost against the one-thread floor: ns x threads / floor.
      fmt::print("{:>8} {:>8} {:>14.0f} {:>10.1f} {:>16.2f}\n", block, t, draws / best, ns,
                 ns * t / floor_ns);
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("peak memory: {:.1f} MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
