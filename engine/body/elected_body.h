// An elected body (a chamber, an assembly): levels of areas and an ordered list of
// stages (engine/stages/stage.h) composed into one result per draw. Its votes are the
// national draw, a region's (a legacy one-area electorate moved by the national swing),
// or its levels of areas (engine/areas/area_level.h); its stages filter lists and
// allocate the seats of each tier; party lists and the list quota then fill the list
// seats. It knows nothing of any country: Kazakhstan's Mazhilis, Spain's Congreso and
// the maslikhats are configurations.
//
// A level's magnitudes may be computed from each draw's votes (AreaLevel::apportion,
// into Ledger::magnitudes before the stages run); thresholds of base "registered" may
// take each area's roll of registered voters (the nation: the rolls added up).
//
// The older form (`list_tier`, `district_tier`) is read as two stages: a districts
// stage "districts" and a national allocate "list" that may count the district seats
// (alternative_district_seats), in that order. Seats of plurality tiers count as
// district seats (seats_district), all others as list seats (seats_pr).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/areas/area_level.h"
#include "engine/ballot/ballot.h"
#include "engine/districts/district_tier.h"
#include "engine/metrics/disproportionality.h"
#include "engine/quota/list_quota.h"
#include "engine/random/streams.h"
#include "engine/rules/list_tier.h"
#include "engine/stages/ledger.h"
#include "engine/stages/stage.h"
#include "engine/stages/stage_config.h"

