#include "engine/cli/table.h"

#include <fmt/core.h>

#include "engine/io/wording.h"
#include "engine/sim/summary.h"

namespace seatcast::cli {

namespace {
std::string pct(double p) {
  if (p > 0 && p < 0.0005) return "<0.1%";
  if (p < 1 && p > 0.9995) return ">99.9%";
  return fmt::format("{:.1f}%", 100 * p);
}
}  // namespace

void print_run_header(const Scenario& s, const RunOptions& opt, int threads, double seconds,
                      const std::string& output) {
  fmt::print("{}\n", s.name.empty() ? s.file : s.name);
  fmt::print("{}, seed {}, {}, {:.2f} s ({:.0f} draws/s); model: {}\n", count_of(opt.draws, "draw"),
             opt.seed, count_of(static_cast<std::uint64_t>(threads), "thread"), seconds,
             seconds > 0 ? opt.draws / seconds : 0.0, s.model_type);
  fmt::print("results: {}\n", output);
}

namespace {
std::vector<std::string> coalition_ids(const ElectedBody& body) {
  std::vector<std::string> ids;
  for (const auto& c : body.config().coalitions) ids.push_back(c.id);
  return ids;
}
}  // namespace

void print_body_table(const Ballot& ballot, const ElectedBody& body, const BodyTally& t,
                      std::uint64_t draws) {
  print_body_table(
      ballot,
      BodyFigures{body.config().name, body.seats(), body.list_seats(), body.district_seats(),
                  body.majority(), body.two_thirds(), coalition_ids(body),
                  body.config().list_tier && body.config().list_tier->runner_up,
                  body.house_seats() != body.seats() ? body.house_seats() : 0, body.house_varies()},
      t, draws);
}

void print_body_table(const Ballot& ballot, const BodyFigures& body, const BodyTally& t,
                      std::uint64_t draws) {
  if (body.house > 0)
    // Single-member seats are named where there are some; the tiers before the
    // compensation may be list seats too (Norway's, Sweden's constituencies).
    fmt::print("\n{}: {}{}{}, with compensating list seats; majority {}, two thirds {}\n",
               body.name, count_of(static_cast<std::uint64_t>(body.house), "seat"),
               body.house_varies ? " plus overhang" : "",
               body.district_seats > 0
                   ? fmt::format(", {} of them single-member constituencies", body.district_seats)
                   : std::string(),
               body.majority, body.two_thirds);
  else
    fmt::print("\n{}: {} ({} list, {} district); majority {}, two thirds {}\n", body.name,
               count_of(static_cast<std::uint64_t>(body.seats), "seat"), body.list_seats,
               body.district_seats, body.majority, body.two_thirds);
  const bool mixed = body.list_seats > 0 && body.district_seats > 0;
  fmt::print("{:<14} {:>8} {:>8} ", "option", "P(pass)", "P(seat)");
  if (mixed) fmt::print("{:>6} {:>6} ", "list", "dist");
  fmt::print("{:>7} {:>6} {:>9} {:>9} {:>8} {:>8}\n", "mean", "median", "50% int", "90% int",
             "P(maj)", "P(2/3)");
  const auto summary = summarize_tally(t, body.majority, body.two_thirds, draws);
  for (std::size_t o = 0; o < summary.size(); ++o) {
    const OptionSummary& s = summary[o];
    const bool list = wins_list_seats(ballot[o].kind) && body.list_seats > 0;
    fmt::print("{:<14} {:>8} {:>8} ", ballot[o].id, list ? pct(s.p_passed) : "-", pct(s.p_seats));
    if (mixed)
      fmt::print("{:>6.2f} {:>6.2f} ", histogram_mean(t.seats_pr().row(int(o))),
                 histogram_mean(t.seats_district().row(int(o))));
    fmt::print("{:>7.2f} {:>6} {:>9} {:>9} {:>8} {:>8}\n", s.mean, s.q50,
               fmt::format("{}-{}", s.q25, s.q75), fmt::format("{}-{}", s.q05, s.q95),
               pct(s.p_majority), pct(s.p_two_thirds));
  }
  auto interval = [](std::span<const std::uint64_t> row) {
    return fmt::format("mean {:.1f}, 90% {}-{}", histogram_mean(row), histogram_quantile(row, 0.05),
                       histogram_quantile(row, 0.95));
  };
  if (t.has_lists()) {
    fmt::print("list seats: women {}; women, youth and disabled {}",
               interval(t.body_women().row(0)), interval(t.body_group().row(0)));
    fmt::print("; quota unmet {}; vacant seats in {} of draws\n",
               pct(double(t.quota_unmet_draws()) / draws),
               pct(probability_at_least(t.vacant().row(0), 1)));
  }
  for (std::size_t c = 0; c < body.coalitions.size() && int(c) < t.coalitions().options; ++c) {
    const auto row = t.coalitions().row(int(c));
    fmt::print("coalition {}: {}; P(maj) {}, P(2/3) {}\n", body.coalitions[c], interval(row),
               pct(probability_at_least(row, body.majority)),
               pct(probability_at_least(row, body.two_thirds)));
  }
  // Events of the rules this body has, only: a body without a runner-up rule is not told
  // that the rule acted in 0.0% of draws.
  std::vector<std::pair<const char*, std::uint64_t>> events;
  if (body.runner_up_rule) events.emplace_back("runner-up rule", t.runner_up_draws());
  if (body.list_seats > 0) events.emplace_back("no list passed", t.threshold_waived_draws());
  events.emplace_back("tie decided a seat", t.tie_draws());
  if (t.refused_draws()) events.emplace_back("tie left undecided", t.refused_draws());
  if (body.district_seats > 0) events.emplace_back("district runoff", t.runoff_draws());
  bool any = false;
  for (const auto& [name, n] : events) any = any || n > 0;
  if (any) {
    std::string line = "events:";
    for (std::size_t i = 0; i < events.size(); ++i)
      line.append(i ? "; " : " ")
          .append(events[i].first)
          .append(" ")
          .append(pct(double(events[i].second) / draws))
          .append(i ? "" : " of draws");
    fmt::print("{}\n", line);
  }
}

}  // namespace seatcast::cli
