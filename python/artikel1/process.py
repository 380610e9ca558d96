# SPDX-License-Identifier: EUPL-1.2
"""The process model: a service process as steps joined by flows (format ``artikel1/process/1``, docs/formats.md).

A :class:`Process` keeps its document as plain Python data. Load one (:func:`load`, :meth:`Process.from_file`...) or
build one in code with :meth:`Process.add_attribute`, :meth:`Process.add_step` and :meth:`Process.add_flow`; call
:meth:`Process.validate` for every problem at once.
"""

from __future__ import annotations

import copy
import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from ._util import PathLike, _core, dict_json, document_text, loads, read_text, shown_path, text_argument
from .errors import InvalidArgumentError, NotFoundError, Problem, _problem_from_tuple
from .knowledge_base import KnowledgeBase, resolve

__all__ = ["Process", "load", "SCHEMA", "SCHEMA_2"]

SCHEMA = "artikel1/process/1"
"""The schema id of a new process document."""

SCHEMA_2 = "artikel1/process/2"
"""The schema id of a document with the team's work (docs/dossier.md); the helpers that add it set it."""

UseSpec = Union[str, Tuple[str, str], Mapping[str, Any]]


class Process:
    """A service process (dienstverleningsproces): attributes, steps and flows.

    Parameters
    ----------
    id : str
        The process id, e.g. ``"bijstand-aanvraag"``.
    name : str, optional
        A readable name (default: the id; the format requires one).
    organisation, description : str, optional
    cases_per_year : float, optional
        How many cases enter the process per year (for citizens-per-year figures).
    vulnerability : {"none", "elevated", "high"}, optional
        How vulnerable the target group is; raises impact.

    Notes
    -----
    The model is not checked while it is built; :meth:`validate` lists every problem and :func:`artikel1.assess`
    raises :class:`ValidationError` for a model with errors.

    Examples
    --------
    >>> p = Process("demo", name="Demo")
    >>> p.add_attribute("pc", "postcode")
    >>> p.add_step("select", "decision", automation="algorithmic", uses=[("pc", "selection_criterion")])
    >>> p.add_step("granted", "outcome")
    >>> p.add_step("sanction", "outcome", severity="severe")
    >>> p.add_flow("select", "sanction", adverse=True, probability=0.1)
    >>> p.add_flow("select", "granted", probability=0.9)
    >>> [problem.message for problem in p.validate()]
    []
    """

    def __init__(
        self,
        id: str,
        name: Optional[str] = None,
        *,
        organisation: str = "",
        description: str = "",
        cases_per_year: float = 0,
        vulnerability: str = "none",
    ) -> None:
        doc: Dict[str, Any] = {"schema": SCHEMA, "id": id, "name": id if name is None else name}
        if organisation:
            doc["organisation"] = organisation
        if description:
            doc["description"] = description
        if cases_per_year:
            doc["cases_per_year"] = cases_per_year
        if vulnerability != "none":
            doc["vulnerability"] = vulnerability
        doc["steps"] = []
        self._doc = doc

    # Loading and saving ---------------------------------------------------------------------------------------------

    @classmethod
    def _from_handle(cls, handle: Any) -> "Process":
        process = cls.__new__(cls)
        process._doc = loads(handle.to_json())
        return process

    @classmethod
    def from_dict(cls, document: Mapping[str, Any], *, kb: Optional[KnowledgeBase] = None) -> "Process":
        """A valid process from a dict.

        Raises
        ------
        ValidationError
            With every problem (unknown ids, probabilities that do not sum to 1, unreachable steps...).
        """
        if not isinstance(document, Mapping):
            raise InvalidArgumentError(f"document must be a dict, not {type(document).__name__}")
        text = text_argument(dict_json(document), "document")
        return cls._from_handle(_core.load_process(text, resolve(kb), ""))

    @classmethod
    def from_json(cls, text: str, *, kb: Optional[KnowledgeBase] = None) -> "Process":
        """A valid process from JSON text; raises ParseError (with line and column) or ValidationError."""
        text_argument(text, "text")
        return cls._from_handle(_core.load_process(text, resolve(kb), ""))

    @classmethod
    def from_file(cls, path: PathLike, *, kb: Optional[KnowledgeBase] = None) -> "Process":
        """A valid process from a JSON file; raises NotFoundError, ParseError or ValidationError."""
        path = text_argument(os.fspath(path), "path")
        if not os.path.exists(path):
            raise NotFoundError(f"no such file: {shown_path(path)}")
        return cls._from_handle(_core.load_process_file(path, resolve(kb)))

    def to_dict(self) -> Dict[str, Any]:
        """The document as a dict (a deep copy; defaults are left out)."""
        return copy.deepcopy(self._doc)

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The document as JSON text, in the canonical member order when the model is valid."""
        return json.dumps(self._doc, indent=indent, ensure_ascii=False) + ("\n" if indent is not None else "")

    def save(self, path: PathLike) -> None:
        """Writes the document to `path` as JSON (UTF-8)."""
        with open(os.fspath(path), "w", encoding="utf-8") as out:
            out.write(self.to_json())

    def copy(self) -> "Process":
        """An independent copy."""
        other = Process.__new__(Process)
        other._doc = copy.deepcopy(self._doc)
        return other

    # Reading ---------------------------------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The process id."""
        return str(self._doc.get("id", ""))

    @property
    def name(self) -> str:
        """The process name."""
        return str(self._doc.get("name", ""))

    @property
    def cases_per_year(self) -> float:
        """Cases entering the process per year (0 when not given)."""
        return float(self._doc.get("cases_per_year", 0))

    @property
    def step_ids(self) -> List[str]:
        """The ids of the steps, in document order."""
        return [s.get("id", "") for s in self._doc.get("steps", [])]

    @property
    def steps(self) -> List[Dict[str, Any]]:
        """The steps as dicts (copies; edit with :meth:`update_step`)."""
        return copy.deepcopy(self._doc.get("steps", []))

    @property
    def flows(self) -> List[Dict[str, Any]]:
        """The flows as dicts (copies)."""
        return copy.deepcopy(self._doc.get("flows", []))

    @property
    def attributes(self) -> List[Dict[str, Any]]:
        """The data attributes as dicts (copies)."""
        return copy.deepcopy(self._doc.get("attributes", []))

    @property
    def schema(self) -> str:
        """The schema id of the document: ``artikel1/process/1``, or ``artikel1/process/2`` with the team's work."""
        return str(self._doc.get("schema", SCHEMA))

    @property
    def team(self) -> Optional[Dict[str, Any]]:
        """The team of the toets (members, period, sessions) as a dict (a copy), or None; set with :meth:`set_team`."""
        team = self._doc.get("team")
        return None if team is None else copy.deepcopy(team)

    @property
    def register(self) -> List[Dict[str, Any]]:
        """Every assumption (mensbeeld) of every step, as a dict with the step's id in ``"step"`` (copies)."""
        return [dict(copy.deepcopy(a), step=s.get("id", "")) for s in self._doc.get("steps", []) for a in s.get("assumptions", [])]

    @property
    def actions(self) -> List[Dict[str, Any]]:
        """The team's action plan: every action of every step, with the step's id in ``"step"`` (copies)."""
        return [dict(copy.deepcopy(a), step=s.get("id", "")) for s in self._doc.get("steps", []) for a in s.get("actions", [])]

    def step(self, step_id: str) -> Dict[str, Any]:
        """One step as a dict (a copy); raises NotFoundError."""
        return copy.deepcopy(self._find_step(step_id))

    def has_step(self, step_id: str) -> bool:
        """True when a step has this id."""
        return any(s.get("id") == step_id for s in self._doc.get("steps", []))

    def successors(self, step_id: str) -> List[str]:
        """Ids of the steps a flow leads to from `step_id`, in flow order."""
        self._find_step(step_id)
        return [f["to"] for f in self._doc.get("flows", []) if f.get("from") == step_id]

    def predecessors(self, step_id: str) -> List[str]:
        """Ids of the steps with a flow into `step_id`, in flow order."""
        self._find_step(step_id)
        return [f["from"] for f in self._doc.get("flows", []) if f.get("to") == step_id]

    # Editing ---------------------------------------------------------------------------------------------------------

    def add_attribute(self, id: str, kind: str, *, name: str = "") -> None:
        """Adds a data attribute; `kind` names an attribute kind of the knowledge base (e.g. ``"postcode"``)."""
        attribute = {"id": id, "kind": kind}
        if name:
            attribute["name"] = name
        self._doc.setdefault("attributes", []).append(attribute)

    def add_step(
        self,
        id: str,
        kind: str = "task",
        *,
        name: str = "",
        description: str = "",
        channel: str = "none",
        discretion: str = "none",
        automation: str = "manual",
        rule_complexity: str = "none",
        severity: str = "none",
        uses: Iterable[UseSpec] = (),
        measures: Iterable[str] = (),
        assumptions: Iterable[Union[Mapping[str, Any], Tuple[str, Sequence[str]]]] = (),
        signals: Iterable[Union[Mapping[str, Any], Tuple[str, int]]] = (),
    ) -> None:
        """Adds a step.

        Parameters
        ----------
        id : str
        kind : {"task", "decision", "outcome"}
        channel : {"in_person", "phone", "paper", "digital", "none"}
        discretion : {"none", "bounded", "broad"}
        automation : {"manual", "rule_based", "algorithmic"}
        rule_complexity : {"none", "low", "medium", "high"}
        severity : {"none", "low", "moderate", "high", "severe"}
            For outcomes: how bad the outcome is for the citizen.
        uses : iterable
            Attribute uses: an attribute id (role ``input``), a pair ``(attribute, role)`` or a dict
            ``{"attribute": ..., "role": ..., "legal_basis": ...}``.
        measures : iterable of str
            Ids of measures in place.
        assumptions : iterable
            ``(text, [grounds])`` pairs or dicts ``{"text": ..., "grounds": [...]}``.
        signals : iterable
            ``(ground, count)`` pairs or dicts ``{"ground": ..., "count": ..., "source": ...}``.

        Raises
        ------
        InvalidArgumentError
            When a step with this id exists already.
        """
        if self.has_step(id):
            raise InvalidArgumentError(f'a step "{id}" exists already')
        step: Dict[str, Any] = {"id": id, "kind": kind}
        for key, value, default in (
            ("name", name, ""),
            ("description", description, ""),
            ("channel", channel, "none"),
            ("discretion", discretion, "none"),
            ("automation", automation, "manual"),
            ("rule_complexity", rule_complexity, "none"),
            ("severity", severity, "none"),
        ):
            if value != default:
                step[key] = value
        use_list = [_use(u) for u in uses]
        if use_list:
            step["uses"] = use_list
        measure_list = list(measures)
        if measure_list:
            step["measures"] = measure_list
        assumption_list = [_assumption(a) for a in assumptions]
        if assumption_list:
            step["assumptions"] = assumption_list
        signal_list = [_signal(s) for s in signals]
        if signal_list:
            step["signals"] = signal_list
        self._doc.setdefault("steps", []).append(step)

    def update_step(self, step_id: str, **members: Any) -> None:
        """Sets members of a step (e.g. ``measures=["four_eyes"]``); a value of None removes the member."""
        step = self._find_step(step_id)
        for key, value in members.items():
            if value is None:
                step.pop(key, None)
            elif key == "uses":
                step[key] = [_use(u) for u in value]
            else:
                step[key] = copy.deepcopy(value)

    def add_measure(self, step_id: str, measure: str) -> None:
        """Puts a measure in place at a step (no effect when it is there already)."""
        step = self._find_step(step_id)
        measures = step.setdefault("measures", [])
        if measure not in measures:
            measures.append(measure)

    # The team's work (schema artikel1/process/2, docs/dossier.md) -----------------------------------------------------

    def set_team(self, *, members: Iterable[Union[str, Tuple[str, str], Mapping[str, Any]]] = (), start: str = "",
                 end: str = "", sessions: Iterable[Union[Tuple[str, str], Tuple[str, str, str], Mapping[str, Any]]] = ()) -> None:
        """Sets the team: members as a role, a pair ``(role, name)`` or a dict; the period as dates ``YYYY-MM-DD``;
        sessions as ``(date, subject)``, ``(date, subject, summary)`` or dicts."""
        team: Dict[str, Any] = {}
        member_list = [_member(m) for m in members]
        if member_list:
            team["members"] = member_list
        period = {key: value for key, value in (("start", start), ("end", end)) if value}
        if period:
            team["period"] = period
        session_list = [_session(item) for item in sessions]
        if session_list:
            team["sessions"] = session_list
        self._version_2()
        self._doc["team"] = team

    def add_action(self, step_id: str, measure: str = "", *, description: str = "", status: str = "planned",
                   owner: str = "", deadline: str = "", check: str = "") -> None:
        """Adds a measure to the action plan of a step.

        Parameters
        ----------
        measure : str
            A measure of the knowledge base (its effect is computed); else give `description`.
        status : {"planned", "in_progress", "in_place"}
            Only ``in_place`` lowers the score; the report shows what a planned one would give.
        owner, deadline, check : str
            Who is responsible, the date it is due (``YYYY-MM-DD``), how its effect will be checked.
        """
        step = self._find_step(step_id)
        action = {key: value for key, value in (("measure", measure), ("description", description)) if value}
        action["status"] = status
        action.update({key: value for key, value in (("owner", owner), ("deadline", deadline), ("check", check)) if value})
        self._version_2()
        step.setdefault("actions", []).append(action)

    def set_action_status(self, step_id: str, action: str, status: str) -> None:
        """Sets the status of the action of a step named by its measure (or, without one, its description);
        raises NotFoundError."""
        for item in self._find_step(step_id).get("actions", []):
            if item.get("measure", item.get("description")) == action:
                item["status"] = status
                return
        raise NotFoundError(f'no action "{action}" at step "{step_id}"')

    def add_input(self, step_id: str, by: str, text: str, *, name: str = "", date: str = "", response: str = "") -> None:
        """Adds what citizens (``by="citizens"``), a client council (``"client_council"``) or an interest group
        (``"interest_group"``) said about a step, and what the team does with it (`response`)."""
        step = self._find_step(step_id)
        item = {"by": by}
        item.update({key: value for key, value in (("name", name), ("date", date)) if value})
        item["text"] = text
        if response:
            item["response"] = response
        self._version_2()
        step.setdefault("input", []).append(item)

    def update_assumption(self, step_id: str, assumption: str, **members: Any) -> None:
        """Sets register members (``id``, ``held_by``, ``evidence_for``, ``evidence_against``, ``tested``, ``status``,
        ``conclusion``) of the assumption of a step named by its id or its text; None removes a member. Raises
        NotFoundError."""
        for item in self._find_step(step_id).get("assumptions", []):
            if assumption in (item.get("id"), item.get("text")):
                self._version_2()
                for key, value in members.items():
                    if value is None:
                        item.pop(key, None)
                    else:
                        item[key] = copy.deepcopy(value)
                return
        raise NotFoundError(f'no assumption "{assumption}" at step "{step_id}"')

    def set_justification(self, step_id: str, attribute: str, *, verdict: str, aim: str = "", suitability: str = "",
                          necessity: str = "", proportionality: str = "", conclusion: str = "") -> None:
        """Sets the justification test of the use of `attribute` at a step: a legitimate aim, suitability, necessity
        and subsidiarity, proportionality, the conclusion, and the `verdict` (``undecided``, ``justified``,
        ``not_justified``). Raises NotFoundError."""
        for use in self._find_step(step_id).get("uses", []):
            if use.get("attribute") == attribute:
                test = {key: value for key, value in (("aim", aim), ("suitability", suitability), ("necessity", necessity),
                                                      ("proportionality", proportionality), ("conclusion", conclusion)) if value}
                test["verdict"] = verdict
                self._version_2()
                use["justification"] = test
                return
        raise NotFoundError(f'step "{step_id}" does not use attribute "{attribute}"')

    def _version_2(self) -> None:
        self._doc["schema"] = SCHEMA_2

    def remove_step(self, step_id: str) -> None:
        """Removes a step and every flow into or out of it; raises NotFoundError."""
        self._find_step(step_id)
        self._doc["steps"] = [s for s in self._doc["steps"] if s.get("id") != step_id]
        if "flows" in self._doc:
            self._doc["flows"] = [f for f in self._doc["flows"] if step_id not in (f.get("from"), f.get("to"))]

    def add_flow(
        self, source: str, target: str, *, adverse: bool = False, probability: Optional[float] = None, condition: str = ""
    ) -> None:
        """Adds a flow from step `source` to step `target`.

        Parameters
        ----------
        adverse : bool
            Taking the flow is a disadvantage for the citizen (the target must be an outcome with a severity).
        probability : float, optional
            Share of the cases at `source` that take this flow; the given ones of a step must sum to 1.
        condition : str, optional
            When the flow is taken, in words.
        """
        flow: Dict[str, Any] = {"from": source, "to": target}
        if adverse:
            flow["adverse"] = True
        if probability is not None:
            flow["probability"] = float(probability)
        if condition:
            flow["condition"] = condition
        self._doc.setdefault("flows", []).append(flow)

    def remove_flow(self, source: str, target: str) -> None:
        """Removes every flow from `source` to `target`; raises NotFoundError when there is none."""
        flows = self._doc.get("flows", [])
        kept = [f for f in flows if (f.get("from"), f.get("to")) != (source, target)]
        if len(kept) == len(flows):
            raise NotFoundError(f'no flow from "{source}" to "{target}"')
        self._doc["flows"] = kept

    # Checking --------------------------------------------------------------------------------------------------------

    def validate(self, *, kb: Optional[KnowledgeBase] = None) -> List[Problem]:
        """Every problem of the model against a knowledge base (errors and warnings); an empty list when valid.

        Notes
        -----
        Linear in steps + flows.
        """
        text = text_argument(dict_json(self._doc), "the process")
        _, problems = _core.read_process(text, resolve(kb))
        return [_problem_from_tuple(p) for p in problems]

    def is_valid(self, *, kb: Optional[KnowledgeBase] = None) -> bool:
        """True when :meth:`validate` finds no error (warnings allowed)."""
        return not any(p.is_error for p in self.validate(kb=kb))

    def _handle(self, kb: Optional[KnowledgeBase]) -> Any:
        """The compiled model; raises ValidationError with every problem when the model has errors."""
        return _core.load_process(dict_json(self._doc), resolve(kb), "")

    def _find_step(self, step_id: str) -> Dict[str, Any]:
        for step in self._doc.get("steps", []):
            if step.get("id") == step_id:
                return step
        raise NotFoundError(f'no step "{step_id}" in process "{self.id}"')

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Process) and self._doc == other._doc

    def __repr__(self) -> str:
        return f"<Process {self.id!r}: {len(self._doc.get('steps', []))} steps, {len(self._doc.get('flows', []))} flows>"


