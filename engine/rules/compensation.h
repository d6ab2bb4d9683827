// Compensation: a national entitlement of seats set against the seats lists already won
// in other tiers (constituencies), as mixed-member and leveling systems do. Every list
// the filters admit is entitled to its share of the house by a method over the
// national list votes; what happens where a list's earlier seats exceed that share (its
// overhang) is the policy:
//   grow     the list keeps them and the house grows by as many (New Zealand, Electoral
//            Act 1993 s 192: 120 seats plus overhang);
//   level    the house grows until every list's entitlement covers its earlier seats, the
//            smallest such house (Germany 2013-2021, BWG § 6 (5) in its core), or covers
//            a need the caller computes (BWG 2021: minimum seat numbers from the Länder's
//            contingents) with up to `uncompensated` seats left over as overhang;
//   exclude  the list keeps them and leaves the calculation, which is repeated for the
//            rest with the seats left (the Nordic leveling rule: Norway, valgloven
//            § 11-6; Sweden, vallagen 14 kap. 4 §);
//   cap      the list gets its entitlement and no more: earlier seats beyond it are not
//            taken up (Germany 2025, BWG § 6 (1): the Zweitstimmendeckung).
// Seats won by independents, and under grow/level/exclude by lists the filters do not
// admit, stay with their winners and are deducted from the house before the calculation
// (BWG § 4 (1); Electoral Act s 191 (4)); under cap a list the filters do not admit is
// entitled to nothing, so its earlier seats are not taken up.
//
// Invariants (exact on whole votes; property-tested in tests/stages): entitlements add
// up to the calculation's house; under level every admitted list's entitlement covers
// its earlier seats unless the house would pass max_seats (twice the seats unless the
// scenario says otherwise; reported as short_of); under exclude
// every list left in covers its earlier seats; divisor methods are house monotone, so
// level's smallest house is found by bisection.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/rules/apportionment.h"

namespace seatcast {

enum class OverhangPolicy : std::uint8_t { grow, level, exclude, cap };

std::optional<OverhangPolicy> parse_overhang_policy(std::string_view text);
std::string_view to_string(OverhangPolicy policy);
std::vector<std::string> overhang_policy_names();

struct CompensationConfig {
  int seats = 0;  // the house before overhang and deductions
  Method method = Method::sainte_lague;
  double first_divisor = 1.4;
  TieRule tie_rule = TieRule::registration_order;
  OverhangPolicy policy = OverhangPolicy::grow;
  int max_seats = 0;  // level: the largest house; 0: twice seats
  // level: seats a list may be short of its need in all, left as uncompensated overhang
  // that adds to the house (BWG 2021 § 6 (5) S. 4: up to three).
  int uncompensated = 0;
};

// What `level` must cover, where the law says more than "each list's earlier seats":
// need[o] the seats list o must reach, and slack[o] how many of them may instead stay
// uncompensated overhang (at most CompensationConfig::uncompensated in all); remaining
// (out, optional) the seats so added to each list's entitlement.
struct LevelNeed {
  std::span<const int> need;
  std::span<const int> slack;
  std::span<int> remaining;
};

struct CompensationScratch {
  std::vector<Votes> votes;
  std::vector<int> seats;
  std::vector<std::uint8_t> in;
  ApportionmentScratch apportionment;
};

struct Entitlement {
  int house = 0;          // the seats the national calculation shared out
  int overhang = 0;       // earlier seats above the entitlement (grow, exclude, cap)
  bool short_of = false;  // level: max_seats did not cover every list's earlier seats
  AllocationOutcome outcome;
};

class Compensation {
 public:
  explicit Compensation(CompensationConfig config);
  const CompensationConfig& config() const { return config_; }
  // level: the largest house it may grow to (what one list may hold at most).
  int max_seats() const;

  // votes: the national list votes [options]; admitted[o]: the list takes part;
  // prior[o]: the seats it won in the earlier tiers; deducted: seats taken off the
  // house first (independents', unadmitted lists'). entitlement[o]: the seats the
  // list is entitled to in all (0 for lists not admitted; under exclude, an excluded
  // list's earlier seats). No allocation once the scratch has grown.
  Entitlement entitle(std::span<const Votes> votes, std::span<const std::uint8_t> admitted,
                      std::span<const int> prior, int deducted, std::span<int> entitlement,
                      CompensationScratch& scratch, const TieBreak& tie,
                      const LevelNeed& level_need = {}) const;

 private:
  AllocationOutcome share(int house, std::span<const Votes> votes, std::span<int> out,
                          CompensationScratch& scratch, const TieBreak& tie) const;

  CompensationConfig config_;
  Apportionment method_;
};

}  // namespace seatcast
