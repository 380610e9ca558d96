# SPDX-License-Identifier: EUPL-1.2
"""assess() on docs/method.md's worked example (hand-computed values), the result objects, to_frame(), plot(), compare()."""

import json
import pathlib
import re
import threading

import pytest

import artikel1
from conftest import build_worked_example


@pytest.fixture
def worked_assessment(worked, worked_kb):
    return artikel1.assess(worked, worked_kb)


def test_the_worked_example(worked_assessment):
    a = worked_assessment
    s = a.score("select", "race")
    assert s.score == 32.7
    assert s.level == "medium"
    assert s.likelihood == pytest.approx(0.595)
    assert s.impact == pytest.approx(0.55)
    assert [(c.source, c.value) for c in s.contributions] == [("proxy", 0.5), ("complaint", 0.19)]
    assert s.contributions[0].attribute == "postcode"
    assert s.top_contribution.source == "proxy"
    assert s.impact_term.severity == "severe"
    assert s.impact_term.probability == pytest.approx(0.1)
    assert s.impact_term.outcomes == ["sanction"]
    assert a.method == "artikel1-method/test"
    assert a.grounds == ["race", "nationality", "disability"]
    assert a.levels == ["low", "medium", "high", "very_high"]
    assert a.process_id == "worked" and a.process_name == "Worked example"


def test_a_measure_lowers_the_score(worked_kb):
    a = artikel1.assess(build_worked_example(measures=["bias_testing"]), worked_kb)
    s = a.score("select", "race")
    assert s.score == 26.0 and s.level == "medium"
    assert s.likelihood == pytest.approx(0.4735)
    assert s.contributions[0].value == pytest.approx(0.35) and s.contributions[0].raw == pytest.approx(0.5)
    assert s.contributions[0].dampened_by == [{"measure": "bias_testing", "factor": 0.7}]


def test_recommendations_are_recomputed_scores(worked_assessment):
    here = [r for r in worked_assessment.recommendations if (r.step, r.ground) == ("select", "race")]
    assert [(r.measure, r.score_before, r.score_after, r.level_after, r.rank, r.aimed_at) for r in here] == [
        ("random_sampling", 32.7, 14.9, "low", 1, ["proxy"]), ("complaint_followup", 32.7, 30.1, "medium", 2, ["complaint"])]


def test_objects_carry_the_values_of_the_canonical_json(worked_assessment):
    doc = json.loads(worked_assessment.to_json())
    assert doc == worked_assessment.to_dict()
    assert doc["schema"] == "artikel1/assessment/1"
    for step_doc, step in zip(doc["steps"], worked_assessment.steps):
        assert (step.id, step.kind, step.expected_visits, step.guards) == (
            step_doc["id"], step_doc["kind"], step_doc["expected_visits"], step_doc["guards"])
        for score_doc in step_doc["scores"]:
            score = step.scores[score_doc["ground"]]
            assert (score.score, score.level, score.likelihood, score.impact) == (
                score_doc["score"], score_doc["level"], score_doc["likelihood"], score_doc["impact"])
            assert [c.value for c in score.contributions] == [c["value"] for c in score_doc["contributions"]]
    summary = worked_assessment.summary
    assert list(summary) == ["race", "nationality", "disability"]
    race = summary["race"]
    assert (race.max_score, race.max_level, race.max_step) == (doc["summary"][0]["max_score"],
                                                              doc["summary"][0]["max_level"], doc["summary"][0]["max_step"])
    assert race.max_step == "select" and race.max_score == 32.7
    assert sum(race.steps_per_level.values()) == 5
    assert worked_assessment.max_score == 32.7


def test_numbers_without_explanations():
    full = artikel1.assess(artikel1.example())
    numbers = artikel1.assess(artikel1.example(), explanations=False)
    pairs = [(x, y) for x, y in zip(numbers.scores(), full.scores())]
    assert len(pairs) == len(full.scores()) > 50
    for x, y in pairs:
        assert (x.step, x.ground, x.score, x.level, x.likelihood, x.impact) == (y.step, y.ground, y.score, y.level, y.likelihood, y.impact)
        assert (x.robustness["low"], x.robustness["high"]) == (y.robustness["low"], y.robustness["high"])
        assert x.contributions == [] and x.top_contribution is None
    assert any(y.contributions for _, y in pairs)
    assert numbers.recommendations == full.recommendations


