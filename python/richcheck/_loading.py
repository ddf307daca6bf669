"""Finding the compiled extension inside the package and loading it."""
import os
import sqlite3

_LIBRARY = "richcheck.so"


class ExtensionLoadingError(RuntimeError):
    """The connection cannot load SQLite extensions (or loading failed)."""


def loadable_path():
    """The absolute path of the compiled extension inside the installed
    package, for sqlite3_load_extension, `.load` in the shell, or any client
    that takes a path."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), _LIBRARY)


_NO_LOADING = (
    "this Python's sqlite3 module cannot load SQLite extensions: "
    "sqlite3.Connection has no {method}() (Python was built without "
    "--enable-loadable-sqlite-extensions, as pyenv and python.org builds "
    "are on some systems, and macOS's system Python is). Ways out: use a "
    "Python whose sqlite3 can load extensions (Debian's and Ubuntu's "
    "python3 can; rebuild with ./configure "
    "--enable-loadable-sqlite-extensions, or for pyenv "
    "PYTHON_CONFIGURE_OPTS=--enable-loadable-sqlite-extensions), or use "
    "apsw (pip install apsw; richcheck.load(apsw.Connection(path)))"
)


def _load_apsw(conn, path):
    conn.enableloadextension(True)
    try:
        conn.loadextension(path)
    finally:
        conn.enableloadextension(False)


def _load_sqlite3(conn, path):
    for method in ("enable_load_extension", "load_extension"):
        if not callable(getattr(conn, method, None)):
            raise ExtensionLoadingError(_NO_LOADING.format(method=method))
    conn.enable_load_extension(True)
    try:
        conn.load_extension(path)
    finally:
        conn.enable_load_extension(False)


def load(conn):
    """Loads richcheck into conn, a sqlite3.Connection or an
    apsw.Connection (or SQLAlchemy's wrapper of either, or a SQLAlchemy
    Connection): turns extension loading on, loads, and turns it off again,
    so SQL run later on the connection cannot load extensions of its own."""
    inner = getattr(conn, "connection", None)  # a SQLAlchemy Connection
    if inner is not None and hasattr(inner, "dbapi_connection"):
        conn = inner
    conn = getattr(conn, "dbapi_connection", None) or conn  # pool's proxy
    path = loadable_path()
    if not os.path.exists(path):
        raise ExtensionLoadingError(
            f"richcheck: the compiled extension is missing from the "
            f"installed package ({path}); reinstall the wheel")
    if type(conn).__module__.split(".")[0] == "apsw":
        _load_apsw(conn, path)
    elif isinstance(conn, sqlite3.Connection) or (
            hasattr(conn, "enable_load_extension")
            and hasattr(conn, "load_extension")):  # pysqlite3 and the like
        _load_sqlite3(conn, path)
    else:
        hint = ""
        if hasattr(conn, "dialect") and hasattr(conn, "pool"):
            hint = ": for a SQLAlchemy engine, use richcheck.sqlalchemy.install(engine)"
        raise TypeError(
            f"richcheck.load() takes a sqlite3.Connection or an "
            f"apsw.Connection, not {type(conn).__name__}{hint}")
