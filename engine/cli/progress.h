// A progress bar with an ETA on standard error, shown only when standard error is a
// terminal (never in logs or pipes) and not silenced with --quiet.
#pragma once

#include <chrono>
#include <cstdint>

namespace seatcast::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace seatcast::cli
