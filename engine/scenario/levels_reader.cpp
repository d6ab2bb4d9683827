#include "engine/scenario/levels_reader.h"

#include <map>
#include <set>

#include "engine/io/area_votes_csv.h"
#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/wording.h"
#include "engine/scenario/data_file.h"
#include "engine/scenario/limits.h"
#include "engine/scenario/swing_key.h"

namespace seatcast {

namespace {

// A whole number of people (a roll, a population) from 0 to 10^12 in an areas file.
Votes read_people(const std::string& path, const CsvRow& row, int col, const char* field) {
  const std::string& text = row.fields[col];
  if (text.empty()) throw InputError(path, row.line, field, "empty: every area needs a number");
  const auto n = parse_int(text);
  if (!n || *n < 0 || *n > 1'000'000'000'000LL)
    throw InputError(path, row.line, field,
                     "'" + text + "' is not a whole number of people from 0 to 10^12");
  return *n;
}

// computed: the level's magnitudes are computed (seats = {...}), so the file has none.
std::vector<Area> read_areas(const std::string& path, const AreaLevelConfig* parent, bool computed,
                             AreaLevelConfig& level) {
  const CsvTable csv = read_csv(path);
  const int id = csv.require("area");
  if (computed && csv.column("seats"))
    throw InputError(path, 1, "seats",
                     "the level computes its magnitudes (seats = {...} in the scenario): "
                     "remove this column");
  // Without a `seats` column a level has no magnitudes: it groups areas (a swing's
  // parents, a compensation's areas) and no stage allocates in it.
  const auto seats_col = computed ? std::nullopt : csv.column("seats");
  const int seats = seats_col ? *seats_col : -1;
  const auto name = csv.column("name");
  const auto parent_col = csv.column("parent");
  const auto registered = csv.column("registered");
  const auto population = csv.column("population");
  level.has_registered = registered.has_value();
  level.has_population = population.has_value();
  if (parent && !parent_col)
    throw InputError(path, 1, "parent",
                     "missing column: the level has parent level '" + parent->id +
                         "', so each area names its area there");
  std::map<std::string, int> parent_index;
  if (parent)
    for (std::size_t a = 0; a < parent->areas.size(); ++a)
      parent_index[parent->areas[a].id] = static_cast<int>(a);
  std::vector<Area> out;
  std::set<std::string> ids;
  std::vector<int> children(parent ? parent->areas.size() : 0, 0);
  for (const CsvRow& row : csv.rows) {
    Area a;
    a.id = row.fields[id];
    if (a.id.empty()) throw InputError(path, row.line, "area", "empty area id");
    if (!ids.insert(a.id).second)
      throw InputError(path, row.line, "area", "area '" + a.id + "' appears twice");
    a.name = name ? row.fields[*name] : a.id;
    if (registered) a.registered = read_people(path, row, *registered, "registered");
    if (population) a.population = read_people(path, row, *population, "population");
    if (seats >= 0) {
      const auto m = parse_int(row.fields[seats]);
      if (!m || *m < 1 || *m > kMaxListSeats)
        throw InputError(path, row.line, "seats",
                         "'" + row.fields[seats] +
                             "' is not a magnitude (a whole number of seats from 1 to 10000)");
      a.magnitude = static_cast<int>(*m);
    }
    if (parent) {
      const std::string& p = row.fields[*parent_col];
      const auto it = parent_index.find(p);
      if (it == parent_index.end())
        throw InputError(path, row.line, "parent",
                         "'" + p + "' is not an area of level '" + parent->id + "'");
      a.parent = it->second;
      ++children[it->second];
    } else if (parent_col && !row.fields[*parent_col].empty()) {
      throw InputError(path, row.line, "parent",
                       "the level has no parent level (give `parent` in the scenario)");
    }
    out.push_back(std::move(a));
  }
  if (out.empty()) throw InputError(path, 0, "", "no areas after the header");
  for (std::size_t p = 0; p < children.size(); ++p)
    if (children[p] == 0)
      throw InputError(path, 0, "parent",
                       "the areas do not partition level '" + parent->id + "': its area '" +
                           parent->areas[p].id + "' has none of them");
  return out;
}

// seats = { total = N, method = "...", by = "votes" | "population" | "registered",
// tie_rule = "..." }: the level's magnitudes apportioned among its areas.
LevelSeats read_level_seats(const TomlTable& t) {
  t.only({"total", "method", "by", "tie_rule"});
  LevelSeats s;
  const std::int64_t total = t.integer("total");
  if (total < 1 || total > kMaxListSeats) t.fail("total", "must be from 1 to 10000");
  s.total = static_cast<int>(total);
  const std::string method = t.string("method");
  const auto m = parse_method(method);
  if (!m) t.fail("method", unknown_name("method", method, method_names()));
  s.method = *m;
  const std::string by = t.optional_string("by").value_or("votes");
  if (by == "votes") {
    s.by = AreaSize::votes;
  } else if (by == "population") {
    s.by = AreaSize::population;
  } else if (by == "registered") {
    s.by = AreaSize::registered;
  } else {
    t.fail("by", unknown_name("area size", by, {"votes", "population", "registered"}));
  }
  const std::string tie = t.optional_string("tie_rule").value_or("registration-order");
  const auto tr = parse_tie_rule(tie);
  if (!tr) t.fail("tie_rule", unknown_name("tie rule", tie, tie_rule_names()));
  s.tie_rule = *tr;
  return s;
}

// By population or registered voters the sizes never change: the magnitudes are
// apportioned once, here, and the level is then a level of fixed magnitudes.
void apportion_fixed(const TomlTable& seats_table, AreaLevelConfig& l) {
  const LevelSeats& s = *l.seats;
  const bool by_population = s.by == AreaSize::population;
  const char* column = by_population ? "population" : "registered";
  if (!(by_population ? l.has_population : l.has_registered))
    throw InputError(l.areas_file, 1, column,
                     std::string("missing column: level '") + l.id + "' gives its seats by " +
                         column + " (" + seats_table.field("by") + ")");
  std::vector<Votes> sizes;
  for (const Area& a : l.areas) sizes.push_back(by_population ? a.population : a.registered);
  AllocationOutcome outcome;
  const std::vector<int> m = apportion_areas(s, sizes, &outcome);
  if (outcome.refused)
    seats_table.fail("tie_rule",
                     "a tie between areas' sizes decides a seat and the rule refuses it");
  for (std::size_t a = 0; a < l.areas.size(); ++a) l.areas[a].magnitude = m[a];
}

// A level whose baseline is the sum of its children's.
constexpr const char* kFromChildren = "children";

void read_baseline(const std::string& path, const Ballot& ballot, std::vector<Area>& areas) {
  const AreaVotesTable t = read_area_votes_csv(path);
  std::map<std::string, int> index;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    index[areas[a].id] = static_cast<int>(a);
    areas[a].baseline.assign(ballot.size(), 0);
  }
  std::vector<int> rows(areas.size(), 0);
  int candidate_line = 0;  // the first candidate row
  for (const AreaVotesRow& r : t.rows) {
    const auto it = index.find(r.area);
    if (it == index.end())
      throw InputError(path, r.line, "area", "'" + r.area + "' is not an area of this level");
    const auto o = find_option(ballot, r.option);
    if (!o && r.votes == 0) continue;  // a list of no votes that the ballot leaves out
    if (!o) throw InputError(path, r.line, "option", "'" + r.option + "' is not a ballot option");
    Area& area = areas[it->second];
    if (r.candidate) {
      // The constituency vote of a two-vote system: every area then needs one.
      if (area.candidate_baseline.empty()) area.candidate_baseline.assign(ballot.size(), 0);
      area.candidate_baseline[*o] = r.votes;
      if (candidate_line == 0) candidate_line = r.line;
      continue;
    }
    area.baseline[*o] = r.votes;
    ++rows[it->second];
  }
  for (std::size_t a = 0; a < areas.size(); ++a) {
    if (rows[a] == 0)
      throw InputError(path, 0, "area", "no baseline votes for area '" + areas[a].id + "'");
    // An area without candidate rows had no candidate poll (New Zealand's Port Waikato
    // in 2023): it elects no one on the candidate vote.
    if (candidate_line > 0 && areas[a].candidate_baseline.empty())
      areas[a].candidate_baseline.assign(ballot.size(), 0);
  }
}

}  // namespace

