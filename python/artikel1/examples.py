# SPDX-License-Identifier: EUPL-1.2
"""The example process models built into the library (the JSON files of ``examples/``)."""

from __future__ import annotations

from typing import List, Optional

from ._util import _core
from .knowledge_base import KnowledgeBase
from .process import Process

__all__ = ["examples", "example", "DEFAULT_EXAMPLE"]

DEFAULT_EXAMPLE: str = str(_core.default_example_name)
"""The example used when no model is given: a municipal social-assistance application."""


def examples() -> List[str]:
    """The names of the built-in examples, sorted.

    Examples
    --------
    >>> "bijstand-aanvraag" in examples()
    True
    """
    return list(_core.example_names())


def example(name: str = DEFAULT_EXAMPLE, *, kb: Optional[KnowledgeBase] = None) -> Process:
    """A built-in example, loaded and validated; raises NotFoundError (listing the names) for an unknown name."""
    return Process.from_json(_core.example_json(name), kb=kb)
