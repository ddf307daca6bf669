"""diff_datetime.py BUILD - richcheck's date, time and datetime functions
against a reference built from a strict regex and Python's calendar rules.

Run by test/datetime_diff.test.  The reference is written from the rules in
ext/datetime.h and the README, independently of ext/datetime.c:

- the form is a regular expression per kind and options (re.ASCII and
  fullmatch, so no Unicode digits and no trailing newline slip in);
- the ranges are Python's: datetime.date(y, m, d) for the calendar (it
  refuses year 0, month 13, February 29 of a common year), datetime.time(h,
  mi, s) for the clock (it refuses hour 24, minute 60, second 60), and
  datetime.timedelta for the offset (at most 18:00; minutes 00-59);
- a leap second (option leap) is second 60 where the time minus the offset
  is 23:59 (computed with timedelta arithmetic).

Python's own datetime.fromisoformat (3.11) is more lenient than ISO 8601 /
RFC 3339 (it takes basic forms, +0530, any separator, any number of fraction
digits), so it is not the oracle; but every value the reference accepts
without a leap second must also be accepted by it, with the same fields:
that is checked too ("fromisoformat-agrees").

Each generated value (with random options) is predicted as ok, FORMAT,
RANGE (a field), ZONE (the offset: also DATETIME_RANGE) or ENCODING, and
compared with *_valid, *_error (the class of its message) and, for every
third value, *_check's extended code, twice: in a one-row statement (the
options are parsed at the call) and as the second row of a two-row one
(NULL, then the value: the options are those the first call kept as
auxdata, the path every multi-row statement takes).  Prints one "PASS name (detail)" or
"FAIL name: detail" line per check.
"""

import datetime
import os
import random
import re
import sqlite3
import sys

FORMAT, RANGE, ENCODING = 26642, 26898, 26386
MIN_VALUES = 10000
FRAC_DEFAULT = 9

results = []


def report(name, ok, detail=""):
    results.append(ok)
    if ok:
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""))
    else:
        print("FAIL %s: %s" % (name, detail))


# ---- the reference ------------------------------------------------------

DATE_RE = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
TIME_RE = (r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
           r"(Z|[+-][0-9]{2}:[0-9]{2})?")


def parse_options(options):
    """The reference's reading of the options the generator uses."""
    words = re.split(r"[ ,]+", (options or "").strip().lower())
    spec = {"offset": False, "local": False, "frac": FRAC_DEFAULT,
            "sep": "T ", "leap": False}
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("offset", "tz"):
            spec["offset"] = True
        elif w == "local":
            spec["local"] = True
        elif w == "no" and i + 1 < len(words) and words[i + 1] in ("offset",
                                                                   "tz"):
            spec["local"] = True
            i += 1
        elif w.startswith("fraction="):
            spec["frac"] = int(w.split("=")[1])
        elif w == "t":
            spec["sep"] = "T"
        elif w == "space":
            spec["sep"] = " "
        elif w == "leap":
            spec["leap"] = True
        elif w:
            raise ValueError(w)
        i += 1
    return spec


def expect(kind, value, spec):
    """'ok', 'FORMAT', 'RANGE', 'ZONE' or 'ENCODING' for value (a str or,
    for text that is not UTF-8, bytes)."""
    if isinstance(value, bytes) or "\x00" in value:
        return "ENCODING"
    if kind == "date":
        pattern = DATE_RE
    elif kind == "time":
        pattern = TIME_RE
    else:
        pattern = DATE_RE + "([T ])" + TIME_RE
    m = re.fullmatch(pattern, value, re.ASCII)
    if not m:
        return "FORMAT"
    g = list(m.groups())
    if kind != "time":
        y, mo, d = int(g[0]), int(g[1]), int(g[2])
        g = g[3:]
    if kind == "datetime":
        if g[0] not in spec["sep"]:
            return "FORMAT"
        g = g[1:]
    if kind != "date":
        h, mi, s, frac, off = int(g[0]), int(g[1]), int(g[2]), g[3], g[4]
        if frac is not None and len(frac) > spec["frac"]:
            return "FORMAT"
        if off is None and spec["offset"]:
            return "FORMAT"
        if off is not None and spec["local"]:
            return "FORMAT"
    if kind != "time":
        try:
            datetime.date(y, mo, d)
        except ValueError:
            return "RANGE"
    if kind == "date":
        return "ok"
    try:
        datetime.time(h, mi, s if s != 60 else 59)
    except ValueError:
        return "RANGE"
    if s > 60:
        return "RANGE"
    delta = datetime.timedelta(0)
    if off not in (None, "Z"):
        oh, om = int(off[1:3]), int(off[4:6])
        if om > 59:
            return "ZONE"
        delta = datetime.timedelta(hours=oh, minutes=om)
        if delta > datetime.timedelta(hours=18):
            return "ZONE"
        if off[0] == "-":
            delta = -delta
    if s == 60:
        if not spec["leap"]:
            return "RANGE"
        utc = datetime.datetime(2000, 1, 2, h, mi) - delta
        if (utc.hour, utc.minute) != (23, 59):
            return "RANGE"
    return "ok"


