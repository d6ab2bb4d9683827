// seatcast backtest: run a scenario and place a known result (the official count) in
// the simulated distributions. For each option the model covers: the true share (its
// votes over the votes of the options the model covers) and its percentile among the
// draws' shares (fraction of draws below the truth plus half the ties), the true list
// seats and their mid-rank percentile in the body's seats_pr histogram, and whether
// each falls in the central 50% and 90% intervals. A calibrated model puts about half
// the truths in its 50% intervals and nine in ten in its 90% intervals; truths piled in
// the tails say the spread (the shared error) is too small.
//
// The draws' shares are kept in memory (draws x options x 4 bytes, hence the 10^7
// limit); no results file is written.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/draw_options.h"
#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/wording.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"
#include "engine/scenario/toml_reader.h"
#include "engine/sim/simulation.h"

namespace seatcast::cli {

namespace {

constexpr std::uint64_t kMaxBacktestDraws = 10'000'000;

struct BacktestArgs {
  std::string scenario;
  std::string elections;
  std::vector<std::string> horizons;
  std::vector<std::string> sets;
  std::vector<Override> overrides;
  std::string truth;
  std::uint64_t draws = 0;
  std::int64_t seed = -1;
  int threads = 0;
  std::string body;
  std::string format = "table";
};

void check_draws(const Scenario& scenario, bool from_command_line) {
  if (scenario.run.draws > kMaxBacktestDraws)
    throw InputError(from_command_line ? "command line" : scenario.file, 0,
                     from_command_line ? "-n" : "run.draws",
                     fmt::format("{} draws: backtest keeps every draw's shares in memory and takes "
                                 "at most 10^7 draws (give a smaller -n)",
                                 scenario.run.draws));
}

struct TruthRow {
  double votes = 0;  // votes, or the percentage where only that is published
  std::optional<int> seats;
};

// The official result: rows `option,votes` with optional `kind` (checked against the
// scenario), `percent` (used when votes are empty in every row: results published in
// percent only) and `seats` (the body's list seats). Every option the model covers needs a
// row; independents (district-only) may appear and are ignored.
std::vector<std::optional<TruthRow>> read_truth(const std::string& path, const Ballot& ballot) {
  const CsvTable csv = read_csv(path);
  const int ocol = csv.require("option");
  const int vcol = csv.require("votes");
  const auto kcol = csv.column("kind");
  const auto scol = csv.column("seats");
  const auto pcol = csv.column("percent");
  int by_votes = -1;  // unknown yet, 1: votes, 0: percent
  std::vector<std::optional<TruthRow>> rows(ballot.size());
  for (const CsvRow& row : csv.rows) {
    const std::string& id = row.fields[ocol];
    const auto idx = find_option(ballot, id);
    if (!idx)
      throw InputError(path, row.line, "option",
                       fmt::format("'{}' is not an option of the scenario", id));
    if (rows[*idx])
      throw InputError(path, row.line, "option", fmt::format("'{}' appears twice", id));
    if (kcol && !row.fields[*kcol].empty() && row.fields[*kcol] != to_string(ballot[*idx].kind))
      throw InputError(path, row.line, "kind",
                       fmt::format("'{}' but the scenario says '{}' for '{}'", row.fields[*kcol],
                                   to_string(ballot[*idx].kind), id));
    double amount = 0;
    if (row.fields[vcol].empty() && pcol && !row.fields[*pcol].empty()) {
      // Only the percentage is published (a share of the valid vote): every row must be so.
      const auto p = parse_real(row.fields[*pcol]);
      if (!p || *p < 0 || *p > 100)
        throw InputError(path, row.line, "percent", "expected 0 to 100");
      if (by_votes == 1)
        throw InputError(path, row.line, "votes", "empty while other rows give votes");
      by_votes = 0;
      amount = *p;
    } else {
      const auto v = parse_int(row.fields[vcol]);
      if (!v) throw InputError(path, row.line, "votes", "expected a whole number of votes");
      if (*v < 0) throw InputError(path, row.line, "votes", "votes must not be negative");
      if (by_votes == 0)
        throw InputError(path, row.line, "votes", "given while other rows give only percent");
      by_votes = 1;
      amount = static_cast<double>(*v);
    }
    TruthRow t{amount, std::nullopt};
    if (scol && !row.fields[*scol].empty()) {
      const auto s = parse_int(row.fields[*scol]);
      if (!s || *s < 0 || *s > 100'000)
        throw InputError(path, row.line, "seats", "expected a whole number of seats, 0 or more");
      t.seats = static_cast<int>(*s);
    }
    rows[*idx] = t;
  }
  for (int i : model_options(ballot))
    if (!rows[i])
      throw InputError(path, 0, ballot[i].id,
                       "missing: every option the model covers needs a row (the true share "
                       "is over all of them)");
  return rows;
}

struct OptionBacktest {
  int option = 0;  // ballot index
  double share = 0, share_pct = 0;
  double share_q[5] = {};  // q05, q25, q50, q75, q95
  bool share_in50 = false, share_in90 = false;
  std::optional<int> seats;
  double seats_pct = 0;
  int seats_q[5] = {};
  bool seats_in50 = false, seats_in90 = false;
  double mean_share = 0;  // the draws' mean: the point forecast
  double crps = 0;        // continuous ranked probability score of the share
  double share_log = 0;   // log P(draw within half a point of the truth)
  double seats_log = 0;   // log P(seats = the truth)
};

constexpr double kLevels[5] = {0.05, 0.25, 0.5, 0.75, 0.95};

// The draw at quantile p of sorted values (the order statistic ceil(p n) - 1, as the
// seat intervals are read from their histogram).
double quantile(const std::vector<float>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  const auto k = static_cast<std::size_t>(std::max(0.0, std::ceil(p * n) - 1));
  return sorted[std::min(k, sorted.size() - 1)];
}

int seat_quantile(std::span<const std::uint64_t> h, std::uint64_t draws, double p) {
  const auto target = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(draws)));
  std::uint64_t cum = 0;
  for (std::size_t s = 0; s < h.size(); ++s) {
    cum += h[s];
    if (cum >= std::max<std::uint64_t>(target, 1)) return static_cast<int>(s);
  }
  return static_cast<int>(h.size()) - 1;
}

std::string pct_text(double p) {
  return fmt::format("{:.1f}", p);
}

std::string json_string(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20)
      q.append(fmt::format("\\u{:04x}", static_cast<unsigned>(c)));
    else
      q.push_back(c);
  }
  q.push_back('"');
  return q;
}

