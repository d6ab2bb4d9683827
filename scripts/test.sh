#!/usr/bin/env bash
# Builds and runs every test twice: an optimised build, then a build under the address
# and undefined-behaviour sanitizers. Installs missing packages first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"

echo "== Release build and tests"
# SEATCAST_MPI=ON: the MPI tests (ctest label mpi) must build and run here.
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release -DSEATCAST_MPI=ON
ctest --test-dir "$root/build" --output-on-failure --parallel "$(nproc)"

echo "== Sanitizer build (address, undefined) and tests"
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEATCAST_SANITIZE=ON -DSEATCAST_BENCH=OFF
# Without the MPI tests (-LE mpi): Open MPI's own start-up allocations show up as leaks
# under LeakSanitizer in every rank; the code they exercise beyond the plain runs (the
# reduction, the gathering of kept draws) is the same in the Release pass.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure --parallel "$(nproc)" -LE mpi
