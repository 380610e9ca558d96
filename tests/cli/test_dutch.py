# SPDX-License-Identifier: EUPL-1.2
"""Every output of `--lang nl` is Dutch: the report of three examples in every format (text, md, html, csv, dot),
the disparity text and Markdown on a log of tests/data, and validate on an invalid and a valid model.

How the check works, strict yet blind to what is not the tool's own words:

1. Only what people read is checked: the text of the HTML page (text nodes, SVG text and titles; not tags,
   attributes, the style sheet or the print script), the labels of the DOT graph, the human column of the CSV
   (top_detail; its header, ids and numbers are for programs and stay as in English), every line of text and
   Markdown. Of validate, the framing of each problem (kind, line, column) and the summary line: the problem
   messages themselves come from the library and are in English, as docs/cli.md says.
2. The user's own words are taken out first: every word of the string values of the model, the column names and
   cells of the event log (names, ids, assumptions, conditions and group labels are the user's, in the user's
   language), and the ids of the method and knowledge base (artikel1-method/1.1, artikel1-default 2026.1).
3. A word then fails when it is in ENGLISH (a fixed list of words the English reports use and Dutch does not), or
   when it occurs in both the English and the Dutch rendering of the same output: the tool's own words are either
   translated, and then differ, or are among the few words both languages share (SHARED). So an English word left
   in the Dutch output is caught without a dictionary, as long as the English output uses it too, and the fixed
   list catches the rest.
4. Numbers: after step 2 a digit, a point and a digit fail (an English decimal point), unless they are a Dutch
   grouping of thousands, [1-9]\\d{0,2}(\\.\\d{3})+ with no digit, point or comma-and-digit after it ("12.000").
   What could slip through is an English decimal with exactly three decimals and a whole part of 1 to 999; the
   reports write decimals with one or two places (scores, ratios, percentages) or below 1 (likelihoods, "0.861",
   which fails), so none of theirs is of that shape. Dates (2026-01-15) have no point and pass. Neither "@" nor a
   double colon may serve as a separator.
"""
import csv
import html.parser
import io
import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
LOGS = ROOT / "tests" / "data" / "logs"
DATE = "2026-01-15"
EXAMPLES = ["bijstand-aanvraag", "toeslagen-risicoclassificatie", "duo-uitwonendenbeurs"]

ENGLISH = {"discretion", "channel", "likelihood", "severity", "in_person", "broad", "bounded", "proxy", "complaint",
           "complaints", "step", "steps", "ground", "grounds", "score", "role", "automation", "visibility", "weight",
           "base", "probability", "dampened", "kind", "signal", "signals", "strength", "sensitivity", "assumption",
           "manual", "rule_based", "algorithmic", "input", "verification", "selection_criterion",
           "decision_criterion", "direct_use", "legal_basis_factor", "rule_complexity", "medium", "high", "low",
           "none", "moderate", "severe", "rate", "ratio", "flagged", "suppressed", "reference", "adverse", "rows",
           "cells", "error", "warning", "warnings", "valid", "invalid", "flows", "attributes", "the", "and", "or",
           "with", "by", "at", "to", "not", "per", "risk", "process", "outcome", "measure", "owner", "due", "date"}
# Words of the tool that Dutch and English share. "per" is Dutch too, but is in ENGLISH above: the Dutch reports
# need it ("per jaar"), so it is taken out of that list again here.
SHARED = {"impact", "mantel", "haenszel", "strata", "stratum", "graphviz", "dot", "artikel1", "in", "per", "team",
          "plan", "protocol", "monitoring", "postcode", "effect", "extra", "direct", "is", "training", "contact",
          "criteria", "passages", "interval", "over"}
NUMBER_WITH_POINT = re.compile(r"\d\.\d")
THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.]|,\d)")
WORD = re.compile(r"[^\W\d]+(?:[_'][^\W\d]+)*")


def run(*args):
    r = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)
    return r


def words(text):
    return {w.lower() for w in WORD.findall(text) if len(w) > 1}


