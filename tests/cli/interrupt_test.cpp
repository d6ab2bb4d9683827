// Interruptions: SIGINT or SIGTERM stop a run within about a second with exit 130 and
// leave no file (neither the result nor its temporary); a run killed outright (SIGKILL)
// and resumed from its checkpoint gives exactly the uninterrupted run's results.
#include <hdf5.h>

#include <chrono>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/file.h"
#include "tests/cli/background.h"
#include "tests/cli/cli_support.h"
#include "tests/cli/h5_compare.h"

namespace seatcast::testing {
namespace {

using namespace std::chrono_literals;

const std::string kBench = quote(source("scenarios/bench/kz-list-dirichlet.toml"));
const std::string kDefault = quote(source("scenarios/kz/mazhilis-2023.toml"));

class InterruptTest : public CliTest {
 protected:
  std::string command(const std::string& args) const {
    return "cd " + quote(dir_.string()) + " && exec " + quote(SEATCAST_EXE) + " " + args + " >" +
           quote((dir_ / "out.txt").string()) + " 2>" + quote((dir_ / "err.txt").string());
  }

  // Files of the test directory with a temporary's name (TARGET.tmp-...).
  std::size_t temporaries() const {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      n += e.path().filename().string().find(".tmp-") != std::string::npos;
    return n;
  }

