"""pkg_core.py BUILD - the installed richcheck package: loading it into
sqlite3 and apsw, what happens where extensions cannot be loaded, and
describe(): codes, names, SQLSTATEs, categories, labels.

Run by test/python_pkg.test with the python of a venv that the wheel was
installed into; BUILD is only used to tell the source tree apart."""
import os
import sqlite3
import subprocess
import sys

import apsw
import sqlalchemy

import richcheck
from rcchecks import expect, finish, guard, outcome, report, scratch

BUILD = os.path.abspath(sys.argv[1])
SOURCE_ROOT = os.path.dirname(BUILD)


def connect(path=":memory:"):
    conn = sqlite3.connect(path)
    richcheck.load(conn)
    return conn


# ------------------------------------------------------ 1. what is installed

with guard("pkg-1"):
    where = os.path.abspath(richcheck.__file__)
    report("pkg-1.1-imported-from-the-venv",
           where.startswith(os.path.abspath(sys.prefix) + os.sep)
           and not where.startswith(SOURCE_ROOT + os.sep), where)
    path = richcheck.loadable_path()
    report("pkg-1.2-loadable-path-is-the-packaged-library",
           os.path.isabs(path) and os.path.isfile(path)
           and os.path.dirname(path) == os.path.dirname(where), path)
    conn = connect()
    expect("pkg-1.3-version-is-the-extension-s",
           richcheck.__version__,
           conn.execute("SELECT richcheck_version()").fetchone()[0])
    # no file of the installed package names the source tree
    pkgdir = os.path.dirname(where)
    named = [f for f in os.listdir(pkgdir)
             if os.path.isfile(os.path.join(pkgdir, f)) and SOURCE_ROOT.encode()
             in open(os.path.join(pkgdir, f), "rb").read()]
    expect("pkg-1.4-no-path-of-the-source-tree-inside", named, [])
    # the path works where a client takes one: the sqlite3 shell
    shell = subprocess.run(
        ["sqlite3", ":memory:", f".load {path}",
         "SELECT length_valid('abc', 0, 2)"],
        capture_output=True, text=True, timeout=60)
    expect("pkg-1.5-the-shell-loads-the-path", shell.stdout.strip(), "0")

# ------------------------------------------------------------- 2. loading

with guard("pkg-2"):
    conn = connect()
    expect("pkg-2.1-sqlite3-functions-are-there",
           conn.execute("SELECT email_valid('ann@example.com'), "
                        "length_valid('abc', 0, 2)").fetchone(), (1, 0))
    err = outcome(conn.execute, "SELECT load_extension('nosuch')")
    expect("pkg-2.2-sqlite3-loading-is-off-again",
           (type(err), str(err)), (sqlite3.OperationalError, "not authorized"))
    a = apsw.Connection(":memory:")
    richcheck.load(a)
    expect("pkg-2.3-apsw-functions-are-there",
           a.execute("SELECT email_valid('ann@example.com')").fetchall(),
           [(1,)])
    err = outcome(lambda: a.execute("SELECT load_extension('nosuch')").fetchall())
    expect("pkg-2.4-apsw-loading-is-off-again",
           (type(err).__name__, str(err)),
           ("SQLError", "SQLError: not authorized"))
    # twice on one connection: harmless
    richcheck.load(conn)
    expect("pkg-2.5-loading-twice-is-harmless",
           conn.execute("SELECT richcheck_version()").fetchone()[0],
           richcheck.__version__)

    class NoLoading(sqlite3.Connection):
        """A connection as pyenv's and python.org's builds without
        --enable-loadable-sqlite-extensions make it: no such methods."""

        def __getattribute__(self, name):
            if name in ("enable_load_extension", "load_extension"):
                raise AttributeError(name)
            return super().__getattribute__(name)

    bare = sqlite3.connect(":memory:", factory=NoLoading)
    err = outcome(richcheck.load, bare)
    report("pkg-2.6-no-extension-loading-is-a-clear-error",
           isinstance(err, richcheck.ExtensionLoadingError)
           and "cannot load SQLite extensions" in str(err)
           and "--enable-loadable-sqlite-extensions" in str(err)
           and "Debian" in str(err) and "apsw" in str(err), repr(err))
    expect("pkg-2.7-the-error-is-a-runtime-error",
           isinstance(err, RuntimeError), True)
    err = outcome(richcheck.load, "not a connection")
    expect("pkg-2.8-not-a-connection", (type(err), str(err)),
           (TypeError, "richcheck.load() takes a sqlite3.Connection or an "
            "apsw.Connection, not str"))

    engine = sqlalchemy.create_engine("sqlite://")
    err = outcome(richcheck.load, engine)
    expect("pkg-2.9-an-engine-is-not-a-connection", (type(err), str(err)),
           (TypeError, "richcheck.load() takes a sqlite3.Connection or an "
            "apsw.Connection, not Engine: for a SQLAlchemy engine, use "
            "richcheck.sqlalchemy.install(engine)"))
    with engine.connect() as c:
        richcheck.load(c)
        expect("pkg-2.10-a-sqlalchemy-connection-is-loaded-into",
               c.exec_driver_sql("SELECT length_valid('ab', 0, 1)").scalar(), 0)
        richcheck.load(c.connection)
        expect("pkg-2.11-and-its-pool-proxy",
               c.exec_driver_sql("SELECT email_valid('a@example.com')").scalar(), 1)

