#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# XES benchmark: the log of bench/run_disparity_bench.sh (about 10 million events by default) written as XES, parsed
# by expat with no handlers (the floor of any expat-based reader), then read and tabulated by artikel1; twice each.
#   bench/run_xes_bench.sh [CASES]      (after scripts/build.sh; the log goes to $TMPDIR or /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${BENCH:-build/bench/bench_disparity}
log=${TMPDIR:-/tmp}/artikel1-bench-log.xes
"$bench" generate-xes bench/disparity_model.json "$log" "${1:-1054000}"
ls -l "$log" | awk '{printf "log size %.0f MB\n", $5 / 1e6}'
sync && cat "$log" > /dev/null # written out, and in the page cache for both contenders
for run in 1 2; do
  "$bench" scan-xes "$log"
  "$bench" artikel1 bench/disparity_model.json "$log" 1
done
rm -f "$log"
