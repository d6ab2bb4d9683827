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
// With turnout_sd, an area's size is its baseline total times a mean-one log-normal
// factor per draw (drawn after the area's own noise), so areas' shares of the votes move.
//
// A level of two-vote systems (Germany, New Zealand, Scotland) also has a candidate
// vote: its baseline is the candidate votes per option (a party's candidate, or an
// independent), and a draw moves each party's candidate votes by the same swing and own
// noise as its list votes, at the same turnout factor; options without a list vote in
// the area (independents, a party with a candidate only) keep their baseline share, so
// the candidate draw takes no variate of its own and adds none to the stream.
//
// Each level draws from its own stream, so noise at one level moves no number at
// another. Counted results (allocate) fill the same votes without any draw.
//
// Magnitudes are either fixed (the areas file's `seats`) or computed: `total` seats
// apportioned among the areas by a method on each area's size (LevelSeats), as laws
// that share a chamber among regions by the votes cast there (Czechia, zákon 247/1995
// Sb. §48 until 2021), by population or by registered voters. Sizes that do not change
// (population, registered) are apportioned once when the scenario is read; sizes by
// votes are apportioned in every draw from that draw's votes (apportion()), and then no
// area can hold more than `total` seats. Invariant: the magnitudes add up to `total`
// (unless the tie rule refuses a tie, which the outcome reports).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/districts/swing.h"
#include "engine/random/streams.h"
#include "engine/rules/apportionment.h"

namespace seatcast {

struct Area {
  std::string id;
  std::string name;
  int parent = -1;              // index of its area in the parent level; -1 under the nation
  int magnitude = 0;            // seats; 0: the level's allocations give it none
  std::vector<Votes> baseline;  // [options]; may be empty for counted results only
  Votes registered = 0;         // voters on the roll (the `registered` column; 0: not given)
  Votes population = 0;         // the `population` column (0: not given)
  // [options] the constituency (candidate) vote of a two-vote system; empty: none.
  std::vector<Votes> candidate_baseline;
};

// What an area's size is when a level's magnitudes are computed.
enum class AreaSize : std::uint8_t {
  votes,       // its valid votes in the draw (or the counted votes): every option but invalid
  population,  // the areas file's `population`
  registered,  // the areas file's `registered`
};

// Magnitudes computed instead of read: `total` seats among the areas by `method`.
struct LevelSeats {
  int total = 0;
  Method method = Method::hare;
  TieRule tie_rule = TieRule::registration_order;
  AreaSize by = AreaSize::votes;
};

struct AreaLevelConfig {
  std::string id;         // e.g. "province"
  int parent_level = -1;  // index of the parent level in the body; -1: the nation
  std::vector<Area> areas;
  SwingModel swing = SwingModel::proportional;
  double noise_sd = 0;            // sd per (area, option) on the swing scale
  double parent_correlation = 0;  // share of that variance common to the areas of one parent
  double turnout_sd = 0;          // sd of log(area size) per draw; 0: the baseline's size
  std::string source;             // where the baselines came from, for the record
  std::string areas_file;         // the areas file, for messages
  bool has_registered = false;    // the areas file has a `registered` column
  bool has_population = false;    // ... a `population` column
  // Computed magnitudes; by population or registered the areas' magnitudes hold them
  // already (apportion_areas at load), by votes they are apportioned per draw.
  std::optional<LevelSeats> seats;
};

struct AreaScratch {
  std::vector<double> score;         // [options]
  std::vector<double> moved;         // [options] one area's move plus own noise, for its candidates
  std::vector<double> shared;        // [parent areas x options] the parent's move (+ shared noise)
  std::vector<double> shared_noise;  // [parent areas x options] proportional swing's shared noise
  std::vector<Votes> sizes;          // [areas] an area's size for computed magnitudes
  std::vector<double> normals;       // [variates a draw], drawn as one batch
  // [standing options of the level] log-weights, then their exp; and each one's move
  // (with own noise) for the candidate vote. [areas] turnout factors.
  std::vector<double> weights, level_moved, turnout;
  ApportionmentScratch apportionment;
};

// The magnitudes of areas of fixed sizes (population, registered): `seats.total` seats
// by `seats.method`, ties by `seats.tie_rule` (a lot keyed by lot_key). Allocates: for
// reading a scenario, not for the draw loop.
std::vector<int> apportion_areas(const LevelSeats& seats, std::span<const Votes> sizes,
                                 AllocationOutcome* outcome = nullptr, std::uint64_t lot_key = 0);

class AreaLevel {
 public:
  // options: the ballot's size. covered[o]: the option takes the parent's swing.
  // counted[o]: the option's votes count in an area's size (empty: every option).
  AreaLevel(AreaLevelConfig config, int options, std::span<const std::uint8_t> covered,
            std::span<const std::uint8_t> counted = {});

