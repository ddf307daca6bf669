"""diff_pattern.py BUILD - richcheck's pattern functions against Python's re
module, on generated patterns and values.

Run by test/pattern_diff.test.  The patterns are drawn from the subset of
syntax that PCRE2 and Python's re read alike: literals, '.', classes
([abc], [^a-c]), \\d \\w \\s and their negations, groups (capturing and
(?:...)), alternation, and the quantifiers * + ? {m} {m,n} and their lazy
forms.  The values are short strings over an alphabet with ASCII letters,
digits, a space, a newline, '_' and non-ASCII letters (é, É, ß).

Oracle: re.fullmatch (anchored, richcheck's default) or re.search (flag
search), with re.IGNORECASE for caseless and re.DOTALL for dotall; Python's
str patterns are Unicode-aware as PCRE2_UCP is.  For each case the extension
must agree through pattern_valid, pattern_error (NULL exactly when valid,
else the exact message) and pattern_check (IntegrityError exactly when not
valid); a two-row form checks that the pattern compiled for the first row
(the cached one) judges the second.

Prints one "PASS name (detail)" or "FAIL name: detail" line per check.
"""

import os
import random
import re
import sqlite3
import sys
import time

SEED = 1016
N_PATTERNS = 1500
VALUES_PER_PATTERN = 8
MIN_CASES = 10000
ALPHABET = "abcxyz019 _\né\u00c9\u00df"
LITERALS = "abcxyz019_é"
results = []


def report(name, ok, detail=""):
    results.append(ok)
    if ok:
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""))
    else:
        print("FAIL %s: %s" % (name, detail))


# --- generation -------------------------------------------------------------

def gen_atom(rng, depth):
    r = rng.random()
    if depth < 2 and r < 0.15:
        inner = gen_alt(rng, depth + 1)
        return ("(?:%s)" if rng.random() < 0.5 else "(%s)") % inner
    if r < 0.45:
        return rng.choice(LITERALS)
    if r < 0.55:
        return "."
    if r < 0.75:
        return rng.choice([r"\d", r"\w", r"\s", r"\D", r"\W", r"\S"])
    chars = "".join(rng.sample("abcxyz019é", rng.randint(1, 3)))
    if rng.random() < 0.3:
        chars = rng.choice(["a-c", "x-z", "0-9", "a-z"]) + chars
    return "[%s%s]" % ("^" if rng.random() < 0.3 else "", chars)


def gen_quant(rng):
    r = rng.random()
    if r < 0.5:
        return ""
    q = rng.choice(["*", "+", "?", "{2}", "{0,2}", "{1,3}"])
    if rng.random() < 0.2:
        q += "?"
    return q


def gen_seq(rng, depth):
    return "".join(gen_atom(rng, depth) + gen_quant(rng)
                   for _ in range(rng.randint(1, 4)))


def gen_alt(rng, depth=0):
    n = 1 if rng.random() < 0.7 else rng.randint(2, 3)
    return "|".join(gen_seq(rng, depth) for _ in range(n))


def gen_flags(rng):
    words = [w for w in ("caseless", "dotall", "search")
             if rng.random() < 0.35]
    return ", ".join(words) if words else None


def gen_value(rng, pattern):
    if rng.random() < 0.3:
        # near a match: what the pattern's own literals spell
        lits = [c for c in pattern if c in ALPHABET]
        if lits:
            return "".join(rng.choice(lits) for _ in range(rng.randint(0, 6)))
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))


# --- the oracle -------------------------------------------------------------

def expect(pattern, flags, value):
    words = set((flags or "").replace(",", " ").split())
    f = 0
    if "caseless" in words:
        f |= re.IGNORECASE
    if "dotall" in words:
        f |= re.DOTALL
    rx = re.compile(pattern, f)
    m = rx.search(value) if "search" in words else rx.fullmatch(value)
    return m is not None


def clean(s):
    """rcCleanText(z, n, 1): 64 characters at most, then "..."."""
    out = []
    for ch in s[:64]:
        if ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\x%02x" % ord(ch))
        elif ch in '"\\':
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out) + ("..." if len(s) > 64 else "")


def message(pattern, flags, value):
    words = set((flags or "").replace(",", " ").split())
    shown = [w for w in ("caseless", "dotall", "search") if w in words]
    return 'value "%s" does not match the pattern "%s"%s' % (
        clean(value), clean(pattern),
        " (%s)" % ", ".join(shown) if shown else "")


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
    t0 = time.monotonic()
    rng = random.Random(SEED)
    cases = []
    for _ in range(N_PATTERNS):
        pattern = gen_alt(rng)
        flags = gen_flags(rng)
        for _ in range(VALUES_PER_PATTERN):
            cases.append((pattern, flags, gen_value(rng, pattern)))
    report("corpus-size", len(cases) >= MIN_CASES, "%d cases" % len(cases))

    bad_valid, bad_error, bad_check, bad_cached = [], [], [], []
    n_match = 0
    flags_seen = set()
    for i, (pattern, flags, value) in enumerate(cases):
        want = expect(pattern, flags, value)
        n_match += want
        flags_seen.update((flags or "").replace(",", " ").split())
        shown = "%r %r %r" % (pattern, flags, value)
        valid, err = db.execute("SELECT pattern_valid(?1, ?2, ?3), "
                                "pattern_error(?1, ?2, ?3)",
                                (value, pattern, flags)).fetchone()
        if valid != int(want):
            bad_valid.append("%s: re says %s" % (shown, want))
        want_err = None if want else message(pattern, flags, value)
        if err != want_err:
            bad_error.append("%s: %r" % (shown, err))
        try:
            db.execute("SELECT pattern_check(?1, ?2, ?3)",
                       (value, pattern, flags)).fetchone()
            raised = False
        except sqlite3.IntegrityError:
            raised = True
        if raised == want:
            bad_check.append("%s: raised %s" % (shown, raised))
        # the second row judged by the pattern compiled for the first
        other = cases[i - 1][2]
        rows = db.execute("SELECT pattern_valid(column1, ?1, ?2) FROM "
                          "(VALUES (?3), (?4))",
                          (pattern, flags, other, value)).fetchall()
        if rows != [(int(expect(pattern, flags, other)),), (int(want),)]:
            bad_cached.append("%s after %r: %r" % (shown, other, rows))
    elapsed = time.monotonic() - t0

    def verdict(name, bad, what):
        report(name, not bad, "%d %s" % (len(cases), what) if not bad else
               "%d of %d differ, e.g. %s" % (len(bad), len(cases),
                                             "; ".join(bad[:3])))

    verdict("verdicts-agree-with-python-re", bad_valid, "cases")
    verdict("error-messages-exact", bad_error, "cases")
    verdict("check-raises-exactly-when-not-valid", bad_check, "cases")
    verdict("verdicts-agree-two-row-cached", bad_cached, "cases")
    report("both-outcomes-covered", 0.1 < n_match / len(cases) < 0.9,
           "%d match, %d do not" % (n_match, len(cases) - n_match))
    report("every-flag-covered", flags_seen == {"caseless", "dotall",
                                                "search"},
           ", ".join(sorted(flags_seen)))
    report("bounded-in-time", elapsed < 60, "%.1f s" % elapsed)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
