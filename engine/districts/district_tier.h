// A district tier: single-member districts won by plurality. Each district has its own
// candidates (party nominees and independents; an option may stand in some districts
// only) with a baseline share. In a draw a candidate's score is
//   swing_scale(baseline) + national swing of its option        (independents: none)
//   + district noise (a part of it shared by the districts of a region)
//   + for independents, a strength effect drawn per district,
// and the highest score wins. "Against all" and other non-candidate kinds never win a
// district: they count only as turnout. Candidates with equal top scores go to a runoff
// among the tied leaders, modelled as a fair lot (they tied in the first round, so
// nothing in the model favours one); the draw is counted.
//
// Variates: the normal terms of one candidate are independent, so they are drawn as one
// normal of their summed variance; a region's effect on an option is drawn only where
// the option stands in two or more of the region's districts (elsewhere it is part of
// the candidate's own normal). Same distribution, about half the variates.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/districts/swing.h"
#include "engine/random/streams.h"

namespace seatcast {

struct DistrictCandidate {
  int option = 0;       // ballot option index
  double baseline = 0;  // share of the district's vote, in (0, 1)
};

struct District {
  std::string id;
  std::string region;
  std::vector<DistrictCandidate> candidates;
};

struct DistrictTierConfig {
  std::vector<District> districts;
  SwingModel swing = SwingModel::logit_additive;
  double noise_sd = 0;            // sd of district noise per candidate, on the swing scale
  double region_correlation = 0;  // share of that noise's variance common to a region
  double independent_sd = 0;      // sd of an independent's strength effect per district
  std::string source;             // where the baselines came from, for the record
};

struct DistrictEvents {
  bool runoff = false;  // a tie for first place went to a runoff
};

// Per-thread working memory.
struct DistrictScratch {
  std::vector<double> swing;    // [options]
  std::vector<double> shared;   // [shared effects], then a 0 for candidates without one
  std::vector<double> normals;  // [variates a draw], drawn as one batch
};

class DistrictTier {
 public:
  // centre: the national centre share of each option (the vote model's mean); options
  // with centre 0 (independents) take no national swing.
  DistrictTier(const Ballot& ballot, DistrictTierConfig config, std::span<const double> centre);

  const DistrictTierConfig& config() const { return config_; }
  int seats() const { return static_cast<int>(config_.districts.size()); }
  int regions() const { return static_cast<int>(region_names_.size()); }
  // Normal variates a draw needs (for the throughput floor).
  std::size_t variates_per_draw() const;

  // Adds one seat per district to its winner in seats_out (not cleared here).
  DistrictEvents evaluate(std::span<const double> national_shares, std::span<int> seats_out,
                          random::Engine& rng, DistrictScratch& scratch) const;

 private:
  void build_noise();

  DistrictTierConfig config_;
  int options_;
  std::vector<double> centre_scale_;       // swing_scale of the centre, per option
  std::vector<std::uint8_t> swings_;       // option takes national swing
  std::vector<std::uint8_t> independent_;  // option is an independent
  std::vector<std::string> region_names_;
  std::vector<int> standing_options_;  // options with a candidate in some district
  // Candidates flattened: district d owns [offset_[d], offset_[d + 1]).
  std::vector<int> offset_;
  std::vector<int> region_of_;
  std::vector<int> cand_option_;
  std::vector<double> cand_base_;
  std::vector<double> cand_sd_;   // sd of the candidate's own normal (0: none drawn)
  std::vector<int> cand_shared_;  // index of its region effect in scratch.shared
  std::size_t variates_ = 0;      // normals a draw: the shared effects, then the candidates'
  int shared_effects_ = 0;        // (region, option) effects common to several districts
  double shared_sd_ = 0;
};

}  // namespace seatcast
