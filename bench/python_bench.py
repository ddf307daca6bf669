"""python_bench.py - what the Python package costs, in the same run as its
baselines (make bench runs it with the python of a venv that the wheel was
installed into).

    load()         per new connection: connect + richcheck.load + close
                   against connect + close, in microseconds
    ORM insert     a model with enforce_lengths, Email and Money(minor),
                   against the same model with String/Integer columns and no
                   richcheck, rows added and committed by a Session
    Money round    Money(minor) Decimals added, committed and queried back
                   through the ORM, against the same with an Integer column
                   of ints; and the same in Core (executemany + select),
                   where nothing but the conversion is left to compare

Each comparison runs BENCH_PY_ROUNDS rounds (9) taking turns which side goes
first, in process CPU time; it prints the medians and the median of the
per-round ratios, with the target and MISS when above it.  Never a timed
test: the exit code is 0 unless something could not run or a result was
wrong."""
import gc
import os
import sqlite3
import statistics
import sys
import time
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session, declarative_base

import richcheck
import richcheck.sqlalchemy as rs

ROUNDS = int(os.environ.get("BENCH_PY_ROUNDS", "9"))
N_CONN = int(os.environ.get("BENCH_PY_CONNECTIONS", "2000"))
N_ROWS = int(os.environ.get("BENCH_PY_ORM_ROWS", "2000"))


def cpu(fn):
    gc.collect()  # each side pays for its own garbage, not the other's
    t = time.process_time()
    fn()
    return time.process_time() - t


def compare(a, b):
    """Medians of a and b and of the per-round ratios a/b, taking turns."""
    ta, tb, ratios = [], [], []
    for i in range(ROUNDS):
        if i % 2:
            y = cpu(b)
            x = cpu(a)
        else:
            x = cpu(a)
            y = cpu(b)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y if y > 0 else float("inf"))
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def line(what, value, target=None, unit="x"):
    mark = ""
    if target is not None:
        mark = f"   target {target:.2f}{unit}{'   MISS' if value > target else ''}"
    print(f"  {what:<58} {value:9.2f}{unit}{mark}", flush=True)


# ------------------------------------------------------------- load()

def connections(with_load):
    def run():
        for _ in range(N_CONN):
            conn = sqlite3.connect(":memory:")
            if with_load:
                richcheck.load(conn)
            conn.close()
    return run


# ------------------------------------------------------------ ORM insert

def models():
    Checked = declarative_base()
    Plain = declarative_base()

    class CUser(Checked):
        __tablename__ = "users"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(64), nullable=False)
        email = sa.Column(rs.Email(), nullable=False)
        balance = sa.Column(rs.Money("USD", min=0), nullable=False)

    class PUser(Plain):
        __tablename__ = "users"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(64), nullable=False)
        email = sa.Column(sa.String(254), nullable=False)
        balance = sa.Column(sa.Integer, nullable=False)

    rs.enforce_lengths(Checked.metadata)
    return (Checked, CUser), (Plain, PUser)


def orm_inserts(base, model, checked):
    engine = sa.create_engine("sqlite://")
    if checked:
        rs.install(engine)
    base.metadata.create_all(engine)
    rows = [(f"User {i}", f"user{i}@example.com",
             Decimal(f"{i}.{i % 100:02d}") if checked else i * 100 + i % 100)
            for i in range(N_ROWS)]

    def run():
        with Session(engine) as session:
            session.add_all(model(name=n, email=e, balance=b) for n, e, b in rows)
            session.commit()
            session.query(model).delete()
            session.commit()
    return run, engine


def orm_money_round_trip(checked):
    """Objects with one amount each, committed and loaded back."""
    base = declarative_base()

    class Payment(base):
        __tablename__ = "payments"
        id = sa.Column(sa.Integer, primary_key=True)
        amount = sa.Column(rs.Money("USD") if checked else sa.Integer,
                           nullable=False)

    engine = sa.create_engine("sqlite://")
    if checked:
        rs.install(engine)
    base.metadata.create_all(engine)
    values = [Decimal(i) / 100 if checked else i for i in range(N_ROWS)]

    def run():
        with Session(engine) as session:
            session.add_all(Payment(amount=v) for v in values)
            session.commit()
            session.expunge_all()
            got = [p.amount for p in session.query(Payment).order_by(Payment.id)]
            session.query(Payment).delete()
            session.commit()
        if got != values:
            sys.exit("python_bench: wrong ORM round trip")
    return run


def money_round_trip(checked):
    meta = sa.MetaData()
    t = sa.Table("m", meta, sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("v", rs.Money("USD") if checked else sa.Integer))
    engine = sa.create_engine("sqlite://")
    if checked:
        rs.install(engine)
    meta.create_all(engine)
    values = [{"v": Decimal(i) / 100 if checked else i} for i in range(N_ROWS)]

    def run():
        with engine.begin() as c:
            c.execute(t.insert(), values)
            got = c.execute(sa.select(t.c.v)).scalars().all()
            c.execute(t.delete())
        if len(got) != N_ROWS or got[-1] != values[-1]["v"]:
            sys.exit(f"python_bench: wrong round trip: {got[-1]!r}")
    return run


def main():
    print(f"\nPython package (richcheck {richcheck.__version__}, SQLAlchemy "
          f"{sa.__version__}, SQLite {sqlite3.sqlite_version}), median of "
          f"{ROUNDS} rounds, process CPU time:")
    a, b, r = compare(connections(True), connections(False))
    line("load() per new connection, microseconds",
         (a - b) / N_CONN * 1e6, unit=" us")
    line("connect + load + close to connect + close", r)

    (cb, cm), (pb, pm) = models()
    run_c, eng = orm_inserts(cb, cm, True)
    run_p, _ = orm_inserts(pb, pm, False)
    # the checked side must refuse what it should before it is timed
    with Session(eng) as s:
        s.add(cm(name="x" * 65, email="a@example.com", balance=Decimal(1)))
        if not isinstance(richcheck.describe(_raised(s.commit)).code, int):
            sys.exit("python_bench: the checked model did not refuse a row")
    a, b, r = compare(run_c, run_p)
    line(f"ORM insert, enforce_lengths + Email + Money ({N_ROWS} rows), to none",
         r, 1.3)
    print(f"  {'':<58} {a / N_ROWS * 1e6:9.1f} us / {b / N_ROWS * 1e6:.1f} us a row")
    a, b, r = compare(orm_money_round_trip(True), orm_money_round_trip(False))
    line("Money(minor) ORM round trip (add, commit, query), to Integer", r, 1.3)
    a, b, r = compare(money_round_trip(True), money_round_trip(False))
    line("the same in Core (executemany, select), to Integer", r)
    print(f"  {'':<58} {a / N_ROWS * 1e6:9.2f} us / {b / N_ROWS * 1e6:.2f} us a row")


def _raised(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the exception is the result
        return e
    return ValueError("nothing raised")


if __name__ == "__main__":
    main()
