// `seatcast sweep` end to end: a setting equal to the scenario's own reproduces `run`'s
// histograms exactly (same draws: common random numbers), 1 and 2 threads give the same
// file contents, a threshold of 0 lets every list with votes pass, a setting against
// itself differs by exactly 0 with standard error 0, bad options exit 2 and write
// nothing, and `summarize` refuses a sweep file with a clear message.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));
constexpr int kListSeats = 69;  // the default scenario's list seats
constexpr int kParties = 7;     // its options that stand as lists

template <h5::Element T>
h5::Array<T> read(const std::filesystem::path& file, const std::string& name) {
  const h5::File f = h5::File::open_read(file);
  return h5::read_dataset<T>(f, name);
}

std::string read_text(const std::filesystem::path& file, const std::string& object,
                      const std::string& attribute) {
  const h5::File f = h5::File::open_read(file);
  if (object == "/") return h5::read_string_attribute(f, attribute);
  return h5::read_string_attribute(h5::open_group(f, object), attribute);
}

// The number of ballot options of a results file (the scenario's, whatever its version).
std::size_t option_count(const std::filesystem::path& file) {
  const h5::File f = h5::File::open_read(file);
  return h5::read_strings(f, "options").size();
}

class SweepTest : public CliTest {};

TEST_F(SweepTest, OwnSettingReproducesRunExactly) {
  const Outcome run = seatcast("run " + kDefault + " -n 12000 -s 7 -t 2 -o run.h5 -q");
  ASSERT_EQ(run.status, 0) << run.err;
  const Outcome sw =
      seatcast("sweep " + kDefault + " --threshold 0:0.1:0.01 -n 12000 -s 7 -t 2 -o sweep.h5 -q");
  ASSERT_EQ(sw.status, 0) << sw.err;

  const std::size_t n = option_count(file("sweep.h5"));
  ASSERT_EQ(option_count(file("run.h5")), n);
  const auto thresholds = read<double>(file("sweep.h5"), "sweep/thresholds");
  ASSERT_EQ(thresholds.dims, (std::vector<hsize_t>{11}));
  EXPECT_EQ(thresholds.data[5], 0.05);
  const auto run_pr = read<std::uint64_t>(file("run.h5"), "mazhilis/seats_pr");
  const auto run_passed = read<std::uint64_t>(file("run.h5"), "mazhilis/passed_threshold");
  const auto pr = read<std::uint64_t>(file("sweep.h5"), "sweep/mazhilis/seats_pr");
  const auto passed = read<std::uint64_t>(file("sweep.h5"), "sweep/mazhilis/passed_threshold");
  ASSERT_EQ(pr.dims, (std::vector<hsize_t>{11, n, kListSeats + 1}));
  ASSERT_EQ(passed.dims, (std::vector<hsize_t>{11, n}));
  const std::size_t row = n * (kListSeats + 1);
  const std::vector<std::uint64_t> own(pr.data.begin() + 5 * row, pr.data.begin() + 6 * row);
  EXPECT_EQ(own, run_pr.data);
  const std::vector<std::uint64_t> own_passed(passed.data.begin() + 5 * n,
                                              passed.data.begin() + 6 * n);
  EXPECT_EQ(own_passed, run_passed.data);
  // And the other settings differ (the threshold matters on these draws).
  const std::vector<std::uint64_t> ten(pr.data.begin() + 10 * row, pr.data.end());
  EXPECT_NE(ten, run_pr.data);

  // The same with a method axis: (0.05, hare) is the scenario's own setting.
  const Outcome m = seatcast("sweep " + kDefault +
                             " --threshold 0.03:0.07:0.02 --method dhondt,hare -n 12000 -s 7 "
                             "-o methods.h5 -q");
  ASSERT_EQ(m.status, 0) << m.err;
  const auto mpr = read<std::uint64_t>(file("methods.h5"), "sweep/mazhilis/seats_pr");
  ASSERT_EQ(mpr.dims, (std::vector<hsize_t>{3, 2, n, kListSeats + 1}));
  const std::size_t at = (1 * 2 + 1) * row;  // threshold 0.05, method hare
  EXPECT_EQ(std::vector<std::uint64_t>(mpr.data.begin() + at, mpr.data.begin() + at + row),
            run_pr.data);
  const h5::File f = h5::File::open_read(file("methods.h5"));
  EXPECT_EQ(h5::read_strings(f, "sweep/methods"), (std::vector<std::string>{"dhondt", "hare"}));
}

