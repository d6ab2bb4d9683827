// Named dimensions for every dataset of a seatcast file (run, partial, merged or sweep),
// as HDF5 dimension scales (engine/hdf5/dimension.h), so that
//   xarray.open_dataset(path, engine="h5netcdf", group="mazhilis")
// gives seats_total as (options, seats) with option ids and seat counts as coordinates,
// without seatcast installed. The names, by where a dataset lives:
//   /options                       the ballot's options (the scale of every option axis)
//   <body>/seats, pr_seats, district_seats   seat counts 0..S of seats_total, seats_pr,
//                                  seats_district (and of the lists', coalitions' and
//                                  house histograms that count the same seats)
//   <body>/levels/<l>/areas        area ids, the area axis of per-area seats
//   <body>/tiers/<t>/tier_seats, area_seat_counts   a tier's own seat counts
//   <body>/districts, coalitions/ids, tier_order    their own ids
//   <body>/coalitions/coalition_seats              a coalition's seat counts
//   <body>/metrics/<m>_bin         each metric histogram's bin lower edges (in a sweep
//                                  <body>/<m>_bin: the sweep names two metrics again there)
//   /sweep/thresholds, /sweep/methods               the leading axes of a sweep
//   /model/options, /model/trend/dates, ...         the vote model's (below)
//   /draws/draw (no values), /draws/bodies          kept draws
// Any axis the rules do not name gets a dimension without values called
// <dataset>_dim<k>, so every dataset opens; tests/python/test_dimensions.py checks that
// no dataset of the shipped kinds of file needs one.
//
// Invariants: labelling is idempotent and adds only scales and their references (every
// documented dataset keeps its path, shape and values); it runs last, before the file
// is closed, and again after `merge` replaces the tallies (which detaches them first).
#pragma once

#include "engine/hdf5/handle.h"

namespace seatcast {

void label_dimensions(const h5::Handle& file);

}  // namespace seatcast
