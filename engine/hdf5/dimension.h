// Dimension scales: HDF5's own way (the H5DS interface of its high-level library, the
// convention netCDF-4 follows) of naming a dataset's axes and giving them coordinates,
// so that xarray (engine "h5netcdf"), netCDF tools and h5py's .dims see named dimensions.
//
// A scale is a 1-d dataset (option ids, seat counts 0..S, area ids); attaching it to axis
// k of a dataset records a reference both ways. A dimension without coordinates is a
// scale whose values are never written (netCDF's "dimension but not a variable"): it takes
// no storage. Invariants: attaching is idempotent; a dataset about to be removed is
// detached first (detach_all), so no scale keeps a reference to a removed object.
#pragma once

#include <hdf5.h>

#include <string_view>

#include "engine/hdf5/handle.h"

namespace seatcast::h5 {

// Makes the 1-d dataset `path` under `loc` a dimension scale called by its own name.
void make_scale(const Handle& loc, std::string_view path);
// Creates `path` under `loc` as a dimension of `size` without coordinate values.
void make_bare_dimension(const Handle& loc, std::string_view path, hsize_t size);
// Sets a dimension made by make_bare_dimension to `size`; false if HDF5 refuses.
bool resize_bare_dimension(const Handle& loc, std::string_view path, hsize_t size);
// True when `path` under `loc` is a dataset (not a group).
bool is_dataset(const Handle& loc, std::string_view path);
// True when `path` under `loc` is a dataset that is a dimension scale.
bool is_scale(const Handle& loc, std::string_view path);
// Attaches scale `scale` (a path under `loc`) to axis `axis` of dataset `dataset`.
void attach_scale(const Handle& loc, std::string_view dataset, std::string_view scale,
                  unsigned axis);
// True when axis `axis` of the dataset has a scale attached.
bool has_scale(const Handle& loc, std::string_view dataset, unsigned axis);
// Detaches every scale from every axis of the dataset (before removing it).
void detach_all(const Handle& loc, std::string_view dataset);

}  // namespace seatcast::h5
