// Strict number parsing for user input: the whole field must be the number, so "12a",
// "", "nan" and "1e400" are errors rather than silently 12, 0 or infinity.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace seatcast {

std::optional<std::int64_t> parse_int(std::string_view text);
// A finite decimal number.
std::optional<double> parse_real(std::string_view text);

}  // namespace seatcast