namespace seatcast {

// A region's electorate: a baseline of list-vote shares moved by the national swing
// (plus optional regional noise), turned into whole votes of its own size.
struct RegionalElectorate {
  std::vector<double> baseline;  // [options] shares, 0 for options not on the ballot there
  SwingModel swing = SwingModel::logit_additive;
  double noise_sd = 0;  // regional noise per option, on the swing scale
  Votes total_votes = 0;
};

struct Coalition {
  std::string id;
  std::vector<int> members;  // option indices; the coalition's seats are their sum
};

inline constexpr int kMaxDefaultPairSeats = 1000;

struct BodyConfig {
  std::string id;    // HDF5 group name, e.g. "mazhilis"
  std::string name;  // display name
  std::optional<ListTierConfig> list_tier;
  std::optional<DistrictTierConfig> district_tier;
  std::optional<RegionalElectorate> electorate;  // none: the national vote
  // Party lists for the list tier, per option (none: no candidate limit or statistics).
  std::vector<std::optional<PartyList>> lists;
  std::optional<double> quota_share;  // list quota: ceil(share x list seats) to groups
  std::vector<Coalition> coalitions;
  std::optional<std::array<int, 2>> pair;  // options whose joint seat distribution is kept
  // The pair is the reader's default (the two largest), not the scenario's: a body of
  // more than kMaxDefaultPairSeats seats then keeps none, since the joint histogram
  // grows as the square of the seats (5000 seats: 200 MB a set of tallies).
  bool pair_by_default = false;
  // The general form: levels of areas (parents first) and stages in their order.
  std::vector<AreaLevelConfig> levels;
  std::vector<StageConfig> stages;
  // Per-draw disproportionality metrics ([run] metrics = false: none measured, tallied
  // or written, for runs that only need the seats).
  bool metrics = true;
};

// One draw's outcome for one body; sized once per worker and overwritten every draw.
struct BodyDraw {
  std::vector<int> seats_pr;         // [options] list seats filled
  std::vector<int> seats_district;   // [options]
  std::vector<int> seats_total;      // [options]
  std::vector<std::uint8_t> passed;  // [options] 0/1
  std::vector<int> group_seated;     // [options] quota-group members among list seats
  std::vector<int> women_seated;     // [options] women among list seats
  int vacant = 0;                    // list seats won beyond a list's length
  bool quota_unmet = false;          // a list had too few group members
  ListTierEvents list_events;
  DistrictEvents district_events;
  // Disproportionality and wasted votes (engine/metrics/disproportionality.h): the body's
  // votes against its list seats filled, or its district seats without a list tier.
  MetricValues metrics;
  Ledger ledger;  // votes per level, eligibility, seats per tier and area
};

struct BodyScratch {
  ListTierScratch list;
  DistrictScratch district;
  AreaScratch area;
  std::vector<random::Engine> level_rngs;  // one stream per level (begin_block)
  std::vector<std::uint8_t> allowed;       // [options] filters and-ed for one row
  std::vector<std::uint8_t> passed;        // [options] one row's allocation
  std::vector<double> shares;              // the body's electorate's shares
  std::vector<Votes> votes;
  std::vector<int> allocate_prior;  // [rows x options] an allocation's seats won before
  std::vector<Votes> fragments;     // [options] list votes plus fragment votes
  // Compensation: each list's earlier seats and entitlement, one list's votes and seats
  // over the areas it is distributed to, and the winners a cap ranks.
  CompensationScratch compensation;
  std::vector<int> prior;
  std::vector<int> entitled;
  std::vector<Votes> area_votes;
  std::vector<int> area_share;
  std::vector<int> area_prior;  // one list's earlier seats per area (distribute_prior)
  // contingent_minimum: [areas x options] earlier seats and minimums per area, each list's
  // need, slack and uncompensated seats, one area's admitted votes, the minimums summed.
  std::vector<int> area_won;
  std::vector<int> area_minimum;
  std::vector<int> need;
  std::vector<int> slack;
  std::vector<int> remaining;
  std::vector<Votes> admitted_votes;
  std::vector<int> contingent;
  struct Winner {
    int group;  // the area of the distribution level (0: the nation)
    int option;
    int area;  // the winner's own area
    Votes votes;
    Votes valid;
  };
  std::vector<Winner> winners;
  std::vector<int> cell_winners;  // a cap's winners per (group, list)
  // Leveling (level_areas): the lists with leveling seats, and the claims' order as
  // (-quotient rounded, claim) pairs.
  std::vector<int> claiming;
  std::vector<std::pair<double, int>> claim_order;
  // [tier][rows] a plurality tier's one winner per row as its allocation found it (-1:
  // none or not one seat), so that a cap need not search the rows again; a hint only,
  // checked against the tier's seats before use.
  std::vector<std::vector<int>> row_winner;
};

class ElectedBody {
 public:
  // centre: the national centre share of each option (0 for independents).
  ElectedBody(const Ballot& ballot, BodyConfig config, std::span<const double> centre);

