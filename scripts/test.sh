#!/usr/bin/env bash
# Builds and runs every test twice: an optimised build, then a build under the address
# and undefined-behaviour sanitizers. Installs missing packages first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"

echo "== Release build and tests"
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
ctest --test-dir "$root/build" --output-on-failure --parallel "$(nproc)"

echo "== Sanitizer build (address, undefined) and tests"
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSEATCAST_SANITIZE=ON -DSEATCAST_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure --parallel "$(nproc)"
