// Property tests of the stages against the naive reference (tests/stages/reference.h)
// on thousands of generated bodies, each built as a user builds one: a scenario TOML
// with its areas (and baselines) CSVs written to a directory and read by the scenario
// reader, then
//   counted: votes in the long form through allocate_counted (seatcast allocate
//            --scenario), the reference reading the same votes added up per level;
//   drawn:   one draw of the body (levels swung from their baselines, options with no
//            baseline standing nowhere there), the reference reading the drawn votes,
//            made on a ledger that an earlier draw of other votes used.
// Bodies have 0-3 levels of areas (1-60 finest areas, magnitudes 1-40), 2-12 options
// (lists, blank, null, "other", "against all"), filters and allocations at any level
// or the nation, thresholds of every kind (share 0-10% or one full quota, >= or >, four
// bases, alliance lines, exempt lists, N seats in an earlier tier), every method, every
// tie rule, the runner-up rule and plurality levels. Votes include zeros, equal votes,
// multiples of one unit (equal quotients of unequal votes), a handful of votes
// (degenerate quotas), and votes put exactly on a threshold's line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/area_votes_csv.h"
#include "engine/scenario/counted.h"
#include "engine/scenario/scenario.h"
#include "tests/stages/reference.h"

namespace seatcast {
namespace {

namespace ref = reference;
using Rng = std::mt19937_64;

int uniform(Rng& g, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(g);
}
bool chance(Rng& g, double p) {
  return std::uniform_real_distribution<double>(0, 1)(g) < p;
}
template <typename T>
const T& pick(Rng& g, const std::vector<T>& v) {
  return v[static_cast<std::size_t>(uniform(g, 0, static_cast<int>(v.size()) - 1))];
}

std::string decimal(std::int64_t num, std::int64_t den) {  // den a power of ten
  int digits = 0;
  for (std::int64_t d = den; d > 1; d /= 10) ++digits;
  std::string frac = std::to_string(num % den);
  frac.insert(0, static_cast<std::size_t>(digits) - frac.size(), '0');
  return std::to_string(num / den) + "." + frac;
}

// prefix and number, e.g. "p3" (appended: GCC 12 warns falsely on "p" + std::string).
std::string name(const char* prefix, int n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

ref::Frac reduced(std::int64_t num, std::int64_t den) {
  const std::int64_t g = std::gcd(num, den);
  return {num / g, den / g};
}

const char* const kMethodNames[] = {"hare",
                                    "hare-rounded",
                                    "droop",
                                    "hagenbach-bischoff",
                                    "imperiali-quota",
                                    "dhondt",
                                    "sainte-lague",
                                    "modified-sainte-lague",
                                    "danish",
                                    "imperiali",
                                    "huntington-hill",
                                    "adams"};
const Method kMethods[] = {Method::hare,
                           Method::hare_rounded,
                           Method::droop,
                           Method::hagenbach_bischoff,
                           Method::imperiali_quota,
                           Method::dhondt,
                           Method::sainte_lague,
                           Method::modified_sainte_lague,
                           Method::danish,
                           Method::imperiali,
                           Method::huntington_hill,
                           Method::adams};
const char* const kTieNames[] = {"registration-order", "lot", "refuse", "more-votes",
                                 "fewer-votes"};
const TieRule kTies[] = {TieRule::registration_order, TieRule::lot, TieRule::refuse,
                         TieRule::more_votes, TieRule::fewer_votes};
const char* const kBaseNames[] = {"valid", "parties", "cast", "registered"};

// A generated body: the reference's view of it and the scenario's text and files.
struct Case {
  ref::Body body;
  std::vector<std::string> ids;  // option ids
  std::vector<std::vector<std::string>> area_ids;
  std::vector<Votes> finest;  // [finest areas x options], or [options] without levels
  std::vector<std::vector<Votes>> baseline;  // drawn: [level][areas x options]
  std::string toml;
  std::map<std::string, std::string> files;
  // Thresholds and the rows they apply at, for putting votes on their lines.
  struct Line {
    const ref::Threshold* rule;
    int level;
    int seats_at_nation;
  };
  std::vector<Line> lines;
};

class Generator {
 public:
  Generator(std::uint64_t seed, bool drawn) : g_(seed), drawn_(drawn) {}

  Case next() {
    Case c;
    options(c);
    levels(c);
    stages(c);
    votes(c);
    write(c);
    return c;
  }

 private:
  int n_ = 0;
  std::vector<int> parties_;

  void options(Case& c) {
    n_ = uniform(g_, 2, 12);
    const OptionKind others[] = {OptionKind::other, OptionKind::against_all, OptionKind::blank,
                                 OptionKind::invalid};
    c.body.kinds.clear();
    for (int o = 0; o < n_; ++o)
      c.body.kinds.push_back(chance(g_, 0.8) ? OptionKind::party : others[uniform(g_, 0, 3)]);
    int parties = 0;
    for (auto k : c.body.kinds) parties += k == OptionKind::party;
    for (int o = 0; parties < 2; ++o)
      if (c.body.kinds[o] != OptionKind::party) {
        c.body.kinds[o] = OptionKind::party;
        ++parties;
      }
    parties_.clear();
    for (int o = 0; o < n_; ++o) {
      c.ids.push_back(name(c.body.kinds[o] == OptionKind::party ? "p" : "x", o));
      if (c.body.kinds[o] == OptionKind::party) parties_.push_back(o);
    }
  }

  void levels(Case& c) {
    const int roll = uniform(g_, 0, 99);
    const int depth = roll < 10 ? 0 : roll < 55 ? 1 : roll < 85 ? 2 : 3;
    int parents = 1;
    for (int l = 0; l < depth; ++l) {
      ref::Level lv;
      lv.parent_level = l - 1;
      const int most = depth == 1 ? 60 : depth == 2 ? (l == 0 ? 8 : 7) : 4;
      int total = 0;
      for (int p = 0; p < parents; ++p) {
        int k = uniform(g_, 1, most);
        if (depth == 1 && chance(g_, 0.5)) k = uniform(g_, 1, 8);  // small bodies too
        if (total + k > 60) k = std::max(1, 60 - total);
        for (int i = 0; i < k; ++i) lv.parent.push_back(l == 0 ? 0 : p);
        total += k;
      }
      const int mode = uniform(g_, 0, 99);
      for (std::size_t a = 0; a < lv.parent.size(); ++a)
        lv.magnitude.push_back(mode < 45 ? uniform(g_, 1, 40) : mode < 80 ? uniform(g_, 1, 6) : 1);
      parents = static_cast<int>(lv.parent.size());
      c.area_ids.emplace_back();
      for (std::size_t a = 0; a < lv.parent.size(); ++a)
        c.area_ids.back().push_back(name("l", l) + name("a", static_cast<int>(a)));
      c.body.levels.push_back(std::move(lv));
    }
  }

  bool single_member(const Case& c, int level) const {
    if (level < 0) return false;
    for (int m : c.body.levels[level].magnitude)
      if (m != 1) return false;
    return true;
  }
  int random_level(const Case& c) {
    return uniform(g_, -1, static_cast<int>(c.body.levels.size()) - 1);
  }
  // Filter level f contains stage level l: the nation, or l itself or coarser (a chain).
  static bool contains(int f, int l) { return f < 0 || (l >= 0 && f <= l); }

  // A threshold; `tiers` earlier tiers may serve as the way around it.
  ref::Threshold threshold(int tiers, std::string& keys, bool& quota) {
    ref::Threshold t;
    std::ostringstream k;
    const int kind = uniform(g_, 0, 99);
    quota = kind < 15;
    if (quota) {
      t.quota = true;
      k << "threshold = \"quota\"\n";
    } else if (kind < 35) {
      t.lines.clear();
      const int lines = uniform(g_, 1, 3);
      k << "alliance_thresholds = [";
      for (int i = 0; i < lines; ++i) {
        const int share = uniform(g_, 0, 1500);
        t.lines.push_back(reduced(share, 10000));
        k << (i ? ", " : "") << decimal(share, 10000);
      }
      k << "]\n";
      t.members.assign(n_, 1);
      std::ostringstream m;
      for (int o : parties_)
        if (chance(g_, 0.4)) {
          t.members[o] = uniform(g_, 1, 4);
          m << (m.tellp() > 0 ? ", " : "") << "p" << o << " = " << t.members[o];
        }
      if (m.tellp() > 0) k << "alliance_members = { " << m.str() << " }\n";
    } else {
      const int share = kind < 50 ? 0 : uniform(g_, 1, 1000);
      t.lines = {reduced(share, 10000)};
      if (share > 0 || chance(g_, 0.5)) k << "threshold = " << decimal(share, 10000) << "\n";
    }
    const int base = uniform(g_, 0, 99);
    t.base = base < 40   ? ref::Base::valid
             : base < 65 ? ref::Base::parties
             : base < 85 ? ref::Base::cast
                         : ref::Base::registered;
    if (t.base != ref::Base::valid || chance(g_, 0.5))
      k << "threshold_base = \"" << kBaseNames[static_cast<int>(t.base)] << "\"\n";
    if (t.base == ref::Base::registered) {
      // A multiple of 10000 sometimes, so a share's line can be met exactly.
      t.registered = chance(g_, 0.5) ? 10000LL * uniform(g_, 1, 50) : uniform(g_, 1, 400000);
      k << "registered_voters = " << t.registered << "\n";
    }
    t.strict = chance(g_, 0.5);
    if (t.strict || chance(g_, 0.3))
      k << "threshold_strict = " << (t.strict ? "true" : "false") << "\n";
    if (chance(g_, 0.2)) {
      t.exempt.assign(n_, false);
      std::ostringstream e;
      for (int o : parties_)
        if (chance(g_, 0.3)) {
          t.exempt[o] = true;
          e << (e.tellp() > 0 ? ", " : "") << "\"p" << o << "\"";
        }
      if (e.tellp() > 0)
        k << "exempt = [" << e.str() << "]\n";
      else
        t.exempt.clear();
    }
    if (tiers > 0 && chance(g_, 0.25)) {
      t.alternative_tier = uniform(g_, 0, tiers - 1);
      t.alternative_seats = uniform(g_, 1, 5);
      k << "alternative = { tier = \"t" << t.alternative_tier
        << "\", seats = " << t.alternative_seats << " }\n";
    }
    keys = k.str();
    return t;
  }

  std::string level_key(int level) const {
    return level < 0 ? "" : "level = \"l" + std::to_string(level) + "\"\n";
  }

  void stages(Case& c) {
    const int allocs = uniform(g_, 1, 3), filters = uniform(g_, 0, 3);
    std::vector<int> order(static_cast<std::size_t>(allocs), 1);
    order.insert(order.end(), static_cast<std::size_t>(filters), 0);
    std::shuffle(order.begin(), order.end(), g_);
    std::vector<int> filter_levels;
    int tiers = 0;
    std::ostringstream s;
    for (int type : order) {
      const int level = random_level(c);
      std::vector<int> refs;
      for (std::size_t f = 0; f < filter_levels.size(); ++f)
        if (contains(filter_levels[f], level) && chance(g_, 0.45))
          refs.push_back(static_cast<int>(f));
      std::string keys;
      bool quota = false;
      if (type == 0) {
        ref::Filter f;
        f.level = level;
        f.after = refs;
        f.rule = threshold(tiers, keys, quota);
        s << "[[body.stages]]\ntype = \"filter\"\nid = \"f" << filter_levels.size() << "\"\n"
          << level_key(level) << keys;
        if (quota && level < 0) {
          f.quota_seats = uniform(g_, 1, 60);
          s << "seats = " << f.quota_seats << "\n";
        }
        if (!refs.empty()) s << "after = " << names("f", refs) << "\n";
        filter_levels.push_back(level);
        c.body.stages.emplace_back(std::move(f));
      } else {
        ref::Allocate a;
        a.level = level;
        a.filters = refs;
        s << "[[body.stages]]\ntype = \"allocate\"\nid = \"t" << tiers << "\"\n"
          << level_key(level);
        if (level < 0) {
          a.seats = chance(g_, 0.2) ? 1 : uniform(g_, 1, 60);
          s << "seats = " << a.seats << "\n";
        }
        a.plurality = (single_member(c, level) || (level < 0 && a.seats == 1)) && chance(g_, 0.6);
        const int m = uniform(g_, 0, 10);
        a.method = kMethods[m];
        s << "method = \"" << (a.plurality ? "plurality" : kMethodNames[m]) << "\"\n";
        if (a.plurality) a.method = Method::dhondt;
        if (a.method == Method::modified_sainte_lague && !a.plurality && chance(g_, 0.5)) {
          const int fd = uniform(g_, 10, 290);
          a.first_divisor = reduced(fd, 100);
          s << "first_divisor = " << decimal(fd, 100) << "\n";
        }
        const int t = uniform(g_, 0, 4);
        a.tie = kTies[t];
        if (t > 0 || chance(g_, 0.5)) s << "tie_rule = \"" << kTieNames[t] << "\"\n";
        if (chance(g_, 0.35)) {
          a.rule = threshold(tiers, keys, quota);
          s << keys;
        }
        if (chance(g_, 0.25)) {
          const int coef = uniform(g_, 1, 10);
          a.runner_up = ref::RunnerUp{reduced(coef, 10), uniform(g_, 0, 3)};
          s << "runner_up = { coefficient = " << decimal(coef, 10)
            << ", min_seats = " << a.runner_up->min_seats << " }\n";
        }
        if (!refs.empty()) {
          if (refs.size() == 1 && chance(g_, 0.5))
            s << "filter = \"f" << refs[0] << "\"\n";
          else
            s << "filters = " << names("f", refs) << "\n";
        }
        ++tiers;
        c.body.stages.emplace_back(std::move(a));
      }
      s << "\n";
    }
    c.toml = s.str();
    for (const auto& st : c.body.stages) {
      if (const auto* f = std::get_if<ref::Filter>(&st))
        c.lines.push_back({&f->rule, f->level, f->quota_seats});
      else
        c.lines.push_back({&std::get<ref::Allocate>(st).rule, std::get<ref::Allocate>(st).level,
                           std::get<ref::Allocate>(st).seats});
    }
  }

  static std::string names(const std::string& prefix, const std::vector<int>& refs) {
    std::string s = "[";
    for (std::size_t i = 0; i < refs.size(); ++i)
      s += (i ? ", \"" : "\"") + prefix + std::to_string(refs[i]) + "\"";
    return s + "]";
  }

  // One area's votes in one of the body's modes.
  std::vector<Votes> area_votes(int mode, Votes unit, const std::vector<Votes>& pool,
                                int dominant) {
    std::vector<Votes> v(static_cast<std::size_t>(n_), 0);
    for (int o = 0; o < n_; ++o) {
      switch (mode) {
        case 0:
          v[o] = chance(g_, 0.15) ? 0 : uniform(g_, 0, 20000);
          break;
        case 1:
          v[o] = unit * uniform(g_, 0, 8);
          break;
        case 2:
          v[o] = pick(g_, pool);
          break;
        case 3:
          v[o] = uniform(g_, 0, 4);
          break;
        case 4:  // one list far ahead: a single list passes, the runner-up rule applies
          v[o] = o == dominant ? uniform(g_, 20000, 50000) : uniform(g_, 0, 1500);
          break;
        default:
          v[o] = chance(g_, 0.1)
                     ? 0
                     : static_cast<Votes>(1000 *
                                          std::exp(std::normal_distribution<double>(0, 1.5)(g_)));
      }
    }
    return v;
  }

  int finest_areas(const Case& c) const {
    return c.body.levels.empty() ? 1 : static_cast<int>(c.body.levels.back().magnitude.size());
  }
  // The finest areas inside row `row` of level `level` (-1: every area).
  std::vector<int> inside(const Case& c, int level, int row) const {
    std::vector<int> out;
    const int finest = static_cast<int>(c.body.levels.size()) - 1;
    for (int a = 0; a < finest_areas(c); ++a) {
      int l = finest, r = a;
      while (l > level && l >= 0) {
        r = c.body.levels[l].parent[r];
        l = c.body.levels[l].parent_level;
      }
      if (level < 0 || r == row) out.push_back(a);
    }
    return out;
  }

  bool in_base(const Case& c, ref::Base base, int o) const {
    const OptionKind k = c.body.kinds[o];
    switch (base) {
      case ref::Base::valid:
        return k != OptionKind::invalid;
      case ref::Base::parties:
        return k == OptionKind::party || k == OptionKind::other;
      case ref::Base::cast:
        return true;
      default:
        return false;
    }
  }

  // Moves votes so that a list in one row sits exactly on (or one vote off) the line.
  void on_the_line(Case& c, const Case::Line& line) {
    const ref::Threshold& t = *line.rule;
    if (!t.quota && t.lines.size() == 1 && t.lines[0].num == 0 && !t.strict) return;
    const int rows =
        line.level < 0 ? 1 : static_cast<int>(c.body.levels[line.level].magnitude.size());
    const int row = uniform(g_, 0, rows - 1);
    const int seats =
        line.level < 0 ? line.seats_at_nation : c.body.levels[line.level].magnitude[row];
    const int o = pick(g_, parties_);
    const std::vector<int> areas = inside(c, line.level, row);
    auto at = [&](int a, int opt) -> Votes& {
      return c.finest[static_cast<std::size_t>(a) * n_ + opt];
    };
    Votes rest = 0;
    for (int a : areas)
      for (int p = 0; p < n_; ++p)
        if (p != o && in_base(c, t.base, p)) rest += at(a, p);
    const int k = t.members.empty() ? 1 : t.members[o];
    const ref::Frac share = t.lines[std::min<std::size_t>(k, t.lines.size()) - 1];
    Votes v = 0;
    if (t.base == ref::Base::registered) {
      const ref::Int128 need =
          t.quota ? ref::Int128{t.registered} : ref::Int128{t.registered} * share.num;
      const ref::Int128 per = t.quota ? seats : share.den;
      if (per == 0 || need % per != 0) return;
      v = static_cast<Votes>(need / per);
    } else {
      // v x D = (rest + v) x N, or v x S = rest + v for a quota: rest a multiple of D - N.
      const std::int64_t num = t.quota ? 1 : share.num, den = t.quota ? seats : share.den;
      const std::int64_t gap = den - num;
      if (gap <= 0) return;
      const std::int64_t add = (gap - rest % gap) % gap;
      if (add > 0) {
        std::vector<int> others;
        for (int p = 0; p < n_; ++p)
          if (p != o && in_base(c, t.base, p)) others.push_back(p);
        if (others.empty()) return;
        at(areas.front(), pick(g_, others)) += add;
      }
      v = (rest + add) / gap * num;
    }
    if (chance(g_, 0.3)) v = std::max<Votes>(0, v + (chance(g_, 0.5) ? 1 : -1));
    for (int a : areas) at(a, o) = 0;
    at(areas.front(), o) = v;
  }

  void votes(Case& c) {
    const int mode = uniform(g_, 0, 5);
    const int dominant = pick(g_, parties_);
    const Votes unit = uniform(g_, 1, 500);
    std::vector<Votes> pool{0, static_cast<Votes>(uniform(g_, 1, 3000)),
                            static_cast<Votes>(uniform(g_, 1, 3000))};
    const int areas = finest_areas(c);
    for (int a = 0; a < areas; ++a) {
      const auto v = area_votes(mode, unit, pool, dominant);
      c.finest.insert(c.finest.end(), v.begin(), v.end());
    }
    if (drawn_) {
      // Baselines: the finest areas' (each with some votes), coarser levels added up.
      for (int a = 0; a < areas; ++a) {
        Votes sum = 0;
        for (int o = 0; o < n_; ++o) sum += c.finest[static_cast<std::size_t>(a) * n_ + o];
        bool list = false;
        for (int o : parties_) list = list || c.finest[static_cast<std::size_t>(a) * n_ + o] > 0;
        if (sum == 0 || !list)
          c.finest[static_cast<std::size_t>(a) * n_ + pick(g_, parties_)] = 1000;
      }
      const int depth = static_cast<int>(c.body.levels.size());
      c.baseline.assign(static_cast<std::size_t>(depth), {});
      if (depth > 0) c.baseline.back() = c.finest;
      for (int l = depth - 1; l > 0; --l) {
        c.baseline[l - 1].assign(c.body.levels[l - 1].magnitude.size() * n_, 0);
        for (std::size_t a = 0; a < c.body.levels[l].parent.size(); ++a)
          for (int o = 0; o < n_; ++o)
            c.baseline[l - 1][static_cast<std::size_t>(c.body.levels[l].parent[a]) * n_ + o] +=
                c.baseline[l][a * n_ + o];
      }
      return;
    }
    if (chance(g_, 0.6)) {
      const int tries = uniform(g_, 1, 3);
      for (int i = 0; i < tries; ++i) on_the_line(c, pick(g_, c.lines));
    }
  }

  void write(Case& c) {
    std::ostringstream t;
    for (int o = 0; o < n_; ++o) {
      t << "[[options]]\nid = \"" << c.ids[o] << "\"\n";
      if (c.body.kinds[o] != OptionKind::party || chance(g_, 0.3))
        t << "kind = \"" << to_string(c.body.kinds[o]) << "\"\n";
    }
    t << "[model]\ntype = \"dirichlet\"\ntotal_votes = 100000\nsample_size = 1000\n"
         "[model.percent]\n";
    for (int o = 0; o < n_; ++o)
      t << c.ids[o] << " = " << (100 / n_ + (o == 0 ? 100 % n_ : 0)) << "\n";
    t << "[[body]]\nid = \"b\"\n";
    for (std::size_t l = 0; l < c.body.levels.size(); ++l) {
      const ref::Level& lv = c.body.levels[l];
      const std::string areas = name("l", static_cast<int>(l)) + ".csv";
      t << "[[body.levels]]\nid = \"l" << l << "\"\nareas = \"" << areas << "\"\n";
      if (lv.parent_level >= 0) t << "parent = \"l" << lv.parent_level << "\"\n";
      std::ostringstream a;
      a << "area,name,seats" << (lv.parent_level >= 0 ? ",parent" : "") << "\n";
      for (std::size_t i = 0; i < lv.magnitude.size(); ++i) {
        a << c.area_ids[l][i] << ",Area " << i << "," << lv.magnitude[i];
        if (lv.parent_level >= 0) a << "," << c.area_ids[lv.parent_level][lv.parent[i]];
        a << "\n";
      }
      c.files[areas] = a.str();
      if (drawn_) {
        const std::string base = name("l", static_cast<int>(l)) + "-base.csv";
        t << "baseline = \"" << base << "\"\n";
        if (chance(g_, 0.5)) t << "swing = \"logit-additive\"\n";
        if (chance(g_, 0.5)) {
          t << "noise_sd = 0.2\n";
          if (chance(g_, 0.5)) t << "parent_correlation = 0.5\n";
        }
        std::ostringstream b;
        b << "area,option,votes\n";
        for (std::size_t i = 0; i < lv.magnitude.size(); ++i)
          for (int o = 0; o < n_; ++o) {
            const Votes v = c.baseline[l][i * n_ + o];
            if (v > 0 || chance(g_, 0.3))
              b << c.area_ids[l][i] << "," << c.ids[o] << "," << v << "\n";
          }
        c.files[base] = b.str();
      }
    }
    t << "\n" << c.toml;
    c.toml = t.str();
    // The counted votes, zero rows left out now and then (an area keeps one row).
    std::ostringstream v;
    v << "area,option,votes\n";
    const int depth = static_cast<int>(c.body.levels.size());
    for (int a = 0; a < finest_areas(c); ++a)
      for (int o = 0; o < n_; ++o) {
        const Votes x = c.finest[static_cast<std::size_t>(a) * n_ + o];
        if (x == 0 && o > 0 && chance(g_, 0.5)) continue;
        v << (depth ? c.area_ids[depth - 1][a] : "") << "," << c.ids[o] << "," << x << "\n";
      }
    c.files["votes.csv"] = v.str();
  }

  Rng g_;
  bool drawn_;
};

// What the tests saw, so a generator that stops reaching a case fails loudly.
struct Coverage {
  int bodies = 0, rows = 0, lot = 0;
  std::map<std::string, int> seen;
  std::array<int, ref::Checker::stats> stats{};
  void finish() {
    for (int k = 0; k < ref::Checker::stats; ++k) seen[ref::Checker::stat_name(k)] = stats[k];
  }
  void add(const ref::Expected& x) {
    ++bodies;
    rows += x.rows_allocated;
    seen["tie"] += x.tie;
    seen["refused"] += x.refused;
    seen["waived"] += x.waived;
    seen["runner_up"] += x.runner_up;
    seen["lot"] += x.lot_decided;
  }
};

class Stages : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("seatcast-stages-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes the case's files. Each is removed first: rewriting a file in place makes
  // ext4 flush it on close (auto_da_alloc), which made this test wait on the disk.
  std::string put(const Case& c) {
    for (const auto& entry : std::filesystem::directory_iterator(dir_))
      std::filesystem::remove(entry.path());
    for (const auto& [name, text] : c.files) std::ofstream(dir_ / name) << text;
    const auto path = dir_ / "s.toml";
    std::ofstream(path) << c.toml;
    return path.string();
  }

  // Checks one case; returns false (after reporting) on any difference.
  bool check(const Case& c, bool drawn, std::uint64_t seed, Coverage& cov) {
    const std::string path = put(c);
    std::optional<Scenario> s;
    try {
      s = load_scenario(path);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the scenario was refused: " << e.what() << "\n" << c.toml;
      return false;
    }
    const Simulation sim = make_simulation(*s);
    const ElectedBody& body = sim.bodies.front();
    const int n = static_cast<int>(c.ids.size());
    const int depth = static_cast<int>(c.body.levels.size());
    BodyDraw d;
    ref::Votes2 in;
    if (drawn) {
      d = body.make_draw();
      BodyScratch scratch;
      body.begin_block(scratch, seed, 0, 0);
      Rng g(seed);
      std::vector<Votes> national(static_cast<std::size_t>(n));
      std::vector<double> shares(static_cast<std::size_t>(n));
      double sum = 0;
      for (int o = 0; o < n; ++o) sum += static_cast<double>(national[o] = uniform(g, 0, 1000000));
      for (int o = 0; o < n; ++o) shares[o] = sum > 0 ? static_cast<double>(national[o]) / sum : 0;
      {
        // A draw before this one on the same ledger and scratch, from other votes, as a
        // worker's draws follow each other: it must leave nothing behind (a draw writes
        // rows only where options stand and clears nothing else).
        const std::vector<Votes> other(national.rbegin(), national.rend());
        const std::vector<double> other_shares(shares.rbegin(), shares.rend());
        random::Engine warm(seed + 1);
        body.evaluate(other_shares, other, d, scratch, warm, seed + 1);
      }
      random::Engine rng(seed);
      body.evaluate(shares, national, d, scratch, rng, seed);
      in.level = d.ledger.level_votes;
      in.national = depth ? std::vector<Votes>(static_cast<std::size_t>(n), 0) : national;
      in.standing.resize(static_cast<std::size_t>(depth));
      for (int l = 0; l < depth; ++l) {
        in.standing[l].resize(c.baseline[l].size());
        for (std::size_t i = 0; i < c.baseline[l].size(); ++i) {
          in.standing[l][i] = c.baseline[l][i] > 0;
          if (!in.standing[l][i] && in.level[l][i] != 0) {
            ADD_FAILURE() << "level " << l << ": votes where the option has no baseline";
            return false;
          }
        }
      }
    } else {
      CountedResult r =
          allocate_counted(body, s->ballot, read_area_votes_csv((dir_ / "votes.csv").string()));
      d = std::move(r.draw);
      // Every level's votes: the finest areas' added up into their parents.
      in.level.assign(static_cast<std::size_t>(depth), {});
      if (depth > 0) {
        in.level.back() = c.finest;
        in.national.assign(static_cast<std::size_t>(n), 0);
      } else {
        in.national = c.finest;
      }
      for (int l = depth - 1; l > 0; --l) {
        in.level[l - 1].assign(c.body.levels[l - 1].magnitude.size() * n, 0);
        for (std::size_t a = 0; a < c.body.levels[l].parent.size(); ++a)
          for (int o = 0; o < n; ++o)
            in.level[l - 1][static_cast<std::size_t>(c.body.levels[l].parent[a]) * n + o] +=
                in.level[l][a * n + o];
      }
      if (d.ledger.level_votes != in.level) {
        ADD_FAILURE() << "the levels' counted votes differ\n" << c.toml;
        return false;
      }
    }
    if (depth > 0)
      for (std::size_t i = 0; i < in.level.back().size(); ++i)
        in.national[i % n] += in.level.back()[i];
    if (d.ledger.national != in.national) {
      ADD_FAILURE() << "the nation's votes are not the finest areas' added up\n" << c.toml;
      return false;
    }

    ref::EngineView e{&d.ledger.eligible,
                      &d.ledger.area_seats,
                      &d.ledger.tier_seats,
                      d.list_events.tie,
                      d.list_events.refused,
                      d.list_events.threshold_waived,
                      d.list_events.runner_up_admitted,
                      &d.passed};
    ref::Checker checker(c.body, in, e);
    checker.count_into(cov.stats.data());
    const ref::Expected x = checker.run();
    std::vector<std::string> failures = checker.failures();
    auto expect = [&](bool ok, const std::string& what) {
      if (!ok) failures.push_back(what);
    };
    expect(e.tie == x.tie, "event tie");
    expect(e.refused == x.refused, "event refused");
    expect(e.waived == x.waived, "event threshold_waived");
    expect(e.runner_up == x.runner_up, "event runner_up_admitted");
    expect(d.passed == x.passed, "passed");
    // Tiers: their totals are their areas added up; pr and district seats the tiers'.
    std::vector<int> pr(static_cast<std::size_t>(n), 0), district(pr);
    expect(static_cast<int>(x.tier_seats.size()) == body.tiers(), "number of tiers");
    int magnitudes = 0;
    for (int t = 0; t < body.tiers() && t < static_cast<int>(x.tier_seats.size()); ++t) {
      expect(d.ledger.tier_seats[t] == x.tier_seats[t], "tier " + std::to_string(t) + " totals");
      const int level = body.tier(t).level;
      if (level >= 0) {
        std::vector<int> sum(static_cast<std::size_t>(n), 0);
        for (std::size_t i = 0; i < d.ledger.area_seats[t].size(); ++i)
          sum[i % n] += d.ledger.area_seats[t][i];
        expect(sum == d.ledger.tier_seats[t], "tier " + std::to_string(t) + ": areas added up");
      }
      expect(body.tier(t).district == x.plurality[t], "tier kind");
      for (int o = 0; o < n; ++o) (x.plurality[t] ? district : pr)[o] += x.tier_seats[t][o];
      magnitudes += body.tier(t).seats;
    }
    expect(d.seats_pr == pr, "seats_pr");
    expect(d.seats_district == district, "seats_district");
    int total = 0;
    for (int o = 0; o < n; ++o) {
      expect(d.seats_total[o] == pr[o] + district[o], "seats_total");
      total += d.seats_total[o];
    }
    expect(x.refused || total == magnitudes, "the body's seats add up to its magnitudes");
    cov.add(x);
    if (!failures.empty()) {
      std::ostringstream m;
      for (const auto& f : failures) m << f << "\n";
      m << "--- scenario\n" << c.toml;
      for (const auto& [name, text] : c.files) m << "--- " << name << "\n" << text;
      ADD_FAILURE() << m.str();
      return false;
    }
    return true;
  }

  void run(bool drawn, std::uint64_t seed, int cases, Coverage& cov) {
    Generator gen(seed, drawn);
    int failed = 0;
    for (int i = 0; i < cases && failed < 3; ++i) {
      const Case c = gen.next();
      if (!check(c, drawn, seed * 1000003 + static_cast<std::uint64_t>(i), cov)) ++failed;
    }
  }

  std::filesystem::path dir_;
};

void report(const char* what, Coverage& cov, double seconds) {
  cov.finish();
  std::cout << what << ": " << cov.bodies << " bodies, " << cov.rows << " area allocations in "
            << seconds << " s;";
  for (const auto& [k, v] : cov.seen) std::cout << " " << k << " " << v;
  std::cout << "\n";
}

// The reference itself on textbook cases (the figures of the methods' usual worked
// examples), so that it cannot share a mistake with the engine unseen.
TEST(Reference, TextbookAllocations) {
  ref::Body body;
  body.kinds.assign(6, OptionKind::party);
  const ref::Votes2 in;
  const ref::EngineView none;
  const ref::Checker checker(body, in, none);
  const std::vector<int> all{0, 1, 2, 3, 4, 5};
  auto seats = [&](Method m, std::vector<Votes> v, int s) {
    ref::Allocate a;
    a.method = m;
    return checker.apportion(a, all, v.data(), s).seats;
  };
  const std::vector<Votes> four{100000, 80000, 30000, 20000, 0, 0};
  EXPECT_EQ(seats(Method::dhondt, four, 8), (std::vector<int>{4, 3, 1, 0, 0, 0}));
  EXPECT_EQ(seats(Method::sainte_lague, four, 8), (std::vector<int>{3, 3, 1, 1, 0, 0}));
  // Seven seats: Sainte-Laguë's last two are A's 100000 / 5 and D's 20000 / 1 (equal);
  // with the first divisor 1.4, D's 14286 falls behind B's 80000 / 5 = 16000.
  EXPECT_EQ(seats(Method::sainte_lague, four, 7), (std::vector<int>{3, 2, 1, 1, 0, 0}));
  EXPECT_EQ(seats(Method::modified_sainte_lague, four, 7), (std::vector<int>{3, 3, 1, 0, 0, 0}));
  const std::vector<Votes> six{47000, 16000, 15800, 12000, 6100, 3100};
  EXPECT_EQ(seats(Method::hare, six, 10), (std::vector<int>{5, 2, 1, 1, 1, 0}));
  EXPECT_EQ(seats(Method::droop, six, 10), (std::vector<int>{5, 2, 2, 1, 0, 0}));
  EXPECT_EQ(seats(Method::dhondt, six, 10), (std::vector<int>{5, 2, 2, 1, 0, 0}));
  EXPECT_EQ(seats(Method::sainte_lague, six, 10), (std::vector<int>{4, 2, 2, 1, 1, 0}));
  // Imperiali quota 100000 / 12: whole parts 5, 1, 1, 1, 0, 0 give 8 of 10 seats; the
  // remainders 5000, 7667, 7467, 3667, 6100 give the rest to B and C.
  EXPECT_EQ(seats(Method::imperiali_quota, six, 10), (std::vector<int>{5, 2, 2, 1, 0, 0}));
  // Too many whole seats: 3 seats, quota 10 / 5 = 2: A 2 (remainder 1), B 1 (1), C 1
  // (0) are 4; the smallest remainder, C's, gives its seat back.
  EXPECT_EQ(seats(Method::imperiali_quota, {5, 3, 2, 0, 0, 0}, 3),
            (std::vector<int>{2, 1, 0, 0, 0, 0}));
  // Adams and Huntington-Hill seat every list with votes first.
  EXPECT_EQ(seats(Method::adams, four, 4), (std::vector<int>{1, 1, 1, 1, 0, 0}));
  EXPECT_EQ(seats(Method::huntington_hill, four, 5), (std::vector<int>{2, 1, 1, 1, 0, 0}));
  // A tie for the last seat: registration order, then more votes (A's 200 / 2 against
  // B's 100 / 1 for the third D'Hondt seat after 200 and 150).
  ref::Allocate a;
  a.method = Method::dhondt;
  const std::vector<Votes> tie{200, 100, 150, 0, 0, 0};
  a.tie = TieRule::fewer_votes;
  auto r = checker.apportion(a, all, tie.data(), 3);
  EXPECT_TRUE(r.tie);
  EXPECT_EQ(r.seats, (std::vector<int>{1, 1, 1, 0, 0, 0}));
  a.tie = TieRule::more_votes;
  EXPECT_EQ(checker.apportion(a, all, tie.data(), 3).seats, (std::vector<int>{2, 0, 1, 0, 0, 0}));
  a.tie = TieRule::refuse;
  r = checker.apportion(a, all, tie.data(), 3);
  EXPECT_TRUE(r.refused);
  EXPECT_EQ(r.seats, (std::vector<int>{1, 0, 1, 0, 0, 0}));
  a.tie = TieRule::lot;
  r = checker.apportion(a, all, tie.data(), 3);
  EXPECT_EQ(r.lot, (std::vector<int>{0, 1}));
  EXPECT_EQ(r.lot_seats, 1);
}

TEST_F(Stages, CountedBodiesGiveTheReferenceSeats) {
  const auto start = std::chrono::steady_clock::now();
  Coverage cov;
  for (std::uint64_t seed : {11u, 12u, 13u, 14u}) run(false, seed, 1000, cov);
  report("counted", cov,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(cov.bodies, 4000);
  // The generator reaches what it is meant to: every method and plurality, lists exactly
  // on a line under ">=" and ">", every way around a threshold, ties decided by the rule
  // and by lot, refused ties, waived thresholds, the runner-up rule, filters that admit
  // no list in common.
  for (int k = 0; k < ref::Checker::stats; ++k)
    EXPECT_GT(cov.stats[k], k == ref::Checker::no_common_list ? 10 : 200)
        << ref::Checker::stat_name(k);
  for (const char* k : {"tie", "refused", "waived", "runner_up", "lot"})
    EXPECT_GT(cov.seen[k], 50) << k;
}

TEST_F(Stages, DrawnBodiesGiveTheReferenceSeats) {
  const auto start = std::chrono::steady_clock::now();
  Coverage cov;
  for (std::uint64_t seed : {21u, 22u}) run(true, seed, 500, cov);
  report("drawn", cov,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  EXPECT_EQ(cov.bodies, 1000);
  for (const char* k : {"tie", "waived", "runner_up", "lot"}) EXPECT_GT(cov.seen[k], 5) << k;
}

}  // namespace
}  // namespace seatcast
