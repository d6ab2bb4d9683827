// Tallies: what a run counts. Integer histograms of seats and counters of events, kept
// per worker and merged by addition, so the totals do not depend on how draws were
// shared among threads or processes.
//
// A body's tally is a layout of named blocks over one flat vector of 64-bit words
// (engine/tally/layout.h). The body declares what every body keeps (seats per option
// for the list seats, the district seats and the total, passes, event counters, the
// disproportionality metrics) and each optional part declares its own: party lists,
// coalitions, a pair's joint seats, a histogram per tier when a body has two tiers of a
// kind, and per-area seat distributions for an allocation asked for them (area_results;
// for single-member areas, the probability that each option wins each area). Merging,
// the MPI reduction, checkpoints, the memory check and the results file all follow the
// layout; the accessors below are views into the words.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/body/elected_body.h"
#include "engine/metrics/disproportionality.h"
#include "engine/tally/layout.h"

namespace seatcast {

// A histogram block seen as rows x (0..max_seats): counts[r * (max_seats + 1) + s] is the
// number of draws in which row r (an option, a coalition, an area's option) had s seats.
struct SeatHistogram {
  int options = 0;  // rows
  int max_seats = 0;
  std::span<const std::uint64_t> counts;

  std::vector<std::uint64_t> values() const { return {counts.begin(), counts.end()}; }
  std::span<const std::uint64_t> row(int r) const {
    return counts.subspan(static_cast<std::size_t>(r) * (max_seats + 1),
                          static_cast<std::size_t>(max_seats) + 1);
  }
};

// The event counters every body keeps (attributes of the body's group).
enum class Counter : std::uint8_t {
  runner_up,         // the runner-up rule applied
  threshold_waived,  // no list passed
  tie,               // a tie decided a list seat
  refused_tie,       // a tie left list seats undecided
  runoff,            // a district tie went to a runoff
};
inline constexpr int kCounters = 5;

// The fixed attributes a block of this path is written with (a metric's bins), so that
// a tally read back from a file writes the same ones.
std::vector<std::pair<std::string, double>> block_attributes(std::string_view path);

class BodyTally {
 public:
  BodyTally() = default;
  explicit BodyTally(const ElectedBody& body);
  // A tally read back (a results file, a checkpoint): its layout and words. Throws
  // std::invalid_argument when a block every body keeps is missing or misshapen.
  BodyTally(tally::Layout layout, std::vector<std::uint64_t> words);

  // The layout a body's tally has, without its words (the memory check).
  static tally::Layout layout_of(const ElectedBody& body);

  // Counts one draw; allocates nothing. Histograms that follow from others (a body
  // with one tier: the other tier's zeros and the total) are brought up to date by
  // settle(), which the runner calls at the end of each block.
  void add(const ElectedBody& body, const BodyDraw& draw);
  void settle();
  // Adds another tally of the same layout (settled or not); std::logic_error otherwise.
  void merge(const BodyTally& other);

  const tally::Layout& layout() const { return layout_; }
  std::span<const std::uint64_t> words() const { return words_; }
  std::span<std::uint64_t> words() { return words_; }
  std::span<const std::uint64_t> block(std::size_t b) const {
    return std::span<const std::uint64_t>(words_).subspan(layout_[b].offset, layout_[b].size);
  }
  // A histogram block as rows x bins.
  SeatHistogram histogram(std::size_t b) const;

  SeatHistogram seats_pr() const { return histogram(at_.seats_pr); }
  SeatHistogram seats_district() const { return histogram(at_.seats_district); }
  SeatHistogram seats_total() const { return histogram(at_.seats_total); }
  std::span<const std::uint64_t> passed_threshold() const { return block(at_.passed); }
  std::uint64_t counter(Counter c) const { return words_[layout_[at_.counters[int(c)]].offset]; }
  std::uint64_t runner_up_draws() const { return counter(Counter::runner_up); }
  std::uint64_t threshold_waived_draws() const { return counter(Counter::threshold_waived); }
  std::uint64_t tie_draws() const { return counter(Counter::tie); }
  std::uint64_t refused_draws() const { return counter(Counter::refused_tie); }
  std::uint64_t runoff_draws() const { return counter(Counter::runoff); }

