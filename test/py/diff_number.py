"""diff_number.py BUILD - richcheck's number functions against Python's decimal
module, on generated values, bounds and options.

Run by test/number_diff.test.  The oracle is written from the rules of
ext/number.h, independently of ext/number.c:
  - an INTEGER is decimal.Decimal(int);
  - a REAL is Decimal(repr(float)): Python's repr is the shortest text that
    reads back as the float (+-inf order beyond every finite number);
  - a TEXT is a number when it matches the grammar
    [+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)? with ASCII digits and nothing
    around it, and is then Decimal(text), exactly;
  - a BLOB is not a number;
  - TEXT that is not a number is INVALID_TEXT, ENCODING when it has a NUL;
  - the option integer refuses a value with a fraction, scale=n one with more
    than n decimals once trailing zeros are dropped, both an infinity; then a
    value below min or above max is refused;
  - a bound past 50 digits or the exponent 10^12 is OVERFLOW, min > max is
    BOUND, when the bounds are the row's (a column, or the first call of a
    statement, where nothing shows them constant); a usage error when SQLite
    has shown them constant (the second call on, with the spec cached).
Each case is run through number_valid and number_check three ways: one row
with constant bounds (the first call: the spec is parsed); two rows, NULL
then the value, with the same constant bounds (the value is judged with the
spec cached as auxdata by the first call); and, for one case in ten, with
bounds from a table's columns (the spec parsed at each row).  The result and
the extended code must be the oracle's.  Bounds are drawn so that both the fast paths of the C code
(int64 bounds for INTEGERs, doubles' shortest texts for REALs) and its exact
path are exercised; the detail lines say how many cases each saw.

Prints one "PASS name (detail)" or "FAIL name: detail" line per check.
"""

import decimal
import os
import random
import re
import sqlite3
import struct
import sys

BOUND, SCALE, INVALID_TEXT = 25875, 26387, 26130
OVERFLOW, ENCODING = 25874, 26386
USAGE = "usage"  # SQLITE_ERROR (1), which 1 for a pass would shadow
MIN_CASES = 10000
D = decimal.Decimal
ctx = decimal.getcontext()
ctx.prec = 5000
ctx.Emax = decimal.MAX_EMAX
ctx.Emin = decimal.MIN_EMIN
GRAMMAR = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
results = []


def report(name, ok, detail=""):
    results.append(ok)
    if ok:
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""))
    else:
        print("FAIL %s: %s" % (name, detail))


def as_number(v):
    """Decimal (or +-Infinity) for a value, or None: not a number."""
    if isinstance(v, bool):
        raise TypeError
    if isinstance(v, int):
        return D(v)
    if isinstance(v, float):
        if v != v:
            return None
        return D(repr(v)) if v not in (float("inf"), float("-inf")) else \
            D("Infinity") if v > 0 else D("-Infinity")
    if isinstance(v, str):
        return D(v) if GRAMMAR.fullmatch(v) else None
    return None  # bytes


def frac_digits(d):
    """Decimals of a finite Decimal, trailing zeros dropped."""
    sign, digits, exp = d.as_tuple()
    n = len(digits)
    while n > 1 and digits[n - 1] == 0:
        n -= 1
        exp += 1
    if all(x == 0 for x in digits):
        return 0
    return max(0, -exp)


def bad_bound(b):
    """A bound that is a usage error: more than 50 significant digits, or an
    exponent past +-10^12 (number.h)."""
    if b is None:
        return False
    d = as_number(b)
    if d == 0:
        return False
    sign, digits, exp = d.as_tuple()
    digits = "".join(map(str, digits)).strip("0")
    return len(digits) > 50 or abs(d.adjusted() + 1) > 10**12


def expect(value, lo, hi, opts, shown_constant):
    """1 (passes), or the code number_check raises, or USAGE."""
    if bad_bound(lo) or bad_bound(hi):
        return USAGE if shown_constant else OVERFLOW
    dlo = as_number(lo) if lo is not None else None
    dhi = as_number(hi) if hi is not None else None
    if dlo is not None and dhi is not None and dlo > dhi:
        return USAGE if shown_constant else BOUND
    d = as_number(value)
    if d is None:
        return ENCODING if isinstance(value, str) and "\x00" in value \
            else INVALID_TEXT
    if opts == "integer" and (d.is_infinite() or frac_digits(d) != 0):
        return SCALE
    if opts and opts.startswith("scale="):
        if d.is_infinite() or frac_digits(d) > int(opts[6:]):
            return SCALE
    if dlo is not None and d < dlo:
        return BOUND
    if dhi is not None and d > dhi:
        return BOUND
    return 1


