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

}  // namespace

SweepTally::SweepTally(const std::vector<ElectedBody>& bodies_, std::size_t ref)
    : settings(static_cast<int>(bodies_.size())),
      options(bodies_.front().options()),
      seats(bodies_.front().list_seats()),
      body_seats(bodies_.front().seats()),
      reference(ref) {
  for (const ElectedBody& b : bodies_) bodies.emplace_back(b);
  const std::size_t s = static_cast<std::size_t>(settings);
  const std::size_t so = s * static_cast<std::size_t>(options);
  wasted_sumsq.assign(s, 0);
  gallagher_sumsq.assign(s, 0);
  diff_sum.assign(so, 0);
  diff_sumsq.assign(so, 0);
}

void SweepTally::merge(const SweepTally& o) {
  draws += o.draws;
  for (std::size_t s = 0; s < bodies.size(); ++s) bodies[s].merge(o.bodies[s]);
  for (std::size_t i = 0; i < diff_sum.size(); ++i) {
    diff_sum[i] += o.diff_sum[i];
    diff_sumsq[i] += o.diff_sumsq[i];
  }
  for (std::size_t i = 0; i < wasted_sumsq.size(); ++i) {
    wasted_sumsq[i] += o.wasted_sumsq[i];
    gallagher_sumsq[i] += o.gallagher_sumsq[i];
  }
}

namespace {

double histogram_mean_of(std::span<const std::uint64_t> row, std::uint64_t draws) {
  if (draws == 0) return 0;
  double sum = 0;
  for (std::size_t k = 1; k < row.size(); ++k)
    sum += static_cast<double>(k) * static_cast<double>(row[k]);
  return sum / static_cast<double>(draws);
}

Int128 metric_sum(const BodyTally& t, Metric m) {
  return static_cast<Int128>(t.metrics().sum_micro(m));
}

}  // namespace

double SweepTally::mean_seats(int s, int o) const {
  return histogram_mean_of(bodies[s].seats_pr().row(o), draws);
}

double SweepTally::mean_total(int s, int o) const {
  return histogram_mean_of(bodies[s].seats_total().row(o), draws);
}

double SweepTally::p_passed(int s, int o) const {
  return draws ? static_cast<double>(bodies[s].passed_threshold()[o]) / static_cast<double>(draws)
               : 0;
}

double SweepTally::lists_passing(int s) const {
  double sum = 0;
  for (int o = 0; o < options; ++o) sum += p_passed(s, o);
  return sum;
}

double SweepTally::mean_wasted(int s) const {
  return draws ? bodies[s].metrics().mean(Metric::wasted_share) : 0;
}

double SweepTally::mean_gallagher(int s) const {
  return draws ? bodies[s].metrics().mean(Metric::gallagher) : 0;
}

double SweepTally::sd_wasted(int s) const {
  return sd_of(metric_sum(bodies[s], Metric::wasted_share), wasted_sumsq[s], draws) / kMicro;
}

double SweepTally::sd_gallagher(int s) const {
  return sd_of(metric_sum(bodies[s], Metric::gallagher), gallagher_sumsq[s], draws) / kMicro;
}

double SweepTally::diff_mean(int s, int o) const {
  return draws ? static_cast<double>(diff_sum[at(s, o)]) / static_cast<double>(draws) : 0;
}

double SweepTally::diff_se(int s, int o) const {
  if (draws == 0) return 0;
  return sd_of(diff_sum[at(s, o)], diff_sumsq[at(s, o)], draws) /
         std::sqrt(static_cast<double>(draws));
}

