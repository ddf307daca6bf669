"""pkg_alembic.py BUILD - richcheck.alembic from the installed package:
op.add_rule / op.drop_rule in real Alembic environments (alembic.ini,
env.py, versions/ written here, run with alembic.command on scratch SQLite
files), their refusals, reverses and --sql output; batch migrations of
tables with rules of both kinds (auto, always, never; columns added,
altered, dropped, renamed); autogenerate and richcheck_rules.

Run by test/python_alembic.test with the python of a venv that the wheel
was installed into."""
import contextlib
import importlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import alembic
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata, render_python_code
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import BatchOperations, Operations, ops
from alembic.operations.batch import BatchOperationsImpl

import richcheck
import richcheck.alembic
from rcchecks import expect, finish, guard, outcome, report, scratch

BUILD = os.path.abspath(sys.argv[1])

EMAIL_BAD = ("users.email: invalid email address \"bob@@example.com\": "
             "more than one @")
NAME_BAD = "users.name: value too long (25 characters, maximum 20)"
LONG_NAME = "x" * 25

# ------------------------------------------------------------ environments

# The env.py of the README's "Alembic" section; only target_metadata comes
# from the test (Config.attributes) instead of the application's models.
ENV_PY = '''\
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, event, pool

import richcheck
import richcheck.alembic  # noqa: F401  op.add_rule, op.drop_rule, batch hook

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
target_metadata = config.attributes.get("target_metadata")


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)

    # richcheck on every connection: data migrations write to tables with
    # rules (op.add_rule and batches load it themselves when needed)
    @event.listens_for(engine, "connect")
    def load_richcheck(dbapi_connection, record):
        richcheck.load(dbapi_connection)

    with engine.connect() as connection:
        context.configure(connection=connection,
                          target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

ALEMBIC_INI = '''\
[alembic]
script_location = %(here)s
sqlalchemy.url = sqlite:///{db}

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARN
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
'''

SCRIPT = '''\
"""{rev}"""
from alembic import op
import sqlalchemy as sa

revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
{upgrade}


def downgrade():
{downgrade}
'''

USERS = '''\
op.create_table(
    "users",
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.Text),
    sa.Column("name", sa.Text))
