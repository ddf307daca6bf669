"""pair.py PORTABLE SYSTEM - the portable build and the normal one in one
Python process: PORTABLE (build/portable/richcheck.so, ICU linked in and
hidden) loads first and must bring no ICU or C++ runtime with it; then
SYSTEM (the normal build, linked against the system's libicuuc) loads into
a second connection, which maps the system's ICU into the process; both
must then give the same answers, and the expected ones; last, every
locale in the portable build's ICU data formats and parses amounts as the
system's ICU does (its data is cut down: tools/portable-data.sh).  Prints one
"PASS name (detail)" or "FAIL name: detail" line per check
(test/portable.test counts them)."""
import re
import sqlite3
import sys

PORTABLE, SYSTEM = sys.argv[1], sys.argv[2]
failed = False


def report(name, ok, detail=""):
    global failed
    if ok:
        print(f"PASS {name} ({detail})" if detail else f"PASS {name}")
    else:
        failed = True
        print(f"FAIL {name}: {detail}")


def mapped(word):
    """The distinct files mapped into this process whose name has word."""
    with open("/proc/self/maps", encoding="utf-8") as f:
        return sorted({line.split()[-1] for line in f
                       if word in line.split()[-1]})


def connect(path):
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(path)
    conn.enable_load_extension(False)
    return conn


def answer(conn, sql):
    try:
        return ("ok",) + tuple(conn.execute(sql).fetchone())
    except sqlite3.Error as e:
        return (type(e).__name__, getattr(e, "sqlite_errorcode", None), str(e))


FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"
CASES = [
    ("graphemes", f"SELECT length_count('{FAMILY}e' || char(0x301) || 'ü', 'graphemes')",
     ("ok", 3)),
    ("chars", f"SELECT length_count('{FAMILY}e' || char(0x301) || 'ü', 'chars')",
     ("ok", 10)),
    ("idn-email-unicode", "SELECT email_normalize('josé@BÜCHER.de')",
     ("ok", "josé@bücher.de")),
    ("idn-email-punycode", "SELECT email_normalize('user@xn--bcher-kva.de')",
     ("ok", "user@bücher.de")),
    ("nfkc-fullwidth", "SELECT email_normalize('Ａ@example.com')",
     ("ok", "Ａ@example.com")),
    ("money-en-us", "SELECT money_format('1234.5', 'USD')", ("ok", "$1,234.50")),
    ("money-de-de", "SELECT money_format('1234.5', 'EUR', 'de_DE')",
     ("ok", "1.234,50\u00a0€")),
    ("money-ar-eg", "SELECT money_format('-1234.5', 'EGP', 'ar_EG')",
     ("ok", "\u061c-\u200f١٬٢٣٤٫٥٠\u00a0ج.م.\u200f")),
    ("money-parse-de-de", "SELECT money_parse('1.234,50 €', 'EUR', 'de_DE')",
     ("ok", "1234.50")),
    ("unknown-locale", "SELECT money_format('1', 'EUR', 'de_ZZ')",
     ("OperationalError", 1, "money_format: unknown locale 'de_ZZ' (ICU has data for "
      "'de' only): write one ICU has data for, such as 'en_US', 'de_DE' or 'fr_FR'")),
    ("too-long", "SELECT length_check('Zoë Müllerová-Ångström', 1, 10, 'users.name')",
     ("DataError", 25618, "users.name: value too long (22 characters, maximum 10)")),
    ("bad-email", "SELECT email_check('josé@@müller.de', 'users.email')",
     ("IntegrityError", 25619,
      'users.email: invalid email address "josé@@müller.de": more than one @')),
]

try:
    before = mapped("libicu") + mapped("libstdc++")
    portable = connect(PORTABLE)
    after = mapped("libicu") + mapped("libstdc++")
    report("pair-1.1-portable-maps-no-icu-or-c++-runtime",
           after == before, f"mapped after loading: {after or 'none'}")
    for name, sql, want in CASES:
        got = answer(portable, sql)
        report(f"pair-1.2-portable-alone-{name}", got == want,
               f"expected {want!r}, got {got!r}")

    system = connect(SYSTEM)
    icu = mapped("libicuuc")
    report("pair-2.1-system-icu-now-in-the-process", len(icu) > 0,
           ", ".join(icu) or "no libicuuc mapped")
    for name, sql, want in CASES:
        got_p, got_s = answer(portable, sql), answer(system, sql)
        report(f"pair-2.2-both-same-answer-{name}", got_p == got_s == want,
               f"expected {want!r}, portable {got_p!r}, system {got_s!r}")

    # The locales are the main bundles named in the portable build's data
    # (icudt72l/de_CH.res ...); root is ''.
    with open(PORTABLE, "rb") as f:
        names = re.findall(rb"icudt[0-9]+l/([a-z]{2,3}(?:_[A-Za-z0-9]+)*)\.res\0",
                           f.read())
    locales = sorted({n.decode() for n in names})
    differ = []
    for loc in locales:
        for cur in ("EUR", "USD", "JPY"):
            sql = (f"SELECT money_format('-1234567.5', '{cur}', '{loc}'), "
                   f"money_parse(money_format('-1234567.5', '{cur}', '{loc}'), "
                   f"'{cur}', '{loc}')")
            got_p, got_s = answer(portable, sql), answer(system, sql)
            if got_p != got_s:
                differ.append(f"{loc} {cur}: portable {got_p!r}, system {got_s!r}")
    report("pair-3.1-every-locale-formats-and-parses-alike",
           len(locales) > 500 and not differ,
           f"{len(locales)} locales x 3 currencies" if not differ
           else f"{len(differ)} differ, first: {differ[0]}")
    portable.close()
    system.close()
except Exception as e:  # one line, not a traceback: run_checks counts lines
    report("pair-9-unexpected-error", False, f"{type(e).__name__}: {e}")
sys.exit(1 if failed else 0)
