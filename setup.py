# SPDX-License-Identifier: EUPL-1.2
"""Builds artikel1._core through CMake, so that `pip install .` uses the same build as everything else.

Environment: CMAKE_BUILD_PARALLEL_LEVEL (default 2) sets the parallel jobs; ARTIKEL1_CMAKE_ARGS adds CMake options.
Only the Python module target is built (no tests, benchmarks or fuzzers).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def declared_version() -> str:
    """The one version of the project: project(artikel1 VERSION x.y.z) in CMakeLists.txt."""
    match = re.search(r"project\(artikel1 VERSION ([0-9]+\.[0-9]+\.[0-9]+)", (ROOT / "CMakeLists.txt").read_text())
    if not match:
        raise RuntimeError("CMakeLists.txt declares no project(artikel1 VERSION x.y.z)")
    return match.group(1)


class CMakeExtension(Extension):
    """An extension whose sources CMake knows; setuptools only copies the result."""

    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython3_EXECUTABLE={sys.executable}",
            "-DARTIKEL1_BUILD_PYTHON=ON",
            "-DARTIKEL1_BUILD_TESTS=OFF",
            "-DARTIKEL1_BUILD_BENCH=OFF",
            "-DARTIKEL1_BUILD_FUZZ=OFF",
            *shlex.split(os.environ.get("ARTIKEL1_CMAKE_ARGS", "")),
        ]
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "artikel1_python", "-j", jobs], check=True)
        built = sorted((build_dir / "python" / "artikel1").glob("_core*.so"))
        if not built:
            raise RuntimeError(f"CMake did not produce artikel1/_core*.so in {build_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    version=declared_version(),
    ext_modules=[CMakeExtension("artikel1._core")],
    cmdclass={"build_ext": CMakeBuild},
    # Keep setuptools' scratch files out of the CMake build directory (build/) and the source tree.
    options={"build": {"build_base": "build-pip"}, "egg_info": {"egg_base": "build-pip"}},
)
