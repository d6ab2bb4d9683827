#include "engine/output/dimensions.h"

#include <cstdint>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "engine/hdf5/dimension.h"
#include "engine/hdf5/h5.h"

namespace seatcast {

namespace {

using Axes = std::vector<std::string>;  // one absolute scale path per axis ("" = none)

class Labeller {
 public:
  explicit Labeller(const h5::Handle& file) : f_(file) {}

  void run() {
    if (h5::is_dataset(f_, "options")) {
      h5::make_scale(f_, "options");
      options_ = dims("options")[0];
      for (const char* d : {"option_names", "option_kinds"}) label(d, {"/options"});
    }
    for (const std::string& m : h5::members(f_)) {
      if (h5::is_dataset(f_, m)) continue;
      if (m == "model") {
        model();
      } else if (m == "draws") {
        draws();
      } else if (m == "sweep") {
        sweep();
      } else if (h5::exists(f_, m + "/seats_total")) {
        body("/" + m, {});
      }
    }
    fallback("");
  }

 private:
  std::vector<hsize_t> dims(const std::string& path) { return h5::dataset_dims(f_, path); }

  // A scale of the seat counts 0..n-1 at `path` (created once); "" if the path holds
  // something else.
  std::string counts(const std::string& path, hsize_t n, double start = 0, double step = 1,
                     bool real = false) {
    if (h5::exists(f_, path))
      return h5::is_scale(f_, path) && dims(path) == std::vector<hsize_t>{n} ? path : "";
    if (real) {
      std::vector<double> v(n);
      for (hsize_t k = 0; k < n; ++k) v[k] = start + static_cast<double>(k) * step;
      h5::write_dataset<double>(f_, path, v, {n});
    } else {
      std::vector<std::int64_t> v(n);
      std::iota(v.begin(), v.end(), std::int64_t{0});
      h5::write_dataset<std::int64_t>(f_, path, v, {n});
    }
    h5::make_scale(f_, path);
    return path;
  }

  // A dimension without values of length n at `path`, grown if it is shorter.
  std::string bare(const std::string& path, hsize_t n) {
    if (!h5::exists(f_, path)) {
      h5::make_bare_dimension(f_, path, n);
      return path;
    }
    if (!h5::is_scale(f_, path)) return "";
    if (dims(path) != std::vector<hsize_t>{n} && !h5::resize_bare_dimension(f_, path, n)) return "";
    return path;
  }

  // An existing 1-d dataset of ids made the scale of its own axis.
  std::string ids(const std::string& path) {
    if (!h5::is_dataset(f_, path) || dims(path).size() != 1) return "";
    h5::make_scale(f_, path);
    return path;
  }

  // Attaches axes[k] to axis k of `path` where the lengths agree and the axis has none.
  void label(const std::string& path, const Axes& axes) {
    if (!h5::is_dataset(f_, path) || h5::is_scale(f_, path)) return;
    const std::vector<hsize_t> d = dims(path);
    for (std::size_t k = 0; k < d.size() && k < axes.size(); ++k) {
      if (axes[k].empty() || h5::has_scale(f_, path, static_cast<unsigned>(k))) continue;
      const std::vector<hsize_t> s = dims(axes[k]);
      if (s.size() == 1 && s[0] == d[k])
        h5::attach_scale(f_, path, axes[k], static_cast<unsigned>(k));
    }
  }

