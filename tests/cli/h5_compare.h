// Comparing two HDF5 files object by object, for tests that demand identical results
// (shards merged, MPI ranks, resumed runs against a plain run): every dataset and every
// attribute must exist in both with the same type, shape and bytes (strings by value;
// dimension scales by the names of the scales attached).
// Attributes that are allowed to differ (e.g. the root's `processes`) can be skipped.
#pragma once

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/file.h"

namespace seatcast::testing {

namespace h5cmp {

inline herr_t collect(hid_t, const char* name, const H5O_info_t* info, void* out) {
  auto* v = static_cast<std::vector<std::pair<std::string, H5O_type_t>>*>(out);
  v->emplace_back(name, info->type);
  return 0;
}

// Every object below the root ("." is the root itself), with its type.
inline std::vector<std::pair<std::string, H5O_type_t>> objects(hid_t file) {
  std::vector<std::pair<std::string, H5O_type_t>> v;
  H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, collect, &v);
  return v;
}

// The bytes of a dataset or attribute read in its native type; strings as text.
inline std::string content(hid_t object, bool attribute) {
  const hid_t ftype = attribute ? H5Aget_type(object) : H5Dget_type(object);
  const hid_t space = attribute ? H5Aget_space(object) : H5Dget_space(object);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::string out;
  if (H5Tget_class(ftype) == H5T_STRING && H5Tis_variable_str(ftype) > 0) {
    std::vector<char*> s(static_cast<std::size_t>(n));
    const hid_t mem = H5Tcopy(H5T_C_S1);
    H5Tset_size(mem, H5T_VARIABLE);
    H5Tset_cset(mem, H5Tget_cset(ftype));
    if ((attribute ? H5Aread(object, mem, s.data())
                   : H5Dread(object, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.data())) >= 0)
      for (char* c : s) out.append(c ? c : "").push_back('\0');
    H5Dvlen_reclaim(mem, space, H5P_DEFAULT, s.data());
    H5Tclose(mem);
  } else {
    const hid_t mem = H5Tget_native_type(ftype, H5T_DIR_ASCEND);
    out.resize(static_cast<std::size_t>(n) * H5Tget_size(mem));
    if (attribute)
      H5Aread(object, mem, out.data());
    else
      H5Dread(object, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    H5Tclose(mem);
  }
  // The shape too, so [2, 3] and [3, 2] differ.
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank > 0 ? rank : 0));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  for (hsize_t d : dims) out.append("|").append(std::to_string(d));
  H5Sclose(space);
  H5Tclose(ftype);
  return out;
}

// The dimension scales of a dataset, by name per axis ("0:/options 1:/mazhilis/seats"):
// what its DIMENSION_LIST means, whose bytes are object addresses that depend on the
// file's layout.
inline std::string scale_names(hid_t dataset) {
  std::string out;
  const hid_t space = H5Dget_space(dataset);
  const int rank = H5Sget_simple_extent_ndims(space);
  H5Sclose(space);
  for (int axis = 0; axis < rank; ++axis) {
    out += std::to_string(axis) + ":";
    H5DSiterate_scales(
        dataset, static_cast<unsigned>(axis), nullptr,
        [](hid_t, unsigned, hid_t scale, void* text) -> herr_t {
          char name[512] = {};
          H5Iget_name(scale, name, sizeof name);
          static_cast<std::string*>(text)->append(name).append(" ");
          return 0;
        },
        &out);
  }
  return out;
}

inline std::vector<std::string> attribute_names(hid_t object) {
  std::vector<std::string> names;
  H5O_info_t info;
  H5Oget_info(object, &info);
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    char name[256] = {};
    H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
    names.emplace_back(name);
  }
  return names;
}

}  // namespace h5cmp

// The differences between files a and b, one line each (empty: identical), ignoring the
// root attributes named in `ignore_root`. `datasets` counts the datasets compared.
inline std::vector<std::string> h5_differences(const std::string& a, const std::string& b,
                                               const std::set<std::string>& ignore_root,
                                               std::size_t* datasets = nullptr) {
  std::vector<std::string> diffs;
  const h5::File fa = h5::File::open_read(a), fb = h5::File::open_read(b);
  const auto oa = h5cmp::objects(fa.handle().id()), ob = h5cmp::objects(fb.handle().id());
  if (oa != ob) diffs.push_back("the files hold different objects");
  std::size_t count = 0;
  for (const auto& [name, type] : oa) {
    const hid_t x = H5Oopen(fa.handle().id(), name.c_str(), H5P_DEFAULT);
    const hid_t y = H5Oopen(fb.handle().id(), name.c_str(), H5P_DEFAULT);
    if (y < 0) {
      diffs.push_back(name + ": only in " + a);
      H5Oclose(x);
      continue;
    }
    if (type == H5O_TYPE_DATASET) {
      ++count;
      if (h5cmp::content(x, false) != h5cmp::content(y, false)) diffs.push_back(name + ": differs");
    }
    const auto na = h5cmp::attribute_names(x), nb = h5cmp::attribute_names(y);
    std::set<std::string> all(na.begin(), na.end());
    all.insert(nb.begin(), nb.end());
    for (const auto& attr : all) {
      if (name == "." && ignore_root.count(attr)) continue;
      const bool in_a = std::find(na.begin(), na.end(), attr) != na.end();
      const bool in_b = std::find(nb.begin(), nb.end(), attr) != nb.end();
      if (!in_a || !in_b) {
        diffs.push_back(name + "@" + attr + ": only in one file");
        continue;
      }
      // Dimension scales: compared by the scales' names (REFERENCE_LIST, the other half
      // of the same links, by the datasets that hold them).
      if (attr == "REFERENCE_LIST") continue;
      if (attr == "DIMENSION_LIST") {
        if (h5cmp::scale_names(x) != h5cmp::scale_names(y))
          diffs.push_back(name + ": other dimension scales");
        continue;
      }
      const hid_t p = H5Aopen(x, attr.c_str(), H5P_DEFAULT),
                  q = H5Aopen(y, attr.c_str(), H5P_DEFAULT);
      if (h5cmp::content(p, true) != h5cmp::content(q, true))
        diffs.push_back(name + "@" + attr + ": differs");
      H5Aclose(p);
      H5Aclose(q);
    }
    H5Oclose(x);
    H5Oclose(y);
  }
  if (datasets) *datasets = count;
  return diffs;
}

}  // namespace seatcast::testing
