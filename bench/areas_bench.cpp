// The cost of a multi-area body, per family of systems and per stage, on the shipped
// presets (scenarios/<cc>/): the whole body a draw (the areas' votes, every stage, the
// seats), the areas' votes alone, each stage alone on a draw whose earlier stages have
// run, and the tally. Each benchmark cycles through a pool of 64 national draws made
// once from the preset's model, so branch predictors do not learn one case.
// items_per_second = draws per second of that part.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace {

using namespace seatcast;

constexpr int kPool = 64;

struct Preset {
  const char* name;
  const char* path;
};
// One of each family: provinces with a threshold per area (es), a national filter
// before districts (pl), districts without a threshold (pt), one national allocation
// over a quota filter (nl), magnitudes from each draw's votes (cz), a parallel system
// with plurality districts (kz); compensated houses (nz, de 2025 cap and 2021 level, no
// and se leveling, il agreements, gr bonus).
constexpr Preset kPresets[] = {{"es-congreso-2023", "/scenarios/es/congreso-2023.toml"},
                               {"pl-sejm-2023", "/scenarios/pl/sejm-2023.toml"},
                               {"pt-assembleia-2024", "/scenarios/pt/assembleia-2024.toml"},
                               {"nl-tweede-kamer-2023", "/scenarios/nl/tweede-kamer-2023.toml"},
                               {"cz-snemovna-2017", "/scenarios/cz/snemovna-2017.toml"},
                               {"kz-mazhilis-2023", "/scenarios/kz/mazhilis-2023.toml"},
                               {"nz-house-2023", "/scenarios/nz/house-2023.toml"},
                               {"de-bundestag-2025", "/scenarios/de/bundestag-2025.toml"},
                               {"no-storting-2021", "/scenarios/no/storting-2021.toml"},
                               {"il-knesset-2022", "/scenarios/il/knesset-2022.toml"},
                               {"de-bundestag-2021", "/scenarios/de/bundestag-2021.toml"},
                               {"se-riksdag-2022", "/scenarios/se/riksdag-2022.toml"},
                               {"gr-parliament-2023-06", "/scenarios/gr/parliament-2023-06.toml"}};

struct Fixture {
  Scenario scenario;
  Simulation sim;
  std::vector<std::vector<double>> shares;  // [pool][options]
  std::vector<std::vector<Votes>> votes;
  std::vector<BodyDraw> draws;  // every stage run on each pooled draw

  explicit Fixture(const std::string& path)
      : scenario(load_scenario(path)), sim(make_simulation(scenario)) {
    models::VoteSampler sampler(sim.model);
    auto rng = random::make_engine(7, 0, random::Stage::national_shares);
    auto body_rng = random::make_engine(7, 0, random::Stage::district_noise);
    BodyScratch scratch;
    body().begin_block(scratch, 7, 0, 0);
    std::vector<double> model_shares(sim.model_options.size());
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

const Fixture& fixture(int preset) {
  static std::unique_ptr<Fixture> cache[std::size(kPresets)];
  if (!cache[preset])
    cache[preset] =
        std::make_unique<Fixture>(std::string(SEATCAST_SOURCE_DIR) + kPresets[preset].path);
  return *cache[preset];
}

struct Parts {
  BodyScratch scratch;
  random::Engine rng = random::make_engine(1, 0, random::Stage::district_noise);
  explicit Parts(const ElectedBody& body) { body.begin_block(scratch, 1, 0, 0); }
};

void BM_Body(benchmark::State& state, int preset) {
  const Fixture& f = fixture(preset);
  BodyDraw draw = f.body().make_draw();
  Parts p(f.body());
  int k = 0;
  for (auto _ : state) {
    f.body().evaluate(f.shares[k], f.votes[k], draw, p.scratch, p.rng, k);
    benchmark::DoNotOptimize(draw.seats_total.data());
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AreaVotes(benchmark::State& state, int preset) {
  const Fixture& f = fixture(preset);
  BodyDraw draw = f.body().make_draw();
  Parts p(f.body());
  int k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.body().draw_votes(f.shares[k], f.votes[k], draw, p.scratch, p.rng));
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}

// Stage `stage` alone, on copies of the pooled draws (their earlier stages have run).
void BM_Stage(benchmark::State& state, int preset, int stage) {
  const Fixture& f = fixture(preset);
  std::vector<BodyDraw> draws = f.draws;
  Parts p(f.body());
  int k = 0;
  for (auto _ : state) {
    f.body().run_stages(f.shares[k], draws[k], p.scratch, p.rng, k, false, stage, stage + 1);
    benchmark::DoNotOptimize(draws[k].ledger.tier_seats.data());
    k = (k + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Tally(benchmark::State& state, int preset) {
  const Fixture& f = fixture(preset);
  BodyTally tally(f.body());
  int k = 0;
  for (auto _ : state) {
    tally.add(f.body(), f.draws[k]);
    k = (k + 1) % kPool;
  }
  tally.settle();
  benchmark::DoNotOptimize(tally.words().data());
  state.SetItemsProcessed(state.iterations());
}

const char* kind_of(const Stage& s) {
  if (std::holds_alternative<FilterStage>(s)) return "filter";
  if (std::holds_alternative<AllocateStage>(s)) return "allocate";
  return "districts";
}

// Registered at start-up: one set per preset, a benchmark per stage of its body.
const bool registered = [] {
  for (int p = 0; p < static_cast<int>(std::size(kPresets)); ++p) {
    const std::string name = kPresets[p].name;
    benchmark::RegisterBenchmark(("BM_Body/" + name).c_str(), BM_Body, p);
    benchmark::RegisterBenchmark(("BM_AreaVotes/" + name).c_str(), BM_AreaVotes, p);
    const auto& stages = fixture(p).body().stages();
    for (int s = 0; s < static_cast<int>(stages.size()); ++s) {
      const std::string id = std::visit([](const auto& st) { return st.id; }, stages[s]);
      benchmark::RegisterBenchmark(
          ("BM_Stage/" + name + "/" + kind_of(stages[s]) + ":" + id).c_str(), BM_Stage, p, s);
    }
    benchmark::RegisterBenchmark(("BM_Tally/" + name).c_str(), BM_Tally, p);
  }
  return true;
}();

}  // namespace