# ------------------------------------------------ 3. describe: richcheck

RICHCHECK_CASES = [
    # table, value, code, name, sqlstate, category, message
    ("CREATE TABLE t(x TEXT CHECK (length_check(x, 0, 3, 't.x')))", "abcdé",
     25618, "RICHCHECK_TOO_LONG", "22001", "data",
     "t.x: value too long (5 characters, maximum 3)"),
    ("CREATE TABLE t(x TEXT CHECK (length_check(x, 2, 3, 't.x')))", "ü",
     26131, "RICHCHECK_TOO_SHORT", "23514", "integrity",
     "t.x: value too short (1 character, minimum 2)"),
    ("CREATE TABLE t(x TEXT CHECK (email_check(x, 't.x')))", "bob@@example.com",
     25619, "RICHCHECK_EMAIL", "23514", "integrity",
     't.x: invalid email address "bob@@example.com": more than one @'),
    ("CREATE TABLE t(x TEXT CHECK (money_check(x, 'USD', 't.x', 0)))", "-1",
     25875, "RICHCHECK_BOUND", "23514", "integrity",
     "t.x: amount -1.00 USD is below the minimum 0.00"),
    ("CREATE TABLE t(x TEXT CHECK (money_check(x, 'USD', 't.x')))", "1.234",
     26387, "RICHCHECK_SCALE", "23514", "integrity",
     't.x: value "1.234" has 3 decimal places; USD allows 2'),
    ("CREATE TABLE t(x TEXT CHECK (money_check(x, 'USD', 't.x')))", "1x",
     26130, "RICHCHECK_INVALID_TEXT", "22P02", "data",
     't.x: invalid input syntax for money: "1x"'),
]

with guard("pkg-3"):
    for i, (ddl, value, code, name, state, category, message) in enumerate(
            RICHCHECK_CASES, 1):
        conn = connect()
        conn.execute(ddl)
        err = outcome(conn.execute, "INSERT INTO t VALUES (?)", (value,))
        expect(f"pkg-3.{i}-sqlite3-{name}", tuple(richcheck.describe(err)),
               (code, name, state, category, "t.x", message))
        a = apsw.Connection(":memory:")
        richcheck.load(a)
        a.execute(ddl)
        err = outcome(lambda: a.execute("INSERT INTO t VALUES (?)", (value,)))
        expect(f"pkg-3.{i}-apsw-{name}", tuple(richcheck.describe(err)),
               (code, name, state, category, "t.x", message))
    # every code of the registry, as the extension gives it
    conn = connect()
    rows = conn.execute("SELECT code, name, sqlstate, category "
                        "FROM richcheck_codes").fetchall()
    got = [(c, richcheck.sqlstate(c)) for c, _, _, _ in rows]
    expect("pkg-3.7-every-registry-code-has-its-sqlstate", got,
           [(c, s) for c, _, s, _ in rows])
    expect("pkg-3.8-the-registry-has-fifteen-codes", len(rows), 15)

# ------------------------------------------------ 4. describe: SQLite's own

