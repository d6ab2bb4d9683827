// A list tier: the seats one nationwide (or regional) constituency gives to party lists.
// It composes three rules, each with one job: a threshold decides which lists take
// part, an optional runner-up rule admits a second list when only one passes, and an
// apportionment method shares the seats among the lists that take part.
//
// When no list passes and no rule admits one, every list takes part (the threshold is
// waived) and the draw counts the event: the law is silent, and losing all seats would
// make the body's sums meaningless. Scenarios where this matters should say so.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/rules/apportionment.h"
#include "engine/rules/runner_up.h"
#include "engine/rules/threshold.h"

namespace seatcast {

struct ListTierConfig {
  int seats = 0;
  Threshold threshold;
  std::optional<RunnerUpRule> runner_up;
  Method method = Method::hare;
  double first_divisor = 1.4;  // modified Sainte-Laguë only
  TieRule tie_rule = TieRule::registration_order;
};

// What happened in one evaluation, beside the seats.
struct ListTierEvents {
  bool runner_up_admitted = false;
  bool threshold_waived = false;
  bool tie = false;      // a tie decided a seat
  bool refused = false;  // TieRule::refuse met a tie; some seats were left undecided
};

// Per-thread working memory, grown once.
struct ListTierScratch {
  std::vector<Votes> votes;
  std::vector<int> seats;
  std::vector<int> index;
  ApportionmentScratch apportionment;
};

class ListTier {
 public:
  ListTier(const Ballot& ballot, ListTierConfig config);

  const ListTierConfig& config() const { return config_; }
  int seats() const { return config_.seats; }

  // votes: one entry per ballot option (scenario order). Writes the seats and whether
  // each option passed the threshold (0/1) to spans of the same length.
  // lot_key seeds TieRule::lot; ties, when non-null, receives reports of ties (indices
  // are ballot option indices).
  ListTierEvents evaluate(std::span<const Votes> votes, std::span<int> seats_out,
                          std::span<std::uint8_t> passed_out, ListTierScratch& scratch,
                          std::uint64_t lot_key = 0, std::vector<Tie>* ties = nullptr) const;

 private:
  Ballot ballot_;
  ListTierConfig config_;
  Apportionment apportionment_;
  std::vector<int> lists_;  // ballot indices of options that stand as lists
};

}  // namespace seatcast
