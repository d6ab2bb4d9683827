#include "engine/rules/list_tier.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace seatcast {

std::string_view to_string(PassReason reason) {
  switch (reason) {
    case PassReason::none:
      return "none";
    case PassReason::share:
      return "share";
    case PassReason::alternative:
      return "alternative";
    case PassReason::exempt:
      return "exempt";
    case PassReason::runner_up:
      return "runner_up";
    case PassReason::waived:
      return "waived";
  }
  return "unknown";
}

ListTier::ListTier(const Ballot& ballot, ListTierConfig config)
    : ballot_(ballot),
      config_(std::move(config)),
      apportionment_(config_.method, config_.first_divisor) {
  if (config_.seats < 0) throw std::invalid_argument("list tier seats must be >= 0");
  const std::size_t n = ballot_.size();
  if (!config_.members.empty() && config_.members.size() != n)
    throw std::invalid_argument("list tier members: one entry per ballot option");
  if (!config_.exempt.empty() && config_.exempt.size() != n)
    throw std::invalid_argument("list tier exempt: one entry per ballot option");
  if (config_.alternative_district_seats < 0)
    throw std::invalid_argument("list tier alternative_district_seats must be >= 0");
  members_.assign(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const bool list = wins_list_seats(ballot_[i].kind) ||
                      (config_.independents_stand && ballot_[i].kind == OptionKind::independent);
    if (list) lists_.push_back(static_cast<int>(i));
    is_list_.push_back(list);
    if (!config_.members.empty()) {
      if (config_.members[i] < 1)
        throw std::invalid_argument("list '" + ballot_[i].id + "': members must be >= 1");
      if (config_.members[i] > 1 && !list)
        throw std::invalid_argument("'" + ballot_[i].id +
                                    "' is not a party list; it cannot be an alliance");
      members_[i] = config_.members[i];
    }
    if (!config_.exempt.empty() && config_.exempt[i] && !list)
      throw std::invalid_argument("'" + ballot_[i].id +
                                  "' is not a party list; it cannot be exempt");
  }
  no_threshold_ = !config_.quota_threshold && !config_.threshold.strict();
  for (double share : config_.threshold.shares()) no_threshold_ = no_threshold_ && share == 0;
  alternative_ = config_.alternative_district_seats;
  in_base_.resize(n);
  line_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    in_base_[i] = counts_in_base(config_.threshold.base(), ballot_[i].kind);
    line_[i] = config_.threshold.line(members_[i]);
  }
  one_line_ = true;
  for (std::size_t i = 0; i < n; ++i)
    one_line_ = one_line_ && line_[i].num == line_[0].num && line_[i].den == line_[0].den;
}

std::pair<int, int> ListTier::admit(std::span<const Votes> votes, int seats,
                                    std::span<const std::uint8_t> allowed,
                                    std::span<const int> district_seats,
                                    std::span<std::uint8_t> passed_out, PassReason* reasons_out,
                                    std::span<const int> standing, Votes registered) const {
  const std::span<const int> lists = standing.empty() ? std::span<const int>(lists_) : standing;
  // No threshold (an allocation among the lists earlier filters admitted): every
  // allowed list passes on its share, and the base is not needed.
  if (no_threshold_ && alternative_ == 0) {
    int passing = 0, sole = -1;
    for (int i : lists) {
      if (!is_list_[i]) continue;
      const bool in = allowed.empty() || allowed[i];
      passed_out[i] = in;
      if (in) {
        ++passing;
        sole = i;
      }
      if (reasons_out) reasons_out[i] = in ? PassReason::share : PassReason::none;
    }
    return {passing, sole};
  }
  Votes base =
      config_.threshold.registered_from_areas() ? registered : config_.threshold.registered();
  if (config_.threshold.base() != ThresholdBase::registered) {
    base = 0;
    if (standing.empty()) {
      for (std::size_t i = 0; i < in_base_.size(); ++i) base += in_base_[i] ? votes[i] : 0;
    } else {
      for (int i : standing) base += in_base_[i] ? votes[i] : 0;
    }
  }
  const int alt = config_.alternative_district_seats;
  const bool use_alt = alt > 0 && !district_seats.empty();
  const bool any_exempt = !config_.exempt.empty();
  const bool quota = config_.quota_threshold;
  const bool strict = config_.threshold.strict();
  const bool filtered = !allowed.empty();
  int passing = 0;
  int sole = -1;
  if (one_line_ && !use_alt && !any_exempt && !quota) {
    // A share alone, the same line for every list: the fewest votes that pass, once.
    const Votes need = config_.threshold.least_passing(base, line_[0]);
    for (int i : lists) {
      if (!is_list_[i]) continue;
      const bool in = (!filtered || allowed[i]) && votes[i] >= need;
      passed_out[i] |= static_cast<std::uint8_t>(in);
      passing += in;
      sole = in ? i : sole;
      if (reasons_out) reasons_out[i] = in ? PassReason::share : PassReason::none;
    }
    return {passing, sole};
  }
  for (int i : lists) {
    if (!is_list_[i]) continue;
    PassReason r = PassReason::none;
    if (filtered && !allowed[i]) {
      // not admitted by an earlier filter: no way in here
    } else if (quota ? (strict ? votes[i] * static_cast<Int128>(seats) > base
                               : votes[i] * static_cast<Int128>(seats) >= base)
                     : config_.threshold.passes(votes[i], base, line_[i]))
      r = PassReason::share;
    else if (use_alt && district_seats[i] >= alt)
      r = PassReason::alternative;
    else if (any_exempt && config_.exempt[i] && votes[i] > 0)
      r = PassReason::exempt;
    if (r != PassReason::none) {
      passed_out[i] = 1;
      ++passing;
      sole = i;
    }
    if (reasons_out) reasons_out[i] = r;
  }
  return {passing, sole};
}

