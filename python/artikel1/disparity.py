# SPDX-License-Identifier: EUPL-1.2
"""Observed disparity: per decision point x ground x group, how often cases went the adverse way (docs/disparity.md).

Counts come from event logs (CSV, process-mining CSV, JSON lines; read by the multi-threaded C++ readers) or straight
from numpy arrays and pandas columns: each column is passed as integer codes plus their labels (a pandas Categorical
as it is, other columns through ``numpy.unique``), so no Python work is done per row and the GIL is released while
counting. Counters merge, so a log can be split over processes (or Dask/Spark partitions) and combined.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ._util import PathLike, _core, loads, optional_import, shown_path, text_argument
from .assessment import Assessment
from .errors import InvalidArgumentError, NotFoundError
from .knowledge_base import KnowledgeBase
from .process import Process

__all__ = ["DisparityCounter", "DisparityTable", "DisparityCell", "disparity"]


@dataclass(frozen=True)
class DisparityCell:
    """One decision point x ground x group.

    A suppressed cell carries no numbers: every numeric field is None. Groups with fewer than ``min_cell`` passages
    are not shown by label: they are one cell per decision point and ground, ``other (suppressed)`` (``other``
    True); a group shown by label may be suppressed too, to protect them.
    ``ratio``, ``difference``, ``p_value`` and ``q_value`` compare the group with the reference group of its decision
    point and ground (None for the reference itself and for cells that cannot be compared).
    """

    step: str
    ground: str
    group: str
    suppressed: bool
    reference: bool = False
    n: Optional[int] = None
    adverse: Optional[int] = None
    rate: Optional[float] = None
    rate_interval: Optional[Tuple[float, float]] = None
    ratio: Optional[float] = None
    ratio_interval: Optional[Tuple[float, float]] = None
    difference: Optional[float] = None
    p_value: Optional[float] = None
    q_value: Optional[float] = None
    flagged: bool = False
    mantel_haenszel: Optional[Dict[str, Any]] = None
    no_comparison: str = ""
    other: bool = False


def _interval(value: Any) -> Optional[Tuple[float, float]]:
    if value is None:
        return None
    if isinstance(value, dict):
        return (value.get("lower"), value.get("upper"))
    return (value[0], value[1])


def _cell(c: Dict[str, Any]) -> DisparityCell:
    if c.get("suppressed"):
        return DisparityCell(c["step"], c["ground"], c["group"], True, other=c.get("other", False))
    comparison = c.get("comparison") or {}
    return DisparityCell(
        c["step"], c["ground"], c["group"], False, c.get("reference", False), c.get("n"), c.get("adverse"),
        c.get("rate"), _interval(c.get("rate_interval")), comparison.get("ratio"),
        _interval(comparison.get("ratio_interval")), comparison.get("difference"), comparison.get("p_value"),
        comparison.get("q_value"), c.get("flagged", False), c.get("mantel_haenszel"), c.get("no_comparison", ""),
    )


class DisparityTable:
    """The result of :meth:`DisparityCounter.table`: one :class:`DisparityCell` per decision point x ground x group."""

    def __init__(self, _handle: Any) -> None:
        self._handle = _handle
        self._doc = loads(_handle.to_json())

    def __reduce__(self) -> Any:
        # Pickled as its published JSON, which holds nothing the table does not publish (no suppressed count); read
        # back, it writes the same JSON, CSV and text and links as the original.
        return (_table_from_json, (str(self._handle.to_json()),))

    @property
    def cells(self) -> List[DisparityCell]:
        """Every cell, in decision-point, ground and group order."""
        return [_cell(c) for c in self._doc["cells"]]

    @property
    def flagged(self) -> List[DisparityCell]:
        """The cells whose disparity is significant (q < alpha) and outside the band (e.g. the four-fifths rule)."""
        return [cell for cell in self.cells if cell.flagged]

    @property
    def decision_points(self) -> List[str]:
        """The decision points counted."""
        return list(self._doc["decision_points"])

    @property
    def grounds(self) -> List[str]:
        """The grounds analysed (intersections read ``race+sex``)."""
        return list(self._doc["grounds"])

    @property
    def issues(self) -> Dict[str, Any]:
        """Rows that could not be counted, per kind (unknown steps, flows not in the model, missing groups...)."""
        return dict(self._doc["issues"])

    def cell(self, step: str, ground: str, group: str) -> DisparityCell:
        """One cell; raises NotFoundError."""
        for c in self._doc["cells"]:
            if (c["step"], c["ground"], c["group"]) == (step, ground, group):
                return _cell(c)
        raise NotFoundError(f'no cell for step "{step}", ground "{ground}", group "{group}"')

    def to_dict(self) -> Dict[str, Any]:
        """The table as a dict (``artikel1/disparity/1``)."""
        return loads(json.dumps(self._doc))

    def to_json(self) -> str:
        """The table as JSON text (``artikel1/disparity/1``), as the CLI writes it."""
        return json.dumps(self._doc, indent=2, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        """One row per cell; the numbers of suppressed cells are left empty."""
        return str(self._handle.to_csv())

    def to_text(self) -> str:
        """A readable report of the flagged cells and the issues."""
        return str(self._handle.to_text())

    def to_frame(self) -> Any:
        """One row per cell as a pandas DataFrame (needs pandas); suppressed numbers are NaN."""
        pd = optional_import("pandas", "DisparityTable.to_frame()", "python3-pandas")
        columns = ["step", "ground", "group", "suppressed", "reference", "n", "adverse", "rate", "rate_lower",
                   "rate_upper", "ratio", "ratio_lower", "ratio_upper", "difference", "p_value", "q_value", "flagged"]
        rows = []
        for c in self.cells:
            rate_i = c.rate_interval or (None, None)
            ratio_i = c.ratio_interval or (None, None)
            rows.append([c.step, c.ground, c.group, c.suppressed, c.reference, c.n, c.adverse, c.rate, rate_i[0],
                         rate_i[1], c.ratio, ratio_i[0], ratio_i[1], c.difference, c.p_value, c.q_value, c.flagged])
        frame = pd.DataFrame(rows, columns=columns)
        for column in ("n", "adverse"):
            frame[column] = frame[column].astype("Int64")
        for column in columns[7:16]:
            frame[column] = frame[column].astype("float64")
        return frame

    def link(self, assessment: Assessment) -> List[Dict[str, Any]]:
        """For each flagged cell, the structural score and level of its (step, ground) in `assessment`."""
        if not isinstance(assessment, Assessment):
            raise InvalidArgumentError(f"assessment must be an Assessment, not {type(assessment).__name__}")
        if assessment.process_id != self._doc["process"]:
            raise InvalidArgumentError(f'the assessment is of process "{assessment.process_id[:60]}", the table of '
                                       f'process "{self._doc["process"][:60]}"')
        return loads(self._handle.link(assessment._handle))

    def to_html(self, *, language: str = "en", assessment: Optional[Assessment] = None, compounding: Any = None,
                date: Optional[str] = None) -> str:
        """The section "Observed differences" of the report as an HTML document of its own (single file, inline CSS
        and SVG): per decision point the rates per group with their intervals, a forest plot of the ratios, and the
        suppressed cells as such. With `assessment`, the names of steps and grounds and the structural score beside
        each flagged cell; with `compounding` (a :class:`Compounding`), the funnel and each decision point's share."""
        from .compounding import Compounding

        if language not in ("en", "nl"):
            raise InvalidArgumentError(f'language must be "en" or "nl", not "{str(language)[:60]}"')
        if assessment is not None and not isinstance(assessment, Assessment):
            raise InvalidArgumentError(f"assessment must be an Assessment, not {type(assessment).__name__}")
        if compounding is not None and not isinstance(compounding, Compounding):
            raise InvalidArgumentError(f"compounding must be a Compounding, not {type(compounding).__name__}")
        return str(_core.disparity_html(self._handle, assessment._handle if assessment is not None else None, language,
                                        date or "", compounding.to_json() if compounding is not None else ""))

    def plot(self, *, ax: Any = None, language: str = "en", step: Optional[str] = None) -> Any:
        """A forest plot of the ratios to the reference group (needs matplotlib); returns the Figure.

        One row per published cell (of `step` only, when given), grouped by decision point and ground: a square at
        the ratio with its interval for a compared group, in the report's colour of the highest level when flagged;
        an open diamond at 1 for the reference group; no point for a suppressed row. Log scale, the band of the flag
        rule shaded and 1 marked.
        """
        if language not in ("en", "nl"):
            raise InvalidArgumentError(f'language must be "en" or "nl", not "{str(language)[:60]}"')
        if step is not None and step not in self.decision_points:
            raise NotFoundError(f'no decision point "{str(step)[:60]}" in the table')
        optional_import("matplotlib", "DisparityTable.plot()", "python3-matplotlib")
        import matplotlib.pyplot as plt

        words = _core.observed_words(language)
        cells = [c for c in self.cells if step is None or c.step == step]
        if ax is None:
            fig, ax = plt.subplots(figsize=(8, 1.2 + 0.32 * max(1, len(cells))))
        else:
            fig = ax.figure
        low, high = self._doc["band"]
        ax.axvspan(low, high, color="#eeeeee", zorder=0)
        ax.axvline(1.0, color="#555555", linewidth=1.2, zorder=1)
        labels = []
        for row, c in enumerate(cells):
            y = len(cells) - 1 - row
            group = words["other_suppressed"] if c.other else c.group
            labels.append(f"{c.step} / {c.ground}: {group}")
            if c.suppressed:
                ax.text(1.0, y, "  " + words["not_published"], va="center", fontsize=8, color="#666666", style="italic")
            elif c.reference:
                ax.plot([1.0], [y], marker="D", markerfacecolor="white", markeredgecolor="#333333", linestyle="none")
            elif c.ratio is not None and c.ratio_interval is not None and c.ratio > 0:
                colour = _core.flagged_colour if c.flagged else "#333333"
                lower, upper = c.ratio_interval
                lower = lower if lower and lower > 0 else c.ratio
                upper = upper if upper is not None else c.ratio
                ax.errorbar([c.ratio], [y], xerr=[[c.ratio - lower], [upper - c.ratio]], fmt="s", color=colour, capsize=3)
        ax.set_xscale("log")
        ax.set_yticks(range(len(cells)), list(reversed(labels)))
        ax.set_ylim(-0.7, len(cells) - 0.3)
        ax.set_xlabel(words["forest"])
        ax.set_title(words["title"] + ": " + str(self._doc["process"]))
        fig.tight_layout()
        return fig

    def __repr__(self) -> str:
        return (f"<DisparityTable {self._doc['process']}: {len(self._doc['cells'])} cells, "
                f"{self._doc['flagged']} flagged, {self._doc['suppressed']} suppressed>")


