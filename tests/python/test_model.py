# SPDX-License-Identifier: EUPL-1.2
"""The process model from Python: loading in every form, round trips, building and editing, validation."""

import json

import pytest

import artikel1
from conftest import WORKED_DICT, build_worked_example


def test_round_trip_dict_model_dict(test_kb, worked_dict):
    process = artikel1.Process.from_dict(worked_dict, kb=test_kb)
    assert process.to_dict() == WORKED_DICT
    again = artikel1.Process.from_dict(process.to_dict(), kb=test_kb)
    assert again == process


def test_built_model_equals_the_document(worked):
    assert worked.to_dict() == WORKED_DICT


def test_load_from_dict_json_text_and_path(tmp_path, test_kb, worked_dict):
    path = tmp_path / "worked.json"
    path.write_text(json.dumps(worked_dict))
    from_path = artikel1.load(path, kb=test_kb)
    from_str_path = artikel1.load(str(path), kb=test_kb)
    from_text = artikel1.load(json.dumps(worked_dict), kb=test_kb)
    from_dict = artikel1.load(worked_dict, kb=test_kb)
    assert from_path == from_str_path == from_text == from_dict
    assert from_path.id == "worked"
    assert from_path.name == "Worked example"
    assert from_path.cases_per_year == 1000.0
    assert from_path.step_ids == ["apply", "select", "investigate", "sanction", "close"]


def test_save_writes_canonical_json(tmp_path, test_kb, worked_dict):
    process = artikel1.Process.from_dict(worked_dict, kb=test_kb)
    path = tmp_path / "out.json"
    process.save(path)
    assert json.loads(path.read_text()) == WORKED_DICT
    assert artikel1.Process.from_file(path, kb=test_kb) == process
    assert process.to_json().endswith("}\n")
    assert process.to_json(indent=None) == json.dumps(process.to_dict(), ensure_ascii=False)


def test_defaults_are_left_out_when_loaded(test_kb, worked_dict):
    worked_dict["steps"][0]["channel"] = "none"
    worked_dict["steps"][0]["discretion"] = "none"
    assert "channel" not in artikel1.Process.from_dict(worked_dict, kb=test_kb).step("apply")


def test_reading_the_model(worked):
    assert worked.successors("investigate") == ["sanction", "close"]
    assert worked.predecessors("select") == ["apply"]
    assert worked.step("select")["automation"] == "algorithmic"
    assert worked.has_step("close") and not worked.has_step("nope")
    assert [a["kind"] for a in worked.attributes] == ["postcode"]
    assert len(worked.flows) == 5 and worked.flows[1] == {"from": "select", "to": "investigate", "adverse": True,
                                                          "probability": 0.1}
    assert repr(worked) == "<Process 'worked': 5 steps, 5 flows>"
    # steps are copies: editing them does not change the model
    worked.steps[0]["kind"] = "outcome"
    assert worked.step("apply")["kind"] == "task"


def test_editing(test_kb, worked):
    worked.add_measure("select", "bias_testing")
    worked.add_measure("select", "bias_testing")
    assert worked.step("select")["measures"] == ["bias_testing"]
    worked.update_step("select", measures=None, name="Risk selection", uses=["postcode"])
    assert worked.step("select") == {"id": "select", "kind": "decision", "automation": "algorithmic",
                                     "uses": [{"attribute": "postcode", "role": "input"}],
                                     "signals": [{"ground": "race", "count": 2}], "name": "Risk selection"}
    copy = worked.copy()
    copy.remove_step("close")
    assert "close" not in copy.step_ids and worked.has_step("close")
    assert [f["to"] for f in copy.flows] == ["select", "investigate", "sanction"]
    problems = copy.validate(kb=test_kb)
    assert [(p.pointer, p.message) for p in problems if p.is_error] == [
        ("/steps/1", 'probabilities of the flows leaving "select" sum to 0.1, not 1'),
        ("/steps/2", 'probabilities of the flows leaving "investigate" sum to 0.1, not 1')]
    worked.remove_flow("apply", "select")
    assert worked.predecessors("select") == []


def test_assumptions_and_signals_in_both_spellings():
    p = artikel1.Process("x")
    p.add_step("a", assumptions=[("People from X commit fraud", ["race"]), {"text": "t", "grounds": ["sex"]}],
               signals=[("race", 3), {"ground": "sex", "count": 1, "source": "complaints desk"}])
    step = p.step("a")
    assert step["assumptions"] == [{"text": "People from X commit fraud", "grounds": ["race"]},
                                   {"text": "t", "grounds": ["sex"]}]
    assert step["signals"] == [{"ground": "race", "count": 3}, {"ground": "sex", "count": 1, "source": "complaints desk"}]
    assert p.name == "x"


def test_validate_lists_every_problem_with_its_pointer(test_kb, worked):
    assert worked.validate(kb=test_kb) == []
    assert worked.is_valid(kb=test_kb)
    worked.add_step("lost", "task", uses=["ghost"], measures=["no_such_measure"])
    worked.add_flow("select", "nowhere")
    problems = worked.validate(kb=test_kb)
    found = {(p.level, p.pointer, p.message) for p in problems}
    assert ("error", "/steps/5/uses/0/attribute", 'unknown attribute "ghost"') in found
    assert ("error", "/flows/5/to", 'flow to unknown step "nowhere"') in found
    assert ("error", "/steps/5/measures/0", 'unknown measure "no_such_measure"') in found
    assert ("error", "/steps/5", 'step "lost" is a dead end: it has no outgoing flow and is not an outcome') in found
    assert len(problems) == 5
    assert not worked.is_valid(kb=test_kb)
    problem = problems[0]
    assert isinstance(problem, artikel1.Problem) and problem.line == 0 and problem.column == 0
    assert str(artikel1.Problem("error", "/steps/0", "bad")) == "error: /steps/0: bad"


def test_duplicate_step_is_an_invalid_argument(worked):
    with pytest.raises(artikel1.InvalidArgumentError, match='a step "select" exists already'):
        worked.add_step("select")


def test_unknown_step_and_flow_are_not_found(worked):
    with pytest.raises(artikel1.NotFoundError, match='no step "nope" in process "worked"'):
        worked.step("nope")
    with pytest.raises(artikel1.NotFoundError, match='no flow from "close" to "apply"'):
        worked.remove_flow("close", "apply")


def test_examples_by_name():
    names = artikel1.examples()
    assert names == sorted(names)
    assert artikel1.DEFAULT_EXAMPLE == "bijstand-aanvraag" and "bijstand-aanvraag" in names
    for name in names:
        process = artikel1.example(name)
        assert process.id == name
        assert process.validate() == [] or all(not p.is_error for p in process.validate())
    assert artikel1.example().id == "bijstand-aanvraag"


def test_examples_match_the_files_in_examples(root):
    for name in artikel1.examples():
        on_disk = artikel1.load(root / "examples" / f"{name}.json")
        assert on_disk == artikel1.example(name)
