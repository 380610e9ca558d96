# SPDX-License-Identifier: EUPL-1.2
"""The artikel1 command line tool, run as a user runs it: every subcommand, every format, bad arguments and bad
files with their messages and exit codes."""
import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
EXAMPLE = ROOT / "examples" / "bijstand-aanvraag.json"
LOGS = ROOT / "tests" / "data" / "logs"
DATE = "2026-01-15"


def run(*args, stdin=None, env=None):
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("NO_COLOR", None)
    return subprocess.run([CLI, *map(str, args)], input=stdin, capture_output=True, text=True, env=full_env, timeout=300)


def test_no_arguments_prints_usage_and_exits_2():
    r = run()
    assert r.returncode == 2
    assert "usage: artikel1 COMMAND" in r.stderr


def test_help_and_version():
    r = run("--help")
    assert r.returncode == 0 and "disparity MODEL LOG" in r.stdout
    r = run("--version")
    assert r.returncode == 0
    declared = re.search(r"project\(artikel1 VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)
    assert r.stdout.startswith(f"artikel1 {declared} (method artikel1-method/1.1, knowledge base artikel1-default 2026.1)")
    for command in ["assess", "report", "validate", "example", "compare", "disparity"]:
        r = run(command, "--help")
        assert r.returncode == 0, command
        assert r.stdout.startswith("usage: artikel1 ") and ("artikel1 " + command) in r.stdout.split("\n\n")[0], command


def test_unknown_command_and_option():
    r = run("asses")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown command "asses" (see artikel1 --help)\n')
    r = run("assess", "--colour")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown option "--colour" (see artikel1 --help)\n')
    r = run("assess", "--format")
    assert (r.returncode, r.stderr) == (2, "artikel1: option --format needs a value (see artikel1 --help)\n")
    r = run("assess", "--format", "pdf")
    assert r.returncode == 2
    assert r.stderr == 'artikel1: unknown format "pdf" (text, json, csv, md, html, dot) (see artikel1 --help)\n'
    r = run("assess", "--lang", "de")
    assert r.stderr == 'artikel1: unknown language "de" (nl or en) (see artikel1 --help)\n'
    r = run("assess", "--fail-on", "extreme")
    assert r.stderr == 'artikel1: unknown level "extreme" (low, medium, high, very_high) (see artikel1 --help)\n'
    r = run("assess", "a.json", "b.json")
    assert r.stderr == "artikel1: assess takes at most one MODEL (see artikel1 --help)\n"


def test_assess_without_model_reports_the_builtin_example():
    r = run("assess", "--date", DATE)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("Risk scan for the discrimination test: Aanvraag bijstandsuitkering (Participatiewet) (bijstand-aanvraag)\n")
    assert "Method: artikel1-method/1.1, Knowledge base: artikel1-default 2026.1, Date: 2026-01-15" in out
    assert "Summary per ground" in out and "Top risks" in out and "Gatekeepers" in out and "Draft action plan" in out
    assert "  race                  74.3    very high   intake                  12 000\n" in out
    assert "\033[" not in out  # no colour when piped


def test_assess_text_in_dutch_and_with_colour():
    r = run("assess", EXAMPLE, "--lang", "nl", "--date", DATE, "--color")
    assert r.returncode == 0
    assert "Samenvatting per discriminatiegrond" in r.stdout
    assert "ras" in r.stdout and "hoog" in r.stdout
    assert "\033[1;31m" in r.stdout


def test_assess_json_validates_against_its_schema():
    r = run("assess", EXAMPLE, "--format", "json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    schema = json.loads((ROOT / "schema" / "assessment.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema)
    assert doc["schema"] == "artikel1/assessment/1"
    assert doc["method"] == "artikel1-method/1.1"
    for name in ["duo-uitwonendenbeurs", "toeslagen-risicoclassificatie", "bijstand-heronderzoek"]:
        r = run("assess", ROOT / "examples" / f"{name}.json", "--format", "json")
        jsonschema.validate(json.loads(r.stdout), schema)


def test_assess_csv_has_a_row_per_step_and_ground():
    r = run("assess", EXAMPLE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 10 * 11  # steps x grounds
    assert list(rows[0]) == ["step", "step_name", "ground", "score", "level", "likelihood", "impact", "top_source",
                             "top_value", "top_detail", "robust_low", "robust_high", "level_holds"]
    intake_race = next(row for row in rows if row["step"] == "intake" and row["ground"] == "race")
    assert (intake_race["score"], intake_race["level"]) == ("74.3", "very_high")
    assert (intake_race["robust_low"], intake_race["robust_high"], intake_race["level_holds"]) == ("22.8", "97.2", "false")
    assert intake_race["top_source"] == "discretion"


def test_assess_markdown_and_dot():
    r = run("assess", EXAMPLE, "--format", "md", "--date", DATE)
    assert r.stdout.startswith("# Risk scan for the discrimination test: Aanvraag bijstandsuitkering (Participatiewet)\n")
    assert "| Step | Measure | Expected effect | Owner | Due date |" in r.stdout
    r = run("assess", EXAMPLE, "--format", "dot")
    assert r.stdout.startswith('digraph "bijstand-aanvraag" {')
    assert '"risicoselectie" -> "huisbezoek"' in r.stdout
    # legible type, and outcomes in the colour of their severity (not a level colour), labelled with it
    assert sorted(set(re.findall(r"fontsize=(\d+)", r.stdout))) == ["12"]
    assert ('"afwijzing" [label="Afwijzing of buitenbehandelingstelling\\nseverity: high", shape=ellipse, '
            'fillcolor="#9e9ac8", tooltip="afwijzing"];') in r.stdout
    assert '"toekenning" [label="Toekenning bijstand\\nseverity: none", shape=ellipse, fillcolor="#f0f0f0"' in r.stdout
    assert r.stdout.rstrip().endswith("}")


def test_report_writes_a_self_contained_html_file(tmp_path):
    out = tmp_path / "report.html"
    r = run("report", EXAMPLE, "-o", out, "--date", DATE, "--lang", "nl")
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert '<svg id="heatmap"' in html
    assert 'id="graph"' in html and "<svg" in html.split('id="graph"')[1]
    assert 'id="plan"' in html and "Eigenaar" in html
    assert "artikel1-method/1.1" in html and DATE in html
    # one inline script, which opens every section before printing; nothing is loaded from elsewhere
    assert html.count("<script") == 1 and ('<script>addEventListener("beforeprint",function(){document.querySelectorAll('
                                           '"details").forEach(function(d){d.open=true})})</script>') in html
    for external in ["http://", "https://", "<script src", "<link", "src="]:
        assert external not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            'xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace('"-//W3C', ""), external


def test_outputs_are_byte_identical_across_runs(tmp_path):
    for fmt in ["json", "csv", "html", "md", "text", "dot"]:
        first = run("assess", EXAMPLE, "--format", fmt, "--date", DATE).stdout
        second = run("assess", EXAMPLE, "--format", fmt, "--date", DATE).stdout
        assert first == second, fmt


def test_fail_on_gives_exit_code_1_for_pipelines():
    assert run("assess", EXAMPLE, "--fail-on", "high", "--format", "json").returncode == 1
    assert run("assess", EXAMPLE, "--fail-on", "very_high", "--format", "json").returncode == 1  # 74.3 since method 1.1
    redesign = ROOT / "examples" / "duo-uitwonendenbeurs-herontwerp.json"  # race 28.9, medium
    assert run("assess", redesign, "--fail-on", "high", "--format", "json").returncode == 0


def test_assess_reads_stdin_and_writes_a_file(tmp_path):
    out = tmp_path / "a.json"
    r = run("assess", "-", "--format", "json", "-o", out, stdin=EXAMPLE.read_text())
    assert r.returncode == 0 and r.stdout == ""
    assert json.loads(out.read_text())["process"]["id"] == "bijstand-aanvraag"
    r = run("assess", EXAMPLE, "-o", tmp_path / "no" / "such" / "dir.txt")
    assert r.returncode == 2
    assert r.stderr == f"artikel1: cannot write {tmp_path}/no/such/dir.txt: No such file or directory\n"


def test_bad_model_files(tmp_path):
    r = run("assess", tmp_path / "missing.json")
    assert (r.returncode, r.stderr) == (2, f"artikel1: cannot open {tmp_path}/missing.json: No such file or directory\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "artikel1/process/1",\n "id": }')
    r = run("assess", bad)
    assert r.returncode == 2
    assert f"{bad}: error at line 2, column 8 /: syntax error while parsing value" in r.stderr
    invalid = json.loads(EXAMPLE.read_text())
    invalid["flows"][0]["to"] = "nowhere"
    invalid["steps"][1]["discretion"] = "wide"
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(invalid))
    r = run("assess", path)
    assert r.returncode == 2
    assert f'{path}: error /steps/1/discretion: unknown value "wide" (expected one of: none, bounded, broad)' in r.stderr
    assert f'{path}: error /flows/0/to: flow to unknown step "nowhere"' in r.stderr
    assert r.stderr.endswith(f"artikel1: {path}: invalid process model, 3 error(s), 9 warning(s)\n")
    assert all(line.startswith(f"artikel1: {path}: ") for line in r.stderr.splitlines())
    r = run("assess", tmp_path)
    assert (r.returncode, r.stderr) == (2, f"artikel1: cannot read {tmp_path}: it is a directory\n")
    r = run("assess", "-", stdin="")
    assert r.stderr == ("artikel1: -: error at line 1, column 1 /: syntax error while parsing value - unexpected end of "
                        "input; expected '[', '{', or a literal\nartikel1: -: invalid process model, 1 error(s), 0 warning(s)\n")


def test_validate(tmp_path):
    r = run("validate", EXAMPLE)
    assert r.returncode == 0
    assert r.stdout == (f'{EXAMPLE}: valid process "bijstand-aanvraag" (Aanvraag bijstandsuitkering (Participatiewet)): '
                        "10 steps, 13 flows, 10 attributes, 0 warning(s)\n")
    invalid = json.loads(EXAMPLE.read_text())
    del invalid["steps"][0]["kind"]
    invalid["steps"].append({"id": "orphan", "kind": "outcome"})
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(invalid))
    r = run("validate", path)
    assert r.returncode == 2
    assert 'error /steps/0: missing required member "kind"' in r.stdout
    assert "warning /steps/10: step \"orphan\" is unreachable from the start \"melding\"" in r.stdout
    assert r.stdout.endswith(f"{path}: invalid, 1 error(s), 1 warning(s)\n")
    r = run("validate")
    assert (r.returncode, r.stderr) == (2, "artikel1: validate needs one MODEL (see artikel1 --help)\n")


def test_example_lists_and_prints():
    r = run("example")
    assert r.returncode == 0
    names = [line.split()[0] for line in r.stdout.splitlines()]
    assert names == sorted(p.stem for p in (ROOT / "examples").glob("*.json"))
    assert "(default)" in r.stdout
    r = run("example", "duo-uitwonendenbeurs")
    assert r.stdout == (ROOT / "examples" / "duo-uitwonendenbeurs.json").read_text()
    r = run("example", "nope")
    assert r.returncode == 2
    assert r.stderr.startswith('artikel1: no built-in example named "nope" (available: almelo-themacontrole-herontwerp, ')


def test_compare_models_and_saved_assessments(tmp_path):
    old, new = ROOT / "examples" / "duo-uitwonendenbeurs.json", ROOT / "examples" / "duo-uitwonendenbeurs-herontwerp.json"
    r = run("compare", old, new)
    assert r.returncode == 0
    assert r.stdout.startswith("Comparison of two rounds: Controle uitwonendenbeurs (DUO, 2012-2023) (duo-uitwonendenbeurs) -> "
                               "Controle uitwonendenbeurs, herontwerp met aselecte steekproef (duo-uitwonendenbeurs-herontwerp)\n"
                               "Method: artikel1-method/1.1 -> artikel1-method/1.1\n")
    assert "  down        Huisbezoek door controleurs (adres, buren, spullen) (huisbezoek) / race: 55.3 high -> " in r.stdout
    saved_old, saved_new = tmp_path / "old.json", tmp_path / "new.json"
    assert run("assess", old, "--format", "json", "-o", saved_old).returncode == 0
    assert run("assess", new, "--format", "json", "-o", saved_new).returncode == 0
    r2 = run("compare", saved_old, saved_new, "--format", "json")
    assert r2.returncode == 0, r2.stderr
    doc = json.loads(r2.stdout)
    assert doc["schema"] == "artikel1/comparison/1"
    assert doc["before"] == {"process": "duo-uitwonendenbeurs", "method": "artikel1-method/1.1",
                             "name": "Controle uitwonendenbeurs (DUO, 2012-2023)"}
    assert doc["after"]["process"] == "duo-uitwonendenbeurs-herontwerp"
    assert doc["counts"]["up"] == 0 and doc["counts"]["down"] > 0
    assert sum(doc["counts"].values()) == len(doc["changes"]) + doc["counts"]["unchanged"]
    # a saved assessment and a model are told apart by their "schema" and give the same comparison
    r3 = run("compare", saved_old, new, "--format", "json")
    assert r3.stdout == r2.stdout
    r = run("compare", old, old)
    assert r.stdout.splitlines()[2] == "up 0, down 0, appeared 0, disappeared 0, unchanged 110"
    r = run("compare", old)
    assert (r.returncode, r.stderr) == (2, "artikel1: compare needs OLD and NEW (see artikel1 --help)\n")


def test_disparity_on_a_log():
    model = LOGS / "model.json"
    r = run("disparity", model, LOGS / "plain.csv", "--group", "migration_background=race", "--group", "gender=sex",
            "--min-cell", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "artikel1/disparity/1"
    assert doc["min_cell"] == 1
    cell = next(c for c in doc["cells"] if c["step"] == "check" and c["ground"] == "race" and c["group"] == "non_western")
    assert cell["n"] == 3 and cell["adverse"] == 2
    assert "structural_links" in doc
    r = run("disparity", model, LOGS / "plain.csv", "--group", "migration_background=race")
    assert r.returncode == 0
    assert '"n":' not in r.stdout and "suppressed" in r.stdout  # default min_cell 10 hides the tiny groups
    r = run("disparity", model, LOGS / "plain.csv", "--group", "migration_background=race", "--format", "csv")
    assert r.stdout.startswith("step,ground,group,suppressed,")


def test_disparity_errors(tmp_path):
    model = LOGS / "model.json"
    r = run("disparity", model, LOGS / "plain.csv")
    assert (r.returncode, r.stderr) == (2, "artikel1: no grounds to analyse: give at least one COLUMN=GROUND\n")
    r = run("disparity", model, LOGS / "plain.csv", "--group", "gender")
    assert r.returncode == 2
    assert r.stderr == ('artikel1: expected COLUMN=GROUND (e.g. migration_background=race), got "gender" '
                        "(see artikel1 --help)\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("case_id,step,next_step,migration_background\nc1,intake,check,none\nc1,check\n")
    r = run("disparity", model, bad, "--group", "migration_background=race")
    assert r.returncode == 2
    assert r.stderr == f"artikel1: {bad}:3:9: expected 4 fields (as in the header), found 2\n"
    r = run("disparity", model, tmp_path / "none.csv", "--group", "migration_background=race")
    assert r.returncode == 2 and "none.csv" in r.stderr
    r = run("disparity", model, LOGS / "plain.csv", "--group", "migration_background=race", "--min-cell", "ten")
    assert r.stderr == 'artikel1: --min-cell needs a whole number, got "ten" (see artikel1 --help)\n'


def console_messages(chromium_log):
    """The page's console messages in Chromium's log: lines like `[...:INFO:CONSOLE:1] "Uncaught ...", source: ...`
    (older versions write `CONSOLE(1)`)."""
    return [line for line in chromium_log.splitlines() if re.search(r":CONSOLE[(:]\d", line) or "Uncaught" in line]


def screenshot(html, png):
    """Renders `html` in headless Chromium to `png`; returns Chromium's log (stderr)."""
    args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,3000",
            "--enable-logging=stderr", "--v=0", f"--screenshot={png}", f"file://{html}"]
    return subprocess.run(args, capture_output=True, text=True, timeout=180).stderr


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_html_report_renders_in_headless_chromium(tmp_path):
    # first, that a console error would be seen at all
    broken = tmp_path / "broken.html"
    broken.write_text('<html><body><script>console.error("boom"); no_such_function();</script></body></html>')
    seen = console_messages(screenshot(broken, tmp_path / "broken.png"))
    assert any('"boom"' in line for line in seen) and any("Uncaught ReferenceError" in line for line in seen), seen
    html = tmp_path / "report.html"
    assert run("report", "--date", DATE, "-o", html).returncode == 0
    png = tmp_path / "report.png"
    log = screenshot(html, png)
    assert png.exists() and png.stat().st_size > 20000, log[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert console_messages(log) == []
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", f"file://{html}"],
                         capture_output=True, text=True, timeout=180).stdout
    assert '<svg id="heatmap"' in dom
    assert dom.count('class="cell"') == 10 * 11
    assert 'class="node"' in dom  # Graphviz nodes of the process graph
    target = os.environ.get("ARTIKEL1_SCREENSHOT")
    if target:
        shutil.copy(png, target)


FORMATS = ["text", "json", "csv", "md", "html", "dot"]


def example_names():
    return [line.split()[0] for line in run("example").stdout.splitlines()]


def test_every_example_in_every_format():
    schema = json.loads((ROOT / "schema" / "assessment.schema.json").read_text())
    names = example_names()
    assert "bijstand-aanvraag" in names and len(names) >= 7
    for name in names:
        model = json.loads(run("example", name).stdout)
        steps = len(model["steps"])
        for fmt in FORMATS:
            r = run("assess", "-", "--format", fmt, "--date", DATE, stdin=json.dumps(model))
            assert (r.returncode, r.stderr) == (0, ""), (name, fmt)
            if fmt == "json":
                doc = json.loads(r.stdout)
                jsonschema.validate(doc, schema)
                assert doc["process"]["id"] == name and len(doc["steps"]) == steps
            elif fmt == "csv":
                assert len(r.stdout.splitlines()) == 1 + steps * 11, name
            elif fmt == "html":
                assert r.stdout.count('class="cell"') == steps * 11 and r.stdout.count('class="node"') == steps, name
            elif fmt == "dot":
                assert r.stdout.count(" -> ") == len(model["flows"]), name
            else:
                assert model["name"].split(" (")[0] in r.stdout, (name, fmt)


def worked_example():
    """docs/method.md's worked example (tests/data/worked-example.json) with the test knowledge base
    (algorithmic-selection source off): race at `select` scores 32.7, medium."""
    data = ROOT / "tests" / "data"
    return data / "worked-example.json", ["--kb", data / "test_kb.json", "--kb-extend", data / "no-algorithmic-selection.json"]


def test_worked_example_values_through_the_command_line(tmp_path):
    model, kb = worked_example()
    r = run("assess", model, *kb, "--format", "csv")
    assert r.returncode == 0, r.stderr
    row = next(row for row in csv.DictReader(io.StringIO(r.stdout)) if row["step"] == "select" and row["ground"] == "race")
    assert (row["score"], row["level"], row["likelihood"], row["impact"]) == ("32.7", "medium", "0.5950", "0.5500")
    assert (row["top_source"], row["top_value"]) == ("proxy", "0.5000")
    text = run("assess", model, *kb, "--date", DATE).stdout
    assert "  1. 32.7 medium  select / race\n" in text  # a step without a name shows its id once
    assert ("     likelihood 0.595 x impact 0.55 = severity severe 1 (sanction) x (base 0.5 + weight 0.5 x probability 0.1, "
            "on the adverse branch, taken by 10%)\n") in text
    assert ("     - proxy attribute: postcode (selection_criterion, algorithmic, kind postcode), strength postcode 0.5 x role "
            "selection_criterion 1 x automation algorithmic 1 = 0.50\n") in text
    assert "     - complaints and signals: 2 signals, 1 - (1 - complaint 0.1)^2 = 0.19\n" in text
    assert "     Robustness: medium, could be low to very high (range 7.5 - 69.6, every weight +-25%)" in text
    assert "  select guards: investigate, sanction\n" in text
    assert "  select\n    1. random sampling (aimed at: proxy attribute): race 32.7 medium -> 14.9 low\n" in text
    assert "    2. complaint follow-up (aimed at: complaints and signals): race 32.7 medium -> 30.1 medium\n" in text
    assert run("assess", model, *kb, "--fail-on", "medium", "--format", "csv").returncode == 1
    assert run("assess", model, *kb, "--fail-on", "high", "--format", "csv").returncode == 0


def test_date_option_and_source_date_epoch():
    for bad in ["15-01-2026", "2026-1-5", "today"]:
        r = run("assess", "--date", bad)
        assert (r.returncode, r.stderr) == (2, f'artikel1: --date needs a date as YYYY-MM-DD, got "{bad}" (see artikel1 --help)\n')
    for bad in ["2026-13-01", "2026-01-32"]:
        r = run("assess", "--date", bad)
        assert (r.returncode, r.stderr) == (2, f'artikel1: --date "{bad}" is not a date of the calendar (see artikel1 --help)\n')
    r = run("assess", "--format", "md", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert "- Date: 2026-01-01\n" in r.stdout
    r = run("assess", "--format", "md", "--date", DATE, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert "- Date: 2026-01-15\n" in r.stdout  # --date wins
    r = run("assess", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert (r.returncode, r.stderr) == (2, 'artikel1: SOURCE_DATE_EPOCH must be a number of seconds, got "yesterday" '
                                           "(see artikel1 --help)\n")


def run_on_a_terminal(*args, env=None, stream="stdout"):
    """Runs the CLI with standard output (or standard error) on a pseudo-terminal, as in an interactive shell."""
    import pty
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    leader, follower = pty.openpty()
    streams = {"stdout": follower, "stderr": subprocess.DEVNULL} if stream == "stdout" else \
        {"stdout": subprocess.DEVNULL, "stderr": follower}
    process = subprocess.Popen([CLI, *map(str, args)], env=full_env, **streams)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=60)
    return process.returncode, b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color():
    code, out = run_on_a_terminal("assess", "--date", DATE)
    assert code == 0 and "\033[1;31m" in out and "\033[0m" in out
    code, out = run_on_a_terminal("assess", "--date", DATE, env={"NO_COLOR": "1"})
    assert code == 0 and "\033[" not in out and "Summary per ground" in out
    code, out = run_on_a_terminal("assess", "--date", DATE, "--no-color")
    assert "\033[" not in out
    assert "\033[" not in run("assess", "--color", "--format", "csv").stdout  # colour is for the text report only


def test_html_without_graphviz_says_why_the_graph_is_missing(tmp_path):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    r = run("report", "--date", DATE, env={"PATH": str(empty_path)})
    assert r.returncode == 0
    assert r.stderr == ("artikel1: warning: the report has no process graph: Graphviz's dot program was not found "
                        "(install graphviz)\n")
    assert '<svg id="heatmap"' in r.stdout and 'class="node"' not in r.stdout
    assert "The process graph needs Graphviz (the dot program)" in r.stdout
    r = run("report", "--date", DATE, "--lang", "nl", env={"PATH": str(empty_path)})
    assert "De procesgraaf vraagt Graphviz (het programma dot)" in r.stdout


def test_report_defaults_to_html_and_accepts_other_formats():
    r = run("report", "--date", DATE)
    assert r.returncode == 0 and r.stdout.startswith("<!DOCTYPE html>") and r.stderr == ""
    assert r.stdout == run("assess", "--format", "html", "--date", DATE).stdout
    r = run("report", "--format", "markdown", "--date", DATE)
    assert r.stdout == run("assess", "--format", "md", "--date", DATE).stdout


def test_html_report_content_in_both_languages():
    en = run("report", "--date", DATE).stdout
    nl = run("report", "--date", DATE, "--lang", "nl").stdout
    assert '<html lang="en">' in en and '<html lang="nl">' in nl
    for words in [["Summary per ground", "Draft action plan", "Owner", "Due date", "Explanation per step", "race"],
                  ["Samenvatting per discriminatiegrond", "Concept-actieplan", "Eigenaar", "Datum gereed",
                   "Toelichting per stap", "ras"]]:
        page = en if words[0] == "Summary per ground" else nl
        for word in words:
            assert word in page, word
    plan = en.split('<table id="plan">')[1].split("</table>")[0]
    rows = plan.count("<tr>") - 1
    assert rows >= 1
    fill = '<td class="fill" contenteditable="true" data-placeholder="to fill in"></td>'
    assert plan.count(fill + fill + "</tr>") == rows  # owner and date left to fill in, on the page
    assert "<td>Intakegesprek met de klantmanager <small>(<code>intake</code>)</small></td>" in plan  # names, not ids
    assert en.count("<details") == 10  # one explanation per step


def test_top_option_and_example_to_a_file(tmp_path):
    text = run("assess", "--top", "2", "--date", DATE).stdout
    assert "\n  2. " in text and "\n  3. " not in text  # the plan's entries are indented further
    r = run("assess", "--top", "many")
    assert r.stderr == 'artikel1: --top needs a whole number, got "many" (see artikel1 --help)\n'
    out = tmp_path / "model.json"
    assert run("example", "bijstand-aanvraag", "-o", out).returncode == 0
    assert out.read_text() == EXAMPLE.read_text()
    r = run("example", "a", "b")
    assert (r.returncode, r.stderr) == (2, "artikel1: example takes at most one NAME (see artikel1 --help)\n")


def test_bad_knowledge_base_files(tmp_path):
    r = run("assess", "--kb", tmp_path / "none.json")
    assert (r.returncode, r.stderr) == (2, f"artikel1: cannot open {tmp_path}/none.json: No such file or directory\n")
    bad = tmp_path / "kb.json"
    bad.write_text("{\n")
    r = run("assess", "--kb", bad)
    assert r.returncode == 2
    assert r.stderr.startswith(f"artikel1: {bad}:2:1: syntax error")
    r = run("validate", EXAMPLE, "--kb", ROOT / "tests" / "data" / "test_kb.json")
    assert r.returncode == 2 and 'unknown attribute kind' in r.stdout


def test_invalid_knowledge_bases_and_saved_assessments_list_their_problems(tmp_path):
    kb = tmp_path / "kb.json"
    kb.write_text('{"schema": "artikel1/knowledge-base/1", "grounds": [{"id": 1}]}')
    r = run("assess", "--kb", kb)
    assert r.returncode == 2
    assert f"artikel1: {kb}: error /grounds/0/id: expected a string, found a number\n" in r.stderr
    assert r.stderr.endswith(f"artikel1: {kb}: invalid knowledge base, 7 error(s), 0 warning(s)\n")
    r = run("assess", "--kb-extend", kb)
    assert r.stderr == (f'artikel1: {kb}: error /grounds/0: expected an object with a string "id"\n'
                        f"artikel1: {kb}: invalid knowledge base extension, 1 error(s), 0 warning(s)\n")
    # the built-in example with a knowledge base that lacks its grounds and attribute kinds
    r = run("assess", "--kb", ROOT / "tests" / "data" / "test_kb.json")
    assert r.returncode == 2
    assert 'artikel1: built-in example bijstand-aanvraag: error /steps/4/assumptions/0/grounds/0: unknown ground "sex"' \
        in r.stderr
    assert r.stderr.endswith("artikel1: built-in example bijstand-aanvraag: invalid process model, 9 error(s), "
                             "0 warning(s)\n")
    saved = tmp_path / "saved.json"
    saved.write_text('{"schema": "artikel1/assessment/1"}')
    r = run("compare", saved, EXAMPLE)
    assert r.returncode == 2
    assert f'artikel1: {saved}: error /: missing required member "steps"\n' in r.stderr
    assert r.stderr.endswith(f"artikel1: {saved}: invalid assessment, 5 error(s), 0 warning(s)\n")


def test_validate_reads_standard_input_and_rejects_options():
    r = run("validate", "-", stdin=EXAMPLE.read_text())
    assert r.returncode == 0 and r.stdout.startswith('-: valid process "bijstand-aanvraag"')
    r = run("validate", "-", stdin="[1, 2]")
    assert r.returncode == 2 and r.stdout.endswith("-: invalid, 1 error(s), 0 warning(s)\n")
    r = run("validate", EXAMPLE, "--format", "json")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown option "--format" (see artikel1 --help)\n')


def planted_log(path, adverse_rate):
    """An event log over the worked example: per group (adverse rate, cases), `select` sends a share to `investigate`."""
    import random
    rng = random.Random(7)
    with open(path, "w") as f:
        f.write("case_id,step,next_step,migration_background\n")
        for group, (rate, cases) in adverse_rate.items():
            for i in range(cases):
                case = f"{group}-{i}"
                f.write(f"{case},apply,select,{group}\n")
                if rng.random() < rate:
                    end = "sanction" if rng.random() < 0.1 else "close"
                    f.write(f"{case},select,investigate,{group}\n{case},investigate,{end},{group}\n{case},{end},,{group}\n")
                else:
                    f.write(f"{case},select,close,{group}\n{case},close,,{group}\n")


def test_disparity_flags_a_planted_disparity_beside_the_structural_score(tmp_path):
    model, kb = worked_example()
    log = tmp_path / "log.csv"
    planted_log(log, {"none": (0.10, 800), "western": (0.11, 300), "non_western": (0.40, 300)})
    args = ["disparity", model, log, "--group", "migration_background=race", *kb]
    r = run(*args)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no progress when stderr is not a terminal
    link = next(line for line in r.stdout.splitlines() if line.startswith("  select / race / non_western: ratio "))
    assert link.endswith(", q < 0.0001; structural race 32.7 medium")
    doc = json.loads(run(*args, "--format", "json").stdout)
    links = doc["structural_links"]
    assert [(l["step"], l["ground"], l["group"]) for l in links] == [("select", "race", "non_western")]
    assert run(*args, "--fail-on-flag").returncode == 1
    planted_log(log, {"none": (0.10, 800), "non_western": (0.10, 300)})
    assert run(*args, "--fail-on-flag").returncode == 0
    for fmt in ["json", "csv", "text"]:
        assert run(*args, "--format", fmt).stdout == run(*args, "--format", fmt).stdout, fmt


def test_disparity_with_a_case_table_and_strata():
    r = run("disparity", LOGS / "model.json", LOGS / "events_only.csv", "--cases", LOGS / "cases.csv",
            "--group", "migration_background=race", "--strata", "municipality", "--min-cell", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["min_cell"] == 1
    assert {c["group"] for c in doc["cells"] if c["step"] == "check"} == {"none", "non_western"}
    r = run("disparity", LOGS / "model.json", LOGS / "events_only.csv", "--group", "migration_background=race",
            "--strata", "municipality", "--format", "pdf")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown format "pdf" (text, json, csv, md) (see artikel1 --help)\n')


def test_the_schema_rejects_what_the_assessment_never_writes():
    schema = json.loads((ROOT / "schema" / "assessment.schema.json").read_text())
    doc = json.loads(run("assess", "--format", "json").stdout)
    jsonschema.validate(doc, schema)
    for breaks in [lambda d: d.update(extra=1), lambda d: d.pop("steps"), lambda d: d.update(schema="artikel1/assessment/2"),
                   lambda d: d["steps"][0]["scores"][0].update(score=150.0)]:
        broken = json.loads(json.dumps(doc))
        breaks(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_long_step_names_are_shown_in_full_in_the_heatmap(tmp_path):
    model = json.loads(EXAMPLE.read_text())
    model["steps"][1]["name"] = "Intake" + "é" * 60
    path = tmp_path / "long.json"
    path.write_text(json.dumps(model, ensure_ascii=False))
    r = subprocess.run([CLI, "assess", str(path), "--format", "html", "--date", DATE], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    html = r.stdout.decode("utf-8")
    heatmap = html.split('<svg id="heatmap"')[1].split("</svg>")[0]
    assert ">Intake" + "é" * 60 + "</text>" in heatmap  # never cut
    # the column of names is as wide as the name: 66 characters x 7 px + 34 = 496 px, right-aligned at 488
    assert '<text x="488" y=' in heatmap and 'font-size="12"' in heatmap.split(">")[0]


def test_progress_of_a_log_read_only_when_stderr_is_a_terminal(tmp_path):
    model, kb = worked_example()
    log = tmp_path / "log.csv"
    planted_log(log, {"none": (0.10, 800), "non_western": (0.40, 300)})
    args = ["disparity", model, log, "--group", "migration_background=race", *kb]
    code, err = run_on_a_terminal(*args, stream="stderr")
    assert code == 0
    assert f"artikel1: reading {log} ... 0 s" in err
    events = sum(1 for _ in open(log)) - 1
    assert f"\r\033[Kartikel1: {events} events (" in err and " MB) read with 1 thread(s) in " in err
    assert run(*args).stderr == ""
    code, err = run_on_a_terminal("disparity", model, tmp_path / "none.csv", "--group", "migration_background=race",
                                  *kb, stream="stderr")
    assert code == 2 and err.endswith(f"\r\033[Kartikel1: cannot open {tmp_path}/none.csv: No such file or directory\r\n")


def test_the_format_follows_the_extension_of_the_output_file(tmp_path):
    expected = {"rapport.html": "<!DOCTYPE html>", "scores.CSV": "step,step_name,ground,", "a.json": "{",
                "a.md": "# Risk scan for the discrimination test", "graph.gv": 'digraph "bijstand-aanvraag"',
                "a.txt": "Risk scan for the discrimination test: ", "no-extension": "Risk scan for the discrimination test: "}
    for name, start in expected.items():
        out = tmp_path / name
        r = run("assess", "--date", DATE, "-o", out)
        assert (r.returncode, r.stdout) == (0, ""), name
        assert out.read_text().startswith(start), name
    out = tmp_path / "forced.json"
    run("assess", "--format", "csv", "-o", out)  # --format wins
    assert out.read_text().startswith("step,step_name,ground,")
    out = tmp_path / "rapport.md"
    run("report", "--date", DATE, "-o", out)  # report: html unless the file says otherwise
    assert out.read_text() == run("assess", "--format", "md", "--date", DATE).stdout
    r = run("compare", EXAMPLE, EXAMPLE, "--lang", "nl")  # compare speaks Dutch too (tests/cli/test_cli_compare.py)
    assert (r.returncode, r.stdout.splitlines()[2]) == (0, "omhoog 0, omlaag 0, nieuw 0, verdwenen 0, gelijk 110")


@pytest.mark.parametrize("args, message", [
    (["assess", "--no-color=1"], "option --no-color takes no value (see artikel1 --help)"),
    (["compare", "a", "b", "--format", "csv"], 'unknown format "csv" (text, json, md, html) (see artikel1 --help)'),
    (["disparity", "MODEL"], "disparity needs MODEL and LOG (or MODEL and --counts FILE) (see artikel1 --help)"),
    (["disparity", "LOG_MODEL", "LOG", "--threads", "0"], "--threads must be between 1 and 256 (see artikel1 --help)"),
    (["disparity", "LOG_MODEL", "LOG", "--threads", "x"], '--threads needs a whole number, got "x" (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--min-cell", "-3"], '--min-cell needs a whole number, got "-3" (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--intersection", "race"], 'expected GROUND+GROUND, got "race" (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--intersection", "race+sex"], 'intersection names ground "sex", which is not analysed'),
    (["disparity", "LOG_MODEL", "LOG", "--outcome", "granted"],
     'expected LABEL=adverse or LABEL=favourable, got "granted" (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--outcome", "granted=good"],
     'outcome "granted": adverse or favourable (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--reference", "race"], 'expected GROUND=GROUP, got "race" (see artikel1 --help)'),
    (["disparity", "LOG_MODEL", "LOG", "--reference", "sex=f"], 'reference group given for ground "sex", which is not analysed'),
    (["disparity", "LOG_MODEL", "LOG", "--format", "html"], 'unknown format "html" (text, json, csv, md) (see artikel1 --help)'),
])
def test_usage_errors_with_their_messages(args, message):
    replace = {"LOG_MODEL": LOGS / "model.json", "LOG": LOGS / "plain.csv"}
    args = [replace.get(a, a) for a in args]
    if args[0] == "disparity" and len(args) > 2:
        args += ["--group", "migration_background=race"]
    r = run(*args)
    assert (r.returncode, r.stderr, r.stdout) == (2, f"artikel1: {message}\n", "")


def test_disparity_refuses_a_reference_group_that_never_occurs():
    # A typo in --reference would leave the ground without comparisons, and --fail-on-flag would pass.
    r = run("disparity", LOGS / "model.json", LOGS / "plain.csv", "--group", "migration_background=race",
            "--reference", "race=zzz", "--min-cell", "1", "--format", "json")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == ('artikel1: --reference: the group "zzz" of ground race does not occur in the log (group labels '
                        "are case-sensitive)\n")
    r = run("disparity", LOGS / "model.json", LOGS / "plain.csv", "--group", "migration_background=race",
            "--reference", "race=none", "--min-cell", "1", "--format", "json")
    assert r.stderr == ""
    cells = json.loads(r.stdout)["cells"]
    assert [(c["step"], c["group"]) for c in cells if c["reference"]] == [("check", "none")]
    # at `decide` no case of the group "none" passed: no reference there, and the table says so
    assert [(c["step"], c["group"], c["no_comparison"]) for c in cells if c["step"] == "decide"] == [
        ("decide", "non_western", "no reference")]


def compounding_log(path, groups):
    """A plain log on tests/data/logs/model.json: per group (share investigated, cases); the investigated are rejected."""
    with open(path, "w") as f:
        f.write("case_id,step,next_step,migration_background\n")
        case = 0
        for group, (share, n) in groups.items():
            for i in range(n):
                case += 1
                if i < share * n:
                    f.write(f"{case},intake,check,{group}\n{case},check,investigate,{group}\n"
                            f"{case},investigate,decide,{group}\n{case},decide,reject,{group}\n{case},reject,,{group}\n")
                else:
                    f.write(f"{case},intake,check,{group}\n{case},check,approve,{group}\n{case},approve,,{group}\n")


def test_disparity_compound_adds_the_compounding_section(tmp_path):
    log = tmp_path / "log.csv"
    compounding_log(log, {"none": (0.1, 400), "other": (0.3, 200), "tiny": (0.5, 4)})
    args = ["disparity", LOGS / "model.json", log, "--group", "migration_background=race", "--compound",
            "--hit", "check=investigate"]
    r = run(*args, "--format", "json")
    assert r.returncode == 0, r.stderr
    section = json.loads(r.stdout)["compounding"]
    assert section["schema"] == "artikel1/compounding/1" and section["source"] == "log"
    ground = section["grounds"][0]
    assert (ground["ground"], ground["reference"], ground["hidden_groups"]) == ("race", "none", 1)
    other = next(g for g in ground["outcomes"][0]["groups"] if g["group"] == "other")
    assert ground["outcomes"][0]["outcome"] == "reject"
    assert other["cases"] == 200
    assert other["ratio"] == pytest.approx(3.0)
    assert other["shares"][0]["step"] == "check"
    assert other["shares"][0]["log_ratio_share"] == pytest.approx(__import__("math").log(3.0))
    tests = {t["group"]: t for t in ground["outcome_tests"]}
    assert (tests["other"]["selected"], tests["other"]["hits"]) == (200, 60)
    assert "tiny" not in json.dumps(section)
    text = run(*args).stdout
    assert "compounding: log-test (estimated from the log)" in text
    assert "    other: 0.3000 [" in text and "ratio 3.000 [" in text
    csv_text = run(*args, "--format", "csv").stdout
    assert "\n\nkind,ground,outcome,group,step,cases," in csv_text
    assert "\ngroup,race,reject,other,,200,0.3," in csv_text
    for fmt in ["json", "csv", "text"]:
        assert run(*args, "--format", fmt).stdout == run(*args, "--format", fmt).stdout, fmt
    # Without --compound nothing changes.
    assert "compounding" not in json.loads(run(*args[:5], "--format", "json").stdout)


def test_disparity_compound_errors(tmp_path):
    log = tmp_path / "log.csv"
    compounding_log(log, {"none": (0.1, 40)})
    base = ["disparity", LOGS / "model.json", log, "--group", "migration_background=race"]
    r = run(*base, "--hit", "check=investigate")
    assert r.returncode == 2 and r.stderr == "artikel1: --hit needs --compound (see artikel1 --help)\n"
    r = run(*base, "--compound", "--hit", "check")
    assert r.returncode == 2
    assert r.stderr == ('artikel1: expected STEP=HIT[,HIT...] (e.g. check=fraud_found), got "check" '
                        "(see artikel1 --help)\n")
    r = run(*base, "--compound", "--hit", "check=reject")
    assert r.returncode == 2 and r.stderr == 'artikel1: outcome test at "check": no flow to "reject"\n'
    r = run(*base, "--compound", "--outcome", "rejected=adverse")
    assert r.returncode == 2
    assert r.stderr == "artikel1: --compound needs the next step of each row, not --outcome (see artikel1 --help)\n"


def test_fit_estimates_the_flow_probabilities_with_their_counts(tmp_path):
    log = tmp_path / "log.csv"
    out = tmp_path / "fitted.json"
    compounding_log(log, {"none": (0.1, 400), "other": (0.3, 200)})
    r = run("fit", LOGS / "model.json", log, "--group", "migration_background=race", "--per-group", "race", "-o", out)
    assert r.returncode == 0, r.stderr
    fitted = json.loads(out.read_text())
    flows = {(f["from"], f["to"]): f for f in fitted["flows"]}
    investigate = flows[("check", "investigate")]
    assert (investigate["count"], investigate["of"]) == (100, 600)
    assert investigate["probability"] == pytest.approx(100 / 600)
    assert [(g["group"], g["count"], g["of"]) for g in investigate["groups"]] == [("none", 40, 400), ("other", 60, 200)]
    # decide -> check was never taken: a count of 0 is below --min-cell, so decide keeps the model's probabilities
    assert "count" not in flows[("decide", "reject")]
    assert run("validate", out).returncode == 0
    schema = json.loads((ROOT / "schema" / "process.schema.json").read_text())
    jsonschema.validate(fitted, schema)
    r = run("fit", LOGS / "model.json")
    assert r.returncode == 2 and r.stderr == "artikel1: fit needs MODEL and LOG (see artikel1 --help)\n"
    assert "usage: artikel1 fit MODEL LOG" in run("fit", "--help").stdout
