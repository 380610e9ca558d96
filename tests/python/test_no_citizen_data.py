# SPDX-License-Identifier: EUPL-1.2
"""No citizen data in messages, and outputs that are safe to open in other programs (docs/security.md)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import artikel1

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "tests" / "data" / "logs"
MODEL = LOGS / "model.json"
NO_HEADER = LOGS / "no_header.csv"
CITIZEN = ("Jan de Vries", "1971-03-02", "Kerkstraat 12 Zwolle", "BSN 123456782", "123456782")
CLI = os.environ.get("ARTIKEL1_CLI", str(Path(artikel1._util._core.__file__).resolve().parents[2] / "tools" / "artikel1"))


def assert_no_citizen_data(message: str) -> None:
    for value in CITIZEN:
        assert value not in message


def counter() -> artikel1.DisparityCounter:
    return artikel1.DisparityCounter(artikel1.load(MODEL), {"migration_background": "race"})


def test_a_log_without_a_header_row_is_not_quoted():
    with pytest.raises(artikel1.ParseError) as error:
        counter().read_log(NO_HEADER)
    assert str(error.value) == f'{NO_HEADER}:1:1: no step column ("concept:name" or "step") in the header (7 columns)'
    assert_no_citizen_data(str(error.value))
    text = NO_HEADER.read_text()
    with pytest.raises(artikel1.ParseError) as error:
        counter().read_log_text(text, name="log.csv")
    assert str(error.value) == 'log.csv:1:1: no step column ("concept:name" or "step") in the header (7 columns)'
    # The case table too (--cases).
    with pytest.raises(artikel1.ParseError) as error:
        counter().read_log(LOGS / "events_only.csv", case_table=NO_HEADER, case_column="c1")
    assert_no_citizen_data(str(error.value))
    assert str(error.value) == f'{NO_HEADER}:1:1: no column "migration_background" (groups) in the header (7 columns)'


def test_a_column_that_differs_only_in_case_is_named():
    with pytest.raises(artikel1.ParseError) as error:
        counter().read_log_text("case_id,Step,next_step,migration_background\nc1,check,approve,none\n", name="log.csv")
    assert str(error.value) == ('log.csv:1:1: no step column ("concept:name" or "step") in the header (4 columns); '
                                'a column differs only in case: "Step"')


def test_a_lone_surrogate_is_refused_without_repeating_the_text():
    text = "case_id,step,next_step,migration_background\n" + "c1,check,approve,Jan de Vries\n" * 2000 + "\udc80\n"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        counter().read_log_text(text)
    assert str(error.value) == f"text is not valid Unicode: a lone surrogate at character {len(text) - 2}"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.load('{"id": "Jan de Vries \udc80"}')
    assert str(error.value) == "source is not valid Unicode: a lone surrogate at character 21"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.Process.from_json('{"name": "Jan de Vries\ud800"}')
    assert str(error.value) == "text is not valid Unicode: a lone surrogate at character 22"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.KnowledgeBase.from_json('{"x": "Jan de Vries\ud800"}')
    assert str(error.value) == "text is not valid Unicode: a lone surrogate at character 19"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.Assessment.from_json('{"x": "Jan de Vries\ud800"}')
    assert str(error.value) == "text is not valid Unicode: a lone surrogate at character 19"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.Process.from_dict({"name": "Jan de Vries\ud800"})
    assert str(error.value) == "document is not valid Unicode: a lone surrogate at character 22"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        artikel1.KnowledgeBase.from_dict({"x": "Jan de Vries\ud800"})
    assert str(error.value) == "document is not valid Unicode: a lone surrogate at character 19"
    with pytest.raises(artikel1.InvalidArgumentError) as error:
        counter().read_log_text("x", name="Jan de Vries\ud800.csv")
    assert str(error.value) == "name is not valid Unicode: a lone surrogate at character 12"


def test_a_text_passed_as_a_path_is_not_repeated_whole():
    text = "Jan de Vries, Kerkstraat 12 Zwolle; " * 100
    with pytest.raises(artikel1.NotFoundError) as error:
        artikel1.load(text)
    assert str(error.value) == "no such file: " + text[:200] + "..."
    with pytest.raises(artikel1.NotFoundError) as error:
        artikel1.load("missing\x1b[31m.json")
    assert str(error.value) == "no such file: missing\\x1B[31m.json"


def test_unknown_labels_only_with_the_option():
    c = counter()
    c.read_log_text("case_id,step,next_step,migration_background\nc1,Jan de Vries,approve,none\n", name="log.csv")
    assert c.table().issues["unknown_step_labels"] == []
    assert "Jan de Vries" not in c.table().to_json() + c.table().to_text()
    assert c.table(unknown_labels=True).issues["unknown_step_labels"] == ["Jan de Vries"]


@pytest.mark.skipif(not os.path.exists(CLI), reason="the command line tool is not built")
def test_the_cli_quotes_no_record(tmp_path):
    r = subprocess.run([CLI, "disparity", str(MODEL), str(NO_HEADER), "--group", "migration_background=race"],
                       capture_output=True, text=True)
    assert (r.returncode, r.stderr) == (
        2, f'artikel1: {NO_HEADER}:1:1: no step column ("concept:name" or "step") in the header (7 columns)\n')
    log = tmp_path / "log.csv"
    log.write_text("case_id,step,next_step,migration_background\nc1,Jan de Vries,approve,none\n")
    r = subprocess.run([CLI, "disparity", str(MODEL), str(log), "--group", "migration_background=race", "--format",
                        "json"], capture_output=True, text=True)
    assert r.returncode == 0 and "Jan de Vries" not in r.stdout + r.stderr
    r = subprocess.run([CLI, "disparity", str(MODEL), str(log), "--group", "migration_background=race", "--format",
                        "json", "--unknown-labels"], capture_output=True, text=True)
    assert r.returncode == 0 and '"unknown_step_labels": [\n      "Jan de Vries"\n    ]' in r.stdout


def test_csv_fields_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    log = tmp_path / "log.csv"
    rows = ["case_id,step,next_step,migration_background"]
    for i in range(40):
        label = "=HYPERLINK(\"http://x\")" if i < 20 else "@SUM(A1)\x1b[31m"
        rows.append(f'c{i},check,{"investigate" if i % 4 == 0 else "approve"},"{label.replace(chr(34), chr(34) * 2)}"')
    log.write_text("\n".join(rows) + "\n")
    c = counter()
    c.read_log(log)
    csv = c.table().to_csv().splitlines()
    assert csv[1].startswith('check,race,"\'=HYPERLINK(""http://x"")",false,')
    assert csv[2].startswith('check,race,"\'@SUM(A1)\\x1B[31m",false,')
    assert "\x1b" not in c.table().to_json() and "\\u001b" in c.table().to_json()


@pytest.mark.skipif(not os.path.exists(CLI), reason="the command line tool is not built")
def test_reports_neither_run_formulas_nor_raw_html(tmp_path):
    doc = artikel1.example("bijstand-aanvraag").to_dict()
    doc["name"] = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    doc["steps"][0]["name"] = "=cmd|' /C calc'!A0"
    model = tmp_path / "model.json"
    model.write_text(json.dumps(doc))
    md = subprocess.run([CLI, "assess", str(model), "--format", "md", "--date", "2026-01-15"], capture_output=True,
                        text=True)
    assert md.returncode == 0, md.stderr
    assert md.stdout.splitlines()[0] == ("# Risk scan for the discrimination test: &lt;script&gt;alert(1)&lt;/script&gt; "
                                         "\\[x\\](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;")
    assert "<script>" not in md.stdout and "<img" not in md.stdout
    csv = subprocess.run([CLI, "assess", str(model), "--format", "csv"], capture_output=True, text=True)
    assert csv.returncode == 0, csv.stderr
    step = doc["steps"][0]["id"]
    assert csv.stdout.splitlines()[1].startswith(f"{step},\"'=cmd|' /C calc'!A0\",")
