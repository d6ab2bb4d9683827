// The processes of one run. Without MPI (or when not launched by mpirun) a run is one
// process; under `mpirun -np N seatcast ...` it is N ranks, each drawing a contiguous
// share of the blocks with TBB on its own cores. The ranks' integer tallies are summed
// into rank 0 (MPI_UINT64_T), which alone writes files and prints; so the numbers are
// those of one process, whatever N.
//
// MPI is initialised only when the environment says mpirun (or another PMI launcher)
// started the process (OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK), so a plain
// `seatcast run` needs no MPI at all. Builds without MPI (SEATCAST_MPI=OFF) refuse to
// run under mpirun rather than run N identical copies.
//
// Every collective below must be called by all ranks in the same order. Errors are
// agreed, not thrown across ranks: each rank reports its own status and agree() gives
// every rank the worst, so a failing rank makes the whole run fail.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/sim/simulation.h"
#include "engine/sim/sweep.h"
#include "engine/sim/tally.h"

namespace seatcast {

class Cluster {
 public:
  // Initialises MPI when launched by mpirun; finalises it on destruction.
  Cluster();
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  bool distributed() const { return size_ > 1; }

  // The largest status of all ranks (0: all well). Collective.
  int agree(int status) const;
  // Adds every rank's tally into rank 0's (MPI_Reduce, MPI_UINT64_T, MPI_SUM); other
  // ranks' tallies are left as they were. Collective.
  void reduce(Tally& tally) const;
  // The same for a sweep's tally (gathered and merged on rank 0, for its 128-bit sums).
  void reduce(SweepTally& tally) const;

  // Kept draws under MPI: every rank but 0 sends its blocks' records in order; rank 0
  // receives those of each rank in rank order (`blocks[r]` records from rank r) and
  // hands them to `sink`, which then sees every block in draw order. Collective.
  void send_records(const std::vector<BlockRecord>& records) const;
  void receive_records(const std::vector<std::uint64_t>& blocks, std::size_t options,
                       const std::function<void(const BlockRecord&)>& sink) const;

  // Ends every rank now with `status` (MPI_Abort), for a failure where the other ranks
  // are waiting in a point-to-point exchange that cannot complete. Only under MPI.
  [[noreturn]] void abort(int status) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool mpi_ = false;
};

// True when the environment says an MPI launcher started this process.
bool launched_by_mpirun();

}  // namespace seatcast
