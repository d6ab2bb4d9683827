#!/usr/bin/env bash
# Installs the Debian packages seatcast needs, only those that are missing.
# Run as root (or with sudo available). Safe to run again: it changes nothing when
# everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libeigen3-dev libtbb-dev libboost-dev libboost-random-dev libhdf5-dev hdf5-tools
  libbenchmark-dev libgtest-dev libgmock-dev libcli11-dev libtomlplusplus-dev libfmt-dev
  clang-format
  libopenmpi-dev openmpi-bin
  clang libclang-rt-14-dev
  python3-h5py python3-numpy python3-matplotlib
  r-base-core r-cran-hdf5r
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
