# SPDX-License-Identifier: EUPL-1.2
"""--annotations and --annotations-out, run as a user runs them: the worked example as a plain BPMN file and its side
file (examples/bpmn/plain/), assessed, validated and converted like the annotated file, written back to the same two
files, and every error with its exact message."""
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
ANNOTATED = ROOT / "examples" / "bpmn" / "bijstand-aanvraag.bpmn"
PLAIN = ROOT / "examples" / "bpmn" / "plain" / "bijstand-aanvraag.bpmn"
SIDE = ROOT / "examples" / "bpmn" / "plain" / "bijstand-aanvraag.annotations.json"
LOG = ROOT / "examples" / "logs" / "bijstand-aanvraag.csv"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def version_free(text):
    """A BPMN file without the version of the artikel1 that wrote it."""
    start = text.index('exporterVersion="')
    return text[:start] + text[text.index('"', start + 17) + 1:]


def side_with(tmp_path, change):
    doc = json.loads(SIDE.read_text())
    change(doc)
    path = tmp_path / "side.json"
    path.write_text(json.dumps(doc))
    return path


def test_the_plain_file_with_its_side_file_is_the_annotated_file(tmp_path):
    for command in (["assess", "--format", "csv"], ["assess", "--format", "json"], ["report", "--format", "md", "--date", "2026-01-01"]):
        with_side = run(*command, PLAIN, "--annotations", SIDE)
        assert (with_side.returncode, with_side.stderr) == (0, "")
        assert with_side.stdout == run(*command, ANNOTATED).stdout
    r = run("validate", PLAIN, "--annotations", SIDE)
    assert (r.returncode, r.stdout) == (0, f"{PLAIN}: valid process \"bijstand-aanvraag\" (Aanvraag bijstandsuitkering "
                                           "(Participatiewet)): 10 steps, 13 flows, 10 attributes, 0 warning(s)\n")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run("convert", PLAIN, "--annotations", SIDE, "-o", a).returncode == 0
    assert run("convert", ANNOTATED, "-o", b).returncode == 0
    assert a.read_text() == b.read_text()
    # disparity and fit take the pair too.
    options = ["--group", "migratieachtergrond=race", "--format", "json"]
    assert run("disparity", PLAIN, LOG, *options, "--annotations", SIDE).stdout == run("disparity", ANNOTATED, LOG, *options).stdout
    options = ["--group", "migratieachtergrond=race"]
    fitted = run("fit", PLAIN, LOG, *options, "--annotations", SIDE)
    assert (fitted.returncode, fitted.stdout) == (0, run("fit", ANNOTATED, LOG, *options).stdout)
    # Without its side file the plain file has none of the method's annotations; the side file named after it is
    # not picked up, but said.
    r = run("convert", PLAIN, "-o", "-")
    bare = json.loads(r.stdout)
    assert "attributes" not in bare and not any(f.get("adverse") for f in bare["flows"])
    assert r.stderr == f"artikel1: warning: {PLAIN} is read without {SIDE} beside it; give --annotations {SIDE} to use it\n"
    r = run("validate", PLAIN)
    assert (r.returncode, r.stderr) == (0, f"artikel1: warning: {PLAIN} is read without {SIDE} beside it; give --annotations {SIDE} to use it\n")


