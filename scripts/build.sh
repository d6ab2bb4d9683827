#!/usr/bin/env bash
# Configures and builds seatcast. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args]
# Default: build/ in Release. The sanitizer build: scripts/build.sh build-asan -DSEATCAST_SANITIZE=ON
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build}"
shift || true
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$root" -B "$dir" "${generator[@]}" "$@"
cmake --build "$dir" --parallel "$(nproc)"
