#!/bin/sh
# measure.sh - issue 18's figures: for each set, instructions per row by
# callgrind (the timed runs only) and the median of 3 runs, of
# sum(length(x)) and sum(length_count(x,'graphemes')), with each .so given.
#
#     notes/issue18/measure.sh build/measure OLD.so NEW.so
set -e
M=$1; shift
ROWS=20000
for so in "$@"; do
  echo "== $so"
  for set in ascii mixed latin_nfd cjk emoji; do
    for q in length graphemes; do
      t=$($M "$so" $set $q $ROWS 3 | sed 's/.*median //')
      out=$(mktemp)
      valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect=measured "$M" "$so" $set $q $ROWS 1 >/dev/null 2>&1
      ir=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
      rm -f "$out"
      # the timed run and the warm-up's toggle: one run of ROWS rows
      echo "$set $q $t insns/row $((ir / ROWS))"
    done
  done
done
