#include "engine/output/results_reader.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <system_error>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/error.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/io/input_error.h"
#include "engine/output/heap_check.h"
#include "engine/output/isolated_read.h"
#include "engine/output/results_file.h"
#include "engine/scenario/limits.h"

namespace seatcast {

const BodyResults* ResultsData::find_body(std::string_view id) const {
  for (const auto& b : bodies)
    if (b.id == id) return &b;
  return nullptr;
}

namespace {

// The largest count dataset a run writes: a histogram of every option over every seat of
// the largest body (engine/scenario/limits.h).
constexpr std::uint64_t kMostCounts = kMaxOptions * (kMaxListSeats + kMaxDistricts + 1);

// Reads one results file, turning every failure into an InputError naming the file and
// the object ("/mazhilis/seats_total") it concerns.
class Reader {
 public:
  Reader(const std::filesystem::path& path, bool partial)
      : path_(path.string()), partial_(partial) {}

  [[noreturn]] void fail(const std::string& object, const std::string& why) const {
    throw InputError(path_, 0, object, why);
  }

  // Runs `read`, reporting an h5::Error as damage to `object`.
  template <class F>
  auto guarded(const std::string& object, F read) const {
    try {
      return read();
    } catch (const h5::Error& e) {
      fail(object, fmt::format("cannot read it ({})", e.what()));
    }
  }

  h5::File open() const {
    std::error_code ec;
    const auto status = std::filesystem::status(path_, ec);
    if (!std::filesystem::exists(status)) fail("", "no such file");
    if (std::filesystem::is_directory(status)) fail("", "is a directory, not a results file");
    if (!h5::is_hdf5(path_)) fail("", "not an HDF5 file, so not a seatcast results file");
    if (const auto why = damaged_global_heap(path_))
      fail("", fmt::format("damaged or truncated HDF5 file ({})", *why));
    try {
      return h5::File::open_read(path_);
    } catch (const h5::Error& e) {
      fail("", fmt::format("damaged or truncated HDF5 file ({})", e.what()));
    }
  }

  template <h5::Element T>
  T attribute(const h5::Handle& loc, const std::string& where, const std::string& name) const {
    if (!h5::has_attribute(loc, name)) fail(where + "@" + name, "missing attribute");
    return guarded(where + "@" + name, [&] { return h5::read_attribute<T>(loc, name); });
  }
  template <h5::Element T>
  T attribute_or(const h5::Handle& loc, const std::string& where, const std::string& name,
                 T fallback) const {
    return h5::has_attribute(loc, name) ? attribute<T>(loc, where, name) : fallback;
  }
  std::string text(const h5::Handle& loc, const std::string& where, const std::string& name) const {
    if (!h5::has_attribute(loc, name)) fail(where + "@" + name, "missing attribute");
    return guarded(where + "@" + name, [&] { return h5::read_string_attribute(loc, name); });
  }
  std::string text_or(const h5::Handle& loc, const std::string& where, const std::string& name,
                      std::string fallback) const {
    return h5::has_attribute(loc, name) ? text(loc, where, name) : std::move(fallback);
  }

  // Refuses a dataset with more elements than a run can write, before reading it: a
  // damaged or hostile file may claim any shape, and reading it would ask for that much
  // memory (found by fuzzing).
  void check_size(const h5::Handle& loc, const std::string& object, std::uint64_t most) const {
    const auto dims = guarded("/" + object, [&] { return h5::dataset_dims(loc, object); });
    std::uint64_t n = 1;
    for (const hsize_t d : dims) {
      if (d > most || (n *= d) > most)
        fail("/" + object,
             fmt::format("has shape {}, more than the {} entries a run writes", shape(dims), most));
    }
  }

  // A 1-D string dataset of `count` entries (any count when count < 0).
  std::vector<std::string> strings(const h5::Handle& loc, const std::string& object,
                                   long count) const {
    if (!h5::exists(loc, object)) fail("/" + object, "missing dataset");
    check_size(loc, object, kMaxOptions);
    auto values = guarded("/" + object, [&] { return h5::read_strings(loc, object); });
    if (count >= 0 && static_cast<long>(values.size()) != count)
      fail("/" + object, fmt::format("holds {} entries, expected {} (one per option in /options)",
                                     values.size(), count));
    return values;
  }

