// Apportionment throughput: one benchmark per method over {8, 30} lists x {69, 630}
// seats, on random-but-fixed vote vectors (a pool of draws so branch predictors do not
// learn one case). items/s = allocations per second.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "engine/rules/apportionment.h"

namespace {

using seatcast::Apportionment;
using seatcast::ApportionmentScratch;
using seatcast::Method;
using seatcast::Votes;

constexpr int kPool = 256;

// kPool vote vectors of `lists` lists: a skewed, simulation-like share profile (a few
// large lists, a tail of small ones) times an electorate of ~10 million, jittered.
std::vector<std::vector<Votes>> make_pool(int lists) {
  std::mt19937_64 rng(0x5ea7ca57u + static_cast<unsigned>(lists));
  std::vector<std::vector<Votes>> pool(kPool);
  for (auto& votes : pool) {
    votes.resize(lists);
    for (int i = 0; i < lists; ++i) {
      const double base = 1.0 / (1.0 + i);  // Zipf-like shares
      const double jitter = std::uniform_real_distribution<double>(0.7, 1.3)(rng);
      votes[i] = static_cast<Votes>(4'000'000.0 * base * jitter) + 1;
    }
  }
  return pool;
}

void bench_method(benchmark::State& state, Method method) {
  const int lists = static_cast<int>(state.range(0));
  const int seats = static_cast<int>(state.range(1));
  const auto pool = make_pool(lists);
  const Apportionment apportionment(method);
  ApportionmentScratch scratch;
  std::vector<int> out(lists);
  std::size_t k = 0;
  for (auto _ : state) {
    const auto outcome = apportionment.allocate(pool[k], seats, out, scratch);
    benchmark::DoNotOptimize(outcome);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}

void args(benchmark::internal::Benchmark* b) {
  b->Args({5, 7});  // a province of Spain's: a few lists over 3%, a handful of seats
  for (int lists : {8, 30})
    for (int seats : {69, 630}) b->Args({lists, seats});
  b->ArgNames({"lists", "seats"});
}

#define SEATCAST_BENCH_METHOD(name)         \
  void BM_##name(benchmark::State& state) { \
    bench_method(state, Method::name);      \
  }                                         \
  BENCHMARK(BM_##name)->Apply(args)

SEATCAST_BENCH_METHOD(hare);
SEATCAST_BENCH_METHOD(droop);
SEATCAST_BENCH_METHOD(hagenbach_bischoff);
SEATCAST_BENCH_METHOD(imperiali_quota);
SEATCAST_BENCH_METHOD(dhondt);
SEATCAST_BENCH_METHOD(sainte_lague);
SEATCAST_BENCH_METHOD(modified_sainte_lague);
SEATCAST_BENCH_METHOD(danish);
SEATCAST_BENCH_METHOD(imperiali);
SEATCAST_BENCH_METHOD(huntington_hill);
SEATCAST_BENCH_METHOD(adams);

}  // namespace