struct Score {
  std::vector<OptionBacktest> rows;
  std::uint64_t draws = 0;
  std::uint64_t seed = 0;
  std::string body;
  bool list = false;
};

// The scenario's draws against the truth: per option, where the truth falls.
Score score(const Scenario& scenario, const std::vector<std::optional<TruthRow>>& truth,
            const std::string& truth_path, const std::string& body_id, int threads_wanted) {
  const Simulation sim = make_simulation(scenario);
  std::size_t body = 0;
  if (!body_id.empty()) {
    std::string known;
    for (body = 0; body < sim.bodies.size() && sim.bodies[body].id() != body_id; ++body)
      known.append(known.empty() ? "" : ", ").append(sim.bodies[body].id());
    if (body == sim.bodies.size())
      throw InputError(
          "command line", 0, "--body",
          fmt::format("no body '{}' in {} (it has: {})", body_id, scenario.file, known));
  }
  const ElectedBody& b = sim.bodies[body];
  const bool list = b.list_seats() > 0;

  const int threads =
      threads_wanted > 0 ? threads_wanted : static_cast<int>(std::thread::hardware_concurrency());
  const RunOptions opt{scenario.run.draws, scenario.run.seed, threads, scenario.run.block_size,
                       nullptr};
  const std::vector<int> covered = model_options(scenario.ballot);
  const std::size_t n_ballot = scenario.ballot.size();
  std::vector<std::vector<float>> shares(covered.size());
  for (auto& v : shares) v.reserve(opt.draws);
  const RunResult result = run_simulation(sim, opt, {}, [&](const BlockRecord& r) {
    for (std::uint64_t d = 0; d < r.count; ++d)
      for (std::size_t k = 0; k < covered.size(); ++k)
        shares[k].push_back(r.shares[d * n_ballot + covered[k]]);
  });
  const std::uint64_t draws = result.tally.draws;
  const BodyTally& tally = result.tally.bodies[body];
  const SeatHistogram hist = list ? tally.seats_pr() : tally.seats_total();

  double total = 0;
  for (int i : covered) total += truth[i]->votes;
  if (total <= 0)
    throw InputError(truth_path, 0, "votes", "the options the model covers have no votes");
  const double n_draws = static_cast<double>(draws);
  // A probability never taken as 0 in a log score: half a draw.
  const auto log_p = [&](double count) { return std::log(std::max(count, 0.5) / n_draws); };

  Score out{{}, draws, opt.seed, b.id(), list};
  for (std::size_t k = 0; k < covered.size(); ++k) {
    OptionBacktest o;
    o.option = covered[k];
    o.share = truth[o.option]->votes / total;
    std::vector<float>& s = shares[k];
    std::uint64_t below = 0, ties = 0, near = 0;
    double sum = 0, abs_dev = 0;
    for (float x : s) {
      below += x < o.share;
      ties += x == o.share;
      near += std::abs(x - o.share) <= 0.005;
      sum += x;
      abs_dev += std::abs(x - o.share);
    }
    o.share_pct = 100.0 * (static_cast<double>(below) + 0.5 * static_cast<double>(ties)) /
                  static_cast<double>(s.size());
    std::sort(s.begin(), s.end());
    for (int q = 0; q < 5; ++q) o.share_q[q] = quantile(s, kLevels[q]);
    o.share_in50 = o.share >= o.share_q[1] && o.share <= o.share_q[3];
    o.share_in90 = o.share >= o.share_q[0] && o.share <= o.share_q[4];
    o.mean_share = sum / n_draws;
    // CRPS = E|X - y| - E|X - X'| / 2, the second from the sorted draws:
    // E|X - X'| = 2 / n^2 sum_i (2 i - n - 1) x_(i), i from 1.
    double spread = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      spread += (2.0 * static_cast<double>(i + 1) - n_draws - 1.0) * s[i];
    o.crps = abs_dev / n_draws - spread / (n_draws * n_draws);
    o.share_log = log_p(static_cast<double>(near));
    s = {};  // free as we go
    o.seats = truth[o.option]->seats;
    if (o.seats) {
      const auto h = hist.row(o.option);
      std::uint64_t lower = 0, at = 0;
      for (std::size_t v = 0; v < h.size(); ++v) {
        if (static_cast<int>(v) < *o.seats) lower += h[v];
        if (static_cast<int>(v) == *o.seats) at = h[v];
      }
      o.seats_pct = 100.0 * (static_cast<double>(lower) + 0.5 * static_cast<double>(at)) / n_draws;
      for (int q = 0; q < 5; ++q) o.seats_q[q] = seat_quantile(h, draws, kLevels[q]);
      o.seats_in50 = *o.seats >= o.seats_q[1] && *o.seats <= o.seats_q[3];
      o.seats_in90 = *o.seats >= o.seats_q[0] && *o.seats <= o.seats_q[4];
      o.seats_log = log_p(static_cast<double>(at));
    }
    out.rows.push_back(o);
  }
  return out;
}

