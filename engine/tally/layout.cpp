#include "engine/tally/layout.h"

#include <stdexcept>

namespace seatcast::tally {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::histogram:
      return "histogram";
    case Kind::joint:
      return "joint";
    case Kind::counts:
      return "counts";
    case Kind::counter:
      return "counter";
    case Kind::sum:
      return "sum";
  }
  return "?";
}

std::optional<Kind> parse_kind(std::string_view text) {
  for (Kind k : {Kind::histogram, Kind::joint, Kind::counts, Kind::counter, Kind::sum})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

std::size_t words_of(Kind kind, std::span<const std::uint64_t> dims) {
  if (kind == Kind::counter) return 1;
  if (kind == Kind::sum) return 2;
  std::size_t n = 1;
  for (std::uint64_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

std::uint64_t Block::rows() const {
  std::uint64_t r = 1;
  for (std::size_t i = 0; i + 1 < dims.size(); ++i) r *= dims[i];
  return r;
}

std::size_t Layout::add(std::string path, Kind kind, std::vector<std::uint64_t> dims,
                        std::vector<std::pair<std::string, double>> attributes) {
  if (find(path)) throw std::invalid_argument("tally layout: block '" + path + "' declared twice");
  const bool scalar = kind == Kind::counter || kind == Kind::sum;
  if (scalar != dims.empty())
    throw std::invalid_argument("tally layout: block '" + path + "' has the wrong rank");
  for (std::uint64_t d : dims)
    if (d == 0) throw std::invalid_argument("tally layout: block '" + path + "' is empty");
  Block b;
  b.path = std::move(path);
  b.kind = kind;
  b.size = words_of(kind, dims);
  b.dims = std::move(dims);
  b.offset = words_;
  b.attributes = std::move(attributes);
  words_ += b.size;
  blocks_.push_back(std::move(b));
  return blocks_.size() - 1;
}

std::optional<std::size_t> Layout::find(std::string_view path) const {
  for (std::size_t i = 0; i < blocks_.size(); ++i)
    if (blocks_[i].path == path) return i;
  return std::nullopt;
}

bool Layout::same_shape(const Layout& other) const {
  if (blocks_.size() != other.blocks_.size()) return false;
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block &a = blocks_[i], &b = other.blocks_[i];
    if (a.path != b.path || a.kind != b.kind || a.dims != b.dims) return false;
  }
  return true;
}

void Layout::add_words(std::span<std::uint64_t> to, std::span<const std::uint64_t> from) const {
  if (to.size() != words_ || from.size() != words_)
    throw std::logic_error("tally words of another layout");
  for (const Block& b : blocks_) {
    if (b.kind == Kind::sum) {
      write_sum(to.data() + b.offset,
                read_sum(to.data() + b.offset) + read_sum(from.data() + b.offset));
      continue;
    }
    for (std::size_t i = b.offset; i < b.offset + b.size; ++i) to[i] += from[i];
  }
}

}  // namespace seatcast::tally
