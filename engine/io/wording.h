// Small pieces of the wording of messages and tables, shared so that every command
// says things the same way: "did you mean" for a mistyped name, and "1 seat" / "2 seats".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatcast {

// Optimal string alignment distance (insertions, deletions, substitutions and swaps of
// two neighbouring characters, each costing 1), ignoring ASCII case: the typing slips
// of "dhont", "--draw" and "sainte-laguë".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name closest to `name`, when it is close enough to be what the user meant:
// within max(1, length / 3) edits and fewer than half its length, or the only name that `name` (3
// characters or more) begins. The earlier of equally close names wins.
std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& known);

// "unknown WHAT 'NAME'; did you mean 'X'? (expected A, B, C)", the suggestion only when
// one is close enough.
std::string unknown_name(std::string_view what, std::string_view name,
                         const std::vector<std::string>& known);

// "1 seat", "2 seats", "0 seats": `word` is the singular, the plural adds an s.
std::string count_of(std::uint64_t n, std::string_view word);

}  // namespace seatcast
