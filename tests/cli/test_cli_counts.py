# SPDX-License-Identifier: EUPL-1.2
"""Counts for any engine: `disparity --save-counts` per part of a log, `merge` of the parts without the model, and
`disparity MODEL --counts` give the table of the whole log; and every error of that path, with its message."""
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
LOGS = ROOT / "tests" / "data" / "logs"
MODEL = LOGS / "model.json"
GROUPS = ["--group", "migration_background=race", "--group", "gender=sex", "--intersection", "race+sex"]


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


def split_log(tmp_path, parts):
    """The plain log cut into `parts` files at case boundaries, each with the header."""
    header, *rows = (LOGS / "plain.csv").read_text().splitlines()
    cases = []
    for row in rows:
        case = row.split(",")[0]
        if not cases or cases[-1][0] != case:
            cases.append((case, []))
        cases[-1][1].append(row)
    files = []
    for i in range(parts):
        path = tmp_path / f"part{i}.csv"
        chosen = [row for _, case_rows in cases[i::parts] for row in case_rows]
        path.write_text("\n".join([header, *chosen]) + "\n")
        files.append(path)
    return files


def test_parts_saved_merged_and_tabulated_give_the_table_of_the_whole_log(tmp_path):
    whole = run("disparity", MODEL, LOGS / "plain.csv", *GROUPS, "--min-cell", "2", "--format", "json")
    assert whole.returncode == 0, whole.stderr
    saved = []
    for i, part in enumerate(split_log(tmp_path, 3)):
        counts = tmp_path / f"counts{i}.json"
        r = run("disparity", MODEL, part, *GROUPS, "--save-counts", counts, "--format", "json")
        assert r.returncode == 0, r.stderr
        doc = json.loads(counts.read_text())
        assert doc["schema"] == "artikel1/disparity-counts/1" and doc["spec"]["process"] == json.loads(
            MODEL.read_text())["id"]
        saved.append(counts)
    merged = tmp_path / "all.json"
    r = run("merge", *saved, "-o", merged)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    table = run("disparity", MODEL, "--counts", merged, *GROUPS, "--min-cell", "2", "--format", "json")
    assert table.returncode == 0, table.stderr
    assert table.stdout == whole.stdout
    # The same from the parts' counts given one by one, and from a log plus the counts of the rest.
    table = run("disparity", MODEL, *[x for c in saved for x in ("--counts", c)], *GROUPS, "--min-cell", "2",
                "--format", "json")
    assert table.stdout == whole.stdout
    parts = split_log(tmp_path, 3)
    r = run("merge", saved[1], saved[2], "-o", tmp_path / "rest.json")
    assert r.returncode == 0, r.stderr
    table = run("disparity", MODEL, parts[0], "--counts", tmp_path / "rest.json", *GROUPS, "--min-cell", "2",
                "--format", "json")
    assert table.stdout == whole.stdout


def test_merge_writes_the_counts_of_the_whole_log(tmp_path):
    part = tmp_path / "one.json"
    assert run("disparity", MODEL, LOGS / "plain.csv", *GROUPS, "--save-counts", part).returncode == 0
    r = run("merge", part)
    assert r.returncode == 0 and r.stdout == part.read_text()  # merging one part changes nothing
    doubled = json.loads(run("merge", part, part).stdout)
    single = json.loads(part.read_text())
    assert [c[4] for c in doubled["cells"]] == [2 * c[4] for c in single["cells"]]
    assert doubled["issues"]["rows"] == 2 * single["issues"]["rows"]


def test_merge_errors_name_the_part(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run("disparity", MODEL, LOGS / "plain.csv", "--group", "migration_background=race",
               "--save-counts", a).returncode == 0
    assert run("disparity", MODEL, LOGS / "plain.csv", "--group", "gender=sex", "--save-counts", b).returncode == 0
    r = run("merge", a, b)
    assert r.returncode == 2
    assert r.stderr == (f"artikel1: invalid input: /spec: {b}: the counts were made for a different process or "
                        "different options\n")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "artikel1/disparity-counts/1", "spec": ')
    r = run("merge", a, broken)
    assert (r.returncode, r.stderr.startswith(f"artikel1: {broken}:1:")) == (2, True), r.stderr
    other = tmp_path / "other.json"
    other.write_text('{"schema": "artikel1/process/1"}')
    r = run("merge", other)
    assert r.stderr == f'artikel1: invalid input: /schema: {other}: expected "artikel1/disparity-counts/1"\n'
    forged = json.loads(a.read_text())
    forged["spec"]["next"] = "sideways"
    other.write_text(json.dumps(forged))
    r = run("merge", other)
    assert r.stderr == f'artikel1: invalid input: /spec/next: {other}: expected "next_step" or "adverse_flag"\n'
    r = run("merge")
    assert (r.returncode, r.stderr) == (
        2, "artikel1: merge needs at least one PART (counts saved by disparity --save-counts) (see artikel1 --help)\n")
    r = run("merge", tmp_path / "absent.json")
    assert r.returncode == 2 and str(tmp_path / "absent.json") in r.stderr


def test_counts_with_other_options_are_refused(tmp_path):
    counts = tmp_path / "race.json"
    assert run("disparity", MODEL, LOGS / "plain.csv", "--group", "migration_background=race",
               "--save-counts", counts).returncode == 0
    r = run("disparity", MODEL, "--counts", counts, "--group", "gender=sex")
    assert r.returncode == 2
    assert r.stderr == (f"artikel1: invalid input: /spec: {counts}: the counts were made for a different process "
                        "or different options\n")
    r = run("disparity", MODEL)
    assert r.stderr == ("artikel1: disparity needs MODEL and LOG (or MODEL and --counts FILE) "
                        "(see artikel1 --help)\n")
