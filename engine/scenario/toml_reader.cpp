#include "engine/scenario/toml_reader.h"

#include <sstream>

#include <fstream>

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "engine/io/input_error.h"
#include "engine/io/numbers.h"

namespace seatcast {

namespace {
std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    default:
      return "a date or time";
  }
}
}  // namespace

std::string TomlTable::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

int TomlTable::line_of(std::string_view key) const {
  const toml::node* n = node(key);
  return n ? static_cast<int>(n->source().begin.line) : line();
}

void TomlTable::fail(std::string_view key, const std::string& message) const {
  throw InputError(file_, line_of(key), key.empty() ? path_ : field(key), message);
}

void TomlTable::only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [k, v] : *table_) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k.str();
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw InputError(file_, static_cast<int>(v.source().begin.line), field(k.str()),
                       "unknown key (expected one of: " + list + ")");
    }
  }
}

std::optional<std::string> TomlTable::optional_string(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) fail(key, "expected a string, found " + std::string(type_name(*n)));
  return std::string(*n->value<std::string_view>());
}

std::string TomlTable::string(std::string_view key) const {
  auto v = optional_string(key);
  if (!v) fail(key, "missing (a string is required)");
  return *v;
}

std::optional<std::int64_t> TomlTable::optional_integer(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) fail(key, "expected an integer, found " + std::string(type_name(*n)));
  return *n->value<std::int64_t>();
}

std::optional<std::uint64_t> TomlTable::optional_count(std::string_view key, std::uint64_t least,
                                                       std::uint64_t most) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  Count c;
  if (n->is_integer()) {
    const std::int64_t v = *n->value<std::int64_t>();
    c = v < 0 ? count_from_real(static_cast<double>(v), least, most)
              : parse_count(std::to_string(v), least, most);
  } else if (n->is_floating_point()) {
    c = count_from_real(*n->value<double>(), least, most);
  } else {
    fail(key, "expected a whole number, found " + std::string(type_name(*n)));
  }
  if (!c.error.empty()) fail(key, c.error);
  return c.value;
}

std::int64_t TomlTable::integer(std::string_view key) const {
  auto v = optional_integer(key);
  if (!v) fail(key, "missing (an integer is required)");
  return *v;
}

std::optional<double> TomlTable::optional_real(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_number()) fail(key, "expected a number, found " + std::string(type_name(*n)));
  const double v = *n->value<double>();
  if (!std::isfinite(v)) fail(key, "must be a finite number, not nan or inf");
  return v;
}

double TomlTable::real(std::string_view key) const {
  auto v = optional_real(key);
  if (!v) fail(key, "missing (a number is required)");
  return *v;
}

std::optional<bool> TomlTable::optional_bool(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) fail(key, "expected true or false, found " + std::string(type_name(*n)));
  return *n->value<bool>();
}

std::optional<TomlTable> TomlTable::optional_table(std::string_view key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) fail(key, "expected a table, found " + std::string(type_name(*n)));
  return TomlTable(*n->as_table(), file_, field(key));
}

TomlTable TomlTable::table(std::string_view key) const {
  auto t = optional_table(key);
  if (!t) fail(key, "missing (a table is required)");
  return *t;
}

