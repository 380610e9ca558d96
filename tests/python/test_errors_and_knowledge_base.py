# SPDX-License-Identifier: EUPL-1.2
"""Every exception type with its message and attributes; the knowledge base read, loaded and extended."""

import pytest

import artikel1


def test_hierarchy():
    for cls in (artikel1.ParseError, artikel1.ValidationError, artikel1.InvalidArgumentError, artikel1.NotFoundError,
                artikel1.LimitError):
        assert issubclass(cls, artikel1.Error) and issubclass(cls, Exception)
    assert issubclass(artikel1.NotFoundError, LookupError)
    assert issubclass(artikel1.ValidationError, ValueError)


def test_parse_error_has_the_position(tmp_path):
    with pytest.raises(artikel1.ParseError) as caught:
        artikel1.Process.from_json('{"schema": 1')
    assert str(caught.value) == "1:13: syntax error while parsing object - unexpected end of input; expected '}'"
    assert (caught.value.line, caught.value.column, caught.value.file) == (1, 13, "")
    path = tmp_path / "bad.json"
    path.write_text('{\n  "id": ,\n}')
    with pytest.raises(artikel1.ParseError) as caught:
        artikel1.load(path)
    error = caught.value
    assert (error.file, error.line, error.column) == (str(path), 2, 9)
    assert error.detail == "syntax error while parsing value - unexpected ','; expected '[', '{', or a literal"
    assert str(error) == f"{path}:2:9: {error.detail}"


def test_validation_error_has_every_problem():
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.load({"schema": "artikel1/process/1", "id": "x", "steps": [{"id": "a", "kind": "bogus"}]})
    error = caught.value
    assert str(error) == '/: missing required member "name" (and 2 more errors)'
    assert [(p.pointer, p.message) for p in error.problems] == [
        ("", 'missing required member "name"'),
        ("/steps/0/kind", 'unknown value "bogus" (expected one of: task, decision, outcome)'),
        ("/steps/0", 'step "a" is a dead end: it has no outgoing flow and is not an outcome'),
    ]


def test_problems_have_a_code_and_a_dutch_message():
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.load({"schema": "artikel1/process/1", "id": "x", "steps": [{"id": "a", "kind": "bogus"}],
                       "flows": [{"from": "a", "to": "b", "probability": 1.5}]})
    problems = caught.value.problems
    assert [(p.code, p.args) for p in problems] == [
        ("missing_member", ("name",)),
        ("unknown_value", ('"bogus"', "task, decision, outcome")),
        ("flow_to_unknown_step", ('"b"',)),
        ("probability_out_of_range", ("1.5",)),
        ("dead_end", ('"a"',)),
    ]
    assert [p.message_in("nl") for p in problems] == [
        'het verplichte onderdeel "name" ontbreekt',
        'onbekende waarde "bogus" (kies uit: "task", "decision", "outcome")',
        'overgang naar onbekende stap "b"',
        "kans 1,5 ligt niet tussen 0 en 1",
        'stap "a" loopt dood: er gaat geen overgang uit en het is geen uitkomst',
    ]
    assert [p.message_in("en") for p in problems] == [p.message for p in problems]
    assert problems[3].message == "probability 1.5 is outside 0..1"
    # a problem made in Python has no code: its message in every language
    by_hand = artikel1.Problem("error", "/a", "written by hand")
    assert (by_hand.code, by_hand.args, by_hand.message_in("nl")) == ("", (), "written by hand")
    with pytest.raises(artikel1.InvalidArgumentError, match='^language must be "en" or "nl", not "de"$'):
        problems[0].message_in("de")


def test_limit_error():
    with pytest.raises(artikel1.LimitError, match="^input nests deeper than 64 levels$"):
        artikel1.Process.from_json("[" * 100 + "]" * 100)


def test_not_found_errors(tmp_path):
    with pytest.raises(artikel1.NotFoundError, match=r'^no built-in example named "nope" \(available: almelo-themacontrole-herontwerp'):
        artikel1.example("nope")
    with pytest.raises(artikel1.NotFoundError, match=f"^no such file: {tmp_path}/missing.json$"):
        artikel1.load(tmp_path / "missing.json")
    with pytest.raises(artikel1.NotFoundError, match="^no such file: /nonexistent/kb.json$"):
        artikel1.KnowledgeBase.from_file("/nonexistent/kb.json")
    with pytest.raises(artikel1.NotFoundError, match='^no ground "caste" in the knowledge base$'):
        artikel1.KnowledgeBase.builtin().ground("caste")


def test_invalid_argument_errors():
    with pytest.raises(artikel1.InvalidArgumentError, match="^source must be a dict, a JSON string or a path, not int$"):
        artikel1.load(42)
    with pytest.raises(artikel1.InvalidArgumentError, match="^text must be a str, not bytes$"):
        artikel1.Process.from_json(b"{}")
    with pytest.raises(artikel1.InvalidArgumentError, match="^document must be a dict, not list$"):
        artikel1.Process.from_dict([])


def test_builtin_knowledge_base_is_readable():
    kb = artikel1.KnowledgeBase.builtin()
    assert kb.id == "artikel1-default"
    assert kb.ground_ids == ["religion", "belief", "political_opinion", "race", "sex", "disability",
                             "sexual_orientation", "nationality", "age", "chronic_illness", "civil_status"]
    race = kb.ground("race")
    assert race.label == {"nl": "ras", "en": "race"} and race.legal_source
    nationality = kb.attribute_kind("nationality")
    assert nationality.proxy["nationality"] == 1.0 and nationality.proxy["race"] == 0.6
    assert nationality.rationales["race"].startswith("Nationality largely follows national origin")
    bias = kb.measure("bias_testing")
    assert bias.label == {"nl": "biastoets", "en": "bias testing"}
    assert bias.dampens[0]["source"] == "proxy" and bias.dampens[0]["factor"] == 0.7
    assert {c.id for c in kb.channels} >= {"in_person", "phone", "paper", "digital"}
    assert kb.levels == ["low", "medium", "high", "very_high"]
    assert kb.method["id"] == kb.method_id
    assert kb.to_dict()["schema"] == "artikel1/knowledge-base/1"
    assert repr(kb).startswith("<KnowledgeBase artikel1-default ")


def test_extend_adds_and_replaces(test_kb, worked, worked_dict):
    extended = test_kb.extend({
        "schema": "artikel1/knowledge-base/1",
        "attribute_kinds": [{"id": "postcode", "label": {"nl": "postcode", "en": "postcode"},
                             "proxy": {"race": {"value": 0.8, "rationale": "a segregated city"}}}],
    })
    assert extended.attribute_kind("postcode").proxy == {"race": 0.8}
    assert test_kb.attribute_kind("postcode").proxy["race"] == 0.5  # the original is unchanged
    proxy = artikel1.assess(worked, extended).score("select", "race").contributions[0]
    assert proxy.source == "proxy" and proxy.value == 0.8


def test_extend_errors(test_kb):
    with pytest.raises(artikel1.ValidationError, match='^/: missing required member "schema"$'):
        test_kb.extend({"grounds": []})
    with pytest.raises(artikel1.ParseError, match="^1:2: "):
        test_kb.extend("{x")


def test_knowledge_base_from_dict_and_json(test_kb):
    again = artikel1.KnowledgeBase.from_dict(test_kb.to_dict())
    assert again.to_dict() == test_kb.to_dict()
    assert artikel1.KnowledgeBase.from_json(test_kb.to_json()).id == "test-kb"
    with pytest.raises(artikel1.ValidationError):
        artikel1.KnowledgeBase.from_dict({"schema": "artikel1/knowledge-base/1"})
