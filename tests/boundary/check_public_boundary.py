#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The public boundary: the front-ends (the command line in tools/, the Python module in bindings/, the C ABI in
src/*.cpp) use only the public API of include/artikel1, never `detail::`, and every public header stays under
700 lines. Prints each offending place as FILE:LINE and exits 1."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
failures = []
fronts = [*sorted((root / "tools").rglob("*.[ch]pp")), *sorted((root / "bindings").rglob("*.[ch]pp")),
          *sorted((root / "src").glob("*.cpp"))]
for path in fronts:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("//", 1)[0]
        if re.search(r"(?<![A-Za-z0-9_])detail::", code):
            failures.append(f"{path.relative_to(root)}:{number}: uses detail:: ({code.strip()[:80]})")
for path in sorted((root / "include" / "artikel1").rglob("*.hpp")):
    if "detail" in path.relative_to(root / "include" / "artikel1").parts:
        continue
    lines = path.read_text(encoding="utf-8").count("\n")
    if lines > 700:
        failures.append(f"{path.relative_to(root)}: {lines} lines (a public header stays under 700)")
for failure in failures:
    print(failure)
if not fronts:
    print("no front-end sources found under", root)
    sys.exit(1)
print(f"{len(fronts)} front-end files checked" if not failures else f"{len(failures)} problems")
sys.exit(1 if failures else 0)
