"""money_diff.py BUILD - richcheck's money functions against Python's decimal
and fractions modules, on generated amounts.

Run by test/money_diff.test.  The oracle here is written from the rules of
the README ("Money functions"), independently of ext/money.c: amounts are
decimal.Decimal, the currency table is read from shared/data's CSV (not from
the generated C table), and a REAL is judged with fractions.Fraction, whose
float() rounds correctly.  For each generated value and currency it predicts
either the canonical text and minor units, or the richcheck code of the
failure; the extension must give exactly that through money_canon,
money_minor, money_valid and money_check.  Sums of random groups are checked
against Decimal sums, as aggregates and as sliding windows.

Prints one "PASS name (detail)" or "FAIL name: detail" line per check.
"""

import csv
import decimal
import os
import random
import re
import sqlite3
import sys
from fractions import Fraction

INVALID_TEXT, OVERFLOW, SCALE, CURRENCY = 26130, 25874, 26387, 26643
MAX = 2**63 - 1
MIN_AMOUNTS = 10000
CSV = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared",
                   "data", "iso4217-codes-all.csv")

decimal.getcontext().prec = 200
results = []


def report(name, ok, detail=""):
    results.append(ok)
    if ok:
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""))
    else:
        print("FAIL %s: %s" % (name, detail))


def load_table():
    """code -> (scale or None, withdrawn), current entries winning."""
    table = {}
    with open(CSV, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["AlphabeticCode"].strip()
            if not code:
                continue
            withdrawn = bool(row["WithdrawalDate"].strip())
            unit = row["MinorUnit"].strip()
            scale = int(unit) if unit.isdigit() else None
            if code in table and not table[code][1]:
                continue
            table[code] = (scale, withdrawn)
    return table


TABLE = load_table()
AMOUNT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
CODE = re.compile(r"[A-Za-z]{3}")


def canon(m, s):
    sign = "-" if m < 0 else ""
    whole, frac = divmod(abs(m), 10**s)
    return sign + str(whole) + ("." + str(frac).zfill(s) if s else "")


def expect_text(text, cur):
    """('ok', canonical, minor) or ('err', code)."""
    number, code = text, None
    if len(text) >= 5 and text[3] == " " and CODE.fullmatch(text[:3]):
        number, code = text[4:], text[:3]
    elif len(text) >= 5 and text[-4] == " " and CODE.fullmatch(text[-3:]):
        number, code = text[:-4], text[-3:]
    if not AMOUNT.fullmatch(number):
        return ("err", INVALID_TEXT)
    if code is not None:
        code = code.upper()
        if code not in TABLE:
            return ("err", CURRENCY)
        if cur is not None and code != cur:
            return ("err", CURRENCY)
    used = code or cur
    if used is None:
        return ("err", CURRENCY)
    scale, withdrawn = TABLE[used]
    if withdrawn or scale is None:
        return ("err", CURRENCY)
    scaled = decimal.Decimal(number).scaleb(scale)
    if scaled != scaled.to_integral_value():
        return ("err", SCALE)
    m = int(scaled)
    if abs(m) > MAX:
        return ("err", OVERFLOW)
    return ("ok", canon(m, scale) + ("" if cur else " " + used), m)


def expect_int(v, cur):
    m = v * 10 ** TABLE[cur][0]
    if abs(m) > MAX:
        return ("err", OVERFLOW)
    return ("ok", canon(m, TABLE[cur][0]), m)


def expect_real(r, cur):
    s = TABLE[cur][0]
    exact = Fraction(r) * 10**s
    if abs(exact) >= 2**63:
        return ("err", OVERFLOW)
    k0 = round(exact)
    hits = [k for k in range(k0 - 3, k0 + 4) if float(Fraction(k, 10**s)) == r]
    if len(hits) != 1 or abs(hits[0]) >= 2**53:
        return ("err", INVALID_TEXT)
    return ("ok", canon(hits[0], s), hits[0])


def call(db, sql, args):
    try:
        return ("ok", db.execute(sql, args).fetchone()[0])
    except sqlite3.Error as e:
        return ("err", getattr(e, "sqlite_errorcode", None), str(e))


def observe(db, value, cur):
    """What the extension says of value, in the oracle's shape."""
    c = call(db, "SELECT money_canon(?, ?)", (value, cur))
    m = call(db, "SELECT money_minor(?, ?)", (value, cur))
    v = call(db, "SELECT money_valid(?, ?)", (value, cur))
    k = call(db, "SELECT money_check(?, ?)", (value, cur))
    if c[0] == "ok" and m[0] == "ok" and v == ("ok", 1) and k == ("ok", 1):
        return ("ok", c[1], m[1])
    if c[0] == "err" and m[0] == "err" and v == ("ok", 0) and k[0] == "err" \
            and c[1] == m[1] == k[1]:
        return ("err", c[1])
    return ("inconsistent", c, m, v, k)


CURRENCIES = ["USD", "JPY", "BHD", "CLF", "EUR", "KWD", "ISK", "UYW"]
ODD_CODES = ["ZZZ", "DEM", "XAU", "usd", "Eur", "HRK", "XXX"]
PALETTE = list("0123456789.,+- eE_x$\t") + ["USD", "\u0661", "\u00a0"]


def digits(rng, lo, hi):
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(lo, hi)))


