// An elected body (a chamber, an assembly): its tiers composed into one result per
// draw. A body may have a list tier (with party lists and a list quota), a district
// tier, or both; its electorate is the national one or a region's, moved by the
// national swing. It knows nothing of any country: the Kazakhstan Mazhilis and the
// maslikhats are configurations.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/districts/district_tier.h"
#include "engine/metrics/disproportionality.h"
#include "engine/quota/list_quota.h"
#include "engine/random/streams.h"
#include "engine/rules/list_tier.h"

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
};

struct BodyScratch {
  ListTierScratch list;
  DistrictScratch district;
  std::vector<double> shares;  // the body's electorate's shares
  std::vector<Votes> votes;
};

class ElectedBody {
 public:
  // centre: the national centre share of each option (0 for independents).
  ElectedBody(const Ballot& ballot, BodyConfig config, std::span<const double> centre);

  const BodyConfig& config() const { return config_; }
  const std::string& id() const { return config_.id; }
  int options() const { return options_; }
  int list_seats() const { return list_ ? list_->seats() : 0; }
  int district_seats() const { return districts_ ? districts_->seats() : 0; }
  int seats() const { return list_seats() + district_seats(); }
  // Seats for a majority (more than half) and for two thirds of the body.
  int majority() const { return seats() / 2 + 1; }
  int two_thirds() const { return (2 * seats() + 2) / 3; }
  bool has_lists() const { return has_lists_; }
  const DistrictTier* district_tier() const { return districts_ ? &*districts_ : nullptr; }
  std::size_t variates_per_draw() const;

  BodyDraw make_draw() const;

  // shares and votes: the national draw over every option. rng: this body's stream.
  void evaluate(std::span<const double> shares, std::span<const Votes> votes, BodyDraw& out,
                BodyScratch& scratch, random::Engine& rng, std::uint64_t lot_key) const;

 private:
  void regional_vote(std::span<const double> shares, BodyScratch& scratch,
                     random::Engine& rng) const;
  void seat_lists(BodyDraw& out) const;

  BodyConfig config_;
  int options_;
  std::vector<double> centre_scale_;  // regional electorate: swing scale of the centre
  std::vector<std::uint8_t> swings_;  // regional electorate: option takes national swing
  std::optional<ListTier> list_;
  std::optional<DistrictTier> districts_;
  bool has_lists_ = false;
  Disproportionality metrics_;
};

}  // namespace seatcast
