// Internal helpers of the HDF5 interface, for its own .cpp files only: error messages that
// name file and object, checked identifier creation, and the mapping from Element types to
// HDF5 datatypes. Simulation code includes the public headers instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <hdf5.h>

#include "engine/hdf5/element.h"
#include "engine/hdf5/error.h"
#include "engine/hdf5/handle.h"

namespace seatcast::h5::detail {

// The innermost message on this thread's HDF5 error stack, "" when the stack is empty.
// Call it right after the failing HDF5 call: most HDF5 calls clear the stack.
std::string hdf5_message();

// The name of the file that `loc` lives in, as given when it was opened ("?" if unknown).
std::string file_name(hid_t loc);

// The absolute path of `name` relative to the location `loc` ("/a/b" for loc "/a", name "b").
std::string object_path(hid_t loc, std::string_view name);

// Throws Error("cannot <action> '<object>' in '<file>': <hdf5 message>").
[[noreturn]] void fail(hid_t loc, std::string_view name, std::string_view action);

// Throws Error("'<object>' not found in '<file>'").
[[noreturn]] void not_found(hid_t loc, std::string_view name);

// Throws Error("'<object>' in '<file>': <problem>").
[[noreturn]] void wrong(hid_t loc, std::string_view name, std::string_view problem);

// Wraps `id` in a Handle, or calls fail(loc, name, action) when it is negative.
Handle checked(hid_t id, hid_t loc, std::string_view name, std::string_view action);

// Calls fail(loc, name, action) when `status` is negative.
void check(herr_t status, hid_t loc, std::string_view name, std::string_view action);

// The native HDF5 type of T (a predefined id: never close it).
template <Element T>
hid_t native_type();

// True when the stored type `type` is exactly T (class, sign, width).
template <Element T>
bool holds(hid_t type);

// A short description of a stored datatype: "float64", "uint16", "string", "compound", ...
std::string type_name(hid_t type);

// A new variable-length UTF-8 string datatype.
Handle vlen_string_type();

// True when `type` is a string datatype (fixed or variable length).
bool is_string(hid_t type);

// The dimensions of a dataspace ({} for a scalar).
std::vector<hsize_t> extent(hid_t space);

// The product of `dims` (1 for {}).
hsize_t element_count(const std::vector<hsize_t>& dims);

// "[2, 3]" for messages.
std::string dims_text(const std::vector<hsize_t>& dims);

}  // namespace seatcast::h5::detail

namespace seatcast::h5::detail {

// Reads the strings of a dataset or attribute whose stored type is `file_type` (a string
// type, fixed or variable length) and whose dataspace is `space`. `read(memory_type, buffer)`
// performs the H5Dread/H5Aread and throws Error when it fails.
template <class Read>
std::vector<std::string> read_string_values(hid_t file_type, hid_t space, Read read);

// True when an object exists at `path` under `loc` (every component checked in turn).
bool exists(hid_t loc, std::string_view path);

// Creates the dataset `name` under `loc` (with missing intermediate groups) of `type`,
// `space`, creation properties `dcpl` and access properties `dapl`. Throws Error when `name`
// already exists.
Handle create_dataset(hid_t loc, std::string_view name, hid_t type, hid_t space, hid_t dcpl,
                      hid_t dapl = H5P_DEFAULT);

// Opens the existing dataset `name`; throws Error when missing or not a dataset.
Handle open_dataset(hid_t loc, std::string_view name);

// Releases `handle` (the object `name` under `loc`) now; throws Error naming it on failure.
void close(Handle& handle, hid_t loc, std::string_view name);

// Checks that `text` can be stored as a C string (no NUL byte); throws Error otherwise.
void check_c_string(std::string_view text, hid_t loc, std::string_view name);

}  // namespace seatcast::h5::detail

#include "engine/hdf5/detail_strings.h"
