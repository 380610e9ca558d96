# SPDX-License-Identifier: EUPL-1.2
"""Exceptions and problems.

Every exception artikel1 raises derives from :class:`Error`, and each kind has its own class, so that a caller can
catch exactly what it can handle::

    try:
        process = artikel1.load("model.json")
    except artikel1.ValidationError as error:
        for problem in error.problems:
            print(problem.pointer, problem.message)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

__all__ = [
    "Problem",
    "Error",
    "ParseError",
    "ValidationError",
    "InvalidArgumentError",
    "NotFoundError",
    "LimitError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found in a document.

    Attributes
    ----------
    level : str
        ``"error"`` (the document cannot be used) or ``"warning"`` (shown, does not block).
    pointer : str
        JSON pointer to the offending value, e.g. ``"/steps/3/uses/0/attribute"``; ``""`` for the whole document.
    message : str
        What is wrong, in plain words.
    line, column : int
        1-based position in the text for malformed JSON; 0 when not known.
    code : str
        The stable code of the message in the catalogue (docs/messages.md), e.g. ``"duplicate_step_id"``; ``""``
        for a problem without one.
    args : tuple of str
        The arguments of the message (quoted tokens, pointers, numbers), as the catalogue fills them in.
    """

    level: str
    pointer: str
    message: str
    line: int = 0
    column: int = 0
    code: str = ""
    args: Tuple[str, ...] = ()

    def message_in(self, language: str) -> str:
        """The message in ``"en"`` (the same as :attr:`message`) or ``"nl"``; without a code, :attr:`message`.

        >>> problem.message_in("nl")  # doctest: +SKIP
        'dubbele stap-id "intake" (al gebruikt bij /steps/0)'
        """
        from . import _core

        return _core.problem_message(self.code, list(self.args), self.message, language)

    @property
    def is_error(self) -> bool:
        """True for an error, False for a warning."""
        return self.level == "error"

    def __str__(self) -> str:
        where = self.pointer or "/"
        if self.line:
            where = f"{self.line}:{self.column}"
        return f"{self.level}: {where}: {self.message}"


class Error(Exception):
    """Base class of every exception raised by artikel1."""


class ParseError(Error):
    """Input that is not well-formed (malformed JSON, a CSV row with the wrong number of fields).

    Attributes
    ----------
    detail : str
        The message without the position.
    line, column : int
        1-based position of the error.
    file : str
        The file name when known, else ``""``.
    """

    def __init__(self, message: str, detail: str = "", line: int = 0, column: int = 0, file: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message
        self.line = line
        self.column = column
        self.file = file


class ValidationError(Error, ValueError):
    """A well-formed document that breaks the rules of its format.

    Attributes
    ----------
    problems : list of Problem
        Every problem found, not just the first (errors and warnings).
    """

    def __init__(self, message: str, problems: Optional[Sequence[Problem]] = None) -> None:
        super().__init__(message)
        self.problems: List[Problem] = list(problems or [])

    @property
    def errors(self) -> List[Problem]:
        """The problems of level ``"error"``."""
        return [p for p in self.problems if p.is_error]


class InvalidArgumentError(Error, ValueError):
    """An argument that cannot be used (a ground that does not exist, a wrong type or shape)."""


class NotFoundError(Error, LookupError):
    """Something asked for by name or id does not exist (a step, a ground, an example, a file)."""


class LimitError(Error):
    """An input exceeds a resource limit (size, nesting depth, count)."""


def _problem_from_tuple(item: Sequence[Any]) -> Problem:
    level, pointer, message, line, column, code, args = item
    return Problem(str(level), str(pointer), str(message), int(line), int(column), str(code), tuple(map(str, args)))


def _from_core(kind: str, message: str, payload: Any) -> Error:
    """Builds the exception for a C++ exception of `kind` (called by the compiled module)."""
    if kind == "ValidationError":
        return ValidationError(message, [_problem_from_tuple(p) for p in payload])
    if kind == "ParseError":
        detail, line, column, file = payload
        return ParseError(message, detail, int(line), int(column), file)
    classes = {"InvalidArgumentError": InvalidArgumentError, "NotFoundError": NotFoundError, "LimitError": LimitError}
    return classes.get(kind, Error)(message)
