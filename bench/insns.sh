#!/bin/sh
# insns.sh BENCH SO - the insert comparison of bench.c counted in
# instructions (valgrind's callgrind), which a busy machine does not change
# as it changes time.  Runs BENCH_ONLY=rules-insert on BENCH_INSNS_ROWS rows
# (20,000 by default; one warm-up round and one counted round), then reads
# the inclusive cost of each way's insert function and prints instructions
# per row and the ratios the wall-time table gives.
set -e
bench=${1:?usage: insns.sh BENCH SO}
so=${2:?usage: insns.sh BENCH SO}
rows=${BENCH_INSNS_ROWS:-20000}
if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
  echo "insns.sh: valgrind is not installed; instruction counts skipped"
  exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/richcheck-insns.XXXXXX")
trap 'rm -f "$out" "$out.txt"' EXIT
BENCH_ONLY=rules-insert BENCH_ROWS=$rows BENCH_ROUNDS=1 \
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" "$so" >"$out.txt" 2>&1 ||
  { cat "$out.txt"; exit 1; }
nrow=$(sed -n 's/^ *(\([0-9]*\) rows of email.*/\1/p' "$out.txt")
callgrind_annotate --inclusive=yes "$out" | awk -v nrow="$nrow" '
  /bench\.c:benchInsert(None|Check|Declared|Trigger) \[/ {
    v = $1; gsub(",", "", v)
    name = $0; sub(/.*bench\.c:benchInsert/, "", name); sub(/ .*/, "", name)
    ir[name] = v
  }
  END {
    if (nrow == "" || !("None" in ir) || !("Declared" in ir) || !("Check" in ir) || !("Trigger" in ir)) {
      print "insns.sh: the insert functions were not found in the profile"; exit 1
    }
    n = 2 * nrow  # the warm-up round and the counted one
    printf "instructions a row (callgrind, %d rows, warm-up and one round):\n", nrow
    printf "  no checks %.0f, 3 CHECKs %.0f, 3 rules '\''check'\'' %.0f, 3 rules (triggers) %.0f\n",
      ir["None"] / n, ir["Check"] / n, ir["Declared"] / n, ir["Trigger"] / n
    printf "  rules '\''check'\'' to no checks %.3fx (target 1.6x), to the CHECKs %.3fx (target 1.15x);\n",
      ir["Declared"] / ir["None"], ir["Declared"] / ir["Check"]
    printf "  triggers to no checks %.3fx\n", ir["Trigger"] / ir["None"]
  }'