def call(db, sql, args):
    try:
        return db.execute(sql, args).fetchone()[0]
    except sqlite3.Error as e:
        return ("err", getattr(e, "sqlite_errorcode", None))


def call_second(db, sql, args):
    """The result of the second row of sql, or ("err", code)."""
    try:
        return db.execute(sql, args).fetchall()[1][0]
    except sqlite3.Error as e:
        return ("err", getattr(e, "sqlite_errorcode", None))


def observe(db, value, lo, hi, opts, how):
    if how == "cached":
        rows = "FROM (VALUES (NULL), (?))"
        valid = call_second(db, "SELECT number_valid(column1, ?, ?, ?) " +
                            rows, (lo, hi, opts, value))
        check = call_second(db, "SELECT number_check(column1, ?, ?, ?, "
                            "'t.c') " + rows, (lo, hi, opts, value))
    elif how == "table":
        db.execute("DELETE FROM b")
        db.execute("INSERT INTO b VALUES (?, ?, ?, ?)", (value, lo, hi, opts))
        valid = call(db, "SELECT number_valid(x, lo, hi, o) FROM b", ())
        check = call(db, "SELECT number_check(x, lo, hi, o, 't.c') FROM b", ())
    else:
        valid = call(db, "SELECT number_valid(?, ?, ?, ?)",
                     (value, lo, hi, opts))
        check = call(db, "SELECT number_check(?, ?, ?, ?, 't.c')",
                     (value, lo, hi, opts))
    if check == 1:
        return 1 if valid == 1 else ("valid says", valid)
    if isinstance(check, tuple):
        code = check[1]
        if code == 1:
            return USAGE if valid == ("err", 1) else ("valid says", valid)
        return code if valid == 0 else ("valid says", valid)
    return ("check returned", check)


# ---- values -----------------------------------------------------------------

def rand_digits(rng, n, lead=True):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    return s


