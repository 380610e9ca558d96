# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: the repository, the test knowledge base (the weights of docs/method.md's worked example) and small
models built in Python."""

import json
import os
import pathlib

import pytest

import artikel1

ROOT = pathlib.Path(os.environ.get("ARTIKEL1_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
TEST_DATA = ROOT / "tests" / "data"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds or installs the package (a minute or more)")


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def test_kb():
    return artikel1.KnowledgeBase.from_file(TEST_DATA / "test_kb.json")


@pytest.fixture(scope="session")
def worked_kb(test_kb):
    """The test knowledge base without the algorithmic-selection source, so docs/method.md's numbers hold exactly."""
    return test_kb.extend(json.loads((TEST_DATA / "no-algorithmic-selection.json").read_text()))


def build_worked_example(measures=()):
    """docs/method.md's worked example (tests/data/worked-example.json), built with the editing API."""
    p = artikel1.Process("worked", "Worked example", cases_per_year=1000)
    p.add_attribute("postcode", "postcode")
    p.add_step("apply", "task")
    p.add_step("select", "decision", automation="algorithmic", uses=[("postcode", "selection_criterion")],
               signals=[("race", 2)], measures=measures)
    p.add_step("investigate", "task", severity="moderate")
    p.add_step("sanction", "outcome", severity="severe")
    p.add_step("close", "outcome")
    p.add_flow("apply", "select")
    p.add_flow("select", "investigate", adverse=True, probability=0.1)
    p.add_flow("investigate", "sanction", adverse=True, probability=0.1)
    p.add_flow("investigate", "close", probability=0.9)
    p.add_flow("select", "close", probability=0.9)
    return p


WORKED_DICT = json.loads((TEST_DATA / "worked-example.json").read_text())


@pytest.fixture
def worked():
    return build_worked_example()


@pytest.fixture
def worked_dict():
    import copy

    return copy.deepcopy(WORKED_DICT)


@pytest.fixture(scope="session")
def logs(root):
    """The event logs of the tests (tests/data/logs)."""
    return root / "tests" / "data" / "logs"


@pytest.fixture(scope="session")
def log_model(logs):
    """The process of the test event logs."""
    return artikel1.load(logs / "model.json")