  h5::Array<std::uint64_t> counts(const h5::Handle& file, const std::string& object) const {
    if (!h5::exists(file, object)) fail("/" + object, "missing dataset");
    check_size(file, object, kMostCounts);
    return guarded("/" + object, [&] { return h5::read_dataset<std::uint64_t>(file, object); });
  }

  // A histogram [options, seats + 1] whose every row sums to `draws`.
  SeatHistogram histogram(const h5::Handle& file, const std::string& object, std::size_t options,
                          int seats, std::uint64_t draws, const Ballot& ballot) const {
    auto a = counts(file, object);
    const std::vector<hsize_t> want{options, static_cast<hsize_t>(seats) + 1};
    if (a.dims != want)
      fail("/" + object, fmt::format("has shape {}, expected [{}, {}] ({} options, {} seats + 1)",
                                     shape(a.dims), options, seats + 1, options, seats));
    SeatHistogram h;
    h.options = static_cast<int>(options);
    h.max_seats = seats;
    h.counts = std::move(a.data);
    for (int o = 0; o < h.options; ++o) {
      const auto row = h.row(o);
      const std::uint64_t sum = std::accumulate(row.begin(), row.end(), std::uint64_t{0});
      if (sum != draws)
        fail("/" + object,
             fmt::format("row {} (option '{}') counts {} draws, but the file holds {} draws", o,
                         ballot[o].id, sum, draws));
    }
    return h;
  }

  static std::string shape(const std::vector<hsize_t>& dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
  }

  // A seat count stored as int64: 0 <= value <= 1e6.
  int seat_count(const h5::Handle& g, const std::string& where, const std::string& name,
                 std::int64_t fallback) const {
    const std::int64_t v = attribute_or<std::int64_t>(g, where, name, fallback);
    if (v < 0 || v > 1'000'000) fail(where + "@" + name, fmt::format("{} is not a seat count", v));
    return static_cast<int>(v);
  }