SweptStages swept_stages(const ElectedBody& body, const std::string& stage) {
  SweptStages out;
  const auto& stages = body.stages();
  if (!stage.empty()) {
    const int i = body.stage_index(stage);
    if (i < 0) throw std::invalid_argument("no stage '" + stage + "' in body " + body.id());
    if (std::holds_alternative<DistrictsStage>(stages[i]))
      throw std::invalid_argument("stage '" + stage + "' elects districts: no threshold or method");
    out.threshold = i;
    if (const auto* a = std::get_if<AllocateStage>(&stages[i]); a && !a->district) out.method = i;
    return out;
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (out.threshold < 0 && std::holds_alternative<FilterStage>(stages[i]))
      out.threshold = static_cast<int>(i);
    if (const auto* a = std::get_if<AllocateStage>(&stages[i]); a && !a->district && out.method < 0)
      out.method = static_cast<int>(i);
  }
  if (out.threshold < 0) out.threshold = out.method;
  if (out.threshold < 0)
    throw std::invalid_argument("body " + body.id() + " has no list allocation to sweep");
  return out;
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
  std::size_t body_index;
  std::vector<ElectedBody> bodies;  // one per setting
  int first = 0;                    // the first varied stage: stages before it run once
  bool suffix_draws = false;        // a districts stage at or after `first`
  std::size_t reference;
};

// Everything one worker needs to evaluate draws without allocating.
struct Worker {
  models::VoteSampler sampler;
  std::vector<double> model_shares;
  std::vector<double> shares;
  std::vector<Votes> votes;
  BodyDraw base;               // the draw up to the first varied stage
  std::vector<BodyDraw> draw;  // [settings]
  BodyScratch scratch;
  random::Engine body_rng;
  random::Engine setting_rng;  // a copy for each setting's drawing stages
  SweepTally tally;

  explicit Worker(const Context& c)
      : sampler(c.sim.model),
        model_shares(c.sim.model_options.size()),
        shares(c.sim.ballot.size(), 0.0),
        votes(c.sim.ballot.size(), 0),
        base(c.bodies.front().make_draw()),
        tally(c.bodies, c.reference) {
    for (const ElectedBody& b : c.bodies) draw.push_back(b.make_draw());
  }
};

void run_block(const Context& c, const RunOptions& opt, std::uint64_t block, Worker& w) {
  const std::uint64_t first = block * opt.block_size;
  const std::uint64_t count = std::min(opt.block_size, opt.draws - first);
  // The streams run_simulation gives this body in this block.
  auto rng = random::make_engine(opt.seed, block, random::Stage::national_shares);
  w.body_rng = random::make_engine(opt.seed, block, random::Stage::district_noise, c.body_index);
  const ElectedBody& body = c.bodies.front();
  body.begin_block(w.scratch, opt.seed, block, c.body_index);
  const std::size_t covered = c.sim.model_options.size();
  const std::size_t n = static_cast<std::size_t>(body.options());
  SweepTally& t = w.tally;
  for (std::uint64_t d = 0; d < count; ++d) {
    w.sampler.sample(rng, w.model_shares);
    for (std::size_t k = 0; k < covered; ++k) w.shares[c.sim.model_options[k]] = w.model_shares[k];
    shares_to_votes(w.shares, c.sim.total_votes, w.votes);
    const std::uint64_t lot_key = random::stream_seed(opt.seed, first + d, random::Stage::tie_lots);
    // Once for all settings: the votes and the stages before the varied ones.
    const std::span<const double> body_shares =
        body.draw_votes(w.shares, w.votes, w.base, w.scratch, w.body_rng);
    body.run_stages(body_shares, w.base, w.scratch, w.body_rng, lot_key, false, 0, c.first);
    random::Engine& after = c.suffix_draws ? w.setting_rng : w.body_rng;
    for (int s = 0; s < t.settings; ++s) {
      BodyDraw& out = w.draw[s];
      out = w.base;  // same sizes: copies without allocating
      if (c.suffix_draws) w.setting_rng = w.body_rng;
      c.bodies[s].run_stages(body_shares, out, w.scratch, after, lot_key, false, c.first);
      c.bodies[s].finish(out);
      t.bodies[s].add(c.bodies[s], out);
      const std::uint64_t gm = to_micro(out.metrics[Metric::gallagher]);
      const std::uint64_t wm = to_micro(out.metrics[Metric::wasted_share]);
      t.gallagher_sumsq[s] += static_cast<Int128>(gm) * static_cast<Int128>(gm);
      t.wasted_sumsq[s] += static_cast<Int128>(wm) * static_cast<Int128>(wm);
    }
    // The body's own streams move on as run_simulation's do.
    if (c.suffix_draws) w.body_rng = w.setting_rng;
    const std::vector<int>& ref = w.draw[c.reference].seats_total;
    for (int s = 0; s < t.settings; ++s) {
      const std::vector<int>& seats = w.draw[s].seats_total;
      const std::size_t row = static_cast<std::size_t>(s) * n;
      for (std::size_t o = 0; o < n; ++o) {
        const std::int64_t diff = seats[o] - ref[o];
        t.diff_sum[row + o] += diff;
        t.diff_sumsq[row + o] += static_cast<Int128>(diff) * diff;
      }
    }
  }
  for (BodyTally& b : t.bodies) b.settle();
  t.draws += count;
}

}  // namespace

