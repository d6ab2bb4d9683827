// seatcast: Monte Carlo seat odds for elected bodies. See README.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include <exception>
#include <map>
#include <optional>

#include "engine/cli/commands.h"
#include "engine/hdf5/error.h"
#include "engine/io/input_error.h"
#include "engine/output/pending_file.h"

int main(int argc, char** argv) {
  // Under mpirun, MPI is set up before anything else and finalised after the command.
  std::optional<seatcast::Cluster> cluster;
  try {
    cluster.emplace();
  } catch (const std::exception& e) {
    fmt::print(stderr, "seatcast: error: {}\n", e.what());
    return 1;
  }
  CLI::App app{"seatcast: Monte Carlo election simulation (seat odds from polling distributions)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "seatcast 0.1.0");
  std::map<CLI::App*, seatcast::cli::Command> commands;
  auto add = [&](const char* name, const char* help, auto adder) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands[sub] = adder(*sub);
  };
  add("run", "Simulate a scenario and write seat distributions to HDF5",
      [&](CLI::App& sub) { return seatcast::cli::add_run(sub, *cluster); });
  add("allocate", "Allocate seats from counted votes (CSV)", seatcast::cli::add_allocate);
  add("validate", "Check a scenario file without running it", seatcast::cli::add_validate);
  add("summarize", "Print the seat odds of a results file (table, CSV or JSON)",
      seatcast::cli::add_summarize);
  add("sweep", "Seats under a range of thresholds and methods on the same draws",
      [&](CLI::App& sub) { return seatcast::cli::add_sweep(sub, *cluster); });
  add("merge", "Sum the shards of a run (run --shard I/N) into one results file",
      seatcast::cli::add_merge);
  add("backtest", "Place an official result in a scenario's simulated distributions",
      seatcast::cli::add_backtest);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, command] : commands)
      if (sub->parsed()) return command();
  } catch (const seatcast::InputError& e) {
    fmt::print(stderr, "seatcast: error: {}\n", e.what());
    return 2;
  } catch (const seatcast::OutputError& e) {
    fmt::print(stderr, "seatcast: error: {}\n", e.what());
    return 2;
  } catch (const seatcast::h5::Error& e) {
    // Writing a result failed (a full disk, a directory that refuses new files): not a
    // bug, and the pending file was removed on the way out, so nothing is left behind.
    fmt::print(stderr, "seatcast: error: cannot write the results: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "seatcast: internal error: {}\n", e.what());
    return 1;
  }
  return 1;
}
