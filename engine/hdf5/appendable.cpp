#include "engine/hdf5/appendable.h"

#include <algorithm>
#include <limits>
#include <string>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"

namespace seatcast::h5 {
namespace {

// Dataset access properties with a chunk cache that holds a few chunks, so that appends
// smaller than a chunk do not recompress it each time.
Handle access_plist(hsize_t chunk_bytes, hid_t loc, std::string_view name) {
  Handle dapl = detail::checked(H5Pcreate(H5P_DATASET_ACCESS), loc, name, "open");
  const hsize_t floor = hsize_t{1} << 20;
  const hsize_t cache = std::max(floor, 4 * chunk_bytes);
  detail::check(H5Pset_chunk_cache(dapl.id(), 521, static_cast<std::size_t>(cache), 1.0), loc, name,
                "open");
  return dapl;
}

template <Element T>
Handle create_chunked(hid_t loc, std::string_view name, hsize_t rows, hsize_t max_rows,
                      const std::vector<hsize_t>& row_shape, const ChunkOptions& options) {
  if (options.chunk_rows == 0) detail::wrong(loc, name, "chunk_rows must be positive");
  if (options.gzip_level < 0 || options.gzip_level > 9) {
    detail::wrong(loc, name, "gzip level must be within 0..9");
  }
  for (hsize_t extent : row_shape) {
    if (extent == 0) detail::wrong(loc, name, "row shape has a zero extent");
  }
  std::vector<hsize_t> dims{rows};
  std::vector<hsize_t> max_dims{max_rows};
  std::vector<hsize_t> chunk{options.chunk_rows};
  if (max_rows != H5S_UNLIMITED)
    chunk[0] = std::clamp<hsize_t>(chunk[0], 1, std::max<hsize_t>(max_rows, 1));
  dims.insert(dims.end(), row_shape.begin(), row_shape.end());
  max_dims.insert(max_dims.end(), row_shape.begin(), row_shape.end());
  chunk.insert(chunk.end(), row_shape.begin(), row_shape.end());
  const hsize_t chunk_bytes = detail::element_count(chunk) * sizeof(T);
  if (chunk_bytes >= (hsize_t{1} << 32)) {
    detail::wrong(loc, name, "a chunk of " + detail::dims_text(chunk) + " exceeds 4 GiB");
  }
  const int rank = static_cast<int>(dims.size());
  Handle space = detail::checked(H5Screate_simple(rank, dims.data(), max_dims.data()), loc, name,
                                 "make the dataspace of");
  Handle dcpl = detail::checked(H5Pcreate(H5P_DATASET_CREATE), loc, name, "create");
  detail::check(H5Pset_chunk(dcpl.id(), rank, chunk.data()), loc, name, "set the chunks of");
  if (options.gzip_level > 0) {
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) {
      detail::wrong(loc, name, "the HDF5 library has no deflate filter");
    }
    if (options.shuffle) {
      detail::check(H5Pset_shuffle(dcpl.id()), loc, name, "set the shuffle filter of");
    }
    detail::check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(options.gzip_level)), loc, name,
                  "set the deflate filter of");
  }
  // Rows not written yet read as 0 (also the default fill value, made explicit here).
  T fill{};
  detail::check(H5Pset_fill_value(dcpl.id(), detail::native_type<T>(), &fill), loc, name, "create");
  Handle dapl = access_plist(chunk_bytes, loc, name);
  return detail::create_dataset(loc, name, detail::native_type<T>(), space.id(), dcpl.id(),
                                dapl.id());
}

}  // namespace

template <Element T>
AppendableDataset<T>::AppendableDataset(Handle dataset, std::vector<hsize_t> row_shape,
                                        hsize_t rows, bool extendible)
    : dataset_(std::move(dataset)),
      row_shape_(std::move(row_shape)),
      row_size_(detail::element_count(row_shape_)),
      rows_(rows),
      extendible_(extendible) {}

template <Element T>
AppendableDataset<T> AppendableDataset<T>::create(const Handle& loc, std::string_view name,
                                                  std::vector<hsize_t> row_shape,
                                                  ChunkOptions options) {
  ErrorSilencer silence;
  Handle dataset = create_chunked<T>(loc.id(), name, 0, H5S_UNLIMITED, row_shape, options);
  return AppendableDataset(std::move(dataset), std::move(row_shape), 0, true);
}

template <Element T>
AppendableDataset<T> AppendableDataset<T>::create_fixed(const Handle& loc, std::string_view name,
                                                        hsize_t rows,
                                                        std::vector<hsize_t> row_shape,
                                                        ChunkOptions options) {
  ErrorSilencer silence;
  Handle dataset = create_chunked<T>(loc.id(), name, rows, rows, row_shape, options);
  return AppendableDataset(std::move(dataset), std::move(row_shape), rows, false);
}

