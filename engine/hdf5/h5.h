// The whole HDF5 interface of seatcast in one include: files (file.h), groups (group.h),
// whole datasets (dataset.h), attributes (attribute.h), streamed chunked datasets
// (appendable.h), errors (error.h) and handles (handle.h). Simulation code uses these and
// never the HDF5 C API.
#pragma once

#include "engine/hdf5/appendable.h"
#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/element.h"
#include "engine/hdf5/error.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/hdf5/handle.h"
