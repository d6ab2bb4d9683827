// Divisor (highest averages) methods: dhondt, sainte-lague, modified-sainte-lague,
// danish, imperiali, huntington-hill, adams. Each is a divisor sequence d(s) scaled to
// integers D(s) (e.g. modified Sainte-Laguë with first divisor p/q: D(0) = p,
// D(s) = q (2s + 1)); quotients v / D(s) are compared by cross-multiplying (64-bit when
// the products provably fit, else 128-bit), and Huntington-Hill compares v^2 / (s (s + 1))
// so no square root ever decides a seat. Exact well beyond the documented 10^12 votes:
// tested to 9 x 10^15 votes with 1,000 seats.
//
// The result equals handing out seats one by one to the largest quotient, but costs
// O(lists) per call in the usual case: a floating-point estimate of the common cut
// (every list's count of quotients above it, refined once if it misses by more than a
// seat) is corrected exactly, one seat per linear pass, until the seats add up and no
// excluded quotient beats an included one; a tie at the cut is then settled by the tie
// rule. (Worst case, for adversarial votes, a few passes per list: O(lists^2), never
// O(seats x lists).) Lists with zero votes never win; for huntington-hill and adams (D(0) = 0)
// every list with votes first gets one seat, the most votes first when seats are short.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/rules/apportionment.h"

namespace seatcast::rules_detail {

// D(0) = first, D(s) = step * s + offset for s >= 1; `square` selects Huntington-Hill
// (compare v^2 against D(s) = s (s + 1)).
struct DivisorSequence {
  std::int64_t first = 1;
  std::int64_t step = 1;
  std::int64_t offset = 1;
  bool square = false;
};

// The sequence of a divisor method; first_num / first_den is the first divisor of
// modified Sainte-Laguë (ignored by the other methods).
DivisorSequence divisor_sequence(Method method, std::int64_t first_num, std::int64_t first_den);

// Allocates `seats` > 0 seats by the divisor sequence, given total votes > 0. prior
// (empty, or one entry per list): seats a list won before, elsewhere; its divisors start
// after them (Scotland's regional lists: D'Hondt from constituency seats + 1), and
// seats_out holds only the new seats.
AllocationOutcome allocate_divisor(const DivisorSequence& sequence, std::span<const Votes> votes,
                                   std::int64_t total_votes, int seats, std::span<int> seats_out,
                                   ApportionmentScratch& scratch, const TieBreak& tie_break,
                                   std::vector<Tie>* ties, std::span<const int> prior);

}  // namespace seatcast::rules_detail
