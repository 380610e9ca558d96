# SPDX-License-Identifier: EUPL-1.2
"""The type stubs of the compiled module (python/artikel1/_core.pyi) are what the module itself declares: written by
scripts/core_stubs.py from pybind11's signatures, and checked here against the module actually built."""

import ast
import importlib.util

import artikel1._core as core


def load_generator(root):
    spec = importlib.util.spec_from_file_location("core_stubs", root / "scripts" / "core_stubs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_stubs_are_the_modules_own_signatures(root):
    committed = (root / "python" / "artikel1" / "_core.pyi").read_text()
    assert committed == load_generator(root).stubs(), (
        "python/artikel1/_core.pyi differs from the module: regenerate it with "
        "PYTHONPATH=build/python /usr/bin/python3 scripts/core_stubs.py > python/artikel1/_core.pyi")


def test_every_name_of_the_module_has_a_stub_and_every_stub_a_name(root):
    tree = ast.parse((root / "python" / "artikel1" / "_core.pyi").read_text())
    stubbed = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    stubbed |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}
    assert stubbed == {name for name in dir(core) if not name.startswith("__")}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
            runtime = {name for name in vars(getattr(core, node.name)) if not name.startswith("_")}
            assert methods - {"__init__"} == runtime, node.name


def test_the_stubbed_parameters_are_the_keywords_the_module_takes(root):
    tree = ast.parse((root / "python" / "artikel1" / "_core.pyi").read_text())
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "load_process")
    names = [a.arg for a in function.args.args]
    assert names == ["text", "kb", "file"]
    # Called with exactly those keywords, the module accepts them.
    text = core.example_json(core.default_example_name)
    process = core.load_process(text=text, kb=core.KnowledgeBase.builtin(), file="x.json")
    assert process.id == core.default_example_name
