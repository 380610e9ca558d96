# SPDX-License-Identifier: EUPL-1.2
"""artikel1: the structural risk of discrimination in public service processes, per ground of article 1.

Model a service process as a graph of steps, score the risk per step and ground with a full explanation, compare
designs, and measure observed disparities in event logs. Plain Python objects always; pandas DataFrames
(``to_frame()``) and matplotlib figures (``plot()``) when those are installed.

Examples
--------
>>> import artikel1
>>> assessment = artikel1.assess(artikel1.example("bijstand-aanvraag"))
>>> assessment.grounds[:3]
['religion', 'belief', 'political_opinion']
"""

from __future__ import annotations

from ._util import _core
from .assessment import (
    Assessment,
    Comparison,
    Contribution,
    GroundSummary,
    ImpactTerm,
    Recommendation,
    Score,
    ScoreChange,
    StepResult,
    assess,
    compare,
)
from .disparity import DisparityCell, DisparityCounter, DisparityTable, disparity
from .compounding import Compounding, compound, compound_model, fit, transition_counter
from .errors import Error, InvalidArgumentError, LimitError, NotFoundError, ParseError, Problem, ValidationError
from .examples import DEFAULT_EXAMPLE, example, examples
from .knowledge_base import AttributeKind, Channel, Ground, KnowledgeBase, Measure
from .process import SCHEMA, SCHEMA_2, Process, load
from .bpmn import to_bpmn

__version__: str = str(_core.version)
"""The library's version."""

__all__ = [
    "__version__",
    # model
    "Process",
    "load",
    "SCHEMA",
    "SCHEMA_2",
    "to_bpmn",
    # knowledge base
    "KnowledgeBase",
    "Ground",
    "AttributeKind",
    "Channel",
    "Measure",
    # method
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
    # observed disparity
    "DisparityCounter",
    "DisparityTable",
    "DisparityCell",
    "disparity",
    # compounding
    "Compounding",
    "compound",
    "compound_model",
    "fit",
    "transition_counter",
    # examples
    "examples",
    "example",
    "DEFAULT_EXAMPLE",
    # errors
    "Problem",
    "Error",
    "ParseError",
    "ValidationError",
    "InvalidArgumentError",
    "NotFoundError",
    "LimitError",
]
