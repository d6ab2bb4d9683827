// Draws per second of whole runs (vote model, list tier, tally) for the shipped
// scenarios, at 1 and 2 threads, beside the floor of the random variates they need.
#include <benchmark/benchmark.h>

#include "bench/floor.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

namespace {

using namespace seatcast;

const char* kScenarios[] = {
    SEATCAST_SOURCE_DIR "/scenarios/bench/kz-list-dirichlet.toml",  // Dirichlet
    SEATCAST_SOURCE_DIR "/scenarios/kz/mazhilis-2023.toml",         // logistic-normal from polls
};

void BM_Run(benchmark::State& state) {
  const Scenario scenario = load_scenario(kScenarios[state.range(0)]);
  const Simulation sim = make_simulation(scenario);
  const std::uint64_t draws = 200'000;
  const RunOptions opt{draws, 1, static_cast<int>(state.range(1)), 4096, nullptr};
  for (auto _ : state) {
    const RunResult r = run_simulation(sim, opt);
    benchmark::DoNotOptimize(r.tally.draws);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * draws));
  state.SetLabel(scenario.model_type);
}
BENCHMARK(BM_Run)
    ->ArgNames({"scenario", "threads"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Floor(benchmark::State& state) {
  const Scenario scenario = load_scenario(kScenarios[state.range(0)]);
  bench::VariateFloor floor(scenario.model);
  auto eng = random::make_engine(1, 0, random::Stage::national_shares);
  for (auto _ : state) benchmark::DoNotOptimize(floor.draw(eng));
  state.SetItemsProcessed(state.iterations());
  state.counters["variates"] = static_cast<double>(floor.variates());
  state.SetLabel(scenario.model_type);
}
BENCHMARK(BM_Floor)->ArgName("scenario")->Arg(0)->Arg(1);

}  // namespace
