#include "engine/output/heap_check.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

namespace seatcast {

namespace {

constexpr std::size_t kHeader = 16;        // "GCOL", version, 3 reserved, size (8)
constexpr std::size_t kObjectHeader = 16;  // index (2), references (2), reserved (4), size (8)
constexpr std::size_t kChunk = 1 << 20;

std::uint64_t little_endian(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Walks one collection (its bytes from the signature on, as far as the file holds them)
// the way H5HG__cache_heap_deserialize does.
std::optional<std::string> walk(const std::vector<unsigned char>& heap, std::uint64_t size,
                                std::uint64_t offset) {
  const std::uint64_t end = size;  // heap holds all `size` bytes
  std::uint64_t p = kHeader;
  while (p < end) {
    if (p + kObjectHeader > end) break;  // too small for an object: free space, as HDF5 reads it
    const unsigned index = static_cast<unsigned>(little_endian(&heap[p], 2));
    const std::uint64_t bytes = little_endian(&heap[p + 8], 8);
    // An object counts its header and is 8-aligned; the free-space object (index 0) gives
    // its whole extent.
    const std::uint64_t need =
        index > 0 ? (bytes > UINT64_MAX - 32 ? UINT64_MAX : kObjectHeader + (bytes + 7) / 8 * 8)
                  : bytes;
    if (need == 0 || need > size - p)
      return fmt::format(
          "global heap collection at byte {}: object {} at byte {} {} (HDF5 would not "
          "finish reading it)",
          offset, index, offset + p, need == 0 ? "has no size" : "runs past the collection");
    p += need;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> damaged_global_heap(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uint64_t file_size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) return std::nullopt;  // unreadable: the open that follows says so
  std::vector<unsigned char> buf(kChunk + kHeader);
  std::uint64_t base = 0;  // file offset of buf[0]
  std::size_t have = 0;
  for (;;) {
    in.read(reinterpret_cast<char*>(buf.data() + have), static_cast<std::streamsize>(kChunk));
    have += static_cast<std::size_t>(in.gcount());
    const bool last = !in;
    const std::size_t scan = last ? have : have - std::min(have, kHeader - 1);
    for (std::size_t i = 0; i + kHeader <= have && i < scan; ++i) {
      // Version 1 right after the signature: control bytes that a valid file's text
      // (TOML allows no control characters) never holds.
      if (std::memcmp(&buf[i], "GCOL\x01", 5) != 0) continue;
      const std::uint64_t offset = base + i;
      const std::uint64_t size = little_endian(&buf[i + 8], 8);
      // A collection past the end of the file: HDF5 refuses it itself.
      if (size < kHeader || size > file_size - offset) continue;
      std::ifstream h(path, std::ios::binary);
      h.seekg(static_cast<std::streamoff>(offset));
      std::vector<unsigned char> heap(static_cast<std::size_t>(size));
      h.read(reinterpret_cast<char*>(heap.data()), static_cast<std::streamsize>(size));
      if (static_cast<std::uint64_t>(h.gcount()) != size) continue;
      if (auto why = walk(heap, size, offset)) return why;
    }
    if (last) break;
    // Keep the last few bytes: a signature may straddle two chunks.
    std::memmove(buf.data(), buf.data() + scan, have - scan);
    base += scan;
    have -= scan;
  }
  return std::nullopt;
}

}  // namespace seatcast
