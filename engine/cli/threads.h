// The default number of worker threads: the cores this process may run on. Under mpirun
// each rank is usually bound to a core or a socket, and asking TBB for more threads than
// the binding allows only makes it warn; without a binding this is every core.
#pragma once

namespace seatcast::cli {

int default_threads();

}  // namespace seatcast::cli
