#!/usr/bin/env bash
# One seatcast run across several nodes with MPI: every rank draws a contiguous share of
# the blocks with all the cores Slurm gave it, the integer tallies are summed into rank
# 0, which writes the file. The numbers are those of a one-process run with the same
# scenario, seed and draws, whatever the number of nodes.
#
#   sbatch scripts/slurm-mpi.sh scenarios/kz/mazhilis-2023.toml out/mazhilis-1e9.h5 1000000000
#
# One task per node, each with the node's cores for TBB. Adjust the #SBATCH lines to
# your cluster; seatcast must be built with -DSEATCAST_MPI=ON against the cluster's MPI.
#SBATCH --job-name=seatcast-mpi
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=02:00:00
#SBATCH --output=seatcast-mpi-%j.log
set -euo pipefail

scenario="${1:?usage: slurm-mpi.sh SCENARIO.toml OUT.h5 [DRAWS] [SEED]}"
out="${2:?usage: slurm-mpi.sh SCENARIO.toml OUT.h5 [DRAWS] [SEED]}"
draws="${3:-}"
seed="${4:-}"
seatcast="${SEATCAST:-build/engine/cli/seatcast}"

args=(run "$scenario" -o "$out" -t "${SLURM_CPUS_PER_TASK:-1}" --quiet)
[ -n "$draws" ] && args+=(-n "$draws")
[ -n "$seed" ] && args+=(-s "$seed")

# srun starts the ranks through Slurm's PMI (PMI_SIZE/PMIX_RANK tell seatcast it is one
# of several); `mpirun` works as well. A rank that fails makes the whole job fail and
# no results file is written.
srun --cpu-bind=none "$seatcast" "${args[@]}"
echo "written: $out"
