# SPDX-License-Identifier: EUPL-1.2
"""The benchmark's disparity table (the grounds of `bench_disparity artikel1`) through artikel1 in one process, or
through artikel1.dask on a distributed.LocalCluster of worker processes; for bench/run_dask_bench.sh. Prints the
time from reading to the table and the peak memory, and writes the table's JSON to OUT.

    /usr/bin/python3 bench/bench_disparity_dask.py one MODEL LOG THREADS OUT
    /usr/bin/python3 bench/bench_disparity_dask.py dask MODEL LOG WORKERS OUT [by-case]

`dask` reads the CSV with dask.dataframe.read_csv in blocks of 64 MB (smaller for a small log, so that each worker
gets at least 4), one partition each, counted on the workers.
The log has a next_step column, so a partition may cut a case anywhere. With `by-case` the next_step column is left
unread and derived from each case's following event, as for a process-mining log: every event of a case must then be
in one partition, so the partitions are shuffled by case id first.
"""
import logging
import math
import os
import resource
import sys
import time

import artikel1
import artikel1.dask

GROUNDS = {"migration_background": "race", "gender": "sex", "age_band": "age"}


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def summary(table):
    flagged = ", ".join(f"{c.step} / {c.ground} / {c.group} ratio {c.ratio:.3f}" for c in table.flagged)
    return f"{len(table.cells)} cells, {len(table.flagged)} flagged ({flagged})"


def one_process(model_path, log_path, threads, out):
    start = time.perf_counter()
    table = artikel1.disparity(artikel1.load(model_path), log_path, GROUNDS, threads=int(threads))
    total = time.perf_counter() - start
    with open(out, "w", encoding="utf-8") as f:
        f.write(table.to_json())
    print(f"artikel1, one process, {threads} thread(s): {summary(table)}; total {total:.3f} s, peak {peak_mib()} MiB")


def on_cluster(model_path, log_path, workers, out, by_case=False):
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    model = artikel1.load(model_path)
    begin = time.perf_counter()
    with LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        start = time.perf_counter()
        labels = ["step", *GROUNDS]
        # Categories: pandas parses each label once per partition, and the counter takes the codes as they are.
        dtype = {column: "category" for column in labels + ["next_step"]}
        blocksize = min(64_000_000, math.ceil(os.path.getsize(log_path) / (4 * int(workers))))
        if by_case:
            log = dd.read_csv(log_path, usecols=["case_id", "step", "timestamp", *GROUNDS], dtype=dtype,
                              blocksize=blocksize)
            # A block boundary cuts a case in two: put every event of a case in one partition (each partition is
            # then ordered by case and time when it is counted).
            log = log.shuffle("case_id")
        else:
            log = dd.read_csv(log_path, usecols=["step", "next_step", *GROUNDS], dtype=dtype,
                              blocksize=blocksize)
        partitions = log.npartitions
        table = artikel1.dask.disparity(model, log, GROUNDS)
        total = time.perf_counter() - start
        worker_peaks = sorted(client.run(peak_mib).values())
    with open(out, "w", encoding="utf-8") as f:
        f.write(table.to_json())
    how = "next step derived, shuffled by case" if by_case else "next_step column"
    peaks = " + ".join(str(p) for p in worker_peaks)
    print(f"artikel1.dask, {workers} worker processes, {partitions} partitions ({how}): {summary(table)}; "
          f"total {total:.3f} s (cluster started in {start - begin:.3f} s before), "
          f"peak {peak_mib() + sum(worker_peaks)} MiB (client and scheduler {peak_mib()}, workers {peaks})")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "one":
        one_process(*sys.argv[2:6])
    elif len(sys.argv) in (6, 7) and sys.argv[1] == "dask" and sys.argv[6:] in ([], ["by-case"]):
        on_cluster(*sys.argv[2:6], by_case=len(sys.argv) == 7)
    else:
        sys.exit(__doc__)
