#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# What including artikel1 costs a program: the time to compile a 10-line program that loads and assesses a model
# against the installed package (the build is installed into a temporary prefix first, as `cmake --install` would
# install it), beside a hello world, with the same compiler and flags (-std=c++20 -O2). Median of RUNS each.
#
#   bench/compile_cost.sh [BUILD_DIR] [RUNS]     (default build, 5; BUILD_DIR must be built)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-5}
cxx=${CXX:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
int main() { std::cout << "hello\n"; }
CPP
cat > "$work/assess.cpp" <<'CPP'
#include <artikel1/artikel1.hpp>
#include <iostream>
int main(int argc, char** argv) {
    if (argc < 2) return 2;
    auto process = artikel1::load_process_file(argv[1]);
    auto assessment = artikel1::assess(process);
    std::cout << assessment.summary.front().max_score << "\n";
    return 0;
}
CPP

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_compile() { # prints the seconds of one compilation
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

cmake --install "$build" --prefix "$work/prefix" > /dev/null
libdir=$(dirname "$(find "$work/prefix" -name libartikel1-cpp.a | head -n 1)")
includes=(-I"$work/prefix/include")
hello=$(for _ in $(seq "$runs"); do time_compile "$cxx" -std=c++20 -O2 -c "$work/hello.cpp" -o "$work/hello.o"; done | median)
assess=$(for _ in $(seq "$runs"); do time_compile "$cxx" -std=c++20 -O2 "${includes[@]}" -c "$work/assess.cpp" -o "$work/assess.o"; done | median)
"$cxx" "$work/assess.o" -o "$work/assess" "$libdir/libartikel1-cpp.a"
score=$("$work/assess" examples/bijstand-aanvraag.json)
printf 'hello world          %6.2f s\n' "$hello"
printf 'load + assess        %6.2f s  (%.1f times hello world; the program ran and printed %s)\n' "$assess" \
  "$(echo "$assess / $hello" | bc -l)" "$score"