int backtest(const BacktestArgs& a) {
  Scenario scenario = load_scenario(a.scenario, a.overrides);
  if (a.draws > 0) scenario.run.draws = a.draws;
  if (a.seed >= 0) scenario.run.seed = static_cast<std::uint64_t>(a.seed);
  check_draws(scenario, a.draws > 0);
  const std::vector<std::optional<TruthRow>> truth = read_truth(a.truth, scenario.ballot);
  const Score sc = score(scenario, truth, a.truth, a.body, a.threads);
  const std::vector<OptionBacktest>& rows = sc.rows;
  const std::uint64_t draws = sc.draws;
  const bool list = sc.list;
  const Ballot& ballot = scenario.ballot;
  if (a.format == "csv") {
    fmt::print(
        "option,kind,true_share,share_percentile,share_q05,share_q25,share_q50,share_q75,"
        "share_q95,share_in_50,share_in_90,true_seats,seats_percentile,seats_q05,seats_q25,"
        "seats_q50,seats_q75,seats_q95,seats_in_50,seats_in_90\n");
    for (const OptionBacktest& o : rows) {
      std::string line = fmt::format("{},{},{},{},{},{},{},{},{},{},{}", ballot[o.option].id,
                                     to_string(ballot[o.option].kind), o.share, o.share_pct,
                                     o.share_q[0], o.share_q[1], o.share_q[2], o.share_q[3],
                                     o.share_q[4], int(o.share_in50), int(o.share_in90));
      if (o.seats)
        line.append(fmt::format(",{},{},{},{},{},{},{},{},{}", *o.seats, o.seats_pct, o.seats_q[0],
                                o.seats_q[1], o.seats_q[2], o.seats_q[3], o.seats_q[4],
                                int(o.seats_in50), int(o.seats_in90)));
      else
        line.append(",,,,,,,,,");
      fmt::print("{}\n", line);
    }
    return 0;
  }
  int s50 = 0, s90 = 0, t50 = 0, t90 = 0, with_seats = 0;
  for (const OptionBacktest& o : rows) {
    s50 += o.share_in50;
    s90 += o.share_in90;
    if (o.seats) {
      ++with_seats;
      t50 += o.seats_in50;
      t90 += o.seats_in90;
    }
  }
  if (a.format == "json") {
    std::string out = "{\n";
    out.append(fmt::format("  \"scenario\": {},\n  \"truth\": {},\n", json_string(scenario.file),
                           json_string(a.truth)));
    out.append(fmt::format("  \"draws\": {},\n  \"seed\": {},\n  \"body\": {},\n", draws, sc.seed,
                           json_string(sc.body)));
    out.append(fmt::format("  \"seats_histogram\": \"{}\",\n", list ? "seats_pr" : "seats_total"));
    out.append("  \"options\": [");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const OptionBacktest& o = rows[i];
      out.append(i ? ",\n    " : "\n    ");
      out.append(fmt::format(
          "{{\"id\": \"{}\", \"kind\": \"{}\", \"true_share\": {}, \"share_percentile\": {}, "
          "\"share_interval_50\": [{}, {}], \"share_interval_90\": [{}, {}], "
          "\"share_in_50\": {}, \"share_in_90\": {}",
          ballot[o.option].id, to_string(ballot[o.option].kind), o.share, o.share_pct, o.share_q[1],
          o.share_q[3], o.share_q[0], o.share_q[4], o.share_in50, o.share_in90));
      if (o.seats)
        out.append(fmt::format(
            ", \"true_seats\": {}, \"seats_percentile\": {}, \"seats_interval_50\": [{}, {}], "
            "\"seats_interval_90\": [{}, {}], \"seats_in_50\": {}, \"seats_in_90\": {}}}",
            *o.seats, o.seats_pct, o.seats_q[1], o.seats_q[3], o.seats_q[0], o.seats_q[4],
            o.seats_in50, o.seats_in90));
      else
        out.append("}");
    }
    out.append(fmt::format(
        "\n  ],\n  \"coverage\": {{\"options\": {}, \"share_in_50\": {}, \"share_in_90\": {}, "
        "\"options_with_seats\": {}, \"seats_in_50\": {}, \"seats_in_90\": {}}}\n}}\n",
        rows.size(), s50, s90, with_seats, t50, t90));
    fmt::print("{}", out);
    return 0;
  }

  fmt::print("Backtest: {}\n", scenario.name.empty() ? scenario.file : scenario.name);
  fmt::print("truth: {}; {}, seed {}; body {} ({})\n", a.truth, count_of(draws, "draw"), sc.seed,
             sc.body, list ? "list seats" : "all seats");
  fmt::print("\n{:<12} {:>7} {:>6} {:>13} {:>13} {:>5} {:>6} {:>7} {:>7}\n", "option", "share",
             "pct", "50% int", "90% int", "seats", "pct", "50% int", "90% int");
  const auto sh = [](double x) { return fmt::format("{:.1f}", 100 * x); };
  for (const OptionBacktest& o : rows) {
    fmt::print("{:<12} {:>6.2f}% {:>6} {:>13} {:>13}", ballot[o.option].id, 100 * o.share,
               pct_text(o.share_pct), sh(o.share_q[1]).append("-").append(sh(o.share_q[3])),
               sh(o.share_q[0]).append("-").append(sh(o.share_q[4])));
    if (o.seats)
      fmt::print(" {:>5} {:>6} {:>7} {:>7}", *o.seats, pct_text(o.seats_pct),
                 fmt::format("{}-{}", o.seats_q[1], o.seats_q[3]),
                 fmt::format("{}-{}", o.seats_q[0], o.seats_q[4]));
    fmt::print("\n");
  }
  fmt::print(
      "\nshares in their 50% interval: {} of {} (expected about half); in the 90% "
      "interval: {} of {}\n",
      s50, rows.size(), s90, rows.size());
  if (with_seats)
    fmt::print("seats in their 50% interval: {} of {}; in the 90% interval: {} of {}\n", t50,
               with_seats, t90, with_seats);
  fmt::print("(pct: percentile of the truth among the draws, 50 = the median; shares in %)\n");
  return 0;
}

