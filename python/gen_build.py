"""gen_build.py SO OUT - writes OUT, the package's richcheck/_build.py:
the version and the code registry as the compiled extension SO reports
them (richcheck_version(), richcheck_codes), so the package cannot differ
from the extension it carries."""
import sqlite3
import sys


def main():
    so, out = sys.argv[1], sys.argv[2]
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(so)
    version = conn.execute("SELECT richcheck_version()").fetchone()[0]
    codes = conn.execute(
        "SELECT code, name, sqlstate, category FROM richcheck_codes "
        "ORDER BY code").fetchall()
    with open(out, "w", encoding="utf-8") as f:
        f.write('"""Made by gen_build.py when the wheel was built, from the '
                'extension it carries."""\n')
        f.write(f"VERSION = {version!r}\n")
        f.write("CODES = (  # code, name, sqlstate, category\n")
        for row in codes:
            f.write(f"    {tuple(row)!r},\n")
        f.write(")\n")


if __name__ == "__main__":
    main()
