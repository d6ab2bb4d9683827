#include "engine/sim/sweep.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/metrics/disproportionality.h"
#include "engine/random/streams.h"
#include "engine/sim/block_runner.h"

namespace seatcast {

namespace {

constexpr double kMicro = 1e6;

std::uint64_t to_micro(double x) {
  return x > 0 ? static_cast<std::uint64_t>(std::llround(x * kMicro)) : 0;
}

// Sample standard deviation from integer sums: n x sumsq - sum^2 exactly while it fits in
// 128 bits; past that (10^12 draws of large values) in long double, still a function of
// the integer sums alone, so the result stays independent of the threads.
double sd_of(Int128 sum, Int128 sumsq, std::uint64_t n) {
  if (n < 2) return 0;
  const double nn = static_cast<double>(n) * static_cast<double>(n - 1);
  Int128 nq = 0, ss = 0;
  if (__builtin_mul_overflow(static_cast<Int128>(n), sumsq, &nq) ||
      __builtin_mul_overflow(sum, sum, &ss)) {
    const long double ln = static_cast<long double>(n), ls = static_cast<long double>(sum);
    const long double num = ln * static_cast<long double>(sumsq) - ls * ls;
    return num <= 0 ? 0 : std::sqrt(static_cast<double>(num / static_cast<long double>(nn)));
  }
  const Int128 num = nq - ss;
  if (num <= 0) return 0;
  return std::sqrt(static_cast<double>(num) / nn);
}

void add_into(std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
}

}  // namespace

SweepTally::SweepTally(int n_settings, int n_options, int n_seats, std::size_t ref)
    : settings(n_settings),
      options(n_options),
      seats(n_seats),
      bins(kPercentBins.count),
      reference(ref) {
  const std::size_t s = static_cast<std::size_t>(settings);
  const std::size_t so = s * static_cast<std::size_t>(options);
  seats_pr.assign(so * (static_cast<std::size_t>(seats) + 1), 0);
  passed.assign(so, 0);
  runner_up_draws.assign(s, 0);
  waived_draws.assign(s, 0);
  tie_draws.assign(s, 0);
  wasted.assign(s * static_cast<std::size_t>(bins), 0);
  gallagher.assign(s * static_cast<std::size_t>(bins), 0);
  wasted_sum.assign(s, 0);
  gallagher_sum.assign(s, 0);
  wasted_sumsq.assign(s, 0);
  gallagher_sumsq.assign(s, 0);
  diff_sum.assign(so, 0);
  diff_sumsq.assign(so, 0);
}

void SweepTally::merge(const SweepTally& o) {
  draws += o.draws;
  for (auto [a, b] : {std::pair{&seats_pr, &o.seats_pr},
                      {&passed, &o.passed},
                      {&runner_up_draws, &o.runner_up_draws},
                      {&waived_draws, &o.waived_draws},
                      {&tie_draws, &o.tie_draws},
                      {&wasted, &o.wasted},
                      {&gallagher, &o.gallagher}})
    add_into(*a, *b);
  for (std::size_t i = 0; i < diff_sum.size(); ++i) {
    diff_sum[i] += o.diff_sum[i];
    diff_sumsq[i] += o.diff_sumsq[i];
  }
  for (std::size_t i = 0; i < wasted_sumsq.size(); ++i) {
    wasted_sum[i] += o.wasted_sum[i];
    gallagher_sum[i] += o.gallagher_sum[i];
    wasted_sumsq[i] += o.wasted_sumsq[i];
    gallagher_sumsq[i] += o.gallagher_sumsq[i];
  }
}

double SweepTally::mean_seats(int s, int o) const {
  if (draws == 0) return 0;
  const std::size_t stride = static_cast<std::size_t>(seats) + 1;
  const std::uint64_t* row = seats_pr.data() + at(s, o) * stride;
  double sum = 0;
  for (std::size_t k = 1; k < stride; ++k)
    sum += static_cast<double>(k) * static_cast<double>(row[k]);
  return sum / static_cast<double>(draws);
}

double SweepTally::p_passed(int s, int o) const {
  return draws ? static_cast<double>(passed[at(s, o)]) / static_cast<double>(draws) : 0;
}

double SweepTally::lists_passing(int s) const {
  double sum = 0;
  for (int o = 0; o < options; ++o) sum += p_passed(s, o);
  return sum;
}

double SweepTally::mean_wasted(int s) const {
  return draws ? static_cast<double>(wasted_sum[s]) / kMicro / static_cast<double>(draws) : 0;
}

double SweepTally::mean_gallagher(int s) const {
  return draws ? static_cast<double>(gallagher_sum[s]) / kMicro / static_cast<double>(draws) : 0;
}

double SweepTally::sd_wasted(int s) const {
  return sd_of(wasted_sum[s], wasted_sumsq[s], draws) / kMicro;
}

double SweepTally::sd_gallagher(int s) const {
  return sd_of(gallagher_sum[s], gallagher_sumsq[s], draws) / kMicro;
}

double SweepTally::diff_mean(int s, int o) const {
  return draws ? static_cast<double>(diff_sum[at(s, o)]) / static_cast<double>(draws) : 0;
}

double SweepTally::diff_se(int s, int o) const {
  if (draws == 0) return 0;
  return sd_of(diff_sum[at(s, o)], diff_sumsq[at(s, o)], draws) /
         std::sqrt(static_cast<double>(draws));
}

ListTierConfig sweep_config(const ListTierConfig& base, double threshold, Method method) {
  ListTierConfig c = base;
  c.method = method;
  const Threshold& t = base.threshold;
  c.threshold = Threshold(threshold, t.base(), t.strict(), t.registered());
  if (t.has_alliance_shares()) {
    // Alliance lines keep their distance from the single-party line.
    std::vector<double> shares = t.shares();
    const double shift = threshold - shares.front();
    for (double& s : shares) s = std::clamp(s + shift, 0.0, 1.0);
    shares.front() = threshold;
    c.threshold.set_alliance_shares(std::move(shares));
  }
  return c;
}

namespace {

struct Context {
  const Simulation& sim;
  const ElectedBody& body;
  std::size_t body_index;
  std::vector<ListTier> tiers;  // one per setting
  Disproportionality metrics;
  bool body_pass;  // the body needs its own evaluation (regional votes, districts)
  int settings;
  int options;
  int seats;
  std::size_t reference;
};

// Everything one worker needs to evaluate draws without allocating.
struct Worker {
  models::VoteSampler sampler;
  std::vector<double> model_shares;
  std::vector<double> shares;
  std::vector<Votes> votes;
  BodyDraw draw;
  BodyScratch body_scratch;
  random::Engine body_rng;
  ListTierScratch scratch;
  std::vector<int> seats;            // [settings, options]
  std::vector<std::uint8_t> passed;  // [settings, options]
  SweepTally tally;

