// Per-tier and per-area seat distributions in the results file (tiers/<id>/seats,
// tiers/<id>/area_seats), read as a user reads them: the official 2023 Spanish result
// drawn with no randomness must put every draw on the official seats of every
// province; a single-member level's histogram gives the probability that each option
// wins each area, against its analytic value.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

class AreaResultsTest : public CliTest {};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

TEST_F(AreaResultsTest, SpainWithoutNoiseHasTheOfficialSeatsOfEveryProvinceInEveryDraw) {
  // The shipped preset with sigma and the provinces' noise set to 0 and data paths made
  // absolute: every draw is the official count (up to whole-vote rounding of shares,
  // which the official margins survive).
  std::string text = shipped_scenario("scenarios/es/congreso-2023.toml");
  text = replaced(text, "sigma = 0.1", "sigma = 0");
  text = replaced(text, "noise_sd = 0.1", "noise_sd = 0");
  write("es.toml", text);
  const Outcome o = seatcast("run es.toml -n 300 -o es.h5");
  ASSERT_EQ(o.status, 0) << o.err;

  const h5::File f = h5::File::open_read(file("es.h5").string());
  const auto options = h5::read_strings(f, "options");
  const auto areas = h5::read_strings(f, "congreso/levels/province/areas");
  const auto magnitudes = h5::read_dataset<std::int64_t>(f, "congreso/levels/province/seats");
  const auto hist = h5::read_dataset<std::uint64_t>(f, "congreso/tiers/seats/area_seats");
  ASSERT_EQ(areas.size(), 52u);
  ASSERT_EQ(hist.dims.size(), 3u);
  ASSERT_EQ(hist.dims[0], 52u);
  ASSERT_EQ(hist.dims[1], options.size());
  const std::size_t bins = hist.dims[2];
  std::map<std::pair<std::string, std::string>, int> official;
  const auto lines = read_lines(source("scenarios/es/data/congreso-2023-seats.csv"));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::stringstream row(lines[i]);
    std::string area, option, seats;
    std::getline(row, area, ',');
    std::getline(row, option, ',');
    std::getline(row, seats, ',');
    official[{area, option}] = std::stoi(seats);
  }
  int total = 0;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    int area_seats = 0;
    for (std::size_t o = 0; o < options.size(); ++o) {
      const auto it = official.find({areas[a], options[o]});
      const int seats = it == official.end() ? 0 : it->second;
      area_seats += seats;
      ASSERT_LT(static_cast<std::size_t>(seats), bins);
      EXPECT_EQ(hist.data[(a * options.size() + o) * bins + seats], 300u)
          << areas[a] << " " << options[o] << " official " << seats;
    }
    EXPECT_EQ(area_seats, magnitudes.data[a]) << areas[a];
    total += area_seats;
  }
  EXPECT_EQ(total, 350);
  // The one list tier's seats are seats_pr under a second name.
  EXPECT_EQ(h5::read_dataset<std::uint64_t>(f, "congreso/tiers/seats/seats").data,
            h5::read_dataset<std::uint64_t>(f, "congreso/seats_pr").data);
}

