// `seatcast summarize` end to end: its numbers equal the histograms of the results file
// (recomputed here from the HDF5 data, not by summary.h), its table equals the one `run`
// prints, CSV and JSON are well formed, and anything but an intact seatcast results file
// is refused with exit status 2 and a message naming the file.
#include <cstdint>
#include <functional>
#include <sstream>
#include <vector>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));
const std::string kCsvHeader =
    "body,option,kind,p_passed,p_seats,mean,q05,q25,q50,q75,q95,p_majority,p_two_thirds";

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(text);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  return out;
}

// The summary of one histogram row, straight from the counts with integer arithmetic.
struct Expected {
  double mean = 0, p_seats = 0, p_majority = 0, p_two_thirds = 0, p_passed = 0;
  int q[5] = {};
};

Expected expect_row(const std::uint64_t* row, int width, std::uint64_t draws, int majority,
                    int two_thirds, std::uint64_t passed) {
  Expected e;
  long double sum = 0;
  std::uint64_t seats = 0, maj = 0, two = 0;
  for (int s = 0; s < width; ++s) {
    sum += static_cast<long double>(s) * row[s];
    if (s >= 1) seats += row[s];
    if (s >= majority) maj += row[s];
    if (s >= two_thirds) two += row[s];
  }
  e.mean = static_cast<double>(sum / draws);
  e.p_seats = double(seats) / draws;
  e.p_majority = double(maj) / draws;
  e.p_two_thirds = double(two) / draws;
  e.p_passed = double(passed) / draws;
  const int percent[5] = {5, 25, 50, 75, 95};
  for (int k = 0; k < 5; ++k) {
    std::uint64_t cum = 0;
    int s = 0;
    // The smallest s with cum(s) >= p * draws, exactly: cum * 100 >= percent * draws.
    for (; s < width; ++s) {
      cum += row[s];
      if (cum * 100 >= percent[k] * draws) break;
    }
    e.q[k] = s;
  }
  return e;
}

// Every CSV row of `csv` checked against the histograms of `path`.
void expect_csv_matches_file(const std::string& csv, const std::filesystem::path& path,
                             std::size_t expected_rows) {
  const auto lines = split(csv, '\n');
  ASSERT_EQ(lines.size(), expected_rows + 1) << csv;
  EXPECT_EQ(lines[0], kCsvHeader);
  const h5::File f = h5::File::open_read(path);
  const auto draws = h5::read_attribute<std::uint64_t>(f, "draws");
  const auto options = h5::read_strings(f, "options");
  const auto kinds = h5::exists(f, "option_kinds")
                         ? h5::read_strings(f, "option_kinds")
                         : std::vector<std::string>(options.size(), "party");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = split(lines[i], ',');
    ASSERT_EQ(cells.size(), 13u) << lines[i];
    const std::string& body = cells[0];
    const h5::Handle g = h5::open_group(f, body);
    const auto seats = h5::read_attribute<std::int64_t>(g, "seats");
    const int majority = h5::has_attribute(g, "majority")
                             ? int(h5::read_attribute<std::int64_t>(g, "majority"))
                             : int(seats / 2 + 1);
    const int two_thirds = h5::has_attribute(g, "two_thirds")
                               ? int(h5::read_attribute<std::int64_t>(g, "two_thirds"))
                               : int((2 * seats + 2) / 3);
    const auto hist = h5::read_dataset<std::uint64_t>(g, "seats_total");
    const auto passed = h5::read_dataset<std::uint64_t>(g, "passed_threshold");
    const std::size_t o = (i - 1) % options.size();
    ASSERT_EQ(cells[1], options[o]);
    EXPECT_EQ(cells[2], kinds[o]);
    const int width = int(hist.dims[1]);
    const Expected e = expect_row(hist.data.data() + o * width, width, draws, majority, two_thirds,
                                  passed.data[o]);
    const std::string& id = options[o];
    EXPECT_NEAR(std::stod(cells[3]), e.p_passed, 1e-12) << id;
    EXPECT_NEAR(std::stod(cells[4]), e.p_seats, 1e-12) << id;
    EXPECT_NEAR(std::stod(cells[5]), e.mean, 1e-9) << id;
    for (int k = 0; k < 5; ++k) EXPECT_EQ(std::stoi(cells[6 + k]), e.q[k]) << id << " q" << k;
    EXPECT_NEAR(std::stod(cells[11]), e.p_majority, 1e-12) << id;
    EXPECT_NEAR(std::stod(cells[12]), e.p_two_thirds, 1e-12) << id;
  }
}

