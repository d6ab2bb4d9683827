// Test support: a fresh temporary directory per test (TempDir), the message of an expected
// h5::Error (error_of) and EXPECT_CONTAINS(text, part).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/hdf5/error.h"

namespace seatcast::h5::testing {

// The message of the h5::Error thrown by `f`; records a failure when none is thrown.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no h5::Error thrown";
  return {};
}

inline ::testing::AssertionResult contains(const char* text_expr, const char* part_expr,
                                           const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << text_expr << " (\"" << text << "\") does not contain "
                                       << part_expr << " (\"" << part << "\")";
}

#define EXPECT_CONTAINS(text, part) \
  EXPECT_PRED_FORMAT2(::seatcast::h5::testing::contains, text, part)

// A fresh directory under the system temporary directory for one test, removed afterwards.

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    dir_ = std::filesystem::temp_directory_path() / ("seatcast_h5_" + std::to_string(::getpid()) +
                                                     "_" + std::to_string(counter++) + "_" + name);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path path(const std::string& file) const { return dir_ / file; }

  std::filesystem::path dir_;
};

}  // namespace seatcast::h5::testing