def fromiso_agrees(kind, value):
    """Python's fromisoformat reads value (accepted by the reference, no
    leap second) to the same fields."""
    try:
        if kind == "date":
            v = datetime.date.fromisoformat(value)
            return v.isoformat() == value
        if kind == "time":
            v = datetime.time.fromisoformat(value)
            body = value
        else:
            v = datetime.datetime.fromisoformat(value)
            body = value[11:]
            if (v.year, v.month, v.day) != tuple(
                    int(x) for x in value[:10].split("-")):
                return False
        if (v.hour, v.minute, v.second) != tuple(
                int(x) for x in body[:8].split(":")):
            return False
        rest = body[8:]
        frac = re.match(r"\.([0-9]+)", rest)
        want_us = int((frac.group(1) + "000000")[:6]) if frac else 0
        if v.microsecond != want_us:
            return False
        off = rest[frac.end():] if frac else rest
        if off == "":
            return v.tzinfo is None
        got = v.utcoffset()
        if off == "Z":
            return got == datetime.timedelta(0)
        sign = -1 if off[0] == "-" else 1
        return got == sign * datetime.timedelta(hours=int(off[1:3]),
                                                minutes=int(off[4:6]))
    except ValueError:
        return False


# ---- the generator ------------------------------------------------------

YEARS = ["0000", "0001", "1582", "1900", "1970", "2000", "2023", "2024",
         "2100", "2400", "9999"]
OPTIONS = {
    "date": [None, ""],
    "time": [None, "", "offset", "local", "no offset", "tz", "fraction=0",
             "fraction=3", "fraction=6", "fraction=9", "leap",
             "offset, leap", "local fraction=3"],
    "datetime": [None, "", "offset", "local", "no offset", "fraction=0",
                 "fraction=1", "fraction=3", "fraction=9", "t", "space",
                 "leap", "t, offset, fraction=6", "space local", "leap tz"],
}


def two(rng, edges, top):
    if rng.random() < 0.6:
        return "%02d" % rng.choice(edges)
    return "%02d" % rng.randint(0, top)


def gen_offset(rng):
    r = rng.random()
    if r < 0.25:
        return ""
    if r < 0.45:
        return rng.choice(["Z", "Z", "Z", "z", "+00:00", "-00:00"])
    sign = rng.choice("+-")
    hh = two(rng, [0, 1, 5, 14, 17, 18, 19, 23, 99], 24)
    mm = two(rng, [0, 1, 30, 45, 59, 60], 99)
    r = rng.random()
    if r < 0.85:
        return sign + hh + ":" + mm
    if r < 0.93:
        return sign + hh + mm
    return sign + hh


def gen_fraction(rng):
    if rng.random() < 0.55:
        return ""
    n = rng.choice([0, 1, 2, 3, 4, 6, 7, 9, 10, 12])
    return "." + "".join(rng.choice("0123456789") for _ in range(n))


