# SPDX-License-Identifier: EUPL-1.2
"""artikel1 compare between two rounds of the toets: names of steps and grounds, levels, the measures of the action
plan now in place and the mensbeelden that changed status, in text, Markdown, HTML and JSON, in Dutch and English.
Every score shown is checked against the assessments of the two rounds (artikel1 assess --format json)."""
import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLI = os.environ.get("ARTIKEL1_CLI", str(ROOT / "build" / "tools" / "artikel1"))
FIRST = ROOT / "examples" / "bijstand-aanvraag-toets.json"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture
def second(tmp_path):
    """The second round: two promised measures in place, one mensbeeld refuted, the refuted one dropped."""
    doc = json.loads(FIRST.read_text(encoding="utf-8"))
    steps = {s["id"]: s for s in doc["steps"]}
    steps["intake"]["actions"][0]["status"] = "in_place"       # bias_training, was in_progress
    steps["huisbezoek"]["actions"][0]["status"] = "in_place"   # standard_criteria, was planned
    steps["documentencheck"]["assumptions"][0]["status"] = "refuted"  # was testing
    del steps["intake"]["assumptions"]
    doc["name"] = "Aanvraag bijstandsuitkering: Discriminatietoets 2027, tweede ronde"
    path = tmp_path / "ronde-2027.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def scores(path):
    """(step id, ground id) -> (score, level label nl, level label en), from the assessment of a model."""
    doc = json.loads(run("assess", path, "--format", "json").stdout)
    labels = {level["id"]: level["label"] for level in doc["levels"]}
    return {(step["id"], s["ground"]): (s["score"], labels[s["level"]]["nl"], labels[s["level"]]["en"])
            for step in doc["steps"] for s in step["scores"]}


def dutch(number):
    return f"{number:.1f}".replace(".", ",")


def test_compare_two_rounds_in_dutch_text(second):
    r = run("compare", FIRST, second, "--lang", "nl")
    assert (r.returncode, r.stderr) == (0, "")
    lines = r.stdout.splitlines()
    assert lines[:5] == [
        "Vergelijking van twee rondes: Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde "
        "(bijstand-aanvraag-toets) -> Aanvraag bijstandsuitkering: Discriminatietoets 2027, tweede ronde (bijstand-aanvraag-toets)",
        "Methode: artikel1-method/1.1 -> artikel1-method/1.1",
        "omhoog 0, omlaag 22, nieuw 0, verdwenen 0, gelijk 88",
        "",
        "Scores die veranderden",
    ]
    before, after = scores(FIRST), scores(second)
    grounds = {g["id"]: g["label"]["nl"] for g in json.loads(run("assess", FIRST, "--format", "json").stdout)["grounds"]}
    names = {s["id"]: s["name"] for s in json.loads(FIRST.read_text(encoding="utf-8"))["steps"]}
    changed = [(step, ground) for (step, ground), value in after.items() if before[(step, ground)][0] != value[0]]
    assert len(changed) == 22
    expected = []
    for step, ground in changed:
        (b, bl, _), (a, al, _) = before[(step, ground)], after[(step, ground)]
        line = f"  omlaag      {names[step]} ({step}) / {grounds[ground]}: {dutch(b)} {bl} -> {dutch(a)} {al}"
        if bl != al:
            line += " (lager niveau)"
        expected.append(line)
    assert lines[5:27] == expected
    # by hand: the protocol takes race at the home visit from 22.1 medium to 14.9 low
    assert "  omlaag      Huisbezoek (op indicatie) (huisbezoek) / ras: 22,1 midden -> 14,9 laag (lager niveau)" in lines
    assert lines[27:] == [
        "",
        "Maatregelen van het actieplan",
        "  nu ingevoerd: Intakegesprek met de klantmanager (intake): training vooroordelen en mensbeelden: Training over "
        "mensbeelden voor alle klantmanagers, met de mensbeelden uit dit register (in uitvoering -> ingevoerd)",
        "  nu ingevoerd: Huisbezoek (op indicatie) (huisbezoek): vaste beoordelingscriteria / protocol: Protocol huisbezoek: "
        "alleen op concrete aanwijzingen, vooraf aangekondigd, met vastgelegd wat wel en niet bekeken wordt (gepland -> ingevoerd)",
        "",
        "Mensbeelden die van status veranderden",
        '  Controle bewijsstukken (binnen de hersteltermijn) (documentencheck): "Wie de bewijsstukken niet op tijd inlevert, '
        'heeft iets te verbergen." (wordt getoetst -> weerlegd)',
        '  Intakegesprek met de klantmanager (intake): "Aanvragers die slecht Nederlands spreken, verzwijgen vaker inkomsten '
        'of vermogen." (weerlegd -> geschrapt)',
    ]


def test_compare_two_rounds_in_english_text(second):
    r = run("compare", FIRST, second)
    assert r.returncode == 0
    assert r.stdout.splitlines()[2] == "up 0, down 22, appeared 0, disappeared 0, unchanged 88"
    assert "  down        Huisbezoek (op indicatie) (huisbezoek) / race: 22.1 medium -> 14.9 low (lower level)\n" in r.stdout
    assert "  now in place: Huisbezoek (op indicatie) (huisbezoek): standard criteria / protocol: " in r.stdout
    assert "(planned -> in place)\n" in r.stdout
    assert "(being tested -> refuted)\n" in r.stdout and "(refuted -> dropped)\n" in r.stdout


