#include "engine/hdf5/dataset.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"

namespace seatcast::h5 {

namespace detail {

Handle create_dataset(hid_t loc, std::string_view name, hid_t type, hid_t space, hid_t dcpl,
                      hid_t dapl) {
  if (exists(loc, name)) wrong(loc, name, "already exists");
  Handle lcpl = checked(H5Pcreate(H5P_LINK_CREATE), loc, name, "create");
  check(H5Pset_create_intermediate_group(lcpl.id(), 1), loc, name, "create");
  check(H5Pset_char_encoding(lcpl.id(), H5T_CSET_UTF8), loc, name, "create");
  std::string path(name);
  return checked(H5Dcreate2(loc, path.c_str(), type, space, lcpl.id(), dcpl, dapl), loc, name,
                 "create dataset");
}

Handle open_dataset(hid_t loc, std::string_view name) {
  if (!exists(loc, name)) not_found(loc, name);
  std::string path(name);
  Handle object = checked(H5Oopen(loc, path.c_str(), H5P_DEFAULT), loc, name, "open");
  if (H5Iget_type(object.id()) != H5I_DATASET) wrong(loc, name, "not a dataset");
  return object;
}

}  // namespace detail

namespace {

// Opens `name` and checks that it stores T; returns the dataset and its dataspace.
template <Element T>
std::pair<Handle, Handle> open_typed(hid_t loc, std::string_view name) {
  Handle dataset = detail::open_dataset(loc, name);
  Handle type = detail::checked(H5Dget_type(dataset.id()), loc, name, "read the type of");
  if (!detail::holds<T>(type.id())) {
    detail::wrong(loc, name,
                  "holds " + detail::type_name(type.id()) + ", cannot be read as " +
                      std::string(element_name<T>()));
  }
  Handle space = detail::checked(H5Dget_space(dataset.id()), loc, name, "read the shape of");
  return {std::move(dataset), std::move(space)};
}

std::uint64_t little_endian(const unsigned char* p, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = bytes; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

// The objects (index -> size) of the global heap collection at byte `address`, walked as
// HDF5 1.10 walks it (H5HG__cache_heap_deserialize); nothing when there is no sound
// collection there. Header: "GCOL", version 1, 3 reserved bytes, the collection's size;
// then objects: index (2 bytes), references (2), reserved (4), size, data padded to 8;
// index 0 is the free space and spans the rest.
std::optional<std::map<std::uint64_t, std::uint64_t>> heap_objects(std::ifstream& in,
                                                                   std::uintmax_t file_size,
                                                                   std::uint64_t address,
                                                                   std::size_t length_bytes) {
  const std::size_t header = 8 + length_bytes, object_header = 8 + length_bytes;
  if (address > file_size || file_size - address < header) return std::nullopt;
  std::vector<unsigned char> h(header);
  in.clear();
  in.seekg(static_cast<std::streamoff>(address));
  if (!in.read(reinterpret_cast<char*>(h.data()), static_cast<std::streamsize>(header)) ||
      std::memcmp(h.data(), "GCOL\x01", 5) != 0)
    return std::nullopt;
  const std::uint64_t size = little_endian(&h[8], length_bytes);
  if (size < header || size > file_size - address) return std::nullopt;
  std::vector<unsigned char> heap(static_cast<std::size_t>(size));
  in.seekg(static_cast<std::streamoff>(address));
  if (!in.read(reinterpret_cast<char*>(heap.data()), static_cast<std::streamsize>(size)))
    return std::nullopt;
  std::map<std::uint64_t, std::uint64_t> objects;
  for (std::uint64_t p = header; p + object_header <= size;) {
    const std::uint64_t index = little_endian(&heap[p], 2);
    const std::uint64_t bytes = little_endian(&heap[p + 8], length_bytes);
    const std::uint64_t need =
        index == 0 ? bytes : (bytes > size ? UINT64_MAX : object_header + (bytes + 7) / 8 * 8);
    if (need == 0 || need > size - p) return std::nullopt;
    if (index > 0 && !objects.emplace(index, bytes).second) return std::nullopt;
    p += need;
  }
  return objects;
}

// HDF5 1.10 trusts a variable-length string's descriptor (a 4-byte length, then the
// global heap collection's address and the object's 4-byte index): it sizes the string
// by the length, allocating and clearing that much (up to 4 GiB) before it finds the
// data shorter, and it looks the index up in the collection without a bounds check,
// following a wild pointer (SIGSEGV in H5HG_read) when the collection holds no such
// object (both found by fuzzing `seatcast summarize`). For a contiguous dataset the
// descriptors can be read from the file first: a string longer than the whole file, or
// one whose object is missing or of another size than the string, is damage, refused
// before HDF5 converts it.
void check_string_lengths(hid_t loc, std::string_view name, hid_t dataset, hid_t space) {
  const haddr_t offset = H5Dget_offset(dataset);
  if (offset == HADDR_UNDEF) return;  // compact or chunked: nothing to read beforehand
  Handle file(H5Iget_file_id(dataset));
  Handle fcpl(file ? H5Fget_create_plist(file.id()) : H5I_INVALID_HID);
  std::size_t address_bytes = 0, length_bytes = 0;
  if (!fcpl || H5Pget_sizes(fcpl.id(), &address_bytes, &length_bytes) < 0) return;
  if (address_bytes == 0 || address_bytes > 8 || length_bytes == 0 || length_bytes > 8) return;
  const ssize_t name_size = H5Fget_name(file.id(), nullptr, 0);
  if (name_size <= 0) return;
  std::string path(static_cast<std::size_t>(name_size), '\0');
  H5Fget_name(file.id(), path.data(), path.size() + 1);
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  const std::size_t stride = 4 + address_bytes + 4;
  if (ec || count <= 0 || offset > file_size ||
      static_cast<std::uintmax_t>(count) > (file_size - offset) / stride)
    return;  // HDF5's own checks refuse what does not fit in the file
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::vector<unsigned char> raw(static_cast<std::size_t>(count) * stride);
  if (!in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
    return;
  std::map<std::uint64_t, std::optional<std::map<std::uint64_t, std::uint64_t>>> collections;
  for (hssize_t i = 0; i < count; ++i) {
    const unsigned char* d = raw.data() + static_cast<std::size_t>(i) * stride;
    const std::uint64_t length = little_endian(d, 4);
    const std::uint64_t address = little_endian(d + 4, address_bytes);
    const std::uint64_t index = little_endian(d + 4 + address_bytes, 4);
    const std::string which = "string " + std::to_string(i);
    if (length > file_size)
      detail::wrong(loc, name,
                    which + " claims " + std::to_string(length) +
                        " bytes, more than the whole file: damaged");
    if (length == 0 || address == 0) continue;  // no data: HDF5 reads no heap object
    auto it = collections.find(address);
    if (it == collections.end())
      it = collections.emplace(address, heap_objects(in, file_size, address, length_bytes)).first;
    if (!it->second)
      detail::wrong(loc, name,
                    which + " refers to a global heap collection at byte " +
                        std::to_string(address) + " that is not there or is damaged");
    const auto object = it->second->find(index);
    if (object == it->second->end())
      detail::wrong(loc, name,
                    which + " refers to object " + std::to_string(index) +
                        " of the global heap collection at byte " + std::to_string(address) +
                        ", which holds no such object: damaged");
    if (object->second != length)
      detail::wrong(loc, name,
                    which + " claims " + std::to_string(length) + " bytes, its heap object holds " +
                        std::to_string(object->second) + ": damaged");
  }
}

std::vector<std::string> read_string_dataset(hid_t loc, std::string_view name) {
  Handle dataset = detail::open_dataset(loc, name);
  Handle type = detail::checked(H5Dget_type(dataset.id()), loc, name, "read the type of");
  if (!detail::is_string(type.id())) {
    detail::wrong(loc, name, "holds " + detail::type_name(type.id()) + ", not strings");
  }
  Handle space = detail::checked(H5Dget_space(dataset.id()), loc, name, "read the shape of");
  if (H5Tis_variable_str(type.id()) > 0) check_string_lengths(loc, name, dataset.id(), space.id());
  return detail::read_string_values(type.id(), space.id(), [&](hid_t memory, void* buffer) {
    detail::check(H5Dread(dataset.id(), memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), loc, name,
                  "read");
  });
}

}  // namespace

Handle open_dataset(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  return detail::open_dataset(loc.id(), name);
}

std::vector<hsize_t> dataset_dims(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  Handle dataset = detail::open_dataset(loc.id(), name);
  Handle space = detail::checked(H5Dget_space(dataset.id()), loc.id(), name, "read the shape of");
  return detail::extent(space.id());
}

template <Element T>
void write_dataset(const Handle& loc, std::string_view name, std::span<const T> data,
                   std::vector<hsize_t> dims) {
  ErrorSilencer silence;
  if (dims.empty()) dims.push_back(data.size());
  if (detail::element_count(dims) != data.size()) {
    detail::wrong(loc.id(), name,
                  "dimensions " + detail::dims_text(dims) + " do not match " +
                      std::to_string(data.size()) + " elements");
  }
  Handle space =
      detail::checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                      loc.id(), name, "make the dataspace of");
  Handle dataset =
      detail::create_dataset(loc.id(), name, detail::native_type<T>(), space.id(), H5P_DEFAULT);
  if (!data.empty()) {
    detail::check(H5Dwrite(dataset.id(), detail::native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                           data.data()),
                  loc.id(), name, "write");
  }
  detail::close(dataset, loc.id(), name);
}

template <Element T>
Array<T> read_dataset(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  auto [dataset, space] = open_typed<T>(loc.id(), name);
  Array<T> out;
  out.dims = detail::extent(space.id());
  out.data.resize(static_cast<std::size_t>(detail::element_count(out.dims)));
  if (!out.data.empty()) {
    detail::check(H5Dread(dataset.id(), detail::native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          out.data.data()),
                  loc.id(), name, "read");
  }
  return out;
}

template <Element T>
void write_scalar(const Handle& loc, std::string_view name, T value) {
  ErrorSilencer silence;
  Handle space = detail::checked(H5Screate(H5S_SCALAR), loc.id(), name, "make the dataspace of");
  Handle dataset =
      detail::create_dataset(loc.id(), name, detail::native_type<T>(), space.id(), H5P_DEFAULT);
  detail::check(
      H5Dwrite(dataset.id(), detail::native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
      loc.id(), name, "write");
  detail::close(dataset, loc.id(), name);
}

template <Element T>
T read_scalar(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  auto [dataset, space] = open_typed<T>(loc.id(), name);
  std::vector<hsize_t> dims = detail::extent(space.id());
  if (detail::element_count(dims) != 1) {
    detail::wrong(loc.id(), name,
                  "holds " + detail::dims_text(dims) + " elements, expected a single value");
  }
  T value{};
  detail::check(
      H5Dread(dataset.id(), detail::native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
      loc.id(), name, "read");
  return value;
}

#define SEATCAST_H5_INSTANTIATE(T)                                                    \
  template void write_dataset<T>(const Handle&, std::string_view, std::span<const T>, \
                                 std::vector<hsize_t>);                               \
  template Array<T> read_dataset<T>(const Handle&, std::string_view);                 \
  template void write_scalar<T>(const Handle&, std::string_view, T);                  \
  template T read_scalar<T>(const Handle&, std::string_view);
SEATCAST_H5_FOR_EACH_ELEMENT(SEATCAST_H5_INSTANTIATE)
#undef SEATCAST_H5_INSTANTIATE

void write_strings(const Handle& loc, std::string_view name,
                   const std::vector<std::string>& values) {
  ErrorSilencer silence;
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values) {
    detail::check_c_string(value, loc.id(), name);
    pointers.push_back(value.c_str());
  }
  Handle type = detail::vlen_string_type();
  hsize_t dims[1] = {values.size()};
  Handle space =
      detail::checked(H5Screate_simple(1, dims, nullptr), loc.id(), name, "make the dataspace of");
  Handle dataset = detail::create_dataset(loc.id(), name, type.id(), space.id(), H5P_DEFAULT);
  if (!values.empty()) {
    detail::check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                  loc.id(), name, "write");
  }
  detail::close(dataset, loc.id(), name);
}

std::vector<std::string> read_strings(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  return read_string_dataset(loc.id(), name);
}

void write_string(const Handle& loc, std::string_view name, std::string_view value) {
  ErrorSilencer silence;
  std::string text(value);
  detail::check_c_string(text, loc.id(), name);
  const char* pointer = text.c_str();
  Handle type = detail::vlen_string_type();
  Handle space = detail::checked(H5Screate(H5S_SCALAR), loc.id(), name, "make the dataspace of");
  Handle dataset = detail::create_dataset(loc.id(), name, type.id(), space.id(), H5P_DEFAULT);
  detail::check(H5Dwrite(dataset.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer),
                loc.id(), name, "write");
  detail::close(dataset, loc.id(), name);
}

std::string read_string(const Handle& loc, std::string_view name) {
  ErrorSilencer silence;
  std::vector<std::string> values = read_string_dataset(loc.id(), name);
  if (values.size() != 1) {
    detail::wrong(loc.id(), name,
                  "holds " + std::to_string(values.size()) + " strings, expected one");
  }
  return std::move(values.front());
}

}  // namespace seatcast::h5
