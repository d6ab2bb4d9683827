// PendingFile (engine/output/pending_file.h): an output that cannot be written is the
// user's to fix, found before any work; temporaries left by a killed writer are removed
// by the next writer of the same target, and nobody else's are touched.
#include "engine/output/pending_file.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace seatcast {
namespace {

namespace fs = std::filesystem;

class PendingFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("seatcast-pending-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path touch(const std::string& name) const {
    std::ofstream(dir_ / name) << "partial";
    return dir_ / name;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

// A pid that was alive a moment ago and is now gone (its process reaped).
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

// A process that stays alive until killed.
struct LiveProcess {
  LiveProcess() : pid(::fork()) {
    if (pid == 0) {
      for (;;) ::pause();
    }
  }
  ~LiveProcess() {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  pid_t pid;
};

std::string name_of(const fs::path& p) {
  return p.filename().string();
}

TEST_F(PendingFileTest, TheTemporaryNamesTheProcessTheBootAndTheHost) {
  const std::string t = name_of(temporary_name(dir_ / "out.h5", 1234));
  EXPECT_EQ(t.rfind("out.h5.tmp-1234-", 0), 0u) << t;
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  EXPECT_EQ(t.substr(t.size() - std::string(host).size()), host) << t;
  const PendingFile p(dir_ / "out.h5", false);
  EXPECT_EQ(p.temporary(), temporary_name(dir_ / "out.h5", ::getpid()));
}

TEST_F(PendingFileTest, ATemporaryOfADeadProcessIsRemovedOneOfALiveProcessKept) {
  const LiveProcess live;
  const fs::path target = dir_ / "out.h5";
  const fs::path dead = temporary_name(target, dead_pid());
  const fs::path alive = temporary_name(target, live.pid);
  std::ofstream(dead) << "left by kill -9";
  std::ofstream(alive) << "being written";
  const std::string legacy = "out.h5.tmp-" + std::to_string(dead_pid());  // an older seatcast's
  const std::string other = "other.h5.tmp-" + std::to_string(dead_pid()) + "-x-y";
  touch(legacy);
  touch(other);               // another target's
  touch("out.h5.tmp-notes");  // not a temporary's name
  const PendingFile p(target, false);
  std::vector<std::string> want = {name_of(alive), "out.h5.tmp-notes", other};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(names(), want);
}

TEST_F(PendingFileTest, ATemporaryOfAnEarlierBootIsRemovedOneOfAnotherHostKept) {
  const LiveProcess live;
  const fs::path target = dir_ / "out.h5";
  const std::string mine = name_of(temporary_name(target, live.pid));
  // Same host, another boot: the live pid is someone else's now.
  const std::string host = mine.substr(mine.find('-', mine.find('-', 11) + 1) + 1);
  touch("out.h5.tmp-" + std::to_string(live.pid) + "-00000000-" + host);
  // Another host (a shared file system): its process cannot be checked from here.
  touch("out.h5.tmp-" + std::to_string(dead_pid()) + "-00000000-elsewhere.example");
  const auto removed = remove_stale_temporaries(target);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(name_of(removed[0]), "out.h5.tmp-" + std::to_string(live.pid) + "-00000000-" + host);
  ASSERT_EQ(names().size(), 1u);
  EXPECT_NE(names()[0].find("elsewhere.example"), std::string::npos);
}

TEST_F(PendingFileTest, AMissingDirectoryIsTheUsersToFix) {
  fs::current_path(dir_);
  try {
    PendingFile p("nodir/out.h5", false);
    ADD_FAILURE() << "accepted";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "cannot write 'nodir/out.h5': directory 'nodir' does not exist");
  }
  touch("plain");
  EXPECT_THROW(PendingFile("plain/out.h5", false), OutputError);
  fs::create_directory(dir_ / "d");
  try {
    PendingFile p("d", true);
    ADD_FAILURE() << "accepted";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "cannot write 'd': it is a directory");
  }
  EXPECT_EQ(names(), (std::vector<std::string>{"d", "plain"}));  // nothing written
}

}  // namespace
}  // namespace seatcast
