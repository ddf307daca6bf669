"""pkg_sqlalchemy.py BUILD - richcheck.sqlalchemy as a user gets it: install()
(loading, pgcode/pgerror/sqlstate on DBAPI exceptions), enforce_lengths(),
the types Email and Money, the constraint Rule, naming conventions, the DDL
and its reflection, Alembic autogenerate and batch copies, and a
Flask-SQLAlchemy application.

Run by test/python_sqlalchemy.test with the python of a venv that the
wheel was installed into (never the source tree)."""
import contextlib
import io
import os
import sqlite3
import sys
import types
import warnings
from decimal import Decimal

warnings.simplefilter("default")  # a warning is a line of output: a failure

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event, exc, select  # noqa: E402
from sqlalchemy.orm import Session, declarative_base  # noqa: E402

import richcheck  # noqa: E402
import richcheck.sqlalchemy as rc  # noqa: E402
from rcchecks import expect, finish, guard, outcome, report, scratch  # noqa: E402

BUILD = os.path.abspath(sys.argv[1])
SOURCE_ROOT = os.path.dirname(BUILD)


def engine_for(path=None, **kw):
    url = "sqlite://" if path is None else "sqlite:///" + path
    return sa.create_engine(url, future=True, **kw)


def schema_sql(conn, name):
    return conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE name = ?", (name,)).scalar()


def failure(err):
    """What an exception is, as a test compares it."""
    orig = getattr(err, "orig", None)
    return (type(err), getattr(orig, "sqlite_errorcode", None),
            getattr(orig, "sqlite_errorname", None),
            getattr(orig, "pgcode", None), str(orig))


# ------------------------------------------------------------ 1. install

with guard("sqla-1"):
    report("sqla-1.0-imported-from-the-venv",
           os.path.abspath(rc.__file__).startswith(
               os.path.abspath(sys.prefix) + os.sep)
           and not os.path.abspath(rc.__file__).startswith(SOURCE_ROOT + os.sep),
           rc.__file__)
    engine = engine_for(scratch("install.db"))
    expect("sqla-1.1-install-returns-the-engine", rc.install(engine) is engine,
           True)
    with engine.connect() as c:
        expect("sqla-1.2-create-engine-connections-have-richcheck",
               c.execute(sa.text("SELECT richcheck_version()")).scalar(),
               richcheck.__version__)
        err = outcome(c.execute, sa.text("SELECT load_extension('nosuch')"))
        expect("sqla-1.3-extension-loading-is-off-again",
               (type(err), str(err.orig)),
               (exc.OperationalError, "not authorized"))

    # a pooled connection opened before install(): loaded at checkout
    engine = engine_for()  # SingletonThreadPool: one connection, kept
    with engine.connect() as c:
        err = outcome(c.execute, sa.text("SELECT richcheck_version()"))
        before = type(err)
    rc.install(engine)
    with engine.connect() as c:
        after = c.execute(sa.text("SELECT richcheck_version()")).scalar()
        record = c.connection._connection_record
    expect("sqla-1.4-a-connection-opened-before-install-is-loaded-at-checkout",
           (before, after, record.info.get("richcheck.loaded")),
           (exc.OperationalError, richcheck.__version__, True))

    def counts(e):
        return (len(e.pool.dispatch.connect), len(e.pool.dispatch.checkout),
                len(e.dispatch.handle_error))

    once = counts(engine)
    rc.install(engine)
    rc.install(engine)
    expect("sqla-1.5-installing-again-registers-nothing",
           (counts(engine), counts(engine_for())[0] + 1 == once[0]),
           (once, True))
    with engine.connect() as c:
        expect("sqla-1.6-still-works-after-installing-again",
               c.execute(sa.text("SELECT length_valid('abc', 0, 2)")).scalar(), 0)

    err = outcome(rc.install, sqlite3.connect(":memory:"))
    expect("sqla-1.7-not-an-engine", (type(err), str(err)),
           (TypeError, "richcheck.sqlalchemy.install() takes an Engine, not "
            "Connection"))
    pg = sa.create_engine("postgresql+pg8000://", module=types.SimpleNamespace(
        paramstyle="format", __version__="1.29.0"))
    err = outcome(rc.install, pg)
    expect("sqla-1.8-not-sqlite", (type(err), str(err)),
           (ValueError, "richcheck.sqlalchemy.install(): richcheck is a SQLite "
            "extension; this engine is postgresql"))

# ---------------------------------------------- 2. errors, psycopg2-style

with guard("sqla-2"):
    engine = rc.install(engine_for(scratch("errors.db")))
    with engine.begin() as c:
        c.exec_driver_sql(
            "CREATE TABLE p(id INTEGER PRIMARY KEY)")
        c.exec_driver_sql(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, u TEXT UNIQUE, "
            "n TEXT NOT NULL DEFAULT 'n', "
            "k INTEGER CONSTRAINT k_positive CHECK (k > 0), "
            "p INTEGER REFERENCES p(id), "
            "s TEXT CHECK (length_check(s, 0, 3, 't.s')), "
            "e TEXT CHECK (email_check(e, 't.e')))")
        c.exec_driver_sql("INSERT INTO t(u) VALUES ('a')")
    CASES = [
        ("unique", "INSERT INTO t(u) VALUES ('a')",
         (exc.IntegrityError, 2067, "SQLITE_CONSTRAINT_UNIQUE", "23505",
          "UNIQUE constraint failed: t.u")),
        ("not-null", "INSERT INTO t(n) VALUES (NULL)",
         (exc.IntegrityError, 1299, "SQLITE_CONSTRAINT_NOTNULL", "23502",
          "NOT NULL constraint failed: t.n")),
        ("foreign-key", "INSERT INTO t(p) VALUES (7)",
         (exc.IntegrityError, 787, "SQLITE_CONSTRAINT_FOREIGNKEY", "23503",
          "FOREIGN KEY constraint failed")),
        ("check", "INSERT INTO t(k) VALUES (0)",
         (exc.IntegrityError, 275, "SQLITE_CONSTRAINT_CHECK", "23514",
          "CHECK constraint failed: k_positive")),
        ("richcheck-too-long", "INSERT INTO t(s) VALUES ('abcd')",
         (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
          "t.s: value too long (4 characters, maximum 3)")),
        ("richcheck-email", "INSERT INTO t(e) VALUES ('bob@@example.com')",
         (exc.IntegrityError, 25619, "RICHCHECK_EMAIL", "23514",
          't.e: invalid email address "bob@@example.com": more than one @')),
        ("syntax-error-has-no-sqlstate", "SELEC 1",
         (exc.OperationalError, 1, "SQLITE_ERROR", None,
          'near "SELEC": syntax error')),
    ]
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA foreign_keys = ON")
        for i, (name, sql, want) in enumerate(CASES, 1):
            err = outcome(c.exec_driver_sql, sql)
            expect(f"sqla-2.{i}-{name}", failure(err), want)
            report(f"sqla-2.{i}-{name}-sqlstate-and-pgerror",
                   err.orig.sqlstate == want[3]
                   and err.orig.pgerror == want[4], vars(err.orig))
            c.rollback()
        # code written for psycopg2
        try:
            c.exec_driver_sql("INSERT INTO t(u) VALUES ('a')")
            said = "no error"
        except exc.IntegrityError as e:
            said = "duplicate" if e.orig.pgcode == "23505" else e.orig.pgcode
        expect("sqla-2.8-code-written-for-psycopg2", said, "duplicate")
        c.rollback()
        # ORM flush: the same attributes on the exception the session raises
    md = sa.MetaData()
    rc.enforce_lengths(md)
    table = sa.Table("orm_t", md, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("name", sa.String(3)))
    md.create_all(engine)
    Base2 = declarative_base(metadata=md)

    class OrmT(Base2):
        __table__ = table

    with Session(engine, future=True) as s:
        s.add(OrmT(name="abcd"))
        err = outcome(s.commit)
        expect("sqla-2.9-session-flush-error", failure(err),
               (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
                "orm_t.name: value too long (4 characters, maximum 3)"))
        s.rollback()
        expect("sqla-2.10-describe-of-the-sqlalchemy-exception",
               tuple(richcheck.describe(err)),
               (25618, "RICHCHECK_TOO_LONG", "22001", "data", "orm_t.name",
                "orm_t.name: value too long (4 characters, maximum 3)"))

