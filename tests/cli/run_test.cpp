// `seatcast run` and `seatcast validate` end to end: the results file's contract, no
// overwriting, nothing left behind on bad input, determinism across thread counts.
#include <numeric>

#include <hdf5.h>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kBench = quote(source("scenarios/bench/kz-list-dirichlet.toml"));
const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));

TEST_F(CliTest, RunWritesTheResultsFileOfTheContract) {
  const Outcome o = seatcast("run " + kDefault + " -n 20000 -s 42 -o out.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("amanat"), std::string::npos);
  EXPECT_NE(o.out.find("98 seats (69 list, 29 district)"), std::string::npos);

  const h5::File f = h5::File::open_read(file("out.h5"));
  EXPECT_EQ(h5::read_string_attribute(f, "format"), "seatcast-results");
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "format_version"), 1u);
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "seed"), 42u);
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "draws"), 20000u);
  EXPECT_EQ(h5::read_string_attribute(f, "scenario"),
            slurp(source("scenarios/kz/mazhilis-2023.toml")));
  const auto options = h5::read_strings(f, "options");
  EXPECT_EQ(options, (std::vector<std::string>{"amanat", "auyl", "respublica", "aq_jol", "qhp",
                                               "jsdp", "baytaq", "against_all", "self_nominated"}));

  // List seats: 9 options x 0..69. A party winning more seats than its list has names
  // leaves them vacant, so the means add up to 69 less the mean vacancies.
  const auto seats = h5::read_dataset<std::uint64_t>(f, "mazhilis/seats_pr");
  ASSERT_EQ(seats.dims, (std::vector<hsize_t>{9, 70}));
  const auto vacant = h5::read_dataset<std::uint64_t>(f, "mazhilis/lists/vacant");
  double mean_vacant = 0;
  for (std::size_t s = 0; s < vacant.data.size(); ++s)
    mean_vacant += double(s) * vacant.data[s] / 20000;
  double mean_sum = 0;
  for (int o = 0; o < 9; ++o) {
    std::uint64_t row = 0;
    for (int s = 0; s < 70; ++s) {
      row += seats.data[o * 70 + s];
      mean_sum += double(s) * seats.data[o * 70 + s] / 20000;
    }
    EXPECT_EQ(row, 20000u) << options[o];
  }
  EXPECT_NEAR(mean_sum + mean_vacant, 69.0, 1e-9);  // every draw gives out all 69 seats
  // "against all" never wins a seat.
  EXPECT_EQ(seats.data[7 * 70 + 0], 20000u);
  const auto passed = h5::read_dataset<std::uint64_t>(f, "mazhilis/passed_threshold");
  ASSERT_EQ(passed.dims, (std::vector<hsize_t>{9}));
  EXPECT_EQ(passed.data[7], 0u);
  EXPECT_GT(passed.data[0], 19900u);
  // Summaries agree with the total-seat histogram.
  const auto total = h5::read_dataset<std::uint64_t>(f, "mazhilis/seats_total");
  ASSERT_EQ(total.dims, (std::vector<hsize_t>{9, 99}));
  const auto mean = h5::read_dataset<double>(f, "mazhilis/summary/mean");
  double amanat = 0;
  for (int s = 0; s < 99; ++s) amanat += double(s) * total.data[s] / 20000;
  EXPECT_NEAR(mean.data[0], amanat, 1e-9);
  const auto p_maj = h5::read_dataset<double>(f, "mazhilis/summary/p_majority");
  std::uint64_t maj = 0;
  for (int s = 50; s < 99; ++s) maj += total.data[s];
  EXPECT_DOUBLE_EQ(p_maj.data[0], double(maj) / 20000);
  EXPECT_EQ(h5::read_attribute<std::int64_t>(h5::open_group(f, "mazhilis"), "majority"), 50);
  // The fitted poll average is recorded.
  EXPECT_EQ(h5::read_dataset<double>(f, "model/covariance").dims, (std::vector<hsize_t>{8, 8}));
  // Districts and lists are recorded.
  EXPECT_EQ(h5::read_strings(f, "mazhilis/districts").size(), 29u);
  EXPECT_EQ(h5::read_dataset<std::uint64_t>(f, "mazhilis/seats_district").dims,
            (std::vector<hsize_t>{9, 30}));
}

TEST_F(CliTest, RunIsIdenticalFor1And2Threads) {
  ASSERT_EQ(seatcast("run " + kBench + " -n 30000 -t 1 -o one.h5 -q").status, 0);
  ASSERT_EQ(seatcast("run " + kBench + " -n 30000 -t 2 -o two.h5 -q").status, 0);
  const h5::File a = h5::File::open_read(file("one.h5"));
  const h5::File b = h5::File::open_read(file("two.h5"));
  for (const char* d : {"mazhilis/seats_pr", "mazhilis/seats_total", "mazhilis/passed_threshold"})
    EXPECT_EQ(h5::read_dataset<std::uint64_t>(a, d).data,
              h5::read_dataset<std::uint64_t>(b, d).data)
        << d;
}