op.execute("INSERT INTO users(email, name) VALUES "
           "('ann@example.com', 'Ann'), ('cy@example.org', 'Cy')")'''

RULES = '''\
op.add_rule("users", "email", "email")
op.add_rule("users", "name", "length(1, 20)", "check")'''

UNRULES = '''\
op.drop_rule("users", "name", "length(1, 20)")
op.drop_rule("users", "email", "email")'''


def make_env(name, revisions, metadata=None, env_py=ENV_PY):
    """A folder with alembic.ini, env.py, script.py.mako and versions/ with
    one script per (rev, down, upgrade, downgrade); returns its Config and
    database path."""
    folder = scratch(name)
    os.makedirs(os.path.join(folder, "versions"))
    db = os.path.join(folder, "app.db")
    with open(os.path.join(folder, "alembic.ini"), "w") as f:
        f.write(ALEMBIC_INI.replace("{db}", db))
    with open(os.path.join(folder, "env.py"), "w") as f:
        f.write(env_py)
    shutil.copy(os.path.join(os.path.dirname(alembic.__file__), "templates",
                             "generic", "script.py.mako"), folder)
    for rev, down, up, downgrade in revisions:
        with open(os.path.join(folder, "versions", rev + ".py"), "w") as f:
            f.write(SCRIPT.format(
                rev=rev, down=down,
                upgrade=textwrap.indent(up or "pass", "    "),
                downgrade=textwrap.indent(downgrade or "pass", "    ")))
    cfg = Config(os.path.join(folder, "alembic.ini"))
    cfg.attributes["target_metadata"] = metadata
    return cfg, db


def connect(db):
    conn = sqlite3.connect(db, isolation_level=None)
    richcheck.load(conn)
    return conn


def rows(db, sql, *args):
    conn = connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def rules(db):
    return rows(db, "SELECT id, tbl, col, spec, kind, enforced "
                "FROM richcheck_rules ORDER BY id")


def table_sql(db, table="users"):
    return rows(db, "SELECT sql FROM sqlite_master WHERE type = 'table' "
                "AND name = ?", table)[0][0]


def triggers(db, table="users"):
    return sorted(r[0] for r in rows(
        db, "SELECT name FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = ?", table))


def refusal(db, sql, *args):
    """(code, message) of the statement's failure, or None."""
    conn = connect(db)
    try:
        conn.execute("BEGIN")
        conn.execute(sql, args)
        return None
    except sqlite3.Error as e:
        return (e.sqlite_errorcode, str(e))
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def bad_users(db, email="email", name="name"):
    """The codes and messages of a bad email and a bad name."""
    return [refusal(db, f"INSERT INTO users({email}) VALUES (?)",
                    "bob@@example.com"),
            refusal(db, f"INSERT INTO users({name}) VALUES (?)", LONG_NAME)]


def version(db):
    return rows(db, "SELECT version_num FROM alembic_version")


def notes(exc):
    return " ".join(getattr(exc, "__notes__", []))


NOTES = sys.version_info >= (3, 11)

# ---------------------------------------------------------- 1. registration

with guard("alembic-1"):
    report("alembic-1.1-operations-registered",
           callable(getattr(Operations, "add_rule", None))
           and callable(getattr(Operations, "drop_rule", None))
           and callable(getattr(BatchOperations, "add_rule", None))
           and callable(getattr(BatchOperations, "drop_rule", None)))
    importlib.reload(richcheck.alembic)
    flush = BatchOperationsImpl.flush
    expect("alembic-1.2-batch-flush-wrapped-once-across-imports",
           (flush._richcheck, flush.__wrapped__.__module__,
            hasattr(flush.__wrapped__, "_richcheck")),
           (True, "alembic.operations.batch", False))
    where = os.path.abspath(richcheck.alembic.__file__)
    report("alembic-1.3-imported-from-the-venv",
           where.startswith(os.path.abspath(sys.prefix) + os.sep)
           and not where.startswith(os.path.dirname(BUILD) + os.sep), where)
    # an env.py without richcheck, a migration that imports it: the alembic
    # command in a process of its own
    plain_env = ENV_PY.replace(
        "import richcheck.alembic  # noqa: F401  op.add_rule, op.drop_rule, "
        "batch hook\n", "").replace(
        "    @event.listens_for(engine, \"connect\")\n"
        "    def load_richcheck(dbapi_connection, record):\n"
        "        richcheck.load(dbapi_connection)\n", "")
    cfg, db = make_env("cli", [
        ("r1", None, USERS + """
import richcheck.alembic  # noqa: F401
op.add_rule("users", "email", "email")""", None)], env_py=plain_env)
    cli = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", cfg.config_file_name,
         "upgrade", "head"], capture_output=True, text=True, timeout=120)
    expect("alembic-1.4-importing-it-in-a-migration-is-enough",
           ("richcheck.alembic" in plain_env, cli.returncode,
            cli.stdout + cli.stderr, [r[1:] for r in rules(db)]),
           (False, 0, "", [("users", "email", "email", "trigger", 1)]))

# the classes of the module as imported last (those registered)
AddRuleOp = richcheck.alembic.AddRuleOp
DropRuleOp = richcheck.alembic.DropRuleOp

# ------------------------------------------- 2. op.add_rule / op.drop_rule

with guard("alembic-2"):
    cfg, db = make_env("ops", [
        ("r1", None, USERS + '''