# ---------------------------------------------------- 3. enforce_lengths

with guard("sqla-3"):
    Base = declarative_base()
    before = sa.Table("early", Base.metadata,
                      sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("code", sa.String(8)))
    expect("sqla-3.1-enforce-lengths-returns-the-metadata",
           rc.enforce_lengths(Base.metadata) is Base.metadata, True)
    rc.enforce_lengths(Base.metadata)  # twice: nothing twice

    class Skip(sa.types.TypeDecorator):
        impl = sa.String(10)
        cache_ok = True

    class User(Base):  # defined after the call
        __tablename__ = "users"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(64), nullable=False)
        nick = sa.Column(sa.Unicode(20))
        code = sa.Column(sa.VARCHAR(5))
        initials = sa.Column(sa.CHAR(3))
        bio = sa.Column(sa.Text)
        kind = sa.Column(sa.Enum("a", "b", name="kind"))
        other = sa.Column(Skip)
        free = sa.Column(sa.String)

    def checks(table):
        return sorted((c.name, str(c.sqltext)) for c in table.constraints
                      if isinstance(c, sa.CheckConstraint))

    expect("sqla-3.2-string-columns-of-a-model-defined-later",
           [n for n, _ in checks(User.__table__)],
           ["users_code_length", "users_initials_length", "users_name_length",
            "users_nick_length"])
    expect("sqla-3.3-a-table-made-before-the-call", [n for n, _ in checks(before)],
           ["early_code_length"])
    rc.enforce_lengths(Base.metadata)
    expect("sqla-3.4-idempotent", (len(checks(User.__table__)), len(checks(before))),
           (4, 1))

    path = scratch("lengths.db")
    engine = rc.install(engine_for(path))
    Base.metadata.create_all(engine)
    with engine.connect() as c:
        expect("sqla-3.5-create-all-ddl", schema_sql(c, "users"),
               "CREATE TABLE users (\n"
               "\tid INTEGER NOT NULL, \n"
               "\tname VARCHAR(64) NOT NULL, \n"
               "\tnick VARCHAR(20), \n"
               "\tcode VARCHAR(5), \n"
               "\tinitials CHAR(3), \n"
               "\tbio TEXT, \n"
               "\tkind VARCHAR(1), \n"
               "\tother VARCHAR(10), \n"
               "\tfree VARCHAR, \n"
               "\tPRIMARY KEY (id), \n"
               "\tCONSTRAINT users_name_length CHECK "
               "(length_check(name, 0, 64, 'users.name')), \n"
               "\tCONSTRAINT users_nick_length CHECK "
               "(length_check(nick, 0, 20, 'users.nick')), \n"
               "\tCONSTRAINT users_code_length CHECK "
               "(length_check(code, 0, 5, 'users.code')), \n"
               "\tCONSTRAINT users_initials_length CHECK "
               "(length_check(initials, 0, 3, 'users.initials'))\n"
               ")")
        expect("sqla-3.6-reflected-check-constraints",
               sa.inspect(c).get_check_constraints("users"),
               [{"sqltext": "length_check(name, 0, 64, 'users.name')",
                 "name": "users_name_length"},
                {"sqltext": "length_check(nick, 0, 20, 'users.nick')",
                 "name": "users_nick_length"},
                {"sqltext": "length_check(code, 0, 5, 'users.code')",
                 "name": "users_code_length"},
                {"sqltext": "length_check(initials, 0, 3, 'users.initials')",
                 "name": "users_initials_length"}])
    with Session(engine, future=True) as s:
        s.add(User(name="x" * 64, nick="é" * 20))
        s.commit()
        s.add(User(name="x" * 65))
        err = outcome(s.commit)
        expect("sqla-3.7-over-long-is-a-data-error-22001", failure(err),
               (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
                "users.name: value too long (65 characters, maximum 64)"))
        s.rollback()
        s.add(User(name="n", nick="é" * 21))
        err = outcome(s.commit)
        expect("sqla-3.8-characters-not-bytes", str(err.orig),
               "users.nick: value too long (21 characters, maximum 20)")
        s.rollback()
        s.add(User(name="n", bio="x" * 10000, free="y" * 10000, kind="a"))
        s.commit()
        expect("sqla-3.9-text-enum-typedecorator-unbounded-unchecked",
               s.execute(select(sa.func.count()).select_from(User)).scalar(), 2)

    # naming conventions
    def names(convention, **kw):
        md = sa.MetaData(naming_convention=convention)
        rc.enforce_lengths(md)
        t = sa.Table("users", md, sa.Column("name", sa.String(3)), **kw)
        return [c.name for c in t.constraints if isinstance(c, sa.CheckConstraint)]

    expect("sqla-3.10-convention-with-constraint-name",
           names({"ck": "ck_%(table_name)s_%(constraint_name)s"}),
           ["ck_users_name_length"])
    expect("sqla-3.11-convention-with-column-0-name",
           names({"ck": "ck_%(table_name)s_%(column_0_name)s"}),
           ["ck_users_name"])
    expect("sqla-3.12-convention-without-ck", names({"ix": "ix_%(column_0_label)s"}),
           ["users_name_length"])

    # a reflected table that has the constraints already: not twice (its
    # Enum and TypeDecorator columns are reflected as the VARCHAR(n) they
    # are, and get a length check)
    md = sa.MetaData()
    rc.enforce_lengths(md)
    t = sa.Table("users", md, autoload_with=engine)
    expect("sqla-3.13-reflected-into-enforced-metadata-not-twice", sorted(
        c.name for c in t.constraints if isinstance(c, sa.CheckConstraint)),
        ["users_code_length", "users_initials_length", "users_kind_length",
         "users_name_length", "users_nick_length", "users_other_length"])

    # hostile names
    md = sa.MetaData()
    rc.enforce_lengths(md)
    name = "we\"ird'; DROP TABLE keep;--"
    col = "n'a\"m%e) --"
    t = sa.Table(name, md, sa.Column(col, sa.String(3)))
    engine = rc.install(engine_for(scratch("hostile.db")))
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE keep(x)")
        md.create_all(c)
    with engine.connect() as c:
        err = outcome(c.execute, t.insert().values({col: "abcd"}))
        c.rollback()
        expect("sqla-3.14-quoted-names-neither-break-nor-inject",
               (failure(err)[0], str(err.orig),
                c.exec_driver_sql("SELECT count(*) FROM keep").scalar()),
               (exc.DataError,
                f"{name}.{col}: value too long (4 characters, maximum 3)", 0))
    # Table.to_metadata() into an enforced metadata: the copy's own, once
    md = sa.MetaData()
    rc.enforce_lengths(md)
    copy = User.__table__.to_metadata(md)
    expect("sqla-3.15-to-metadata-not-twice", sorted(
        c.name for c in copy.constraints if isinstance(c, sa.CheckConstraint)),
        ["users_code_length", "users_initials_length", "users_name_length",
         "users_nick_length"])
    err = outcome(rc.enforce_lengths, "metadata")
    expect("sqla-3.16-not-a-metadata", (type(err), str(err)),
           (TypeError, "richcheck.sqlalchemy.enforce_lengths() takes a "
            "MetaData, not str"))

