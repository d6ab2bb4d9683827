#!/usr/bin/env bash
# Measures throughput the way bench/RESULTS.md records it: the machine and commit, the
# throughput runner on the two reference scenarios (1 and 2 threads, best of 3), peak
# memory at 10^6 and 10^8 draws, --keep-draws against the disk, and the per-stage and
# per-engine Google Benchmark suites. Run on a quiet machine; takes about 7 minutes.
# Usage: scripts/bench.sh [BUILD_DIR]   (default build/, configured with benchmarks on)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
"$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DSEATCAST_BENCH=ON >/dev/null
tp="$build/bench/seatcast-throughput"
list="$root/scenarios/bench/kz-list-dirichlet.toml"
whole="$root/scenarios/kz/mazhilis-2023.toml"

echo "== machine"
echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (modified)')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "compiler: $(c++ --version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== list tier: $tp $list -n 4000000 --threads 1,2 --repeat 3"
"$tp" "$list" -n 4000000 --threads 1,2 --repeat 3
echo "== whole chamber: $tp $whole -n 1000000 --threads 1,2 --repeat 3"
"$tp" "$whole" -n 1000000 --threads 1,2 --repeat 3
echo "== [run] metrics = false (issue 18): the same two with --no-metrics"
"$tp" "$list" -n 4000000 --threads 1,2 --repeat 3 --no-metrics | tail -3
"$tp" "$whole" -n 1000000 --threads 1,2 --repeat 3 --no-metrics | tail -3

echo "== block size (whole chamber, 2 threads): --block-sizes 1024,4096,16384"
"$tp" "$whole" -n 1000000 --threads 2 --repeat 3 --block-sizes 1024,4096,16384 | tail -4

echo "== peak memory against draws (list tier, 2 threads)"
for n in 1000000 100000000; do
  printf '%s draws: ' "$n"
  "$tp" "$list" -n "$n" --threads 2 --repeat 1 | grep 'peak memory'
done

echo "== --keep-draws against the disk (list tier, 10^7 draws, 2 threads)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
seatcast="$build/engine/cli/seatcast"
for keep in "" "--keep-draws"; do
  start=$(date +%s%N)
  "$seatcast" run "$list" -n 10000000 -t 2 -q $keep -o "$tmp/out.h5" --force
  ms=$((($(date +%s%N) - start) / 1000000))
  echo "run ${keep:-without --keep-draws}: $ms ms, file $(du -m "$tmp/out.h5" | cut -f1) MiB"
done
echo "disk: $(dd if=/dev/zero of="$tmp/dd.bin" bs=1M count=512 conv=fdatasync 2>&1 | tail -1)"

echo "== stages and engines (Google Benchmark)"
"$build/bench/bench_stages" --benchmark_min_time=0.5
echo "== multi-area presets per family and per stage (bench_areas)"
"$build/bench/bench_areas" --benchmark_min_time=0.2
echo "== every preset: throughput runner at 1 and 2 threads"
for s in es/congreso-2023 es/congreso-2023-from-2019 pl/sejm-2023 pl/sejm-2023-from-2019 \
         pt/assembleia-2024 cz/snemovna-2017 nl/tweede-kamer-2023 nl/tweede-kamer-2023-from-2021; do
  n=300000
  case "$s" in nl/*) n=3000000 ;; esac
  echo "-- $s"
  "$tp" "$root/scenarios/$s.toml" -n "$n" --threads 1,2 --repeat 2 | tail -4
done
"$build/bench/bench_engines" --benchmark_min_time=0.5
"$build/bench/bench_models" --benchmark_min_time=0.5
