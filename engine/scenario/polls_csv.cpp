#include "engine/scenario/polls_csv.h"

#include <algorithm>

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"
#include "engine/io/percent.h"

namespace seatcast {

std::vector<PollRow> read_polls_csv(const std::string& path, const Ballot& ballot,
                                    const PollsCsvLayout& layout) {
  const CsvTable csv = read_csv(path);
  const auto col = [&](std::string_view name) { return csv.column(name); };
  const int pollster = csv.require("pollster");
  const auto start = col("fieldwork_start");
  const auto end = col("fieldwork_end");
  const auto size = col("sample_size");
  const auto base = col("base");
  const auto undecided = col(layout.undecided_column);
  if (layout.undecided_column_stated && !undecided)
    throw InputError(path, 1, layout.undecided_column,
                     "the header has no '" + layout.undecided_column +
                         "' column, which the scenario names as undecided_column");

  std::vector<int> option_col(ballot.size(), -1);
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    const std::string& h = csv.header[c];
    if (h == "pollster" || h == "fieldwork_start" || h == "fieldwork_end" || h == "sample_size" ||
        h == "base" || h == layout.undecided_column ||
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
    if (option_col[i] < 0 && std::find(layout.prior_options.begin(), layout.prior_options.end(),
                                       static_cast<int>(i)) == layout.prior_options.end())
      throw InputError(path, 1, ballot[i].id,
                       "no column for this ballot option (or give it a prior share in "
                       "[model.prior_percent] if no poll reports it)");
  if (csv.rows.empty()) throw InputError(path, 0, "", "no polls after the header");
  const std::string add_default = "state default_sample_size in [model] of " + layout.scenario +
                                  " (the sample size to assume for a poll that published none)";
  if (!size && !layout.default_sample_size_stated)
    throw InputError(path, 1, "sample_size",
                     "the header has no 'sample_size' column: add one, or " + add_default);

  auto percent = [&](const CsvRow& row, int c, const std::string& field) -> std::optional<double> {
    if (c < 0) return std::nullopt;  // an option with a prior and no column
    const std::string& text = row.fields[c];
    if (text.empty()) return std::nullopt;
    const auto v = parse_real(text);
    if (!v) throw InputError(path, row.line, field, "'" + text + "' is not a number");
    if (*v < 0 || *v > 100)
      throw InputError(path, row.line, field, "a percentage must be 0 to 100");
    return v;
  };

  std::vector<PollRow> rows;
  for (const CsvRow& row : csv.rows) {
    PollRow r;
    r.line = row.line;
    r.poll.pollster = row.fields[pollster];
    if (start && !row.fields[*start].empty()) r.fieldwork_start = row.fields[*start];
    if (end && !row.fields[*end].empty()) r.fieldwork_end = row.fields[*end];
    if (base) r.base = row.fields[*base];
    if (size && !row.fields[*size].empty()) {
      const auto n = parse_real(row.fields[*size]);
      if (!n || *n <= 0)
        throw InputError(path, row.line, "sample_size", "must be a positive number or empty");
      r.poll.sample_size = *n;
    } else if (size && !layout.default_sample_size_stated) {
      throw InputError(path, row.line, "sample_size",
                       "empty: give the poll's sample size, or " + add_default);
    }
    double sum = 0;
    std::string summed;  // the columns added up, for the message
    const auto add = [&](const std::optional<double>& v, const std::string& name) {
      if (!v) return;
      sum += *v;
      summed.append(summed.empty() ? "" : "+").append(name);
    };
    for (std::size_t i = 0; i < ballot.size(); ++i) {
      r.poll.percent.push_back(percent(row, option_col[i], ballot[i].id));
      add(r.poll.percent.back(), ballot[i].id);
    }
    if (undecided) r.poll.undecided_percent = percent(row, *undecided, layout.undecided_column);
    if (!layout.undecided_separate) add(r.poll.undecided_percent, layout.undecided_column);
    // Each published figure is rounded, by at most half a point.
    const double entries = static_cast<double>(std::count(summed.begin(), summed.end(), '+') + 1);
    if (const auto problem = percent_sum_problem(sum, PercentSum::partial,
                                                 std::max(kPercentSumTolerance, 0.5 * entries)))
      throw InputError(path, row.line, summed, *problem);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace seatcast
