// Legal thresholds: a list takes part in the list-seat allocation when its votes reach
// a share of a base. The base is a choice of which ballot options count (all valid
// votes, party votes only, every ballot cast) or the registered voters: a fixed number,
// or each area's roll given by the caller (registered_in_areas); the comparison is
// exact on whole votes.
//
// Alliance thresholds: the share may depend on how many parties a list unites (e.g.
// 5% for a party, 8% for two, 11% for three or more). The shares are given by member
// count starting at one member; the last one repeats for larger alliances.
//
// Which lists a threshold applies to, and the ways around it (lists exempt as national
// minorities, "or at least N district seats"), are settings of the list tier
// (engine/rules/list_tier.h): this class only answers "does this many votes reach the
// line for a list of k members".
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/rules/exact.h"

namespace seatcast {

enum class ThresholdBase : std::uint8_t {
  valid,       // every option but invalid ballots (parties, independents, against all, blank)
  parties,     // party lists only (kinds party and other)
  cast,        // every ballot, invalid ones included
  registered,  // a fixed number: the registered voters (a setting, not a sum of votes)
};

std::optional<ThresholdBase> parse_threshold_base(std::string_view text);
std::string_view to_string(ThresholdBase base);

// Whether an option of this kind counts in the base (never, for `registered`: that base
// is a number, not a sum of votes).
bool counts_in_base(ThresholdBase base, OptionKind kind);

class Threshold {
 public:
  Threshold() = default;
  // share in [0, 1]; strict: the law says "more than" rather than "at least".
  // Throws std::invalid_argument for a share outside [0, 1] and for base `registered`
  // (give the count: the constructor below).
  Threshold(double share, ThresholdBase base, bool strict = false);
  // Base `registered` with the number of registered voters (>= 1), or any other base
  // with registered = 0.
  Threshold(double share, ThresholdBase base, bool strict, Votes registered);
  // Base `registered` whose number is each area's roll, given where the threshold is
  // applied (ListTier::filter_area / evaluate_area); registered() is then 0.
  static Threshold registered_in_areas(double share, bool strict = false);

  // Alliance thresholds: shares[k - 1] is the line for a list of k member parties; the
  // last entry serves every larger alliance. shares[0] replaces the single-party share.
  // Each share in [0, 1]; an empty vector restores one share for every list. Throws
  // std::invalid_argument on a bad share.
  void set_alliance_shares(std::vector<double> shares);

  // The single-party share.
  double share() const { return shares_.empty() ? 0.0 : shares_.front(); }
  // The share for a list of `members` member parties (members >= 1).
  double share(int members) const { return shares_.empty() ? 0.0 : shares_[slot(members)]; }
  // The shares by member count as set (one entry without alliance shares).
  const std::vector<double>& shares() const { return shares_; }
  bool has_alliance_shares() const { return shares_.size() > 1; }
  ThresholdBase base() const { return base_; }
  bool strict() const { return strict_; }
  Votes registered() const { return registered_; }
  bool registered_from_areas() const {
    return base_ == ThresholdBase::registered && registered_ == 0;
  }

  // The base: the votes of the options that count in it, or the registered voters
  // (`registered`, the area's roll, when registered_from_areas()).
  Votes base_votes(const Ballot& ballot, std::span<const Votes> votes, Votes registered = 0) const;

  // Whether `list_votes` reaches the threshold of a base of `base_votes` for a list of
  // `members` member parties.
  bool passes(Votes list_votes, Votes base_votes, int members = 1) const {
    return passes(list_votes, base_votes, line(members));
  }
  // The same with the line fetched once (line(members)), for callers that test many draws.
  bool passes(Votes list_votes, Votes base_votes, const Fraction& line) const {
    const Int128 lhs = static_cast<Int128>(list_votes) * line.den;
    const Int128 rhs = static_cast<Int128>(base_votes) * line.num;
    return strict_ ? lhs > rhs : lhs >= rhs;
  }
  // The fewest votes that pass against this base: passes(v, base_votes, line) exactly
  // when v >= least_passing(base_votes, line). One division for a whole area's lists.
  // Requires base_votes >= 0 and a line in [0, 1].
  Votes least_passing(Votes base_votes, const Fraction& line) const {
    // v * den against rhs = base * num; a 64-bit division whenever rhs fits (any real
    // count: num <= den <= 10^9), else a 128-bit one.
    Int128 floor, rest;
    if (line.num == 0 || base_votes <= std::numeric_limits<std::int64_t>::max() / line.num) {
      const std::int64_t rhs = base_votes * line.num;
      floor = rhs / line.den;
      rest = rhs % line.den;
    } else {
      const Int128 rhs = static_cast<Int128>(base_votes) * line.num;
      floor = rhs / line.den;
      rest = rhs % line.den;
    }
    return static_cast<Votes>(strict_ || rest != 0 ? floor + 1 : floor);
  }
  // The exact share for a list of `members` member parties.
  const Fraction& line(int members) const { return exact_[slot(members)]; }

 private:
  std::size_t slot(int members) const {
    const std::size_t k = members < 1 ? 0 : static_cast<std::size_t>(members - 1);
    return k < exact_.size() ? k : exact_.size() - 1;
  }

  std::vector<double> shares_{0.0};
  std::vector<Fraction> exact_{Fraction{0, 1}};
  ThresholdBase base_ = ThresholdBase::valid;
  bool strict_ = false;
  Votes registered_ = 0;
};

}  // namespace seatcast
