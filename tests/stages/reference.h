// A naive reference for a body's stages, written from the rules' text rather than from
// the engine: thresholds by exact integer comparison, highest averages seat by seat
// (every quotient compared as a fraction, 128-bit cross-multiplication), largest
// remainder by exact quotas and a sort, plurality by the most votes. It runs the
// stages in order on given votes (every level's areas and the nation) and checks the
// engine's ledger row by row as it goes.
//
// Where the law is silent the reference takes the rules the engine documents
// (engine/rules/list_tier.h, apportionment.h): no list passing waives the threshold
// (every admitted list takes part), filters with no list in common admit every list,
// lists with no votes win nothing unless nobody has votes (then equal claims), and
// Adams and Huntington-Hill seat every list with votes first (the most votes first
// when seats are short).
//
// Ties: the rule (registration order, more or fewer votes) decides where it can; where
// the lot decides (TieRule::lot, or equal votes under more/fewer votes) the reference
// only knows which lists could win which number of seats, checks the engine's row
// against that and carries the engine's row on, so later stages (a tier's seats as a
// way around a threshold) still see the same seats.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/rules/apportionment.h"

namespace seatcast::reference {

__extension__ typedef __int128 Int128;

struct Frac {
  std::int64_t num = 0;
  std::int64_t den = 1;
};

enum class Base { valid, parties, cast, registered };

// A threshold as the law writes it: a share of a base (by member count for alliances,
// the last repeating), or one full quota (votes x seats against the base), ">=" or ">";
// the ways around it: exempt lists with votes, N seats in an earlier tier.
struct Threshold {
  std::vector<Frac> lines{Frac{0, 1}};
  Base base = Base::valid;
  Votes registered = 0;
  bool strict = false;
  bool quota = false;
  std::vector<int> members;   // [options] >= 1
  std::vector<bool> exempt;   // [options]
  int alternative_tier = -1;  // index among the body's tiers
  int alternative_seats = 0;
};

struct Filter {
  int level = -1;  // -1: the nation
  Threshold rule;
  int quota_seats = 0;     // a quota at the nation
  std::vector<int> after;  // filter indices
};

struct RunnerUp {
  Frac coefficient;
  int min_seats = 0;
};

struct Allocate {
  int level = -1;
  int seats = 0;  // at the nation
  Threshold rule;
  Method method = Method::dhondt;
  Frac first_divisor{7, 5};
  TieRule tie = TieRule::registration_order;
  std::optional<RunnerUp> runner_up;
  std::vector<int> filters;
  bool plurality = false;
};

struct Level {
  int parent_level = -1;
  std::vector<int> parent;     // [areas] area of the parent level (0 under the nation)
  std::vector<int> magnitude;  // [areas]
};

struct Body {
  std::vector<OptionKind> kinds;
  std::vector<Level> levels;
  std::vector<std::variant<Filter, Allocate>> stages;
};

// The votes the stages read: [level][areas x options] and the nation; `standing` per
// level (empty: every option stands everywhere), [areas x options] 0/1.
struct Votes2 {
  std::vector<std::vector<Votes>> level;
  std::vector<Votes> national;
  std::vector<std::vector<std::uint8_t>> standing;
};

// What the engine produced, as the reference reads it (a view of the ledger and events).
struct EngineView {
  const std::vector<std::vector<std::uint8_t>>* eligible = nullptr;  // [filter][rows x options]
  const std::vector<std::vector<int>>* area_seats = nullptr;         // [tier][rows x options]
  const std::vector<std::vector<int>>* tier_seats = nullptr;         // [tier][options]
  bool tie = false, refused = false, waived = false, runner_up = false;
  const std::vector<std::uint8_t>* passed = nullptr;  // [options]
};

struct Expected {
  std::vector<std::vector<int>> tier_seats;  // [tier][options]
  std::vector<bool> plurality;               // [tier]
  bool tie = false, refused = false, waived = false, runner_up = false;
  std::vector<std::uint8_t> passed;
  bool lot_decided = false;  // some seat went by lot (checked as a set)
  int rows_allocated = 0;
};

class Checker {
 public:
  Checker(const Body& body, const Votes2& votes, const EngineView& engine)
      : b_(body), v_(votes), e_(engine), n_(static_cast<int>(body.kinds.size())) {}

