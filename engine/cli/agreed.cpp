#include "engine/cli/agreed.h"

#include <fmt/core.h>

#include "engine/io/input_error.h"
#include "engine/output/pending_file.h"

namespace seatcast::cli {

int report_exception(const Cluster& cluster, const std::exception& e) {
  const bool input = dynamic_cast<const InputError*>(&e) || dynamic_cast<const OutputExists*>(&e);
  const std::string where =
      cluster.distributed() ? fmt::format(" (rank {} of {})", cluster.rank(), cluster.size()) : "";
  fmt::print(stderr, "seatcast: {}{}: {}\n", input ? "error" : "internal error", where, e.what());
  return input ? 2 : 1;
}

}  // namespace seatcast::cli