SweepResult run_sweep(const Simulation& sim, const SweepSetup& setup, const RunOptions& opt,
                      const ProgressFn& progress) {
  if (opt.block_size == 0) throw std::invalid_argument("block size must be positive");
  if (setup.body >= sim.bodies.size()) throw std::invalid_argument("sweep: no such body");
  const ElectedBody& body = sim.bodies[setup.body];
  const SweptStages swept = swept_stages(body, setup.stage);
  if (setup.thresholds.empty()) throw std::invalid_argument("sweep: no thresholds");
  for (double t : setup.thresholds)
    if (!(t >= 0 && t <= 1)) throw std::invalid_argument("sweep: a threshold is not a share");
  const ListTierConfig& threshold_rule = body.stage_rule(swept.threshold)->config();
  const Method own_method =
      swept.method >= 0 ? body.stage_rule(swept.method)->config().method : threshold_rule.method;
  const std::vector<Method> methods =
      setup.methods.empty() ? std::vector<Method>{own_method} : setup.methods;
  if (!setup.methods.empty() && swept.method < 0)
    throw std::invalid_argument("sweep: stage '" + setup.stage + "' allocates no seats: no method");
  const int settings = static_cast<int>(setup.thresholds.size() * methods.size());
  if (setup.reference >= static_cast<std::size_t>(settings))
    throw std::invalid_argument("sweep: the reference is not a setting");

  Context c{sim, setup.body, {}, swept.first(), false, setup.reference};
  for (std::size_t i = static_cast<std::size_t>(c.first); i < body.stages().size(); ++i)
    c.suffix_draws = c.suffix_draws || std::holds_alternative<DistrictsStage>(body.stages()[i]);
  c.bodies.reserve(static_cast<std::size_t>(settings));
  for (double t : setup.thresholds)
    for (Method m : methods) {
      ElectedBody b = body;
      if (swept.method >= 0 && swept.method != swept.threshold) {
        b.set_stage_rule(
            swept.threshold,
            ListTier(sim.ballot, sweep_config(threshold_rule, t, threshold_rule.method)));
        const ListTierConfig& mc = body.stage_rule(swept.method)->config();
        b.set_stage_rule(swept.method,
                         ListTier(sim.ballot, sweep_config(mc, mc.threshold.share(), m)));
      } else {
        b.set_stage_rule(swept.threshold, ListTier(sim.ballot, sweep_config(threshold_rule, t, m)));
      }
      c.bodies.push_back(std::move(b));
    }

  BlockRunner<Worker> runner(opt, [&] { return Worker(c); });
  const BlockPlan& plan = runner.plan();
  SweepResult result;
  result.cancelled = !runner.run(
      [&](std::uint64_t b, Worker& w) { run_block(c, opt, b, w); },
      [&](std::uint64_t, std::uint64_t end) {
        if (progress)
          progress(range_draws({plan.range.begin, end}, opt.draws, opt.block_size), plan.draws);
      });
  result.tally = SweepTally(c.bodies, setup.reference);
  runner.for_each_state([&](const Worker& w) { result.tally.merge(w.tally); });
  return result;
}

}  // namespace seatcast
