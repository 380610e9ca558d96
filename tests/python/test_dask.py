# SPDX-License-Identifier: EUPL-1.2
"""artikel1.dask: partitions counted on two worker processes of a distributed.LocalCluster, merged in a tree,
give the same table, byte for byte, as one process; and the errors of the Dask entry point."""

import numpy as np
import pandas as pd
import pytest

import artikel1

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import artikel1.dask  # noqa: E402  (after the skip: needs Dask)


def two_step_model():
    p = artikel1.Process("two-steps")
    p.add_step("select", "decision", automation="algorithmic")
    p.add_step("visit", "decision", discretion="broad", channel="in_person")
    p.add_step("pass", "outcome")
    p.add_step("sanction", "outcome", severity="high")
    p.add_flow("select", "pass", probability=0.8)
    p.add_flow("select", "visit", adverse=True, probability=0.2)
    p.add_flow("visit", "pass", probability=0.7)
    p.add_flow("visit", "sanction", adverse=True, probability=0.3)
    return p


def log_frame(cases=6000, seed=11):
    """One row per transition; group "b" is sent on twice as often at both decision points; a rare group "c" (a
    handful of cases, so suppressed) and a stratum column."""
    rng = np.random.default_rng(seed)
    group = rng.choice(np.array(["a", "b", "c"]), size=cases, p=[0.69, 0.3, 0.01])
    region = rng.choice(np.array(["north", "south"]), size=cases)
    factor = np.where(group == "b", 2.0, 1.0)
    selected = rng.random(cases) < 0.15 * factor
    sanctioned = selected & (rng.random(cases) < 0.2 * factor)
    rows = {"step": [], "next_step": [], "group": [], "region": []}
    for i in range(cases):
        path = [("select", "visit" if selected[i] else "pass")]
        if selected[i]:
            path.append(("visit", "sanction" if sanctioned[i] else "pass"))
        for step, nxt in path:
            rows["step"].append(step)
            rows["next_step"].append(nxt)
            rows["group"].append(group[i])
            rows["region"].append(region[i])
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


def test_two_workers_give_the_same_table_byte_for_byte_as_one_process(client):
    frame = log_frame()
    model = two_step_model()
    options = dict(strata="region")
    whole = artikel1.disparity(model, frame, {"group": "race"}, **options)
    # 7 partitions and a fan-in of 2: three levels of merges, each on whichever worker is free.
    parts = dd.from_pandas(frame, npartitions=7)
    assert len(client.scheduler_info()["workers"]) == 2
    table = artikel1.dask.disparity(model, parts, {"group": "race"}, split_every=2, **options)
    assert table.to_json() == whole.to_json()
    assert table.to_csv() == whole.to_csv()
    b = table.cell("select", "race", "b")
    n_b = int(((frame.group == "b") & (frame.step == "select")).sum())
    assert b.n == n_b and b.flagged


def test_the_table_options_reach_the_table(client):
    frame = log_frame(cases=2000, seed=3)
    parts = dd.from_pandas(frame, npartitions=3)
    options = dict(min_cell=5, alpha=0.01, band=(0.9, 1.1), reference_groups={"race": "b"})
    table = artikel1.dask.disparity(two_step_model(), parts, {"group": "race"}, **options)
    whole = artikel1.DisparityCounter(two_step_model(), {"group": "race"}).add_frame(frame).table(**options)
    assert table.to_json() == whole.to_json()
    assert table.cell("select", "race", "b").reference


def test_counts_are_lazy_and_merge_with_counts_from_elsewhere(client):
    frame = log_frame(cases=1500, seed=5)
    model = two_step_model()
    counts = artikel1.dask.count(model, dd.from_pandas(frame, npartitions=4), {"group": "race"})
    text = counts.compute()
    assert text.startswith("{") and '"artikel1/disparity-counts/1"' in text
    counter = artikel1.DisparityCounter(model, {"group": "race"})
    half = len(frame) // 2
    merged = counter.deserialise(text)
    other = counter.empty_copy().add_frame(frame.iloc[:half]).merge(counter.empty_copy().add_frame(frame.iloc[half:]))
    assert merged.table().to_json() == other.table().to_json()


def test_an_empty_frame_gives_an_empty_table(client):
    frame = log_frame(cases=10).iloc[:0]
    table = artikel1.dask.disparity(two_step_model(), dd.from_pandas(frame, npartitions=1), {"group": "race"})
    assert table.cells == [] and table.issues["rows"] == 0


@pytest.mark.parametrize("call, message", [
    (lambda m, f: artikel1.dask.disparity(m.to_dict(), f, {"group": "race"}), "process must be a Process, not dict"),
    (lambda m, f: artikel1.dask.disparity(m, f.compute(), {"group": "race"}),
     "frame must be a dask.dataframe.DataFrame, not DataFrame"),
    (lambda m, f: artikel1.dask.disparity(m, f, ["group"]),
     "grounds must be a dict of column -> ground id, e.g. {'gender': 'sex'}"),
    (lambda m, f: artikel1.dask.disparity(m, f, {"group": "race"}, split_every=1),
     "split_every must be a whole number of at least 2, got 1"),
    (lambda m, f: artikel1.dask.disparity(m, f, {"group": "race"}, threads=2),
     "unknown option 'threads' (options: strata, outcomes, intersections, decision_points, step, next, outcome, "
     "strict, confidence, alpha, band, reference_groups)"),
    (lambda m, f: artikel1.dask.count(m, f, {"group": "race"}, alpha=0.1),
     "'alpha' is an option of the table: use disparity()"),
])
def test_bad_arguments_are_refused_before_any_task_runs(call, message):
    frame = dd.from_pandas(log_frame(cases=50), npartitions=2)
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        call(two_step_model(), frame)
    assert str(error.value) == message


def test_a_missing_column_is_named_when_the_partition_is_counted():
    frame = dd.from_pandas(log_frame(cases=50).drop(columns=["group"]), npartitions=2)
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.dask.disparity(two_step_model(), frame, {"group": "race"})
    assert str(error.value) == "the frame has no column group"
