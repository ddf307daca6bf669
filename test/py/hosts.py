"""hosts.py BUILD - richcheck as Python programs see it.

Loads BUILD/richcheck.so into Python's sqlite3 module and into SQLAlchemy,
and checks what each failed check becomes on the Python side: the exception
class, e.sqlite_errorcode, e.sqlite_errorname and the message.

Run by test/python.test with Debian's python3 (3.11, SQLAlchemy 1.4,
sqlalchemy_utils 0.38).  Prints one line per check and keeps going after a
failure:

    PASS name
    FAIL name: detail

Exits 1 when any check failed.  Database files go in a temporary folder.
"""
import atexit
import os
import shutil
import sqlite3
import sys
import tempfile
from collections import namedtuple

BUILD = sys.argv[1]
RICHCHECK_SO = os.path.join(BUILD, "richcheck.so")

# ---------------------------------------------------------------- reporting

seen = set()
n_failed = 0


def report(name, ok, detail=""):
    """Prints the PASS or FAIL line of one check."""
    global n_failed
    if name in seen:
        ok, detail = False, "duplicate check name"
    seen.add(name)
    if ok:
        print(f"PASS {name}")
    else:
        n_failed += 1
        print(f"FAIL {name}: " + detail.replace("\n", "\\n"))


def expect(name, got, want):
    """The check passes when got == want (for classes: exactly that class)."""
    report(name, got == want, f"expected {want!r}, got {got!r}")


def outcome(fn):
    """The exception fn() raised, or None when it returned."""
    try:
        fn()
    except Exception as e:
        return e
    return None


class guard:
    """Turns an unexpected exception in a block into one FAIL line, so one
    broken step costs its own checks (the count in python.test notices)
    but never the checks after it."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if value is not None:
            report(f"{self.name}-crashed", False, f"{kind.__name__}: {value}")
        return True


# ---------------------------------------------------------------- helpers


def load_richcheck(dbapi_conn, connection_record=None):
    """Loads richcheck into one sqlite3 connection.  Also SQLAlchemy's
    'connect' event listener, hence the second argument."""
    dbapi_conn.enable_load_extension(True)
    dbapi_conn.load_extension(RICHCHECK_SO)
    dbapi_conn.enable_load_extension(False)


def connect(path=":memory:", **kwargs):
    conn = sqlite3.connect(path, **kwargs)
    load_richcheck(conn)
    return conn


SCRATCH = tempfile.mkdtemp(prefix="richcheck-hosts-")
atexit.register(shutil.rmtree, SCRATCH, True)


def fresh_path(name):
    """A database file name in a temporary folder, with no file behind it."""
    path = os.path.join(SCRATCH, name)
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


USERS = "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 5, 'users.name')))"


def names(conn):
    return [name for (name,) in conn.execute("SELECT name FROM users ORDER BY rowid")]


def sqlstate(conn, code):
    return conn.execute("SELECT richcheck_sqlstate(?)", (code,)).fetchone()[0]


# ------------------------------------------------------- 1. extended codes

# Every failure the length family can raise, as the value that provokes it
# (SQL text, with bound parameters) and what Python must make of it, in the
# default mode and in compat mode.
Case = namedtuple(
    "Case", "slug value params exception code compat_code compat_name message sqlstate"
)
CASES = [
    # 6 characters, 7 bytes: the maximum counts characters.
    Case("too-long", "?", ("abcdéf",), sqlite3.DataError,
         25618, 18, "SQLITE_TOOBIG",
         "users.name: value too long (6 characters, maximum 5)", "22001"),
    Case("too-short", "?", ("",), sqlite3.IntegrityError,
         26131, 1043, "SQLITE_CONSTRAINT_FUNCTION",
         "users.name: value too short (0 characters, minimum 1)", "23514"),
    Case("invalid-utf8", "CAST(x'c328' AS TEXT)", (), sqlite3.DataError,
         26386, 18, "SQLITE_TOOBIG",
         'users.name: invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte 1)',
         "22021"),
    # Python binds a str with a NUL as TEXT of its full length.
    Case("embedded-nul", "?", ("ab\0c",), sqlite3.DataError,
         26386, 18, "SQLITE_TOOBIG",
         'users.name: invalid byte sequence for encoding "UTF8": 0x00 (at byte 3)',
         "22021"),
    # Python binds bytes as a BLOB, which has no characters to count.
    Case("blob", "?", (b"ab",), sqlite3.DataError,
         26386, 18, "SQLITE_TOOBIG",
         "users.name: value is a BLOB, not text (measure BLOBs with the unit 'bytes')",
         "22021"),
]

RAISED_TODAY = sorted({case.code for case in CASES})

# CPython picks the exception class from the primary code alone
# (Modules/_sqlite/util.c); sqlite_errorcode is the full extended code.
PYTHON_CLASS_OF_PRIMARY = {19: "IntegrityError", 18: "DataError"}


def insert_error(conn, case):
    """What inserting the case's value into users raised."""
    sql = f"INSERT INTO users VALUES ({case.value})"
    return outcome(lambda: conn.execute(sql, case.params))