int ListTier::runner_up_of(std::span<const Votes> votes, std::span<const std::uint8_t> allowed,
                           int sole, std::span<const int> standing) const {
  int second = -1;
  for (int i : standing.empty() ? std::span<const int>(lists_) : standing)
    if (is_list_[i] && i != sole && (allowed.empty() || allowed[i]) &&
        (second < 0 || votes[i] > votes[second]))
      second = i;
  return second >= 0 && votes[second] > 0 ? second : -1;
}

ListTierEvents ListTier::evaluate(std::span<const Votes> votes, std::span<int> seats_out,
                                  std::span<std::uint8_t> passed_out, ListTierScratch& scratch,
                                  std::uint64_t lot_key, std::vector<Tie>* ties) const {
  return evaluate(votes, {}, seats_out, passed_out, scratch, lot_key, ties);
}

ListTierEvents ListTier::evaluate(std::span<const Votes> votes, std::span<const int> district_seats,
                                  std::span<int> seats_out, std::span<std::uint8_t> passed_out,
                                  ListTierScratch& scratch, std::uint64_t lot_key,
                                  std::vector<Tie>* ties) const {
  return evaluate_area(votes, seats(), {}, district_seats, seats_out, passed_out, scratch, lot_key,
                       ties);
}

int ListTier::filter_area(std::span<const Votes> votes, int seats,
                          std::span<const std::uint8_t> allowed,
                          std::span<const int> alternative_seats,
                          std::span<std::uint8_t> passed_out, PassReason* reasons_out,
                          std::span<const int> standing, Votes registered) const {
  std::fill(passed_out.begin(), passed_out.end(), std::uint8_t{0});
  const int passing =
      admit(votes, seats, allowed, alternative_seats, passed_out, reasons_out, standing, registered)
          .first;
  if (passing == 0)
    for (int i : standing.empty() ? std::span<const int>(lists_) : standing)
      if (is_list_[i] && (allowed.empty() || allowed[i])) {
        passed_out[i] = 1;
        if (reasons_out) reasons_out[i] = PassReason::waived;
      }
  return passing;
}

