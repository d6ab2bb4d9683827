#include "engine/io/numbers.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace seatcast {

std::optional<std::int64_t> parse_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> parse_real(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() ||
      !std::isfinite(value))
    return std::nullopt;
  return value;
}

namespace {
// Appends rather than operator+ chains: GCC 12 warns falsely (-Wrestrict) on those.
Count count_error(std::string_view shown, std::string_view why) {
  Count c;
  c.error.append("'").append(shown).append("' ").append(why);
  return c;
}
Count not_whole(std::string_view shown) {
  return count_error(shown, "is not a whole number (a count is written 100000, 1e5 or 2.5e6)");
}
Count outside(std::string_view shown, std::string_view how, std::uint64_t least,
              std::uint64_t most) {
  std::string why(how);
  why.append(": the count must be from ").append(count_text(least)).append(" to ");
  why.append(count_text(most));
  return count_error(shown, why);
}
Count in_range(std::uint64_t v, std::string_view shown, std::uint64_t least, std::uint64_t most) {
  if (v < least) return outside(shown, "is less than " + count_text(least), least, most);
  if (v > most) return outside(shown, "is more than " + count_text(most), least, most);
  return Count{v, {}};
}
}  // namespace

std::string count_text(std::uint64_t n) {
  int zeros = 0;
  std::uint64_t m = n;
  while (m >= 10 && m % 10 == 0) {
    m /= 10;
    ++zeros;
  }
  return m == 1 && zeros >= 4 ? "10^" + std::to_string(zeros) : std::to_string(n);
}

Count parse_count(std::string_view text, std::uint64_t least, std::uint64_t most) {
  const std::string shown(text);
  std::string_view t = text;
  bool negative = false;
  if (!t.empty() && (t.front() == '+' || t.front() == '-')) {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  // mantissa digits (with at most one point), then an optional exponent
  std::string digits;
  std::int64_t exponent = 0;
  bool point = false, any = false;
  std::size_t i = 0;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      any = true;
      digits += c;
      if (point) --exponent;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (any && i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    const auto e = parse_int(t.substr(i + 1));
    // Beyond +-10^6 no count fits or the digits cannot make it whole: both refused below.
    if (!e || *e > 1'000'000 || *e < -1'000'000) return not_whole(shown);
    exponent += *e;
    i = t.size();
  }
  if (!any || i != t.size()) return not_whole(shown);
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return in_range(0, shown, least, most);  // 0, 0.0e3
  digits.erase(0, first);
  // Digits below the units must all be zeros for a whole number.
  while (exponent < 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (exponent < 0) return not_whole(shown);
  if (negative) return outside(shown, "is negative", least, most);
  if (digits.size() + static_cast<std::size_t>(std::min<std::int64_t>(exponent, 100)) > 19)
    return outside(shown, "is more than " + count_text(most), least, most);
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  for (std::int64_t k = 0; k < exponent; ++k) v *= 10;
  return in_range(v, shown, least, most);
}

Count count_from_real(double value, std::uint64_t least, std::uint64_t most) {
  char buf[64];
  // As written when whole (-100000, not -1e+05), else the shortest text that reads back.
  const bool whole = std::isfinite(value) && value == std::floor(value) && std::abs(value) < 1e16;
  const auto end = whole ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed).ptr
                         : std::to_chars(buf, buf + sizeof buf, value).ptr;
  const std::string shown(buf, end);
  if (!std::isfinite(value) || value != std::floor(value)) return not_whole(shown);
  if (value < 0) return outside(shown, "is negative", least, most);
  if (value > static_cast<double>(most))
    return outside(shown, "is more than " + count_text(most), least, most);
  return in_range(static_cast<std::uint64_t>(value), shown, least, most);
}

}  // namespace seatcast
