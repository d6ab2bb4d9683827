#include "engine/rules/list_tier.h"

#include <algorithm>
#include <stdexcept>

namespace seatcast {

ListTier::ListTier(const Ballot& ballot, ListTierConfig config)
    : ballot_(ballot), config_(std::move(config)),
      apportionment_(config_.method, config_.first_divisor) {
  if (config_.seats < 0) throw std::invalid_argument("list tier seats must be >= 0");
  for (std::size_t i = 0; i < ballot_.size(); ++i)
    if (wins_list_seats(ballot_[i].kind)) lists_.push_back(static_cast<int>(i));
}

ListTierEvents ListTier::evaluate(std::span<const Votes> votes, std::span<int> seats_out,
                                  std::span<std::uint8_t> passed_out, ListTierScratch& scratch,
                                  std::uint64_t lot_key, std::vector<Tie>* ties) const {
  ListTierEvents events;
  std::fill(seats_out.begin(), seats_out.end(), 0);
  std::fill(passed_out.begin(), passed_out.end(), std::uint8_t{0});

  const Votes base = config_.threshold.base_votes(ballot_, votes);
  int passing = 0;
  int sole = -1;
  for (int i : lists_) {
    if (config_.threshold.passes(votes[i], base)) {
      passed_out[i] = 1;
      ++passing;
      sole = i;
    }
  }

  if (passing == 1 && config_.runner_up) {
    // The next list by votes; among equals the earlier-registered one.
    int second = -1;
    for (int i : lists_)
      if (i != sole && (second < 0 || votes[i] > votes[second])) second = i;
    if (second >= 0 && votes[second] > 0) {
      const int got = config_.runner_up->runner_up_seats(votes[sole], votes[second], seats());
      seats_out[second] = got;
      seats_out[sole] = seats() - got;
      events.runner_up_admitted = true;
      return events;
    }
  }

  // The lists that take part, compacted in registration order.
  const bool waive = passing == 0;
  events.threshold_waived = waive;
  scratch.votes.clear();
  scratch.index.clear();
  for (int i : lists_) {
    if (waive || passed_out[i]) {
      scratch.votes.push_back(votes[i]);
      scratch.index.push_back(i);
    }
  }
  scratch.seats.resize(scratch.votes.size());
  const std::size_t first_tie = ties ? ties->size() : 0;
  const AllocationOutcome outcome =
      apportionment_.allocate(scratch.votes, seats(), scratch.seats, scratch.apportionment,
                              TieBreak{config_.tie_rule, lot_key}, ties);
  for (std::size_t k = 0; k < scratch.index.size(); ++k)
    seats_out[scratch.index[k]] = scratch.seats[k];
  if (ties) {  // report ballot indices, not positions among the lists that took part
    for (std::size_t t = first_tie; t < ties->size(); ++t)
      for (int& list : (*ties)[t].lists) list = scratch.index[list];
  }
  events.tie = outcome.tie;
  events.refused = outcome.refused;
  return events;
}

}  // namespace seatcast
