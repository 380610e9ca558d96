# SPDX-License-Identifier: EUPL-1.2
"""docs/python.md's walk-through and the scripts in examples/python/ run as written."""

import os
import re
import subprocess
import sys


def test_walk_through_in_the_docs_runs(root, capsys, monkeypatch):
    monkeypatch.chdir(root)  # the docs name files by their paths from the repository's root
    text = (root / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 8
    namespace = {"__name__": "walkthrough"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "/steps/0/kind unknown value \"tsak\"" in out
    import matplotlib.pyplot as plt

    plt.close("all")


def test_example_scripts_run(root, tmp_path):
    scripts = sorted((root / "examples" / "python").glob("*.py"))
    assert scripts
    for script in scripts:
        image = tmp_path / (script.stem + ".png")
        env = dict(os.environ, MPLBACKEND="Agg")
        run = subprocess.run([sys.executable, str(script), str(image)], env=env, capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, run.stderr
        assert "flagged: select race=b" in run.stdout
        assert "redesign: up 0, down " in run.stdout
        assert image.stat().st_size > 1000


def test_docstring_examples_run():
    import doctest
    import sys

    import artikel1

    names = ["artikel1", "artikel1.process", "artikel1.assessment", "artikel1.knowledge_base", "artikel1.examples",
             "artikel1.disparity", "artikel1.errors"]
    modules = [sys.modules[name] for name in names]
    attempted = 0
    for module in modules:
        result = doctest.testmod(module, raise_on_error=False, verbose=False)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted >= 15


def test_every_public_name_has_a_docstring():
    import inspect

    import artikel1

    missing = []
    for name in artikel1.__all__:
        item = getattr(artikel1, name)
        if name.startswith("__") or isinstance(item, str):
            continue
        if not inspect.getdoc(item):
            missing.append(name)
        if inspect.isclass(item):
            for member, value in vars(item).items():
                if not member.startswith("_") and (callable(value) or isinstance(value, property)) and not inspect.getdoc(value):
                    missing.append(f"{name}.{member}")
    assert missing == []
