#!/bin/sh
# wall.sh - issue 18's wall times: for each set, ROUNDS rounds that run, in
# turn, sum(length(x)) and sum(length_count(x,'graphemes')) with each .so
# given (a fresh process each, 200,000 rows); prints the medians in ms.
#
#     notes/issue18/wall.sh build/measure OLD.so NEW.so
M=$1; shift
ROUNDS=${ROUNDS:-3}
for set in ascii mixed latin_nfd cjk emoji; do
  line="$set"
  for so in "$@"; do
    for q in length graphemes; do
      ts=""
      r=0
      while [ $r -lt "$ROUNDS" ]; do
        ts="$ts $($M "$so" $set $q 200000 1 | sed 's/.*median //; s/ ms//')"
        r=$((r + 1))
      done
      med=$(echo $ts | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
      line="$line $q=$med"
    done
    line="$line |"
  done
  echo "$line"
done
