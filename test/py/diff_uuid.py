"""diff_uuid.py BUILD - richcheck's uuid functions against Python's uuid
module, on generated values.

Run by test/uuid_diff.test.  Python's uuid.UUID is lenient: it strips
"urn:", "uuid:", braces and every hyphen wherever they are, and its int(x,
16) takes underscores, a sign, surrounding spaces and non-ASCII digits
(U+0661 ARABIC-INDIC DIGIT ONE).  So the oracle here is uuid.UUID behind
explicit checks of the form, written from RFC 9562 and ext/uuid.h's option
list, independently of ext/uuid.c:

  - TEXT that is not strict UTF-8, or has a NUL, and is not a UUID:
    RICHCHECK_ENCODING (Python's own strict UTF-8 decoder says);
  - the hyphenated form [0-9a-fA-F]{8}-{4}-{4}-{4}-{12} (ASCII ranges, never
    str.isdigit), plus "{...}" (braces), "urn:uuid:..." in any ASCII case
    (urn), 32 hex digits (compact), each only under its option; lower /
    upper refuse hex letters of the other case; anything else:
    RICHCHECK_INVALID_TEXT;
  - a BLOB: RICHCHECK_ENCODING without the option blob, else 16 bytes
    (uuid.UUID(bytes=...)) or RICHCHECK_INVALID_TEXT;
  - then on uuid.UUID(core): u.variant must be uuid.RFC_4122 and the
    version nibble (u.int >> 76 & 15) the declared one, or 1..8; the nil
    (u.int == 0) and max (2**128 - 1) pass only under nil / max; else
    RICHCHECK_UUID.

For each value and options text it predicts the outcome; the extension
must give exactly that through uuid_valid, uuid_check (the extended code),
uuid_error (NULL exactly when valid; a RICHCHECK_UUID message names the
version or variant digit the oracle computed) and uuid_canon (str(u)).

Prints one "PASS name (detail)" or "FAIL name: detail" line per check.
"""

import os
import random
import re
import sqlite3
import sys
import uuid

INVALID_TEXT, ENCODING, UUID_CODE = 26130, 26386, 27155
MIN_CASES = 10000
SEED = 9562

HEX = "[0-9a-fA-F]"
HYPHENATED = re.compile("%s{8}-%s{4}-%s{4}-%s{4}-%s{12}" % ((HEX,) * 5))
COMPACT = re.compile("%s{32}" % HEX)
results = []


def report(name, ok, detail=""):
    results.append(ok)
    if ok:
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""))
    else:
        print("FAIL %s: %s" % (name, detail))


# --- the oracle ------------------------------------------------------------

def parse_options(opts):
    """(version or 0, set of words) of an options text or INTEGER."""
    if opts is None:
        return 0, set()
    if isinstance(opts, int):
        return opts, set()
    words = [w for w in re.split(r"[,\s]+", opts) if w]
    version, flags = 0, set()
    for w in words:
        if w.isdigit():
            version = int(w)
        elif w.lower() != "any":
            flags.add(w.lower())
    return version, flags


def judge(u, version, flags):
    """('ok', canonical) or ('err', RICHCHECK_UUID, what, nibble)."""
    if u.variant == uuid.RFC_4122:
        nibble = (u.int >> 76) & 15
        if (version and nibble == version) or (not version and
                                               1 <= nibble <= 8):
            return ("ok", str(u))
        return ("err", UUID_CODE, "version", nibble)
    if u.int == 0:
        return ("ok", str(u)) if "nil" in flags else \
            ("err", UUID_CODE, "nil", 0)
    if u.int == 2**128 - 1:
        return ("ok", str(u)) if "max" in flags else \
            ("err", UUID_CODE, "max", 15)
    return ("err", UUID_CODE, "variant", (u.int >> 60) & 15)


def core_of(text, flags):
    """The hyphenated or compact core of an accepted form, or None."""
    if HYPHENATED.fullmatch(text):
        return text
    if "braces" in flags and text[:1] == "{" and text[-1:] == "}" and \
            HYPHENATED.fullmatch(text[1:-1]):
        return text[1:-1]
    if "urn" in flags and text[:9].isascii() and \
            text[:9].lower() == "urn:uuid:" and HYPHENATED.fullmatch(text[9:]):
        return text[9:]
    if "compact" in flags and COMPACT.fullmatch(text):
        return text
    return None


