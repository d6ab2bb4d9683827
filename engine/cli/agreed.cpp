#include "engine/cli/agreed.h"

#include <fmt/core.h>

#include "engine/hdf5/error.h"
#include "engine/io/input_error.h"
#include "engine/output/pending_file.h"

namespace seatcast::cli {

int report_exception(const Cluster& cluster, const std::exception& e) {
  const bool input = dynamic_cast<const InputError*>(&e) || dynamic_cast<const OutputError*>(&e);
  // Writing a result failed (a full disk, a directory that refuses new files): not a
  // bug, and the pending file is removed on the way out, so nothing is left behind.
  const bool write = dynamic_cast<const h5::Error*>(&e) != nullptr;
  const std::string where =
      cluster.distributed() ? fmt::format(" (rank {} of {})", cluster.rank(), cluster.size()) : "";
  const char* what = input ? "error" : write ? "error: cannot write the results" : "internal error";
  fmt::print(stderr, "seatcast: {}{}: {}\n", what, where, e.what());
  return input ? 2 : 1;
}

}  // namespace seatcast::cli
