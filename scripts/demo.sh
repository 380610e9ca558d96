#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and assesses the built-in example process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/tools/artikel1 assess "$@"
