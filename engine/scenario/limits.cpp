#include "engine/scenario/limits.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "engine/io/input_error.h"
#include "engine/sim/simulation.h"

namespace seatcast {

namespace {

constexpr std::uint64_t kWord = sizeof(std::uint64_t);

// The words of the body's tally layout (BodyTally::layout_of), without making them.
std::uint64_t body_tally_bytes(const ElectedBody& b) {
  return static_cast<std::uint64_t>(BodyTally::layout_of(b).words()) * kWord;
}

std::string size_text(std::uint64_t bytes, bool exact) {
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::string text =
      mib >= 1024 ? fmt::format("{:.1f} GiB", mib / 1024) : fmt::format("{:.1f} MiB", mib);
  if (exact) text.append(fmt::format(" ({} bytes)", bytes));
  return text;
}

}  // namespace

std::uint64_t tally_bytes(const Simulation& sim) {
  std::uint64_t bytes = 0;
  for (const ElectedBody& b : sim.bodies) bytes += body_tally_bytes(b);
  return bytes;
}

std::uint64_t run_memory_bytes(const Simulation& sim, const RunSettings& run, int threads,
                               bool keep_draws, std::uint64_t held_draws) {
  const std::uint64_t workers = static_cast<std::uint64_t>(std::max(threads, 1));
  std::uint64_t bytes = (workers + 1) * tally_bytes(sim);
  if (keep_draws) {
    // run_simulation keeps one record per block of a wave: the same function sizes both.
    const std::uint64_t wave = blocks_per_wave(threads);
    const std::uint64_t draws = std::min(run.draws, wave * run.block_size) + held_draws;
    const std::uint64_t options = sim.ballot.size();
    bytes += draws * options * (sizeof(float) + sim.bodies.size() * sizeof(std::uint16_t));
  }
  return bytes;
}

std::uint64_t run_memory_limit() {
  if (const char* env = std::getenv("SEATCAST_MEMORY_LIMIT")) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(env, &end, 10);
    if (end != env && *end == '\0') return v;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return UINT64_MAX;  // unknown: do not refuse
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page) / 2;
}

void check_run_memory(const Scenario& scenario, const Simulation& sim, int threads, bool keep_draws,
                      std::uint64_t held_draws) {
  const std::uint64_t need = run_memory_bytes(sim, scenario.run, threads, keep_draws, held_draws);
  const std::uint64_t limit = run_memory_limit();
  if (need <= limit) return;
  // Point at the body whose tallies are largest: that is what to make smaller.
  std::size_t largest = 0;
  for (std::size_t b = 1; b < sim.bodies.size(); ++b)
    if (body_tally_bytes(sim.bodies[b]) > body_tally_bytes(sim.bodies[largest])) largest = b;
  const int line = largest < scenario.body_lines.size() ? scenario.body_lines[largest] : 0;
  std::string why = fmt::format(
      "the run would need {} for its tallies: {} worker threads + 1 merged set, {} each",
      size_text(need, true), std::max(threads, 1), size_text(tally_bytes(sim), false));
  if (keep_draws) why.append(", and the kept draws of one wave of blocks");
  if (keep_draws && held_draws > 0)
    why.append(fmt::format(" and the {} this process sends to rank 0 at the end", held_draws));
  why.append(fmt::format("; the limit is {}, ", size_text(limit, true)));
  why.append(std::getenv("SEATCAST_MEMORY_LIMIT") ? "SEATCAST_MEMORY_LIMIT"
                                                  : "half of the physical memory");
  if (!sim.bodies.empty())
    why.append(fmt::format(". Body '{}' takes {} a set", sim.bodies[largest].config().id,
                           size_text(body_tally_bytes(sim.bodies[largest]), false)));
  why.append(": use fewer threads (-t), options, seats or coalitions");
  throw InputError(scenario.file, line, fmt::format("body[{}]", largest), why);
}

void check_sweep_memory(const Scenario& scenario, const Simulation& sim, std::size_t body,
                        std::uint64_t settings, int threads) {
  const std::uint64_t workers = static_cast<std::uint64_t>(std::max(threads, 1));
  const std::uint64_t set = body_tally_bytes(sim.bodies[body]);
  const std::uint64_t need = (workers + 1) * settings * set;
  const std::uint64_t limit = run_memory_limit();
  if (need <= limit) return;
  const int line = body < scenario.body_lines.size() ? scenario.body_lines[body] : 0;
  throw InputError(
      scenario.file, line, fmt::format("body[{}]", body),
      fmt::format("the sweep would need {} for its tallies: {} settings x ({} worker threads + 1 "
                  "merged set) x {} (body '{}'); the limit is {}, {}: use fewer thresholds or "
                  "methods, fewer threads (-t), or no area_results",
                  size_text(need, true), settings, std::max(threads, 1), size_text(set, false),
                  sim.bodies[body].config().id, size_text(limit, true),
                  std::getenv("SEATCAST_MEMORY_LIMIT") ? "SEATCAST_MEMORY_LIMIT"
                                                       : "half of the physical memory"));
}

}  // namespace seatcast