  BodyResults body(const h5::File& file, const std::string& id, const ResultsData& r) const {
    const std::string where = "/" + id;
    const h5::Handle g = guarded(where, [&] { return h5::open_group(file, id); });
    BodyResults b;
    b.id = id;
    b.name = text_or(g, where, "name", id);
    if (!h5::has_attribute(g, "seats")) fail(where + "@seats", "missing attribute");
    b.seats = seat_count(g, where, "seats", 0);
    // Older or foreign writers may omit the tier split: the histogram widths tell it.
    auto width = [&](const char* d) -> std::int64_t {
      const std::string object = id + "/" + d;
      if (!h5::exists(file, object)) fail("/" + object, "missing dataset");
      const auto dims = guarded("/" + object, [&] { return h5::dataset_dims(file, object); });
      return dims.size() == 2 && dims[1] > 0 ? static_cast<std::int64_t>(dims[1]) - 1 : 0;
    };
    b.list_seats = seat_count(g, where, "list_seats", width("seats_pr"));
    b.district_seats = seat_count(g, where, "district_seats", width("seats_district"));
    if (b.list_seats + b.district_seats != b.seats)
      fail(where, fmt::format("{} list seats and {} district seats do not make its {} seats",
                              b.list_seats, b.district_seats, b.seats));
    b.majority = seat_count(g, where, "majority", b.seats / 2 + 1);
    b.two_thirds = seat_count(g, where, "two_thirds", (2 * b.seats + 2) / 3);

    const std::size_t n = r.options.size();
    BodyTally& t = b.tally;
    t.seats_pr = histogram(file, id + "/seats_pr", n, b.list_seats, r.draws, r.options);
    t.seats_district =
        histogram(file, id + "/seats_district", n, b.district_seats, r.draws, r.options);
    t.seats_total = histogram(file, id + "/seats_total", n, b.seats, r.draws, r.options);
    auto passed = counts(file, id + "/passed_threshold");
    if (passed.dims != std::vector<hsize_t>{n})
      fail(where + "/passed_threshold",
           fmt::format("has shape {}, expected [{}] (one per option)", shape(passed.dims), n));
    for (std::size_t o = 0; o < n; ++o)
      if (passed.data[o] > r.draws)
        fail(where + "/passed_threshold",
             fmt::format("option '{}' passed in {} draws, more than the file's {} draws",
                         r.options[o].id, passed.data[o], r.draws));
    t.passed_threshold = std::move(passed.data);

    auto counter = [&](const char* name) {
      const auto v = attribute_or<std::uint64_t>(g, where, name, 0);
      if (v > r.draws)
        fail(where + "@" + name, fmt::format("{} exceeds the file's {} draws", v, r.draws));
      return v;
    };
    t.runner_up_draws = counter("runner_up_draws");
    // The rule's attributes, or (a writer without them) draws in which it acted.
    b.runner_up_rule = h5::has_attribute(g, "runner_up_coefficient") || t.runner_up_draws > 0;
    t.threshold_waived_draws = counter("threshold_waived_draws");
    t.tie_draws = counter("tie_draws");
    t.refused_draws = counter("refused_tie_draws");
    t.runoff_draws = counter("runoff_draws");

    // Optional parts: list statistics and coalitions, when the body has them.
    auto row_histogram = [&](const std::string& object, int max) {
      auto a = counts(file, object);
      if (a.dims != std::vector<hsize_t>{static_cast<hsize_t>(max) + 1})
        fail("/" + object, fmt::format("has shape {}, expected [{}]", shape(a.dims), max + 1));
      SeatHistogram h(1, max);
      h.counts = std::move(a.data);
      return h;
    };
    if (h5::exists(file, id + "/lists")) {
      const h5::Handle lg =
          guarded(where + "/lists", [&] { return h5::open_group(file, id + "/lists"); });
      t.group_seated =
          histogram(file, id + "/lists/group_seated", n, b.list_seats, r.draws, r.options);
      t.women_seated =
          histogram(file, id + "/lists/women_seated", n, b.list_seats, r.draws, r.options);
      t.body_group = row_histogram(id + "/lists/body_group_seated", b.list_seats);
      t.body_women = row_histogram(id + "/lists/body_women_seated", b.list_seats);
      t.vacant = row_histogram(id + "/lists/vacant", b.list_seats);
      const auto v = attribute_or<std::uint64_t>(lg, where + "/lists", "quota_unmet_draws", 0);
      if (v > r.draws) fail(where + "/lists@quota_unmet_draws", "exceeds the file's draws");
      t.quota_unmet_draws = v;
    }
    if (h5::exists(file, id + "/coalitions")) {
      const h5::Handle cg =
          guarded(where + "/coalitions", [&] { return h5::open_group(file, id + "/coalitions"); });
      check_size(cg, "ids", kMostCounts);
      b.coalitions =
          guarded(where + "/coalitions/ids", [&] { return h5::read_strings(cg, "ids"); });
      auto a = counts(file, id + "/coalitions/seats");
      const auto c = static_cast<hsize_t>(b.coalitions.size());
      if (a.dims != std::vector<hsize_t>{c, static_cast<hsize_t>(b.seats) + 1})
        fail(where + "/coalitions/seats", fmt::format("has shape {}", shape(a.dims)));
      t.coalitions = SeatHistogram(static_cast<int>(c), b.seats);
      t.coalitions.counts = std::move(a.data);
    }
    if (h5::exists(file, id + "/pair_seats")) {
      auto a = counts(file, id + "/pair_seats");
      const auto s1 = static_cast<hsize_t>(b.seats) + 1;
      if (a.dims != std::vector<hsize_t>{s1, s1})
        fail(where + "/pair_seats",
             fmt::format("has shape {}, expected [{}, {}]", shape(a.dims), s1, s1));
      if (std::accumulate(a.data.begin(), a.data.end(), std::uint64_t{0}) != r.draws)
        fail(where + "/pair_seats", fmt::format("does not count the file's {} draws", r.draws));
      t.pair = std::move(a.data);
    }
    if (h5::exists(file, id + "/metrics")) t.metrics = metrics(file, id + "/metrics", r.draws);
    return b;
  }

