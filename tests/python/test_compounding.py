# SPDX-License-Identifier: EUPL-1.2
"""Compounding from Python: end-to-end rates and shares as DataFrames, the 1.3 x 1.3 x 1.3 case from a frame, what-if
from the model, fit, the plots, the small-cell rule and the errors."""

import math

import numpy as np
import pandas as pd
import pytest

import artikel1


def chain_model():
    """start -> s1 -> (s2 | ok), s2 -> (s3 | ok), s3 -> (sanction | ok): three selections in a row."""
    p = artikel1.Process("chain")
    p.add_step("start", "task")
    for step in ("s1", "s2", "s3"):
        p.add_step(step, "decision")
    p.add_step("ok", "outcome")
    p.add_step("sanction", "outcome", severity="high")
    p.add_flow("start", "s1")
    p.add_flow("s1", "s2", adverse=True, probability=0.2)
    p.add_flow("s1", "ok", probability=0.8)
    p.add_flow("s2", "s3", adverse=True, probability=0.3)
    p.add_flow("s2", "ok", probability=0.7)
    p.add_flow("s3", "sanction", adverse=True, probability=0.4)
    p.add_flow("s3", "ok", probability=0.6)
    return p


def rows(group, cases, rates):
    """Rows (step, next_step, group) of `cases` cases, a share `rates[i]` going on at each of s1, s2, s3."""
    out = []
    at = cases
    out += [("start", "s1", group)] * cases
    for step, nxt, rate in (("s1", "s2", rates[0]), ("s2", "s3", rates[1]), ("s3", "sanction", rates[2])):
        on = round(at * rate)
        out += [(step, nxt, group)] * on + [(step, "ok", group)] * (at - on)
        at = on
    return out


def frame(a_rates, b_rates, cases=(100000, 100000)):
    data = rows("a", cases[0], a_rates) + rows("b", cases[1], b_rates)
    return pd.DataFrame(data, columns=["step", "next_step", "group"])


def test_one_point_three_cubed_from_a_frame():
    # A million cases each, so that every count is whole: 260,000 selected, 101,400 visited, 52,728 sanctioned.
    data = frame((0.2, 0.3, 0.4), (0.26, 0.39, 0.52), cases=(1000000, 1000000))
    result = artikel1.compound(chain_model(), data, {"group": "race"}, reference_groups={"race": "a"})
    assert result.source == "log"
    assert result.reference("race") == "a"
    rates = result.rates()
    b = rates[rates.group == "b"].iloc[0]
    assert b.cases == 1000000
    assert b.probability == pytest.approx(0.26 * 0.39 * 0.52, rel=1e-12)
    assert b.ratio == pytest.approx(2.197, rel=1e-12)
    assert b.ratio_lower < 2.197 < b.ratio_upper
    shares = result.shares()
    assert list(shares.step) == ["s1", "s2", "s3"]
    assert shares.log_ratio_share.to_list() == pytest.approx([math.log(1.3)] * 3, rel=1e-12)
    assert abs(shares.log_ratio_share.sum() - math.log(b.ratio)) < 1e-12
    assert abs(shares.difference_share.sum() - b.difference) < 1e-12
    assert shares.exact.all()


def test_what_if_from_the_model_and_fit_round_trip():
    p = chain_model()
    counter = artikel1.transition_counter(p, {"group": "race"})
    data = frame((0.2, 0.3, 0.4), (0.3, 0.3, 0.4), cases=(5000, 3000))
    counter.add_frame(data)
    fitted = artikel1.fit(p, counter, per_group=["race"])
    flow = next(f for f in fitted.to_dict()["flows"] if f["from"] == "s1" and f["to"] == "s2")
    assert (flow["count"], flow["of"]) == (1000 + 900, 8000)
    assert [(g["group"], g["count"], g["of"]) for g in flow["groups"]] == [("a", 1000, 5000), ("b", 900, 3000)]
    what_if = artikel1.compound_model(fitted, reference_groups={"race": "a"})
    from_log = artikel1.compound(p, counter, reference_groups={"race": "a"})
    assert what_if.source == "model"
    assert what_if.rates().probability.to_list() == pytest.approx(from_log.rates().probability.to_list(), rel=1e-12)
    # The counter is an ordinary counter too: its disparity table is there.
    assert counter.table().cell("s1", "race", "b").n == 3000


