#!/bin/sh
# The ABI of libartikel1.so against the baseline in abi/: exported symbols (only a1_), abidiff of the symbol set,
# and the layout of the public types. Usage: check_abi.sh LIBRARY LAYOUT_PROGRAM SOURCE_DIR
# To accept an intended, compatible change, regenerate the baseline: scripts/update-abi-baseline.sh
set -eu
lib=$1 layout=$2 src=$3
status=0

others=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | grep -v '^a1_' || true)
if [ -n "$others" ]; then
  echo "symbols exported that are not a1_:"; echo "$others"; status=1
fi

set +e
abidiff --no-show-locs "$src/abi/libartikel1.abi" "$lib" > abidiff.out 2>&1
rc=$?
set -e
# abidiff's exit code is a bit field: 1 error, 2 usage, 4 an ABI change, 8 an incompatible change. Added
# functions are a compatible change; removed or changed ones are not.
if [ $((rc & 3)) -ne 0 ] || [ $((rc & 8)) -ne 0 ]; then
  echo "abidiff against abi/libartikel1.abi: exit code $rc"; cat abidiff.out; status=1
fi
if grep -q "Removed\|removed" abidiff.out && ! grep -q " 0 Removed" abidiff.out; then
  echo "functions removed from the ABI:"; cat abidiff.out; status=1
fi

"$layout" > layout.out
if ! diff -u "$src/abi/layout.txt" layout.out; then
  echo "the layout of the public types changed (abi/layout.txt)"; status=1
fi
[ $status -eq 0 ] && echo "ABI: exported symbols, symbol set and type layout match the baseline"
exit $status
