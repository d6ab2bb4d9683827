// Ballot options: what a voter can choose on the ballot (party lists, independents,
// "against all", blank and invalid ballots) and which of them can win list seats.
// Options are kept in registration order everywhere; ties that the law settles by
// registration order rely on that order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatcast {

// Whole votes. Simulation turns shares into whole votes of a stated electorate, so the
// same exact integer rules serve both counted results and simulated draws.
using Votes = std::int64_t;

enum class OptionKind : std::uint8_t {
  party,        // a party list: wins list seats
  independent,  // a candidate outside any list: district seats only
  against_all,  // "against all": in the threshold base of some systems, never wins
  blank,        // a blank ballot
  invalid,      // a spoiled ballot
  other,        // a residual of small lists: counts as party votes, never wins seats
};

std::optional<OptionKind> parse_option_kind(std::string_view text);
std::string_view to_string(OptionKind kind);

// Kinds that stand as lists in a list tier.
constexpr bool wins_list_seats(OptionKind kind) {
  return kind == OptionKind::party;
}

struct BallotOption {
  std::string id;    // stable identifier, e.g. "amanat"
  std::string name;  // display name
  OptionKind kind = OptionKind::party;
};

using Ballot = std::vector<BallotOption>;

// Index of the option with this id, or nullopt.
std::optional<int> find_option(const Ballot& ballot, std::string_view id);

}  // namespace seatcast
