// seatcast sweep: one body's list seats under a range of thresholds (and optionally
// several apportionment methods), every setting evaluated on the same draws (common
// random numbers, engine/sim/sweep.h), written to HDF5 and printed as a table.
#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/cli/agreed.h"
#include "engine/cli/commands.h"
#include "engine/cli/draw_options.h"
#include "engine/cli/progress.h"
#include "engine/cli/threads.h"
#include "engine/io/numbers.h"
#include "engine/io/wording.h"
#include "engine/output/pending_file.h"
#include "engine/output/sweep_file.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/sweep.h"

namespace seatcast::cli {

namespace {

constexpr std::size_t kMaxThresholds = 1001;

std::atomic<bool> g_cancel{false};
extern "C" void on_sweep_signal(int) {
  g_cancel.store(true);
}

struct SweepArgs {
  std::string scenario;
  std::string threshold;
  std::string methods;
  std::string body;
  std::string reference;
  std::string stage;
  std::uint64_t draws = 0;
  std::int64_t seed = -1;
  int threads = 0;
  std::string output;
  bool force = false;
  bool quiet = false;
};

// A command-line value that cannot be used: exit 2, naming the option.
struct BadOption {
  std::string message;
};

[[noreturn]] void bad(std::string_view option, std::string_view value, std::string_view why) {
  std::string m;
  m.append(option).append(" '").append(value).append("': ").append(why);
  throw BadOption{m};
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(sep, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// A share to nine decimals (the exact fractions of the rules have denominator 10^9), so
// 0 + 5 x 0.01 is 0.05 and not 0.05000000000000000277.
double clean_share(double x) {
  return std::round(x * 1e9) / 1e9;
}

// FROM:TO:STEP (shares), or a single share.
std::vector<double> parse_thresholds(const std::string& text) {
  const char* opt = "--threshold";
  const auto parts = split(text, ':');
  if (parts.size() != 1 && parts.size() != 3)
    bad(opt, text, "expected FROM:TO:STEP in shares, e.g. 0:0.1:0.01 (or one share)");
  std::vector<double> v;
  for (const auto p : parts) {
    const auto x = parse_real(p);
    if (!x) bad(opt, text, fmt::format("'{}' is not a number", p));
    v.push_back(*x);
  }
  if (v.size() == 1) v = {v[0], v[0], 1};
  const double from = v[0], to = v[1], step = v[2];
  if (from < 0 || from > 1 || to < 0 || to > 1)
    bad(opt, text, "thresholds are shares from 0 to 1 (5% is 0.05)");
  if (from > to) bad(opt, text, "FROM must not exceed TO");
  if (!(step > 0)) bad(opt, text, "STEP must be positive");
  const double span = (to - from) / step;
  if (span + 1 > static_cast<double>(kMaxThresholds))
    bad(opt, text, fmt::format("more than {} thresholds; use a larger STEP", kMaxThresholds));
  const std::size_t count = static_cast<std::size_t>(std::floor(span + 1e-9)) + 1;
  std::vector<double> out;
  for (std::size_t k = 0; k < count; ++k)
    out.push_back(std::min(1.0, clean_share(from + static_cast<double>(k) * step)));
  return out;
}

std::vector<Method> parse_methods(const std::string& text) {
  std::vector<Method> out;
  if (text.empty()) return out;
  for (const auto p : split(text, ',')) {
    const auto m = parse_method(p);
    if (!m) bad("--method", text, unknown_name("method", p, method_names()));
    if (std::find(out.begin(), out.end(), *m) != out.end())
      bad("--method", text, fmt::format("method '{}' is given twice", p));
    out.push_back(*m);
  }
  return out;
}

// T or T:M: the index of the setting among thresholds x methods (methods: those swept,
// or the body's own alone).
std::size_t parse_reference(const std::string& text, const std::vector<double>& thresholds,
                            const std::vector<Method>& methods) {
  if (text.empty()) return 0;
  const char* opt = "--reference";
  const auto parts = split(text, ':');
  if (parts.size() > 2) bad(opt, text, "expected T or T:METHOD");
  const auto t = parse_real(parts[0]);
  if (!t) bad(opt, text, fmt::format("'{}' is not a number", parts[0]));
  std::size_t ti = thresholds.size();
  for (std::size_t i = 0; i < thresholds.size(); ++i)
    if (std::abs(thresholds[i] - *t) < 1e-9) ti = i;
  if (ti == thresholds.size()) bad(opt, text, "the threshold is not one of --threshold's");
  std::size_t mi = 0;
  if (parts.size() == 2) {
    const auto m = parse_method(parts[1]);
    if (!m) bad(opt, text, unknown_name("method", parts[1], method_names()));
    const auto it = m ? std::find(methods.begin(), methods.end(), *m) : methods.end();
    if (it == methods.end()) bad(opt, text, "the method is not one of --method's");
    mi = static_cast<std::size_t>(it - methods.begin());
  }
  return ti * methods.size() + mi;
}

// Decimals that print every threshold (in percent) exactly, 1 to 4.
int percent_decimals(const std::vector<double>& thresholds) {
  for (int d = 1; d < 4; ++d) {
    const double scale = std::pow(10.0, d + 2);
    bool ok = true;
    for (double t : thresholds) ok = ok && std::abs(t * scale - std::round(t * scale)) < 1e-6;
    if (ok) return d;
  }
  return 4;
}

std::string share_text(double t) {
  return fmt::format("{}", clean_share(t));
}

void print_tables(const Scenario& scenario, const ElectedBody& body, const SweepTally& t,
                  const std::vector<double>& thresholds, const std::vector<Method>& methods,
                  const std::string& reference) {
  std::vector<int> parties;
  for (int o = 0; o < t.options; ++o)
    if (wins_list_seats(scenario.ballot[o].kind)) parties.push_back(o);
  const int dec = percent_decimals(thresholds);
  const std::size_t columns = std::max<std::size_t>(1, methods.size());
  std::size_t mwidth = 6;
  for (Method m : methods) mwidth = std::max(mwidth, to_string(m).size());
  auto width = [&](int o) { return std::max<std::size_t>(6, scenario.ballot[o].id.size()); };
  auto setting_cells = [&](int s) {
    const std::size_t ti = static_cast<std::size_t>(s) / columns;
    std::string cells = fmt::format("{:>9}{}", fmt::format("{:.{}f}%", 100 * thresholds[ti], dec),
                                    static_cast<std::size_t>(s) == t.reference ? '*' : ' ');
    if (!methods.empty())
      cells.append(fmt::format(" {:<{}}", to_string(methods[s % columns]), mwidth));
    return cells;
  };
  auto setting_header = [&] {
    std::string h = fmt::format("{:>9} ", "threshold");
    if (!methods.empty()) h.append(fmt::format(" {:<{}}", "method", mwidth));
    return h;
  };

  fmt::print("\n{}: {}; expected seats per setting (* the reference, {})\n", body.config().name,
             count_of(static_cast<std::uint64_t>(body.list_seats()), "list seat"), reference);
  std::string header = setting_header();
  header.append(fmt::format(" {:>6}", "lists"));
  for (int o : parties) header.append(fmt::format(" {:>{}}", scenario.ballot[o].id, width(o)));
  header.append(fmt::format(" {:>8} {:>9}", "wasted%", "Gallagher"));
  fmt::print("{}\n", header);
  for (int s = 0; s < t.settings; ++s) {
    std::string line = setting_cells(s);
    line.append(fmt::format(" {:>6.2f}", t.lists_passing(s)));
    for (int o : parties) line.append(fmt::format(" {:>{}.2f}", t.mean_seats(s, o), width(o)));
    line.append(fmt::format(" {:>8.2f} {:>9.2f}", t.mean_wasted(s), t.mean_gallagher(s)));
    fmt::print("{}\n", line);
  }

  // Paired differences: the same draws under each setting, so the error is small.
  auto dwidth = [&](int o) { return std::max<std::size_t>(13, scenario.ballot[o].id.size()); };
  fmt::print("\nseats against the reference ({}): mean per-draw difference (standard error)\n",
             reference);
  header = setting_header();
  for (int o : parties) header.append(fmt::format(" {:>{}}", scenario.ballot[o].id, dwidth(o)));
  fmt::print("{}\n", header);
  for (int s = 0; s < t.settings; ++s) {
    std::string line = setting_cells(s);
    for (int o : parties)
      line.append(fmt::format(" {:>{}}",
                              fmt::format("{:+.2f} ({:.2f})", t.diff_mean(s, o), t.diff_se(s, o)),
                              dwidth(o)));
    fmt::print("{}\n", line);
  }
  fmt::print(
      "lists: expected number of lists passing the threshold; wasted%: mean share of valid "
      "votes for lists without seats and against all; Gallagher: mean least-squares index\n");
}

int sweep(const SweepArgs& a, const Cluster& cluster) {
  std::vector<double> thresholds;
  std::vector<Method> methods;
  try {
    thresholds = parse_thresholds(a.threshold);
    methods = parse_methods(a.methods);
  } catch (const BadOption& e) {
    fmt::print(stderr, "seatcast: error: {}\n", e.message);
    return 2;
  }

  Scenario scenario = load_scenario(a.scenario);
  if (a.draws > 0) scenario.run.draws = a.draws;
  if (a.seed >= 0) scenario.run.seed = static_cast<std::uint64_t>(a.seed);
  const int threads = a.threads > 0 ? a.threads : default_threads();
  // A sweep's table is the metrics per setting: [run] metrics = false does not apply.
  for (BodyConfig& c : scenario.bodies) c.metrics = true;

  // The first body that allocates seats among lists (or the one named).
  const auto allocates_lists = [](const BodyConfig& c) {
    if (c.list_tier) return true;
    for (const StageConfig& st : c.stages)
      if (const auto* al = std::get_if<AllocateConfig>(&st); al && !al->district) return true;
    return false;
  };
  std::size_t body_index = scenario.bodies.size();
  for (std::size_t b = 0; b < scenario.bodies.size(); ++b) {
    const BodyConfig& c = scenario.bodies[b];
    if (a.body.empty() ? allocates_lists(c) : c.id == a.body) {
      body_index = b;
      break;
    }
  }
  if (body_index == scenario.bodies.size()) {
    if (a.body.empty())
      fmt::print(stderr, "seatcast: error: {}: no body with a list allocation to sweep\n",
                 a.scenario);
    else
      fmt::print(stderr, "seatcast: error: --body '{}': no such body in {}\n", a.body, a.scenario);
    return 2;
  }

  std::string out = a.output;
  if (out.empty()) out = std::filesystem::path(a.scenario).stem().string().append("-sweep.h5");
  std::signal(SIGINT, on_sweep_signal);
  std::signal(SIGTERM, on_sweep_signal);
  const bool root = cluster.root();
  std::optional<PendingFile> pending;
  std::optional<Simulation> sim;
  RunOptions opt;
  SweptStages swept;
  std::size_t reference = 0;
  std::string reference_text;
  const ListTierConfig* own = nullptr;  // the threshold stage's rule
  Method own_method = Method::hare;
  const std::size_t columns = std::max<std::size_t>(1, methods.size());
  // Every rank parsed the same arguments above; from here on failures are agreed.
  int status = agreed(cluster, [&] {
    if (root) pending.emplace(out, a.force);  // refuses an existing result before any work
    sim.emplace(make_simulation(scenario));
    const ElectedBody& body = sim->bodies[body_index];
    try {
      swept = swept_stages(body, a.stage);
      if (!methods.empty() && swept.method < 0)
        throw std::invalid_argument("stage '" + a.stage + "' allocates no seats: no --method");
    } catch (const std::invalid_argument& e) {
      if (root)
        fmt::print(stderr, "seatcast: error: {}: {}\n", a.stage.empty() ? "--body" : "--stage",
                   e.what());
      return 2;
    }
    own = &body.stage_rule(swept.threshold)->config();
    own_method = swept.method >= 0 ? body.stage_rule(swept.method)->config().method : own->method;
    try {
      reference = parse_reference(a.reference, thresholds,
                                  methods.empty() ? std::vector<Method>{own_method} : methods);
    } catch (const BadOption& e) {
      if (root) fmt::print(stderr, "seatcast: error: {}\n", e.message);
      return 2;
    }
    reference_text = share_text(thresholds[reference / columns]);
    reference_text.append(":").append(
        to_string(methods.empty() ? own_method : methods[reference % columns]));
    check_sweep_memory(scenario, *sim, body_index, thresholds.size() * columns, threads);
    opt = RunOptions{scenario.run.draws, scenario.run.seed, threads, scenario.run.block_size,
                     &g_cancel};
    // This rank's contiguous share of the blocks (all of them without MPI).
    const BlockRange mine = block_part(block_count(opt.draws, opt.block_size),
                                       static_cast<std::uint64_t>(cluster.rank()),
                                       static_cast<std::uint64_t>(cluster.size()));
    opt.block_begin = mine.begin;
    opt.block_end = mine.end;
    return 0;
  });
  if (status) return status;
  ProgressBar bar(!a.quiet && root);
  const auto start = std::chrono::steady_clock::now();
  SweepResult result;
  status = agreed(cluster, [&] {
    result = run_sweep(*sim, SweepSetup{body_index, thresholds, methods, reference, a.stage}, opt,
                       [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); });
    return result.cancelled ? 130 : 0;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bar.finish();
  if (status) {
    if (root && status == 130) fmt::print(stderr, "seatcast: interrupted; no result written\n");
    return status;
  }
  cluster.reduce(result.tally);

  status = agreed(cluster, [&] {
    if (!root) return 0;
    SweepInfo info;
    info.run = RunInfo{opt.seed, opt.draws, opt.block_size, threads, cluster.size()};
    info.thresholds = thresholds;
    for (Method m : methods) info.methods.emplace_back(to_string(m));
    info.body = sim->bodies[body_index].id();
    info.own_method = to_string(own_method);
    info.own_threshold = own->threshold.share();
    info.reference = reference_text;
    const auto stage_id = [&](int i) {
      return i < 0 ? std::string()
                   : std::visit([](const auto& st) { return st.id; },
                                sim->bodies[body_index].stages()[i]);
    };
    info.threshold_stage = stage_id(swept.threshold);
    info.method_stage = methods.empty() ? "" : stage_id(swept.method);
    write_sweep_file(pending->temporary(), scenario, info, result.tally);
    pending->commit();
    return 0;
  });
  if (status || !root) return status;

  if (!a.quiet) {
    fmt::print("{}\n", scenario.name.empty() ? scenario.file : scenario.name);
    const std::string axes = methods.empty()
                                 ? count_of(thresholds.size(), "threshold")
                                 : fmt::format("{} x {}", count_of(thresholds.size(), "threshold"),
                                               count_of(columns, "method"));
    fmt::print("{}, seed {}, {}, {:.2f} s; {} on the same draws ({}); model: {}\n",
               count_of(opt.draws, "draw"), opt.seed,
               count_of(static_cast<std::uint64_t>(threads), "thread"), seconds,
               count_of(static_cast<std::uint64_t>(result.tally.settings), "setting"), axes,
               scenario.model_type);
    fmt::print("results: {}\n", out);
    print_tables(scenario, sim->bodies[body_index], result.tally, thresholds, methods,
                 reference_text);
  }
  return 0;
}

}  // namespace

Command add_sweep(CLI::App& app, const Cluster& cluster) {
  auto a = std::make_shared<SweepArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->required();
  app.add_option("--threshold", a->threshold,
                 "Thresholds FROM:TO:STEP as shares, e.g. 0:0.1:0.01 (at most 1001)")
      ->required();
  app.add_option("--method", a->methods,
                 "Apportionment methods, comma-separated (default: the body's own)");
  app.add_option("--body", a->body, "Body to sweep (default: the first with a list allocation)");
  app.add_option("--stage", a->stage,
                 "Stage to vary (default: the first filter for the threshold, the first list "
                 "allocation for the method)");
  app.add_option("--reference", a->reference,
                 "Setting differences are taken against, T[:METHOD] (default: the first)");
  add_draw_options(app, a->draws, a->seed, a->threads);
  app.add_option("-o,--output", a->output, "Results file (default: SCENARIO-STEM-sweep.h5)");
  app.add_flag("--force", a->force, "Replace an existing results file");
  app.add_flag("-q,--quiet", a->quiet, "No progress bar and no table");
  return [a, &cluster] { return sweep(*a, cluster); };
}

}  // namespace seatcast::cli
