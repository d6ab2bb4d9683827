#include "engine/rules/divisor.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <type_traits>

#include "engine/rules/largest_remainder.h"
#include "engine/rules/lot.h"

namespace seatcast::rules_detail {

namespace {

__extension__ typedef __int128 Int128;

// Divisors of one sequence, and exact comparison of quotients v / d. Wide is the
// integer type of the cross-products: std::int64_t when they are known to fit, else
// Int128.
template <bool Square, typename Wide>
struct Quotients {
  const DivisorSequence& sequence;

  std::int64_t divisor(int s) const {
    if (s == 0) return sequence.first;
    if constexpr (Square) {
      return static_cast<std::int64_t>(s) * (s + 1);
    } else {
      return sequence.step * s + sequence.offset;
    }
  }

  // v1 / d1 > v2 / d2, for v1, v2 > 0 and d1, d2 >= 0 (d = 0: infinite quotient, larger
  // than any finite one; two infinite quotients are equal). Huntington-Hill's d is
  // s (s + 1), compared against v^2.
  static bool greater(Votes v1, std::int64_t d1, Votes v2, std::int64_t d2) {
    if constexpr (Square) {
      return static_cast<Wide>(v1) * v1 * d2 > static_cast<Wide>(v2) * v2 * d1;
    } else {
      return static_cast<Wide>(v1) * d2 > static_cast<Wide>(v2) * d1;
    }
  }
  static bool equal(Votes v1, std::int64_t d1, Votes v2, std::int64_t d2) {
    if constexpr (Square) {
      return static_cast<Wide>(v1) * v1 * d2 == static_cast<Wide>(v2) * v2 * d1;
    } else {
      return static_cast<Wide>(v1) * d2 == static_cast<Wide>(v2) * d1;
    }
  }
};

// Every list's number of quotients above one common cut, from a floating-point cut
// chosen so that the counts add up to about `seats`; returns their sum. Only a starting
// point: the exact correction in allocate_with() makes the result independent of
// rounding here. A second pass shifts the cut when the first misses by more than a seat
// (lists pinned at zero or at their first seat make the first guess biased).
template <bool Square>
long estimate(const DivisorSequence& seq, std::span<const Votes> votes, std::span<const int> lists,
              std::int64_t total_votes, int seats, int base, const int* floor, int fresh,
              int* seats_of) {
  const double m = static_cast<double>(lists.size());
  // x = v * target / V: a list has the quotients with d(s) < x. For d = step (s + c) a
  // list has about x / step - c + 1/2 of them, so this target makes the counts add up.
  const double per_seat = Square ? 1.0 : static_cast<double>(seq.step);
  double target = Square
                      ? static_cast<double>(seats)
                      : per_seat * seats + m * (static_cast<double>(seq.offset) - 0.5 * per_seat);
  const double first = static_cast<double>(seq.first);
  const double inv_step = 1.0 / per_seat;
  const double offset = static_cast<double>(seq.offset);
  const double high = seats;
  const double inv_total = 1.0 / static_cast<double>(total_votes);
  long sum = 0;
  for (int pass = 0; pass < 2; ++pass) {
    sum = 0;
    if (!(target > 0)) {
      for (int i : lists) {
        seats_of[i] = floor ? floor[i] : base;
        sum += seats_of[i];
      }
    } else {
      const double cut_scale = target * inv_total;
      for (int i : lists) {
        const double x = static_cast<double>(votes[i]) * cut_scale;
        double count;
        if constexpr (Square) {
          const double y = 0.5 * (std::sqrt(1.0 + 4.0 * x * x) - 1.0);  // s (s + 1) < x^2
          count = std::max(1.0, std::ceil(y));
        } else {
          count = (first < x ? 1.0 : 0.0) + std::max(0.0, std::ceil((x - offset) * inv_step) - 1.0);
        }
        // With floors a list holds at most its floor plus the fresh seats: that bound, not
        // the total, keeps every divisor within what the 64-bit choice assumed.
        const double low = floor ? floor[i] : base;
        const double top = floor ? low + fresh : high;
        const int c = static_cast<int>(std::clamp(count, low, std::max(low, top)));
        seats_of[i] = c;
        sum += c;
      }
    }
    const long gap = seats - sum;
    if (gap >= -1 && gap <= 1) break;
    target += per_seat * static_cast<double>(gap);
  }
  return sum;
}

template <bool Square, typename Wide>
AllocationOutcome allocate_with(const DivisorSequence& seq, std::span<const Votes> votes,
                                std::span<int> active, std::int64_t total_votes, int seats,
                                std::span<int> seats_out, ApportionmentScratch& scratch,
                                const TieBreak& tie_break, std::vector<Tie>* ties, const int* floor,
                                int given) {
  AllocationOutcome outcome;
  int* lists = active.data();
  const int m = static_cast<int>(active.size());
  const int base = seq.first == 0 ? 1 : 0;

  using Q = Quotients<Square, Wide>;
  const Q q{seq};
  int* s = seats_out.data();
  // Cached divisors: next[i] = d(s_i), the divisor of list i's next seat; last[i] =
  // d(s_i - 1), the divisor of its last seat, or 0 (an infinite quotient, never the
  // smallest) when it holds no seat it could lose: none beyond its floor (the seats it
  // won before, or the first seat an infinite quotient gives).
  std::int64_t* next = scratch.a.data();
  std::int64_t* last = scratch.b.data();
  auto set_seats = [&](int i, int count) {
    s[i] = count;
    next[i] = q.divisor(count);
    last[i] = count > (floor ? floor[i] : base) ? q.divisor(count - 1) : 0;
  };

  // Few seats beyond the floors (adjustment seats after fixed ones): start at the floors
  // and add them one pass each; the cut's estimate would miss by about the floors' bias.
  long sum = 0;
  if (floor && seats - given <= m) {
    for (int i : active) sum += s[i] = floor[i];
  } else {
    sum = estimate<Square>(seq, votes, active, total_votes, seats, base, floor, seats - given, s);
  }
  for (int i : active) set_seats(i, s[i]);

  // Each pass finds the largest excluded quotient (best_out's next seat) and the smallest
  // included one (worst_in's last seat), then adds, removes or moves one seat. It ends
  // when the seats add up and best_out does not beat worst_in; equal means a tie.
  // A pass that only adds a seat needs the largest excluded quotient alone, one that
  // only removes one the smallest included alone; at the right total, both at once.
  for (;;) {
    int best_out = lists[0];
    int worst_in = -1;
    Votes worst_votes = 1;
    std::int64_t worst_divisor = 0;  // infinite until an included seat is seen
    const auto consider_out = [&](int i) {
      if (Q::greater(votes[i], next[i], votes[best_out], next[best_out])) best_out = i;
    };
    const auto consider_in = [&](int i) {
      if (Q::greater(worst_votes, worst_divisor, votes[i], last[i])) {
        worst_in = i;
        worst_votes = votes[i];
        worst_divisor = last[i];
      }
    };
    if (sum < seats) {
      for (int k = 0; k < m; ++k) consider_out(lists[k]);
      set_seats(best_out, s[best_out] + 1);
      ++sum;
      continue;
    }
    if (sum > seats) {
      for (int k = 0; k < m; ++k) consider_in(lists[k]);
      set_seats(worst_in, s[worst_in] - 1);
      --sum;
      continue;
    }
    for (int k = 0; k < m; ++k) {
      consider_out(lists[k]);
      consider_in(lists[k]);
    }
    if (worst_in < 0) break;
    if (Q::greater(votes[best_out], next[best_out], worst_votes, worst_divisor)) {
      set_seats(worst_in, s[worst_in] - 1);
      set_seats(best_out, s[best_out] + 1);
      continue;
    }
    if (!Q::equal(votes[best_out], next[best_out], worst_votes, worst_divisor)) break;
    // Tie at the cut: holders have their last seat at the cut quotient, challengers their
    // next one. Gather both at the front of `lists`; holders give their seat back.
    int tied = 0;
    int contested = 0;
    for (int k = 0; k < m; ++k) {
      const int i = lists[k];
      const bool holder = last[i] > 0 && Q::equal(votes[i], last[i], worst_votes, worst_divisor);
      const bool challenger = Q::equal(votes[i], next[i], worst_votes, worst_divisor);
      if (holder) {
        set_seats(i, s[i] - 1);
        ++contested;
      }
      if (holder || challenger) std::swap(lists[tied++], lists[k]);
    }
    assert(contested > 0 && contested < tied);
    if (settle_tie(std::span<int>(lists, static_cast<std::size_t>(tied)), contested,
                   seats - given - contested, tie_break, votes, outcome, ties)) {
      for (int k = 0; k < contested; ++k) ++s[lists[k]];
    }
    break;
  }
  return outcome;
}

}  // namespace

DivisorSequence divisor_sequence(Method method, std::int64_t first_num, std::int64_t first_den) {
  switch (method) {
    case Method::dhondt:
      return {1, 1, 1, false};
    case Method::sainte_lague:
      return {1, 2, 1, false};
    case Method::modified_sainte_lague:
      return {first_num, 2 * first_den, first_den, false};
    case Method::danish:
      return {1, 3, 1, false};
    case Method::imperiali:
      return {2, 1, 2, false};  // (s + 2) / 2, scaled by 2
    case Method::huntington_hill:
      return {0, 0, 0, true};
    case Method::adams:
      return {0, 1, 0, false};
    default:
      break;
  }
  assert(false && "not a divisor method");
  return {};
}

AllocationOutcome allocate_divisor(const DivisorSequence& sequence, std::span<const Votes> votes,
                                   std::int64_t total_votes, int seats, std::span<int> seats_out,
                                   ApportionmentScratch& scratch, const TieBreak& tie_break,
                                   std::vector<Tie>* ties, std::span<const int> prior) {
  const int n = static_cast<int>(votes.size());
  int* lists = scratch.order.data();
  int m = 0;
  Votes max_votes = 0;
  for (int i = 0; i < n; ++i) {
    seats_out[i] = 0;
    if (votes[i] > 0) lists[m++] = i;
    max_votes = std::max(max_votes, votes[i]);
  }
  std::span<int> active(lists, static_cast<std::size_t>(m));

  // Prior seats: list i's divisors start at d(prior_i), which is the allocation of
  // seats + its prior seats with no list below its prior (a floor it cannot lose).
  const bool has_prior = !prior.empty();
  int given = 0;
  int max_prior = 0;
  int* floor = nullptr;
  if (has_prior) {
    if (static_cast<int>(scratch.floor.size()) < n) scratch.floor.resize(n);
    floor = scratch.floor.data();
    for (int i : active) {
      given += prior[i];
      max_prior = std::max(max_prior, prior[i]);
    }
  }

  // d(0) = 0: every list with votes (and no seat before) has an infinite first quotient;
  // when they cannot all have one, the most votes win.
  if (sequence.first == 0) {
    int fresh = m;  // without prior seats, every list with votes
    if (has_prior) {
      fresh = 0;
      for (int k = 0; k < m; ++k)
        if (prior[lists[k]] == 0) std::swap(lists[fresh++], lists[k]);
    }
    if (seats <= fresh) {
      AllocationOutcome outcome;
      award_largest(active.first(static_cast<std::size_t>(fresh)), seats, votes,
                    std::span<std::int64_t>(scratch.b.data(), n), seats_out, seats, votes,
                    tie_break, outcome, ties);
      return outcome;
    }
    // The exact pass wants registration order back.
    if (has_prior) std::sort(active.begin(), active.end());
  }
  if (has_prior)
    for (int i : active) floor[i] = std::max(prior[i], sequence.first == 0 ? 1 : 0);

  // Cross-products are at most max_votes (squared for Huntington-Hill) times the divisor
  // of seat number `seats` (after the most prior seats); 64-bit arithmetic is used when
  // they fit with room to spare.
  const int top = seats + max_prior;
  const Int128 top_divisor =
      sequence.square
          ? Int128{top + 1} * (top + 2)
          : std::max<Int128>(sequence.first, Int128{sequence.step} * (top + 1) + sequence.offset);
  const Int128 top_votes = sequence.square ? Int128{max_votes} * max_votes : Int128{max_votes};
  constexpr Int128 kLimit = Int128{1} << 62;
  const bool narrow = top_votes < kLimit / top_divisor;
  const int total = seats + given;
  // One instantiation per (Huntington-Hill or not) x (64- or 128-bit cross-products).
  const auto with = [&](auto square, auto wide) {
    return allocate_with<decltype(square)::value, decltype(wide)>(
        sequence, votes, active, total_votes, total, seats_out, scratch, tie_break, ties, floor,
        given);
  };
  const AllocationOutcome outcome =
      sequence.square
          ? (narrow ? with(std::true_type{}, std::int64_t{}) : with(std::true_type{}, Int128{}))
          : (narrow ? with(std::false_type{}, std::int64_t{}) : with(std::false_type{}, Int128{}));
  if (has_prior)
    for (int i : active) seats_out[i] -= prior[i];
  return outcome;
}

}  // namespace seatcast::rules_detail