# --------------------------------------------------------------- 4. Email

with guard("sqla-4"):
    Base = declarative_base()

    class Account(Base):
        __tablename__ = "accounts"
        id = sa.Column(sa.Integer, primary_key=True)
        email = sa.Column(rc.Email(), nullable=False, unique=True)
        intranet = sa.Column(rc.Email(length=100, flags="local"))
        loose = sa.Column(rc.Email(length=None))

    engine = rc.install(engine_for(scratch("email.db")))
    Base.metadata.create_all(engine)
    with engine.connect() as c:
        expect("sqla-4.1-ddl", schema_sql(c, "accounts"),
               "CREATE TABLE accounts (\n"
               "\tid INTEGER NOT NULL, \n"
               "\temail VARCHAR(254) NOT NULL, \n"
               "\tintranet VARCHAR(100), \n"
               "\tloose VARCHAR, \n"
               "\tPRIMARY KEY (id), \n"
               "\tUNIQUE (email), \n"
               "\tCONSTRAINT accounts_email_email CHECK "
               "(length_check(email, 0, 254, 'accounts.email') AND "
               "email_check(email, 'accounts.email')), \n"
               "\tCONSTRAINT accounts_intranet_email CHECK "
               "(length_check(intranet, 0, 100, 'accounts.intranet') AND "
               "email_check(intranet, 'accounts.intranet', 'local')), \n"
               "\tCONSTRAINT accounts_loose_email CHECK "
               "(email_check(loose, 'accounts.loose'))\n"
               ")")
        expect("sqla-4.2-reflected", [d["name"] for d in
                                      sa.inspect(c).get_check_constraints("accounts")],
               ["accounts_email_email", "accounts_intranet_email",
                "accounts_loose_email"])
    with Session(engine, future=True) as s:
        s.add(Account(email="Zoë@BÜCHER.de", intranet="ann@intranet"))
        s.commit()
        expect("sqla-4.3-stored-as-given", s.execute(
            select(Account.email, Account.intranet, Account.loose)).one(),
            ("Zoë@BÜCHER.de", "ann@intranet", None))
        s.add(Account(email="bob@@example.com"))
        err = outcome(s.commit)
        expect("sqla-4.4-invalid-address", failure(err),
               (exc.IntegrityError, 25619, "RICHCHECK_EMAIL", "23514",
                'accounts.email: invalid email address "bob@@example.com": '
                "more than one @"))
        s.rollback()
        s.add(Account(email="ann@example.com", intranet="x" * 96 + "@host"))
        err = outcome(s.commit)
        expect("sqla-4.5-too-long-is-checked-first", failure(err),
               (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
                "accounts.intranet: value too long (101 characters, maximum 100)"))
        s.rollback()
        s.add(Account(email="ann@intranet"))
        err = outcome(s.commit)
        expect("sqla-4.6-flags-are-per-column", (type(err), err.orig.pgcode),
               (exc.IntegrityError, "23514"))
        s.rollback()
        s.add(Account(email="Zoë@BÜCHER.de"))
        err = outcome(s.commit)
        expect("sqla-4.7-unique-23505", (type(err), err.orig.pgcode),
               (exc.IntegrityError, "23505"))
        s.rollback()
    err = outcome(rc.Email, flags="htm5")
    expect("sqla-4.8-unknown-flag-at-definition", (type(err), str(err)),
           (ValueError, "Email: email_valid: unknown flag 'htm5': use html5, "
            "rfc, quoted, literal, ascii, test-env or local"))
    expect("sqla-4.9-repr", (repr(rc.Email()), repr(rc.Email(100, "html5")),
                             repr(rc.Email(length=None))),
           ("Email(length=254)", "Email(length=100, flags='html5')",
            "Email(length=None)"))

# ---------------------------------------------------------------- 5. Rule

