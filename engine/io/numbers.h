// Strict number parsing for user input: the whole field must be the number, so "12a",
// "", "nan" and "1e400" are errors rather than silently 12, 0 or infinity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seatcast {

std::optional<std::int64_t> parse_int(std::string_view text);
// A finite decimal number.
std::optional<double> parse_real(std::string_view text);

// A count from `least` to `most` (draws, voters), written in digits or, as people write
// large counts, in exponent form when that is a whole number: "100000", "1e5", "2.5e6".
// Read exactly from the decimal digits, so "1.0000000000001e12" is not whole. `error`
// says why the text is not such a count (empty when it is).
struct Count {
  std::uint64_t value = 0;
  std::string error;
};
Count parse_count(std::string_view text, std::uint64_t least, std::uint64_t most);
// The same for a number already read (a TOML float such as `draws = 1e5`).
Count count_from_real(double value, std::uint64_t least, std::uint64_t most);
// "10^12" for a power of ten from 10^4, else the digits.
std::string count_text(std::uint64_t n);

}  // namespace seatcast
