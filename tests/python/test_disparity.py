# SPDX-License-Identifier: EUPL-1.2
"""Observed disparity from numpy arrays, pandas columns and log files; merging, serialising, the table's values."""

import numpy as np
import pandas as pd
import pytest

import artikel1

GROUNDS = {"migration_background": "race", "gender": "sex"}


def selection_model():
    p = artikel1.Process("selection")
    p.add_step("select", "decision", automation="algorithmic")
    p.add_step("pass", "outcome")
    p.add_step("investigate", "outcome", severity="moderate")
    p.add_flow("select", "pass", probability=0.8)
    p.add_flow("select", "investigate", adverse=True, probability=0.2)
    return p


def planted(rows=20000, seed=7):
    """Group "b" is selected for investigation twice as often as group "a" (20% against 10%)."""
    rng = np.random.default_rng(seed)
    group = rng.choice(np.array(["a", "b"]), size=rows, p=[0.7, 0.3])
    adverse = rng.random(rows) < np.where(group == "b", 0.2, 0.1)
    nxt = np.where(adverse, "investigate", "pass")
    return pd.DataFrame({"step": "select", "next_step": nxt, "group": pd.Categorical(group)})


def test_numpy_columns_give_exact_counts_and_fishers_test():
    frame = planted()
    counter = artikel1.DisparityCounter(selection_model(), {"group": "race"})
    counter.add(steps=frame.step.to_numpy(), next=frame.next_step.to_numpy(), groups={"group": frame.group})
    table = counter.table()
    a, b = table.cell("select", "race", "a"), table.cell("select", "race", "b")
    n_a = int((frame.group == "a").sum())
    bad_a = int(((frame.group == "a") & (frame.next_step == "investigate")).sum())
    n_b = len(frame) - n_a
    bad_b = int((frame.next_step == "investigate").sum()) - bad_a
    assert (a.n, a.adverse, b.n, b.adverse) == (n_a, bad_a, n_b, bad_b)
    assert a.reference and not b.reference  # the largest group is the reference
    assert b.rate == pytest.approx(bad_b / n_b)
    assert b.ratio == pytest.approx((bad_b / n_b) / (bad_a / n_a))
    assert b.difference == pytest.approx(bad_b / n_b - bad_a / n_a)
    scipy_stats = pytest.importorskip("scipy.stats")
    _, p = scipy_stats.fisher_exact([[bad_b, n_b - bad_b], [bad_a, n_a - bad_a]])
    assert b.p_value == pytest.approx(p, rel=1e-6, abs=1e-300)
    assert b.flagged and [c.group for c in table.flagged] == ["b"]
    lower, upper = b.rate_interval
    assert lower < b.rate < upper


def test_no_planted_disparity_is_not_flagged():
    rng = np.random.default_rng(3)
    group = rng.choice(["a", "b"], size=5000)
    nxt = np.where(rng.random(5000) < 0.15, "investigate", "pass")
    counter = artikel1.DisparityCounter(selection_model(), {"group": "race"})
    counter.add(steps=np.full(5000, "select"), next=nxt, groups={"group": group})
    assert counter.table().flagged == []


def test_frame_file_and_text_give_the_same_table(logs, log_model):
    from_file = artikel1.DisparityCounter(log_model, GROUNDS)
    summary = from_file.read_log(logs / "plain.csv")
    assert (summary["format"], summary["events"], summary["next_column"]) == ("csv", 14, "next_step")
    expected = from_file.table(min_cell=1).to_json()
    from_frame = artikel1.DisparityCounter(log_model, GROUNDS).add_frame(pd.read_csv(logs / "plain.csv"))
    assert from_frame.table(min_cell=1).to_json() == expected
    from_text = artikel1.DisparityCounter(log_model, GROUNDS)
    from_text.read_log_text((logs / "plain.csv").read_text())
    assert from_text.table(min_cell=1).to_json() == expected
    jsonl = artikel1.DisparityCounter(log_model, GROUNDS)
    jsonl.read_log(logs / "events.jsonl")
    pm = artikel1.DisparityCounter(log_model, GROUNDS)
    assert pm.read_log(logs / "pm.csv", threads=2)["next_derived"]
    assert jsonl.table(min_cell=1).to_dict()["cells"] == pm.table(min_cell=1).to_dict()["cells"]


def test_case_table_and_outcome_logs(logs, log_model):
    with_cases = artikel1.DisparityCounter(log_model, GROUNDS, strata="municipality")
    with_cases.read_log(logs / "events_only.csv", case_table=logs / "cases.csv")
    assert with_cases.table(min_cell=1).cells
    outcomes = artikel1.DisparityCounter(log_model, GROUNDS, outcomes={"granted": False, "investigate": True,
                                                                       "rework": False, "refused": True})
    outcomes.read_log(logs / "outcome.csv")
    frame = pd.read_csv(logs / "outcome.csv")
    again = artikel1.DisparityCounter(log_model, GROUNDS, outcomes={"granted": False, "investigate": True,
                                                                    "rework": False, "refused": True})
    again.add_frame(frame)
    assert again.table(min_cell=1).to_dict()["cells"] == outcomes.table(min_cell=1).to_dict()["cells"]