  // Starts a long run, signals it once it is drawing, and checks how it ends.
  void stop_with(int sig) {
    // 10^8 draws: minutes of work, so the signal surely lands in the middle.
    Background run(command("run " + kDefault + " -n 100000000 -o out.h5 -q"));
    ASSERT_TRUE(run.started());
    std::this_thread::sleep_for(1500ms);  // past the set-up (the poll fit), into the draws
    ASSERT_TRUE(run.running()) << slurp(file("err.txt"));
    const auto sent = std::chrono::steady_clock::now();
    run.signal(sig);
    const int status = run.wait(10s);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
    EXPECT_EQ(status, 130) << slurp(file("err.txt"));
    EXPECT_LT(took, 1.0);
    EXPECT_NE(slurp(file("err.txt")).find("interrupted; no result written"), std::string::npos);
    std::filesystem::remove(file("out.txt"));
    std::filesystem::remove(file("err.txt"));
    EXPECT_EQ(file_count(), 0u);  // no out.h5, no out.h5.tmp-PID
  }
};

TEST_F(InterruptTest, SigintStopsARunWithinASecondLeavingNoFile) {
  stop_with(SIGINT);
}

TEST_F(InterruptTest, SigtermStopsARunWithinASecondLeavingNoFile) {
  stop_with(SIGTERM);
}

TEST_F(InterruptTest, AKilledRunResumedFromItsCheckpointIsTheUninterruptedRun) {
  const std::string args = "run " + kBench + " -n 2000000 -s 99 -q";
  ASSERT_EQ(seatcast(args + " -o whole.h5").status, 0);

  {
    Background run(command(args + " -o resumed.h5 --checkpoint ck.h5 --checkpoint-every 0.05"));
    ASSERT_TRUE(run.started());
    ASSERT_TRUE(run.wait_for_file(file("ck.h5"), 60s)) << slurp(file("err.txt"));
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(10s), 128 + SIGKILL);
  }
  EXPECT_FALSE(std::filesystem::exists(file("resumed.h5")));
  // The checkpoint is a whole file holding a prefix of the run, not all of it.
  std::uint64_t done = 0;
  {
    const h5::File ck = h5::File::open_read(file("ck.h5"));
    EXPECT_EQ(h5::read_string_attribute(ck, "kind"), "checkpoint");
    EXPECT_EQ(h5::read_attribute<std::uint64_t>(ck, "block_begin"), 0u);
    done = h5::read_attribute<std::uint64_t>(ck, "block_end");
  }
  EXPECT_GT(done, 0u);
  EXPECT_LT(done, 2000000u / 4096);  // killed midway
  // A checkpoint is not a result, and resumes only the run it belongs to.
  EXPECT_EQ(seatcast("summarize ck.h5").status, 2);
  Outcome o = seatcast("run " + kBench + " -n 2000000 -s 98 -q -o other.h5 --resume ck.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("ck.h5: field '/@seed'"), std::string::npos) << o.err;
  o = seatcast("run " + kBench + " -n 3000000 -s 99 -q -o other.h5 --resume ck.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("ck.h5: field '/@run_draws'"), std::string::npos) << o.err;
  o = seatcast("run " + kDefault + " -n 2000000 -s 99 -q -o other.h5 --resume ck.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("ck.h5: field '/@scenario'"), std::string::npos) << o.err;
  // A checkpoint of a seatcast whose draws give other votes (draw version 1, recorded
  // by its missing attribute) is not resumed either.
  std::filesystem::copy_file(file("ck.h5"), file("old.h5"));
  {
    const h5::File old = h5::File::open_write(file("old.h5"));
    ASSERT_GE(H5Adelete(old.handle().id(), "draw_version"), 0);
  }
  o = seatcast(args + " -o other.h5 --resume old.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("old.h5: field '/@draw_version'"), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(file("other.h5")));

  // The killed run left its temporary result (written from the start, for kept draws).
  EXPECT_GE(temporaries(), 1u);  // and perhaps a checkpoint's, killed while written
  o = seatcast(args + " -o resumed.h5 --resume ck.h5");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(temporaries(), 0u);  // the resumed run removed it: its writer is gone
  const auto diffs = h5_differences(file("whole.h5").string(), file("resumed.h5").string(), {});
  EXPECT_TRUE(diffs.empty()) << diffs.front();
  EXPECT_FALSE(std::filesystem::exists(file("ck.h5")));  // the finished run needs it no more
}

TEST_F(InterruptTest, TheNextRunToTheSameOutputRemovesWhatAKilledRunLeft) {
  {
    Background run(command("run " + kDefault + " -n 100000000 -o out.h5 -q"));
    ASSERT_TRUE(run.started());
    std::this_thread::sleep_for(1500ms);  // drawing, its temporary file open
    ASSERT_TRUE(run.running()) << slurp(file("err.txt"));
    run.signal(SIGKILL);
    EXPECT_EQ(run.wait(10s), 128 + SIGKILL);
  }
  std::filesystem::remove(file("out.txt"));
  std::filesystem::remove(file("err.txt"));
  ASSERT_EQ(temporaries(), 1u);  // out.h5.tmp-PID-BOOT-HOST, its writer gone
  EXPECT_FALSE(std::filesystem::exists(file("out.h5")));
  // A temporary of a live process (this test's) writing the same target stays.
  const std::string live = "out.h5.tmp-" + std::to_string(::getpid());
  write(live, "being written");
  const Outcome o = seatcast("run " + kBench + " -n 1000 -o out.h5 -q");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(std::filesystem::exists(file("out.h5")));
  EXPECT_EQ(temporaries(), 1u);
  EXPECT_TRUE(std::filesystem::exists(file(live)));
}

TEST_F(InterruptTest, CheckpointOptionsAreChecked) {
  write("ck.h5", "an earlier checkpoint");
  Outcome o = seatcast("run " + kBench + " -n 10000 -q -o r.h5 --checkpoint ck.h5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--resume"), std::string::npos) << o.err;
  o = seatcast("run " + kBench + " -n 10000 -q -o r.h5 --checkpoint c2.h5 --keep-draws");
  EXPECT_EQ(o.status, 2);
  o = seatcast("run " + kBench + " -n 10000 -q -o r.h5 --checkpoint c2.h5 --shard 0/2");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(slurp(file("ck.h5")), "an earlier checkpoint");
  EXPECT_EQ(file_count(), 1u);
}

}  // namespace
}  // namespace seatcast::testing