op.create_table("contacts", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.Text))''', 'op.drop_table("contacts")\n'
         'op.drop_table("users")'),
        ("r2", "r1", RULES, UNRULES),
        ("r3", "r2", 'op.add_rule("contacts", "email", "email")',
         'op.drop_rule("contacts", "email", "email")'),
    ])
    command.upgrade(cfg, "r1")
    plain = table_sql(db)
    command.upgrade(cfg, "r2")
    expect("alembic-2.1-upgrade-adds-a-rule-of-each-kind",
           [r[1:] for r in rules(db)],
           [("users", "email", "email", "trigger", 1),
            ("users", "name", "length(1, 20)", "check", 1)])
    expect("alembic-2.2-bad-writes-refused-with-the-family-codes",
           bad_users(db), [(25619, EMAIL_BAD), (25618, NAME_BAD)])
    report("alembic-2.3-the-check-on-a-line-of-its-own",
           table_sql(db).endswith(
               "PRIMARY KEY (id),\n\tCONSTRAINT \"richcheck_2\" CHECK "
               "(richcheck(\"name\", 'length(1, 20)', 'users.name'))\n)"),
           table_sql(db))
    expect("alembic-2.4-good-rows-go-in",
           refusal(db, "INSERT INTO users(email, name) VALUES (?, ?)",
                   "dee@example.com", "Dee"), None)
    command.downgrade(cfg, "r1")
    expect("alembic-2.5-downgrade-removes-them",
           (rules(db), triggers(db), table_sql(db) == plain, version(db)),
           ([], [], True, [("r1",)]))
    expect("alembic-2.6-after-downgrade-writes-unchecked",
           bad_users(db), [None, None])
    command.upgrade(cfg, "r2")
    expect("alembic-2.7-upgrade-again",
           ([r[2:] for r in rules(db)], bad_users(db)),
           ([("email", "email", "trigger", 1),
             ("name", "length(1, 20)", "check", 1)],
            [(25619, EMAIL_BAD), (25618, NAME_BAD)]))

# ------------------------------------------- 3. a rule that rows break

with guard("alembic-3"):
    conn = connect(db)
    conn.execute("INSERT INTO contacts(email) VALUES ('a@@x'), ('b'), "
                 "('ok@example.com')")
    conn.close()
    err = outcome(command.upgrade, cfg, "r3")
    expect("alembic-3.1-refused-as-the-integrity-error-it-is",
           (type(err), type(getattr(err, "orig", None)),
            getattr(getattr(err, "orig", None), "sqlite_errorcode", None),
            str(getattr(err, "orig", err))),
           (sa.exc.IntegrityError, sqlite3.IntegrityError, 275,
            "richcheck_add_rule: 2 rows of \"contacts\" break the rule email "
            "on column \"email\"; list them with SELECT * FROM "
            "richcheck_violations('contacts', 'email', 'email'), fix them, "
            "or add the rule anyway with the option 'not valid'"))
    d = richcheck.describe(err)
    expect("alembic-3.2-described", (d.name, d.sqlstate, d.category),
           ("SQLITE_CONSTRAINT_CHECK", "23514", "integrity"))
    expect("alembic-3.3-nothing-changed",
           (version(db), [r[2] for r in rules(db)], triggers(db, "contacts")),
           ([("r2",)], ["email", "name"], []))
    conn = connect(db)
    conn.execute("DELETE FROM contacts WHERE NOT email_valid(email)")
    conn.close()
    command.upgrade(cfg, "r3")
    expect("alembic-3.4-fixed-rows-then-the-rule-goes-in",
           (version(db), rules(db)[-1][1:],
            refusal(db, "INSERT INTO contacts(email) VALUES ('x@@y')")),
           ([("r3",)], ("contacts", "email", "email", "trigger", 1),
            (25619, 'contacts.email: invalid email address "x@@y": '
             "more than one @")))

# --------------------------------------- 4. batch migrations keep the rules

with guard("alembic-4"):
    cfg, db = make_env("batch", [
        ("r1", None, USERS + '\nop.add_column("users", sa.Column("nick", '
         "sa.Text))", 'op.drop_table("users")'),
        ("r2", "r1", RULES, UNRULES),
        ("r3", "r2", '''\
with op.batch_alter_table("users") as batch:
    batch.add_column(sa.Column("age", sa.Integer))
    batch.alter_column("nick", existing_type=sa.Text, server_default="-")''',
         '''\
with op.batch_alter_table("users") as batch:
    batch.drop_column("age")'''),
        ("r4", "r3", '''\
with op.batch_alter_table("users", recreate="always") as batch:
    batch.add_column(sa.Column("city", sa.Text))''', '''\
with op.batch_alter_table("users", recreate="always") as batch:
    batch.drop_column("city")'''),
        ("r5", "r4", '''\
with op.batch_alter_table("users") as batch:
    batch.add_column(sa.Column("zip", sa.Text))''', '''\
with op.batch_alter_table("users") as batch:
    batch.drop_column("zip")'''),
    ])
    command.upgrade(cfg, "r2")
    before = rules(db)
    command.upgrade(cfg, "r3")
    expect("alembic-4.1-rows-kept",
           rows(db, "SELECT id, email, name, nick, age FROM users"),
           [(1, "ann@example.com", "Ann", None, None),
            (2, "cy@example.org", "Cy", None, None)])
    expect("alembic-4.2-the-same-rules-enforced", rules(db), before)
    expect("alembic-4.3-no-violations",
           rows(db, "SELECT * FROM richcheck_violations('users')"), [])
    expect("alembic-4.4-triggers-reinstalled", triggers(db),
           ["richcheck_1_insert", "richcheck_1_update"])
    sql = table_sql(db)
    # the bare name is SQLAlchemy's rendering of the reflected constraint:
    # copied, not written again by richcheck
    report("alembic-4.5-check-reflected-and-copied-by-sqlalchemy",
           "\tCONSTRAINT richcheck_2 CHECK (richcheck(\"name\", "
           "'length(1, 20)', 'users.name'))\n)" in sql
           and "\tage INTEGER" in sql and "DEFAULT '-'" in sql, sql)
    expect("alembic-4.6-bad-writes-refused-after-the-batch",
           bad_users(db), [(25619, EMAIL_BAD), (25618, NAME_BAD)])
    command.downgrade(cfg, "r2")
    expect("alembic-4.7-downgrade-batch-keeps-them",
           (rules(db), bad_users(db), "age" in table_sql(db)),
           (before, [(25619, EMAIL_BAD), (25618, NAME_BAD)], False))
    command.upgrade(cfg, "r4")
    expect("alembic-4.8-recreate-always",
           (rules(db), bad_users(db), "\tcity TEXT" in table_sql(db),
            triggers(db)),
           (before, [(25619, EMAIL_BAD), (25618, NAME_BAD)], True,
            ["richcheck_1_insert", "richcheck_1_update"]))
    command.upgrade(cfg, "r5")
    expect("alembic-4.9-batch-without-copy-leaves-them",
           (rules(db), bad_users(db), "zip TEXT" in table_sql(db)),
           (before, [(25619, EMAIL_BAD), (25618, NAME_BAD)], True))

# ------------------------------ 5. batch: columns with rules dropped, renamed

with guard("alembic-5"):
    cfg, db = make_env("columns", [
        ("r1", None, USERS + '''
