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
#include <cmath>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/draw_options.h"
#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/wording.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"

namespace seatcast::cli {

namespace {

constexpr std::uint64_t kMaxBacktestDraws = 10'000'000;

struct BacktestArgs {
  std::string scenario;
  std::string truth;
  std::uint64_t draws = 0;
  std::int64_t seed = -1;
  int threads = 0;
  std::string body;
  std::string format = "table";
};

struct TruthRow {
  Votes votes = 0;
  std::optional<int> seats;
};

// The official result: rows `option,votes` with optional `kind` (checked against the
// scenario) and `seats` (the body's list seats). Every option the model covers needs a
// row; independents (district-only) may appear and are ignored.
std::vector<std::optional<TruthRow>> read_truth(const std::string& path, const Ballot& ballot) {
  const CsvTable csv = read_csv(path);
  const int ocol = csv.require("option");
  const int vcol = csv.require("votes");
  const auto kcol = csv.column("kind");
  const auto scol = csv.column("seats");
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
    const auto v = parse_int(row.fields[vcol]);
    if (!v) throw InputError(path, row.line, "votes", "expected a whole number of votes");
    if (*v < 0) throw InputError(path, row.line, "votes", "votes must not be negative");
    TruthRow t{*v, std::nullopt};
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

int backtest(const BacktestArgs& a) {
  Scenario scenario = load_scenario(a.scenario);
  if (a.draws > 0) scenario.run.draws = a.draws;
  if (a.seed >= 0) scenario.run.seed = static_cast<std::uint64_t>(a.seed);
  if (scenario.run.draws > kMaxBacktestDraws)
    throw InputError(a.draws > 0 ? "command line" : scenario.file, 0,
                     a.draws > 0 ? "-n" : "run.draws",
                     fmt::format("{} draws: backtest keeps every draw's shares in memory and takes "
                                 "at most 10^7 draws (give a smaller -n)",
                                 scenario.run.draws));
  const std::vector<std::optional<TruthRow>> truth = read_truth(a.truth, scenario.ballot);
  const Simulation sim = make_simulation(scenario);
  std::size_t body = 0;
  if (!a.body.empty()) {
    std::string known;
    for (body = 0; body < sim.bodies.size() && sim.bodies[body].id() != a.body; ++body)
      known.append(known.empty() ? "" : ", ").append(sim.bodies[body].id());
    if (body == sim.bodies.size())
      throw InputError("command line", 0, "--body",
                       fmt::format("no body '{}' in {} (it has: {})", a.body, a.scenario, known));
  }
  const ElectedBody& b = sim.bodies[body];
  const bool list = b.list_seats() > 0;

  const int threads =
      a.threads > 0 ? a.threads : static_cast<int>(std::thread::hardware_concurrency());
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
  for (int i : covered) total += static_cast<double>(truth[i]->votes);
  if (total <= 0)
    throw InputError(a.truth, 0, "votes", "the options the model covers have no votes");

  std::vector<OptionBacktest> rows;
  for (std::size_t k = 0; k < covered.size(); ++k) {
    OptionBacktest o;
    o.option = covered[k];
    o.share = static_cast<double>(truth[o.option]->votes) / total;
    std::vector<float>& s = shares[k];
    std::uint64_t below = 0, ties = 0;
    for (float x : s) {
      below += x < o.share;
      ties += x == o.share;
    }
    o.share_pct = 100.0 * (static_cast<double>(below) + 0.5 * static_cast<double>(ties)) /
                  static_cast<double>(s.size());
    std::sort(s.begin(), s.end());
    for (int q = 0; q < 5; ++q) o.share_q[q] = quantile(s, kLevels[q]);
    o.share_in50 = o.share >= o.share_q[1] && o.share <= o.share_q[3];
    o.share_in90 = o.share >= o.share_q[0] && o.share <= o.share_q[4];
    s = {};  // free as we go
    o.seats = truth[o.option]->seats;
    if (o.seats) {
      const auto h = hist.row(o.option);
      std::uint64_t lower = 0, at = 0;
      for (std::size_t v = 0; v < h.size(); ++v) {
        if (static_cast<int>(v) < *o.seats) lower += h[v];
        if (static_cast<int>(v) == *o.seats) at = h[v];
      }
      o.seats_pct = 100.0 * (static_cast<double>(lower) + 0.5 * static_cast<double>(at)) /
                    static_cast<double>(draws);
      for (int q = 0; q < 5; ++q) o.seats_q[q] = seat_quantile(h, draws, kLevels[q]);
      o.seats_in50 = *o.seats >= o.seats_q[1] && *o.seats <= o.seats_q[3];
      o.seats_in90 = *o.seats >= o.seats_q[0] && *o.seats <= o.seats_q[4];
    }
    rows.push_back(o);
  }

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
    out.append(fmt::format("  \"draws\": {},\n  \"seed\": {},\n  \"body\": {},\n", draws, opt.seed,
                           json_string(b.id())));
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
  fmt::print("truth: {}; {}, seed {}; body {} ({})\n", a.truth, count_of(draws, "draw"), opt.seed,
             b.id(), list ? "list seats" : "all seats");
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

}  // namespace

Command add_backtest(CLI::App& app) {
  auto a = std::make_shared<BacktestArgs>();
  app.add_option("scenario", a->scenario, "Scenario file (TOML)")->required();
  app.add_option("--truth", a->truth, "Official result CSV: option,kind,votes,seats")->required();
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
  return [a] { return backtest(*a); };
}

}  // namespace seatcast::cli
