# SPDX-License-Identifier: EUPL-1.2
"""Bad input through the Python API: each case raises artikel1's own exception with its exact message (never a
pybind11 cast error), and streams and special files are read as the CLI reads them."""
import json
import math
import os
import re
import threading

import numpy as np
import pandas as pd
import pytest

import artikel1

from conftest import TEST_DATA, WORKED_DICT

LOGS = TEST_DATA / "logs"
GROUNDS = {"migration_background": "race", "gender": "sex"}
TIMESTAMP_FORMATS = ("ISO 8601 such as 2026-03-01, 2026-03-01T09:30:00 or 2026-03-01 09:30:00.250+01:00, "
                     "or dd-mm-yyyy [hh:mm[:ss]]")


@pytest.fixture(scope="module")
def log_model():
    return artikel1.load(LOGS / "model.json")


def exactly(message):
    return "^" + re.escape(message) + "$"


def counter(model, **options):
    return artikel1.DisparityCounter(model, GROUNDS, **options)


# ---- files and streams

def test_a_fifo_is_read_as_a_stream(log_model, tmp_path):
    expected = counter(log_model)
    expected.read_log(LOGS / "plain.csv")
    fifo = tmp_path / "log.csv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes((LOGS / "plain.csv").read_bytes()))
    writer.start()
    streamed = counter(log_model)
    summary = streamed.read_log(fifo)
    writer.join()
    assert summary["events"] == 14 and summary["threads"] == 1
    assert streamed.table(min_cell=1).to_json() == expected.table(min_cell=1).to_json()


def test_a_directory_is_named_as_such(log_model, tmp_path):
    message = exactly(f"cannot read {tmp_path}: it is a directory")
    with pytest.raises(artikel1.Error, match=message):
        counter(log_model).read_log(tmp_path)
    with pytest.raises(artikel1.Error, match=message):
        artikel1.load(tmp_path)
    with pytest.raises(artikel1.Error, match=message):
        artikel1.KnowledgeBase.from_file(tmp_path)
    with pytest.raises(artikel1.Error, match=message):
        counter(log_model).read_log(LOGS / "events_only.csv", case_table=tmp_path)


def test_utf16_files_are_named_as_such(log_model, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text((LOGS / "plain.csv").read_text(), encoding="utf-16")
    message = f"{log}:1:1: the file is UTF-16 (little-endian) text; artikel1 reads UTF-8: save it as UTF-8"
    with pytest.raises(artikel1.ParseError, match=exactly(message)):
        counter(log_model).read_log(log)
    model = tmp_path / "model.json"
    model.write_text((LOGS / "model.json").read_text(), encoding="utf-16-be")
    message = f"{model}:1:1: the file is UTF-16 (big-endian) text; artikel1 reads UTF-8: save it as UTF-8"
    with pytest.raises(artikel1.ParseError, match=exactly(message)):
        artikel1.load(model)


def test_an_endless_file_is_refused_at_the_limit():
    with pytest.raises(artikel1.LimitError, match=exactly(f"/dev/zero is more than {256 << 20} bytes; the limit is "
                                                          f"{256 << 20} bytes")):
        artikel1.load(os.fspath("/dev/zero"))


# ---- log contents

@pytest.mark.parametrize("stamp", ["yesterday", "2024-02-30", "2024-01-01T24:00", "1704067200", "2024/01/01"])
def test_timestamps_that_are_not_dates(log_model, stamp):
    text = f"case_id,step,timestamp,migration_background,gender\nc1,intake,2024-01-01,none,f\nc1,check,{stamp},none,f\n"
    message = (f'log.csv:3:10: timestamp "{stamp}" is not a date and time ({TIMESTAMP_FORMATS}) '
               '(column "timestamp")')
    with pytest.raises(artikel1.ParseError, match=exactly(message)):
        counter(log_model).read_log_text(text, name="log.csv")


def test_dutch_dates_in_order_are_in_order(log_model):
    text = ("case_id,step,timestamp,migration_background,gender\nc1,intake,31-12-2023,none,f\n"
            "c1,check,01-01-2024 09:00,none,f\nc1,approve,01-01-2024 10:00:00,none,f\n")
    assert counter(log_model).read_log_text(text, name="log.csv")["events"] == 3
    text = text.replace("31-12-2023", "02-01-2024")
    message = ('log.csv:3:10: events of case "c1" are not in time order ("01-01-2024 09:00" after "02-01-2024"). Sort '
               'the log by case and time, or give a next-step column (column "timestamp")')
    with pytest.raises(artikel1.ParseError, match=exactly(message)):
        counter(log_model).read_log_text(text, name="log.csv")


def test_duplicate_keys_in_json_lines(log_model):
    line = '{"case_id": "c1", "step": "intake", "step": "check", "migration_background": "none", "gender": "f"}'
    with pytest.raises(artikel1.ParseError, match=exactly('log.jsonl:1:37: duplicate key "step" (a key may appear once '
                                                          'in an object)')):
        counter(log_model).read_log_text(line + "\n", name="log.jsonl")


# ---- arguments of the wrong type or range

@pytest.mark.parametrize("threads, message", [
    (-1, "threads must be a whole number from 1 to 256, got -1"),
    (0, "threads must be a whole number from 1 to 256, got 0"),
    (257, "threads must be a whole number from 1 to 256, got 257"),
    ("2", "threads must be a whole number, not str"),
    (2.0, "threads must be a whole number, not float"),
    (True, "threads must be a whole number, not bool"),
    (None, "threads must be a whole number, not NoneType"),
])
def test_threads_of_read_log(log_model, threads, message):
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(message)):
        counter(log_model).read_log(LOGS / "plain.csv", threads=threads)