def test_compare_two_rounds_as_markdown_and_html(second, tmp_path):
    out = tmp_path / "vergelijking.md"
    r = run("compare", FIRST, second, "--lang", "nl", "-o", out)
    assert (r.returncode, r.stdout) == (0, "")
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Vergelijking van twee rondes\n\n- Vorige ronde: Aanvraag bijstandsuitkering: Discriminatietoets "
                         "2026, eerste ronde `bijstand-aanvraag-toets`, `artikel1-method/1.1`\n")
    assert "\n- omhoog 0, omlaag 22, nieuw 0, verdwenen 0, gelijk 88\n" in md
    assert "| Stap | Grond | Verandering | Was | Nu |\n|---|---|---|---:|---:|\n" in md
    assert "| Huisbezoek (op indicatie) `huisbezoek` | ras | omlaag, lager niveau | 22,1 midden | 14,9 laag |\n" in md
    assert "| Intakegesprek met de klantmanager | training vooroordelen en mensbeelden: Training over mensbeelden voor alle " \
           "klantmanagers, met de mensbeelden uit dit register | in uitvoering | **ingevoerd** |\n" in md
    assert "| Controle bewijsstukken (binnen de hersteltermijn) | Wie de bewijsstukken niet op tijd inlevert, heeft iets te " \
           "verbergen. | wordt getoetst | weerlegd |\n" in md
    assert run("compare", FIRST, second, "--format", "md", "--lang", "nl").stdout == md
    out = tmp_path / "comparison.html"
    assert run("compare", FIRST, second, "-o", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n")
    assert page.endswith("</body>\n</html>\n")
    assert "<h2>Measures of the action plan</h2>" in page and "<h2>Assumptions that changed status</h2>" in page
    assert "<td>planned</td><td><strong>in place</strong></td>" in page
    assert re.search(r'<td>Huisbezoek \(op indicatie\) <code>huisbezoek</code></td><td>race</td><td>down, lower level</td>'
                     r'<td><span class="badge" style="background:#fee08b">22\.1 medium</span></td>'
                     r'<td><span class="badge" style="background:#d9f0d3">14\.9 low</span></td>', page)
    nl = run("compare", FIRST, second, "--format", "html", "--lang", "nl").stdout
    assert "<html lang=\"nl\">" in nl and "<td>gepland</td><td><strong>ingevoerd</strong></td>" in nl
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org", "")


def test_compare_json_keeps_its_fields_and_adds_names_and_the_teams_work(second):
    r = run("compare", FIRST, second, "--format", "json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert doc["schema"] == "artikel1/comparison/1"
    assert doc["before"] == {"process": "bijstand-aanvraag-toets", "method": "artikel1-method/1.1",
                             "name": "Aanvraag bijstandsuitkering: Discriminatietoets 2026, eerste ronde"}
    assert doc["counts"] == {"up": 0, "down": 22, "appeared": 0, "disappeared": 0, "unchanged": 88}
    race = [c for c in doc["changes"] if c["step"] == "huisbezoek" and c["ground"] == "race"]
    assert race == [{"step": "huisbezoek", "ground": "race", "change": "down", "before": 22.1, "after": 14.9,
                     "level_before": "medium", "level_after": "low", "step_name": "Huisbezoek (op indicatie)",
                     "ground_label": {"nl": "ras", "en": "race"}, "level_change": "down"}]
    assert doc["dossiers_compared"] is True
    assert [(a["step"], a["measure"], a["status_before"], a["status_after"], a["now_in_place"]) for a in doc["actions"]] == [
        ("intake", "bias_training", "in_progress", "in_place", True),
        ("huisbezoek", "standard_criteria", "planned", "in_place", True)]
    assert [(a["id"], a["present_before"], a["present_after"], a["status_before"], a["status_after"])
            for a in doc["assumptions"]] == [("mb-termijn", True, True, "testing", "refuted"),
                                             ("mb-taal", True, False, "refuted", None)]


def test_compare_saved_assessments_compares_only_the_scores(second, tmp_path):
    saved = tmp_path / "ronde-2026-beoordeling.json"
    assert run("assess", FIRST, "--format", "json", "-o", saved).returncode == 0
    r = run("compare", saved, second, "--lang", "nl")
    assert r.returncode == 0
    assert r.stdout.endswith("\nHet werk van het team (actieplan, mensbeelden) wordt alleen vergeleken als beide rondes "
                             "een procesmodel zijn.\n")
    assert "omhoog 0, omlaag 22, nieuw 0, verdwenen 0, gelijk 88\n" in r.stdout
    doc = json.loads(run("compare", saved, second, "--format", "json").stdout)
    assert (doc["dossiers_compared"], doc["actions"], doc["assumptions"]) == (False, [], [])
    # the names come from the saved assessment as well
    assert doc["changes"][0]["step_name"] == "Intakegesprek met de klantmanager"


def test_compare_a_round_with_itself_and_bad_options():
    r = run("compare", FIRST, FIRST, "--lang", "nl")
    assert r.stdout.splitlines()[2:] == [
        "omhoog 0, omlaag 0, nieuw 0, verdwenen 0, gelijk 110", "", "Scores die veranderden", "  Geen score veranderde.",
        "", "Maatregelen van het actieplan", "  Geen maatregel veranderde van status.", "",
        "Mensbeelden die van status veranderden", "  Geen mensbeeld veranderde van status."]
    r = run("compare", FIRST, FIRST, "--lang", "de")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown language "de" (nl or en) (see artikel1 --help)\n')
    r = run("compare", FIRST, FIRST, "--format", "csv")
    assert (r.returncode, r.stderr) == (2, 'artikel1: unknown format "csv" (text, json, md, html) (see artikel1 --help)\n')
