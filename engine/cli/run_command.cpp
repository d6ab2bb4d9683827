// seatcast run: simulate a scenario, write the results file, print the summary table.
// The same command runs one shard of a run (--shard I/N, a partial file for
// `seatcast merge`), saves and resumes checkpoints (--checkpoint, --resume), and under
// mpirun shares the blocks among the ranks (engine/cluster/cluster.h).
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "engine/cli/agreed.h"
#include "engine/cli/commands.h"
#include "engine/cli/draw_options.h"
#include "engine/cli/progress.h"
#include "engine/cli/table.h"
#include "engine/cli/threads.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/wording.h"
#include "engine/output/pending_file.h"
#include "engine/output/results_file.h"
#include "engine/output/results_reader.h"
#include "engine/random/streams.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_signal(int) {
  g_cancel.store(true);
}

struct RunArgs {
  std::string scenario;
  std::uint64_t draws = 0;
  std::int64_t seed = -1;
  int threads = 0;
  std::string output;
  std::string shard;  // "I/N"
  std::string checkpoint;
  double checkpoint_every = 60;
  std::string resume;
  std::vector<std::string> sets;  // --set KEY=VALUE
  bool keep_draws = false;
  int compress_draws = 0;
  bool force = false;
  bool quiet = false;
};

// A command-line value that cannot be used: exit 2, naming the option.
[[noreturn]] void bad_option(const std::string& option, const std::string& why) {
  throw InputError("command line", 0, option, why);
}

// "I/N" with 0 <= I < N.
std::pair<std::uint64_t, std::uint64_t> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto i = slash == std::string::npos ? std::nullopt : parse_int(text.substr(0, slash));
  const auto n = slash == std::string::npos ? std::nullopt : parse_int(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i < 0 || *i >= *n)
    bad_option("--shard", fmt::format("'{}' is not I/N with 0 <= I < N (e.g. 0/4)", text));
  return {static_cast<std::uint64_t>(*i), static_cast<std::uint64_t>(*n)};
}

// The tally a checkpoint holds, in the simulation's body order, after checking that it
// is a checkpoint of this very run (else exit 2 naming the file and the field).
Tally resume_tally(const ResultsData& c, const Scenario& s, const Simulation& sim) {
  auto refuse = [&](const std::string& field, std::string why) {
    throw InputError(c.path, 0, field, why.append(": not a checkpoint of this run"));
  };
  if (c.kind != kCheckpointKind) refuse("/@kind", "a shard, not a checkpoint");
  if (c.scenario != s.text) refuse("/@scenario", "the scenario text differs from " + s.file);
  if (c.seed != s.run.seed) refuse("/@seed", fmt::format("seed {}, not {}", c.seed, s.run.seed));
  if (c.generator != random::kGenerator)
    refuse("/@generator", fmt::format("drawn with {}, not {} (seatcast before issue 18)",
                                      c.generator, random::kGenerator));
  if (c.draw_version != random::kDrawVersion)
    refuse("/@draw_version",
           fmt::format("draw version {}, not {} (a seatcast whose draws give other votes)",
                       c.draw_version, random::kDrawVersion));
  if (c.run_draws != s.run.draws)
    refuse("/@run_draws", fmt::format("a run of {} draws, not {}", c.run_draws, s.run.draws));
  if (c.block_size != s.run.block_size)
    refuse("/@block_size", fmt::format("blocks of {}, not {}", c.block_size, s.run.block_size));
  if (c.block_begin != 0) refuse("/@block_begin", "a checkpoint must start at block 0");
  Tally t(sim.bodies);
  t.draws = c.draws;
  for (std::size_t b = 0; b < sim.bodies.size(); ++b) {
    const BodyResults* r = c.find_body(sim.bodies[b].id());
    if (!r) refuse("/" + sim.bodies[b].id(), "missing body");
    try {
      t.bodies[b].merge(r->tally);
    } catch (const std::logic_error&) {
      refuse("/" + sim.bodies[b].id(), "its histograms do not have the scenario's shapes");
    }
  }
  return t;
}

