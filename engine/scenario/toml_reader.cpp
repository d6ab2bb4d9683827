#include "engine/scenario/toml_reader.h"

#include <cmath>

#include "engine/io/input_error.h"

namespace seatcast {

namespace {
std::string_view type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return "a date or time";
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

toml::table parse_toml(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<int>(e.source().begin.line), "",
                     "TOML syntax: " + std::string(e.description()));
  }
}

}  // namespace seatcast
