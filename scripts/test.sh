#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The README's test command: installs what is missing, builds, and runs every test (C++, C, Python, CLI).
# Then the hardening stages: the C++, C and CLI tests again under AddressSanitizer + UndefinedBehaviorSanitizer,
# the thread test under ThreadSanitizer, and a short run of every fuzz target. ARTIKEL1_QUICK=1 skips those.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
scripts/install-deps.sh
scripts/build.sh

if [ "${ARTIKEL1_QUICK:-0}" != 1 ]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DARTIKEL1_SANITIZE=address -DARTIKEL1_BUILD_PYTHON=OFF \
    -DARTIKEL1_BUILD_BENCH=OFF > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
  cmake --build build-asan -j "$jobs" >> build-asan.log 2>&1 || { tail -n 60 build-asan.log; exit 1; }
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -LE no_sanitizer)

  echo "== ThreadSanitizer: many threads on one shared process and knowledge base"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARTIKEL1_SANITIZE=thread -DARTIKEL1_BUILD_PYTHON=OFF \
    -DARTIKEL1_BUILD_BENCH=OFF > build-tsan.log 2>&1 || { cat build-tsan.log; exit 1; }
  cmake --build build-tsan -j "$jobs" --target artikel1_thread_tests >> build-tsan.log 2>&1 ||
    { tail -n 60 build-tsan.log; exit 1; }
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/artikel1_thread_tests

  echo "== Fuzz smoke run"
  scripts/fuzz.sh 3 # seconds per target: a smoke run; scripts/fuzz.sh 600 for the real thing
fi

echo "== Test suite"
cd build
ctest --output-on-failure -j "$jobs"