def expect(kind, value, opts):
    version, flags = parse_options(opts)
    if kind == "blob":
        if "blob" not in flags:
            return ("err", ENCODING)
        if len(value) != 16:
            return ("err", INVALID_TEXT)
        return judge(uuid.UUID(bytes=value), version, flags)
    if kind == "raw":  # bytes bound as TEXT
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            return ("err", ENCODING)
    else:
        text = value
    core = core_of(text, flags)
    if core is None or ("lower" in flags and re.search("[A-F]", core)) or \
            ("upper" in flags and re.search("[a-f]", core)):
        return ("err", ENCODING) if "\0" in text else ("err", INVALID_TEXT)
    return judge(uuid.UUID(core), version, flags)


def python_accepts(kind, value):
    """Whether uuid.UUID alone takes the value (to show its leniency)."""
    try:
        if kind == "blob":
            uuid.UUID(bytes=value)
        else:
            uuid.UUID(value if kind == "text" else value.decode("utf-8"))
        return True
    except (ValueError, TypeError, UnicodeDecodeError):
        return False


# --- the generator ------------------------------------------------------------

def make_uuid(rng, version=None, variant=None):
    """A UUID with the given version and variant nibbles (random else)."""
    r = rng.getrandbits(128)
    if version is None:
        version = rng.choice([1, 2, 3, 4, 5, 6, 7, 8])
    if variant is None:
        variant = rng.choice([8, 9, 10, 11])
    r = (r & ~(15 << 76)) | (version << 76)
    r = (r & ~(15 << 60)) | (variant << 60)
    return uuid.UUID(int=r)


def python_made(rng):
    """A UUID from Python's own generators, version 1, 3, 4 or 5."""
    pick = rng.randrange(4)
    name = "n%d" % rng.getrandbits(32)
    if pick == 0:
        return uuid.uuid1(node=rng.getrandbits(48),
                          clock_seq=rng.getrandbits(14))
    if pick == 1:
        return uuid.uuid3(uuid.NAMESPACE_DNS, name)
    if pick == 2:
        return uuid.UUID(int=rng.getrandbits(128), version=4)
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def cased(rng, s):
    pick = rng.randrange(4)
    if pick == 0:
        return s.lower()
    if pick == 1:
        return s.upper()
    if pick == 2:
        return "".join(c.upper() if rng.random() < .5 else c for c in s)
    return s


NON_HEX_ASCII = "gGzZ_+ .:;/\\xX{}[]'\"!@#$%^&*()=~`?|-\t\n\r\x00\x7f"
NON_ASCII = ["\u00e9", "\uff10", "\uff41", "\u0661", "\u0966", "\U0001f600",
             "\u200b", "\u00a0", "\u2010", "\u2212", "\u212a", "\u0130"]
URN_PREFIXES = ["urn:uuid:", "URN:UUID:", "Urn:Uuid:", "urn:", "uuid:",
                "urn:uuid", "urn:uuid::", "urn-uuid:", "urn:\u0130d:"]


def mutate(rng, s):
    """One mutation of the text s; (name, text)."""
    if len(s) < 3:
        return "extra-char", s + rng.choice("0a- ")
    pick = rng.randrange(16)
    i = rng.randrange(len(s))
    if pick == 0:
        return "wrong-hex-digit", s[:i] + rng.choice("0123456789abcdefABCDEF") \
            + s[i + 1:]
    if pick == 1:
        return "non-hex-ascii", s[:i] + rng.choice(NON_HEX_ASCII) + s[i + 1:]
    if pick == 2:
        j = s.find("-", i)
        return "hyphen-removed", (s[:j] + s[j + 1:]) if j >= 0 else s[1:]
    if pick == 3:
        t = s.replace("-", "")
        j = rng.randrange(1, len(t))
        return "hyphen-moved", t[:j] + "-" + t[j:]
    if pick == 4:
        return "case-changed", cased(rng, s)
    if pick == 5:
        return "braces", rng.choice(["{%s}", "{%s", "%s}", "{{%s}}",
                                     "(%s)", "[%s]"]) % s
    if pick == 6:
        return "urn-prefix", rng.choice(URN_PREFIXES) + s
    if pick == 7:
        return "truncated", s[:rng.randrange(len(s))]
    if pick == 8:
        return "extra-char", s[:i] + rng.choice("0123456789abcdef- ") + s[i:]
    if pick == 9:
        return "surrounding", rng.choice([" %s", "%s ", "\t%s", "%s\n",
                                          "%s\x00", "\x00%s"]) % s
    if pick == 10:
        return "non-ascii", s[:i] + rng.choice(NON_ASCII) + s[i + 1:]
    if pick == 11:
        return "non-ascii-added", s[:i] + rng.choice(NON_ASCII) + s[i:]
    if pick == 12:
        j = rng.randrange(1, len(s))
        return "underscore", s[:j] + "_" + s[j + 1:]
    if pick == 13:
        return "sign", rng.choice("+-") + s[1:]
    if pick == 14:
        return "compact", s.replace("-", "")
    return "doubled", s + s


