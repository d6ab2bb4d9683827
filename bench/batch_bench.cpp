// seatcast.allocate's engine (engine/batch/row_allocation.h): 10^6 rows of 8 options
// through the Mazhilis list rule (Hare, 69 seats, 5% of the valid votes) at 1 and 2
// threads, in rows a second. bench/python_bench.py measures the same call from
// Python against a NumPy implementation a user would write.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "engine/batch/row_allocation.h"

namespace {

using seatcast::Votes;

// Deterministic rows: shares that put several lists near the 5% line.
std::vector<Votes> rows_of_votes(std::size_t rows, std::size_t options) {
  std::mt19937_64 rng(20261203);
  std::gamma_distribution<double> g(2.0, 1.0);
  std::vector<Votes> v(rows * options);
  for (std::size_t r = 0; r < rows; ++r) {
    double w[16], sum = 0;
    for (std::size_t o = 0; o < options; ++o) sum += (w[o] = g(rng) * (o == 0 ? 6 : 1));
    for (std::size_t o = 0; o < options; ++o)
      v[r * options + o] = static_cast<Votes>(7'000'000 * w[o] / sum);
  }
  return v;
}

void BM_AllocateRows(benchmark::State& state) {
  const std::size_t rows = 1'000'000, options = 8;
  static const std::vector<Votes> votes = rows_of_votes(rows, options);
  seatcast::Ballot ballot(options);
  for (std::size_t o = 0; o < options; ++o) ballot[o].id = "p" + std::to_string(o);
  seatcast::ListTierConfig cfg;
  cfg.seats = 69;
  cfg.method = seatcast::Method::hare;
  cfg.threshold = seatcast::Threshold(0.05, seatcast::ThresholdBase::valid);
  const seatcast::ListTier tier(ballot, cfg);
  std::vector<std::int32_t> seats(rows * options);
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    seatcast::allocate_rows(tier, votes, options, seats, {}, threads);
    benchmark::DoNotOptimize(seats.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.SetLabel("rows (8 options, Hare 69 seats, 5%)");
}
BENCHMARK(BM_AllocateRows)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