def gen_text(rng):
    r = rng.random()
    whole = digits(rng, 1, 3 if r < 0.6 else 21)
    if rng.random() < 0.1:
        whole = "0" * rng.randint(1, 5) + whole
    text = rng.choice(["", "", "", "+", "-"]) + whole
    if rng.random() < 0.7:
        frac = digits(rng, 1, rng.choice([2, 2, 3, 4, 6]))
        if rng.random() < 0.2:
            frac += "0" * rng.randint(1, 20)
        text += "." + frac
    where = rng.random()
    code = rng.choice(CURRENCIES + ODD_CODES)
    if where < 0.15:
        text = code + " " + text
    elif where < 0.3:
        text = text + " " + code
    if rng.random() < 0.15:  # a mutation: malformed, mostly
        i = rng.randint(0, len(text))
        op = rng.random()
        piece = rng.choice(PALETTE)
        if op < 0.4:
            text = text[:i] + piece + text[i:]
        elif op < 0.7 and text:
            text = text[:i] + text[i + 1:]
        else:
            text = text[:i] + piece + text[i + 1:]
    return text


def gen_real(rng, s):
    r = rng.random()
    if r < 0.5:  # a decimal of at most s places: usually exact
        m = rng.randint(-10**rng.randint(1, 16), 10**rng.randint(1, 16))
        return float(Fraction(m, 10**s))
    if r < 0.7:  # a decimal with one place too many
        return float(Fraction(rng.randint(-10**9, 10**9), 10**(s + 1)))
    if r < 0.85:  # sums of tenths and such
        return sum(rng.choice([0.1, 0.2, 0.7, 1.1, 0.01]) for _ in range(3))
    return rng.uniform(-1, 1) * 10**rng.randint(0, 20)


