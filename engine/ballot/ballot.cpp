#include "engine/ballot/ballot.h"

#include <array>
#include <utility>

namespace seatcast {

namespace {
constexpr std::array<std::pair<std::string_view, OptionKind>, 6> kKinds{{
    {"party", OptionKind::party},
    {"independent", OptionKind::independent},
    {"against_all", OptionKind::against_all},
    {"blank", OptionKind::blank},
    {"invalid", OptionKind::invalid},
    {"other", OptionKind::other},
}};
}  // namespace

std::optional<OptionKind> parse_option_kind(std::string_view text) {
  for (const auto& [name, kind] : kKinds)
    if (name == text) return kind;
  return std::nullopt;
}

std::string_view to_string(OptionKind kind) {
  for (const auto& [name, k] : kKinds)
    if (k == kind) return name;
  return "unknown";
}

std::optional<int> find_option(const Ballot& ballot, std::string_view id) {
  for (std::size_t i = 0; i < ballot.size(); ++i)
    if (ballot[i].id == id) return static_cast<int>(i);
  return std::nullopt;
}

}  // namespace seatcast
