# SPDX-License-Identifier: EUPL-1.2
"""Compounding: small differences at several decision points add up (docs/compounding.md).

Each group's process is an absorbing Markov chain on the model's flows, estimated from transition counts of an event
log (or given per group in the model for what-if analysis). For every adverse outcome: each group's end-to-end
probability, the ratio and difference to the reference group with delta-method intervals, what equalising one
decision point alone leaves, and each point's Shapley share of the log ratio and of the difference (the shares add
up to the total). Groups below ``min_cell`` cases are left out, labels included.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._util import PathLike, _core, loads, optional_import
from .disparity import DisparityCounter
from .errors import InvalidArgumentError
from .knowledge_base import KnowledgeBase
from .process import Process

__all__ = ["Compounding", "compound", "compound_model", "fit", "transition_counter"]


def transition_counter(
    process: Process,
    grounds: Mapping[str, str],
    *,
    strata: Optional[str] = None,
    intersections: Sequence[Tuple[str, str]] = (),
    decision_points: Sequence[str] = (),
    kb: Optional[KnowledgeBase] = None,
) -> DisparityCounter:
    """A :class:`DisparityCounter` that also counts every move per flow x group x stratum (what compounding needs).
    It reads, merges and serialises like any counter, and its disparity table is the same."""
    if not isinstance(process, Process):
        raise InvalidArgumentError(f"process must be a Process, not {type(process).__name__}")
    if not isinstance(grounds, Mapping):
        raise InvalidArgumentError("grounds must be a dict of column -> ground id, e.g. {'gender': 'sex'}")
    handle = _core.transition_accumulator(process._handle(kb), list(grounds.items()), strata or "",
                                          [tuple(pair) for pair in intersections], list(decision_points))
    settings = (process.to_dict(), dict(grounds), dict(strata=strata, intersections=[tuple(p) for p in intersections],
                                                      decision_points=list(decision_points), kb=kb, transitions=True))
    return DisparityCounter._from_handle(handle, settings)


def _options(reference_groups: Optional[Mapping[str, str]], outcomes: Sequence[str],
             hits: Optional[Mapping[str, Sequence[str]]], confidence: float, shapley_exact_limit: int,
             shapley_permutations: int, seed: int) -> str:
    tests = [{"step": step, "hits": [hit] if isinstance(hit, str) else list(hit)} for step, hit in (hits or {}).items()]
    return json.dumps({"reference_groups": dict(reference_groups or {}), "outcomes": list(outcomes), "outcome_tests": tests,
                       "confidence": float(confidence), "shapley_exact_limit": int(shapley_exact_limit),
                       "shapley_permutations": int(shapley_permutations), "seed": int(seed)})


def _plot_words(language: str) -> Dict[str, str]:
    """The words of the compounding plots in `language`, as the reports write them."""
    if language not in ("en", "nl"):
        raise InvalidArgumentError(f'language must be "en" or "nl", not "{str(language)[:60]}"')
    return dict(_core.observed_words(language))


def _ground_label(ground: str, language: str) -> str:
    """A ground as the plots name it: its id in English, the built-in knowledge base's label in Dutch ("race+sex":
    "ras+geslacht"), as the text tables do."""
    if language != "nl":
        return ground
    labels = {g.id: g.label.get("nl", g.id) for g in KnowledgeBase.builtin().grounds}
    return "+".join(labels.get(part, part) for part in ground.split("+"))


def _interval(value: Any) -> Tuple[Optional[float], Optional[float]]:
    return (value[0], value[1]) if value else (None, None)


class Compounding:
    """The compounding result (``artikel1/compounding/1``): plain dicts through :meth:`to_dict`, DataFrames through
    :meth:`rates`, :meth:`shares` and :meth:`outcome_tests`, figures through :meth:`plot_waterfall` and
    :meth:`plot_funnel`."""

    def __init__(self, document: Dict[str, Any]) -> None:
        self._doc = document

    @property
    def source(self) -> str:
        """``"log"`` (estimated from counts) or ``"model"`` (probabilities per group from the model)."""
        return str(self._doc["source"])

    @property
    def grounds(self) -> List[str]:
        """The grounds analysed, in the order of the result."""
        return [g["ground"] for g in self._doc["grounds"]]

    def reference(self, ground: str) -> Optional[str]:
        """The reference group of a ground."""
        return self._ground(ground)["reference"]

    def to_dict(self) -> Dict[str, Any]:
        """The result as a dict (a deep copy of the JSON document)."""
        return json.loads(json.dumps(self._doc))

    def to_json(self) -> str:
        """The result as JSON text (``artikel1/compounding/1``)."""
        return json.dumps(self._doc, ensure_ascii=False, indent=2) + "\n"

    def _ground(self, ground: str) -> Dict[str, Any]:
        for g in self._doc["grounds"]:
            if g["ground"] == ground:
                return g
        raise InvalidArgumentError(f"no ground {ground!r} in the result (grounds: {', '.join(self.grounds)})")

    def _outcome(self, ground: str, outcome: Optional[str]) -> Dict[str, Any]:
        outcomes = self._ground(ground)["outcomes"]
        if not outcomes:
            raise InvalidArgumentError(f"ground {ground!r} has no groups with enough cases")
        if outcome is None:
            return outcomes[0]
        for o in outcomes:
            if o["outcome"] == outcome:
                return o
        raise InvalidArgumentError(f"no outcome {outcome!r} (outcomes: {', '.join(o['outcome'] for o in outcomes)})")

    def rates(self) -> Any:
        """One row per ground x outcome x group: end-to-end probability, ratio and difference with intervals."""
        pd = optional_import("pandas", "Compounding.rates()", "python3-pandas")
        rows = []
        for g in self._doc["grounds"]:
            for o in g["outcomes"]:
                for r in o["groups"]:
                    p_i = _interval(r.get("probability_interval"))
                    r_i = _interval(r.get("ratio_interval"))
                    d_i = _interval(r.get("difference_interval"))
                    rows.append([g["ground"], o["outcome"], r["group"], r["reference"], r.get("cases"), r["probability"],
                                 p_i[0], p_i[1], r.get("ratio"), r_i[0], r_i[1], r.get("difference"), d_i[0], d_i[1]])
        columns = ["ground", "outcome", "group", "reference", "cases", "probability", "probability_lower",
                   "probability_upper", "ratio", "ratio_lower", "ratio_upper", "difference", "difference_lower",
                   "difference_upper"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["cases"] = frame["cases"].astype("Int64")
        for column in columns[5:]:
            frame[column] = frame[column].astype("float64")
        return frame

    def shares(self) -> Any:
        """One row per ground x outcome x group x decision point: the Shapley shares of the log ratio and of the
        difference (with their sampling error when sampled) and the ratio left when that point alone is equalised."""
        pd = optional_import("pandas", "Compounding.shares()", "python3-pandas")
        rows = []
        for g in self._doc["grounds"]:
            for o in g["outcomes"]:
                for r in o["groups"]:
                    for s in r.get("shares", []):
                        rows.append([g["ground"], o["outcome"], r["group"], s["step"], s["log_ratio_share"],
                                     s.get("log_ratio_share_se", 0.0), s["difference_share"],
                                     s.get("difference_share_se", 0.0), s["equalised_ratio"], s["equalised_difference"],
                                     r["shapley"]["exact"]])
        columns = ["ground", "outcome", "group", "step", "log_ratio_share", "log_ratio_share_se", "difference_share",
                   "difference_share_se", "equalised_ratio", "equalised_difference", "exact"]
        frame = pd.DataFrame(rows, columns=columns)
        for column in columns[4:10]:
            frame[column] = frame[column].astype("float64")
        return frame

    def outcome_tests(self) -> Any:
        """One row per selection point x group: the selected, the hits, the hit rate with its Wilson interval and
        Fisher's p-value against the reference (NaN where not published)."""
        pd = optional_import("pandas", "Compounding.outcome_tests()", "python3-pandas")
        rows = []
        for g in self._doc["grounds"]:
            for t in g.get("outcome_tests", []):
                i = _interval(t.get("hit_rate_interval"))
                rows.append([g["ground"], t["step"], t["group"], t["reference"], t["published"], t.get("selected"),
                             t.get("hits"), t.get("hit_rate"), i[0], i[1], t.get("p_value")])
        columns = ["ground", "step", "group", "reference", "published", "selected", "hits", "hit_rate", "hit_rate_lower",
                   "hit_rate_upper", "p_value"]
        frame = pd.DataFrame(rows, columns=columns)
        for column in ("selected", "hits"):
            frame[column] = frame[column].astype("Int64")
        for column in columns[7:]:
            frame[column] = frame[column].astype("float64")
        return frame

    def plot_waterfall(self, ground: str, group: str, *, outcome: Optional[str] = None, ax: Any = None,
                       language: str = "en") -> Any:
        """A waterfall of one group's end-to-end ratio: from 1 (the reference), each decision point's Shapley share
        multiplies it, ending at the group's ratio (log scale). Labels in `language` ("en" or "nl"). Needs
        matplotlib; returns the Figure."""
        words = _plot_words(language)
        plt = optional_import("matplotlib.pyplot", "Compounding.plot_waterfall()", "python3-matplotlib")
        o = self._outcome(ground, outcome)
        row = next((r for r in o["groups"] if r["group"] == group), None)
        if row is None or row["reference"]:
            raise InvalidArgumentError(f"no compared group {group!r} for {ground!r} / {o['outcome']!r}")
        shares = [s for s in row["shares"] if s["log_ratio_share"] is not None]
        if ax is None:
            fig, ax = plt.subplots(figsize=(max(4.0, 1.1 * (len(shares) + 2)), 3.5))
        else:
            fig = ax.figure
        import math

        level = 0.0
        for i, s in enumerate(shares):
            share = s["log_ratio_share"]
            ax.bar(i, share, bottom=level, color="#b2182b" if share > 0 else "#2166ac")
            level += share
        ax.bar(len(shares), level, color="#555555")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(range(len(shares) + 1))
        ax.set_xticklabels([s["step"] for s in shares] + [words["total"]], rotation=30, ha="right")
        ax.set_ylabel(words["share_of_log_ratio"])
        ratio = f"{math.exp(level):.2f}"
        if language == "nl":
            ratio = ratio.replace(".", ",")
        ax.set_title(f"{group} {words['versus']} {self.reference(ground)}: {o['outcome']} x{ratio}")
        fig.tight_layout()
        return fig

    def plot_funnel(self, ground: str, *, outcome: Optional[str] = None, ax: Any = None, language: str = "en") -> Any:
        """Per group, the expected passes per case through each decision point on the way to the outcome (lines), and
        the end-to-end probability of the outcome (the last point). Labels in `language` ("en" or "nl"). Needs
        matplotlib; returns the Figure."""
        words = _plot_words(language)
        plt = optional_import("matplotlib.pyplot", "Compounding.plot_funnel()", "python3-matplotlib")
        o = self._outcome(ground, outcome)
        if ax is None:
            fig, ax = plt.subplots(figsize=(6, 3.5))
        else:
            fig = ax.figure
        steps: List[str] = []
        for r in o["groups"]:
            for point in r.get("funnel", []):
                if point["step"] not in steps:
                    steps.append(point["step"])
        labels = steps + [o["outcome"]]
        for r in o["groups"]:
            passes = {p["step"]: p["passes"] for p in r.get("funnel", [])}
            ax.plot(range(len(labels)), [passes.get(s, 0.0) for s in steps] + [r["probability"]], marker="o",
                    label=r["group"] + (f" ({words['reference']})" if r["reference"] else ""))
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, rotation=30, ha="right")
        ax.set_ylabel(words["passes_per_case"])
        ax.set_title(f"{_ground_label(ground, language)}: {words['on_the_way_to']} {o['outcome']}")
        ax.legend()
        fig.tight_layout()
        return fig

    def __repr__(self) -> str:
        return f"<Compounding {self._doc['process']} ({self.source}), grounds {', '.join(self.grounds)}>"