def _whole_number(value: Any, what: str, low: int, high: Optional[int] = None) -> int:
    """`value` as an int from `low` to `high`, or InvalidArgumentError naming `what` (bool is not a number here)."""
    np = optional_import("numpy", "Counting from arrays", "python3-numpy")
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InvalidArgumentError(f"{what} must be a whole number, not {type(value).__name__}")
    if value < low or (high is not None and value > high):
        bound = f"from {low} to {high}" if high is not None else f"of {low} or more"
        raise InvalidArgumentError(f"{what} must be a whole number {bound}, got {int(value)}")
    return int(value)


def _codes(codes: Any, what: str) -> Any:
    """Integer codes as int32, refusing floats and values outside the 32-bit range (they would wrap)."""
    np = optional_import("numpy", "Counting from arrays", "python3-numpy")
    array = np.asarray(codes)
    if array.size and array.dtype.kind not in "iu":
        raise InvalidArgumentError(f"the codes of {what} must be integers, not {array.dtype}")
    if array.size and (array.min() < -2**31 or array.max() > 2**31 - 1):
        bad = array.max() if array.max() > 2**31 - 1 else array.min()
        raise InvalidArgumentError(f"the codes of {what} must fit in 32 bits: {int(bad)} does not")
    return array.astype(np.int32)