def _use(use: UseSpec) -> Dict[str, Any]:
    if isinstance(use, str):
        return {"attribute": use, "role": "input"}
    if isinstance(use, Mapping):
        return dict(use)
    attribute, role = use
    return {"attribute": attribute, "role": role}


def _assumption(assumption: Union[Mapping[str, Any], Tuple[str, Sequence[str]]]) -> Dict[str, Any]:
    if isinstance(assumption, Mapping):
        return dict(assumption)
    text, grounds = assumption
    return {"text": text, "grounds": list(grounds)}


def _member(member: Union[str, Tuple[str, str], Mapping[str, Any]]) -> Dict[str, Any]:
    if isinstance(member, str):
        return {"role": member}
    if isinstance(member, Mapping):
        return dict(member)
    role, name = member
    return {"role": role, "name": name}


def _session(session: Union[Tuple[str, ...], Mapping[str, Any]]) -> Dict[str, Any]:
    if isinstance(session, Mapping):
        return dict(session)
    item = {"date": session[0], "subject": session[1]}
    if len(session) > 2 and session[2]:
        item["summary"] = session[2]
    return item


def _signal(signal: Union[Mapping[str, Any], Tuple[str, int]]) -> Dict[str, Any]:
    if isinstance(signal, Mapping):
        return dict(signal)
    ground, count = signal
    return {"ground": ground, "count": int(count)}