def test_convert_writes_the_plain_file_and_the_side_file_and_reads_them_back(tmp_path):
    plain, side = tmp_path / "plain.bpmn", tmp_path / "plain.annotations.json"
    r = run("convert", ANNOTATED, "-o", plain, "--annotations-out", side)
    assert (r.returncode, r.stderr) == (0, "")
    assert version_free(plain.read_text()) == version_free(PLAIN.read_text())
    assert side.read_text() == SIDE.read_text()
    text = plain.read_text()
    assert "a1:" not in text and "urn:artikel1:bpmn:1" not in text
    assert 'bpmnElement="risicoselectie" isMarkerVisible="true" bioc:stroke="#222222" bioc:fill="#fc8d59"' in text
    # Round trip: the pair read and written again gives the same two files.
    again, again_side = tmp_path / "again.bpmn", tmp_path / "again.annotations.json"
    r = run("convert", plain, "--annotations", side, "-o", again, "--annotations-out", again_side)
    assert (r.returncode, r.stderr) == (0, "")
    assert again.read_text() == plain.read_text()
    assert again_side.read_text() == side.read_text()
    # A JSON model too: its annotations into the side file, the rest into the BPMN file.
    model = ROOT / "examples" / "toeslagen-risicoclassificatie.json"
    out, out_side, back = tmp_path / "t.bpmn", tmp_path / "t.json", tmp_path / "back.json"
    assert run("convert", model, "-o", out, "--annotations-out", out_side, "--layout", "layers").returncode == 0
    assert run("convert", out, "--annotations", out_side, "-o", back).returncode == 0
    doc = json.loads(back.read_text())
    del doc["bpmn"]
    assert doc == json.loads(model.read_text())
    # The annotated BPMN export of the pair is the annotated export of the model.
    x, y = tmp_path / "x.bpmn", tmp_path / "y.bpmn"
    assert run("convert", plain, "--annotations", side, "-o", x).returncode == 0
    assert run("convert", ANNOTATED, "-o", y).returncode == 0
    assert x.read_text() == y.read_text()


def test_side_file_errors(tmp_path):
    bad = side_with(tmp_path, lambda d: (d["steps"]["intake"].update({"chanel": "phone"}), d["steps"].update({"x" * 70: {}}),
                                         d["flows"].update({"intake": {}}), d.update({"colour": "red"})))
    expected = [
        "error /colour: unknown annotation \"colour\" (expected one of: schema, process, steps, flows, organisation, description, "
        "sources, cases_per_year, vulnerability, start, attributes)",
        "error /steps/intake/chanel: unknown annotation \"chanel\" (expected one of: kind, description, channel, discretion, "
        "automation, rule_complexity, severity, uses, measures, assumptions, signals)",
        f"error /steps/{'x' * 60}...: the BPMN file has no flow node \"{'x' * 60}...\"",
        "error /flows/intake: the BPMN file has no sequence flow \"intake\"",
    ]
    r = run("assess", PLAIN, "--annotations", bad)
    assert r.returncode == 2
    assert r.stderr == "".join(f"artikel1: {bad}: {line}\n" for line in expected) + \
        f"artikel1: {bad}: invalid BPMN annotations, 4 error(s), 0 warning(s)\n"
    r = run("validate", PLAIN, "--annotations", bad)
    assert (r.returncode, r.stderr) == (2, "")
    assert r.stdout == "".join(f"{line}\n" for line in expected) + f"{bad}: invalid, 4 error(s), 0 warning(s)\n"
    # In Dutch.
    r = run("validate", PLAIN, "--annotations", bad, "--lang", "nl")
    assert r.stdout.splitlines()[1] == ("fout /steps/intake/chanel: onbekende annotatie \"chanel\" (kies uit: \"kind\", \"description\", "
                                        "\"channel\", \"discretion\", \"automation\", \"rule_complexity\", \"severity\", \"uses\", "
                                        "\"measures\", \"assumptions\", \"signals\")")
    assert r.stdout.splitlines()[-1] == f"{bad}: ongeldig, 4 fout(en), 0 waarschuwing(en)"
    r = run("assess", PLAIN, "--annotations", bad, "--lang", "nl")
    assert r.stderr.splitlines()[-1] == f"artikel1: {bad}: ongeldige BPMN-annotaties, 4 fout(en), 0 waarschuwing(en)"
    # A key that the BPMN file gives itself: no silent precedence.
    r = run("convert", ANNOTATED, "--annotations", SIDE, "-o", tmp_path / "x.json")
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 54  # 5 of the process, 32 of the flow nodes, 16 of the sequence flows, the closing line
    assert lines[0] == (f"artikel1: {SIDE}: error /attributes: the BPMN file gives \"attributes\" of \"bijstand-aanvraag\" too, in "
                        "the a1: namespace: give each annotation in one place")
    assert f"artikel1: {SIDE}: error /flows/Flow_02/probability: the BPMN file gives \"probability\" of \"Flow_02\" too, in the a1: " \
           "namespace: give each annotation in one place" in lines
    assert lines[-1] == f"artikel1: {SIDE}: invalid BPMN annotations, 53 error(s), 0 warning(s)"
    # Another schema, another process, malformed JSON.
    other = side_with(tmp_path, lambda d: d.update({"schema": "artikel1/bpmn-annotations/9", "process": "toeslagen"}))
    r = run("assess", PLAIN, "--annotations", other)
    assert r.stderr == (f"artikel1: {other}: error /schema: unsupported schema \"artikel1/bpmn-annotations/9\" (expected "
                        f"\"artikel1/bpmn-annotations/1\")\n"
                        f"artikel1: {other}: error /process: the BPMN file's process is \"bijstand-aanvraag\", not \"toeslagen\"\n"
                        f"artikel1: {other}: invalid BPMN annotations, 2 error(s), 0 warning(s)\n")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "artikel1/bpmn-annotations/1",\n  "process": }\n')
    r = run("assess", PLAIN, "--annotations", broken)
    assert (r.returncode, r.stderr) == (2, f"artikel1: {broken}:2:14: syntax error while parsing value - unexpected '}}'; "
                                           "expected '[', '{', or a literal\n")
    # A wrong value, found when the model is checked, at its place in the side file.
    wide = side_with(tmp_path, lambda d: (d["steps"]["intake"].update({"discretion": "wide"}),
                                          d["steps"]["intake"]["uses"][0].update({"attribute": "nergens"})))
    r = run("validate", PLAIN, "--annotations", wide)
    assert (r.returncode, r.stdout) == (2, "error /steps/intake/discretion: unknown value \"wide\" (expected one of: none, bounded, broad)\n"
                                           "error /steps/intake/uses/0/attribute: unknown attribute \"nergens\"\n"
                                           f"{wide}: invalid, 2 error(s), 0 warning(s)\n")
    r = run("assess", PLAIN, "--annotations", wide)
    assert r.stderr.splitlines()[0] == (f"artikel1: {wide}: error /steps/intake/discretion: unknown value \"wide\" (expected one of: "
                                        "none, bounded, broad)")