def gen_date(rng):
    if rng.random() < 0.7:
        y = rng.choice(YEARS)
    else:
        y = "%04d" % rng.randint(0, 9999)
    mo = two(rng, [0, 1, 2, 2, 2, 4, 6, 9, 11, 12, 13], 99)
    d = two(rng, [0, 1, 28, 29, 29, 30, 31, 32], 99)
    return "%s-%s-%s" % (y, mo, d)


def gen_time(rng):
    h = two(rng, [0, 12, 23, 23, 24], 99)
    mi = two(rng, [0, 30, 59, 59, 60], 99)
    s = two(rng, [0, 30, 59, 60, 60, 61], 99)
    if rng.random() < 0.15:  # where a leap second can be
        h, mi = rng.choice([("23", "59"), ("15", "59"), ("05", "29"),
                            ("00", "59"), ("23", "58")])
        s = "60"
    return "%s:%s:%s%s%s" % (h, mi, s, gen_fraction(rng), gen_offset(rng))


def mutate(rng, v):
    """One small change that usually breaks the form."""
    r = rng.random()
    i = rng.randrange(len(v) + 1)
    if r < 0.25 and v:
        return v[:i] + v[i + 1:]
    if r < 0.5:
        return v[:i] + rng.choice("0123456789-:T .+Zx") + v[i:]
    if r < 0.7 and v:
        return v[:i] + rng.choice("0123456789-:T .,+Zzt") + v[i + 1:]
    if r < 0.8:
        return rng.choice([" ", "\n", "\t"]) + v if rng.random() < 0.5 \
            else v + rng.choice([" ", "\n", "\t"])
    if r < 0.9:
        return v[:i] + rng.choice(["\u0662", "\uff10", "\u2010", "\u00e9",
                                   "\x00"]) + v[i:]
    return rng.choice(["", "-", "+", "2024", "12:00", "2024-01-01T",
                       "24:00:00", "2024-W01-1", "2024-001", "20240101",
                       "T12:00:00", "12:00:00.", "+002024-01-01"])


def gen_valid(rng, kind):
    """A value right by construction, with the default options."""
    d = datetime.date.fromordinal(rng.randint(1, 3652059))
    t = "%02d:%02d:%02d%s%s" % (rng.randint(0, 23), rng.randint(0, 59),
                                rng.randint(0, 59), gen_fraction(rng)[:10],
                                rng.choice(["", "Z", "+05:30", "-18:00",
                                            "+18:00", "-03:00", "+14:45"]))
    if kind == "date":
        return d.isoformat()
    if kind == "time":
        return t
    return d.isoformat() + rng.choice("T ") + t


def gen(rng, kind):
    if rng.random() < 0.3:
        return gen_valid(rng, kind)
    if kind == "date":
        v = gen_date(rng)
    elif kind == "time":
        v = gen_time(rng)
    else:
        sep = rng.choice(["T", "T", "T", " ", " ", "t", "_"])
        v = gen_date(rng) + sep + gen_time(rng)
    if rng.random() < 0.15:
        v = mutate(rng, v)
    return v


def limits():
    """Both sides of every limit, with the default options."""
    out = []
    for y in (1900, 2000, 2023, 2024, 2100, 2400, 1, 9999):
        for d in (28, 29, 30):
            out.append(("date", "%04d-02-%02d" % (y, d), None))
    for mo in range(0, 14):
        for d in (0, 1, 30, 31, 32):
            out.append(("date", "2024-%02d-%02d" % (mo, d), None))
    for t in ("23:59:59", "24:00:00", "00:59:00", "00:60:00", "00:00:59",
              "00:00:60", "00:00:00+18:00", "00:00:00+18:01",
              "00:00:00-18:00", "00:00:00-18:01", "00:00:00+17:59",
              "00:00:00+00:60", "00:00:00.123456789",
              "00:00:00.1234567890"):
        out.append(("time", t, None))
        out.append(("datetime", "2024-01-01T" + t, None))
    for frac in range(0, 10):
        for n in (frac, frac + 1):
            opt = "fraction=%d" % frac
            out.append(("time", "00:00:00" + ("." + "5" * n if n else ""),
                        opt))
    for t in ("23:59:60Z", "23:59:60", "15:59:60-08:00", "15:59:60+08:00",
              "08:59:60+09:00", "23:58:60Z", "00:59:60+01:00"):
        out.append(("time", t, "leap"))
        out.append(("datetime", "2016-12-31T" + t, "leap"))
    return out


