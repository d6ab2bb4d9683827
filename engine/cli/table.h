// The printed summary of a run: a header line and one table per elected body.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/body/elected_body.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace seatcast::cli {

void print_run_header(const Scenario& scenario, const RunOptions& opt, int threads, double seconds,
                      const std::string& output);
void print_body_table(const Ballot& ballot, const ElectedBody& body, const BodyTally& tally,
                      std::uint64_t draws);

// What the table says of a body besides its tally, wherever it comes from (a run in
// memory, or a results file read back by `summarize`).
struct BodyFigures {
  std::string name;
  int seats = 0, list_seats = 0, district_seats = 0, majority = 0, two_thirds = 0;
  std::vector<std::string> coalitions;  // ids, in the order of the tally's coalition rows
  bool runner_up_rule = false;          // its list tier has one (else no such event is shown)
  // A compensated house: its seats as the law states them (0: seats), and whether
  // overhang can grow it (seats and list_seats are then what one list may hold).
  int house = 0;
  bool house_varies = false;
};
void print_body_table(const Ballot& ballot, const BodyFigures& body, const BodyTally& tally,
                      std::uint64_t draws);

}  // namespace seatcast::cli
