// AppendableDataset: a chunked, shuffled and deflate-compressed dataset of rows, for
// streaming per-draw results. Every row has the same shape (e.g. {districts} or
// {districts, parties}); the dataset has dimensions {rows, row_shape...}. Either extendible
// (create: starts empty, append() grows it) or of a fixed number of rows (create_fixed:
// rows written at any offset with write_rows(), e.g. by blocks finished out of order).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <hdf5.h>

#include "engine/hdf5/element.h"
#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

// Storage settings of a chunked dataset.
struct ChunkOptions {
  hsize_t chunk_rows = 1024;  // rows per chunk (capped at the row count of a fixed dataset)
  int gzip_level = 4;         // deflate level 1..9; 0 stores uncompressed
  bool shuffle = true;        // byte shuffle before deflate (helps numbers compress)
};

template <Element T>
class AppendableDataset {
 public:
  // Creates the extendible dataset `name` under `loc` with 0 rows of shape `row_shape`
  // ({} for one value per row; no zero extents). Throws Error when it exists already.
  static AppendableDataset create(const Handle& loc, std::string_view name,
                                  std::vector<hsize_t> row_shape, ChunkOptions options = {});
  // Creates a dataset of exactly `rows` rows (filled with 0) of shape `row_shape`.
  static AppendableDataset create_fixed(const Handle& loc, std::string_view name, hsize_t rows,
                                        std::vector<hsize_t> row_shape, ChunkOptions options = {});
  // Opens an existing chunked dataset of T to continue writing. Throws Error when missing,
  // of another type, not chunked, or of rank 0.
  static AppendableDataset open(const Handle& loc, std::string_view name);

  // Appends `rows` rows given in row-major order (data.size() == rows * row_size()).
  // Throws Error on a size mismatch, on growing a fixed dataset, or on I/O failure.
  void append(std::span<const T> data, hsize_t rows);
  void append(const std::vector<T>& data, hsize_t rows) { append(std::span<const T>(data), rows); }

  // Writes `rows` rows starting at row `offset`; an extendible dataset grows as needed
  // (rows skipped over read as 0), a fixed one throws Error past its end.
  void write_rows(hsize_t offset, hsize_t rows, std::span<const T> data);

  // The current number of rows.
  hsize_t rows() const noexcept { return rows_; }
  // The shape of one row and its number of elements.
  const std::vector<hsize_t>& row_shape() const noexcept { return row_shape_; }
  hsize_t row_size() const noexcept { return row_size_; }
  // The dataset, e.g. for attributes.
  const Handle& handle() const noexcept { return dataset_; }

  // Closes the dataset now; throws Error on failure (buffered chunks are written here).
  void close();

 private:
  AppendableDataset(Handle dataset, std::vector<hsize_t> row_shape, hsize_t rows, bool extendible);
  Handle dataset_;
  std::vector<hsize_t> row_shape_;
  hsize_t row_size_ = 1;
  hsize_t rows_ = 0;
  bool extendible_ = true;
};

}  // namespace seatcast::h5
