// The ledger: what one draw of one body holds while its stages run (beside the
// BodyDraw that holds it, whose passes and events the stages write directly), sized once per
// worker and overwritten every draw. Stages read and write it in their order; tallies
// read it afterwards. Rows of a level are its areas (one row for the nation).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/districts/district_tier.h"
#include "engine/rules/list_tier.h"

namespace seatcast {

// The option with the most votes (-1 when none has any), and whether another had as
// many: a counted single-member district's winner.
struct PluralityWinner {
  int option = -1;
  bool tie = false;
};
inline PluralityWinner plurality_winner(std::span<const Votes> votes) {
  PluralityWinner w;
  for (int o = 0; o < static_cast<int>(votes.size()); ++o) {
    if (votes[o] <= 0) continue;
    if (w.option < 0 || votes[o] > votes[w.option]) {
      w = {o, false};
    } else if (votes[o] == votes[w.option]) {
      w.tie = true;
    }
  }
  return w;
}

struct Ledger {
  std::vector<Votes> national;                  // [options] the body's votes
  std::vector<std::vector<Votes>> level_votes;  // [level][areas x options]
  // [level][areas x options] the candidate vote of two-vote systems; empty where a level
  // has none.
  std::vector<std::vector<Votes>> candidate_votes;
  std::vector<std::vector<int>> magnitudes;         // [level][areas] seats in this draw
  std::vector<std::vector<std::uint8_t>> eligible;  // [filter][rows x options] 0/1
  std::vector<std::vector<int>> area_seats;         // [tier][areas x options]; empty at the nation
  std::vector<std::vector<int>> tier_seats;         // [tier][options], the rows added up
  std::vector<std::vector<Votes>> district_votes;   // [tier][districts x options], counted only
  // [tier][options] a compensating tier's overhang: earlier seats above the entitlement,
  // kept (grow, exclude) or not taken up (cap); empty for other tiers.
  std::vector<std::vector<int>> overhang;
  int house = 0;  // the seats filled in this draw (the body's seats unless it grows)
};

}  // namespace seatcast
