#include "engine/sim/block_runner.h"

#include <algorithm>
#include <stdexcept>

namespace seatcast {

std::uint64_t block_count(std::uint64_t draws, std::uint64_t block_size) {
  if (block_size == 0) throw std::invalid_argument("block size must be positive");
  return draws / block_size + (draws % block_size != 0);
}

std::uint64_t blocks_per_wave(int threads) {
  // 32 blocks a thread: the idle tail of a wave (under one block a thread) stays near 3%.
  return std::max<std::uint64_t>(static_cast<std::uint64_t>(std::max(threads, 1)) * 32, 64);
}

BlockRange block_part(std::uint64_t blocks, std::uint64_t part, std::uint64_t parts) {
  if (parts == 0 || part >= parts) throw std::invalid_argument("no such part of the blocks");
  // floor(blocks x i / parts) without overflowing 64 bits (for parts below 2^32).
  const auto at = [&](std::uint64_t i) { return blocks / parts * i + blocks % parts * i / parts; };
  return {at(part), at(part + 1)};
}

std::uint64_t range_draws(BlockRange range, std::uint64_t draws, std::uint64_t block_size) {
  const std::uint64_t first = std::min(draws, range.begin * block_size);
  const std::uint64_t end = std::min(draws, range.end * block_size);
  return end > first ? end - first : 0;
}

BlockPlan plan_blocks(const RunOptions& opt) {
  BlockPlan p;
  const std::uint64_t blocks = block_count(opt.draws, opt.block_size);
  p.range.begin = std::min(opt.block_begin, blocks);
  p.range.end = std::max(p.range.begin, std::min(opt.block_end, blocks));
  p.draws = range_draws(p.range, opt.draws, opt.block_size);
  p.threads = opt.threads > 0 ? opt.threads : tbb::this_task_arena::max_concurrency();
  p.wave = blocks_per_wave(p.threads);
  return p;
}

}  // namespace seatcast
