// Shards and `seatcast merge`: shards of a run summed are the run, dataset for dataset;
// merge refuses what is not every shard of one run exactly once; partial files are not
// results (summarize refuses them).
#include <hdf5.h>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "tests/cli/cli_support.h"
#include "tests/cli/h5_compare.h"

namespace seatcast::testing {
namespace {

const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));
// 30000 draws are 8 blocks of 4096: shards of 3 hold blocks 0-2, 2-5 and 5-8.
const std::string kRun = "run " + kDefault + " -n 30000 -s 11 -q";

TEST_F(CliTest, ShardsMergedAreTheSingleRunDatasetForDataset) {
  ASSERT_EQ(seatcast(kRun + " --keep-draws -o whole.h5").status, 0);
  // Shards in any order, on any thread count, with their default names.
  for (const char* s : {"2/3 -t 1", "0/3 -t 2", "1/3 -t 1"}) {
    const Outcome o = seatcast(kRun + " --keep-draws --shard " + s);
    ASSERT_EQ(o.status, 0) << o.err;
  }
  {
    const h5::File f = h5::File::open_read(file("mazhilis-2023.shard-1-of-3.h5"));
    EXPECT_EQ(h5::read_string_attribute(f, "kind"), "shard");
    EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "block_begin"), 2u);
    EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "block_end"), 5u);
    EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "draws"), 3u * 4096);
    EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "run_draws"), 30000u);
  }
  const Outcome m = seatcast(
      "merge mazhilis-2023.shard-2-of-3.h5 mazhilis-2023.shard-0-of-3.h5 "
      "mazhilis-2023.shard-1-of-3.h5 -o merged.h5");
  ASSERT_EQ(m.status, 0) << m.err;

  std::size_t datasets = 0;
  const auto diffs = h5_differences(file("whole.h5").string(), file("merged.h5").string(),
                                    {"processes", "shards", "threads"}, &datasets);
  EXPECT_TRUE(diffs.empty()) << diffs.front();
  EXPECT_GT(datasets, 40u);
  const h5::File f = h5::File::open_read(file("merged.h5"));
  // Every kind of tally was compared: histograms, lists, coalitions, the pair, metrics,
  // summaries and the kept draws.
  for (const char* d :
       {"mazhilis/seats_total", "mazhilis/lists/group_seated", "mazhilis/coalitions/seats",
        "mazhilis/pair_seats", "mazhilis/metrics/gallagher", "mazhilis/summary/q50", "draws/shares",
        "draws/seats"})
    EXPECT_TRUE(h5::exists(f, d)) << d;
  EXPECT_FALSE(h5::has_attribute(f, "kind"));
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "shards"), 3u);
  EXPECT_EQ(h5::read_attribute<std::int64_t>(f, "processes"), 3);
  EXPECT_EQ(h5::read_attribute<std::uint64_t>(f, "draws"), 30000u);
  EXPECT_EQ(h5::read_attribute<std::int64_t>(h5::File::open_read(file("whole.h5")), "processes"),
            1);
  // The merged file reads as a result; its summary is the single run's.
  const Outcome a = seatcast("summarize whole.h5 -f csv"),
                b = seatcast("summarize merged.h5 -f csv");
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

// Two shards of one run, the second's root attribute `attribute` removed as a file of an
// older seatcast lacks it: merge refuses the pair, naming the field and `says`.
class MergeRefusal : public CliTest {
 protected:
  void expect_refused_without(const std::string& attribute, const std::string& says) {
    ASSERT_EQ(seatcast(kRun + " --shard 0/2 -o s0.h5").status, 0);
    ASSERT_EQ(seatcast(kRun + " --shard 1/2 -o s1.h5").status, 0);
    {
      const h5::File f = h5::File::open_write(file("s1.h5"));
      ASSERT_GE(H5Adelete(f.handle().id(), attribute.c_str()), 0);
    }
    const Outcome o = seatcast("merge s0.h5 s1.h5 -o m.h5");
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("s1.h5: field '/@" + attribute + "'"), std::string::npos) << o.err;
    EXPECT_NE(o.err.find(says), std::string::npos) << o.err;
    EXPECT_FALSE(std::filesystem::exists(file("m.h5")));
  }
};

// A shard drawn by another generator (mt19937_64, before issue 18: its files have no
// generator attribute) holds another run's numbers: merge refuses it.
TEST_F(MergeRefusal, AShardOfAnotherGenerator) {
  ASSERT_EQ(seatcast(kRun + " -o whole.h5").status, 0);
  EXPECT_EQ(h5::read_string_attribute(h5::File::open_read(file("whole.h5")), "generator"),
            "philox4x32-10");
  expect_refused_without("generator", "mt19937_64");
}

