// seatcast validate: read and check a scenario, run nothing.
#include <fmt/core.h>

#include "engine/cli/commands.h"
#include "engine/io/wording.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

Command add_validate(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  app.add_option("scenario", *path, "Scenario file (TOML)")->required();
  return [path] {
    const Scenario s = load_scenario(*path);
    const Simulation sim = make_simulation(s);
    fmt::print("{}: ok: {}, model {}, {}, seed {}\n", s.file, count_of(s.ballot.size(), "option"),
               s.model_type, count_of(s.run.draws, "draw"), s.run.seed);
    for (const auto& b : sim.bodies)
      fmt::print("  body {}: {} ({} list, {} district)\n", b.id(),
                 count_of(static_cast<std::uint64_t>(b.seats()), "seat"), b.list_seats(),
                 b.district_seats());
    return 0;
  };
}

}  // namespace seatcast::cli
