// Internal: the template part of detail.h (reading fixed or variable-length strings).
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include <hdf5.h>

#include "engine/hdf5/detail.h"

namespace seatcast::h5::detail {

template <class Read>
std::vector<std::string> read_string_values(hid_t file_type, hid_t space, Read read) {
  std::vector<hsize_t> dims = extent(space);
  const std::size_t n = static_cast<std::size_t>(element_count(dims));
  std::vector<std::string> out;
  out.reserve(n);
  if (n == 0) return out;
  const H5T_cset_t cset = H5Tget_cset(file_type);
  const htri_t variable = H5Tis_variable_str(file_type);
  if (variable < 0) throw Error("cannot inspect a string type: " + hdf5_message());
  if (variable > 0) {
    Handle memory = vlen_string_type();
    if (H5Tset_cset(memory.id(), cset) < 0) {
      throw Error("cannot make a string type: " + hdf5_message());
    }
    std::vector<char*> pointers(n, nullptr);
    read(memory.id(), static_cast<void*>(pointers.data()));
    for (char* p : pointers) out.emplace_back(p == nullptr ? "" : p);
    H5Dvlen_reclaim(memory.id(), space, H5P_DEFAULT, pointers.data());
    return out;
  }
  Handle memory(H5Tcopy(file_type));
  const std::size_t size = H5Tget_size(file_type);
  if (!memory || size == 0) throw Error("cannot make a string type: " + hdf5_message());
  const bool space_padded = H5Tget_strpad(file_type) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(n * size, '\0');
  read(memory.id(), static_cast<void*>(buffer.data()));
  for (std::size_t i = 0; i < n; ++i) {
    const char* begin = buffer.data() + i * size;
    std::size_t length = strnlen(begin, size);
    if (space_padded) {
      while (length > 0 && begin[length - 1] == ' ') --length;
    }
    out.emplace_back(begin, length);
  }
  return out;
}

}  // namespace seatcast::h5::detail