  const BodyConfig& config() const { return config_; }
  const std::string& id() const { return config_.id; }
  int options() const { return options_; }
  int list_seats() const { return list_seats_; }
  int district_seats() const { return district_seats_; }
  int seats() const { return list_seats() + district_seats(); }
  // Tiers (allocate and districts stages) in stage order, and their seats.
  int tiers() const { return static_cast<int>(tiers_.size()); }
  struct TierInfo {
    std::string id;
    int level = -1;  // -1: the nation
    int seats = 0;
    int max_area_seats = 0;  // the largest magnitude (the seats at the nation)
    bool district = false;
    bool area_results = false;
    bool candidate = false;  // allocated on the candidate votes
    // The tier's seats in the house as the law states it (seats is what one option may
    // hold at most: a compensating tier's seats bound every list's share of the house).
    int nominal = 0;
    bool compensating = false;
  };
  const TierInfo& tier(int t) const { return tiers_[t]; }
  // The options a draw may give votes in area `area` of tier t's level (the candidates
  // where the tier reads the candidate vote); empty when the level has no baseline.
  std::span<const int> tier_standing(int t, int area) const;
  // Rows (area x options + option) of a tier's per-area seats where the option stands
  // nowhere in the area, so never wins there: tallies count them once per block rather
  // than once per draw. Null when every option may stand everywhere. Shared, so that the
  // tallies of every worker read one list.
  const std::shared_ptr<const std::vector<int>>& absent_rows(int t) const { return absent_[t]; }
  int tier_index(const std::string& id) const;  // -1 when none
  int filters() const { return filters_; }
  const std::vector<AreaLevel>& levels() const { return levels_; }
  int level_index(const std::string& id) const;  // -1 when none
  const std::vector<Stage>& stages() const { return stages_; }
  // The areas of a level, or 1 for the nation (-1).
  int rows(int level) const { return level < 0 ? 1 : levels_[level].areas(); }
  // The registered voters of an area of a level, or of the nation (-1): the first
  // level's rolls added up. 0 where no areas file gives them.
  Votes registered(int level, int row) const;
  // The house as the law states it; seats() bounds it (and every option's seats), which
  // is more where a compensating tier can grow the house or shares it all among lists.
  int house_seats() const { return house_seats_; }
  // The house size may change from draw to draw (compensation with grow or level).
  bool house_varies() const { return house_varies_; }
  // Seats for a majority (more than half) and for two thirds of the house as stated;
  // where the house varies, each draw's own house decides (BodyDraw::ledger.house).
  int majority() const { return house_seats() / 2 + 1; }
  int two_thirds() const { return (2 * house_seats() + 2) / 3; }
  bool has_lists() const { return has_lists_; }
  // The first districts stage's tier and the national list tier's rule (the legacy
  // form), or null.
  const DistrictTier* district_tier() const;
  const ListTier* list_tier() const;
  std::size_t variates_per_draw() const;

  BodyDraw make_draw() const;

  // Seeds the levels' streams for a block: (seed, block, area_noise, body, level).
  void begin_block(BodyScratch& scratch, std::uint64_t seed, std::uint64_t block,
                   std::uint64_t body_index) const;
  // shares and votes: the national draw over every option. rng: this body's stream.
  void evaluate(std::span<const double> shares, std::span<const Votes> votes, BodyDraw& out,
                BodyScratch& scratch, random::Engine& rng, std::uint64_t lot_key) const;
  // Counted results: the votes of every area of every level given (out.ledger.level_votes
  // filled, [areas x options] each, and Ledger::district_votes for districts stages) or,
  // without levels, the national votes. Runs the stages without any random draw.
  void evaluate_counted(std::span<const Votes> national, BodyDraw& out, BodyScratch& scratch,
                        std::uint64_t lot_key = 0) const;

  // evaluate() in its three parts, for a sweep that shares a draw's votes and its first
  // stages among settings: the votes of every level (returns the shares the districts
  // stages swing from), stages [begin, end) (end -1: the last; begin 0 clears the
  // passes and events), then the body's seats from the tiers'.
  std::span<const double> draw_votes(std::span<const double> shares, std::span<const Votes> votes,
                                     BodyDraw& out, BodyScratch& scratch,
                                     random::Engine& rng) const;
  void run_stages(std::span<const double> shares, BodyDraw& out, BodyScratch& scratch,
                  random::Engine& rng, std::uint64_t lot_key, bool counted, int begin = 0,
                  int end = -1) const;
  void finish(BodyDraw& out) const;

  // Stages by id (-1 when none), their threshold and method (null for districts), and a
  // copy's stage given another rule (a sweep's setting).
  int stage_index(const std::string& id) const;
  const ListTier* stage_rule(int stage) const;
  void set_stage_rule(int stage, ListTier rule);

