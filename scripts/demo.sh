#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The README's main command: installs only what the command line tool needs, builds only it (with progress), and
# assesses the built-in example process. Arguments go to `artikel1 assess` (e.g. --lang en, --format md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --demo
echo "demo: configuring (build/, the command line tool only)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DARTIKEL1_BUILD_TESTS=OFF -DARTIKEL1_BUILD_PYTHON=OFF \
  -DARTIKEL1_BUILD_BENCH=OFF > build-demo.log 2>&1 || { cat build-demo.log; exit 1; }
echo "demo: compiling the command line tool (one translation unit; the longest step)"
cmake --build build -j "$(nproc)" --target artikel1_cli 2>&1 | tee -a build-demo.log |
  grep --line-buffered -E '^\[ *[0-9]+%\]' || { tail -n 40 build-demo.log; exit 1; }
[ -x build/tools/artikel1 ] || { tail -n 40 build-demo.log; exit 1; }
echo
build/tools/artikel1 assess "$@"
