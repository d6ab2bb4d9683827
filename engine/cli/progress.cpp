#include "engine/cli/progress.h"

#include <fmt/core.h>
#include <unistd.h>

#include <string>

namespace seatcast::cli {

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled && ::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(frac * kWidth);
  fmt::print(stderr, "\r[{}{}] {:5.1f}%  {}/{} draws  ETA {:.0f}s ", std::string(filled, '#'),
             std::string(kWidth - filled, '.'), 100 * frac, done, total, eta);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) fmt::print(stderr, "\r{:80}\r", "");
}

}  // namespace seatcast::cli
