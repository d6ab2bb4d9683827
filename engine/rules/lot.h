// Settling a tie: the order in which tied lists win, and the bookkeeping of a tie.
// TieRule::registration_order ranks tied lists by index (earlier-registered first);
// TieRule::lot ranks them by a seeded SplitMix64 lot, lot_rank(key, index), so the same
// key always draws the same lot and unrelated keys draw unrelated lots;
// TieRule::refuse awards none of the contested seats and marks the outcome refused;
// TieRule::more_votes / fewer_votes rank them by their votes (the lot among equal votes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/rules/apportionment.h"

namespace seatcast::rules_detail {

// SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mixer. Kept here
// rather than borrowed from engine/random so the rules module needs no Boost headers.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The lot of list `index` under `key`: lower draws win. Distinct indices never draw the
// same number (the mixer is bijective); nearby keys draw unrelated lots.
constexpr std::uint64_t lot_rank(std::uint64_t key, int index) {
  return splitmix64(splitmix64(key) ^ static_cast<std::uint64_t>(index));
}

// Whether tied list x wins before tied list y under the rule, given the lists' votes:
// registration order by index, the lot by lot_rank, more/fewer votes by the votes and
// then by the lot (Spain's law draws lots among equal votes; Portugal's is silent, and
// the lot is the rule that favours no list). A strict weak order for every rule.
inline bool wins_tie(const TieBreak& tie_break, std::span<const Votes> votes, int x, int y) {
  switch (tie_break.rule) {
    case TieRule::more_votes:
      if (votes[x] != votes[y]) return votes[x] > votes[y];
      break;
    case TieRule::fewer_votes:
      if (votes[x] != votes[y]) return votes[x] < votes[y];
      break;
    case TieRule::lot:
      break;
    default:
      return x < y;
  }
  return lot_rank(tie_break.lot_key, x) < lot_rank(tie_break.lot_key, y);
}

// `tied` holds lists with exactly equal claims on `contested` seats, fewer seats than
// lists (0 < contested < tied.size()); `votes` are every list's votes, indexed like
// `tied`'s entries. Records the tie (seat = number of the first
// contested seat), then either moves the `contested` winners to the front of `tied` and
// returns true, or, under TieRule::refuse, marks the outcome refused and returns false.
inline bool settle_tie(std::span<int> tied, int contested, int seat, const TieBreak& tie_break,
                       std::span<const Votes> votes, AllocationOutcome& outcome,
                       std::vector<Tie>* ties) {
  outcome.tie = true;
  if (ties != nullptr) {
    Tie tie;
    tie.seat = seat;
    tie.lists.assign(tied.begin(), tied.end());
    std::sort(tie.lists.begin(), tie.lists.end());
    ties->push_back(std::move(tie));
  }
  if (tie_break.rule == TieRule::refuse) {
    outcome.refused = true;
    return false;
  }
  std::nth_element(tied.begin(), tied.begin() + contested, tied.end(),
                   [&](int x, int y) { return wins_tie(tie_break, votes, x, y); });
  return true;
}

}  // namespace seatcast::rules_detail
