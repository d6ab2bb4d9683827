// seatcast merge: the shards of a run (seatcast run --shard I/N) summed into one
// ordinary results file, identical to a single run's (engine/output/merge.h). Written
// under a temporary name and renamed; an existing file is kept unless --force.
#include <fmt/core.h>

#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/io/wording.h"
#include "engine/output/merge.h"
#include "engine/output/pending_file.h"

namespace seatcast::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> parts;
  std::string output;
  bool force = false;
  bool quiet = false;
};

int merge(const MergeArgs& a) {
  PendingFile pending(a.output, a.force);  // refuses an existing result before any work
  std::vector<std::filesystem::path> parts(a.parts.begin(), a.parts.end());
  const MergeSummary m = merge_shards(parts, pending.temporary());
  pending.commit();
  if (!a.quiet)
    fmt::print("merged {} ({}{}) into {}\n", count_of(m.shards, "shard"), count_of(m.draws, "draw"),
               m.kept_draws ? ", with every draw" : "", a.output);
  return 0;
}

}  // namespace

Command add_merge(CLI::App& app) {
  auto a = std::make_shared<MergeArgs>();
  app.add_option("shards", a->parts, "The shard files (seatcast run --shard I/N), any order")
      ->required();
  app.add_option("-o,--output", a->output, "The merged results file")->required();
  app.add_flag("--force", a->force, "Replace an existing results file");
  app.add_flag("-q,--quiet", a->quiet, "Print nothing on success");
  return [a] { return merge(*a); };
}

}  // namespace seatcast::cli
