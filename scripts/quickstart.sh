#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build, and run the default
# scenario (the 2023 Mazhilis) into out/mazhilis-2023.h5, printing the seat odds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$root/build" -DCMAKE_BUILD_TYPE=Release
mkdir -p "$root/out"
# --force: this script's own output is meant to be refreshed on every run.
"$root/build/engine/cli/seatcast" run "$root/scenarios/kz/mazhilis-2023.toml" \
  -o "$root/out/mazhilis-2023.h5" --force "$@"