ListTierEvents ListTier::evaluate_area(std::span<const Votes> votes, int seats,
                                       std::span<const std::uint8_t> allowed,
                                       std::span<const int> district_seats,
                                       std::span<int> seats_out, std::span<std::uint8_t> passed_out,
                                       ListTierScratch& scratch, std::uint64_t lot_key,
                                       std::vector<Tie>* ties, std::span<const int> standing,
                                       Votes registered, std::span<const int> prior) const {
  ListTierEvents events;
  std::fill(seats_out.begin(), seats_out.end(), 0);
  std::fill(passed_out.begin(), passed_out.end(), std::uint8_t{0});

  const auto [passing, sole] =
      admit(votes, seats, allowed, district_seats, passed_out, nullptr, standing, registered);

  if (passing == 1 && config_.runner_up) {
    // The next list by votes; among equals the earlier-registered one.
    const int second = runner_up_of(votes, allowed, sole, standing);
    if (second >= 0) {
      const int got = config_.runner_up->runner_up_seats(votes[sole], votes[second], seats);
      seats_out[second] = got;
      seats_out[sole] = seats - got;
      events.runner_up_admitted = true;
      return events;
    }
  }

  // The lists that take part, compacted in registration order.
  const bool waive = passing == 0;
  events.threshold_waived = waive;
  scratch.votes.clear();
  scratch.index.clear();
  scratch.prior.clear();
  for (int i : standing.empty() ? std::span<const int>(lists_) : standing) {
    if (!is_list_[i]) continue;
    if (waive ? allowed.empty() || allowed[i] : passed_out[i]) {
      scratch.votes.push_back(votes[i]);
      scratch.index.push_back(i);
    }
  }
  // Filters that admit no list in common (a national line and an area's, passed by
  // different lists): every list takes part, as when a threshold is waived, so the
  // area's seats are still given.
  if (waive && scratch.index.empty())
    for (int i : standing.empty() ? std::span<const int>(lists_) : standing)
      if (is_list_[i]) {
        scratch.votes.push_back(votes[i]);
        scratch.index.push_back(i);
      }
  scratch.seats.resize(scratch.votes.size());
  if (!prior.empty())
    for (int i : scratch.index) scratch.prior.push_back(prior[i]);
  const std::size_t first_tie = ties ? ties->size() : 0;
  const AllocationOutcome outcome =
      apportionment_.allocate(scratch.votes, seats, scratch.seats, scratch.apportionment,
                              TieBreak{config_.tie_rule, lot_key}, ties, scratch.prior);
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

bool ListTier::allocate_standing(std::span<const Votes> votes, int seats,
                                 const std::uint8_t* allowed, std::span<const int> standing,
                                 std::span<int> seats_out, int* total, std::uint8_t* passed_or,
                                 ListTierScratch& scratch, std::uint64_t lot_key,
                                 ListTierEvents& events) const {
  const std::size_t cap = standing.size();
  if (scratch.votes.size() < cap) {  // grows once, to the largest area
    scratch.votes.resize(cap);
    scratch.index.resize(cap);
    scratch.seats.resize(cap);
  }
  Votes* v = scratch.votes.data();
  int* index = scratch.index.data();
  // The lists that take part, compacted in registration order (standing is ascending).
  std::size_t m = 0;
  for (int o : standing) {
    v[m] = votes[o];
    index[m] = o;
    m += is_list_[o] && (allowed == nullptr || allowed[o]);
  }
  if (m == 0) return false;
  if (passed_or)
    for (std::size_t k = 0; k < m; ++k) passed_or[index[k]] = 1;
  int* s = scratch.seats.data();
  const AllocationOutcome outcome =
      apportionment_.allocate(std::span<const Votes>(v, m), seats, std::span<int>(s, m),
                              scratch.apportionment, TieBreak{config_.tie_rule, lot_key}, nullptr);
  for (int o : standing) seats_out[o] = 0;
  for (std::size_t k = 0; k < m; ++k) {
    seats_out[index[k]] = s[k];
    total[index[k]] += s[k];
  }
  events.tie |= outcome.tie;
  events.refused |= outcome.refused;
  return true;
}

std::vector<PassReason> ListTier::reasons(std::span<const Votes> votes,
                                          std::span<const int> district_seats) const {
  const std::size_t n = ballot_.size();
  std::vector<PassReason> out(n, PassReason::none);
  std::vector<std::uint8_t> passed(n, 0);
  const auto [passing, sole] = admit(votes, seats(), {}, district_seats, passed, out.data(), {}, 0);
  if (passing == 1 && config_.runner_up) {
    const int second = runner_up_of(votes, {}, sole, {});
    if (second >= 0) out[second] = PassReason::runner_up;
  } else if (passing == 0) {
    for (int i : lists_) out[i] = PassReason::waived;
  }
  return out;
}

}  // namespace seatcast
