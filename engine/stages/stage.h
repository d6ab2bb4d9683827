// Stages: an elected body is an ordered list of small stage objects, each with one job,
// run per draw on the body's ledger (engine/stages/ledger.h):
//   filter     which lists take part: a threshold at the nation or in each area of a
//              level (share of a base, ">=" or ">", alliance lines, exempt lists, one
//              full quota, or "N seats won in tier T" as the way around it); a base of
//              registered voters may be each area's roll (the nation: the rolls summed);
//   allocate   the seats of each area of a level (its magnitude, fixed or computed per
//              draw from the areas' votes: Ledger::magnitudes) or of the nation (a
//              number) by a method, among the lists the named filters admit, with an
//              optional own threshold and the runner-up rule; a tier of the body;
//              It reads the level's list votes or, with ballot = "candidate", its
//              candidate votes (two-vote systems);
//   compensate a national entitlement (engine/rules/compensation.h) over the lists a
//              national filter admits, set against the seats of earlier tiers, with
//              the overhang policy grow, level, exclude or cap; its tier is the list
//              seats that make up the difference, optionally split to the areas of a
//              level (distribute). Under cap, earlier seats beyond a list's
//              entitlement are taken back from their tier, the weakest winners first;
//   districts  single-member districts by plurality on candidates' baselines moved by
//              the national swing (engine/districts/district_tier.h), a tier.
// A closed std::variant: one std::visit per stage and draw, no virtual call in the
// per-option loops, no allocation once the ledger is sized.
//
// Invariants: a stage reads only tiers and filters that come before it; every tier's
// seats add up to its magnitudes in every draw (waived thresholds and the runner-up
// rule keep the sum); rows of a filter are the areas of its level.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/districts/district_tier.h"
#include "engine/rules/bonus.h"
#include "engine/rules/compensation.h"
#include "engine/rules/list_tier.h"
#include "engine/stages/stage_config.h"

namespace seatcast {

// Where a stage reads a row of an earlier filter from: for each area of the stage's
// level, the row of the filter's level that contains it.
struct FilterRef {
  int filter = 0;         // index among the body's filters
  std::vector<int> rows;  // [areas of the stage's level] row in the filter
};

struct FilterStage {
  std::string id;
  int level = -1;                // -1: the nation
  int index = 0;                 // its slot in Ledger::eligible
  ListTier rule;                 // its threshold (the seats are unused but for quota)
  int quota_seats = 0;           // threshold = "quota" at the nation: the seats a quota is of
  int alternative_tier = -1;     // "N seats won in tier T": T, or -1
  std::vector<FilterRef> after;  // earlier filters a list must also have passed
  bool area_registered = false;  // base "registered" from the areas' rolls (the nation: summed)
  // "Or passed filter F": the lists F admitted (in the row containing this one) pass too;
  // the threshold is waived only when neither admits a list.
  std::optional<FilterRef> alternative_filter{};
};

struct AllocateStage {
  std::string id;
  int level = -1;                  // -1: the nation
  int seats = 0;                   // at the nation: the seats; in areas: the magnitudes
  int tier = 0;                    // its slot in Ledger::tier_seats
  ListTier rule;                   // method, own threshold, runner-up rule, tie rule
  std::vector<FilterRef> filters;  // the lists must have passed all of these
  int alternative_tier = -1;
  bool district = false;         // counted as district seats (plurality): seats_district
  bool area_results = false;     // keep per-area seat distributions in the results
  bool area_registered = false;  // its own threshold's base from the areas' rolls
  bool candidate = false;        // reads the level's candidate votes (ballot = "candidate")
  // Single-member plurality with nothing else to decide (no filter, threshold, runner-up
  // or alternative): the one option with the most votes wins, found directly; a tie for
  // first goes through the rule. Which options may win: [options] 0/1.
  bool plurality = false;
  std::vector<std::uint8_t> may_win{};
  int reserve = 0;  // seats of each area held back for a later stage (leveling seats)
  std::optional<BonusRule> bonus{};  // national only (engine/rules/bonus.h)
  // Surplus-vote agreements: pairs that, both taking part, count as one list and then
  // share its seats by the stage's method (Israel, Knesset Elections Law s. 82).
  std::vector<std::array<int, 2>> agreements{};
  Apportionment pair_split{Method::dhondt};
  std::vector<std::uint8_t> bonus_base{};  // [options] in the base of the bonus share
  // Seats won before in earlier tiers, after which the divisors start (Scotland's and
  // Wales's regions: D'Hondt from constituency seats + 1): each tier, and for each of its
  // areas (one row at the nation) the row of this stage's level that contains it.
  struct Prior {
    int tier = 0;
    std::vector<int> row{};
  };
  std::vector<Prior> prior{};
  // Fragment votes (Hungary): a national allocation whose votes add, from each area of
  // this single-member tier, the losers' candidate votes and the winner's surplus over
  // the runner-up + 1, each to the candidate's list; fragment_to[o]: o has a list.
  int fragments_tier = -1;
  std::vector<std::uint8_t> fragment_to{};
  std::vector<std::uint8_t> fragment_runner{};  // [options] a candidate who may win
};

struct DistrictsStage {
  std::string id;
  int tier = 0;
  DistrictTier districts;
};

struct CompensateStage {
  std::string id;
  int tier = 0;
  int level = -1;  // the areas the seats are distributed to; -1: none
  Compensation rule;
  std::vector<FilterRef> filters{};      // national filters: the lists admitted
  std::vector<int> against{};            // earlier tiers whose seats count first
  std::vector<std::uint8_t> deducted{};  // [options] seats always deducted (independents)
  std::vector<std::uint8_t> party{};     // [options] a list that may be entitled to seats
  std::vector<std::uint8_t> valid{};     // [options] counts in a winner's share of the votes
  Distribute distribute = Distribute::none;
  Apportionment distribute_method{Method::sainte_lague};
  // list_seats: each list's divisors in an area start after its seats there in the tiers
  // compensated (Sweden's adjustment seats, Vallag 14 kap.).
  bool distribute_prior = false;
  // level with minimum = "contingents" (BWG 2021 § 6 (2), (5), (6)): each area of `level`
  // has a contingent of seats (its fixed magnitude) shared among the admitted lists by
  // the stage's method on the area's list votes; a list's minimum in the area is the
  // larger of its earlier seats w there and (w + contingent + 1) / 2, its need the
  // larger of its contingents and its minimums added up, and the house grows until every
  // need is met (up to `uncompensated` seats of overhang left). Its seats then go to the
  // areas by distribute_method, each area at least the list's minimum there.
  bool contingent_minimum = false;
  Apportionment contingent_method{Method::sainte_lague};
  std::vector<std::vector<int>> against_rows{};  // [against tier][its areas] row of `level`
  TieRule tie_rule = TieRule::registration_order;
  // cap with distribute: the single-member tier whose winners are ranked, and for each of
  // its areas the area of `level` that contains it.
  int seats_per_area = 0;
  std::vector<std::uint8_t> list_vote{};  // [options] counts in an area's list votes
  int winners_tier = -1;
  std::vector<int> winners_parent{};
  bool area_results = false;
};

using Stage = std::variant<FilterStage, AllocateStage, DistrictsStage, CompensateStage>;

}  // namespace seatcast