  // Runs the stages; returns the expected totals and events; failures() lists the
  // differences from the engine found on the way.
  Expected run() {
    Expected x;
    x.passed.assign(n_, 0);
    int filters = 0, tiers = 0;
    for (const auto& st : b_.stages) {
      if (const auto* f = std::get_if<Filter>(&st)) {
        run_filter(*f, filters++, x);
      } else {
        run_allocate(std::get<Allocate>(st), tiers++, x);
      }
    }
    return x;
  }
  const std::vector<std::string>& failures() const { return failures_; }
  // Counts of what the stages met (methods, lists exactly on a line, ...), for coverage.
  enum Stat {
    on_line_strict,
    on_line,
    alliance_line,
    by_other_tier,
    exempt,
    quota,
    no_common_list,
    plurality,
    methods,  // then one per Method
    stats = methods + 11,
  };
  static const char* stat_name(int k) {
    static const char* const names[] = {"on the line, >",
                                        "on the line, >=",
                                        "alliance line",
                                        "passed by another tier's seats",
                                        "passed as exempt",
                                        "quota threshold",
                                        "filters with no list in common",
                                        "plurality"};
    return k < methods ? names[k] : to_string(static_cast<Method>(k - methods)).data();
  }
  void count_into(int* stats) { stats_ = stats; }

  // One area's seats: `seats` among `lists` (ballot indices) with votes v[option].
  struct Row {
    std::vector<int> seats;
    bool tie = false, refused = false;
    std::vector<int> lot;  // lists among which `lot_seats` seats go by lot
    int lot_seats = 0;
  };
  Row apportion(const Allocate& a, const std::vector<int>& lists, const Votes* v, int seats) const;

 private:
  int rows(int level) const {
    return level < 0 ? 1 : static_cast<int>(b_.levels[level].magnitude.size());
  }
  const Votes* row_votes(int level, int row) const {
    return level < 0 ? v_.national.data()
                     : v_.level[level].data() + static_cast<std::size_t>(row) * n_;
  }
  bool stands(int level, int row, int o) const {
    if (level < 0 || v_.standing.empty() || v_.standing[level].empty()) return true;
    return v_.standing[level][static_cast<std::size_t>(row) * n_ + o] != 0;
  }
  bool is_list(int o) const { return b_.kinds[o] == OptionKind::party; }
  bool in_base(Base base, int o) const {
    switch (base) {
      case Base::valid:
        return b_.kinds[o] != OptionKind::invalid;
      case Base::parties:
        return b_.kinds[o] == OptionKind::party || b_.kinds[o] == OptionKind::other;
      case Base::cast:
        return true;
      case Base::registered:
        return false;
    }
    return false;
  }
  // The row of level `to` (-1: the nation) that contains row `row` of level `from`.
  int containing(int from, int row, int to) const {
    while (from != to) {
      if (from < 0) return -1;
      row = b_.levels[from].parent[row];
      from = b_.levels[from].parent_level;
      if (from < 0) row = 0;
    }
    return row;
  }
  std::vector<std::uint8_t> allowed(const std::vector<int>& refs, int level, int row) const {
    std::vector<std::uint8_t> a(n_, 1);
    for (int f : refs) {
      const int r = containing(level, row, filter_level_[f]);
      for (int o = 0; o < n_; ++o) a[o] &= filter_rows_[f][static_cast<std::size_t>(r) * n_ + o];
    }
    return a;
  }

