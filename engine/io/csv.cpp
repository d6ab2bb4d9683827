#include "engine/io/csv.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "engine/io/input_error.h"

namespace seatcast {

std::optional<int> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return std::nullopt;
}

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// ": the header looks ';'-separated: ..." when it does, else empty. A file saved with
// another separator reads as one column whose name holds the separators.
std::string separator_hint(const std::vector<std::string>& header) {
  // A plain pair, not a structured binding: clang 14 (the fuzz build) cannot capture one.
  for (const auto& other : {std::pair{';', "';'"}, std::pair{'\t', "tab"}}) {
    const char sep = other.first;
    if (std::any_of(header.begin(), header.end(),
                    [sep](const std::string& h) { return h.find(sep) != std::string::npos; }))
      return std::string(": the header looks ") + other.second +
             "-separated: seatcast reads comma-separated files";
  }
  return {};
}

}  // namespace

int CsvTable::require(std::string_view name) const {
  if (const auto c = column(name)) return *c;
  throw InputError(file, 1, std::string(name),
                   "the header has no '" + std::string(name) + "' column" + separator_hint(header));
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
  // Excel's "CSV UTF-8" starts with a byte-order mark, which would otherwise become
  // part of the first column's name.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  table.file = file;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, in_quotes = false, row_has_content = false;
  int line = 1, row_line = 1;

  auto end_field = [&] {
    fields.push_back(quoted ? field : trim(field));
    field.clear();
    quoted = false;
  };
  auto end_row = [&] {
    end_field();
    if (row_has_content) {
      if (table.header.empty()) {
        table.header = std::move(fields);
      } else {
        if (fields.size() != table.header.size())
          throw InputError(file, row_line, "",
                           "expected " + std::to_string(table.header.size()) +
                               " fields as in the header, found " + std::to_string(fields.size()) +
                               separator_hint(table.header));
        table.rows.push_back({row_line, std::move(fields)});
      }
    }
    fields.clear();
    row_has_content = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && trim(field).empty()) {
      field.clear();
      in_quotes = quoted = row_has_content = true;
    } else if (c == ',') {
      row_has_content = true;
      end_field();
    } else if (c == '\n') {
      end_row();
      row_line = ++line;
    } else {
      if (c != '\r' && c != ' ' && c != '\t') row_has_content = true;
      field += c;
    }
  }
  if (in_quotes) throw InputError(file, row_line, "", "unterminated quoted field");
  end_row();
  if (table.header.empty())
    throw InputError(file, 0, "", "the file is empty: expected a header row");
  for (std::size_t i = 0; i < table.header.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (table.header[i] == table.header[j])
        throw InputError(file, 1, table.header[i], "column appears twice in the header");
  return table;
}

CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the file for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, "", "cannot read the file");
  return parse_csv(ss.str(), path);
}

}  // namespace seatcast