template <Element T>
AppendableDataset<T> AppendableDataset<T>::open(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  const hid_t l = loc.id();
  Handle probe = detail::open_dataset(l, name);
  Handle type = detail::checked(H5Dget_type(probe.id()), l, name, "read the type of");
  if (!detail::holds<T>(type.id())) {
    detail::wrong(l, name,
                  "holds " + detail::type_name(type.id()) + ", cannot be written as " +
                      std::string(element_name<T>()));
  }
  Handle dcpl = detail::checked(H5Dget_create_plist(probe.id()), l, name, "open");
  if (H5Pget_layout(dcpl.id()) != H5D_CHUNKED) detail::wrong(l, name, "is not chunked");
  Handle space = detail::checked(H5Dget_space(probe.id()), l, name, "read the shape of");
  const int rank = H5Sget_simple_extent_ndims(space.id());
  if (rank < 1) detail::wrong(l, name, "has no rows (rank 0)");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank)), max_dims(dims.size());
  std::vector<hsize_t> chunk(dims.size());
  detail::check(H5Sget_simple_extent_dims(space.id(), dims.data(), max_dims.data()), l, name,
                "read the shape of");
  detail::check(H5Pget_chunk(dcpl.id(), rank, chunk.data()), l, name, "read the chunks of");
  for (std::size_t i = 1; i < dims.size(); ++i) {
    if (max_dims[i] != dims[i]) detail::wrong(l, name, "rows are not of a fixed shape");
  }
  detail::close(probe, l, name);
  Handle dapl = access_plist(detail::element_count(chunk) * sizeof(T), l, name);
  std::string path(name);
  Handle dataset = detail::checked(H5Dopen2(l, path.c_str(), dapl.id()), l, name, "open");
  std::vector<hsize_t> row_shape(dims.begin() + 1, dims.end());
  return AppendableDataset(std::move(dataset), std::move(row_shape), dims[0],
                           max_dims[0] == H5S_UNLIMITED || max_dims[0] > dims[0]);
}

template <Element T>
void AppendableDataset<T>::append(std::span<const T> data, hsize_t rows) {
  write_rows(rows_, rows, data);
}

template <Element T>
void AppendableDataset<T>::write_rows(hsize_t offset, hsize_t rows, std::span<const T> data) {
  if (!dataset_) throw Error("cannot write rows: the dataset is closed");
  ErrorSilencer silence;
  const hid_t id = dataset_.id();
  if (rows > std::numeric_limits<hsize_t>::max() / row_size_ || data.size() != rows * row_size_) {
    detail::wrong(id, ".",
                  "got " + std::to_string(data.size()) + " values for " + std::to_string(rows) +
                      " rows of " + std::to_string(row_size_));
  }
  if (rows == 0) return;
  const hsize_t end = offset + rows;
  if (end < offset) detail::wrong(id, ".", "row offset overflows");
  std::vector<hsize_t> dims{std::max(end, rows_)};
  dims.insert(dims.end(), row_shape_.begin(), row_shape_.end());
  if (end > rows_) {
    if (!extendible_) {
      detail::wrong(id, ".",
                    "rows " + std::to_string(offset) + ".." + std::to_string(end) +
                        " are past the end (" + std::to_string(rows_) + " rows)");
    }
    detail::check(H5Dset_extent(id, dims.data()), id, ".", "extend");
    rows_ = end;
  }
  Handle file_space = detail::checked(H5Dget_space(id), id, ".", "write rows of");
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start[0] = offset;
  count[0] = rows;
  detail::check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr,
                                    count.data(), nullptr),
                id, ".", "select rows of");
  // The memory space has the file selection's shape: with a flat one HDF5 walks the
  // selection element by element (thousands of instructions a row) instead of copying.
  Handle memory_space =
      detail::checked(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), id,
                      ".", "write rows of");
  detail::check(H5Dwrite(id, detail::native_type<T>(), memory_space.id(), file_space.id(),
                         H5P_DEFAULT, data.data()),
                id, ".", "write rows of");
}

template <Element T>
void AppendableDataset<T>::close() {
  if (!dataset_) return;
  ErrorSilencer silence;
  const hid_t id = dataset_.id();
  std::string where = detail::object_path(id, ".");
  std::string file = detail::file_name(id);
  if (H5Dclose(dataset_.release()) < 0) {
    std::string message = detail::hdf5_message();
    throw Error("cannot close '" + where + "' in '" + file + "'" +
                (message.empty() ? std::string() : ": " + message));
  }
}

#define SEATCAST_H5_INSTANTIATE(T) template class AppendableDataset<T>;
SEATCAST_H5_FOR_EACH_ELEMENT(SEATCAST_H5_INSTANTIATE)
#undef SEATCAST_H5_INSTANTIATE

}  // namespace seatcast::h5