  // Party lists (when the body has them): quota-group members and women seated per
  // option, the body's totals of both, vacant list seats, draws with a quota unmet.
  bool has_lists() const { return at_.group_seated != kNone; }
  SeatHistogram group_seated() const { return histogram(at_.group_seated); }
  SeatHistogram women_seated() const { return histogram(at_.women_seated); }
  SeatHistogram body_group() const { return histogram(at_.body_group); }
  SeatHistogram body_women() const { return histogram(at_.body_women); }
  SeatHistogram vacant() const { return histogram(at_.vacant); }
  std::uint64_t quota_unmet_draws() const {
    return has_lists() ? words_[layout_[at_.quota_unmet].offset] : 0;
  }
  // Coalitions' seats (0 rows without coalitions) and the pair's joint seats, [S+1]^2
  // (empty without a pair).
  SeatHistogram coalitions() const;
  std::span<const std::uint64_t> pair() const;

  // A house that varies (compensation with grow or level): the histogram of its size
  // (empty otherwise) and, per option, the draws with a majority / two thirds of that
  // draw's house (empty otherwise: the stated house's thresholds apply); per coalition,
  // the draws with a majority.
  std::span<const std::uint64_t> house() const;
  std::span<const std::uint64_t> majority_draws() const;
  std::span<const std::uint64_t> two_thirds_draws() const;
  std::span<const std::uint64_t> coalition_majority_draws() const;
  // The metric histograms with their exact sums (a copy).
  MetricHistograms metrics() const;
  // Replaces them (tests of large sums).
  void set_metrics(const MetricHistograms& m);

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // Where each part lives: block indices, fixed at construction.
  struct Index {
    std::size_t seats_pr = kNone, seats_district = kNone, seats_total = kNone, passed = kNone;
    std::size_t counters[kCounters] = {kNone, kNone, kNone, kNone, kNone};
    std::size_t group_seated = kNone, women_seated = kNone, body_group = kNone, body_women = kNone,
                vacant = kNone, quota_unmet = kNone;
    std::size_t coalitions = kNone, pair = kNone;
    std::size_t metric_counts[kMetricCount] = {kNone, kNone, kNone, kNone, kNone};
    std::size_t metric_sums[kMetricCount] = {kNone, kNone, kNone, kNone, kNone};
    std::vector<std::size_t> tiers;     // [tier] its own histogram, or kNone
    std::vector<std::size_t> areas;     // [tier] its per-area histogram, or kNone
    std::vector<std::size_t> overhang;  // [tier] a compensating tier's overhang, or kNone
    // A house that varies: its size, and the draws in which each option (coalition) holds
    // a majority and two thirds of that draw's house.
    std::size_t house = kNone, majority = kNone, two_thirds = kNone;
    std::size_t coalition_majority = kNone;
  };
  static Index declare(const ElectedBody& body, tally::Layout& layout);
  void find_blocks();  // at_ from a layout read back
  std::uint64_t* at(std::size_t b) { return words_.data() + layout_[b].offset; }

  tally::Layout layout_;
  std::vector<std::uint64_t> words_;
  Index at_;
  // Which histograms follow from another: seats_total is the one tier's histogram and
  // the missing tier holds 0 seats in every draw. Rows of per-area histograms whose
  // option stands nowhere in the area hold 0 seats in every draw too (zero_rows: word
  // offsets of their bin 0).
  enum class Derived : std::uint8_t { none, from_list, from_districts };
  Derived derived_ = Derived::none;
  struct ZeroRows {
    std::size_t block;                             // a per-area histogram
    std::shared_ptr<const std::vector<int>> rows;  // ElectedBody::absent_rows
  };
  std::vector<ZeroRows> zero_rows_;
  std::uint64_t unsettled_ = 0;  // draws added since the last settle()
};

struct Tally {
  std::uint64_t draws = 0;
  std::vector<BodyTally> bodies;

  Tally() = default;
  explicit Tally(std::span<const ElectedBody> bodies);
  void merge(const Tally& other);
};

}  // namespace seatcast
