#include "engine/cli/draw_options.h"

#include "engine/scenario/limits.h"

namespace seatcast::cli {

void add_draw_options(CLI::App& app, std::uint64_t& draws, std::int64_t& seed, int& threads) {
  app.add_option("-n,--draws", draws, "Number of draws (default: the scenario's)")
      ->check(CLI::Range(std::uint64_t{1}, static_cast<std::uint64_t>(kMaxDraws)));
  app.add_option("-s,--seed", seed, "Random seed (default: the scenario's)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("-t,--threads", threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
}

}  // namespace seatcast::cli
