// seatcast allocate: seats from counted votes, per the contract in docs/DESIGN.md.
#include <fmt/core.h>
#include "engine/cli/allocate_scenario.h"

#include <numeric>
#include <optional>
#include <sstream>

#include <toml++/toml.h>
#include "engine/cli/commands.h"
#include "engine/cli/json.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/votes_csv.h"
#include "engine/io/wording.h"
#include "engine/metrics/disproportionality.h"
#include "engine/rules/list_tier.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

namespace {

struct AllocateArgs {
  std::string votes;
  std::optional<int> seats;
  std::optional<std::string> method;
  std::optional<double> threshold;
  std::optional<std::string> base;
  std::optional<std::string> runner_up;
  std::optional<std::string> preset;
  std::optional<std::string> tie_rule;
  std::optional<double> first_divisor;
  std::optional<std::int64_t> registered;
  std::optional<std::string> alliance_thresholds;
  std::optional<std::string> exempt;
  std::optional<int> alternative_district_seats;
  bool strict = false;
  std::string format = "csv";
  std::optional<std::string> scenario;
  std::optional<std::string> body;
};

[[noreturn]] void bad(const std::string& field, const std::string& message) {
  throw InputError("command line", 0, field, message);
}

// A comma-separated list, e.g. "0.05,0.08,0.11" or "a,b"; empty items are kept.
std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  if (!text.empty() && text.back() == ',') out.emplace_back();
  return out;
}

