// Attributes: small named values attached to a file (its root group), a group or a
// dataset: strings (variable-length UTF-8, any length; files made by File::create store
// large attributes densely, so a 1 MB text is fine) and scalars of the Element types.
// Writing replaces an existing attribute of the same name. Reading checks the stored type.
#pragma once

#include <string>
#include <string_view>

#include "engine/hdf5/element.h"
#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

// True when `object` (file, group or dataset) has an attribute `name`.
bool has_attribute(const Handle& object, std::string_view name);

// Removes the attribute `name` of `object` when it has one (no-op otherwise).
void remove_attribute(const Handle& object, std::string_view name);

// Attaches the string `value` (no NUL bytes) as attribute `name` of `object`.
void write_string_attribute(const Handle& object, std::string_view name, std::string_view value);

// Reads the string attribute `name` (variable or fixed length). Throws Error when missing
// or not a single string.
std::string read_string_attribute(const Handle& object, std::string_view name);

// Attaches the scalar `value` as attribute `name` of `object`.
template <Element T>
void write_attribute(const Handle& object, std::string_view name, T value);

// Reads the scalar attribute `name` as T. Throws Error when missing, not a single value or
// stored as another type ("holds float64, cannot be read as uint64").
template <Element T>
T read_attribute(const Handle& object, std::string_view name);

}  // namespace seatcast::h5
