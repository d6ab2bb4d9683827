// Counted results through a scenario's body: the official votes of every area (the long
// form, engine/io/area_votes_csv.h) placed in the body's ledger and its stages run,
// with no random draw. The form behind `seatcast allocate --scenario` and tests/real/.
//
// Rows name an area of the body's finest level (the levels above it are their sums; a
// stage at a level beside it, which no row could reach, is refused), a
// district of a districts stage (its candidates' votes), or no area (the national
// votes of a body without levels). Every finest area needs votes; a districts stage
// with no rows at all is not counted (its tier is reported as such).
#pragma once

#include <string>
#include <vector>

#include "engine/body/elected_body.h"
#include "engine/io/area_votes_csv.h"

namespace seatcast {

struct CountedResult {
  BodyDraw draw;               // the ledger after the stages
  std::vector<int> uncounted;  // tiers (districts stages) with no votes given
};

// Throws InputError naming the votes file, line and field for an unknown area or
// option, a national row in a body with levels, an area without votes, a stage at a
// level the finest level's votes do not add up into.
CountedResult allocate_counted(const ElectedBody& body, const Ballot& ballot,
                               const AreaVotesTable& votes);

// The seats of one area: every tier that allocates there (a level's areas, a districts
// stage's districts), per option in ballot order.
struct AreaSeats {
  std::string area;
  std::vector<int> seats;
};
// Every area of the counted tiers, in the body's tier order (an area named by two tiers,
// such as a Land with constituencies and list seats, is one entry with their sum).
std::vector<AreaSeats> seats_by_area(const ElectedBody& body, int options,
                                     const CountedResult& result);
// Whether option o had votes in `area` of the body's finest level.
bool stands_in(const ElectedBody& body, int options, const CountedResult& result,
               const std::string& area, int o);

}  // namespace seatcast
