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
#include "engine/output/tally_datasets.h"
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
// Per-area histograms ([areas, options, seats + 1]) may be larger: 2^26 counts (512 MiB).
constexpr std::uint64_t kMostAreaCounts = std::uint64_t{1} << 26;

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

  h5::Array<std::uint64_t> counts(const h5::Handle& file, const std::string& object,
                                  std::uint64_t most = kMostCounts) const {
    if (!h5::exists(file, object)) fail("/" + object, "missing dataset");
    check_size(file, object, most);
    return guarded("/" + object, [&] { return h5::read_dataset<std::uint64_t>(file, object); });
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
    if (h5::has_attribute(g, "house_seats")) {
      b.house = seat_count(g, where, "house_seats", 0);
      b.house_varies = seat_count(g, where, "house_varies", 0) != 0;
    }
    b.majority = seat_count(g, where, "majority", b.seats / 2 + 1);
    b.two_thirds = seat_count(g, where, "two_thirds", (2 * b.seats + 2) / 3);

    if (h5::exists(file, id + "/coalitions/ids")) {
      const h5::Handle cg =
          guarded(where + "/coalitions", [&] { return h5::open_group(file, id + "/coalitions"); });
      check_size(cg, "ids", kMostCounts);
      b.coalitions =
          guarded(where + "/coalitions/ids", [&] { return h5::read_strings(cg, "ids"); });
    }
    tally::Layout layout;
    std::vector<std::uint64_t> words;
    for (const auto& [kind, path] : tally_entries(file, g, id))
      read_block(file, id, kind, path, b, r, layout, words);
    try {
      b.tally = BodyTally(std::move(layout), std::move(words));
    } catch (const std::invalid_argument& e) {
      fail(where, e.what());
    }
    // The runner-up rule's attributes, or (a writer without them) draws in which it acted.
    b.runner_up_rule =
        h5::has_attribute(g, "runner_up_coefficient") || b.tally.runner_up_draws() > 0;
    return b;
  }

  // The blocks of a body's tally: the layout the file records (tally_layout, "KIND
  // PATH" per block) or, in files written before it, the fixed blocks of that time.
  std::vector<std::pair<tally::Kind, std::string>> tally_entries(const h5::File& file,
                                                                 const h5::Handle& g,
                                                                 const std::string& id) const {
    using tally::Kind;
    const std::string where = "/" + id + "/" + kTallyLayoutDataset;
    std::vector<std::pair<Kind, std::string>> out;
    if (h5::exists(g, kTallyLayoutDataset)) {
      check_size(g, kTallyLayoutDataset, kMostCounts);
      const auto record = guarded(where, [&] { return h5::read_strings(g, kTallyLayoutDataset); });
      for (std::size_t i = 0; i < record.size(); ++i) {
        const auto space = record[i].find(' ');
        const auto kind = space == std::string::npos
                              ? std::nullopt
                              : tally::parse_kind(std::string_view(record[i]).substr(0, space));
        const std::string path = kind ? record[i].substr(space + 1) : "";
        if (!kind || path.empty() || path.find("..") != std::string::npos || path[0] == '/')
          fail(where, fmt::format("entry {} ('{}') is not 'KIND PATH'", i, record[i]));
        out.emplace_back(*kind, path);
      }
      return out;
    }
    for (const char* d : {"seats_pr", "seats_district", "seats_total"})
      out.emplace_back(Kind::histogram, d);
    out.emplace_back(Kind::counts, "passed_threshold");
    for (const char* c : {"@runner_up_draws", "@threshold_waived_draws", "@tie_draws",
                          "@refused_tie_draws", "@runoff_draws"})
      out.emplace_back(Kind::counter, c);
    if (h5::exists(file, id + "/lists")) {
      for (const char* d : {"lists/group_seated", "lists/women_seated", "lists/body_group_seated",
                            "lists/body_women_seated", "lists/vacant"})
        out.emplace_back(Kind::histogram, d);
      out.emplace_back(Kind::counter, "lists@quota_unmet_draws");
    }
    if (h5::exists(file, id + "/coalitions")) out.emplace_back(Kind::histogram, "coalitions/seats");
    if (h5::exists(file, id + "/pair_seats")) out.emplace_back(Kind::joint, "pair_seats");
    if (h5::exists(file, id + "/metrics/" + std::string(to_string(kMetrics[0]))))
      for (Metric m : kMetrics) {
        out.emplace_back(Kind::histogram, "metrics/" + std::string(to_string(m)));
        out.emplace_back(Kind::sum, "metrics/" + std::string(to_string(m)) + "@sum_micro");
      }
    return out;
  }

  // The shape a block every body of these options and seats has must have, or none.
  std::optional<std::vector<hsize_t>> expected_shape(const std::string& path, const BodyResults& b,
                                                     std::size_t n) const {
    const auto pr = static_cast<hsize_t>(b.list_seats) + 1;
    const auto total = static_cast<hsize_t>(b.seats) + 1;
    if (path == "seats_pr" || path == "lists/group_seated" || path == "lists/women_seated")
      return std::vector<hsize_t>{n, pr};
    if (path == "seats_district")
      return std::vector<hsize_t>{n, static_cast<hsize_t>(b.district_seats) + 1};
    if (path == "seats_total") return std::vector<hsize_t>{n, total};
    if (path == "passed_threshold") return std::vector<hsize_t>{n};
    if (path == "lists/body_group_seated" || path == "lists/body_women_seated" ||
        path == "lists/vacant")
      return std::vector<hsize_t>{pr};
    if (path == "coalitions/seats") return std::vector<hsize_t>{b.coalitions.size(), total};
    if (path == "pair_seats") return std::vector<hsize_t>{total, total};
    for (Metric m : kMetrics)
      if (path == "metrics/" + std::string(to_string(m)))
        return std::vector<hsize_t>{static_cast<hsize_t>(bins_of(m).count)};
    return std::nullopt;
  }

  // Reads one block into `layout` and `words`, checking it by its kind: histogram rows
  // and joint blocks count every draw once, counts and counters at most every draw.
  void read_block(const h5::File& file, const std::string& id, tally::Kind kind,
                  const std::string& path, const BodyResults& b, const ResultsData& r,
                  tally::Layout& layout, std::vector<std::uint64_t>& words) const {
    using tally::Kind;
    const std::size_t n = r.options.size();
    const BlockPlace place = place_of(path);
    const std::string object = id + "/" + path;
    const std::string where = "/" + object;
    auto add = [&](std::vector<std::uint64_t> dims, std::span<const std::uint64_t> data) {
      try {
        layout.add(path, kind, std::move(dims), block_attributes(path));
      } catch (const std::invalid_argument& e) {
        fail(where, e.what());
      }
      words.insert(words.end(), data.begin(), data.end());
    };
    if (kind == Kind::counter) {
      const std::string owner = place.object.empty() ? id : id + "/" + place.object;
      std::uint64_t v = 0;
      if (h5::exists(file, owner)) {
        const h5::Handle o = guarded("/" + owner, [&] { return h5::open_group(file, owner); });
        v = attribute_or<std::uint64_t>(o, "/" + owner, place.attribute, 0);
      }
      if (v > r.draws)
        fail("/" + owner + "@" + place.attribute,
             fmt::format("{} exceeds the file's {} draws", v, r.draws));
      const std::uint64_t w[1] = {v};
      add({}, w);
      return;
    }
    if (kind == Kind::sum) {
      const std::string d = id + "/" + place.object;
      if (!h5::exists(file, d)) fail("/" + d, "missing dataset");
      const h5::Handle o = guarded("/" + d, [&] { return h5::open_dataset(file, d); });
      std::uint64_t w[2] = {0, 0};
      if (h5::has_attribute(o, place.attribute)) {
        w[0] = attribute<std::uint64_t>(o, "/" + d, place.attribute);
        w[1] = attribute_or<std::uint64_t>(o, "/" + d, place.attribute + "_high", 0);
      } else {  // written before exact sums: from the mean, to rounding
        const double mean = attribute_or<double>(o, "/" + d, "mean", 0.0);
        w[0] = static_cast<std::uint64_t>(std::llround(mean * 1e6 * static_cast<double>(r.draws)));
      }
      add({}, w);
      return;
    }
    auto a = counts(file, object, path.rfind("tiers/", 0) == 0 ? kMostAreaCounts : kMostCounts);
    if (const auto want = expected_shape(path, b, n); want && a.dims != *want) {
      if (want->size() == 2 &&
          (path == "seats_pr" || path == "seats_district" || path == "seats_total"))
        fail(where, fmt::format("has shape {}, expected [{}, {}] ({} options, {} seats + 1)",
                                shape(a.dims), (*want)[0], (*want)[1], (*want)[0], (*want)[1] - 1));
      fail(where, fmt::format("has shape {}, expected {}", shape(a.dims), shape(*want)));
    }
    if (path.rfind("tiers/", 0) == 0) {  // options on the rows' last axis
      if (a.dims.size() < 2 || a.dims[a.dims.size() - 2] != n)
        fail(where, fmt::format("has shape {}, not one row per option ({})", shape(a.dims), n));
    }
    if (a.dims.empty() || std::find(a.dims.begin(), a.dims.end(), hsize_t{0}) != a.dims.end())
      fail(where, fmt::format("has shape {}, an empty block", shape(a.dims)));
    // Rows are named by option where the first axis is the options.
    auto label = [&](std::size_t row) {
      return a.dims.size() == 2 && a.dims[0] == n && path != "coalitions/seats" &&
                     path != "pair_seats"
                 ? fmt::format("row {} (option '{}')", row, r.options[row].id)
                 : fmt::format("row {}", row);
    };
    if (kind == Kind::histogram) {
      const std::size_t bins = a.dims.back();
      for (std::size_t row = 0; row * bins < a.data.size(); ++row) {
        const auto first = a.data.begin() + static_cast<std::ptrdiff_t>(row * bins);
        const std::uint64_t sum =
            std::accumulate(first, first + static_cast<std::ptrdiff_t>(bins), std::uint64_t{0});
        if (sum != r.draws)
          fail(where, a.dims.size() == 1
                          ? fmt::format("does not count the file's {} draws", r.draws)
                          : fmt::format("{} counts {} draws, but the file holds {} draws",
                                        label(row), sum, r.draws));
      }
    } else if (kind == Kind::joint) {
      if (std::accumulate(a.data.begin(), a.data.end(), std::uint64_t{0}) != r.draws)
        fail(where, fmt::format("does not count the file's {} draws", r.draws));
    } else {
      for (std::size_t i = 0; i < a.data.size(); ++i)
        if (a.data[i] > r.draws)
          fail(where,
               a.dims.size() == 1 && a.dims[0] == n
                   ? fmt::format("option '{}' passed in {} draws, more than the file's {} draws",
                                 r.options[i].id, a.data[i], r.draws)
                   : fmt::format("entry {} counts {} draws, more than the file's {}", i, a.data[i],
                                 r.draws));
    }
    add(std::vector<std::uint64_t>(a.dims.begin(), a.dims.end()), a.data);
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
    r.generator = text_or(file, "/", "generator", "mt19937_64");
    r.draw_version = attribute_or<std::uint64_t>(file, "/", "draw_version", 1);
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
