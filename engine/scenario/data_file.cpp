#include "engine/scenario/data_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace seatcast {

std::string beside(const std::string& scenario_file, const std::string& rel) {
  return (std::filesystem::path(scenario_file).parent_path() / rel).lexically_normal().string();
}

// The data file a scenario names in `key` (model.file, district_tier.file), resolved
// beside the scenario. One that does not open is refused at the scenario line that named
// it, with the path as seatcast resolved it: the user sees where it looked and why.
std::string data_file(const TomlTable& t, std::string_view key, const std::string& scenario_file) {
  const std::string rel = t.string(key);
  const std::string path = beside(scenario_file, rel);
  const std::string where = std::filesystem::path(rel).is_absolute()
                                ? "'" + path + "'"
                                : "'" + path + "' ('" + rel + "' beside the scenario file)";
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    t.fail(key, "cannot read " + where + ": a directory");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    t.fail(key, "cannot open " + where + (err ? ": " + std::string(std::strerror(err)) : ""));
  }
  return path;
}

}  // namespace seatcast
