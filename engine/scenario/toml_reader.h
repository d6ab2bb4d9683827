// Typed, checked access to a parsed TOML document. Every read knows the file and the
// dotted path of the field, so an error can name both, with the line of the value (or
// of the table that lacks it).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace seatcast {

class TomlTable {
 public:
  TomlTable(const toml::table& table, std::string file, std::string path)
      : table_(&table), file_(std::move(file)), path_(std::move(path)) {}

  const toml::table& raw() const { return *table_; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  int line() const { return static_cast<int>(table_->source().begin.line); }
  std::string field(std::string_view key) const;

  bool has(std::string_view key) const { return table_->contains(key); }
  const toml::node* node(std::string_view key) const { return table_->get(key); }
  int line_of(std::string_view key) const;

  // Rejects keys not in `allowed`, naming the first unknown one.
  void only(std::initializer_list<std::string_view> allowed) const;

  std::string string(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  std::optional<std::int64_t> optional_integer(std::string_view key) const;
  // A count from `least` to `most`: an integer, or a float that is a whole number (TOML
  // reads `draws = 1e5` as the float 100000.0, as people write large counts).
  std::optional<std::uint64_t> optional_count(std::string_view key, std::uint64_t least,
                                              std::uint64_t most) const;
  // A finite number (integer or float): NaN and infinities are refused.
  double real(std::string_view key) const;
  std::optional<double> optional_real(std::string_view key) const;
  std::optional<bool> optional_bool(std::string_view key) const;
  TomlTable table(std::string_view key) const;
  std::optional<TomlTable> optional_table(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

 private:
  const toml::table* table_;
  std::string file_;
  std::string path_;
};

// Parses a TOML document; a syntax error becomes an InputError with its line.
toml::table parse_toml(const std::string& text, const std::string& file);

// A file's whole text (a scenario, a backtest set); InputError when it cannot be read.
std::string read_text(const std::string& path);

// An array of tables, e.g. [[options]]; each element wrapped with its path. `required`:
// missing or empty is an error.
std::vector<TomlTable> table_array(const TomlTable& t, std::string_view key, bool required);

}  // namespace seatcast
