// The options every simulating subcommand (run, sweep) takes the same way: how many
// draws, which seed and how many worker threads, each defaulting to the scenario's (or
// all cores) when not given.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>

namespace seatcast::cli {

// A count option's text from `least` to `most`, in digits or in exponent form ("1e5",
// "2.5e6"), rewritten to digits for CLI11's conversion; anything else is refused saying
// why (not a whole number, negative, out of range).
CLI::Validator count_form(std::uint64_t least, std::uint64_t most);

// -n/--draws (1..10^12, 0: the scenario's), -s/--seed (-1: the scenario's) and
// -t/--threads (1..1024, 0: all cores).
void add_draw_options(CLI::App& app, std::uint64_t& draws, std::int64_t& seed, int& threads);

}  // namespace seatcast::cli
