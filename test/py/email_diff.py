"""email_diff.py BUILD [--dump FILE] [--corpus-only] - richcheck's email
functions against Debian's python3-email-validator 1.3.0, on a fixed corpus.

Run by test/email_diff.test with Debian's /usr/bin/python3 (3.11, whose
unicodedata is Unicode 14.0), which has python3-email-validator 1.3.0 and
python3-idna 3.3 in /usr/lib/python3/dist-packages.

What it checks.  For every address x of the corpus, richcheck's
email_valid(x) against 1.3.0's validate_email(x, check_deliverability=False)
(1.3.0 has no strict option and always applies the 64-character local-part
limit, as 2.x does with strict=True), and for valid ones email_normalize(x)
against 1.3.0's .email (2.x calls it .normalized).

Our spec is 2.x (README "Email functions"), not 1.3.0.  Where the two differ
(notes/email-validator-2x.md section 10), 2.x wins: KNOWN_DIFFERENCES below
names each difference and says what 2.x answers there; such a case must give
2.x's answer and is counted under that name, in a line of its own.  Every
other case must agree with 1.3.0 exactly.  The same rules turn 1.3.0's
answers for the 270 vectors of the notes (test/py/email_corpus.txt) into the
notes' documented 2.x answers: the check model-matches-notes-2x-column.

The corpus (at least MIN_CORPUS distinct addresses; deterministic: a fixed
seed and no hash-ordered iteration):
  notes          the notes' section 13 vectors
  ascii          valid-looking ASCII addresses
  ascii-mutated  those with 1-3 characters inserted, replaced, doubled or
                 deleted, drawn from PALETTE (every class of characters some
                 rule is about)
  intl-local     Unicode local parts (NFC and NFD), most of them mutated;
                 every palette character in a local part
  idn-domain     IDN domains, most of them mutated; every palette character
                 in a domain
  lengths        both sides of every limit: local 64 (code points, before
                 and after NFC), label 63 (A-label form), domain 253, address
                 254 (as written, normalized, with the A-label domain)
  xn-labels      A-labels: valid, upper case, Punycode of labels IDNA2008
                 refuses, every one-character edit of some
  hyphens        '--' in positions 3-4 and hyphens at label ends, with
                 prefixes that UTS #46 mapping or NFC shorten or lengthen
  codepoints     one code point in a domain label and in a local part, for
                 (nearly) every code point assigned in Unicode 14
  bidi-context   short labels of every Bidi class and CONTEXTO/CONTEXTJ case
  special-use    special-use names and TLD shapes
  structure      @ count, quotes, angle brackets, literals, whitespace, empty
                 parts, lone surrogates
  renormalized   the expected normalized form of every valid address whose
                 form changes, fed back in

Output: one line per check, and no other output:
    PASS name (detail)
    FAIL name: detail
Exits 1 when a check failed.  --dump FILE writes every case as JSON lines
(for debugging a failure); --corpus-only stops before richcheck and prints
the corpus counts (for working on the corpus or the rules).
"""
import itertools
import json
import os
import random
import sqlite3
import sys
import unicodedata

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
DUMP = sys.argv[sys.argv.index("--dump") + 1] if "--dump" in sys.argv else None
CORPUS_ONLY = "--corpus-only" in sys.argv
RICHCHECK_SO = os.path.join(BUILD, "richcheck.so")
HERE = os.path.dirname(os.path.abspath(__file__))
NOTES_CORPUS = os.path.join(HERE, "email_corpus.txt")

SEED = 20250404
MIN_CORPUS = 5000
MAX_EXAMPLES = 10

# ---------------------------------------------------------------- reporting

seen = set()
n_failed = 0


def report(name, ok, detail=""):
    """Prints the PASS or FAIL line of one check: the detail follows a PASS
    in parentheses, a FAIL after a colon.  Always one line."""
    global n_failed
    if name in seen:
        ok, detail = False, "duplicate check name"
    seen.add(name)
    detail = detail.replace("\n", "\\n")
    if ok:
        print(f"PASS {name}" + (f" ({detail})" if detail else ""))
    else:
        n_failed += 1
        print(f"FAIL {name}: {detail}")
    sys.stdout.flush()


def show(s):
    """An address for a message: ASCII-escaped, long ones cut in the middle."""
    if s is None:
        return "NULL"
    if len(s) <= 72:
        return ascii(s)
    n = len(s.encode("utf-8", "surrogatepass"))
    return f"{ascii(s[:28])}...[{len(s)} chars, {n} bytes]...{ascii(s[-20:])}"


def utf8_len(s):
    return len(s.encode("utf-8", "surrogatepass"))


# ------------------------------------------------------------- the oracle

ORACLE_PROBLEM = None
try:
    import importlib.metadata

    import email_validator
    import idna
    from email_validator import EmailNotValidError, validate_email

    versions = (importlib.metadata.version("email_validator"), importlib.metadata.version("idna"))
    if not email_validator.__file__.startswith("/usr/lib/python3/dist-packages/") or \
            not idna.__file__.startswith("/usr/lib/python3/dist-packages/"):
        ORACLE_PROBLEM = f"not Debian's packages: {email_validator.__file__}, {idna.__file__}"
    elif versions != ("1.3.0", "3.3"):
        ORACLE_PROBLEM = f"email_validator {versions[0]} and idna {versions[1]}, not 1.3.0 and 3.3"
    elif unicodedata.unidata_version != "14.0.0":
        ORACLE_PROBLEM = f"unicodedata is Unicode {unicodedata.unidata_version}, not 14.0.0 (Python 3.11)"
except Exception as e:  # ImportError, or a broken installation
    ORACLE_PROBLEM = f"{type(e).__name__}: {e}"


class Result:
    """A verdict: valid with its normalized form, or invalid with a reason."""

    __slots__ = ("valid", "norm", "why", "ve")

    def __init__(self, valid, norm=None, why="", ve=None):
        self.valid, self.norm, self.why, self.ve = valid, norm, why, ve

    def key(self):
        return (self.valid, self.norm if self.valid else None)

    def __str__(self):
        if self.valid is None:
            return f"crashed ({self.why})"
        return f"valid {show(self.norm)}" if self.valid else f"invalid ({self.why})"