// ---- A set of elections (--elections FILE) ----

struct Election {
  std::string id, group;
  std::string scenario, truth, previous;  // resolved paths
  int line = 0;
};

struct Manifest {
  std::vector<Election> elections;
  std::vector<int> horizons;
};

Manifest read_manifest(const std::string& path, const std::vector<std::string>& horizons_arg) {
  const toml::table doc = parse_toml(read_text(path), path);
  const TomlTable root(doc, path, "");
  root.only({"horizons", "election"});
  Manifest m;
  const auto beside = [&](const std::string& rel) {
    return (std::filesystem::path(path).parent_path() / rel).string();
  };
  for (const TomlTable& e : table_array(root, "election", true)) {
    e.only({"id", "scenario", "truth", "previous", "group"});
    Election x;
    x.id = e.string("id");
    x.scenario = beside(e.string("scenario"));
    x.truth = beside(e.string("truth"));
    if (auto p = e.optional_string("previous")) x.previous = beside(*p);
    x.group = e.optional_string("group").value_or("");
    x.line = e.line();
    m.elections.push_back(x);
  }
  std::vector<std::string> hs = horizons_arg;
  if (hs.empty()) {
    if (const toml::node* n = root.node("horizons")) {
      const toml::array* arr = n->as_array();
      if (!arr) root.fail("horizons", "expected an array of days, e.g. [0, 7, 30, 90]");
      for (const auto& v : *arr) {
        if (!v.is_integer()) root.fail("horizons", "expected whole days");
        hs.push_back(std::to_string(*v.value<std::int64_t>()));
      }
    }
  }
  for (const std::string& h : hs) {
    const auto d = parse_int(h);
    if (!d || *d < 0 || *d > 3650)
      throw InputError(horizons_arg.empty() ? path : "command line", 0, "horizons",
                       "'" + h + "' is not a number of days from 0 to 3650");
    m.horizons.push_back(static_cast<int>(*d));
  }
  if (m.horizons.empty()) m.horizons.push_back(0);
  return m;
}

