# SPDX-License-Identifier: EUPL-1.2
"""Observed disparity of a Dask DataFrame: each partition counted by the compiled counter, the counts merged.

Each partition is counted where it lives (on a worker of a ``distributed`` cluster, or in the local scheduler) by a
:class:`~artikel1.DisparityCounter`; only its serialised counts (``artikel1/disparity-counts/1``, a few kilobytes:
bounded by decision points x groups x strata, never by rows) travel back, and they are merged in a tree reduction.
Counting and merging are exact, so the table is the same, byte for byte, as one process counting the whole log.

Rows of a step/next-step (or outcome) log are independent, so partitions may split cases anywhere. See
docs/disparity.md ("On a cluster") for a multi-machine recipe.

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
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from .disparity import DisparityCounter, DisparityTable
from .errors import InvalidArgumentError
from .process import Process

__all__ = ["count", "disparity"]

# Options of DisparityCounter (what is counted) and of DisparityCounter.add_frame (how a partition's columns are named).
_COUNTER_OPTIONS = ("strata", "outcomes", "intersections", "decision_points")
_FRAME_OPTIONS = ("step", "next", "outcome", "strict")
_TABLE_OPTIONS = ("confidence", "alpha", "band", "reference_groups")


def _counter(process_doc: Dict[str, Any], grounds: Dict[str, str], counter_options: Dict[str, Any]) -> DisparityCounter:
    # A Process is plain data (its JSON document), so it travels to workers as it is; the compiled model is rebuilt
    # there (validation included), once per task.
    return DisparityCounter(Process.from_dict(process_doc), grounds, **counter_options)


def _count_partition(frame: Any, process_doc: Dict[str, Any], grounds: Dict[str, str],
                     counter_options: Dict[str, Any], frame_options: Dict[str, Any]) -> str:
    counter = _counter(process_doc, grounds, counter_options)
    if len(frame):
        counter.add_frame(frame, **frame_options)
    return counter.serialise()


def _merge_counts(parts: Sequence[str], process_doc: Dict[str, Any], grounds: Dict[str, str],
                  counter_options: Dict[str, Any]) -> str:
    merged = _counter(process_doc, grounds, counter_options)
    for text in parts:
        merged.merge(merged.deserialise(text))
    return merged.serialise()


def _split(options: Mapping[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any], Dict[str, Any]]:
    unknown = sorted(set(options) - set(_COUNTER_OPTIONS) - set(_FRAME_OPTIONS) - set(_TABLE_OPTIONS))
    if unknown:
        known = ", ".join(_COUNTER_OPTIONS + _FRAME_OPTIONS + _TABLE_OPTIONS)
        raise InvalidArgumentError(f"unknown option {unknown[0]!r} (options: {known})")
    pick = lambda names: {k: v for k, v in options.items() if k in names}  # noqa: E731
    return pick(_COUNTER_OPTIONS), pick(_FRAME_OPTIONS), pick(_TABLE_OPTIONS)


def count(process: Process, frame: Any, grounds: Mapping[str, str], *, split_every: int = 8,
          **options: Any) -> Any:
    """The merged counts of a Dask DataFrame, as a lazy ``dask.delayed`` object holding the serialised counts.

    ``compute()`` it and pass the text to :meth:`DisparityCounter.deserialise`, or combine it with counts from
    elsewhere (``artikel1 merge``). `options` are those of :func:`disparity` other than the table's.

    Parameters
    ----------
    split_every : int
        How many partial counts each merge task combines (the fan-in of the tree reduction); at least 2.
    """
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
    counter_options, frame_options, table_options = _split(options)
    if table_options:
        raise InvalidArgumentError(f"{sorted(table_options)[0]!r} is an option of the table: use disparity()")
    grounds = dict(grounds)
    process_doc = process.to_dict()
    # Fail here, before any task runs, on a model or options the counter refuses.
    _counter(process_doc, grounds, counter_options)

    count_task = dask.delayed(_count_partition, pure=True)
    merge_task = dask.delayed(_merge_counts, pure=True)
    level = [count_task(part, process_doc, grounds, counter_options, frame_options) for part in frame.to_delayed()]
    if not level:
        level = [dask.delayed(_counter(process_doc, grounds, counter_options).serialise())]
    while len(level) > 1:
        level = [merge_task(level[i:i + split_every], process_doc, grounds, counter_options)
                 for i in range(0, len(level), split_every)]
    return level[0]


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
        :meth:`DisparityCounter.add_frame`.
    grounds : dict
        Column -> ground id.
    min_cell, confidence, alpha, band, reference_groups
        As for :meth:`DisparityCounter.table`.
    strata, outcomes, intersections, decision_points
        As for :class:`DisparityCounter`.
    step, next, outcome, strict
        As for :meth:`DisparityCounter.add_frame`.
    split_every : int
        The fan-in of the tree reduction that merges the partitions' counts.

    Notes
    -----
    Runs on the current Dask scheduler (a ``distributed.Client`` if one is active). Each partition costs one pass
    over its rows in C++; what travels is each partition's serialised counts.
    """
    counter_options, _, table_options = _split(options)
    counts = count(process, frame, grounds, split_every=split_every,
                   **{k: v for k, v in options.items() if k not in table_options})
    counter = _counter(process.to_dict(), dict(grounds), counter_options)
    return counter.deserialise(counts.compute()).table(min_cell=min_cell, **table_options)
