# SPDX-License-Identifier: EUPL-1.2
"""The command line tool on interleaved logs with more cases open at once than --max-open-cases: the rest of the
log is sorted by case (on disk when it does not fit in memory), the table is the one read in memory, and the output
says so, in text, JSON and the progress line."""
import json
import os
import pathlib
import subprocess

from test_cli import run_on_a_terminal

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
LOGS = ROOT / "tests" / "data" / "logs"
MODEL = LOGS / "model.json"
GROUPS = ["--group", "case:migration_background=race", "--group", "case:gender=sex", "--min-cell", "1"]


def run(*args, stdin=None, env=None):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300, input=stdin, env=full_env)


def interleaved_fixture(tmp_path):
    """tests/data/logs/pm_interleaved.csv (pm.csv ordered by the hour: c1, c2 and c3 interleave, three open at once),
    copied to be changed."""
    path = tmp_path / "mixed.csv"
    path.write_text((LOGS / "pm_interleaved.csv").read_text())
    return path


def generated_log(tmp_path, cases=2000):
    """Cases 17 seconds apart whose events are an hour apart, sorted by time: about 200 open at once."""
    paths = [["intake", "check", "approve"], ["intake", "check", "investigate", "decide", "reject"],
             ["intake", "check", "investigate", "decide", "check", "approve"]]
    rows = []
    for i in range(cases):
        groups = ["none", "western", "non_western"][i % 3] + "," + "fm"[i % 2]
        for k, step in enumerate(paths[(i * 7) % 11 % 3]):
            seconds = i * 17 + k * 3600
            time = f"2024-01-{1 + seconds // 86400:02d}T{seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            rows.append((time, f"c{i},{step},{time},{groups}"))
    rows.sort(key=lambda r: r[0])
    path = tmp_path / "generated.csv"
    path.write_text("case:concept:name,concept:name,time:timestamp,case:migration_background,case:gender\n" +
                    "".join(r[1] + "\n" for r in rows))
    return path


def test_the_table_of_a_log_sorted_by_case_is_the_one_read_in_memory_and_the_text_says_so(tmp_path):
    log = interleaved_fixture(tmp_path)
    in_memory = run("disparity", MODEL, log, *GROUPS)
    sorted_ = run("disparity", MODEL, log, *GROUPS, "--max-open-cases", "2")
    assert in_memory.returncode == 0 and sorted_.returncode == 0, sorted_.stderr
    note = ("the log was sorted by case: more than 2 cases were open at once (--max-open-cases 2); its last 11 events "
            "were sorted in memory\n")
    table, links = in_memory.stdout.split("\nflagged cells beside their structural risk:\n")
    assert sorted_.stdout == table + "\n" + note + "\nflagged cells beside their structural risk:\n" + links
    assert sorted_.stderr == ""
    dutch = run("disparity", MODEL, log, *GROUPS, "--max-open-cases", "1", "--lang", "nl")
    assert ("het log is op zaak gesorteerd: meer dan 1 zaak was tegelijk open (--max-open-cases 1); de laatste 12 "
            "gebeurtenissen zijn in het geheugen gesorteerd\n") in dutch.stdout


def test_json_names_the_sort_and_keeps_every_other_member(tmp_path):
    log = generated_log(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    in_memory = run("disparity", MODEL, log, *GROUPS, "--format", "json", "--max-open-cases", "0")
    sorted_ = run("disparity", MODEL, log, *GROUPS, "--format", "json", "--max-open-cases", "5", env={"TMPDIR": str(tmp)})
    assert in_memory.returncode == 0 and sorted_.returncode == 0, sorted_.stderr
    doc = json.loads(sorted_.stdout)
    sort = doc.pop("sorted_by_case")
    assert doc == json.loads(in_memory.stdout)
    assert sort["reason"] == "more than 5 cases open at once"
    assert sort["max_open_cases"] == 5 and sort["runs"] == 0 and sort["bytes_written"] == 0
    assert 0 < sort["events"] < 2000 * 6
    assert "sorted_by_case" not in json.loads(in_memory.stdout)
    assert list(tmp.iterdir()) == []


def test_standard_input_is_read_once_and_sorted_as_a_file(tmp_path):
    log = interleaved_fixture(tmp_path)
    from_file = run("disparity", MODEL, log, *GROUPS, "--max-open-cases", "1", "--format", "json")
    from_stdin = run("disparity", MODEL, "-", *GROUPS, "--max-open-cases", "1", "--format", "json", stdin=log.read_text())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    assert json.loads(from_stdin.stdout)["sorted_by_case"]["events"] == 12


def test_an_error_in_the_sorted_rest_is_the_one_read_in_memory_meets_first(tmp_path):
    log = interleaved_fixture(tmp_path)
    lines = log.read_text().splitlines()
    assert lines[11].startswith("c3,decide,") and lines[14].startswith("c2,approve,")
    lines[11] = "c3,decide,gisteren,non_western,f"
    lines[14] = "c2,approve,2024-01-02T07:00:00,non_western,m"
    log.write_text("\n".join(lines) + "\n")
    in_memory = run("disparity", MODEL, log, *GROUPS, "--max-open-cases", "0")
    sorted_ = run("disparity", MODEL, log, *GROUPS, "--max-open-cases", "1")
    assert sorted_.returncode == in_memory.returncode != 0
    assert sorted_.stderr == in_memory.stderr
    assert f'{log}:12:11: timestamp "gisteren" is not a date and time' in sorted_.stderr
    assert sorted_.stdout == ""


def test_max_open_cases_needs_a_whole_number():
    r = run("disparity", MODEL, LOGS / "pm.csv", *GROUPS, "--max-open-cases", "many")
    assert r.returncode == 2
    assert r.stderr == 'artikel1: --max-open-cases needs a whole number, got "many" (see artikel1 --help)\n'


def test_the_progress_line_says_the_log_was_sorted_and_why(tmp_path):
    log = interleaved_fixture(tmp_path)
    code, err = run_on_a_terminal("disparity", MODEL, log, *GROUPS, "--max-open-cases", "2", stream="stderr")
    assert code == 0
    assert "read with 1 thread(s); the log was sorted by case: more than 2 cases were open at once" in err
