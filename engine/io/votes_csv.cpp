#include "engine/io/votes_csv.h"

#include <string>

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"

namespace seatcast {

namespace {

VotesTable votes_from(const CsvTable& csv) {
  const std::string& path = csv.file;
  const int option_col = csv.require("option");
  const int votes_col = csv.require("votes");
  const auto kind_col = csv.column("kind");
  const auto members_col = csv.column("members");
  const auto district_col = csv.column("district_seats");
  if (csv.rows.empty()) throw InputError(path, 0, "", "no rows after the header");

  VotesTable out;
  out.path = path;
  // An optional whole-number column: empty is `fallback`.
  const auto whole = [&](const CsvRow& row, int col, const char* field, std::int64_t min,
                         int fallback) {
    const std::string& text = row.fields[col];
    if (text.empty()) return fallback;
    const auto n = parse_int(text);
    if (!n || *n < min || *n > 100000)
      throw InputError(
          path, row.line, field,
          "'" + text + "' is not a whole number from " + std::to_string(min) + " to 100000");
    return static_cast<int>(*n);
  };
  for (const CsvRow& row : csv.rows) {
    BallotOption opt;
    opt.id = row.fields[option_col];
    opt.name = opt.id;
    if (opt.id.empty()) throw InputError(path, row.line, "option", "empty option id");
    if (find_option(out.ballot, opt.id))
      throw InputError(path, row.line, "option", "option '" + opt.id + "' appears twice");
    if (kind_col) {
      const std::string& k = row.fields[*kind_col];
      const auto kind = k.empty() ? std::optional(OptionKind::party) : parse_option_kind(k);
      if (!kind)
        throw InputError(path, row.line, "kind",
                         "unknown kind '" + k +
                             "' (expected party, independent, against_all, blank, invalid, other)");
      opt.kind = *kind;
    }
    const std::string& v = row.fields[votes_col];
    const auto votes = parse_int(v);
    if (!votes) throw InputError(path, row.line, "votes", "'" + v + "' is not a whole number");
    if (*votes < 0) throw InputError(path, row.line, "votes", "votes must not be negative");
    if (*votes > 1'000'000'000'000LL)
      throw InputError(path, row.line, "votes", "more than 10^12 votes is not supported");
    out.ballot.push_back(std::move(opt));
    out.votes.push_back(*votes);
    out.lines.push_back(row.line);
    if (members_col) {
      const int m = whole(row, *members_col, "members", 1, 1);
      if (m > 1 && !wins_list_seats(out.ballot.back().kind))
        throw InputError(path, row.line, "members",
                         "only a party list can be an alliance of several parties");
      out.members.push_back(m);
    }
    if (district_col)
      out.district_seats.push_back(whole(row, *district_col, "district_seats", 0, 0));
  }
  return out;
}

}  // namespace

VotesTable read_votes_csv(const std::string& path) {
  return votes_from(read_csv(path));
}

VotesTable parse_votes_csv(std::string_view text, const std::string& path) {
  return votes_from(parse_csv(text, path));
}

}  // namespace seatcast