  // The lists that pass the threshold of one row (before any waiver).
  std::vector<std::uint8_t> admit(const Threshold& t, int level, int row, int seats,
                                  const std::vector<std::uint8_t>& allowed) const {
    const Votes* v = row_votes(level, row);
    Votes base = t.registered;
    if (t.base != Base::registered) {
      base = 0;
      for (int o = 0; o < n_; ++o)
        if (in_base(t.base, o)) base += v[o];
    }
    std::vector<std::uint8_t> pass(n_, 0);
    for (int o = 0; o < n_; ++o) {
      if (!is_list(o) || !stands(level, row, o) || !allowed[o]) continue;
      bool ok;
      Int128 lhs, rhs;
      if (t.quota) {
        lhs = Int128{v[o]} * seats;
        rhs = base;
      } else {
        const int k = t.members.empty() ? 1 : t.members[o];
        const Frac& line = t.lines[std::min<std::size_t>(k, t.lines.size()) - 1];
        lhs = Int128{v[o]} * line.den;
        rhs = Int128{base} * line.num;
        if (k > 1) count(alliance_line);
      }
      ok = t.strict ? lhs > rhs : lhs >= rhs;
      if (lhs == rhs && (t.quota || rhs > 0)) count(t.strict ? on_line_strict : on_line);
      if (!ok && t.alternative_tier >= 0 && t.alternative_seats > 0 &&
          tier_totals_[t.alternative_tier][o] >= t.alternative_seats) {
        ok = true;
        count(by_other_tier);
      }
      if (!ok && !t.exempt.empty() && t.exempt[o] && v[o] > 0) {
        ok = true;
        count(exempt);
      }
      if (t.quota) count(quota);
      pass[o] = ok;
    }
    return pass;
  }

  void run_filter(const Filter& f, int index, Expected& x) {
    filter_level_.push_back(f.level);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(rows(f.level)) * n_, 0);
    for (int r = 0; r < rows(f.level); ++r) {
      const auto a = allowed(f.after, f.level, r);
      const int seats = f.level < 0 ? f.quota_seats : b_.levels[f.level].magnitude[r];
      auto pass = admit(f.rule, f.level, r, seats, a);
      if (std::count(pass.begin(), pass.end(), 1) == 0) {
        x.waived = true;  // nobody passed: every admitted list stands
        for (int o = 0; o < n_; ++o) pass[o] = is_list(o) && stands(f.level, r, o) && a[o];
      }
      std::copy(pass.begin(), pass.end(), out.begin() + static_cast<std::ptrdiff_t>(r) * n_);
    }
    if (e_.eligible && (*e_.eligible)[index] != out)
      fail("filter " + std::to_string(index) + ": eligible lists differ");
    filter_rows_.push_back(std::move(out));
  }

  // A tied list's place under the rule, lower first; equal places go by lot.
  Int128 place(TieRule rule, const Votes* v, int o) const {
    switch (rule) {
      case TieRule::more_votes:
        return -Int128{v[o]};
      case TieRule::fewer_votes:
        return Int128{v[o]};
      case TieRule::lot:
        return 0;
      default:
        return o;
    }
  }
  // `contested` seats among the lists `tied` (more lists than seats) by the rule.
  void settle(std::vector<int> tied, int contested, TieRule rule, const Votes* v, Row& r) const {
    r.tie = true;
    if (rule == TieRule::refuse) {
      r.refused = true;
      return;
    }
    std::stable_sort(tied.begin(), tied.end(),
                     [&](int a, int b) { return place(rule, v, a) < place(rule, v, b); });
    const Int128 cut = place(rule, v, tied[contested - 1]);
    if (place(rule, v, tied[contested]) != cut) {
      for (int k = 0; k < contested; ++k) ++r.seats[tied[k]];
      return;
    }
    int sure = 0;
    for (int o : tied) {
      if (place(rule, v, o) < cut) {
        ++r.seats[o];
        ++sure;
      } else if (place(rule, v, o) == cut) {
        r.lot.push_back(o);
      }
    }
    r.lot_seats = contested - sure;
  }
  // Gives `k` seats, one each, to the lists with the largest claims.
  void award(std::vector<int> lists, int k, const std::vector<Int128>& claim, TieRule rule,
             const Votes* v, Row& r) const {
    if (k <= 0) return;
    if (k >= static_cast<int>(lists.size())) {
      for (int o : lists) ++r.seats[o];
      return;
    }
    std::stable_sort(lists.begin(), lists.end(), [&](int a, int b) { return claim[a] > claim[b]; });
    const Int128 cut = claim[lists[k - 1]];
    std::vector<int> tied;
    int above = 0;
    for (int o : lists) {
      if (claim[o] > cut) {
        ++r.seats[o];
        ++above;
      } else if (claim[o] == cut) {
        tied.push_back(o);
      }
    }
    if (static_cast<int>(tied.size()) == k - above) {
      for (int o : tied) ++r.seats[o];
    } else {
      settle(tied, k - above, rule, v, r);
    }
  }

