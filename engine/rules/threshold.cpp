#include "engine/rules/threshold.h"

#include <stdexcept>

namespace seatcast {

std::optional<ThresholdBase> parse_threshold_base(std::string_view text) {
  if (text == "valid") return ThresholdBase::valid;
  if (text == "parties") return ThresholdBase::parties;
  if (text == "cast") return ThresholdBase::cast;
  if (text == "registered") return ThresholdBase::registered;
  return std::nullopt;
}

std::string_view to_string(ThresholdBase base) {
  switch (base) {
    case ThresholdBase::valid:
      return "valid";
    case ThresholdBase::parties:
      return "parties";
    case ThresholdBase::cast:
      return "cast";
    case ThresholdBase::registered:
      return "registered";
  }
  return "unknown";
}

bool counts_in_base(ThresholdBase base, OptionKind kind) {
  switch (base) {
    case ThresholdBase::valid:
      return kind != OptionKind::invalid;
    case ThresholdBase::parties:
      return kind == OptionKind::party || kind == OptionKind::other;
    case ThresholdBase::cast:
      return true;
    case ThresholdBase::registered:
      return false;
  }
  return false;
}

namespace {

void check_share(double share) {
  if (!(share >= 0.0 && share <= 1.0))
    throw std::invalid_argument("threshold must be a share between 0 and 1");
}

}  // namespace

Threshold::Threshold(double share, ThresholdBase base, bool strict)
    : Threshold(share, base, strict, 0) {}

Threshold::Threshold(double share, ThresholdBase base, bool strict, Votes registered)
    : base_(base), strict_(strict), registered_(registered) {
  check_share(share);
  if (base == ThresholdBase::registered && registered < 1)
    throw std::invalid_argument(
        "threshold base 'registered' needs the number of registered voters (>= 1)");
  if (base != ThresholdBase::registered && registered != 0)
    throw std::invalid_argument("a number of registered voters is only for base 'registered'");
  if (registered > 1'000'000'000'000LL)
    throw std::invalid_argument("more than 10^12 registered voters is not supported");
  shares_ = {share};
  exact_ = {decimal_fraction(share)};
}

Threshold Threshold::registered_in_areas(double share, bool strict) {
  Threshold t(share, ThresholdBase::valid, strict);
  t.base_ = ThresholdBase::registered;
  return t;
}

void Threshold::set_alliance_shares(std::vector<double> shares) {
  if (shares.empty()) {
    shares_.resize(1);
    exact_.resize(1);
    return;
  }
  std::vector<Fraction> exact;
  for (double s : shares) {
    check_share(s);
    exact.push_back(decimal_fraction(s));
  }
  shares_ = std::move(shares);
  exact_ = std::move(exact);
}

Votes Threshold::base_votes(const Ballot& ballot, std::span<const Votes> votes,
                            Votes registered) const {
  if (base_ == ThresholdBase::registered) return registered_from_areas() ? registered : registered_;
  Votes total = 0;
  for (std::size_t i = 0; i < ballot.size(); ++i)
    if (counts_in_base(base_, ballot[i].kind)) total += votes[i];
  return total;
}

}  // namespace seatcast
