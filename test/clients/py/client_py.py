"""client_py.py BUILD - richcheck in Python's two SQLite clients, the
standard sqlite3 module and apsw, as an application meets it: loading the
extension, then, inside a transaction, a good row, a too-long name and a bad
address (both with 'é' and 'ü' in them): the class raised, the code as the
client exposes it, the message byte for byte, the transaction still usable
and the earlier rows kept; in the four error modes ('extended', 'compat',
'tagged', 'compat, tagged').

BUILD is the folder of richcheck.so.  One line per check, "PASS name" or
"FAIL name: detail" (test/clients_script.test counts them)."""
import contextlib
import io
import os
import re
import sqlite3
import sys

import apsw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "py"))
from rcchecks import expect, finish, guard, outcome, report  # noqa: E402

BUILD = os.path.abspath(sys.argv[1])
SO = os.path.join(BUILD, "richcheck.so")

SCHEMA = ("CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, "
          "'users.name')), email TEXT CHECK (email_check(email, "
          "'users.email')))")
GOOD = [("Zoë", "zoe@example.com"), ("Jürgen", "jurgen@example.com")]
LONG = ("Zoë Müllerová-Ångström", "zoe@example.com")
BAD = ("José", "josé@@müller.de")
MSG_LONG = "users.name: value too long (22 characters, maximum 10)"
MSG_BAD = 'users.email: invalid email address "josé@@müller.de": more than one @'
TAG = re.compile(r"\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] ")
TAG_LONG = ("RICHCHECK_TOO_LONG", 25618, "22001")
TAG_BAD = ("RICHCHECK_EMAIL", 25619, "23514")
# mode -> (code of the too-long value, of the bad address)
CODES = {"extended": (25618, 25619), "compat": (18, 1043),
         "tagged": (25618, 25619), "compat, tagged": (18, 1043)}
# what sqlite3's sqlite_errorname says of them: it knows SQLite's names only
NAMES = {25618: "unknown", 25619: "unknown", 18: "SQLITE_TOOBIG",
         1043: "SQLITE_CONSTRAINT_FUNCTION"}


def tagged(mode):
    return "tagged" in mode


def shown(mode, msg, tag):
    """The message as richcheck words it in this mode."""
    if not tagged(mode):
        return msg
    return "[%s %d SQLSTATE %s] %s" % (tag + (msg,))


def recover(text):
    """(name, code, sqlstate) from the first tag in text, or None."""
    m = TAG.search(text)
    return (m.group(1), int(m.group(2)), m.group(3)) if m else None


# --------------------------------------------------------- 1. sqlite3 module

def py_load(path):
    # README-SNIPPET-BEGIN python-sqlite3
    import sqlite3
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.enable_load_extension(True)
    conn.load_extension(path)            # e.g. "build/richcheck.so"
    conn.enable_load_extension(False)
    conn.execute("CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))")
    try:
        conn.execute("INSERT INTO t VALUES (?)", ("Zoë Müllerová-Ångström",))
    except sqlite3.DataError as e:       # IntegrityError for a bad address
        print(e.sqlite_errorcode, e)     # 25618 t.name: value too long (22 characters, maximum 10)
    # README-SNIPPET-END
    return conn


def py_mode(conn, mode):
    p = "py-" + {"extended": "2", "compat": "3", "tagged": "4",
                 "compat, tagged": "5"}[mode]
    with guard(p):
        conn.execute("DELETE FROM users")
        expect(p + ".1-mode", conn.execute(
            "SELECT richcheck_error_mode(?)", (mode,)).fetchone()[0], mode)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO users VALUES (?, ?)", GOOD[0])
        code_long, code_bad = CODES[mode]
        e = outcome(conn.execute, "INSERT INTO users VALUES (?, ?)", LONG)
        got = (type(e), getattr(e, "sqlite_errorcode", None),
               getattr(e, "sqlite_errorname", None), str(e))
        expect(p + ".2-too-long-is-DataError", got,
               (sqlite3.DataError, code_long, NAMES[code_long],
                shown(mode, MSG_LONG, TAG_LONG)))
        e2 = outcome(conn.execute, "INSERT INTO users VALUES (?, ?)", BAD)
        got = (type(e2), getattr(e2, "sqlite_errorcode", None),
               getattr(e2, "sqlite_errorname", None), str(e2))
        expect(p + ".3-bad-address-is-IntegrityError", got,
               (sqlite3.IntegrityError, code_bad, NAMES[code_bad],
                shown(mode, MSG_BAD, TAG_BAD)))
        n = 4
        if tagged(mode):
            expect(p + ".4-tag-recovered", (recover(str(e)), recover(str(e2))),
                   (TAG_LONG, TAG_BAD))
            n = 5
        still = conn.in_transaction
        conn.execute("INSERT INTO users VALUES (?, ?)", GOOD[1])
        conn.execute("COMMIT")
        expect(p + ".%d-transaction-kept-rows-committed" % n,
               (still, conn.execute("SELECT * FROM users ORDER BY rowid").fetchall()),
               (True, GOOD))


