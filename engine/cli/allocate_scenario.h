// `seatcast allocate --scenario FILE.toml [--body ID] VOTES.csv [--format csv|json]`:
// a scenario body's stages applied to counted votes in the long form (area, option,
// votes[, ballot]). CSV: `area,option,seats` per area and option that stands there,
// then rows with area `total`. JSON: body, seats, areas, tiers, events and, per
// filter, the threshold lines and why each list took part.
#pragma once

#include <string>

namespace seatcast::cli {

int allocate_scenario(const std::string& scenario, const std::string& body,
                      const std::string& votes, const std::string& format);

}  // namespace seatcast::cli
