// Per-draw cost of the vote-share models with 8 options, against the floors: the same 8
// gammas alone, 8 ziggurat normals, 8 raw engine calls, and Boost's own
// gamma_distribution for the same 8 shapes. One item = one 8-option draw, so
// items_per_second is draws per second (times 8 for variates per second).
//
// Dirichlet alphas come from the Institute of Democracy poll (n = 8000, prior 1):
// amanat 58.4, auyl 5.1, aq_jol 5.4, qhp 5.2, respublica 4.2, jsdp 3.9, baytaq 1.8,
// others 16.0 percent. The logistic-normal model centres on the same shares with log-share
// sd 0.2 and equicorrelation 0.3.
#include <array>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/random/gamma_distribution.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"
#include "models/dirichlet.h"
#include "models/gamma.h"
#include "models/logistic_normal.h"
#include "models/vote_model.h"

namespace {

using seatcast::models::DirichletModel;
using seatcast::models::GammaSampler;
using seatcast::models::LogisticNormalModel;
using seatcast::models::VoteModel;
using seatcast::models::VoteSampler;

constexpr int kOptions = 8;
const std::vector<double> kPollPercent = {58.4, 5.1, 5.4, 5.2, 4.2, 3.9, 1.8, 16.0};

seatcast::random::Engine bench_engine() {
  return seatcast::random::make_engine(2024, 0, seatcast::random::Stage::national_shares);
}

DirichletModel poll_dirichlet() {
  return DirichletModel::from_poll(kPollPercent, 8000, 1.0);
}

LogisticNormalModel poll_logistic(double t_dof) {
  Eigen::VectorXd m(kOptions);
  for (int i = 0; i < kOptions; ++i) m[i] = kPollPercent[i];
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(kOptions, kOptions, 0.3);
  r.diagonal().setOnes();
  return LogisticNormalModel(m, Eigen::VectorXd::Constant(kOptions, 0.2), r, t_dof);
}

template <class Model>
void run_model(benchmark::State& state, const Model& model) {
  auto eng = bench_engine();
  std::array<double, kOptions> shares{};
  for (auto _ : state) {
    model.sample(eng, shares);
    benchmark::DoNotOptimize(shares.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Dirichlet8(benchmark::State& state) {
  run_model(state, poll_dirichlet());
}
BENCHMARK(BM_Dirichlet8);

void BM_LogisticNormal8(benchmark::State& state) {
  run_model(state, poll_logistic(0.0));
}
BENCHMARK(BM_LogisticNormal8);

void BM_LogisticNormal8_t5(benchmark::State& state) {
  run_model(state, poll_logistic(5.0));
}
BENCHMARK(BM_LogisticNormal8_t5);

// The variant entry point the simulation uses: std::visit on top of the model call.
void BM_VoteSampler_Dirichlet8(benchmark::State& state) {
  run_model(state, VoteSampler(VoteModel(poll_dirichlet())));
}
BENCHMARK(BM_VoteSampler_Dirichlet8);

void BM_VoteSampler_LogisticNormal8(benchmark::State& state) {
  run_model(state, VoteSampler(VoteModel(poll_logistic(0.0))));
}
BENCHMARK(BM_VoteSampler_LogisticNormal8);

// Floor of the Dirichlet: the same 8 gammas, no normalisation.
void BM_Floor_Gamma8(benchmark::State& state) {
  const DirichletModel model = poll_dirichlet();
  std::vector<GammaSampler> gammas;
  for (double a : model.alpha()) gammas.emplace_back(a);
  auto eng = bench_engine();
  for (auto _ : state) {
    for (const GammaSampler& g : gammas) benchmark::DoNotOptimize(g(eng));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Floor_Gamma8);

// Floor of the logistic-normal: 8 ziggurat normals.
void BM_Floor_Normal8(benchmark::State& state) {
  auto eng = bench_engine();
  seatcast::random::NormalDistribution normal;
  for (auto _ : state) {
    for (int i = 0; i < kOptions; ++i) benchmark::DoNotOptimize(normal(eng));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Floor_Normal8);

// Floor of everything: 8 raw 64-bit engine calls.
void BM_Floor_Engine8(benchmark::State& state) {
  auto eng = bench_engine();
  for (auto _ : state) {
    for (int i = 0; i < kOptions; ++i) benchmark::DoNotOptimize(eng());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Floor_Engine8);

// Comparison: Boost's gamma_distribution for the same 8 shapes.
void BM_BoostGamma8(benchmark::State& state) {
  const DirichletModel model = poll_dirichlet();
  std::vector<boost::random::gamma_distribution<double>> gammas;
  for (double a : model.alpha()) gammas.emplace_back(a);
  auto eng = bench_engine();
  for (auto _ : state) {
    for (auto& g : gammas) benchmark::DoNotOptimize(g(eng));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BoostGamma8);

}  // namespace
