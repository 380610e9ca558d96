# SPDX-License-Identifier: EUPL-1.2
"""A BPMN file with its side file of annotations from Python: artikel1.load(bpmn, annotations=...) and
artikel1.to_bpmn(..., annotations_out=...), the worked example (examples/bpmn/plain/) and the errors."""
import json
import re
import warnings

import pytest

import artikel1


def version_free(text):
    return re.sub(r' exporterVersion="[^"]*"', "", text)


@pytest.fixture(scope="module")
def files(root):
    bpmn = root / "examples" / "bpmn"
    return bpmn / "bijstand-aanvraag.bpmn", bpmn / "plain" / "bijstand-aanvraag.bpmn", bpmn / "plain" / "bijstand-aanvraag.annotations.json"


def test_load_reads_bpmn_with_its_side_file_as_the_annotated_file(files):
    annotated, plain, side = files
    expected = artikel1.load(annotated).to_json()
    assert artikel1.load(plain, annotations=side).to_json() == expected
    assert artikel1.load(str(plain), annotations=str(side)).to_json() == expected
    assert artikel1.load(plain, annotations=json.loads(side.read_text())).to_json() == expected  # the document as a dict
    with pytest.warns(UserWarning) as said:
        bare = artikel1.load(plain)
    assert [str(w.message) for w in said] == [f"{plain} is read without {side} beside it; give annotations={str(side)!r} to use it"]
    assert bare.to_dict().get("attributes") is None
    assert artikel1.assess(artikel1.load(plain, annotations=side)).to_json() == artikel1.assess(artikel1.load(annotated)).to_json()


def test_to_bpmn_writes_the_side_file_and_the_plain_file(files, tmp_path):
    annotated, plain, side = files
    process = artikel1.load(annotated)
    out = tmp_path / "side.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xml = artikel1.to_bpmn(process, artikel1.assess(process), annotations_out=out)
    assert out.read_text() == side.read_text()
    assert version_free(xml) == version_free(plain.read_text())
    assert "a1:" not in xml and "urn:artikel1:bpmn:1" not in xml
    # Round trip: the pair read back and written again gives the same two files.
    written = tmp_path / "plain.bpmn"
    written.write_text(xml)
    again = artikel1.load(written, annotations=out)
    second = tmp_path / "second.json"
    assert artikel1.to_bpmn(again, artikel1.assess(again), annotations_out=second) == xml
    assert second.read_text() == out.read_text()
    # Without annotations_out the export carries the a1: namespace, as before.
    assert 'a1:channel="in_person"' in artikel1.to_bpmn(again)


def test_side_file_errors(files, tmp_path):
    annotated, plain, side = files
    doc = json.loads(side.read_text())
    doc["steps"]["intake"]["chanel"] = "phone"
    doc["steps"]["nergens"] = {}
    with pytest.raises(artikel1.ValidationError) as raised:
        artikel1.load(plain, annotations=doc)
    assert str(raised.value) == ('annotations: /steps/intake/chanel: unknown annotation "chanel" (expected one of: kind, description, '
                                 "channel, discretion, automation, rule_complexity, severity, uses, measures, assumptions, signals) "
                                 "(and 1 more error)")
    assert [(p.pointer, p.code, p.message_in("nl")) for p in raised.value.problems] == [
        ("/steps/intake/chanel", "bpmn_annotation_unknown_key",
         'onbekende annotatie "chanel" (kies uit: "kind", "description", "channel", "discretion", "automation", "rule_complexity", '
         '"severity", "uses", "measures", "assumptions", "signals")'),
        ("/steps/nergens", "bpmn_no_flow_node", 'het BPMN-bestand heeft geen flow node "nergens"')]
    # A wrong value, found when the model is checked, at its place in the side file.
    doc = json.loads(side.read_text())
    doc["steps"]["intake"]["discretion"] = "wide"
    with pytest.raises(artikel1.ValidationError) as raised:
        artikel1.load(plain, annotations=doc)
    assert str(raised.value) == 'annotations: /steps/intake/discretion: unknown value "wide" (expected one of: none, bounded, broad)'
    # A key the BPMN file gives too.
    with pytest.raises(artikel1.ValidationError, match=r"^.*bijstand-aanvraag\.annotations\.json: /attributes: the BPMN file gives "
                                                       r'"attributes" of "bijstand-aanvraag" too, in the a1: namespace: give each '
                                                       r"annotation in one place \(and 52 more errors\)$"):
        artikel1.load(annotated, annotations=side)
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(artikel1.ParseError, match=r"broken\.json:1:2: syntax error while parsing object key - unexpected end of "
                                                  r"input; expected string literal$"):
        artikel1.load(plain, annotations=broken)
    with pytest.raises(artikel1.NotFoundError, match=r"^no such file: .*missing\.json$"):
        artikel1.load(plain, annotations=tmp_path / "missing.json")
    with pytest.raises(artikel1.InvalidArgumentError, match=r"^annotations need a BPMN source \(a path ending in \.bpmn or "
                                                            r"\.bpmn20\.xml\)$"):
        artikel1.load(artikel1.example().to_json(), annotations=side)
    with pytest.raises(artikel1.InvalidArgumentError, match="^annotations must be a dict or a path, not int$"):
        artikel1.load(plain, annotations=3)
    with pytest.raises(artikel1.InvalidArgumentError, match="^annotations_out must be a path, not int$"):
        artikel1.to_bpmn(artikel1.example(), annotations_out=3)