def test_extended_codes():
    conn = connect()
    conn.execute(USERS)
    with guard("python-1.0"):
        conn.execute("INSERT INTO users VALUES ('a'), ('héllo'), (NULL)")
        expect("python-1.0-valid-names-are-stored", names(conn), ["a", "héllo", None])

    for n, case in enumerate(CASES, 1):
        with guard(f"python-1.{n}-{case.slug}"):
            err = insert_error(conn, case)
            code = getattr(err, "sqlite_errorcode", None)
            prefix = f"python-1.{n}-{case.slug}"
            expect(f"{prefix}-is-{case.exception.__name__}", type(err), case.exception)
            expect(f"{prefix}-errorcode-{case.code}", code, case.code)
            # Python's table of names does not know richcheck's codes.
            expect(f"{prefix}-errorname-unknown",
                   getattr(err, "sqlite_errorname", None), "unknown")
            expect(f"{prefix}-message", str(err), case.message)
            expect(f"{prefix}-sqlstate-{case.sqlstate}", sqlstate(conn, code), case.sqlstate)

    n = len(CASES) + 1
    with guard(f"python-1.{n}"):
        # The codes no function raises yet: their catalogue rows already name
        # the class Python will choose for them.
        rows = conn.execute(
            "SELECT name, primary_code, exception FROM richcheck_codes"
            f" WHERE code NOT IN ({', '.join(map(str, RAISED_TODAY))}) ORDER BY code"
        ).fetchall()
        expect(f"python-1.{n}-codes-not-raised-yet", rows, [
            ("RICHCHECK_EMAIL", 19, "IntegrityError"),
            ("RICHCHECK_OVERFLOW", 18, "DataError"),
            ("RICHCHECK_BOUND", 19, "IntegrityError"),
            ("RICHCHECK_INVALID_TEXT", 18, "DataError"),
            ("RICHCHECK_SCALE", 19, "IntegrityError"),
            ("RICHCHECK_DATETIME_FORMAT", 18, "DataError"),
            ("RICHCHECK_CURRENCY", 19, "IntegrityError"),
            ("RICHCHECK_DATETIME_RANGE", 18, "DataError"),
            ("RICHCHECK_NOT_ENFORCED", 19, "IntegrityError"),
            ("RICHCHECK_UUID", 19, "IntegrityError"),
            ("RICHCHECK_ASSERT", 19, "IntegrityError"),
            ("RICHCHECK_PATTERN", 19, "IntegrityError"),
        ])
        every = conn.execute("SELECT name, primary_code, exception FROM richcheck_codes")
        wrong = [row for row in every if row[2] != PYTHON_CLASS_OF_PRIMARY[row[1]]]
        expect(f"python-1.{n}-every-exception-column-is-python-class-of-primary", wrong, [])
    conn.close()


# ---------------------------------------------------- 2. transactions


def test_transaction_survives():
    with guard("python-2.1"):
        path = fresh_path("explicit.db")
        conn = connect(path, isolation_level=None)  # BEGIN and COMMIT are ours
        conn.execute(USERS)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO users VALUES ('ann')")
        conn.execute("INSERT INTO users VALUES ('bob')")
        err = outcome(lambda: conn.execute("INSERT INTO users VALUES ('abcdefgh')"))
        expect("python-2.1-failing-insert-raises-DataError", type(err), sqlite3.DataError)
        expect("python-2.2-still-in-transaction", conn.in_transaction, True)
        expect("python-2.3-earlier-rows-still-there", names(conn), ["ann", "bob"])
        conn.execute("COMMIT")
        conn.close()
        expect("python-2.4-commit-keeps-them", names(connect(path)), ["ann", "bob"])

    with guard("python-2.5"):
        # Python's default: the module opens the transaction before an INSERT.
        path = fresh_path("implicit.db")
        conn = connect(path)
        conn.execute(USERS)
        conn.execute("INSERT INTO users VALUES ('cy')")
        outcome(lambda: conn.execute("INSERT INTO users VALUES ('')"))
        conn.commit()
        conn.close()
        expect("python-2.5-implicit-transaction-commit-keeps-good-row",
               names(connect(path)), ["cy"])