  explicit Worker(const Context& c)
      : sampler(c.sim.model),
        model_shares(c.sim.model_options.size()),
        shares(c.sim.ballot.size(), 0.0),
        votes(c.sim.ballot.size(), 0),
        draw(c.body.make_draw()),
        seats(static_cast<std::size_t>(c.settings) * c.options, 0),
        passed(static_cast<std::size_t>(c.settings) * c.options, 0),
        tally(c.settings, c.options, c.seats, c.reference) {}
};

void run_block(const Context& c, const RunOptions& opt, std::uint64_t block, Worker& w) {
  const std::uint64_t first = block * opt.block_size;
  const std::uint64_t count = std::min(opt.block_size, opt.draws - first);
  auto rng = random::make_engine(opt.seed, block, random::Stage::national_shares);
  if (c.body_pass) {
    w.body_rng = random::make_engine(opt.seed, block, random::Stage::district_noise, c.body_index);
    c.body.begin_block(w.body_scratch, opt.seed, block, c.body_index);
  }
  const std::size_t covered = c.sim.model_options.size();
  const std::size_t n = static_cast<std::size_t>(c.options);
  const std::size_t stride = static_cast<std::size_t>(c.seats) + 1;
  const auto& lists = c.body.config().lists;
  const auto& quota = c.body.config().quota_share;
  SweepTally& t = w.tally;
  for (std::uint64_t d = 0; d < count; ++d) {
    w.sampler.sample(rng, w.model_shares);
    for (std::size_t k = 0; k < covered; ++k) w.shares[c.sim.model_options[k]] = w.model_shares[k];
    shares_to_votes(w.shares, c.sim.total_votes, w.votes);
    const std::uint64_t lot_key = random::stream_seed(opt.seed, first + d, random::Stage::tie_lots);
    std::span<const Votes> votes = w.votes;
    std::span<const int> district_seats;
    if (c.body_pass) {
      c.body.evaluate(w.shares, w.votes, w.draw, w.body_scratch, w.body_rng, lot_key);
      if (c.body.config().electorate) votes = w.body_scratch.votes;
      if (c.body.district_tier()) district_seats = w.draw.seats_district;
    }
    for (int s = 0; s < c.settings; ++s) {
      const std::span<int> seats(w.seats.data() + s * n, n);
      const std::span<std::uint8_t> passed(w.passed.data() + s * n, n);
      const ListTierEvents ev =
          c.tiers[s].evaluate(votes, district_seats, seats, passed, w.scratch, lot_key);
      if (c.body.has_lists()) {
        // Seats won beyond a list's length stay vacant, as the body seats them.
        for (std::size_t o = 0; o < n; ++o) {
          if (!lists[o]) continue;
          const int won = seats[o];
          const int need = quota ? quota_need(*quota, std::min(won, lists[o]->length())) : 0;
          seats[o] = lists[o]->seat(won, need).seated;
        }
      }
      t.runner_up_draws[s] += ev.runner_up_admitted;
      t.waived_draws[s] += ev.threshold_waived;
      t.tie_draws[s] += ev.tie;
      const MetricValues m = c.metrics.measure(votes, seats);
      const double g = m[Metric::gallagher], wv = m[Metric::wasted_share];
      ++t.gallagher[static_cast<std::size_t>(s) * t.bins + kPercentBins.bin(g)];
      ++t.wasted[static_cast<std::size_t>(s) * t.bins + kPercentBins.bin(wv)];
      const std::uint64_t gm = to_micro(g), wm = to_micro(wv);
      t.gallagher_sum[s] += gm;
      t.wasted_sum[s] += wm;
      t.gallagher_sumsq[s] += static_cast<Int128>(gm) * static_cast<Int128>(gm);
      t.wasted_sumsq[s] += static_cast<Int128>(wm) * static_cast<Int128>(wm);
    }
    const int* ref = w.seats.data() + c.reference * n;
    for (int s = 0; s < c.settings; ++s) {
      const int* seats = w.seats.data() + s * n;
      const std::uint8_t* passed = w.passed.data() + s * n;
      const std::size_t row = static_cast<std::size_t>(s) * n;
      std::uint64_t* hist = t.seats_pr.data() + row * stride;
      for (std::size_t o = 0; o < n; ++o) {
        ++hist[o * stride + static_cast<std::size_t>(seats[o])];
        t.passed[row + o] += passed[o];
        const std::int64_t diff = seats[o] - ref[o];
        t.diff_sum[row + o] += diff;
        t.diff_sumsq[row + o] += static_cast<Int128>(diff) * diff;
      }
    }
  }
  t.draws += count;
}

}  // namespace

SweepResult run_sweep(const Simulation& sim, const SweepSetup& setup, const RunOptions& opt,
                      const ProgressFn& progress) {
  if (opt.block_size == 0) throw std::invalid_argument("block size must be positive");
  if (setup.body >= sim.bodies.size()) throw std::invalid_argument("sweep: no such body");
  const ElectedBody& body = sim.bodies[setup.body];
  if (!body.config().list_tier)
    throw std::invalid_argument("sweep: body " + body.id() + " has no list tier");
  if (setup.thresholds.empty()) throw std::invalid_argument("sweep: no thresholds");
  for (double t : setup.thresholds)
    if (!(t >= 0 && t <= 1)) throw std::invalid_argument("sweep: a threshold is not a share");
  const ListTierConfig& base = *body.config().list_tier;
  const std::vector<Method> methods =
      setup.methods.empty() ? std::vector<Method>{base.method} : setup.methods;
  const int settings = static_cast<int>(setup.thresholds.size() * methods.size());
  if (setup.reference >= static_cast<std::size_t>(settings))
    throw std::invalid_argument("sweep: the reference is not a setting");

  Context c{sim,
            body,
            setup.body,
            {},
            Disproportionality(sim.ballot),
            body.config().electorate.has_value() || body.district_tier() != nullptr,
            settings,
            body.options(),
            body.list_seats(),
            setup.reference};
  c.tiers.reserve(static_cast<std::size_t>(settings));
  for (double t : setup.thresholds)
    for (Method m : methods) c.tiers.emplace_back(sim.ballot, sweep_config(base, t, m));

  BlockRunner<Worker> runner(opt, [&] { return Worker(c); });
  const BlockPlan& plan = runner.plan();
  SweepResult result;
  result.cancelled = !runner.run(
      [&](std::uint64_t b, Worker& w) { run_block(c, opt, b, w); },
      [&](std::uint64_t, std::uint64_t end) {
        if (progress)
          progress(range_draws({plan.range.begin, end}, opt.draws, opt.block_size), plan.draws);
      });
  result.tally = SweepTally(settings, c.options, c.seats, setup.reference);
  runner.for_each_state([&](const Worker& w) { result.tally.merge(w.tally); });
  return result;
}

}  // namespace seatcast
