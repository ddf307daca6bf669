"""richcheck.sqlalchemy: richcheck for SQLAlchemy (1.4 and 2.0) on SQLite.

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
    with Session(engine) as session:
        session.add(User(name="x" * 65, email="ann@example.com"))
        try:
            session.commit()
        except sa.exc.DataError as e:   # as PostgreSQL's varchar(64) says it
            session.rollback()
            e.orig.pgcode               # '22001', as with psycopg2
            str(e.orig)   # 'users.name: value too long (65 characters, maximum 64)'
        session.add_all([Order(total=Decimal("19.99")), Order(total=5)])
        session.commit()
        session.execute(sa.select(sa.func.sum(Order.total))).scalar()
        # Decimal('24.99'), exactly

(test/py/pkg_sqlalchemy.py runs this, as the README's snippets.)

install(engine)
    Loads richcheck into every connection of the engine (new ones, and
    pooled ones opened before), and gives each DBAPI exception that reaches
    the application psycopg2's attributes: e.orig.pgcode and e.orig.sqlstate
    (the SQLSTATE PostgreSQL gives for the same failure, or None),
    e.orig.pgerror (the message); sqlite3's sqlite_errorname 'unknown' of
    richcheck's codes becomes richcheck's name ('RICHCHECK_TOO_LONG').
    Idempotent; returns the engine.

enforce_lengths(metadata)
    A named CHECK length_check(col, 0, n, 'table.col') on every
    String(n)/Unicode(n)/VARCHAR(n)/CHAR(n) column of the metadata's tables,
    now and later: PostgreSQL's varchar(n), in characters, with its error
    (DataError, 22001).  Text, Enum, types of their own (TypeDecorator) and
    String() without a length are left alone.

Email(length=254, flags=None)
    A string column checked by email_check (flags: README, "Modes and
    flags") and by its length.  Values are stored AS GIVEN (what PostgreSQL
    does with a text or citext column): nothing is trimmed, lowercased or
    normalized.  For a case-insensitive key, index
    lower(email_normalize(email)) (README, email_normalize).

Money(currency, layout='minor', min=None, max=None)
    Exact amounts: decimal.Decimal in and out; an int is whole units, a str
    must be an amount as richcheck reads it ('12.30'); floats and bools are
    refused (TypeError).  The conversion is SQL, so a bad amount is a real
    richcheck error with its label: layout 'minor' stores the INTEGER minor
    units (money_minor: sorts, compares and sums as numbers, func.sum()
    comes back as an exact Decimal); layout 'text' stores canonical text
    (money_canon: readable; compares and sorts as text, sum it with
    func.money_sum(col, 'USD')).  min and max (Decimal, int or str) are
    checked by the column's CHECK.  In SQL, amounts plus or minus amounts
    are amounts; other arithmetic gives plain numbers (col * 3 is INTEGER
    minor units).

Rule(column, spec, name=None)
    A table-level CHECK richcheck(col, 'spec', 'table.col') for any rule
    spec: Rule("email", "email; length(1, 64)").

Constraint names: with a naming convention for "ck" in the metadata, the
constraint_name token is '<col>_length', '<col>_email', '<col>_money',
'<col>_rule' (a convention without %(constraint_name)s names them alone);
without one, '<table>_<col>_length' and so on.

The CHECKs of Email and Money are bound to their type, as those of
SQLAlchemy's Boolean and Enum: created when the column joins a table,
skipped by Alembic autogenerate (which renders the column's type, whose
table makes the CHECK again).  Alembic renders the types as
richcheck.sqlalchemy.Email(length=254) and adds no import for them: put
`import richcheck.sqlalchemy` in script.py.mako, or pass
render_item=richcheck.sqlalchemy.render_item to context.configure().
"""
import re
import sqlite3
import threading
from decimal import Context, Decimal, InvalidOperation

from sqlalchemy import (CheckConstraint, Column, Enum, Float, Integer,
                        MetaData, Numeric, String, Table, Text, and_, event,
                        exc, func, literal, literal_column, null)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import operators
from sqlalchemy.types import TypeDecorator

from ._errors import describe
from ._loading import ExtensionLoadingError, load

__all__ = ["install", "enforce_lengths", "Email", "Money", "Rule",
           "render_item"]