TEST_F(AreaResultsTest, SingleMemberAreasGiveEachOptionsChanceOfWinningThem) {
  // Two options, 60:40 in every one of 4 single-member areas, no national randomness;
  // each option's log-share takes its own normal noise of sd 0.5 per area. A wins an
  // area when log 0.6 + 0.5 z1 > log 0.4 + 0.5 z2: P = Phi(log 1.5 / (0.5 sqrt 2)) =
  // 0.7168. 20,000 draws: sd 0.0032; tolerance 0.015 (4.7 sd).
  write("areas.csv", "area,name,seats\nd1,One,1\nd2,Two,1\nd3,Three,1\nd4,Four,1\n");
  write("votes.csv",
        "area,option,votes\nd1,a,60000\nd1,b,40000\nd2,a,60000\nd2,b,40000\n"
        "d3,a,60000\nd3,b,40000\nd4,a,60000\nd4,b,40000\n");
  write("s.toml", R"([scenario]
name = "four single-member areas"
[run]
draws = 20000
seed = 7
[[options]]
id = "a"
[[options]]
id = "b"
[model]
type = "logistic-normal"
percent = { a = 60, b = 40 }
sigma = 0
total_votes = 400000
[[body]]
id = "house"
[[body.levels]]
id = "seat"
areas = "areas.csv"
baseline = "votes.csv"
swing = "proportional"
noise_sd = 0.5
[[body.stages]]
type = "allocate"
id = "fptp"
level = "seat"
method = "plurality"
area_results = true
)");
  const Outcome o = seatcast("run s.toml -o s.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File f = h5::File::open_read(file("s.h5").string());
  const auto hist = h5::read_dataset<std::uint64_t>(f, "house/tiers/fptp/area_seats");
  ASSERT_EQ(hist.dims, (std::vector<hsize_t>{4, 2, 2}));
  const double expected = 0.5 * std::erfc(-std::log(1.5) / (0.5 * std::sqrt(2.0)) / std::sqrt(2.0));
  ASSERT_NEAR(expected, 0.7168, 1e-4);
  for (int a = 0; a < 4; ++a) {
    const auto at = [&](int o, int s) { return hist.data[(a * 2 + o) * 2 + s]; };
    EXPECT_EQ(at(0, 0) + at(0, 1), 20000u);
    EXPECT_EQ(at(0, 1) + at(1, 1), 20000u) << "one winner per area and draw";
    EXPECT_NEAR(at(0, 1) / 20000.0, expected, 0.015) << "area " << a;
  }
  // The tier's own seats: A's total is the sum of its area wins, so its mean is 4 P.
  const auto seats = h5::read_dataset<std::uint64_t>(f, "house/seats_total");
  double mean = 0;
  for (int s = 0; s <= 4; ++s) mean += s * static_cast<double>(seats.data[s]) / 20000.0;
  EXPECT_NEAR(mean, 4 * expected, 0.04);
}

TEST_F(AreaResultsTest, TwoListTiersKeepAHistogramEachBesideTheirSum) {
  // 62:38 with no randomness: 5 national seats by D'Hondt give a 3 (62, 31, 20.7) and
  // b 2 (38, 19); 4 single-member areas by D'Hondt all go to a.
  write("areas.csv", "area,name,seats\nd1,One,1\nd2,Two,1\nd3,Three,1\nd4,Four,1\n");
  write("votes.csv",
        "area,option,votes\nd1,a,62000\nd1,b,38000\nd2,a,62000\nd2,b,38000\n"
        "d3,a,62000\nd3,b,38000\nd4,a,62000\nd4,b,38000\n");
  write("s.toml", R"([scenario]
name = "two list tiers"
[run]
draws = 500
seed = 3
[[options]]
id = "a"
[[options]]
id = "b"
[model]
type = "logistic-normal"
percent = { a = 62, b = 38 }
sigma = 0
total_votes = 400000
[[body]]
id = "house"
[[body.levels]]
id = "seat"
areas = "areas.csv"
baseline = "votes.csv"
[[body.stages]]
type = "allocate"
id = "national"
seats = 5
method = "dhondt"
[[body.stages]]
type = "allocate"
id = "local"
level = "seat"
method = "dhondt"
)");
  const Outcome o = seatcast("run s.toml -o s.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File f = h5::File::open_read(file("s.h5").string());
  const auto national = h5::read_dataset<std::uint64_t>(f, "house/tiers/national/seats");
  const auto local = h5::read_dataset<std::uint64_t>(f, "house/tiers/local/seats");
  const auto pr = h5::read_dataset<std::uint64_t>(f, "house/seats_pr");
  ASSERT_EQ(national.dims, (std::vector<hsize_t>{2, 6}));
  ASSERT_EQ(local.dims, (std::vector<hsize_t>{2, 5}));
  ASSERT_EQ(pr.dims, (std::vector<hsize_t>{2, 10}));
  EXPECT_EQ(national.data[0 * 6 + 3], 500u);
  EXPECT_EQ(national.data[1 * 6 + 2], 500u);
  EXPECT_EQ(local.data[0 * 5 + 4], 500u);
  EXPECT_EQ(local.data[1 * 5 + 0], 500u);
  EXPECT_EQ(pr.data[0 * 10 + 7], 500u);
  EXPECT_EQ(pr.data[1 * 10 + 2], 500u);
  EXPECT_EQ(h5::read_strings(f, "house/tier_order"),
            (std::vector<std::string>{"national", "local"}));
  // summarize reads the layout the file records and agrees.
  const Outcome s = seatcast("summarize s.h5");
  ASSERT_EQ(s.status, 0) << s.err;
}

TEST_F(AreaResultsTest, PolandFrom2019WithoutNoiseGivesTheOfficial2019Seats) {
  // The 2019 vote on the 41 districts, unmoved: every draw is the official count, and
  // the rules give PKW's 2019 seats (PiS 235, KO 134, Lewica 49, PSL 30, Konfederacja
  // 11, MN 1; data/SOURCES.md), the national sums of D'Hondt in every district.
  std::string text = shipped_scenario("scenarios/pl/sejm-2023-from-2019.toml");
  text = replaced(text, "sigma = 0.1", "sigma = 0");
  text = replaced(text, "noise_sd = 0.1", "noise_sd = 0");
  write("pl.toml", text);
  const Outcome o = seatcast("run pl.toml -n 200 -o pl.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File f = h5::File::open_read(file("pl.h5").string());
  const auto options = h5::read_strings(f, "options");
  const auto total = h5::read_dataset<std::uint64_t>(f, "sejm/seats_total");
  const std::map<std::string, int> official = {{"pis", 235}, {"ko", 134},          {"lewica", 49},
                                               {"td", 30},   {"konfederacja", 11}, {"mn", 1}};
  const std::size_t bins = total.dims[1];
  ASSERT_EQ(bins, 461u);
  for (std::size_t o = 0; o < options.size(); ++o) {
    const auto it = official.find(options[o]);
    const int seats = it == official.end() ? 0 : it->second;
    EXPECT_EQ(total.data[o * bins + seats], 200u) << options[o] << " official " << seats;
  }
}

}  // namespace
}  // namespace seatcast::testing