class SummarizeTest : public CliTest {
 protected:
  // A fresh run of the Mazhilis scenario into out.h5.
  void run_default(const std::string& extra = "-q") {
    const Outcome o = seatcast("run " + kDefault + " -n 20000 -s 42 -o out.h5 " + extra);
    ASSERT_EQ(o.status, 0) << o.err;
    run_out_ = o.out;
  }

  // Expects summarize of `name` to refuse with exit 2, naming the file and saying `why`.
  void expect_refused(const std::string& name, const std::string& why) {
    for (const char* format : {"table", "csv", "json"}) {
      const Outcome o = seatcast("summarize " + quote(name) + " --format " + format);
      EXPECT_EQ(o.status, 2) << name << ": " << o.out << o.err;
      EXPECT_TRUE(o.out.empty()) << o.out;
      EXPECT_NE(o.err.find("seatcast: error: " + name), std::string::npos) << o.err;
      EXPECT_NE(o.err.find(why), std::string::npos) << "expected '" << why << "' in: " << o.err;
    }
  }

  // A small results file made by hand: 2 options, one body "council" of 3 seats, 10
  // draws, only the datasets and attributes of the contract. `tweak` damages it.
  std::filesystem::path fake(const std::string& name,
                             const std::function<void(const h5::File&, bool&)>& tweak = {}) {
    const auto path = file(name);
    h5::File f = h5::File::create(path);
    bool standard = true;  // the tweak clears it to write format and version itself
    if (tweak) tweak(f, standard);
    if (standard) {
      h5::write_string_attribute(f, "format", "seatcast-results");
      h5::write_attribute<std::uint64_t>(f, "format_version", 1);
    }
    if (!h5::has_attribute(f, "seed")) h5::write_attribute<std::uint64_t>(f, "seed", 5);
    if (!h5::has_attribute(f, "draws")) h5::write_attribute<std::uint64_t>(f, "draws", 10);
    if (!h5::has_attribute(f, "scenario")) h5::write_string_attribute(f, "scenario", "# fake\n");
    if (!h5::exists(f, "options")) h5::write_strings(f, "options", {"a", "b"});
    if (!h5::exists(f, "council")) {
      const h5::Handle g = h5::group(f, "council");
      h5::write_attribute<std::int64_t>(g, "seats", 3);
      const std::vector<std::uint64_t> total{0, 2, 3, 5, 5, 3, 2, 0};
      h5::write_dataset<std::uint64_t>(g, "seats_total", total, {2, 4});
      h5::write_dataset<std::uint64_t>(g, "seats_pr", total, {2, 4});
      h5::write_dataset<std::uint64_t>(g, "seats_district", std::vector<std::uint64_t>{10, 10},
                                       {2, 1});
      h5::write_dataset<std::uint64_t>(g, "passed_threshold", std::vector<std::uint64_t>{10, 5});
    }
    f.close();
    return path;
  }

  std::string run_out_;
};

