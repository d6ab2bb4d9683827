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
    for (const std::string& note : s.notes) fmt::print(stderr, "seatcast: note: {}\n", note);
    fmt::print("{}: ok: {}, model {}, {}, seed {}\n", s.file, count_of(s.ballot.size(), "option"),
               s.model_type, count_of(s.run.draws, "draw"), s.run.seed);
    for (const auto& b : sim.bodies) {
      if (b.house_seats() == b.seats()) {
        fmt::print("  body {}: {} ({} list, {} district)\n", b.id(),
                   count_of(static_cast<std::uint64_t>(b.seats()), "seat"), b.list_seats(),
                   b.district_seats());
        continue;
      }
      // A compensating tier's capacity is not the house: show each tier's seats in law.
      std::string tiers;
      for (int t = 0; t < b.tiers(); ++t)
        tiers += fmt::format("{}{} {}", t ? ", " : "", b.tier(t).id, b.tier(t).nominal);
      fmt::print("  body {}: {} ({}){}\n", b.id(),
                 count_of(static_cast<std::uint64_t>(b.house_seats()), "seat"), tiers,
                 b.house_varies() ? ", plus overhang where it arises" : "");
    }
    return 0;
  };
}

}  // namespace seatcast::cli