op.add_column("users", sa.Column("nick", sa.Text))
op.add_column("users", sa.Column("bio", sa.Text))
op.add_rule("users", "email", "email")
op.add_rule("users", "name", "length(1, 20)", "check")
op.add_rule("users", "nick", "length(1, 5)")
op.add_rule("users", "bio", "length(0, 50)", "check")''',
         'op.drop_table("users")'),
        ("r2", "r1", '''\
with op.batch_alter_table("users") as batch:
    batch.drop_column("email")
    batch.drop_column("name")
    batch.alter_column("nick", new_column_name="handle")
    batch.alter_column("bio", new_column_name="about")''', '''\
with op.batch_alter_table("users") as batch:
    batch.alter_column("handle", new_column_name="nick")
    batch.alter_column("about", new_column_name="bio")
    batch.add_column(sa.Column("email", sa.Text))
    batch.add_column(sa.Column("name", sa.Text))'''),
    ])
    command.upgrade(cfg, "head")
    expect("alembic-5.1-rules-follow-renamed-columns-and-go-with-dropped",
           [r[2:] for r in rules(db)],
           [("handle", "length(1, 5)", "trigger", 1),
            ("about", "length(0, 50)", "check", 1)])
    sql = table_sql(db)
    report("alembic-5.2-no-check-of-a-column-that-is-gone",
           'richcheck("email"' not in sql and 'richcheck("name"' not in sql
           and 'richcheck("bio"' not in sql and 'richcheck("about", '
           "'length(0, 50)', 'users.about')" in sql, sql)
    expect("alembic-5.3-no-violations",
           rows(db, "SELECT * FROM richcheck_violations"), [])
    expect("alembic-5.4-renamed-columns-checked-with-their-names",
           [refusal(db, "INSERT INTO users(handle) VALUES ('toolong')"),
            refusal(db, "INSERT INTO users(about) VALUES (?)", "y" * 51),
            refusal(db, "INSERT INTO users(handle, about) "
                    "VALUES ('ok', 'b')")],
           [(25618, "users.handle: value too long (7 characters, maximum 5)"),
            (25618, "users.about: value too long (51 characters, maximum 50)"),
            None])
    command.downgrade(cfg, "r1")
    expect("alembic-5.5-downgrade-renames-back-dropped-rules-stay-dropped",
           ([r[2:] for r in rules(db)],
            refusal(db, "INSERT INTO users(nick) VALUES ('toolong')")),
           ([("nick", "length(1, 5)", "trigger", 1),
             ("bio", "length(0, 50)", "check", 1)],
            (25618, "users.nick: value too long (7 characters, maximum 5)")))

# ------------------------------- 6. rows that break a rule through a batch

with guard("alembic-6"):
    cfg, db = make_env("notvalid", [
        ("r1", None, USERS + '''
op.execute("INSERT INTO users(email, name) VALUES ('x@@y', 'Xy')")
op.create_table("people", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.Text))
op.execute("INSERT INTO people(email) VALUES ('p@@q')")''', None),
        ("r2", "r1", '''\
op.add_rule("users", "email", "email", "not valid")
op.add_rule("people", "email", "email", "check, not valid")''', None),
        ("r3", "r2", '''\
with op.batch_alter_table("users") as batch:
    batch.alter_column("name", existing_type=sa.Text, server_default="-")''',
         None),
        ("r4", "r3", '''\