_LOADED = "richcheck.loaded"        # connection_record.info
_ENFORCED = "richcheck.lengths"     # MetaData.info
_KIND = "richcheck"                 # Constraint.info: (kind, column name)

# --------------------------------------------------------------- install


def _on_connect(dbapi_connection, connection_record):
    load(dbapi_connection)
    connection_record.info[_LOADED] = True


def _on_checkout(dbapi_connection, connection_record, connection_proxy):
    # a connection the pool opened before install(): no "connect" for it
    if not connection_record.info.get(_LOADED):
        load(dbapi_connection)
        connection_record.info[_LOADED] = True


def _on_error(context):
    if not isinstance(context.sqlalchemy_exception, exc.DBAPIError):
        return  # not the DBAPI's (a TypeError of a bind parameter, ...)
    err = context.original_exception
    what = describe(err)
    try:
        err.sqlstate = what.sqlstate
        err.pgcode = what.sqlstate
        err.pgerror = what.message
        if getattr(err, "sqlite_errorname", None) == "unknown" and what.name:
            err.sqlite_errorname = what.name
    except (AttributeError, TypeError):  # an exception that takes none
        pass


_LISTENERS = (("connect", _on_connect), ("checkout", _on_checkout),
              ("handle_error", _on_error))


def install(engine):
    """Loads richcheck into every connection of engine (a SQLite Engine,
    e.g. Flask-SQLAlchemy's db.engine) and gives DBAPI exceptions
    psycopg2's pgcode, pgerror (and sqlstate).  Installing twice adds
    nothing.  Returns engine."""
    if not isinstance(engine, Engine):
        raise TypeError(f"richcheck.sqlalchemy.install() takes an Engine, "
                        f"not {type(engine).__name__}")
    if engine.dialect.name != "sqlite":
        raise ValueError(f"richcheck.sqlalchemy.install(): richcheck is a "
                         f"SQLite extension; this engine is "
                         f"{engine.dialect.name}")
    for name, fn in _LISTENERS:
        if not event.contains(engine, name, fn):
            event.listen(engine, name, fn)
    return engine


# --------------------------------------------------------------- helpers


def _sql_string(text):
    """text as a SQL string literal: quotes doubled, nothing else."""
    return "'" + text.replace("'", "''") + "'"


def _literal(text):
    """A text argument written into SQL as a literal.  In a CHECK it is a
    bound literal (rendered as a quoted literal in DDL), not a
    literal_column, which CheckConstraint would count among its columns."""
    return literal(text, String())


def _no_nul(what, text):
    if "\x00" in text:
        raise ValueError(f"{what} holds U+0000, which SQL text cannot")
    return text


_probe_lock = threading.Lock()
_probe_conn = []


def _probe(sql, *params):
    """The value of one SQL expression on a private in-memory database
    with richcheck loaded: the extension judges specs, flags and
    currencies when a type or rule is defined, not at the first write."""
    with _probe_lock:
        if not _probe_conn:
            try:
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                load(conn)
            except ExtensionLoadingError:
                try:
                    import apsw
                except ImportError:
                    raise
                conn = apsw.Connection(":memory:")
                load(conn)
            _probe_conn.append(conn)
        rows = list(_probe_conn[0].execute(sql, params))
        return rows[0][0]


def _usage(what, sql, *params):
    try:
        return _probe(sql, *params)
    except ExtensionLoadingError:
        raise
    except Exception as e:  # noqa: BLE001 - the extension's verdict
        raise ValueError(f"{what}: {describe(e).message}") from None


def _check_convention(metadata):
    if metadata is None:
        return None
    conventions = metadata.naming_convention
    return conventions.get("ck", conventions.get(CheckConstraint))


def _name(table, column_name, kind):
    """The name of our constraint of kind on column_name: the convention's
    constraint_name token, None when the convention names it without one,
    else '<table>_<col>_<kind>'."""
    convention = _check_convention(table.metadata)
    if convention is None:
        return f"{_table_name(table)}_{column_name}_{kind}"
    if not isinstance(convention, str) or "%(constraint_name)" in convention:
        return f"{column_name}_{kind}"
    return None


# Alembic's batch migrations copy a table to "_alembic_tmp_<name>" and
# rename it: the labels and names of the copy are the table's.
_BATCH_TEMP = re.compile(r"^_alembic_tmp_(.+)$")