# ------------------------------------------------- 3. multi-row statements


def test_multi_row():
    with guard("python-3.1"):
        conn = connect(isolation_level=None)
        conn.execute(USERS)
        err = outcome(lambda: conn.execute(
            "INSERT INTO users VALUES ('ok1'), ('waytoolongname'), ('ok2')"))
        expect("python-3.1-multi-row-insert-is-DataError", type(err), sqlite3.DataError)
        expect("python-3.2-multi-row-insert-message", str(err),
               "users.name: value too long (14 characters, maximum 5)")
        expect("python-3.3-multi-row-insert-leaves-none-of-its-rows", names(conn), [])

    with guard("python-3.4"):
        # executemany runs one statement per row: the rows before the bad one
        # stay (in the open transaction), the rows after it never run.
        conn = connect()
        conn.execute(USERS)
        err = outcome(lambda: conn.executemany(
            "INSERT INTO users VALUES (?)", [("ok1",), ("waytoolongname",), ("ok2",)]))
        expect("python-3.4-executemany-is-DataError", type(err), sqlite3.DataError)
        expect("python-3.5-executemany-keeps-rows-before-the-bad-one", names(conn), ["ok1"])


# ------------------------------------------------------- 4. compat mode


def test_compat_mode():
    conn = connect()
    conn.execute(USERS)
    with guard("python-4.0"):
        mode = conn.execute("SELECT richcheck_error_mode('compat')").fetchone()[0]
        expect("python-4.0-compat-mode-on", mode, "compat")

    for n, case in enumerate(CASES, 1):
        with guard(f"python-4.{n}-{case.slug}"):
            err = insert_error(conn, case)
            prefix = f"python-4.{n}-{case.slug}"
            expect(f"{prefix}-is-{case.exception.__name__}", type(err), case.exception)
            expect(f"{prefix}-errorcode-{case.compat_code}",
                   getattr(err, "sqlite_errorcode", None), case.compat_code)
            expect(f"{prefix}-errorname-{case.compat_name}",
                   getattr(err, "sqlite_errorname", None), case.compat_name)
            expect(f"{prefix}-same-message", str(err), case.message)
    conn.close()


# --------------------------------------------------------- 5. SQLAlchemy


def test_sqlalchemy():
    import sqlalchemy as sa
    from sqlalchemy.orm import Session, declarative_base
    from sqlalchemy_utils.asserts import assert_max_length

    Base = declarative_base()

    class User(Base):
        __tablename__ = "user"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(5))
        __table_args__ = (sa.CheckConstraint("length_check(name, 0, 5, 'user.name')"),)

    class Team(Base):
        __tablename__ = "team"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(20), nullable=False)
        __table_args__ = (sa.CheckConstraint("length_check(name, 2, 20, 'team.name')"),)

    engine = sa.create_engine(f"sqlite:///{fresh_path('orm.db')}")
    sa.event.listen(engine, "connect", load_richcheck)
    Base.metadata.create_all(engine)
    session = Session(engine)
    user = User(name="ann")
    session.add(user)
    session.commit()

    with guard("python-5.1"):
        expect("python-5.1-assert_max_length-5-passes",
               outcome(lambda: assert_max_length(user, "name", 5)), None)
        # It does tell a wrong maximum: with 4, five characters are accepted;
        # with 6, six characters are refused.
        expect("python-5.2-assert_max_length-4-fails",
               type(outcome(lambda: assert_max_length(user, "name", 4))), AssertionError)
        expect("python-5.3-assert_max_length-6-fails",
               type(outcome(lambda: assert_max_length(user, "name", 6))), AssertionError)

    with guard("python-5.4"):
        session.add(User(name="abcdef"))
        err = outcome(session.commit)
        session.rollback()
        expect("python-5.4-orm-too-long-is-sqlalchemy-DataError", type(err), sa.exc.DataError)
        expect("python-5.5-orm-too-long-orig-is-sqlite3-DataError",
               type(getattr(err, "orig", None)), sqlite3.DataError)
        expect("python-5.6-orm-too-long-orig-errorcode-25618",
               getattr(getattr(err, "orig", None), "sqlite_errorcode", None), 25618)
        # SQLAlchemy puts the driver's class before the message, then the
        # SQL and parameters on lines of their own.
        expect("python-5.7-orm-too-long-first-line", str(err).splitlines()[0],
               "(sqlite3.DataError) user.name: value too long (6 characters, maximum 5)")

    with guard("python-5.8"):
        session.add(Team(name="x"))
        err = outcome(session.commit)
        session.rollback()
        expect("python-5.8-orm-too-short-is-sqlalchemy-IntegrityError",
               type(err), sa.exc.IntegrityError)
        expect("python-5.9-orm-too-short-orig-errorcode-26131",
               getattr(getattr(err, "orig", None), "sqlite_errorcode", None), 26131)
        expect("python-5.10-orm-too-short-orig-message", str(getattr(err, "orig", None)),
               "team.name: value too short (1 character, minimum 2)")

    with guard("python-5.11"):
        expect("python-5.11-session-still-usable-and-rows-intact",
               session.query(User.name).all(), [("ann",)])
    session.close()
    engine.dispose()