def gen_options(rng):
    """An options argument: None, an INTEGER version or a text of words."""
    pick = rng.randrange(10)
    if pick == 0:
        return None
    if pick == 1:
        return rng.randint(1, 8)
    words = []
    if rng.random() < .5:
        words.append(str(rng.randint(1, 8)))
    elif rng.random() < .2:
        words.append(rng.choice(["any", "ANY", "Any"]))
    for w in ("nil", "max", "braces", "urn", "compact", "blob"):
        if rng.random() < .25:
            words.append(rng.choice([w, w.upper()]))
    if rng.random() < .3:
        words.append(rng.choice(["lower", "upper"]))
    rng.shuffle(words)
    text = ""
    for k, w in enumerate(words):
        text += (rng.choice([", ", ",", " ", " , "]) if k else "") + w
    return text


def gen_case(rng):
    """(kind, value, options, mutation name)."""
    opts = gen_options(rng)
    r = rng.random()
    if r < .08:
        u = python_made(rng)
    elif r < .12:
        u = rng.choice([uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)])
    elif r < .25:
        u = make_uuid(rng, rng.randrange(16), rng.randrange(16))
    else:
        u = make_uuid(rng)
    pick = rng.random()
    if pick < .06:
        b = u.bytes
        if rng.random() < .25:
            b = b[:rng.randrange(16)] if rng.random() < .5 else \
                b + bytes([rng.randrange(256)])
        return "blob", b, opts, "blob"
    if pick < .09:
        s = cased(rng, str(u)).encode("utf-8")
        j = rng.randrange(len(s))
        bad = rng.choice([b"\xff", b"\xc3", b"\xc3\x28", b"\xed\xa0\x80",
                          b"\xc0\xaf", b"\x00", b"\xf4\x90\x80\x80"])
        return "raw", s[:j] + bad + s[j + 1:], opts, "bad-utf8"
    if pick < .12:
        return "raw", cased(rng, str(u)).encode("utf-8"), opts, "text-as-bytes"
    s = cased(rng, str(u))
    form = rng.random()
    if form < .1:
        s = "{%s}" % s
    elif form < .2:
        s = rng.choice(URN_PREFIXES[:3]) + s
    elif form < .3:
        s = s.replace("-", "")
    if rng.random() < .45:
        name, s = mutate(rng, s)
        if rng.random() < .2:
            name2, s = mutate(rng, s)
            name += "+" + name2
        return "text", s, opts, name
    return "text", s, opts, "clean"


# --- the extension ---------------------------------------------------------------

def observe(db, kind, value, opts):
    """('ok', canon) or ('err', code, message), and uuid_valid's answer."""
    x = "CAST(?1 AS TEXT)" if kind == "raw" else "?1"
    valid, msg = db.execute("SELECT uuid_valid(%s, ?2), uuid_error(%s, ?2)"
                            % (x, x), (value, opts)).fetchone()
    try:
        check = db.execute("SELECT uuid_check(%s, ?2)" % x,
                           (value, opts)).fetchone()[0]
        canon = db.execute("SELECT uuid_canon(%s, ?2)" % x,
                           (value, opts)).fetchone()[0]
        got = ("ok", canon) if check == 1 else ("bad-check", check)
    except sqlite3.Error as e:
        got = ("err", getattr(e, "sqlite_errorcode", None), str(e))
    return got, valid, msg


DIGIT = re.compile(r"(?:is version (\d+)|17th hex digit ([0-9a-f]))")