TEST_F(CliTest, RunNeverOverwritesWithoutForce) {
  ASSERT_EQ(seatcast("run " + kBench + " -n 1000 -o out.h5 -q").status, 0);
  const std::string before = slurp(file("out.h5"));
  const Outcome o = seatcast("run " + kBench + " -n 2000 -o out.h5 -q");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--force"), std::string::npos) << o.err;
  EXPECT_EQ(slurp(file("out.h5")), before);
  ASSERT_EQ(seatcast("run " + kBench + " -n 2000 -o out.h5 -q --force").status, 0);
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(h5::File::open_read(file("out.h5")), "draws"), 2000u);
  EXPECT_EQ(file_count(), 1u);  // no temporary file left
}

TEST_F(CliTest, RunOnABadScenarioExits2AndWritesNothing) {
  std::string text = slurp(source("scenarios/bench/kz-list-dirichlet.toml"));
  text.replace(text.find("threshold = 0.05"), 16, "threshold = 1.5");
  write("bad.toml", text);
  const Outcome o = seatcast("run bad.toml -o out.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("bad.toml:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("field 'body[0].list_tier.threshold'"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
  EXPECT_EQ(file_count(), 1u);  // only bad.toml
}

TEST_F(CliTest, RunKeepDrawsStoresEveryDraw) {
  const Outcome o = seatcast("run " + kBench + " -n 5000 -o out.h5 -q --keep-draws");
  ASSERT_EQ(o.status, 0) << o.err;
  const h5::File f = h5::File::open_read(file("out.h5"));
  const auto shares = h5::read_dataset<float>(f, "draws/shares");
  EXPECT_EQ(shares.dims, (std::vector<hsize_t>{5000, 8}));
  const auto seats = h5::read_dataset<std::uint16_t>(f, "draws/seats");
  EXPECT_EQ(seats.dims, (std::vector<hsize_t>{5000, 1, 8}));
  // The kept draws are the histogram's draws: recount amanat's seats from them.
  std::vector<std::uint64_t> counts(70, 0);
  for (hsize_t d = 0; d < 5000; ++d) {
    int sum = 0;
    for (int o = 0; o < 8; ++o) sum += seats.data[d * 8 + o];
    ASSERT_EQ(sum, 69);
    ++counts[seats.data[d * 8]];
  }
  const auto hist = h5::read_dataset<std::uint64_t>(f, "mazhilis/seats_total");
  EXPECT_EQ(std::vector<std::uint64_t>(hist.data.begin(), hist.data.begin() + 70), counts);
}

// Deflate filters of a dataset, counted from its creation property list.
int filter_count(const std::string& path, const char* dataset) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(file, dataset, H5P_DEFAULT);
  const hid_t plist = H5Dget_create_plist(d);
  const int n = H5Pget_nfilters(plist);
  H5Pclose(plist);
  H5Dclose(d);
  H5Fclose(file);
  return n;
}

TEST_F(CliTest, RunCompressesKeptDrawsOnlyWhenAsked) {
  ASSERT_EQ(seatcast("run " + kBench + " -n 9000 -o plain.h5 -q --keep-draws").status, 0);
  ASSERT_EQ(
      seatcast("run " + kBench + " -n 9000 -o small.h5 -q --keep-draws --compress-draws 6").status,
      0);
  EXPECT_EQ(filter_count(file("plain.h5"), "draws/seats"), 0);
  EXPECT_EQ(filter_count(file("small.h5"), "draws/seats"), 2);  // shuffle, deflate
  const h5::File plain = h5::File::open_read(file("plain.h5"));
  const h5::File small = h5::File::open_read(file("small.h5"));
  EXPECT_EQ(h5::read_dataset<float>(plain, "draws/shares").data,
            h5::read_dataset<float>(small, "draws/shares").data);
  EXPECT_EQ(h5::read_dataset<std::uint16_t>(plain, "draws/seats").data,
            h5::read_dataset<std::uint16_t>(small, "draws/seats").data);
  EXPECT_LT(std::filesystem::file_size(file("small.h5")),
            std::filesystem::file_size(file("plain.h5")));
  EXPECT_EQ(seatcast("run " + kBench + " -n 10 -o x.h5 -q --keep-draws --compress-draws 10").status,
            2);
}

TEST_F(CliTest, RunIntoAMissingDirectoryFailsWithoutOutput) {
  const Outcome o = seatcast("run " + kBench + " -n 1000 -o nodir/out.h5 -q");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.err.find("nodir"), std::string::npos) << o.err;
}

TEST_F(CliTest, ValidateAcceptsShippedScenariosAndRefusesBadOnes) {
  for (const char* s :
       {"scenarios/kz/mazhilis-2023.toml", "scenarios/kz/mazhilis-2023-exit-polls.toml",
        "scenarios/bench/kz-list-dirichlet.toml"}) {
    const Outcome o = seatcast("validate " + quote(source(s)));
    EXPECT_EQ(o.status, 0) << s << o.err;
    EXPECT_NE(o.out.find("ok"), std::string::npos);
  }
  write("bad.toml", "[model]\ntype = 3\n");
  const Outcome o = seatcast("validate bad.toml");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("bad.toml"), std::string::npos);
}

}  // namespace
}  // namespace seatcast::testing
