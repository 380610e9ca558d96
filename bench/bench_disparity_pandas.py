# SPDX-License-Identifier: EUPL-1.2
"""The same disparity table as `bench_disparity artikel1`, computed the way a data team would with pandas (and scipy
for Fisher's exact test, statsmodels for Wilson intervals and Benjamini-Hochberg). Prints time and peak memory.

    /usr/bin/python3 bench/bench_disparity_pandas.py MODEL LOG
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

GROUNDS = {"migration_background": "race", "gender": "sex", "age_band": "age"}


def main(model_path, log_path):
    model = json.load(open(model_path))
    decisions = {s["id"] for s in model["steps"] if s["kind"] == "decision"}
    adverse = {(f["from"], f["to"]) for f in model["flows"] if f.get("adverse")}
    start = time.perf_counter()
    log = pd.read_csv(log_path, usecols=["step", "next_step", *GROUNDS])
    read_time = time.perf_counter() - start
    passages = log[log["step"].isin(decisions) & log["next_step"].notna()]
    passages = passages.assign(adverse=[(s, n) in adverse for s, n in zip(passages["step"], passages["next_step"])])
    rows = []
    for column, ground in GROUNDS.items():
        counts = passages.groupby(["step", column])["adverse"].agg(n="size", adverse="sum").reset_index()
        for step, cells in counts.groupby("step"):
            reference = cells.sort_values(["n", column], ascending=[False, True]).iloc[0]
            for _, cell in cells.iterrows():
                n, k = int(cell["n"]), int(cell["adverse"])
                if n < 10:
                    rows.append({"step": step, "ground": ground, "group": cell[column], "suppressed": True})
                    continue
                lower, upper = proportion_confint(k, n, method="wilson")
                row = {"step": step, "ground": ground, "group": cell[column], "n": n, "adverse": k, "rate": k / n,
                       "rate_lower": lower, "rate_upper": upper}
                if cell[column] != reference[column]:
                    n0, k0 = int(reference["n"]), int(reference["adverse"])
                    ratio = (k / n) / (k0 / n0)
                    se = np.sqrt(1 / k - 1 / n + 1 / k0 - 1 / n0)
                    row.update(ratio=ratio, ratio_lower=ratio * np.exp(-1.96 * se), ratio_upper=ratio * np.exp(1.96 * se),
                               p_value=stats.fisher_exact([[k, n - k], [k0, n0 - k0]])[1])
                rows.append(row)
    table = pd.DataFrame(rows)
    tested = table["p_value"].notna()
    table.loc[tested, "q_value"] = multipletests(table.loc[tested, "p_value"], method="fdr_bh")[1]
    flagged = table[(table["q_value"] < 0.05) & ((table["ratio"] < 0.8) | (table["ratio"] > 1.25))]
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"pandas: {len(log)} events, {len(table)} cells, {len(flagged)} flagged; read {read_time:.3f} s, "
          f"total {total:.3f} s, peak {peak} MiB")
    for _, row in flagged.iterrows():
        print(f"  flagged: {row['step']} / {row['ground']} / {row['group']} ratio {row['ratio']:.3f} q {row['q_value']:.3g}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