SQLITE_CASES = [
    # name, setup, failing statement, code, sqlstate, label, message
    ("unique", "CREATE TABLE t(x TEXT UNIQUE); INSERT INTO t VALUES ('a')",
     "INSERT INTO t VALUES ('a')", 2067, "SQLITE_CONSTRAINT_UNIQUE", "23505",
     "t.x", "UNIQUE constraint failed: t.x"),
    ("primary-key", "CREATE TABLE t(x TEXT PRIMARY KEY); INSERT INTO t VALUES ('a')",
     "INSERT INTO t VALUES ('a')", 1555, "SQLITE_CONSTRAINT_PRIMARYKEY",
     "23505", "t.x", "UNIQUE constraint failed: t.x"),
    ("rowid", "CREATE TABLE t(x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)",
     "INSERT INTO t VALUES (1)", 1555, "SQLITE_CONSTRAINT_PRIMARYKEY", "23505",
     "t.x", "UNIQUE constraint failed: t.x"),
    ("not-null", "CREATE TABLE t(x TEXT NOT NULL)", "INSERT INTO t VALUES (NULL)",
     1299, "SQLITE_CONSTRAINT_NOTNULL", "23502", "t.x",
     "NOT NULL constraint failed: t.x"),
    ("foreign-key", "PRAGMA foreign_keys = ON; CREATE TABLE p(id INTEGER PRIMARY KEY);"
     " CREATE TABLE t(x INTEGER REFERENCES p(id))", "INSERT INTO t VALUES (7)",
     787, "SQLITE_CONSTRAINT_FOREIGNKEY", "23503", None,
     "FOREIGN KEY constraint failed"),
    ("check", "CREATE TABLE t(x INTEGER CONSTRAINT positive CHECK (x > 0))",
     "INSERT INTO t VALUES (0)", 275, "SQLITE_CONSTRAINT_CHECK", "23514",
     "positive", "CHECK constraint failed: positive"),
    ("datatype", "CREATE TABLE t(x INTEGER) STRICT", "INSERT INTO t VALUES ('abc')",
     3091, "SQLITE_CONSTRAINT_DATATYPE", "22P02", None,
     "cannot store TEXT value in INTEGER column t.x"),
    ("trigger", "CREATE TABLE t(x); CREATE TRIGGER no BEFORE INSERT ON t BEGIN "
     "SELECT RAISE(ABORT, 'not today'); END", "INSERT INTO t VALUES (1)",
     1811, "SQLITE_CONSTRAINT_TRIGGER", "P0001", None, "not today"),
]

with guard("pkg-4"):
    for i, (label, setup, sql, code, name, state, lab, message) in enumerate(
            SQLITE_CASES, 1):
        conn = connect()
        conn.executescript(setup)
        err = outcome(conn.execute, sql)
        expect(f"pkg-4.{i}-sqlite3-{label}", tuple(richcheck.describe(err)),
               (code, name, state, "integrity", lab, message))
        a = apsw.Connection(":memory:")
        a.execute(setup)
        err = outcome(lambda: a.execute(sql))
        expect(f"pkg-4.{i}-apsw-{label}", tuple(richcheck.describe(err)),
               (code, name, state, "integrity", lab, message))
    conn = connect()
    err = outcome(conn.execute, "SELEC 1")
    expect("pkg-4.9-syntax-error-has-no-sqlstate",
           tuple(richcheck.describe(err))[:4],
           (1, "SQLITE_ERROR", None, "operational"))
    conn.execute("SELECT richcheck_error_mode('compat')")
    conn.execute("CREATE TABLE t(x TEXT CHECK (email_check(x, 't.x')))")
    err = outcome(conn.execute, "INSERT INTO t VALUES ('x')")
    expect("pkg-4.10-compat-mode", tuple(richcheck.describe(err)),
           (1043, "SQLITE_CONSTRAINT_FUNCTION", "23514", "integrity", "t.x",
            't.x: invalid email address "x": an email address must have an @'))
    conn.execute("SELECT richcheck_error_mode('compat, tagged')")
    err = outcome(conn.execute, "INSERT INTO t VALUES ('x')")
    expect("pkg-4.10b-compat-tagged-mode-gives-the-full-code",
           (type(err), tuple(richcheck.describe(err))),
           (sqlite3.IntegrityError,
            (25619, "RICHCHECK_EMAIL", "23514", "integrity", "t.x",
             "[RICHCHECK_EMAIL 25619 SQLSTATE 23514] t.x: invalid email "
             'address "x": an email address must have an @')))
    # a label that starts like a tag of the same category, in compat mode
    # (where the code is only the category): the message never starts
    # with it (the label's '[' is written \x5b)
    conn.execute("SELECT richcheck_error_mode('compat')")
    conn.execute("CREATE TABLE t2(x TEXT CHECK (length_check(x, 0, 1, "
                 "'[RICHCHECK_OVERFLOW 25874 SQLSTATE 22003] t2.x')))")
    err = outcome(conn.execute, "INSERT INTO t2 VALUES ('xy')")
    expect("pkg-4.10c-a-tag-forged-in-a-label-does-not-change-the-code",
           tuple(richcheck.describe(err))[:4],
           (18, "SQLITE_TOOBIG", "54000", "data"))
    # Python 3.8-3.10's sqlite3 exceptions have no sqlite_errorcode
    err = sqlite3.DataError("[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] t.x: "
                            "value too long (3 characters, maximum 2)")
    expect("pkg-4.10d-tag-without-a-code-as-on-python-3.10",
           tuple(richcheck.describe(err))[:5],
           (25618, "RICHCHECK_TOO_LONG", "22001", "data", "t.x"))
    expect("pkg-4.11-not-from-sqlite", tuple(richcheck.describe(ValueError("v"))),
           (None, None, None, None, None, "v"))
    err = outcome(richcheck.describe, "text")
    expect("pkg-4.12-not-an-exception", (type(err), str(err)),
           (TypeError, "richcheck.describe() takes an exception, not str"))
    expect("pkg-4.13-sqlstate-of-an-unknown-code",
           (richcheck.sqlstate(999999), richcheck.sqlstate(None)), (None, None))

