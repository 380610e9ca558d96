# SPDX-License-Identifier: EUPL-1.2
"""artikel1's statistics (include/artikel1/statistics.hpp, through tests/tools/stats_probe) against scipy.stats and
statsmodels, to 1e-9 relative."""
import json
import os
import subprocess

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

PROBE = os.environ.get("ARTIKEL1_STATS_PROBE", "build/tests/stats_probe")
RELATIVE = 1e-9


def probe(*requests):
    text = "\n".join(" ".join(str(x) for x in r) for r in requests) + "\n"
    out = subprocess.run([PROBE], input=text, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def close(ours, theirs):
    return ours == pytest.approx(theirs, rel=RELATIVE, abs=1e-300)


TABLES = [  # a, b, c, d: group events, group non-events, reference events, reference non-events
    (3, 1, 1, 3), (1, 9, 11, 3), (12, 88, 30, 870), (0, 50, 10, 40), (5, 0, 2, 8), (7, 13, 7, 13),
    (45, 955, 120, 8880), (250, 750, 1200, 6800), (2, 998, 1, 999), (400, 600, 4000, 6000), (1, 0, 0, 1),
    (30, 70, 10, 90), (900, 100, 80, 20),
]


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_fisher_exact_two_sided(table):
    a, b, c, d = table
    [ours] = probe(("fisher", a, b, c, d))
    theirs = stats.fisher_exact([[a, b], [c, d]], alternative="two-sided")[1]
    assert close(ours, theirs)


def test_fisher_tiny_p_value_keeps_relative_precision():
    [ours] = probe(("fisher", 300, 700, 100, 900))
    theirs = stats.fisher_exact([[300, 700], [100, 900]])[1]
    assert theirs < 1e-28
    assert close(ours, theirs)


@pytest.mark.parametrize("k,n", [(0, 10), (1, 10), (5, 10), (10, 10), (12, 100), (999, 1000), (31415, 100000)])
@pytest.mark.parametrize("confidence", [0.95, 0.99, 0.9])
def test_wilson_interval(k, n, confidence):
    [ours] = probe(("wilson", k, n, confidence))
    lower, upper = proportion_confint(k, n, alpha=1 - confidence, method="wilson")
    assert close(ours[0], lower) or abs(ours[0] - lower) < 1e-15  # k = 0: exactly 0 here, 0 up to rounding there
    assert close(ours[1], upper) or abs(ours[1] - upper) < 1e-15


@pytest.mark.parametrize("p", [0.5, 0.975, 0.995, 0.95, 0.01, 1e-10, 0.3])
def test_normal_quantile(p):
    [ours] = probe(("quantile", p))
    assert ours == pytest.approx(stats.norm.ppf(p), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("table", [t for t in TABLES if t[0] > 0 and t[2] > 0], ids=str)
def test_rate_ratio_log_interval(table):
    a, b, c, d = table
    n1, n0 = a + b, c + d
    [[ratio, (lower, upper)]] = probe(("ratio", a, n1, c, n0, 0.95))
    expected = (a / n1) / (c / n0)
    se = np.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
    z = stats.norm.ppf(0.975)
    assert close(ratio, expected)
    assert close(lower, expected * np.exp(-z * se))
    assert close(upper, expected * np.exp(z * se))


def test_rate_ratio_with_zero_events_has_no_interval():
    [[ratio, interval]] = probe(("ratio", 0, 50, 10, 50, 0.95))
    assert ratio == 0 and interval == [None, None]
    [[ratio, interval]] = probe(("ratio", 5, 50, 0, 50, 0.95))
    assert ratio == "inf" and interval == [None, None]


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_newcombe_difference_interval(table):
    a, b, c, d = table
    n1, n0 = a + b, c + d
    [[difference, (lower, upper)]] = probe(("newcombe", a, n1, c, n0, 0.95))
    l1, u1 = proportion_confint(a, n1, alpha=0.05, method="wilson")
    l0, u0 = proportion_confint(c, n0, alpha=0.05, method="wilson")
    p1, p0 = a / n1, c / n0
    assert close(difference, p1 - p0) or abs(difference - (p1 - p0)) < 1e-15
    assert lower == pytest.approx(p1 - p0 - np.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), rel=RELATIVE, abs=1e-15)
    assert upper == pytest.approx(p1 - p0 + np.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2), rel=RELATIVE, abs=1e-15)


@pytest.mark.parametrize("p", [
    [0.01, 0.04, 0.03, 0.2, 0.5],
    [0.001, 0.001, 0.9, 0.04],
    [1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125],
    list(np.random.default_rng(7).uniform(size=40)),
])
def test_benjamini_hochberg(p):
    [ours] = probe(("bh", *p))
    theirs = multipletests(p, method="fdr_bh")[1]
    assert all(close(o, t) for o, t in zip(ours, theirs))


STRATA = [
    [(10, 90, 5, 95), (20, 80, 12, 88), (3, 47, 1, 49)],
    [(12, 88, 30, 870), (45, 955, 120, 8880)],
    [(2, 3, 4, 1), (5, 5, 5, 5), (1, 9, 3, 7), (7, 2, 2, 8)],
    [(200, 800, 100, 900), (150, 850, 90, 910), (300, 700, 210, 790), (50, 950, 30, 970)],
]


@pytest.mark.parametrize("strata", STRATA, ids=lambda s: f"{len(s)}-strata")
@pytest.mark.parametrize("confidence", [0.95, 0.99])
def test_mantel_haenszel(strata, confidence):
    [ours] = probe(("mh", confidence, *[x for t in strata for x in t]))
    st = StratifiedTable([np.array([[a, b], [c, d]], dtype=float) for a, b, c, d in strata])
    lower, upper = st.oddsratio_pooled_confint(alpha=1 - confidence)
    null = st.test_null_odds(correction=False)
    assert close(ours["odds_ratio"], st.oddsratio_pooled)
    assert close(ours["log_se"], st.logodds_pooled_se)
    assert close(ours["interval"][0], lower)
    assert close(ours["interval"][1], upper)
    assert close(ours["statistic"], null.statistic)
    # statsmodels computes 1 - cdf, which rounds tiny p-values to 0; the survival function keeps them
    assert close(ours["p_value"], stats.chi2.sf(null.statistic, 1))
    assert abs(ours["p_value"] - null.pvalue) < 1e-15
