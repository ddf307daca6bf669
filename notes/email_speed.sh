#!/bin/sh
# email_speed.sh - instructions per row (callgrind) of the email functions on
# issue 18's row sets (notes/email_speed.c), each against length(x) in the
# same form.  Usage: notes/email_speed.sh [build/richcheck.so [ROWS]]
set -e
SO=${1:-build/richcheck.so}
ROWS=${2:-20000}
BIN=build/email_speed
OUT=${TMPDIR:-/tmp}/email_speed.$$
cc -O2 -g -Iinclude -o $BIN notes/email_speed.c -lsqlite3
for set in typical invalid unicode; do
  for form in sum where; do
    base=
    for expr in "length(x)" "email_valid(x)" "email_valid(x,'html5')"; do
      valgrind --tool=callgrind --callgrind-out-file=$OUT --collect-atstart=no \
        --toggle-collect=spRun $BIN "$SO" "$ROWS" 1 $set $form "$expr" \
        >/dev/null 2>&1
      ir=$(callgrind_annotate $OUT 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}')
      rm -f $OUT
      [ -z "$base" ] && base=$ir
      awk -v s=$set -v f=$form -v e="$expr" -v ir=$ir -v b=$base -v n=$ROWS \
        'BEGIN { printf "%-8s %-5s %-24s %7.1f insns/row %5.2fx\n", s, f, e, ir / n, ir / b }'
    done
  done
done
