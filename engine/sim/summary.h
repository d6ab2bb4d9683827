// Summaries derived from a run's histograms: mean seats, quantiles, the probabilities
// of entering, of a majority and of two thirds. Derived, never tallied separately, so
// they always agree with the histograms they come from.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/body/elected_body.h"
#include "engine/sim/tally.h"

namespace seatcast {

// Mean of a seat histogram row with `draws` draws in all.
double histogram_mean(std::span<const std::uint64_t> row);
// The smallest s whose cumulative count reaches p of the row's draws (p in (0, 1]).
int histogram_quantile(std::span<const std::uint64_t> row, double p);
// Share of draws with at least k seats.
double probability_at_least(std::span<const std::uint64_t> row, int k);

struct OptionSummary {
  double mean = 0;
  int q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
  double p_seats = 0;       // P(at least one seat in the body)
  double p_passed = 0;      // P(passed the list threshold)
  double p_majority = 0;    // P(a majority of the body alone)
  double p_two_thirds = 0;  // P(two thirds of the body alone)
};

// One summary per option of the body, from its seats_total histogram.
std::vector<OptionSummary> summarize_body(const ElectedBody& body, const BodyTally& tally,
                                          std::uint64_t draws);

// The same from a tally and the body's majority and two-thirds lines alone (for results
// read back from a file, where no ElectedBody exists); summarize_body calls this.
std::vector<OptionSummary> summarize_tally(const BodyTally& tally, int majority, int two_thirds,
                                           std::uint64_t draws);

}  // namespace seatcast
