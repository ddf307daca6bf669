#!/usr/bin/python3
"""issue18-sum-time.py SO [ROWS] [ROUNDS] - money_sum(x,'USD') against
sum(cents) alone, in wall time: the money table of bench/bench.c (USD
amounts as canonical TEXT and the same amounts as INTEGER cents; of every
100 rows about 70 under $100, 25 up to $100,000, 5 refunds), in memory, the
two queries taking turns; prints the median of each and of the per-round
ratios.  Written for notes/issue18-money-rules.md (issue 18): the bench's
money_sum line, without the rest of the bench."""
import random
import sqlite3
import statistics
import sys
import time

so = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 11
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(so)
rng = random.Random(18)


def amount():
    k = rng.randrange(100)
    if k < 70:
        return 1 + rng.randrange(9999)
    if k < 95:
        return 10000 + rng.randrange(9990000)
    return -1 - rng.randrange(99999)


db.execute("CREATE TABLE money(x TEXT, cents INTEGER)")
cents = [amount() for _ in range(rows)]
db.executemany("INSERT INTO money VALUES (?, ?)",
               (("%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100,
                                abs(c) % 100), c) for c in cents))
db.commit()
queries = {"sum(cents)": "SELECT sum(cents) FROM money",
           "money_sum(x,'USD')":
           "SELECT money_minor(money_sum(x,'USD'),'USD') FROM money"}
times = {k: [] for k in queries}
ratios = []
for r in range(rounds + 1):  # round 0 warms up
    t = {}
    order = list(queries) if r % 2 else list(reversed(list(queries)))
    for k in order:
        t0 = time.perf_counter()
        (v,) = db.execute(queries[k]).fetchone()
        t[k] = time.perf_counter() - t0
        assert v == sum(cents), (k, v)
    if r:
        for k in queries:
            times[k].append(t[k])
        ratios.append(t["money_sum(x,'USD')"] / t["sum(cents)"])
for k in queries:
    print("%-20s %8.1f ms" % (k, statistics.median(times[k]) * 1e3))
print("ratio (median of %d rounds) %.3fx" % (rounds, statistics.median(ratios)))
