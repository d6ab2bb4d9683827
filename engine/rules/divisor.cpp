#include "engine/rules/divisor.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/rules/largest_remainder.h"
#include "engine/rules/lot.h"

namespace seatcast::rules_detail {

namespace {

__extension__ typedef __int128 Int128;

// Exact comparison of quotients v / d(s) under one divisor sequence.
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

  // Sign of v1 / d(s1) - v2 / d(s2), for v1, v2 > 0 (an infinite quotient, d = 0, is
  // larger than any finite one).
  int compare(Votes v1, int s1, Votes v2, int s2) const {
    Int128 lhs;
    Int128 rhs;
    if constexpr (Square) {
      lhs = static_cast<Int128>(v1) * v1 * divisor(s2);
      rhs = static_cast<Int128>(v2) * v2 * divisor(s1);
    } else {
      lhs = static_cast<Int128>(v1) * divisor(s2);
      rhs = static_cast<Int128>(v2) * divisor(s1);
    }
    return (lhs > rhs) - (lhs < rhs);
  }
};

// Every list's number of quotients above one common cut, from a floating-point cut
// chosen so that the counts add up to about `seats`. Only a starting point: the exact
// correction in allocate() makes the result independent of rounding here.
template <bool Square>
void estimate(const DivisorSequence& seq, std::span<const Votes> votes, std::span<const int> lists,
              std::int64_t total_votes, int seats, int base, std::span<int> seats_out) {
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
    for (int i : lists) seats_out[i] = base;
    return;
  }
  const double first = static_cast<double>(seq.first);
  const double step = static_cast<double>(seq.step);
  const double offset = static_cast<double>(seq.offset);
  for (int i : lists) {
    const double x = static_cast<double>(votes[i]) * cut_scale;
    double count;
    if constexpr (Square) {
      const double y = 0.5 * (std::sqrt(1.0 + 4.0 * x * x) - 1.0);  // s (s + 1) < x^2
      count = 1.0 + std::max(0.0, std::ceil(y) - 1.0);
    } else {
      count = (first < x ? 1.0 : 0.0) + std::max(0.0, std::ceil((x - offset) / step) - 1.0);
    }
    count = std::clamp(count, static_cast<double>(base), static_cast<double>(seats));
    seats_out[i] = static_cast<int>(count);
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
    award_largest(active, seats, votes, seats_out, seats, tie_break, outcome, ties);
    return outcome;
  }

  const Quotients<Square> q{seq};
  int* s = seats_out.data();
  // next(i) beats next(j): i's next quotient v_i / d(s_i) is larger.
  auto next_cmp = [&](int i, int j) { return q.compare(votes[i], s[i], votes[j], s[j]); };
  auto last_cmp = [&](int i, int j) { return q.compare(votes[i], s[i] - 1, votes[j], s[j] - 1); };

  estimate<Square>(seq, votes, active, total_votes, seats, base, seats_out);
  long sum = 0;
  for (int i : active) sum += s[i];

  while (sum < seats) {  // add seats to the largest next quotients
    int best = lists[0];
    for (int k = 1; k < m; ++k)
      if (next_cmp(lists[k], best) > 0) best = lists[k];
    ++s[best];
    ++sum;
  }
  while (sum > seats) {  // take seats from the smallest last quotients
    int worst = -1;
    for (int i : active)
      if (s[i] > base && (worst < 0 || last_cmp(i, worst) < 0)) worst = i;
    --s[worst];
    --sum;
  }

  // Now the seats add up. Move seats until no excluded quotient beats an included one;
  // then, if the best excluded equals the worst included, the cut is a tie.
  for (;;) {
    int best_out = lists[0];  // largest next quotient
    int worst_in = -1;        // smallest last quotient among seats that can be lost
    for (int k = 0; k < m; ++k) {
      const int i = lists[k];
      if (k > 0 && next_cmp(i, best_out) > 0) best_out = i;
      if (s[i] > base && (worst_in < 0 || last_cmp(i, worst_in) < 0)) worst_in = i;
    }
    if (worst_in < 0) break;
    const int c = q.compare(votes[best_out], s[best_out], votes[worst_in], s[worst_in] - 1);
    if (c > 0) {
      --s[worst_in];
      ++s[best_out];
      continue;
    }
    if (c < 0) break;
    // Tie at the cut: holders have their last seat at the cut quotient, challengers their
    // next one. Gather both at the front of `lists`.
    const Votes cut_votes = votes[worst_in];
    const int cut_seat = s[worst_in] - 1;
    int tied = 0;
    int contested = 0;
    for (int k = 0; k < m; ++k) {
      const int i = lists[k];
      const bool holder = s[i] > base && q.compare(votes[i], s[i] - 1, cut_votes, cut_seat) == 0;
      const bool challenger = q.compare(votes[i], s[i], cut_votes, cut_seat) == 0;
      if (holder) {
        --s[i];
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
