// Disproportionality and wasted votes of one result: how far a body's seats are from its
// votes. Computed per draw for every body and tallied as fixed-bin histograms.
//
// Definitions, for one body's votes v (one entry per ballot option) and seats s:
//
//   V      the valid votes: every option but `invalid` (party, other, independent,
//          against_all, blank), the same set as the threshold base `valid`.
//   S      the seats given out (the sum of s; a refused tie or a list too short to fill
//          its seats leaves seats undecided, and they are not counted).
//   v_i    = votes_i / V and s_i = seats_i / S, for every valid option. Against-all and
//          blank options hold no seats, so their voters count as unrepresented.
//
//   gallagher        least squares index, in percent: 100 x sqrt(1/2 x sum (v_i - s_i)^2)
//   loosemore_hanby  100 x 1/2 x sum |v_i - s_i|, in percent
//   enp_votes        Laakso-Taagepera effective number of parties by votes,
//                    1 / sum p_i^2 with p_i = votes_i / (votes of all contestants), where
//                    the contestants are the options that stand for seats (kinds party,
//                    other, independent; not against_all, blank or invalid). An `other`
//                    row (a residual of small lists) counts as one party, which
//                    understates the number.
//   enp_seats        1 / sum s_i^2
//   wasted_share     in percent of V: the votes of contestants that won no seat, plus
//                    the against-all votes. Blank ballots are not counted as wasted
//                    (they chose nobody).
//
// When V = 0 or S = 0 every metric is 0.
//
// Which seats: a body with a list tier is measured on its list votes against its list
// seats (the seats that vote elects; in a parallel system the district seats answer to
// other votes); a body with only a district tier on its votes against its district
// seats. `allocate` measures its one list tier.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"

namespace seatcast {

enum class Metric : std::uint8_t {
  gallagher,
  loosemore_hanby,
  enp_votes,
  enp_seats,
  wasted_share,
};
inline constexpr std::size_t kMetricCount = 5;
inline constexpr std::array<Metric, kMetricCount> kMetrics = {
    Metric::gallagher, Metric::loosemore_hanby, Metric::enp_votes, Metric::enp_seats,
    Metric::wasted_share};

// "gallagher", "loosemore_hanby", "enp_votes", "enp_seats", "wasted_share".
std::string_view to_string(Metric metric);

// Fixed histogram bins: bin k holds values in [min + k width, min + (k + 1) width);
// values below min go to bin 0 and values at or above the top to the last bin.
struct MetricBins {
  double min;
  double width;
  int count;
  double per_unit;  // bins per unit, 1 / width: a multiplication is cheaper than a division

  int bin(double x) const {
    const double k = (x - min) * per_unit;
    if (!(k > 0)) return 0;  // also NaN
    return k >= count ? count - 1 : static_cast<int>(k);
  }
};

// Percentages (gallagher, loosemore_hanby, wasted_share): 0 to 100 in steps of 0.1,
// 1000 bins. Effective numbers of parties: 0 to 20 in steps of 0.01, 2000 bins (20 and
// more in the last).
inline constexpr MetricBins kPercentBins{0.0, 0.1, 1000, 10.0};
inline constexpr MetricBins kEnpBins{0.0, 0.01, 2000, 100.0};
const MetricBins& bins_of(Metric metric);

struct MetricValues {
  std::array<double, kMetricCount> values{};
  double operator[](Metric m) const { return values[static_cast<std::size_t>(m)]; }
  double& operator[](Metric m) { return values[static_cast<std::size_t>(m)]; }
};

class Disproportionality {
 public:
  explicit Disproportionality(const Ballot& ballot);

  // votes and seats: one entry per ballot option. Allocates nothing.
  MetricValues measure(std::span<const Votes> votes, std::span<const int> seats) const;

 private:
  enum Role : std::uint8_t { ignored, contestant, against_all, blank };
  std::vector<Role> roles_;
};

// The metrics' distributions over draws: a fixed-bin histogram per metric and a sum for
// the mean kept in whole millionths (round(value x 10^6)), so tallies merged by
// addition give the same numbers in any order and on any number of threads.
class MetricHistograms {
 public:
  MetricHistograms();

  void add(const MetricValues& values);  // allocates nothing
  void merge(const MetricHistograms& other);

  const std::vector<std::uint64_t>& counts(Metric m) const {
    return counts_[static_cast<std::size_t>(m)];
  }
  std::uint64_t draws() const { return draws_; }
  // The mean over draws (to 10^-6), or 0 without draws.
  double mean(Metric m) const;
  // 128 bits: a draw adds up to 10^9 millionths (an effective number of 1000 parties),
  // so 10^12 draws (the most a run takes) would overflow 64 bits.
  __extension__ typedef unsigned __int128 Sum;
  // The exact sum behind the mean, in whole millionths: what a results file stores so
  // that tallies read back (shards, checkpoints) merge to the same mean.
  Sum sum_micro(Metric m) const { return sum_micro_[static_cast<std::size_t>(m)]; }

  // Histograms read back from a file: one count vector per metric (of bins_of(m).count
  // bins), the sums in millionths and the draws. Throws std::invalid_argument on a bin
  // count that is not the metric's.
  static MetricHistograms from_parts(std::array<std::vector<std::uint64_t>, kMetricCount> counts,
                                     std::array<Sum, kMetricCount> sums, std::uint64_t draws);

 private:
  std::array<std::vector<std::uint64_t>, kMetricCount> counts_;
  std::array<Sum, kMetricCount> sum_micro_{};
  std::uint64_t draws_ = 0;
};

}  // namespace seatcast
