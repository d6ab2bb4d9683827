#include "engine/cli/draw_options.h"

#include "engine/io/numbers.h"
#include "engine/scenario/limits.h"

namespace seatcast::cli {

CLI::Validator count_form(std::uint64_t least, std::uint64_t most) {
  return CLI::Validator(
      [least, most](std::string& text) {
        const Count c = parse_count(text, least, most);
        if (c.error.empty()) text = std::to_string(c.value);
        return c.error;
      },
      "COUNT", "count");
}

void add_draw_options(CLI::App& app, std::uint64_t& draws, std::int64_t& seed, int& threads) {
  app.add_option("-n,--draws", draws,
                 "Number of draws, e.g. 100000 or 1e5 (default: the scenario's)")
      ->transform(count_form(1, static_cast<std::uint64_t>(kMaxDraws)));
  app.add_option("-s,--seed", seed, "Random seed (default: the scenario's)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("-t,--threads", threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
}

}  // namespace seatcast::cli