std::vector<AreaLevelConfig> read_levels(const TomlTable& body, const Ballot& ballot,
                                         const std::string& scenario_file) {
  std::vector<AreaLevelConfig> out;
  std::vector<std::pair<std::size_t, int>> from_children;  // (level, line)
  const toml::node* n = body.node("levels");
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables()) body.fail("levels", "expected [[body.levels]] tables");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const TomlTable t(*(*arr)[i].as_table(), body.file(),
                      body.field("levels") + "[" + std::to_string(i) + "]");
    t.only({"id", "areas", "baseline", "parent", "swing", "noise_sd", "parent_correlation", "seats",
            "turnout_sd"});
    AreaLevelConfig l;
    l.id = t.string("id");
    for (const auto& other : out)
      if (other.id == l.id) t.fail("id", "level '" + l.id + "' appears twice");
    const AreaLevelConfig* parent = nullptr;
    if (auto p = t.optional_string("parent")) {
      for (std::size_t k = 0; k < out.size(); ++k)
        if (out[k].id == *p) {
          l.parent_level = static_cast<int>(k);
          parent = &out[k];
        }
      if (!parent)
        t.fail("parent", "no level '" + *p + "' before this one (declare parents first)");
    }
    const auto seats_table = t.optional_table("seats");
    if (seats_table) l.seats = read_level_seats(*seats_table);
    l.areas_file = data_file(t, "areas", scenario_file);
    l.areas = read_areas(l.areas_file, parent, l.seats.has_value(), l);
    if (l.seats && l.seats->by != AreaSize::votes) apportion_fixed(*seats_table, l);
    if (t.has("baseline")) {
      l.source = t.string("baseline");
      if (l.source == kFromChildren)
        from_children.push_back({out.size(), t.line_of("baseline")});
      else
        read_baseline(data_file(t, "baseline", scenario_file), ballot, l.areas);
    }
    l.swing = read_swing(t, SwingModel::proportional);
    l.noise_sd = t.optional_real("noise_sd").value_or(0);
    if (l.noise_sd < 0 || l.noise_sd > 10) t.fail("noise_sd", "must be from 0 to 10");
    l.parent_correlation = t.optional_real("parent_correlation").value_or(0);
    if (l.parent_correlation < 0 || l.parent_correlation > 1)
      t.fail("parent_correlation", "must be a share from 0 to 1");
    if (t.has("parent_correlation") && l.noise_sd == 0)
      t.fail("parent_correlation", "only with noise_sd above 0: remove this line");
    l.turnout_sd = t.optional_real("turnout_sd").value_or(0);
    if (l.turnout_sd < 0 || l.turnout_sd > 2) t.fail("turnout_sd", "must be from 0 to 2");
    if (t.has("turnout_sd") && !t.has("baseline"))
      t.fail("turnout_sd", "a level without a baseline is not drawn (counted results only)");
    if ((t.has("noise_sd") || t.has("swing")) && !t.has("baseline"))
      t.fail(t.has("swing") ? "swing" : "noise_sd",
             "a level without a baseline is not drawn (counted results only): give `baseline`");
    out.push_back(std::move(l));
  }
  // baseline = "children": the sums of the next finer level's baselines, finest first.
  for (auto it = from_children.rbegin(); it != from_children.rend(); ++it) {
    AreaLevelConfig& l = out[it->first];
    const AreaLevelConfig* child = nullptr;
    for (const AreaLevelConfig& c : out)
      if (c.parent_level == static_cast<int>(it->first) && !c.areas.front().baseline.empty())
        child = &c;
    if (!child)
      throw InputError(scenario_file, it->second, "baseline",
                       "level '" + l.id +
                           "' takes its baseline from its children, but no level "
                           "with this parent has a baseline");
    const bool candidates = !child->areas.front().candidate_baseline.empty();
    for (Area& a : l.areas) {
      a.baseline.assign(ballot.size(), 0);
      if (candidates) a.candidate_baseline.assign(ballot.size(), 0);
    }
    for (const Area& c : child->areas)
      for (std::size_t o = 0; o < ballot.size(); ++o) {
        l.areas[c.parent].baseline[o] += c.baseline[o];
        if (candidates) l.areas[c.parent].candidate_baseline[o] += c.candidate_baseline[o];
      }
  }
  return out;
}

}  // namespace seatcast