def model_words(model):
    """Every word of the string values of a model (the user's own text and ids)."""
    out = set()

    def walk(value):
        if isinstance(value, str):
            out.update(words(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(model)
    return out


def without_user_text(text, user):
    """The text with the ids of the method and knowledge base, and every word of the user, taken out."""
    text = re.sub(r"artikel1-method/\d+(\.\d+)*|artikel1-default|\b2026\.1\b|&#?\w+;", " ", text)
    return WORD.sub(lambda m: " " if m.group(0).lower() in user else m.group(0), text)


class Readable(html.parser.HTMLParser):
    """The text of an HTML page that a reader sees: text nodes (SVG included), not style or script."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def readable(fmt, output):
    if fmt == "html":
        parser = Readable()
        parser.feed(output)
        return "\n".join(parser.parts)
    if fmt == "dot":
        return "\n".join(m.group(1) for m in re.finditer(r'label="((?:[^"\\]|\\.)*)"', output))
    if fmt == "csv":
        return "\n".join(row["top_detail"] for row in csv.DictReader(io.StringIO(output)))
    return output


def check_dutch(english, dutch, user, where):
    """The checks of steps 2 to 4 of the module's docstring on one output."""
    en, nl = without_user_text(english, user), without_user_text(dutch, user)
    left = (words(nl) & ENGLISH) - SHARED
    both = (words(nl) & words(en)) - SHARED
    assert not left, f"{where}: English words {sorted(left)}"
    assert not both, f"{where}: words in the English and the Dutch output alike {sorted(both)}"
    assert "@" not in nl and "::" not in nl, f"{where}: an @ or a double colon as a separator"
    points = [m for m in NUMBER_WITH_POINT.finditer(THOUSANDS.sub("#", nl))]
    assert not points, f"{where}: a decimal point in {[nl[max(0, m.start() - 20):m.end() + 20] for m in points]}"


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "dot"])
def test_the_report_of_an_example_is_dutch(name, fmt):
    model = json.loads(run("example", name).stdout)
    path = ROOT / "examples" / f"{name}.json"
    assert json.loads(path.read_text()) == model
    outputs = {}
    for lang in ["en", "nl"]:
        r = run("assess", path, "--format", fmt, "--lang", lang, "--date", DATE)
        assert r.returncode == 0, r.stderr
        outputs[lang] = r.stdout
    if fmt == "csv":  # the header, ids and numbers are for programs: the same in both languages
        en_rows = list(csv.DictReader(io.StringIO(outputs["en"])))
        nl_rows = list(csv.DictReader(io.StringIO(outputs["nl"])))
        assert outputs["nl"].splitlines()[0] == outputs["en"].splitlines()[0]
        assert [{k: v for k, v in row.items() if k != "top_detail"} for row in nl_rows] == \
               [{k: v for k, v in row.items() if k != "top_detail"} for row in en_rows]
    check_dutch(readable(fmt, outputs["en"]), readable(fmt, outputs["nl"]), model_words(model), f"{name} {fmt}")


def test_dutch_numbers_in_the_report_of_the_builtin_example():
    text = run("assess", "--lang", "nl", "--date", DATE).stdout
    assert "  ras                   74,3         zeer hoog   intake                  12.000\n" in text
    assert "kans op onderscheid 0,861 x impact 0,862 = ernst hoog 0,75" in text
    assert ("beleidsvrijheid x zichtbaarheid: ruime beleidsvrijheid, kanaal aan het loket / huisbezoek; "
            "beleidsvrijheid ruim 0,6 x zichtbaarheid aan het loket / huisbezoek 0,9 = 0,54") in text
    assert text.startswith("Risicoverkenning voor de Discriminatietoets: Aanvraag bijstandsuitkering (Participatiewet) "
                           "(bijstand-aanvraag)\n")
    page = run("report", "--lang", "nl", "--date", DATE).stdout
    assert "<td class=\"num\">12.000</td>" in page


def log_words(*paths):
    out = set()
    for path in paths:
        for row in csv.reader(open(path, newline="")):
            for cell in row:
                out.update(words(cell))
    return out


DISPARITY = [
    ["--cases", LOGS / "cases.csv", "--group", "migration_background=race", "--strata", "municipality",
     "--min-cell", "1"],
    ["--cases", LOGS / "cases.csv", "--group", "migration_background=race", "--group", "gender=sex",
     "--intersection", "race+sex", "--min-cell", "1"],
    ["--cases", LOGS / "cases.csv", "--group", "migration_background=race"],
]


