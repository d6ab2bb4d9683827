// Choosing the generator by measurement (issue 18). items_per_second = 64-bit words
// (BM_Raw*) or variates (the samplers).
//
// seatcast uses Philox4x32-10 (engine/random/engine.h): a counter-based generator
// (Random123), every word addressable by (key, substream, position), Crush-resistant
// with a margin of three rounds, computed 64 calls at a time in the vector units. The
// candidates beside it: Boost.Random's engines (mt19937_64 was seatcast's until issue
// 18; taus88 and minstd_rand are faster or close but fail Crush; ranlux48 is of high
// quality and many times slower) and Random123's scalar Philox and Threefry. Normals:
// Boost's ziggurat over mt19937_64 (before) and seatcast's (engine/random/normal.h).
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include <Random123/philox.h>
#include <Random123/threefry.h>
#include <benchmark/benchmark.h>
#include <boost/random/lagged_fibonacci.hpp>
#include <boost/random/linear_congruential.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/ranlux.hpp>
#include <boost/random/taus88.hpp>

#include "engine/random/normal.h"
#include "engine/random/philox.h"
#include "engine/random/streams.h"
#include "engine/simd/exp.h"

namespace {

namespace random = seatcast::random;

template <class Engine>
void BM_Raw(benchmark::State& state) {
  Engine eng(20230319u);
  for (auto _ : state) benchmark::DoNotOptimize(eng());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_Raw, boost::random::mt19937_64);
BENCHMARK_TEMPLATE(BM_Raw, boost::random::mt19937);
BENCHMARK_TEMPLATE(BM_Raw, boost::random::taus88);
BENCHMARK_TEMPLATE(BM_Raw, boost::random::minstd_rand);
BENCHMARK_TEMPLATE(BM_Raw, boost::random::ranlux48);

// seatcast's engine, one word at a time from its buffer.
void BM_Raw_Philox_seatcast(benchmark::State& state) {
  random::Engine eng = random::make_engine(20230319, 0, random::Stage::national_shares);
  for (auto _ : state) benchmark::DoNotOptimize(eng());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Raw_Philox_seatcast);

// Random123's own scalar generators, one call (2 or 4 words) a time.
template <class Gen, int Words>
void BM_Raw_Random123(benchmark::State& state) {
  Gen gen;
  typename Gen::ctr_type c{};
  typename Gen::key_type k{};
  k.v[0] = 20230319u;
  for (auto _ : state) {
    ++c.v[0];
    benchmark::DoNotOptimize(gen(c, k));
  }
  state.SetItemsProcessed(state.iterations() * Words);
}
BENCHMARK_TEMPLATE(BM_Raw_Random123, r123::Philox4x32, 2);
BENCHMARK_TEMPLATE(BM_Raw_Random123, r123::Philox4x64, 4);
BENCHMARK_TEMPLATE(BM_Raw_Random123, r123::Threefry4x64, 4);
BENCHMARK_TEMPLATE(BM_Raw_Random123, r123::Threefry2x64, 2);

// Philox4x32-10 in bulk (64 calls, 128 words), per instruction set this machine has.
void BM_Raw_Philox_bulk(benchmark::State& state) {
  const auto isa = static_cast<random::philox::Isa>(state.range(0));
  if (!random::philox::supported(isa)) {
    state.SkipWithError("instruction set not available");
    return;
  }
  std::array<std::uint64_t, 128> out{};
  std::uint64_t pos = 0;
  for (auto _ : state) {
    random::philox::fill(isa, 20230319, 1, pos, 64, out.data());
    pos += 64;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetLabel(random::philox::name(isa));
  state.SetItemsProcessed(state.iterations() * 128);
}
BENCHMARK(BM_Raw_Philox_bulk)->Arg(0)->Arg(1)->Arg(2);

// Normals: Boost's ziggurat (128 layers) over each Boost engine, and seatcast's.
template <class Engine>
void BM_Normal_Boost(benchmark::State& state) {
  Engine eng(20230319u);
  boost::random::normal_distribution<double> normal;
  for (auto _ : state) benchmark::DoNotOptimize(normal(eng));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_Normal_Boost, boost::random::mt19937_64);
BENCHMARK_TEMPLATE(BM_Normal_Boost, boost::random::taus88);

void BM_Normal_seatcast(benchmark::State& state) {
  random::Engine eng = random::make_engine(20230319, 0, random::Stage::district_noise);
  for (auto _ : state) benchmark::DoNotOptimize(random::normal(eng));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Normal_seatcast);

// A batch as the district tier (80), Spain's provinces (654) and Germany's Wahlkreise
// (4991) draw them, on each path of the fast test (0 scalar, 1 AVX2, 2 AVX-512).
void BM_Normal_seatcast_batch(benchmark::State& state) {
  const auto isa = static_cast<seatcast::simd::Isa>(state.range(0));
  if (!seatcast::simd::supported(isa)) {
    state.SkipWithError("not on this processor");
    return;
  }
  state.SetLabel(seatcast::simd::name(isa));
  random::Engine eng = random::make_engine(20230319, 0, random::Stage::district_noise);
  std::vector<double> z(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) {
    random::fill_normals(isa, eng, z.data(), z.size());
    benchmark::DoNotOptimize(z.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_Normal_seatcast_batch)->ArgsProduct({{0, 1, 2}, {80, 654, 4991}});

// The exp of a draw's log-weights: glibc's one at a time against seatcast's batch
// (engine/simd/exp.h) on each path, over one province's options (13) and a level's (654).
std::vector<double> log_weights(std::size_t n) {
  random::Engine eng = random::make_engine(1, 0, random::Stage::area_noise);
  std::vector<double> x(n);
  random::fill_normals(eng, x.data(), n);
  for (double& v : x) v = 0.1 * v - 2.5;
  return x;
}

void BM_Exp_glibc(benchmark::State& state) {
  const std::vector<double> x = log_weights(static_cast<std::size_t>(state.range(0)));
  std::vector<double> y(x.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = std::exp(x[i]);
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Exp_glibc)->Arg(13)->Arg(654);

void BM_Exp_batch(benchmark::State& state) {
  const auto isa = static_cast<seatcast::simd::Isa>(state.range(0));
  if (!seatcast::simd::supported(isa)) {
    state.SkipWithError("not on this processor");
    return;
  }
  state.SetLabel(seatcast::simd::name(isa));
  const std::vector<double> x = log_weights(static_cast<std::size_t>(state.range(1)));
  std::vector<double> y(x.size());
  for (auto _ : state) {
    seatcast::simd::exp(isa, x.data(), y.data(), x.size());
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_Exp_batch)->ArgsProduct({{0, 1, 2}, {13, 654}});

}  // namespace