def test_outcome_test_and_small_cell_rule():
    p = chain_model()
    data = pd.concat([frame((0.2, 0.3, 0.4), (0.4, 0.3, 0.4), cases=(2000, 1000)),
                      pd.DataFrame(rows("tiny", 5, (1, 1, 1)), columns=["step", "next_step", "group"])])
    result = artikel1.compound(p, data, {"group": "race"}, hits={"s2": "s3"})
    assert result.to_dict()["grounds"][0]["hidden_groups"] == 1
    assert "tiny" not in result.to_json()
    tests = result.outcome_tests()
    assert list(tests.group) == ["a", "b"]
    b = tests[tests.group == "b"].iloc[0]
    assert (b.selected, b.hits) == (400, 120)
    scipy_stats = pytest.importorskip("scipy.stats")
    _, p_value = scipy_stats.fisher_exact([[120, 280], [120, 280]])
    assert b.p_value == pytest.approx(p_value)
    statsmodels = pytest.importorskip("statsmodels.stats.proportion")
    lower, upper = statsmodels.proportion_confint(120, 400, method="wilson")
    assert (b.hit_rate_lower, b.hit_rate_upper) == (pytest.approx(lower), pytest.approx(upper))
    counts = result.to_dict()["grounds"][0]["transitions"]
    assert all(t["count"] is None or t["count"] >= 10 for t in counts)


def test_plots(tmp_path):
    pytest.importorskip("matplotlib")
    result = artikel1.compound(chain_model(), frame((0.2, 0.3, 0.4), (0.26, 0.39, 0.52), cases=(20000, 20000)),
                               {"group": "race"}, reference_groups={"race": "a"})
    fig = result.plot_waterfall("race", "b")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["s1", "s2", "s3", "total"]
    assert len(ax.patches) == 4
    fig.savefig(tmp_path / "waterfall.png")
    fig = result.plot_funnel("race")
    assert len(fig.axes[0].lines) == 2
    fig.savefig(tmp_path / "funnel.png")
    with pytest.raises(artikel1.InvalidArgumentError, match="no compared group 'a'"):
        result.plot_waterfall("race", "a")


def test_plots_in_dutch():
    pytest.importorskip("matplotlib")
    result = artikel1.compound(chain_model(), frame((0.2, 0.3, 0.4), (0.26, 0.39, 0.52), cases=(20000, 20000)),
                               {"group": "race"}, reference_groups={"race": "a"})
    ax = result.plot_waterfall("race", "b", language="nl").axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["s1", "s2", "s3", "totaal"]
    assert ax.get_ylabel() == "Aandeel in de log-verhouding"
    assert ax.get_title().startswith("b tegen a: ") and "," in ax.get_title().split(" x")[-1]
    ax = result.plot_funnel("race", language="nl").axes[0]
    assert ax.get_ylabel() == "passages per zaak"
    assert ax.get_title().startswith("ras: op weg naar ")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a (referentie)", "b"]
    ax = result.plot_funnel("race").axes[0]
    assert (ax.get_ylabel(), ax.get_title().split(":")[0]) == ("passes per case", "race")
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "de"'):
        result.plot_funnel("race", language="de")


def test_errors():
    p = chain_model()
    counter = artikel1.DisparityCounter(p, {"group": "race"})
    with pytest.raises(artikel1.InvalidArgumentError, match="compounding needs transition counts"):
        artikel1.compound(p, counter)
    with pytest.raises(artikel1.InvalidArgumentError, match="grounds"):
        artikel1.compound(p, frame((0.2, 0.3, 0.4), (0.2, 0.3, 0.4)))
    with pytest.raises(artikel1.InvalidArgumentError, match='outcome test at "s2": no flow to "sanction"'):
        artikel1.compound(p, frame((0.2, 0.3, 0.4), (0.2, 0.3, 0.4)), {"group": "race"}, hits={"s2": "sanction"})
    with pytest.raises(artikel1.InvalidArgumentError, match="no probabilities per group"):
        artikel1.compound_model(p)
    result = artikel1.compound(p, frame((0.2, 0.3, 0.4), (0.2, 0.3, 0.4)), {"group": "race"})
    with pytest.raises(artikel1.InvalidArgumentError, match="no ground 'sex'"):
        result.reference("sex")
    assert np.isfinite(result.rates().probability).all()