# ------------------------------------------------------------------ money

# Each money failure: the value, the Python class, the code, the message.
MONEY_CASES = [
    ("scale", "12.345", sqlite3.IntegrityError, 26387,
     'orders.total: value "12.345" has 3 decimal places; USD allows 2'),
    ("bound", "-1", sqlite3.IntegrityError, 25875,
     "orders.total: amount -1.00 USD is below the minimum 0.00"),
    ("currency", "5 EUR", sqlite3.IntegrityError, 26643,
     'orders.total: currency "EUR" in "5 EUR" is not USD'),
    ("invalid-text", "12,50", sqlite3.DataError, 26130,
     'orders.total: invalid input syntax for money: "12,50"'),
    ("overflow", "92233720368547758.08", sqlite3.DataError, 25874,
     'orders.total: value "92233720368547758.08" is out of range for money in USD'
     " (at most +-92233720368547758.07)"),
]


def test_money():
    import decimal
    import warnings
    import sqlalchemy as sa

    conn = connect()
    conn.execute("CREATE TABLE orders(total TEXT CHECK "
                 "(money_check(total, 'USD', 'orders.total', 0)))")
    for slug, value, exc, code, message in MONEY_CASES:
        with guard(f"python-money-{slug}"):
            err = outcome(lambda: conn.execute("INSERT INTO orders VALUES (?)", (value,)))
            expect(f"python-money-{slug}-is-{exc.__name__}-{code}",
                   (type(err), getattr(err, "sqlite_errorcode", None), str(err)),
                   (exc, code, message))
    with guard("python-money-float"):
        # A float bound into a TEXT column becomes 15-digit text before the
        # CHECK runs (SQLite's TEXT affinity): 0.1 + 0.2 arrives as '0.3'.
        conn.execute("INSERT INTO orders VALUES (?)", (0.1 + 0.2,))
        expect("python-money-float-into-text-column-arrives-as-0.3",
               conn.execute("SELECT typeof(total), total FROM orders").fetchall(),
               [("text", "0.3")])
        # A column of type ANY keeps the REAL, and the check judges it.
        conn.execute("CREATE TABLE anyorders(total ANY CHECK "
                     "(money_check(total, 'USD'))) STRICT")
        err = outcome(lambda: conn.execute("INSERT INTO anyorders VALUES (?)", (0.1 + 0.2,)))
        expect("python-money-float-into-any-column-refused-DataError-26130",
               (type(err), getattr(err, "sqlite_errorcode", None)),
               (sqlite3.DataError, 26130))
    conn.close()

    # SQLAlchemy: Numeric sends floats on SQLite, a TypeDecorator sends text.
    class MoneyText(sa.types.TypeDecorator):
        impl = sa.String
        cache_ok = True

        def process_bind_param(self, value, dialect):
            return None if value is None else str(value)

        def process_result_value(self, value, dialect):
            return None if value is None else decimal.Decimal(value)

    engine = sa.create_engine("sqlite://")
    sa.event.listen(engine, "connect", load_richcheck)
    meta = sa.MetaData()
    exact = sa.Table("exact", meta, sa.Column("amount", MoneyText),
                     sa.CheckConstraint("money_check(amount, 'USD', 'exact.amount')"))
    lossy = sa.Table("lossy", meta, sa.Column("amount", sa.Numeric(12, 2)),
                     sa.CheckConstraint("money_check(amount, 'USD', 'lossy.amount')"))
    meta.create_all(engine)

    def insert(table, amount):
        with engine.begin() as c:
            c.execute(table.insert(), {"amount": amount})

    with guard("python-money-sqlalchemy"):
        insert(exact, decimal.Decimal("19.99"))
        err = outcome(lambda: insert(exact, decimal.Decimal("12.345")))
        expect("python-money-sqlalchemy-text-12.345-is-IntegrityError-26387",
               (type(err), getattr(getattr(err, "orig", None), "sqlite_errorcode", None)),
               (sa.exc.IntegrityError, 26387))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            err = outcome(lambda: insert(lossy, decimal.Decimal("12.345")))
        # Numeric sent the float 12.345, which the check refuses as a REAL.
        expect("python-money-sqlalchemy-numeric-sends-a-real-DataError-26130",
               (type(err), getattr(getattr(err, "orig", None), "sqlite_errorcode", None)),
               (sa.exc.DataError, 26130))
        with engine.connect() as c:
            expect("python-money-sqlalchemy-text-reads-back-exact",
                   c.execute(sa.select(exact.c.amount)).scalars().all(),
                   [decimal.Decimal("19.99")])
    engine.dispose()


