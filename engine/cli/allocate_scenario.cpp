#include "engine/cli/allocate_scenario.h"

#include <fmt/format.h>

#include "engine/cli/json.h"
#include "engine/io/input_error.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

int allocate_scenario(const std::string& scenario_path, const std::string& body_id,
                      const std::string& votes_path, const std::string& format) {
  if (format != "csv" && format != "json")
    throw InputError("command line", 0, "--format", "expected csv or json");
  const Scenario scenario = load_scenario(scenario_path);
  const Simulation sim = make_simulation(scenario);
  const ElectedBody* body = nullptr;
  if (body_id.empty()) {
    if (sim.bodies.size() != 1) {
      std::string ids;
      for (const auto& b : sim.bodies) ids += (ids.empty() ? "" : ", ") + b.id();
      throw InputError("command line", 0, "--body",
                       "the scenario has several bodies (" + ids + "): name one");
    }
    body = &sim.bodies.front();
  } else {
    for (const auto& b : sim.bodies)
      if (b.id() == body_id) body = &b;
    if (!body)
      throw InputError("command line", 0, "--body",
                       "no body '" + body_id + "' in " + scenario_path);
  }
  const AreaVotesTable votes = read_area_votes_csv(votes_path);
  const CountedResult r = allocate_counted(*body, scenario.ballot, votes);
  const Ballot& ballot = scenario.ballot;
  const int options = static_cast<int>(ballot.size());
  const Ledger& l = r.draw.ledger;
  for (int t : r.uncounted)
    fmt::print(stderr,
               "seatcast: note: tier '{}' ({} seats) has no votes in {}: its seats are not "
               "allocated\n",
               body->tier(t).id, body->tier(t).seats, votes_path);

  const std::vector<AreaSeats> areas = seats_by_area(*body, options, r);
  const auto stands = [&](const std::string& area, int o) {
    return stands_in(*body, options, r, area, o);
  };
  const std::vector<int>& total = r.draw.seats_total;
  if (format == "csv") {
    fmt::print("area,option,seats\n");
    for (const auto& [id, seats] : areas)
      for (int o = 0; o < options; ++o)
        if (seats[o] > 0 || stands(id, o)) fmt::print("{},{},{}\n", id, ballot[o].id, seats[o]);
    for (int o = 0; o < options; ++o)
      if (total[o] > 0 || l.national[o] > 0) fmt::print("total,{},{}\n", ballot[o].id, total[o]);
    return r.draw.list_events.refused ? 2 : 0;
  }
  // JSON: a stable key order (the ballot's), every option of the ballot in totals.
  std::string out = "{\"body\": " + json_string(body->id()) + ", \"seats\": {";
  for (int o = 0; o < options; ++o)
    out += fmt::format("{}{}: {}", o ? ", " : "", json_string(ballot[o].id), total[o]);
  out += "}, \"areas\": {";
  for (std::size_t a = 0; a < areas.size(); ++a) {
    out += fmt::format("{}{}: {{", a ? ", " : "", json_string(areas[a].area));
    bool first = true;
    for (int o = 0; o < options; ++o)
      if (areas[a].seats[o] > 0 || stands(areas[a].area, o)) {
        out += fmt::format("{}{}: {}", first ? "" : ", ", json_string(ballot[o].id),
                           areas[a].seats[o]);
        first = false;
      }
    out += "}";
  }
  // Each level's magnitudes (computed from the counted votes where the level says so).
  out += "}, \"magnitudes\": {";
  for (std::size_t k = 0; k < body->levels().size(); ++k) {
    const AreaLevel& level = body->levels()[k];
    out += fmt::format("{}{}: {{", k ? ", " : "", json_string(level.id()));
    for (int a = 0; a < level.areas(); ++a)
      out += fmt::format("{}{}: {}", a ? ", " : "", json_string(level.config().areas[a].id),
                         l.magnitudes[k][a]);
    out += "}";
  }
  out += "}, \"tiers\": {";
  for (int t = 0; t < body->tiers(); ++t) {
    out += fmt::format("{}{}: {{\"seats\": {}, \"counted\": {}, \"options\": {{", t ? ", " : "",
                       json_string(body->tier(t).id), body->tier(t).seats,
                       std::find(r.uncounted.begin(), r.uncounted.end(), t) == r.uncounted.end());
    bool first = true;
    for (int o = 0; o < options; ++o)
      if (l.tier_seats[t][o] > 0) {
        out += fmt::format("{}{}: {}", first ? "" : ", ", json_string(ballot[o].id),
                           l.tier_seats[t][o]);
        first = false;
      }
    out += "}}";
  }
  // Filters: each row's base, the line in votes and why each list passed.
  out += "}, \"filters\": {";
  bool first_filter = true;
  for (const Stage& s : body->stages()) {
    const auto* f = std::get_if<FilterStage>(&s);
    if (!f) continue;
    out += fmt::format("{}{}: {{\"level\": {}, \"rows\": {{", first_filter ? "" : ", ",
                       json_string(f->id),
                       f->level < 0 ? "null" : json_string(body->levels()[f->level].id()));
    first_filter = false;
    const int rows = body->rows(f->level);
    for (int row = 0; row < rows; ++row) {
      const std::span<const Votes> v =
          f->level < 0 ? std::span<const Votes>(l.national)
                       : std::span<const Votes>(l.level_votes[f->level])
                             .subspan(static_cast<std::size_t>(row) * options, options);
      const ListTierConfig& cfg = f->rule.config();
      const Votes rolls = f->area_registered ? body->registered(f->level, row) : 0;
      const Votes base = cfg.threshold.base_votes(ballot, v, rolls);
      const int seats = f->level < 0 ? f->quota_seats : l.magnitudes[f->level][row];
      std::vector<PassReason> why(options, PassReason::none);
      std::vector<std::uint8_t> passed(options, 0);
      f->rule.filter_area(v, seats, {}, {}, passed, why.data(), {}, rolls);
      const double line = cfg.quota_threshold ? static_cast<double>(base) / seats
                                              : static_cast<double>(base) * cfg.threshold.share();
      out += fmt::format(
          "{}{}: {{\"base\": {}, \"line\": {:.2f}, \"passed\": {{", row ? ", " : "",
          json_string(f->level < 0 ? "" : body->levels()[f->level].config().areas[row].id), base,
          line);
      bool first = true;
      for (int o = 0; o < options; ++o)
        if (why[o] != PassReason::none) {
          out += fmt::format("{}{}: {}", first ? "" : ", ", json_string(ballot[o].id),
                             json_string(to_string(why[o])));
          first = false;
        }
      out += "}}";
    }
    out += "}}";
  }
  const ListTierEvents& e = r.draw.list_events;
  out += fmt::format(
      "}}, \"events\": {{\"threshold_waived\": {}, \"runner_up_admitted\": {}, \"tie\": {}, "
      "\"refused\": {}, \"runoff\": {}}}}}\n",
      e.threshold_waived, e.runner_up_admitted, e.tie, e.refused, r.draw.district_events.runoff);
  fmt::print("{}", out);
  return e.refused ? 2 : 0;
}

}  // namespace seatcast::cli
