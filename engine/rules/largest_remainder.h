// Largest remainder (quota) methods: hare, hare-rounded, droop, hagenbach-bischoff,
// imperiali-quota.
// With the quota q = P / Q (a fraction of integers), list i gets floor(v_i Q / P) seats
// and keeps the remainder v_i Q mod P; all remainders share the denominator Q, so they
// are compared as integers. Seats left over go to the largest remainders.
//
// Degenerate cases, as implemented (never met with realistic vote counts):
// - More seats left over than lists with votes (droop or hagenbach-bischoff with tiny
//   vote totals): the remainder ranking is walked again, one seat per list and round,
//   until the seats run out.
// - Whole parts exceed the seats (possible with the imperiali quota, and with
//   hagenbach-bischoff / droop in edge cases): seats are taken back one at a time from the
//   lists with the smallest remainders, never below zero, one seat per list and round.
//   Among equal remainders the tie rule decides who keeps the seat (registration order:
//   the later-registered list loses first); if it is a tie the outcome reports it.
//
// Also offers award_largest(), the "best claims win" step with tie settlement that the
// divisor methods reuse for first seats.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/rules/apportionment.h"

namespace seatcast::rules_detail {

// Gives one seat each to the `seats` candidates with the highest claim[i] (claims are
// indexed by list). `candidates` is reordered; `work` (at least candidates.size() long)
// is overwritten. A tie at the cut (equal claims, fewer seats than tied candidates) is
// settled by settle_tie() (by the lists' `votes` under the vote rules); the first
// contested seat is numbered total_seats - contested.
// Returns false when the tie rule refused.
bool award_largest(std::span<int> candidates, int seats, std::span<const std::int64_t> claim,
                   std::span<std::int64_t> work, std::span<int> seats_out, int total_seats,
                   std::span<const Votes> votes, const TieBreak& tie_break,
                   AllocationOutcome& outcome, std::vector<Tie>* ties);

// Allocates `seats` > 0 seats by a largest remainder method, given total votes > 0.
AllocationOutcome allocate_largest_remainder(Method method, std::span<const Votes> votes,
                                             std::int64_t total_votes, int seats,
                                             std::span<int> seats_out,
                                             ApportionmentScratch& scratch,
                                             const TieBreak& tie_break, std::vector<Tie>* ties);

}  // namespace seatcast::rules_detail
