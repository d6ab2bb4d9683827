#include "engine/sim/summary.h"

#include <algorithm>
#include <numeric>

namespace seatcast {

namespace {
std::uint64_t row_total(std::span<const std::uint64_t> row) {
  return std::accumulate(row.begin(), row.end(), std::uint64_t{0});
}
}  // namespace

double histogram_mean(std::span<const std::uint64_t> row) {
  const std::uint64_t n = row_total(row);
  if (n == 0) return 0.0;
  long double sum = 0;
  for (std::size_t s = 0; s < row.size(); ++s) sum += static_cast<long double>(s) * row[s];
  return static_cast<double>(sum / n);
}

int histogram_quantile(std::span<const std::uint64_t> row, double p) {
  const std::uint64_t n = row_total(row);
  // A relative tolerance keeps p = 0.2 of 10 draws at exactly 2 draws, not just above.
  const double target = p * static_cast<double>(n) * (1 - 1e-12);
  std::uint64_t cum = 0;
  for (std::size_t s = 0; s < row.size(); ++s) {
    cum += row[s];
    if (cum > 0 && static_cast<double>(cum) >= target) return static_cast<int>(s);
  }
  return static_cast<int>(row.size()) - 1;
}

double probability_at_least(std::span<const std::uint64_t> row, int k) {
  const std::uint64_t n = row_total(row);
  if (n == 0) return 0.0;
  std::uint64_t hits = 0;
  for (std::size_t s = static_cast<std::size_t>(std::max(k, 0)); s < row.size(); ++s)
    hits += row[s];
  return static_cast<double>(hits) / static_cast<double>(n);
}

std::vector<OptionSummary> summarize_body(const ElectedBody& body, const BodyTally& tally,
                                          std::uint64_t draws) {
  return summarize_tally(tally, body.majority(), body.two_thirds(), draws);
}

std::vector<OptionSummary> summarize_tally(const BodyTally& tally, int majority, int two_thirds,
                                           std::uint64_t draws) {
  std::vector<OptionSummary> out(tally.seats_total().options);
  for (int o = 0; o < tally.seats_total().options; ++o) {
    const auto row = tally.seats_total().row(o);
    OptionSummary& s = out[o];
    s.mean = histogram_mean(row);
    s.q05 = histogram_quantile(row, 0.05);
    s.q25 = histogram_quantile(row, 0.25);
    s.q50 = histogram_quantile(row, 0.50);
    s.q75 = histogram_quantile(row, 0.75);
    s.q95 = histogram_quantile(row, 0.95);
    s.p_seats = probability_at_least(row, 1);
    s.p_passed = draws ? static_cast<double>(tally.passed_threshold()[o]) / draws : 0.0;
    // A house that varies: each draw's own house decides (counted in the tally).
    const auto maj = tally.majority_draws();
    const auto two = tally.two_thirds_draws();
    s.p_majority = !maj.empty() ? (draws ? static_cast<double>(maj[o]) / draws : 0.0)
                                : probability_at_least(row, majority);
    s.p_two_thirds = !two.empty() ? (draws ? static_cast<double>(two[o]) / draws : 0.0)
                                  : probability_at_least(row, two_thirds);
  }
  return out;
}

}  // namespace seatcast
