#include "engine/output/tally_datasets.h"

#include <string>
#include <vector>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/dimension.h"
#include "engine/hdf5/group.h"
#include "engine/metrics/disproportionality.h"
#include "engine/sim/summary.h"

namespace seatcast {

namespace {

constexpr const char* kSummaryColumns[] = {
    "mean", "q05", "q25", "q50", "q75", "q95", "p_seats", "p_passed", "p_majority", "p_two_thirds"};

// Runs f on the object at `object` under g (g itself when empty): a dataset for a sum,
// a group (made when missing) for a counter.
template <class F>
void with_object(const h5::Handle& g, const std::string& object, tally::Kind kind, F f) {
  if (object.empty()) return f(g);
  const h5::Handle o =
      kind == tally::Kind::sum ? h5::open_dataset(g, object) : h5::group(g, object);
  f(o);
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

BlockPlace place_of(std::string_view path) {
  const auto at = path.find('@');
  if (at == std::string_view::npos) return {std::string(path), ""};
  return {std::string(path.substr(0, at)), std::string(path.substr(at + 1))};
}

void write_tally_datasets(const h5::Handle& g, const BodyTally& t, int majority, int two_thirds,
                          std::uint64_t draws) {
  std::vector<std::string> record;
  for (std::size_t i = 0; i < t.layout().size(); ++i) {
    const tally::Block& b = t.layout()[i];
    record.push_back(std::string(to_string(b.kind)) + " " + b.path);
    const BlockPlace p = place_of(b.path);
    const auto words = t.block(i);
    switch (b.kind) {
      case tally::Kind::histogram:
      case tally::Kind::joint:
      case tally::Kind::counts: {
        std::vector<hsize_t> dims(b.dims.begin(), b.dims.end());
        h5::write_dataset<std::uint64_t>(g, p.object, words, dims);
        if (!b.attributes.empty()) {
          const h5::Handle d = h5::open_dataset(g, p.object);
          for (const auto& [name, value] : b.attributes)
            h5::write_attribute<double>(d, name, value);
        }
        break;
      }
      case tally::Kind::counter:
        with_object(g, p.object, b.kind, [&](const h5::Handle& o) {
          h5::write_attribute<std::uint64_t>(o, p.attribute, words[0]);
        });
        break;
      case tally::Kind::sum: {
        // 128 bits as two words (HDF5 has no portable 128-bit integer): NAME holds the
        // low word and NAME_high the high one.
        with_object(g, p.object, b.kind, [&](const h5::Handle& o) {
          h5::write_attribute<std::uint64_t>(o, p.attribute, words[0]);
          h5::write_attribute<std::uint64_t>(o, p.attribute + "_high", words[1]);
        });
        break;
      }
    }
  }
  h5::write_strings(g, kTallyLayoutDataset, record);
  // A tier without a histogram of its own is the only one of its kind: its seats are
  // seats_pr or seats_district, given a second name under the tier.
  if (h5::exists(g, "tiers"))
    for (const std::string& id : h5::members(h5::open_group(g, "tiers"))) {
      const std::string path = "tiers/" + id + "/seats";
      const h5::Handle tg = h5::open_group(g, "tiers/" + id);
      if (t.layout().find(path) || !h5::has_attribute(tg, "kind")) continue;
      h5::link(g,
               h5::read_string_attribute(tg, "kind") == "district" ? "seats_district" : "seats_pr",
               path);
    }

  // Derived from the blocks: the metrics' means, the coalitions' majority odds, the
  // per-option summary.
  if (h5::exists(g, "metrics")) {
    const MetricHistograms m = t.metrics();
    for (Metric metric : kMetrics) {
      const std::string name = "metrics/" + std::string(to_string(metric));
      if (h5::exists(g, name))
        h5::write_attribute<double>(h5::open_dataset(g, name), "mean", m.mean(metric));
    }
  }
  const SeatHistogram c = t.coalitions();
  if (c.options > 0) {
    std::vector<double> p_maj, p_two;
    const auto varying = t.coalition_majority_draws();  // a house that varies
    for (int i = 0; i < c.options; ++i) {
      p_maj.push_back(
          !varying.empty()
              ? (draws ? static_cast<double>(varying[i]) / static_cast<double>(draws) : 0.0)
              : probability_at_least(c.row(i), majority));
      p_two.push_back(probability_at_least(c.row(i), two_thirds));
    }
    const h5::Handle cg = h5::group(g, "coalitions");
    h5::write_dataset<double>(cg, "p_majority", p_maj, {p_maj.size()});
    h5::write_dataset<double>(cg, "p_two_thirds", p_two, {p_two.size()});
  }
  write_summary(g, t, majority, two_thirds, draws);
}

void remove_tally_datasets(const h5::Handle& g, const tally::Layout& layout) {
  // Sums and counters first: their attributes live on datasets and groups removed below.
  for (const tally::Block& b : layout.blocks()) {
    const BlockPlace p = place_of(b.path);
    if (p.attribute.empty() || (!p.object.empty() && !h5::exists(g, p.object))) continue;
    with_object(g, p.object, b.kind, [&](const h5::Handle& o) {
      h5::remove_attribute(o, p.attribute);
      if (b.kind == tally::Kind::sum) h5::remove_attribute(o, p.attribute + "_high");
    });
  }
  // A dataset leaves its dimension scales first, so none keeps a reference to it.
  const auto drop = [&](const std::string& path) {
    if (h5::exists(g, path)) h5::detach_all(g, path);
    h5::remove(g, path);
  };
  if (h5::exists(g, "tiers"))  // the second names of seats_pr and seats_district
    for (const std::string& id : h5::members(h5::open_group(g, "tiers")))
      drop("tiers/" + id + "/seats");
  for (const tally::Block& b : layout.blocks())
    if (place_of(b.path).attribute.empty() && h5::exists(g, b.path)) drop(b.path);
  for (const char* d : kSummaryColumns) drop(std::string("summary/") + d);
  for (const char* d : {"coalitions/p_majority", "coalitions/p_two_thirds", kTallyLayoutDataset})
    drop(d);
}

}  // namespace seatcast
