#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Observed-disparity benchmark, side by side in one run: a generated log of about 10 million events (1,054,000 cases,
# 3 grounds), read and tabulated by artikel1 (1 and 2 threads) and by pandas, beside merely reading the file.
#   bench/run_disparity_bench.sh [CASES]      (after scripts/build.sh, or with ARTIKEL1_BUILD=<a Release build directory>;
#                                              the log goes to $TMPDIR or /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1054000}
bench=${ARTIKEL1_BUILD:-build}/bench/bench_disparity
model=bench/disparity_model.json
log=${TMPDIR:-/tmp}/artikel1-bench-log.csv
"$bench" generate "$model" "$log" "$cases"
ls -l "$log" | awk '{printf "log size %.0f MB\n", $5 / 1e6}'
sync                   # the log written out, so that no contender competes with its write-back
cat "$log" > /dev/null # the same page cache for every contender
"$bench" read "$log"
"$bench" artikel1 "$model" "$log" 1
"$bench" artikel1 "$model" "$log" 2
/usr/bin/python3 bench/bench_disparity_pandas.py "$model" "$log"
rm -f "$log"
