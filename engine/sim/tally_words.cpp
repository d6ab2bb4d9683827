#include "engine/sim/tally_words.h"

#include <array>
#include <stdexcept>

namespace seatcast {

namespace {

__extension__ typedef unsigned __int128 UInt128;

// Walks the words of a tally in a fixed order, either writing them out or reading them
// back; `put` and `get` keep the two directions in one listing.
class Words {
 public:
  explicit Words(std::vector<std::uint64_t>* out) : out_(out) {}
  explicit Words(std::span<const std::uint64_t> in) : in_(in) {}

  // Writing out never modifies the tally (to_words walks a const tally).
  void word(std::uint64_t& w) {
    if (out_) {
      out_->push_back(w);
    } else {
      if (at_ >= in_.size()) throw std::invalid_argument("tally words: too few");
      w = in_[at_++];
    }
  }
  void words(std::vector<std::uint64_t>& v) {
    for (auto& w : v) word(w);
  }
  void signed_words(std::vector<std::int64_t>& v) {
    for (auto& x : v) {
      auto w = static_cast<std::uint64_t>(x);
      word(w);
      if (!out_) x = static_cast<std::int64_t>(w);
    }
  }
  // A 128-bit sum as three 42-bit limbs, one a word: words added one by one (MPI_SUM
  // over ranks) then still add up to the sum, for up to 2^22 parts, since each limb has
  // 22 bits of headroom and the carries are resolved when the limbs are put together.
  void limbs(MetricHistograms::Sum& x) {
    constexpr std::uint64_t mask = (std::uint64_t{1} << 42) - 1;
    std::array<std::uint64_t, 3> l = {static_cast<std::uint64_t>(x) & mask,
                                      static_cast<std::uint64_t>(x >> 42) & mask,
                                      static_cast<std::uint64_t>(x >> 84)};
    for (auto& w : l) word(w);
    if (!out_)
      x = static_cast<MetricHistograms::Sum>(l[0]) +
          (static_cast<MetricHistograms::Sum>(l[1]) << 42) +
          (static_cast<MetricHistograms::Sum>(l[2]) << 84);
  }
  void wide_words(std::vector<Int128>& v) {
    for (auto& x : v) {
      const auto u = static_cast<UInt128>(x);
      auto lo = static_cast<std::uint64_t>(u), hi = static_cast<std::uint64_t>(u >> 64);
      word(lo);
      word(hi);
      if (!out_) x = static_cast<Int128>((static_cast<UInt128>(hi) << 64) | lo);
    }
  }
  bool reading() const { return out_ == nullptr; }
  void finish() const {
    if (!out_ && at_ != in_.size()) throw std::invalid_argument("tally words: too many");
  }

 private:
  std::vector<std::uint64_t>* out_ = nullptr;
  std::span<const std::uint64_t> in_;
  std::size_t at_ = 0;
};

// A body's words as its layout lays them out; a sum's two words become three limbs so
// that word-by-word addition still adds the sums.
void walk(Words& w, BodyTally& b) {
  const std::span<std::uint64_t> words = b.words();
  for (const tally::Block& block : b.layout().blocks()) {
    std::uint64_t* at = words.data() + block.offset;
    if (block.kind == tally::Kind::sum) {
      MetricHistograms::Sum x = tally::read_sum(at);
      w.limbs(x);
      if (w.reading()) tally::write_sum(at, x);
    } else {
      for (std::size_t i = 0; i < block.size; ++i) w.word(at[i]);
    }
  }
}

void walk(Words& w, Tally& t) {
  w.word(t.draws);
  for (BodyTally& b : t.bodies) walk(w, b);
  w.finish();
}

void walk(Words& w, SweepTally& t) {
  w.word(t.draws);
  for (BodyTally& b : t.bodies) walk(w, b);
  w.signed_words(t.diff_sum);
  for (auto* v : {&t.diff_sumsq, &t.wasted_sumsq, &t.gallagher_sumsq}) w.wide_words(*v);
  w.finish();
}

}  // namespace

std::vector<std::uint64_t> to_words(const Tally& tally) {
  std::vector<std::uint64_t> out;
  Words w(&out);
  walk(w, const_cast<Tally&>(tally));  // writing out only reads
  return out;
}

void from_words(Tally& tally, std::span<const std::uint64_t> words) {
  Words w(words);
  walk(w, tally);
}

std::vector<std::uint64_t> to_words(const SweepTally& tally) {
  std::vector<std::uint64_t> out;
  Words w(&out);
  walk(w, const_cast<SweepTally&>(tally));
  return out;
}

void from_words(SweepTally& tally, std::span<const std::uint64_t> words) {
  Words w(words);
  walk(w, tally);
}

}  // namespace seatcast
