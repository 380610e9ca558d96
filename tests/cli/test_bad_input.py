# SPDX-License-Identifier: EUPL-1.2
"""Bad input through the command line tool: special files and streams, size limits, output files, numbers, dates,
timestamps, grounds and references, duplicate keys, empty ids and saved assessments. Every case asserts the exit
code and the exact message, and that nothing is written to standard output."""
import json
import os
import pathlib
import resource
import subprocess
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
EXAMPLE = ROOT / "examples" / "bijstand-aanvraag.json"
LOGS = ROOT / "tests" / "data" / "logs"
MODEL = LOGS / "model.json"
DATE = "2026-01-15"
LIMIT = 256 << 20
TIMESTAMP_FORMATS = ("ISO 8601 such as 2026-03-01, 2026-03-01T09:30:00 or 2026-03-01 09:30:00.250+01:00, "
                     "or dd-mm-yyyy [hh:mm[:ss]]")


def run(*args, stdin=None, env=None, preexec=None, cwd=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH")}
    full_env.update(env or {})
    kwargs = {"stdin": stdin} if hasattr(stdin, "fileno") else {"input": stdin}
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, env=full_env, timeout=300,
                          preexec_fn=preexec, cwd=cwd, **kwargs)


def disparity(*args, **kwargs):
    return run("disparity", MODEL, *args, "--group", "migration_background=race", "--min-cell", "1", **kwargs)


def bad(r, message, code=2):
    assert (r.returncode, r.stderr, r.stdout) == (code, f"artikel1: {message}\n", "")


# ---- special files, streams and limits

def test_a_directory_is_named_as_such(tmp_path):
    bad(run("assess", tmp_path), f"cannot read {tmp_path}: it is a directory")
    bad(run("validate", tmp_path), f"cannot read {tmp_path}: it is a directory")
    bad(disparity(tmp_path), f"cannot read {tmp_path}: it is a directory")
    bad(run("assess", "--kb", tmp_path), f"cannot read {tmp_path}: it is a directory")
    bad(disparity(LOGS / "plain.csv", "--cases", tmp_path), f"cannot read {tmp_path}: it is a directory")


def test_cannot_open_says_why(tmp_path):
    missing = tmp_path / "absent.json"
    bad(run("assess", missing), f"cannot open {missing}: No such file or directory")
    bad(disparity(missing), f"cannot open {missing}: No such file or directory")
    bad(run("assess", "--kb-extend", missing), f"cannot open {missing}: No such file or directory")
    inside_a_file = EXAMPLE / "x.json"
    bad(run("assess", inside_a_file), f"cannot open {inside_a_file}: Not a directory")


def test_a_model_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(300 << 20)  # sparse: 300 MiB that take no disk space
    bad(run("assess", big), f"{big} is {300 << 20} bytes; the limit is {LIMIT} bytes")
    bad(run("compare", big, EXAMPLE), f"{big} is {300 << 20} bytes; the limit is {LIMIT} bytes")


def test_endless_input_is_refused_at_the_limit():
    bad(run("assess", "/dev/zero"), f"/dev/zero is more than {LIMIT} bytes; the limit is {LIMIT} bytes")
    with open("/dev/zero", "rb") as zero:
        bad(run("assess", "-", stdin=zero), f"standard input is more than {LIMIT} bytes; the limit is {LIMIT} bytes")
    r = disparity("/dev/zero")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "artikel1: /dev/zero:1:1: record longer than the limit of 1048576 bytes (max_line_bytes)\n"


@pytest.mark.parametrize("encoding, kind", [("utf-16", "UTF-16 (little-endian)"), ("utf-16-le", "UTF-16 (little-endian)"),
                                            ("utf-16-be", "UTF-16 (big-endian)")])
