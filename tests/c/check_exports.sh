#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# What libartikel1.so shows the dynamic linker: only a1_ functions (each in the version node ARTIKEL1_1), and the
# SONAME libartikel1.so.<A1_ABI_VERSION>. Usage: check_exports.sh LIBRARY ABI_VERSION
set -eu
lib=$1 abi=$2
status=0

# `nm -D --defined-only`: the version node itself shows as an absolute symbol (type A), not an export.
others=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | grep -v '^a1_[a-z0-9_]*@@ARTIKEL1_1$' || true)
if [ -n "$others" ]; then
  echo "exported symbols that are not a1_ functions of ARTIKEL1_1:"; echo "$others"; status=1
fi
count=$(nm -D --defined-only "$lib" | grep -c ' a1_' || true)
if [ "$count" -lt 60 ]; then
  echo "only $count a1_ symbols exported"; status=1
fi

soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$soname" != "libartikel1.so.$abi" ]; then
  echo "SONAME is '$soname', expected libartikel1.so.$abi"; status=1
fi
[ $status -eq 0 ] && echo "exports: $count a1_ functions, nothing else; SONAME $soname"
exit $status