def compound(
    process: Process,
    source: Union[PathLike, Any, DisparityCounter],
    grounds: Optional[Mapping[str, str]] = None,
    *,
    min_cell: int = 10,
    reference_groups: Optional[Mapping[str, str]] = None,
    outcomes: Sequence[str] = (),
    hits: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
    confidence: float = 0.95,
    shapley_exact_limit: int = 12,
    shapley_permutations: int = 1000,
    seed: int = 1,
    kb: Optional[KnowledgeBase] = None,
    **read_options: Any,
) -> Compounding:
    """Compounding from an event log file, a pandas DataFrame, or a counter made by :func:`transition_counter`.

    `hits` maps a selection step to the step(s) that count as a hit there (the outcome test); `outcomes` names the
    adverse outcomes (default: every end step an adverse flow enters). `read_options` go to
    :meth:`DisparityCounter.read_log` or :meth:`DisparityCounter.add_frame`.
    """
    if isinstance(source, DisparityCounter):
        counter = source
    else:
        if grounds is None:
            raise InvalidArgumentError("grounds (column -> ground id) are needed to read a log")
        counter = transition_counter(process, grounds, kb=kb, strata=read_options.pop("strata", None))
        if isinstance(source, (str, os.PathLike)):
            counter.read_log(source, **read_options)
        else:
            counter.add_frame(source, **read_options)
    options = _options(reference_groups, outcomes, hits, confidence, shapley_exact_limit, shapley_permutations, seed)
    return Compounding(loads(_core.compound(counter._handle, process._handle(kb), int(min_cell), options)))


def compound_model(
    process: Process,
    *,
    reference_groups: Optional[Mapping[str, str]] = None,
    outcomes: Sequence[str] = (),
    shapley_exact_limit: int = 12,
    shapley_permutations: int = 1000,
    seed: int = 1,
    kb: Optional[KnowledgeBase] = None,
) -> Compounding:
    """What-if compounding from the probabilities per group that the model's flows give (``flows[].groups``)."""
    options = _options(reference_groups, outcomes, None, 0.95, shapley_exact_limit, shapley_permutations, seed)
    return Compounding(loads(_core.compound_model(process._handle(kb), options)))


def fit(process: Process, counter: DisparityCounter, *, per_group: Sequence[str] = (), min_cell: int = 10,
        kb: Optional[KnowledgeBase] = None) -> Process:
    """The model with each flow's probability estimated from the counter's transition counts, with the counts behind
    each estimate (and per group for the grounds in `per_group`), under the small-cell rule."""
    text = _core.fit(process._handle(kb), counter._handle, list(per_group), int(min_cell))
    return Process.from_json(text, kb=kb)
