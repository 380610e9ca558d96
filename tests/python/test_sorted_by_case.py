# SPDX-License-Identifier: EUPL-1.2
"""Interleaved logs with more cases open at once than max_open_cases, from Python: the rest of the log is sorted by
case, the table is the one read in memory, and read_log's summary says so."""
import pytest

import artikel1

GROUNDS = {"migration_background": "race", "gender": "sex"}


@pytest.fixture
def mixed_log(logs):
    """pm.csv ordered by the hour: c1, c2 and c3 interleave (three open at once)."""
    return logs / "pm_interleaved.csv"


def test_a_log_sorted_by_case_gives_the_table_read_in_memory_and_says_so(log_model, mixed_log):
    in_memory = artikel1.DisparityCounter(log_model, GROUNDS)
    m = in_memory.read_log(mixed_log, max_open_cases=0)
    assert (m["most_open_cases"], m["sorted_by_case"], m["sorted_events"]) == (3, False, 0)
    sorted_ = artikel1.DisparityCounter(log_model, GROUNDS)
    s = sorted_.read_log(mixed_log, max_open_cases=2)
    assert (s["sorted_by_case"], s["sorted_events"], s["sort_runs"], s["sort_bytes"], s["events"]) == (True, 11, 0, 0, 14)
    assert sorted_.table(min_cell=1).to_json() == in_memory.table(min_cell=1).to_json()
    assert sorted_.issues == in_memory.issues
    text = artikel1.DisparityCounter(log_model, GROUNDS)
    t = text.read_log_text(mixed_log.read_text(), name="pm_interleaved.csv", max_open_cases=1)
    assert (t["sorted_by_case"], t["sorted_events"]) == (True, 12)
    assert text.table(min_cell=1).to_json() == in_memory.table(min_cell=1).to_json()
    # The default limit is far above three cases.
    assert artikel1.DisparityCounter(log_model, GROUNDS).read_log(mixed_log)["sorted_by_case"] is False


def test_max_open_cases_must_be_a_whole_number(log_model, mixed_log):
    counter = artikel1.DisparityCounter(log_model, GROUNDS)
    with pytest.raises(artikel1.InvalidArgumentError,
                       match=r"^max_open_cases must be a whole number from 0 to 9223372036854775807, got -1$"):
        counter.read_log(mixed_log, max_open_cases=-1)
    with pytest.raises(artikel1.InvalidArgumentError, match=r"^max_open_cases must be a whole number, not str$"):
        counter.read_log(mixed_log, max_open_cases="2")
    with pytest.raises(artikel1.InvalidArgumentError,
                       match=r"^max_open_cases must be a whole number from 0 to 2\*\*63 - 1, got -1$"):
        counter.read_log_text(mixed_log.read_text(), name="pm_interleaved.csv", max_open_cases=-1)
    with pytest.raises(artikel1.InvalidArgumentError, match=r"^max_open_cases must be a whole number, not bool$"):
        counter.read_log_text(mixed_log.read_text(), name="pm_interleaved.csv", max_open_cases=True)