def is_bpmn_path(path: Any) -> bool:
    """Whether a path names a BPMN 2.0 file (.bpmn, or .bpmn20.xml as some tools name them), as the CLI decides."""
    if not isinstance(path, (str, os.PathLike)):
        return False
    name = os.fspath(path)
    return isinstance(name, str) and name.endswith((".bpmn", ".BPMN", ".bpmn20.xml"))


def _load_bpmn(path: Union[str, PathLike], annotations: Union[None, Mapping[str, Any], str, PathLike],
               kb: Optional[KnowledgeBase]) -> Process:
    """A valid process from a BPMN file, with the annotations of its side file when given."""
    path = os.fspath(path)
    text = read_text(path)
    if annotations is None:
        # Never read unless named; one named after the model beside it is said, as the command line says it.
        beside = path[: -len(".bpmn20.xml") if path.endswith(".bpmn20.xml") else -len(".bpmn")] + ".annotations.json"
        if os.path.isfile(beside):
            warnings.warn(f"{shown_path(path)} is read without {shown_path(beside)} beside it; give "
                          f"annotations={shown_path(beside)!r} to use it", UserWarning, stacklevel=3)
        return Process._from_handle(_core.load_bpmn(text, path, resolve(kb)))
    if isinstance(annotations, Mapping):
        side, name = text_argument(dict_json(annotations), "annotations"), "annotations"
    elif isinstance(annotations, (str, os.PathLike)):
        name = os.fspath(annotations)
        side = read_text(name)
    else:
        raise InvalidArgumentError(f"annotations must be a dict or a path, not {type(annotations).__name__}")
    return Process._from_handle(_core.load_bpmn(text, path, resolve(kb), side, shown_path(name)))


