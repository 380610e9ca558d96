#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Installs the build into a temporary prefix, builds tests/install (find_package(artikel1)) against it and runs it.
#   tests/install/run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" > /dev/null
cmake -S "$source/tests/install" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; exit 1; }
cmake --build "$work/consumer" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
LD_LIBRARY_PATH="$work/prefix/lib:$(dirname "$(find "$work/prefix" -name 'libartikel1.so.1' | head -n 1)")" \
  "$work/consumer/c_version"
"$work/consumer/load_and_assess" "$source/examples/bijstand-aanvraag.json"