  // A body's group at `b` (a run's /<body>, a sweep's /sweep/<body>); `lead`: the
  // sweep's setting axes before each dataset's own.
  void body(const std::string& b, const Axes& lead) {
    const std::size_t L = lead.size();
    const auto with = [&](Axes own) {
      Axes a = lead;
      a.insert(a.end(), own.begin(), own.end());
      return a;
    };
    const auto last = [&](const std::string& path) -> hsize_t {
      return h5::is_dataset(f_, path) ? dims(path).back() : 0;
    };
    const std::string O = "/options";
    const std::string seats =
        h5::exists(f_, b + "/seats_total") ? counts(b + "/seats", last(b + "/seats_total")) : "";
    const std::string pr =
        h5::exists(f_, b + "/seats_pr") ? counts(b + "/pr_seats", last(b + "/seats_pr")) : "";
    const std::string dist = h5::exists(f_, b + "/seats_district")
                                 ? counts(b + "/district_seats", last(b + "/seats_district"))
                                 : "";
    label(b + "/seats_total", with({O, seats}));

    label(b + "/seats_pr", with({O, pr}));
    label(b + "/seats_district", with({O, dist}));
    for (const char* d : {"passed_threshold", "majority_draws", "two_thirds_draws", "mean_seats",
                          "mean_total", "diff_mean", "diff_se"})
      label(b + "/" + d, with({O}));
    label(b + "/house", with({seats}));
    if (h5::is_dataset(f_, b + "/pair_seats"))
      label(b + "/pair_seats", with({seats, counts(b + "/seats_second", last(b + "/pair_seats"))}));
    if (h5::is_dataset(f_, b + "/pair"))
      label(b + "/pair", {bare(b + "/pair_options", dims(b + "/pair")[0])});
    if (h5::is_dataset(f_, b + "/tally_layout"))
      label(b + "/tally_layout", {bare(b + "/tally_blocks", dims(b + "/tally_layout")[0])});
    ids(b + "/tier_order");
    if (!ids(b + "/districts").empty()) label(b + "/district_regions", {b + "/districts"});
    each(b + "/summary", [&](const std::string& p) { label(p, with({O})); });
    each(b + "/metrics", [&](const std::string& p) {
      const h5::Handle d = h5::open_dataset(f_, p);
      const bool edges = h5::has_attribute(d, "min") && h5::has_attribute(d, "bin_width");
      // A sweep names two metrics again at its body's top (wasted, gallagher): their
      // bins must then be a dimension of the body's group.
      const std::string at = (L > 0 ? b + p.substr(p.rfind('/')) : p) + "_bin";
      const std::string bins =
          edges ? counts(at, dims(p).back(), h5::read_attribute<double>(d, "min"),
                         h5::read_attribute<double>(d, "bin_width"), true)
                : counts(at, dims(p).back());
      label(p, with({bins}));
    });
    label(b + "/lists/length", {O});
    for (const char* d : {"group_seated", "women_seated"}) label(b + "/lists/" + d, with({O, pr}));
    for (const char* d : {"body_group_seated", "body_women_seated", "vacant"})
      label(b + "/lists/" + d, with({pr}));
    std::string coalitions = ids(b + "/coalitions/ids");
    if (coalitions.empty() && h5::is_dataset(f_, b + "/coalitions/seats"))  // a sweep's
      coalitions = bare(b + "/coalitions/coalitions", dims(b + "/coalitions/seats")[L]);
    for (const char* d : {"members", "p_majority", "p_two_thirds"})
      label(b + "/coalitions/" + d, {coalitions});
    label(b + "/coalitions/majority_draws", with({coalitions}));
    // Not "seats" (xarray refuses a 2-d variable named after one of its dimensions).
    if (h5::is_dataset(f_, b + "/coalitions/seats"))
      label(b + "/coalitions/seats", with({coalitions, counts(b + "/coalitions/coalition_seats",
                                                              last(b + "/coalitions/seats"))}));
    each_group(b + "/levels", [&](const std::string& g) {
      const std::string areas = ids(g + "/areas");
      for (const char* d : {"seats", "parent_area"}) label(g + "/" + d, {areas});
    });
    each_group(b + "/tiers", [&](const std::string& g) {
      // A tier's seats are often a second name of seats_pr or seats_district (labelled
      // above); a tier of its own gets its own seat counts.
      const std::string t = g + "/seats";
      if (h5::is_dataset(f_, t) && !h5::has_scale(f_, t, static_cast<unsigned>(L + 1)))
        label(t, with({O, counts(g + "/tier_seats", last(t))}));
      label(g + "/overhang", with({O, seats}));
      const std::string a = g + "/area_seats";
      if (!h5::is_dataset(f_, a)) return;
      // The tier's own copy of its level's ids, or a districts stage's districts.
      std::string areas = ids(g + "/areas");
      if (areas.empty() && h5::is_dataset(f_, b + "/districts") &&
          dims(b + "/districts")[0] == dims(a)[L])
        areas = ids(b + "/districts");
      if (areas.empty()) areas = bare(g + "/areas", dims(a)[L]);
      label(a, with({areas, O, counts(g + "/area_seat_counts", last(a))}));
    });
    // A sweep's per-setting values (mean_wasted, runner_up_draws, lists/quota_unmet_draws,
    // ...): the setting axes alone, wherever they are.
    if (L > 0) each_below(b, [&](const std::string& p) { label(p, lead); });
  }