def test_walking_the_steps(worked_assessment):
    a = worked_assessment
    assert [s.id for s in a.steps] == ["apply", "select", "investigate", "sanction", "close"]
    select = a.step("select")
    assert select.kind == "decision" and select.reachable and not select.in_cycle
    assert select.expected_visits == 1.0
    assert select.max_score == 32.7
    assert a.step("close").expected_visits == pytest.approx(0.9 + 0.1 * 0.9)  # straight from select, or investigated
    assert a.gatekeepers == {"select": ["investigate", "sanction"]}
    assert a.step("select").is_gatekeeper
    assert a.cycles == 0
    top = a.scores()[0]
    assert (top.step, top.ground, top.score) == ("select", "race", 32.7)
    assert [s.step for s in a.scores(min_level="medium")] == ["select"]
    assert len(a.scores(ground="race")) == 5
    assert a.matrix()[1] == [32.7, a.score("select", "nationality").score, a.score("select", "disability").score]


def test_unknown_names_raise(worked_assessment):
    with pytest.raises(artikel1.NotFoundError, match='no step "nope" in this assessment'):
        worked_assessment.score("nope", "race")
    with pytest.raises(artikel1.NotFoundError, match='no ground "religion" in this assessment'):
        worked_assessment.score("select", "religion")
    with pytest.raises(artikel1.NotFoundError, match='no ground "religion" in this assessment'):
        worked_assessment.scores(ground="religion")
    with pytest.raises(artikel1.InvalidArgumentError, match='no level "huge"; levels are low, medium, high, very_high'):
        worked_assessment.scores(min_level="huge")


def test_assess_an_invalid_model_raises_with_every_problem(test_kb):
    p = artikel1.Process("bad")
    p.add_step("a", "decision", uses=["ghost"])
    with pytest.raises(artikel1.ValidationError) as caught:
        artikel1.assess(p, test_kb)
    error = caught.value
    assert str(error) == '/steps/0/uses/0/attribute: unknown attribute "ghost" (and 1 more error)'
    assert [p.pointer for p in error.errors] == ["/steps/0/uses/0/attribute", "/steps/0"]


def test_assess_accepts_dicts_text_and_paths(worked_dict, worked_kb, tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(worked_dict))
    scores = {artikel1.assess(source, worked_kb).score("select", "race").score
              for source in (worked_dict, json.dumps(worked_dict), path)}
    assert scores == {32.7}
    with pytest.raises(artikel1.InvalidArgumentError, match="kb must be a KnowledgeBase or None, not str"):
        artikel1.assess(worked_dict, "kb")


def test_save_and_read_back(worked_assessment, tmp_path):
    path = tmp_path / "a.json"
    worked_assessment.save(path)
    back = artikel1.Assessment.from_file(path)
    assert back.score("select", "race").score == 32.7
    assert back.score("select", "race").level == "medium"
    assert artikel1.compare(worked_assessment, back).counts["unchanged"] == 15


def test_to_frame_columns_and_values(worked_assessment):
    frame = worked_assessment.to_frame()
    assert list(frame.columns) == ["step", "step_name", "kind", "ground", "score", "level", "likelihood", "impact",
                                   "top_source", "top_attribute", "top_value", "expected_visits", "gatekeeper"]
    assert len(frame) == 5 * 3
    row = frame[(frame.step == "select") & (frame.ground == "race")].iloc[0]
    assert row.score == 32.7 and row.level == "medium" and row.top_source == "proxy"
    assert row.top_attribute == "postcode" and row.top_value == 0.5 and bool(row.gatekeeper)
    assert list(frame.level.cat.categories) == ["low", "medium", "high", "very_high"]
    assert frame.level.cat.ordered
    assert frame.score.max() == 32.7
    pivot = frame.pivot(index="step", columns="ground", values="score")
    assert pivot.loc["select", "race"] == 32.7