# ---- running ------------------------------------------------------------

def observe(db, kind, value, options, with_code, cached=False):
    """(valid, class of the error message, code of *_check or None)."""
    sql_value = "CAST(? AS TEXT)" if isinstance(value, bytes) else "?"
    if cached:
        rows = " FROM (VALUES (NULL), (%s))" % sql_value
        valid, err = db.execute(
            "SELECT %s_valid(column1, ?), %s_error(column1, ?)" % (kind, kind)
            + rows, (options, options, value)).fetchall()[1]
    else:
        valid, err = db.execute(
            "SELECT %s_valid(%s, ?), %s_error(%s, ?)" % (kind, sql_value,
                                                         kind, sql_value),
            (value, options, value, options)).fetchone()
    if err is None:
        klass = "ok"
    elif err.startswith("invalid input syntax for type"):
        klass = "FORMAT"
    elif err.startswith("date/time field value out of range"):
        klass = "RANGE"
    elif err.startswith("time zone displacement out of range"):
        klass = "ZONE"
    elif err.startswith("invalid byte sequence"):
        klass = "ENCODING"
    else:
        klass = "other: " + err
    code = None
    if with_code:
        try:
            if cached:
                db.execute("SELECT %s_check(column1, ?, 't.c')" % kind + rows,
                           (options, value)).fetchall()
            else:
                db.execute("SELECT %s_check(%s, ?, 't.c')" % (kind, sql_value),
                           (value, options)).fetchone()
            code = 0
        except sqlite3.Error as e:
            code = getattr(e, "sqlite_errorcode", None)
    return valid, klass, code


CODE_OF = {"ok": 0, "FORMAT": FORMAT, "RANGE": RANGE, "ZONE": RANGE,
           "ENCODING": ENCODING}


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
    rng = random.Random(20240229)
    cases = limits()
    for i in range(15000):
        kind = ("date", "time", "datetime", "datetime")[i % 4]
        cases.append((kind, gen(rng, kind), rng.choice(OPTIONS[kind])))
    for i in range(40):  # text that is not UTF-8
        kind = ("date", "time", "datetime")[i % 3]
        cases.append((kind, b"2024-01-0" + bytes([0x80 + i]), None))
    report("corpus-size", len(cases) >= MIN_VALUES, "%d values" % len(cases))

    counts = {}
    bad = {"valid": [], "error": [], "code": []}
    fromiso_bad, fromiso_n = [], 0
    for i, (kind, value, options) in enumerate(cases):
        want = expect(kind, value, parse_options(options))
        counts[want] = counts.get(want, 0) + 1
        for cached in (False, True):
            valid, klass, code = observe(db, kind, value, options, i % 3 == 0,
                                         cached)
            shown = "%s(%r, %r)%s" % (kind, value, options,
                                      " cached" if cached else "")
            if valid != (want == "ok"):
                bad["valid"].append("%s: expected %s, valid %r" % (shown, want,
                                                                   valid))
            if klass != want:
                bad["error"].append("%s: expected %s, got %s" % (shown, want,
                                                                 klass))
            if code is not None and code != CODE_OF[want]:
                bad["code"].append("%s: expected %s, code %r" % (shown, want,
                                                                 code))
        if want == "ok" and ":60" not in value:
            fromiso_n += 1
            if not fromiso_agrees(kind, value):
                fromiso_bad.append(shown)
    for name, items in bad.items():
        report("%s-agrees-with-reference" % name, not items,
               "%d values, each one-row and cached" % len(cases)
               if not items else
               "%d differ, e.g. %s" % (len(items), "; ".join(items[:3])))
    report("fromisoformat-agrees", not fromiso_bad,
           "%d accepted values read alike" % fromiso_n if not fromiso_bad
           else "%d differ, e.g. %s" % (len(fromiso_bad),
                                        "; ".join(fromiso_bad[:3])))
    report("every-outcome-covered",
           all(counts.get(k, 0) >= 20 for k in CODE_OF),
           ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
