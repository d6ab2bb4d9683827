// The engine's stream is one numbered sequence: the same words however it is read, and
// a distinct sequence for every (seed, block, stage, substream).
#include "engine/random/engine.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "engine/random/streams.h"

namespace seatcast::random {
namespace {

std::vector<std::uint64_t> one_at_a_time(Engine e, std::size_t n) {
  std::vector<std::uint64_t> out(n);
  for (auto& w : out) w = e();
  return out;
}

TEST(Engine, SameWordsHoweverRead) {
  const std::size_t n = 5000;
  const std::vector<std::uint64_t> ref = one_at_a_time(Engine(42, 3), n);
  // In chunks of awkward sizes through take(), with single reads between.
  Engine e(42, 3);
  std::vector<std::uint64_t> got;
  std::size_t chunk = 1;
  while (got.size() < n) {
    const std::size_t m = std::min(chunk, n - got.size());
    std::vector<std::uint64_t> part(m);
    e.take(part.data(), m);
    got.insert(got.end(), part.begin(), part.end());
    if (got.size() < n) got.push_back(e());
    chunk = chunk * 3 % 101 + 1;
  }
  EXPECT_EQ(got, ref);
  EXPECT_EQ(e.position(), n);
  // A copy mid-stream continues the same stream; discard() skips exactly.
  Engine a(42, 3);
  for (int i = 0; i < 77; ++i) a();
  Engine b = a;
  EXPECT_EQ(a, b);
  EXPECT_EQ(b(), ref[77]);
  Engine c(42, 3);
  c.discard(1234);
  EXPECT_EQ(c(), ref[1234]);
  EXPECT_EQ(c.position(), 1235u);
}

TEST(Engine, SpillIsItsOwnSequence) {
  Engine a(9, 1), b(9, 1);
  for (int i = 0; i < 10; ++i) a.spill();
  // Spill words move no main word.
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a(), b());
  const std::vector<std::uint64_t> first = one_at_a_time(Engine(9, 1), 1000);
  const std::set<std::uint64_t> main_words(first.begin(), first.end());
  Engine s(9, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(main_words.count(s.spill()));
}

// Streams that differ in one coordinate share no word among their first thousands (a
// shared 64-bit word between independent streams has probability about 1e-12 here).
TEST(Engine, KeyingSeparatesStreams) {
  std::set<std::uint64_t> seen;
  std::size_t words = 0;
  for (std::uint64_t seed : {1u, 2u})
    for (std::uint64_t block : {0u, 1u})
      for (Stage stage : {Stage::national_shares, Stage::district_noise})
        for (int sub = -1; sub < 2; ++sub) {
          Engine e = sub < 0 ? make_engine(seed, block, stage)
                             : make_engine(seed, block, stage, static_cast<std::uint64_t>(sub));
          for (int i = 0; i < 2000; ++i) seen.insert(e());
          words += 2000;
        }
  EXPECT_EQ(seen.size(), words);
  EXPECT_EQ(make_engine(5, 6, Stage::tie_lots, 7)(), make_engine(5, 6, Stage::tie_lots, 7)());
}

// TestU01-style smoke tests (TestU01 is not packaged in Debian 12): over 2^24 words,
// each of the 64 bits is set half the time, and consecutive words' top-53-bit uniforms
// are uncorrelated. Bounds at 5 standard errors; a stuck bit or a lag-one dependence
// of 0.2% fails.
TEST(Engine, BitsAndLagOneCorrelation) {
  Engine e = make_engine(20230319, 0, Stage::national_shares);
  const std::size_t n = std::size_t{1} << 24;
  std::vector<std::uint64_t> w(n);
  e.take(w.data(), n);
  std::vector<long> ones(64, 0);
  double sxy = 0, sx = 0, sxx = 0;
  double prev = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (int b = 0; b < 64; ++b) ones[b] += (w[i] >> b) & 1;
    const double u = static_cast<double>(w[i] >> 11) * 0x1.0p-53;
    if (i > 0) sxy += (u - 0.5) * (prev - 0.5);
    sx += u;
    sxx += (u - 0.5) * (u - 0.5);
    prev = u;
  }
  const double half = static_cast<double>(n) / 2, sd = std::sqrt(static_cast<double>(n)) / 2;
  for (int b = 0; b < 64; ++b) EXPECT_LE(std::abs(ones[b] - half), 5 * sd) << "bit " << b;
  EXPECT_NEAR(sx / static_cast<double>(n), 0.5, 5 * std::sqrt(1.0 / 12 / static_cast<double>(n)));
  const double r = sxy / sxx;
  EXPECT_LE(std::abs(r), 5 / std::sqrt(static_cast<double>(n)));
}

}  // namespace
}  // namespace seatcast::random