def test_plot_is_a_heatmap_of_steps_by_grounds(worked_assessment):
    import matplotlib

    matplotlib.use("Agg")
    fig = worked_assessment.plot()
    ax = fig.axes[0]
    assert ax.get_xlabel() == "ground" and ax.get_ylabel() == "step"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["race", "nationality", "disability"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["apply", "select", "investigate", "sanction", "close"]
    assert ax.get_title() == "Worked example"
    assert ax.images[0].get_array()[1][0] == 32.7
    # Discrete level colours, the same hex values as the HTML report (level_colours in report/dot.hpp).
    from matplotlib.colors import to_hex

    header = (pathlib.Path(__file__).resolve().parents[2] / "include" / "artikel1" / "report" / "dot.hpp").read_text()
    report_colours = re.search(r"level_colours\[\] = \{([^}]*)\}", header).group(1)
    assert artikel1.assessment.LEVEL_COLOURS == tuple(re.findall(r'"(#[0-9a-f]{6})"', report_colours))
    image = ax.images[0]
    assert to_hex(image.cmap(image.norm(32.7))) == "#fee08b"  # select / race: 32.7, medium
    assert to_hex(image.cmap(image.norm(0.0))) == "#d9f0d3" and to_hex(image.cmap(image.norm(75.0))) == "#d73027"
    bar = fig.axes[1]
    assert bar.get_ylabel() == "risk level (score 0-100)"
    assert [t.get_text() for t in bar.get_yticklabels()] == ["low", "medium", "high", "very high"]
    fig_nl = worked_assessment.plot(language="nl")
    assert fig_nl.axes[0].get_xlabel() == "grond"
    assert fig_nl.axes[1].get_ylabel() == "risiconiveau (risicoscore 0-100)"
    assert [t.get_text() for t in fig_nl.axes[1].get_yticklabels()] == ["laag", "midden", "hoog", "zeer hoog"]
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "de"'):
        worked_assessment.plot(language="de")
    import matplotlib.pyplot as plt

    plt.close("all")


def test_missing_optional_dependency_gives_a_clear_message(worked_assessment, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"Assessment.to_frame\(\) needs pandas, which is not installed"):
        worked_assessment.to_frame()


def test_html_repr(worked_assessment):
    text = worked_assessment._repr_html_()
    assert text.startswith("<div><b>Worked example</b> (method artikel1-method/test; max 32.7)")
    assert "<th>race</th>" in text and ">32.7</td>" in text
    assert repr(worked_assessment) == "<Assessment of 'worked': 5 steps x 3 grounds, max 32.7, " + \
        f"{len(worked_assessment.recommendations)} recommendations>"


def test_compare_a_redesign(worked, worked_kb):
    redesign = worked.copy()
    redesign.add_measure("select", "random_sampling")
    comparison = artikel1.compare(worked, redesign, kb=worked_kb)
    race = [c for c in comparison.changes if (c.step, c.ground) == ("select", "race")][0]
    assert (race.change, race.before, race.after, race.level_before, race.level_after) == (
        "down", 32.7, 14.9, "medium", "low")
    assert race.delta == pytest.approx(-17.8)
    assert comparison.counts["up"] == 0 and comparison.counts["down"] >= 1
    assert sum(comparison.counts.values()) == 15
    frame = comparison.to_frame()
    assert list(frame.columns) == ["step", "ground", "change", "before", "after", "delta", "level_before", "level_after"]
    assert comparison.to_dict()["schema"] == "artikel1/comparison/1"
    assert json.loads(comparison.to_json()) == comparison.to_dict()
    with pytest.raises(artikel1.InvalidArgumentError, match="new must be an Assessment or a Process, not dict"):
        artikel1.compare(worked, {})


def test_the_real_examples_redesigns_are_lower():
    for name in ("duo-uitwonendenbeurs", "toeslagen-risicoclassificatie", "bijstand-heronderzoek"):
        comparison = artikel1.compare(artikel1.example(name), artikel1.example(name + "-herontwerp"))
        assert comparison.counts["down"] + comparison.counts["disappeared"] > 0
        before = artikel1.assess(artikel1.example(name))
        after = artikel1.assess(artikel1.example(name + "-herontwerp"))
        assert after.max_score < before.max_score


def test_same_input_same_output_across_threads():
    # assess releases the GIL; results must not depend on which thread ran it.
    process = artikel1.example()
    expected = artikel1.assess(process).to_json()
    results = []

    def run():
        for _ in range(5):
            results.append(artikel1.assess(process).to_json())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 20 and set(results) == {expected}