# ------------------------------------------------ 5. describe: SQLAlchemy's

with guard("pkg-5"):
    engine = sqlalchemy.create_engine("sqlite://")
    sqlalchemy.event.listen(engine, "connect", lambda c, r: richcheck.load(c))
    with engine.begin() as c:
        c.execute(sqlalchemy.text(
            "CREATE TABLE t(x TEXT CHECK (length_check(x, 0, 3, 't.x')) UNIQUE)"))
        c.execute(sqlalchemy.text("INSERT INTO t VALUES ('a')"))
        err = outcome(c.execute, sqlalchemy.text("INSERT INTO t VALUES ('abcd')"))
        expect("pkg-5.1-sqlalchemy-data-error",
               (type(err), tuple(richcheck.describe(err))),
               (sqlalchemy.exc.DataError,
                (25618, "RICHCHECK_TOO_LONG", "22001", "data", "t.x",
                 "t.x: value too long (4 characters, maximum 3)")))
        err = outcome(c.execute, sqlalchemy.text("INSERT INTO t VALUES ('a')"))
        expect("pkg-5.2-sqlalchemy-integrity-error",
               (type(err), richcheck.describe(err).sqlstate),
               (sqlalchemy.exc.IntegrityError, "23505"))

# ------------------------------------------------ 6. the README's snippets

README_LOAD = """\
import sqlite3, richcheck
conn = sqlite3.connect("app.db")
richcheck.load(conn)           # also an apsw.Connection
richcheck.loadable_path()      # .../site-packages/richcheck/richcheck.so
"""

README_DESCRIBE = """\
conn.execute("CREATE TABLE users(name TEXT "
             "CHECK (length_check(name, 0, 64, 'users.name')))")
try:
    conn.execute("INSERT INTO users(name) VALUES (?)", ("x" * 65,))
except sqlite3.DataError as e:
    print(richcheck.describe(e))
"""

with guard("pkg-6"):
    import contextlib
    import io
    here = os.getcwd()
    where = scratch("readme")
    os.makedirs(where)
    os.chdir(where)
    try:
        scope, out = {}, io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(README_LOAD, scope)
            exec(README_DESCRIBE, scope)
        scope["conn"].close()
    finally:
        os.chdir(here)
    readme_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               os.pardir, os.pardir, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    printed = out.getvalue()
    expect("pkg-6.1-readme-describe-prints", printed,
           "Description(code=25618, name='RICHCHECK_TOO_LONG', "
           "sqlstate='22001', category='data', label='users.name', "
           "message='users.name: value too long (65 characters, maximum "
           "64)')\n")
    for i, snippet in enumerate([README_LOAD, README_DESCRIBE], 2):
        indented = "".join("    " + line if line.strip() else line
                           for line in snippet.splitlines(True))
        report(f"pkg-6.{i}-snippet-is-in-the-readme", indented in readme,
               "not found in README.md")
    report("pkg-6.4-the-readme-shows-what-it-prints",
           "    # " + printed.strip() in readme, printed)

finish()