@pytest.mark.parametrize("options, message", [
    ({"threads": -1}, "threads must be a whole number from 1 to 256, got -1"),
    ({"threads": "4"}, "threads must be a whole number, not str"),
    ({"threads": 1.5}, "threads must be a whole number, not float"),
    ({"step_column": 5}, "step_column must be a str, not int"),
    ({"delimiter": b";"}, "delimiter must be a str, not bytes"),
    ({"format": ["csv"]}, "format must be a str, not list"),
    ({"colour": True}, 'unknown log option "colour"'),
])
def test_options_of_read_log_text(log_model, options, message):
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(message)):
        counter(log_model).read_log_text("case_id,step\n", **options)


@pytest.mark.parametrize("min_cell, message", [
    (-1, "min_cell must be a whole number from 0 to 18446744073709551615, got -1"),
    (2**64, "min_cell must be a whole number from 0 to 18446744073709551615, got 18446744073709551616"),
    (2.5, "min_cell must be a whole number, not float"),
    ("10", "min_cell must be a whole number, not str"),
    (False, "min_cell must be a whole number, not bool"),
])
def test_min_cell_of_table(log_model, min_cell, message):
    c = counter(log_model)
    c.read_log(LOGS / "plain.csv")
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(message)):
        c.table(min_cell=min_cell)
    assert c.table(min_cell=np.int64(3)).to_dict()["min_cell"] == 3


@pytest.mark.parametrize("adverse, kind", [("no", "str"), (1, "int"), (None, "NoneType"), (0.0, "float")])
def test_outcome_flags_are_booleans(log_model, adverse, kind):
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(f'outcome "rejected": adverse must be True or False, '
                                                                    f"not {kind}")):
        artikel1.DisparityCounter(log_model, GROUNDS, outcomes={"granted": False, "rejected": adverse})


@pytest.mark.parametrize("codes, message", [
    (np.array([0, 2**32], dtype=np.int64), "the codes of steps must fit in 32 bits: 4294967296 does not"),
    (np.array([0, -2**31 - 1], dtype=np.int64), "the codes of steps must fit in 32 bits: -2147483649 does not"),
    (np.array([0, 2**63], dtype=np.uint64), "the codes of steps must fit in 32 bits: 9223372036854775808 does not"),
    (np.array([0.0, 0.7]), "the codes of steps must be integers, not float64"),
    (np.array(["0", "1"]), "the codes of steps must be integers, not <U1"),
])
def test_encoded_codes_must_be_32_bit_integers(log_model, codes, message):
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(message)):
        counter(log_model).add(steps=(codes, ["check", "approve"]), next=["approve", "approve"],
                               groups={"migration_background": ["a", "b"], "gender": ["f", "m"]})


def _group_cells(c):
    return sorted((cell.group, cell.n) for cell in c.table(min_cell=1).cells if cell.ground == "race")


@pytest.mark.parametrize("column", [
    np.array([1.0, np.nan, 1.0, 2.0]),
    pd.Series([1.0, np.nan, 1.0, 2.0]),
    pd.Series(["1.0", pd.NA, "1.0", "2.0"], dtype="string"),
    pd.Series(["1.0", pd.NA, "1.0", "2.0"], dtype=object),
    pd.Series(["1.0", None, "1.0", "2.0"], dtype=object),
    pd.Categorical(["1.0", None, "1.0", "2.0"]),
])
def test_missing_values_are_missing_not_a_group(log_model, column):
    c = counter(log_model)
    c.add(steps=["check"] * 4, next=["approve", "approve", "investigate", "approve"],
          groups={"migration_background": column, "gender": ["f", "m", "f", "m"]})
    assert _group_cells(c) == [("1.0", 2), ("2.0", 1)]
    assert c.issues["missing_group"] == {"race": 1, "sex": 0}


