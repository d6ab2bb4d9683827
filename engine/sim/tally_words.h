// Tallies as flat arrays of 64-bit words, in a fixed order, so that processes can add
// them with one reduction (MPI_UINT64_T, MPI_SUM): adding the words of two tallies of
// the same shape and reading them back equals Tally::merge. Signed counts are stored as
// their two's complement (wrapping addition gives the signed sum); a sweep's 128-bit
// sums of squares take two words and cannot be added word by word (see cluster.h).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/sim/sweep.h"
#include "engine/sim/tally.h"

namespace seatcast {

std::vector<std::uint64_t> to_words(const Tally& tally);
// Overwrites `tally`'s counts with `words`, which must come from a tally of its shape.
// Throws std::invalid_argument on a length mismatch.
void from_words(Tally& tally, std::span<const std::uint64_t> words);

std::vector<std::uint64_t> to_words(const SweepTally& tally);
void from_words(SweepTally& tally, std::span<const std::uint64_t> words);

}  // namespace seatcast
