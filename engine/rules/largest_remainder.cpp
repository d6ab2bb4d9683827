#include "engine/rules/largest_remainder.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>

#include "engine/rules/lot.h"

namespace seatcast::rules_detail {

namespace {

__extension__ typedef __int128 Int128;

// The quota as a fraction P / Q.
struct Quota {
  std::int64_t p;
  std::int64_t q;
};

Quota quota_of(Method method, std::int64_t total_votes, int seats) {
  switch (method) {
    case Method::hare:
      return {total_votes, seats};
    case Method::hare_rounded:  // floor(V / S + 1/2), never 0 (a quota of no votes)
      return {std::max<std::int64_t>(
                  1, (2 * total_votes + seats) / (2 * static_cast<std::int64_t>(seats))),
              1};
    case Method::droop:
      return {total_votes / (seats + 1) + 1, 1};
    case Method::hagenbach_bischoff:
      return {total_votes, seats + 1};
    case Method::imperiali_quota:
      return {total_votes, seats + 2};
    default:
      break;
  }
  assert(false && "not a largest remainder method");
  return {total_votes, seats};
}

}  // namespace

bool award_largest(std::span<int> candidates, int seats, std::span<const std::int64_t> claim,
                   std::span<std::int64_t> work, std::span<int> seats_out, int total_seats,
                   std::span<const Votes> votes, const TieBreak& tie_break,
                   AllocationOutcome& outcome, std::vector<Tie>* ties) {
  const int n = static_cast<int>(candidates.size());
  if (seats <= 0) return true;
  if (seats >= n) {
    for (int i : candidates) ++seats_out[i];
    return true;
  }
  if (n <= 16) {
    // A handful of lists (the usual case): each list's rank by counting the larger
    // claims, without branches. When no claim equals the one at the cut, the lists
    // ranked below `seats` win and there is no tie; otherwise the general path below.
    std::int64_t c16[16];
    for (int k = 0; k < n; ++k) c16[k] = claim[candidates[k]];
    int rank[16];
    bool tie_at_cut = false;
    for (int k = 0; k < n; ++k) {
      const std::int64_t c = c16[k];
      int above = 0, same = 0;
      for (int j = 0; j < n; ++j) {
        above += c16[j] > c;
        same += c16[j] == c;
      }
      rank[k] = above;
      // A tie matters only when the equal claims straddle the cut.
      tie_at_cut |= above < seats && above + same > seats;
    }
    if (!tie_at_cut) {
      for (int k = 0; k < n; ++k) seats_out[candidates[k]] += rank[k] < seats;
      return true;
    }
  }
  // The cut is the seats-th largest claim: selected on a copy of the values, which is
  // faster than selecting indices through the claim array.
  std::int64_t* values = work.data();
  for (int k = 0; k < n; ++k) values[k] = claim[candidates[k]];
  std::nth_element(values, values + (seats - 1), values + n, std::greater<>());
  const std::int64_t cut = values[seats - 1];
  // Claims above the cut win; claims at the cut are gathered at the front of candidates.
  int better = 0;
  int equal = 0;
  for (int k = 0; k < n; ++k) {
    const int i = candidates[k];
    if (claim[i] > cut) {
      ++seats_out[i];
      ++better;
    } else if (claim[i] == cut) {
      candidates[equal++] = i;
    }
  }
  const int contested = seats - better;
  std::span<int> tied(candidates.data(), static_cast<std::size_t>(equal));
  if (equal > contested &&
      !settle_tie(tied, contested, total_seats - contested, tie_break, votes, outcome, ties)) {
    return false;
  }
  for (int k = 0; k < contested; ++k) ++seats_out[tied[k]];
  return true;
}

AllocationOutcome allocate_largest_remainder(Method method, std::span<const Votes> votes,
                                             std::int64_t total_votes, int seats,
                                             std::span<int> seats_out,
                                             ApportionmentScratch& scratch,
                                             const TieBreak& tie_break, std::vector<Tie>* ties) {
  AllocationOutcome outcome;
  const int n = static_cast<int>(votes.size());
  const Quota quota = quota_of(method, total_votes, seats);
  std::int64_t* remainder = scratch.a.data();
  int* candidates = scratch.order.data();

  // Whole parts and remainders. The fast path estimates floor(v Q / P) in double and
  // corrects it exactly in int64 (the estimate is at most one off); it needs v Q + P to
  // fit comfortably in 63 bits.
  std::int64_t max_votes = 0;
  for (Votes v : votes) max_votes = std::max(max_votes, v);
  const bool fits = static_cast<Int128>(max_votes) * quota.q + 2 * static_cast<Int128>(quota.p) <
                    static_cast<Int128>(std::numeric_limits<std::int64_t>::max() / 2);
  const double ratio = static_cast<double>(quota.q) / static_cast<double>(quota.p);
  std::int64_t whole_total = 0;
  int with_votes = 0;
  for (int i = 0; i < n; ++i) {
    const Votes v = votes[i];
    std::int64_t whole = 0;
    std::int64_t rem = 0;
    if (v > 0) {
      if (fits) {
        const std::int64_t scaled = v * quota.q;
        whole = static_cast<std::int64_t>(static_cast<double>(v) * ratio);
        rem = scaled - whole * quota.p;
        while (rem < 0) --whole, rem += quota.p;
        while (rem >= quota.p) ++whole, rem -= quota.p;
      } else {
        const Int128 scaled = static_cast<Int128>(v) * quota.q;
        whole = static_cast<std::int64_t>(scaled / quota.p);
        rem = static_cast<std::int64_t>(scaled % quota.p);
      }
      candidates[with_votes++] = i;
    }
    seats_out[i] = static_cast<int>(whole);
    remainder[i] = rem;
    whole_total += whole;
  }
  const std::span<const std::int64_t> claim(remainder, static_cast<std::size_t>(n));
  const std::span<std::int64_t> work(scratch.b.data(), static_cast<std::size_t>(n));

  std::int64_t left = seats - whole_total;
  if (left > 0) {
    // Normally left < with_votes; otherwise every list with votes gets a seat per round.
    if (left >= with_votes) {
      const int rounds = static_cast<int>(left / with_votes);
      for (int k = 0; k < with_votes; ++k) seats_out[candidates[k]] += rounds;
      left -= static_cast<std::int64_t>(rounds) * with_votes;
    }
    award_largest(std::span<int>(candidates, with_votes), static_cast<int>(left), claim, work,
                  seats_out, seats, votes, tie_break, outcome, ties);
    return outcome;
  }

  // Whole parts exceed the seats: take seats back from the smallest remainders, one per
  // list and round. Within a round the lists that keep their seat are the largest
  // remainders, so this is award_largest() on the lists that still hold seats.
  std::int64_t excess = -left;
  while (excess > 0) {
    int holders = 0;
    for (int k = 0; k < with_votes; ++k)
      if (seats_out[candidates[k]] > 0) std::swap(candidates[holders++], candidates[k]);
    assert(holders > 0);
    for (int k = 0; k < holders; ++k) --seats_out[candidates[k]];
    if (excess >= holders) {
      excess -= holders;
      continue;
    }
    const int keep = holders - static_cast<int>(excess);
    award_largest(std::span<int>(candidates, holders), keep, claim, work, seats_out, seats, votes,
                  tie_break, outcome, ties);
    excess = 0;
  }
  return outcome;
}

}  // namespace seatcast::rules_detail
