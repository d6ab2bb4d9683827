#include "engine/io/area_votes_csv.h"

#include <set>
#include <tuple>

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"

namespace seatcast {

namespace {

AreaVotesTable area_votes_from(const CsvTable& csv) {
  AreaVotesTable out{csv.file, {}};
  const int area = csv.require("area");
  const int option = csv.require("option");
  const int votes = csv.require("votes");
  const auto ballot = csv.column("ballot");
  std::set<std::tuple<std::string, std::string, bool>> seen;
  for (const CsvRow& row : csv.rows) {
    AreaVotesRow r;
    r.line = row.line;
    r.area = row.fields[area];
    r.option = row.fields[option];
    if (r.option.empty()) throw InputError(csv.file, row.line, "option", "empty option id");
    if (ballot) {
      const std::string& b = row.fields[*ballot];
      if (b == "candidate")
        r.candidate = true;
      else if (!b.empty() && b != "list")
        throw InputError(csv.file, row.line, "ballot",
                         "'" + b + "' is not a ballot (expected list or candidate)");
    }
    const std::string& v = row.fields[votes];
    const auto n = parse_int(v);
    if (!n) throw InputError(csv.file, row.line, "votes", "'" + v + "' is not a whole number");
    if (*n < 0) throw InputError(csv.file, row.line, "votes", "votes must not be negative");
    if (*n > 1'000'000'000'000LL)
      throw InputError(csv.file, row.line, "votes", "more than 10^12 votes is not supported");
    r.votes = *n;
    if (!seen.emplace(r.area, r.option, r.candidate).second)
      throw InputError(csv.file, row.line, "option",
                       "'" + r.option + "' appears twice in area '" + r.area + "'");
    out.rows.push_back(std::move(r));
  }
  if (out.rows.empty()) throw InputError(csv.file, 0, "", "no votes after the header");
  return out;
}

}  // namespace

AreaVotesTable read_area_votes_csv(const std::string& path) {
  return area_votes_from(read_csv(path));
}

AreaVotesTable parse_area_votes_csv(std::string_view text, const std::string& path) {
  return area_votes_from(parse_csv(text, path));
}

}  // namespace seatcast
