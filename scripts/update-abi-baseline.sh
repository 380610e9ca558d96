#!/usr/bin/env bash
# Regenerates the ABI baseline in abi/ from the built library (after an intended change; raise A1_ABI_VERSION and
# the SOVERSION for an incompatible one).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target artikel1 abi_layout > /dev/null
abidw --no-corpus-path build/src/libartikel1.so > abi/libartikel1.abi
build/tests/abi_layout > abi/layout.txt
echo "abi/: baseline updated"
