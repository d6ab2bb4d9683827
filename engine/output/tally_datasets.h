// The part of a body's group in a results file that its tally fills: the seat
// histograms, passed-threshold counts, event counters, list statistics, coalition
// seats, the joint pair distribution, the metric histograms (with their exact sums) and
// the summaries derived from them. Kept apart from the body's rules (attributes, districts,
// list lengths, coalition members) so that `seatcast merge` can replace the tally of a
// copied shard with the sum of all shards without the scenario's data files.
#pragma once

#include <cstdint>

#include "engine/hdf5/handle.h"
#include "engine/sim/tally.h"

namespace seatcast {

// Writes the tally datasets and attributes into the existing body group `g` (which must
// not hold them yet). majority and two_thirds: the body's lines, for the summaries.
void write_tally_datasets(const h5::Handle& g, const BodyTally& t, int majority, int two_thirds,
                          std::uint64_t draws);

// Removes everything write_tally_datasets wrote, so that another tally can be written.
void remove_tally_datasets(const h5::Handle& g);

}  // namespace seatcast
