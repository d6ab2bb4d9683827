// Legal thresholds: a list takes part in the list-seat allocation when its votes reach
// a share of a base. The base is a choice of which ballot options count (all valid
// votes, party votes only, every ballot cast); the comparison is exact on whole votes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "engine/ballot/ballot.h"
#include "engine/rules/exact.h"

namespace seatcast {

enum class ThresholdBase : std::uint8_t {
  valid,    // every option but invalid ballots (parties, independents, against all, blank)
  parties,  // party lists only (kinds party and other)
  cast,     // every ballot, invalid ones included
};

std::optional<ThresholdBase> parse_threshold_base(std::string_view text);
std::string_view to_string(ThresholdBase base);

// Whether an option of this kind counts in the base.
bool counts_in_base(ThresholdBase base, OptionKind kind);

class Threshold {
 public:
  Threshold() = default;
  // share in [0, 1]; strict: the law says "more than" rather than "at least".
  Threshold(double share, ThresholdBase base, bool strict = false);

  double share() const { return share_; }
  ThresholdBase base() const { return base_; }
  bool strict() const { return strict_; }

  // The base: the votes of the options that count in it.
  Votes base_votes(const Ballot& ballot, std::span<const Votes> votes) const;

  // Whether `list_votes` reaches the threshold of a base of `base_votes`.
  bool passes(Votes list_votes, Votes base_votes) const {
    const Int128 lhs = static_cast<Int128>(list_votes) * share_exact_.den;
    const Int128 rhs = static_cast<Int128>(base_votes) * share_exact_.num;
    return strict_ ? lhs > rhs : lhs >= rhs;
  }

 private:
  double share_ = 0.0;
  Fraction share_exact_{0, 1};
  ThresholdBase base_ = ThresholdBase::valid;
  bool strict_ = false;
};

}  // namespace seatcast
