#include "engine/output/merge.h"

#include <fmt/core.h>

#include <algorithm>
#include <string>

#include "engine/hdf5/appendable.h"
#include "engine/hdf5/attribute.h"
#include "engine/hdf5/dataset.h"
#include "engine/hdf5/error.h"
#include "engine/hdf5/file.h"
#include "engine/hdf5/group.h"
#include "engine/io/input_error.h"
#include "engine/output/dimensions.h"
#include "engine/output/isolated_read.h"
#include "engine/output/results_file.h"
#include "engine/output/results_reader.h"
#include "engine/output/tally_datasets.h"
#include "engine/sim/simulation.h"

namespace seatcast {

namespace {

[[noreturn]] void refuse(const ResultsData& part, const std::string& field,
                         const std::string& why) {
  throw InputError(part.path, 0, field, why);
}

// The part agrees with the first on everything that makes the run.
void check_same_run(const ResultsData& first, const ResultsData& part) {
  auto differs = [&](const char* field, const std::string& what) {
    refuse(
        part, field,
        fmt::format("{} differs from that of '{}': not a shard of the same run", what, first.path));
  };
  if (part.scenario != first.scenario) differs("/@scenario", "the scenario text");
  if (part.seed != first.seed) differs("/@seed", fmt::format("seed {}", part.seed));
  if (part.generator != first.generator)
    differs("/@generator", fmt::format("the generator {}", part.generator));
  if (part.draw_version != first.draw_version)
    differs("/@draw_version",
            fmt::format("draw version {} (another seatcast's arithmetic)", part.draw_version));
  if (part.run_draws != first.run_draws)
    differs("/@run_draws", fmt::format("the run's {} draws", part.run_draws));
  if (part.block_size != first.block_size)
    differs("/@block_size", fmt::format("block size {}", part.block_size));
  if (part.shards != first.shards) differs("/@shards", fmt::format("{} shards", part.shards));
  if (part.bodies.size() != first.bodies.size()) differs("/", "the elected bodies");
  for (std::size_t b = 0; b < part.bodies.size(); ++b)
    if (part.bodies[b].id != first.bodies[b].id) differs("/", "the elected bodies");
}

void append_draws(const h5::File& out, const ResultsData& part) {
  const h5::File in = h5::File::open_read(part.path);
  if (!h5::exists(in, "draws/shares") || !h5::exists(in, "draws/seats"))
    refuse(part, "/draws",
           "no kept draws, while shard 0 has them: run every shard with "
           "--keep-draws or none");
  const auto shares = h5::read_dataset<float>(in, "draws/shares");
  const auto seats = h5::read_dataset<std::uint16_t>(in, "draws/seats");
  if (shares.dims.empty() || shares.dims[0] != part.draws || seats.dims.empty() ||
      seats.dims[0] != part.draws)
    refuse(part, "/draws", fmt::format("does not hold the shard's {} draws", part.draws));
  auto s = h5::AppendableDataset<float>::open(out, "draws/shares");
  s.append(shares.data, part.draws);
  s.close();
  auto t = h5::AppendableDataset<std::uint16_t>::open(out, "draws/seats");
  t.append(seats.data, part.draws);
  t.close();
}

}  // namespace

MergeSummary merge_shards(const std::vector<std::filesystem::path>& paths,
                          const std::filesystem::path& out) {
  if (paths.empty()) throw InputError("seatcast merge", 0, "", "no shard files given");
  std::vector<ResultsData> parts;
  for (const auto& p : paths) {
    // Everything merge reads of the file, first in a child process (isolated_read.h).
    check_read_in_child(p, [&] {
      h5::ErrorSilencer silence;
      (void)read_partial(p);
      const h5::File in = h5::File::open_read(p);
      if (h5::exists(in, "draws/shares")) (void)h5::read_dataset<float>(in, "draws/shares");
      if (h5::exists(in, "draws/seats")) (void)h5::read_dataset<std::uint16_t>(in, "draws/seats");
    });
    ResultsData r = read_partial_in_process(p);
    if (r.kind != kShardKind)
      refuse(r, "/@kind",
             "a checkpoint, not a shard: finish it with 'seatcast run SCENARIO --resume FILE'");
    parts.push_back(std::move(r));
  }
  const ResultsData& first = parts.front();
  for (const auto& part : parts) check_same_run(first, part);

  // Every shard exactly once, each holding the blocks `run --shard I/N` gives it.
  const std::uint64_t n = first.shards;
  const std::uint64_t blocks = block_count(first.run_draws, first.block_size);
  std::vector<const ResultsData*> by_shard(n, nullptr);
  for (const auto& part : parts) {
    if (part.shard >= n)
      refuse(part, "/@shard", fmt::format("shard {} of {} does not exist", part.shard, n));
    if (by_shard[part.shard])
      refuse(part, "/@shard",
             fmt::format("shard {} of {} is given twice (also '{}')", part.shard, n,
                         by_shard[part.shard]->path));
    const BlockRange want = block_part(blocks, part.shard, n);
    if (part.block_begin != want.begin || part.block_end != want.end)
      refuse(part, "/@block_begin",
             fmt::format("holds blocks {} to {}, but shard {} of {} is blocks {} to {}",
                         part.block_begin, part.block_end, part.shard, n, want.begin, want.end));
    by_shard[part.shard] = &part;
  }
  std::string missing;
  for (std::uint64_t i = 0; i < n; ++i)
    if (!by_shard[i]) missing.append(missing.empty() ? "" : ", ").append(std::to_string(i));
  if (!missing.empty())
    throw InputError(first.path, 0, "/@shards",
                     fmt::format("the run has {} shards, but shard(s) {} are not among the files "
                                 "given; merge needs every shard exactly once",
                                 n, missing));

  // The sum, in shard order (addition of integers: the order changes nothing).
  std::vector<BodyTally> sum;
  for (const auto& b : by_shard[0]->bodies) sum.push_back(b.tally);
  std::uint64_t draws = by_shard[0]->draws;
  std::int64_t processes = by_shard[0]->processes;
  for (std::uint64_t i = 1; i < n; ++i) {
    for (std::size_t b = 0; b < sum.size(); ++b) sum[b].merge(by_shard[i]->bodies[b].tally);
    draws += by_shard[i]->draws;
    processes += by_shard[i]->processes;
  }
  if (draws != first.run_draws)
    throw InputError(first.path, 0, "/@draws",
                     fmt::format("the shards hold {} draws, the run {}", draws, first.run_draws));

  std::filesystem::copy_file(by_shard[0]->path, out,
                             std::filesystem::copy_options::overwrite_existing);
  MergeSummary summary{draws, n, false};
  {
    h5::File f = h5::File::open_write(out);
    for (const char* a : {"kind", "shard", "block_begin", "block_end", "run_draws"})
      h5::remove_attribute(f, a);
    h5::write_attribute<std::uint64_t>(f, "draws", draws);
    h5::write_attribute<std::uint64_t>(f, "shards", n);
    h5::write_attribute<std::int64_t>(f, "processes", processes);
    for (std::size_t b = 0; b < sum.size(); ++b) {
      const BodyResults& body = by_shard[0]->bodies[b];
      const h5::Handle g = h5::open_group(f, body.id);
      remove_tally_datasets(g, body.tally.layout());
      write_tally_datasets(g, sum[b], body.majority, body.two_thirds, draws);
    }
    if (h5::exists(f, "draws/shares")) {
      summary.kept_draws = true;
      for (std::uint64_t i = 1; i < n; ++i) append_draws(f, *by_shard[i]);
    }
    label_dimensions(f);  // the new tallies, and the kept draws' longer axis
    f.close();
  }
  return summary;
}

}  // namespace seatcast