def _table_name(table):
    match = _BATCH_TEMP.match(table.name)
    return match.group(1) if match else table.name


def _label(table, column):
    return f"{_table_name(table)}.{column.name}"


def _ours(table, kind, column):
    return any(isinstance(c, CheckConstraint)
               and c.info.get(_KIND) == (kind, column.name)
               for c in table.constraints)


def _drop_if_duplicate(table, constraint):
    """A reflected table may hold our constraint already, by its name."""
    if constraint.name is None:
        return
    for other in table.constraints:
        if (other is not constraint and isinstance(other, CheckConstraint)
                and other.name == constraint.name):
            table.constraints.discard(constraint)
            return


# ------------------------------------------------------- enforce_lengths


def _length_checked(type_):
    return (isinstance(type_, String) and not isinstance(type_, (Text, Enum))
            and type_.length is not None)


def _add_length_checks(table):
    for column in list(table.columns):
        if not _length_checked(column.type) or _ours(table, "length", column):
            continue
        ck = CheckConstraint(
            func.length_check(column, literal(0), literal(int(column.type.length)),
                              _literal(_no_nul("a label", _label(table, column)))),
            name=_name(table, column.name, "length"),
            info={_KIND: ("length", column.name)})
        if ck.table is not table:  # (columns of a table attach at once)
            table.append_constraint(ck)
        _drop_if_duplicate(table, ck)


def _table_attached(table, metadata):
    # Table's after_parent_attach fires once the table has its columns
    # (Table() attaches it to its MetaData after reading its arguments)
    if isinstance(metadata, MetaData) and metadata.info.get(_ENFORCED):
        _add_length_checks(table)


def _check_attached(constraint, table):
    # Table.to_metadata() makes the table (our listener adds its length
    # checks), then appends copies of the original's constraints: a copy
    # of one of ours, by its name, replaces ours
    if (not isinstance(table, Table) or constraint.name is None
            or table.metadata is None
            or not table.metadata.info.get(_ENFORCED)):
        return
    for other in list(table.constraints):
        if (other is not constraint and isinstance(other, CheckConstraint)
                and other.info.get(_KIND, ("",))[0] == "length"
                and other.name == constraint.name):
            table.constraints.discard(other)


def enforce_lengths(metadata):
    """Gives every String(n) column of metadata's tables (and of the tables
    made in it later) a named CHECK length_check(col, 0, n, 'table.col'):
    PostgreSQL's varchar(n).  Idempotent; returns metadata."""
    if not isinstance(metadata, MetaData):
        raise TypeError(f"richcheck.sqlalchemy.enforce_lengths() takes a "
                        f"MetaData, not {type(metadata).__name__}")
    if not event.contains(Table, "after_parent_attach", _table_attached):
        event.listen(Table, "after_parent_attach", _table_attached)
    if not event.contains(CheckConstraint, "after_parent_attach",
                          _check_attached):
        event.listen(CheckConstraint, "after_parent_attach", _check_attached)
    metadata.info[_ENFORCED] = True
    for table in list(metadata.tables.values()):
        _add_length_checks(table)
    return metadata


# ------------------------------------------------------------ the types


class _TypeBoundRule:
    """The _create_rule of a type's CHECK: always created.  Alembic's
    autogenerate (render.py, _render_check_constraint) skips a
    CheckConstraint whose _create_rule has a .target that is a TypeEngine,
    the mark of Boolean's and Enum's constraints, which the column's type
    makes again when the rendered column joins its table: we rely on it,
    so that op.create_table gets one CHECK, not two."""

    def __init__(self, target):
        self.target = target

    def __call__(self, compiler, **kw):
        return True


