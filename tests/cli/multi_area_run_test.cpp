// Multi-area bodies end to end: `seatcast run` gives the same results file, dataset for
// dataset and byte for byte, on 1 and 2 threads, and shards of it merged are the single
// run; for a synthetic body with stages at every level (tests/cli/multi_area_scenario.h)
// and for Spain's 52 provinces (scenarios/es/congreso-2023.toml).
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"
#include "tests/cli/h5_compare.h"
#include "tests/cli/multi_area_scenario.h"

namespace seatcast::testing {
namespace {

class MultiAreaRun : public CliTest {
 protected:
  void expect_same(const std::string& a, const std::string& b,
                   const std::set<std::string>& ignore) {
    std::size_t datasets = 0;
    const auto diffs = h5_differences(file(a).string(), file(b).string(), ignore, &datasets);
    EXPECT_TRUE(diffs.empty()) << a << " vs " << b << ": " << diffs.front();
    EXPECT_GT(datasets, 10u);
  }
};

TEST_F(MultiAreaRun, OneAndTwoThreadsWriteTheSameFile) {
  const std::string run = "run " + write_multi_area_scenario(file(".")) + " -n 6000 -s 3 -q";
  ASSERT_EQ(seatcast(run + " -t 1 --keep-draws -o one.h5").status, 0);
  ASSERT_EQ(seatcast(run + " -t 2 --keep-draws -o two.h5").status, 0);
  expect_same("one.h5", "two.h5", {"threads"});
  // The tiers at every level and the plurality seat were tallied.
  const h5::File f = h5::File::open_read(file("one.h5"));
  for (const char* d : {"house/seats_pr", "house/seats_district", "house/seats_total",
                        "house/passed_threshold", "draws/seats"})
    EXPECT_TRUE(h5::exists(f, d)) << d;
}

TEST_F(MultiAreaRun, ShardsMergedAreTheSingleRun) {
  const std::string synthetic = write_multi_area_scenario(file("."));
  const std::string spain = quote(source("scenarios/es/congreso-2023.toml"));
  // Compensated houses: New Zealand's grows (house, majority and overhang tallies),
  // Sweden's places adjustment seats in its valkretsar.
  const std::string nz = quote(source("scenarios/nz/house-2023.toml"));
  const std::string se = quote(source("scenarios/se/riksdag-2022.toml"));
  // 6000 draws in blocks of 1000 (the synthetic scenario's) and of 4096 (the presets':
  // 9000 draws are 3 blocks), cut into 3 and 2 shards.
  for (const auto& [scenario, draws, shards] :
       {std::tuple{synthetic, 6000, 3}, std::tuple{spain, 9000, 2}, std::tuple{nz, 9000, 3},
        std::tuple{se, 9000, 2}}) {
    const std::string run =
        "run " + scenario + " -n " + std::to_string(draws) + " -s 7 -q --keep-draws";
    ASSERT_EQ(seatcast(run + " -t 2 -o whole.h5 --force").status, 0);
    std::string parts;
    for (int s = shards - 1; s >= 0; --s) {  // any order, any thread count
      const std::string out = "part" + std::to_string(s) + ".h5";
      const Outcome o =
          seatcast(run + " --shard " + std::to_string(s) + "/" + std::to_string(shards) + " -t " +
                   (s % 2 ? "1" : "2") + " -o " + out + " --force");
      ASSERT_EQ(o.status, 0) << o.err;
      parts += " " + out;
    }
    const Outcome m = seatcast("merge" + parts + " -o merged.h5 --force");
    ASSERT_EQ(m.status, 0) << m.err;
    expect_same("whole.h5", "merged.h5", {"processes", "shards", "threads"});
  }
}

}  // namespace
}  // namespace seatcast::testing
