# SPDX-License-Identifier: EUPL-1.2
"""artikel1.dask: partitions counted on two worker processes of a distributed.LocalCluster, merged in a tree,
give the same table and the same compounding result, byte for byte, as one process; a log of events is repartitioned
by case first; and the errors of the Dask entry points."""

import json

import numpy as np
import pandas as pd
import pytest

import artikel1
from test_compounding import chain_model

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
     "unknown option 'threads' (options: strata, outcomes, intersections, decision_points, kb, step, next, outcome, "
     "case, timestamp, strict, confidence, alpha, band, reference_groups)"),
    (lambda m, f: artikel1.dask.count(m, f, {"group": "race"}, alpha=0.1),
     "'alpha' is an option of the table: use disparity()"),
    (lambda m, f: artikel1.dask.count(m, f, {"group": "race"}, transitions=True, hits={"select": "visit"}),
     "'hits' is an option of the compounding: use compound()"),
    (lambda m, f: artikel1.dask.disparity(m, f, {"group": "race"}, seed=3),
     "'seed' is an option of the compounding: use compound()"),
    (lambda m, f: artikel1.dask.count(m, f, {"group": "race"}, transitions=True, outcomes={"pass": False}),
     "transition counts need the next step of each row, not outcomes"),
    (lambda m, f: artikel1.dask.compound(m, f, {"group": "race"}, alpha=0.1),
     "'alpha' is an option of the table: use disparity()"),
    (lambda m, f: artikel1.dask.compound(m, f, {"group": "race"}, threads=2),
     "unknown option 'threads' (options: strata, outcomes, intersections, decision_points, kb, step, next, outcome, "
     "case, timestamp, strict, min_cell, reference_groups, hits, confidence, shapley_exact_limit, "
     "shapley_permutations, seed)"),
    (lambda m, f: artikel1.dask.compound(m, f, {"group": "race"}, split_every=True),
     "split_every must be a whole number of at least 2, got True"),
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


def chain_cases():
    """(group, region, path) of 3,000 cases through the chain model: 2,000 of group a (0.2, 0.3 and 0.4 go on at s1,
    s2 and s3: 400, 120 and 48 sanctioned) and 1,000 of b (0.4, 0.3, 0.5: 400, 120, 60), in two regions."""
    for group, region, cases, rates in (("a", "north", 1200, (0.2, 0.3, 0.4)), ("a", "south", 800, (0.2, 0.3, 0.4)),
                                        ("b", "north", 500, (0.4, 0.3, 0.5)), ("b", "south", 500, (0.4, 0.3, 0.5))):
        on = [cases]
        for rate in rates:
            on.append(round(on[-1] * rate))
        for i in range(cases):
            path = ["start", "s1"] + [step for step, reached in (("s2", on[1]), ("s3", on[2])) if i < reached]
            yield group, region, path + (["sanction"] if i < on[3] else ["ok"])


def chain_frame():
    """The cases as one row per move (step, next_step, group, region), an empty next step where a case ended; the
    rows shuffled."""
    rows = [(step, nxt, group, region) for group, region, path in chain_cases()
            for step, nxt in zip(path, path[1:] + [None])]
    frame = pd.DataFrame(rows, columns=["step", "next_step", "group", "region"])
    return frame.sample(frac=1.0, random_state=4).reset_index(drop=True)


def test_a_knowledge_base_travels_to_the_workers_with_the_counter(client):
    kb = artikel1.KnowledgeBase.builtin()
    frame = chain_frame()
    parts = dd.from_pandas(frame, npartitions=2)
    result = artikel1.dask.compound(chain_model(), parts, {"group": "race"}, kb=kb)
    assert result.to_json() == artikel1.compound(chain_model(), frame, {"group": "race"}, kb=kb).to_json()
    table = artikel1.dask.disparity(chain_model(), parts, {"group": "race"}, kb=kb)
    assert table.to_json() == artikel1.disparity(chain_model(), frame, {"group": "race"}, kb=kb).to_json()


