#!/bin/sh
# insns.sh BENCH SO [PART] - the bench's lines counted in instructions
# (valgrind's callgrind), which a busy machine does not change as it
# changes time.  PART (default all):
#   all        rules, then lines: every line of the table
#   rules      BENCH_ONLY=rules-insert on BENCH_INSNS_ROWS rows (20,000 by
#              default; one warm-up round and one counted round): the
#              inclusive cost of each way's insert function, instructions per
#              row and the ratios the timing table gives.
#   lines      every line of the timing table (below)
#   GROUP      the lines of one group, or several comma-separated: length,
#              email, money, graphemes, families
# For lines and groups, BENCH_ONLY=GROUP-insns on BENCH_INSNS_ROWS rows a
# table: each distinct query of the lines, in both forms (sum() and
# count(*) WHERE), runs once untimed, then once counted in a function of its
# own (benchInsnsSlotN); the bench prints which query ran in which function
# and which make each line, and this prints each line's instructions per row
# (the whole query, scan included), its ratio to the baseline and to the
# table's no-op (rctest_noop), in both forms, against the line's target.
#   bench/insns.sh build/bench build/richcheck.so email
set -e
usage="usage: insns.sh BENCH SO [all|rules|lines|length|email|money|graphemes|families]"
bench=${1:?$usage}
so=${2:?$usage}
part=${3:-all}
rows=${BENCH_INSNS_ROWS:-20000}
case $part in
  all | rules | lines) ;;
  *[!a-z,]* | "") echo "insns.sh: part must be all, rules, lines or groups of lines, not '$part'"; exit 1 ;;
esac
if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
  echo "insns.sh: valgrind is not installed; instruction counts skipped"
  exit 0
fi
out=$(mktemp "${TMPDIR:-/tmp}/richcheck-insns.XXXXXX")
trap 'rm -f "$out" "$out.txt" "$out.ann"' EXIT

if [ "$part" = all ] || [ "$part" = rules ]; then
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
    printf "  rules '\''check'\'' to no checks %.3fx (target 1.4x), to the CHECKs %.3fx (target 1.15x);\n",
      ir["Declared"] / ir["None"], ir["Declared"] / ir["Check"]
    printf "  triggers to no checks %.3fx\n", ir["Trigger"] / ir["None"]
  }'
fi

if [ "$part" != rules ]; then
groups=$part
[ "$part" = all ] && groups=lines
# only the slot functions are counted (the rest runs uncounted, faster)
BENCH_ONLY=$groups-insns BENCH_ROWS=$rows BENCH_ROUNDS=1 \
  valgrind --tool=callgrind --callgrind-out-file="$out" \
  --collect-atstart=no --toggle-collect='benchInsnsSlot*' \
  "$bench" "$so" >"$out.txt" 2>&1 ||
  { cat "$out.txt"; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$out" >"$out.ann"
# the bench's map (tab-separated), then the profile
awk -F '\t' '
  function fig(s, n) { return (s in ir) ? sprintf("%.0f", ir[s] / rows[s]) : "" }
  function ratio(a, b) { return (a in ir) && (b in ir) ? sprintf("%.2fx", ir[a] / ir[b]) : "" }
  function verdict(a, b, t, strict,   r) {
    r = ir[a] / ir[b]
    return (strict ? r < t : r <= t) ? "within" : "over"
  }
  FNR == NR {
    if ($1 == "insns-slot") { rows[$2] = $3 }
    else if ($1 == "insns-case") {
      n++; tab[n] = $2; lab[n] = $3; base[n] = $4
      for (k = 0; k < 6; k++) s[n, k] = $(5 + k)
      tgt[n] = $11 + 0; strict[n] = $12 + 0; both[n] = $13 + 0
    }
    else if ($0 ~ /not in this build/) { skip = $0 }
    next
  }
  /bench\.c:benchInsnsSlot[0-9]+ \[/ {
    split($0, f, " "); v = f[1]; gsub(",", "", v)
    t = $0; sub(/.*bench\.c:benchInsnsSlot/, "", t); sub(/ .*/, "", t)
    ir[t] = v
  }
  END {
    if (n == 0) { print "insns.sh: the bench printed no lines"; exit 1 }
    printf "instructions a row (callgrind, %d rows a table, one counted run a query; the whole query):\n", rows[s[1, 0]]
    printf "%-49s %-34s   %-26s\n", "", "------- SELECT sum(EXPR) -------", "--- count(*) WHERE EXPR ---"
    printf "%-8s %-28s %-10s %8s %8s %7s %6s | %8s %7s %6s | %7s  %s\n", "table", "candidate", "baseline",
      "base/row", "cand/row", "ratio", "no-op", "cand/row", "ratio", "no-op", "target", "(targets are for time)"
    for (i = 1; i <= n; i++) {
      if (!(s[i, 0] in ir) || !(s[i, 1] in ir)) {
        print "insns.sh: the slot functions were not found in the profile"; exit 1
      }
      t = "-"; res = ""
      if (tgt[i] > 0) {  # the target is for time; this says where the count is
        t = sprintf("%s%.2fx", strict[i] ? "<" : "<=", tgt[i])
        res = verdict(s[i, 1], s[i, 0], tgt[i], strict[i])
        if (both[i] && (s[i, 4] in ir)) res = res " " verdict(s[i, 4], s[i, 3], tgt[i], strict[i])
        res = "  " res
      }
      noop = ratio(s[i, 1], s[i, 2]); if (s[i, 1] == s[i, 2]) noop = "-"
      wnoop = ratio(s[i, 4], s[i, 5]); if (s[i, 4] == s[i, 5] && s[i, 4] != "-1") wnoop = "-"
      printf "%-8s %-28s %-10s %8s %8s %7s %6s | %8s %7s %6s | %7s%s\n", tab[i], lab[i], base[i],
        fig(s[i, 0]), fig(s[i, 1]), ratio(s[i, 1], s[i, 0]), noop,
        fig(s[i, 4]), ratio(s[i, 4], s[i, 3]), wnoop, t, res
    }
    if (skip != "") print skip
  }' "$out.txt" "$out.ann"
fi