  void model() {
    const std::string m = "/model";
    // The model's options (written with it: the ballot's, less independents).
    hsize_t n = 0;
    const std::string opts = ids(m + "/options");
    if (!opts.empty()) n = dims(opts)[0];
    for (const char* d : {"alpha", "mean_shares", "sigma", "log_mean"}) label(m + "/" + d, {opts});
    for (const char* d : {"correlation", "covariance", "sampling_covariance"})
      if (h5::is_dataset(f_, m + "/" + d))
        label(m + "/" + d, {opts, bare(m + "/options_2", dims(m + "/" + d)[1])});
    if (h5::is_dataset(f_, m + "/poll_weights"))
      label(m + "/poll_weights", {bare(m + "/polls", dims(m + "/poll_weights")[0])});
    const std::string houses = ids(m + "/house_effect_pollsters");
    if (h5::is_dataset(f_, m + "/house_effect_offsets")) {
      const hsize_t cols = dims(m + "/house_effect_offsets")[1];
      label(m + "/house_effect_offsets",
            {houses, cols == options_ ? "/options" : (cols == n ? opts : "")});
    }
    const std::string t = m + "/trend";
    if (!h5::exists(f_, t)) return;
    const std::string topts = ids(t + "/options");
    const std::string dates = ids(t + "/dates");
    label(t + "/day", {dates});
    for (const char* d : {"median", "lower_50", "upper_50", "lower_90", "upper_90", "log_mean"})
      label(t + "/" + d, {dates, topts});
    if (h5::is_dataset(f_, t + "/polls/pollster")) {
      const std::string polls = bare(t + "/polls/poll", dims(t + "/polls/pollster")[0]);
      for (const char* d : {"pollster", "date", "weight"}) label(t + "/polls/" + d, {polls});
      label(t + "/polls/percent", {polls, topts});
    }
  }

  void draws() {
    const std::string d = "/draws";
    if (!h5::is_dataset(f_, d + "/shares")) return;
    const std::string draw = bare(d + "/draw", dims(d + "/shares")[0]);
    label(d + "/shares", {draw, "/options"});
    label(d + "/seats", {draw, ids(d + "/bodies"), "/options"});
  }

  void sweep() {
    const std::string s = "/sweep";
    Axes lead{ids(s + "/thresholds")};
    if (h5::is_dataset(f_, s + "/methods")) lead.push_back(ids(s + "/methods"));
    for (const std::string& m : h5::members(h5::open_group(f_, s)))
      if (!h5::is_dataset(f_, s + "/" + m)) body(s + "/" + m, lead);
  }

  // Calls fn with the path of every dataset directly in group `g` (when it exists).
  void each(const std::string& g, const std::function<void(const std::string&)>& fn) {
    if (!h5::exists(f_, g) || h5::is_dataset(f_, g)) return;
    for (const std::string& m : h5::members(h5::open_group(f_, g)))
      if (h5::is_dataset(f_, g + "/" + m) && !h5::is_scale(f_, g + "/" + m)) fn(g + "/" + m);
  }
  void each_below(const std::string& g, const std::function<void(const std::string&)>& fn) {
    each(g, fn);
    each_group(g, [&](const std::string& sub) { each_below(sub, fn); });
  }
  void each_group(const std::string& g, const std::function<void(const std::string&)>& fn) {
    if (!h5::exists(f_, g) || h5::is_dataset(f_, g)) return;
    for (const std::string& m : h5::members(h5::open_group(f_, g)))
      if (!h5::is_dataset(f_, g + "/" + m)) fn(g + "/" + m);
  }

  // Every axis still without a scale, anywhere: a dimension without values named after
  // the dataset, so that every dataset opens as a labelled array.
  void fallback(const std::string& g) {
    const std::vector<std::string> names =
        g.empty() ? h5::members(f_) : h5::members(h5::open_group(f_, g));
    for (const std::string& m : names) {
      const std::string p = g + "/" + m;
      if (!h5::is_dataset(f_, p)) {
        fallback(p);
        continue;
      }
      if (h5::is_scale(f_, p)) continue;
      const std::vector<hsize_t> d = dims(p);
      for (std::size_t k = 0; k < d.size(); ++k)
        if (!h5::has_scale(f_, p, static_cast<unsigned>(k))) {
          const std::string name = bare(p + "_dim" + std::to_string(k), d[k]);
          if (!name.empty()) h5::attach_scale(f_, p, name, static_cast<unsigned>(k));
        }
    }
  }

  const h5::Handle& f_;
  hsize_t options_ = 0;
};

}  // namespace

void label_dimensions(const h5::Handle& file) {
  Labeller(file).run();
}

}  // namespace seatcast
