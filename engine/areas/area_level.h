// Areas: a level of an elected body's electorate cut into areas (provinces, regions,
// constituencies), each with an id, a magnitude (its seats) and a baseline (the votes
// per option of the election it is modelled on). A level partitions its parent: the
// nation or one coarser level, each area naming its parent area.
//
// In a draw, an area's votes come from its parent's draw (the swing in
// engine/districts/swing.h):
//   score(a, o) = scale(baseline share) + scale(parent share) - scale(parent reference)
//                 + own noise(a, o) + noise shared by the areas of one parent (p, o)
// made whole votes of the area's size (its baseline total). The parent reference is the
// parent's baseline share (the previous election), so areas move by the change since
// then. Without noise, proportional swing is the baseline times s / m, renormalised,
// with no exp. An option with a zero baseline in an area does not stand there and
// stays at zero. Options the national model does not cover (independents) keep their
// baseline votes.
//
// Each level draws from its own stream, so noise at one level moves no number at
// another. Counted results (allocate) fill the same votes without any draw.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/districts/swing.h"
#include "engine/random/streams.h"

namespace seatcast {

struct Area {
  std::string id;
  std::string name;
  int parent = -1;              // index of its area in the parent level; -1 under the nation
  int magnitude = 0;            // seats; 0: the level's allocations give it none
  std::vector<Votes> baseline;  // [options]; may be empty for counted results only
};

struct AreaLevelConfig {
  std::string id;         // e.g. "province"
  int parent_level = -1;  // index of the parent level in the body; -1: the nation
  std::vector<Area> areas;
  SwingModel swing = SwingModel::proportional;
  double noise_sd = 0;            // sd per (area, option) on the swing scale
  double parent_correlation = 0;  // share of that variance common to the areas of one parent
  std::string source;             // where the baselines came from, for the record
};

struct AreaScratch {
  std::vector<double> score;   // [options]
  std::vector<double> shared;  // [parent areas x options] the parent's move (+ shared noise)
};

class AreaLevel {
 public:
  // options: the ballot's size. covered[o]: the option takes the parent's swing.
  AreaLevel(AreaLevelConfig config, int options, std::span<const std::uint8_t> covered);

  const AreaLevelConfig& config() const { return config_; }
  const std::string& id() const { return config_.id; }
  int areas() const { return static_cast<int>(config_.areas.size()); }
  int parent_level() const { return config_.parent_level; }
  int parent_of(int area) const { return config_.areas[area].parent; }
  int magnitude(int area) const { return config_.areas[area].magnitude; }
  int seats() const { return seats_; }  // the magnitudes added up
  int max_magnitude() const { return max_magnitude_; }
  bool has_baseline() const { return has_baseline_; }
  // The baseline added up per option over the level's areas ([options]).
  std::span<const Votes> baseline_total() const { return baseline_total_; }
  std::size_t variates_per_draw() const;
  // The options with a baseline in area a: the only ones a draw gives votes there.
  std::span<const int> standing(int a) const {
    return std::span<const int>(standing_).subspan(standing_offset_[a],
                                                   standing_offset_[a + 1] - standing_offset_[a]);
  }

  // parent_votes: the parent's votes, [parent areas x options] (one row for the nation).
  // Writes [areas x options] whole votes.
  void draw(std::span<const Votes> parent_votes, std::span<Votes> out, random::Engine& rng,
            AreaScratch& scratch) const;

 private:
  AreaLevelConfig config_;
  int options_;
  int parent_areas_ = 1;
  int seats_ = 0;
  int max_magnitude_ = 0;
  bool has_baseline_ = false;
  std::vector<std::uint8_t> covered_;
  std::vector<Votes> baseline_total_;
  std::vector<double> size_;          // [areas] baseline total votes
  std::vector<double> base_scale_;    // [areas x options] scale(baseline share); 0 if absent
  std::vector<double> base_share_;    // [areas x options]
  std::vector<double> parent_ref_;    // [parent areas x options] scale(parent baseline share)
  std::vector<double> parent_share_;  // [parent areas x options] parent baseline share
  std::vector<int> standing_;         // options with a baseline, area after area
  std::vector<int> standing_offset_;  // [areas + 1] into standing_
  double own_sd_ = 0;
  double shared_sd_ = 0;
};

}  // namespace seatcast
