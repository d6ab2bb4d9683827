#include "engine/scenario/polls_csv.h"

#include <algorithm>

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"

namespace seatcast {

std::vector<PollRow> read_polls_csv(const std::string& path, const Ballot& ballot,
                                    const PollsCsvLayout& layout) {
  const CsvTable csv = read_csv(path);
  const auto col = [&](std::string_view name) { return csv.column(name); };
  const auto pollster = col("pollster");
  if (!pollster) throw InputError(path, 1, "pollster", "the header has no 'pollster' column");
  const auto end = col("fieldwork_end");
  const auto size = col("sample_size");
  const auto base = col("base");
  const auto undecided = col(layout.undecided_column);

  std::vector<int> option_col(ballot.size(), -1);
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    const std::string& h = csv.header[c];
    if (h == "pollster" || h == "fieldwork_end" || h == "sample_size" || h == "base" ||
        h == layout.undecided_column ||
        std::find(layout.ignore.begin(), layout.ignore.end(), h) != layout.ignore.end())
      continue;
    const auto idx = find_option(ballot, h);
    if (!idx)
      throw InputError(path, 1, h,
                       "column is not a ballot option of the scenario (list it in "
                       "ignore_columns to skip it)");
    option_col[*idx] = static_cast<int>(c);
  }
  for (std::size_t i = 0; i < ballot.size(); ++i)
    if (option_col[i] < 0)
      throw InputError(path, 1, ballot[i].id, "no column for this ballot option");
  if (csv.rows.empty()) throw InputError(path, 0, "", "no polls after the header");

  auto percent = [&](const CsvRow& row, int c, const std::string& field) -> std::optional<double> {
    const std::string& text = row.fields[c];
    if (text.empty()) return std::nullopt;
    const auto v = parse_real(text);
    if (!v) throw InputError(path, row.line, field, "'" + text + "' is not a number");
    if (*v < 0 || *v > 100) throw InputError(path, row.line, field, "a percentage must be 0 to 100");
    return v;
  };

  std::vector<PollRow> rows;
  for (const CsvRow& row : csv.rows) {
    PollRow r;
    r.line = row.line;
    r.poll.pollster = row.fields[*pollster];
    if (end && !row.fields[*end].empty()) r.fieldwork_end = row.fields[*end];
    if (base) r.base = row.fields[*base];
    if (size && !row.fields[*size].empty()) {
      const auto n = parse_real(row.fields[*size]);
      if (!n || *n <= 0)
        throw InputError(path, row.line, "sample_size", "must be a positive number or empty");
      r.poll.sample_size = *n;
    }
    double sum = 0;
    for (std::size_t i = 0; i < ballot.size(); ++i) {
      r.poll.percent.push_back(percent(row, option_col[i], ballot[i].id));
      sum += r.poll.percent.back().value_or(0);
    }
    if (undecided) r.poll.undecided_percent = percent(row, *undecided, layout.undecided_column);
    if (sum + r.poll.undecided_percent.value_or(0) > 100.5)
      throw InputError(path, row.line, "", "the percentages add up to more than 100");
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace seatcast
