# SPDX-License-Identifier: EUPL-1.2
"""The BPMN 2.0 export (docs/formats.md#bpmn-export): a model as a file Camunda Modeler and bpmn.io open."""
from __future__ import annotations

import os
import warnings
from typing import Optional

from ._util import PathLike, _core
from .assessment import Assessment
from .errors import InvalidArgumentError
from .knowledge_base import KnowledgeBase
from .process import Process


def to_bpmn(process: Process, assessment: Optional[Assessment] = None, *, kb: Optional[KnowledgeBase] = None,
            layout: str = "graphviz", annotations_out: Optional[PathLike] = None) -> str:
    """The process as a BPMN 2.0 file (XML text), as ``artikel1 convert MODEL -o FILE.bpmn`` writes it.

    Parameters
    ----------
    process : the model; one read from BPMN keeps its ids, lanes and diagram (its member "bpmn").
    assessment : when given (``artikel1.assess(process)``), every shape is coloured by its highest risk level.
    kb : the knowledge base the model is checked with (default: the built-in one).
    layout : "graphviz" (Graphviz's dot, a layered layout when it is missing) or "layers", for a model without a
        diagram of its own.
    annotations_out : path, optional
        Writes the method's annotations to this side file (``artikel1/bpmn-annotations/1``, keyed by the ids of the
        BPMN elements; docs/formats.md#annotations-beside-the-bpmn-file) and returns the BPMN file without them (no
        namespace ``urn:artikel1:bpmn:1``; the risk colours stay), as ``artikel1 convert MODEL -o FILE.bpmn
        --annotations-out SIDE.json`` does. ``artikel1.load(FILE.bpmn, annotations=SIDE.json)`` reads both back.

    What BPMN cannot carry (the team's work of schema /2, probabilities per group) and a layout without Graphviz are
    reported as a UserWarning.

    Examples
    --------
    >>> import artikel1
    >>> p = artikel1.example()
    >>> artikel1.to_bpmn(p, artikel1.assess(p), layout="layers").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    True
    """
    if not isinstance(process, Process):
        raise InvalidArgumentError(f"process must be a Process, not {type(process).__name__}")
    if assessment is not None and not isinstance(assessment, Assessment):
        raise InvalidArgumentError(f"assessment must be an Assessment, not {type(assessment).__name__}")
    if layout not in ("graphviz", "layers"):
        raise InvalidArgumentError(f'layout must be "graphviz" or "layers", not "{str(layout)[:60]}"')
    if annotations_out is not None and not isinstance(annotations_out, (str, os.PathLike)):
        raise InvalidArgumentError(f"annotations_out must be a path, not {type(annotations_out).__name__}")
    xml, notes, side = _core.to_bpmn(process._handle(kb), assessment._handle if assessment is not None else None,
                                     layout == "graphviz", annotations_out is not None)
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=2)
    if annotations_out is not None:
        with open(os.fspath(annotations_out), "w", encoding="utf-8") as out:
            out.write(side)
    return str(xml)