def test_option_errors(tmp_path):
    model = ROOT / "examples" / "bijstand-aanvraag.json"
    message = "artikel1: --annotations needs a BPMN MODEL (.bpmn or .bpmn20.xml), the file it annotates (see artikel1 --help)\n"
    for command in (["assess", model], ["assess"], ["validate", model], ["convert", model, "-o", tmp_path / "x.json"],
                    ["disparity", model, LOG, "--group", "geslacht=sex"], ["fit", model, LOG, "--group", "geslacht=sex"]):
        r = run(*command, "--annotations", SIDE)
        assert (r.returncode, r.stderr) == (2, message), command
    r = run("convert", PLAIN, "--annotations", SIDE, "-o", tmp_path / "x.json", "--annotations-out", tmp_path / "y.json")
    assert (r.returncode, r.stderr) == (2, "artikel1: --annotations-out needs -o FILE.bpmn (see artikel1 --help)\n")
    r = run("convert", PLAIN, "-o", tmp_path / "x.bpmn", "--annotations-out", tmp_path / "x.bpmn")
    assert (r.returncode, r.stderr) == (2, "artikel1: --annotations-out needs a file of its own, not the one of -o (see artikel1 --help)\n")
    r = run("convert", PLAIN, "--annotations", SIDE, "-o", tmp_path / "x.bpmn", "--annotations-out", SIDE)
    assert (r.returncode, r.stderr) == (2, f"artikel1: --annotations-out {SIDE} is an input file; write the output to another file "
                                           "(see artikel1 --help)\n")
    r = run("assess", PLAIN, "--annotations", tmp_path / "missing.json")
    assert (r.returncode, r.stderr) == (2, f"artikel1: cannot open {tmp_path / 'missing.json'}: No such file or directory\n")
