"""richcheck: SQLite checks for emails, lengths and money, with their own
error codes and PostgreSQL's SQLSTATEs.

    import sqlite3, richcheck
    conn = sqlite3.connect("app.db")
    richcheck.load(conn)

richcheck.sqlalchemy and richcheck.alembic integrate it with SQLAlchemy
and Alembic; see the README of the package.
"""
from ._build import VERSION as __version__
from ._errors import Description, describe, sqlstate
from ._loading import ExtensionLoadingError, load, loadable_path

__all__ = [
    "__version__", "Description", "ExtensionLoadingError", "describe",
    "load", "loadable_path", "sqlstate",
]
