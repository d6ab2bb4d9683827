// seatcast run: simulate a scenario, write the results file, print the summary table.
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "engine/cli/commands.h"
#include "engine/cli/progress.h"
#include "engine/cli/table.h"
#include "engine/io/input_error.h"
#include "engine/output/pending_file.h"
#include "engine/output/results_file.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_signal(int) { g_cancel.store(true); }

struct RunArgs {
  std::string scenario;
  std::uint64_t draws = 0;
  std::int64_t seed = -1;
  int threads = 0;
  std::string output;
  bool keep_draws = false;
  bool force = false;
  bool quiet = false;
};

int run(const RunArgs& a) {
  Scenario scenario = load_scenario(a.scenario);
  if (a.draws > 0) scenario.run.draws = a.draws;
  if (a.seed >= 0) scenario.run.seed = static_cast<std::uint64_t>(a.seed);
  const int threads = a.threads > 0 ? a.threads : static_cast<int>(std::thread::hardware_concurrency());
  std::string out = a.output;
  if (out.empty()) out = std::filesystem::path(a.scenario).stem().string() + ".h5";

  PendingFile pending(out, a.force);  // refuses an existing result before any work
  const Simulation sim = make_simulation(scenario);
  check_run_memory(scenario, sim, threads, a.keep_draws);  // before any work, see limits.h
  RunOptions opt{scenario.run.draws, scenario.run.seed, threads, scenario.run.block_size, &g_cancel};
  ResultsWriter writer(pending.temporary(), scenario, sim,
                       RunInfo{opt.seed, opt.draws, opt.block_size, threads}, a.keep_draws);

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  ProgressBar bar(!a.quiet);
  const auto start = std::chrono::steady_clock::now();
  const RunResult result = run_simulation(
      sim, opt, [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); },
      a.keep_draws ? BlockSink([&](const BlockRecord& b) { writer.append_block(b); })
                   : BlockSink());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bar.finish();
  if (result.cancelled) {
    fmt::print(stderr, "seatcast: interrupted; no result written\n");
    return 130;
  }
  writer.finish(result.tally);
  pending.commit();

  if (!a.quiet) {
    print_run_header(scenario, opt, threads, seconds, out);
    for (std::size_t b = 0; b < sim.bodies.size(); ++b)
      print_body_table(scenario.ballot, sim.bodies[b], result.tally.bodies[b], result.tally.draws);
  }
  return 0;
}

}  // namespace

Command add_run(CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->required();
  app.add_option("-n,--draws", a->draws, "Number of draws (default: the scenario's)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000'000}));
  app.add_option("-s,--seed", a->seed, "Random seed (default: the scenario's)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("-t,--threads", a->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  app.add_option("-o,--output", a->output, "Results file (default: SCENARIO-STEM.h5)");
  app.add_flag("--keep-draws", a->keep_draws, "Also store every draw's shares and seats");
  app.add_flag("--force", a->force, "Replace an existing results file");
  app.add_flag("-q,--quiet", a->quiet, "No progress bar and no table");
  return [a] { return run(*a); };
}

}  // namespace seatcast::cli
