// The subcommands of the `seatcast` executable. Each registers its options on a CLI11
// app and returns the process exit status: 0 success, 2 bad input (named file, line
// and field), 1 an internal or system error.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "engine/cluster/cluster.h"

namespace seatcast::cli {

using Command = std::function<int()>;

// run and sweep share their work among the ranks of `cluster` under mpirun.
Command add_run(CLI::App& app, const Cluster& cluster);
Command add_allocate(CLI::App& app);
Command add_validate(CLI::App& app);
Command add_summarize(CLI::App& app);
Command add_sweep(CLI::App& app, const Cluster& cluster);
Command add_merge(CLI::App& app);
Command add_backtest(CLI::App& app);

}  // namespace seatcast::cli