TEST_F(SweepTest, AMultiAreaBodySweepsItsFilterAndKeepsEveryTierAndArea) {
  // Spain: the provinces' 3% filter varied (the default threshold stage); the file has
  // the body's total and the per-province seats per setting, and the own setting is
  // the run's, dataset for dataset.
  const std::string es = quote(source("scenarios/es/congreso-2023.toml"));
  const Outcome run = seatcast("run " + es + " -n 400 -s 5 -o run.h5 -q");
  ASSERT_EQ(run.status, 0) << run.err;
  const Outcome sw =
      seatcast("sweep " + es + " --threshold 0.03:0.05:0.02 -n 400 -s 5 -o sw.h5 -q");
  ASSERT_EQ(sw.status, 0) << sw.err;
  EXPECT_EQ(read_text(file("sw.h5"), "sweep/congreso", "threshold_stage"), "three-percent");
  for (const char* d : {"seats_total", "seats_pr", "passed_threshold", "tiers/seats/area_seats"}) {
    const auto whole = read<std::uint64_t>(file("run.h5"), std::string("congreso/") + d);
    const auto swept = read<std::uint64_t>(file("sw.h5"), std::string("sweep/congreso/") + d);
    ASSERT_EQ(swept.dims.size(), whole.dims.size() + 1) << d;
    EXPECT_EQ(swept.dims[0], 2u) << d;
    EXPECT_EQ(
        std::vector<std::uint64_t>(swept.data.begin(), swept.data.begin() + whole.data.size()),
        whole.data)
        << d;
  }
  // A stage that is not there, and a filter given methods: exit 2, nothing written.
  EXPECT_EQ(seatcast("sweep " + es + " --threshold 0.03 --stage nowhere -n 10 -o a.h5 -q").status,
            2);
  const Outcome m = seatcast(
      "sweep " + es + " --threshold 0.03 --stage three-percent --method hare -n 10 -o b.h5 -q");
  EXPECT_EQ(m.status, 2);
  EXPECT_NE(m.err.find("no --method"), std::string::npos) << m.err;
  // Too many settings for the memory: refused before any draw, naming the body's line.
  const Outcome big = shell("SEATCAST_MEMORY_LIMIT=1000000 " + quote(SEATCAST_EXE) + " sweep " +
                            es + " --threshold 0:0.05:0.01 -n 10 -o c.h5 -q");
  EXPECT_EQ(big.status, 2);
  EXPECT_NE(big.err.find("the sweep would need"), std::string::npos) << big.err;
  for (const char* f : {"a.h5", "b.h5", "c.h5"})
    EXPECT_FALSE(std::filesystem::exists(file(f))) << f;
}

TEST_F(SweepTest, OneAndTwoThreadsGiveTheSameFile) {
  const std::string args = " --threshold 0.02:0.08:0.02 --method hare,sainte-lague -n 9000 -s 3 -q";
  ASSERT_EQ(seatcast("sweep " + kDefault + args + " -t 1 -o one.h5").status, 0);
  ASSERT_EQ(seatcast("sweep " + kDefault + args + " -t 2 -o two.h5").status, 0);
  for (const char* name : {"seats_pr", "passed_threshold", "wasted", "gallagher", "runner_up_draws",
                           "threshold_waived_draws", "tie_draws"})
    EXPECT_EQ(read<std::uint64_t>(file("one.h5"), std::string("sweep/mazhilis/") + name).data,
              read<std::uint64_t>(file("two.h5"), std::string("sweep/mazhilis/") + name).data)
        << name;
  for (const char* name : {"mean_seats", "diff_mean", "diff_se", "mean_wasted", "mean_gallagher"})
    EXPECT_EQ(read<double>(file("one.h5"), std::string("sweep/mazhilis/") + name).data,
              read<double>(file("two.h5"), std::string("sweep/mazhilis/") + name).data)
        << name;
}

TEST_F(SweepTest, ZeroThresholdLetsEveryListWithVotesPass) {
  const Outcome o =
      seatcast("sweep " + kDefault + " --threshold 0:0.05:0.05 -n 5000 -s 5 -o zero.h5 -q");
  ASSERT_EQ(o.status, 0) << o.err;
  const std::size_t n = option_count(file("zero.h5"));
  const auto passed = read<std::uint64_t>(file("zero.h5"), "sweep/mazhilis/passed_threshold");
  const h5::File f = h5::File::open_read(file("zero.h5"));
  const auto kinds = h5::read_strings(f, "option_kinds");
  ASSERT_EQ(kinds.size(), n);
  int lists = 0, cut = 0;
  for (std::size_t o2 = 0; o2 < n; ++o2) {
    if (kinds[o2] != "party") {
      EXPECT_EQ(passed.data[o2], 0u) << "option " << o2 << " is not a list";
      continue;
    }
    ++lists;
    EXPECT_EQ(passed.data[o2], 5000u) << "option " << o2;  // the polls give every list votes
    if (passed.data[n + o2] < 5000u) ++cut;                // at 5% some lists miss
  }
  EXPECT_EQ(lists, kParties);
  EXPECT_GT(cut, 0);
  // Nobody is cut off: the only wasted votes at 0% are against all (and any list that won
  // no seat), so the mean is below the 5% setting's.
  const auto wasted = read<double>(file("zero.h5"), "sweep/mazhilis/mean_wasted");
  EXPECT_LT(wasted.data[0], wasted.data[1]);
}

