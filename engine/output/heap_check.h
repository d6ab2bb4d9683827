// A check of an HDF5 file's global heap collections ("GCOL", where variable-length
// strings such as the scenario text live) made before HDF5 opens the file. HDF5 1.10
// loops for ever on a collection whose object claims zero bytes (found by fuzzing
// `seatcast summarize`), so such a file must be refused before the library reads it.
// The check walks each collection's objects exactly as HDF5 does and refuses an object
// of no size or one that runs past its collection; a sound file passes unchanged.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace seatcast {

// Nothing when every global heap collection of the file at `path` can be walked; else
// why not (with the collection's offset). Assumes 8-byte lengths, as seatcast writes.
std::optional<std::string> damaged_global_heap(const std::filesystem::path& path);

}  // namespace seatcast