  // The metric histograms of a body: each sums to `draws`; the exact sums in millionths
  // are the attribute sum_micro (files written before it: from the mean, to rounding).
  MetricHistograms metrics(const h5::File& file, const std::string& group,
                           std::uint64_t draws) const {
    std::array<std::vector<std::uint64_t>, kMetricCount> all;
    std::array<MetricHistograms::Sum, kMetricCount> sums{};
    for (Metric m : kMetrics) {
      const std::string object = group + "/" + std::string(to_string(m));
      auto a = counts(file, object);
      const auto bins = static_cast<hsize_t>(bins_of(m).count);
      if (a.dims != std::vector<hsize_t>{bins})
        fail("/" + object, fmt::format("has shape {}, expected [{}]", shape(a.dims), bins));
      if (std::accumulate(a.data.begin(), a.data.end(), std::uint64_t{0}) != draws)
        fail("/" + object, fmt::format("does not count the file's {} draws", draws));
      const h5::Handle d = guarded("/" + object, [&] { return h5::open_dataset(file, object); });
      const auto k = static_cast<std::size_t>(m);
      if (h5::has_attribute(d, "sum_micro")) {
        sums[k] = attribute<std::uint64_t>(d, "/" + object, "sum_micro");
        const auto high = attribute_or<std::uint64_t>(d, "/" + object, "sum_micro_high", 0);
        sums[k] |= static_cast<MetricHistograms::Sum>(high) << 64;
      } else {
        const double mean = attribute_or<double>(d, "/" + object, "mean", 0.0);
        sums[k] = static_cast<std::uint64_t>(std::llround(mean * 1e6 * static_cast<double>(draws)));
      }
      all[k] = std::move(a.data);
    }
    return MetricHistograms::from_parts(std::move(all), sums, draws);
  }

  // A root group is a body when it holds any of a body's datasets or its seats attribute;
  // then all of them must be there.
  bool is_body(const h5::File& file, const std::string& name) const {
    for (const char* d : {"seats_total", "seats_pr", "seats_district", "passed_threshold"})
      if (h5::exists(file, name + "/" + d)) return true;
    if (name == "model" || name == "draws") return false;
    try {
      return h5::has_attribute(h5::open_group(file, name), "seats");
    } catch (const h5::Error&) {
      return false;  // not a group
    }
  }

