#include "engine/io/votes_csv.h"

#include "engine/io/csv.h"
#include "engine/io/input_error.h"
#include "engine/io/numbers.h"

namespace seatcast {

VotesTable read_votes_csv(const std::string& path) {
  const CsvTable csv = read_csv(path);
  const auto option_col = csv.column("option");
  const auto votes_col = csv.column("votes");
  const auto kind_col = csv.column("kind");
  if (!option_col) throw InputError(path, 1, "option", "the header has no 'option' column");
  if (!votes_col) throw InputError(path, 1, "votes", "the header has no 'votes' column");
  if (csv.rows.empty()) throw InputError(path, 0, "", "no rows after the header");

  VotesTable out;
  for (const CsvRow& row : csv.rows) {
    BallotOption opt;
    opt.id = row.fields[*option_col];
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
    const std::string& v = row.fields[*votes_col];
    const auto votes = parse_int(v);
    if (!votes) throw InputError(path, row.line, "votes", "'" + v + "' is not a whole number");
    if (*votes < 0) throw InputError(path, row.line, "votes", "votes must not be negative");
    if (*votes > 1'000'000'000'000LL)
      throw InputError(path, row.line, "votes", "more than 10^12 votes is not supported");
    out.ballot.push_back(std::move(opt));
    out.votes.push_back(*votes);
    out.lines.push_back(row.line);
  }
  return out;
}

}  // namespace seatcast