def message_names(want, msg):
    """Whether a RICHCHECK_UUID message names what the oracle found."""
    what, nibble = want[2], want[3]
    if what == "nil":
        return "is the nil UUID" in msg
    if what == "max":
        return "is the max UUID" in msg
    m = DIGIT.search(msg)
    if not m:
        return False
    if what == "version":
        return m.group(1) is not None and int(m.group(1)) == nibble
    return m.group(2) is not None and int(m.group(2), 16) == nibble


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
    rng = random.Random(SEED)
    cases = [gen_case(rng) for _ in range(30000)]
    # Every version and variant nibble, in every case, once each clean.
    for ver in range(16):
        for var in range(16):
            u = make_uuid(rng, ver, var)
            for opts in (None, str(max(ver, 1)) if ver <= 8 else "4"):
                cases.append(("text", str(u), opts, "every-nibble"))
    report("corpus-size", len(cases) >= MIN_CASES, "%d values" % len(cases))

    outcome, mutations, versions_ok = {}, {}, set()
    bad_verdict, bad_canon, bad_valid, bad_msg = [], [], [], []
    n_lenient = 0
    for kind, value, opts, name in cases:
        want = expect(kind, value, opts)
        got, valid, msg = observe(db, kind, value, opts)
        if want[0] == "ok":
            key = "ok"
        elif want[1] == UUID_CODE:
            key = "UUID/" + want[2]
        else:
            key = "INVALID_TEXT" if want[1] == INVALID_TEXT else "ENCODING"
        outcome[key] = outcome.get(key, 0) + 1
        for part in name.split("+"):
            mutations.setdefault(part, set()).add(want[0])
        if want[0] == "err" and python_accepts(kind, value):
            n_lenient += 1
        shown = "%s %r %r" % (kind, value, opts)
        if want[0] == "ok":
            if got[0] != "ok":
                bad_verdict.append("%s: expected ok, got %r" % (shown, got))
            elif got[1] != want[1]:
                bad_canon.append("%s: expected %s, got %s" % (shown, want[1],
                                                               got[1]))
            elif uuid.UUID(want[1]).variant == uuid.RFC_4122:
                versions_ok.add((uuid.UUID(want[1]).int >> 76) & 15)
        elif got[0] != "err" or got[1] != want[1]:
            bad_verdict.append("%s: expected code %d, got %r" % (
                shown, want[1], got))
        elif want[1] == UUID_CODE and not message_names(want, msg or ""):
            bad_msg.append("%s: %r does not name %s %s" % (shown, msg,
                                                           want[2], want[3]))
        if valid != (want[0] == "ok") or (msg is None) != (want[0] == "ok") \
                or (got[0] == "err" and msg != got[2]):
            bad_valid.append("%s: valid %r, error %r, check %r" % (
                shown, valid, msg, got))

    def verdict(name, bad, n, what):
        report(name, not bad, "%d %s" % (n, what) if not bad else
               "%d of %d differ, e.g. %s" % (len(bad), n, "; ".join(bad[:3])))

    verdict("verdicts-agree-with-python-uuid", bad_verdict, len(cases),
            "values: valid or the exact code")
    verdict("canon-agrees-with-str-of-uuid", bad_canon, outcome.get("ok", 0),
            "valid values")
    verdict("messages-name-the-version-or-variant", bad_msg,
            sum(n for k, n in outcome.items() if k.startswith("UUID/")),
            "RICHCHECK_UUID messages")
    verdict("valid-error-check-agree", bad_valid, len(cases),
            "values: uuid_valid, uuid_error and uuid_check say the same")
    want_outcomes = {"ok", "INVALID_TEXT", "ENCODING", "UUID/version",
                     "UUID/variant", "UUID/nil", "UUID/max"}
    report("every-outcome-covered", want_outcomes <= set(outcome),
           ", ".join("%s %d" % kv for kv in sorted(outcome.items())))
    report("every-version-accepted", versions_ok == set(range(1, 9)),
           "versions %s" % sorted(versions_ok))
    report("every-mutation-tried", len(mutations) >= 20 and all(
        "err" in v for k, v in mutations.items() if k not in
        ("clean", "case-changed", "text-as-bytes", "every-nibble")),
        ", ".join(sorted(mutations)))
    # Why uuid.UUID is not the oracle by itself.
    report("python-uuid-alone-is-lenient", n_lenient > 100,
           "%d refused values that uuid.UUID alone takes" % n_lenient)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
