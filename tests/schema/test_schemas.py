# SPDX-License-Identifier: EUPL-1.2
"""The shipped JSON documents validate against the JSON Schemas in schema/, and the schemas reject broken ones."""
import copy
import json
import pathlib

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"), key=lambda p: p.stem)


def load(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def validator(name):
    schema = load(ROOT / "schema" / name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_there_are_eighteen_examples():
    assert [p.stem for p in EXAMPLES] == [
        "almelo-themacontrole", "almelo-themacontrole-herontwerp", "belastingdienst-giftenaftrek",
        "belastingdienst-giftenaftrek-herontwerp", "bijstand-aanvraag", "bijstand-aanvraag-toets", "bijstand-heronderzoek",
        "bijstand-heronderzoek-herontwerp", "bijstand-risicoprofiel-55plus", "bijstand-risicoprofiel-55plus-herontwerp",
        "duo-uitwonendenbeurs", "duo-uitwonendenbeurs-herontwerp", "kmar-mtv-controle", "kmar-mtv-controle-herontwerp",
        "manifestatie-kennisgeving", "toeslagen-risicoclassificatie", "toeslagen-risicoclassificatie-herontwerp",
        "utrecht-vermogensonderzoek"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_matches_process_schema(path):
    errors = list(validator("process.schema.json").iter_errors(load(path)))
    assert errors == []


@pytest.mark.parametrize("path", [ROOT / "data" / "knowledge_base.json", ROOT / "tests" / "data" / "test_kb.json"],
                         ids=["default", "test"])
def test_knowledge_base_matches_schema(path):
    errors = list(validator("knowledge-base.schema.json").iter_errors(load(path)))
    assert errors == []


def test_process_schema_rejects_what_validation_rejects():
    v = validator("process.schema.json")
    model = load(ROOT / "examples" / "bijstand-aanvraag.json")
    bad = copy.deepcopy(model)
    bad["steps"][0]["discretion"] = "wide"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps[0].discretion"]
    bad = copy.deepcopy(model)
    bad["flows"][0]["probability"] = 1.5
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.flows[0].probability"]
    bad = copy.deepcopy(model)
    bad["schema"] = "artikel1/process/3"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.schema"]


def test_process_schema_checks_the_teams_work():
    v = validator("process.schema.json")
    model = load(ROOT / "examples" / "bijstand-aanvraag-toets.json")
    assert model["schema"] == "artikel1/process/2"
    bad = copy.deepcopy(model)
    bad["steps"][1]["actions"][0]["status"] = "done"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps[1].actions[0].status"]
    bad = copy.deepcopy(model)
    bad["steps"][1]["assumptions"][0]["status"] = "verified"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps[1].assumptions[0].status"]
    bad = copy.deepcopy(model)
    bad["team"]["period"]["end"] = "30-11-2026"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.team.period.end"]
    bad = copy.deepcopy(model)
    del bad["steps"][1]["uses"][0]["justification"]["verdict"]
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps[1].uses[0].justification"]
    # a /1 document may not use what /2 adds
    old = load(ROOT / "examples" / "bijstand-aanvraag.json")
    old["team"] = model["team"]
    assert [e.json_path for e in v.iter_errors(old)] == ["$.team"]
    old = load(ROOT / "examples" / "bijstand-aanvraag.json")
    old["steps"][1]["assumptions"][0]["status"] = "open"
    assert [e.json_path for e in v.iter_errors(old)] == ["$.steps[1].assumptions[0].status"]


def test_knowledge_base_schema_rejects_a_factor_above_one():
    kb = load(ROOT / "data" / "knowledge_base.json")
    kb["measures"][0]["dampens"][0]["factor"] = 1.5
    assert not validator("knowledge-base.schema.json").is_valid(kb)


def test_default_knowledge_base_content():
    kb = load(ROOT / "data" / "knowledge_base.json")
    assert [g["id"] for g in kb["grounds"]] == [
        "religion", "belief", "political_opinion", "race", "sex", "disability", "sexual_orientation", "nationality",
        "age", "chronic_illness", "civil_status"]
    assert len(kb["attribute_kinds"]) >= 20 and len(kb["measures"]) >= 12
    for kind in kb["attribute_kinds"]:
        for ground, weight in kind.get("proxy", {}).items():
            assert weight["rationale"], (kind["id"], ground)


def test_knowledge_base_page_is_in_sync_with_the_json():
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "kb_doc.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_bpmn_annotations_match_their_schema():
    v = validator("bpmn-annotations.schema.json")
    side = load(ROOT / "examples" / "bpmn" / "plain" / "bijstand-aanvraag.annotations.json")
    assert list(v.iter_errors(side)) == []
    bad = copy.deepcopy(side)
    bad["steps"]["intake"]["chanel"] = "phone"
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps.intake"]
    bad = copy.deepcopy(side)
    bad["flows"]["Flow_03"]["probability"] = 1.5
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.flows.Flow_03.probability"]
    bad = copy.deepcopy(side)
    bad["steps"]["intake"]["uses"][0]["justification"] = {}  # the team's work stays in the JSON model
    assert [e.json_path for e in v.iter_errors(bad)] == ["$.steps.intake.uses[0]"]
    bad = copy.deepcopy(side)
    del bad["process"]
    bad["schema"] = "artikel1/bpmn-annotations/2"
    assert sorted(e.json_path for e in v.iter_errors(bad)) == ["$", "$.schema"]