with guard("sqla-5"):
    Base = declarative_base()

    class Person(Base):
        __tablename__ = "people"
        id = sa.Column(sa.Integer, primary_key=True)
        email = sa.Column(sa.Text)
        handle = sa.Column(sa.Text)
        tip = sa.Column(sa.Text)
        __table_args__ = (rc.Rule("email", "email; length(1, 64)"),
                          rc.Rule("tip", "money(USD, 0)", name="tip_ok"))

    Person.__table__.append_constraint(rc.Rule(Person.__table__.c.handle,
                                               "length(1, 20, graphemes)"))
    engine = rc.install(engine_for(scratch("rule.db")))
    Base.metadata.create_all(engine)
    with engine.connect() as c:
        expect("sqla-5.1-ddl", schema_sql(c, "people"),
               "CREATE TABLE people (\n"
               "\tid INTEGER NOT NULL, \n"
               "\temail TEXT, \n"
               "\thandle TEXT, \n"
               "\ttip TEXT, \n"
               "\tPRIMARY KEY (id), \n"
               "\tCONSTRAINT people_email_rule CHECK "
               "(richcheck(email, 'email; length(1, 64)', 'people.email')), \n"
               "\tCONSTRAINT tip_ok CHECK "
               "(richcheck(tip, 'money(USD, 0)', 'people.tip')), \n"
               "\tCONSTRAINT people_handle_rule CHECK "
               "(richcheck(handle, 'length(1, 20, graphemes)', 'people.handle'))\n"
               ")")
        expect("sqla-5.2-reflected", sa.inspect(c).get_check_constraints("people"),
               [{"sqltext": "richcheck(email, 'email; length(1, 64)', "
                 "'people.email')", "name": "people_email_rule"},
                {"sqltext": "richcheck(tip, 'money(USD, 0)', 'people.tip')",
                 "name": "tip_ok"},
                {"sqltext": "richcheck(handle, 'length(1, 20, graphemes)', "
                 "'people.handle')", "name": "people_handle_rule"}])
    with Session(engine, future=True) as s:
        for i, (what, values, want) in enumerate([
                ("email", dict(email="bob@@example.com"),
                 (exc.IntegrityError, 25619, "RICHCHECK_EMAIL", "23514",
                  'people.email: invalid email address "bob@@example.com": '
                  "more than one @")),
                ("length-after-email", dict(email="a" * 60 + "@example.com"),
                 (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
                  "people.email: value too long (72 characters, maximum 64)")),
                ("too-short-graphemes", dict(handle=""),
                 (exc.IntegrityError, 26131, "RICHCHECK_TOO_SHORT", "23514",
                  "people.handle: value too short (0 graphemes, minimum 1)")),
                ("money-bound", dict(tip="-1"),
                 (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514",
                  "people.tip: amount -1.00 USD is below the minimum 0.00")),
                ], 3):
            s.add(Person(**values))
            err = outcome(s.commit)
            expect(f"sqla-5.{i}-refused-{what}", failure(err), want)
            s.rollback()
        s.add(Person(email="ann@example.com", handle="👩‍👩‍👧", tip="1.50"))
        s.commit()
        expect("sqla-5.7-good-rows-pass",
               s.execute(select(sa.func.count()).select_from(Person)).scalar(), 1)

    def rule_name(convention, *args, **kw):
        md = sa.MetaData(naming_convention=convention)
        t = sa.Table("users", md, sa.Column("email", sa.Text),
                     rc.Rule("email", *args, **kw))
        return [c.name for c in t.constraints if isinstance(c, sa.CheckConstraint)]

    expect("sqla-5.8-rule-names", (
        rule_name({}, "email"),
        rule_name({"ck": "ck_%(table_name)s_%(constraint_name)s"}, "email"),
        rule_name({"ck": "ck_%(table_name)s_%(column_0_name)s"}, "email"),
        rule_name({"ck": "ck_%(table_name)s_%(constraint_name)s"}, "email",
                  name="mine")),
        (["users_email_rule"], ["ck_users_email_rule"], ["ck_users_email"],
         ["ck_users_mine"]))
    err = outcome(rc.Rule, "email", "emial")
    expect("sqla-5.9-bad-spec-at-definition", (type(err), str(err)),
           (ValueError, "Rule: richcheck_valid: spec \"emial\", position 1: "
            "unknown rule 'emial': the rules are email, length, money, number, date, time, datetime, uuid or pattern"))
    err = outcome(sa.Table, "t9", sa.MetaData(), sa.Column("a", sa.Text),
                  rc.Rule("b", "email"))
    expect("sqla-5.10-no-such-column", (type(err), str(err)),
           (exc.ArgumentError, "Rule: table 't9' has no column 'b'"))
    err = outcome(sa.Column, "a", sa.Text, rc.Rule("a", "email"))
    expect("sqla-5.11-not-on-a-column", (type(err), str(err)),
           (exc.ArgumentError, "Rule is a table-level constraint: give it to "
            "the Table (or __table_args__), not to a Column"))
    # hostile names and specs: quoted, never run
    md = sa.MetaData()
    name = "we\"ird'; DROP TABLE keep;--"
    col = "c'); DROP TABLE keep;--"
    t = sa.Table(name, md, sa.Column(col, sa.Text),
                 rc.Rule(col, "length(0, 2)"))
    engine = rc.install(engine_for(scratch("rule-hostile.db")))
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE keep(x)")
        md.create_all(c)
    with engine.connect() as c:
        err = outcome(c.execute, t.insert().values({col: "abc"}))
        c.rollback()
        expect("sqla-5.12-hostile-names",
               (str(err.orig), c.exec_driver_sql("SELECT count(*) FROM keep").scalar()),
               (f"{name}.{col}: value too long (3 characters, maximum 2)", 0))

# ----------------------------------------------- 6. Alembic: autogenerate

ALEMBIC_ENV = '''
import sqlalchemy as sa
from alembic import context
import richcheck.sqlalchemy as rc
import {models}

config = context.config
engine = rc.install(sa.create_engine(config.get_main_option("sqlalchemy.url"),
                                     future=True))
render = config.get_main_option("rc_render_item") == "yes"
with engine.connect() as connection:
    context.configure(connection=connection,
                      target_metadata={models}.Base.metadata,
                      render_item=rc.render_item if render else None)
    with context.begin_transaction():
        context.run_migrations()
'''

MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import declarative_base
import richcheck.sqlalchemy as rc

Base = declarative_base(metadata=sa.MetaData(naming_convention={{
    "ck": "ck_%(table_name)s_%(constraint_name)s"}}))
rc.enforce_lengths(Base.metadata)


class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.Integer, primary_key=True)
    ref = sa.Column(sa.String(10), nullable=False)
    email = sa.Column(rc.Email(), nullable=False)
    {money}
    __table_args__ = (rc.Rule("ref", "length(2, 10)"),)