def chain_events():
    """The cases as a log of events (case_id, step, timestamp, group, region) without a next step, sorted by time:
    the events of a case are interleaved with those of others."""
    rng = np.random.default_rng(8)
    events = []
    for case, (group, region, path) in enumerate(chain_cases()):
        times = rng.integers(0, 1000) + np.cumsum(rng.integers(1, 100, size=len(path)))
        events += [(f"c{case:05d}", step, int(t), group, region) for step, t in zip(path, times)]
    log = pd.DataFrame(events, columns=["case_id", "step", "timestamp", "group", "region"])
    return log.sort_values("timestamp", kind="stable").reset_index(drop=True)


def test_compounding_on_two_workers_is_byte_for_byte_one_process(client):
    frame = chain_frame()
    model = chain_model()
    options = dict(strata="region", hits={"s2": "s3"}, reference_groups={"race": "a"})
    whole = artikel1.compound(model, frame, {"group": "race"}, **options)
    result = artikel1.dask.compound(model, dd.from_pandas(frame, npartitions=7), {"group": "race"}, split_every=2,
                                    **options)
    assert len(client.scheduler_info()["workers"]) == 2
    assert result.to_json() == whole.to_json()
    # By hand: a reaches the sanction with 48/2000 = 0.024, b with 60/1000 = 0.06; 2.5 times.
    rates = result.rates().set_index("group")
    assert rates.loc["a", "probability"] == pytest.approx(0.024, rel=1e-12)
    assert rates.loc["b", "probability"] == pytest.approx(0.06, rel=1e-12)
    assert rates.loc["b", "ratio"] == pytest.approx(2.5, rel=1e-12)
    assert (rates.loc["a", "cases"], rates.loc["b", "cases"]) == (2000, 1000)
    # Equal hit rates at s2 (120 of 400 in both groups).
    tests = result.outcome_tests().set_index("group")
    assert (tests.loc["b", "selected"], tests.loc["b", "hits"]) == (400, 120)
    # The report's section from the result is the same too.
    table = artikel1.disparity(model, frame, {"group": "race"})
    assert table.to_html(compounding=result, date="2026-01-01") == table.to_html(compounding=whole, date="2026-01-01")


def test_transition_counts_come_back_lazily_and_read_as_a_transition_counter(client):
    frame = chain_frame()
    model = chain_model()
    counts = artikel1.dask.count(model, dd.from_pandas(frame, npartitions=3), {"group": "race"}, transitions=True)
    text = counts.compute()
    assert json.loads(text)["spec"]["transitions"] is True
    counter = artikel1.transition_counter(model, {"group": "race"}).deserialise(text)
    whole = artikel1.transition_counter(model, {"group": "race"}).add_frame(frame)
    assert artikel1.compound(model, counter).to_json() == artikel1.compound(model, whole).to_json()
    assert counter.table().to_json() == whole.table().to_json()
    # Counts without transitions do not feed compounding.
    plain = artikel1.dask.count(model, dd.from_pandas(frame, npartitions=3), {"group": "race"}).compute()
    with pytest.raises(artikel1.ValidationError) as error:
        artikel1.transition_counter(model, {"group": "race"}).deserialise(plain)
    assert str(error.value) == "/spec: the counts were made for a different process or different options"


def test_a_log_of_events_is_repartitioned_by_case_first(client):
    model = chain_model()
    events = chain_events()
    assert "next_step" not in events.columns and events.case_id.nunique() == 3000
    whole = artikel1.compound(model, events, {"group": "race"}, strata="region")
    assert whole.to_json() == artikel1.compound(model, chain_frame(), {"group": "race"}, strata="region").to_json()
    # Cut anywhere, the cases run over partitions: each piece of a case seems to end or to start in the middle.
    cut = dd.from_pandas(events, npartitions=4, sort=False)
    assert artikel1.dask.compound(model, cut, {"group": "race"}, strata="region").to_json() != whole.to_json()
    # Every event of a case in one partition (each partition is ordered by case and time when it is counted).
    by_case = cut.shuffle("case_id")
    assert artikel1.dask.compound(model, by_case, {"group": "race"}, strata="region").to_json() == whole.to_json()
    assert artikel1.dask.disparity(model, by_case, {"group": "race"}).to_json() == \
        artikel1.disparity(model, events, {"group": "race"}).to_json()


def test_the_docstring_example_runs():
    import doctest

    result = doctest.testmod(artikel1.dask, raise_on_error=False, verbose=False)
    assert (result.failed, result.attempted) == (0, 9)