def test_utf16_files_are_named_as_such(tmp_path, encoding, kind):
    model = tmp_path / "model.json"
    model.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding=encoding)
    bad(run("assess", model), f"{model}:1:1: the file is {kind} text; artikel1 reads UTF-8: save it as UTF-8")
    log = tmp_path / "log.csv"
    log.write_text((LOGS / "plain.csv").read_text(), encoding=encoding)
    bad(disparity(log), f"{log}:1:1: the file is {kind} text; artikel1 reads UTF-8: save it as UTF-8")
    jsonl = tmp_path / "log.jsonl"
    jsonl.write_text((LOGS / "events.jsonl").read_text(), encoding=encoding)
    bad(disparity(jsonl), f"{jsonl}:1:1: the file is {kind} text; artikel1 reads UTF-8: save it as UTF-8")


def _through_fifo(tmp_path, name, data, command):
    fifo = tmp_path / name
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        return command(fifo)
    finally:
        writer.join(timeout=60)


def test_pipes_fifos_and_stdin_are_read_as_streams(tmp_path):
    expected = disparity(LOGS / "plain.csv", "--format", "json")
    assert expected.returncode == 0, expected.stderr
    log = (LOGS / "plain.csv").read_bytes()
    r = _through_fifo(tmp_path, "log.csv", log, lambda fifo: disparity(fifo, "--format", "json"))
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    with open(LOGS / "plain.csv", "rb") as f:
        r = disparity("/dev/stdin", "--format", "json", stdin=f)
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    r = disparity("-", "--format", "json", stdin=log.decode())
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    # the shell's <(cat log.csv) is a pipe under /dev/fd
    r = subprocess.run(["bash", "-c", f'"{CLI}" disparity "{MODEL}" <(cat "{LOGS / "plain.csv"}") --group '
                        "migration_background=race --min-cell 1 --format json"], capture_output=True, text=True)
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    jsonl = (LOGS / "events.jsonl").read_bytes()
    expected = disparity(LOGS / "events.jsonl", "--format", "json")
    r = _through_fifo(tmp_path, "log.jsonl", jsonl, lambda fifo: disparity(fifo, "--format", "json"))
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    model = EXAMPLE.read_bytes()
    expected = run("assess", EXAMPLE, "--date", DATE)
    r = _through_fifo(tmp_path, "model.json", model, lambda fifo: run("assess", fifo, "--date", DATE))
    assert (r.returncode, r.stdout) == (0, expected.stdout)
    r = _through_fifo(tmp_path, "cases.csv", (LOGS / "cases.csv").read_bytes(),
                      lambda fifo: run("disparity", MODEL, LOGS / "events_only.csv", "--cases", fifo, "--group",
                                       "migration_background=race", "--min-cell", "1", "--format", "json"))
    expected = run("disparity", MODEL, LOGS / "events_only.csv", "--cases", LOGS / "cases.csv", "--group",
                   "migration_background=race", "--min-cell", "1", "--format", "json")
    assert (r.returncode, r.stdout) == (0, expected.stdout)


def test_an_empty_stream_is_an_empty_file():
    bad(disparity("-", stdin=""), "/dev/stdin:1:1: empty file: expected a header row")


# ---- output files

def _limit_file_size(limit):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    out = tmp_path / "rapport.html"
    out.write_text("old report\n")
    r = run("report", "--date", DATE, "-o", out, preexec=_limit_file_size(4096))
    bad(r, f"cannot write {out}: File too large (the old file is unchanged)")
    assert out.read_text() == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]
    fresh = tmp_path / "new.html"
    bad(run("report", "--date", DATE, "-o", fresh, preexec=_limit_file_size(4096)), f"cannot write {fresh}: File too large")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]


def test_a_successful_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    out = tmp_path / "scores.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    r = run("assess", "-o", out)
    assert (r.returncode, r.stderr) == (0, "")
    assert out.read_text().startswith("step,step_name,ground,")
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]
    r = run("assess", "-o", "/dev/null")
    assert (r.returncode, r.stderr) == (0, "")


@pytest.mark.parametrize("target, message", [
    ("/dev/full", "cannot write /dev/full: No space left on device"),
    ("/nonexistent/dir/x.txt", "cannot write /nonexistent/dir/x.txt: No such file or directory"),
])
def test_writes_that_cannot_happen(target, message):
    bad(run("assess", "-o", target), message)


