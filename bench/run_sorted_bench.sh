#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Interleaved-log benchmark: a process-mining CSV of CASES cases (200,000 by default) that all start within the
# first 2.5 days and whose events are three days apart, in time order, so every case is open at once. Read by
# `artikel1 disparity` in memory (--max-open-cases 0), then with the rest sorted by case (--max-open-cases 10000),
# under /usr/bin/time -v (elapsed time and peak resident memory); the two tables are compared.
#   bench/run_sorted_bench.sh [CASES]      (after scripts/build.sh; the log goes to $TMPDIR or /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${CLI:-build/tools/artikel1}
dir=${TMPDIR:-/tmp}
log=$dir/artikel1-bench-interleaved.csv
/usr/bin/python3 - "${1:-200000}" "$log" <<'EOF'
import sys
cases, path = int(sys.argv[1]), sys.argv[2]
paths = [["intake", "check", "approve"], ["intake", "check", "investigate", "decide", "reject"],
         ["intake", "check", "investigate", "decide", "check", "approve"]]
# Case i starts at i * 2.5 days / cases; its k-th event is k * 3 days later: in time order every case's first event
# comes before any second event, and so on (written in that order, no sort needed).
with open(path, "w") as out:
    out.write("case:concept:name,concept:name,time:timestamp,case:migration_background,case:gender\n")
    for k in range(6):
        for i in range(cases):
            steps = paths[(i * 7) % 11 % 3]
            if k >= len(steps):
                continue
            d, s = divmod(i * 216000 // cases + k * 259200, 86400)
            groups = ["none", "western", "non_western"][i % 3] + "," + "fm"[i % 2]
            out.write(f"c{i},{steps[k]},2024-01-{1 + d:02d}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},{groups}\n")
EOF
ls -l "$log" | awk '{printf "log size %.0f MB\n", $5 / 1e6}'
args=(disparity tests/data/logs/model.json "$log" --group case:migration_background=race --group case:gender=sex
      --format json)
for limit in 0 10000; do
  /usr/bin/time -v "$cli" "${args[@]}" --max-open-cases "$limit" > "$dir/artikel1-bench-$limit.json" 2> "$dir/artikel1-bench-$limit.time"
  grep -E "Elapsed|Maximum resident" "$dir/artikel1-bench-$limit.time" | sed "s/^/--max-open-cases $limit: /"
done
/usr/bin/python3 - "$dir/artikel1-bench-0.json" "$dir/artikel1-bench-10000.json" <<'EOF'
import json, sys
memory, disk = (json.load(open(p)) for p in sys.argv[1:])
print("sorted:", disk.pop("sorted_by_case"))
print("same table:", memory == disk)
EOF
rm -f "$log" "$dir"/artikel1-bench-0.* "$dir"/artikel1-bench-10000.*
