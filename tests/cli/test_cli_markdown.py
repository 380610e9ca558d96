# SPDX-License-Identifier: EUPL-1.2
"""`artikel1 disparity --format md`: every cell of the table as a Markdown row, suppressed cells without numbers,
labels written as text (no raw HTML), and the compounding tables with --compound."""
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
MODEL = ROOT / "tests" / "data" / "logs" / "model.json"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def write_log(path, groups):
    """One row per case at `check`: (label, cases, investigated)."""
    rows = ["case_id,step,next_step,origin"]
    case = 0
    for label, cases, investigated in groups:
        for i in range(cases):
            case += 1
            rows.append(f"c{case},check,{'investigate' if i < investigated else 'approve'},{label}")
    path.write_text("\n".join(rows) + "\n")


def test_every_cell_is_a_row_and_suppressed_cells_have_no_numbers(tmp_path):
    log = tmp_path / "log.csv"
    write_log(log, [("NL", 200, 20), ("TR", 60, 15), ("Eritrea", 3, 2)])
    md = run("disparity", MODEL, log, "--group", "origin=race", "--format", "md")
    js = run("disparity", MODEL, log, "--group", "origin=race", "--format", "json")
    assert md.returncode == 0 and js.returncode == 0, md.stderr + js.stderr
    lines = md.stdout.splitlines()
    assert lines[0] == "# Observed disparity: `" + json.loads(MODEL.read_text())["id"] + "`"
    assert "| step | ground | group | n | adverse | rate | ratio to reference | q | flagged |" in lines
    cells = json.loads(js.stdout)["cells"]
    rows = [line for line in lines if line.startswith("| `")]
    assert len(rows) == len(cells)
    for row, cell in zip(rows, cells):
        fields = [f.strip() for f in row.strip("|").split("|")]
        assert fields[0] == f"`{cell['step']}`" and fields[2] == cell["group"]
        if cell["suppressed"]:
            assert fields[3:] == ["suppressed", "", "", "", "", ""]
        else:
            assert (int(fields[3]), int(fields[4])) == (cell["n"], cell["adverse"])
    # The one-case-label group is never shown, in Markdown as in JSON.
    assert "Eritrea" not in md.stdout


def test_labels_are_text_not_html(tmp_path):
    log = tmp_path / "log.csv"
    write_log(log, [("<script>alert(1)</script>", 40, 10), ("[x](javascript:alert(1))", 40, 10)])
    r = run("disparity", MODEL, log, "--group", "origin=race", "--format", "md", "--min-cell", "1")
    assert r.returncode == 0, r.stderr
    assert "<script>" not in r.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.stdout
    assert "[x](javascript:" not in r.stdout and "\\[x\\](javascript:alert(1))" in r.stdout


def test_the_compounding_tables_follow(tmp_path):
    log = tmp_path / "log.csv"
    write_log(log, [("a", 300, 30), ("b", 300, 90)])
    r = run("disparity", MODEL, log, "--group", "origin=race", "--format", "md", "--compound")
    assert r.returncode == 0, r.stderr
    assert "\n## Compounding\n" in r.stdout
    out = tmp_path / "table.md"
    r = run("disparity", MODEL, log, "--group", "origin=race", "-o", out)
    assert r.returncode == 0 and out.read_text().startswith("# Observed disparity: ")
