#include "engine/sim/simulation.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/random/streams.h"
#include "engine/sim/block_runner.h"

namespace seatcast {

void shares_to_votes(std::span<const double> shares, Votes total, std::span<Votes> votes) {
  // Shares are never negative, so adding a half and truncating rounds to nearest (halves
  // up) in two instructions; std::llround is a libm call, and this runs per option and
  // draw.
  const double t = static_cast<double>(total);
  for (std::size_t i = 0; i < shares.size(); ++i)
    votes[i] = static_cast<Votes>(shares[i] * t + 0.5);
}

std::vector<int> model_options(const Ballot& ballot) {
  std::vector<int> out;
  for (std::size_t i = 0; i < ballot.size(); ++i)
    if (ballot[i].kind != OptionKind::independent) out.push_back(static_cast<int>(i));
  return out;
}

std::vector<double> model_centre(const models::VoteModel& model, const Ballot& ballot) {
  const std::vector<int> covered = model_options(ballot);
  std::vector<double> centre(ballot.size(), 0.0);
  if (const auto* d = std::get_if<models::DirichletModel>(&model)) {
    const Eigen::VectorXd m = d->mean();
    for (std::size_t k = 0; k < covered.size(); ++k) centre[covered[k]] = m(k);
  } else if (const auto* ln = std::get_if<models::LogisticNormalModel>(&model)) {
    for (std::size_t k = 0; k < covered.size(); ++k) centre[covered[k]] = ln->mean_shares()(k);
  }
  return centre;
}

namespace {

// Everything one worker needs to evaluate draws without allocating.
struct Worker {
  models::VoteSampler sampler;
  std::vector<double> model_shares;
  std::vector<double> shares;  // [options]; independents stay 0
  std::vector<Votes> votes;
  std::vector<BodyDraw> draws;
  std::vector<BodyScratch> scratch;
  std::vector<random::Engine> body_rngs;
  Tally tally;

  explicit Worker(const Simulation& sim)
      : sampler(sim.model),
        model_shares(sim.model_options.size()),
        shares(sim.ballot.size(), 0.0),
        votes(sim.ballot.size()),
        scratch(sim.bodies.size()),
        body_rngs(sim.bodies.size()),
        tally(sim.bodies) {
    for (const auto& b : sim.bodies) draws.push_back(b.make_draw());
  }
};

void run_block(const Simulation& sim, const RunOptions& opt, std::uint64_t block, Worker& w,
               BlockRecord* record) {
  const std::uint64_t first = block * opt.block_size;
  const std::uint64_t count = std::min(opt.block_size, opt.draws - first);
  auto rng = random::make_engine(opt.seed, block, random::Stage::national_shares);
  const std::size_t n_options = sim.ballot.size();
  const std::size_t n_bodies = sim.bodies.size();
  if (record) {
    record->first_draw = first;
    record->count = count;
    record->shares.resize(count * n_options);
    record->seats.resize(count * n_bodies * n_options);
  }
  // One district-noise stream per body.
  std::vector<random::Engine>& body_rngs = w.body_rngs;
  for (std::size_t b = 0; b < n_bodies; ++b) {
    body_rngs[b] = random::make_engine(opt.seed, block, random::Stage::district_noise, b);
    sim.bodies[b].begin_block(w.scratch[b], opt.seed, block, b);
  }
  const std::size_t covered = sim.model_options.size();
  for (std::uint64_t d = 0; d < count; ++d) {
    w.sampler.sample(rng, w.model_shares);
    for (std::size_t k = 0; k < covered; ++k) w.shares[sim.model_options[k]] = w.model_shares[k];
    shares_to_votes(w.shares, sim.total_votes, w.votes);
    const std::uint64_t lot_key = random::stream_seed(opt.seed, first + d, random::Stage::tie_lots);
    for (std::size_t b = 0; b < n_bodies; ++b) {
      sim.bodies[b].evaluate(w.shares, w.votes, w.draws[b], w.scratch[b], body_rngs[b], lot_key);
      w.tally.bodies[b].add(sim.bodies[b], w.draws[b]);
    }
    if (record) {
      float* s = record->shares.data() + d * n_options;
      for (std::size_t o = 0; o < n_options; ++o) s[o] = static_cast<float>(w.shares[o]);
      std::uint16_t* seats = record->seats.data() + d * n_bodies * n_options;
      for (std::size_t b = 0; b < n_bodies; ++b)
        for (std::size_t o = 0; o < n_options; ++o)
          seats[b * n_options + o] = static_cast<std::uint16_t>(w.draws[b].seats_total[o]);
    }
  }
  for (BodyTally& t : w.tally.bodies) t.settle();
  w.tally.draws += count;
}

}  // namespace

RunResult run_simulation(const Simulation& sim, const RunOptions& opt, const ProgressFn& progress,
                         const BlockSink& sink, const CheckpointFn& checkpoint) {
  BlockRunner<Worker> runner(opt, [&] { return Worker(sim); });
  const BlockPlan& plan = runner.plan();
  // The workers' tallies added up: at the end, and for a checkpoint between waves.
  const auto merged = [&] {
    Tally t(sim.bodies);
    runner.for_each_state([&](const Worker& w) { t.merge(w.tally); });
    for (BodyTally& b : t.bodies) b.settle();
    return t;
  };
  // With a sink, one wave's records are held and handed on in block order between waves.
  std::vector<BlockRecord> records(sink ? plan.wave : 0);
  auto last_checkpoint = std::chrono::steady_clock::now();
  RunResult result;
  result.cancelled = !runner.run(
      [&](std::uint64_t b, Worker& w) {
        run_block(sim, opt, b, w, sink ? &records[runner.slot(b)] : nullptr);
      },
      [&](std::uint64_t begin, std::uint64_t end) {
        if (sink)
          for (std::uint64_t b = begin; b < end; ++b) sink(records[runner.slot(b)]);
        if (progress)
          progress(range_draws({plan.range.begin, end}, opt.draws, opt.block_size), plan.draws);
        const auto now = std::chrono::steady_clock::now();
        if (checkpoint && opt.checkpoint_seconds > 0 && end < plan.range.end &&
            std::chrono::duration<double>(now - last_checkpoint).count() >=
                opt.checkpoint_seconds) {
          checkpoint(merged(), end);
          last_checkpoint = std::chrono::steady_clock::now();
        }
      });
  result.tally = merged();
  return result;
}

}  // namespace seatcast
