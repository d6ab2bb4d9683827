#!/usr/bin/env bash
# Installs the Debian packages seatcast needs, only those that are missing.
# Run as root (or with sudo available). Safe to run again: it changes nothing when
# everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libeigen3-dev libtbb-dev libboost-dev libboost-random-dev librandom123-dev libhdf5-dev hdf5-tools
  libbenchmark-dev libgtest-dev libgmock-dev libcli11-dev libtomlplusplus-dev libfmt-dev
  clang-format
  libopenmpi-dev openmpi-bin
  clang libclang-rt-14-dev
  python3-h5py python3-numpy python3-matplotlib
  # The Python package (python/): pybind11 and the headers it builds against; the labelled
  # arrays and tables it returns; its tests, the notebook and the report in a browser.
  python3-dev pybind11-dev python3-pandas python3-xarray python3-h5netcdf python3-tqdm
  python3-pytest jupyter-nbconvert python3-nbconvert python3-ipykernel python3-nbformat
  chromium chromium-driver python3-selenium
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
