// The part of a body's group in a results file that its tally fills, block by block of
// the tally's layout (engine/tally/layout.h): a dataset per histogram or count block,
// an attribute per counter, an attribute pair per exact sum, and the dataset
// `tally_layout` recording every block as "KIND PATH", so that a reader rebuilds the
// layout without knowing which stages made it. Beside them, the summaries derived from
// the seat totals. Kept apart from the body's rules (attributes, districts, list
// lengths, coalition members) so that `seatcast merge` can replace the tally of a copied
// shard with the sum of all shards without the scenario's data files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/hdf5/handle.h"
#include "engine/sim/tally.h"

namespace seatcast {

// Writes the tally datasets and attributes into the existing body group `g` (which must
// not hold them yet). majority and two_thirds: the body's lines, for the summaries.
void write_tally_datasets(const h5::Handle& g, const BodyTally& t, int majority, int two_thirds,
                          std::uint64_t draws);

// Removes everything write_tally_datasets wrote for a tally of this layout, so that
// another tally can be written.
void remove_tally_datasets(const h5::Handle& g, const tally::Layout& layout);

// A block's path split into the object that holds it (a dataset or group path, "" for
// the body's group) and, for counters and sums, the attribute's name.
struct BlockPlace {
  std::string object;
  std::string attribute;  // empty: the object is the block's dataset
};
BlockPlace place_of(std::string_view path);

// The name of the dataset that records a body's tally layout.
inline constexpr const char* kTallyLayoutDataset = "tally_layout";

}  // namespace seatcast