// The previous election's result as shares (option,percent); nullopt where not given.
std::vector<std::optional<double>> read_previous(const std::string& path, const Ballot& ballot) {
  const CsvTable csv = read_csv(path);
  const int ocol = csv.require("option");
  const int pcol = csv.require("percent");
  std::vector<std::optional<double>> out(ballot.size());
  for (const CsvRow& row : csv.rows) {
    const auto idx = find_option(ballot, row.fields[ocol]);
    if (!idx)
      throw InputError(path, row.line, "option",
                       fmt::format("'{}' is not an option of the scenario", row.fields[ocol]));
    if (row.fields[pcol].empty()) continue;
    const auto p = parse_real(row.fields[pcol]);
    if (!p || *p < 0 || *p > 100) throw InputError(path, row.line, "percent", "expected 0 to 100");
    out[*idx] = *p / 100.0;
  }
  return out;
}

// Sums of per-option scores, so elections pool by option.
struct Tally {
  int options = 0, in50 = 0, in90 = 0, seat_options = 0, seats50 = 0, seats90 = 0;
  double abs_err = 0, crps = 0, share_log = 0, seats_log = 0;
  void add(const Score& sc) {
    for (const OptionBacktest& o : sc.rows) {
      ++options;
      in50 += o.share_in50;
      in90 += o.share_in90;
      abs_err += std::abs(o.mean_share - o.share);
      crps += o.crps;
      share_log += o.share_log;
      if (o.seats) {
        ++seat_options;
        seats50 += o.seats_in50;
        seats90 += o.seats_in90;
        seats_log += o.seats_log;
      }
    }
  }
  void add(const Tally& t) {
    options += t.options, in50 += t.in50, in90 += t.in90, seat_options += t.seat_options;
    seats50 += t.seats50, seats90 += t.seats90;
    abs_err += t.abs_err, crps += t.crps, share_log += t.share_log, seats_log += t.seats_log;
  }
};