with op.batch_alter_table("people") as batch:
    batch.add_column(sa.Column("age", sa.Integer))
    batch.alter_column("email", existing_type=sa.Text, server_default="-")''',
         None),
    ])
    command.upgrade(cfg, "r2")
    before = rules(db)
    err = outcome(command.upgrade, cfg, "r3")
    expect("alembic-6.1-trigger-rule-not-valid-rows-fail-the-batch",
           (type(err), getattr(getattr(err, "orig", None),
                               "sqlite_errorcode", None),
            str(getattr(err, "orig", err))),
           (sa.exc.IntegrityError, 275,
            "richcheck_repair_rules: 1 row of \"users\" breaks the rule email "
            "on column \"email\"; list them with SELECT * FROM "
            "richcheck_violations('users', 'email', 'email'), fix them, or "
            "repair the rules anyway with the option 'not valid'"))
    report("alembic-6.2-the-failure-says-what-to-do",
           not NOTES or "op.drop_rule" in notes(err)
           and "options='not valid'" in notes(err), notes(err))
    expect("alembic-6.3-rolled-back-all-of-it-rule-still-in-force",
           (version(db), rules(db), triggers(db),
            refusal(db, "INSERT INTO users(email) VALUES (?)",
                    "bob@@example.com"),
            rows(db, "SELECT name FROM sqlite_master WHERE name LIKE "
                 "'_alembic_tmp_%'")),
           ([("r2",)], before, ["richcheck_1_insert", "richcheck_1_update"],
            (25619, EMAIL_BAD), []))
    conn = connect(db)
    conn.execute("UPDATE users SET email = NULL WHERE email = 'x@@y'")
    conn.close()
    command.upgrade(cfg, "r3")
    expect("alembic-6.4-fixed-rows-then-the-batch-goes-through",
           (version(db), rules(db)), ([("r3",)], before))
    err = outcome(command.upgrade, cfg, "r4")
    expect("alembic-6.5-check-rule-not-valid-rows-fail-the-copy",
           (type(err), getattr(getattr(err, "orig", None),
                               "sqlite_errorcode", None),
            str(getattr(err, "orig", err))),
           (sa.exc.IntegrityError, 25619,
            'people.email: invalid email address "p@@q": more than one @'))
    report("alembic-6.6-the-copy-failure-says-what-to-do",
           not NOTES or "copies its rows" in notes(err)
           and "options='not valid'" in notes(err), notes(err))
    expect("alembic-6.7-people-unchanged",
           (version(db), rules(db), rows(db, "SELECT * FROM people"),
            rows(db, "SELECT name FROM sqlite_master WHERE name LIKE "
                 "'_alembic_tmp_%'")),
           ([("r3",)], before, [(1, "p@@q")], []))

    cfg, db = make_env("lost", [
        ("r1", None, USERS + "\n" + RULES, None),
        ("r2", "r1", '''\
users = sa.Table("users", sa.MetaData(),
                 sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("name", sa.Text))
with op.batch_alter_table("users", copy_from=users) as batch:
    batch.add_column(sa.Column("age", sa.Integer))
    batch.alter_column("name", existing_type=sa.Text, server_default="-")''',
         None),
    ])
    command.upgrade(cfg, "r1")
    before = rules(db)
    err = outcome(command.upgrade, cfg, "r2")
    expect("alembic-6.8-a-rule-out-of-force-after-a-batch-fails-it",
           (type(err), str(err), version(db), rules(db),
            [c[1] for c in rows(db, "PRAGMA table_info(users)")]),
           (richcheck.alembic.RuleError,
            'richcheck.alembic: after the batch migration of "users", 1 of '
            "its rules is not in force: users.email: the rule email is not "
            'enforced: its column "email" does not exist in "users"; drop it '
            "with SELECT richcheck_drop_rule('users', 'email', 'email')",
            [("r1",)], before, ["id", "email", "name"]))

# ------------------ 7. a table renamed by ALTER TABLE, then a batch of it

with guard("alembic-7"):
    cfg, db = make_env("renamed", [
        ("r1", None, USERS + "\n" + RULES, None),
        ("r2", "r1", 'op.rename_table("users", "people")', None),
        ("r3", "r2", '''\
