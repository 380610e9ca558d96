#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The README's test command: installs what is missing, builds, and runs every test (C++, C, Python, CLI).
# A Release build runs the tests of the interfaces (CLI, Python, the C ABI, statistics, schemas, the installed
# package); one clang build with AddressSanitizer + UndefinedBehaviorSanitizer runs the C++ unit tests, the C tests,
# the CLI tests and the fuzz regressions, and a short run of every libFuzzer target (built in the same tree); the
# thread test runs under ThreadSanitizer. ARTIKEL1_QUICK=1 runs only the Release build, with every test, and skips
# the sanitizers. The benchmarks are not built here (scripts/build.sh builds them).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
started=$(date +%s)
stage() { echo "== $1 ($(( $(date +%s) - started )) s)"; }
scripts/install-deps.sh
quick=${ARTIKEL1_QUICK:-0}
stage "Release build"
# The C++ unit tests, the C-vs-C++ comparison and the fuzz replays are compiled once, in the sanitizer build, unless
# that build is skipped.
unit_tests=$([ "$quick" = 1 ] && echo ON || echo OFF)
ARTIKEL1_BUILD_BENCH=OFF ARTIKEL1_BUILD_UNIT_TESTS=$unit_tests scripts/build.sh

stage "Test suite"
(cd build && ctest --output-on-failure -j "$jobs")

if [ "$quick" != 1 ]; then
  stage "AddressSanitizer + UndefinedBehaviorSanitizer build (clang, with the fuzz targets)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DARTIKEL1_SANITIZE=address -DARTIKEL1_BUILD_FUZZ=ON -DARTIKEL1_BUILD_PYTHON=OFF -DARTIKEL1_BUILD_BENCH=OFF \
    > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
  cmake --build build-asan -j "$jobs" >> build-asan.log 2>&1 || { tail -n 60 build-asan.log; exit 1; }
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -LE no_sanitizer)

  stage "Fuzz smoke run"
  ARTIKEL1_FUZZ_BUILD_DIR=build-asan scripts/fuzz.sh 3 # seconds per target; scripts/fuzz.sh 600 for the real thing

  stage "ThreadSanitizer: many threads on one shared process and knowledge base"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARTIKEL1_SANITIZE=thread -DARTIKEL1_BUILD_PYTHON=OFF \
    -DARTIKEL1_BUILD_BENCH=OFF > build-tsan.log 2>&1 || { cat build-tsan.log; exit 1; }
  cmake --build build-tsan -j "$jobs" --target artikel1_thread_tests >> build-tsan.log 2>&1 ||
    { tail -n 60 build-tsan.log; exit 1; }
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/artikel1_thread_tests
fi
stage "done"
