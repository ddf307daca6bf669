"""pkg_seed.py BUILD - the patterns of richcheck's first users, against the
installed package:

1. flask-base (hack4impact): its User and Role models (String(64) columns,
   a unique indexed email) in Flask-SQLAlchemy, seeded by its
   generate_fake() loop, `commit(); except IntegrityError: rollback()`.
   Here the email column is richcheck's Email(length=64), every String(n)
   is enforced (enforce_lengths) and the engine has richcheck (install).
2. sqlalchemy-utils' tests/test_asserts.py, ported to SQLite: its 14 tests
   (the 3 of a PostgreSQL ARRAY left out) pass with richcheck; without it,
   the two that need a length to be enforced fail, as they would on any
   SQLite.

Run by test/python_seed.test with the python of a venv holding the wheel."""
import os
import random

# flask-base is written in SQLAlchemy 1.x style (Model.query, a "dynamic"
# relationship): SQLAlchemy 1.4 warns about that once, on its own account.
os.environ["SQLALCHEMY_SILENCE_UBER_WARNING"] = "1"

import flask
import flask_sqlalchemy
import sqlalchemy as sa
import sqlalchemy_utils
from faker import Faker
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, declarative_base
from werkzeug.security import generate_password_hash

import richcheck.sqlalchemy as rs
from rcchecks import expect, finish, guard, outcome, report, scratch

# ------------------------------------------------------------ 1. flask-base


class Permission:
    GENERAL = 0x01
    ADMINISTER = 0xFF


def flask_base_app(path, with_richcheck):
    """flask-base's app and models; with_richcheck=False is the same app as
    flask-base has it (plain String(64) email, nothing enforced)."""
    app = flask.Flask("flask_base")
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite:///" + path,
                      SQLALCHEMY_TRACK_MODIFICATIONS=False,
                      ADMIN_EMAIL="admin@example.com")
    db = flask_sqlalchemy.SQLAlchemy(app)
    email_type = rs.Email(length=64) if with_richcheck else db.String(64)

    class Role(db.Model):
        __tablename__ = "roles"
        id = db.Column(db.Integer, primary_key=True)
        name = db.Column(db.String(64), unique=True)
        index = db.Column(db.String(64))
        default = db.Column(db.Boolean, default=False, index=True)
        permissions = db.Column(db.Integer)
        users = db.relationship("User", backref="role", lazy="dynamic")

        @staticmethod
        def insert_roles():
            for name, (perms, index, default) in {
                    "User": (Permission.GENERAL, "main", True),
                    "Administrator": (Permission.ADMINISTER, "admin", False),
            }.items():
                role = Role.query.filter_by(name=name).first() or Role(name=name)
                role.permissions, role.index, role.default = perms, index, default
                db.session.add(role)
            db.session.commit()

    class User(db.Model):
        __tablename__ = "users"
        id = db.Column(db.Integer, primary_key=True)
        confirmed = db.Column(db.Boolean, default=False)
        first_name = db.Column(db.String(64), index=True)
        last_name = db.Column(db.String(64), index=True)
        email = db.Column(email_type, unique=True, index=True)
        password_hash = db.Column(db.String(128))
        role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.role is None:
                self.role = Role.query.filter_by(default=True).first()

        @property
        def password(self):
            raise AttributeError("password is not a readable attribute")

        @password.setter
        def password(self, password):
            # (flask-base's default method; a cheap one keeps the test fast)
            self.password_hash = generate_password_hash(
                password, method="pbkdf2:sha256:1000")

        @staticmethod
        def generate_fake(count=100, fake=None, **kwargs):
            """flask-base's loop as it is, but for the Faker it uses."""
            fake = fake or Faker()
            roles = Role.query.all()
            random.seed()
            for _ in range(count):
                u = User(first_name=fake.first_name(),
                         last_name=fake.last_name(), email=fake.email(),
                         password=fake.password(), confirmed=True,
                         role=random.choice(roles), **kwargs)
                db.session.add(u)
                try:
                    db.session.commit()
                except IntegrityError:
                    db.session.rollback()

    if with_richcheck:
        rs.enforce_lengths(db.metadata)
    with app.app_context():
        if with_richcheck:
            rs.install(db.engine)
        db.create_all()
        Role.insert_roles()
    return app, db, User


class SeededFaker:
    """Faker, seeded, except that some calls of email() give what a test
    needs there: {call number: address}."""

    def __init__(self, seed, emails=None, first_names=None):
        self.fake = Faker()
        self.fake.seed(seed)  # (Faker 0.9: the seed of every Faker)
        self.emails = emails or {}
        self.first_names = first_names or {}
        self.given = []  # every email() answer, in order
        self.n_names = 0

    def email(self):
        address = self.emails.get(len(self.given)) or self.fake.email()
        if callable(address):
            address = address(self.given)
        self.given.append(address)
        return address

    def first_name(self):
        self.n_names += 1
        return self.first_names.get(self.n_names - 1) or self.fake.first_name()

    def __getattr__(self, name):
        return getattr(self.fake, name)


