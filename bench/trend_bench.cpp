// Fitting the dynamic poll model (models/poll_trend.h) is not in the draw loop but must
// stay interactive: a campaign of 500 polls of 12 options by 10 pollsters over 400 days
// (house effects estimated, the drift by marginal likelihood) in under a second on one
// core (issue 16). Also: one filter pass, the unit the drift search repeats.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>

#include "engine/random/normal.h"
#include "engine/random/streams.h"
#include "models/poll_trend.h"

namespace {

using seatcast::models::Poll;

std::vector<Poll> campaign(int polls, int options, int days, int pollsters) {
  seatcast::random::Engine eng(16);
  seatcast::random::NormalDistribution normal;
  boost::random::uniform_int_distribution<int> day_of(0, days - 1);
  std::vector<Poll> out;
  for (int p = 0; p < polls; ++p) {
    Poll poll;
    // Appended, not "P" + std::to_string(): GCC 12 warns falsely on that (-Wrestrict).
    poll.pollster = "P";
    poll.pollster += std::to_string(p % pollsters);
    poll.day = day_of(eng);
    poll.sample_size = 1000;
    double sum = 0;
    std::vector<double> w(static_cast<std::size_t>(options));
    for (int i = 0; i < options; ++i)
      sum += w[static_cast<std::size_t>(i)] =
          std::exp(-0.25 * i + 0.01 * poll.day / 10.0 * (i % 3 - 1) + 0.05 * normal(eng));
    for (int i = 0; i < options; ++i)
      poll.percent.emplace_back(100 * w[static_cast<std::size_t>(i)] / sum);
    poll.undecided_percent = 0;
    out.push_back(std::move(poll));
  }
  return out;
}

void BM_FitCampaign(benchmark::State& state) {
  const auto polls = campaign(static_cast<int>(state.range(0)), 12, 400, 10);
  seatcast::models::PollTrendSettings s;
  s.election_day = 400;
  s.poll.estimate_house_effects = state.range(1) != 0;
  for (auto _ : state) benchmark::DoNotOptimize(seatcast::models::fit_poll_trend(polls, 12, s));
  state.SetLabel("12 options, 400 days, 10 pollsters, drift estimated");
}
BENCHMARK(BM_FitCampaign)
    ->Args({500, 1})
    ->Args({500, 0})
    ->Args({100, 1})
    ->Unit(benchmark::kMillisecond);

void BM_FitGivenDrift(benchmark::State& state) {
  const auto polls = campaign(500, 12, 400, 10);
  seatcast::models::PollTrendSettings s;
  s.election_day = 400;
  s.drift = 0.01;
  s.poll.estimate_house_effects = true;
  for (auto _ : state) benchmark::DoNotOptimize(seatcast::models::fit_poll_trend(polls, 12, s));
}
BENCHMARK(BM_FitGivenDrift)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