def test_link_with_an_assessment_of_another_process(log_model):
    c = counter(log_model)
    c.read_log(LOGS / "plain.csv")
    other = artikel1.assess(artikel1.example("bijstand-aanvraag"))
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(
            'the assessment is of process "bijstand-aanvraag", the table of process "log-test"')):
        c.table(min_cell=1).link(other)


# ---- documents

@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(cases_per_year=math.nan), "/cases_per_year: nan is not a number JSON can hold (NaN and infinity "
                                                  "are not allowed)"),
    (lambda d: d.update(cases_per_year=math.inf), "/cases_per_year: inf is not a number JSON can hold (NaN and infinity "
                                                  "are not allowed)"),
    (lambda d: d["steps"][1]["signals"][0].update(count=-math.inf),
     "/steps/1/signals/0/count: -inf is not a number JSON can hold (NaN and infinity are not allowed)"),
])
def test_nan_and_infinity_in_a_dict_model_name_the_field(change, message):
    doc = json.loads(json.dumps(WORKED_DICT))
    change(doc)
    for load in (artikel1.load, artikel1.Process.from_dict, artikel1.assess):
        with pytest.raises(artikel1.InvalidArgumentError, match=exactly(message)):
            load(doc)


def test_nan_in_a_built_model_names_the_field():
    p = artikel1.Process("p", "P", cases_per_year=math.nan)
    p.add_step("a", "task")
    with pytest.raises(artikel1.InvalidArgumentError, match=exactly(
            "/cases_per_year: nan is not a number JSON can hold (NaN and infinity are not allowed)")):
        p.validate()


def _problems(doc):
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.load(doc)
    return [(p.pointer, p.message) for p in caught.value.problems if p.is_error]


def test_empty_ids_and_impossible_counts_in_a_model():
    doc = json.loads(json.dumps(WORKED_DICT))
    doc["steps"][0]["id"] = ""
    doc["flows"] = [f for f in doc["flows"] if f["from"] != "apply"]
    doc["attributes"][0]["id"] = ""
    doc["steps"][1]["uses"] = []
    doc["id"] = ""
    doc["cases_per_year"] = 1e308
    assert _problems(doc)[:4] == [("/id", "an id must not be empty"),
                                  ("/cases_per_year", "must be at most 10000000000 (10^10), got 1e+308"),
                                  ("/attributes/0/id", "an id must not be empty"),
                                  ("/steps/0/id", "an id must not be empty")]


def test_duplicate_keys_in_model_text():
    text = json.dumps(WORKED_DICT).replace('"name": "Worked example"', '"name": "Worked example", "name": "Again"', 1)
    column = text.index('"name": "Again"') + 1
    with pytest.raises(artikel1.ParseError, match=exactly(f'1:{column}: duplicate key "name" (a key may appear once '
                                                          "in an object)")):
        artikel1.load(text)


def test_duplicate_level_ids_in_a_knowledge_base(root):
    kb = json.loads((root / "data" / "knowledge_base.json").read_text())
    kb["method"]["levels"][3]["id"] = "medium"
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.KnowledgeBase.from_dict(kb)
    assert [(p.pointer, p.message) for p in caught.value.problems] == [
        ("/method/levels/3/id", 'duplicate level id "medium" (first used at /method/levels/1)')]


def test_extension_errors_point_into_the_extension():
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.KnowledgeBase.builtin().extend({"schema": "artikel1/knowledge-base/1",
                                                 "grounds": [{"id": "race", "label": {"nl": "ras"}, "description": 5}]})
    # the entry replaced the built-in ground race: every problem is named at its place in the extension
    assert [(p.pointer, p.message) for p in caught.value.problems] == [
        ("/grounds/0/label", 'missing required member "en"'),
        ("/grounds/0/description", "expected an object, found a number"),
        ("/grounds/0", 'missing required member "legal_source"')]


@pytest.mark.parametrize("change, problems", [
    (lambda d: d.update(schema="artikel1/assessment/9"),
     [("/schema", 'unsupported schema "artikel1/assessment/9" (expected "artikel1/assessment/1")')]),
    (lambda d: d["steps"][0]["scores"][0].update(score=1e300), [("/steps/0/scores/0/score", "a score is from 0 to 100, got 1e+300")]),
    (lambda d: d["steps"][0]["scores"][0].update(score=-5), [("/steps/0/scores/0/score", "a score is from 0 to 100, got -5")]),
    (lambda d: d["levels"][1].update(id="low"), [("/levels/1/id", 'duplicate level id "low" (first used at /levels/0)')]),
])
def test_saved_assessments_with_impossible_content(change, problems):
    doc = artikel1.assess(artikel1.example("bijstand-aanvraag")).to_dict()
    change(doc)
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.Assessment.from_json(json.dumps(doc))
    assert [(p.pointer, p.message) for p in caught.value.problems][:len(problems)] == problems
