// Datasets written and read whole: n-dimensional arrays of the Element types (uint64,
// int64, uint32, int32, uint16, uint8, float64, float32), 1-D arrays of variable-length
// UTF-8 strings, and scalars. Reading checks the stored type: a float64 dataset is never
// silently read as uint64. Names may be paths ("mazhilis/seats"); missing intermediate
// groups are created on write. Writing refuses to replace an existing object.
// For large or streamed per-draw data use AppendableDataset (appendable.h).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <hdf5.h>

#include "engine/hdf5/element.h"
#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

// The contents of a dataset: the elements in row-major (C) order and the dimensions
// ({} for a scalar dataset).
template <Element T>
struct Array {
  std::vector<T> data;
  std::vector<hsize_t> dims;
};

// Opens the existing dataset `name` under `loc`. Throws Error when missing or not a dataset.
Handle open_dataset(const Handle& loc, std::string_view name);

// The dimensions of the dataset `name` ({} for a scalar). Throws Error when missing.
std::vector<hsize_t> dataset_dims(const Handle& loc, std::string_view name);

// Writes `data` as a new contiguous dataset `name` with dimensions `dims` (row-major);
// empty `dims` means 1-D of data.size(). Throws Error when the product of `dims` differs
// from data.size() or `name` already exists.
template <Element T>
void write_dataset(const Handle& loc, std::string_view name, std::span<const T> data,
                   std::vector<hsize_t> dims = {});

template <Element T>
void write_dataset(const Handle& loc, std::string_view name, const std::vector<T>& data,
                   std::vector<hsize_t> dims = {}) {
  write_dataset<T>(loc, name, std::span<const T>(data), std::move(dims));
}

// Reads the whole dataset `name` as T. Throws Error when missing or when the stored type
// is not exactly T ("'/x' in 'f.h5': holds float64, cannot be read as uint64").
template <Element T>
Array<T> read_dataset(const Handle& loc, std::string_view name);

// Writes a scalar (rank 0) dataset holding `value`.
template <Element T>
void write_scalar(const Handle& loc, std::string_view name, T value);

// Reads a dataset holding exactly one T (scalar or one element). Throws Error otherwise.
template <Element T>
T read_scalar(const Handle& loc, std::string_view name);

// Writes `values` as a 1-D dataset of variable-length UTF-8 strings. Strings must not
// contain NUL bytes.
void write_strings(const Handle& loc, std::string_view name,
                   const std::vector<std::string>& values);

// Reads a dataset of strings (variable or fixed length, any rank) in row-major order.
// Throws Error when missing or not a string dataset.
std::vector<std::string> read_strings(const Handle& loc, std::string_view name);

// Writes one string (any length, e.g. a whole configuration file) as a scalar dataset.
void write_string(const Handle& loc, std::string_view name, std::string_view value);

// Reads a dataset holding exactly one string.
std::string read_string(const Handle& loc, std::string_view name);

}  // namespace seatcast::h5
