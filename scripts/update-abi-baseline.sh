#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Regenerates the ABI baseline in abi/ from the built library: after adding functions (compatible), or after an
# intended incompatible change, for which A1_ABI_VERSION and the SOVERSION must be raised too.
# Usage: scripts/update-abi-baseline.sh [BUILD_DIR] (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target artikel1 abi_layout > /dev/null
lib="$build/src/libartikel1.so"
abidw --no-corpus-path "$lib" > abi/libartikel1.abi
nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sort > abi/symbols.txt
"$build/tests/abi_layout" > abi/layout.txt
/usr/bin/python3 tests/c/abi_signatures.py include/artikel1/artikel1.h > abi/signatures.c
echo "abi/: baseline updated ($(wc -l < abi/symbols.txt) functions)"