def _encode(values: Any, what: str) -> Tuple[Any, List[str]]:
    """(int32 codes, labels) of a column without per-row Python work; missing values get code -1."""
    np = optional_import("numpy", "Counting from arrays", "python3-numpy")
    if isinstance(values, tuple) and len(values) == 2:
        codes, labels = values
        return _codes(codes, what), [str(label) for label in labels]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        pd = None
    if pd is not None:
        if isinstance(values, pd.Series):
            values = values.array if isinstance(values.dtype, pd.CategoricalDtype) else values.to_numpy()
        if isinstance(values, pd.Categorical):
            return values.codes.astype(np.int32), [str(c) for c in values.categories]
    array = np.asarray(values)
    if array.ndim != 1:
        raise InvalidArgumentError(f"{what} must be one-dimensional, got shape {array.shape}")
    if array.dtype.kind in "iub":
        labels, codes = np.unique(array, return_inverse=True)
        return codes.astype(np.int32), [str(int(label)) for label in labels]
    if array.dtype.kind in "OfcU" or array.dtype.kind == "S":
        # Missing: None, NaN and pandas' NA (whose comparisons raise or give NA).
        if pd is not None:
            present = ~np.asarray(pd.isna(array), dtype=bool)
        elif array.dtype.kind in "fc":
            present = ~np.isnan(array)
        else:
            present = np.array([v is not None and v == v for v in array], dtype=bool) if array.size else array.astype(bool)
        if present.all():
            labels, codes = np.unique(array.astype(str), return_inverse=True)
            return codes.astype(np.int32), [str(label) for label in labels]
        codes = np.full(array.shape[0], -1, dtype=np.int32)
        labels, inner = np.unique(array[present].astype(str), return_inverse=True)
        codes[present] = inner
        return codes, [str(label) for label in labels]
    labels, codes = np.unique(array.astype(str), return_inverse=True)
    return codes.astype(np.int32), [str(label) for label in labels]


