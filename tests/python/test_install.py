# SPDX-License-Identifier: EUPL-1.2
"""`pip install . --no-build-isolation` builds the extension through CMake; the installed package works from elsewhere."""

import os
import re
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_pip_install_into_a_target_and_import_from_outside(root, tmp_path):
    target = tmp_path / "site"
    # Unoptimised and without debug information: what is tested is the path from `pip install` through CMake to an
    # importable package, not the optimiser (the Release module is tested by every other Python test); it compiles in
    # less than half the time.
    env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL="2", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               ARTIKEL1_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0")
    env.pop("PYTHONPATH", None)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--quiet", "--target",
         str(target), str(root)],
        env=env, capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stdout + install.stderr
    assert sorted(p.name for p in (target / "artikel1").glob("_core*.so"))
    assert (target / "artikel1" / "py.typed").exists()

    script = (
        "import artikel1, json\n"
        "a = artikel1.assess(artikel1.example())\n"
        "print(json.dumps([artikel1.__file__, a.process_id, a.max_score, artikel1.__version__]))\n"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    run = subprocess.run([sys.executable, "-c", script], cwd=outside, env=dict(env, PYTHONPATH=str(target)),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    import json

    import artikel1

    file, process_id, max_score, version = json.loads(run.stdout)
    assert file == str(target / "artikel1" / "__init__.py")
    assert process_id == "bijstand-aanvraag"
    assert max_score == artikel1.assess(artikel1.example()).max_score
    declared = re.search(r"project\(artikel1 VERSION ([0-9.]+)", (root / "CMakeLists.txt").read_text()).group(1)
    assert version == artikel1.__version__ == declared