int run(const RunArgs& a, const Cluster& cluster) {
  // Signals first: a stop asked for during the set-up is honoured too.
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const bool root = cluster.root();

  std::optional<Scenario> loaded;
  std::optional<Simulation> sim;
  std::optional<PendingFile> pending;
  std::optional<ResultsWriter> writer;
  std::optional<PartInfo> part;
  std::string out, checkpoint;
  int threads = 0;
  RunOptions opt;
  BlockRange range;  // the blocks this run (or shard) covers: before the ranks' split
  Tally start;       // a resumed checkpoint's tally (no bodies when not resuming)
  int status = agreed(cluster, [&] {
    std::vector<Override> overrides;
    for (const std::string& kv : a.sets) overrides.push_back(parse_override(kv, "--set"));
    Scenario& scenario = loaded.emplace(load_scenario(a.scenario, overrides));
    if (root && !a.quiet)
      for (const std::string& note : scenario.notes)
        fmt::print(stderr, "seatcast: note: {}\n", note);
    if (a.draws > 0) scenario.run.draws = a.draws;
    if (a.seed >= 0) scenario.run.seed = static_cast<std::uint64_t>(a.seed);
    threads = a.threads > 0 ? a.threads : default_threads();
    const std::uint64_t blocks = block_count(scenario.run.draws, scenario.run.block_size);
    range = {0, blocks};
    const std::string stem = std::filesystem::path(a.scenario).stem().string();
    out = a.output;
    if (!a.shard.empty()) {
      const auto [i, n] = parse_shard(a.shard);
      range = block_part(blocks, i, n);
      part = PartInfo{kShardKind, range.begin, range.end, i, n};
      if (out.empty()) out = fmt::format("{}.shard-{}-of-{}.h5", stem, i, n);
    }
    if (out.empty()) out = stem + ".h5";
    checkpoint = a.checkpoint.empty() ? a.resume : a.checkpoint;
    if (!checkpoint.empty()) {
      // A checkpoint is one process's finished prefix of a whole run.
      if (!a.shard.empty())
        bad_option("--checkpoint", "not with --shard (a shard is short: rerun it)");
      if (a.keep_draws) bad_option("--checkpoint", "not with --keep-draws");
      if (cluster.distributed())
        bad_option("--checkpoint", "not under mpirun; split a long run into shards instead");
      if (!(a.checkpoint_every > 0)) bad_option("--checkpoint-every", "must be positive seconds");
      PendingFile check(checkpoint, true);  // its directory must exist before any work
      if (a.resume.empty() && std::filesystem::exists(checkpoint) && !a.force)
        bad_option("--checkpoint",
                   fmt::format("'{}' exists already: continue it with --resume {}, or pass "
                               "--force to start afresh",
                               checkpoint, checkpoint));
    }
    if (root) pending.emplace(out, a.force);  // refuses an existing result before any work
    sim.emplace(make_simulation(scenario));
    // A rank other than 0 holds its kept draws to the end, then sends them to rank 0.
    std::uint64_t held = 0;
    if (a.keep_draws && !root) {
      const BlockRange share =
          block_part(range.end - range.begin, static_cast<std::uint64_t>(cluster.rank()),
                     static_cast<std::uint64_t>(cluster.size()));
      held = range_draws({range.begin + share.begin, range.begin + share.end}, scenario.run.draws,
                         scenario.run.block_size);
    }
    check_run_memory(scenario, *sim, threads, a.keep_draws, held);  // before any work, limits.h
    // A resumed checkpoint's tally; none otherwise (an empty set would be one more set
    // of tallies than the memory check counts).
    if (!a.resume.empty()) {
      start = resume_tally(read_partial(a.resume), scenario, *sim);
      range.begin = block_count(start.draws, scenario.run.block_size);
    }
    // This rank's share of the range: contiguous, in rank order, so rank 0 holds the
    // first draws and the kept rows arrive in draw order.
    const BlockRange mine =
        block_part(range.end - range.begin, static_cast<std::uint64_t>(cluster.rank()),
                   static_cast<std::uint64_t>(cluster.size()));
    opt = RunOptions{scenario.run.draws, scenario.run.seed, threads, scenario.run.block_size,
                     &g_cancel};
    opt.block_begin = range.begin + mine.begin;
    opt.block_end = range.begin + mine.end;
    opt.checkpoint_seconds = checkpoint.empty() ? 0 : a.checkpoint_every;
    if (root)
      writer.emplace(
          pending->temporary(), scenario, *sim,
          RunInfo{opt.seed, opt.draws, opt.block_size, threads, cluster.size(), a.compress_draws},
          a.keep_draws, part ? &*part : nullptr);
    return 0;
  });
  if (status) return status;
  const Scenario& scenario = *loaded;

  // Kept draws: rank 0 writes its own blocks as they finish; other ranks hold theirs
  // until the end and then send them to rank 0, which appends them in rank order.
  std::vector<BlockRecord> held;
  BlockSink sink;
  if (a.keep_draws)
    sink = root ? BlockSink([&](const BlockRecord& b) { writer->append_block(b); })
                : BlockSink([&](const BlockRecord& b) { held.push_back(b); });
  // Checkpoints: the finished prefix (with a resumed checkpoint's tally), written under a
  // temporary name and renamed, so a kill during the write leaves the previous one whole.
  const CheckpointFn save = [&](const Tally& done, std::uint64_t end_block) {
    std::optional<Tally> resumed;  // done plus the checkpoint this run resumed
    if (!start.bodies.empty()) {
      resumed = start;
      resumed->merge(done);
    }
    const Tally& total = resumed ? *resumed : done;
    PendingFile file(checkpoint, true);
    const PartInfo prefix{kCheckpointKind, 0, end_block, 0, 0};
    ResultsWriter w(file.temporary(), scenario, *sim,
                    RunInfo{opt.seed, opt.draws, opt.block_size, threads, 1}, false, &prefix);
    w.finish(total);
    file.commit();
  };

  ProgressBar bar(!a.quiet && root);
  const auto began = std::chrono::steady_clock::now();
  RunResult result;
  status = agreed(cluster, [&] {
    result = run_simulation(
        *sim, opt, [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); }, sink,
        checkpoint.empty() ? CheckpointFn() : save);
    // Test hook: make one rank fail after its share, as a crashed node's would.
    if (const char* r = std::getenv("SEATCAST_TEST_FAIL_RANK"); r && std::atoi(r) == cluster.rank())
      throw std::runtime_error(
          fmt::format("SEATCAST_TEST_FAIL_RANK: rank {} fails on purpose", cluster.rank()));
    return result.cancelled ? 130 : 0;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  bar.finish();
  if (status) {
    if (root) {
      if (status == 130)
        fmt::print(stderr, "seatcast: interrupted; no result written{}\n",
                   checkpoint.empty() ? "" : fmt::format(" (the last checkpoint: {})", checkpoint));
      else if (cluster.distributed())
        fmt::print(stderr,
                   "seatcast: error: the run failed on at least one of its {} processes "
                   "(see above); no result written\n",
                   cluster.size());
    }
    return status;
  }

  cluster.reduce(result.tally);
  if (root && !start.bodies.empty()) {
    start.merge(result.tally);
    result.tally = std::move(start);
  }
  status = agreed(cluster, [&] {
    if (!root) {
      cluster.send_records(held);
      return 0;
    }
    std::vector<std::uint64_t> blocks;
    for (int r = 0; r < cluster.size(); ++r) {
      const BlockRange b = block_part(range.end - range.begin, static_cast<std::uint64_t>(r),
                                      static_cast<std::uint64_t>(cluster.size()));
      blocks.push_back(b.end - b.begin);
    }
    try {
      if (a.keep_draws) cluster.receive_records(blocks, scenario.ballot.size(), sink);
    } catch (const std::exception& e) {
      // The other ranks may still be sending: they cannot be left waiting.
      if (cluster.distributed()) cluster.abort(report_exception(cluster, e));
      throw;
    }
    writer->finish(result.tally);
    writer.reset();
    pending->commit();
    if (!checkpoint.empty()) std::filesystem::remove(checkpoint);  // the run is whole now
    return 0;
  });
  if (status || !root || a.quiet) return status;

  if (part) {
    fmt::print("{}\nshard {} of {}: blocks {} to {} ({} of {}), seed {}, {}, {:.2f} s\n",
               scenario.name.empty() ? scenario.file : scenario.name, part->shard, part->shards,
               part->block_begin, part->block_end, count_of(result.tally.draws, "draw"), opt.draws,
               opt.seed, count_of(static_cast<std::uint64_t>(threads), "thread"), seconds);
    fmt::print("partial results: {} (combine every shard with seatcast merge)\n", out);
    return 0;
  }
  print_run_header(scenario, opt, threads, seconds, out);
  if (cluster.distributed()) fmt::print("processes: {} (MPI)\n", cluster.size());
  for (std::size_t b = 0; b < sim->bodies.size(); ++b)
    print_body_table(scenario.ballot, sim->bodies[b], result.tally.bodies[b], result.tally.draws);
  return 0;
}

}  // namespace

