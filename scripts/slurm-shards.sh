#!/usr/bin/env bash
# One seatcast run as a Slurm job array, without MPI: array task I runs shard I of N
# (`seatcast run --shard I/N`, a contiguous range of the run's blocks) and writes a
# partial file; a second job, started when every task succeeded, merges the shards into
# one results file identical to a single run's. Shards that fail can simply be rerun
# (sbatch --array=I): a shard's numbers depend only on the scenario, seed, draws and I/N.
#
#   scripts/slurm-shards.sh scenarios/kz/mazhilis-2023.toml out/mazhilis-1e9 1000000000 64
#
# submits the array and the merge; the result is out/mazhilis-1e9.h5, the shards are
# out/mazhilis-1e9.shard-I-of-N.h5. The merge node needs only the shard files, not the
# scenario's data (polls, district baselines).
set -euo pipefail

scenario="${1:?usage: slurm-shards.sh SCENARIO.toml OUT-STEM DRAWS SHARDS [SEED]}"
stem="${2:?usage: slurm-shards.sh SCENARIO.toml OUT-STEM DRAWS SHARDS [SEED]}"
draws="${3:?usage: slurm-shards.sh SCENARIO.toml OUT-STEM DRAWS SHARDS [SEED]}"
shards="${4:?usage: slurm-shards.sh SCENARIO.toml OUT-STEM DRAWS SHARDS [SEED]}"
seed="${5:-}"
seatcast="${SEATCAST:-build/engine/cli/seatcast}"
seed_args=""
[ -n "$seed" ] && seed_args="-s $seed"

array=$(sbatch --parsable --job-name=seatcast-shard --array=0-$((shards - 1)) \
  --cpus-per-task=32 --time=02:00:00 --output="$stem.shard-%a.log" --wrap \
  "\"$seatcast\" run \"$scenario\" -n $draws $seed_args --shard \${SLURM_ARRAY_TASK_ID}/$shards \
   -t \${SLURM_CPUS_PER_TASK} -o \"$stem.shard-\${SLURM_ARRAY_TASK_ID}-of-$shards.h5\" --quiet")

# The merge checks that every shard is there exactly once and that all come from the
# same run (scenario text, seed, draws, block size, shard count).
sbatch --job-name=seatcast-merge --dependency=afterok:"$array" --time=00:30:00 \
  --output="$stem.merge.log" --wrap \
  "\"$seatcast\" merge \"$stem\".shard-*-of-$shards.h5 -o \"$stem.h5\""
echo "submitted shards (job $array) and their merge into $stem.h5"
