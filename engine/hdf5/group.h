// Groups: open or create nested groups by path ("mazhilis/districts"), test whether an
// object exists, list a group's members. Paths are relative to the location given, or
// absolute when they start with '/'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

// Opens the group `path` under `parent`, creating it and any missing intermediate groups.
// Throws Error when something on the path exists but is not a group.
Handle group(const Handle& parent, std::string_view path);

// Opens the existing group `path` under `parent`. Throws Error when it is missing
// ("'/mazhilis' not found in 'x.h5'") or not a group.
Handle open_group(const Handle& parent, std::string_view path);

// True when an object (group, dataset, ...) exists at `path` under `loc`. False also when
// a component of the path is missing or is not a group.
bool exists(const Handle& loc, std::string_view path);

// Unlinks the object at `path` under `loc` when it exists (no-op otherwise), e.g. to
// write a dataset anew. The space it held is not reclaimed within the file.
void remove(const Handle& loc, std::string_view path);

// Makes `path` under `loc` a second name (an HDF5 hard link) of the existing object
// `target` under `loc`: readers see one object under two names.
void link(const Handle& loc, std::string_view target, std::string_view path);

// The names of the direct members of a group (or a file's root), in name order.
std::vector<std::string> members(const Handle& group);

}  // namespace seatcast::h5
