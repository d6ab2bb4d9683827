// Inputs and outputs a user gets wrong, end to end. A results file that crashes libhdf5
// (found by fuzzing: SIGSEGV inside H5HG_read) is refused as damaged by every command
// that reads one (summarize, merge, run --resume) with exit status 2, no output and no
// file left; an output into a directory that does not exist is refused before any work
// by every command that writes one (run, its checkpoint, sweep, merge), also exit 2.
#include <string>

#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kBench = quote(source("scenarios/bench/kz-list-dirichlet.toml"));
const std::string kCrash =
    "tests/fuzz/crashes/results/global-heap-index-past-the-collection-segfaults-h5hg-read.h5";
// SEATCAST_TEST_CRASH_READ: the child that reads a results file dies of SIGSEGV first, as
// it would inside libhdf5 on a file no check of ours catches.
const std::string kCrashing = "SEATCAST_TEST_CRASH_READ=1 ";
const std::string kCrashed =
    "damaged results file (libhdf5 crashed reading it: SIGSEGV, segmentation fault)\n";

class DamagedInput : public CliTest {
 protected:
  // Refused: exit 2, the message naming the file, nothing on standard output.
  void expect_refused(const Outcome& o, const std::string& message) {
    EXPECT_EQ(o.status, 2) << o.err;
    EXPECT_EQ(o.err, "seatcast: error: " + message);
    EXPECT_EQ(o.out, "");
  }
};

TEST_F(DamagedInput, SummarizeRefusesTheFileThatCrashedLibhdf5) {
  std::filesystem::copy_file(source(kCrash), file("crash.h5"));
  // Found before HDF5 follows the reference (heap check), the crash would be met by the
  // child process otherwise; either way a refusal with exit 2, not SIGSEGV (exit 139).
  const Outcome o = seatcast("summarize crash.h5");
  expect_refused(o, o.err.substr(std::string("seatcast: error: ").size()));
  EXPECT_EQ(o.err.rfind("seatcast: error: crash.h5: ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("which holds no such object: damaged"), std::string::npos) << o.err;
}

TEST_F(DamagedInput, SummarizeTurnsACrashOfTheReadIntoARefusal) {
  ASSERT_EQ(
      seatcast("run " + quote(source("tests/fuzz/tiny-results.toml")) + " -n 64 -q -o r.h5").status,
      0);
  for (const char* format : {"table", "csv", "json"})
    expect_refused(shell(kCrashing + quote(SEATCAST_EXE) + " summarize r.h5 --format " + format),
                   "r.h5: " + kCrashed);
}

TEST_F(DamagedInput, MergeTurnsACrashOfTheReadIntoARefusalAndWritesNothing) {
  const std::string run = "run " + kBench + " -n 20000 -q --shard ";
  ASSERT_EQ(seatcast(run + "0/2 -o s0.h5").status, 0);
  ASSERT_EQ(seatcast(run + "1/2 -o s1.h5").status, 0);
  expect_refused(shell(kCrashing + quote(SEATCAST_EXE) + " merge s0.h5 s1.h5 -o m.h5 -q"),
                 "s0.h5: " + kCrashed);
  EXPECT_EQ(file_count(), 2u);  // no m.h5, no temporary
  ASSERT_EQ(seatcast("merge s0.h5 s1.h5 -o m.h5 -q").status, 0);
}

TEST_F(DamagedInput, ResumeTurnsACrashOfTheReadIntoARefusalAndWritesNothing) {
  std::filesystem::copy_file(source(kCrash), file("crash.h5"));
  const Outcome o = seatcast("run " + kBench + " -n 100000 -q -o out.h5 --resume crash.h5");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_EQ(o.err.rfind("seatcast: error: crash.h5: ", 0), 0u) << o.err;
  expect_refused(shell(kCrashing + quote(SEATCAST_EXE) + " run " + kBench +
                       " -n 100000 -q -o out.h5 --resume crash.h5"),
                 "crash.h5: " + kCrashed);
  EXPECT_EQ(file_count(), 1u);  // crash.h5 alone
}

class MissingDirectory : public CliTest {
 protected:
  void expect_refused(const std::string& args, const std::string& path) {
    const Outcome o = seatcast(args);
    EXPECT_EQ(o.status, 2) << args << "\n" << o.err;
    EXPECT_EQ(o.err,
              "seatcast: error: cannot write '" + path + "': directory 'nodir' does not exist\n")
        << args;
    EXPECT_EQ(o.out, "") << args;
    EXPECT_EQ(file_count(), 0u) << args;
  }
};

TEST_F(MissingDirectory, RunSweepMergeAndCheckpointsRefuseBeforeAnyWork) {
  expect_refused("run " + kBench + " -n 1000 -o nodir/out.h5", "nodir/out.h5");
  expect_refused("run " + kBench + " -n 1000 -o out.h5 --checkpoint nodir/ck.h5", "nodir/ck.h5");
  expect_refused("run " + kBench + " -n 1000 -o out.h5 --resume nodir/ck.h5", "nodir/ck.h5");
  expect_refused("run " + kBench + " -n 1000 --shard 0/2 -o nodir/s.h5", "nodir/s.h5");
  expect_refused("sweep " + kBench + " --threshold 0.05 -n 1000 -o nodir/sw.h5", "nodir/sw.h5");
  // Before the shards are even read (they do not exist either).
  expect_refused("merge a.h5 b.h5 -o nodir/m.h5", "nodir/m.h5");
}

TEST_F(MissingDirectory, ADirectoryAsTheOutputIsRefusedToo) {
  std::filesystem::create_directory(file("d"));
  const Outcome o = seatcast("run " + kBench + " -n 1000 -o d --force -q");
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_EQ(o.err, "seatcast: error: cannot write 'd': it is a directory\n");
}

}  // namespace
}  // namespace seatcast::testing
