// seatcast's random engine: Philox4x32-10 (engine/random/philox.h) read as a stream of
// 64-bit words, buffered 128 at a time and filled with the processor's vector units.
//
// A stream is named by a 64-bit key and a 64-bit substream; its words are numbered, and
// word n is the same whichever way the stream is read (one at a time, in bulk through
// take(), after a copy), so a block's numbers depend on nothing but (key, substream).
// Beside the main words each stream has a spill sequence (the same key and substream,
// positions from 2^63 on) for samplers that reject: a rejected candidate draws its
// retries from the spill, so a sampler takes exactly one main word per variate and a
// batch of variates can be computed side by side (engine/random/normal.h).
//
// Satisfies UniformRandomBitGenerator, so Boost.Random's distributions accept it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/random/philox.h"

namespace seatcast::random {

class Engine {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  Engine() : Engine(0) {}
  explicit Engine(std::uint64_t key, std::uint64_t substream = 0)
      : key_(key), substream_(substream) {}

  result_type operator()() {
    if (pos_ == kWords) refill();
    return words_[pos_++];
  }

  // The next n main words, in stream order, as n calls of operator() would give them.
  void take(std::uint64_t* out, std::size_t n) {
    std::size_t have = std::min(n, kWords - pos_);
    std::memcpy(out, words_ + pos_, have * sizeof(std::uint64_t));
    pos_ += have;
    out += have;
    n -= have;
    // Whole buffers straight into out; the buffer's counter moves past them.
    const std::size_t calls = n / kWords * kCalls;
    if (calls > 0) {
      philox::fill(key_, substream_, next_call_, calls, out);
      next_call_ += calls;
      out += 2 * calls;
      n -= 2 * calls;
    }
    if (n > 0) {
      refill();
      std::memcpy(out, words_, n * sizeof(std::uint64_t));
      pos_ = n;
    }
  }

  // The next word of the spill sequence (for rejection paths only).
  result_type spill() {
    if (spill_pos_ == 2) {
      philox::fill(philox::Isa::scalar, key_, substream_, kSpillStart + spill_call_++, 1,
                   spill_words_);
      spill_pos_ = 0;
    }
    return spill_words_[spill_pos_++];
  }

  std::uint64_t key() const { return key_; }
  std::uint64_t substream() const { return substream_; }
  // Main words taken so far (the stream's position).
  std::uint64_t position() const { return 2 * next_call_ - (kWords - pos_); }

  // Throws away the next z main words (cheap: the counter moves).
  void discard(std::uint64_t z) {
    const std::uint64_t target = position() + z;
    next_call_ = target / 2 / kCalls * kCalls;
    pos_ = kWords;
    for (std::uint64_t k = 2 * next_call_; k < target; ++k) (*this)();
  }

  friend bool operator==(const Engine& a, const Engine& b) {
    return a.key_ == b.key_ && a.substream_ == b.substream_ && a.position() == b.position() &&
           a.spill_call_ == b.spill_call_ && a.spill_pos_ == b.spill_pos_;
  }

 private:
  static constexpr std::size_t kCalls = 64;  // four AVX-512 vectors side by side
  static constexpr std::size_t kWords = 2 * kCalls;
  static constexpr std::uint64_t kSpillStart = std::uint64_t{1} << 63;

  void refill() {
    philox::fill(key_, substream_, next_call_, kCalls, words_);
    next_call_ += kCalls;
    pos_ = 0;
  }

  std::uint64_t key_;
  std::uint64_t substream_;
  std::uint64_t next_call_ = 0;  // the first call not yet in words_
  std::size_t pos_ = kWords;     // next unread word of words_
  std::uint64_t spill_call_ = 0;
  std::size_t spill_pos_ = 2;
  std::uint64_t words_[kWords] = {};
  std::uint64_t spill_words_[2] = {};
};

}  // namespace seatcast::random