@pytest.mark.parametrize("options", DISPARITY, ids=["strata", "intersection", "suppressed"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_disparity_is_dutch(options, fmt):
    model = LOGS / "model.json"
    log = LOGS / "events_only.csv"
    outputs = {}
    for lang in ["en", "nl"]:
        r = run("disparity", model, log, *options, "--format", fmt, "--lang", lang)
        assert r.returncode == 0, r.stderr
        outputs[lang] = r.stdout
    user = model_words(json.loads(model.read_text())) | log_words(log, LOGS / "cases.csv")
    check_dutch(outputs["en"], outputs["nl"], user, f"disparity {fmt} {options}")


def test_disparity_text_in_dutch_with_every_cell_and_mantel_haenszel():
    r = run("disparity", LOGS / "model.json", LOGS / "events_only.csv", *DISPARITY[0], "--lang", "nl")
    assert r.stdout == (
        "Waargenomen verschillen: proces log-test\n"
        "  rijen 14, passages langs beslispunten 6, beslispunten 2, gronden 1\n"
        "  cellen 3, onderdrukt (n < 1, of ter bescherming daarvan) 0, gemarkeerd 0\n"
        "Aandeel nadelig per beslispunt, grond en groep (95%-interval):\n"
        "  check / ras\n"
        "    non_western: n 3, nadelig 2, 66,7% [20,8; 93,9], referentiegroep\n"
        "    none: n 1, nadelig 0, 0,0% [0,0; 79,3], verhouding 0,00 [n.v.t.; n.v.t.], q 1,0000\n"
        "      Mantel-Haenszel over 1 stratum: gemeenschappelijke oddsratio 0,00 [n.v.t.; n.v.t.], p 0,4795\n"
        "  decide / ras\n"
        "    non_western: n 2, nadelig 1, 50,0% [9,5; 90,5], referentiegroep\n"
        "Geen gemarkeerde verschillen (q < 0,05 en verhouding buiten 0,80-1,25).\n"
        "\n"
        "gemarkeerde cellen naast hun structurele risico:\n"
        "  geen\n")


def test_validate_frames_its_messages_in_dutch(tmp_path):
    model = json.loads((ROOT / "examples" / "bijstand-aanvraag.json").read_text())
    model["steps"][0]["kind"] = "taak"
    model["flows"][0]["to"] = "nergens"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(model, indent=2))
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": 3,\n "steps": [}')
    user = model_words(model) | words(str(bad)) | words(str(broken))
    summaries = {bad: "ongeldig, 3 fout(en), 9 waarschuwing(en)", broken: "ongeldig, 1 fout(en), 0 waarschuwing(en)"}
    for path, summary in summaries.items():
        outputs = {lang: run("validate", path, "--lang", lang) for lang in ["en", "nl"]}
        assert [r.returncode for r in outputs.values()] == [2, 2]
        framing = {}
        for lang, r in outputs.items():
            lines = r.stdout.splitlines()
            # each problem: kind and position, then the JSON pointer (ids of the format) and the library's message
            # (English in both languages), which are left out
            framing[lang] = "\n".join([re.sub(r" \S*/\S*: .*", "", line) for line in lines[:-1]] + [lines[-1]])
        assert framing["nl"].splitlines()[-1] == f"{path}: {summary}"
        check_dutch(framing["en"], framing["nl"], user, f"validate {path.name}")
    assert run("validate", bad, "--lang", "nl").stdout.startswith(
        'fout /steps/0/kind: unknown value "taak" (expected one of: task, decision, outcome)\n'
        'fout /flows/0/to: flow to unknown step "nergens"\n')
    assert run("validate", broken, "--lang", "nl").stdout.startswith("fout op regel 2, kolom 12 /: syntax error")
    good = run("validate", ROOT / "examples" / "bijstand-aanvraag.json", "--lang", "nl")
    assert good.returncode == 0
    assert good.stdout.endswith(': geldig proces "bijstand-aanvraag" (Aanvraag bijstandsuitkering (Participatiewet)): '
                                "10 stappen, 13 overgangen, 10 kenmerken, 0 waarschuwing(en)\n")
