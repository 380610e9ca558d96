#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]. Corpora grow in build-fuzz/corpus/<target>/; a crash leaves
# crash-* files in build-fuzz/: copy each into fuzz/regressions/<target>/ so it becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DARTIKEL1_BUILD_FUZZ=ON -DARTIKEL1_BUILD_TESTS=OFF -DARTIKEL1_BUILD_PYTHON=OFF -DARTIKEL1_BUILD_BENCH=OFF \
  > build-fuzz.log 2>&1 || { cat build-fuzz.log; exit 1; }
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}" >> build-fuzz.log 2>&1 || { tail -n 40 build-fuzz.log; exit 1; }
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  mkdir -p "$corpus"
  # Seeds: the examples, the test data and every regression input (fuzz/seeds/<target>/ when present).
  cp -n examples/*.json tests/data/*.json "$corpus"/ 2>/dev/null || true
  cp -n fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  [ -d fuzz/seeds/"$target" ] && cp -rn fuzz/seeds/"$target"/. "$corpus"/
  echo "fuzz: $target for ${seconds}s"
  (cd build-fuzz && "fuzz/$target" "corpus/$target" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 \
     -timeout=10 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|ERROR|SUMMARY" || true)
  test "$(ls build-fuzz/crash-* 2>/dev/null | wc -l)" -eq 0 || { echo "fuzz: $target found a crash"; exit 1; }
  echo "fuzz: $target corpus $(ls "$corpus" | wc -l) files"
done
