#include "engine/scenario/counted.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <variant>
#include <vector>

#include "engine/io/input_error.h"

namespace seatcast {

CountedResult allocate_counted(const ElectedBody& body, const Ballot& ballot,
                               const AreaVotesTable& votes) {
  CountedResult out{body.make_draw(), {}};
  Ledger& l = out.draw.ledger;
  const int options = static_cast<int>(ballot.size());
  const auto& levels = body.levels();
  const int finest = static_cast<int>(levels.size()) - 1;
  // Votes are given for the finest level and added up into the levels above it; a stage
  // at a level beside it (a second partition of the nation) would read no votes at all.
  std::vector<std::uint8_t> reached(levels.size(), 0);
  for (int k = finest; k >= 0; k = levels[k].parent_level()) reached[k] = 1;
  for (const Stage& s : body.stages()) {
    int k = -1;
    if (const auto* f = std::get_if<FilterStage>(&s)) k = f->level;
    if (const auto* a = std::get_if<AllocateStage>(&s)) k = a->level;
    if (const auto* c = std::get_if<CompensateStage>(&s)) k = c->level;
    if (k >= 0 && !reached[k])
      throw InputError(votes.path, 0, "area",
                       "counted votes are given for the areas of body " + body.id() +
                           "'s finest level '" + levels[finest].id() +
                           "' and added up into the levels above it; level '" + levels[k].id() +
                           "', which a stage reads, is not one of them");
  }
  // Where an area id points: (level, area) or (districts tier, district).
  std::map<std::string, std::pair<int, int>> areas, districts;
  if (finest >= 0)
    for (int a = 0; a < levels[finest].areas(); ++a)
      areas[levels[finest].config().areas[a].id] = {finest, a};
  for (const Stage& s : body.stages())
    if (const auto* d = std::get_if<DistrictsStage>(&s))
      for (int k = 0; k < d->districts.seats(); ++k)
        districts[d->districts.config().districts[k].id] = {d->tier, k};
  std::vector<int> area_line(finest >= 0 ? levels[finest].areas() : 0, 0);
  std::map<int, int> district_rows;                  // tier -> rows seen
  std::map<std::pair<int, int>, int> district_seen;  // (tier, district) -> rows
  bool national = false;
  for (const AreaVotesRow& r : votes.rows) {
    const auto o = find_option(ballot, r.option);
    if (!o && r.votes == 0) continue;  // a list of no votes that the ballot leaves out
    if (!o)
      throw InputError(votes.path, r.line, "option",
                       "'" + r.option + "' is not an option of this scenario's ballot");
    if (r.area.empty()) {
      if (finest >= 0)
        throw InputError(votes.path, r.line, "area",
                         "body " + body.id() + " adds up its areas' votes: give each row an area");
      if (r.candidate)
        throw InputError(votes.path, r.line, "ballot", "candidate votes belong to a district");
      l.national[*o] += r.votes;
      national = true;
      continue;
    }
    if (const auto it = districts.find(r.area); it != districts.end()) {
      l.district_votes[it->second.first]
                      [static_cast<std::size_t>(it->second.second) * options + *o] += r.votes;
      ++district_rows[it->second.first];
      ++district_seen[it->second];
      continue;
    }
    const auto it = areas.find(r.area);
    if (it == areas.end())
      throw InputError(votes.path, r.line, "area",
                       "'" + r.area + "' is not an area of body " + body.id() +
                           (finest >= 0 ? " (its finest level is '" + levels[finest].id() + "')"
                                        : " (it has no levels: leave area empty)"));
    const std::size_t at = static_cast<std::size_t>(it->second.second) * options + *o;
    if (r.candidate) {
      // The constituency vote of a two-vote system, for the stages that read it (none
      // may: a file of both ballots serves a body that allocates on the list vote).
      if (!l.candidate_votes[finest].empty()) l.candidate_votes[finest][at] = r.votes;
      continue;
    }
    l.level_votes[finest][at] = r.votes;
    if (area_line[it->second.second] == 0) area_line[it->second.second] = r.line;
  }
  for (std::size_t a = 0; a < area_line.size(); ++a)
    if (area_line[a] == 0)
      throw InputError(votes.path, 0, "area",
                       "no votes for area '" + levels[finest].config().areas[a].id +
                           "' of level '" + levels[finest].id() + "'");
  if (finest < 0 && !national && body.list_seats() > 0)
    throw InputError(votes.path, 0, "area", "no national votes (rows with an empty area)");
  // Coarser levels: their children added up, finest first.
  for (int k = finest; k > 0; --k) {
    const int parent = levels[k].parent_level();
    if (parent < 0) continue;
    for (int a = 0; a < levels[k].areas(); ++a) {
      const int p = levels[k].parent_of(a);
      for (int o = 0; o < options; ++o) {
        const std::size_t from = static_cast<std::size_t>(a) * options + o;
        const std::size_t to = static_cast<std::size_t>(p) * options + o;
        l.level_votes[parent][to] += l.level_votes[k][from];
        if (!l.candidate_votes[parent].empty() && !l.candidate_votes[k].empty())
          l.candidate_votes[parent][to] += l.candidate_votes[k][from];
      }
    }
  }
  for (const Stage& s : body.stages()) {
    const auto* d = std::get_if<DistrictsStage>(&s);
    if (!d) continue;
    if (district_rows[d->tier] == 0) {
      out.uncounted.push_back(d->tier);
      continue;
    }
    for (int k = 0; k < d->districts.seats(); ++k)
      if (district_seen[{d->tier, k}] == 0)
        throw InputError(votes.path, 0, "area",
                         "no votes for district '" + d->districts.config().districts[k].id +
                             "' (give every district of tier '" + d->id + "' or none)");
  }
  BodyScratch scratch;
  body.evaluate_counted(l.national, out.draw, scratch);
  return out;
}

std::vector<AreaSeats> seats_by_area(const ElectedBody& body, int options, const CountedResult& r) {
  const Ledger& l = r.draw.ledger;
  std::vector<AreaSeats> areas;
  const auto entry = [&](const std::string& id) -> std::vector<int>& {
    for (auto& a : areas)
      if (a.area == id) return a.seats;
    areas.push_back({id, std::vector<int>(static_cast<std::size_t>(options), 0)});
    return areas.back().seats;
  };
  const auto counted = [&](int t) {
    return std::find(r.uncounted.begin(), r.uncounted.end(), t) == r.uncounted.end();
  };
  for (int t = 0; t < body.tiers(); ++t) {
    const auto& info = body.tier(t);
    if (!counted(t) || info.level < 0) continue;
    const AreaLevel& level = body.levels()[info.level];
    for (int a = 0; a < level.areas(); ++a) {
      std::vector<int>& e = entry(level.config().areas[a].id);
      for (int o = 0; o < options; ++o)
        e[o] += l.area_seats[t][static_cast<std::size_t>(a) * options + o];
    }
  }
  // Districts tiers: one area per district (its winner's seat).
  for (const Stage& s : body.stages()) {
    const auto* d = std::get_if<DistrictsStage>(&s);
    if (!d || !counted(d->tier)) continue;
    for (int k = 0; k < d->districts.seats(); ++k) {
      std::vector<int>& e = entry(d->districts.config().districts[k].id);
      const int best =
          plurality_winner(std::span<const Votes>(l.district_votes[d->tier])
                               .subspan(static_cast<std::size_t>(k) * options, options))
              .option;
      if (best >= 0) ++e[best];
    }
  }
  return areas;
}

bool stands_in(const ElectedBody& body, int options, const CountedResult& r,
               const std::string& area, int o) {
  if (body.levels().empty()) return false;
  const AreaLevel& finest = body.levels().back();
  for (int a = 0; a < finest.areas(); ++a)
    if (finest.config().areas[a].id == area)
      return r.draw.ledger.level_votes.back()[static_cast<std::size_t>(a) * options + o] > 0;
  return false;
}

}  // namespace seatcast
