// Reading a body's levels of areas ([[body.levels]]): the areas file (`area`, `name`,
// `seats`, and `parent` when the level has a parent level; optional `registered` and
// `population`, whole numbers of people) and the baseline (the long form of counted
// votes, engine/io/area_votes_csv.h). A level's `seats = { total, method, by, tie_rule }`
// computes the magnitudes instead of the `seats` column: by population or registered
// voters here, once; by votes in every draw (engine/areas/area_level.h). Every error
// names file, line and field: an unknown option or area, a magnitude below 1, a parent
// level that is not declared before, areas that do not partition their parent, a
// negative, fractional or empty roll or population, a size column the level needs.
#pragma once

#include <string>
#include <vector>

#include "engine/areas/area_level.h"
#include "engine/ballot/ballot.h"
#include "engine/scenario/toml_reader.h"

namespace seatcast {

std::vector<AreaLevelConfig> read_levels(const TomlTable& body, const Ballot& ballot,
                                         const std::string& scenario_file);

}  // namespace seatcast