with guard("seed-1"):
    BAD = "bob@@example.com"
    fake = SeededFaker(20261204, emails={
        100: BAD,
        200: lambda given: given[50],  # a duplicate of an earlier address
    })
    app, db, User = flask_base_app(scratch("flask-base.db"), True)
    with app.app_context():
        User.generate_fake(500, fake=fake)
        emails = [e for (e,) in db.session.query(User.email).order_by(User.id)]
        good = []
        for i, address in enumerate(fake.given):
            if i not in (100, 200) and address not in good:
                good.append(address)
        expect("seed-1.1-every-good-row-lands", emails, good)
        expect("seed-1.2-the-bad-and-the-duplicate-were-skipped",
               (BAD in emails, emails.count(fake.given[50]), len(emails)),
               (False, 1, 498))
        expect("seed-1.3-the-session-is-usable-after-the-rollbacks",
               User.query.filter_by(email=fake.given[0]).count(), 1)

        # An over-long name is a DataError, as PostgreSQL's varchar(64) is:
        # flask-base's loop does not catch it, so it ends the seeding.
        long_name = "N" * 65
        fake2 = SeededFaker(7, first_names={2: long_name}, emails={
            i: f"seed2-{i}@example.com" for i in range(5)})
        err = outcome(User.generate_fake, 5, fake=fake2)
        expect("seed-1.4-an-over-long-name-is-a-data-error",
               (type(err), getattr(err.orig, "pgcode", None),
                err.orig.args[0] if err is not None else None),
               (DataError, "22001",
                "users.first_name: value too long (65 characters, maximum 64)"))
        db.session.rollback()
        expect("seed-1.5-rows-before-it-are-kept-and-the-session-works",
               db.session.query(User).count(), 498 + 2)

        u = User(first_name="Ann", last_name="L" * 64, email="ann@example.com",
                 password="x")
        db.session.add(u)
        db.session.commit()
        expect("seed-1.6-exactly-64-characters-fit",
               User.query.filter_by(email="ann@example.com").one().last_name,
               "L" * 64)
        u.last_name = "é" * 65
        err = outcome(db.session.commit)
        expect("seed-1.7-an-update-is-checked-too",
               (type(err), err.orig.args[0] if err else None),
               (DataError,
                "users.last_name: value too long (65 characters, maximum 64)"))
        db.session.rollback()
        expect("seed-1.8-the-update-was-undone",
               User.query.filter_by(email="ann@example.com").one().last_name,
               "L" * 64)

    # flask-base as it is, with no richcheck: everything lands, silently
    fake = SeededFaker(20261204, emails={3: BAD},
                       first_names={4: "N" * 65})
    app, db, User = flask_base_app(scratch("flask-base-plain.db"), False)
    with app.app_context():
        User.generate_fake(10, fake=fake)
        expect("seed-1.9-without-richcheck-the-bad-rows-land",
               (db.session.query(User).filter_by(email=BAD).count(),
                db.session.query(User).filter_by(first_name="N" * 65).count()),
               (1, 1))

# ------------------------------------------- 2. sqlalchemy-utils' asserts


_SESSIONS = []


def asserts_user(with_richcheck):
    """test_asserts.py's model and its one row, on a fresh database."""
    Base = declarative_base()

    class User(Base):
        __tablename__ = "user"
        id = sa.Column("_id", sa.Integer, primary_key=True)
        name = sa.Column("_name", sa.String(20))
        age = sa.Column("_age", sa.Integer, nullable=False)
        email = sa.Column("_email", sa.String(200), nullable=False,
                          unique=True)
        __table_args__ = (sa.CheckConstraint(sa.and_(age >= 0, age <= 150)),)

    engine = sa.create_engine("sqlite://")
    if with_richcheck:
        rs.enforce_lengths(Base.metadata)
        rs.install(engine)
    Base.metadata.create_all(engine)
    session = Session(engine)
    _SESSIONS.append(session)  # the user's session must outlive this call
    user = User(name="Someone", email="someone@example.com", age=15)
    session.add(user)
    session.commit()
    return user


def raises_assertion(fn, *args):
    try:
        fn(*args)
    except AssertionError:
        return
    raise AssertionError(f"{fn.__name__}{args} did not fail")


def twice(fn, *args):
    """As the original: everything twice, so the rollback is tested too."""
    fn(*args)
    fn(*args)


u = sqlalchemy_utils
ASSERT_TESTS = {
    "non-nullable-column": lambda o: twice(u.assert_non_nullable, o, "age"),
    "non-nullable-nullable-column":
        lambda o: twice(raises_assertion, u.assert_non_nullable, o, "name"),
    "nullable-column": lambda o: twice(u.assert_nullable, o, "name"),
    "nullable-non-nullable-column":
        lambda o: twice(raises_assertion, u.assert_nullable, o, "age"),
    "max-length": lambda o: twice(u.assert_max_length, o, "name", 20),
    "max-length-non-nullable-column":
        lambda o: twice(u.assert_max_length, o, "email", 200),
    "max-length-smaller":
        lambda o: twice(raises_assertion, u.assert_max_length, o, "name", 19),
    "max-length-bigger":
        lambda o: twice(raises_assertion, u.assert_max_length, o, "name", 21),
    "min-value": lambda o: twice(u.assert_min_value, o, "age", 0),
    "min-value-smaller":
        lambda o: twice(raises_assertion, u.assert_min_value, o, "age", -1),
    "min-value-bigger":
        lambda o: twice(raises_assertion, u.assert_min_value, o, "age", 1),
    "max-value": lambda o: twice(u.assert_max_value, o, "age", 150),
    "max-value-smaller":
        lambda o: twice(raises_assertion, u.assert_max_value, o, "age", 149),
    "max-value-bigger":
        lambda o: twice(raises_assertion, u.assert_max_value, o, "age", 151),
}

with guard("seed-2"):
    expect("seed-2.0-fourteen-tests", len(ASSERT_TESTS), 14)
    failed_without = []
    for i, (name, test) in enumerate(ASSERT_TESTS.items(), 1):
        err = outcome(test, asserts_user(True))
        report(f"seed-2.{i}-{name}", err is None, repr(err))
        if outcome(test, asserts_user(False)) is not None:
            failed_without.append(name)
    expect("seed-2.15-without-richcheck-the-length-tests-fail",
           failed_without, ["max-length", "max-length-non-nullable-column"])

finish()