def oracle(addr):
    """Debian 1.3.0: validate_email(addr, check_deliverability=False)."""
    try:
        r = validate_email(addr, check_deliverability=False)
    except EmailNotValidError as e:
        return Result(False, why=str(e))
    except Exception as e:  # reported by the check oracle-no-crash
        return Result(None, why=f"{type(e).__name__}: {e}")
    return Result(True, r.email, ve=r)


# ------------------------------------------------- known 1.3.0 / 2.x differences
#
# Each rule says where python-email-validator 2.x (strict=True,
# check_deliverability=False; the notes' section 13 reference: 2.3 with
# Python 3.11 and idna 3.13) answers differently from Debian's 1.3.0, and
# what 2.x answers there.  They are applied in this order to 1.3.0's answer;
# a case is counted under the first rule that changed the answer, and only
# when the final answer differs from 1.3.0's.

KNOWN_DIFFERENCES = [
    ("idna-tables",
     "Debian's idna 3.3 has Unicode 14 UTS #46 tables; 2.x with a current idna "
     "(3.13, Unicode 17) maps or ignores these code points in a domain instead: "
     "U+1E9E maps to U+00DF (3.3: 'ss'), U+115F U+1160 U+17B4 U+17B5 U+3164 "
     "U+FFA0 are ignored (3.3: disallowed), U+04C0 U+10A0-10C5 U+2132 U+2183 "
     "and five CJK compatibility ideographs map to lower case or their "
     "canonical form (3.3: disallowed)"),
    ("domain-unsafe-chars",
     "2.x refuses a space, separator, control, format, surrogate, private-use "
     "or unassigned code point anywhere in the domain as written, and a "
     "combining mark first (check_unsafe_chars); 1.3.0 lets UTS #46 silently "
     "drop the ignored ones (soft hyphen, ZWSP, U+2060, a leading variation "
     "selector) and keeps ZWJ/ZWNJ"),
    ("domain-unsafe-after-decoding",
     "2.x checks the Unicode form of the domain (xn-- labels decoded) for unsafe "
     "characters again; an A-label that decodes to a label with ZWJ or ZWNJ "
     "allowed by CONTEXTJ (Sinhala, Persian) passes 1.3.0 (notes section 5n says "
     "this re-check has no known trigger: this is one)"),
    ("local-after-nfc",
     "2.x validates the local part again after NFC (grammar, safety, 64 code "
     "points) and checks safety before NFC too; 1.3.0 does neither (U+037E "
     "becomes ';', U+FB2C grows from 1 to 3 code points)"),
    ("address-length",
     "2.x limits the address to 254 octets as written and as local part + @ + "
     "A-label domain too; 1.3.0 checks only the normalized form and, for an "
     "ASCII local part, the ASCII form"),
    ("rfc2142-lowercase",
     "2.x lowercases an ASCII local part that is an RFC 2142 role name "
     "(postmaster, abuse, info, ...); 1.3.0 keeps its case"),
]
KNOWN_SLUGS = [slug for slug, _ in KNOWN_DIFFERENCES]

# Where richcheck answers differently from 2.x on purpose (README, "How the
# default compares"): what it answers instead is computed, and checked.
DELIBERATE_DIFFERENCES = [
    ("unicode-version",
     "richcheck maps domains with the UTS #46 tables of the ICU it runs with "
     "(Debian 12: ICU 72, Unicode 15.0); 2.x with idna 3.13 has Unicode 17 "
     "tables (U+1E9E, Hangul fillers, Georgian capitals, ...): richcheck gives "
     "the answer 2.x gives with Unicode 15 tables"),
    ("invisible-dropped",
     "richcheck refuses a character of the domain that UTS #46 ignores "
     "(variation selectors, U+034F, fillers: the issue's 'invisible characters "
     "in the domain are refused, not silently dropped'); 2.x drops it when it "
     "is not first"),
    ("noncanonical-a-label",
     "richcheck refuses an xn-- label whose Punycode does not re-encode to "
     "itself (RFC 5891 5.4, as ICU does); 2.x decodes it leniently"),
]


def drops_invisible(addr):
    """True when the domain holds a non-ASCII code point that UTS #46 maps to
    nothing."""
    import idna
    domain = addr.rsplit("@", 1)[-1]
    for ch in domain:
        if ord(ch) >= 0x80:
            try:
                if idna.uts46_remap(ch, std3_rules=False, transitional=False) == "":
                    return True
            except Exception:
                continue
    return False


def noncanonical_a_label(addr):
    """True when the domain has an xn-- label that is not the canonical
    Punycode of what it decodes to."""
    domain = addr.rsplit("@", 1)[-1].lower()
    for label in domain.split("."):
        if label.startswith("xn--") and label.isascii():
            try:
                u = label[4:].encode("ascii").decode("punycode")
                if u.encode("punycode").decode("ascii") != label[4:]:
                    return True
            except Exception:
                continue
    return False

# idna-tables: the code points whose UTS #46 treatment differs between
# idna 3.3 and idna 3.13 (uts46data.py, status 'disallowed_STD3_*' read with
# std3_rules=False), restricted to code points assigned in Unicode 14, minus
# the format characters (Cf), which 2.x refuses as unsafe whatever the table
# says, and U+1806, which IDNA2008 refuses in both.  Value: what idna 3.13
# turns the code point into ('' = ignored).  The IDNA2008 code point classes
# (idnadata.py) of all assigned code points are the same in both versions.
IDNA313_REMAP = {0x04C0: "\u04cf", 0x115F: "", 0x1160: "", 0x17B4: "", 0x17B5: "",
                 0x1E9E: "\u00df", 0x2132: "\u214e", 0x2183: "\u2184", 0x3164: "",
                 0xFFA0: "", 0x2F868: "\u36fc", 0x2F874: "\u5f53",
                 0x2F91F: "\U000243ab", 0x2F95F: "\u7aee", 0x2F9BF: "\u45d7"}
IDNA313_REMAP.update({cp: chr(cp + 0x1C60) for cp in range(0x10A0, 0x10C6)})

ATEXT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                  "!#$%&'*+-/=?^_`{|}~")
RFC2142 = ("info", "marketing", "sales", "support", "abuse", "noc", "security",
           "postmaster", "hostmaster", "usenet", "news", "webmaster", "www",
           "uucp", "ftp")


def safe_2x(s):
    """2.x check_unsafe_chars (spaces not allowed): letters, numbers,
    punctuation and symbols; marks except first."""
    for i, c in enumerate(s):
        cat = unicodedata.category(c)[0]
        if cat in "LNPS" or (cat == "M" and i > 0):
            continue
        return False
    return True