// share x base exactly, as a decimal (the share's denominator divides 10^9).
std::string exact_line(double share, Votes base) {
  const Fraction f = decimal_fraction(share);
  const Int128 p = static_cast<Int128>(base) * f.num;
  const auto whole = static_cast<std::int64_t>(p / f.den);
  auto frac = static_cast<std::int64_t>((p % f.den) * (1'000'000'000 / f.den));
  std::string out = std::to_string(whole);
  if (frac == 0) return out;
  std::string digits = fmt::format("{:09d}", frac);
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

// Settings named by a preset (scenarios/presets.toml: a scenario, a body and its list
// tier); explicit flags override them. Presets are data: nothing here names a country.
std::string scenarios_dir() {
  if (const char* dir = std::getenv("SEATCAST_SCENARIOS")) return dir;
  return SEATCAST_SCENARIOS_DIR;
}

void apply_preset(const std::string& name, AllocateArgs& a) {
  const std::string index = scenarios_dir() + "/presets.toml";
  toml::table presets;
  try {
    presets = toml::parse_file(index);
  } catch (const toml::parse_error& e) {
    throw InputError(index, static_cast<int>(e.source().begin.line), "",
                     std::string(e.description()));
  }
  const toml::table* p = presets[name].as_table();
  if (!p) {
    std::vector<std::string> known;
    for (const auto& [k, v] : presets) known.emplace_back(k.str());
    bad("--preset", unknown_name("preset", name, known));
  }
  const std::string file = scenarios_dir() + "/" + (*p)["scenario"].value_or(std::string());
  const std::string body_id = (*p)["body"].value_or(std::string());
  const std::string tier_id = (*p)["tier"].value_or(std::string("list"));
  const Scenario scenario = load_scenario(file);
  const Simulation sim = make_simulation(scenario);
  const ListTier* tier = nullptr;
  for (const ElectedBody& b : sim.bodies)
    if (b.id() == body_id)
      for (const Stage& s : b.stages())
        if (const auto* al = std::get_if<AllocateStage>(&s); al && al->id == tier_id)
          tier = &al->rule;
  if (!tier)
    throw InputError(index, 0, name,
                     "no tier '" + tier_id + "' in body '" + body_id + "' of " + file);
  const ListTierConfig& c = tier->config();
  if (!a.seats && (*p)["seats"].value_or(true)) a.seats = c.seats;
  if (!a.method) a.method = std::string(to_string(c.method));
  if (!a.threshold) a.threshold = c.threshold.share();
  if (!a.base) a.base = std::string(to_string(c.threshold.base()));
  if (!a.runner_up && c.runner_up)
    a.runner_up = fmt::format("{}:{}", c.runner_up->coefficient(), c.runner_up->min_seats());
}

int allocate(AllocateArgs a) {
  if (a.scenario) {
    // The scenario holds the rules: one-tier flags would contradict it silently.
    const std::pair<const char*, bool> flags[] = {
        {"--seats", a.seats.has_value()},
        {"--method", a.method.has_value()},
        {"--threshold", a.threshold.has_value()},
        {"--threshold-base", a.base.has_value()},
        {"--runner-up", a.runner_up.has_value()},
        {"--preset", a.preset.has_value()},
        {"--tie-rule", a.tie_rule.has_value()},
        {"--first-divisor", a.first_divisor.has_value()},
        {"--registered", a.registered.has_value()},
        {"--alliance-thresholds", a.alliance_thresholds.has_value()},
        {"--exempt", a.exempt.has_value()},
        {"--alternative-district-seats", a.alternative_district_seats.has_value()},
        {"--threshold-strict", a.strict}};
    for (const auto& [flag, given] : flags)
      if (given) bad(flag, "the rules come from --scenario: change them in the scenario file");
    return allocate_scenario(*a.scenario, a.body.value_or(""), a.votes, a.format);
  }
  if (a.body) bad("--body", "only with --scenario");
  const bool explicit_threshold = a.threshold.has_value();
  if (a.preset) apply_preset(*a.preset, a);
  if (!a.seats) bad("--seats", "required (or give a --preset)");
  if (*a.seats < 0 || *a.seats > 10000) bad("--seats", "must be from 0 to 10000");
  if (!a.method) bad("--method", "required (or give a --preset)");
  const auto method = parse_method(*a.method);
  if (!method) bad("--method", unknown_name("method", *a.method, method_names()));
  double threshold = a.threshold.value_or(0.0);
  if (!(threshold >= 0 && threshold <= 1))
    bad("--threshold", "must be a share from 0 to 1 (5% is 0.05)");
  std::vector<double> alliance;
  if (a.alliance_thresholds) {
    for (const std::string& item : split_commas(*a.alliance_thresholds)) {
      const auto share = parse_real(item);
      if (!share || !(*share >= 0 && *share <= 1))
        bad("--alliance-thresholds",
            "expected shares from 0 to 1 by member count, e.g. 0.05,0.08,0.11; '" + item +
                "' is not one");
      alliance.push_back(*share);
    }
    if (alliance.empty()) bad("--alliance-thresholds", "expected at least one share");
    if (explicit_threshold &&
        decimal_fraction(threshold).num * decimal_fraction(alliance[0]).den !=
            decimal_fraction(alliance[0]).num * decimal_fraction(threshold).den)
      bad("--alliance-thresholds",
          "the first share is the single-party threshold and differs from --threshold");
    threshold = alliance[0];
  }
  const auto base = parse_threshold_base(a.base.value_or("valid"));
  if (!base)
    bad("--threshold-base",
        "unknown base '" + *a.base + "' (expected valid, parties, cast, registered)");
  if (*base == ThresholdBase::registered) {
    if (!a.registered)
      bad("--registered", "required with --threshold-base registered (the registered voters)");
    if (*a.registered < 1 || *a.registered > 1'000'000'000'000LL)
      bad("--registered", "must be a whole number from 1 to 10^12");
  } else if (a.registered) {
    bad("--registered", "only with --threshold-base registered");
  }
  if (a.alternative_district_seats && *a.alternative_district_seats < 1)
    bad("--alternative-district-seats", "must be a whole number >= 1");
  const auto tie_rule = parse_tie_rule(a.tie_rule.value_or("registration-order"));
  if (!tie_rule) bad("--tie-rule", unknown_name("tie rule", *a.tie_rule, tie_rule_names()));
  if (a.format != "csv" && a.format != "json") bad("--format", "expected csv or json");

  ListTierConfig cfg;
  cfg.seats = *a.seats;
  cfg.method = *method;
  cfg.threshold = Threshold(threshold, *base, a.strict, a.registered.value_or(0));
  if (!alliance.empty()) cfg.threshold.set_alliance_shares(alliance);
  cfg.tie_rule = *tie_rule;
  if (a.first_divisor) {
    if (!(*a.first_divisor > 0 && *a.first_divisor <= 100))
      bad("--first-divisor", "must be in (0, 100]");
    cfg.first_divisor = *a.first_divisor;
  }
  if (a.runner_up) {
    const auto colon = a.runner_up->find(':');
    const auto coef = parse_real(a.runner_up->substr(0, colon));
    const auto min =
        colon == std::string::npos ? std::nullopt : parse_int(a.runner_up->substr(colon + 1));
    if (!coef || !min || *coef <= 0 || *coef > 1 || *min < 0 || *min > cfg.seats)
      bad("--runner-up",
          "expected COEF:MIN with COEF in (0, 1] and MIN from 0 to the seats, e.g. 0.7:2");
    cfg.runner_up.emplace(*coef, static_cast<int>(*min));
  }

  const VotesTable table = read_votes_csv(a.votes);
  const std::size_t n = table.ballot.size();
  if (*base == ThresholdBase::registered) {
    const Votes cast = std::accumulate(table.votes.begin(), table.votes.end(), Votes{0});
    if (*a.registered < cast)
      bad("--registered", "fewer registered voters (" + std::to_string(*a.registered) +
                              ") than ballots in " + a.votes + " (" + std::to_string(cast) + ")");
  }
  cfg.members = table.members;
  // Columns that no flag reads would change nothing without a word (as alliance_members
  // without alliance_thresholds in a scenario): refuse the first row they would matter on.
  if (alliance.empty())
    for (std::size_t i = 0; i < table.members.size(); ++i)
      if (table.members[i] > 1)
        throw InputError(a.votes, table.lines[i], "members",
                         "an alliance of " + std::to_string(table.members[i]) +
                             " parties needs --alliance-thresholds (e.g. 0.05,0.08,0.11); "
                             "without it every list has the one threshold");
  if (!a.alternative_district_seats)
    for (std::size_t i = 0; i < table.district_seats.size(); ++i)
      if (table.district_seats[i] > 0)
        throw InputError(a.votes, table.lines[i], "district_seats",
                         "district seats admit a list only with --alternative-district-seats N");
  if (a.exempt) {
    cfg.exempt.assign(n, 0);
    for (const std::string& id : split_commas(*a.exempt)) {
      const auto idx = find_option(table.ballot, id);
      if (!idx || !wins_list_seats(table.ballot[*idx].kind))
        bad("--exempt", "'" + id + "' is not a party row of " + a.votes);
      cfg.exempt[*idx] = 1;
    }
  }
  if (a.alternative_district_seats) {
    if (table.district_seats.empty())
      bad("--alternative-district-seats", a.votes + " has no 'district_seats' column");
    cfg.alternative_district_seats = *a.alternative_district_seats;
  }
  const ListTier tier(table.ballot, cfg);
  std::vector<int> seats(n);
  std::vector<std::uint8_t> passed(n);
  ListTierScratch scratch;
  std::vector<Tie> ties;
  const ListTierEvents ev =
      tier.evaluate(table.votes, table.district_seats, seats, passed, scratch, 0, &ties);
  const std::vector<PassReason> reasons = tier.reasons(table.votes, table.district_seats);

  for (const Tie& t : ties) {
    std::string lists;
    for (int l : t.lists) lists += (lists.empty() ? "" : ", ") + table.ballot[l].id;
    fmt::print(stderr, "seatcast: tie for seat {} among {}; settled by {}\n", t.seat + 1, lists,
               to_string(cfg.tie_rule));
  }
  if (ev.threshold_waived)
    fmt::print(stderr, "seatcast: no list reached the threshold; every list took part\n");

  if (a.format == "csv") {
    fmt::print("option,kind,votes,passed,seats\n");
    for (std::size_t i = 0; i < n; ++i)
      fmt::print("{},{},{},{},{}\n", table.ballot[i].id, to_string(table.ballot[i].kind),
                 table.votes[i], passed[i] ? 1 : 0, seats[i]);
  } else {
    const Votes base_votes = cfg.threshold.base_votes(table.ballot, table.votes);
    fmt::print(
        "{{\"seats\": {}, \"method\": \"{}\", \"threshold\": {}, \"threshold_base\": \"{}\",\n",
        cfg.seats, to_string(cfg.method), threshold, to_string(*base));
    // The line in votes for each member count, exactly (share x base).
    std::string shares, lines;
    for (std::size_t k = 0; k < cfg.threshold.shares().size(); ++k) {
      shares += fmt::format("{}{}", k ? ", " : "", cfg.threshold.shares()[k]);
      lines +=
          fmt::format("{}{}", k ? ", " : "", exact_line(cfg.threshold.shares()[k], base_votes));
    }
    fmt::print(
        " \"threshold_strict\": {}, \"threshold_line\": {}, \"alliance_thresholds\": [{}],"
        " \"alliance_lines\": [{}],\n",
        cfg.threshold.strict(), exact_line(threshold, base_votes),
        cfg.threshold.has_alliance_shares() ? shares : "",
        cfg.threshold.has_alliance_shares() ? lines : "");
    if (*base == ThresholdBase::registered)
      fmt::print(" \"registered\": {},\n", cfg.threshold.registered());
    if (cfg.alternative_district_seats > 0)
      fmt::print(" \"alternative_district_seats\": {},\n", cfg.alternative_district_seats);
    fmt::print(
        " \"base_votes\": {}, \"runner_up_admitted\": {}, \"threshold_waived\": {},"
        " \"tie_refused\": {},\n \"rows\": [\n",
        base_votes, ev.runner_up_admitted, ev.threshold_waived, ev.refused);
    for (std::size_t i = 0; i < n; ++i) {
      std::string extra;
      if (!table.members.empty()) extra += fmt::format(", \"members\": {}", table.members[i]);
      if (!table.district_seats.empty())
        extra += fmt::format(", \"district_seats\": {}", table.district_seats[i]);
      if (!cfg.exempt.empty()) extra += fmt::format(", \"exempt\": {}", cfg.exempt[i] != 0);
      fmt::print(
          "  {{\"option\": {}, \"kind\": \"{}\", \"votes\": {}, \"passed\": {}, \"seats\": {},"
          " \"passed_by\": \"{}\"{}}}{}\n",
          json_string(table.ballot[i].id), to_string(table.ballot[i].kind), table.votes[i],
          passed[i] ? "true" : "false", seats[i], to_string(reasons[i]), extra,
          i + 1 < n ? "," : "");
    }
    fmt::print(" ],\n \"ties\": [");
    for (std::size_t t = 0; t < ties.size(); ++t) {
      std::string lists;
      for (int l : ties[t].lists)
        lists += (lists.empty() ? "" : ", ") + json_string(table.ballot[l].id);
      fmt::print("{}{{\"seat\": {}, \"lists\": [{}], \"rule\": \"{}\"}}", t ? ", " : "",
                 ties[t].seat + 1, lists, to_string(cfg.tie_rule));
    }
    fmt::print("],\n \"metrics\": {{");
    const MetricValues m = Disproportionality(table.ballot).measure(table.votes, seats);
    for (std::size_t k = 0; k < kMetricCount; ++k)
      fmt::print("{}\"{}\": {:.6f}", k ? ", " : "", to_string(kMetrics[k]), m.values[k]);
    fmt::print("}}}}\n");
  }
  return ev.refused ? 2 : 0;
}

}  // namespace

Command add_allocate(CLI::App& app) {
  auto a = std::make_shared<AllocateArgs>();
  app.add_option("votes", a->votes, "Votes CSV: columns option, votes and optionally kind")
      ->required();
  app.add_option("--seats", a->seats, "Seats to allocate");
  app.add_option("--method", a->method, "Allocation method (hare, dhondt, sainte-lague, ...)");
  app.add_option("--threshold", a->threshold, "Threshold as a share of the base (0.05 = 5%)");
  app.add_option("--threshold-base", a->base, "valid (default), parties, cast or registered");
  app.add_option("--registered", a->registered,
                 "Registered voters: the base of --threshold-base registered");
  app.add_option("--alliance-thresholds", a->alliance_thresholds,
                 "Thresholds by member count, last repeating (0.05,0.08,0.11); members from "
                 "the CSV's members column");
  app.add_option("--exempt", a->exempt,
                 "Lists exempt from the threshold (national minorities): ids, comma-separated");
  app.add_option("--alternative-district-seats", a->alternative_district_seats,
                 "A list with at least N district seats (the CSV's district_seats column) "
                 "takes part whatever its votes");
  app.add_flag("--threshold-strict", a->strict, "A list must exceed the threshold, not reach it");
  app.add_option("--runner-up", a->runner_up, "Runner-up rule COEF:MIN (Kazakhstan: 0.7:2)");
  app.add_option("--tie-rule", a->tie_rule,
                 "registration-order (default), more-votes, fewer-votes, lot or refuse");
  app.add_option("--first-divisor", a->first_divisor, "First divisor of modified-sainte-lague");
  app.add_option("--preset", a->preset, "Named settings: kz-mazhilis-2023, kz-maslikhat-2023");
  app.add_option("--format", a->format, "csv (default) or json");
  app.add_option("--scenario", a->scenario,
                 "Apply a scenario body's stages to votes in the long form (area,option,votes)");
  app.add_option("--body", a->body, "The body of --scenario (needed when it has several)");
  return [a] { return allocate(*a); };
}

}  // namespace seatcast::cli
