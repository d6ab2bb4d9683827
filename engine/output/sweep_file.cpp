#include "engine/output/sweep_file.h"

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/metrics/disproportionality.h"

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
    const hsize_t S1 = static_cast<hsize_t>(t.seats) + 1;
    const hsize_t B = static_cast<hsize_t>(t.bins);
    const h5::Handle g = h5::group(sweep, info.body);
    h5::write_attribute<std::int64_t>(g, "list_seats", t.seats);
    h5::write_string_attribute(g, "reference", info.reference);
    h5::write_attribute<std::int64_t>(g, "reference_setting",
                                      static_cast<std::int64_t>(t.reference));
    h5::write_string_attribute(g, "list_method", info.own_method);
    h5::write_attribute<double>(g, "list_threshold", info.own_threshold);
    h5::write_dataset<std::uint64_t>(g, "seats_pr", t.seats_pr, dims({O, S1}));
    h5::write_dataset<std::uint64_t>(g, "passed_threshold", t.passed, dims({O}));
    h5::write_dataset<std::uint64_t>(g, "runner_up_draws", t.runner_up_draws, dims({}));
    h5::write_dataset<std::uint64_t>(g, "threshold_waived_draws", t.waived_draws, dims({}));
    h5::write_dataset<std::uint64_t>(g, "tie_draws", t.tie_draws, dims({}));
    for (const char* name : {"wasted", "gallagher"}) {
      const bool w = name[0] == 'w';
      h5::write_dataset<std::uint64_t>(g, name, w ? t.wasted : t.gallagher, dims({B}));
      const h5::Handle d = h5::open_dataset(g, name);
      h5::write_attribute<double>(d, "bin_min", kPercentBins.min);
      h5::write_attribute<double>(d, "bin_width", kPercentBins.width);
      h5::write_string_attribute(d, "unit", "percent");
    }
    std::vector<double> mean_seats, diff_mean, diff_se, mean_wasted, mean_gallagher;
    for (int s = 0; s < t.settings; ++s) {
      mean_wasted.push_back(t.mean_wasted(s));
      mean_gallagher.push_back(t.mean_gallagher(s));
      for (int o = 0; o < t.options; ++o) {
        mean_seats.push_back(t.mean_seats(s, o));
        diff_mean.push_back(t.diff_mean(s, o));
        diff_se.push_back(t.diff_se(s, o));
      }
    }
    h5::write_dataset<double>(g, "mean_seats", mean_seats, dims({O}));
    h5::write_dataset<double>(g, "diff_mean", diff_mean, dims({O}));
    h5::write_dataset<double>(g, "diff_se", diff_se, dims({O}));
    h5::write_dataset<double>(g, "mean_wasted", mean_wasted, dims({}));
    h5::write_dataset<double>(g, "mean_gallagher", mean_gallagher, dims({}));
  }
  f.close();
}

}  // namespace seatcast