def test_output_into_a_directory(tmp_path):
    bad(run("assess", "-o", tmp_path), f"cannot write {tmp_path}: it is a directory")


@pytest.mark.parametrize("args, name", [
    (["assess", "MODEL"], "MODEL"),
    (["report", "MODEL"], "MODEL"),
    (["assess", "--kb-extend", "KB"], "KB"),
    (["compare", "MODEL", "OTHER"], "OTHER"),
    (["disparity", "MODEL", "LOG", "--group", "migration_background=race"], "LOG"),
    (["disparity", "MODEL", "LOG", "--group", "migration_background=race", "--cases", "CASES"], "CASES"),
])
def test_output_over_an_input_file_is_refused(tmp_path, args, name):
    files = {"MODEL": tmp_path / "model.json", "OTHER": tmp_path / "other.json", "LOG": tmp_path / "log.csv",
             "CASES": tmp_path / "cases.csv", "KB": tmp_path / "kb.json"}
    files["MODEL"].write_bytes(MODEL.read_bytes())
    files["OTHER"].write_bytes(MODEL.read_bytes())
    files["LOG"].write_bytes((LOGS / "plain.csv").read_bytes())
    files["CASES"].write_bytes((LOGS / "cases.csv").read_bytes())
    files["KB"].write_text('{"schema": "artikel1/knowledge-base/1"}')
    before = {p: p.read_bytes() for p in files.values()}
    target = files[name]
    # the same file under another name is the same file
    alias = tmp_path / "sub" / ".." / target.name
    (tmp_path / "sub").mkdir()
    for output in (target, alias):
        r = run(*[files.get(a, a) for a in args], "-o", output)
        bad(r, f"-o {output} is an input file; write the output to another file (see artikel1 --help)")
    assert {p: p.read_bytes() for p in files.values()} == before


@pytest.mark.parametrize("args, message", [
    (["assess", "-o", "x.pdf"], 'the extension of -o "x.pdf" names no format; give --format (text, json, csv, md, html, dot)'),
    (["report", "-o", "rapport.docx"],
     'the extension of -o "rapport.docx" names no format; give --format (text, json, csv, md, html, dot)'),
    (["compare", "EXAMPLE", "EXAMPLE", "-o", "changes.csv"], '-o "changes.csv" asks for csv, which compare does not write (text, json, md, html)'),
    (["compare", "EXAMPLE", "EXAMPLE", "-o", "changes.dot"], '-o "changes.dot" asks for dot, which compare does not write (text, json, md, html)'),
    (["compare", "EXAMPLE", "EXAMPLE", "-o", "changes.xlsx"], 'the extension of -o "changes.xlsx" names no format; give --format (text, json, md, html)'),
    (["disparity", "MODEL", "LOG", "-o", "table.html"], '-o "table.html" asks for html, which disparity does not write (text, json, csv, md)'),
    (["disparity", "MODEL", "LOG", "-o", "table.dot"], '-o "table.dot" asks for dot, which disparity does not write (text, json, csv, md)'),
    (["disparity", "MODEL", "LOG", "-o", "table.xls"], 'the extension of -o "table.xls" names no format; give --format (text, json, csv, md)'),
    (["disparity", "MODEL", "LOG", "--format", "xml"], 'unknown format "xml" (text, json, csv, md)'),
    (["compare", "EXAMPLE", "EXAMPLE", "--format", "pdf"], 'unknown format "pdf" (text, json, md, html)'),
])
def test_output_formats_from_the_extension_or_refused(tmp_path, args, message):
    # output names are made absolute in tmp_path, and the message names them so
    files = {"EXAMPLE": EXAMPLE, "MODEL": MODEL, "LOG": LOGS / "plain.csv"}
    args = [str(files[a]) if a in files else a for a in args]
    if "-o" in args:
        at = args.index("-o") + 1
        message = message.replace(f'"{args[at]}"', str(tmp_path / args[at]))
        args[at] = str(tmp_path / args[at])
    if args[0] == "disparity":
        args += ["--group", "migration_background=race"]
    bad(run(*args), message + " (see artikel1 --help)")
    assert list(tmp_path.iterdir()) == []