with op.batch_alter_table("people") as batch:
    batch.add_column(sa.Column("age", sa.Integer))
    batch.alter_column("name", existing_type=sa.Text, server_default="-")''',
         None),
    ])
    command.upgrade(cfg, "head")
    expect("alembic-7.1-rules-follow-the-renamed-table",
           [r[1:] for r in rules(db)],
           [("people", "email", "email", "trigger", 1),
            ("people", "name", "length(1, 20)", "check", 1)])
    expect("alembic-7.2-enforced-after-the-batch",
           [refusal(db, "INSERT INTO people(email) VALUES (?)",
                    "bob@@example.com"),
            refusal(db, "INSERT INTO people(name) VALUES (?)", LONG_NAME)],
           [(25619, EMAIL_BAD.replace("users.", "people.")),
            (25618, NAME_BAD.replace("users.", "people."))])

# ------------------------------------- 8. recreate="never": SQLite's ALTER

with guard("alembic-8"):
    cfg, db = make_env("never", [
        ("r1", None, USERS + "\n" + RULES + '''
op.create_table("idx", sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("email", sa.Text, index=True))
op.add_rule("idx", "email", "email")''', None),
        ("r2", "r1", '''\
with op.batch_alter_table("users", recreate="never") as batch:
    batch.drop_column("email")''', None),
        ("r3", "r2", '''\
with op.batch_alter_table("idx", recreate="never") as batch:
    batch.drop_column("email")''', None),
    ])
    command.upgrade(cfg, "r2")
    expect("alembic-8.1-alter-drop-column-takes-its-rule",
           ([r[2:] for r in rules(db)], triggers(db),
            [c[1] for c in rows(db, "PRAGMA table_info(users)")]),
           ([("name", "length(1, 20)", "check", 1),
             ("email", "email", "trigger", 1)], [], ["id", "name"]))
    err = outcome(command.upgrade, cfg, "r3")
    rule = rules(db)[-1]
    expect("alembic-8.2-a-failed-alter-gives-the-rule-back",
           (type(err), version(db), rule[1:], triggers(db, "idx")),
           (sa.exc.OperationalError, [("r2",)],
            ("idx", "email", "email", "trigger", 1),
            [f"richcheck_{rule[0]}_insert", f"richcheck_{rule[0]}_update"]))

# -------------------------- 9. Operations by hand: loading, no-ops, batch ops

with guard("alembic-9"):
    db = scratch("byhand.db")
    engine = sa.create_engine("sqlite:///" + db)  # richcheck not loaded

    def loaded(conn):
        return outcome(conn.exec_driver_sql,
                       "SELECT richcheck_version()") is None

    with engine.connect() as conn:
        op = Operations(MigrationContext.configure(conn))
        with conn.begin():
            op.create_table("plain", sa.Column("id", sa.Integer,
                                               primary_key=True),
                            sa.Column("a", sa.Text))
            with op.batch_alter_table("plain", recreate="always") as batch:
                batch.add_column(sa.Column("b", sa.Text))
        expect("alembic-9.1-batch-without-richcheck-rules-is-a-no-op",
               (loaded(conn), sa.inspect(conn).get_table_names()),
               (False, ["plain"]))
    with engine.connect() as conn:
        op = Operations(MigrationContext.configure(conn))
        with conn.begin():
            first = op.add_rule("plain", "a", "email")
            again = op.add_rule("plain", "a", "email")
        expect("alembic-9.2-add-rule-loads-richcheck-and-returns",
               (first, again, loaded(conn)), (1, 0, True))
        with conn.begin():
            op.create_table("other", sa.Column("id", sa.Integer,
                                               primary_key=True))
    with engine.connect() as conn:
        op = Operations(MigrationContext.configure(conn))
        with conn.begin():
            with op.batch_alter_table("other", recreate="always") as batch:
                batch.add_column(sa.Column("b", sa.Text))
        expect("alembic-9.3-batch-of-a-table-without-rules-is-a-no-op",
               loaded(conn), False)
    with engine.connect() as conn:
        op = Operations(MigrationContext.configure(conn))
        with conn.begin():
            with op.batch_alter_table("plain") as batch:
                batch.add_column(sa.Column("mail", sa.Text))
                batch.alter_column("b", existing_type=sa.Text,
                                   server_default="-")
                batch.add_rule("mail", "email", "check")
        expect("alembic-9.4-batch-loads-richcheck-and-runs-batch-add-rule",
               (loaded(conn), [r[1:] for r in rules(db)]),
               (True, [("plain", "a", "email", "trigger", 1),
                       ("plain", "mail", "email", "check", 1)]))
        with conn.begin():
            with op.batch_alter_table("plain") as batch:
                batch.drop_rule("mail", "email")
        expect("alembic-9.5-batch-drop-rule",
               [r[2] for r in rules(db)], ["a"])
        err = outcome(op.add_rule, "plain", "a", 7)
        expect("alembic-9.6-arguments-are-str",
               (type(err), str(err)),
               (TypeError, "richcheck.alembic: add_rule() takes spec as a "
                "str, not int"))

# ----------------------------------------------------- 10. --sql (offline)

with guard("alembic-10"):
    cfg, db = make_env("offline", [
        ("r1", None, USERS, 'op.drop_table("users")'),
        ("r2", "r1", RULES, UNRULES),
        ("r3", "r2", '''\
