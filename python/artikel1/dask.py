# SPDX-License-Identifier: EUPL-1.2
"""Observed disparity and compounding of a Dask DataFrame: each partition counted by the compiled counter, the counts
merged.

Each partition is counted where it lives (on a worker of a ``distributed`` cluster, or in the local scheduler) by a
:class:`~artikel1.DisparityCounter` (with transition counts for compounding); only its serialised counts
(``artikel1/disparity-counts/1``, a few kilobytes: bounded by decision points x groups x strata, or flows x groups x
strata, never by rows) travel back, and they are merged in a tree reduction. Counting and merging are exact, so the
table and the compounding result are the same, byte for byte, as one process counting the whole log.

Rows of a step/next-step (or outcome) log are independent, so partitions may split cases anywhere. A log of events
whose next step is derived (case id, step, timestamp) needs each case in one partition: see docs/disparity.md ("On a
cluster"), which also gives a multi-machine recipe.

Examples
--------
>>> import artikel1, artikel1.dask, dask.dataframe as dd, pandas as pd
>>> p = artikel1.Process("demo")
>>> p.add_step("d", "decision"); p.add_step("ok", "outcome"); p.add_step("no", "outcome", severity="high")
>>> p.add_flow("d", "ok"); p.add_flow("d", "no", adverse=True)
>>> frame = pd.DataFrame({"step": ["d"] * 4, "next_step": ["ok", "no", "no", "ok"], "gender": ["f", "f", "m", "m"]})
>>> table = artikel1.dask.disparity(p, dd.from_pandas(frame, npartitions=2), {"gender": "sex"}, min_cell=1)
>>> table.cell("d", "sex", "f").rate
0.5
>>> result = artikel1.dask.compound(p, dd.from_pandas(frame, npartitions=2), {"gender": "sex"}, min_cell=1)
>>> result.rates().probability.to_list()
[0.5, 0.5]
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Sequence, Tuple

from . import compounding
from .compounding import Compounding, transition_counter
from .disparity import DisparityCounter, DisparityTable
from .errors import InvalidArgumentError
from .process import Process

__all__ = ["compound", "count", "disparity"]

# Options of DisparityCounter (what is counted), of DisparityCounter.add_frame (how a partition's columns are named),
# and of the results computed from the merged counts.
_COUNTER_OPTIONS = ("strata", "outcomes", "intersections", "decision_points", "kb")
_FRAME_OPTIONS = ("step", "next", "outcome", "case", "timestamp", "strict")
_TABLE_OPTIONS = ("confidence", "alpha", "band", "reference_groups")
_COMPOUNDING_OPTIONS = ("reference_groups", "hits", "confidence", "shapley_exact_limit", "shapley_permutations", "seed")
# The keywords of artikel1.compound, which compound() passes on (`outcomes` there names adverse outcomes; `kb` goes to
# the counter too).
_COMPOUND_KEYWORDS = ("min_cell", "reference_groups", "outcomes", "hits", "confidence", "shapley_exact_limit",
                      "shapley_permutations", "seed", "kb")


def _count_partition(frame: Any, empty: DisparityCounter, frame_options: Dict[str, Any]) -> str:
    # `empty` is one node of the graph, shared by the tasks of a worker: each task counts into a copy of its own.
    counter = empty.empty_copy()
    if len(frame):
        counter.add_frame(frame, **frame_options)
    return counter.serialise()


def _merge_counts(parts: Sequence[str], empty: DisparityCounter) -> str:
    merged = empty.empty_copy()
    for text in parts:
        merged.merge(empty.deserialise(text))
    return merged.serialise()


def _split(options: Mapping[str, Any], listed: Sequence[str] = ()) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """The counter's and the partitions' options of `options`; an option of a result is refused with where it
    belongs. `listed`: the caller's other options, named with the rest when an option is unknown."""
    for name in options:
        if name in _COUNTER_OPTIONS or name in _FRAME_OPTIONS:
            continue
        if name in _TABLE_OPTIONS:
            raise InvalidArgumentError(f"{name!r} is an option of the table: use disparity()")
        if name in _COMPOUNDING_OPTIONS:
            raise InvalidArgumentError(f"{name!r} is an option of the compounding: use compound()")
        known = ", ".join(dict.fromkeys(_COUNTER_OPTIONS + _FRAME_OPTIONS + tuple(listed)))
        raise InvalidArgumentError(f"unknown option {name!r} (options: {known})")
    pick = lambda names: {k: v for k, v in options.items() if k in names}  # noqa: E731
    return pick(_COUNTER_OPTIONS), pick(_FRAME_OPTIONS)