def main():
    build = sys.argv[1]
    report("oracle-table-loaded", len(TABLE) > 250, "%d codes" % len(TABLE))
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    try:
        db.load_extension(os.path.join(build, "richcheck"))
        report("extension-loaded", True)
    except sqlite3.Error as e:
        report("extension-loaded", False, str(e))
        return 1
    rng = random.Random(20261125)
    counts = {}
    cases = {"text": [], "integer": [], "real": []}
    for _ in range(12000):
        cases["text"].append((gen_text(rng), rng.choice(CURRENCIES + [None])))
    for _ in range(3000):
        cur = rng.choice(CURRENCIES)
        v = rng.choice([rng.randint(-1000, 1000),
                        rng.randint(-2**63, 2**63 - 1),
                        rng.choice([1, -1]) * (MAX // 10**TABLE[cur][0] +
                                               rng.randint(-2, 2))])
        cases["integer"].append((max(-2**63, min(MAX, v)), cur))
    for _ in range(5000):
        cur = rng.choice(CURRENCIES)
        cases["real"].append((gen_real(rng, TABLE[cur][0]), cur))
    # Both sides of every limit, in every scale.
    for cur in ("JPY", "USD", "BHD", "CLF"):
        s = TABLE[cur][0]
        for m in (MAX, MAX + 1, -MAX, -MAX - 1, 2**53 - 1, 2**53):
            cases["text"].append((canon(m, s), cur))
            cases["text"].append((canon(m, s) + "0" * 3, cur))
        for m in (2**53 - 1, 2**53, 2**53 + 2, -(2**53 - 1), 2**46, 2**46 + 1):
            cases["real"].append((float(Fraction(m, 10**s)), cur))
    n_total = sum(len(v) for v in cases.values())
    report("corpus-size", n_total >= MIN_AMOUNTS,
           "%d amounts: %s" % (n_total, ", ".join(
               "%d %s" % (len(v), k) for k, v in cases.items())))

    oracles = {"text": expect_text, "integer": expect_int, "real": expect_real}
    for kind, items in cases.items():
        bad = []
        for value, cur in items:
            want = oracles[kind](value, cur)
            got = observe(db, value, cur)
            key = want[0] if want[0] == "ok" else want[1]
            counts[key] = counts.get(key, 0) + 1
            if got != want:
                bad.append("%r %r: expected %r, got %r" % (value, cur, want, got))
        report("%s-agrees-with-decimal" % kind, not bad,
               "%d cases" % len(items) if not bad else
               "%d of %d differ, e.g. %s" % (len(bad), len(items),
                                             "; ".join(bad[:3])))
    names = {"ok": "ok", INVALID_TEXT: "INVALID_TEXT", OVERFLOW: "OVERFLOW",
             SCALE: "SCALE", CURRENCY: "CURRENCY"}
    report("every-outcome-covered", set(counts) == set(names),
           ", ".join("%s %d" % (names.get(k, k), n)
                     for k, n in sorted(counts.items(), key=str)))

    # Sums: groups of valid amounts, as an aggregate and in sliding windows.
    db.execute("CREATE TABLE a(g INTEGER, i INTEGER, v TEXT)")
    groups = {}
    for g in range(200):
        cur_scale = 2
        n = rng.randint(1, 60)
        big = g % 10 == 0
        for i in range(n):
            m = rng.randint(-MAX // 3, MAX // 3) if big else \
                rng.randint(-10**9, 10**9)
            db.execute("INSERT INTO a VALUES (?, ?, ?)",
                       (g, i, canon(m, cur_scale)))
            groups.setdefault(g, []).append(m)
    def want_sum(ms):
        total = sum(ms)
        return ("err", OVERFLOW) if abs(total) > MAX else ("ok", canon(total, 2))

    bad, n_over = [], 0
    for g, ms in groups.items():
        want = want_sum(ms)
        n_over += want[0] == "err"
        got = call(db, "SELECT money_sum(v, 'USD') FROM a WHERE g = ?", (g,))
        if got[:2] != want:
            bad.append("group %d: expected %r, got %r" % (g, want, got))
    report("sum-agrees-with-decimal", not bad and n_over > 0,
           "%d groups, %d of them overflow" % (len(groups), n_over)
           if not bad else "; ".join(bad[:3]))
    bad, n_frames = [], 0
    for g, ms in groups.items():
        wants = [want_sum(ms[max(0, i - 2):i + 2]) for i in range(len(ms))]
        if any(w[0] == "err" for w in wants):
            want = [next(w for w in wants if w[0] == "err")]
        else:
            want = [w[1] for w in wants]
        try:
            got = [r[0] for r in db.execute(
                "SELECT money_sum(v, 'USD') OVER (ORDER BY i ROWS BETWEEN 2 "
                "PRECEDING AND 1 FOLLOWING) FROM a WHERE g = ?", (g,))]
        except sqlite3.Error as e:
            got = [("err", getattr(e, "sqlite_errorcode", None))]
        n_frames += len(ms)
        if got != want:
            bad.append("group %d: expected %r, got %r" % (g, want[:4], got[:4]))
    report("window-sum-agrees-with-decimal", not bad,
           "%d frames" % n_frames if not bad else "; ".join(bad[:3]))
    overflow = call(db, "SELECT money_sum(v, 'USD') FROM (SELECT v FROM a "
                    "WHERE g = 0 UNION ALL SELECT '92233720368547758.07' "
                    "UNION ALL SELECT '92233720368547758.07')", ())
    report("sum-overflow-code", overflow[:2] == ("err", OVERFLOW)
           or (overflow[0] == "ok" and abs(sum(groups[0]) + 2 * MAX) <= MAX),
           repr(overflow))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