  // d(s) of a divisor method as a fraction (den 0 never: num 0 is an infinite quotient).
  static Frac divisor(Method m, Frac first, int s) {
    switch (m) {
      case Method::dhondt:
        return {s + 1, 1};
      case Method::sainte_lague:
        return {2 * s + 1, 1};
      case Method::modified_sainte_lague:
        return s == 0 ? first : Frac{2 * s + 1, 1};
      case Method::danish:
        return {3 * s + 1, 1};
      case Method::imperiali:
        return {s + 2, 2};
      case Method::adams:
        return {s, 1};
      case Method::huntington_hill:  // compared squared: d^2 = s (s + 1)
        return {static_cast<std::int64_t>(s) * (s + 1), 1};
      default:
        return {1, 1};
    }
  }
  // v1 / d1 against v2 / d2: -1, 0, 1.
  static int compare(Method m, Votes v1, Frac d1, Votes v2, Frac d2) {
    if (d1.num == 0 || d2.num == 0) return d1.num == 0 ? (d2.num == 0 ? 0 : 1) : -1;
    Int128 a, b;
    if (m == Method::huntington_hill) {
      a = Int128{v1} * v1 * d2.num;
      b = Int128{v2} * v2 * d1.num;
    } else {
      a = Int128{v1} * d1.den * d2.num;
      b = Int128{v2} * d2.den * d1.num;
    }
    return a > b ? 1 : (a < b ? -1 : 0);
  }

