#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# The BPMN export read by bpmn-moddle, the library bpmn.io and Camunda Modeler use: the worked example (its own
# diagram, also without the a1: namespace) and a JSON model (laid out by Graphviz and in layers), each exported by
# the command line tool with its risk colours, must read without a single warning. bpmn-moddle is installed with npm into MODULES (in the build
# tree) when it is not there yet; without network the test fails, saying so.
# Usage: run.sh CLI MODULES SOURCE_DIR
set -euo pipefail
cli=$1 modules=$2 source=$3
version=10.3.1
if [ ! -f "$modules/node_modules/bpmn-moddle/package.json" ]; then
  if ! command -v npm >/dev/null; then
    echo "bpmn export check: npm is not installed (scripts/install-deps.sh installs nodejs and npm)" >&2
    exit 1
  fi
  mkdir -p "$modules"
  if ! npm install --prefix "$modules" --no-audit --no-fund --silent "bpmn-moddle@$version" >"$modules/npm.log" 2>&1; then
    echo "bpmn export check: cannot install bpmn-moddle $version with npm (no network?); see $modules/npm.log" >&2
    exit 1
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" convert "$source/examples/bpmn/bijstand-aanvraag.bpmn" -o "$work/bijstand-aanvraag.bpmn"
"$cli" convert "$source/examples/toeslagen-risicoclassificatie.json" -o "$work/toeslagen-graphviz.bpmn"
"$cli" convert "$source/examples/toeslagen-risicoclassificatie.json" -o "$work/toeslagen-layers.bpmn" --layout layers
# Without the namespace urn:artikel1:bpmn:1 (the annotations in a side file): the shipped pair and a fresh one.
"$cli" convert "$source/examples/bpmn/bijstand-aanvraag.bpmn" -o "$work/bijstand-aanvraag-plain.bpmn" \
  --annotations-out "$work/bijstand-aanvraag-plain.annotations.json"
cp "$source/examples/bpmn/plain/bijstand-aanvraag.bpmn" "$work/shipped-plain.bpmn"
cp "$source/tests/bpmn/check_moddle.mjs" "$modules/check_moddle.mjs" # resolves bpmn-moddle from MODULES
node "$modules/check_moddle.mjs" --coloured "$work"/*.bpmn
