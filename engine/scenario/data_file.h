// Data files a scenario names (polls, districts, areas), resolved beside the scenario.
#pragma once

#include <string>
#include <string_view>

#include "engine/scenario/toml_reader.h"

namespace seatcast {

std::string beside(const std::string& scenario_file, const std::string& rel);
// The path of the file named in `key` of `t`, resolved beside the scenario; refused at
// that line when it does not open (InputError naming the resolved path).
std::string data_file(const TomlTable& t, std::string_view key, const std::string& scenario_file);

}  // namespace seatcast
