"""richcheck.describe(): what an exception from SQLite means, with the
SQLSTATE PostgreSQL gives for the same failure."""
import re
from collections import namedtuple

from . import _build

Description = namedtuple(
    "Description", "code name sqlstate category label message")
Description.__doc__ = """What describe() returns.

code      the extended result code (int), or None when the exception has none
name      'RICHCHECK_TOO_LONG', 'SQLITE_CONSTRAINT_UNIQUE', ...
sqlstate  the SQLSTATE PostgreSQL gives for the same failure ('22001'),
          or None when there is no such equivalent
category  'integrity', 'data' (richcheck's and SQLite's constraint and
          data codes), else the PEP 249 class in lower case without
          'Error': 'operational', 'programming', 'internal', 'database'
label     richcheck's 'table.column' before the message, else None
message   the message as SQLite gave it (in richcheck_error_mode('tagged')
          with the tag, whose code describe() takes when the exception's
          own code is only the category: compat mode)
"""

# SQLite's own codes: name, PostgreSQL's SQLSTATE for the same failure
# (PostgreSQL's errcodes), PEP 249 category.  A primary code stands for its
# extended codes not listed here.
_SQLITE_CODES = {
    1: ("SQLITE_ERROR", None, "operational"),
    2: ("SQLITE_INTERNAL", "XX000", "internal"),
    3: ("SQLITE_PERM", "42501", "operational"),
    4: ("SQLITE_ABORT", "57014", "operational"),
    5: ("SQLITE_BUSY", "55P03", "operational"),
    6: ("SQLITE_LOCKED", "55P03", "operational"),
    7: ("SQLITE_NOMEM", "53200", "operational"),
    8: ("SQLITE_READONLY", "25006", "operational"),
    9: ("SQLITE_INTERRUPT", "57014", "operational"),
    10: ("SQLITE_IOERR", "58030", "operational"),
    11: ("SQLITE_CORRUPT", "XX001", "database"),
    13: ("SQLITE_FULL", "53100", "operational"),
    14: ("SQLITE_CANTOPEN", "58030", "operational"),
    17: ("SQLITE_SCHEMA", None, "operational"),
    18: ("SQLITE_TOOBIG", "54000", "data"),
    19: ("SQLITE_CONSTRAINT", "23000", "integrity"),
    20: ("SQLITE_MISMATCH", "22P02", "data"),
    21: ("SQLITE_MISUSE", None, "programming"),
    23: ("SQLITE_AUTH", "42501", "operational"),
    25: ("SQLITE_RANGE", None, "programming"),
    26: ("SQLITE_NOTADB", "XX001", "database"),
    275: ("SQLITE_CONSTRAINT_CHECK", "23514", "integrity"),
    531: ("SQLITE_CONSTRAINT_COMMITHOOK", "23000", "integrity"),
    787: ("SQLITE_CONSTRAINT_FOREIGNKEY", "23503", "integrity"),
    # richcheck's compat mode raises every integrity failure as this
    1043: ("SQLITE_CONSTRAINT_FUNCTION", "23514", "integrity"),
    1299: ("SQLITE_CONSTRAINT_NOTNULL", "23502", "integrity"),
    1555: ("SQLITE_CONSTRAINT_PRIMARYKEY", "23505", "integrity"),
    # RAISE(ABORT, ...) in a trigger: PostgreSQL's RAISE EXCEPTION
    1811: ("SQLITE_CONSTRAINT_TRIGGER", "P0001", "integrity"),
    2067: ("SQLITE_CONSTRAINT_UNIQUE", "23505", "integrity"),
    2323: ("SQLITE_CONSTRAINT_VTAB", "23000", "integrity"),
    2579: ("SQLITE_CONSTRAINT_ROWID", "23505", "integrity"),
    2835: ("SQLITE_CONSTRAINT_PINNED", "23000", "integrity"),
    3091: ("SQLITE_CONSTRAINT_DATATYPE", "22P02", "integrity"),
}

# richcheck's codes, as its registry (richcheck_codes) gave them when the
# wheel was built: code -> (name, sqlstate, category)
_RICHCHECK_CODES = {
    row[0]: (row[1], row[2], row[3]) for row in _build.CODES
}

# the codes of richcheck's compat mode (richcheck_error_mode('compat'))
_COMPAT = (1043, 18)

# richcheck_error_mode('tagged'): "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] "
# at the start of the message
_TAG = re.compile(r"^\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] ")

# "users.email: invalid email address ..." -> label "users.email"
_LABEL = re.compile(r"^([^\s:]+\.[^\s:]+): ")
# "UNIQUE constraint failed: users.email" -> "users.email" (several columns:
# "users.a, users.b"); "CHECK constraint failed: name" -> "name"
_SQLITE_LABEL = re.compile(
    r"^(?:UNIQUE|NOT NULL|CHECK) constraint failed: (.+)$")


def _lookup(code):
    if code is None:
        return None, None, None
    if code in _RICHCHECK_CODES:
        return _RICHCHECK_CODES[code]
    if code in _SQLITE_CODES:
        return _SQLITE_CODES[code]
    primary = _SQLITE_CODES.get(code & 0xFF)
    if primary is None:
        return None, None, None
    return primary


def _dbapi_error(exc):
    """The DB-API exception inside a SQLAlchemy one (its .orig), or exc."""
    seen = 0
    while getattr(exc, "orig", None) is not None and seen < 8:
        exc = exc.orig
        seen += 1
    return exc


def _code(exc):
    """The extended result code of a sqlite3 or apsw exception, or None."""
    for attr in ("sqlite_errorcode", "extendedresult", "result"):
        value = getattr(exc, attr, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _message(exc):
    if type(exc).__module__.split(".")[0] == "apsw":
        # apsw prefixes "ConstraintError: " to SQLite's message
        text = str(exc.args[0]) if exc.args else str(exc)
        return re.sub(r"^[A-Za-z]+Error: ", "", text, count=1)
    return str(exc.args[0]) if exc.args else str(exc)


def _tagged_code(code, tag):
    """The code of a tagged message: the tag's, when it is one of
    richcheck's and the exception's own code says no more than its
    category (18, 19, compat's 1043, or none at all); else code."""
    tagged = int(tag.group(2))
    if tagged not in _RICHCHECK_CODES or \
            _RICHCHECK_CODES[tagged][0] != tag.group(1):
        return code
    if code is None or code in (18, 19, 1043) and \
            (code & 0xFF) == (tagged & 0xFF):
        return tagged
    return code


def describe(exc):
    """What exc (a sqlite3, apsw or SQLAlchemy exception) means: a
    Description with code, name, sqlstate, category, label and message.
    Fields that the exception cannot tell are None."""
    if not isinstance(exc, BaseException):
        raise TypeError(
            f"richcheck.describe() takes an exception, not "
            f"{type(exc).__name__}")
    err = _dbapi_error(exc)
    code = _code(err)
    message = _message(err)
    tag = _TAG.match(message)
    if tag:
        code = _tagged_code(code, tag)
    name, sqlstate, category = _lookup(code)
    label = None
    if code is not None and (code in _RICHCHECK_CODES or code in _COMPAT):
        match = _LABEL.match(message[tag.end():] if tag else message)
        label = match.group(1) if match else None
    if label is None and code is not None and code & 0xFF == 19:
        match = _SQLITE_LABEL.match(message)
        label = match.group(1) if match else None
    return Description(code, name, sqlstate, category, label, message)


def sqlstate(code):
    """The SQLSTATE of an extended result code (richcheck's or SQLite's
    own), or None."""
    return _lookup(code)[1]