def test_merge_and_serialise_give_the_same_table():
    frame = planted(rows=4000)
    whole = artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(frame)
    first = whole.empty_copy().add_frame(frame.iloc[:1500])
    second = whole.empty_copy().add_frame(frame.iloc[1500:])
    shipped = whole.empty_copy().deserialise(second.serialise())
    assert first.merge(shipped).table().to_json() == whole.table().to_json()
    with pytest.raises(artikel1.InvalidArgumentError, match="^merge: cannot merge an accumulator into itself$"):
        whole.merge(whole)


def test_suppression_and_frame(logs, log_model):
    counter = artikel1.DisparityCounter(log_model, GROUNDS)
    counter.read_log(logs / "plain.csv")
    table = counter.table()  # min_cell 10: every cell of this small log is suppressed
    assert all(c.suppressed and c.n is None and c.rate is None for c in table.cells)
    frame = table.to_frame()
    assert list(frame.columns[:7]) == ["step", "ground", "group", "suppressed", "reference", "n", "adverse"]
    assert frame.n.isna().all() and frame.rate.isna().all()
    shown = counter.table(min_cell=1).to_frame()
    row = shown[(shown.step == "check") & (shown.ground == "race") & (shown.group == "non_western")].iloc[0]
    assert (row.n, row.adverse) == (3, 2) and row.rate == pytest.approx(2 / 3)
    assert "step" in counter.table(min_cell=1).to_csv().splitlines()[0]
    assert counter.issues["rows"] == 14


def test_link_to_the_assessment():
    frame = planted()
    counter = artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(frame)
    links = counter.table().link(artikel1.assess(selection_model()))
    assert [(l["step"], l["ground"], l["group"]) for l in links] == [("select", "race", "b")]
    assert links[0]["structural"][0]["ground"] == "race"


def test_disparity_errors(log_model):
    with pytest.raises(artikel1.InvalidArgumentError, match="no grounds to analyse"):
        artikel1.DisparityCounter(log_model, {})
    counter = artikel1.DisparityCounter(log_model, GROUNDS)
    with pytest.raises(artikel1.InvalidArgumentError, match="^no group column for gender in groups$"):
        counter.add(steps=["check"], next=["approve"], groups={"migration_background": ["none"]})
    with pytest.raises(artikel1.InvalidArgumentError, match=r"^give the next column \(next=...\)$"):
        counter.add(steps=["check"], groups={})
    with pytest.raises(artikel1.InvalidArgumentError, match="^columns differ in length: 2 steps, 1 next$"):
        counter.add(steps=["check", "check"], next=["approve"], groups={"migration_background": ["a", "b"],
                                                                         "gender": ["f", "m"]})
    with pytest.raises(artikel1.InvalidArgumentError, match=r"^row 1: unknown_step \(strict mode\)$"):
        counter.add(steps=["check", "chek"], next=["approve", "approve"],
                    groups={"migration_background": ["a", "b"], "gender": ["f", "m"]}, strict=True)
    with pytest.raises(artikel1.NotFoundError, match="^no such file: /nonexistent.csv$"):
        counter.read_log("/nonexistent.csv")
    with pytest.raises(artikel1.ParseError, match="^bad.csv:2:"):
        counter.read_log_text('case_id,step,next_step,migration_background,gender\nc1,"check\n', name="bad.csv")
    with pytest.raises(artikel1.NotFoundError, match='^no cell for step "x", ground "race", group "a"$'):
        counter.table().cell("x", "race", "a")


def test_a_missing_next_step_is_an_end_row_as_in_a_log(log_model):
    """None as the next step ends the case there, as an empty next step in a CSV log (and -1 in the C ABI); a label
    the model lacks is an unknown next step; strict mode accepts a case that ended at a decision point."""
    rows = {"steps": ["check", "check", "approve", "check"], "next": ["approve", None, None, "chek"]}
    counter = artikel1.DisparityCounter(log_model, {"migration_background": "race"})
    counter.add(**rows, groups={"migration_background": ["a"] * 4})
    read = artikel1.DisparityCounter(log_model, {"migration_background": "race"})
    read.read_log_text("case_id,step,next_step,migration_background\nc1,check,approve,a\nc2,check,,a\n"
                       "c3,approve,,a\nc4,check,chek,a\n", name="log.csv")
    for issues in (counter.issues, read.issues):
        assert (issues["rows"], issues["passages"], issues["ended_at_decision_point"], issues["not_decision_point"],
                issues["unknown_next_step"]) == (4, 1, 1, 1, 1)
    assert counter.table(min_cell=1).to_json() == read.table(min_cell=1).to_json()
    strict = artikel1.DisparityCounter(log_model, {"migration_background": "race"})
    strict.add(steps=["check", "check"], next=["approve", None], groups={"migration_background": ["a", "a"]}, strict=True)
    assert strict.issues["ended_at_decision_point"] == 1
