// One step of a command that every process of a run takes together. Under mpirun an
// exception must not leave one rank early while the others wait in a collective, so
// each step's exceptions become the exit status main() would give them (2 bad input or
// an existing output, 1 anything else), printed by the rank that had them, and the
// ranks then agree on the worst status (Cluster::agree). Without MPI this is just the
// step and main's messages.
#pragma once

#include <exception>
#include <string>

#include "engine/cluster/cluster.h"

namespace seatcast::cli {

// Prints `e` as main() would (prefixed with the rank under MPI); returns the exit status.
int report_exception(const Cluster& cluster, const std::exception& e);

// Runs step() (which returns an exit status) on this rank and returns the worst status
// of all ranks. A rank that was well when another failed says so once, on rank 0.
template <class Step>
int agreed(const Cluster& cluster, Step step) {
  int status = 0;
  try {
    status = step();
  } catch (const std::exception& e) {
    status = report_exception(cluster, e);
  }
  return cluster.agree(status);
}

}  // namespace seatcast::cli
