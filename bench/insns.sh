#!/bin/sh
# insns.sh BENCH SO [all|rules|families] - parts of bench.c counted in
# instructions (valgrind's callgrind), which a busy machine does not change
# as it changes time.  Both parts by default:
#   rules     BENCH_ONLY=rules-insert on BENCH_INSNS_ROWS rows (20,000 by
#             default; one warm-up round and one counted round): the
#             inclusive cost of each way's insert function, instructions per
#             row and the ratios the wall-time table gives.
#   families  BENCH_ONLY=families-insns on BENCH_INSNS_ROWS rows a table:
#             each query of the number, date and time (and uuid) lines runs
#             once untimed, then once counted in a function of its own
#             (benchInsnsSlotN); the bench prints which query ran in which
#             function and the two queries of each line, and this prints each
#             line's instructions per row (the whole query, scan included)
#             and its ratio against the line's target.
set -e
bench=${1:?usage: insns.sh BENCH SO [all|rules|families]}
so=${2:?usage: insns.sh BENCH SO [all|rules|families]}
part=${3:-all}
rows=${BENCH_INSNS_ROWS:-20000}
case $part in
  all | rules | families) ;;
  *) echo "insns.sh: part must be all, rules or families, not '$part'"; exit 1 ;;
esac
if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
  echo "insns.sh: valgrind is not installed; instruction counts skipped"
  exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/richcheck-insns.XXXXXX")
trap 'rm -f "$out" "$out.txt" "$out.ann"' EXIT

if [ "$part" != families ]; then
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
fi

if [ "$part" != rules ]; then
BENCH_ONLY=families-insns BENCH_ROWS=$rows BENCH_ROUNDS=1 \
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" "$so" >"$out.txt" 2>&1 ||
  { cat "$out.txt"; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$out" >"$out.ann"
# the bench's map (tab-separated), then the profile
awk -F '\t' '
  FNR == NR {
    if ($1 == "insns-slot") { rows[$2] = $3 }
    else if ($1 == "insns-case") {
      n++; tab[n] = $2; lab[n] = $3; base[n] = $4; sb[n] = $5; sc[n] = $6
      tgt[n] = $7 + 0; strict[n] = $8 + 0
    }
    else if ($0 ~ /not in this build/) { skip = $0 }
    next
  }
  /bench\.c:benchInsnsSlot[0-9]+ \[/ {
    split($0, f, " "); v = f[1]; gsub(",", "", v)
    s = $0; sub(/.*bench\.c:benchInsnsSlot/, "", s); sub(/ .*/, "", s)
    ir[s] = v
  }
  END {
    if (n == 0) { print "insns.sh: the bench printed no family lines"; exit 1 }
    printf "instructions a row (callgrind, %d rows a table, one counted run a query):\n", rows[sb[1]]
    printf "%-7s %-28s %-10s %9s %9s %7s %8s  %s\n", "table", "candidate", "baseline",
      "base/row", "cand/row", "ratio", "target", "(targets are for time)"
    for (i = 1; i <= n; i++) {
      if (!(sb[i] in ir) || !(sc[i] in ir)) {
        print "insns.sh: the slot functions were not found in the profile"; exit 1
      }
      r = ir[sc[i]] / ir[sb[i]]
      t = "-"; res = ""
      if (tgt[i] > 0) {  # the target is for time; this says where the count is
        t = sprintf("%s%.2fx", strict[i] ? "<" : "<=", tgt[i])
        res = (strict[i] ? r < tgt[i] : r <= tgt[i]) ? "  within" : "  over"
      }
      printf "%-7s %-28s %-10s %9.0f %9.0f %6.2fx %8s%s\n", tab[i], lab[i], base[i],
        ir[sb[i]] / rows[sb[i]], ir[sc[i]] / rows[sc[i]], r, t, res
    }
    if (skip != "") print skip
  }' "$out.txt" "$out.ann"
fi
