# SPDX-License-Identifier: EUPL-1.2
"""The team's work (schema artikel1/process/2) from Python: read it, edit it, and compare two rounds with names."""

import pytest

import artikel1


def test_the_teams_work_is_read_through_process():
    first = artikel1.example("bijstand-aanvraag-toets")
    assert first.schema == artikel1.SCHEMA_2 == "artikel1/process/2"
    assert first.team["period"] == {"start": "2026-09-01", "end": "2026-11-30"}
    assert len(first.team["sessions"]) == 4
    assert [(a["step"], a.get("measure"), a["status"]) for a in first.actions] == [
        ("intake", "bias_training", "in_progress"), ("intake", "language_support", "planned"),
        ("documentencheck", None, "planned"), ("risicoselectie", "criteria_justification_test", "planned"),
        ("huisbezoek", "standard_criteria", "planned"), ("huisbezoek", "four_eyes", "in_place")]
    assert [(m["step"], m["id"], m["status"]) for m in first.register] == [
        ("intake", "mb-taal", "refuted"), ("documentencheck", "mb-termijn", "testing"), ("huisbezoek", "mb-samenwonen", "adjusted")]
    assert first.step("intake")["uses"][0]["justification"]["verdict"] == "justified"
    assert artikel1.example("bijstand-aanvraag").schema == "artikel1/process/1"
    assert artikel1.example("bijstand-aanvraag").team is None


def test_building_the_teams_work_sets_schema_2_and_validates():
    p = artikel1.example("bijstand-aanvraag")
    p.set_team(members=[("beleidsadviseur", "J. Jansen"), "klantmanager"], start="2026-09-01", end="2026-11-30",
               sessions=[("2026-09-08", "Start", "Het proces in kaart")])
    p.add_action("huisbezoek", "standard_criteria", owner="teamleider Handhaving", deadline="2027-01-15",
                 check="Tien verslagen per kwartaal")
    p.add_input("intake", "client_council", "Bied een tolk aan.", name="Cliëntenraad", date="2026-10-20",
                response="Overgenomen")
    p.update_assumption("intake", "Aanvragers die slecht Nederlands spreken, verzwijgen vaker inkomsten of vermogen.",
                        id="mb-taal", status="testing")
    p.set_justification("intake", "nationaliteit", verdict="undecided", aim="Recht op bijstand vaststellen")
    assert p.schema == "artikel1/process/2"
    assert p.validate() == []
    assert p.team == {"members": [{"role": "beleidsadviseur", "name": "J. Jansen"}, {"role": "klantmanager"}],
                      "period": {"start": "2026-09-01", "end": "2026-11-30"},
                      "sessions": [{"date": "2026-09-08", "subject": "Start", "summary": "Het proces in kaart"}]}
    # a planned action does not change the score; in place it counts as a measure of its step
    before = artikel1.assess(artikel1.example("bijstand-aanvraag")).score("huisbezoek", "race").score
    assert artikel1.assess(p).score("huisbezoek", "race").score == before
    p.set_action_status("huisbezoek", "standard_criteria", "in_place")
    listed = artikel1.example("bijstand-aanvraag")
    listed.add_measure("huisbezoek", "standard_criteria")
    assert artikel1.assess(p).score("huisbezoek", "race").score == artikel1.assess(listed).score("huisbezoek", "race").score
    assert artikel1.assess(p).score("huisbezoek", "race").score < before
    # the document survives the round trip through the compiled model
    assert artikel1.load(p.to_json()) == p


def test_bad_statuses_are_refused_with_their_pointer():
    p = artikel1.example("bijstand-aanvraag-toets")
    p.set_action_status("intake", "language_support", "done")
    [problem] = [x for x in p.validate() if x.is_error]
    assert (problem.pointer, problem.message) == (
        "/steps/1/actions/1/status", 'unknown value "done" (expected one of: planned, in_progress, in_place)')
    with pytest.raises(artikel1.NotFoundError, match='no action "magic" at step "intake"'):
        p.set_action_status("intake", "magic", "planned")
    with pytest.raises(artikel1.NotFoundError, match='no assumption "mb-x" at step "intake"'):
        p.update_assumption("intake", "mb-x", status="open")
    with pytest.raises(artikel1.NotFoundError, match='step "melding" does not use attribute "wijk"'):
        p.set_justification("melding", "wijk", verdict="justified")


def test_compare_two_rounds_with_names_and_the_teams_work():
    first = artikel1.example("bijstand-aanvraag-toets")
    second = first.copy()
    second.set_action_status("huisbezoek", "standard_criteria", "in_place")
    second.update_assumption("documentencheck", "mb-termijn", status="refuted")
    rounds = artikel1.compare(first, second)
    assert rounds.dossiers_compared
    assert [(a["measure"], a["status_before"], a["status_after"], a["now_in_place"]) for a in rounds.actions] == [
        ("standard_criteria", "planned", "in_place", True)]
    assert [(m["id"], m["status_before"], m["status_after"]) for m in rounds.assumptions] == [("mb-termijn", "testing", "refuted")]
    race = [c for c in rounds.changes if (c.step, c.ground) == ("huisbezoek", "race")][0]
    assert (race.step_name, race.ground_label, race.before, race.after, race.level_change) == (
        "Huisbezoek (op indicatie)", {"nl": "ras", "en": "race"}, 22.1, 14.9, "down")
    text = rounds.to_text(language="nl")
    assert text.splitlines()[2] == "omhoog 0, omlaag 11, nieuw 0, verdwenen 0, gelijk 99"
    assert "  omlaag      Huisbezoek (op indicatie) (huisbezoek) / ras: 22,1 midden -> 14,9 laag (lager niveau)\n" in text
    assert rounds.to_markdown().startswith("# Comparison of two rounds\n")
    assert rounds.to_html(language="nl").startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "de"'):
        rounds.to_text(language="de")
    # assessments carry no team's work
    scores_only = artikel1.compare(artikel1.assess(first), artikel1.assess(second))
    assert (scores_only.dossiers_compared, scores_only.actions) == (False, [])
    assert scores_only.counts == rounds.counts
