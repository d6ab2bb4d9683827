// `mpirun -np N seatcast run|sweep`: the ranks' tallies summed are the one-process
// run's, dataset for dataset, whatever N (1, 2, and 3 on this 2-core machine with
// --oversubscribe); kept draws are gathered in draw order; a failing rank fails the run
// with no file. Open MPI refuses root unless told (CI runs as root), and the shared-memory
// transport's single-copy mechanism is unavailable in many containers, so the launches
// set OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM) and OMPI_MCA_btl_vader_single_copy_mechanism=none.
#include <cstdlib>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/file.h"
#include "tests/cli/background.h"
#include "tests/cli/cli_support.h"
#include "tests/cli/h5_compare.h"
#include "tests/cli/multi_area_scenario.h"

namespace seatcast::testing {
namespace {

const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));

class MpiTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    ::setenv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 1);
    ::setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
  }
  // `mpirun -np N seatcast ARGS` in the test directory.
  Outcome mpirun(int n, const std::string& args, const std::string& mpi_options = "") {
    return shell(quote(SEATCAST_MPIEXEC) + " -np " + std::to_string(n) + " " + mpi_options + " " +
                 quote(SEATCAST_EXE) + " " + args);
  }
  void expect_same(const std::string& a, const std::string& b) {
    std::size_t datasets = 0;
    const auto diffs =
        h5_differences(file(a).string(), file(b).string(), {"processes", "threads"}, &datasets);
    EXPECT_TRUE(diffs.empty()) << a << " vs " << b << ": " << diffs.front();
    EXPECT_GT(datasets, 10u);
  }
};

TEST_F(MpiTest, RanksGiveTheOneProcessRunWhateverTheirNumber) {
  const std::string run = "run " + kDefault + " -n 40000 -s 17 -q --keep-draws -t 1";
  ASSERT_EQ(seatcast(run + " -o plain.h5").status, 0);
  for (int n : {1, 2, 3}) {
    const std::string out = "np" + std::to_string(n) + ".h5";
    const Outcome o = mpirun(n, run + " -o " + out, n > 2 ? "--oversubscribe" : "");
    ASSERT_EQ(o.status, 0) << o.err;
    expect_same("plain.h5", out);
    const h5::File f = h5::File::open_read(file(out));
    EXPECT_EQ(h5::read_attribute<std::int64_t>(f, "processes"), n);
  }
  EXPECT_EQ(h5::read_attribute<std::int64_t>(h5::File::open_read(file("plain.h5")), "processes"),
            1);
}

// A multi-area body (levels drawn with noise of their own, stages at every level),
// Spain's 52 provinces, and two compensated houses (New Zealand's, which grows, with its
// house and overhang tallies; Sweden's adjustment seats placed in the valkretsar): ranks
// give the one-process file too.
TEST_F(MpiTest, MultiAreaRanksGiveTheOneProcessRun) {
  const std::string synthetic = write_multi_area_scenario(file("."));
  for (const std::string& scenario : {synthetic, quote(source("scenarios/es/congreso-2023.toml")),
                                      quote(source("scenarios/nz/house-2023.toml")),
                                      quote(source("scenarios/se/riksdag-2022.toml"))}) {
    const std::string run = "run " + scenario + " -n 9000 -s 19 -q --keep-draws -t 1";
    ASSERT_EQ(seatcast(run + " -o plain.h5 --force").status, 0);
    for (int n : {1, 2}) {
      const std::string out = "np" + std::to_string(n) + ".h5";
      const Outcome o = mpirun(n, run + " -o " + out + " --force");
      ASSERT_EQ(o.status, 0) << o.err;
      expect_same("plain.h5", out);
    }
  }
}

TEST_F(MpiTest, OnlyRankZeroPrints) {
  const Outcome o = mpirun(2, "run " + kDefault + " -n 20000 -s 3 -t 1 -o t.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  std::size_t tables = 0;
  for (std::size_t at = o.out.find("Mazhilis: 98 seats"); at != std::string::npos;
       at = o.out.find("Mazhilis: 98 seats", at + 1))
    ++tables;
  EXPECT_EQ(tables, 1u) << o.out;
  EXPECT_NE(o.out.find("processes: 2 (MPI)"), std::string::npos);
}

TEST_F(MpiTest, SweepRanksGiveTheOneProcessSweep) {
  const std::string sweep =
      "sweep " + kDefault +
      " --threshold 0.04:0.07:0.01 --method hare,dhondt -n 30000 -s 8 -q -t 1";
  ASSERT_EQ(seatcast(sweep + " -o plain.h5").status, 0);
  const Outcome o = mpirun(3, sweep + " -o np3.h5", "--oversubscribe");
  ASSERT_EQ(o.status, 0) << o.err;
  expect_same("plain.h5", "np3.h5");
}

TEST_F(MpiTest, AFailingRankFailsTheRunAndLeavesNoFile) {
  // The test hook makes rank 1 fail after its share, as a crashed node's would: rank 0
  // must not write a file from the other ranks' tallies.
  ::setenv("SEATCAST_TEST_FAIL_RANK", "1", 1);
  const Outcome o = mpirun(2, "run " + kDefault + " -n 20000 -s 3 -t 1 -q -o fail.h5",
                           "-x SEATCAST_TEST_FAIL_RANK");
  ::unsetenv("SEATCAST_TEST_FAIL_RANK");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.err.find("rank 1 of 2"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("no result written"), std::string::npos) << o.err;
  EXPECT_EQ(file_count(), 0u);  // neither fail.h5 nor its temporary
}

TEST_F(MpiTest, CtrlCUnderMpirunLeavesNoFile) {
  // Ctrl-C reaches mpirun, which passes it on to the ranks: they stop and write nothing.
  Background job("cd " + quote(dir_.string()) + " && exec " + quote(SEATCAST_MPIEXEC) + " -np 2 " +
                 quote(SEATCAST_EXE) + " run " + kDefault +
                 " -n 100000000 -t 1 -q -o big.h5 >out.txt 2>err.txt");
  ASSERT_TRUE(job.started());
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  ASSERT_TRUE(job.running()) << slurp(file("err.txt"));
  job.signal(SIGINT);
  const int status = job.wait(std::chrono::seconds(30));
  EXPECT_NE(status, 0);
  EXPECT_NE(status, -1);  // it ended
  std::filesystem::remove(file("out.txt"));
  std::filesystem::remove(file("err.txt"));
  EXPECT_EQ(file_count(), 0u);  // neither big.h5 nor a temporary
}

TEST_F(MpiTest, AnExistingOutputStopsEveryRankBeforeAnyWork) {
  write("taken.h5", "keep me");
  const Outcome o = mpirun(2, "run " + kDefault + " -n 20000 -t 1 -q -o taken.h5");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find("exists already"), std::string::npos) << o.err;
  EXPECT_EQ(slurp(file("taken.h5")), "keep me");
}

}  // namespace
}  // namespace seatcast::testing
