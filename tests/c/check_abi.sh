#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The ABI of libartikel1.so against the baseline in abi/ (the function types are checked by the test
# c_abi_signatures, which compiles abi/signatures.c):
#   abi/symbols.txt     every function of the baseline is still exported, in the same version node;
#   abi/libartikel1.abi abidiff (libabigail) finds no removed or changed function or variable;
#   abi/layout.txt      the values of the enums and the offsets of the structs' fields are unchanged (fields may be
#                       appended to a struct that starts with struct_size; see tests/c/test_c_api.c, ABI growth).
# Adding functions is compatible; accept it by regenerating the baseline: scripts/update-abi-baseline.sh BUILD_DIR
# Usage: check_abi.sh LIBRARY LAYOUT_PROGRAM SOURCE_DIR
set -eu
lib=$1 layout=$2 src=$3
status=0

nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | sort > symbols.out
missing=$(comm -23 "$src/abi/symbols.txt" symbols.out)
if [ -n "$missing" ]; then
  echo "functions of the baseline no longer exported (abi/symbols.txt):"; echo "$missing"; status=1
fi
added=$(comm -13 "$src/abi/symbols.txt" symbols.out)
[ -n "$added" ] && { echo "new functions (compatible; add them to the baseline):"; echo "$added"; }

set +e
abidiff --no-show-locs "$src/abi/libartikel1.abi" "$lib" > abidiff.out 2>&1
rc=$?
set -e
# abidiff's exit code is a bit field: 1 error, 2 usage, 4 an ABI change, 8 an incompatible change. Added
# functions are a compatible change (4 alone); removed or changed ones are not.
if [ $((rc & 3)) -ne 0 ] || [ $((rc & 8)) -ne 0 ]; then
  echo "abidiff against abi/libartikel1.abi: exit code $rc"; cat abidiff.out; status=1
fi
if grep -Eq "[1-9][0-9]* Removed|[1-9][0-9]* Changed" abidiff.out; then
  echo "abidiff: functions or variables removed or changed:"; cat abidiff.out; status=1
fi

"$layout" > layout.out
# Compatible growth: lines may be added (new types, fields appended to a struct), and a struct that starts with
# struct_size may grow; every other line of the baseline (an enum value, a field's offset and size) must stay.
sort "$src/abi/layout.txt" > layout.baseline.sorted
sort layout.out > layout.out.sorted
changed=""
for line in $(comm -23 layout.baseline.sorted layout.out.sorted | tr ' ' '|'); do
  line=$(echo "$line" | tr '|' ' ')
  type=$(echo "$line" | sed -n 's/^sizeof(\(a1_[a-z0-9_]*\)) \([0-9]*\)$/\1/p')
  old_size=$(echo "$line" | sed -n 's/^sizeof(a1_[a-z0-9_]*) \([0-9]*\)$/\1/p')
  new_size=$(sed -n "s/^sizeof($type) \([0-9]*\)\$/\1/p" layout.out)
  if [ -n "$type" ] && [ -n "$new_size" ] && [ "$new_size" -gt "$old_size" ] &&
     grep -q "^$type.struct_size offset 0 " layout.out; then
    echo "grown (compatible, struct_size first): $type $old_size -> $new_size bytes"
  else
    changed="$changed$line
"
  fi
done
if [ -n "$changed" ]; then
  echo "the layout of the public types changed incompatibly (abi/layout.txt):"; printf "%s" "$changed"
  diff -u "$src/abi/layout.txt" layout.out; status=1
fi
[ $status -eq 0 ] && echo "ABI: symbols, abidiff and type layout match the baseline"
exit $status