# ------------------------------------------------------------------ rules


def test_rules():
    # Both kinds of declared rule: triggers (the default) and 'check'.
    for kind, pre in ((None, "python-rules"), ("check", "python-rules-check")):
        conn = connect()
        conn.execute("CREATE TABLE members(email TEXT, nick TEXT)")
        conn.execute("SELECT richcheck_add_rule('members', 'email', 'email', ?1), "
                     "richcheck_add_rule('members', 'nick', 'length(1, 5)', ?1)", (kind,))
        for slug, row, exc, code, message in [
            ("email", ("bob@@example.com", "bob"), sqlite3.IntegrityError, 25619,
             'members.email: invalid email address "bob@@example.com": more than one @'),
            ("too-long", ("bob@example.com", "bobbybob"), sqlite3.DataError, 25618,
             "members.nick: value too long (8 characters, maximum 5)"),
        ]:
            with guard(f"{pre}-{slug}"):
                err = outcome(lambda: conn.execute("INSERT INTO members VALUES (?, ?)", row))
                expect(f"{pre}-{slug}-is-{exc.__name__}-{code}",
                       (type(err), getattr(err, "sqlite_errorcode", None), str(err)),
                       (exc, code, message))
        with guard(f"{pre}-executemany"):
            # One bad row: executemany stops there, and the rows before it
            # stay (each row is its own statement), as with any constraint.
            conn.commit()
            err = outcome(lambda: conn.executemany(
                "INSERT INTO members VALUES (?, ?)",
                [("a@example.com", "a"), ("b@@example.com", "b"), ("c@example.com", "c")]))
            conn.commit()
            expect(f"{pre}-executemany-stops-at-the-bad-row",
                   (getattr(err, "sqlite_errorcode", None),
                    conn.execute("SELECT group_concat(nick) FROM members").fetchone()[0]),
                   (25619, "a"))
        conn.close()


# ---------------------------------------------- 6. usage errors and reloads


def test_usage_and_reload():
    """Bad SQL is OperationalError (plain SQLITE_ERROR), not a data failure;
    loading again through the C API starts in 'extended' mode."""
    conn = connect()
    e = outcome(lambda: conn.execute("SELECT length_check('a', 5, 3)"))
    expect("python-6.1-usage-error-is-OperationalError", type(e), sqlite3.OperationalError)
    expect("python-6.2-usage-error-code-is-plain-1", getattr(e, "sqlite_errorcode", None), 1)
    expect("python-6.3-usage-error-message", str(e),
           "length_check: min (5) is greater than max (3)")
    conn.execute("SELECT richcheck_error_mode('compat')")
    load_richcheck(conn)
    expect("python-6.4-reload-through-c-api-resets-mode",
           conn.execute("SELECT richcheck_error_mode()").fetchone()[0], "extended")
    conn.execute("SELECT richcheck_error_mode('compat')")
    conn.enable_load_extension(True)
    conn.execute("SELECT load_extension(?)", (RICHCHECK_SO,))
    conn.enable_load_extension(False)
    expect("python-6.5-reload-through-sql-keeps-mode",
           conn.execute("SELECT richcheck_error_mode()").fetchone()[0], "compat")
    conn.close()


# ------------------------------------------------------------------ main


def main():
    if sys.version_info < (3, 11):
        # sqlite_errorcode and sqlite_errorname appeared in Python 3.11.
        report("python-0-needs-python-3.11", False, sys.version)
        return 1
    sections = [test_extended_codes, test_transaction_survives, test_multi_row,
                test_compat_mode, test_sqlalchemy, test_money, test_rules,
                test_usage_and_reload]
    for n, section in enumerate(sections, 1):
        with guard(f"python-{n}-{section.__name__}"):
            section()
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
