// What a scenario says about a body's stages, by name; ElectedBody turns names into
// indices (engine/stages/stage.h). Levels and tiers are named by their ids.
#pragma once

#include <array>
#include <string>
#include <variant>
#include <vector>

#include "engine/districts/district_tier.h"
#include "engine/rules/bonus.h"
#include "engine/rules/compensation.h"
#include "engine/rules/list_tier.h"
#include "engine/rules/threshold.h"

namespace seatcast {

struct FilterConfig {
  std::string id;
  std::string level;             // empty: the nation
  ListTierConfig rule;           // threshold, base, strictness, alliance lines, exempt lists, quota
  int quota_seats = 0;           // threshold = "quota" at the nation: the seats a quota is of
  std::string alternative_tier;  // "or N seats in tier T" (N: rule.alternative_district_seats)
  std::vector<std::string> after;  // filters a list must also have passed
};

struct AllocateConfig {
  std::string id;
  std::string level;    // empty: the nation
  int seats = 0;        // at the nation: the seats; in areas: the magnitudes
  ListTierConfig rule;  // method, own threshold, runner-up rule, tie rule
  std::vector<std::string> filters;
  std::string alternative_tier;
  bool district = false;  // plurality seats, counted as district seats
  bool area_results = false;
  bool candidate = false;          // ballot = "candidate": the level's candidate votes
  int reserve = 0;                 // seats per area held back for a later stage (leveling seats)
  std::optional<BonusRule> bonus;  // a majority bonus to the first list
  // Surplus-vote agreements (apparentements): pairs of options that, both taking part,
  // count as one list and then share its seats by the same method.
  std::vector<std::array<int, 2>> agreements;
  // Earlier tiers whose seats in each area (its own or the areas within it) start the
  // divisors: the additional member system's regional lists.
  std::vector<std::string> prior;
  ThresholdBase bonus_base = ThresholdBase::parties;
};

struct DistrictsConfig {
  std::string id;
  DistrictTierConfig config;
};

struct CompensateConfig {
  std::string id;
  CompensationConfig rule;           // house, method, tie rule, policy, max_seats
  std::vector<std::string> filters;  // national filters
  std::vector<std::string> against;  // earlier tiers
  std::string level;                 // distribute to this level's areas
  std::string distribute = "none";   // none, list-seats, entitlement
  Method distribute_method = Method::sainte_lague;
  int seats_per_area = 0;  // distribute = "leveling": each area's leveling seats
  bool area_results = false;
};

using StageConfig = std::variant<FilterConfig, AllocateConfig, DistrictsConfig, CompensateConfig>;

}  // namespace seatcast