def local_ok_2x(s):
    """One pass of 2.x's local-part validation (strict, unquoted)."""
    if not s or len(s) > 64 or "" in s.split("."):
        return False
    if any(c != "." and c not in ATEXT and ord(c) < 0x80 for c in s):
        return False
    return s.isascii() or safe_2x(s)


def expect_2x(addr, o13, remap=True):
    """What 2.x answers for addr, from 1.3.0's answer o13 and the rules
    above: (Result, slug of the known difference or None).  remap=False
    answers as 2.x would with Unicode 15 UTS #46 tables, ICU 72's."""
    exp, applied = o13, []
    parts = addr.split("@")
    if len(parts) != 2 or o13.valid is None:
        return o13, None  # 1.3.0 and 2.x both refuse anything but one @
    local, domain = parts

    pre = local + "@" + "".join(IDNA313_REMAP.get(ord(c), c) for c in domain)
    if remap and pre != addr:
        r = oracle(pre)
        if r.key() != exp.key():
            exp = r
            applied.append("idna-tables")

    if exp.valid:
        ve = exp.ve
        nfc = unicodedata.normalize("NFC", local)
        rule = None
        if not safe_2x(domain):
            rule, why = "domain-unsafe-chars", "2.x: unsafe character in the domain"
        elif not safe_2x(ve.domain):
            rule, why = "domain-unsafe-after-decoding", "2.x: unsafe character in the decoded domain"
        elif not local.isascii() and (not safe_2x(local) or (nfc != local and not local_ok_2x(nfc))):
            rule, why = "local-after-nfc", "2.x: local part invalid after NFC"
        elif utf8_len(addr) > 254 or utf8_len(ve.local_part + "@" + ve.ascii_domain) > 254:
            rule, why = "address-length", "2.x: more than 254 octets"
        if rule:
            exp = Result(False, why=why)
            applied.append(rule)
        elif ve.ascii_local_part is not None and ve.local_part.lower() in RFC2142 \
                and ve.local_part != ve.local_part.lower():
            exp = Result(True, ve.local_part.lower() + "@" + ve.domain, ve=ve)
            applied.append("rfc2142-lowercase")

    if exp.key() == o13.key():
        return exp, None
    return exp, applied[0]


# ---------------------------------------------------------------- the corpus

# Every class of characters some rule is about.  The mutations draw from it,
# and the check corpus-covers-palette makes sure each class is in the corpus.
PALETTE = {
    "atext-special": list("!#$%&'*+-/=?^_`{|}~"),
    "dot": ["."],
    "at": ["@", "\uff20", "\ufe6b"],
    "quote": ['"'],
    "bracket": list("[]()<>"),
    "other-ascii-special": list(",;:\\"),
    "space": [" ", "\t", "\u00a0", "\u3000", "\u2005"],
    "control": ["\n", "\r", "\x00", "\x01", "\x7f", "\u0085", "\u2028"],
    "hyphen": ["-", "\uff0d"],
    "digit": list("0123456789"),
    "upper": list("AEKZ"),
    "lower": list("aekz"),
    "latin-nonascii": list("\u00e9\u00fc\u00df\u00f1\u00e7\u00f8\u0131\u0130\u00c5\u00d6"),
    "combining": ["\u0301", "\u0308", "\u0323", "\u0307", "\u034f"],
    "invisible": ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff",
                  "\u200e", "\u202e", "\ufe0f", "\ufe00", "\U000e0100"],
    "intl-dot": ["\uff0e", "\u3002", "\uff61"],
    "dot-decomposition": ["\u2024", "\u2025", "\u2488", "\ufe52", "\u33c2", "\U0001f100"],
    "fullwidth": ["\uff21", "\uff42", "\uff11"],
    "hebrew": list("\u05d0\u05d1\u05e9") + ["\u05f3", "\u05f4"],
    "arabic": list("\u0627\u0628\u064a"),
    "arabic-digits": list("\u0661\u0662\u06f1\u06f2"),
    "contexto": ["\u00b7", "l", "\u0375", "\u30fb", "\u30a2", "\u6f22", "\u3042"],
    "greek": list("\u03b1\u03a3\u03c2\u03a9"),
    "cyrillic-cjk-indic": list("\u0436\u042f\u4e2d\u6587\u0930\u093e"),
    "emoji": ["\U0001f600", "\U0001f4a9", "\u2764"],
    "nfc-changers": ["\u037e", "\u1fef", "\u212a", "\u212b", "\u2126", "\ufb2c", "\u0340"],
    "compat-mapped": ["\u2460", "\u2474", "\u00a8", "\ufb01", "\u2122", "\uff0f"],
    "disallowed": ["\ufffc", "\u2ff0", "\ue000", "\ufdef", "\u0378", "\U0010fdef"],
    "idna-tables": ["\u3164", "\uffa0", "\u1e9e", "\u10a0", "\u17b4", "\u2132", "\u115f"],
}
PALETTE_ALL = [c for chars in PALETTE.values() for c in chars]

ASCII_WORDS = ["john", "jane", "doe", "info", "mail", "x", "a1", "test", "user", "sales",
               "o'hara", "first", "last", "bob", "alice", "no-reply", "q", "z9", "dev",
               "Postmaster", "ABUSE", "Mixed", "UPPER", "x_y", "a+b", "tag", "www"]
ASCII_LABELS = ["example", "mail", "sub", "foo-bar", "a1", "x", "mx", "corp", "b",
                "test-example", "localhost1", "g--a", "e--x", "123", "0a", "Example", "MAIL"]
ASCII_TLDS = ["com", "org", "net", "de", "io", "co.uk", "c", "museum", "example", "1co",
              "xn--p1ai", "COM", "info", "tld", "technology"]
INTL_WORDS = ["jos\u00e9", "zo\u00eb", "\u00f1o\u00f1o", "m\u00fcller", "\u044e\u0437\u0435\u0440",
              "\u03b8\u03c3\u03b5\u03c1", "\u4f0a\u662d\u5091", "\u0930\u093e\u092e",
              "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\U0001f600",
              "jeff\u8449", "\u01c6emal", "\u00e5sa", "stra\u00dfe", "\u0130stanbul",
              "\u00c9lodie", "\uff41\uff42\uff43", "\u0131\u015f\u0131k", "k\u00f6\u00f6k"]