  Row apportion_row(const Allocate& a, const std::vector<int>& lists, const Votes* v,
                    int seats) const {
    Row r;
    r.seats.assign(n_, 0);
    if (lists.empty()) return r;
    Votes total = 0;
    std::vector<int> with;  // lists with votes
    for (int o : lists) {
      total += v[o];
      if (v[o] > 0) with.push_back(o);
    }
    const std::vector<Int128> zero(n_, 0);
    if (total == 0) {  // no votes at all: equal claims, the rest of the seats tied
      const int n = static_cast<int>(lists.size());
      for (int o : lists) r.seats[o] = seats / n;
      award(lists, seats % n, zero, a.tie, v, r);
      return r;
    }
    if (a.plurality) {  // the most votes take the seat
      Votes top = 0;
      for (int o : lists) top = std::max(top, v[o]);
      std::vector<int> first;
      for (int o : lists)
        if (v[o] == top) first.push_back(o);
      award(first, 1, zero, a.tie, v, r);
      return r;
    }
    if (a.method == Method::hare || a.method == Method::hare_rounded || a.method == Method::droop ||
        a.method == Method::hagenbach_bischoff || a.method == Method::imperiali_quota) {
      // The quota P / Q; whole seats floor(v Q / P), remainders v Q mod P.
      Int128 p = total, q = seats;
      if (a.method == Method::droop) {
        p = total / (seats + 1) + 1;
        q = 1;
      } else if (a.method == Method::hare_rounded) {
        // V / S rounded to whole votes, a half up, and never below one vote.
        const Int128 twice = 2 * Int128{total}, s2 = 2 * Int128{seats};
        p = std::max<Int128>(1, (twice + seats) / s2);
        q = 1;
      } else if (a.method == Method::hagenbach_bischoff) {
        q = seats + 1;
      } else if (a.method == Method::imperiali_quota) {
        q = seats + 2;
      }
      std::vector<Int128> rem(n_, 0);
      int whole = 0;
      for (int o : with) {
        r.seats[o] = static_cast<int>(Int128{v[o]} * q / p);
        rem[o] = Int128{v[o]} * q % p;
        whole += r.seats[o];
      }
      int left = seats - whole;
      if (left >= 0) {
        const int m = static_cast<int>(with.size());
        for (int o : with) r.seats[o] += left / m;  // the ranking walked again
        award(with, left % m, rem, a.tie, v, r);
        return r;
      }
      // Too many whole seats: the smallest remainders give one back, a round at a time.
      int excess = -left;
      while (excess > 0) {
        std::vector<int> holders;
        for (int o : with)
          if (r.seats[o] > 0) holders.push_back(o);
        for (int o : holders) --r.seats[o];
        const int h = static_cast<int>(holders.size());
        if (excess >= h) {
          excess -= h;
          continue;
        }
        award(holders, h - excess, rem, a.tie, v, r);  // those that keep their seat
        excess = 0;
      }
      return r;
    }
    // Highest averages, seat by seat.
    const bool first_free = divisor(a.method, a.first_divisor, 0).num == 0;
    if (first_free && seats <= static_cast<int>(with.size())) {
      // Every list with votes first (d(0) = 0); too few seats: the most votes.
      std::vector<Int128> claim(n_, 0);
      for (int o : with) claim[o] = v[o];
      award(with, seats, claim, a.tie, v, r);
      return r;
    }
    int left = seats;
    while (left > 0) {
      int best = -1;
      for (int o : with)
        if (best < 0 || compare(a.method, v[o], divisor(a.method, a.first_divisor, r.seats[o]),
                                v[best], divisor(a.method, a.first_divisor, r.seats[best])) > 0)
          best = o;
      std::vector<int> group;
      for (int o : with)
        if (compare(a.method, v[o], divisor(a.method, a.first_divisor, r.seats[o]), v[best],
                    divisor(a.method, a.first_divisor, r.seats[best])) == 0)
          group.push_back(o);
      if (static_cast<int>(group.size()) <= left) {
        for (int o : group) ++r.seats[o];
        left -= static_cast<int>(group.size());
      } else {
        settle(group, left, a.tie, v, r);
        left = 0;
      }
    }
    return r;
  }

