"""email_py.py - the python-email-validator baseline of make bench.

    python3 bench/email_py.py FILE PASSES

FILE holds one address a line, after its expected verdict and a tab
("1\tjohn.smith@example.com").  The first pass checks every verdict of
validate_email(x, check_deliverability=False) against the expected one and
warms the library up; it is not timed.  Then PASSES passes over all the
addresses are timed in process CPU time, the whole loop with nothing else
in it.  bench.c reads what this prints:

    version email-validator 1.3.0, Python 3.11.2
    addresses N valid N wrong N
    wrong EXPECTED ADDRESS             (each disagreement, at most 20)
    pass SECONDS                       (each timed pass)
"""

import sys
import time
from importlib import metadata

from email_validator import EmailNotValidError, validate_email


def main():
    path, passes = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8", newline="\n") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f]
    expected = [row[0] == "1" for row in rows]
    addresses = [row[1] for row in rows]

    valid = wrong = 0
    for want, address in zip(expected, addresses):
        try:
            validate_email(address, check_deliverability=False)
            got = True
        except EmailNotValidError:
            got = False
        valid += got
        if got != want:
            wrong += 1
            if wrong <= 20:
                print("wrong %d %r" % (want, address))
    print("version email-validator %s, Python %s"
          % (metadata.version("email_validator"), sys.version.split()[0]))
    print("addresses %d valid %d wrong %d" % (len(addresses), valid, wrong))
    sys.stdout.flush()

    for _ in range(passes):
        t0 = time.process_time()
        for address in addresses:
            try:
                validate_email(address, check_deliverability=False)
            except EmailNotValidError:
                pass
        print("pass %.6f" % (time.process_time() - t0))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