def _adverse(label: Any, adverse: Any) -> bool:
    """An outcome's adverse flag: True or False only ("no" would otherwise count as adverse)."""
    np = optional_import("numpy", "Counting from arrays", "python3-numpy")
    if not isinstance(adverse, (bool, np.bool_)):
        raise InvalidArgumentError(f'outcome "{str(label)[:60]}": adverse must be True or False, not '
                                   f"{type(adverse).__name__}")
    return bool(adverse)


class DisparityCounter:
    """Counts passages per decision point x ground x group; mergeable, with memory bounded by the table's size.

    Parameters
    ----------
    process : Process
        The model whose steps the log names.
    grounds : dict
        Column -> ground id, e.g. ``{"migration_background": "race", "gender": "sex"}``.
    strata : str, optional
        A column whose values are strata (e.g. ``"municipality"``) for the Mantel-Haenszel odds ratio.
    outcomes : dict, optional
        For logs with an outcome column instead of the next step: outcome label -> adverse (bool).
    intersections : sequence of (str, str)
        Pairs of ground ids to analyse together; each becomes the ground ``"a+b"``.
    decision_points : sequence of str
        Steps to count; default: every decision step and every step with more than one outgoing flow.
    kb : KnowledgeBase, optional
        The knowledge base the process is validated against.

    Examples
    --------
    >>> import artikel1, numpy as np
    >>> p = artikel1.Process("demo")
    >>> p.add_step("d", "decision"); p.add_step("ok", "outcome"); p.add_step("no", "outcome", severity="high")
    >>> p.add_flow("d", "ok"); p.add_flow("d", "no", adverse=True)
    >>> counter = artikel1.DisparityCounter(p, {"gender": "sex"})
    >>> _ = counter.add(steps=np.array(["d"] * 4), next=np.array(["ok", "no", "no", "ok"]),
    ...                 groups={"gender": np.array(["f", "f", "m", "m"])})
    >>> counter.table(min_cell=1).cell("d", "sex", "f").rate
    0.5
    """

    def __init__(
        self,
        process: Process,
        grounds: Mapping[str, str],
        *,
        strata: Optional[str] = None,
        outcomes: Optional[Mapping[str, bool]] = None,
        intersections: Sequence[Tuple[str, str]] = (),
        decision_points: Sequence[str] = (),
        kb: Optional[KnowledgeBase] = None,
    ) -> None:
        if not isinstance(process, Process):
            raise InvalidArgumentError(f"process must be a Process, not {type(process).__name__}")
        if not isinstance(grounds, Mapping):
            raise InvalidArgumentError("grounds must be a dict of column -> ground id, e.g. {'gender': 'sex'}")
        # What rebuilds this counter in another process (pickling): plain data and the knowledge base.
        self._settings = (process.to_dict(), dict(grounds), dict(strata=strata, outcomes=dict(outcomes or {}),
                          intersections=[tuple(p) for p in intersections], decision_points=list(decision_points), kb=kb))
        self._handle = _core.DisparityAccumulator(
            process._handle(kb), list(grounds.items()), strata or "",
            [(str(label), _adverse(label, adverse)) for label, adverse in (outcomes or {}).items()],
            [tuple(pair) for pair in intersections], list(decision_points))

    @classmethod
    def _from_handle(cls, handle: Any, settings: Tuple[Dict[str, Any], Dict[str, str], Dict[str, Any]]) -> "DisparityCounter":
        """A counter around a compiled accumulator, with the settings that rebuild it (pickling)."""
        counter = cls.__new__(cls)
        counter._settings = settings
        counter._handle = handle
        return counter

    def _wrap(self, handle: Any) -> "DisparityCounter":
        """A counter with this one's settings around another handle (of the same spec)."""
        return DisparityCounter._from_handle(handle, self._settings)

    @property
    def grounds(self) -> List[str]:
        """The grounds counted: one per column, then the intersections."""
        return list(self._handle.grounds())

    @property
    def ground_columns(self) -> List[str]:
        """The group column of each base ground."""
        return list(self._handle.ground_columns())

    def add(
        self,
        *,
        steps: Any,
        next: Any = None,
        outcome: Any = None,
        groups: Mapping[str, Any],
        strata: Any = None,
        strict: bool = False,
    ) -> "DisparityCounter":
        """Counts rows given as columns of equal length (numpy arrays, pandas Series or Categoricals, lists, or
        ``(codes, labels)`` pairs).

        Parameters
        ----------
        steps : column
            The step of each row (step ids).
        next, outcome : column
            The step the case went to next, or (for a counter with ``outcomes``) the outcome label.
        groups : dict
            Ground column -> column of group labels; missing values (None/NaN, code -1) are counted as missing.
        strata : column, optional
            The stratum of each row (a counter with ``strata``).
        strict : bool
            Raise InvalidArgumentError, naming the row, at the first row that cannot be counted.

        Notes
        -----
        Linear in the rows, in C++ with the GIL released; Python only sees each column's distinct labels.
        """
        second = outcome if self._handle.has_outcomes() else next
        name = "outcome" if self._handle.has_outcomes() else "next"
        if second is None:
            raise InvalidArgumentError(f"give the {name} column ({name}=...)")
        missing = [c for c in self.ground_columns if c not in groups]
        if missing:
            raise InvalidArgumentError(f"no group column for {', '.join(missing)} in groups")
        strata_column = self._handle.strata_column()
        if strata is None and strata_column:
            raise InvalidArgumentError(f'give the strata column "{strata_column}" (strata=...)')
        self._handle.add_columns(
            _encode(steps, "steps"), _encode(second, name),
            [_encode(groups[c], c) for c in self.ground_columns],
            _encode(strata, "strata") if strata is not None else None, strict)
        return self

    def add_frame(self, frame: Any, *, step: str = "step", next: str = "next_step", outcome: str = "outcome",
                  case: Optional[str] = None, timestamp: Optional[str] = None,
                  strict: bool = False) -> "DisparityCounter":
        """Counts the rows of a pandas DataFrame whose columns are named like the counter's ground (and strata)
        columns (or, as PM4Py names case attributes, ``case:`` and that name); `step` and `next` (or `outcome`) name
        the other two.

        A PM4Py-style frame (``case:concept:name``, ``concept:name``, ``time:timestamp``) is read as it is: without
        a `next` column, each event's next step is the following event of its case (events ordered by case, then by
        `timestamp` when the frame has one, keeping the frame's order among equal times), and a case's last event
        ends it. `case` and `timestamp` name those columns when they are named otherwise (defaults:
        ``case:concept:name`` or ``case_id``, ``time:timestamp`` or ``timestamp``)."""
        columns = set(frame.columns)
        if step not in columns and step == "step" and "concept:name" in columns:
            step = "concept:name"
        strata_column = self._handle.strata_column()

        def attribute(name: str) -> str:
            return name if name in columns or f"case:{name}" not in columns else f"case:{name}"

        grounds = {c: attribute(c) for c in self.ground_columns}
        strata_name = attribute(strata_column) if strata_column else None
        has_outcomes = self._handle.has_outcomes()
        derive = not has_outcomes and next not in columns and next == "next_step"
        if derive:
            if case is None:
                case = "case_id" if "case_id" in columns and "case:concept:name" not in columns else "case:concept:name"
            if timestamp is None:
                timestamp = "timestamp" if "timestamp" in columns and "time:timestamp" not in columns else "time:timestamp"
            needed = [step, case, *grounds.values()] + ([strata_name] if strata_name else [])
        else:
            needed = [step, outcome if has_outcomes else next, *grounds.values()] + ([strata_name] if strata_name else [])
        absent = [c for c in needed if c not in columns]
        if absent:
            raise InvalidArgumentError(f"the frame has no column {', '.join(absent)}")
        if derive:
            order = [case] + ([timestamp] if timestamp in columns else [])
            frame = frame.sort_values(order, kind="stable")
            second = frame.groupby(case, sort=False)[step].shift(-1)
        else:
            second = frame[outcome if has_outcomes else next]
        return self.add(steps=frame[step], next=second, outcome=second,
                        groups={c: frame[column] for c, column in grounds.items()},
                        strata=frame[strata_name] if strata_name else None, strict=strict)

    def read_log(
        self,
        path: PathLike,
        *,
        case_table: Optional[PathLike] = None,
        case_column: Optional[str] = None,
        format: str = "auto",
        step_column: Optional[str] = None,
        next_column: Optional[str] = None,
        outcome_column: Optional[str] = None,
        timestamp_column: Optional[str] = None,
        delimiter: str = ",",
        threads: int = 1,
        strict: bool = False,
        lifecycle: str = "complete",
        max_open_cases: int = 1_000_000,
    ) -> Dict[str, Any]:
        """Counts an event log file (CSV, process-mining CSV, JSON lines, or XES: ``.xes``, ``.xes.gz``), optionally
        with a case table holding the group columns. Returns what was read (format, events, columns used, threads,
        ``most_open_cases``, and whether the log was sorted by case: ``sorted_by_case``, ``sorted_events``,
        ``sort_runs``, ``sort_bytes``).
        ``lifecycle``: of an XES log, the ``lifecycle:transition`` of the events counted ("" for all).
        ``max_open_cases``: the most cases of an interleaved CSV or JSON-lines log kept open at once (0: no limit);
        past it the rest of the log is sorted by case on disk (in ``TMPDIR``), with the same counts.

        Raises
        ------
        NotFoundError, ParseError (with file:line:column), InvalidArgumentError
        """
        path = os.fspath(path)
        for file in (path, case_table):
            if file is not None and not os.path.exists(os.fspath(file)):
                raise NotFoundError(f"no such file: {shown_path(os.fspath(file))}")
        options = {"format": format, "case_column": case_column, "step_column": step_column,
                   "next_column": next_column, "outcome_column": outcome_column, "timestamp_column": timestamp_column,
                   "delimiter": delimiter, "threads": _whole_number(threads, "threads", 1, 256), "strict": bool(strict),
                   "lifecycle": lifecycle,
                   "max_open_cases": _whole_number(max_open_cases, "max_open_cases", 0, 2**63 - 1)}
        return dict(self._handle.read_log(path, options, os.fspath(case_table) if case_table else "", case_column or ""))

    def read_log_text(self, text: str, *, name: str = "input.csv", **options: Any) -> Dict[str, Any]:
        """Counts an event log given as text; `name` picks the format (``.jsonl``: JSON lines) and names errors."""
        text_argument(text, "text")
        text_argument(name, "name")
        return dict(self._handle.read_log_text(text, name, options))

    def merge(self, other: "DisparityCounter") -> "DisparityCounter":
        """Adds another counter's counts (same process and options); groups are matched by label."""
        if not isinstance(other, DisparityCounter):
            raise InvalidArgumentError(f"other must be a DisparityCounter, not {type(other).__name__}")
        self._handle.merge(other._handle)
        return self

    def empty_copy(self) -> "DisparityCounter":
        """A counter with the same settings and no counts (for one partition of a split log)."""
        return self._wrap(self._handle.empty_copy())

    def serialise(self) -> str:
        """The counts as JSON text (``artikel1/disparity-counts/1``), to send partial results between processes."""
        return str(self._handle.serialise())

    def deserialise(self, text: str) -> "DisparityCounter":
        """A counter with this one's settings and the counts of `text` (from :meth:`serialise`)."""
        return self._wrap(self._handle.deserialise(text))

    def __reduce__(self) -> Any:
        # Pickled as its settings and its serialised counts (multiprocessing, joblib, Dask): the same counts come
        # back. Like serialise(), a pickled counter holds unsuppressed counts: keep it where the log may be.
        return (_restore_counter, (self._settings, self.serialise()))

    @property
    def issues(self) -> Dict[str, Any]:
        """Rows that could not be counted so far, per kind."""
        return loads(self._handle.issues())

    def table(
        self,
        *,
        min_cell: int = 10,
        confidence: float = 0.95,
        alpha: float = 0.05,
        band: Tuple[float, float] = (0.8, 1.25),
        reference_groups: Optional[Mapping[str, str]] = None,
        unknown_labels: bool = False,
    ) -> DisparityTable:
        """The disparity table: rates with Wilson intervals, ratios and differences to the reference group, Fisher's
        exact test, Benjamini-Hochberg q-values, Mantel-Haenszel with strata; cells under `min_cell` suppressed, and
        further cells so that none can be worked out from the rest (docs/disparity.md). `unknown_labels`: publish
        the samples of unknown step and outcome labels in ``issues``."""
        min_cell = _whole_number(min_cell, "min_cell", 0, 2**64 - 1)
        return DisparityTable(self._handle.compute(min_cell, float(confidence), float(alpha), float(band[0]),
                                                   float(band[1]), dict(reference_groups or {}), bool(unknown_labels)))


