// JSON text for the CLI's --format json outputs: one way to quote a string.
#pragma once

#include <string>
#include <string_view>

namespace seatcast::cli {

// s as a JSON string literal: quotes and backslashes escaped, control characters as \uXXXX.
std::string json_string(std::string_view s);

}  // namespace seatcast::cli
