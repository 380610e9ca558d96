# SPDX-License-Identifier: EUPL-1.2
"""The field's formats from Python: XES logs through read_log and disparity(), and PM4Py-style data frames
(case:concept:name, concept:name, time:timestamp) with the next steps derived."""
import pandas as pd
import pytest

import artikel1

GROUNDS = {"migration_background": "race", "gender": "sex"}


def test_xes_gives_the_table_of_the_process_mining_csv(logs, log_model):
    csv = artikel1.DisparityCounter(log_model, GROUNDS)
    csv.read_log(logs / "pm.csv")
    xes = artikel1.DisparityCounter(log_model, GROUNDS)
    summary = xes.read_log(logs / "pm.xes")
    assert (summary["format"], summary["events"], summary["case_column"]) == ("xes", 14, "case:concept:name")
    gz = artikel1.DisparityCounter(log_model, GROUNDS)
    assert gz.read_log(logs / "pm.xes.gz")["format"] == "xes.gz"
    expected = csv.table(min_cell=1).to_json()
    assert xes.table(min_cell=1).to_json() == expected
    assert gz.table(min_cell=1).to_json() == expected
    assert artikel1.disparity(log_model, logs / "pm.xes", GROUNDS, min_cell=1).to_json() == expected
    every = artikel1.DisparityCounter(log_model, GROUNDS)
    assert every.read_log(logs / "pm.xes", lifecycle="")["events"] == 28
    assert every.issues["flow_not_in_model"] == 14
    with pytest.raises(artikel1.ParseError, match=r"^pm\.xes:1:1: not a well-formed XES document: unclosed token$"):
        artikel1.DisparityCounter(log_model, GROUNDS).read_log_text("<log", name="pm.xes")


def test_a_pm4py_frame_is_read_with_the_next_steps_derived(logs, log_model):
    expected = artikel1.disparity(log_model, logs / "pm.csv", GROUNDS, min_cell=1).to_json()
    frame = pd.read_csv(logs / "pm.csv")
    assert list(frame.columns)[:3] == ["case:concept:name", "concept:name", "time:timestamp"]
    assert artikel1.disparity(log_model, frame, GROUNDS, min_cell=1).to_json() == expected
    # As PM4Py's read_xes gives it: times as datetimes, events in any order (here reversed).
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], utc=True)
    shuffled = frame.iloc[::-1].reset_index(drop=True)
    table = artikel1.disparity(log_model, shuffled, GROUNDS, min_cell=1)
    assert table.to_json() == expected
    cell = next(c for c in table.to_dict()["cells"] if (c["step"], c["ground"], c["group"]) == ("check", "race", "non_western"))
    assert (cell["n"], cell["adverse"]) == (3, 2)
    # Other names for the case and time columns.
    renamed = frame.rename(columns={"case:concept:name": "zaak", "time:timestamp": "tijd"})
    counter = artikel1.DisparityCounter(log_model, GROUNDS).add_frame(renamed, case="zaak", timestamp="tijd")
    assert counter.table(min_cell=1).to_json() == expected
    with pytest.raises(artikel1.InvalidArgumentError, match="^the frame has no column case:concept:name$"):
        artikel1.DisparityCounter(log_model, GROUNDS).add_frame(renamed)