def _table_from_json(text: str) -> DisparityTable:
    return DisparityTable(_core.disparity_table_from_json(text))


def _restore_counter(settings: Tuple[Dict[str, Any], Dict[str, str], Dict[str, Any]], counts: str) -> DisparityCounter:
    process_doc, grounds, options = settings
    options = dict(options)
    process = Process.from_dict(process_doc, kb=options.get("kb"))
    if options.pop("transitions", False):
        from .compounding import transition_counter  # compounding builds on this module

        return transition_counter(process, grounds, **options).deserialise(counts)
    return DisparityCounter(process, grounds, **options).deserialise(counts)


def disparity(
    process: Process,
    source: Union[PathLike, Any],
    grounds: Mapping[str, str],
    *,
    min_cell: int = 10,
    **options: Any,
) -> DisparityTable:
    """The disparity table of a log file or a pandas DataFrame in one call.

    `options` go to :class:`DisparityCounter` (strata, outcomes, intersections, decision_points, kb), to
    :meth:`DisparityCounter.table` (confidence, alpha, band, reference_groups) and to
    :meth:`DisparityCounter.read_log` or :meth:`DisparityCounter.add_frame` (the rest).
    """
    counter_keys = {"strata", "outcomes", "intersections", "decision_points", "kb"}
    table_keys = {"confidence", "alpha", "band", "reference_groups"}
    counter = DisparityCounter(process, grounds, **{k: v for k, v in options.items() if k in counter_keys})
    rest = {k: v for k, v in options.items() if k not in counter_keys | table_keys}
    if isinstance(source, (str, os.PathLike)):
        counter.read_log(source, **rest)
    else:
        counter.add_frame(source, **rest)
    return counter.table(min_cell=min_cell, **{k: v for k, v in options.items() if k in table_keys})
