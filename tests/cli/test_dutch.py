# SPDX-License-Identifier: EUPL-1.2
"""Every output of `--lang nl` is Dutch: the report of three examples in every format (text, md, html, csv, dot),
the disparity text and Markdown on a log of tests/data, and validate on an invalid and a valid model.

How the check works, strict yet blind to what is not the tool's own words:

1. Only what people read is checked: the text of the HTML page (text nodes, SVG text and titles; not tags,
   attributes, the style sheet or the print script), the labels of the DOT graph, the human column of the CSV
   (top_detail; its header, ids and numbers are for programs and stay as in English), every line of text and
   Markdown. Of validate, every line: the kind and position of each problem, its message and the summary line;
   what a message quotes ("taak", '}') is the user's input or a name of the format, and its JSON pointers are ids of
   the format: both are taken out first.
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
# Names of JSON and of the format that validate's messages use in both languages (MM and DD of a date, and
# "mensbeeld", the Dutch term the English texts use too).
SHARED_VALIDATE = {"json", "object", "true", "false", "null", "id", "schema", "mm", "dd", "mensbeeld"}
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


def check_dutch(english, dutch, user, where, shared=frozenset()):
    """The checks of steps 2 to 4 of the module's docstring on one output."""
    en, nl = without_user_text(english, user), without_user_text(dutch, user)
    left = (words(nl) & ENGLISH) - SHARED - shared
    both = (words(nl) & words(en)) - SHARED - shared
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


EXAMPLE_LOG = ROOT / "examples" / "logs" / "bijstand-aanvraag.csv"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_compounding_is_dutch(fmt):
    """The --compound section (end-to-end probabilities, shares, the outcome test) in Dutch, on the example's log."""
    model = ROOT / "examples" / "bijstand-aanvraag.json"
    outputs = {}
    for lang in ["en", "nl"]:
        r = run("disparity", model, EXAMPLE_LOG, "--group", "migratieachtergrond=race", "--compound",
                "--hit", "besluit=afwijzing", "--format", fmt, "--lang", lang)
        assert r.returncode == 0, r.stderr
        outputs[lang] = r.stdout
    heading = {"text": "opeenstapeling: ", "md": "## Opeenstapeling"}[fmt]
    assert heading in outputs["nl"]
    user = model_words(json.loads(model.read_text())) | log_words(EXAMPLE_LOG)
    check_dutch(outputs["en"], outputs["nl"], user, f"disparity --compound {fmt}", shared={"fisher", "log"})


def test_compounding_text_in_dutch_word_for_word():
    r = run("disparity", ROOT / "examples" / "bijstand-aanvraag.json", EXAMPLE_LOG, "--group",
            "migratieachtergrond=race", "--compound", "--hit", "besluit=afwijzing", "--lang", "nl")
    assert r.returncode == 0, r.stderr
    section = r.stdout[r.stdout.index("opeenstapeling: "):].splitlines()
    assert section[:5] == [
        "opeenstapeling: bijstand-aanvraag (geschat uit het log)",
        "",
        "grond ras, referentie geen",
        "  uitkomst bezwaar-ongegrond",
        "    geen: 0,0586 [0,0476; 0,0719] (referentie)"]
    assert section[6] == ("      intake: aandeel in de log-verhouding -0,0384 (4,2%), in het verschil -0,0015; "
                          "alleen dit punt gelijk: verhouding 0,420")
    assert "      risicoselectie: aandeel in de log-verhouding 0,0000 (0,0%), in het verschil 0,0000; " \
           "alleen dit punt gelijk: verhouding 0,404" in section
    assert "  uitkomsttoets (trefkans onder de geselecteerden)" in section


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