  const AreaLevelConfig& config() const { return config_; }
  const std::string& id() const { return config_.id; }
  int areas() const { return static_cast<int>(config_.areas.size()); }
  int parent_level() const { return config_.parent_level; }
  int parent_of(int area) const { return config_.areas[area].parent; }
  // The fixed magnitude (0 for every area when seats_from_votes()).
  int magnitude(int area) const { return config_.areas[area].magnitude; }
  int seats() const { return seats_; }  // the magnitudes added up (the total when computed)
  // The largest magnitude; when computed per draw, the total (the bound of any area).
  int max_magnitude() const { return max_magnitude_; }
  // The magnitudes are apportioned in every draw from the level's votes.
  bool seats_from_votes() const { return from_votes_; }
  Votes registered(int area) const { return config_.areas[area].registered; }
  bool has_baseline() const { return has_baseline_; }
  // A candidate vote in the baseline (two-vote systems).
  bool has_candidates() const { return has_candidates_; }
  // The baseline added up per option over the level's areas ([options]).
  std::span<const Votes> baseline_total() const { return baseline_total_; }
  std::size_t variates_per_draw() const;
  // The options with a baseline in area a: the only ones a draw gives votes there.
  std::span<const int> standing(int a) const {
    return std::span<const int>(standing_).subspan(standing_offset_[a],
                                                   standing_offset_[a + 1] - standing_offset_[a]);
  }
  // The options with a candidate baseline in area a.
  std::span<const int> candidates(int a) const {
    return std::span<const int>(cand_standing_)
        .subspan(cand_offset_[a], cand_offset_[a + 1] - cand_offset_[a]);
  }

  // parent_votes: the parent's votes, [parent areas x options] (one row for the nation).
  // Writes [areas x options] whole votes, and with has_candidates() the candidate votes
  // into candidate_out ([areas x options]; ignored otherwise), only where an option
  // stands: both must be zero elsewhere (as ElectedBody::make_draw gives them, and draw
  // keeps them). sum_out, when not empty ([options]): the level's votes per option.
  void draw(std::span<const Votes> parent_votes, std::span<Votes> out, random::Engine& rng,
            AreaScratch& scratch, std::span<Votes> candidate_out = {},
            std::span<Votes> sum_out = {}) const;

  // seats_from_votes() only: the magnitudes of this draw from the level's votes
  // ([areas x options]) into magnitudes ([areas]). No allocation once scratch has grown.
  AllocationOutcome apportion(std::span<const Votes> votes, std::span<int> magnitudes,
                              AreaScratch& scratch, std::uint64_t lot_key) const;

 private:
  // Area a's candidate votes from scratch.moved (its options' move and own noise).
  void draw_candidates(std::size_t a, double turnout, std::span<Votes> out,
                       AreaScratch& scratch) const;

  AreaLevelConfig config_;
  int options_;
  int parent_areas_ = 1;
  int seats_ = 0;
  int max_magnitude_ = 0;
  bool has_baseline_ = false;
  bool has_candidates_ = false;
  bool from_votes_ = false;
  Apportionment apportionment_{Method::hare};
  std::vector<std::uint8_t> covered_;
  std::vector<std::uint8_t> counted_;  // [options] counts in an area's size
  std::vector<Votes> baseline_total_;
  std::vector<double> size_;            // [areas] baseline total votes
  std::vector<double> base_scale_;      // [areas x options] scale(baseline share); 0 if absent
  std::vector<double> base_share_;      // [areas x options]
  std::vector<double> parent_ref_;      // [parent areas x options] scale(parent baseline share)
  std::vector<double> parent_share_;    // [parent areas x options] parent baseline share
  std::vector<int> standing_;           // options with a baseline, area after area
  std::vector<double> standing_share_;  // [standing entries] the baseline share there
  std::vector<int> standing_offset_;    // [areas + 1] into standing_
  std::vector<double> cand_size_;       // [areas] candidate baseline total votes
  std::vector<double> cand_scale_;      // [candidate entries] scale(candidate baseline share)
  std::vector<double> cand_share_;      // [candidate entries] the candidate baseline share
  std::vector<int> cand_standing_;      // options with a candidate baseline, area after area
  std::vector<int> cand_offset_;        // [areas + 1] into cand_standing_
  double own_sd_ = 0;
  double shared_sd_ = 0;
  double turnout_sd_ = 0;
};

}  // namespace seatcast
