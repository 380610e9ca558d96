#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs what artikel1 needs to build and test, from Debian 12 packages. Idempotent: installs only what is
# missing and does nothing when everything is there. Run as root (or with sudo).
# Usage: install-deps.sh          everything the build and the tests need
#        install-deps.sh --demo   only what building the command line tool needs (scripts/demo.sh)
set -euo pipefail

demo_packages=(
  g++ cmake make                         # the toolchain
  libboost-graph-dev nlohmann-json3-dev  # the library's dependencies
  libexpat1-dev zlib1g-dev               # XES logs (.xes, .xes.gz) and BPMN models
)
packages=(
  "${demo_packages[@]}" pkg-config
  pybind11-dev python3-dev               # the Python module
  catch2                                 # C++ tests (Catch2 v2)
  python3-pytest python3-numpy python3-pandas python3-scipy python3-statsmodels python3-matplotlib
  python3-jsonschema python3-pip python3-setuptools python3-wheel
  python3-dask python3-distributed       # artikel1.dask, tested on a LocalCluster
  graphviz                               # process graph layout in reports and BPMN export (dot)
  valgrind abigail-tools                 # C ABI tests: leak check and ABI baseline
  chromium                               # renders the HTML report in a test
  poppler-utils                          # pdftotext, pdfinfo: the printed report (PDF) in a test
  clang libclang-rt-14-dev               # fuzzing and sanitizer runtimes
)

if [ "${1:-}" = --demo ]; then packages=("${demo_packages[@]}"); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# The BPMN export is checked with bpmn-moddle (tests/bpmn/), which npm installs: Debian's nodejs and npm unless a
# Node.js with npm is already there (a NodeSource nodejs package ships npm itself and conflicts with Debian's npm).
if [ "${1:-}" != --demo ] && ! command -v npm > /dev/null; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
