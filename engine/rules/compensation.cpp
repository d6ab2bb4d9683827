#include "engine/rules/compensation.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace seatcast {

namespace {

constexpr std::array<std::pair<std::string_view, OverhangPolicy>, 4> kPolicies{{
    {"grow", OverhangPolicy::grow},
    {"level", OverhangPolicy::level},
    {"exclude", OverhangPolicy::exclude},
    {"cap", OverhangPolicy::cap},
}};

}  // namespace

std::optional<OverhangPolicy> parse_overhang_policy(std::string_view text) {
  for (const auto& [name, p] : kPolicies)
    if (name == text) return p;
  return std::nullopt;
}

std::string_view to_string(OverhangPolicy policy) {
  for (const auto& [name, p] : kPolicies)
    if (p == policy) return name;
  return "unknown";
}

std::vector<std::string> overhang_policy_names() {
  std::vector<std::string> out;
  for (const auto& [name, p] : kPolicies) out.emplace_back(name);
  return out;
}

int Compensation::max_seats() const {
  return config_.max_seats > 0 ? config_.max_seats : 2 * config_.seats;
}

Compensation::Compensation(CompensationConfig config)
    : config_(config), method_(config.method, config.first_divisor) {
  if (config_.seats < 1) throw std::invalid_argument("compensation: seats must be at least 1");
  if (config_.max_seats != 0 && config_.max_seats < config_.seats)
    throw std::invalid_argument("compensation: max_seats below seats");
}

AllocationOutcome Compensation::share(int house, std::span<const Votes> votes, std::span<int> out,
                                      CompensationScratch& scratch, const TieBreak& tie) const {
  if (house <= 0) {
    std::fill(out.begin(), out.end(), 0);
    return {};
  }
  return method_.allocate(votes, house, out, scratch.apportionment, tie);
}

Entitlement Compensation::entitle(std::span<const Votes> votes,
                                  std::span<const std::uint8_t> admitted,
                                  std::span<const int> prior, int deducted,
                                  std::span<int> entitlement, CompensationScratch& scratch,
                                  const TieBreak& tie, const LevelNeed& level_need) const {
  const std::size_t n = votes.size();
  const auto need = [&](std::size_t o) {
    return level_need.need.empty() ? prior[o] : level_need.need[o];
  };
  const auto slack = [&](std::size_t o) {
    return level_need.slack.empty() ? 0 : level_need.slack[o];
  };
  scratch.votes.resize(n);
  scratch.in.resize(n);
  for (std::size_t o = 0; o < n; ++o) {
    scratch.in[o] = admitted[o];
    scratch.votes[o] = admitted[o] ? votes[o] : 0;
  }
  Entitlement e;
  e.house = config_.seats - deducted;
  // level: every list in reaches its need, but for up to `uncompensated` seats in all,
  // each within the list's slack.
  const auto covered = [&](std::span<const int> seats) {
    int left_over = 0;
    for (std::size_t o = 0; o < n; ++o) {
      if (!scratch.in[o] || seats[o] >= need(o)) continue;
      const int gap = need(o) - seats[o];
      if (gap > slack(o)) return false;
      left_over += gap;
    }
    return left_over <= config_.uncompensated;
  };
  switch (config_.policy) {
    case OverhangPolicy::grow:
    case OverhangPolicy::cap:
      e.outcome = share(e.house, scratch.votes, entitlement, scratch, tie);
      for (std::size_t o = 0; o < n; ++o)
        if (admitted[o]) e.overhang += std::max(0, prior[o] - entitlement[o]);
      break;
    case OverhangPolicy::exclude: {
      // A list whose earlier seats exceed its share keeps them and leaves; the rest
      // share what is left, until every list in is covered. Its overhang: its earlier
      // seats beyond its share in the first calculation.
      scratch.seats.resize(n);
      e.outcome = share(e.house, scratch.votes, scratch.seats, scratch, tie);
      std::copy(scratch.seats.begin(), scratch.seats.end(), entitlement.begin());
      int house = e.house;
      for (;;) {
        bool out = false;
        for (std::size_t o = 0; o < n; ++o)
          if (scratch.in[o] && prior[o] > entitlement[o]) {
            scratch.in[o] = 0;
            scratch.votes[o] = 0;
            house -= prior[o];
            e.overhang += std::max(0, prior[o] - scratch.seats[o]);
            out = true;
          }
        if (!out) break;
        e.outcome = share(house, scratch.votes, entitlement, scratch, tie);
      }
      for (std::size_t o = 0; o < n; ++o)
        if (admitted[o] && !scratch.in[o]) entitlement[o] = prior[o];
      break;
    }
    case OverhangPolicy::level: {
      int lo = e.house;
      e.outcome = share(lo, scratch.votes, entitlement, scratch, tie);
      if (covered(entitlement)) break;
      // Smallest covering house in (lo, hi]: the methods are house monotone. A list of
      // v of V votes holds at least its earlier p seats in any house of (p + 1) V / v
      // seats and more for the usual methods (within a seat of its quota); the search
      // starts below that bound and falls back to the largest house allowed.
      Votes total = 0;
      for (std::size_t o = 0; o < n; ++o) total += scratch.votes[o];
      std::int64_t bound = lo + 1;
      for (std::size_t o = 0; o < n; ++o)
        if (scratch.in[o] && need(o) > 0 && scratch.votes[o] > 0)
          bound = std::max<std::int64_t>(
              bound, (static_cast<std::int64_t>(need(o)) + 1) * total / scratch.votes[o] +
                         static_cast<std::int64_t>(n) + 1);
      const int limit = max_seats() - deducted;
      int hi = static_cast<int>(std::min<std::int64_t>(bound, limit));
      if (hi <= lo) hi = lo + 1;
      scratch.seats.resize(n);
      e.outcome = share(hi, scratch.votes, scratch.seats, scratch, tie);
      if (!covered(scratch.seats) && hi < limit) {  // the bound missed: the whole range
        lo = hi;
        hi = limit;
        e.outcome = share(hi, scratch.votes, scratch.seats, scratch, tie);
      }
      if (!covered(scratch.seats)) {
        e.short_of = true;
        std::copy(scratch.seats.begin(), scratch.seats.end(), entitlement.begin());
        e.house = hi;
        break;
      }
      while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        share(mid, scratch.votes, scratch.seats, scratch, tie);
        (covered(scratch.seats) ? hi : lo) = mid;
      }
      e.house = hi;
      e.outcome = share(hi, scratch.votes, entitlement, scratch, tie);
      break;
    }
  }
  if (config_.policy == OverhangPolicy::level && !e.short_of) {
    // The seats a list is still short of its need stay with it, uncompensated.
    for (std::size_t o = 0; o < n; ++o) {
      const int gap = scratch.in[o] ? std::max(0, need(o) - entitlement[o]) : 0;
      entitlement[o] += gap;
      e.house += gap;
      e.overhang += gap;
      if (!level_need.remaining.empty()) level_need.remaining[o] = gap;
    }
  }
  return e;
}

}  // namespace seatcast
