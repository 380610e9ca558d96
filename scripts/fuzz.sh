#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each in turn for SECONDS (default 60).
#
#   scripts/fuzz.sh SECONDS [TARGET...]      e.g. scripts/fuzz.sh 600 (every target for 10 minutes),
#                                            scripts/fuzz.sh 300 fuzz_event_log_csv fuzz_event_log_jsonl
#
# Targets: every fuzz/fuzz_*.cpp. Corpora grow in build-fuzz/corpus/<target>/ and are kept between runs; each run
# first adds the target's seeds (below) and its regression inputs (fuzz/regressions/<target>/). A crash leaves
# build-fuzz/artifacts/<target>-crash-* (or -timeout-, -oom-): minimise it with
#   build-fuzz/fuzz/<target> -minimize_crash=1 -runs=10000 FILE
# and copy the result into fuzz/regressions/<target>/, where ctest replays it in the ordinary and sanitizer builds.
# On a shared machine run it as `nice -n 19 scripts/fuzz.sh ...`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
# ARTIKEL1_FUZZ_BUILD_DIR: an existing clang build configured with -DARTIKEL1_BUILD_FUZZ=ON to use instead of
# build-fuzz (scripts/test.sh passes its sanitizer build).
build=${ARTIKEL1_FUZZ_BUILD_DIR:-build-fuzz}
if [ -z "${ARTIKEL1_FUZZ_BUILD_DIR:-}" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DARTIKEL1_BUILD_FUZZ=ON -DARTIKEL1_BUILD_TESTS=OFF -DARTIKEL1_BUILD_PYTHON=OFF -DARTIKEL1_BUILD_BENCH=OFF \
    > "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}" >> "$build.log" 2>&1 || { tail -n 40 "$build.log"; exit 1; }

# The seeds of a target: the inputs of its kind from examples/, data/ and tests/data/ (and fuzz/seeds/<target>/).
seeds_of() {
  case "$1" in
    fuzz_process) ls examples/*.json tests/data/logs/model.json ;;
    fuzz_knowledge_base) ls data/knowledge_base.json tests/data/test_kb.json ;;
    fuzz_event_log_csv) ls tests/data/logs/*.csv ;;
    fuzz_event_log_jsonl) ls tests/data/logs/*.jsonl ;;
    fuzz_event_log_xes) ls tests/data/logs/*.xes tests/data/logs/*.xes.gz ;;
    fuzz_disparity_counts) ;;
    *) ls examples/*.json data/knowledge_base.json tests/data/*.json ;;
  esac 2>/dev/null || true
}

mkdir -p "$build"/artifacts
failed=0
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  for seed in $(seeds_of "$target"); do cp -n "$seed" "$corpus"/; done
  cp -n fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  if [ -d fuzz/seeds/"$target" ]; then cp -rn fuzz/seeds/"$target"/. "$corpus"/; fi
  rm -f "$build"/artifacts/"$target"-*
  echo "fuzz: $target for ${seconds}s"
  # halt_on_error: undefined behaviour stops the run (as a crash) instead of being printed and passed over.
  (cd "$build" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "fuzz/$target" "corpus/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
     -rss_limit_mb=2048 -artifact_prefix="artifacts/$target-" -print_final_stats=1 > "fuzz-$target.log" 2>&1) || true
  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|ERROR|SUMMARY" \
    "$build/fuzz-$target.log" || true
  echo "fuzz: $target corpus $(ls "$corpus" | wc -l) files"
  if ls "$build"/artifacts/"$target"-* > /dev/null 2>&1; then
    echo "fuzz: $target found a problem: $(ls "$build"/artifacts/"$target"-*) (log: $build/fuzz-$target.log)"
    failed=1
  fi
done
exit $failed
