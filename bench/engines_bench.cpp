// Choosing the engine by measurement: the cost of 8 raw outputs and of 8 ziggurat normals
// over each of Boost.Random's engines that could serve (the gamma sampler needs 64-bit
// outputs, so among these only mt19937_64 can drive it: bench_models has its figures).
// items_per_second = draws of 8 variates.
//
// seatcast uses mt19937_64 (engine/random/streams.h). The quality argument: it passes
// TestU01's BigCrush but for the linear-complexity tests no simulation here can feel,
// has period 2^19937 - 1 and 64-bit outputs equidistributed in 311 dimensions, and is
// seeded per block through SplitMix64, so blocks start far apart. taus88 and
// minstd_rand are faster or close but fail BigCrush; the lagged Fibonacci engines have
// known three-point correlations; ranlux48 is of high quality but many times slower.
// This benchmark shows what the choice costs against the faster ones.
#include <array>
#include <cstdint>

#include <benchmark/benchmark.h>
#include <boost/random/lagged_fibonacci.hpp>
#include <boost/random/linear_congruential.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/ranlux.hpp>
#include <boost/random/taus88.hpp>

namespace {

constexpr int kVariates = 8;

template <class Engine>
void BM_Raw8(benchmark::State& state) {
  Engine eng(20230319u);
  for (auto _ : state)
    for (int i = 0; i < kVariates; ++i) benchmark::DoNotOptimize(eng());
  state.SetItemsProcessed(state.iterations());
}

template <class Engine>
void BM_Normal8(benchmark::State& state) {
  Engine eng(20230319u);
  boost::random::normal_distribution<double> normal;
  for (auto _ : state)
    for (int i = 0; i < kVariates; ++i) benchmark::DoNotOptimize(normal(eng));
  state.SetItemsProcessed(state.iterations());
}

#define SEATCAST_BENCH_ENGINE(engine)                 \
  BENCHMARK_TEMPLATE(BM_Raw8, boost::random::engine); \
  BENCHMARK_TEMPLATE(BM_Normal8, boost::random::engine)

SEATCAST_BENCH_ENGINE(mt19937_64);
SEATCAST_BENCH_ENGINE(mt19937);
SEATCAST_BENCH_ENGINE(taus88);
SEATCAST_BENCH_ENGINE(minstd_rand);
SEATCAST_BENCH_ENGINE(ranlux48);

}  // namespace
