#include "engine/output/sweep_file.h"

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/metrics/disproportionality.h"
#include "engine/output/dimensions.h"
#include "engine/output/tally_datasets.h"

namespace seatcast {

void write_sweep_file(const std::filesystem::path& path, const Scenario& scenario,
                      const SweepInfo& info, const SweepTally& t) {
  h5::File f = h5::File::create(path);
  {
    // The root as `run` writes it, and the kind of file.
    write_common_root(f, scenario, info.run);
    h5::write_string_attribute(f, "kind", kSweepKind);
    h5::write_attribute<std::uint64_t>(f, "draws", info.run.draws);

    const h5::Handle sweep = h5::group(f, "sweep");
    h5::write_dataset<double>(sweep, "thresholds", info.thresholds, {info.thresholds.size()});
    if (!info.methods.empty()) h5::write_strings(sweep, "methods", info.methods);

    // Dimensions: [T, (M,) rest...].
    const hsize_t T = info.thresholds.size(), M = info.methods.size();
    auto dims = [&](std::vector<hsize_t> rest) {
      std::vector<hsize_t> d{T};
      if (M) d.push_back(M);
      d.insert(d.end(), rest.begin(), rest.end());
      return d;
    };
    const hsize_t O = static_cast<hsize_t>(t.options);
    const h5::Handle g = h5::group(sweep, info.body);
    h5::write_attribute<std::int64_t>(g, "list_seats", t.seats);
    h5::write_string_attribute(g, "reference", info.reference);
    h5::write_attribute<std::int64_t>(g, "reference_setting",
                                      static_cast<std::int64_t>(t.reference));
    h5::write_string_attribute(g, "list_method", info.own_method);
    h5::write_attribute<double>(g, "list_threshold", info.own_threshold);
    if (!info.threshold_stage.empty())
      h5::write_string_attribute(g, "threshold_stage", info.threshold_stage);
    if (!info.method_stage.empty())
      h5::write_string_attribute(g, "method_stage", info.method_stage);
    // Every block of the settings' tallies, stacked: datasets keep their path, counters
    // become [T, (M,)] datasets of their attribute's name (under their group), exact
    // sums are left to the means below.
    const tally::Layout& layout = t.bodies.front().layout();
    for (std::size_t i = 0; i < layout.size(); ++i) {
      const tally::Block& b = layout[i];
      if (b.kind == tally::Kind::sum) continue;
      const BlockPlace p = place_of(b.path);
      const std::string name =
          p.attribute.empty() ? p.object : (p.object.empty() ? "" : p.object + "/") + p.attribute;
      std::vector<std::uint64_t> stacked;
      for (const BodyTally& body : t.bodies) {
        const auto words = body.block(i);
        stacked.insert(stacked.end(), words.begin(), words.end());
      }
      h5::write_dataset<std::uint64_t>(g, name, stacked,
                                       dims(std::vector<hsize_t>(b.dims.begin(), b.dims.end())));
      if (!b.attributes.empty()) {
        const h5::Handle d = h5::open_dataset(g, name);
        for (const auto& [key, value] : b.attributes) h5::write_attribute<double>(d, key, value);
      }
    }
    // The names of earlier sweep files: the wasted-vote share and the Gallagher index.
    for (const auto& [name, metric] :
         {std::pair{"wasted", "metrics/wasted_share"}, {"gallagher", "metrics/gallagher"}}) {
      h5::link(g, metric, name);
      const h5::Handle d = h5::open_dataset(g, name);
      h5::write_attribute<double>(d, "bin_min", kPercentBins.min);
      h5::write_string_attribute(d, "unit", "percent");
    }
    std::vector<double> mean_seats, mean_total, diff_mean, diff_se, mean_wasted, mean_gallagher;
    for (int s = 0; s < t.settings; ++s) {
      mean_wasted.push_back(t.mean_wasted(s));
      mean_gallagher.push_back(t.mean_gallagher(s));
      for (int o = 0; o < t.options; ++o) {
        mean_seats.push_back(t.mean_seats(s, o));
        mean_total.push_back(t.mean_total(s, o));
        diff_mean.push_back(t.diff_mean(s, o));
        diff_se.push_back(t.diff_se(s, o));
      }
    }
    h5::write_dataset<double>(g, "mean_seats", mean_seats, dims({O}));
    h5::write_dataset<double>(g, "mean_total", mean_total, dims({O}));
    h5::write_dataset<double>(g, "diff_mean", diff_mean, dims({O}));
    h5::write_dataset<double>(g, "diff_se", diff_se, dims({O}));
    h5::write_dataset<double>(g, "mean_wasted", mean_wasted, dims({}));
    h5::write_dataset<double>(g, "mean_gallagher", mean_gallagher, dims({}));
  }
  label_dimensions(f);
  f.close();
}

}  // namespace seatcast