def _counts(process: Process, frame: Any, grounds: Mapping[str, str], transitions: bool, split_every: int,
            options: Mapping[str, Any], listed: Sequence[str] = ()) -> Tuple[DisparityCounter, Any]:
    """An empty counter of the options and the merged counts of `frame` as a lazy ``dask.delayed`` text."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - python3-dask is a test dependency
        raise ImportError("artikel1.dask needs Dask (Debian: apt-get install python3-dask python3-distributed)") from e
    if not isinstance(process, Process):
        raise InvalidArgumentError(f"process must be a Process, not {type(process).__name__}")
    if not isinstance(frame, dd.DataFrame):
        raise InvalidArgumentError(f"frame must be a dask.dataframe.DataFrame, not {type(frame).__name__}")
    if not isinstance(grounds, Mapping):
        raise InvalidArgumentError("grounds must be a dict of column -> ground id, e.g. {'gender': 'sex'}")
    if isinstance(split_every, bool) or not isinstance(split_every, int) or split_every < 2:
        raise InvalidArgumentError(f"split_every must be a whole number of at least 2, got {split_every!r}")
    counter_options, frame_options = _split(options, listed)
    # Fail here, before any task runs, on a model or options the counter refuses.
    if transitions:
        if "outcomes" in counter_options:
            raise InvalidArgumentError("transition counts need the next step of each row, not outcomes")
        empty = transition_counter(process, dict(grounds), **counter_options)
    else:
        empty = DisparityCounter(process, dict(grounds), **counter_options)

    # The empty counter pickles as the model (plain data), its settings and no counts: it travels to each worker
    # once, where the compiled model is rebuilt (validation included).
    shared = dask.delayed(empty, pure=False)
    count_task = dask.delayed(_count_partition, pure=True)
    merge_task = dask.delayed(_merge_counts, pure=True)
    level = [count_task(part, shared, frame_options) for part in frame.to_delayed()]
    if not level:
        level = [dask.delayed(empty.serialise())]
    while len(level) > 1:
        level = [merge_task(level[i:i + split_every], shared) for i in range(0, len(level), split_every)]
    return empty, level[0]


def count(process: Process, frame: Any, grounds: Mapping[str, str], *, transitions: bool = False,
          split_every: int = 8, **options: Any) -> Any:
    """The merged counts of a Dask DataFrame, as a lazy ``dask.delayed`` object holding the serialised counts.

    ``compute()`` it and pass the text to :meth:`DisparityCounter.deserialise` (of a counter made the same way: with
    `transitions`, :func:`artikel1.transition_counter`), or combine it with counts from elsewhere (``artikel1
    merge``). `options` are those of :func:`disparity` other than the table's.

    Parameters
    ----------
    transitions : bool
        Also count every move per flow x group x stratum, as :func:`artikel1.transition_counter` does (what
        compounding needs); the log must then have the next step, not an outcome column.
    split_every : int
        How many partial counts each merge task combines (the fan-in of the tree reduction); at least 2.
    """
    return _counts(process, frame, grounds, bool(transitions), split_every, options)[1]


def disparity(
    process: Process,
    frame: Any,
    grounds: Mapping[str, str],
    *,
    min_cell: int = 10,
    split_every: int = 8,
    **options: Any,
) -> DisparityTable:
    """The disparity table of a Dask DataFrame: the same table, byte for byte, as :func:`artikel1.disparity` on the
    whole frame in one process.

    Parameters
    ----------
    process : Process
        The model whose steps the log names.
    frame : dask.dataframe.DataFrame
        One row per transition: step, next step (or outcome) and the group columns, as for
        :meth:`DisparityCounter.add_frame`; or one row per event (case id, step, timestamp), each case in one
        partition.
    grounds : dict
        Column -> ground id.
    min_cell, confidence, alpha, band, reference_groups
        As for :meth:`DisparityCounter.table`.
    strata, outcomes, intersections, decision_points, kb
        As for :class:`DisparityCounter`.
    step, next, outcome, case, timestamp, strict
        As for :meth:`DisparityCounter.add_frame`.
    split_every : int
        The fan-in of the tree reduction that merges the partitions' counts.

    Notes
    -----
    Runs on the current Dask scheduler (a ``distributed.Client`` if one is active). Each partition costs one pass
    over its rows in C++; what travels is each partition's serialised counts.
    """
    table_options = {k: v for k, v in options.items() if k in _TABLE_OPTIONS}
    rest = {k: v for k, v in options.items() if k not in _TABLE_OPTIONS}
    empty, counts = _counts(process, frame, grounds, False, split_every, rest, _TABLE_OPTIONS)
    return empty.deserialise(counts.compute()).table(min_cell=min_cell, **table_options)


def compound(process: Process, frame: Any, grounds: Mapping[str, str], *, split_every: int = 8,
             **options: Any) -> Compounding:
    """Compounding of a Dask DataFrame: the same result, byte for byte, as :func:`artikel1.compound` on the whole
    frame in one process.

    The partitions are counted with transition counts (``count(..., transitions=True)``), the counts merged in a
    tree, and the result computed from the merged counts here.

    Parameters
    ----------
    process, grounds, split_every
        As for :func:`disparity`.
    frame : dask.dataframe.DataFrame
        One row per move: step, next step (empty where the case ended) and the group columns; or one row per event
        (case id, step, timestamp), each case in one partition (a case cut in two would seem to end at the cut).
    min_cell, reference_groups, outcomes, hits, confidence, shapley_exact_limit, shapley_permutations, seed, kb
        As for :func:`artikel1.compound` (`outcomes` names adverse outcomes here, as there).
    strata, intersections, decision_points
        As for :func:`artikel1.transition_counter`.
    step, next, case, timestamp, strict
        As for :meth:`DisparityCounter.add_frame`.
    """
    result_options = {k: v for k, v in options.items() if k in _COMPOUND_KEYWORDS}
    rest = {k: v for k, v in options.items() if k not in _COMPOUND_KEYWORDS}
    if "kb" in options:
        rest["kb"] = options["kb"]
    empty, counts = _counts(process, frame, grounds, True, split_every, rest, _COMPOUND_KEYWORDS)
    return compounding.compound(process, empty.deserialise(counts.compute()), **result_options)
