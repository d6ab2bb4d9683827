// seatcast: Monte Carlo seat odds for elected bodies. See README.md.
#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/hdf5/error.h"
#include "engine/io/input_error.h"
#include "engine/io/wording.h"
#include "engine/output/pending_file.h"

namespace {

// Every name an option of `app` answers to: "-n", "--draws", ...
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& n : opt->get_snames()) names.push_back("-" + n);
    for (const std::string& n : opt->get_lnames()) names.push_back("--" + n);
  }
  return names;
}

// "Did you mean" lines for what CLI11 refused: the options in `args` that the command
// does not know ("--draw": "--draws"), or a command name that is not one ("runn":
// "run"). CLI11 says only that an argument was not expected (in reverse order) or that
// something is required; the nearest known name is what the user most likely meant.
std::string suggestions(const CLI::App& app, const CLI::Error& e,
                        const std::vector<std::string>& args) {
  const CLI::App* sub = nullptr;
  for (const CLI::App* s : app.get_subcommands({}))  // every subcommand, parsed or not
    if (s->parsed()) sub = s;
  std::string out;
  if (!sub && dynamic_cast<const CLI::RequiredError*>(&e) && !args.empty() &&
      args[0].rfind('-', 0) != 0) {
    std::vector<std::string> commands;
    for (const CLI::App* s : app.get_subcommands({})) commands.push_back(s->get_name());
    return seatcast::unknown_name("command", args[0], commands) + "\n";
  }
  // Any error, not only ExtrasError (which CLI11 names after the app that threw it, so
  // it is told by type): a misspelt required option ("--treshold") is first reported as
  // the required one missing.
  if (!sub) return out;
  const std::vector<std::string> known = option_names(*sub);
  auto is_known = [&](const std::string& name) {
    return std::find(known.begin(), known.end(), name) != known.end() || name == "--version";
  };
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || std::isdigit(static_cast<unsigned char>(arg[1])) ||
        arg[1] == '.')
      continue;  // a value, or a negative number
    // "--draw=5" is the option "--draw"; "-n5" and "-qn" begin with a known short option.
    const std::string name = arg[1] == '-' ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
    if (is_known(name)) continue;
    if (const auto near = seatcast::nearest_name(name, known))
      out.append("unknown option '")
          .append(name)
          .append("'; did you mean '")
          .append(*near)
          .append("'?\n");
  }
  return out;
}

}  // namespace

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

  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  app.failure_message([&args](const CLI::App* a, const CLI::Error& e) {
    return std::string(e.what()) + "\n" + suggestions(*a, e, args) +
           "Run with --help for more information.\n";
  });
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