IDN_LABELS = ["b\u00fccher", "m\u00fcnchen", "fa\u00df", "\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1",
              "\u0448\u0430\u043b\u043e\u043c", "\u4f8b\u3048", "\u81fa\u7db2\u4e2d\u5fc3",
              "\u05de\u05d1\u05d7\u05df", "\u0645\u062b\u0627\u0644", "B\u00dcCHER", "\u00d6BB",
              "l\u00b7l", "\u0915\u094d\u0937", "\u30c6\u30b9\u30c8\u30fb\u30c6", "\u03c3\u03bf\u03c6\u03af\u03b1",
              "\u0390\u0390", "ma\u00f1ana", "\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25",
              "\u0dc1\u0dca\u200d\u0dbb", "\u0646\u0627\u0645\u0647\u200c\u0627\u06cc"]
IDN_TLDS = ["\u0440\u0444", "\u4e2d\u56fd", "\u53f0\u7063", "\u05e7\u05d5\u05dd",
            "\u30c6\u30b9\u30c8", "\u0645\u0635\u0631", "com", "de", "gr"]
SPECIAL_USE = ["arpa", "invalid", "local", "localhost", "onion", "test"]


def gen_ascii_local(rng):
    if rng.random() < 0.4:
        return ".".join(rng.choice(ASCII_WORDS) for _ in range(rng.randint(1, 3)))
    atoms = []
    for _ in range(rng.randint(1, 3)):
        chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 3 + \
            "!#$%&'*+-/=?^_`{|}~"
        atoms.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 10))))
    return ".".join(atoms)


def gen_ascii_domain(rng):
    labels = [rng.choice(ASCII_LABELS) for _ in range(rng.randint(1, 3))]
    return ".".join(labels + [rng.choice(ASCII_TLDS)])


def gen_intl_local(rng):
    words = [rng.choice(INTL_WORDS + ASCII_WORDS[:6]) for _ in range(rng.randint(1, 3))]
    s = rng.choice([".", "", "-", "_"]).join(words)
    return unicodedata.normalize("NFD", s) if rng.random() < 0.25 else s


def gen_idn_domain(rng):
    labels = [rng.choice(IDN_LABELS + ASCII_LABELS[:6]) for _ in range(rng.randint(1, 2))]
    return ".".join(labels + [rng.choice(IDN_TLDS)])


def mutate(rng, addr, side=None, classes=None):
    """addr with 1-3 edits: insert, replace, double or delete a character,
    at a random place in the side ('local', 'domain' or None: anywhere)."""
    s = addr
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        at = s.find("@")
        lo, hi = 0, len(s)
        if side == "local" and at >= 0:
            hi = at
        elif side == "domain" and at >= 0:
            lo = at + 1
        pos = rng.randint(lo, hi)
        cls = rng.choice(classes or list(PALETTE))
        c = rng.choice(PALETTE[cls])
        op = rng.choice(("insert", "insert", "replace", "replace", "double", "delete"))
        if op == "insert" or pos >= hi:  # (nothing to replace at the end: insert)
            s = s[:pos] + c + s[pos:]
        elif op == "replace":
            s = s[:pos] + c + s[pos + 1:]
        elif op == "double":
            s = s[:pos] + s[pos] + s[pos:]
        else:
            s = s[:pos] + s[pos + 1:]
    return s


def alabel(label):
    """The xn-- form of a label as Debian's idna makes it (input generation
    only), or None."""
    try:
        return idna.encode(label, uts46=True).decode("ascii")
    except Exception:
        return None


def raw_alabel(ulabel):
    """xn-- + the Punycode of ulabel as it is: no mapping, no IDNA checks."""
    return "xn--" + ulabel.encode("punycode").decode("ascii")


def decodes_to_unicode14(label):
    """False when an xn-- label decodes to a code point unassigned in
    Unicode 14: its verdict then depends on the Unicode version of the IDNA
    tables (idna 3.3: 14, ICU 72: 15, idna 3.13: 17), so random corruptions
    that land there are not used."""
    try:
        u = label[4:].encode("ascii").decode("punycode")
    except Exception:
        return True
    return all(unicodedata.category(c) != "Cn" for c in u)


def label_of(n, c="a"):
    return (c * n)[:n]


def domain_of_length(n, tld="com"):
    """An ASCII domain of exactly n characters: 63-character labels then
    the TLD."""
    labels, rest = [], n - len(tld) - 1
    while rest > 0:
        k = min(63, rest - 1) if rest > 64 else rest - 1
        if k <= 0:
            break
        labels.append(label_of(k, "abcdefghij"[len(labels) % 10]))
        rest -= k + 1
    d = ".".join(labels + [tld])
    while len(d) < n:  # rounding: lengthen the first label up to 63
        d = "x" + d if len(d.split(".")[0]) < 63 else d[:len(d) - len(tld)] + "y" + tld
    return d