  void run_allocate(const Allocate& a, int tier, Expected& x) {
    std::vector<int> total(n_, 0);
    const int n_rows = rows(a.level);
    for (int row = 0; row < n_rows; ++row) {
      const int seats = a.level < 0 ? a.seats : b_.levels[a.level].magnitude[row];
      const Votes* v = row_votes(a.level, row);
      const auto allow = allowed(a.filters, a.level, row);
      const auto pass = admit(a.rule, a.level, row, seats, allow);
      const int passing = static_cast<int>(std::count(pass.begin(), pass.end(), 1));
      if (!a.plurality)
        for (int o = 0; o < n_; ++o) x.passed[o] |= pass[o];
      Row r;
      r.seats.assign(n_, 0);
      bool done = false;
      int admitted_second = -1;   // the runner-up, when the rule admitted one
      bool none_admitted = true;  // the filters admit no list standing here
      for (int o = 0; o < n_; ++o)
        if (is_list(o) && stands(a.level, row, o) && allow[o]) none_admitted = false;
      if (passing == 1 && a.runner_up) {
        // The next list by votes among those admitted (the earlier-registered among
        // equals) joins with max(min, floor(c x its Hare share)) seats, never more.
        const int sole = static_cast<int>(std::find(pass.begin(), pass.end(), 1) - pass.begin());
        int second = -1;
        for (int o = 0; o < n_; ++o)
          if (o != sole && is_list(o) && stands(a.level, row, o) && allow[o] &&
              (second < 0 || v[o] > v[second]))
            second = o;
        if (second >= 0 && v[second] > 0) {
          const Int128 pool = Int128{v[sole]} + v[second];
          Int128 got = Int128{v[second]} * seats * a.runner_up->coefficient.num /
                       (pool * a.runner_up->coefficient.den);
          got = std::min<Int128>(std::max<Int128>(got, a.runner_up->min_seats), seats);
          r.seats[second] = static_cast<int>(got);
          r.seats[sole] = seats - static_cast<int>(got);
          x.runner_up = true;
          admitted_second = second;
          done = true;
        }
      }
      if (!done) {
        std::vector<int> lists;
        if (passing == 0) x.waived = true;
        for (int o = 0; o < n_; ++o)
          if (passing == 0 ? is_list(o) && stands(a.level, row, o) && allow[o] : pass[o])
            lists.push_back(o);
        // Filters with no list in common: every list takes part, as when a threshold
        // is waived, so that the area's seats are still given.
        if (lists.empty()) {
          count(no_common_list);
          for (int o = 0; o < n_; ++o)
            if (is_list(o) && stands(a.level, row, o)) lists.push_back(o);
        }
        r = apportion_row(a, lists, v, seats);
      }
      count(a.plurality ? plurality : static_cast<Stat>(methods + static_cast<int>(a.method)));
      x.tie |= r.tie;
      x.refused |= r.refused;
      // The engine's row, checked against the rule.
      const int* got = a.level < 0
                           ? (*e_.tier_seats)[tier].data()
                           : (*e_.area_seats)[tier].data() + static_cast<std::size_t>(row) * n_;
      std::vector<int> seen(got, got + n_);
      std::string where = "tier " + std::to_string(tier) + " row " + std::to_string(row);
      // Lists under the threshold get nothing: seats only for lists the filters admit
      // and that passed the row's own threshold (unless it was waived or the runner-up).
      for (int o = 0; o < n_; ++o) {
        if (seen[o] == 0) continue;
        if (!is_list(o)) fail(where + ": an option that is not a list has seats");
        if (!allow[o] && !none_admitted) fail(where + ": a list no filter admitted has seats");
        if (passing > 0 && !pass[o] && o != admitted_second)
          fail(where + ": a list under the threshold has seats");
      }
      if (!r.lot.empty()) {
        x.lot_decided = true;
        int extra = 0;
        bool ok = true;
        for (int o = 0; o < n_; ++o) {
          const int d = seen[o] - r.seats[o];
          const bool may = std::find(r.lot.begin(), r.lot.end(), o) != r.lot.end();
          if (d < 0 || d > (may ? 1 : 0)) ok = false;
          extra += d;
        }
        if (!ok || extra != r.lot_seats)
          fail(where + ": not one of the lot's outcomes" + dump(seen, r.seats));
        r.seats = seen;  // the lot's outcome, for the stages after
      } else if (seen != r.seats) {
        fail(where + ": seats differ" + dump(seen, r.seats));
      }
      int sum = 0;
      for (int o = 0; o < n_; ++o) {
        sum += r.seats[o];
        total[o] += r.seats[o];
      }
      if (!r.refused && sum != seats)
        fail(where + ": " + std::to_string(sum) + " seats of " + std::to_string(seats));
      ++x.rows_allocated;
    }
    tier_totals_.push_back(total);
    x.tier_seats.push_back(total);
    x.plurality.push_back(a.plurality);
  }

  std::string dump(const std::vector<int>& got, const std::vector<int>& want) const {
    std::ostringstream s;
    s << " (engine";
    for (int x : got) s << ' ' << x;
    s << "; reference";
    for (int x : want) s << ' ' << x;
    s << ')';
    return s.str();
  }
  void fail(std::string what) { failures_.push_back(std::move(what)); }
  void count(Stat what) const {
    if (stats_) ++stats_[what];
  }

  const Body& b_;
  const Votes2& v_;
  const EngineView& e_;
  const int n_;
  std::vector<int> filter_level_;
  std::vector<std::vector<std::uint8_t>> filter_rows_;
  std::vector<std::vector<int>> tier_totals_;
  std::vector<std::string> failures_;
  int* stats_ = nullptr;
};

inline Checker::Row Checker::apportion(const Allocate& a, const std::vector<int>& lists,
                                       const Votes* v, int seats) const {
  return apportion_row(a, lists, v, seats);
}

}  // namespace seatcast::reference
