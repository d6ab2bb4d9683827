// seatcast validate: read and check a scenario, run nothing.
#include <fmt/core.h>

#include "engine/cli/commands.h"
#include "engine/scenario/scenario.h"

namespace seatcast::cli {

Command add_validate(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  app.add_option("scenario", *path, "Scenario file (TOML)")->required();
  return [path] {
    const Scenario s = load_scenario(*path);
    const Simulation sim = make_simulation(s);
    fmt::print("{}: ok: {} options, model {}, {} draws, seed {}\n", s.file, s.ballot.size(),
               s.model_type, s.run.draws, s.run.seed);
    for (const auto& b : sim.bodies)
      fmt::print("  body {}: {} seats ({} list, {} district)\n", b.id(), b.seats(), b.list_seats(),
                 b.district_seats());
    return 0;
  };
}

}  // namespace seatcast::cli
