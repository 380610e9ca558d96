# SPDX-License-Identifier: EUPL-1.2
"""The structural risk per (step, ground) with its explanation (docs/method.md), and comparing two assessments.

:func:`assess` runs the method in the compiled library (the GIL is released meanwhile); the result is an
:class:`Assessment` of plain Python objects, with ``to_frame()`` (pandas) and ``plot()`` (matplotlib) when installed.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Union

from ._util import PathLike, _core, loads, optional_import, read_text, text_argument
from .errors import InvalidArgumentError, NotFoundError
from .knowledge_base import KnowledgeBase, resolve
from .process import Process

#: Colours of the levels low, medium, high, very high: the same as the HTML report and the process graph
#: (level_colours in include/artikel1/report/dot.hpp).
LEVEL_COLOURS = ("#d9f0d3", "#fee08b", "#fc8d59", "#d73027")

__all__ = [
    "assess",
    "compare",
    "Assessment",
    "StepResult",
    "Score",
    "Contribution",
    "ImpactTerm",
    "GroundSummary",
    "Recommendation",
    "Comparison",
    "ScoreChange",
]


@dataclass(frozen=True)
class Contribution:
    """One risk source of a (step, ground), before (`raw`) and after (`value`) the measures in place.

    Attributes
    ----------
    source : str
        ``direct``, ``proxy``, ``discretion``, ``assumption``, ``complaint``, ``rule_complexity`` or
        ``algorithmic_selection``.
    raw, value : float
        0..1.
    detail : str
        What the source comes from (role, channel, assumption text, complaint count...).
    attribute : str
        Direct and proxy sources: the attribute used; else ``""``.
    legal_basis : str
        Direct sources: the documented legal basis; else ``""``.
    dampened_by : list of dict
        ``{"measure": ..., "factor": ...}`` for each measure that lowered the source.
    factors : list of dict
        ``{"name": ..., "value": ...}``: the weights whose product is ``raw`` (method 1.1; for a complaint the
        weight and the count, ``raw = 1 - (1 - weight) ** count``).
    """

    source: str
    raw: float
    value: float
    detail: str = ""
    attribute: str = ""
    legal_basis: str = ""
    dampened_by: List[Dict[str, Any]] = field(default_factory=list)
    factors: List[Dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ImpactTerm:
    """The impact of a (step, ground): the severity that drives it, how likely it is reached, the group's vulnerability.

    ``conditional`` is true when ``probability`` is for a case sent down the step's adverse branch (method 1.1);
    ``adverse_share`` is the share of cases that take that branch (shown, not used); ``burdens`` names the adverse
    flows whose own burden is that severity.
    """

    value: float
    severity: str
    probability: float
    vulnerability: float
    outcomes: List[str] = field(default_factory=list)
    dampened_by: List[Dict[str, Any]] = field(default_factory=list)
    conditional: bool = False
    adverse_share: float = 0.0
    burdens: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Score:
    """The risk of one (step, ground): ``score = 100 x likelihood x impact`` (0..100, one decimal) and its level."""

    step: str
    ground: str
    score: float
    level: str
    likelihood: float
    impact: float
    contributions: List[Contribution]
    impact_term: Optional[ImpactTerm]
    robustness: Dict[str, Any] = field(default_factory=dict)

    @property
    def level_holds(self) -> bool:
        """Whether the level holds when every knowledge-base weight moves within the band (method 1.1).

        ``robustness`` holds ``band``, the score range ``low``..``high``, ``level_low``, ``level_high``, ``holds`` and
        ``movers``: the weights that move the score most, each ``{"weight": ..., "change": ...}``.
        """
        return bool(self.robustness.get("holds", True))

    @property
    def top_contribution(self) -> Optional[Contribution]:
        """The source with the largest value after measures, or None when there is none."""
        best = None
        for c in self.contributions:
            if c.value > 0 and (best is None or c.value > best.value):
                best = c
        return best


@dataclass(frozen=True)
class StepResult:
    """The results of one step: its place in the graph and a :class:`Score` per ground."""

    id: str
    name: str
    kind: str
    reachable: bool
    expected_visits: float
    in_cycle: bool
    guards: List[str]
    scores: Dict[str, Score]

    @property
    def is_gatekeeper(self) -> bool:
        """True when every path to some adverse outcome passes this step (the best place for a measure)."""
        return bool(self.guards)

    @property
    def max_score(self) -> float:
        """The highest score of the step over the grounds."""
        return max((s.score for s in self.scores.values()), default=0.0)


@dataclass(frozen=True)
class GroundSummary:
    """Per ground, over the whole process: the worst step and how many cases pass a high-risk step."""

    ground: str
    max_score: float
    max_level: str
    max_step: Optional[str]
    steps_per_level: Dict[str, int]
    share_passing_high: float
    citizens_per_year_high: float


@dataclass(frozen=True)
class Recommendation:
    """A measure not yet in place that would lower a risk, with the recomputed score.

    The plan is grouped per step: ``rank`` is the measure's order of preference at its step (1 first) and
    ``aimed_at`` the step's largest sources it was chosen for.
    """

    step: str
    ground: str
    measure: str
    score_before: float
    level_before: str
    score_after: float
    level_after: str
    rank: int = 0
    aimed_at: List[str] = field(default_factory=list)


def _score(step: str, item: Dict[str, Any]) -> Score:
    contributions = [
        Contribution(
            c["source"], c["raw"], c["value"], c.get("detail", ""), c.get("attribute", ""), c.get("legal_basis", ""),
            list(c.get("dampened_by", [])), list(c.get("factors", [])),
        )
        for c in item.get("contributions", [])
    ]
    term = item.get("impact_term")
    impact_term = (
        ImpactTerm(term["value"], term["severity"], term["probability"], term["vulnerability"],
                   list(term.get("outcomes", [])), list(term.get("dampened_by", [])), bool(term.get("conditional", False)),
                   term.get("adverse_share", 0.0), list(term.get("burdens", [])))
        if term
        else None
    )
    return Score(step, item["ground"], item["score"], item["level"], item.get("likelihood", 0.0),
                 item.get("impact", 0.0), contributions, impact_term, dict(item.get("robustness", {})))


class Assessment:
    """The result of :func:`assess`: every (step, ground) scored and explained. Immutable.

    The figures are those of the canonical JSON (``artikel1/assessment/1``): scores with one decimal, other numbers
    with six.
    """

    def __init__(self, _handle: Any, _text: Optional[str] = None) -> None:
        self._handle = _handle
        # The canonical JSON as the C++ side wrote it (kept, so an unpickled assessment gives the same bytes).
        self._text: str = str(_handle.to_json()) if _text is None else _text
        self._doc: Dict[str, Any] = loads(self._text)
        self._steps = [
            StepResult(s["id"], s.get("name", ""), s.get("kind", ""), s.get("reachable", True),
                       s.get("expected_visits", 0.0), s.get("in_cycle", False), list(s.get("guards", [])),
                       {sc["ground"]: _score(s["id"], sc) for sc in s.get("scores", [])})
            for s in self._doc.get("steps", [])
        ]
        self._by_id = {s.id: s for s in self._steps}
        # The compiled process and knowledge base it was made from (by assess()), for to_html(); None when loaded.
        self._sources: Optional[Tuple[Any, Any]] = None

    # Construction ----------------------------------------------------------------------------------------------------

    @classmethod
    def from_json(cls, text: str) -> "Assessment":
        """Reads a saved assessment (ids, scores, levels and summary; enough to compare and report).

        Raises ParseError or ValidationError.
        """
        return cls(_core.assessment_from_json(text_argument(text, "text"), ""))

    @classmethod
    def from_file(cls, path: PathLike) -> "Assessment":
        """Reads a saved assessment from a file; raises NotFoundError, ParseError or ValidationError."""
        path = os.fspath(path)
        return cls(_core.assessment_from_json(read_text(path), path))

    # Plain data ------------------------------------------------------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The canonical JSON document as a dict (a copy)."""
        return loads(json.dumps(self._doc))

    def to_json(self) -> str:
        """The canonical JSON text (two-space indentation, final newline): the same bytes as the CLI and C ABI."""
        return self._text

    def save(self, path: PathLike) -> None:
        """Writes :meth:`to_json` to `path`."""
        with open(os.fspath(path), "w", encoding="utf-8") as out:
            out.write(self.to_json())

    @property
    def method(self) -> str:
        """The id of the method (and weights) that produced the scores."""
        return str(self._doc["method"])

    @property
    def knowledge_base(self) -> Dict[str, str]:
        """``{"id": ..., "version": ...}`` of the knowledge base used."""
        return dict(self._doc["knowledge_base"])

    @property
    def process_id(self) -> str:
        """The id of the assessed process."""
        return str(self._doc["process"]["id"])

    @property
    def process_name(self) -> str:
        """The name of the assessed process."""
        return str(self._doc["process"]["name"])

    @property
    def grounds(self) -> List[str]:
        """The ground ids, in the knowledge base's order."""
        return [g["id"] for g in self._doc["grounds"]]

    @property
    def levels(self) -> List[str]:
        """The level ids from low to high."""
        return [level["id"] for level in self._doc["levels"]]

    @property
    def high_level(self) -> str:
        """The level from which risks count as high and get recommendations."""
        return str(self._doc["high_level"])

    @property
    def steps(self) -> List[StepResult]:
        """The steps in the model's order."""
        return list(self._steps)

    def step(self, step_id: str) -> StepResult:
        """One step's results; raises NotFoundError."""
        try:
            return self._by_id[step_id]
        except KeyError:
            raise NotFoundError(f'no step "{step_id}" in this assessment') from None

    def score(self, step: str, ground: str) -> Score:
        """The score of one (step, ground); raises NotFoundError for an unknown step or ground."""
        result = self.step(step)
        try:
            return result.scores[ground]
        except KeyError:
            raise NotFoundError(f'no ground "{ground}" in this assessment') from None

    def scores(self, *, ground: Optional[str] = None, min_level: Optional[str] = None) -> List[Score]:
        """Every score, highest first (ties in model and ground order); optionally of one ground or from a level up."""
        if ground is not None and ground not in self.grounds:
            raise NotFoundError(f'no ground "{ground}" in this assessment')
        levels = self.levels
        if min_level is not None and min_level not in levels:
            raise InvalidArgumentError(f'no level "{min_level}"; levels are {", ".join(levels)}')
        floor = levels.index(min_level) if min_level else 0
        found = [
            s
            for step in self._steps
            for g, s in step.scores.items()
            if (ground is None or g == ground) and levels.index(s.level) >= floor
        ]
        return sorted(found, key=lambda s: -s.score)

    @property
    def summary(self) -> Dict[str, GroundSummary]:
        """Per ground (in order): the worst step and the share of cases passing a high-risk step."""
        return {
            s["ground"]: GroundSummary(s["ground"], s["max_score"], s["max_level"], s.get("max_step"),
                                       dict(s["steps_per_level"]), s["share_passing_high"],
                                       s["citizens_per_year_high"])
            for s in self._doc["summary"]
        }

    @property
    def max_score(self) -> float:
        """The highest score in the whole process."""
        return max((s.max_score for s in self.summary.values()), default=0.0)

    @property
    def recommendations(self) -> List[Recommendation]:
        """Measures not yet in place that would lower high risks, with the recomputed scores."""
        return [
            Recommendation(r["step"], r["ground"], r["measure"], r["score_before"], r["level_before"],
                           r["score_after"], r["level_after"], r.get("rank", 0), list(r.get("aimed_at", [])))
            for r in self._doc["recommendations"]
        ]

    @property
    def gatekeepers(self) -> Dict[str, List[str]]:
        """Decision steps that every path to some adverse outcome passes: step id -> the adverse steps it guards."""
        return {s.id: list(s.guards) for s in self._steps if s.guards}

    @property
    def cycles(self) -> int:
        """The number of rework loops (cycles) in the process."""
        return int(self._doc.get("cycles", 0))

    # Optional views ----------------------------------------------------------------------------------------------------

    def to_frame(self) -> Any:
        """One row per (step, ground) as a pandas DataFrame (needs pandas).

        Columns: ``step``, ``step_name``, ``kind``, ``ground``, ``score``, ``level``, ``likelihood``, ``impact``,
        ``top_source``, ``top_attribute``, ``top_value``, ``expected_visits``, ``gatekeeper``. ``level`` is an
        ordered categorical from low to high.
        """
        pd = optional_import("pandas", "Assessment.to_frame()", "python3-pandas")
        rows = []
        for step in self._steps:
            for ground in self.grounds:
                s = step.scores[ground]
                top = s.top_contribution
                rows.append({
                    "step": step.id, "step_name": step.name, "kind": step.kind, "ground": ground,
                    "score": s.score, "level": s.level, "likelihood": s.likelihood, "impact": s.impact,
                    "top_source": top.source if top else None, "top_attribute": (top.attribute or None) if top else None,
                    "top_value": top.value if top else 0.0, "expected_visits": step.expected_visits,
                    "gatekeeper": step.is_gatekeeper,
                })
        columns = ["step", "step_name", "kind", "ground", "score", "level", "likelihood", "impact", "top_source",
                   "top_attribute", "top_value", "expected_visits", "gatekeeper"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["level"] = pd.Categorical(frame["level"], categories=self.levels, ordered=True)
        return frame

    def matrix(self) -> List[List[float]]:
        """The scores as a list of rows: one per step (model order), one column per ground (knowledge base order)."""
        return [[step.scores[g].score for g in self.grounds] for step in self._steps]

    def plot(self, *, ax: Any = None, language: str = "en", annotate: bool = True) -> Any:
        """A heatmap of steps x grounds (needs matplotlib); returns the Figure.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure when None.
        language : {"en", "nl"}
            Language of the ground labels.
        annotate : bool
            Write each score in its cell.
        """
        if language not in ("en", "nl"):
            raise InvalidArgumentError(f'language must be "en" or "nl", not "{language}"')
        optional_import("matplotlib", "Assessment.plot()", "python3-matplotlib")
        import matplotlib.pyplot as plt

        from matplotlib.colors import BoundaryNorm, ListedColormap

        labels = [g["label"].get(language) or g["id"] for g in self._doc["grounds"]]
        steps = [s.name or s.id for s in self._steps]
        levels = self._doc["levels"]
        if ax is None:
            fig, ax = plt.subplots(figsize=(1.0 + 0.7 * len(labels), 1.5 + 0.45 * len(steps)))
        else:
            fig = ax.figure
        # Discrete, in the colours of the HTML report: one colour per level, its band from the level's minimum score.
        colours = [LEVEL_COLOURS[min(i, len(LEVEL_COLOURS) - 1)] for i in range(len(levels))]
        bounds = [level["min"] for level in levels] + [100.0 + 1e-9]
        norm = BoundaryNorm(bounds, len(colours))
        image = ax.imshow(self.matrix(), cmap=ListedColormap(colours), norm=norm, aspect="auto")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        ax.set_yticks(range(len(steps)), steps)
        ax.set_xlabel("ground" if language == "en" else "grond")
        ax.set_ylabel("step" if language == "en" else "stap")
        ax.set_title(self.process_name or self.process_id)
        index = {level["id"]: i for i, level in enumerate(levels)}
        if annotate:
            for row, step in enumerate(self._steps):
                for column, ground in enumerate(self.grounds):
                    score = step.scores[ground]
                    if score.score > 0:
                        ax.text(column, row, f"{score.score:.0f}", ha="center", va="center", fontsize=7,
                                color="white" if index.get(score.level, 0) >= 3 else "black")
        bar = fig.colorbar(image, ax=ax, ticks=[(bounds[i] + min(bounds[i + 1], 100.0)) / 2 for i in range(len(levels))])
        bar.ax.set_yticklabels([level["label"].get(language) or level["id"] for level in levels])
        bar.set_label("risk level (score 0-100)" if language == "en" else "risiconiveau (risicoscore 0-100)")
        fig.tight_layout()
        return fig

    def to_html(self, *, language: str = "en", date: Optional[str] = None, disparity: Any = None, compounding: Any = None,
                process: Optional[Process] = None, kb: Optional[KnowledgeBase] = None) -> str:
        """The HTML report, the same file as ``artikel1 report`` writes (single file, inline CSS and SVG).

        Parameters
        ----------
        language : {"en", "nl"}
        date : str, optional
            The date shown in the report (YYYY-MM-DD); none when None, so the output is reproducible.
        disparity : DisparityTable, optional
            Adds the section "Observed differences" (as ``report --log``): the table as published, suppressed cells
            without numbers.
        compounding : Compounding, optional
            Adds the compounding results to that section (as ``report --compound``).
        process, kb : optional
            The model and knowledge base of an assessment that was loaded (from_json, pickle) rather than made by
            :func:`assess`, which keeps them.
        """
        from .compounding import Compounding
        from .disparity import DisparityTable

        if language not in ("en", "nl"):
            raise InvalidArgumentError(f'language must be "en" or "nl", not "{str(language)[:60]}"')
        if disparity is not None and not isinstance(disparity, DisparityTable):
            raise InvalidArgumentError(f"disparity must be a DisparityTable, not {type(disparity).__name__}")
        if compounding is not None and not isinstance(compounding, Compounding):
            raise InvalidArgumentError(f"compounding must be a Compounding, not {type(compounding).__name__}")
        if compounding is not None and disparity is None:
            raise InvalidArgumentError("compounding needs disparity: the compounding results are part of its section")
        if process is not None:
            sources = (process._handle(kb), resolve(kb))
        elif self._sources is not None:
            sources = self._sources
        else:
            raise InvalidArgumentError("this assessment was loaded, not made by assess(): give process= (and kb= when "
                                       "it is not the built-in knowledge base)")
        return str(_core.report_html(sources[0], self._handle, sources[1], language, date or "",
                                     disparity._handle if disparity is not None else None,
                                     compounding.to_json() if compounding is not None else ""))

    def _repr_html_(self) -> str:
        grounds = self.grounds
        head = "".join(f"<th>{html.escape(g)}</th>" for g in grounds)
        body = []
        for step in self._steps:
            cells = []
            for g in grounds:
                s = step.scores[g]
                shade = int(255 - 2.2 * s.score)
                cells.append(f'<td style="background:rgb(255,{shade},{shade});text-align:right" '
                             f'title="{html.escape(s.level)}">{s.score:.1f}</td>')
            body.append(f"<tr><th>{html.escape(step.name or step.id)}</th>{''.join(cells)}</tr>")
        return (f"<div><b>{html.escape(self.process_name or self.process_id)}</b> "
                f"(method {html.escape(self.method)}; max {self.max_score:.1f})"
                f"<table><tr><th>step</th>{head}</tr>{''.join(body)}</table></div>")

    @classmethod
    def _unpickle(cls, text: str) -> "Assessment":
        return cls(_core.assessment_from_json(text, ""), text)

    def __reduce__(self) -> Any:
        # Pickled as its canonical JSON (multiprocessing, joblib, Dask): the same document and bytes come back, and
        # compare() and DisparityTable.link() work on it as on the original.
        return (Assessment._unpickle, (self._text,))

    def __repr__(self) -> str:
        return (f"<Assessment of {self.process_id!r}: {len(self._steps)} steps x {len(self.grounds)} grounds, "
                f"max {self.max_score:.1f}, {len(self._doc['recommendations'])} recommendations>")


def assess(process: Union[Process, Dict[str, Any], str, PathLike], kb: Optional[KnowledgeBase] = None,
           explanations: bool = True) -> Assessment:
    """Scores every (step, ground) of a process.

    Parameters
    ----------
    process : Process, dict, JSON text or path
        The model; anything but a Process is read with :func:`artikel1.load`.
    kb : KnowledgeBase, optional
        The knowledge base (default: the built-in one).
    explanations : bool, default True
        False: every number (scores, levels, robustness ranges, summary, action plan) as with True, but no
        contributions, impact terms or movers; for a large model whose numbers are wanted, in about half the time
        or less.

    Returns
    -------
    Assessment

    Raises
    ------
    ValidationError
        When the model has errors (every problem is in ``.problems``).

    Notes
    -----
    Linear in steps + flows per ground; the GIL is released while the method runs, so threads can assess in parallel.

    Examples
    --------
    >>> import artikel1
    >>> a = artikel1.assess(artikel1.example())
    >>> a.process_id
    'bijstand-aanvraag'
    """
    if not isinstance(process, Process):
        from .process import load

        process = load(process, kb=kb)
    kb_handle = resolve(kb)
    process_handle = process._handle(kb)
    result = Assessment(_core.assess(process_handle, kb_handle, explanations))
    result._sources = (process_handle, kb_handle)
    return result


@dataclass(frozen=True)
class ScoreChange:
    """How one (step, ground) changed: ``change`` is ``up``, ``down``, ``appeared`` or ``disappeared``."""

    step: str
    ground: str
    change: str
    before: Optional[float]
    after: Optional[float]
    level_before: Optional[str]
    level_after: Optional[str]
    step_name: str = ""
    ground_label: Dict[str, str] = field(default_factory=dict)
    level_change: Optional[str] = None
    """``up``, ``down`` or ``same`` when both sides have a level."""

    @property
    def delta(self) -> float:
        """after - before (a missing side counts as 0)."""
        return (self.after or 0.0) - (self.before or 0.0)


class Comparison:
    """What went up, down, appeared or disappeared between two rounds (steps and grounds matched by id), and, when
    both rounds were models, which measures of the action plan and which mensbeelden changed status."""

    def __init__(self, document: Dict[str, Any], rounds: Optional[tuple] = None) -> None:
        self._doc = document
        self._rounds = rounds  # (before, after, before process, after process, kb) to render the report

    @property
    def changes(self) -> List[ScoreChange]:
        """The changes, in the order of the new steps, then the removed steps."""
        return [ScoreChange(c["step"], c["ground"], c["change"], c["before"], c["after"], c["level_before"],
                            c["level_after"], c.get("step_name", ""), dict(c.get("ground_label", {})),
                            c.get("level_change")) for c in self._doc["changes"]]

    @property
    def dossiers_compared(self) -> bool:
        """True when both rounds were models, so that the team's work was compared too."""
        return bool(self._doc.get("dossiers_compared", False))

    @property
    def actions(self) -> List[Dict[str, Any]]:
        """Measures of the action plan whose status changed: step, step_name, measure, description, status_before,
        status_after (None: not in that round) and now_in_place (it was promised and is now in place)."""
        return loads(json.dumps(self._doc.get("actions", [])))

    @property
    def assumptions(self) -> List[Dict[str, Any]]:
        """Mensbeelden whose status changed, or that were added or dropped: step, step_name, id, text,
        present_before, present_after, status_before, status_after."""
        return loads(json.dumps(self._doc.get("assumptions", [])))

    def _render(self, format: str, language: str) -> str:
        if language not in ("en", "nl"):
            raise InvalidArgumentError(f'language must be "en" or "nl", not "{language}"')
        if self._rounds is None:
            raise InvalidArgumentError("this comparison was read from JSON; compare() the rounds to render it")
        before, after, before_process, after_process, kb = self._rounds
        return _core.compare_report(before, after, before_process, after_process, kb, format, language)

    def to_text(self, *, language: str = "en") -> str:
        """The comparison as the text of ``artikel1 compare``, with names, in ``"en"`` or ``"nl"``."""
        return self._render("text", language)

    def to_markdown(self, *, language: str = "en") -> str:
        """The comparison as Markdown, as ``artikel1 compare --format md``."""
        return self._render("md", language)

    def to_html(self, *, language: str = "en") -> str:
        """The comparison as one self-contained HTML page, as ``artikel1 compare --format html``."""
        return self._render("html", language)

    @property
    def counts(self) -> Dict[str, int]:
        """How many (step, ground) pairs went ``up``, ``down``, ``appeared``, ``disappeared``, ``unchanged``."""
        return dict(self._doc["counts"])

    def to_dict(self) -> Dict[str, Any]:
        """The comparison as a dict (``artikel1/comparison/1``)."""
        return loads(json.dumps(self._doc))

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The comparison as JSON text."""
        return json.dumps(self._doc, indent=indent, ensure_ascii=False)

    def to_frame(self) -> Any:
        """One row per change (needs pandas): step, ground, change, before, after, delta, level_before, level_after."""
        pd = optional_import("pandas", "Comparison.to_frame()", "python3-pandas")
        columns = ["step", "ground", "change", "before", "after", "delta", "level_before", "level_after"]
        return pd.DataFrame([[c.step, c.ground, c.change, c.before, c.after, c.delta, c.level_before, c.level_after]
                             for c in self.changes], columns=columns)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return f"<Comparison {self._doc['before']['process']} -> {self._doc['after']['process']}: {counts}>"


def compare(old: Union[Assessment, Process], new: Union[Assessment, Process], *,
            kb: Optional[KnowledgeBase] = None) -> Comparison:
    """Compares two rounds: assessments, or processes (assessed first, with `kb`). When both are processes, the
    team's work is compared too (:attr:`Comparison.actions`, :attr:`Comparison.assumptions`; docs/dossier.md).

    Examples
    --------
    >>> import artikel1
    >>> c = artikel1.compare(artikel1.example("duo-uitwonendenbeurs"), artikel1.example("duo-uitwonendenbeurs-herontwerp"))
    >>> c.counts["down"] > 0
    True
    """
    def as_assessment(item: Any, name: str) -> Assessment:
        if isinstance(item, Assessment):
            return item
        if isinstance(item, Process):
            return assess(item, kb)
        raise InvalidArgumentError(f"{name} must be an Assessment or a Process, not {type(item).__name__}")

    before, after = as_assessment(old, "old"), as_assessment(new, "new")
    both = isinstance(old, Process) and isinstance(new, Process)
    old_process = old._handle(kb) if both else None
    new_process = new._handle(kb) if both else None
    document = loads(_core.compare(before._handle, after._handle, old_process, new_process))
    return Comparison(document, (before._handle, after._handle, old_process, new_process, resolve(kb)))
