# SPDX-License-Identifier: EUPL-1.2
"""Internal helpers: the compiled module with a build hint, optional dependencies, JSON input of several shapes."""

from __future__ import annotations

import importlib
import json
import math
import os
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from .errors import InvalidArgumentError, NotFoundError

try:
    from . import _core  # noqa: F401  (re-exported to the other modules)
except ImportError as error:  # pragma: no cover - only without a build
    raise ImportError(
        "artikel1's compiled module (artikel1._core) is missing. Build it with "
        "'cmake -S . -B build && cmake --build build --target artikel1_python' and set PYTHONPATH=build/python, "
        "or install the package with 'pip install . --no-build-isolation'. (" + str(error) + ")"
    ) from error

PathLike = Union[str, "os.PathLike[str]"]


def optional_import(module: str, purpose: str, package: str) -> Any:
    """Imports an optional dependency, or raises ImportError saying what needs it and how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{purpose} needs {module}, which is not installed. Install it with 'apt install {package}' "
            f"or 'pip install {module.split('.')[0]}'."
        ) from error


def _non_finite(value: Any, pointer: str) -> Optional[Tuple[str, float]]:
    """The JSON pointer and value of the first NaN or infinity in a document of dicts and lists, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return pointer, value
    if isinstance(value, Mapping):
        items: Any = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _non_finite(item, pointer + "/" + str(key).replace("~", "~0").replace("/", "~1"))
        if found:
            return found
    return None


def dict_json(document: Mapping[str, Any]) -> str:
    """JSON text of a document given as a dict; a NaN or infinity (which JSON cannot hold) is an
    InvalidArgumentError naming its field."""
    found = _non_finite(document, "")
    if found:
        raise InvalidArgumentError(f"{found[0]}: {found[1]} is not a number JSON can hold (NaN and infinity are not allowed)")
    return json.dumps(dict(document), ensure_ascii=False)


def document_text(source: Any, what: str) -> Tuple[str, str]:
    """JSON text and a file name (or "") from a dict, a JSON string, or a path."""
    if isinstance(source, dict):
        return text_argument(dict_json(source), what), ""
    if isinstance(source, os.PathLike):
        path = os.fspath(source)
        return read_text(path), path
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    if isinstance(source, str):
        text_argument(source, what)
        if source.lstrip().startswith(("{", "[")):
            return source, ""
        return read_text(source), source
    raise InvalidArgumentError(
        f"{what} must be a dict, a JSON string or a path, not {type(source).__name__}"
    )


def read_text(path: str) -> str:
    """The text of a file, with NotFoundError when it does not exist."""
    text_argument(path, "path")
    if not os.path.exists(path):
        raise NotFoundError(f"no such file: {shown_path(path)}")
    return _core.read_file(path)


def _escape_controls(text: str) -> str:
    return "".join(f"\\x{ord(c):02X}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in text)


def shown_path(path: str) -> str:
    """A path as messages show it: control characters escaped, cut after 200 characters (a text passed where a path
    was expected must not be repeated whole)."""
    path = _escape_controls(path)
    return path if len(path) <= 200 else path[:200] + "..."


def text_argument(text: Any, what: str) -> str:
    """`text` checked to be a str that can be encoded as UTF-8. The errors name the position, never the text: the
    compiled module's own conversion error would repeat the whole argument."""
    if not isinstance(text, str):
        raise InvalidArgumentError(f"{what} must be a str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidArgumentError(
            f"{what} is not valid Unicode: a lone surrogate at character {error.start}"
        ) from None
    return text


def loads(text: str) -> Dict[str, Any]:
    """Parses JSON text written by the compiled module."""
    return json.loads(text)
