# SPDX-License-Identifier: EUPL-1.2
"""The command line tool on the field's formats: XES logs (plain and gzip), and logs with their own column names
and delimiter (--case-column, --step-column, --next-column, --outcome-column, --timestamp-column, --delimiter)."""
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
LOGS = ROOT / "tests" / "data" / "logs"
MODEL = LOGS / "model.json"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def table(*args):
    r = run("disparity", MODEL, *args, "--min-cell", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_xes_gives_the_table_of_the_process_mining_csv():
    groups = ["--group", "migration_background=race", "--group", "gender=sex"]
    expected = table(LOGS / "pm.csv", *groups)
    assert table(LOGS / "pm.xes", *groups) == expected
    assert table(LOGS / "pm.xes.gz", *groups) == expected
    # The PM4Py name of a trace attribute works for both formats.
    by_case_name = ["--group", "case:migration_background=race", "--group", "case:gender=sex"]
    assert table(LOGS / "pm.xes", *by_case_name) == table(LOGS / "pm.csv", *by_case_name)
    cell = next(c for c in json.loads(expected)["cells"] if (c["step"], c["group"]) == ("check", "non_western"))
    assert (cell["n"], cell["adverse"]) == (3, 2)
    # Start events carry the same steps in this log: counting them instead gives the same table.
    assert table(LOGS / "pm.xes", *groups, "--lifecycle", "start") == expected
    # Every event: each step twice in a row (start, complete), 14 transitions the model lacks; the passages from a
    # complete event to the next start event are counted as before.
    every = json.loads(table(LOGS / "pm.xes", *groups, "--lifecycle", "all"))
    assert every["cells"] == json.loads(expected)["cells"]
    assert (every["issues"]["rows"], every["issues"]["flow_not_in_model"]) == (28, 14)


def test_xes_errors_name_line_and_column(tmp_path):
    bad = tmp_path / "bad.xes"
    bad.write_text('<?xml version="1.0"?>\n<log>\n  <trace>\n</log>\n')
    r = run("disparity", MODEL, bad, "--group", "gender=sex")
    assert (r.returncode, r.stderr) == (2, f"artikel1: {bad}:4:3: not a well-formed XES document: mismatched tag\n")
    r = run("disparity", MODEL, LOGS / "pm.csv", "--group", "gender=sex", "--lifecycle")
    assert r.stderr == "artikel1: option --lifecycle needs a value (see artikel1 --help)\n"


def test_a_log_with_its_own_column_names_and_delimiter(tmp_path):
    # outcome.csv with Dutch column names and semicolons.
    lines = (LOGS / "outcome.csv").read_text().splitlines()
    dutch = tmp_path / "uitkomsten.csv"
    dutch.write_text("\n".join(["zaak;stap;uitkomst;herkomst;geslacht"] + [l.replace(",", ";") for l in lines[1:]]) + "\n")
    outcomes = ["--outcome", "granted=favourable", "--outcome", "refused=adverse", "--outcome", "investigate=adverse",
                "--outcome", "rework=favourable"]
    expected = table(LOGS / "outcome.csv", "--group", "migration_background=race", *outcomes)
    got = table(dutch, "--group", "herkomst=race", *outcomes, "--case-column", "zaak", "--step-column", "stap",
                "--outcome-column", "uitkomst", "--delimiter", ";")
    assert got == expected
    cell = next(c for c in json.loads(got)["cells"] if (c["step"], c["group"]) == ("check", "non_western"))
    assert (cell["n"], cell["adverse"]) == (3, 2)

    # A next-step column and a timestamp column of other names, tab-separated.
    lines = (LOGS / "plain.csv").read_text().splitlines()
    tabs = tmp_path / "stappen.tsv"
    tabs.write_text("\n".join(["zaak\tstap\tvolgende\ttijdstip\therkomst\tgeslacht"] +
                              [l.replace(",", "\t") for l in lines[1:]]) + "\n")
    expected = table(LOGS / "plain.csv", "--group", "migration_background=race")
    assert table(tabs, "--group", "herkomst=race", "--case-column", "zaak", "--step-column", "stap", "--next-column",
                 "volgende", "--timestamp-column", "tijdstip", "--delimiter", "tab") == expected

    r = run("disparity", MODEL, dutch, "--group", "herkomst=race", "--delimiter", ";;")
    assert r.returncode == 2
    assert r.stderr == ('artikel1: --delimiter needs one character (not a quote or line end) or tab, got ";;" '
                        "(see artikel1 --help)\n")
    r = run("disparity", MODEL, dutch, "--group", "herkomst=race", "--delimiter", ";", "--step-column", "activiteit",
            "--outcome", "granted=favourable")
    assert r.returncode == 2
    assert r.stderr == f'artikel1: {dutch}:1:1: no column "activiteit" (step) in the header (5 columns)\n'


def test_a_bpmn_model_from_a_modelling_tool_is_assessed_as_its_json_twin():
    bpmn = ROOT / "examples" / "bpmn" / "bijstand-aanvraag.bpmn"
    r = run("validate", bpmn)
    assert (r.returncode, r.stdout) == (0, f'{bpmn}: valid process "bijstand-aanvraag" (Aanvraag bijstandsuitkering '
                                           "(Participatiewet)): 10 steps, 13 flows, 10 attributes, 0 warning(s)\n")
    from_bpmn = run("assess", bpmn, "--format", "csv")
    from_json = run("assess", ROOT / "examples" / "bijstand-aanvraag.json", "--format", "csv")
    assert from_bpmn.returncode == 0, from_bpmn.stderr
    assert from_bpmn.stdout == from_json.stdout
    assert "risicoselectie,Selectie voor extra controle (risicoregels),race,43.2,high," in from_bpmn.stdout
    # Every command that takes a MODEL takes the BPMN file: the decision points of disparity are its gateways and
    # the tasks with more than one outgoing flow (intake, documentencheck).
    r = run("disparity", bpmn, LOGS / "pm.csv", "--group", "gender=sex", "--min-cell", "1")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Observed disparity: process bijstand-aanvraag\n  rows 14, passages at decision points 0, "
                               "decision points 5, grounds 1\n")


def test_bpmn_errors(tmp_path):
    bad = tmp_path / "kapot.bpmn"
    bad.write_text('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process>\n')
    r = run("assess", bad)
    assert (r.returncode, r.stderr) == (2, f"artikel1: {bad}:3:1: not a well-formed BPMN file: no element found\n")


def test_convert_writes_the_json_of_a_bpmn_model(tmp_path):
    bpmn = ROOT / "examples" / "bpmn" / "bijstand-aanvraag.bpmn"
    out = tmp_path / "bijstand.json"
    r = run("convert", bpmn, "-o", out)
    assert (r.returncode, r.stderr) == (0, "")
    doc = json.loads(out.read_text())
    assert (doc["schema"], doc["id"], len(doc["steps"]), len(doc["flows"])) == ("artikel1/process/1", "bijstand-aanvraag", 10, 13)
    assert run("assess", out, "--format", "csv").stdout == run("assess", bpmn, "--format", "csv").stdout
    r = run("convert", bpmn)
    assert r.stderr == "artikel1: convert needs -o FILE.json or -o FILE.bpmn (see artikel1 --help)\n"