class _CheckedType(TypeDecorator):
    """A type whose column gets a CHECK when it joins a table, as
    SQLAlchemy's SchemaType (Boolean, Enum) does it: _set_parent and
    Column._on_table_attach, then a CheckConstraint marked _type_bound
    (Table.to_metadata and Alembic's batch copies skip it: the copied
    column's copied type makes it again)."""

    _kind = None
    _column = None
    _table_label = None

    def _set_parent(self, column, outer=False, **kw):
        super()._set_parent(column, outer=outer, **kw)
        column._on_table_attach(self._set_table)

    def _set_table(self, column, table):
        if not isinstance(table, Table):
            return
        if self._column is not None and self._column is not column:
            # one instance given to two columns: each gets its own copy,
            # which knows its label
            twin = self.copy()
            twin._column = None
            column.type = twin
            twin._set_table(column, table)
            return
        self._column = column
        self._table_label = _no_nul("a label", _label(table, column))
        if _ours(table, self._kind, column):
            return
        ck = CheckConstraint(
            self._check(column, self._table_label),
            name=_name(table, column.name, self._kind),
            info={_KIND: (self._kind, column.name)},
            _create_rule=_TypeBoundRule(self), _type_bound=True)
        if ck.table is not table:
            table.append_constraint(ck)
        _drop_if_duplicate(table, ck)

    def _check(self, column, label):
        raise NotImplementedError


class Email(_CheckedType):
    """An email address column: VARCHAR(length) with the CHECK
    length_check(col, 0, length, 'table.col') AND email_check(col,
    'table.col'[, flags]) (the length first: too long is DataError 22001,
    as PostgreSQL's varchar says before any CHECK).  Stored as given."""

    impl = String
    cache_ok = True
    _kind = "email"

    def __init__(self, length=254, flags=None):
        if length is not None and (not isinstance(length, int)
                                   or isinstance(length, bool) or length < 1):
            raise ValueError(f"Email: length must be a positive int or None, "
                             f"not {length!r}")
        if flags is not None:
            if not isinstance(flags, str):
                raise TypeError(f"Email: flags must be a str such as 'html5' "
                                f"or None, not {type(flags).__name__}")
            _usage("Email", "SELECT email_valid(NULL, ?)",
                   _no_nul("Email: flags", flags))
        super().__init__(length)
        self.length = length
        self.flags = flags

    def __repr__(self):
        flags = "" if self.flags is None else f", flags={self.flags!r}"
        return f"Email(length={self.length!r}{flags})"

    def _check(self, column, label):
        args = [column, _literal(label)]
        if self.flags is not None:
            args.append(_literal(self.flags))
        check = func.email_check(*args)
        if self.length is None:
            return check
        return and_(func.length_check(column, literal(0),
                                      literal(self.length), _literal(label)),
                    check)


_AMOUNT = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
_INT64 = 2 ** 63 - 1


# Wide enough for every int64 (19 digits) whatever the caller's context.
_EXACT = Context(prec=40)


def _from_minor(minor, scale):
    """The exact Decimal of minor units: Decimal(1230, scale 2) is 12.30."""
    return Decimal(minor).scaleb(-scale, _EXACT)


