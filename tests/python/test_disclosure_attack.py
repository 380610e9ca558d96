# SPDX-License-Identifier: EUPL-1.2
"""An attacker against the disparity table's disclosure control (docs/security.md, "Disclosure control").

For generated logs (rare groups, one-case groups, intersections, strata, missing groups, two decision points), every
number the table publishes becomes a linear constraint on the unknown counts of the log: one non-negative integer
per decision point x group of each ground (or missing) x stratum present or not x adverse or not. The attacker also
knows what the publication rule implies (a suppressed cell shown by label has at least min_cell passages, a row
"other (suppressed)" at least one, a label not shown without such a row has none) and, as a reader of an annual
report might, the passages and adverse decisions of every decision point and of the passages without a group.
scipy's linprog (HiGHS, with integrality) minimises and maximises each suppressed count: n, adverse and n - adverse
of every suppressed cell, of every "other" row and of every group hidden in one. The test asserts that publishing
narrows none of these ranges below min_cell (a range that is narrower from that outside knowledge alone must not
be narrowed at all).
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import subprocess
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import pytest

import artikel1

linprog = pytest.importorskip("scipy.optimize").linprog

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "tests" / "data" / "logs" / "model.json"
MIN_CELL = 10
OTHER = "other (suppressed)"
# True only to measure tables of the format before secondary suppression, which showed suppressed cells by label.
LABELLED_SUPPRESSED = False
# The command line tool of the build whose Python module is tested (<build>/python/artikel1/_core...).
CLI = os.environ.get("ARTIKEL1_CLI", str(Path(artikel1._util._core.__file__).resolve().parents[2] / "tools" / "artikel1"))


# ---- generated logs ------------------------------------------------------------------------------------------------

def generate(seed: int) -> Tuple[List[List[str]], Dict[str, object]]:
    """A log of cases through check (adverse: investigate) and decide (adverse: reject), and how it was made."""
    rng = random.Random(seed)
    race_sizes = {"NL": rng.randint(40, 400)}
    for label in rng.sample(["Eritrea", "Syria", "Turkey", "Morocco", "Suriname", "Jan de Vries"], rng.randint(1, 4)):
        race_sizes[label] = rng.choice([1, 1, 2, 3, 5, 8, 9, 12, 30, 80])
    sexes = ["f", "m"] + (["x"] if rng.random() < 0.4 else [])
    sex_weights = [1.0, rng.choice([0.3, 1.0, 2.0])] + ([rng.choice([0.01, 0.03, 0.3])] if len(sexes) == 3 else [])
    strata = ["Zwolle", "Kampen", "Urk"][: rng.randint(1, 3)]
    p_missing = rng.choice([0.0, 0.0, 0.02, 0.1])
    rates = {label: rng.choice([0.1, 0.2, 0.3, 0.5, 0.8]) for label in race_sizes}
    rows: List[List[str]] = []
    case = 0
    for label, size in race_sizes.items():
        for _ in range(size):
            case += 1
            race = "" if rng.random() < p_missing else label
            sex = "" if rng.random() < p_missing else rng.choices(sexes, sex_weights)[0]
            stratum = "" if rng.random() < p_missing else rng.choice(strata)
            groups = [race, sex, stratum]
            cid = f"c{case}"
            rows.append([cid, "intake", "check", *groups])
            while True:
                if rng.random() < rates[label]:
                    rows.append([cid, "check", "investigate", *groups])
                    rows.append([cid, "investigate", "decide", *groups])
                    r = rng.random()
                    if r < 0.15:
                        rows.append([cid, "decide", "check", *groups])
                        continue
                    rows.append([cid, "decide", "reject" if r < 0.6 else "approve", *groups])
                else:
                    rows.append([cid, "check", "approve", *groups])
                break
    config = {
        "intersection": rng.random() < 0.6,
        "strata": rng.random() < 0.5,
        "sex": rng.random() < 0.8,
    }
    return rows, config


def write_log(path: Path, rows: List[List[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case_id", "step", "next_step", "migration_background", "gender", "municipality"])
        w.writerows(rows)


ADVERSE = {("check", "investigate"), ("decide", "reject")}
DECISIONS = ("check", "decide")


def passages(rows: List[List[str]], decisions=DECISIONS) -> List[Tuple[str, Optional[str], Optional[str], bool, bool]]:
    """(decision point, race, sex, stratum missing, adverse) per passage."""
    out = []
    for _, step, nxt, race, sex, stratum in rows:
        if step in decisions:
            out.append((step, race or None, sex or None, not stratum, (step, nxt) in ADVERSE))
    return out


# ---- the attacker --------------------------------------------------------------------------------------------------

class Attack:
    """The linear system of one published table."""

    def __init__(self, rows, config, doc):
        self.config = config
        self.doc = doc
        self.decisions = list(doc["decision_points"])
        self.passages = passages(rows, self.decisions)
        self.races = sorted({p[1] for p in self.passages if p[1]})
        self.sexes = sorted({p[2] for p in self.passages if p[2]}) if config["sex"] else []
        race_values = self.races + [None]
        sex_values = self.sexes + [None] if config["sex"] else [None]
        self.keys = list(itertools.product(self.decisions, race_values, sex_values, (False, True), (False, True)))
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.truth = np.zeros(len(self.keys))
        for d, race, sex, no_stratum, adverse in self.passages:
            self.truth[self.index[(d, race, sex if config["sex"] else None, no_stratum, adverse)]] += 1
        self.eq_rows: List[np.ndarray] = []
        self.eq_vals: List[float] = []
        self.ub_rows: List[np.ndarray] = []
        self.ub_vals: List[float] = []
        self.prior_eq = 0  # the first prior_eq equalities are outside knowledge

    def select(self, d: str, ground: str, label, adverse: Optional[bool] = None) -> np.ndarray:
        """Indicator of the passages of a cell (label None: without a group; a tuple for an intersection)."""
        v = np.zeros(len(self.keys))
        for i, (kd, race, sex, _, adv) in enumerate(self.keys):
            if kd != d or (adverse is not None and adv != adverse):
                continue
            if ground == "race":
                hit = race == label
            elif ground == "sex":
                hit = sex == label
            elif label is None:
                hit = race is None or sex is None
            else:
                hit = (race, sex) == label
            v[i] = 1 if hit else 0
        return v

    def equal(self, v: np.ndarray) -> None:
        self.eq_rows.append(v)
        self.eq_vals.append(float(v @ self.truth))

    def at_least(self, v: np.ndarray, value: float) -> None:
        self.ub_rows.append(-v)
        self.ub_vals.append(-value)

    def grounds(self) -> List[str]:
        return list(self.doc["grounds"])

    def labels(self, ground: str) -> List:
        if ground == "race":
            return list(self.races)
        if ground == "sex":
            return list(self.sexes)
        return list(itertools.product(self.races, self.sexes))

    def label_of(self, ground: str, text: str):
        for label in self.labels(ground):
            shown = " & ".join(label) if isinstance(label, tuple) else label
            if shown == text:
                return label
        raise AssertionError(f"unknown label {text!r} in ground {ground}")

    def build(self) -> List[Tuple[str, np.ndarray]]:
        """Adds every constraint; returns the targets (name, indicator) whose range is checked."""
        # Outside knowledge: per decision point, passages and adverse decisions, and those without a group.
        for d in self.decisions:
            for adverse in (False, True):
                v = np.array([1.0 if k[0] == d and k[4] == adverse else 0.0 for k in self.keys])
                self.equal(v)
                for ground in self.grounds():
                    self.equal(self.select(d, ground, None, adverse))
        self.prior_eq = len(self.eq_rows)
        # The published table.
        issues = self.doc["issues"]
        total = np.ones(len(self.keys))
        assert issues["passages"] == total @ self.truth
        self.equal(total)
        self.equal(np.array([1.0 if k[3] else 0.0 for k in self.keys]))  # missing_stratum
        for ground in self.grounds():
            v = sum(self.select(d, ground, None) for d in self.decisions)
            assert issues["missing_group"][ground] == v @ self.truth
            self.equal(v)
        targets = []
        for d in self.decisions:
            for ground in self.grounds():
                cells = [c for c in self.doc["cells"] if c["step"] == d and c["ground"] == ground]
                shown = set()
                other = False
                for c in cells:
                    if c.get("other"):
                        assert c["group"] == OTHER and c["suppressed"] and set(c) == {"step", "ground", "group",
                                                                                        "suppressed", "other"}
                        other = True
                        continue
                    label = self.label_of(ground, c["group"])
                    shown.add(label)
                    v = self.select(d, ground, label)
                    if c["suppressed"] and LABELLED_SUPPRESSED:
                        targets.append((f"{d}/{ground}/{label}", label))
                        continue
                    assert not c["suppressed"]  # a suppressed cell is never shown by label
                    assert c["n"] == v @ self.truth and c["adverse"] == self.select(d, ground, label, True) @ self.truth
                    assert c["n"] >= MIN_CELL
                    self.equal(v)
                    self.equal(self.select(d, ground, label, True))
                hidden = [label for label in self.labels(ground) if label not in shown]
                if other:
                    hidden_sum = sum((self.select(d, ground, label) for label in hidden), np.zeros(len(self.keys)))
                    self.at_least(hidden_sum, 1)
                    for label in hidden:
                        if self.select(d, ground, label) @ self.truth > 0:
                            targets.append((f"{d}/{ground}/{label}", label))
                elif d not in self.doc.get("withheld_decision_points", []):
                    for label in hidden:
                        self.equal(self.select(d, ground, label))  # not shown and no "other" row: none
                        assert self.select(d, ground, label) @ self.truth == 0
        out = []
        for name, label in targets:
            d, ground = name.split("/")[:2]
            for kind, adverse in (("n", None), ("adverse", True), ("n - adverse", False)):
                out.append((f"{name} {kind}", self.select(d, ground, label, adverse)))
        return out

    def range(self, v: np.ndarray, prior: bool) -> Tuple[float, float]:
        rows = self.eq_rows[: self.prior_eq] if prior else self.eq_rows
        vals = self.eq_vals[: self.prior_eq] if prior else self.eq_vals
        ub = {} if prior or not self.ub_rows else {"A_ub": np.array(self.ub_rows), "b_ub": np.array(self.ub_vals)}
        bounds = []
        for sign in (1, -1):
            r = linprog(sign * v, A_eq=np.array(rows), b_eq=np.array(vals), bounds=(0, None), method="highs",
                        integrality=np.ones(len(self.keys)), **ub)
            assert r.status == 0, r.message  # the true counts are always feasible
            bounds.append(sign * r.fun)
        return bounds[0], bounds[1]


def narrowest(rows, config, doc) -> Tuple[float, str, List[str]]:
    """The narrowest published range and the targets narrowed below min_cell (with their ranges)."""
    attack = Attack(rows, config, doc)
    failures = []
    smallest = (float("inf"), "")
    for name, v in attack.build():
        low, high = attack.range(v, prior=False)
        truth = v @ attack.truth
        assert low <= truth <= high
        width = high - low
        if width < smallest[0]:
            smallest = (width, name)
        if width < MIN_CELL:
            prior_low, prior_high = attack.range(v, prior=True)
            if width < min(MIN_CELL, prior_high - prior_low):
                failures.append(f"{name}: [{low:g}, {high:g}] (true {truth:g}, outside knowledge alone "
                                f"[{prior_low:g}, {prior_high:g}])")
    return smallest[0], smallest[1], failures


def python_table(log: Path, config) -> dict:
    grounds = {"migration_background": "race"}
    if config["sex"]:
        grounds["gender"] = "sex"
    options = {}
    if config["strata"]:
        options["strata"] = "municipality"
    if config["intersection"] and config["sex"]:
        options["intersections"] = [("race", "sex")]
    process = artikel1.load(MODEL)
    counter = artikel1.DisparityCounter(process, grounds, **options)
    counter.read_log(log)
    return counter.table(min_cell=MIN_CELL).to_dict()


def cli_table(log: Path, config) -> dict:
    args = [CLI, "disparity", str(MODEL),
            str(log), "--group", "migration_background=race", "--format", "json", "--min-cell", str(MIN_CELL)]
    if config["sex"]:
        args += ["--group", "gender=sex"]
    if config["strata"]:
        args += ["--strata", "municipality"]
    if config["intersection"] and config["sex"]:
        args += ["--intersection", "race+sex"]
    r = subprocess.run(args, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def normalise(config):
    if not config["sex"]:
        config["intersection"] = False
    return config


SEEDS = range(int(os.environ.get("ARTIKEL1_ATTACK_LOGS", "120")))


@pytest.mark.parametrize("seed", SEEDS)
def test_no_suppressed_count_can_be_narrowed_below_min_cell(seed, tmp_path):
    rows, config = generate(seed)
    config = normalise(config)
    log = tmp_path / "log.csv"
    write_log(log, rows)
    doc = python_table(log, config)
    width, name, failures = narrowest(rows, config, doc)
    assert failures == []
    # Mantel-Haenszel is not linear: it is reported only when every stratum table behind it could be published.
    attack = Attack(rows, config, doc)
    for c in doc["cells"]:
        if not c.get("mantel_haenszel"):
            continue
        ref = next(r for r in doc["cells"] if r["step"] == c["step"] and r["ground"] == c["ground"] and r.get("reference"))
        strata = {}
        for cid, step, nxt, race, sex, stratum in rows:
            if step != c["step"] or not stratum:
                continue
            label = {"race": race, "sex": sex}.get(c["ground"], f"{race} & {sex}" if race and sex else "")
            if label in (c["group"], ref["group"]):
                strata.setdefault(stratum, {c["group"]: 0, ref["group"]: 0})[label] += 1
        used = [s for s in strata.values() if min(s.values()) > 0]
        assert used and all(min(s.values()) >= MIN_CELL for s in used)
        assert c["mantel_haenszel"]["strata"] == len(used)
    assert attack.races  # the log has groups


@pytest.mark.parametrize("seed", range(0, 120, 12))
def test_the_cli_publishes_the_same_table(seed, tmp_path):
    if not os.path.exists(CLI):
        pytest.skip("the command line tool is not built")
    rows, config = generate(seed)
    config = normalise(config)
    log = tmp_path / "log.csv"
    write_log(log, rows)
    cli = cli_table(log, config)
    python = python_table(log, config)
    cli.pop("structural_links", None)
    assert cli == python


# ---- the leaks found before secondary suppression, one test each ----------------------------------------------------

def case_rows(groups: List[Tuple[str, str, int, int]], stratum: str = "Zwolle") -> List[List[str]]:
    """Cases through check only: per (race, sex, passages, adverse) that many cases, the first `adverse` of them
    investigated."""
    rows = []
    for race, sex, n, adverse in groups:
        for i in range(n):
            cid = f"c{len(rows)}"
            rows.append([cid, "check", "investigate" if i < adverse else "approve", race, sex, stratum])
    return rows


def check_table(tmp_path: Path, rows, intersection: bool) -> Tuple[dict, "Attack"]:
    log = tmp_path / "log.csv"
    write_log(log, rows)
    options = {"decision_points": ["check"]}
    if intersection:
        options["intersections"] = [("race", "sex")]
    counter = artikel1.DisparityCounter(artikel1.load(MODEL), {"migration_background": "race", "gender": "sex"}, **options)
    counter.read_log(log)
    doc = counter.table(min_cell=MIN_CELL).to_dict()
    return doc, Attack(rows, {"sex": True, "intersection": intersection, "strata": False}, doc)


def ranges(attack: "Attack", name: str) -> Dict[str, Tuple[float, float]]:
    return {target: attack.range(v, prior=False) for target, v in attack.build() if target.startswith(name)}


def test_a_suppressed_group_is_not_the_total_minus_the_rest(tmp_path):
    # 200 NL (40 investigated) and 3 Eritrea (1) at one decision point: the total 203 is published, so showing NL
    # alone would give Eritrea = 203 - 200. NL is suppressed with it, in one row without a label.
    doc, attack = check_table(tmp_path, case_rows([("NL", "f", 120, 20), ("NL", "m", 80, 20), ("Eritrea", "m", 3, 1)]),
                              intersection=False)
    assert doc["issues"]["passages"] == 203
    race = [c for c in doc["cells"] if c["ground"] == "race"]
    assert race == [{"step": "check", "ground": "race", "group": OTHER, "suppressed": True, "other": True}]
    assert [(c["group"], c["n"], c["adverse"]) for c in doc["cells"] if c["ground"] == "sex"] == [("f", 120, 20), ("m", 83, 21)]
    # Without an intersection the sex cells say nothing of race: Eritrea can be anything from none to all.
    assert ranges(attack, "check/race/Eritrea") == {
        "check/race/Eritrea n": (0, 203), "check/race/Eritrea adverse": (0, 41), "check/race/Eritrea n - adverse": (0, 162)}


def test_an_intersection_cell_is_not_its_margin_minus_the_rest(tmp_path):
    # race none 100/20 and none & f 95/19 would give none & m = 5 with 1 adverse.
    rows = case_rows([("none", "f", 95, 19), ("none", "m", 5, 1), ("western", "f", 60, 15), ("western", "m", 70, 20)])
    doc, attack = check_table(tmp_path, rows, intersection=True)
    published = {(c["ground"], c["group"]): (c["n"], c["adverse"]) for c in doc["cells"] if not c["suppressed"]}
    assert published == {("race", "none"): (100, 20), ("race", "western"): (130, 35), ("sex", "f"): (155, 34),
                         ("sex", "m"): (75, 21)}
    assert [c["group"] for c in doc["cells"] if c["ground"] == "race+sex"] == [OTHER]
    found = ranges(attack, "check/race+sex/('none', 'm')")
    # The margins bound it: at most the 20 adverse of none and the 54 other decisions of m.
    assert found == {"check/race+sex/('none', 'm') n": (0, 74), "check/race+sex/('none', 'm') adverse": (0, 20),
                     "check/race+sex/('none', 'm') n - adverse": (0, 54)}


def test_a_one_case_label_is_never_published(tmp_path):
    rows = case_rows([("NL", "f", 60, 20), ("NL", "m", 60, 20), ("Jan de Vries", "m", 1, 1)])
    log = tmp_path / "log.csv"
    write_log(log, rows)
    counter = artikel1.DisparityCounter(artikel1.load(MODEL), {"migration_background": "race"}, decision_points=["check"])
    counter.read_log(log)
    table = counter.table(min_cell=MIN_CELL)
    for text in (table.to_json(), table.to_csv(), table.to_text(), repr(table.cells)):
        assert "Jan de Vries" not in text
    if os.path.exists(CLI):
        for fmt in ("json", "csv", "text"):
            r = subprocess.run([CLI, "disparity", str(MODEL), str(log), "--group", "migration_background=race",
                                "--format", fmt], capture_output=True, text=True)
            assert r.returncode == 0 and "Jan de Vries" not in r.stdout + r.stderr


# ---- the C ABI publishes the same table ---------------------------------------------------------------------------

def c_library():
    """libartikel1 of the build whose Python module is tested, through ctypes (None when it is not there)."""
    import ctypes

    path = Path(artikel1._util._core.__file__).resolve().parents[2] / "src" / "libartikel1.so"
    if not path.exists():
        return None, None
    lib = ctypes.CDLL(str(path))
    strings = ctypes.POINTER(ctypes.c_char_p)

    class Spec(ctypes.Structure):
        _fields_ = [("struct_size", ctypes.c_size_t), ("ground_count", ctypes.c_size_t), ("columns", strings),
                    ("grounds", strings), ("strata_column", ctypes.c_char_p), ("adverse_flags", ctypes.c_int),
                    ("outcome_count", ctypes.c_size_t), ("outcome_labels", strings),
                    ("outcome_adverse", ctypes.POINTER(ctypes.c_int)), ("intersection_count", ctypes.c_size_t),
                    ("intersections", strings), ("decision_point_count", ctypes.c_size_t),
                    ("decision_points", strings)]

    lib.a1_disparity_compute.argtypes = [ctypes.c_void_p, ctypes.c_uint64, ctypes.POINTER(ctypes.c_void_p)]
    lib.a1_disparity_table_to_json.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
                                               ctypes.POINTER(ctypes.c_size_t)]
    lib.a1_process_from_json.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_void_p)]
    lib.a1_disparity_new_from_spec.argtypes = [ctypes.c_void_p, ctypes.POINTER(Spec), ctypes.POINTER(ctypes.c_void_p)]
    lib.a1_disparity_read_log.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint, ctypes.c_int]
    for name in ("a1_disparity_table_free", "a1_disparity_free", "a1_process_free", "a1_string_free"):
        getattr(lib, name).argtypes = [ctypes.c_void_p]
    return lib, Spec


def c_table(lib, Spec, log: Path, config) -> dict:
    import ctypes

    def array(values):
        return (ctypes.c_char_p * len(values))(*[v.encode() for v in values])

    columns, grounds = ["migration_background"], ["race"]
    if config["sex"]:
        columns.append("gender")
        grounds.append("sex")
    pairs = ["race", "sex"] if config["intersection"] else []
    spec = Spec(struct_size=ctypes.sizeof(Spec), ground_count=len(grounds), columns=array(columns),
                grounds=array(grounds), strata_column=b"municipality" if config["strata"] else None,
                intersection_count=len(pairs) // 2, intersections=array(pairs) if pairs else None)
    model = MODEL.read_bytes()
    process, disparity, table, text = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    length = ctypes.c_size_t()
    assert lib.a1_process_from_json(None, model, len(model), ctypes.byref(process)) == 0
    assert lib.a1_disparity_new_from_spec(process, ctypes.byref(spec), ctypes.byref(disparity)) == 0
    assert lib.a1_disparity_read_log(disparity, str(log).encode(), 1, 0) == 0
    assert lib.a1_disparity_compute(disparity, MIN_CELL, ctypes.byref(table)) == 0
    assert lib.a1_disparity_table_to_json(table, ctypes.byref(text), ctypes.byref(length)) == 0
    doc = json.loads(ctypes.string_at(text, length.value).decode())
    lib.a1_string_free(text)
    lib.a1_disparity_table_free(table)
    lib.a1_disparity_free(disparity)
    lib.a1_process_free(process)
    return doc


@pytest.mark.parametrize("seed", range(3, 120, 12))
def test_the_c_abi_publishes_the_same_table(seed, tmp_path):
    lib, Spec = c_library()
    if lib is None:
        pytest.skip("the shared library is not built")
    rows, config = generate(seed)
    config = normalise(config)
    log = tmp_path / "log.csv"
    write_log(log, rows)
    assert c_table(lib, Spec, log, config) == python_table(log, config)