struct Line {
  std::string election, group, model;
  int horizon = 0;
  Tally t;
};

// The last poll average without drift: a static average of the polls whose middle day is
// in the last 14 days before the newest (28, 56, ... when an option is missing there),
// no house effects, the trend's shared error; its forecast is that average itself.
std::optional<Scenario> last_average(const Scenario& s) {
  if (!s.poll_trend || !s.poll_average) return std::nullopt;
  std::int64_t newest = s.trend_polls.front().day;
  for (const models::Poll& p : s.trend_polls) newest = std::max(newest, p.day);
  models::PollAverageSettings settings = s.poll_average->settings;
  settings.estimate_house_effects = false;
  settings.half_life_days = 0;
  for (std::int64_t window = 14;; window *= 2) {
    std::vector<models::Poll> recent;
    for (const models::Poll& p : s.trend_polls)
      if (p.day > newest - window) recent.push_back(p);
    try {
      const int options = static_cast<int>(s.trend_polls.front().percent.size());
      models::PollAverage avg = models::average_polls(recent, options, settings);
      Scenario out = s;
      out.model = models::to_vote_model(avg);
      out.poll_average = std::move(avg);
      return out;
    } catch (const std::invalid_argument&) {
      if (recent.size() == s.trend_polls.size()) return std::nullopt;
    }
  }
}