with guard("py-1"):
    report("py-1.1-enable_load_extension-present",
           hasattr(sqlite3.Connection, "enable_load_extension"),
           "this Python's sqlite3 was built without loadable extensions")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        conn = py_load(SO)
    expect("py-1.2-readme-snippet-prints", out.getvalue(),
           "25618 t.name: value too long (22 characters, maximum 10)\n")
    err = outcome(conn.execute, "SELECT load_extension(?)", (SO,))
    expect("py-1.3-sql-loading-off-again", (type(err), str(err)),
           (sqlite3.OperationalError, "not authorized"))
    conn.execute(SCHEMA)
    expect("py-1.4-default-mode",
           conn.execute("SELECT richcheck_error_mode()").fetchone()[0], "extended")

for mode in CODES:
    py_mode(conn, mode)

# ------------------------------------------------------------------ 2. apsw

APSW_CLASS = {18: apsw.TooBigError, 25618: apsw.TooBigError,
              19: apsw.ConstraintError, 1043: apsw.ConstraintError,
              25619: apsw.ConstraintError}


def apsw_load(path):
    # README-SNIPPET-BEGIN python-apsw
    import apsw
    conn = apsw.Connection(":memory:")
    conn.enableloadextension(True)
    conn.loadextension(path)             # e.g. "build/richcheck.so"
    conn.enableloadextension(False)
    conn.execute("CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))")
    try:
        conn.execute("INSERT INTO t VALUES (?)", ("Zoë Müllerová-Ångström",))
    except apsw.TooBigError as e:        # apsw.ConstraintError for a bad address
        print(e.extendedresult, e)       # 25618 TooBigError: t.name: value too long (22 characters, maximum 10)
    # README-SNIPPET-END
    return conn


def apsw_mode(conn, mode):
    p = "apsw-" + {"extended": "2", "compat": "3", "tagged": "4",
                   "compat, tagged": "5"}[mode]
    with guard(p):
        conn.execute("DELETE FROM users")
        expect(p + ".1-mode", conn.execute(
            "SELECT richcheck_error_mode(?)", (mode,)).fetchall(), [(mode,)])
        conn.execute("BEGIN")
        conn.execute("INSERT INTO users VALUES (?, ?)", GOOD[0])
        code_long, code_bad = CODES[mode]
        # apsw puts the class name before the message
        e = outcome(conn.execute, "INSERT INTO users VALUES (?, ?)", LONG)
        got = (type(e), getattr(e, "result", None),
               getattr(e, "extendedresult", None), str(e))
        expect(p + ".2-too-long-is-TooBigError", got,
               (APSW_CLASS[code_long], 18, code_long,
                "TooBigError: " + shown(mode, MSG_LONG, TAG_LONG)))
        e2 = outcome(conn.execute, "INSERT INTO users VALUES (?, ?)", BAD)
        got = (type(e2), getattr(e2, "result", None),
               getattr(e2, "extendedresult", None), str(e2))
        expect(p + ".3-bad-address-is-ConstraintError", got,
               (APSW_CLASS[code_bad], 19, code_bad,
                "ConstraintError: " + shown(mode, MSG_BAD, TAG_BAD)))
        n = 4
        if tagged(mode):
            expect(p + ".4-tag-recovered", (recover(str(e)), recover(str(e2))),
                   (TAG_LONG, TAG_BAD))
            n = 5
        still = not conn.getautocommit()
        conn.execute("INSERT INTO users VALUES (?, ?)", GOOD[1])
        conn.execute("COMMIT")
        expect(p + ".%d-transaction-kept-rows-committed" % n,
               (still, conn.execute("SELECT * FROM users ORDER BY rowid").fetchall()),
               (True, GOOD))


with guard("apsw-1"):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        a = apsw_load(SO)
    expect("apsw-1.1-readme-snippet-prints", out.getvalue(),
           "25618 TooBigError: t.name: value too long (22 characters, maximum 10)\n")
    err = outcome(lambda: a.execute("SELECT load_extension(?)", (SO,)).fetchall())
    expect("apsw-1.2-sql-loading-off-again", (type(err), str(err)),
           (apsw.SQLError, "SQLError: not authorized"))
    a.execute(SCHEMA)

for mode in CODES:
    apsw_mode(a, mode)

finish()
