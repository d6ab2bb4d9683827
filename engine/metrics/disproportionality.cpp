#include "engine/metrics/disproportionality.h"

#include <cmath>
#include <stdexcept>

namespace seatcast {

std::string_view to_string(Metric metric) {
  switch (metric) {
    case Metric::gallagher:
      return "gallagher";
    case Metric::loosemore_hanby:
      return "loosemore_hanby";
    case Metric::enp_votes:
      return "enp_votes";
    case Metric::enp_seats:
      return "enp_seats";
    case Metric::wasted_share:
      return "wasted_share";
  }
  return "unknown";
}

const MetricBins& bins_of(Metric metric) {
  return metric == Metric::enp_votes || metric == Metric::enp_seats ? kEnpBins : kPercentBins;
}

Disproportionality::Disproportionality(const Ballot& ballot) {
  roles_.reserve(ballot.size());
  for (const BallotOption& o : ballot) {
    switch (o.kind) {
      case OptionKind::party:
      case OptionKind::other:
      case OptionKind::independent:
        roles_.push_back(contestant);
        break;
      case OptionKind::against_all:
        roles_.push_back(against_all);
        break;
      case OptionKind::blank:
        roles_.push_back(blank);
        break;
      case OptionKind::invalid:
        roles_.push_back(ignored);
        break;
    }
  }
}

MetricValues Disproportionality::measure(std::span<const Votes> votes,
                                         std::span<const int> seats) const {
  MetricValues out;
  Votes valid = 0, contesting = 0, wasted = 0;
  long long seats_total = 0;
  for (std::size_t i = 0; i < roles_.size(); ++i) {
    const Role r = roles_[i];
    if (r == ignored) continue;
    valid += votes[i];
    seats_total += seats[i];
    if (r == contestant) {
      contesting += votes[i];
      if (seats[i] == 0) wasted += votes[i];
    } else if (r == against_all) {
      wasted += votes[i];
    }
  }
  if (valid == 0 || seats_total == 0) return out;

  // Reciprocals once: this runs per draw and body, and a division costs several
  // multiplications.
  const double inv_v = 1.0 / static_cast<double>(valid);
  const double inv_s = 1.0 / static_cast<double>(seats_total);
  const double inv_c = contesting > 0 ? 1.0 / static_cast<double>(contesting) : 0.0;
  double squares = 0, absolutes = 0, votes_hhi = 0, seats_hhi = 0;
  for (std::size_t i = 0; i < roles_.size(); ++i) {
    const Role r = roles_[i];
    if (r == ignored) continue;
    const double v = static_cast<double>(votes[i]) * inv_v;
    const double s = static_cast<double>(seats[i]) * inv_s;
    squares += (v - s) * (v - s);
    absolutes += std::abs(v - s);
    seats_hhi += s * s;
    if (r == contestant) {
      const double p = static_cast<double>(votes[i]) * inv_c;
      votes_hhi += p * p;
    }
  }
  out[Metric::gallagher] = 100.0 * std::sqrt(0.5 * squares);
  out[Metric::loosemore_hanby] = 100.0 * 0.5 * absolutes;
  out[Metric::enp_votes] = votes_hhi > 0 ? 1.0 / votes_hhi : 0.0;
  out[Metric::enp_seats] = seats_hhi > 0 ? 1.0 / seats_hhi : 0.0;
  out[Metric::wasted_share] = 100.0 * static_cast<double>(wasted) * inv_v;
  return out;
}

MetricHistograms::MetricHistograms() {
  for (Metric m : kMetrics)
    counts_[static_cast<std::size_t>(m)].assign(static_cast<std::size_t>(bins_of(m).count), 0);
}

void MetricHistograms::add(const MetricValues& values) {
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    const double x = values.values[k];
    ++counts_[k][static_cast<std::size_t>(bins_of(m).bin(x))];
    // Metrics are never negative and far below 2^53 / 10^6: adding a half and truncating
    // rounds to nearest without a libm call.
    sum_micro_[k] += x > 0 ? static_cast<std::uint64_t>(x * 1e6 + 0.5) : 0;
  }
  ++draws_;
}

void MetricHistograms::merge(const MetricHistograms& other) {
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    for (std::size_t b = 0; b < counts_[k].size(); ++b) counts_[k][b] += other.counts_[k][b];
    sum_micro_[k] += other.sum_micro_[k];
  }
  draws_ += other.draws_;
}

MetricHistograms MetricHistograms::from_parts(
    std::array<std::vector<std::uint64_t>, kMetricCount> counts, std::array<Sum, kMetricCount> sums,
    std::uint64_t draws) {
  MetricHistograms h;
  for (Metric m : kMetrics) {
    const auto k = static_cast<std::size_t>(m);
    if (counts[k].size() != static_cast<std::size_t>(bins_of(m).count))
      throw std::invalid_argument("metric histogram of the wrong number of bins");
    h.counts_[k] = std::move(counts[k]);
  }
  h.sum_micro_ = sums;
  h.draws_ = draws;
  return h;
}

double MetricHistograms::mean(Metric m) const {
  if (draws_ == 0) return 0.0;
  return static_cast<double>(sum_micro_[static_cast<std::size_t>(m)]) / 1e6 /
         static_cast<double>(draws_);
}

}  // namespace seatcast