def load(source: Union[Mapping[str, Any], str, PathLike], *, kb: Optional[KnowledgeBase] = None,
         annotations: Union[None, Mapping[str, Any], str, PathLike] = None) -> Process:
    """Loads a valid process from a path (JSON or BPMN 2.0), a JSON string or a dict.

    Parameters
    ----------
    source : dict, str or path
        A dict is read as the document; a str that starts with ``{`` as JSON text; anything else as a path: a BPMN
        2.0 file when it ends in ``.bpmn`` or ``.bpmn20.xml`` (docs/formats.md#bpmn-models), else a JSON file.
    kb : KnowledgeBase, optional
        The knowledge base to validate against (default: the built-in one).
    annotations : dict or path, optional
        For a BPMN source: its side file of annotations (``artikel1/bpmn-annotations/1``, keyed by the ids of the
        file's elements; docs/formats.md#annotations-beside-the-bpmn-file), as a path or as the document.

    Raises
    ------
    NotFoundError, ParseError, ValidationError, InvalidArgumentError
        The side file's problems are a ValidationError whose message names the file and whose problems point into
        it (``/steps/intake/chanel``); a key the BPMN file gives too, an id it lacks and an unknown key are errors.

    Examples
    --------
    >>> import artikel1
    >>> artikel1.load(artikel1.example("bijstand-aanvraag").to_json()).id
    'bijstand-aanvraag'
    """
    if is_bpmn_path(source) and not (isinstance(source, str) and source.lstrip().startswith("{")):
        return _load_bpmn(source, annotations, kb)
    if annotations is not None:
        raise InvalidArgumentError("annotations need a BPMN source (a path ending in .bpmn or .bpmn20.xml)")
    if isinstance(source, Mapping):
        return Process.from_dict(source, kb=kb)
    if isinstance(source, (str, os.PathLike)) and not (isinstance(source, str) and source.lstrip().startswith("{")):
        return Process.from_file(source, kb=kb)
    text, _ = document_text(source, "source")
    return Process.from_json(text, kb=kb)
