# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base: grounds, attribute kinds with their proxy strengths, channels, measures and the method's weights.

The default one is compiled into the library (:meth:`KnowledgeBase.builtin`); a user can load a complete one from a
file or extend the default with a partial document (:meth:`KnowledgeBase.extend`).
"""

from __future__ import annotations

import copy
import os
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from ._util import PathLike, _core, document_text, loads, text_argument
from .errors import NotFoundError

__all__ = ["KnowledgeBase", "Ground", "AttributeKind", "Measure", "Channel"]


@dataclass(frozen=True)
class Ground:
    """A ground of discrimination (article 1 of the Constitution or the equal treatment acts).

    Attributes
    ----------
    id : str
        E.g. ``"race"``.
    label : dict
        ``{"nl": ..., "en": ...}``.
    legal_source : str
        Where the ground comes from in law.
    description : dict
        ``{"nl": ..., "en": ...}``.
    """

    id: str
    label: Dict[str, str]
    legal_source: str = ""
    description: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AttributeKind:
    """A kind of data attribute and how strongly it stands in for each ground (0..1; 1: it is the ground).

    Attributes
    ----------
    id : str
    label : dict
    proxy : dict
        Ground id -> strength (0..1).
    rationales : dict
        Ground id -> why that strength.
    """

    id: str
    label: Dict[str, str]
    proxy: Dict[str, float]
    rationales: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Channel:
    """A channel through which officials meet citizens and how visible each ground is through it (0..1)."""

    id: str
    label: Dict[str, str]
    visibility: Dict[str, float]


@dataclass(frozen=True)
class Measure:
    """A mitigating measure: which risk sources it dampens and by what factor.

    Attributes
    ----------
    id : str
    label, description : dict
        Dutch and English text for the action plan.
    dampens : list of dict
        Each ``{"source": ..., "factor": ..., "automation": [...], "grounds": [...], "rationale": ...}``.
    """

    id: str
    label: Dict[str, str]
    description: Dict[str, str]
    dampens: List[Dict[str, Any]]


def _weights(entries: Dict[str, Any]) -> Dict[str, float]:
    # A weight is written either as a number or as {"value": ..., "rationale": ...}.
    return {ground: float(w["value"] if isinstance(w, dict) else w) for ground, w in entries.items()}


def _rationales(entries: Dict[str, Any]) -> Dict[str, str]:
    return {ground: (w.get("rationale", "") if isinstance(w, dict) else "") for ground, w in entries.items()}


class KnowledgeBase:
    """The weights and catalogues of the method. Immutable: :meth:`extend` returns a new knowledge base.

    Examples
    --------
    >>> kb = KnowledgeBase.builtin()
    >>> "race" in kb.ground_ids
    True
    """

    def __init__(self, _handle: Any) -> None:
        self._handle = _handle
        self._document: Optional[Dict[str, Any]] = None

    @classmethod
    def builtin(cls) -> "KnowledgeBase":
        """The default knowledge base compiled into the library (``data/knowledge_base.json``)."""
        return cls(_core.KnowledgeBase.builtin())

    @classmethod
    def from_file(cls, path: PathLike) -> "KnowledgeBase":
        """A complete knowledge base from a JSON file.

        Raises
        ------
        NotFoundError
            When the file does not exist.
        ParseError, ValidationError
            When it is not a valid ``artikel1/knowledge-base/1`` document.
        """
        text, name = document_text(path if not isinstance(path, str) else _as_path(path), "path")
        return cls(_core.KnowledgeBase.from_json_text(text, name))

    @classmethod
    def from_dict(cls, document: Dict[str, Any]) -> "KnowledgeBase":
        """A complete knowledge base from a dict (raises ValidationError listing every problem)."""
        text, _ = document_text(document, "document")
        return cls(_core.KnowledgeBase.from_json_text(text, ""))

    @classmethod
    def from_json(cls, text: str) -> "KnowledgeBase":
        """A complete knowledge base from JSON text (raises ParseError or ValidationError)."""
        return cls(_core.KnowledgeBase.from_json_text(text_argument(text, "text"), ""))

    def extend(self, extension: Union[Dict[str, Any], str, PathLike]) -> "KnowledgeBase":
        """A copy extended by a partial document (a dict, JSON text or a path).

        Entries of ``grounds``, ``attribute_kinds``, ``channels`` and ``measures`` with a known id replace that
        entry, new ids are added; members of ``method`` replace the same member. The extension needs
        ``"schema": "artikel1/knowledge-base/1"``.
        """
        text, name = document_text(extension, "extension")
        return KnowledgeBase(self._handle.extended(text, name))

    @property
    def id(self) -> str:
        """The knowledge base's id, e.g. ``"artikel1-default"``."""
        return str(self._handle.id)

    @property
    def version(self) -> str:
        """The knowledge base's version."""
        return str(self._handle.version)

    @property
    def method_id(self) -> str:
        """The id of the method (its weights); every assessment carries it."""
        return str(self._handle.method_id)

    def to_dict(self) -> Dict[str, Any]:
        """The whole document as a dict (a copy)."""
        return copy.deepcopy(self._doc())

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The whole document as JSON text."""
        return json.dumps(self._doc(), indent=indent, ensure_ascii=False)

    @property
    def method(self) -> Dict[str, Any]:
        """The method's weights, levels and settings (a copy of the ``method`` member)."""
        return copy.deepcopy(self._doc()["method"])

    @property
    def levels(self) -> List[str]:
        """Level ids from low to high, e.g. ``["low", "medium", "high", "very_high"]``."""
        return [level["id"] for level in self._doc()["method"]["levels"]]

    @property
    def grounds(self) -> List[Ground]:
        """The grounds, in the knowledge base's order (the order of every assessment)."""
        return [
            Ground(g["id"], dict(g.get("label", {})), g.get("legal_source", ""), dict(g.get("description", {})))
            for g in self._doc()["grounds"]
        ]

    @property
    def ground_ids(self) -> List[str]:
        """The ids of the grounds, in order."""
        return [g["id"] for g in self._doc()["grounds"]]

    @property
    def attribute_kinds(self) -> List[AttributeKind]:
        """The attribute kinds with their proxy strength per ground."""
        return [
            AttributeKind(
                a["id"],
                dict(a.get("label", {})),
                _weights(a.get("proxy", {})),
                _rationales(a.get("proxy", {})),
            )
            for a in self._doc()["attribute_kinds"]
        ]

    @property
    def channels(self) -> List[Channel]:
        """The channels with the visibility of each ground."""
        return [Channel(c["id"], dict(c.get("label", {})), _weights(c.get("visibility", {}))) for c in self._doc()["channels"]]

    @property
    def measures(self) -> List[Measure]:
        """The catalogue of measures."""
        return [
            Measure(m["id"], dict(m.get("label", {})), dict(m.get("description", {})), copy.deepcopy(m.get("dampens", [])))
            for m in self._doc()["measures"]
        ]

    def ground(self, ground_id: str) -> Ground:
        """One ground by id; raises NotFoundError."""
        return _by_id(self.grounds, ground_id, "ground")

    def attribute_kind(self, kind_id: str) -> AttributeKind:
        """One attribute kind by id; raises NotFoundError."""
        return _by_id(self.attribute_kinds, kind_id, "attribute kind")

    def measure(self, measure_id: str) -> Measure:
        """One measure by id; raises NotFoundError."""
        return _by_id(self.measures, measure_id, "measure")

    def _doc(self) -> Dict[str, Any]:
        if self._document is None:
            self._document = loads(self._handle.document())
        return self._document

    def __reduce__(self) -> Any:
        # Pickled as its whole document, so a worker process gets the same weights.
        return (KnowledgeBase.from_json, (self.to_json(indent=None),))

    def __repr__(self) -> str:
        doc = self._doc()
        return (
            f"<KnowledgeBase {self.id} {self.version}: {len(doc['grounds'])} grounds, "
            f"{len(doc['attribute_kinds'])} attribute kinds, {len(doc['measures'])} measures>"
        )


def _as_path(path: str) -> "os.PathLike[str]":
    import pathlib

    return pathlib.Path(path)


def _by_id(items: List[Any], item_id: str, what: str) -> Any:
    for item in items:
        if item.id == item_id:
            return item
    raise NotFoundError(f'no {what} "{item_id}" in the knowledge base')


def resolve(kb: Optional[KnowledgeBase]) -> Any:
    """The compiled handle of `kb`, or of the built-in knowledge base when None."""
    if kb is None:
        return _core.KnowledgeBase.builtin()
    if not isinstance(kb, KnowledgeBase):
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(f"kb must be a KnowledgeBase or None, not {type(kb).__name__}")
    return kb._handle
