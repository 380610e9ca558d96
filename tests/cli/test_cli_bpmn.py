# SPDX-License-Identifier: EUPL-1.2
"""convert -o FILE.bpmn, run as a user runs it: the worked example written back with its own diagram and read back
to the same document, a JSON model laid out without Graphviz (said on stderr), the risk colours, and the errors."""
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
EXAMPLE = ROOT / "examples" / "bpmn" / "bijstand-aanvraag.bpmn"


def run(*args, env=None):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300, env=env)


def test_bpmn_to_bpmn_to_json_gives_the_same_document(tmp_path):
    direct, exported, again = tmp_path / "direct.json", tmp_path / "terug.bpmn", tmp_path / "terug.json"
    assert run("convert", EXAMPLE, "-o", direct).returncode == 0
    r = run("convert", EXAMPLE, "-o", exported)
    assert (r.returncode, r.stderr) == (0, "")
    r = run("convert", exported, "-o", again)
    assert (r.returncode, r.stderr) == (0, "")
    assert again.read_text() == direct.read_text()
    doc = json.loads(direct.read_text())
    assert doc["bpmn"]["flows"][:2] == ["Flow_01", "Flow_02"]
    assert doc["bpmn"]["shapes"]["intake"] == [360, 295, 100, 80]
    assert doc["bpmn"]["edges"]["Flow_01"] == [[236, 165], [298, 165], [298, 335], [360, 335]]
    assert [lane["name"] for lane in doc["bpmn"]["lanes"]] == [
        "Digitaal loket", "Klantmanager Werk en Inkomen", "Team handhaving", "Juridische zaken"]
    text = exported.read_text()
    assert 'xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0"' in text
    assert 'bpmnElement="risicoselectie" isMarkerVisible="true" bioc:stroke="#222222" bioc:fill="#fc8d59"' in text
    # The JSON document written back as BPMN is the same file.
    r = run("convert", direct, "-o", tmp_path / "weer.bpmn")
    assert (r.returncode, (tmp_path / "weer.bpmn").read_text()) == (0, text)
    # The assessment of the export is the model's.
    assert run("assess", exported, "--format", "csv").stdout == run("assess", EXAMPLE, "--format", "csv").stdout


def test_json_model_without_graphviz_is_laid_out_in_layers(tmp_path):
    model = ROOT / "examples" / "bijstand-aanvraag.json"
    without_dot = dict(os.environ, PATH=str(tmp_path))
    out = tmp_path / "zonder-dot.bpmn"
    r = run("convert", model, "-o", out, env=without_dot)
    assert r.returncode == 0
    assert r.stderr == ("artikel1: warning: the diagram is laid out in layers without Graphviz: Graphviz's dot program "
                        "was not found (install graphviz)\n")
    layers = tmp_path / "lagen.bpmn"
    r = run("convert", model, "-o", layers, "--layout", "layers")
    assert (r.returncode, r.stderr) == (0, "")
    assert layers.read_text() == out.read_text()
    back = tmp_path / "terug.json"
    assert run("convert", layers, "-o", back).returncode == 0
    doc, original = json.loads(back.read_text()), json.loads(model.read_text())
    del doc["bpmn"]
    assert doc == original


def test_convert_errors(tmp_path):
    r = run("convert", EXAMPLE, "-o", tmp_path / "x.txt")
    assert (r.returncode, r.stderr) == (2, f"artikel1: convert writes JSON or BPMN: give -o FILE.json or -o FILE.bpmn, got "
                                           f"\"{tmp_path / 'x.txt'}\" (see artikel1 --help)\n")
    r = run("convert", EXAMPLE, "-o", tmp_path / "x.bpmn", "--layout", "circo")
    assert (r.returncode, r.stderr) == (2, "artikel1: unknown layout \"circo\" (graphviz or layers) (see artikel1 --help)\n")
    r = run("convert", EXAMPLE, "-o", tmp_path / "x.json", "--layout", "layers")
    assert (r.returncode, r.stderr) == (2, "artikel1: --layout needs -o FILE.bpmn (see artikel1 --help)\n")
    broken = tmp_path / "kapot.json"
    broken.write_text(json.dumps({"schema": "artikel1/process/1", "id": "p", "name": "p", "steps": [{"id": "a", "kind": "outcome"}],
                                  "bpmn": {"flows": ["f"]}}))
    r = run("convert", broken, "-o", tmp_path / "x.bpmn")
    assert r.returncode == 2
    assert r.stderr == (f"artikel1: {broken}: error /bpmn/flows: names 1 flow ids for 0 flows\n"
                        f"artikel1: {broken}: invalid process model, 1 error(s), 0 warning(s)\n")