std::string iso(std::int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int backtest_elections(const BacktestArgs& a) {
  const Manifest m = read_manifest(a.elections, a.horizons);
  std::vector<Line> lines;
  for (const Election& e : m.elections) {
    const Scenario first = load_scenario(e.scenario, a.overrides);
    const Ballot& ballot = first.ballot;
    const auto truth = read_truth(e.truth, ballot);
    std::optional<std::vector<std::optional<double>>> previous;
    if (!e.previous.empty()) previous = read_previous(e.previous, ballot);
    for (int h : m.horizons) {
      if (!first.poll_trend && h > 0) continue;  // a static model has one horizon: its polls
      std::vector<Override> o = a.overrides;
      if (h > 0) {
        const std::int64_t election = first.poll_trend->first_day + first.poll_trend->days() - 1;
        o.push_back({"model.as_of", "\"" + iso(election - h) + "\""});
      }
      std::optional<Scenario> loaded;
      try {
        loaded = h > 0 ? load_scenario(e.scenario, o) : first;
      } catch (const InputError& err) {
        // The scenario read at horizon 0, so what fails here is the polls as they stood
        // (none yet, or an option no poll had reported): that horizon is skipped, saying why.
        if (h == 0) throw;
        fmt::print(stderr, "backtest: {}, {} days out: skipped ({})\n", e.id, h, err.what());
        continue;
      }
      Scenario& s = *loaded;
      if (a.draws > 0) s.run.draws = a.draws;
      if (a.seed >= 0) s.run.seed = static_cast<std::uint64_t>(a.seed);
      check_draws(s, a.draws > 0);
      Line model{e.id, e.group, "forecast", h, {}};  // the scenario's own model
      model.t.add(score(s, truth, e.truth, "", a.threads));
      lines.push_back(model);
      if (auto base = last_average(s)) {
        Line avg{e.id, e.group, "last-average", h, {}};
        avg.t.add(score(*base, truth, e.truth, "", a.threads));
        lines.push_back(avg);
      }
      if (previous) {
        // A point forecast: its error only (as a CRPS, a point's is its absolute error).
        Line prev{e.id, e.group, "previous", h, {}};
        double total = 0;
        for (int i : model_options(ballot)) total += truth[i]->votes;
        for (int i : model_options(ballot)) {
          const auto& p = (*previous)[static_cast<std::size_t>(i)];
          if (!p) continue;
          ++prev.t.options;
          prev.t.abs_err += std::abs(*p - truth[i]->votes / total);
          prev.t.crps += std::abs(*p - truth[i]->votes / total);
        }
        lines.push_back(prev);
      }
    }
  }
  // Pooled over elections, per horizon and model, and per group (the hold-out).
  std::vector<Line> pooled;
  const auto pool = [&](const Line& l, const std::string& name) {
    for (Line& p : pooled)
      if (p.election == name && p.model == l.model && p.horizon == l.horizon) {
        p.t.add(l.t);
        return;
      }
    Line p{name, "", l.model, l.horizon, l.t};
    pooled.push_back(p);
  };
  for (const Line& l : lines) {
    pool(l, "pooled");
    if (!l.group.empty()) pool(l, "pooled-" + l.group);
  }
  const auto model_rank = [](const std::string& m) {
    return m == "forecast" ? 0 : m == "last-average" ? 1 : 2;
  };
  std::stable_sort(pooled.begin(), pooled.end(), [&](const Line& x, const Line& y) {
    return std::tuple(x.horizon, model_rank(x.model), x.election) <
           std::tuple(y.horizon, model_rank(y.model), y.election);
  });
  lines.insert(lines.end(), pooled.begin(), pooled.end());

  const auto frac = [](int x, int n) { return n ? static_cast<double>(x) / n : std::nan(""); };
  if (a.format == "csv") {
    fmt::print(
        "election,group,horizon,model,options,mae_points,crps_points,share_cover_50,"
        "share_cover_90,log_score_share,seat_options,seats_cover_50,seats_cover_90,"
        "log_score_seats\n");
    for (const Line& l : lines) {
      const Tally& t = l.t;
      fmt::print("{},{},{},{},{},{:.4f},{:.4f},{:.4f},{:.4f},{:.4f},{},{:.4f},{:.4f},{:.4f}\n",
                 l.election, l.group, l.horizon, l.model, t.options, 100 * t.abs_err / t.options,
                 100 * t.crps / t.options, frac(t.in50, t.options), frac(t.in90, t.options),
                 t.share_log / t.options, t.seat_options, frac(t.seats50, t.seat_options),
                 frac(t.seats90, t.seat_options),
                 t.seat_options ? t.seats_log / t.seat_options : std::nan(""));
    }
    return 0;
  }
  fmt::print("Backtest of {} elections ({}); horizons in days before election day\n",
             m.elections.size(), a.elections);
  fmt::print("{:<18} {:>4} {:<14} {:>4} {:>6} {:>6} {:>6} {:>6} {:>7} {:>5} {:>6} {:>6} {:>7}\n",
             "election", "days", "model", "opts", "MAE", "CRPS", "cov50", "cov90", "logS", "seat",
             "cov50", "cov90", "logS");
  const auto cell = [](double x) {
    return std::isnan(x) ? std::string("-") : fmt::format("{:.2f}", x);
  };
  for (const Line& l : lines) {
    const Tally& t = l.t;
    const bool point = l.model == "previous";
    fmt::print(
        "{:<18} {:>4} {:<14} {:>4} {:>6.2f} {:>6.2f} {:>6} {:>6} {:>7} {:>5} {:>6} {:>6} {:>7}\n",
        l.election, l.horizon, l.model, t.options, 100 * t.abs_err / t.options,
        100 * t.crps / t.options, point ? "-" : cell(frac(t.in50, t.options)),
        point ? "-" : cell(frac(t.in90, t.options)), point ? "-" : cell(t.share_log / t.options),
        t.seat_options, cell(frac(t.seats50, t.seat_options)),
        cell(frac(t.seats90, t.seat_options)),
        t.seat_options ? cell(t.seats_log / t.seat_options) : "-");
  }
  fmt::print(
      "(MAE, CRPS: points of vote share per option; cov50/cov90: share of options whose truth "
      "is in the central 50%/90% interval; logS: mean log probability of the truth within half "
      "a point, and of the exact seat count)\n");
  return 0;
}

}  // namespace