// A shard of a seatcast whose arithmetic from the streams to the votes differs (draw
// version 1: glibc's exp, before the batched one; its files have no draw_version) gives
// other votes from the same numbers: merge refuses it.
TEST_F(MergeRefusal, AShardOfAnotherDrawVersion) {
  ASSERT_EQ(seatcast(kRun + " -o whole.h5").status, 0);
  EXPECT_EQ(
      h5::read_attribute<std::uint64_t>(h5::File::open_read(file("whole.h5")), "draw_version"), 2u);
  expect_refused_without("draw_version", "draw version 1");
}

TEST_F(CliTest, SummarizeRefusesAShardSayingToMerge) {
  ASSERT_EQ(seatcast(kRun + " --shard 0/2 -o s0.h5").status, 0);
  const Outcome o = seatcast("summarize s0.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("seatcast merge"), std::string::npos) << o.err;
}

TEST_F(CliTest, MergeRefusesAnythingButEveryShardOfOneRunOnce) {
  ASSERT_EQ(seatcast(kRun + " --shard 0/3 -o s0.h5").status, 0);
  ASSERT_EQ(seatcast(kRun + " --shard 1/3 -o s1.h5").status, 0);
  ASSERT_EQ(seatcast(kRun + " --shard 2/3 -o s2.h5").status, 0);
  ASSERT_EQ(seatcast("run " + kDefault + " -n 30000 -s 12 -q --shard 2/3 -o seed12.h5").status, 0);
  ASSERT_EQ(seatcast("run " + kDefault + " -n 30000 -s 11 -q --shard 1/2 -o half.h5").status, 0);
  const std::size_t files = file_count();

  Outcome o = seatcast("merge s0.h5 s2.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("shard(s) 1 are not among the files"), std::string::npos) << o.err;
  o = seatcast("merge s0.h5 s1.h5 s1.h5 s2.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("s1.h5: field '/@shard': shard 1 of 3 is given twice"), std::string::npos)
      << o.err;
  o = seatcast("merge s0.h5 s1.h5 seed12.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("seed12.h5: field '/@seed'"), std::string::npos) << o.err;
  o = seatcast("merge s0.h5 s1.h5 half.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("half.h5: field '/@shards'"), std::string::npos) << o.err;
  ASSERT_EQ(seatcast(kRun + " -o whole.h5").status, 0);
  o = seatcast("merge s0.h5 s1.h5 whole.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("whole.h5: field '/@kind'"), std::string::npos) << o.err;
  EXPECT_EQ(file_count(), files + 1);  // whole.h5 only: no merged or temporary file

  // Never over an existing file without --force.
  write("m.h5", "keep me");
  o = seatcast("merge s0.h5 s1.h5 s2.h5 -o m.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(slurp(file("m.h5")), "keep me");
  ASSERT_EQ(seatcast("merge s0.h5 s1.h5 s2.h5 -o m.h5 --force").status, 0);
  EXPECT_TRUE(h5_differences(file("whole.h5").string(), file("m.h5").string(),
                             {"processes", "shards", "threads"})
                  .empty());
}

TEST_F(CliTest, MergeNeedsNoScenarioDataFiles) {
  // A scenario with a poll CSV and a district CSV, copied here and deleted after the
  // shards ran: merge reads the shards alone.
  const std::filesystem::path kz = source("scenarios/kz");
  std::filesystem::copy(kz, file("kz"), std::filesystem::copy_options::recursive);
  const std::string run = "run kz/mazhilis-2023.toml -n 20000 -s 5 -q";
  ASSERT_EQ(seatcast(run + " -o whole.h5").status, 0);
  ASSERT_EQ(seatcast(run + " --shard 0/2 -o a.h5").status, 0);
  ASSERT_EQ(seatcast(run + " --shard 1/2 -o b.h5").status, 0);
  std::filesystem::remove_all(file("kz"));
  const Outcome o = seatcast("merge a.h5 b.h5 -o m.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(h5_differences(file("whole.h5").string(), file("m.h5").string(),
                             {"processes", "shards", "threads"})
                  .empty());
}

TEST_F(CliTest, ShardOptionsAreChecked) {
  for (const char* bad : {"3/3", "1", "a/2", "0/0", "1/2/3"}) {
    const Outcome o = seatcast(kRun + " --shard " + bad + " -o x.h5");
    EXPECT_EQ(o.status, 2) << bad;
    EXPECT_NE(o.err.find("--shard"), std::string::npos) << o.err;
  }
  EXPECT_FALSE(std::filesystem::exists(file("x.h5")));
}

}  // namespace
}  // namespace seatcast::testing
