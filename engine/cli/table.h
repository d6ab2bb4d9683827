// The printed summary of a run: a header line and one table per elected body.
#pragma once

#include <cstdint>
#include <string>

#include "engine/ballot/ballot.h"
#include "engine/body/elected_body.h"
#include "engine/scenario/scenario.h"
#include "engine/sim/simulation.h"
#include "engine/sim/tally.h"

namespace seatcast::cli {

void print_run_header(const Scenario& scenario, const RunOptions& opt, int threads,
                      double seconds, const std::string& output);
void print_body_table(const Ballot& ballot, const ElectedBody& body, const BodyTally& tally,
                      std::uint64_t draws);

}  // namespace seatcast::cli
