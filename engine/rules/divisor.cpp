#include "engine/rules/divisor.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/rules/largest_remainder.h"
#include "engine/rules/lot.h"

namespace seatcast::rules_detail {

namespace {

__extension__ typedef __int128 Int128;

// Divisors of one sequence, and exact comparison of quotients v / d.
template <bool Square>
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

  // Sign of v1 / d1 - v2 / d2 for v1, v2 > 0 and d1, d2 >= 0 (d = 0: infinite, larger
  // than any finite quotient). Huntington-Hill's d is s (s + 1): compare v^2 / d.
  static int compare(Votes v1, std::int64_t d1, Votes v2, std::int64_t d2) {
    Int128 lhs;
    Int128 rhs;
    if constexpr (Square) {
      lhs = static_cast<Int128>(v1) * v1 * d2;
      rhs = static_cast<Int128>(v2) * v2 * d1;
    } else {
      lhs = static_cast<Int128>(v1) * d2;
      rhs = static_cast<Int128>(v2) * d1;
    }
    return (lhs > rhs) - (lhs < rhs);
  }
};

// Every list's number of quotients above one common cut, from a floating-point cut
// chosen so that the counts add up to about `seats`. Only a starting point: the exact
// correction in allocate_with() makes the result independent of rounding here.
template <bool Square>
void estimate(const DivisorSequence& seq, std::span<const Votes> votes, std::span<const int> lists,
              std::int64_t total_votes, int seats, int base, int* seats_of) {
  const double m = static_cast<double>(lists.size());
  double cut_scale;  // x = v * cut_scale: a list has the quotients with d(s) < x
  if constexpr (Square) {
    cut_scale = static_cast<double>(seats) / static_cast<double>(total_votes);
  } else {
    const double target = static_cast<double>(seq.step) * seats +
                          m * (static_cast<double>(seq.offset) - 0.5 * seq.step);
    cut_scale = target / static_cast<double>(total_votes);
  }
  if (!(cut_scale > 0)) {
    for (int i : lists) seats_of[i] = base;
    return;
  }
  const double first = static_cast<double>(seq.first);
  const double inv_step = 1.0 / static_cast<double>(seq.step);
  const double offset = static_cast<double>(seq.offset);
  const double low = base;
  const double high = seats;
  for (int i : lists) {
    const double x = static_cast<double>(votes[i]) * cut_scale;
    double count;
    if constexpr (Square) {
      const double y = 0.5 * (std::sqrt(1.0 + 4.0 * x * x) - 1.0);  // s (s + 1) < x^2
      count = std::max(1.0, std::ceil(y));
    } else {
      count = (first < x ? 1.0 : 0.0) + std::max(0.0, std::ceil((x - offset) * inv_step) - 1.0);
    }
    seats_of[i] = static_cast<int>(std::clamp(count, low, high));
  }
}

template <bool Square>
AllocationOutcome allocate_with(const DivisorSequence& seq, std::span<const Votes> votes,
                                std::int64_t total_votes, int seats, std::span<int> seats_out,
                                ApportionmentScratch& scratch, const TieBreak& tie_break,
                                std::vector<Tie>* ties) {
  AllocationOutcome outcome;
  const int n = static_cast<int>(votes.size());
  int* lists = scratch.order.data();
  int m = 0;
  for (int i = 0; i < n; ++i) {
    seats_out[i] = 0;
    if (votes[i] > 0) lists[m++] = i;
  }
  const std::span<int> active(lists, static_cast<std::size_t>(m));

  // d(0) = 0: every list with votes has an infinite first quotient; when they cannot all
  // have one, the most votes win.
  const int base = seq.first == 0 ? 1 : 0;
  if (base == 1 && seats <= m) {
    award_largest(active, seats, votes, std::span<std::int64_t>(scratch.b.data(), n), seats_out,
                  seats, tie_break, outcome, ties);
    return outcome;
  }

  using Q = Quotients<Square>;
  const Q q{seq};
  int* s = seats_out.data();
  // Cached divisors: next[i] = d(s_i), the divisor of list i's next seat; last[i] =
  // d(s_i - 1), the divisor of its last seat, or -1 when it has no seat it could lose.
  std::int64_t* next = scratch.a.data();
  std::int64_t* last = scratch.b.data();
  auto set_seats = [&](int i, int count) {
    s[i] = count;
    next[i] = q.divisor(count);
    last[i] = count > base ? q.divisor(count - 1) : -1;
  };

  estimate<Square>(seq, votes, active, total_votes, seats, base, s);
  long sum = 0;
  for (int i : active) {
    set_seats(i, s[i]);
    sum += s[i];
  }

  // Index of the largest next quotient, and of the smallest last quotient (-1 if none).
  auto best_next = [&] {
    int best = lists[0];
    for (int k = 1; k < m; ++k) {
      const int i = lists[k];
      if (Q::compare(votes[i], next[i], votes[best], next[best]) > 0) best = i;
    }
    return best;
  };
  auto worst_last = [&] {
    int worst = -1;
    for (int k = 0; k < m; ++k) {
      const int i = lists[k];
      if (last[i] >= 0 &&
          (worst < 0 || Q::compare(votes[i], last[i], votes[worst], last[worst]) < 0))
        worst = i;
    }
    return worst;
  };

  while (sum < seats) {  // add seats to the largest next quotients
    const int i = best_next();
    set_seats(i, s[i] + 1);
    ++sum;
  }
  while (sum > seats) {  // take seats from the smallest last quotients
    const int i = worst_last();
    set_seats(i, s[i] - 1);
    --sum;
  }

  // Now the seats add up. Move seats until no excluded quotient beats an included one;
  // then, if the best excluded equals the worst included, the cut is a tie.
  for (;;) {
    const int best_out = best_next();
    const int worst_in = worst_last();
    if (worst_in < 0) break;
    const int c = Q::compare(votes[best_out], next[best_out], votes[worst_in], last[worst_in]);
    if (c > 0) {
      set_seats(worst_in, s[worst_in] - 1);
      set_seats(best_out, s[best_out] + 1);
      continue;
    }
    if (c < 0) break;
    // Tie at the cut: holders have their last seat at the cut quotient, challengers their
    // next one. Gather both at the front of `lists`; holders give their seat back.
    const Votes cut_votes = votes[worst_in];
    const std::int64_t cut_divisor = last[worst_in];
    int tied = 0;
    int contested = 0;
    for (int k = 0; k < m; ++k) {
      const int i = lists[k];
      const bool holder =
          last[i] >= 0 && Q::compare(votes[i], last[i], cut_votes, cut_divisor) == 0;
      const bool challenger = Q::compare(votes[i], next[i], cut_votes, cut_divisor) == 0;
      if (holder) {
        set_seats(i, s[i] - 1);
        ++contested;
      }
      if (holder || challenger) std::swap(lists[tied++], lists[k]);
    }
    assert(contested > 0 && contested < tied);
    if (settle_tie(std::span<int>(lists, static_cast<std::size_t>(tied)), contested,
                   seats - contested, tie_break, outcome, ties)) {
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
                                   std::vector<Tie>* ties) {
  if (sequence.square)
    return allocate_with<true>(sequence, votes, total_votes, seats, seats_out, scratch, tie_break,
                               ties);
  return allocate_with<false>(sequence, votes, total_votes, seats, seats_out, scratch, tie_break,
                              ties);
}

}  // namespace seatcast::rules_detail
