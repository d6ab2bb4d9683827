// Tally layouts: what a body counts, as named blocks over one flat vector of 64-bit
// words. The body and each of its stages declare their blocks once (BodyTally's
// constructor); everything that moves tallies follows the layout and knows nothing of
// what a block means: adding two tallies (threads, MPI ranks, shards, a resumed
// checkpoint) adds their words block by block, a results file holds one dataset or
// attribute per block with the layout recorded beside them, and reading a file back
// rebuilds the layout from that record. A new stage therefore touches one place.
//
// Invariants: blocks do not overlap and cover the words in declaration order; a path
// names one block; the words of a block depend only on the draws counted, never on
// their order or on how they were shared.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatcast::tally {

// How a block counts, which says how a reader checks it and how it is added.
enum class Kind : std::uint8_t {
  histogram,  // [rows..., bins]: every row counts every draw once (rows sum to draws)
  joint,      // any shape: the block as a whole counts every draw once
  counts,     // [n]: each entry counts draws, so at most all of them
  counter,    // one word: the draws in which something happened (an HDF5 attribute)
  sum,        // two words: an exact 128-bit sum (low, high), added with carry
};
std::string_view to_string(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);

// Words a block of this kind and shape takes.
std::size_t words_of(Kind kind, std::span<const std::uint64_t> dims);

// Where a block lives in a results file, relative to its body's group: "seats_total"
// and "tiers/seats/areas" are datasets; "@tie_draws" and "lists@quota_unmet_draws" are
// attributes (of the body's group, of its lists group); a sum's path names the
// attribute pair NAME and NAME_high on a dataset ("metrics/gallagher@sum_micro").
struct Block {
  std::string path;
  Kind kind = Kind::counts;
  std::vector<std::uint64_t> dims;  // the dataset's shape; empty for counters and sums
  std::size_t offset = 0;           // first word
  std::size_t size = 0;             // words
  // Fixed attributes written on the dataset beside the counts (a metric's bins).
  std::vector<std::pair<std::string, double>> attributes;

  // Rows of a histogram: the product of all dimensions but the last.
  std::uint64_t rows() const;
  std::uint64_t bins() const { return dims.empty() ? 1 : dims.back(); }
};

class Layout {
 public:
  // Appends a block and returns its index. Throws std::invalid_argument on a repeated
  // path, an empty shape where one is needed, or a zero dimension.
  std::size_t add(std::string path, Kind kind, std::vector<std::uint64_t> dims = {},
                  std::vector<std::pair<std::string, double>> attributes = {});

  std::span<const Block> blocks() const { return blocks_; }
  const Block& operator[](std::size_t i) const { return blocks_[i]; }
  std::size_t size() const { return blocks_.size(); }
  std::size_t words() const { return words_; }
  std::optional<std::size_t> find(std::string_view path) const;

  // Same paths, kinds and shapes in the same order: tallies that can be added.
  bool same_shape(const Layout& other) const;

  // Adds `from` into `to` (both of this layout): words added, sums with their carry.
  void add_words(std::span<std::uint64_t> to, std::span<const std::uint64_t> from) const;

 private:
  std::vector<Block> blocks_;
  std::size_t words_ = 0;
};

// A 128-bit sum kept as the two words (low, high) of a sum block.
__extension__ typedef unsigned __int128 Sum128;
inline Sum128 read_sum(const std::uint64_t* w) {
  return (static_cast<Sum128>(w[1]) << 64) | w[0];
}
inline void write_sum(std::uint64_t* w, Sum128 v) {
  w[0] = static_cast<std::uint64_t>(v);
  w[1] = static_cast<std::uint64_t>(v >> 64);
}
inline void add_to_sum(std::uint64_t* w, std::uint64_t v) {
  w[0] += v;
  w[1] += w[0] < v;  // the carry
}

}  // namespace seatcast::tally
