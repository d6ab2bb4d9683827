// What a scenario says about a body's stages, by name; ElectedBody turns names into
// indices (engine/stages/stage.h). Levels and tiers are named by their ids.
#pragma once

#include <array>
#include <cstdint>
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
  std::string alternative_filter;  // "or passed filter F" (F at this level or a coarser one)
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
  std::string fragments;  // a single-member tier whose fragment votes add to the national votes
  ThresholdBase bonus_base = ThresholdBase::parties;
};

struct DistrictsConfig {
  std::string id;
  DistrictTierConfig config;
};

// How a compensating tier's seats reach the areas of a level.
enum class Distribute : std::uint8_t {
  none,         // national seats only
  list_seats,   // each list's compensating seats split among the areas by its votes there
  entitlement,  // cap: each list's whole entitlement split among the areas by its votes
                // there, then in each area its winners seated within the area's share,
                // strongest first, and the rest of the share its list seats (BWG 2025 § 6)
  leveling,     // each area has seats_per_area leveling seats; a list's votes there over
                // 2 x its earlier seats there + 1, over the area's list votes per earlier
                // seat, ranks (area, list); the largest take the seats, an area leaving
                // when full and a list when it has all its seats (Norway, valgloven § 11-6)
};

struct CompensateConfig {
  std::string id;
  CompensationConfig rule;           // house, method, tie rule, policy, max_seats
  std::vector<std::string> filters;  // national filters
  std::vector<std::string> against;  // earlier tiers
  std::string level;                 // distribute to this level's areas
  Distribute distribute = Distribute::none;
  Method distribute_method = Method::sainte_lague;
  bool distribute_prior = false;  // list-seats: divisors start after the earlier seats there
  // level: each list's need from the contingents of `level`'s areas (minimum =
  // "contingents", BWG 2021 § 6 (5)) rather than its earlier seats.
  bool contingent_minimum = false;
  int seats_per_area = 0;  // distribute = "leveling": each area's leveling seats
  bool area_results = false;
};

using StageConfig = std::variant<FilterConfig, AllocateConfig, DistrictsConfig, CompensateConfig>;

}  // namespace seatcast