def build_corpus():
    rng = random.Random(SEED)
    corpus = []  # (category, address)

    def add(cat, addr):
        corpus.append((cat, addr))

    # notes
    notes = []
    with open(NOTES_CORPUS, encoding="ascii") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                addr, verdict, norm, src = json.loads(line)
                notes.append((addr, verdict, norm, src))
                add("notes", addr)

    # ascii, ascii-mutated
    ascii_base = []
    for _ in range(450):
        a = gen_ascii_local(rng) + "@" + gen_ascii_domain(rng)
        ascii_base.append(a)
        add("ascii", a)
    for _ in range(6000):
        add("ascii-mutated", mutate(rng, rng.choice(ascii_base), rng.choice(("local", "domain", None))))

    # intl-local: Unicode local parts, most of them mutated on the local side
    for _ in range(500):
        add("intl-local", gen_intl_local(rng) + "@" + gen_ascii_domain(rng))
    for _ in range(4000):
        a = gen_intl_local(rng) + "@" + rng.choice(["example.com", "example.org", gen_ascii_domain(rng)])
        add("intl-local", mutate(rng, a, "local"))

    # idn-domain: IDN domains, most of them mutated on the domain side
    for _ in range(450):
        add("idn-domain", rng.choice(ASCII_WORDS[:8] + INTL_WORDS[:4]) + "@" + gen_idn_domain(rng))
    for _ in range(8000):
        a = rng.choice(ASCII_WORDS[:8]) + "@" + gen_idn_domain(rng)
        add("idn-domain", mutate(rng, a, "domain"))
    for c in PALETTE_ALL:  # every palette character inside, first in, and ending a domain
        add("idn-domain", f"a@ex{c}ample.com")
        add("idn-domain", f"a@{c}example.com")
        add("idn-domain", f"a@example.{c}com")
        add("idn-domain", f"a@b\u00fccher{c}.de")
        add("intl-local", f"a{c}b@example.com")
        add("intl-local", f"{c}ab@example.com")
        add("intl-local", f"ab{c}@example.com")

    # lengths
    for n in range(60, 68):
        for unit in ("a", "\u00e9", "\U0001f600", "\u4e2d", "\uff41"):
            add("lengths", unit * n + "@example.com")
        add("lengths", "e\u0301" * (n // 2) + "a" * (n % 2) + "@example.com")   # NFC: shorter
        add("lengths", "\ufb2c" + "a" * (n - 1) + "@example.com")              # NFC: +2
        add("lengths", "\ufb2c" * 2 + "a" * (n - 2) + "@example.com")          # NFC: +4
        add("lengths", "\u037e" + "a" * (n - 1) + "@example.com")
        add("lengths", "a" * (n - 3) + ".bc@example.com")
    for n in range(60, 67):  # label 63: ASCII, and A-label forms
        add("lengths", "a@" + label_of(n) + ".com")
        add("lengths", "a@x." + label_of(n, "b") + ".com")
        add("lengths", "a@" + label_of(n, "C") + ".com")
        add("lengths", "a@" + label_of(n, "\uff41") + ".com")  # fullwidth: 63 after mapping
    for n in range(50, 62):
        for first in ("\u00e4", "\u4e2d", "\u05d0", "\U0001f600"):
            add("lengths", "a@" + first + "a" * n + ".com")
        add("lengths", "a@" + "\u00e4" * (n // 5) + ".com")
        add("lengths", "a@sub." + "\u00fc" + "b" * n)
    for n in range(248, 257):  # domain and address lengths, ASCII
        for local in ("a", "ab", "a" * 64, "a" * 20):
            d = domain_of_length(n - 1 - len(local))
            add("lengths", local + "@" + d)
        add("lengths", "a@" + domain_of_length(n))
        add("lengths", "\u00e9@" + domain_of_length(n - 3))       # 2-byte local
        add("lengths", "\u00e9" * 10 + "@" + domain_of_length(n - 21))
        add("lengths", "e\u0301" * 10 + "@" + domain_of_length(n - 31))  # raw 3 bytes, NFC 2
        add("lengths", "a" * 10 + "@" + domain_of_length(n - 11).replace(".", "\u3002", 1))
        add("lengths", "a" * 60 + "@" + domain_of_length(n - 61).upper())
        # a Unicode domain: the A-label form is longer than the UTF-8 form
        d = domain_of_length(n - 2 - 2)
        add("lengths", "a@\u00e4" + d[1:])
        add("lengths", "\u03bb@\u00e4" + d[2:])
        add("lengths", "\u03bb" * 4 + "@" + "\u00e4" * 3 + d[3 + 8:])
        # fullwidth letters: 3 bytes as written, 1 once mapped
        fw = "".join(chr(ord(c) - 0x61 + 0xFF41) for c in "example")
        add("lengths", "a" * 64 + "@" + fw + "." + domain_of_length(n - 64 - 1 - 8))
    for _ in range(400):  # random local/domain splits around 254 bytes
        lunit = rng.choice(["a", "\u00e9", "e\u0301", "\u4e2d", "\U0001f600", "a.b"])
        local = (lunit * 64)[:rng.randint(1, 64)]
        local = local.strip(".") or "a"
        target = rng.randint(250, 258) - utf8_len(local) - 1
        dom = domain_of_length(max(target, 5), rng.choice(["com", "de", "technology"]))
        if rng.random() < 0.3:
            dom = rng.choice(["\u00fc", "\u4e2d", "\u0436"]) + dom[1:]
        add("lengths", local + "@" + dom)

    # xn-labels
    idn_words = IDN_LABELS + INTL_WORDS + ["\u00e4" + "a" * 55, "\u03b1\u03b2", "\u0436\u0436",
                                           "\u0645\u0635\u0631"]
    good = [a for a in (alabel(w) for w in idn_words) if a and a.startswith("xn--")]
    for a in good:
        add("xn-labels", f"a@{a}.com")
        add("xn-labels", f"a@example.{a}")
        add("xn-labels", f"a@{a.upper()}.com")
        add("xn-labels", f"a@Xn--{a[4:]}.com")
    bad_unicode = ["\u00fc\u0308", "u\u0308", "\U0001f4a9", "\u03a9\u03af", "1\u05e9",
                   "\u0661\u0662", "\u0661\u06f1", "a\u00b7b", "\u0301a", "-\u00fc", "\u00fc-",
                   "ab--\u00fc", "a\u0378b", "\u200d\u00fc", "\u00fcB", "\u0375a", "\u05d0\u05f3",
                   "a\u05f3", "\u30fbx", "\u30fb\u30a2", "\u00e4" * 60, "\u3164", "\u1e9e",
                   "\u00df", "a.b", "a b", "a@b", "\u0430\u0431\u0432", "\u00b7"]
    for u in bad_unicode:
        add("xn-labels", f"a@{raw_alabel(u)}.com")
        add("xn-labels", f"a@{raw_alabel(u).upper()}.com")
    for s in ["xn--", "xn---", "xn--a", "xn--0", "xn--ls8h", "xn--zca", "xn--example",
              "xn--bcher-kva", "xn--bcher-kva-", "xn--Bcher-kva", "xn--bcher--kva",
              "xn--p1ai", "xn--80akhbyknj4f", "xn--9dbne9b", "xn--mgbh0fb", "xn--ss-fka",
              "xn--a-ecp.ru", "xn--xn--", "xn--1", "xn--z", "xn--zz", "xn--aa-", "xn----",
              "xn--fsq", "xn--hxajbheg2az3al", "xn--jxalpdlp"]:
        add("xn-labels", f"a@{s}.com")
        add("xn-labels", f"a@example.{s}")
        add("xn-labels", f"{s}@example.com")
    for _ in range(260):
        a = rng.choice(good)
        body = a[4:]
        i = rng.randrange(len(body))
        op = rng.choice(("delete", "replace", "insert", "swap"))
        c = rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-")
        if op == "delete":
            body = body[:i] + body[i + 1:]
        elif op == "replace":
            body = body[:i] + c + body[i + 1:]
        elif op == "insert":
            body = body[:i] + c + body[i:]
        elif i + 1 < len(body):
            body = body[:i] + body[i + 1] + body[i] + body[i + 2:]
        label = "xn--" + body
        if decodes_to_unicode14(label):
            add("xn-labels", f"a@{label}.{rng.choice(['com', 'de', 'xn--p1ai'])}")
    for x in ["ab--c", "a--b", "aa--", "--aa", "e--x", "x-y", "xn-a", "xm--a", "XN--a", "1a--b",
              "\u00fc\u00fc--a", "\uff41\uff42\uff0d\uff0dc"]:
        add("xn-labels", f"a@{x}.com")

    # A-labels: every one-character edit (delete, replace, insert) of the
    # Punycode of some labels
    for a in good[:16]:
        body, variants = a[4:], set()
        for i in range(len(body) + 1):
            variants.add(body[:i] + body[i + 1:])
            for c in "abcdefghijklmnopqrstuvwxyz0123456789-":
                variants.add(body[:i] + c + body[i + 1:])
                variants.add(body[:i] + c + body[i:])
        for v in sorted(variants):
            if decodes_to_unicode14("xn--" + v):
                add("xn-labels", f"a@xn--{v}.com")

    # hyphens: '--' in positions 3-4 and hyphens at the ends, counted on the
    # label after UTS #46 mapping and NFC, with prefixes that mapping or NFC
    # make longer or shorter
    prefixes = ["a", "ab", "abc", "x", "é", "é", "Á", "ǵ", "™", "㎏",
                "ﬀ", "Ａ", "ＡＢ", "ẞ", "ß", "ς", "中", "①",
                "①②", "½", "x™", "İ", "א", "ا", "1", "١",
                "xn", "XN", "ｘｎ", "x͏n", "Ǆ", "ㅤ"]
    for p in prefixes:
        for t in ("--x", "-x", "---x", "--", "-", "-－x", "－－x", "--é"):
            add("hyphens", f"a@{p}{t}.com")
            add("hyphens", f"a@sub.{p}{t}")
        add("hyphens", f"a@-{p}.com")
        add("hyphens", f"a@{p}.-x.com")

    # codepoints: one code point between two letters after the @ (and
    # before it, for 1 in 3 letters, numbers and symbols and all the others):
    # every code point of the BMP assigned in Unicode 14, 1 in 5 of the CJK,
    # Hangul and Yi blocks and of the supplementary planes, and three that
    # stay unassigned.  Code points unassigned in Unicode 14 are left
    # out: their verdict depends on the Unicode version (2.x takes the
    # categories from Python's unicodedata, 14 here, richcheck from ICU).
    dense = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA48F), (0xAC00, 0xD7A3))
    for cp in list(range(0x80, 0xD800)) + list(range(0xF900, 0x110000)) + [0xE000, 0xF8FF]:
        cat = unicodedata.category(chr(cp))
        if (cat == "Cn" and cp not in (0x378, 0xFDEF, 0x10FDEF)) or (cat == "Co" and cp > 0xFFFF):
            continue
        if (cp > 0xFFFF or any(lo <= cp <= hi for lo, hi in dense)) and cp % 5:
            continue
        add("codepoints", f"a@a{chr(cp)}b.com")
        if cp % 3 == 0 or cat[0] not in "LNS":  # the local part: categories only
            add("codepoints", f"a{chr(cp)}b@example.com")

    # bidi-context: labels of 1-3 characters of every Bidi class and
    # CONTEXTO/CONTEXTJ rule, alone, next to LTR and RTL labels, and with a
    # digit after
    bidi = ["a", "\u00e9", "1", "-", "\u05d0", "\u0627", "\u0661", "\u06f1", "\u0301", "\u05b0",
            "\u064b", "\u00b7", "l", "\u0375", "\u03b1", "\u05f3", "\u30fb", "\u30a2", "\u200d",
            "\u200c", "\u094d", "\u0915", "\u0644", "\u0640", "\u0300", "\u0660", "\u0966"]
    for k in (1, 2, 3):
        for t in itertools.product(bidi, repeat=k):
            lab = "".join(t)
            add("bidi-context", f"a@{lab}.com")
            if k < 3:
                add("bidi-context", f"a@\u05d0\u05d1.{lab}")
                for d in (f"x{lab}.com", f"{lab}x.com", f"{lab}.\u05d0\u05d1.com", f"{lab}1.com"):
                    add("bidi-context", "a@" + d)

    # special-use names and TLD shapes
    for name in SPECIAL_USE + ["example", "localdomain", "testing", "onions", "test1",
                               "internal", "home", "corp", "lan", "intranet", "i2p", "alt"]:
        for d in (name, "x." + name, name + ".com", "x." + name.upper(), "a.b." + name,
                  name + "." + name, "x." + name + ".", "x-" + name + ".com",
                  "x." + "".join(chr(ord(c) - 0x61 + 0xFF41) for c in name),
                  "x\u3002" + name, "x\uff0e" + name, name + "x.com", "x." + name + "x",
                  "x.xn--" + name):
            add("special-use", "me@" + d)
    for tld in ["123", "co1", "1co", "c", "c1o", "com1", "0", "a1", "1a", "xn--p1ai", "9z",
                "\u0440\u0444", "\u0661\u0662", "com-", "-com", "c-m", "c--m", "com\u00b2",
                "\u2460", "\uff11", "x\u0301"]:
        add("special-use", f"me@example.{tld}")
        add("special-use", f"me@{tld}")
    for d in ["1.2.3.4", "192.168.1.1", "[1.2.3.4]", "1.2.3.4.in-addr.arpa", "0.0.0.0.com",
              "a.b", "a.b.c.d.e.f.g.h", "x.y-z", "a-b.c-d.ef"]:
        add("special-use", "me@" + d)

    # structure
    for s in ["", "@", "a@", "@b.com", "a", "a.b.com", "a@@b.com", "a@b@c.com", "@@", "a@b.com@",
              "@a@b.com", "a@b.com ", " a@b.com", "a @b.com", "a@ b.com", "a@b .com",
              "\ta@b.com", "a@b.com\n", "a@b.com\r\n", "<a@b.com>", "Name <a@b.com>",
              '"Name" <a@b.com>', "a@b.com (comment)", "(c)a@b.com", "a(c)@b.com",
              '"a"@b.com', '"a b"@b.com', '"a@b"@c.com', '""@b.com', 'a"b"@c.com',
              "a\\@b@c.com", "a\\b@c.com", "a@[1.2.3.4]", "a@[IPv6:::1]", "a@[IPv6:2001:db8::1]",
              "a@[b.com]", "a@[1.2.3.4", "a@1.2.3.4]", "a@b.com.", "a@.b.com", "a@b..com",
              ".a@b.com", "a.@b.com", "a..b@c.com", "a.b.c@d.e", "a@b.c", "a@b", "a\uff20b.com",
              "a\ufe6bb.com", "a\uff20b@c.com", "a@b\uff20c.com", "a,b@c.com", "a@b,c.com",
              "a;b@c.com", "a:b@c.com", "a@b;c.com", "mailto:a@b.com", "a@b.com?subject=x",
              "a@b.com/x", "a@b.com:25", "a%b@c.com", "a!b@c.com", "a@b!c.com", "a/b@c.com",
              "a@b/c.com", "a@b_c.com", "a_b@c.com", "a@-b.com", "a@b-.com", "a@b.-com",
              "a@b.com-", "-a@b.com", "a-@b.com", "a@\u3002b.com", "a@b.com\u3002",
              "a@b\u3002\u3002com", "a@b\uff0e\uff0ecom", "\u3002a@b.com", "a\u3002@b.com",
              "a@b.com\x00", "\x00a@b.com", "a\x00@b.com", "a@\x00b.com", "\u2028a@b.com",
              "a@b.com\u2028", "\ufeffa@b.com", "a@b.com\ufeff", "\u00a0a@b.com",
              "a@b.com\u00a0", "\u200ba@b.com", "a@b.com\u200b", "a@\u200bb.com",
              "\u0301a@b.com", "a@\u0301b.com", "a@b.\u0301com", "\ud800@b.com", "a@b\udfff.com",
              "a\udbff\udfff@b.com", "a@\ud83d\ude00.com"]:
        add("structure", s)
    for _ in range(300):
        a = rng.choice(ascii_base)
        add("structure", mutate(rng, a, None, ["at", "quote", "bracket", "space", "control",
                                                 "other-ascii-special", "dot"]))
    return corpus, notes


# ---------------------------------------------------------------- richcheck


def connect():
    conn = sqlite3.connect(":memory:")
    conn.text_factory = lambda b: b.decode("utf-8", "backslashreplace")
    conn.enable_load_extension(True)
    conn.load_extension(RICHCHECK_SO)
    conn.enable_load_extension(False)
    return conn


def richcheck(conn, addr):
    """(email_valid, email_error, email_normalize) of addr.  A str that is
    not UTF-8 (a lone surrogate) goes in as its surrogatepass bytes cast to
    TEXT, which richcheck must refuse."""
    try:
        addr.encode("utf-8")
        sql, arg = "SELECT email_valid(?1), email_error(?1), email_normalize(?1)", addr
    except UnicodeEncodeError:
        sql = ("SELECT email_valid(CAST(?1 AS TEXT)), email_error(CAST(?1 AS TEXT)), "
               "email_normalize(CAST(?1 AS TEXT))")
        arg = addr.encode("utf-8", "surrogatepass")
    try:
        return conn.execute(sql, (arg,)).fetchone()
    except Exception as e:
        return (f"raised {type(e).__name__}: {e}", None, None)


# ---------------------------------------------------------------- checks


def describe_rc(rc):
    v, err, norm = rc
    if v == 1:
        return f"valid {show(norm)}"
    if v == 0:
        return f"invalid ({err})"
    return str(v)


def mismatch(c):
    """Why richcheck's answer for case c is not the expected one, or None."""
    v, _, norm = c["rc"]
    if v != (1 if c["exp"].valid else 0):
        return f"{show(c['addr'])}: richcheck {describe_rc(c['rc'])}, expected {c['exp']}"
    if c["exp"].valid and norm != c["exp"].norm:
        return f"{show(c['addr'])}: richcheck normalizes to {show(norm)}, expected {show(c['exp'].norm)}"
    return None


def main():
    report("oracle-is-debian-1.3.0", ORACLE_PROBLEM is None,
           ORACLE_PROBLEM or f"email_validator 1.3.0, idna 3.3, Unicode {unicodedata.unidata_version}")
    if ORACLE_PROBLEM is not None:
        return

    if not CORPUS_ONLY:
        try:
            conn = connect()
            probe = [conn.execute("SELECT email_valid(?)", (a,)).fetchone()[0]
                     for a in ("a@example.com", "a@@example.com")]
            ok, detail = probe == [1, 0], \
                f"email_valid('a@example.com'), email_valid('a@@example.com') gave {probe}"
        except Exception as e:
            ok, detail = False, f"{RICHCHECK_SO}: {type(e).__name__}: {e}"
        report("extension-loaded", ok, detail if not ok else RICHCHECK_SO)
        if not ok:
            return

    corpus, notes = build_corpus()

    # 1.3.0's answer and the expected (2.x) answer of every distinct address
    cases, seen_addr = [], set()

    def judge(cat, addr):
        if addr not in seen_addr:
            seen_addr.add(addr)
            o13 = oracle(addr)
            exp, known = expect_2x(addr, o13)
            alt, deliberate = None, None
            exp_icu, known_icu = expect_2x(addr, o13, remap=False)
            if (exp.valid or exp_icu.valid) and drops_invisible(addr):
                alt, deliberate = Result(False, why="invisible character dropped"), "invisible-dropped"
            elif exp_icu.key() != exp.key():
                alt, deliberate = exp_icu, "unicode-version"
            elif exp.valid and noncanonical_a_label(addr):
                alt, deliberate = Result(False, why="non-canonical A-label"), "noncanonical-a-label"
            cases.append({"cat": cat, "addr": addr, "o13": o13, "exp": exp, "known": known,
                          "alt": alt, "deliberate": deliberate})

    for cat, addr in corpus:
        judge(cat, addr)
    for c in list(cases):
        if c["exp"].valid and c["exp"].norm != c["addr"]:
            judge("renormalized", c["exp"].norm)
    cats = list(dict.fromkeys(c["cat"] for c in cases))

    n = len(cases)
    report("corpus-size", n >= MIN_CORPUS,
           f"{n} distinct addresses" + ("" if n >= MIN_CORPUS else f", fewer than {MIN_CORPUS}"))

    thin = [cls for cls, chars in PALETTE.items()
            if sum(1 for c in cases if any(ch in c["addr"] for ch in chars)) < 10]
    report("corpus-covers-palette", not thin,
           f"each of the {len(PALETTE)} palette classes in at least 10 addresses" if not thin
           else "classes in fewer than 10 addresses: " + ", ".join(thin))

    crashed = [c for c in cases if c["o13"].valid is None]
    report("oracle-no-crash", not crashed,
           "1.3.0 raised only EmailNotValidError" if not crashed else
           f"{len(crashed)} addresses made 1.3.0 raise something else (so they are compared "
           "with nothing): " + " | ".join(f"{show(c['addr'])}: {c['o13'].why}"
                                           for c in crashed[:MAX_EXAMPLES]))

    by_addr = {c["addr"]: c for c in cases}
    wrong = [f"{src} {show(addr)}: notes say {verdict} {show(norm)}, rules give {by_addr[addr]['exp']}"
             for addr, verdict, norm, src in notes
             if by_addr[addr]["exp"].key() != (verdict == "valid", norm)]
    report("model-matches-notes-2x-column", not wrong,
           f"1.3.0 + the known differences give the notes' 2.x answer for all {len(notes)} vectors"
           if not wrong else f"{len(wrong)} vectors: " + " | ".join(wrong[:MAX_EXAMPLES]))

    if DUMP:
        dump(cases)
    if CORPUS_ONLY:
        for cat in cats:
            mine = [c for c in cases if c["cat"] == cat]
            print(f"corpus {cat}: {len(mine)}, {sum(1 for c in mine if c['exp'].valid)} valid, "
                  f"{sum(1 for c in mine if c['known'])} known differences")
        for slug in KNOWN_SLUGS:
            print(f"known {slug}: {sum(1 for c in cases if c['known'] == slug)}")
        return

    for c in cases:
        c["rc"] = richcheck(conn, c["addr"])
    if DUMP:
        dump(cases)

    bad = []
    for c in cases:
        v, err, norm = c["rc"]
        if not ((v == 1 and err is None and norm is not None)
                or (v == 0 and err is not None and norm is None)):
            bad.append(f"{show(c['addr'])}: valid={v!r} error={err!r} normalize={norm!r}")
    report("functions-consistent", not bad,
           f"email_valid 1 <=> email_error NULL <=> email_normalize not NULL, {n} addresses"
           if not bad else f"{len(bad)} addresses: " + " | ".join(bad[:MAX_EXAMPLES]))

    # every case that no known difference covers: richcheck = 1.3.0
    for cat in cats:
        mine = [c for c in cases if c["cat"] == cat and c["o13"].valid is not None]
        plain = [c for c in mine if not c["known"] and not c["deliberate"]]
        aside = f"; {len(mine) - len(plain)} more under known-2x-difference-*" \
            if len(mine) > len(plain) else ""
        nv = sum(1 for c in plain if c["exp"].valid)
        errs = [f"{show(c['addr'])}: richcheck {describe_rc(c['rc'])}, 1.3.0 {c['o13']}"
                for c in plain if c["rc"][0] != (1 if c["exp"].valid else 0)]
        report(f"diff-{cat}-verdicts-agree", bool(plain) and not errs,
               f"{len(plain)} cases: {nv} valid, {len(plain) - nv} invalid{aside}" if not errs
               else f"{len(errs)} of {len(plain)} disagree: " + " | ".join(errs[:MAX_EXAMPLES]))
        both = [c for c in plain if c["exp"].valid and c["rc"][0] == 1]
        errs = [f"{show(c['addr'])}: richcheck {show(c['rc'][2])}, 1.3.0 {show(c['exp'].norm)}"
                for c in both if c["rc"][2] != c["exp"].norm]
        report(f"diff-{cat}-normalized-agree", not errs,
               f"{len(both)} valid cases" if not errs
               else f"{len(errs)} of {len(both)} differ: " + " | ".join(errs[:MAX_EXAMPLES]))

    # every case richcheck answers differently on purpose: its own answer
    for slug, reason in DELIBERATE_DIFFERENCES:
        mine = [c for c in cases if c["deliberate"] == slug]
        errs = [f"{show(c['addr'])}: richcheck {describe_rc(c['rc'])}, expected {c['alt']}"
                for c in mine
                if c["rc"][0] != (1 if c["alt"].valid else 0)
                or (c["alt"].valid and c["rc"][2] != c["alt"].norm)]
        report(f"deliberate-difference-{slug}", bool(mine) and not errs,
               f"{len(mine)} cases: {reason}" if mine and not errs
               else "no case in the corpus exercises this rule" if not mine
               else f"{len(errs)} of {len(mine)}: " + " | ".join(errs[:MAX_EXAMPLES]))

    # every case a known difference covers: richcheck = 2.x
    for slug, reason in KNOWN_DIFFERENCES:
        mine = [c for c in cases if c["known"] == slug and not c["deliberate"]]
        flips = sum(1 for c in mine if c["exp"].valid != c["o13"].valid)
        errs = [f"{mismatch(c)}; 1.3.0 {c['o13']}" for c in mine if mismatch(c)]
        if not mine:
            report(f"known-2x-difference-{slug}", False, "no case in the corpus exercises this rule")
        else:
            report(f"known-2x-difference-{slug}", not errs,
                   f"{len(mine)} cases ({flips} verdicts, {len(mine) - flips} normalized forms) "
                   f"where richcheck gives 2.x's answer, not 1.3.0's: {reason}" if not errs
                   else f"{len(errs)} of {len(mine)} do not give 2.x's answer: "
                   + " | ".join(errs[:MAX_EXAMPLES]))


def dump(cases):
    with open(DUMP, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps({
                "cat": c["cat"], "addr": c["addr"], "known": c["known"],
                "o13": [c["o13"].valid, c["o13"].norm if c["o13"].valid else c["o13"].why],
                "exp": [c["exp"].valid, c["exp"].norm if c["exp"].valid else c["exp"].why],
                "rc": list(c.get("rc", ())),
            }, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    try:
        main()
    except Exception:  # one visible line; the count in email_diff.test notices the rest
        import traceback
        report("email-diff-crashed", False, traceback.format_exc())
    sys.exit(1 if n_failed else 0)