'''


def alembic_project(name, money="", render_item=False):
    from alembic.config import Config
    where = scratch(name)
    os.makedirs(os.path.join(where, "versions"))
    models = f"models_{name.replace('-', '_')}"
    with open(os.path.join(where, models + ".py"), "w") as f:
        f.write(MODELS.format(money=money))
    with open(os.path.join(where, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV.format(models=models))
    import alembic
    template = os.path.join(os.path.dirname(alembic.__file__), "templates",
                            "generic", "script.py.mako")
    with open(template) as src, open(os.path.join(where, "script.py.mako"),
                                      "w") as dst:
        dst.write(src.read())
    sys.path.insert(0, where)
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", where)
    cfg.set_main_option("sqlalchemy.url",
                        "sqlite:///" + os.path.join(where, "app.db"))
    cfg.set_main_option("rc_render_item", "yes" if render_item else "no")
    return where, cfg


def autogenerate(where, cfg):
    from alembic import command
    with contextlib.redirect_stdout(io.StringIO()):  # "Generating ..."
        script = command.revision(cfg, message="init", autogenerate=True)
    with open(script.path) as f:
        return f.read()


def checks_in_db(cfg):
    url = cfg.get_main_option("sqlalchemy.url")
    engine = rc.install(sa.create_engine(url, future=True))
    with engine.connect() as c:
        return schema_sql(c, "orders"), sa.inspect(c).get_check_constraints("orders")


with guard("sqla-6"):
    from alembic import command
    where, cfg = alembic_project("alembic-email")
    text = autogenerate(where, cfg)
    report("sqla-6.1-autogenerate-renders-the-email-type",
           "sa.Column('email', richcheck.sqlalchemy.Email(length=254), "
           "nullable=False)" in text, text)
    report("sqla-6.2-autogenerate-renders-no-email-check",
           "email_check" not in text and "length_check(email" not in text, text)
    report("sqla-6.3-autogenerate-keeps-the-length-and-rule-checks",
           "sa.CheckConstraint(\"length_check(ref, 0, 10, 'orders.ref')\", "
           "name=op.f('ck_orders_ref_length'))" in text
           and "sa.CheckConstraint(\"richcheck(ref, 'length(2, 10)', "
           "'orders.ref')\", name=op.f('ck_orders_ref_rule'))" in text, text)
    report("sqla-6.4-without-render-item-no-import-is-added",
           "import richcheck" not in text, text)
    where2, cfg2 = alembic_project("alembic-render", render_item=True)
    text = autogenerate(where2, cfg2)
    report("sqla-6.5-render-item-adds-the-import",
           "\nimport richcheck.sqlalchemy\n" in text, text)
    command.upgrade(cfg2, "head")
    sql, reflected = checks_in_db(cfg2)
    expect("sqla-6.6-create-table-from-autogenerate-has-one-email-check",
           (sql.count("email_check("), sql.count("CHECK ("),
            sorted(d["name"] for d in reflected)),
           (1, 3, ["ck_orders_email_email", "ck_orders_ref_length",
                   "ck_orders_ref_rule"]))

# --------------------------------------------------- 7. Alembic: batch

with guard("sqla-7"):
    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    md = sa.MetaData()
    rc.enforce_lengths(md)
    users = sa.Table("users", md, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("name", sa.String(5)),
                     sa.Column("email", rc.Email(length=40)),
                     rc.Rule("name", "length(1, 5)"))
    engine = rc.install(engine_for(scratch("batch.db")))
    md.create_all(engine)
    with engine.begin() as c:
        op = Operations(MigrationContext.configure(c))
        with op.batch_alter_table("users", recreate="always") as b:
            b.add_column(sa.Column("age", sa.Integer))
    expect("sqla-7.1-batch-copy-keeps-every-check",
           sorted(sa.inspect(engine).get_check_constraints("users"),
                  key=lambda d: d["name"]),
           [{"sqltext": "length_check(email, 0, 40, 'users.email') AND "
             "email_check(email, 'users.email')", "name": "users_email_email"},
            {"sqltext": "length_check(name, 0, 5, 'users.name')",
             "name": "users_name_length"},
            {"sqltext": "richcheck(name, 'length(1, 5)', 'users.name')",
             "name": "users_name_rule"}])
    with engine.connect() as c:
        err = outcome(c.exec_driver_sql,
                      "INSERT INTO users(name, email) VALUES ('abcdef', 'a@b.com')")
        expect("sqla-7.2-still-enforced-after-batch", str(err.orig),
               "users.name: value too long (6 characters, maximum 5)")
    # a batch copy from the model's Table (copy_from): the types make their
    # CHECKs again, named and labelled for the table, not its temporary copy
    with engine.begin() as c:
        op = Operations(MigrationContext.configure(c))
        with op.batch_alter_table("users", recreate="always",
                                  copy_from=users) as b:
            b.alter_column("name", existing_type=sa.String(5), nullable=True)
        copied = schema_sql(c, "users")
    report("sqla-7.3-copy-from-keeps-the-types-checks",
           "CONSTRAINT users_email_email CHECK (length_check(email, 0, 40, "
           "'users.email') AND email_check(email, 'users.email'))" in copied
           and "_alembic_tmp" not in copied
           and copied.count("email_check(") == 1, copied)

# ---------------------------------------------------- 8. Flask-SQLAlchemy

with guard("sqla-8"):
    from flask import Flask
    from flask_sqlalchemy import SQLAlchemy
    app = Flask("rcapp", instance_path=scratch("flask-instance"))
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + scratch("flask.db")
    db = SQLAlchemy(app)
    rc.enforce_lengths(db.metadata)

    class Member(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        name = db.Column(db.String(64), nullable=False)
        email = db.Column(rc.Email())

    with app.app_context():
        expect("sqla-8.1-install-db-engine", rc.install(db.engine) is db.engine,
               True)
        db.create_all()
        db.session.add(Member(name="ann", email="ann@example.com"))
        db.session.commit()
        db.session.add(Member(name="x" * 65))
        err = outcome(db.session.commit)
        expect("sqla-8.2-commit-fails-with-data-error", failure(err),
               (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
                "member.name: value too long (65 characters, maximum 64)"))
        db.session.rollback()
        db.session.add(Member(name="bob", email="bob@example.com"))
        db.session.commit()
        expect("sqla-8.3-session-usable-after-rollback-earlier-rows-kept",
               db.session.execute(select(Member.name).order_by(Member.id))
               .scalars().all(), ["ann", "bob"])
        db.session.add(Member(name="eve", email="eve@@example.com"))
        err = outcome(db.session.commit)
        expect("sqla-8.4-email-integrity-error", failure(err),
               (exc.IntegrityError, 25619, "RICHCHECK_EMAIL", "23514",
                'member.email: invalid email address "eve@@example.com": '
                "more than one @"))
        db.session.rollback()
        db.session.remove()

# ---------------------------------------------------------------- 9. Money

with guard("sqla-9"):
    Base = declarative_base()
    rc.enforce_lengths(Base.metadata)

    class Order(Base):
        __tablename__ = "orders"
        id = sa.Column(sa.Integer, primary_key=True)
        total = sa.Column(rc.Money("USD", min=0, max="1000000"))
        big = sa.Column(rc.Money("USD"))
        note = sa.Column(rc.Money("USD", layout="text", min="0"))
        yen = sa.Column(rc.Money("JPY"))

    engine = rc.install(engine_for(scratch("money.db")))
    Base.metadata.create_all(engine)
    with engine.connect() as c:
        expect("sqla-9.1-ddl", schema_sql(c, "orders"),
               "CREATE TABLE orders (\n"
               "\tid INTEGER NOT NULL, \n"
               "\ttotal INTEGER, \n"
               "\tbig INTEGER, \n"
               "\tnote TEXT, \n"
               "\tyen INTEGER, \n"
               "\tPRIMARY KEY (id), \n"
               "\tCONSTRAINT orders_total_money CHECK (money_check(total, "
               "'USD, minor', 'orders.total', 0, 100000000)), \n"
               "\tCONSTRAINT orders_big_money CHECK (money_check(big, "
               "'USD, minor', 'orders.big')), \n"
               "\tCONSTRAINT orders_note_money CHECK (money_check(note, "
               "'USD', 'orders.note', '0.00')), \n"
               "\tCONSTRAINT orders_yen_money CHECK (money_check(yen, "
               "'JPY, minor', 'orders.yen'))\n"
               ")")
        expect("sqla-9.2-reflected", sa.inspect(c).get_check_constraints("orders"),
               [{"sqltext": "money_check(total, 'USD, minor', 'orders.total', 0, "
                 "100000000)", "name": "orders_total_money"},
                {"sqltext": "money_check(big, 'USD, minor', 'orders.big')",
                 "name": "orders_big_money"},
                {"sqltext": "money_check(note, 'USD', 'orders.note', '0.00')",
                 "name": "orders_note_money"},
                {"sqltext": "money_check(yen, 'JPY, minor', 'orders.yen')",
                 "name": "orders_yen_money"}])

    BIG = Decimal("12345678901234567.89")
    with Session(engine, future=True) as s:
        s.add(Order(id=1, total=Decimal("12.3"), big=BIG, note=BIG,
                    yen=Decimal("500")))
        s.commit()
        s.expire_all()
        got = s.execute(select(Order.total, Order.big, Order.note, Order.yen)
                        .where(Order.id == 1)).one()
        expect("sqla-9.3-exact-round-trip",
               tuple((type(v), str(v)) for v in got),
               ((Decimal, "12.30"), (Decimal, "12345678901234567.89"),
                (Decimal, "12345678901234567.89"), (Decimal, "500")))
        expect("sqla-9.4-stored-as-minor-units-and-canonical-text",
               s.execute(sa.text("SELECT total, big, note, yen FROM orders "
                                 "WHERE id = 1")).one(),
               (1230, 1234567890123456789, "12345678901234567.89", 500))
        s.add(Order(id=2, total=5, note="7.5", big="-0.01"))
        s.add(Order(id=3, total=Decimal("1E+2"), big=Decimal("-0")))
        s.add(Order(id=4))
        s.commit()
        got = s.execute(select(Order.total, Order.note, Order.big)
                        .where(Order.id.in_([2, 3, 4])).order_by(Order.id)).all()
        expect("sqla-9.5-int-is-whole-units-str-is-an-amount-no-exponent-form",
               [tuple(None if v is None else str(v) for v in row) for row in got],
               [("5.00", "7.50", "-0.01"), ("100.00", None, "0.00"),
                (None, None, None)])
        statements = []

        def seen(conn, cursor, statement, *rest):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        s.add(Order(id=5, total=Decimal("1"), note=Decimal("1")))
        s.commit()
        event.remove(engine, "before_cursor_execute", seen)
        expect("sqla-9.6-conversion-in-sql", [x for x in statements
                                               if x.startswith("INSERT")],
               ["INSERT INTO orders (id, total, big, note, yen) VALUES (?, "
                "money_minor(?, 'USD', 'orders.total'), "
                "money_minor(?, 'USD', 'orders.big'), "
                "money_canon(?, 'USD', 'orders.note'), "
                "money_minor(?, 'JPY', 'orders.yen'))"])

        REFUSED = [
            ("scale-str", dict(total="12.345"),
             (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514",
              'orders.total: value "12.345" has 3 decimal places; USD allows 2')),
            ("scale-decimal", dict(total=Decimal("12.345")),
             (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514",
              'orders.total: value "12.345" has 3 decimal places; USD allows 2')),
            ("scale-text-layout", dict(note=Decimal("0.001")),
             (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514",
              'orders.note: value "0.001" has 3 decimal places; USD allows 2')),
            ("below-min", dict(total=-1),
             (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514",
              "orders.total: amount -1.00 USD is below the minimum 0.00")),
            ("above-max", dict(total=Decimal("1000000.01")),
             (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514",
              "orders.total: amount 1000000.01 USD is above the maximum "
              "1000000.00")),
            ("below-min-text-layout", dict(note="-0.01"),
             (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514",
              "orders.note: amount -0.01 USD is below the minimum 0.00")),
            ("not-an-amount", dict(total="12,30"),
             (exc.DataError, 26130, "RICHCHECK_INVALID_TEXT", "22P02",
              'orders.total: invalid input syntax for money: "12,30"')),
            ("nan", dict(big=Decimal("NaN")),
             (exc.DataError, 26130, "RICHCHECK_INVALID_TEXT", "22P02",
              'orders.big: invalid input syntax for money: "NaN"')),
            ("out-of-range", dict(big=Decimal("92233720368547758.08")),
             (exc.DataError, 25874, "RICHCHECK_OVERFLOW", "22003",
              'orders.big: value "92233720368547758.08" is out of range for '
              "money in USD (at most +-92233720368547758.07)")),
            ("yen-has-no-cents", dict(yen=Decimal("1.25")),
             (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514",
              'orders.yen: value "1.25" has 2 decimal places; JPY allows 0')),
        ]
        for i, (what, values, want) in enumerate(REFUSED, 7):
            s.add(Order(**values))
            err = outcome(s.commit)
            expect(f"sqla-9.{i}-refused-{what}", failure(err), want)
            s.rollback()

        for i, value in enumerate([0.1 + 0.2, True], 17):
            s.add(Order(total=value))
            err = outcome(s.commit)
            kind = type(value).__name__
            expect(f"sqla-9.{i}-a-{kind}-is-refused",
                   (type(err), type(err.orig), str(err.orig)),
                   (exc.StatementError, TypeError,
                    f"Money('USD', layout='minor', min='0', max='1000000') "
                    f"(column orders.total) refuses the {kind} {value!r}: a "
                    f"{kind} is not an exact amount; pass a decimal.Decimal "
                    f"(Decimal('19.99')), an int of whole units or a str such "
                    f"as '19.99'"))
            s.rollback()

        # numbers, not text: order, compare, sum
        s.execute(sa.delete(Order))
        for i, amount in enumerate(["9.00", "10.00", "100.50", "0.99"], 1):
            s.add(Order(id=i, total=Decimal(amount)))
        for i in range(100):
            s.add(Order(id=100 + i, big=Decimal("0.01"), note=Decimal("0.01")))
        s.add(Order(id=300, big=BIG))
        s.commit()
        expect("sqla-9.19-order-by-is-numeric", [str(v) for v in s.execute(
            select(Order.total).where(Order.total.is_not(None))
            .order_by(Order.total)).scalars()],
            ["0.99", "9.00", "10.00", "100.50"])
        expect("sqla-9.20-comparison-is-numeric", [str(v) for v in s.execute(
            select(Order.total).where(Order.total > Decimal("9.5"))
            .order_by(Order.total)).scalars()], ["10.00", "100.50"])
        total = s.execute(select(sa.func.sum(Order.total))).scalar()
        big = s.execute(select(sa.func.sum(Order.big))).scalar()
        expect("sqla-9.21-sum-is-an-exact-decimal",
               (type(total), str(total), str(big)),
               (Decimal, "120.49", "12345678901234568.89"))
        note = s.execute(select(sa.func.money_sum(
            Order.note, "USD", type_=rc.Money("USD", layout="text")))).scalar()
        expect("sqla-9.22-text-layout-sums-with-money-sum", (type(note), str(note)),
               (Decimal, "1.00"))
        # + and - of amounts are amounts; a product is a plain INTEGER of
        # minor units (cents)
        expect("sqla-9.23-in-and-arithmetic", (
            s.execute(select(sa.func.count()).where(Order.total.in_(
                [Decimal("9"), Decimal("10.00"), 7]))).scalar(),
            str(s.execute(select(Order.total + Decimal("0.01"))
                          .where(Order.id == 4)).scalar()),
            s.execute(select(Order.total * 3).where(Order.id == 4)).scalar()),
            (2, "1.00", 297))
        # found by review: a Decimal factor was sent as minor units (x100)
        # and the product read back as an amount; BETWEEN's int bounds were
        # sent as cents
        one = select(sa.func.count()).where
        expect("sqla-9.23b-factors-are-plain-numbers", tuple(
            s.execute(select(e).where(Order.id == 4)).scalar() for e in (
                Order.total * Decimal("1.5"), Order.total / Decimal("2"),
                Order.total * 1.5, Order.total % 7, Order.total / 2)),
            (148.5, 49.5, 148.5, 1, 49))
        expect("sqla-9.23c-result-types", tuple(type(e.type).__name__ for e in (
            Order.total * 2, Order.total * Decimal(2), Order.note * 2,
            Order.total + 1, Order.total - Decimal(1))),
            ("Integer", "Float", "Float", "Money", "Money"))
        expect("sqla-9.23d-between-bounds-are-amounts", (
            s.execute(one(Order.total.between(1, 10))).scalar(),
            s.execute(one(Order.total.between(Decimal("0.99"), 9))).scalar(),
            s.execute(one(Order.total.between("9", "100.50"))).scalar()),
            (2, 2, 3))
        err = outcome(lambda: Order.total * "2")
        expect("sqla-9.23e-a-factor-that-is-no-number",
               (type(err), str(err)),
               (TypeError, "Money('USD', layout='minor', min='0', "
                "max='1000000'): a factor or divisor of an amount must be an "
                "int, a Decimal or a float, not str"))

    # definitions
    DEFINITIONS = [
        ("unknown-currency", lambda: rc.Money("ZZZ"),
         (ValueError, "Money('ZZZ'): unknown currency \"ZZZ\" for \"0\"")),
        ("min-not-exact", lambda: rc.Money("USD", min="0.001"),
         (ValueError, "Money: min 0.001 has more decimals than USD allows (2)")),
        ("max-not-exact", lambda: rc.Money("JPY", max=Decimal("0.5")),
         (ValueError, "Money: max 0.5 has more decimals than JPY allows (0)")),
        ("min-not-exact-past-28-digits",
         lambda: rc.Money("USD", min="1.0000000000000000000000000001"),
         (ValueError, "Money: min 1.0000000000000000000000000001 has more "
          "decimals than USD allows (2)")),
        ("float-bound", lambda: rc.Money("USD", min=0.5),
         (TypeError, "Money: min must be a Decimal, an int or a str, not float")),
        ("str-bound-not-an-amount", lambda: rc.Money("USD", max="1e6"),
         (ValueError, "Money: max '1e6' is not an amount such as '1000.00'")),
        ("min-above-max", lambda: rc.Money("USD", min=10, max=1),
         (ValueError, "Money: min (10) is greater than max (1)")),
        ("layout", lambda: rc.Money("USD", layout="cents"),
         (ValueError, "Money: layout must be 'minor' or 'text', not 'cents'")),
        ("minor-option", lambda: rc.Money("USD, minor"),
         (ValueError, "Money: give layout='minor' rather than the option minor "
          "in the currency")),
    ]
    for i, (what, make, want) in enumerate(DEFINITIONS, 24):
        err = outcome(make)
        expect(f"sqla-9.{i}-definition-{what}", (type(err), str(err)), want)
    expect("sqla-9.32-repr", (
        repr(rc.Money("USD")), repr(rc.Money("EUR", layout="text", min="0")),
        repr(rc.Money("USD", min=Decimal("0.50"), max=100))),
        ("Money('USD', layout='minor')",
         "Money('EUR', layout='text', min='0')",
         "Money('USD', layout='minor', min='0.50', max='100')"))

    # one Money instance for two columns: each is labelled for itself
    usd = rc.Money("USD")
    md = sa.MetaData()
    t = sa.Table("pair", md, sa.Column("a", usd), sa.Column("b", usd))
    md.create_all(engine)
    with engine.connect() as c:
        err = outcome(c.execute, t.insert().values(a=1, b="0.001"))
        c.rollback()
        expect("sqla-9.33-one-instance-two-columns",
               (str(err.orig), schema_sql(c, "pair").count("'pair.a'"),
                schema_sql(c, "pair").count("'pair.b'")),
               ('pair.b: value "0.001" has 3 decimal places; USD allows 2', 1, 1))
    # quotes in the label of the bound conversion
    md = sa.MetaData()
    name = "we\"ird'; DROP TABLE keep;--"
    t = sa.Table(name, md, sa.Column("v'", rc.Money("USD")))
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE keep(x)")
        md.create_all(c)
    with engine.connect() as c:
        err = outcome(c.execute, t.insert().values({"v'": "1.234"}))
        c.rollback()
        expect("sqla-9.34-hostile-label",
               (str(err.orig), c.exec_driver_sql("SELECT count(*) FROM keep").scalar()),
               (f'{name}.v\': value "1.234" has 3 decimal places; USD allows 2', 0))

    # Numeric would not keep it (SQLAlchemy warns, and rounds through a float)
    md = sa.MetaData()
    t = sa.Table("numeric", md, sa.Column("v", sa.Numeric(20, 2)))
    md.create_all(engine)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with engine.begin() as c:
            c.execute(t.insert().values(v=BIG))
            back = c.execute(select(t.c.v)).scalar()
    report("sqla-9.35-numeric-would-not-round-trip",
           back != BIG and any("Decimal objects natively" in str(w.message)
                               for w in caught), (back, caught))

    # Alembic: the type rendered, its CHECK made once by create_table
    where, cfg = alembic_project(
        "alembic-money",
        money='total = sa.Column(rc.Money("USD", min=0))\n'
              '    note = sa.Column(rc.Money("USD", layout="text"))',
        render_item=True)
    text = autogenerate(where, cfg)
    report("sqla-9.36-autogenerate-renders-money-types-not-their-checks",
           "sa.Column('total', richcheck.sqlalchemy.Money('USD', "
           "layout='minor', min='0'), nullable=True)" in text
           and "sa.Column('note', richcheck.sqlalchemy.Money('USD', "
           "layout='text'), nullable=True)" in text
           and "money_check" not in text, text)
    from alembic import command
    command.upgrade(cfg, "head")
    sql, reflected = checks_in_db(cfg)
    expect("sqla-9.37-create-table-from-autogenerate-has-one-check-each",
           sorted((d["name"], d["sqltext"]) for d in reflected
                  if "money" in d["name"]),
           [("ck_orders_note_money", "money_check(note, 'USD', 'orders.note')"),
            ("ck_orders_total_money",
             "money_check(total, 'USD, minor', 'orders.total', 0)")])

# ------------------------------------- 10. the README's snippets, as written

README_MODELS = """\
import sqlalchemy as sa
from decimal import Decimal
from sqlalchemy.orm import Session, declarative_base
import richcheck.sqlalchemy as rc

engine = rc.install(sa.create_engine("sqlite:///app.db", future=True))
Base = declarative_base()
rc.enforce_lengths(Base.metadata)      # every String(n) is a varchar(n)

class User(Base):
    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(64), nullable=False)
    email = sa.Column(rc.Email(), nullable=False, unique=True)
    handle = sa.Column(sa.Text)
    __table_args__ = (rc.Rule("handle", "length(1, 20, graphemes)"),)

class Order(Base):
    __tablename__ = "orders"
    id = sa.Column(sa.Integer, primary_key=True)
    total = sa.Column(rc.Money("USD", min=0), nullable=False)

Base.metadata.create_all(engine)
"""

README_ERRORS = """\
with Session(engine) as session:
    session.add(User(name="x" * 65, email="ann@example.com"))
    try:
        session.commit()
    except sa.exc.DataError as e:
        session.rollback()
        print(e.orig.pgcode, e.orig.sqlite_errorname, e.orig)
    session.add_all([User(name="ann", email="ann@example.com"),
                     User(name="bob", email="ann@example.com")])
    try:
        session.commit()
    except sa.exc.IntegrityError as e:
        session.rollback()
        if e.orig.pgcode == "23505":       # as with psycopg2
            print("taken:", e.orig.pgerror)
"""

README_MONEY = """\
with Session(engine) as session:
    session.add_all([Order(total=Decimal("19.99")), Order(total=5)])
    session.commit()
    print(session.execute(sa.select(sa.func.sum(Order.total))).scalar())
    session.add(Order(total=Decimal("12.345")))
    try:
        session.commit()
    except sa.exc.IntegrityError as e:
        session.rollback()
        print(e.orig.sqlite_errorname, e.orig)
"""

with guard("sqla-10"):
    here = os.getcwd()
    where = scratch("readme")
    os.makedirs(where)
    os.chdir(where)
    try:
        scope = {}
        for i, (snippet, want) in enumerate([
                (README_MODELS, ""),
                (README_ERRORS,
                 "22001 RICHCHECK_TOO_LONG users.name: value too long "
                 "(65 characters, maximum 64)\n"
                 "taken: UNIQUE constraint failed: users.email\n"),
                (README_MONEY,
                 "24.99\nRICHCHECK_SCALE orders.total: value \"12.345\" has 3 "
                 "decimal places; USD allows 2\n")], 1):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(snippet, scope)
            expect(f"sqla-10.{i}-readme-snippet-{i}", out.getvalue(), want)
        scope["engine"].dispose()
    finally:
        os.chdir(here)
    # ... and they are the README's, word for word (indented as code there)
    readme_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               os.pardir, os.pardir, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    for i, snippet in enumerate([README_MODELS, README_ERRORS, README_MONEY], 1):
        indented = "".join("    " + line if line.strip() else line
                           for line in snippet.splitlines(True))
        report(f"sqla-10.{i + 3}-snippet-{i}-is-in-the-readme",
               indented in readme, "not found in README.md")

# ------------------ 11. issue 16's families, rules and constraints, as a user
# of SQLAlchemy meets them: each code in its PEP 249 class, with its SQLSTATE

with guard("sqla-11"):
    engine = rc.install(engine_for(scratch("families.db")))
    with engine.begin() as c:
        c.exec_driver_sql(
            "CREATE TABLE f(id INTEGER PRIMARY KEY, "
            "qty TEXT CHECK (number_check(qty, 1, 100, 'integer', 'f.qty')), "
            "day TEXT CHECK (date_check(day, '', 'f.day')), "
            "at TEXT CHECK (datetime_check(at, 'offset', 'f.at')), "
            "ref TEXT CHECK (uuid_check(ref, '4', 'f.ref')), "
            "code TEXT CHECK (pattern_check(code, '[A-Z]{3}-[0-9]{2}', '', "
            "'f.code')), "
            "price INTEGER CHECK (richcheck_assert(price > 0, 'f.price', "
            "'must be positive', 'bound')), a TEXT, b TEXT, n INTEGER)")
        c.exec_driver_sql(
            "SELECT richcheck_add_rule('f', 'a', 'pattern(''[a-z]+''); "
            "length(1, 5)')")
        c.exec_driver_sql(
            "SELECT richcheck_add_rule('f', 'b', 'number(0, 9.99, scale=2)', "
            "'check')")
        c.exec_driver_sql(
            "INSERT INTO f(n) VALUES (5), (-1)")
    with engine.connect() as c:
        err = outcome(c.exec_driver_sql,
                      "SELECT richcheck_add_constraint('f', 'n_positive', "
                      "'n > 0')")
        expect("sqla-11.1-add-constraint-refused-is-an-integrity-error",
               failure(err),
               (exc.IntegrityError, 275, "SQLITE_CONSTRAINT_CHECK", "23514",
                "richcheck_add_constraint: 1 row of \"f\" breaks the "
                "constraint \"n_positive\" (CHECK (n > 0)); list them with "
                "SELECT * FROM richcheck_violations('f', 'n_positive'), fix "
                "them, or add it anyway with the option 'not valid'"))
        c.exec_driver_sql("SELECT richcheck_add_constraint('f', 'n_positive', "
                          "'n > 0', 'not valid')")
        c.commit()
    CASES = [
        ("number-bound", "INSERT INTO f(qty) VALUES ('101')",
         (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514", None)),
        ("number-fraction", "INSERT INTO f(qty) VALUES ('2.5')",
         (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514", None)),
        ("number-not-a-number", "INSERT INTO f(qty) VALUES ('ten')",
         (exc.DataError, 26130, "RICHCHECK_INVALID_TEXT", "22P02", None)),
        ("date-impossible", "INSERT INTO f(day) VALUES ('2023-02-29')",
         (exc.DataError, 26898, "RICHCHECK_DATETIME_RANGE", "22008", None)),
        ("date-form", "INSERT INTO f(day) VALUES ('29/02/2024')",
         (exc.DataError, 26642, "RICHCHECK_DATETIME_FORMAT", "22007", None)),
        ("datetime-no-offset", "INSERT INTO f(at) VALUES ('2024-01-01T10:00:00')",
         (exc.DataError, 26642, "RICHCHECK_DATETIME_FORMAT", "22007", None)),
        ("uuid-version", "INSERT INTO f(ref) VALUES "
         "('c232ab00-9414-11ec-b3c8-9e6bdeced846')",
         (exc.IntegrityError, 27155, "RICHCHECK_UUID", "23514", None)),
        ("uuid-form", "INSERT INTO f(ref) VALUES ('not-a-uuid')",
         (exc.DataError, 26130, "RICHCHECK_INVALID_TEXT", "22P02", None)),
        ("pattern", "INSERT INTO f(code) VALUES ('ab-12')",
         (exc.IntegrityError, 27667, "RICHCHECK_PATTERN", "23514", None)),
        ("assert", "INSERT INTO f(price) VALUES (0)",
         (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514",
          "f.price: must be positive")),
        ("rule-trigger-pattern", "INSERT INTO f(a) VALUES ('ABC')",
         (exc.IntegrityError, 27667, "RICHCHECK_PATTERN", "23514", None)),
        ("rule-trigger-length", "INSERT INTO f(a) VALUES ('abcdef')",
         (exc.DataError, 25618, "RICHCHECK_TOO_LONG", "22001",
          "f.a: value too long (6 characters, maximum 5)")),
        ("rule-check-number", "INSERT INTO f(b) VALUES ('10')",
         (exc.IntegrityError, 25875, "RICHCHECK_BOUND", "23514", None)),
        ("rule-check-scale", "INSERT INTO f(b) VALUES ('1.234')",
         (exc.IntegrityError, 26387, "RICHCHECK_SCALE", "23514", None)),
        ("constraint", "INSERT INTO f(n) VALUES (0)",
         (exc.IntegrityError, 275, "SQLITE_CONSTRAINT_CHECK", "23514",
          "CHECK constraint failed: n_positive")),
    ]
    for i, (name, sql, want) in enumerate(CASES, 2):
        with engine.connect() as c:
            err = outcome(c.exec_driver_sql, sql)
        got = failure(err)
        if want[4] is None:  # the message is the family's own: its label
            label = sql.split("(")[1].split(")")[0]
            got = got[:4] + (got[4].startswith(f"f.{label}: "),)
            want = want[:4] + (True,)
        expect(f"sqla-11.{i}-{name}", got, want)
    with engine.begin() as c:
        c.exec_driver_sql("INSERT INTO f(qty, day, at, ref, code, price, a, b, "
                          "n) VALUES ('7', '2024-02-29', "
                          "'2024-02-29T10:00:00+05:30', "
                          "'c232ab00-9414-41ec-b3c8-9e6bdeced846', 'ABC-12', "
                          "3, 'abc', '9.99', 4)")
        expect("sqla-11.17-good-rows-kept",
               c.exec_driver_sql("SELECT count(*) FROM f").scalar(), 3)
        expect("sqla-11.18-the-scanner-lists-the-constraint-row",
               c.exec_driver_sql(
                   "SELECT rowid, code FROM richcheck_violations('f', "
                   "'n_positive')").fetchall(), [(2, 275)])
        c.exec_driver_sql("SELECT richcheck_drop_constraint('f', 'n_positive')")
        expect("sqla-11.19-the-scanner-sees-the-rules-of-both-kinds",
               c.exec_driver_sql(
                   "SELECT col, kind, enforced FROM richcheck_rules ORDER BY "
                   "id").fetchall(), [("a", "trigger", 1), ("b", "check", 1)])

finish()