TEST_F(SweepTest, SettingAgainstItselfDiffersByZero) {
  const Outcome o = seatcast("sweep " + kDefault +
                             " --threshold 0.05:0.07:0.02 --method hare,dhondt --reference "
                             "0.07:dhondt -n 6000 -s 9 -o pair.h5 -q");
  ASSERT_EQ(o.status, 0) << o.err;
  const std::size_t n = option_count(file("pair.h5"));
  const auto mean = read<double>(file("pair.h5"), "sweep/mazhilis/diff_mean");
  const auto se = read<double>(file("pair.h5"), "sweep/mazhilis/diff_se");
  const auto seats = read<double>(file("pair.h5"), "sweep/mazhilis/mean_seats");
  ASSERT_EQ(mean.dims, (std::vector<hsize_t>{2, 2, n}));
  const std::size_t ref = 3 * n;  // (0.07, dhondt)
  for (std::size_t k = 0; k < n; ++k) {
    EXPECT_EQ(mean.data[ref + k], 0.0);
    EXPECT_EQ(se.data[ref + k], 0.0);
  }
  // Elsewhere the mean difference is the difference of the means, with a positive error
  // for the parties whose seats move.
  bool moved = false;
  for (std::size_t s = 0; s < 4; ++s)
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = s * n + k;
      EXPECT_NEAR(mean.data[i], seats.data[i] - seats.data[ref + k], 1e-9);
      EXPECT_GE(se.data[i], 0.0);
      moved = moved || se.data[i] > 0;
    }
  EXPECT_TRUE(moved);
  EXPECT_EQ(read_text(file("pair.h5"), "sweep/mazhilis", "reference"), "0.07:dhondt");
  EXPECT_EQ(read_text(file("pair.h5"), "/", "kind"), "sweep");
  EXPECT_EQ(read_text(file("pair.h5"), "/", "format"), "seatcast-results");
}

TEST_F(SweepTest, BadThresholdExitsTwoAndWritesNothing) {
  for (const char* bad : {"0:2:0.1", "0.1:0:0.01", "0:0.1:0", "0:0.1:-0.01", "a:0.1:0.01", "0:0.1",
                          "-0.01:0.1:0.01", "0:1:0.0001", ""}) {
    const Outcome o =
        seatcast("sweep " + kDefault + " --threshold " + quote(bad) + " -n 100 -o bad.h5");
    EXPECT_EQ(o.status, 2) << bad << ": " << o.err;
    EXPECT_NE(o.err.find("--threshold"), std::string::npos) << bad << ": " << o.err;
    EXPECT_EQ(file_count(), 0u) << bad;
  }
  for (const char* args :
       {"--threshold 0:0.1:0.01 --method hare,nonsense",
        "--threshold 0:0.1:0.01 --method hare,hare", "--threshold 0:0.1:0.01 --reference 0.055",
        "--threshold 0:0.1:0.01 --reference 0.05:dhondt", "--threshold 0:0.1:0.01 --body nobody"}) {
    const Outcome o = seatcast("sweep " + kDefault + " " + args + " -n 100 -o bad.h5");
    EXPECT_EQ(o.status, 2) << args << ": " << o.err;
    const std::string option = std::string(args).substr(std::string(args).rfind("--"));
    EXPECT_NE(o.err.find(option.substr(0, option.find(' '))), std::string::npos)
        << args << ": " << o.err;
    EXPECT_EQ(file_count(), 0u) << args;
  }
}

TEST_F(SweepTest, RefusesToOverwriteAndSummarizeRefusesSweepFiles) {
  const std::string args = " --threshold 0.05 -n 2000 -s 1 -o s.h5 -q";
  ASSERT_EQ(seatcast("sweep " + kDefault + args).status, 0);
  const Outcome again = seatcast("sweep " + kDefault + args);
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("s.h5"), std::string::npos) << again.err;
  EXPECT_EQ(seatcast("sweep " + kDefault + args + " --force").status, 0);

  const Outcome s = seatcast("summarize s.h5");
  EXPECT_EQ(s.status, 2);
  EXPECT_NE(s.err.find("s.h5"), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("sweep file"), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("plot_sweep.py"), std::string::npos) << s.err;
}

TEST_F(SweepTest, PrintsTheTable) {
  const Outcome o =
      seatcast("sweep " + kDefault + " --threshold 0.05:0.07:0.02 -n 3000 -s 2 -o t.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("results: t.h5"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("threshold"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("amanat"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("5.0%*"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("7.0%"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Gallagher"), std::string::npos) << o.out;
}

}  // namespace
}  // namespace seatcast::testing
