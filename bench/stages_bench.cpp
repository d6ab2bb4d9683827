// The cost of each stage of a draw, on the Kazakhstan Mazhilis 2023 scenario (98 seats:
// 69 list seats by Hare over 5% with the runner-up rule, 29 districts, the 30% list
// quota): the vote model, the list tier under every apportionment method, the district
// tier, the list quota, the metrics, the tally, and a whole body. Each benchmark cycles
// through a pool of 256 national draws made once from the scenario's model, so branch
// predictors do not learn one case. items_per_second = draws per second of that stage.
#include <benchmark/benchmark.h>

#include <vector>

#include "engine/metrics/disproportionality.h"
#include "engine/quota/list_quota.h"
#include "engine/rules/list_tier.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace {

using namespace seatcast;

constexpr int kPool = 256;

struct Fixture {
  Scenario scenario;
  Simulation sim;
  std::vector<std::vector<double>> shares;  // [pool][options]
  std::vector<std::vector<Votes>> votes;
  std::vector<BodyDraw> draws;  // the body's outcome of each pooled draw

  Fixture()
      : scenario(load_scenario(SEATCAST_SOURCE_DIR "/scenarios/kz/mazhilis-2023.toml")),
        sim(make_simulation(scenario)) {
    models::VoteSampler sampler(sim.model);
    auto rng = random::make_engine(7, 0, random::Stage::national_shares);
    auto body_rng = random::make_engine(7, 0, random::Stage::district_noise);
    std::vector<double> model_shares(sim.model_options.size());
    BodyScratch scratch;
    for (int k = 0; k < kPool; ++k) {
      sampler.sample(rng, model_shares);
      std::vector<double> s(sim.ballot.size(), 0.0);
      for (std::size_t i = 0; i < model_shares.size(); ++i)
        s[sim.model_options[i]] = model_shares[i];
      std::vector<Votes> v(s.size());
      shares_to_votes(s, sim.total_votes, v);
      BodyDraw d = body().make_draw();
      body().evaluate(s, v, d, scratch, body_rng, k);
      shares.push_back(std::move(s));
      votes.push_back(std::move(v));
      draws.push_back(std::move(d));
    }
  }
  const ElectedBody& body() const { return sim.bodies.front(); }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void BM_VoteModel(benchmark::State& state) {
  const Fixture& f = fixture();
  models::VoteSampler sampler(f.sim.model);
  auto rng = random::make_engine(1, 0, random::Stage::national_shares);
  std::vector<double> shares(f.sim.model_options.size());
  for (auto _ : state) {
    sampler.sample(rng, shares);
    benchmark::DoNotOptimize(shares.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VoteModel);

void BM_SharesToVotes(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<Votes> votes(f.sim.ballot.size());
  int k = 0;
  for (auto _ : state) {
    shares_to_votes(f.shares[k], f.sim.total_votes, votes);
    benchmark::DoNotOptimize(votes.data());
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SharesToVotes);

// The threshold, the runner-up rule and the allocation of 69 seats, per method.
void BM_ListTier(benchmark::State& state) {
  const Fixture& f = fixture();
  ListTierConfig config = *f.body().config().list_tier;
  config.method = static_cast<Method>(state.range(0));
  const ListTier tier(f.sim.ballot, config);
  std::vector<int> seats(f.sim.ballot.size());
  std::vector<std::uint8_t> passed(f.sim.ballot.size());
  ListTierScratch scratch;
  int k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tier.evaluate(f.votes[k], seats, passed, scratch, k));
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(to_string(config.method)));
}
BENCHMARK(BM_ListTier)->DenseRange(0, static_cast<int>(Method::adams), 1)->ArgName("method");

void BM_DistrictTier(benchmark::State& state) {
  const Fixture& f = fixture();
  const DistrictTier& tier = *f.body().district_tier();
  auto rng = random::make_engine(1, 0, random::Stage::district_noise);
  std::vector<int> seats(f.sim.ballot.size());
  DistrictScratch scratch;
  int k = 0;
  for (auto _ : state) {
    std::fill(seats.begin(), seats.end(), 0);
    benchmark::DoNotOptimize(tier.evaluate(f.shares[k], seats, rng, scratch));
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["normals"] = static_cast<double>(tier.variates_per_draw());
}
BENCHMARK(BM_DistrictTier);

// Seating every party's list for its list seats under the 30% quota.
void BM_ListQuota(benchmark::State& state) {
  const Fixture& f = fixture();
  const BodyConfig& config = f.body().config();
  int k = 0;
  for (auto _ : state) {
    const BodyDraw& d = f.draws[k];
    for (std::size_t o = 0; o < config.lists.size(); ++o) {
      if (!config.lists[o] || d.seats_pr[o] == 0) continue;
      const int need = quota_need(*config.quota_share, d.seats_pr[o]);
      benchmark::DoNotOptimize(config.lists[o]->seat(d.seats_pr[o], need));
    }
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ListQuota);

void BM_Metrics(benchmark::State& state) {
  const Fixture& f = fixture();
  const Disproportionality metrics(f.sim.ballot);
  int k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(metrics.measure(f.votes[k], f.draws[k].seats_pr));
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Metrics);

void BM_Tally(benchmark::State& state) {
  const Fixture& f = fixture();
  BodyTally tally(f.body());
  int k = 0;
  for (auto _ : state) {
    tally.add(f.body(), f.draws[k]);
    k = (k + 1) % kPool;
  }
  tally.settle();
  benchmark::DoNotOptimize(tally.seats_total().counts.data());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Tally);

// Everything a body does with one national draw: districts, list tier, quota, metrics.
void BM_Body(benchmark::State& state) {
  const Fixture& f = fixture();
  BodyDraw draw = f.body().make_draw();
  BodyScratch scratch;
  auto rng = random::make_engine(1, 0, random::Stage::district_noise);
  int k = 0;
  for (auto _ : state) {
    f.body().evaluate(f.shares[k], f.votes[k], draw, scratch, rng, k);
    benchmark::DoNotOptimize(draw.seats_total.data());
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Body);

}  // namespace
