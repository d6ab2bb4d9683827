// A list tier: the seats one nationwide (or regional) constituency gives to party lists.
// It composes three rules, each with one job: a threshold decides which lists take
// part, an optional runner-up rule admits a second list when only one passes, and an
// apportionment method shares the seats among the lists that take part.
//
// A list takes part ("passes") when any of these holds, checked in this order:
//   share:       its votes reach the threshold for its number of member parties
//                (alliance thresholds, engine/rules/threshold.h);
//   alternative: it won at least `alternative_district_seats` district seats in the
//                same body ("5% or at least 3 district seats"); the body runs its
//                district tier first and passes those seats in;
//   exempt:      it is exempt from the threshold (a national minority's list) and has
//                at least one vote. A list of no votes has nobody to represent, and
//                the methods that give every list a first seat (Adams,
//                Huntington-Hill) would otherwise seat it.
// Every list that takes part counts for the runner-up rule ("only one list passes").
//
// When no list passes and no rule admits one, every list takes part (the threshold is
// waived) and the draw counts the event: the law is silent, and losing all seats would
// make the body's sums meaningless. Scenarios where this matters should say so.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
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
  // Per ballot option (scenario order); empty: every list is a single party. The number
  // of member parties of the option's list, >= 1, choosing its alliance threshold.
  std::vector<int> members;
  // Per ballot option, 0/1; empty: none. Lists exempt from the threshold.
  std::vector<std::uint8_t> exempt;
  // A list with at least this many district seats in the same body takes part whatever
  // its votes; 0: no such rule.
  int alternative_district_seats = 0;
  // threshold = "quota": a list needs one full quota, votes x seats >= base (or > when
  // strict), with the seats of the area it stands in (the Netherlands' kiesdeler).
  bool quota_threshold = false;
  // Independents stand too: an allocation of the candidate vote (a constituency of a
  // two-vote system), where a candidate outside any list may win.
  bool independents_stand = false;
};

// Why an option took part in the list-seat allocation.
enum class PassReason : std::uint8_t {
  none,         // it did not (or it is not a list)
  share,        // its votes reached the threshold
  alternative,  // its district seats reached alternative_district_seats
  exempt,       // exempt from the threshold
  runner_up,    // admitted by the runner-up rule
  waived,       // no list passed and every list took part
};

std::string_view to_string(PassReason reason);

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
  std::vector<int> prior;
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

  // The same with the district seats each option won in the same body (one entry per
  // option, or empty when the body has no district tier), for
  // alternative_district_seats.
  ListTierEvents evaluate(std::span<const Votes> votes, std::span<const int> district_seats,
                          std::span<int> seats_out, std::span<std::uint8_t> passed_out,
                          ListTierScratch& scratch, std::uint64_t lot_key = 0,
                          std::vector<Tie>* ties = nullptr) const;

  // One area of a multi-area allocation (engine/stages/): `seats` seats (the area's
  // magnitude); only lists with allowed[i] != 0 take part (empty: every list; when no
  // allowed list stands there and none passes, every list, so the seats are still given);
  // alternative_seats: each option's seats in the tier the alternative rule counts;
  // standing: the options with votes in the area (empty: all), which are the only ones
  // visited (options outside it must have no votes there). registered: the area's roll,
  // the base of a threshold whose registered_from_areas() (otherwise unused). prior (one
  // entry per option, or empty): seats won before in another tier, after which a divisor
  // method's divisors start (Apportionment::allocate).
  ListTierEvents evaluate_area(std::span<const Votes> votes, int seats,
                               std::span<const std::uint8_t> allowed,
                               std::span<const int> alternative_seats, std::span<int> seats_out,
                               std::span<std::uint8_t> passed_out, ListTierScratch& scratch,
                               std::uint64_t lot_key = 0, std::vector<Tie>* ties = nullptr,
                               std::span<const int> standing = {}, Votes registered = 0,
                               std::span<const int> prior = {}) const;
  // Whether allocate_standing serves this tier: no threshold of its own, no alternative
  // and no runner-up rule (an allocation among the lists earlier filters admitted).
  bool allocates_only() const { return no_threshold_ && alternative_ == 0 && !config_.runner_up; }
  // evaluate_area's draw-loop path for such a tier, on drawn votes (none outside
  // `standing`, which is not empty) and without prior seats: the lists with allowed[o]
  // != 0 (allowed null: every list) share the seats. Writes seats_out where an option
  // stands (it must be zero elsewhere: the ledger's rows are, and this keeps them so),
  // adds the seats to total, ORs each list's taking part into passed_or (when not null)
  // and the allocation's events into events. Returns false, writing nothing, when no
  // list takes part: evaluate_area then decides (the waived case).
  bool allocate_standing(std::span<const Votes> votes, int seats, const std::uint8_t* allowed,
                         std::span<const int> standing, std::span<int> seats_out, int* total,
                         std::uint8_t* passed_or, ListTierScratch& scratch, std::uint64_t lot_key,
                         ListTierEvents& events) const;
  // The threshold alone (a filter stage): marks the lists that pass in passed_out and,
  // when reasons_out is not null, why. When none passes, every allowed list is marked
  // (waived) and the result is 0. Returns how many passed.
  int filter_area(std::span<const Votes> votes, int seats, std::span<const std::uint8_t> allowed,
                  std::span<const int> alternative_seats, std::span<std::uint8_t> passed_out,
                  PassReason* reasons_out = nullptr, std::span<const int> standing = {},
                  Votes registered = 0) const;
  // Why each option took part (PassReason::none for those that did not): the same
  // decision as evaluate, spelt out for reports. Allocates; not for the hot loop.
  std::vector<PassReason> reasons(std::span<const Votes> votes,
                                  std::span<const int> district_seats = {}) const;

  // Member parties of option o's list (1 unless an alliance).
  int members(int o) const { return members_[o]; }

 private:
  // Marks the lists that pass (share, alternative or exempt) in passed_out and, when
  // given, why in reasons_out; returns how many passed and the last of them.
  std::pair<int, int> admit(std::span<const Votes> votes, int seats,
                            std::span<const std::uint8_t> allowed,
                            std::span<const int> district_seats, std::span<std::uint8_t> passed_out,
                            PassReason* reasons_out, std::span<const int> standing,
                            Votes registered) const;
  // The list after `sole` by votes (the earlier-registered among equals), or -1.
  int runner_up_of(std::span<const Votes> votes, std::span<const std::uint8_t> allowed, int sole,
                   std::span<const int> standing) const;

  Ballot ballot_;
  ListTierConfig config_;
  Apportionment apportionment_;
  std::vector<int> lists_;             // ballot indices of options that stand as lists
  std::vector<std::uint8_t> is_list_;  // [options] stands as a list
  std::vector<int> members_;           // [options] member parties, >= 1
  // Fetched once for the hot loop: which options count in the threshold base, and each
  // option's threshold line for its number of member parties.
  bool no_threshold_ = false;  // a share of 0, ">=": every list passes
  int alternative_ = 0;
  std::vector<std::uint8_t> in_base_;
  std::vector<Fraction> line_;
  bool one_line_ = false;  // every list has the same line (no alliance shares in use)
};

}  // namespace seatcast