def test_disparity_and_compare_take_the_format_from_the_extension(tmp_path):
    out = tmp_path / "table.json"
    r = disparity(LOGS / "plain.csv", "-o", out)
    assert (r.returncode, r.stdout) == (0, "")
    assert json.loads(out.read_text())["schema"] == "artikel1/disparity/1"
    out = tmp_path / "table.csv"
    assert disparity(LOGS / "plain.csv", "-o", out).returncode == 0
    assert out.read_text().startswith("step,ground,group,")
    out = tmp_path / "changes.json"
    r = run("compare", EXAMPLE, EXAMPLE, "-o", out)
    assert (r.returncode, r.stdout) == (0, "")
    assert json.loads(out.read_text())["counts"]["unchanged"] > 0
    out = tmp_path / "changes.txt"
    assert run("compare", EXAMPLE, EXAMPLE, "-o", out).returncode == 0
    assert out.read_text().startswith("Comparison of two rounds: Aanvraag bijstandsuitkering (Participatiewet) (bijstand-aanvraag)")


# ---- numbers, dates and SOURCE_DATE_EPOCH

@pytest.mark.parametrize("option, value, message", [
    ("--min-cell", " -1", '--min-cell needs a whole number, got " -1"'),
    ("--min-cell", " -18446744073709551615", '--min-cell needs a whole number, got " -18446744073709551615"'),
    ("--min-cell", "+5", '--min-cell needs a whole number, got "+5"'),
    ("--min-cell", " 5", '--min-cell needs a whole number, got " 5"'),
    ("--min-cell", "5 ", '--min-cell needs a whole number, got "5 "'),
    ("--min-cell", "1e3", '--min-cell needs a whole number, got "1e3"'),
    ("--min-cell", "0x10", '--min-cell needs a whole number, got "0x10"'),
    ("--min-cell", "", '--min-cell needs a whole number, got ""'),
    ("--min-cell", "18446744073709551616",
     '--min-cell is too large: "18446744073709551616" (at most 18446744073709551615)'),
    ("--threads", " 2", '--threads needs a whole number, got " 2"'),
    ("--threads", "-1", '--threads needs a whole number, got "-1"'),
    ("--threads", "99999999999999999999999", '--threads is too large: "99999999999999999999999" (at most 18446744073709551615)'),
    ("--threads", "257", "--threads must be between 1 and 256"),
])
def test_whole_numbers_are_digits_only(option, value, message):
    r = run("disparity", MODEL, LOGS / "plain.csv", "--group", "migration_background=race", option, value)
    bad(r, message + " (see artikel1 --help)")


@pytest.mark.parametrize("value, message", [
    ("-1", '--top needs a whole number, got "-1"'),
    (" 3", '--top needs a whole number, got " 3"'),
    ("3.5", '--top needs a whole number, got "3.5"'),
    ("1000001", '--top is too large: "1000001" (at most 1000000)'),
])
def test_top_is_a_whole_number(value, message):
    bad(run("assess", "--top", value), message + " (see artikel1 --help)")


@pytest.mark.parametrize("date, message", [
    ("2026-02-30", '--date "2026-02-30" is not a date of the calendar'),
    ("2025-02-29", '--date "2025-02-29" is not a date of the calendar'),
    ("2100-02-29", '--date "2100-02-29" is not a date of the calendar'),
    ("2026-04-31", '--date "2026-04-31" is not a date of the calendar'),
    ("2026-13-01", '--date "2026-13-01" is not a date of the calendar'),
    ("2026-00-10", '--date "2026-00-10" is not a date of the calendar'),
    ("2026-01-00", '--date "2026-01-00" is not a date of the calendar'),
    ("15-01-2026", '--date needs a date as YYYY-MM-DD, got "15-01-2026"'),
    ("2026-1-15", '--date needs a date as YYYY-MM-DD, got "2026-1-15"'),
])
def test_report_dates_are_dates_of_the_calendar(date, message):
    bad(run("assess", "--date", date), message + " (see artikel1 --help)")


