"""rcchecks - the PASS/FAIL reporting of the package tests (pkg_*.py).

    from rcchecks import report, expect, outcome, guard, scratch, finish

Each check prints one line, "PASS name" or "FAIL name: detail", and the
script keeps going after a failure; finish() exits 1 when any failed.  The
package tests run with the python of a venv the wheel was installed into
(tester.tcl: python_venv), never from the source tree."""
import atexit
import os
import shutil
import sys
import tempfile

_seen = set()
_failed = 0


def report(name, ok, detail=""):
    """Prints the PASS or FAIL line of one check."""
    global _failed
    if name in _seen:
        ok, detail = False, "duplicate check name"
    _seen.add(name)
    if ok:
        print(f"PASS {name}", flush=True)
    else:
        _failed += 1
        print(f"FAIL {name}: " + str(detail).replace("\n", "\\n"), flush=True)


def expect(name, got, want):
    """Passes when got == want (for classes: exactly that class)."""
    report(name, got == want, f"expected {want!r}, got {got!r}")


def outcome(fn, *args, **kwargs):
    """The exception fn() raised, or None when it returned."""
    try:
        fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the exception is the result
        return e
    return None


class guard:
    """Turns an unexpected exception in a block into one FAIL line, so one
    broken step costs its own checks (the count in the .test notices) but
    never the checks after it."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if value is not None:
            import traceback
            where = traceback.extract_tb(tb)[-1]
            report(f"{self.name}-crashed", False,
                   f"{kind.__name__}: {value} (line {where.lineno})")
        return True


_SCRATCH = tempfile.mkdtemp(prefix="richcheck-pkg-")
atexit.register(shutil.rmtree, _SCRATCH, True)


def scratch(name):
    """A path in a temporary folder of this run, with nothing behind it."""
    path = os.path.join(_SCRATCH, name)
    if os.path.isdir(path):
        shutil.rmtree(path)
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def finish():
    sys.exit(1 if _failed else 0)
