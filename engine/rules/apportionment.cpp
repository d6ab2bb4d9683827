#include "engine/rules/apportionment.h"

#include <array>
#include <cassert>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "engine/rules/divisor.h"
#include "engine/rules/largest_remainder.h"

namespace seatcast {

namespace {

constexpr std::array<std::pair<std::string_view, Method>, 12> kMethods{{
    {"hare", Method::hare},
    {"hare-rounded", Method::hare_rounded},
    {"droop", Method::droop},
    {"hagenbach-bischoff", Method::hagenbach_bischoff},
    {"imperiali-quota", Method::imperiali_quota},
    {"dhondt", Method::dhondt},
    {"sainte-lague", Method::sainte_lague},
    {"modified-sainte-lague", Method::modified_sainte_lague},
    {"danish", Method::danish},
    {"imperiali", Method::imperiali},
    {"huntington-hill", Method::huntington_hill},
    {"adams", Method::adams},
}};

constexpr std::array<std::pair<std::string_view, TieRule>, 5> kTieRules{{
    {"registration-order", TieRule::registration_order},
    {"lot", TieRule::lot},
    {"refuse", TieRule::refuse},
    {"more-votes", TieRule::more_votes},
    {"fewer-votes", TieRule::fewer_votes},
}};

// The first divisor of modified Sainte-Laguë is stored as an exact fraction with
// denominator 10^6, reduced.
constexpr std::int64_t kFirstDivisorDenominator = 1'000'000;

}  // namespace

std::optional<Method> parse_method(std::string_view text) {
  for (const auto& [name, method] : kMethods)
    if (name == text) return method;
  return std::nullopt;
}

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const auto& [name, method] : kMethods) names.emplace_back(name);
  return names;
}

std::string_view to_string(Method method) {
  for (const auto& [name, m] : kMethods)
    if (m == method) return name;
  return "unknown";
}

bool is_largest_remainder(Method method) {
  return method == Method::hare || method == Method::hare_rounded || method == Method::droop ||
         method == Method::hagenbach_bischoff || method == Method::imperiali_quota;
}

std::optional<TieRule> parse_tie_rule(std::string_view text) {
  for (const auto& [name, rule] : kTieRules)
    if (name == text) return rule;
  return std::nullopt;
}

std::vector<std::string> tie_rule_names() {
  std::vector<std::string> out;
  for (const auto& [name, rule] : kTieRules) out.emplace_back(name);
  return out;
}

std::string_view to_string(TieRule rule) {
  for (const auto& [name, r] : kTieRules)
    if (r == rule) return name;
  return "unknown";
}

Apportionment::Apportionment(Method method, double first_divisor) : method_(method) {
  if (method != Method::modified_sainte_lague) return;
  // The first divisor must keep the sequence increasing: 0 < d(0) < d(1) = 3.
  if (!std::isfinite(first_divisor) || first_divisor <= 0.0 || first_divisor >= 3.0)
    throw std::invalid_argument("modified-sainte-lague: first divisor must be in (0, 3)");
  const std::int64_t num = std::llround(first_divisor * kFirstDivisorDenominator);
  if (num <= 0 || num >= 3 * kFirstDivisorDenominator)
    throw std::invalid_argument("modified-sainte-lague: first divisor must be in (0, 3)");
  const std::int64_t g = std::gcd(num, kFirstDivisorDenominator);
  first_num_ = num / g;
  first_den_ = kFirstDivisorDenominator / g;
}

AllocationOutcome Apportionment::allocate(std::span<const Votes> votes, int seats,
                                          std::span<int> seats_out, ApportionmentScratch& scratch,
                                          const TieBreak& tie_break, std::vector<Tie>* ties,
                                          std::span<const int> prior) const {
  assert(seats_out.size() == votes.size());
  assert(prior.empty() || (prior.size() == votes.size() && !is_largest_remainder(method_)));
  assert(seats >= 0);
  const std::size_t n = votes.size();
  if (n == 0) return {};
  if (scratch.a.size() < n) scratch.a.resize(n);
  if (scratch.b.size() < n) scratch.b.resize(n);
  if (scratch.order.size() < n) scratch.order.resize(n);

  std::int64_t total = 0;
  for (Votes v : votes) {
    assert(v >= 0);
    total += v;
  }
  if (seats <= 0 || total == 0) {
    // No votes at all: every list has an equal claim, so each gets seats / n and the rest
    // is a tie among all lists.
    const int each = seats > 0 ? seats / static_cast<int>(n) : 0;
    for (std::size_t i = 0; i < n; ++i) seats_out[i] = each;
    AllocationOutcome outcome;
    const int rest = seats - each * static_cast<int>(n);
    if (rest > 0) {
      std::int64_t* claim = scratch.a.data();
      int* lists = scratch.order.data();
      for (std::size_t i = 0; i < n; ++i) {
        claim[i] = 0;
        lists[i] = static_cast<int>(i);
      }
      rules_detail::award_largest(std::span<int>(lists, n), rest,
                                  std::span<const std::int64_t>(claim, n),
                                  std::span<std::int64_t>(scratch.b.data(), n), seats_out, seats,
                                  votes, tie_break, outcome, ties);
    }
    return outcome;
  }
  if (is_largest_remainder(method_))
    return rules_detail::allocate_largest_remainder(method_, votes, total, seats, seats_out,
                                                    scratch, tie_break, ties);
  return rules_detail::allocate_divisor(
      rules_detail::divisor_sequence(method_, first_num_, first_den_), votes, total, seats,
      seats_out, scratch, tie_break, ties, prior);
}

}  // namespace seatcast