  ResultsData read() const {
    const h5::File file = open();
    ResultsData r;
    r.path = path_;
    if (!h5::has_attribute(file, "format"))
      fail("/@format", fmt::format("no 'format' attribute: an HDF5 file, but not a seatcast "
                                   "results file (format '{}')",
                                   kResultsFormat));
    r.format = text(file, "/", "format");
    if (r.format != kResultsFormat)
      fail("/@format", fmt::format("format is '{}': not a seatcast results file (format '{}')",
                                   r.format, kResultsFormat));
    r.format_version = attribute<std::uint64_t>(file, "/", "format_version");
    if (r.format_version > kResultsReadableVersion)
      fail("/@format_version",
           fmt::format("format version {} is newer than this seatcast ({}) reads (up to {}); "
                       "use a newer seatcast",
                       r.format_version, seatcast_version(), kResultsReadableVersion));
    if (r.format_version == 0) fail("/@format_version", "format version 0 does not exist");
    // A sweep file (seatcast sweep) shares the format but holds settings, not a run.
    const std::string kind = text_or(file, "/", "kind", "run");
    if (kind == "sweep")
      fail("/@kind",
           "a sweep file (seatcast sweep), not the results of a run: it holds seats per "
           "threshold and method under /sweep; plot it with scripts/plot_sweep.py");
    const bool is_part = kind == kShardKind || kind == kCheckpointKind;
    if (kind != "run" && !is_part)
      fail("/@kind", fmt::format("kind is '{}': not the results of a run", kind));
    if (is_part && !partial_) {
      if (kind == kShardKind)
        fail("/@kind",
             "a shard of a run (seatcast run --shard), not a whole result: combine all the "
             "shards with 'seatcast merge SHARD... -o OUT.h5' and read the merged file");
      fail("/@kind",
           "a checkpoint of an unfinished run, not a result: finish the run with "
           "'seatcast run SCENARIO --resume CHECKPOINT'");
    }
    if (!is_part && partial_)
      fail("/@kind", "a finished run's results, not a shard or a checkpoint");
    r.kind = kind;
    r.processes = attribute_or<std::int64_t>(file, "/", "processes", 1);
    r.shards = attribute_or<std::uint64_t>(file, "/", "shards", 0);
    r.seatcast_version = text_or(file, "/", "seatcast_version", "");
    r.seed = attribute<std::uint64_t>(file, "/", "seed");
    r.draws = attribute<std::uint64_t>(file, "/", "draws");
    if (r.draws == 0 && !is_part) fail("/@draws", "a run of 0 draws has no results");
    r.block_size = attribute_or<std::uint64_t>(file, "/", "block_size", 0);
    r.run_draws = r.draws;
    if (is_part) {
      r.run_draws = attribute<std::uint64_t>(file, "/", "run_draws");
      r.block_begin = attribute<std::uint64_t>(file, "/", "block_begin");
      r.block_end = attribute<std::uint64_t>(file, "/", "block_end");
      if (kind == kShardKind) r.shard = attribute<std::uint64_t>(file, "/", "shard");
      if (r.block_size == 0) fail("/@block_size", "a partial file must record its block size");
      const std::uint64_t first = r.block_begin * r.block_size;
      const std::uint64_t end = std::min(r.run_draws, r.block_end * r.block_size);
      if (r.block_begin > r.block_end || end < first || end - first != r.draws)
        fail("/@draws", fmt::format("{} draws do not fill blocks {} to {} of a {}-draw run",
                                    r.draws, r.block_begin, r.block_end, r.run_draws));
    }
    r.scenario = text(file, "/", "scenario");
    r.scenario_file = text_or(file, "/", "scenario_file", "");
    r.scenario_name = text_or(file, "/", "scenario_name", "");

    const auto ids = strings(file, "options", -1);
    if (ids.empty()) fail("/options", "no ballot options");
    const long n = static_cast<long>(ids.size());
    const auto names = h5::exists(file, "option_names") ? strings(file, "option_names", n) : ids;
    const auto kinds = h5::exists(file, "option_kinds")
                           ? strings(file, "option_kinds", n)
                           : std::vector<std::string>(ids.size(), "party");
    for (long o = 0; o < n; ++o) {
      const auto kind = parse_option_kind(kinds[o]);
      if (!kind)
        fail("/option_kinds", fmt::format("option '{}' has unknown kind '{}'", ids[o], kinds[o]));
      r.options.push_back(BallotOption{ids[o], names[o], *kind});
    }

    const auto members = guarded("/", [&] { return h5::members(file); });
    for (const auto& m : members)
      if (is_body(file, m)) r.bodies.push_back(body(file, m, r));
    if (r.bodies.empty()) fail("", "no elected body (no group with a seats_total dataset)");
    return r;
  }

 private:
  std::string path_;
  bool partial_;  // read shards and checkpoints (and only them)
};

ResultsData read_checked(const std::filesystem::path& path, bool partial) {
  const Reader reader(path, partial);
  try {
    return reader.read();
  } catch (const h5::Error& e) {
    // Damage met outside a guarded read, e.g. a bad checksum found while looking an
    // attribute or an object up (found by fuzzing): still the file's fault, not ours.
    reader.fail("", fmt::format("damaged or truncated HDF5 file ({})", e.what()));
  }
}

}  // namespace

ResultsData read_results(const std::filesystem::path& path) {
  h5::ErrorSilencer silence;
  check_read_in_child(path, [&] { read_checked(path, false); });
  return read_checked(path, false);
}

ResultsData read_partial(const std::filesystem::path& path) {
  h5::ErrorSilencer silence;
  check_read_in_child(path, [&] { read_checked(path, true); });
  return read_checked(path, true);
}

ResultsData read_partial_in_process(const std::filesystem::path& path) {
  h5::ErrorSilencer silence;
  return read_checked(path, true);
}

std::vector<OptionSummary> summarize(const BodyResults& body, std::uint64_t draws) {
  return summarize_tally(body.tally, body.majority, body.two_thirds, draws);
}

}  // namespace seatcast
