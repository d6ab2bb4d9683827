#include "engine/rules/threshold.h"

#include <stdexcept>

namespace seatcast {

std::optional<ThresholdBase> parse_threshold_base(std::string_view text) {
  if (text == "valid") return ThresholdBase::valid;
  if (text == "parties") return ThresholdBase::parties;
  if (text == "cast") return ThresholdBase::cast;
  return std::nullopt;
}

std::string_view to_string(ThresholdBase base) {
  switch (base) {
    case ThresholdBase::valid: return "valid";
    case ThresholdBase::parties: return "parties";
    case ThresholdBase::cast: return "cast";
  }
  return "unknown";
}

bool counts_in_base(ThresholdBase base, OptionKind kind) {
  switch (base) {
    case ThresholdBase::valid: return kind != OptionKind::invalid;
    case ThresholdBase::parties: return kind == OptionKind::party || kind == OptionKind::other;
    case ThresholdBase::cast: return true;
  }
  return false;
}

Threshold::Threshold(double share, ThresholdBase base, bool strict)
    : share_(share), base_(base), strict_(strict) {
  if (!(share >= 0.0 && share <= 1.0))
    throw std::invalid_argument("threshold must be a share between 0 and 1");
  share_exact_ = decimal_fraction(share);
}

Votes Threshold::base_votes(const Ballot& ballot, std::span<const Votes> votes) const {
  Votes total = 0;
  for (std::size_t i = 0; i < ballot.size(); ++i)
    if (counts_in_base(base_, ballot[i].kind)) total += votes[i];
  return total;
}

}  // namespace seatcast