def test_leap_days_are_dates():
    r = run("assess", "--date", "2024-02-29")
    assert r.returncode == 0 and "Date: 2024-02-29" in r.stdout
    r = run("assess", "--date", "2000-02-29")
    assert r.returncode == 0 and "Date: 2000-02-29" in r.stdout


@pytest.mark.parametrize("epoch, message", [
    ("99999999999999999999", 'SOURCE_DATE_EPOCH "99999999999999999999" is after the year 9999'),
    ("253402300800", 'SOURCE_DATE_EPOCH "253402300800" is after the year 9999'),
    ("-1", 'SOURCE_DATE_EPOCH must be a number of seconds, got "-1"'),
    (" 1", 'SOURCE_DATE_EPOCH must be a number of seconds, got " 1"'),
    ("1.5", 'SOURCE_DATE_EPOCH must be a number of seconds, got "1.5"'),
])
def test_source_date_epoch_out_of_range(epoch, message):
    bad(run("assess", env={"SOURCE_DATE_EPOCH": epoch}), message + " (see artikel1 --help)")


def test_source_date_epoch_at_the_end_of_9999():
    r = run("assess", env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert r.returncode == 0 and "Date: 9999-12-31" in r.stdout


# ---- grounds, references and step names

@pytest.mark.parametrize("group, message", [
    ("migration_background=rase", '--group migration_background=rase: unknown ground "rase"; did you mean race?'),
    ("migration_background=ras", '--group migration_background=ras: unknown ground "ras"; did you mean race?'),
    ("migration_background=Race", '--group migration_background=Race: unknown ground "Race"; did you mean race?'),
    ("gender=geslacht", '--group gender=geslacht: unknown ground "geslacht"; did you mean sex?'),
    ("gender=sexe", '--group gender=sexe: unknown ground "sexe" (religion, belief, political_opinion, race, sex, '
                    'disability, sexual_orientation, nationality, age, chronic_illness, civil_status)'),
    ("x=politieke gezindheid", '--group x=politieke gezindheid: unknown ground "politieke gezindheid"; did you mean '
                               'political_opinion?'),
])
def test_an_unknown_ground_is_refused_with_a_suggestion(group, message):
    r = run("disparity", MODEL, LOGS / "plain.csv", "--group", group)
    bad(r, message + " (see artikel1 --help)")


def test_an_unknown_reference_group_is_an_error():
    for extra in ([], ["--fail-on-flag"]):
        r = disparity(LOGS / "plain.csv", "--reference", "race=zzz", *extra)
        bad(r, '--reference: the group "zzz" of ground race does not occur in the log (group labels are case-sensitive)')
    r = disparity(LOGS / "plain.csv", "--reference", "race=None")
    bad(r, '--reference: the group "None" of ground race does not occur in the log (group labels are case-sensitive)')


def test_step_names_that_match_only_when_case_is_ignored(tmp_path):
    log = tmp_path / "log.csv"
    text = (LOGS / "plain.csv").read_text().replace(",check,", ",Check,")
    log.write_text(text)
    rows = sum(1 for line in text.splitlines() if line.split(",")[1] == "Check")
    assert rows == 4
    r = disparity(log)
    assert r.returncode == 0
    assert r.stderr == (f'artikel1: WARNING: {log}: {rows} row(s) skipped for an unknown step; the log\'s step "Check" '
                        'matches the model\'s step "check" only when case is ignored (step names are case-sensitive)\n')
    bad(disparity(log, "--fail-on-flag"),
        f'{log}: {rows} row(s) skipped for an unknown step; the log\'s step "Check" matches the model\'s step "check" '
        "only when case is ignored (step names are case-sensitive); with --fail-on-flag this is an error")


# ---- timestamps

def _log_with_times(tmp_path, times, derived=True):
    log = tmp_path / "log.csv"
    rows = ["case_id,step,timestamp,migration_background"] if derived else \
        ["case_id,step,next_step,timestamp,migration_background"]
    steps = ["intake", "check", "approve"]
    for i, t in enumerate(times):
        nxt = "" if i + 1 == len(times) else steps[i + 1]
        rows.append(f"c1,{steps[i]},{t},none" if derived else f"c1,{steps[i]},{nxt},{t},none")
    log.write_text("\n".join(rows) + "\n")
    return log


@pytest.mark.parametrize("times", [
    ["2024-01-01", "2024-01-02", "2024-01-03"],
    ["2024-01-01T08:00:00", "2024-01-01T09:00:00.5", "2024-01-01 09:00:01.25"],
    ["2024-01-01T10:00:00+02:00", "2024-01-01T09:30:00Z", "2024-01-01T09:31+0000"],
    ["31-12-2023", "01-01-2024", "02-01-2024 08:15"],
    ["09-01-2024 08:00", "09-01-2024 08:00:30", "10-01-2024"],
    ["2024-02-28T23:59:59", "2024-02-29T00:00:00", "2024-03-01T00:00:00-01"],
])
def test_timestamps_in_order_are_accepted(tmp_path, times):
    r = disparity(_log_with_times(tmp_path, times))
    assert (r.returncode, r.stderr) == (0, "")


@pytest.mark.parametrize("times, line, bad_time", [
    (["2024-01-01", "yesterday", "2024-01-03"], 3, "yesterday"),
    (["2024-01-01", "2024-02-30", "2024-03-01"], 3, "2024-02-30"),
    (["2023-02-29", "2024-01-02", "2024-03-01"], 2, "2023-02-29"),
    (["2024-01-01", "2024-01-01T25:00", "2024-03-01"], 3, "2024-01-01T25:00"),
    (["2024-01-01", "2024-01-01T10:60", "2024-03-01"], 3, "2024-01-01T10:60"),
    (["2024-01-01", "2024-01-01T10:00+25:00", "2024-03-01"], 3, "2024-01-01T10:00+25:00"),
    (["2024-01-01", "2024-01-01T10:00:00 CET", "2024-03-01"], 3, "2024-01-01T10:00:00 CET"),
    (["2024-01-01", "2024/01/02", "2024-03-01"], 3, "2024/01/02"),
    (["2024-01-01", "1-2-2024", "2024-03-01"], 3, "1-2-2024"),
    (["2024-01-01", "01-02-2024T10:00", "2024-03-01"], 3, "01-02-2024T10:00"),
    (["2024-01-01", "1704067200", "2024-03-01"], 3, "1704067200"),
    (["2024-01-01", "2024-01-01T", "2024-03-01"], 3, "2024-01-01T"),
    (["2024-01-01", "2024-01-01T10:00:00.", "2024-03-01"], 3, "2024-01-01T10:00:00."),
])
def test_timestamps_that_are_not_dates_are_refused_with_their_position(tmp_path, times, line, bad_time):
    for derived in (True, False):
        log = _log_with_times(tmp_path, times, derived)
        column = 3 if derived else 4
        bad(disparity(log), f'{log}:{line}:{len(",".join(log.read_text().splitlines()[line - 1].split(",")[:column - 1])) + 2}: '
                            f'timestamp "{bad_time}" is not a date and time ({TIMESTAMP_FORMATS}) (column "timestamp")')


@pytest.mark.parametrize("times, later, earlier", [
    (["02-01-2024", "01-01-2024", "03-01-2024"], "01-01-2024", "02-01-2024"),
    (["01-02-2024", "15-01-2024", "03-02-2024"], "15-01-2024", "01-02-2024"),
    (["2024-01-01T10:00:00Z", "2024-01-01T11:30:00+02:00", "2024-01-02"], "2024-01-01T11:30:00+02:00", "2024-01-01T10:00:00Z"),
    (["01-01-2024 10:00", "01-01-2024 09:59:59", "02-01-2024"], "01-01-2024 09:59:59", "01-01-2024 10:00"),
])
def test_timestamps_out_of_order_are_compared_as_times(tmp_path, times, later, earlier):
    log = _log_with_times(tmp_path, times)
    column = len("c1,check,") + 1
    bad(disparity(log), f'{log}:3:{column}: events of case "c1" are not in time order ("{later}" after "{earlier}"). Sort '
                        'the log by case and time, or give a next-step column (column "timestamp")')


# ---- duplicate keys, empty ids, impossible values

def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def _model(**changes):
    doc = json.loads(MODEL.read_text())
    doc.update(changes)
    return doc


def test_duplicate_keys_in_a_model(tmp_path):
    text = MODEL.read_text().replace('"schema": "artikel1/process/1",', '"schema": "artikel1/process/1", "id": "x",', 1)
    model = _write(tmp_path, "m.json", text)
    # the second "id" of the top object is the model's own, on line 3, column 3
    assert text.splitlines()[2] == '  "id": "log-test",'
    r = run("validate", model)
    assert (r.returncode, r.stdout) == (2, 'error at line 3, column 3 /: duplicate key "id" (a key may appear once in an '
                                           f"object)\n{model}: invalid, 1 error(s), 0 warning(s)\n")
    r = run("assess", model)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.endswith(f"artikel1: {model}: invalid process model, 1 error(s), 0 warning(s)\n")
    assert 'duplicate key "id" (a key may appear once in an object)' in r.stderr


@pytest.mark.parametrize("text, key", [
    ('{"a": 1, "a": 2}', "a"),
    ('{"steps": [{"id": "x", "kind": "task", "id": "y"}]}', "id"),
    ('{"a": {"b": 1}, "c": {"b": 2, "d": [1, {"e": 1, "e": 1}]}}', "e"),
    ('{"x": "\\"y\\": 1, \\"y\\": 2", "y": {}, "y": []}', "y"),
])
def test_duplicate_keys_anywhere_in_a_document(tmp_path, text, key):
    model = _write(tmp_path, "m.json", text)
    column = text.rindex(f'"{key}"') + 1  # the last appearance is the second one as a key
    r = run("validate", model)
    assert (r.returncode, r.stdout) == (2, f'error at line 1, column {column} /: duplicate key "{key}" (a key may appear '
                                           f"once in an object)\n{model}: invalid, 1 error(s), 0 warning(s)\n")


def test_duplicate_keys_in_a_json_lines_log(tmp_path):
    lines = (LOGS / "events.jsonl").read_text().splitlines()
    lines[2] = lines[2].replace('"concept:name":', '"concept:name": "intake", "concept:name":', 1)
    log = _write(tmp_path, "log.jsonl", "\n".join(lines) + "\n")
    column = lines[2].index('"concept:name"', lines[2].index('"concept:name"') + 1) + 1
    bad(disparity(log), f'{log}:3:{column}: duplicate key "concept:name" (a key may appear once in an object)')


def test_duplicate_keys_in_a_knowledge_base_extension(tmp_path):
    ext = _write(tmp_path, "ext.json", '{"schema": "artikel1/knowledge-base/1", "schema": "artikel1/knowledge-base/1"}')
    bad(run("assess", "--kb-extend", ext), f'{ext}:1:41: duplicate key "schema" (a key may appear once in an object)')


@pytest.mark.parametrize("pointer, change", [
    ("/id", lambda d: d.update(id="")),
    ("/steps/0/id", lambda d: d["steps"][0].update(id="")),
])
def test_empty_ids_are_errors(tmp_path, pointer, change):
    doc = _model()
    change(doc)
    model = _write(tmp_path, "m.json", json.dumps(doc))
    r = run("validate", model)
    assert r.returncode == 2
    assert f"error {pointer}: an id must not be empty" in r.stdout.splitlines()


def test_cases_per_year_beyond_reason(tmp_path):
    model = _write(tmp_path, "m.json", json.dumps(_model(cases_per_year=1e308)))
    r = run("validate", model)
    assert (r.returncode, r.stdout) == (2, "error /cases_per_year: must be at most 10000000000 (10^10), got 1e+308\n"
                                           f"{model}: invalid, 1 error(s), 0 warning(s)\n")


def test_duplicate_level_ids_in_a_knowledge_base_extension_point_into_the_file(tmp_path):
    kb = json.loads((ROOT / "data" / "knowledge_base.json").read_text())
    levels = kb["method"]["levels"]
    levels[3]["id"] = levels[1]["id"]
    ext = _write(tmp_path, "ext.json", json.dumps({"schema": "artikel1/knowledge-base/1", "method": {"levels": levels}}))
    r = run("assess", "--kb-extend", ext)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (f'artikel1: {ext}: error /method/levels/3/id: duplicate level id "{levels[1]["id"]}" (first used '
                        f"at /method/levels/1)\nartikel1: {ext}: invalid knowledge base extension, 1 error(s), 0 warning(s)\n")


def test_errors_in_an_extension_point_into_the_extension(tmp_path):
    ext = _write(tmp_path, "ext.json", json.dumps({"schema": "artikel1/knowledge-base/1",
                                                   "grounds": [{"id": "race", "label": 5}]}))
    r = run("assess", "--kb-extend", ext)
    assert (r.returncode, r.stdout) == (2, "")
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"artikel1: {ext}: error /grounds/0/label: ")


