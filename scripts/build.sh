#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Configures and builds artikel1 in build/ (Release) for Debian's Python, /usr/bin/python3.
set -euo pipefail
cd "$(dirname "$0")/.."
# ARTIKEL1_BUILD_BENCH=OFF leaves the benchmarks out, ARTIKEL1_BUILD_UNIT_TESTS=OFF the C++ unit tests (scripts/test.sh
# builds those under the sanitizers). Tests, Python and benchmarks on explicitly: the same build/ may have been configured by scripts/demo.sh without them.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 -DARTIKEL1_BUILD_TESTS=ON \
  -DARTIKEL1_BUILD_PYTHON=ON -DARTIKEL1_BUILD_BENCH="${ARTIKEL1_BUILD_BENCH:-ON}" \
  -DARTIKEL1_BUILD_UNIT_TESTS="${ARTIKEL1_BUILD_UNIT_TESTS:-ON}" > build.log 2>&1 ||
  { cat build.log; exit 1; }
cmake --build build -j "$(nproc)" >> build.log 2>&1 || { tail -n 60 build.log; exit 1; }
echo "build: ok (log in build.log)"