class Money(_CheckedType):
    """An exact amount of one currency; see the module's documentation."""

    impl = Integer
    cache_ok = True
    _kind = "money"
    LAYOUTS = ("minor", "text")

    def __init__(self, currency, layout="minor", min=None, max=None):
        if not isinstance(currency, str):
            raise TypeError(f"Money: the currency must be a str such as "
                            f"'USD', not {type(currency).__name__}")
        _no_nul("Money: the currency", currency)
        if layout not in self.LAYOUTS:
            raise ValueError(f"Money: layout must be 'minor' or 'text', not "
                             f"{layout!r}")
        if "minor" in re.split(r"[\s,]+", currency.strip().lower()):
            raise ValueError("Money: give layout='minor' rather than the "
                             "option minor in the currency")
        canon = _usage(f"Money({currency!r})", "SELECT money_canon('0', ?)",
                       currency)
        super().__init__()
        if layout == "text":
            self.impl = Text()
        self.currency = currency
        self.layout = layout
        self.min = min
        self.max = max
        self.scale = len(canon.partition(".")[2])
        self._min_minor = self._bound_minor("min", min)
        self._max_minor = self._bound_minor("max", max)
        if (self._min_minor is not None and self._max_minor is not None
                and self._min_minor > self._max_minor):
            raise ValueError(f"Money: min ({min}) is greater than max ({max})")

    def _bound_minor(self, which, bound):
        """A bound in minor units, exactly, or ValueError."""
        if bound is None:
            return None
        if isinstance(bound, (bool, float)) or not isinstance(
                bound, (Decimal, int, str)):
            raise TypeError(f"Money: {which} must be a Decimal, an int or a "
                            f"str, not {type(bound).__name__}")
        if isinstance(bound, str) and not _AMOUNT.match(bound):
            raise ValueError(f"Money: {which} {bound!r} is not an amount "
                             f"such as '1000.00'")
        try:
            value = Decimal(bound)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValueError(f"Money: {which} {bound!r} is not an amount")
        # (exact whatever the digits: scaleb rounds to the context's
        # precision, and the caller's default is 28 digits)
        minor = value.scaleb(self.scale, Context(
            prec=max(28, len(value.as_tuple().digits))))
        if minor != minor.to_integral_value():
            raise ValueError(f"Money: {which} {bound} has more decimals than "
                             f"{self.currency} allows ({self.scale})")
        minor = int(minor)
        if abs(minor) > _INT64:
            raise ValueError(f"Money: {which} {bound} is out of range for "
                             f"money in {self.currency}")
        return minor

    def __repr__(self):
        text = f"Money({self.currency!r}, layout={self.layout!r}"
        for which in ("min", "max"):
            bound = getattr(self, which)
            if bound is not None:
                shown = format(bound, "f") if isinstance(bound, Decimal) \
                    else str(bound)
                text += f", {which}={shown!r}"
        return text + ")"

    @property
    def python_type(self):
        return Decimal

    def _check(self, column, label):
        if self.layout == "minor":
            currency = self.currency + ", minor"
            bounds = [self._min_minor, self._max_minor]
            as_sql = literal
        else:
            currency = self.currency
            bounds = [None if b is None else format(_from_minor(b, self.scale),
                                                    "f")
                      for b in (self._min_minor, self._max_minor)]
            as_sql = _literal
        args = [column, _literal(currency), _literal(label)]
        while bounds and bounds[-1] is None:
            bounds.pop()
        args += [null() if b is None else as_sql(b) for b in bounds]
        return func.money_check(*args)

    def _refused(self, value):
        where = f" (column {self._table_label})" if self._table_label else ""
        kind = type(value).__name__
        return (f"{self!r}{where} refuses the {kind} {value!r}: a {kind} is "
                f"not an exact amount; pass a decimal.Decimal "
                f"(Decimal('19.99')), an int of whole units or a str such "
                f"as '19.99'")

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, (bool, float)):
            raise TypeError(self._refused(value))
        if isinstance(value, Decimal):
            text = str(value)  # (faster than format, but may be 1E+2)
            return format(value, "f") if "E" in text else text
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str):
            return value  # money_minor / money_canon judge it
        raise TypeError(self._refused(value))

    def bind_expression(self, bindvalue):
        # The conversion is SQL, so a bad amount fails as richcheck's
        # code with the column's label.
        fn = func.money_minor if self.layout == "minor" else func.money_canon
        args = [bindvalue, literal_column(_sql_string(self.currency))]
        if self._table_label is not None:
            args.append(literal_column(_sql_string(self._table_label)))
        return fn(*args)

    # The two processors below are process_bind_param and
    # process_result_value with the common case first and no wrapper
    # between: a Money column's round trip costs about 0.3 microseconds a
    # value less (make bench).  Where the impl has a processor of its own,
    # TypeDecorator's composition is kept.
    def bind_processor(self, dialect):
        if self.impl.bind_processor(dialect) is not None:
            return super().bind_processor(dialect)
        slow = self.process_bind_param

        def process(value):
            if value.__class__ is Decimal:
                text = str(value)
                return format(value, "f") if "E" in text else text
            return slow(value, dialect)
        return process

    def result_processor(self, dialect, coltype):
        if self.layout != "minor" or \
                self.impl.result_processor(dialect, coltype) is not None:
            return super().result_processor(dialect, coltype)
        slow, exponent = self.process_result_value, -self.scale

        def process(value):
            if value.__class__ is int:
                return Decimal(value).scaleb(exponent, _EXACT)
            return slow(value, dialect)
        return process

    def literal_processor(self, dialect):
        def process(value):
            text = self.process_bind_param(value, dialect)
            return "NULL" if text is None else _sql_string(text)
        return process

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if self.layout == "text":
            return Decimal(value)
        if isinstance(value, int):
            return _from_minor(value, self.scale)
        if isinstance(value, float):  # avg(), or a REAL stored by hand
            return Decimal(repr(value)).scaleb(-self.scale)
        raise ValueError(f"{self!r}: the column holds {value!r}, not an "
                         f"INTEGER count of minor units")

    @property
    def comparator_factory(self):
        # TypeDecorator's own, with the result type of a factor's
        # operation: a plain number, never an amount
        base = super().comparator_factory
        return type("MoneyComparator", (base,),
                    {"_adapt_expression": _money_adapt_expression})

    def coerce_compared_value(self, op, value):
        # A factor, divisor or modulus is a plain number, sent as it is
        # (the result is a plain number of minor units, or of the text's
        # units); everything else is an amount: comparisons, IN, BETWEEN
        # (whose bounds come with operators.and_), + and -.
        if op not in _FACTOR_OPS:
            return self
        if isinstance(value, bool) or not isinstance(
                value, (int, Decimal, float)):
            raise TypeError(f"{self!r}: a factor or divisor of an amount "
                            f"must be an int, a Decimal or a float, not "
                            f"{type(value).__name__}")
        if isinstance(value, int):
            return Integer()
        return Numeric() if isinstance(value, Decimal) else Float()


