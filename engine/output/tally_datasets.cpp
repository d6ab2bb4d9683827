#include "engine/output/tally_datasets.h"

#include <string>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/group.h"
#include "engine/metrics/disproportionality.h"
#include "engine/sim/summary.h"

namespace seatcast {

namespace {

constexpr const char* kCounters[] = {"runner_up_draws", "threshold_waived_draws", "tie_draws",
                                     "refused_tie_draws", "runoff_draws"};

void write_histogram(const h5::Handle& loc, std::string_view name, const SeatHistogram& h) {
  h5::write_dataset<std::uint64_t>(
      loc, name, h.counts,
      {static_cast<hsize_t>(h.options), static_cast<hsize_t>(h.max_seats) + 1});
}

void write_summary(const h5::Handle& g, const BodyTally& t, int majority, int two_thirds,
                   std::uint64_t draws) {
  // Derived summaries, beside the histograms they come from.
  const auto summary = summarize_tally(t, majority, two_thirds, draws);
  const h5::Handle sg = h5::group(g, "summary");
  const hsize_t n = summary.size();
  auto column = [&](std::string_view name, auto get) {
    using V = decltype(get(summary[0]));
    std::vector<V> v;
    for (const auto& s : summary) v.push_back(get(s));
    h5::write_dataset<V>(sg, name, v, {n});
  };
  column("mean", [](const OptionSummary& s) { return s.mean; });
  column("q05", [](const OptionSummary& s) { return std::int32_t(s.q05); });
  column("q25", [](const OptionSummary& s) { return std::int32_t(s.q25); });
  column("q50", [](const OptionSummary& s) { return std::int32_t(s.q50); });
  column("q75", [](const OptionSummary& s) { return std::int32_t(s.q75); });
  column("q95", [](const OptionSummary& s) { return std::int32_t(s.q95); });
  column("p_seats", [](const OptionSummary& s) { return s.p_seats; });
  column("p_passed", [](const OptionSummary& s) { return s.p_passed; });
  column("p_majority", [](const OptionSummary& s) { return s.p_majority; });
  column("p_two_thirds", [](const OptionSummary& s) { return s.p_two_thirds; });
}

}  // namespace

void write_tally_datasets(const h5::Handle& g, const BodyTally& t, int majority, int two_thirds,
                          std::uint64_t draws) {
  write_histogram(g, "seats_pr", t.seats_pr);
  write_histogram(g, "seats_district", t.seats_district);
  write_histogram(g, "seats_total", t.seats_total);
  h5::write_dataset<std::uint64_t>(g, "passed_threshold", t.passed_threshold,
                                   {t.passed_threshold.size()});
  const std::uint64_t counters[] = {t.runner_up_draws, t.threshold_waived_draws, t.tie_draws,
                                    t.refused_draws, t.runoff_draws};
  for (std::size_t i = 0; i < std::size(kCounters); ++i)
    h5::write_attribute<std::uint64_t>(g, kCounters[i], counters[i]);

  if (!t.vacant.counts.empty()) {  // the body has party lists
    const h5::Handle q = h5::group(g, "lists");
    h5::write_attribute<std::uint64_t>(q, "quota_unmet_draws", t.quota_unmet_draws);
    write_histogram(q, "group_seated", t.group_seated);
    write_histogram(q, "women_seated", t.women_seated);
    h5::write_dataset<std::uint64_t>(q, "body_group_seated", t.body_group.counts,
                                     {t.body_group.counts.size()});
    h5::write_dataset<std::uint64_t>(q, "body_women_seated", t.body_women.counts,
                                     {t.body_women.counts.size()});
    h5::write_dataset<std::uint64_t>(q, "vacant", t.vacant.counts, {t.vacant.counts.size()});
  }
  if (t.coalitions.options > 0) {
    const h5::Handle c = h5::group(g, "coalitions");
    write_histogram(c, "seats", t.coalitions);
    std::vector<double> p_maj, p_two;
    for (int i = 0; i < t.coalitions.options; ++i) {
      p_maj.push_back(probability_at_least(t.coalitions.row(i), majority));
      p_two.push_back(probability_at_least(t.coalitions.row(i), two_thirds));
    }
    h5::write_dataset<double>(c, "p_majority", p_maj, {p_maj.size()});
    h5::write_dataset<double>(c, "p_two_thirds", p_two, {p_two.size()});
  }
  if (!t.pair.empty()) {
    // Joint distribution of two options' total seats: [S + 1, S + 1].
    const hsize_t n = static_cast<hsize_t>(t.seats_total.max_seats) + 1;
    h5::write_dataset<std::uint64_t>(g, "pair_seats", t.pair, {n, n});
  }

  {
    // Disproportionality, effective numbers of parties and wasted votes: one fixed-bin
    // histogram per metric (engine/metrics/disproportionality.h), bin k holding
    // [min + k bin_width, min + (k + 1) bin_width), the last bin also everything above.
    // sum_micro (+ 2^64 sum_micro_high) is the exact sum of the values in millionths, so
    // that tallies read back from shards or checkpoints merge to the same mean.
    const h5::Handle m = h5::group(g, "metrics");
    for (Metric metric : kMetrics) {
      const std::string name(to_string(metric));
      const auto& counts = t.metrics.counts(metric);
      h5::write_dataset<std::uint64_t>(m, name, counts, {counts.size()});
      const h5::Handle d = h5::open_dataset(m, name);
      h5::write_attribute<double>(d, "min", bins_of(metric).min);
      h5::write_attribute<double>(d, "bin_width", bins_of(metric).width);
      h5::write_attribute<double>(d, "mean", t.metrics.mean(metric));
      // 128 bits as two words (HDF5 has no portable 128-bit integer): the sum is
      // sum_micro + 2^64 sum_micro_high.
      const MetricHistograms::Sum sum = t.metrics.sum_micro(metric);
      h5::write_attribute<std::uint64_t>(d, "sum_micro", static_cast<std::uint64_t>(sum));
      h5::write_attribute<std::uint64_t>(d, "sum_micro_high",
                                         static_cast<std::uint64_t>(sum >> 64));
    }
  }
  write_summary(g, t, majority, two_thirds, draws);
}

void remove_tally_datasets(const h5::Handle& g) {
  for (const char* d : {"seats_pr", "seats_district", "seats_total", "passed_threshold",
                        "pair_seats", "summary", "lists/group_seated", "lists/women_seated",
                        "lists/body_group_seated", "lists/body_women_seated", "lists/vacant",
                        "coalitions/seats", "coalitions/p_majority", "coalitions/p_two_thirds"})
    h5::remove(g, d);
  for (Metric metric : kMetrics) h5::remove(g, std::string("metrics/").append(to_string(metric)));
  for (const char* a : kCounters) h5::remove_attribute(g, a);
  if (h5::exists(g, "lists")) h5::remove_attribute(h5::open_group(g, "lists"), "quota_unmet_draws");
}

}  // namespace seatcast
