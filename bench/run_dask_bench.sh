#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Observed disparity on a cluster engine, side by side in one run: the generated log of about 10 million events
# (1,054,000 cases, 3 grounds) tabulated by artikel1.dask on a distributed.LocalCluster of 2 worker processes
# (dask.dataframe.read_csv in partitions; then with the next step derived, the partitions shuffled by case), by
# artikel1 in one process (1 and 2 reader threads) and by pandas, beside merely reading the file. Each contender runs
# in its own process; the tables of artikel1 and artikel1.dask are checked to be the same, byte for byte.
#   bench/run_dask_bench.sh [CASES]     (after scripts/build.sh, or with ARTIKEL1_BUILD=<a Release build directory>;
#                                        needs python3-dask and python3-distributed; the log goes to $TMPDIR or /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1054000}
build=${ARTIKEL1_BUILD:-build}
bench=$build/bench/bench_disparity
model=bench/disparity_model.json
work=$(mktemp -d "${TMPDIR:-/tmp}/artikel1-dask-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$work/log.csv
export PYTHONPATH=$build/python${PYTHONPATH:+:$PYTHONPATH}
python=/usr/bin/python3
uptime
"$bench" generate "$model" "$log" "$cases"
ls -l "$log" | awk '{printf "log size %.0f MB\n", $5 / 1e6}'
sync                   # the log written out, so that no contender competes with its write-back
cat "$log" > /dev/null # the same page cache for every contender
"$bench" read "$log"
"$python" bench/bench_disparity_dask.py one "$model" "$log" 1 "$work/one-1.json"
"$python" bench/bench_disparity_dask.py one "$model" "$log" 2 "$work/one-2.json"
"$python" bench/bench_disparity_dask.py dask "$model" "$log" 2 "$work/dask.json"
"$python" bench/bench_disparity_dask.py dask "$model" "$log" 2 "$work/dask-by-case.json" by-case
"$python" bench/bench_disparity_pandas.py "$model" "$log"
for table in one-2 dask dask-by-case; do
  cmp "$work/one-1.json" "$work/$table.json"
done
echo "the tables of artikel1 and artikel1.dask are the same, byte for byte"
uptime