def gen_int(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([2**53, 2**63 - 1, -2**63, 2**62, 10**18]) * \
            rng.choice([1, -1]) // 1 + rng.randint(-3, 3)
    if r < 0.6:
        return rng.randint(-1000, 1000)
    if r < 0.8:
        return rng.randint(-2**63, 2**63 - 1)
    return rng.randint(-10**rng.randint(1, 18), 10**rng.randint(1, 18))


def clamp64(v):
    return max(-2**63, min(2**63 - 1, v))


def gen_decimal_text(rng):
    sign = rng.choice(["", "", "-", "+"])
    ni, nf = rng.choice([(rng.randint(0, 25), rng.randint(0, 25)),
                         (rng.randint(0, 3), rng.randint(0, 3)),
                         (rng.randint(0, 200), rng.randint(0, 200))])
    whole, frac = rand_digits(rng, ni), rand_digits(rng, nf)
    if rng.random() < 0.3:
        whole = "0" * rng.randint(1, 5) + whole
    if rng.random() < 0.3:
        frac = frac + "0" * rng.randint(1, 5)
    if not whole and not frac:
        whole = "0"
    if rng.random() < 0.1 and whole:
        text = whole + "."  # '5.'
    elif frac and (not whole or rng.random() < 0.7):
        text = whole + "." + frac
    else:
        text = whole or "0"
    if rng.random() < 0.3:
        e = rng.choice([rng.randint(-30, 30), rng.randint(-400, 400),
                        rng.choice([1, -1]) * 10**rng.randint(12, 17) +
                        rng.randint(-5, 5)])
        text += rng.choice("eE") + rng.choice(["", "+"] if e >= 0 else [""]) \
            + str(e)
    return sign + text


GARBAGE = ["", " ", "1 ", " 1", "1,5", "12,3", "1.2.3", "--1", "+-1", "1e",
           "e1", ".", "-.", "+.e1", "1e+", "1e-", "0x10", "1_000", "NaN",
           "nan", "Infinity", "-Infinity", "inf", "1d3", "١٢", "12\x00",
           "1\n", "\t1", "1.5f", "$1", "1e1.5", "١", "ｘ", "1" * 3 + "a",
           "\u00a01", "+", "-", "1e5e5"]


def gen_text(rng):
    """A TEXT value; Python's decimal cannot hold exponents past 10^18, so
    the few defects that make one are drawn again."""
    while True:
        t = gen_text_1(rng)
        try:
            as_number(t)
            return t
        except decimal.InvalidOperation:
            pass


def gen_text_1(rng):
    r = rng.random()
    if r < 0.12:
        return rng.choice(GARBAGE)
    if r < 0.2:  # a number with a defect
        t = gen_decimal_text(rng)
        i = rng.randint(0, len(t))
        return t[:i] + rng.choice([" ", ",", "x", "..", "e", "\x00", "é"]) + \
            t[i:]
    if r < 0.3:
        return str(gen_int(rng))
    if r < 0.4:
        return repr(gen_real(rng)).replace("inf", "Infinity")
    return gen_decimal_text(rng)


def gen_real(rng):
    r = rng.random()
    if r < 0.25:  # any bits: subnormals, huge, tiny
        bits = rng.getrandbits(64)
        f = struct.unpack("<d", struct.pack("<Q", bits))[0]
        return 0.0 if f != f else f
    if r < 0.4:  # decimals of few digits
        return float("%d.%0*d" % (rng.randint(-1000, 1000), 2,
                                  rng.randint(0, 99)))
    if r < 0.5:
        return rng.choice([0.1, 0.2, 0.3, 0.7, 1.1, 0.01]) + \
            rng.choice([0, 0.1, 0.2])
    if r < 0.6:  # powers of two: where the shortest text is hardest
        return rng.choice([1, -1]) * 2.0 ** rng.randint(-1074, 1023)
    if r < 0.7:  # integers near 2^53
        return float(rng.choice([1, -1]) * (2**53 + rng.randint(-4, 4)))
    if r < 0.75:
        return rng.choice([float("inf"), float("-inf"), -0.0, 0.0,
                           5e-324, 2.2250738585072014e-308, 1.7976931348623157e308])
    if r < 0.85:
        return rng.uniform(-1, 1) * 10 ** rng.randint(-20, 25)
    return float(rng.randint(-10**6, 10**6))


def gen_value(rng):
    r = rng.random()
    if r < 0.3:
        return clamp64(gen_int(rng))
    if r < 0.55:
        return gen_real(rng)
    if r < 0.97:
        return gen_text(rng)
    return rng.choice([b"", b"\x01", b"12", b"\xff\xfe"])


# ---- bounds -----------------------------------------------------------------

def near(rng, d):
    """A bound near the number d (a Decimal), as INTEGER, REAL or TEXT."""
    if d.is_infinite():
        return gen_bound(rng)
    r = rng.random()
    if r < 0.3:
        return str(d)
    if r < 0.45 and abs(d) < 2**62:
        return int(d.to_integral_value(rounding=rng.choice(
            [decimal.ROUND_FLOOR, decimal.ROUND_CEILING])))
    if r < 0.6:
        try:
            f = float(d)
            if f not in (float("inf"), float("-inf")):
                return f
        except OverflowError:
            pass
        return str(d)
    # one unit in the last place of a 20-digit rendering away
    sign, digits, exp = d.as_tuple()
    if len(digits) > 45:
        return str(d) if rng.random() < 0.2 else str(d.quantize(
            D(1).scaleb(d.adjusted() - rng.randint(20, 45)),
            rounding=decimal.ROUND_HALF_EVEN))
    step = D(1).scaleb(exp - rng.randint(0, 3))
    return str(d + rng.choice([-1, 1]) * step)


def gen_bound(rng):
    r = rng.random()
    if r < 0.3:
        return clamp64(gen_int(rng))
    if r < 0.5:
        f = gen_real(rng)
        return f if f not in (float("inf"), float("-inf")) else 1.5
    t = gen_decimal_text(rng)
    d = D(t)
    sign, digits, exp = d.as_tuple()
    if len(str(d.normalize()).split("E")[0].lstrip("-").replace(".", "")) > 50:
        t = str(gen_int(rng))
    elif abs(d.adjusted()) > 10**11 and d != 0:
        t = str(gen_int(rng))
    return t


def gen_case(rng):
    v = gen_value(rng)
    dv = as_number(v) if not isinstance(v, bytes) else None
    bounds = []
    for _ in range(2):
        r = rng.random()
        if r < 0.2:
            bounds.append(None)
        elif r < 0.6 and dv is not None:
            bounds.append(near(rng, dv))
        else:
            bounds.append(gen_bound(rng))
    lo, hi = bounds
    if lo is not None and hi is not None and rng.random() < 0.9:
        if as_number(lo) > as_number(hi):
            lo, hi = hi, lo
    opts = rng.choice([None, None, None, "", "integer", "scale=0", "scale=1",
                       "scale=2", "scale=5", "scale=20"])
    return v, lo, hi, opts


def path_of(v, lo, hi):
    """Which path of the C code decides a passing case, as number.h says."""
    def scaled_ok(b):  # the bound is M / 10^S, |M| < 10^18, 0 <= S <= 18
        if b is None:
            return True
        d = as_number(b)
        if d == 0:
            return True
        sign, digits, exp = d.normalize().as_tuple()
        return len(digits) <= 18 and exp <= 18 - len(digits) and exp >= -18
    def int_ok(b, ceil):
        if b is None:
            return True
        d = as_number(b)
        q = d.to_integral_value(decimal.ROUND_CEILING if ceil else
                                decimal.ROUND_FLOOR)
        return (q <= 2**63 - 1) if ceil else (q >= -2**63)

    def real_ok(b):
        if b is None:
            return True
        d = as_number(b)
        if d == 0:
            return True
        sign, digits, exp = d.normalize().as_tuple()
        return len(digits) <= 15 and -22 <= exp <= 22 and \
            abs(d) >= D("2.2250738585072014e-308")

    if isinstance(v, str) and scaled_ok(lo) and scaled_ok(hi) and \
            re.fullmatch(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)", v) and \
            sum(c.isdigit() for c in v) <= 18:
        return "text-fast"
    if isinstance(v, int) or (isinstance(v, str) and
                              re.fullmatch(r"-?[0-9]{1,18}", v)):
        return "int-fast" if int_ok(lo, True) and int_ok(hi, False) else \
            "int-exact"
    if isinstance(v, float):
        return "real-fast" if real_ok(lo) and real_ok(hi) else "real-exact"
    return "text"


def main():
    build = sys.argv[1]
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    try:
        db.load_extension(os.path.join(build, "richcheck"))
        report("extension-loaded", True)
    except sqlite3.Error as e:
        report("extension-loaded", False, str(e))
        return 1
    db.execute("CREATE TABLE b(x, lo, hi, o)")
    rng = random.Random(20261206)
    cases = [gen_case(rng) for _ in range(12000)]
    # Both sides of the limits: int64, 2^53, bounds beyond int64.
    for v in (2**63 - 1, -2**63, 2**53, 2**53 + 1, 0):
        for b in (v, v - 1, v + 1):
            for lo, hi in ((str(b), None), (None, str(b)), (b if abs(b) < 2**63
                                                             else None, None)):
                cases.append((v, lo, hi, None))
                cases.append((str(v), lo, hi, None))
    cases.append(("9007199254740993", None, 9007199254740992, None))
    cases.append((0.1, 0, "0.1", None))
    cases.append((0.1, 0, 0.1, "scale=1"))
    report("corpus-size", len(cases) >= MIN_CASES, "%d cases" % len(cases))

    bad, counts, paths, n_run = [], {}, {}, 0
    for i, (v, lo, hi, opts) in enumerate(cases):
        for how in ("one-row", "cached") + (("table",) if i % 10 == 0 else ()):
            want = expect(v, lo, hi, opts, how == "cached")
            got = observe(db, v, lo, hi, opts, how)
            n_run += 1
            counts[want] = counts.get(want, 0) + 1
            if how == "one-row" and want not in (USAGE, OVERFLOW) and \
                    not (want == BOUND and lo is not None and hi is not None
                         and as_number(lo) > as_number(hi)):
                p = "%s-%s" % (path_of(v, lo, hi),
                               "pass" if want == 1 else "fail")
                paths[p] = paths.get(p, 0) + 1
            if got != want:
                bad.append("%s %r in [%r, %r] %r: expected %r, got %r" %
                           (how, v, lo, hi, opts, want, got))
    report("number-agrees-with-decimal", not bad,
           "%d cases, %d runs" % (len(cases), n_run) if not bad else
           "%d of %d runs differ, e.g. %s" % (len(bad), n_run,
                                         "; ".join(bad[:4])))
    names = {1: "pass", BOUND: "BOUND", SCALE: "SCALE",
             INVALID_TEXT: "INVALID_TEXT", USAGE: "usage",
             OVERFLOW: "OVERFLOW", ENCODING: "ENCODING"}
    report("every-outcome-covered", set(counts) == set(names),
           ", ".join("%s %d" % (names.get(k, k), n)
                     for k, n in sorted(counts.items(), key=str)))
    # An INTEGER passes only where the bounds leave the fast path on: past
    # int64 they refuse every one, and the exact path says why.
    report("every-path-covered", all(
        paths.get(p, 0) >= 50 for p in (
            "int-fast-pass", "int-fast-fail", "int-exact-fail",
            "real-fast-pass", "real-fast-fail", "real-exact-pass",
            "real-exact-fail", "text-pass", "text-fail", "text-fast-pass",
            "text-fast-fail")),
           ", ".join("%s %d" % kv for kv in sorted(paths.items())))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