def _saved_assessment(tmp_path, change):
    saved = json.loads(run("assess", "--format", "json", "--date", DATE).stdout)
    change(saved)
    return _write(tmp_path, "saved.json", json.dumps(saved))


def test_a_saved_assessment_of_an_unknown_schema(tmp_path):
    saved = _saved_assessment(tmp_path, lambda d: d.update(schema="artikel1/assessment/9"))
    bad(run("compare", saved, EXAMPLE), f'{saved}: unsupported schema "artikel1/assessment/9" (this version reads saved '
                                        "assessments of artikel1/assessment/1)")


@pytest.mark.parametrize("change, line", [
    (lambda d: d["steps"][0]["scores"][0].update(score=1e300), "error /steps/0/scores/0/score: a score is from 0 to 100, got 1e+300"),
    (lambda d: d["steps"][0]["scores"][0].update(score=-5), "error /steps/0/scores/0/score: a score is from 0 to 100, got -5"),
    (lambda d: d["steps"].extend([d["steps"][0], d["steps"][0]]), None),
    (lambda d: d["steps"][0]["scores"].append(d["steps"][0]["scores"][0]), None),
    (lambda d: d["steps"][0].update(id=""), "error /steps/0/id: an id must not be empty"),
])
def test_a_saved_assessment_with_impossible_content(tmp_path, change, line):
    saved = _saved_assessment(tmp_path, change)
    doc = json.loads(saved.read_text())
    r = run("compare", saved, EXAMPLE)
    assert (r.returncode, r.stdout) == (2, "")
    lines = r.stderr.splitlines()
    if line is None:
        n = len(doc["steps"])
        if len(doc["steps"][0]["scores"]) == len(doc["grounds"]) + 1:
            g = doc["steps"][0]["scores"][0]["ground"]
            k = len(doc["grounds"])
            assert lines == [f'artikel1: {saved}: error /steps/0/scores/{k}/ground: ground "{g}" is scored twice in this step',
                             f"artikel1: {saved}: invalid assessment, 1 error(s), 0 warning(s)"]
        else:
            s = doc["steps"][0]["id"]
            assert lines == [f'artikel1: {saved}: error /steps/{n - 2}/id: duplicate step id "{s}" (first used at /steps/0)',
                             f'artikel1: {saved}: error /steps/{n - 1}/id: duplicate step id "{s}" (first used at /steps/0)',
                             f"artikel1: {saved}: invalid assessment, 2 error(s), 0 warning(s)"]
    else:
        assert lines == [f"artikel1: {saved}: {line}", f"artikel1: {saved}: invalid assessment, 1 error(s), 0 warning(s)"]