Command add_run(CLI::App& app, const Cluster& cluster) {
  auto a = std::make_shared<RunArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->required();
  add_draw_options(app, a->draws, a->seed, a->threads);
  app.add_option(
      "-o,--output", a->output,
      "Results file (default: SCENARIO-STEM.h5, a shard's SCENARIO-STEM.shard-I-of-N.h5)");
  app.add_option("--shard", a->shard,
                 "Run only shard I of N (I/N, from 0): a partial file for seatcast merge");
  app.add_option("--checkpoint", a->checkpoint,
                 "Save the finished blocks' tallies to this file every --checkpoint-every seconds");
  app.add_option("--checkpoint-every", a->checkpoint_every, "Seconds between checkpoints (60)");
  app.add_option("--set", a->sets,
                 "Change a scenario setting: KEY=VALUE, a dotted TOML key and value, e.g. "
                 "model.shared_error_points=3 or body.0.stages.0.threshold=0.07 (repeatable)");
  app.add_option("--resume", a->resume,
                 "Continue the run saved in this checkpoint (and keep checkpointing to it)");
  app.add_flag("--keep-draws", a->keep_draws, "Also store every draw's shares and seats");
  app.add_option("--compress-draws", a->compress_draws,
                 "Deflate level for --keep-draws (0: none, fastest; 1-9: smaller, slower)")
      ->check(CLI::Range(0, 9));
  app.add_flag("--force", a->force, "Replace an existing results file");
  app.add_flag("-q,--quiet", a->quiet, "No progress bar and no table");
  return [a, &cluster] { return run(*a, cluster); };
}

}  // namespace seatcast::cli
