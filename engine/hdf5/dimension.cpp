#include "engine/hdf5/dimension.h"

#include <hdf5_hl.h>

#include <string>
#include <vector>

#include "engine/hdf5/detail.h"
#include "engine/hdf5/error.h"
#include "engine/hdf5/group.h"

namespace seatcast::h5 {

namespace {

// netCDF-4's marker for a dimension that has no coordinate variable.
constexpr const char* kBareDimension = "This is a netCDF dimension but not a netCDF variable.";

Handle open(const Handle& loc, std::string_view path) {
  return detail::open_dataset(loc.id(), path);
}

int rank_of(const Handle& dataset) {
  Handle space(H5Dget_space(dataset.id()));
  return space ? H5Sget_simple_extent_ndims(space.id()) : -1;
}

}  // namespace

void make_scale(const Handle& loc, std::string_view path) {
  ErrorSilencer silence;
  Handle d = open(loc, path);
  if (H5DSis_scale(d.id()) > 0) return;
  const std::string name(path.substr(path.rfind('/') + 1));
  if (H5DSset_scale(d.id(), name.c_str()) < 0) detail::wrong(loc.id(), path, "cannot be a scale");
}

void make_bare_dimension(const Handle& loc, std::string_view path, hsize_t size) {
  ErrorSilencer silence;
  const std::string p(path);
  const hsize_t unlimited = H5S_UNLIMITED;
  Handle space(H5Screate_simple(1, &size, &unlimited));
  // Chunked and never written: HDF5 allocates no chunk, so it takes no storage; its
  // extent can grow (resize_bare_dimension) when a merge appends kept draws.
  Handle plist(H5Pcreate(H5P_DATASET_CREATE));
  const hsize_t chunk = 4096;
  H5Pset_chunk(plist.id(), 1, &chunk);
  Handle d = detail::checked(H5Dcreate2(loc.id(), p.c_str(), H5T_NATIVE_FLOAT, space.id(),
                                        H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                             loc.id(), path, "create");
  if (H5DSset_scale(d.id(), kBareDimension) < 0)
    detail::wrong(loc.id(), path, "cannot be a dimension");
}

bool is_dataset(const Handle& loc, std::string_view path) {
  ErrorSilencer silence;
  if (!exists(loc, path)) return false;
  const std::string p(path);
  Handle o(H5Oopen(loc.id(), p.c_str(), H5P_DEFAULT));
  return o && H5Iget_type(o.id()) == H5I_DATASET;
}

bool resize_bare_dimension(const Handle& loc, std::string_view path, hsize_t size) {
  ErrorSilencer silence;
  Handle d = open(loc, path);
  return H5Dset_extent(d.id(), &size) >= 0;
}

bool is_scale(const Handle& loc, std::string_view path) {
  ErrorSilencer silence;
  if (!exists(loc, path)) return false;
  Handle d = open(loc, path);
  return H5DSis_scale(d.id()) > 0;
}

void attach_scale(const Handle& loc, std::string_view dataset, std::string_view scale,
                  unsigned axis) {
  ErrorSilencer silence;
  Handle d = open(loc, dataset);
  Handle s = open(loc, scale);
  if (H5DSis_attached(d.id(), s.id(), axis) > 0) return;
  if (H5DSattach_scale(d.id(), s.id(), axis) < 0)
    detail::wrong(loc.id(), dataset, "cannot attach the scale " + std::string(scale));
}

bool has_scale(const Handle& loc, std::string_view dataset, unsigned axis) {
  ErrorSilencer silence;
  Handle d = open(loc, dataset);
  return H5DSget_num_scales(d.id(), axis) > 0;
}

void detach_all(const Handle& loc, std::string_view dataset) {
  ErrorSilencer silence;
  Handle d = open(loc, dataset);
  const int rank = rank_of(d);
  for (int axis = 0; axis < rank; ++axis) {
    // Collect first: detaching while iterating would move the entries under the iterator.
    std::vector<hid_t> scales;
    // The library closes each id after the visitor returns: take a reference to keep it.
    H5DSiterate_scales(
        d.id(), static_cast<unsigned>(axis), nullptr,
        [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
          H5Iinc_ref(scale);
          static_cast<std::vector<hid_t>*>(out)->push_back(scale);
          return 0;
        },
        &scales);
    for (hid_t s : scales) {
      H5DSdetach_scale(d.id(), s, static_cast<unsigned>(axis));
      H5Idec_ref(s);
    }
  }
}

}  // namespace seatcast::h5