def validate_readable(output):
    """The lines of validate without what its messages quote and without JSON pointers (names of the format)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', " ", output)
    text = re.sub(r"'[^'\n]*'", " ", text)
    return re.sub(r"(?<![\w.])/[^\s:,;)]*", " ", text)


def broken_models():
    """Models with problems of many kinds: names and the JSON text of each."""
    example = json.loads((ROOT / "examples" / "bijstand-aanvraag.json").read_text())
    bad = json.loads(json.dumps(example))
    bad["steps"][0]["kind"] = "taak"
    bad["flows"][0]["to"] = "nergens"
    many = json.loads(json.dumps(example))
    many["cases_per_year"] = -1
    many["extra"] = True
    many["steps"][2]["id"] = many["steps"][1]["id"]
    many["steps"][0]["name"] = 3
    many["steps"][0]["measures"] = ["onbekend", "onbekend"]
    many["steps"][0]["signals"] = [{"ground": "kleur", "count": 1.5}]
    many["attributes"].append({"id": many["attributes"][0]["id"], "kind": "schoenmaat"})
    many["flows"][1]["probability"] = 1.5
    many["flows"][0]["burden"] = "high"
    many["flows"][0]["adverse"] = False
    many["flows"][3]["groups"] = [{"ground": "race", "group": "a", "probability": 0.5},
                                  {"ground": "race", "group": "a", "probability": 0.25}]
    loop = {"schema": "artikel1/process/1", "id": "lus", "name": "Lus",
            "steps": [{"id": "a", "kind": "task"}, {"id": "b", "kind": "task"}],
            "flows": [{"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
    starts = {"schema": "artikel1/process/1", "id": "twee", "name": "Twee", "start": "c",
              "steps": [{"id": "a", "kind": "task"}, {"id": "b", "kind": "outcome"}],
              "flows": [{"from": "a", "to": "b", "probability": 0.5, "count": 5, "of": 2}]}
    closed = {"schema": "artikel1/process/1", "id": "dicht", "name": "Dicht",
              "steps": [{"id": "a", "kind": "task"}, {"id": "b", "kind": "task"}, {"id": "c", "kind": "task"}],
              "flows": [{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "b"}]}
    two = {"schema": "artikel1/process/1", "id": "twee-begin", "name": "Twee",
           "steps": [{"id": "a", "kind": "task"}, {"id": "b", "kind": "task"}, {"id": "c", "kind": "outcome"}],
           "flows": [{"from": "a", "to": "c"}, {"from": "b", "to": "c", "adverse": True}]}
    dossier = json.loads((ROOT / "examples" / "bijstand-aanvraag-toets.json").read_text())
    dossier["team"]["period"] = {"start": "2026-09-01", "end": "2026-08-01"}
    dossier["team"]["sessions"][0]["date"] = "8 september"
    dossier["steps"][1]["actions"].append({"status": "planned"})
    dossier["steps"][1]["actions"].append({"measure": "bias_training", "status": "gepland"})
    dossier["steps"][1]["actions"].append({"measure": "complaint_followup", "status": "in_place"})
    dossier["steps"][2]["assumptions"][0]["id"] = "mb-taal"
    return {"bad": json.dumps(bad, indent=2), "many": json.dumps(many, indent=2), "loop": json.dumps(loop),
            "starts": json.dumps(starts), "closed": json.dumps(closed), "two": json.dumps(two), "dossier": json.dumps(dossier, indent=2),
            "broken": '{"id": 3,\n "steps": [}', "literal": '{"id": tru}', "duplicate": '{"id": "a", "id": "b"}',
            "end": '{"id": "a", "steps": [', "string": '{"id": "a\n'}


def test_validate_is_dutch_messages_included(tmp_path):
    checked = 0
    for name, text in broken_models().items():
        path = tmp_path / f"{name}.json"
        path.write_text(text)
        try:
            user = model_words(json.loads(text))
        except ValueError:
            user = set()
        user |= words(str(path))
        outputs = {lang: run("validate", path, "--lang", lang) for lang in ["en", "nl"]}
        assert [r.returncode for r in outputs.values()] == [2, 2], (name, outputs["nl"].stdout)
        lines = outputs["nl"].stdout.splitlines()
        assert len(lines) == len(outputs["en"].stdout.splitlines())
        assert all(line.startswith(("fout ", "waarschuwing ")) for line in lines[:-1]), name
        assert lines[-1].startswith(f"{path}: ongeldig, "), name
        check_dutch(validate_readable(outputs["en"].stdout), validate_readable(outputs["nl"].stdout), user,
                    f"validate {name}", SHARED_VALIDATE)
        checked += len(lines) - 1
    assert checked >= 40


def test_validate_messages_in_dutch_word_for_word(tmp_path):
    models = broken_models()
    out = {}
    for name in ["bad", "many", "loop", "starts", "closed", "two", "dossier", "broken", "literal", "duplicate"]:
        path = tmp_path / f"{name}.json"
        path.write_text(models[name])
        out[name] = run("validate", path, "--lang", "nl").stdout
    assert out["bad"].startswith(
        'fout /steps/0/kind: onbekende waarde "taak" (kies uit: "task", "decision", "outcome")\n'
        'fout /flows/0/to: overgang naar onbekende stap "nergens"\n')
    assert out["bad"].endswith("bad.json: ongeldig, 3 fout(en), 9 waarschuwing(en)\n")
    for line in ['waarschuwing /extra: onbekend onderdeel "extra" wordt overgeslagen',
                 "fout /cases_per_year: moet 0 of meer zijn",
                 "fout /steps/0/name: verwacht een tekst, gevonden een getal",
                 "fout /steps/0/signals/0/count: verwacht een geheel getal van 0 of meer, gevonden 1,5",
                 'fout /steps/0/measures/1: maatregel "onbekend" staat twee keer in de lijst (eerst bij /steps/0/measures/0)',
                 'fout /steps/2/id: dubbele stap-id "intake" (al gebruikt bij /steps/1)',
                 'fout /attributes/10/kind: onbekende soort kenmerk "schoenmaat"',
                 "fout /flows/1/probability: kans 1,5 ligt niet tussen 0 en 1",
                 'fout /flows/0/burden: alleen een nadelige overgang kan een last ("burden") dragen: voeg "adverse": true toe',
                 'fout /flows/3/groups/1: groep "a" van discriminatiegrond "race" staat er twee keer in']:
        assert line + "\n" in out["many"]
    assert out["loop"].startswith('fout /: geen begin: elke stap heeft een inkomende overgang; geef de eerste stap op in '
                                  '"start"\n')
    assert out["starts"].startswith('fout /flows/0/count: het aantal in "count" (5) is groter dan het totaal in "of" (2)\n'
                                    'fout /steps/0: de kansen van de overgangen vanuit "a" zijn samen 0,5 en niet 1\n'
                                    'fout /start: onbekende beginstap "c"\n')
    assert out["closed"].startswith('fout /steps/1: zaken die bij "b" komen, kunnen hun lus nooit meer uit: voeg een '
                                    'overgang uit de lus toe, of een uitkomst\n')
    assert out["two"].startswith('waarschuwing /flows/1/adverse: nadelige overgang leidt naar stap "c", die geen ernst heeft '
                                 '("none"); de last telt dus niet mee in de impact\n'
                                 'fout /: geen eenduidig begin: 2 stappen hebben geen inkomende overgang ("a", "b"); geef '
                                 'de eerste stap op in "start"\n')
    for line in ['fout /team/sessions/0/date: verwacht een datum als JJJJ-MM-DD, gevonden "8 september"',
                 'fout /steps/1/actions/2: een actie heeft een "measure" (uit de kennisbank) of een "description" nodig',
                 'fout /steps/1/actions/3/status: onbekende waarde "gepland" (kies uit: "planned", "in_progress", "in_place")',
                 "fout /team/period/end: de periode eindigt op 2026-08-01, vóór het begin op 2026-09-01"]:
        assert line + "\n" in out["dossier"]
    assert out["broken"].startswith("fout op regel 2, kolom 12 /: geen geldige JSON: onverwacht '}'; verwacht: '[', '{' "
                                    "of een waarde\n")
    assert out["literal"].startswith('fout op regel 1, kolom 11 /: geen geldige JSON: ongeldige waarde, gelezen: ')
    assert out["duplicate"].startswith('fout op regel 1, kolom 13 /: dubbele sleutel "id" (een sleutel mag maar één keer '
                                       'in een object staan)\n')


def test_validate_of_a_valid_model_is_dutch():
    good = run("validate", ROOT / "examples" / "bijstand-aanvraag.json", "--lang", "nl")
    assert good.returncode == 0
    assert good.stdout.endswith(': geldig proces "bijstand-aanvraag" (Aanvraag bijstandsuitkering (Participatiewet)): '
                                "10 stappen, 13 overgangen, 10 kenmerken, 0 waarschuwing(en)\n")


def test_assess_and_report_reject_a_model_in_dutch(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(broken_models()["bad"])
    for command in ["assess", "report"]:
        r = run(command, path, "--lang", "nl")
        assert r.returncode == 2
        lines = r.stderr.splitlines()
        assert lines[0] == f'artikel1: {path}: fout /steps/0/kind: onbekende waarde "taak" (kies uit: "task", "decision", "outcome")'
        assert lines[-1] == f"artikel1: {path}: ongeldig procesmodel, 3 fout(en), 9 waarschuwing(en)"
        english = run(command, path).stderr.splitlines()
        assert english[-1] == f"artikel1: {path}: invalid process model, 3 error(s), 9 warning(s)"
        user = model_words(json.loads(path.read_text())) | words(str(path))
        check_dutch(validate_readable(run(command, path).stderr), validate_readable(r.stderr), user, command, SHARED_VALIDATE)


def test_convert_and_fit_reject_a_model_in_dutch(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(broken_models()["bad"])
    for args in [("convert", path, "-o", tmp_path / "out.json"), ("fit", path, EXAMPLE_LOG, "--group", "migratieachtergrond=race")]:
        r = run(*args, "--lang", "nl")
        assert r.returncode == 2, args
        lines = r.stderr.splitlines()
        assert lines[0] == f'artikel1: {path}: fout /steps/0/kind: onbekende waarde "taak" (kies uit: "task", "decision", "outcome")'
        assert lines[-1] == f"artikel1: {path}: ongeldig procesmodel, 3 fout(en), 9 waarschuwing(en)"


def read_error(tmp_path, text, *options, name="log.csv", lang="nl"):
    """The one line a command writes on stderr when the log `text` cannot be read."""
    log = tmp_path / name
    log.write_text(text)
    r = run("disparity", LOGS / "model.json", log, "--group", "migration_background=race", *options, "--lang", lang)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1, r.stderr
    return r.stderr.replace(str(log), "LOG")


HEADER = "case_id,step,next_step,migration_background\n"


@pytest.mark.parametrize("text,options,name,dutch,english", [
    ("c1,check,approve,Jan de Vries\n", (), "log.csv",
     'LOG:1:1: geen kolom voor stap ("concept:name" of "step") in de kopregel (4 kolommen)',
     'LOG:1:1: no step column ("concept:name" or "step") in the header (4 columns)'),
    ("", (), "log.csv", "LOG:1:1: leeg bestand: verwacht een kopregel", "LOG:1:1: empty file: expected a header row"),
    (HEADER + 'c1,check,"approve"x,a\n', (), "log.csv",
     "LOG:2:19: onverwacht teken na een afsluitend aanhalingsteken (een aanhalingsteken in een veld moet dubbel staan)",
     "LOG:2:19: unexpected character after a closing quote (a quote inside a field must be doubled)"),
    (HEADER + "c1,check,nope,a\n", ("--strict",), "log.csv",
     'LOG:2:10: onbekende volgende stap "nope" (strikte modus) (kolom "next_step")',
     'LOG:2:10: unknown next step "nope" (strict mode) (column "next_step")'),
    (HEADER + "c1,check\n", (), "log.csv", "LOG:2:9: verwacht 4 velden (zoals in de kopregel), gevonden 2",
     "LOG:2:9: expected 4 fields (as in the header), found 2"),
    ("[1]\n", (), "log.jsonl", "LOG:1:1: verwacht één JSON-object per regel, gevonden een lijst",
     "LOG:1:1: expected one JSON object per line, found an array"),
    ("<trace/>", (), "log.xes", 'LOG:1:1: verwacht het hoofdelement log van een XES-document, gevonden "trace"',
     'LOG:1:1: expected the root element log of an XES document, found "trace"'),
])
def test_errors_reading_a_log_are_dutch(tmp_path, text, options, name, dutch, english):
    assert read_error(tmp_path, text, *options, name=name) == f"artikel1: {dutch}\n"
    assert read_error(tmp_path, text, *options, name=name, lang="en") == f"artikel1: {english}\n"
    assert "Jan" not in dutch


def test_errors_opening_files_are_dutch(tmp_path):
    r = run("disparity", LOGS / "model.json", tmp_path / "missing.csv", "--group", "migration_background=race", "--lang", "nl")
    assert r.returncode == 2
    assert r.stderr == f"artikel1: kan {tmp_path / 'missing.csv'} niet openen: het bestand of de map bestaat niet\n"
    r = run("validate", tmp_path, "--lang", "nl")
    assert r.stderr == f"artikel1: kan {tmp_path} niet lezen: het is een map\n"
    r = run("merge", tmp_path / "missing.json", "--lang", "nl")
    assert r.stderr == f"artikel1: kan {tmp_path / 'missing.json'} niet openen: het bestand of de map bestaat niet\n"
    r = run("merge", tmp_path / "missing.json")
    assert r.stderr == f"artikel1: cannot open {tmp_path / 'missing.json'}: No such file or directory\n"


def test_errors_of_a_bpmn_file_are_dutch(tmp_path):
    text = (ROOT / "examples" / "bpmn" / "bijstand-aanvraag.bpmn").read_text()
    broken = tmp_path / "broken.bpmn"
    broken.write_text(text.replace('a1:rule_complexity="medium"', 'a1:discrecion="broad"', 1))
    r = run("validate", broken, "--lang", "nl")
    assert r.returncode == 2
    assert r.stderr.startswith(f"artikel1: {broken}:42:"), r.stderr
    assert r.stderr.endswith(': onbekende artikel1-annotatie "discrecion" op "intake"\n'), r.stderr
    english = run("validate", broken).stderr
    assert english.endswith(': unknown artikel1 annotation "discrecion" on "intake"\n'), english
    empty = tmp_path / "empty.bpmn"
    empty.write_text('<?xml version="1.0"?><x/>')
    assert run("assess", empty, "--lang", "nl").stderr == \
        f"artikel1: {empty}:1:1: geen element bpmn:definitions: geen BPMN 2.0-bestand\n"