# the operators whose other side is a plain number, not an amount
_FACTOR_OPS = tuple(getattr(operators, name) for name in
                    ("mul", "truediv", "floordiv", "div", "mod")
                    if hasattr(operators, name))


def _money_adapt_expression(comparator, op, other_comparator):
    """The operator and result type of `amount OP other`: for a factor,
    divisor or modulus a plain number (Integer for minor units and an int,
    else Float: SQLite computes a REAL); otherwise what TypeDecorator
    says."""
    if op in _FACTOR_OPS:
        exact = comparator.type.layout == "minor" and isinstance(
            other_comparator.type, Integer)
        return op, Integer() if exact else Float()
    return super(type(comparator), comparator)._adapt_expression(
        op, other_comparator)


# ------------------------------------------------------------------ Rule


class Rule(CheckConstraint):
    """A table-level CHECK richcheck(col, 'spec', 'table.col'); column is
    a column name or a Column.  Rule("email", "email; length(1, 64)")."""

    def __init__(self, column, spec, name=None, **kw):
        if not isinstance(column, (str, Column)):
            raise TypeError(f"Rule: column must be a column name or a Column, "
                            f"not {type(column).__name__}")
        if not isinstance(spec, str):
            raise TypeError(f"Rule: spec must be a str such as 'email; "
                            f"length(1, 64)', not {type(spec).__name__}")
        _usage("Rule", "SELECT richcheck_valid(NULL, ?)",
               _no_nul("Rule: the spec", spec))
        self.spec = spec
        self.rule_column = column
        if isinstance(column, Column):
            super().__init__(func.richcheck(column, _literal(spec)),
                             name=name, **kw)
        else:
            super().__init__(func.richcheck(_literal(spec)), name=name, **kw)
            # a column named by a str, as ColumnCollectionConstraint takes
            # it: resolved from the table when the rule joins it
            self._pending_colargs = [column]


def _rule_attaching(rule, parent):
    # before_parent_attach: the table is known, SQLAlchemy's naming
    # convention (after_parent_attach) not yet applied
    if not isinstance(parent, Table):
        raise exc.ArgumentError(
            "Rule is a table-level constraint: give it to the Table (or "
            "__table_args__), not to a Column")
    column = rule.rule_column
    if isinstance(column, str):
        if column not in parent.c:
            raise exc.ArgumentError(f"Rule: table {parent.name!r} has no "
                                    f"column {column!r}")
        column = parent.c[column]
    elif column.table is not None and column.table is not parent:
        raise exc.ArgumentError(f"Rule: column {column.name!r} is not a column "
                                f"of table {parent.name!r}")
    rule.sqltext = func.richcheck(
        column, _literal(rule.spec),
        _literal(_no_nul("a label", _label(parent, column))))
    if rule.name is None:
        rule.name = _name(parent, column.name, "rule")


event.listen(Rule, "before_parent_attach", _rule_attaching)


# --------------------------------------------------------------- Alembic


def render_item(type_, obj, autogen_context):
    """For Alembic's context.configure(render_item=...): adds
    `import richcheck.sqlalchemy` to a migration that renders an Email or
    a Money column, and leaves all rendering to Alembic."""
    if type_ == "type" and isinstance(obj, _CheckedType):
        autogen_context.imports.add("import richcheck.sqlalchemy")
    return False