 private:
  void regional_vote(std::span<const double> shares, BodyScratch& scratch,
                     random::Engine& rng) const;
  void seat_lists(BodyDraw& out) const;
  void counted_districts(const DistrictsStage& s, BodyDraw& out) const;
  void level_seats(BodyDraw& out, BodyScratch& scratch, std::uint64_t lot_key) const;
  void sum_finest(BodyDraw& out) const;  // counted votes (drawn ones are summed as drawn)
  void run_filter(const FilterStage& f, BodyDraw& out, BodyScratch& scratch, bool counted) const;
  void run_allocate(const AllocateStage& a, BodyDraw& out, BodyScratch& scratch,
                    std::uint64_t lot_key, bool counted) const;
  std::span<const int> standing(int level, int row, bool counted, bool candidate = false) const {
    // Drawn votes are zero where the baseline is: only the options standing there are
    // visited. Counted votes may name any option anywhere.
    if (counted || level < 0 || !levels_[level].has_baseline()) return {};
    return candidate ? levels_[level].candidates(row) : levels_[level].standing(row);
  }
  // The allowed mask of row r of a stage over `refs` into scratch.allowed; false: no
  // filter applies (every list allowed).
  bool allowed_row(const std::vector<FilterRef>& refs, int row, const BodyDraw& out,
                   BodyScratch& scratch) const;
  std::span<const Votes> row_votes(const BodyDraw& out, int level, int row,
                                   bool candidate = false) const;
  FilterRef filter_ref(const std::string& filter, int level) const;
  // For each area of level `from` (one row at the nation, -1), the row of level `to`
  // that contains it (0 when `to` is the nation); nullopt when `to` does not contain it.
  std::optional<std::vector<int>> containing_rows(int from, int to) const;
  void build_stages(const Ballot& ballot, std::span<const double> centre);
  template <class TierOf, class LevelOf>
  void build_compensate(const CompensateConfig& c, const Ballot& ballot, const TierOf& tier_of,
                        const LevelOf& level_of);
  // A plurality area's seat without the allocation machinery; false: left to the rule.
  // The national votes an allocation with fragment votes shares (scratch.fragments).
  std::vector<Votes>& fragment_votes(const AllocateStage& a, const BodyDraw& out,
                                     BodyScratch& scratch, bool counted) const;
  bool plurality_seat(const AllocateStage& a, std::span<const Votes> votes,
                      std::span<const int> only, std::span<int> seats_out, std::vector<int>& total,
                      int* winner) const;
  void run_compensate(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                      std::uint64_t lot_key, bool counted) const;
  void level_areas(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch) const;
  // minimum = "contingents": each list's need and slack (scratch.need, slack) and its
  // minimum per area (scratch.area_minimum); then its seats to the areas from them.
  void contingent_needs(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                        std::uint64_t key) const;
  void minimum_areas(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                     std::uint64_t key) const;
  // List o's `seats` to the areas of c.level by distribute_method on its votes there
  // (after scratch.area_prior when after_prior), into scratch.area_share.
  void place_list(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch, std::size_t o,
                  int seats, bool after_prior, std::uint64_t key) const;
  void cap_winners(const CompensateStage& c, BodyDraw& out, BodyScratch& scratch,
                   bool counted) const;

  BodyConfig config_;
  int options_;
  std::vector<double> centre_scale_;  // regional electorate: swing scale of the centre
  std::vector<std::uint8_t> swings_;  // regional electorate: option takes national swing
  std::vector<AreaLevel> levels_;
  std::vector<std::size_t> votes_seats_levels_;  // levels whose magnitudes come from votes
  Votes national_registered_ = 0;
  std::vector<Stage> stages_;
  std::vector<TierInfo> tiers_;
  std::vector<std::shared_ptr<const std::vector<int>>> absent_;  // [tier]
  std::vector<std::string> filter_ids_;
  std::vector<int> filter_levels_;
  int filters_ = 0;
  int list_seats_ = 0;
  int district_seats_ = 0;
  int house_seats_ = 0;
  bool house_varies_ = false;
  int list_stage_ = -1;       // the national allocate the legacy list tier became
  int districts_stage_ = -1;  // the first districts stage
  bool has_lists_ = false;
  Disproportionality metrics_;
};

}  // namespace seatcast