namespace {

// Line `line` (from 1) of `text`, without its line end.
std::string_view line_of_text(std::string_view text, int line) {
  std::size_t start = 0;
  for (int l = 1; l < line && start <= text.size(); ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::string_view rest = text.substr(std::min(start, text.size()));
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Letters of an unquoted word: ASCII letters and digits, _ and -, and any byte of a
// UTF-8 sequence (a name in Cyrillic or with accents).
bool word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_' || c == '-';
}

// The byte offset of `column` (from 1, counted in code points as toml++ counts them).
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// The key of a `key = value` line and where its value starts, when the line is one.
std::optional<std::pair<std::string_view, std::size_t>> key_and_value(std::string_view line) {
  const std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  const std::string_view key = trim(line.substr(0, eq));
  if (key.empty() || key.find_first_of("\"'[{") != std::string_view::npos) return std::nullopt;
  const std::size_t value = line.find_first_not_of(" \t", eq + 1);
  return std::pair{key, value == std::string_view::npos ? line.size() : value};
}

// What the user most likely did, for the toml++ errors that say what the parser saw
// rather than what was meant: a string whose closing quote is missing (toml++ then meets
// the end of the line, "unescaped control characters ... prohibited", or the end of the
// file) and a word without quotes ("could not determine value type"; or, for a word
// starting like true, false, nan or inf, an error about booleans or numbers).
std::string syntax_hint(std::string_view description, std::string_view line, int column) {
  const bool in_string = description.find("string") != std::string_view::npos;
  if (in_string && (description.find("control characters") != std::string_view::npos ||
                    description.find("end-of-file") != std::string_view::npos)) {
    const auto kv = key_and_value(line);
    if (kv && kv->second < line.size() && (line[kv->second] == '"' || line[kv->second] == '\'')) {
      const char q = line[kv->second];
      const std::string_view value = trim(line.substr(kv->second + 1));
      if (value.find(q) == std::string_view::npos)
        return fmt::format("an unclosed quote? a string ends on the line it starts: {} = {}{}{}",
                           kv->first, q, value, q);
    }
    return "an unclosed quote? a string ends on the line it starts";
  }
  const bool value_error =
      description.find("could not determine value type") != std::string_view::npos ||
      description.find("parsing boolean") != std::string_view::npos ||
      description.find("parsing floating-point") != std::string_view::npos;
  std::size_t at = byte_of_column(line, column);
  if (!value_error || at >= line.size() || !word_byte(line[at])) return {};
  while (at > 0 && word_byte(line[at - 1])) --at;
  const unsigned char first = static_cast<unsigned char>(line[at]);
  if (first < 0x80 && !std::isalpha(first)) return {};  // a malformed number, not a word
  const auto kv = key_and_value(line);
  if (kv && kv->second == at) {  // the whole value, up to a comment
    const std::string_view value = trim(line.substr(at, line.find('#', at) - at));
    return fmt::format("an unquoted word? strings need quotes: {} = \"{}\"", kv->first, value);
  }
  std::size_t end = at;  // a word inside an array or inline table
  while (end < line.size() && word_byte(line[end])) ++end;
  return fmt::format("an unquoted word? strings need quotes: \"{}\"", line.substr(at, end - at));
}

}  // namespace

toml::table parse_toml(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const int line = static_cast<int>(e.source().begin.line);
    const int column = static_cast<int>(e.source().begin.column);
    std::string message = "TOML syntax: " + std::string(e.description());
    const std::string hint = syntax_hint(e.description(), line_of_text(text, line), column);
    if (!hint.empty()) message.append(" (").append(hint).append(")");
    throw InputError(file, line, "", message, column);
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the scenario file for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, "", "cannot read the scenario file");
  return ss.str();
}

// An array of tables, e.g. [[options]]; each element wrapped with its path.
std::vector<TomlTable> table_array(const TomlTable& t, std::string_view key, bool required) {
  std::vector<TomlTable> out;
  const toml::node* n = t.node(key);
  if (!n) {
    if (required) t.fail(key, "missing (at least one entry is required)");
    return out;
  }
  const toml::array* arr = n->as_array();
  if (!arr) t.fail(key, "expected an array of tables ([[" + std::string(key) + "]])");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* tbl = (*arr)[i].as_table();
    const std::string path = t.field(key) + "[" + std::to_string(i) + "]";
    if (!tbl) throw InputError(t.file(), t.line_of(key), path, "expected a table");
    out.emplace_back(*tbl, t.file(), path);
  }
  if (out.empty() && required) t.fail(key, "at least one entry is required");
  return out;
}

}  // namespace seatcast
