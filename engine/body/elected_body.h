// An elected body (a chamber, an assembly): its tiers composed into one result per
// draw. Today a body has a list tier; the district tier and list quotas plug in beside
// it. A body knows nothing of any country: Kazakhstan's Mazhilis is one configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/rules/list_tier.h"

namespace seatcast {

struct BodyConfig {
  std::string id;    // HDF5 group name, e.g. "mazhilis"
  std::string name;  // display name
  std::optional<ListTierConfig> list_tier;
};

// One draw's outcome for one body; sized once per worker and overwritten every draw.
struct BodyDraw {
  std::vector<int> seats_pr;        // [options]
  std::vector<int> seats_district;  // [options]
  std::vector<int> seats_total;     // [options]
  std::vector<std::uint8_t> passed;  // [options] 0/1
  ListTierEvents list_events;
};

struct BodyScratch {
  ListTierScratch list;
};

class ElectedBody {
 public:
  ElectedBody(const Ballot& ballot, BodyConfig config);

  const BodyConfig& config() const { return config_; }
  const std::string& id() const { return config_.id; }
  int options() const { return options_; }
  int list_seats() const { return list_ ? list_->seats() : 0; }
  int district_seats() const { return 0; }
  int seats() const { return list_seats() + district_seats(); }
  // Seats for a majority (more than half) and for two thirds of the body.
  int majority() const { return seats() / 2 + 1; }
  int two_thirds() const { return (2 * seats() + 2) / 3; }

  BodyDraw make_draw() const;

  void evaluate(std::span<const Votes> votes, BodyDraw& out, BodyScratch& scratch,
                std::uint64_t lot_key) const;

 private:
  BodyConfig config_;
  int options_;
  std::optional<ListTier> list_;
};

}  // namespace seatcast