Command add_backtest(CLI::App& app) {
  auto a = std::make_shared<BacktestArgs>();
  auto* one = app.add_option("scenario", a->scenario, "Scenario file (TOML)");
  auto* truth = app.add_option("--truth", a->truth, "Official result CSV: option,kind,votes,seats");
  auto* many = app.add_option("--elections", a->elections,
                              "A set of elections (TOML: [[election]] id, scenario, truth, "
                              "previous, group), scored per election, horizon and model");
  one->excludes(many);
  truth->excludes(many);
  app.add_option("--horizons", a->horizons,
                 "Days before election day to place the polls at, e.g. 0,7,30,90 (with "
                 "--elections; default: the file's, else 0)")
      ->delimiter(',');
  app.add_option("--set", a->sets, "Change a scenario setting: KEY=VALUE (dotted TOML key)");
  app.add_option("-n,--draws", a->draws,
                 "Number of draws, e.g. 100000 or 1e5 (default: the scenario's; at most 10^7)")
      ->transform(count_form(1, static_cast<std::uint64_t>(kMaxDraws)));  // 10^7: below, saying why
  app.add_option("-s,--seed", a->seed, "Random seed (default: the scenario's)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("-t,--threads", a->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  app.add_option("-b,--body", a->body, "Elected body (its id; default: the first)");
  app.add_option("-f,--format", a->format, "Output format: table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  return [a] {
    for (const std::string& kv : a->sets) a->overrides.push_back(parse_override(kv, "--set"));
    if (!a->elections.empty()) return backtest_elections(*a);
    if (a->scenario.empty() || a->truth.empty())
      throw InputError("command line", 0, a->scenario.empty() ? "scenario" : "--truth",
                       "give a scenario and --truth RESULTS.csv, or --elections FILE");
    return backtest(*a);
  };
}

}  // namespace seatcast::cli
