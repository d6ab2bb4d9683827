// Reads in a child process (engine/output/isolated_read.h): whatever the child does (a
// crash, a hang, an abnormal exit) ends in a message for the caller, which survives.
#include "engine/output/isolated_read.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "engine/io/input_error.h"

namespace seatcast {
namespace {

using namespace std::chrono_literals;

TEST(IsolatedRead, AChildKilledBySegfaultIsReportedAndTheCallerLives) {
  const auto why = fails_in_child([] { std::raise(SIGSEGV); }, 10s);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "libhdf5 crashed reading it: SIGSEGV, segmentation fault");
}

TEST(IsolatedRead, AWildPointerInTheChildIsReported) {
  const auto why = fails_in_child(
      [] {
        // Not null (the undefined-behaviour sanitizer would stop at that): unmapped.
        volatile std::uintptr_t address = 16;  // opaque to the compiler's bounds checks
        *reinterpret_cast<volatile int*>(address) = 1;
      },
      10s);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("SIGSEGV"), std::string::npos) << *why;
}

TEST(IsolatedRead, AnAbortIsReported) {
  const auto why = fails_in_child([] { std::abort(); }, 10s);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "libhdf5 crashed reading it: SIGABRT, aborted");
}

TEST(IsolatedRead, AHangIsStoppedAtTheTimeLimit) {
  const auto began = std::chrono::steady_clock::now();
  const auto why = fails_in_child(
      [] {
        for (;;) ::pause();
      },
      300ms);
  const auto took = std::chrono::steady_clock::now() - began;
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "reading it took longer than 0.3 s");
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 5s);
}

TEST(IsolatedRead, AnExitWithoutFinishingIsReported) {
  const auto why = fails_in_child([] { ::_exit(7); }, 10s);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "reading it ended abnormally (exit status 7)");
  // exit(0) from inside the library is no finished read either.
  EXPECT_EQ(fails_in_child([] { std::exit(0); }, 10s),
            std::optional<std::string>("reading it ended abnormally (exit status 0)"));
}

TEST(IsolatedRead, ReturningOrThrowingIsFinished) {
  EXPECT_EQ(fails_in_child([] {}, 10s), std::nullopt);
  EXPECT_EQ(fails_in_child([] { throw InputError("f.h5", 0, "", "refused"); }, 10s), std::nullopt);
  EXPECT_EQ(fails_in_child([] { throw std::runtime_error("any"); }, 10s), std::nullopt);
}

TEST(IsolatedRead, TheChildWorksOnACopy) {
  int touched = 0;
  EXPECT_EQ(fails_in_child([&] { touched = 1; }, 10s), std::nullopt);
  EXPECT_EQ(touched, 0);
}

TEST(IsolatedRead, ANestedGuardRunsInTheSameChild) {
  // The inner call would report a crash if it forked again; in the child it runs the work
  // directly, so the crash kills the outer child and is reported once.
  const auto why = fails_in_child(
      [] {
        const pid_t outer = ::getpid();
        (void)fails_in_child(
            [&] {
              if (::getpid() == outer) std::raise(SIGBUS);
            },
            10s);
      },
      10s);
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "libhdf5 crashed reading it: SIGBUS, bus error");
}

TEST(IsolatedRead, ADamagedFileIsAnInputErrorNamingIt) {
  try {
    check_read_in_child("some/results.h5", [] { std::raise(SIGSEGV); });
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "some/results.h5: damaged results file (libhdf5 crashed reading it: SIGSEGV, "
                 "segmentation fault)");
  }
  EXPECT_NO_THROW(check_read_in_child("some/results.h5", [] {}));
}

TEST(IsolatedRead, TheTimeLimitGrowsWithTheFileAndCanBeSet) {
  ::unsetenv("SEATCAST_READ_TIMEOUT");
  EXPECT_EQ(read_time_limit(0), 60s);
  EXPECT_EQ(read_time_limit(std::uintmax_t{160} << 20), 70s);
  ::setenv("SEATCAST_READ_TIMEOUT", "0.5", 1);
  EXPECT_EQ(read_time_limit(std::uintmax_t{160} << 20), 500ms);
  ::unsetenv("SEATCAST_READ_TIMEOUT");
}

}  // namespace
}  // namespace seatcast
