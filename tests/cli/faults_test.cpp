// `seatcast run` when writing fails: a full disk (a file-size limit, `ulimit -f`, with
// SIGXFSZ ignored so that writes fail with EFBIG as on a full disk) and a directory it
// may not write to. Each must end with a clear message and exit status 1, leave no
// temporary file and no result behind, and leave a previous result untouched.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/file.h"
#include "tests/cli/cli_support.h"

namespace seatcast::testing {
namespace {

const std::string kBench = quote(source("scenarios/bench/kz-list-dirichlet.toml"));

class Faults : public CliTest {
 protected:
  // `seatcast ARGS` with files limited to `blocks` of 512 bytes (POSIX ulimit -f units;
  // /bin/sh is dash or bash, both count so).
  Outcome limited(int blocks, const std::string& args) {
    return seatcast_in_shell("trap '' XFSZ; ulimit -f " + std::to_string(blocks) + "; exec ", args);
  }
  Outcome seatcast_in_shell(const std::string& prefix, const std::string& args) {
    // The shell's redirections happen before the limit, so they are not limited.
    return shell("sh -c " + quote(prefix + quote(SEATCAST_EXE) + " " + args));
  }
  // Names in the test directory that look like a temporary results file.
  int temporaries(const std::filesystem::path& dir) const {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      n += e.path().filename().string().find(".tmp-") != std::string::npos;
    return n;
  }
};

TEST_F(Faults, FullDiskWhileKeepingDrawsExits1AndLeavesNothing) {
  // 50 000 kept draws are 50 000 x 8 x (4 + 2) bytes before compression: far over 64 KiB.
  const Outcome o = limited(128, "run " + kBench + " -n 50000 -o out.h5 -q --keep-draws");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_NE(o.err.find("seatcast: error: cannot write"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("out.h5"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("internal error"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
  EXPECT_EQ(temporaries(dir_), 0);
  EXPECT_EQ(file_count(), 0u);
}

TEST_F(Faults, FullDiskAtTheFinalWriteKeepsThePreviousResult) {
  ASSERT_EQ(seatcast("run " + kBench + " -n 1000 -s 5 -o out.h5 -q").status, 0);
  const std::string before = slurp(file("out.h5"));
  ASSERT_GT(before.size(), 8u * 512u);
  // Without --keep-draws everything is written at the end; 8 blocks are too few for it.
  const Outcome o = limited(8, "run " + kBench + " -n 2000 -s 6 -o out.h5 -q --force");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_NE(o.err.find("seatcast: error: cannot write"), std::string::npos) << o.err;
  EXPECT_EQ(slurp(file("out.h5")), before);  // byte for byte
  EXPECT_EQ(temporaries(dir_), 0);
  EXPECT_EQ(file_count(), 1u);
}

TEST_F(Faults, UnderTheLimitTheSameRunSucceeds) {
  // The wrapper itself is not what fails: with room enough the run goes through.
  const Outcome o = limited(1 << 20, "run " + kBench + " -n 2000 -o out.h5 -q");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(std::filesystem::exists(file("out.h5")));
}

TEST_F(Faults, ReadOnlyDirectoryExits1AndKeepsThePreviousResult) {
  const auto ro = dir_ / "ro";
  std::filesystem::create_directory(ro);
  ASSERT_EQ(seatcast("run " + kBench + " -n 1000 -o ro/out.h5 -q").status, 0);
  const std::string before = slurp(ro / "out.h5");
  ::chmod(ro.c_str(), 0555);
  if (::access(ro.c_str(), W_OK) == 0) {
    ::chmod(ro.c_str(), 0755);
    GTEST_SKIP() << "running as root (or with CAP_DAC_OVERRIDE): permissions do not bite; "
                    "UnwritableDirectoryExits1 covers a directory nobody may write";
  }
  const Outcome o = seatcast("run " + kBench + " -n 2000 -o ro/out.h5 -q --force");
  ::chmod(ro.c_str(), 0755);
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_NE(o.err.find("seatcast: error: cannot write"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("ro/out.h5"), std::string::npos) << o.err;
  EXPECT_EQ(slurp(ro / "out.h5"), before);
  EXPECT_EQ(temporaries(ro), 0);
}

TEST_F(Faults, UnwritableDirectoryExits1) {
  // /proc refuses new files to everyone, root included: the case root's tests can make.
  ASSERT_TRUE(std::filesystem::is_directory("/proc"));
  const Outcome o = seatcast("run " + kBench + " -n 1000 -o /proc/seatcast-out.h5 -q");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_NE(o.err.find("seatcast: error: cannot write"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("/proc/seatcast-out.h5"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists("/proc/seatcast-out.h5"));
}

}  // namespace
}  // namespace seatcast::testing
