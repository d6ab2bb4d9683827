// A small CSV reader for the files users write by hand: a header row naming the
// columns, then data rows; fields may be quoted ("a, b" and "" for a quote). Every row
// keeps its line number so errors can point at it. A UTF-8 byte-order mark (Excel's
// "CSV UTF-8") is skipped. Every CSV seatcast reads goes through here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatcast {

struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Column index by header name, or nullopt.
  std::optional<int> column(std::string_view name) const;
  // Column index by header name; throws InputError (line 1, field `name`) when the
  // header lacks it, naming the separator when the header looks ';'- or tab-separated.
  int require(std::string_view name) const;
};

// Reads a CSV file; throws InputError on an unreadable file, an empty file, an
// unterminated quote or a row whose field count differs from the header's.
CsvTable read_csv(const std::string& path);
// The same, from text already in memory; `file` names it in errors.
CsvTable parse_csv(std::string_view text, const std::string& file);

}  // namespace seatcast