users = sa.Table("users", sa.MetaData(),
                 sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("email", sa.Text), sa.Column("name", sa.Text))
with op.batch_alter_table("users", copy_from=users) as batch:
    batch.add_column(sa.Column("age", sa.Integer))
    batch.alter_column("name", existing_type=sa.Text, server_default="-")''',
         '''\
users = sa.Table("users", sa.MetaData(),
                 sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("email", sa.Text), sa.Column("name", sa.Text),
                 sa.Column("age", sa.Integer))
with op.batch_alter_table("users", copy_from=users) as batch:
    batch.drop_column("age")'''),
    ])
    cfg.output_buffer = out = io.StringIO()
    command.upgrade(cfg, "head", sql=True)
    script = out.getvalue()
    report("alembic-10.1-add-rule-as-sql",
           "SELECT richcheck_add_rule('users', 'email', 'email');" in script
           and "SELECT richcheck_add_rule('users', 'name', 'length(1, 20)', "
           "'check');" in script, script)
    rename = script.find("ALTER TABLE _alembic_tmp_users RENAME TO users;")
    repair = script.find("SELECT richcheck_repair_rules('users');")
    report("alembic-10.2-repair-after-the-batch-copy",
           0 < rename < repair, script)
    path = os.path.join(os.path.dirname(db), "upgrade.sql")
    with open(path, "w") as f:
        f.write(script)
    shell = subprocess.run(
        ["sqlite3", db, f".load {richcheck.loadable_path()}",
         f".read {path}"], capture_output=True, text=True, timeout=60)
    expect("alembic-10.3-the-script-run-by-the-shell-enforces-both",
           (shell.returncode, shell.stderr, [r[2:] for r in rules(db)],
            bad_users(db), version(db)),
           (0, "", [("email", "email", "trigger", 1),
                    ("name", "length(1, 20)", "check", 1)],
            [(25619, EMAIL_BAD), (25618, NAME_BAD)], [("r3",)]))
    cfg.output_buffer = out = io.StringIO()
    command.downgrade(cfg, "r3:base", sql=True)
    script = out.getvalue()
    report("alembic-10.4-drop-rule-as-sql",
           "SELECT richcheck_drop_rule('users', 'name', 'length(1, 20)');"
           in script and script.count("richcheck_repair_rules('users')") == 1,
           script)
    buf = io.StringIO()
    ctx = MigrationContext.configure(
        dialect_name="sqlite", opts={"as_sql": True, "output_buffer": buf})
    op = Operations(ctx)
    op.add_rule("o'brien", "e:mail", "email(html5)", "check, not valid")
    op.drop_rule("o'brien", "e:mail")
    copy = sa.Table("t", sa.MetaData(), sa.Column("a", sa.Text),
                    sa.Column("b", sa.Text),
                    sa.CheckConstraint("richcheck(\"a\", 'email', 't.a')",
                                       name="richcheck_3"))
    with op.batch_alter_table("t", copy_from=copy) as batch:
        batch.drop_column("a")
        batch.alter_column("b", new_column_name="c")
    expect("alembic-10.5-literals-quoted-and-batch-columns",
           [line for line in buf.getvalue().split("\n")
            if "richcheck" in line],
           ["SELECT richcheck_add_rule('o''brien', 'e:mail', 'email(html5)', "
            "'check, not valid');",
            "SELECT richcheck_drop_rule('o''brien', 'e:mail');",
            "-- richcheck.alembic: the rules of t.b (renamed to c) are not "
            "moved in --sql mode; move them with op.drop_rule before the "
            "batch and op.add_rule after it",
            "SELECT richcheck_drop_rule('t', 'a');",
            "SELECT richcheck_repair_rules('t');"])

# ----------------------------------------------- 11. reverse and rendering

with guard("alembic-11"):
    err = outcome(DropRuleOp("users", "email").reverse)
    expect("alembic-11.1-drop-rule-without-spec-is-not-reversible",
           (type(err), str(err)),
           (ValueError, "richcheck.alembic: drop_rule('users', 'email') "
            "without a spec drops every rule of the column and cannot be "
            "reversed; give the spec, e.g. op.drop_rule('users', 'email', "
            "'email')"))
    back = AddRuleOp("users", "name", "length(1, 20)", "check").reverse()
    again = back.reverse()
    expect("alembic-11.2-reverses",
           (type(back).__name__, back.to_diff_tuple(),
            type(again).__name__, again.to_diff_tuple()),
           ("DropRuleOp", ("drop_rule", "users", "name", "length(1, 20)"),
            "AddRuleOp",
            ("add_rule", "users", "name", "length(1, 20)", "check")))
    code = render_python_code(ops.UpgradeOps(ops=[
        AddRuleOp("users", "email", "email"),
        AddRuleOp("users", "name", "length(1, 20)", "check"),
        DropRuleOp("users", "email")]))
    expect("alembic-11.3-rendered",
           [line.strip() for line in code.split("\n") if "_rule" in line],
           ["op.add_rule('users', 'email', 'email')",
            "op.add_rule('users', 'name', 'length(1, 20)', 'check')",
            "op.drop_rule('users', 'email')"])

# ------------------------------------------------------- 12. autogenerate

with guard("alembic-12"):
    metadata = sa.MetaData()
    sa.Table("users", metadata,
             sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("email", sa.Text), sa.Column("name", sa.Text))
    sa.Table("profiles", metadata,
             sa.Column("id", sa.Integer, primary_key=True),
             sa.Column("bio", sa.Text),
             sa.CheckConstraint("length_check(bio, 0, 200)",
                                name="ck_profiles_bio"))
    cfg, db = make_env("autogen", [
        ("r1", None, USERS, None), ("r2", "r1", RULES, None)], metadata)
    command.upgrade(cfg, "head")
    engine = sa.create_engine("sqlite:///" + db)
    with engine.connect() as conn:
        report("alembic-12.1-the-database-holds-richcheck-rules",
               "richcheck_rules" in sa.inspect(conn).get_table_names())
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    expect("alembic-12.2-compare-metadata-only-the-new-table",
           [(d[0], d[1].name) for d in diffs], [("add_table", "profiles")])
    with contextlib.redirect_stdout(io.StringIO()):
        script = command.revision(cfg, "profiles", autogenerate=True,
                                  rev_id="r3")
    with open(script.path) as f:
        text = f.read()
    upgrade = text[text.index("def upgrade"):text.index("def downgrade")]
    report("alembic-12.3-autogenerate-leaves-rules-alone",
           "richcheck_rules" not in text and "drop_table" not in upgrade
           and "'users'" not in text and "constraint" not in upgrade, text)
    report("alembic-12.4-check-constraint-of-the-model-rendered",
           "op.create_table('profiles'" in upgrade
           and "sa.CheckConstraint('length_check(bio, 0, 200)', "
           "name='ck_profiles_bio')" in upgrade, upgrade)
    command.upgrade(cfg, "head")
    expect("alembic-12.5-the-generated-migration-checks",
           refusal(db, "INSERT INTO profiles(bio) VALUES (?)", "b" * 201),
           (25618, "value too long (201 characters, maximum 200)"))
    expect("alembic-12.6-include-name-and-include-object",
           (richcheck.alembic.include_name(
               "richcheck_rules", "table", {"schema_name": None}),
            richcheck.alembic.include_name(
                "users", "table", {"schema_name": None}),
            richcheck.alembic.include_name("email", "column",
                                           {"table_name": "users"}),
            richcheck.alembic.include_object(
                sa.Table("richcheck_rules", sa.MetaData()),
                "richcheck_rules", "table", True, None),
            richcheck.alembic.include_object(
                sa.Table("users", sa.MetaData()), "users", "table",
                True, None)),
           (False, True, True, False, True))
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(
            conn, opts={"include_name": richcheck.alembic.include_name}),
            metadata)
    expect("alembic-12.7-include-name-in-configure", diffs, [])

# ------------------------------------------- 13. the README's Alembic snippets

with guard("alembic-13"):
    readme_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               os.pardir, os.pardir, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()

    def indented(text):
        return "".join("    " + line if line.strip() else line
                       for line in text.splitlines(True))

    online = ENV_PY[ENV_PY.index("def run_migrations_online():"):
                    ENV_PY.index("\n\nif context.is_offline_mode():")]
    imports = ENV_PY[ENV_PY.index("from sqlalchemy import engine_from_config"):
                     ENV_PY.index("\nconfig = context.config")]
    migration = ("def upgrade():\n" + indented(RULES) + "\n\n\n"
                 "def downgrade():\n" + indented(UNRULES) + "\n")
    for i, (what, text) in enumerate([("env-py-imports", imports),
                                      ("env-py-online", online),
                                      ("migration", migration)], 1):
        report(f"alembic-13.{i}-readme-{what}-is-the-tested-one",
               indented(text) in readme, "not found in README.md")

finish()
