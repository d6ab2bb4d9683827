// Reading a results file back (the layout of docs/DESIGN.md, written by results_file.h):
// the run's root attributes, the ballot options and, per elected body, its seat
// histograms, passed-threshold counts and event counters, checked for consistency
// (every histogram row sums to `draws`, every shape agrees with the options).
// Anything that is not an intact seatcast results file of a format version this build
// understands is refused with an InputError naming the file (the CLI exits 2); so is a
// file of another kind (root attribute `kind`, "run" when absent), e.g. a sweep's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ballot/ballot.h"
#include "engine/sim/summary.h"
#include "engine/sim/tally.h"

namespace seatcast {

// One elected body of a results file: the root group `id`.
struct BodyResults {
  std::string id;    // group name, e.g. "mazhilis"
  std::string name;  // display name (the id when the file has none)
  int seats = 0;
  int list_seats = 0;
  int district_seats = 0;
  int majority = 0;                     // seats for a majority of the body
  int two_thirds = 0;                   // seats for two thirds of the body
  std::vector<std::string> coalitions;  // ids, in the order of tally.coalitions' rows
  bool runner_up_rule = false;          // its list tier has a runner-up rule
  int house = 0;                        // a compensated house's seats by law (0: `seats`)
  bool house_varies = false;            // overhang seats may add to it
  // Every part of the run's tally, exactly as tallied: histograms (seats_pr,
  // seats_district, seats_total), passed_threshold, the event counters and, when the
  // body has them, the list statistics, coalition seats, the pair's joint seats and the
  // metric histograms with their exact sums.
  BodyTally tally;
};

struct ResultsData {
  std::string path;  // as given to read_results
  std::string format;
  std::uint64_t format_version = 0;
  std::string seatcast_version;    // of the seatcast that wrote the file
  std::string generator;           // its random generator ("mt19937_64" when not recorded)
  std::uint64_t draw_version = 1;  // random::kDrawVersion of its seatcast (1 when not recorded)
  std::uint64_t seed = 0;
  std::uint64_t draws = 0;
  std::uint64_t block_size = 0;  // 0 when not recorded
  std::string kind = "run";      // "run", or a partial file's: "shard", "checkpoint"
  std::int64_t processes = 1;    // MPI ranks that ran it (1 when not recorded)
  std::uint64_t shards = 0;      // shards merged into it, or N of a shard I/N; 0: none
  // Partial files: `draws` are those of blocks [block_begin, block_end) of a run of
  // run_draws draws (for a run, run_draws == draws), and a shard's index.
  std::uint64_t run_draws = 0;
  std::uint64_t block_begin = 0;
  std::uint64_t block_end = 0;
  std::uint64_t shard = 0;
  std::string scenario;  // the scenario file's text
  std::string scenario_file;
  std::string scenario_name;
  Ballot options;                   // ids, display names, kinds, in scenario order
  std::vector<BodyResults> bodies;  // in group-name order

  // The body with this id, or nullptr.
  const BodyResults* find_body(std::string_view id) const;
};

// The newest results format this build reads.
inline constexpr std::uint64_t kResultsReadableVersion = 1;

// Reads and checks the results file at `path`. Throws InputError(path, 0, object, why)
// for a missing or unreadable file, a file that is not HDF5, a damaged or truncated
// HDF5 file, an HDF5 file that is not seatcast's (no or another `format`), a newer
// format version, missing datasets or attributes, histogram rows that do not sum to
// `draws`, and shapes that disagree with the number of options or the body's seats.
// A shard or a checkpoint (kind "shard" or "checkpoint") is refused with a message saying
// to merge the shards or resume the run. The file is read in a child process first
// (isolated_read.h): if libhdf5 crashes or hangs on it there, the InputError says
// "damaged results file (...)" and this process never meets the damage.
ResultsData read_results(const std::filesystem::path& path);

// Reads a partial file (a shard or a checkpoint) the same way, refusing a finished run.
ResultsData read_partial(const std::filesystem::path& path);

// read_partial without the child process: for a file that check_read_in_child has just
// read the same way (merge's children also read the kept draws).
ResultsData read_partial_in_process(const std::filesystem::path& path);

// Per option: mean, quantiles and probabilities, by summary.h from the body's histograms.
std::vector<OptionSummary> summarize(const BodyResults& body, std::uint64_t draws);

}  // namespace seatcast