TEST_F(SummarizeTest, CsvNumbersEqualTheHistograms) {
  run_default();
  const Outcome o = seatcast("summarize out.h5 --format csv");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(o.err.empty()) << o.err;
  expect_csv_matches_file(o.out, file("out.h5"), 9);  // the default scenario has 9 options
  EXPECT_NE(o.out.find("\nmazhilis,amanat,party,"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("\nmazhilis,against_all,against_all,0,0,0,0,0,0,0,0,0,0\n"),
            std::string::npos)
      << o.out;
}

TEST_F(SummarizeTest, CsvAgreesWithTheSummariesStoredByRun) {
  run_default();
  const Outcome o = seatcast("summarize out.h5 --format csv --body mazhilis");
  ASSERT_EQ(o.status, 0) << o.err;
  const auto lines = split(o.out, '\n');
  const h5::File f = h5::File::open_read(file("out.h5"));
  const auto mean = h5::read_dataset<double>(f, "mazhilis/summary/mean").data;
  const auto q50 = h5::read_dataset<std::int32_t>(f, "mazhilis/summary/q50").data;
  const auto p_maj = h5::read_dataset<double>(f, "mazhilis/summary/p_majority").data;
  ASSERT_EQ(lines.size(), mean.size() + 1);
  for (std::size_t i = 0; i < mean.size(); ++i) {
    const auto cells = split(lines[i + 1], ',');
    EXPECT_EQ(std::stod(cells[5]), mean[i]);  // shortest round-trip text: exact
    EXPECT_EQ(std::stoi(cells[8]), q50[i]);
    EXPECT_EQ(std::stod(cells[11]), p_maj[i]);
  }
}

TEST_F(SummarizeTest, TableIsTheTableRunPrinted) {
  run_default("");
  const Outcome o = seatcast("summarize out.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  const auto body_tables = [](const std::string& s) { return s.substr(s.find("\n\n")); };
  ASSERT_NE(run_out_.find("\n\n"), std::string::npos) << run_out_;
  ASSERT_NE(o.out.find("\n\n"), std::string::npos) << o.out;
  EXPECT_EQ(body_tables(o.out), body_tables(run_out_));
  EXPECT_EQ(o.out.rfind("Kazakhstan Mazhilis 2023", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("20000 draws, seed 42"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("results: out.h5\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("majority 50, two thirds 66"), std::string::npos) << o.out;
}

TEST_F(SummarizeTest, JsonParsesAndCarriesTheSameNumbers) {
  run_default();
  const Outcome json = seatcast("summarize out.h5 --format json");
  ASSERT_EQ(json.status, 0) << json.err;
  const Outcome csv = seatcast("summarize out.h5 --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  write("summary.json", json.out);
  write("summary.csv", csv.out);
  // Debian's Python parses the JSON and compares every number with the CSV's.
  const std::string check = R"PY(
import csv, json, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert d["format"] == "seatcast-results" and d["format_version"] == 1, d
assert d["draws"] == 20000 and d["seed"] == 42, d
assert [b["id"] for b in d["bodies"]] == ["mazhilis"], d["bodies"]
b = d["bodies"][0]
assert (b["seats"], b["majority"], b["two_thirds"]) == (98, 50, 66), b
assert set(b["events"]) == {"runner_up_draws", "threshold_waived_draws", "tie_draws",
                            "refused_tie_draws"}, b["events"]
assert len(b["options"]) == len(rows) == 9
for o, r in zip(b["options"], rows):
    assert o["id"] == r["option"] and o["kind"] == r["kind"], (o, r)
    for k in ("p_passed", "p_seats", "mean", "p_majority", "p_two_thirds"):
        assert o[k] == float(r[k]), (k, o, r)
    for k in ("q05", "q25", "q50", "q75", "q95"):
        assert o[k] == int(r[k]), (k, o, r)
assert b["options"][0]["name"] == "Amanat", b["options"][0]
)PY";
  write("check.py", check);
  const std::string cmd =
      "cd " + quote(dir_.string()) + " && /usr/bin/python3 check.py summary.json summary.csv";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << json.out;
  // Structural checks that need no Python.
  EXPECT_EQ(json.out.front(), '{');
  EXPECT_EQ(json.out.substr(json.out.size() - 2), "}\n");
  EXPECT_NE(json.out.find("\"scenario_name\": \"Kazakhstan Mazhilis 2023"), std::string::npos);
}

TEST_F(SummarizeTest, BodyOptionSelectsOrRefuses) {
  run_default();
  const Outcome one = seatcast("summarize out.h5 --format csv --body mazhilis");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(split(one.out, '\n').size(), 10u);  // header + 9 options
  const Outcome none = seatcast("summarize out.h5 --body senate");
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("out.h5"), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("no body 'senate'"), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("mazhilis"), std::string::npos) << none.err;
  const Outcome bad = seatcast("summarize out.h5 --format xml");
  EXPECT_EQ(bad.status, 2);
}

TEST_F(SummarizeTest, AHandMadeFileOfTheContractAlone) {
  fake("fake.h5");
  const Outcome o = seatcast("summarize fake.h5 --format csv");
  ASSERT_EQ(o.status, 0) << o.err;
  expect_csv_matches_file(o.out, file("fake.h5"), 2);
  // a: 1,2,3 seats in 2,3,5 draws; majority and two thirds of 3 seats are both 2.
  EXPECT_NE(o.out.find("\ncouncil,a,party,1,1,2.3,1,2,2,3,3,0.8,0.8\n"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\ncouncil,b,party,0.5,0.5,0.7,0,0,0,1,2,0.2,0.2\n"), std::string::npos)
      << o.out;
  const Outcome t = seatcast("summarize fake.h5");
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_NE(t.out.find("council: 3 seats (3 list, 0 district); majority 2, two thirds 2"),
            std::string::npos)
      << t.out;
}

TEST_F(SummarizeTest, RefusesAMissingFile) {
  expect_refused("absent.h5", "no such file");
}

TEST_F(SummarizeTest, RefusesATextFile) {
  write("notes.h5", "body,option\nmazhilis,amanat\n");
  expect_refused("notes.h5", "not an HDF5 file");
}

TEST_F(SummarizeTest, RefusesATruncatedResultsFile) {
  run_default();
  const std::string whole = slurp(file("out.h5"));
  ASSERT_GT(whole.size(), 1000u);
  std::ofstream(file("cut.h5"), std::ios::binary) << whole.substr(0, 1000);
  expect_refused("cut.h5", "damaged or truncated HDF5 file");
}

TEST_F(SummarizeTest, RefusesTheFirstHalfOfAResultsFile) {
  run_default();
  const std::string whole = slurp(file("out.h5"));
  std::ofstream(file("half.h5"), std::ios::binary) << whole.substr(0, whole.size() / 2);
  expect_refused("half.h5", "damaged or truncated HDF5 file");
}

TEST_F(SummarizeTest, RefusesRandomBytesWithOrWithoutAnHdf5Start) {
  run_default();
  const std::string whole = slurp(file("out.h5"));
  std::string noise(whole.size(), '\0');
  std::uint64_t x = 88172645463325252u;  // xorshift64: the same bytes on every run
  for (char& c : noise) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  std::ofstream(file("noise.h5"), std::ios::binary) << noise;
  expect_refused("noise.h5", "not an HDF5 file");
  // The real signature and superblock (the first 96 bytes), then noise: HDF5 opens it
  // and must find the damage rather than trust it.
  std::ofstream(file("head.h5"), std::ios::binary) << whole.substr(0, 96) + noise.substr(96);
  expect_refused("head.h5", "damaged or truncated HDF5 file");
}

TEST_F(SummarizeTest, RefusesAnHdf5FileThatIsNotSeatcasts) {
  {
    h5::File f = h5::File::create(file("other.h5"));
    h5::write_dataset<double>(f, "x", std::vector<double>{1, 2, 3});
    f.close();
  }
  expect_refused("other.h5", "not a seatcast results file");
  fake("foreign.h5", [](const h5::File& f, bool& standard) {
    standard = false;
    h5::write_string_attribute(f, "format", "netcdf-ish");
  });
  expect_refused("foreign.h5", "format is 'netcdf-ish'");
}

TEST_F(SummarizeTest, RefusesANewerFormatVersion) {
  fake("v2.h5", [](const h5::File& f, bool& standard) {
    standard = false;
    h5::write_string_attribute(f, "format", "seatcast-results");
    h5::write_attribute<std::uint64_t>(f, "format_version", 2);
  });
  expect_refused("v2.h5", "format version 2 is newer");
}

TEST_F(SummarizeTest, RefusesHistogramRowsThatDoNotSumToDraws) {
  fake("rows.h5", [](const h5::File& f, bool&) {
    const h5::Handle g = h5::group(f, "council");
    h5::write_attribute<std::int64_t>(g, "seats", 3);
    const std::vector<std::uint64_t> good{0, 2, 3, 5, 5, 3, 2, 0};
    const std::vector<std::uint64_t> bad{0, 2, 3, 5, 5, 3, 1, 0};  // b: 9 draws
    h5::write_dataset<std::uint64_t>(g, "seats_pr", good, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "seats_district", std::vector<std::uint64_t>{10, 10},
                                     {2, 1});
    h5::write_dataset<std::uint64_t>(g, "seats_total", bad, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "passed_threshold", std::vector<std::uint64_t>{10, 5});
  });
  expect_refused("rows.h5", "field '/council/seats_total': row 1 (option 'b') counts 9 draws");
}

TEST_F(SummarizeTest, RefusesShapesThatDisagreeWithTheOptions) {
  fake("shape.h5", [](const h5::File& f, bool&) {
    h5::write_strings(f, "options", {"a", "b", "c"});
  });
  expect_refused("shape.h5", "has shape [2, 4], expected [3, 4]");
  fake("passed.h5", [](const h5::File& f, bool&) {
    const h5::Handle g = h5::group(f, "council");
    h5::write_attribute<std::int64_t>(g, "seats", 3);
    const std::vector<std::uint64_t> total{0, 2, 3, 5, 5, 3, 2, 0};
    h5::write_dataset<std::uint64_t>(g, "seats_total", total, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "seats_pr", total, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "seats_district", std::vector<std::uint64_t>{10, 10},
                                     {2, 1});
    h5::write_dataset<std::uint64_t>(g, "passed_threshold", std::vector<std::uint64_t>{10, 5, 1});
  });
  expect_refused("passed.h5", "'/council/passed_threshold': has shape [3]");
  fake("names.h5", [](const h5::File& f, bool&) { h5::write_strings(f, "option_names", {"A"}); });
  expect_refused("names.h5", "'/option_names': holds 1 entries, expected 2");
}

TEST_F(SummarizeTest, RefusesMissingDatasets) {
  fake("nopassed.h5", [](const h5::File& f, bool&) {
    const h5::Handle g = h5::group(f, "council");
    h5::write_attribute<std::int64_t>(g, "seats", 3);
    const std::vector<std::uint64_t> total{0, 2, 3, 5, 5, 3, 2, 0};
    h5::write_dataset<std::uint64_t>(g, "seats_total", total, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "seats_pr", total, {2, 4});
    h5::write_dataset<std::uint64_t>(g, "seats_district", std::vector<std::uint64_t>{10, 10},
                                     {2, 1});
  });
  expect_refused("nopassed.h5", "field '/council/passed_threshold': missing dataset");
  fake("nototal.h5", [](const h5::File& f, bool&) {
    const h5::Handle g = h5::group(f, "council");
    h5::write_attribute<std::int64_t>(g, "seats", 3);
  });
  expect_refused("nototal.h5", "missing dataset");
  fake("noseed.h5", [](const h5::File& f, bool&) {
    h5::write_string_attribute(f, "seed", "five");  // present, but not a uint64
  });
  expect_refused("noseed.h5", "field '/@seed': cannot read it");
}

}  // namespace
}  // namespace seatcast::testing

namespace seatcast::testing {
namespace {

// A compensated house is summarised with its seats by law (Sweden: 349, not the 310
// fixed seats plus the 349 of the national apportionment that its tiers hold), as the run
// printed it.
class SummarizeHouse : public CliTest {};

TEST_F(SummarizeHouse, CompensatedHouseKeepsItsSeatsByLaw) {
  const Outcome run = seatcast("run " + quote(source("scenarios/se/riksdag-2022.toml")) +
                               " -n 500 -o se.h5 --quiet");
  ASSERT_EQ(run.status, 0) << run.err;
  const Outcome s = seatcast("summarize se.h5");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("Riksdagen: 349 seats, with compensating list seats"), std::string::npos)
      << s.out;
}

}  // namespace
}  // namespace seatcast::testing
