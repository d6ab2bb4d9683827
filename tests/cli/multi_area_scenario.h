// A small synthetic multi-area scenario for end-to-end determinism tests (threads,
// shards, MPI ranks): 9 provinces in 3 regions, each level drawn with noise of its own
// (the provinces' partly shared within a region), and stages at every level: a national
// 5% filter with an exempt regional list, a 3% filter per province after it, D'Hondt in
// the provinces, Sainte-Laguë among lists with a full quota in the regions, Hare at the
// nation and one plurality seat. Quick to run: a few thousand draws in blocks of 1000.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace seatcast::testing {

// Writes multi.toml and its CSVs into `dir`; returns the scenario's file name.
inline std::string write_multi_area_scenario(const std::filesystem::path& dir) {
  const char* const options[] = {"a", "b", "c", "d", "e", "blank", "null"};
  struct Province {
    const char* id;
    int region;
    int seats;
    std::array<long, 7> votes;
  };
  const Province provinces[] = {
      {"p1", 0, 8, {120000, 90000, 50000, 40000, 30000, 8000, 12000}},
      {"p2", 0, 3, {50000, 42000, 20000, 15000, 18000, 3000, 5000}},
      {"p3", 0, 1, {20000, 21000, 6000, 5000, 9000, 1000, 2000}},
      {"p4", 1, 6, {95000, 80000, 45000, 38000, 0, 7000, 11000}},
      {"p5", 1, 4, {60000, 55000, 30000, 22000, 0, 4000, 6000}},
      {"p6", 1, 2, {30000, 26000, 9000, 8000, 0, 2000, 3000}},
      {"p7", 2, 5, {70000, 52000, 41000, 30000, 0, 5000, 8000}},
      {"p8", 2, 3, {40000, 33000, 20000, 16000, 0, 3000, 5000}},
      {"p9", 2, 1, {15000, 14000, 7000, 5000, 0, 900, 1600}},
  };
  const char* const regions[] = {"r1", "r2", "r3"};
  const int region_seats[] = {4, 3, 3};
  std::array<std::array<long, 7>, 3> region_votes{};
  std::ostringstream pa, pv, ra, rv;
  pa << "area,name,seats,parent\n";
  pv << "area,option,votes\n";
  for (const Province& p : provinces) {
    pa << p.id << ",Province " << p.id << "," << p.seats << "," << regions[p.region] << "\n";
    for (int o = 0; o < 7; ++o) {
      region_votes[p.region][o] += p.votes[o];
      if (p.votes[o] > 0) pv << p.id << "," << options[o] << "," << p.votes[o] << "\n";
    }
  }
  ra << "area,name,seats\n";
  rv << "area,option,votes\n";
  for (int r = 0; r < 3; ++r) {
    ra << regions[r] << ",Region " << regions[r] << "," << region_seats[r] << "\n";
    for (int o = 0; o < 7; ++o)
      if (region_votes[r][o] > 0)
        rv << regions[r] << "," << options[o] << "," << region_votes[r][o] << "\n";
  }
  std::ofstream(dir / "provinces.csv") << pa.str();
  std::ofstream(dir / "province-votes.csv") << pv.str();
  std::ofstream(dir / "regions.csv") << ra.str();
  std::ofstream(dir / "region-votes.csv") << rv.str();
  std::ofstream(dir / "multi.toml")
      << R"(# Synthetic: 9 provinces in 3 regions, stages at every level.
[scenario]
name = "Synthetic multi-area body"

[run]
draws = 6000
seed = 5
block_size = 1000

[[options]]
id = "a"
[[options]]
id = "b"
[[options]]
id = "c"
[[options]]
id = "d"
[[options]]
id = "e"
[[options]]
id = "blank"
kind = "blank"
[[options]]
id = "null"
kind = "invalid"

[model]
type = "dirichlet"
total_votes = 2000000
sample_size = 3000
[model.percent]
a = 34
b = 27
c = 15
d = 12
e = 4
blank = 3
null = 5

[[body]]
id = "house"
name = "House"

[[body.levels]]
id = "region"
areas = "regions.csv"
baseline = "region-votes.csv"
swing = "logit-additive"
noise_sd = 0.05

[[body.levels]]
id = "province"
parent = "region"
areas = "provinces.csv"
baseline = "province-votes.csv"
noise_sd = 0.15
parent_correlation = 0.4

[[body.stages]]
type = "filter"
id = "national"
threshold = 0.05
exempt = ["e"]

[[body.stages]]
type = "filter"
id = "local"
level = "province"
threshold = 0.03
after = ["national"]

[[body.stages]]
type = "allocate"
id = "provinces"
level = "province"
method = "dhondt"
filter = "local"
tie_rule = "more-votes"
area_results = true

[[body.stages]]
type = "allocate"
id = "regions"
level = "region"
method = "sainte-lague"
filter = "national"
threshold = "quota"

[[body.stages]]
type = "allocate"
id = "nation"
seats = 5
method = "hare"
filter = "national"

[[body.stages]]
type = "allocate"
id = "mayor"
seats = 1
method = "plurality"
)";
  return "multi.toml";
}

}  // namespace seatcast::testing
