#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs them.
# Usage: scripts/fuzz.sh TARGET|all SECONDS     explore (by hand, and before a release)
#        scripts/fuzz.sh --replay TARGET|all    replay the committed inputs only (CI)
# TARGET: scenario, votes_csv or results.
# Exploring: seeds come from the repository (scenarios/ and tests/fuzz/corpus/); what a
# run learns goes to build-fuzz/corpus/TARGET (kept between runs, never committed). A
# crashing input is saved as build-fuzz/artifacts/TARGET/crash-* and the script exits 1:
# turn it into a regression test (tests/fuzz/README.md). Each run appends its figures to
# build-fuzz/fuzz-log.txt (target, seconds, executions, crashes).
# Replaying: every committed seed and every input of tests/fuzz/crashes/TARGET/ runs
# once through the target, with no mutation, so the outcome depends on the commit alone
# (a crash found by luck cannot fail CI); exit 1 if any of them fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: scripts/fuzz.sh scenario|votes_csv|results|all SECONDS, or --replay TARGET|all"
replay=0
if [ "${1:-}" = --replay ]; then
  replay=1
  shift
fi
target="${1:?$usage}"
seconds=0
if [ "$replay" = 0 ]; then seconds="${2:?$usage}"; fi
dir="$root/build-fuzz"

all=(scenario votes_csv results)
if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *) echo "fuzz: unknown target '$t' (${all[*]})" >&2; exit 2 ;; esac
done

generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
CC=clang CXX=clang++ cmake -S "$root" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEATCAST_FUZZ=ON -DSEATCAST_TESTS=OFF -DSEATCAST_BENCH=OFF >/dev/null
cmake --build "$dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seeds per target (directories are read recursively).
seeds() {
  case "$1" in
    scenario) echo "$root/scenarios" ;;
    votes_csv) echo "$root/scenarios/kz/data $root/tests/fuzz/corpus/votes_csv" ;;
    results) echo "$root/tests/fuzz/corpus/results" ;;
  esac
}

# The target's time and memory per input.
limits_of() {
  # libhdf5 sizes a variable-length string by the length its descriptor claims (up to
  # 4 GiB) before it finds the data shorter. Datasets are checked before HDF5 reads them
  # (engine/hdf5/dataset.cpp), attributes cannot be: a damaged one costs seconds and
  # gigabytes, then is refused cleanly. Let the results target wait and allocate that
  # (its reads run in a child process with a 20 s limit, under libFuzzer's 60 s).
  if [ "$1" = results ]; then echo "-timeout=60 -rss_limit_mb=5120"; else echo "-timeout=10 -rss_limit_mb=2048"; fi
}

failed=0
if [ "$replay" = 1 ]; then
  for t in "${targets[@]}"; do
    files=()
    # shellcheck disable=SC2046
    while IFS= read -r -d '' f; do files+=("$f"); done < <(
      find $(seeds "$t") "$root/tests/fuzz/crashes/$t" -type f ! -name .gitkeep -print0 | sort -z)
    log="$dir/replay-$t.log"
    echo "== replay $t: ${#files[@]} committed inputs"
    # Given files (not directories), libFuzzer runs each once and explores nothing.
    # shellcheck disable=SC2046
    if ! LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
      "$dir/tests/fuzz/fuzz_$t" $(limits_of "$t") "${files[@]}" >"$log" 2>&1; then
      failed=1
      grep -E "ERROR|SUMMARY|Running:|deadly signal|uncaught" "$log" | tail -20 >&2 || true
      echo "fuzz: replaying $t failed on a committed input (full log: $log)" >&2
    fi
  done
  exit "$failed"
fi

for t in "${targets[@]}"; do
  corpus="$dir/corpus/$t"
  artifacts="$dir/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  if [ -f "$root/tests/fuzz/$t.dict" ]; then dict=(-dict="$root/tests/fuzz/$t.dict"); fi
  read -r -a limits <<<"$(limits_of "$t")"
  log="$dir/last-$t.log"
  echo "== fuzz $t for ${seconds}s"
  set +e
  LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
    "$dir/tests/fuzz/fuzz_$t" -max_total_time="$seconds" "${limits[@]}" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
    "$corpus" $(seeds "$t") >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  crashes=0
  if [ "$status" -ne 0 ]; then
    crashes=1
    failed=1
    grep -E "ERROR|SUMMARY|Test unit written|deadly signal|uncaught" "$log" | head -20 >&2 || true
    echo "fuzz: $t found a crash (full log: $log)" >&2
  fi
  echo "$(date -u +%FT%TZ) target=$t seconds=$seconds executions=${runs:-0} crashes=$crashes" \
    | tee -a "$dir/fuzz-log.txt"
done
exit "$failed"
