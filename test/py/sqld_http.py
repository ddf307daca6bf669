"""sqld_http.py PHASE PRIMARY REPLICA BUILD - richcheck on a sqld primary
and replica through libSQL's HTTP API (Hrana over HTTP: POST /v2/pipeline,
JSON), with nothing but urllib: what any HTTP client gets.

PHASE "cluster": the schema (CHECKs and a declared rule of each kind), good
rows, a bad INSERT, a bad UPDATE and both rules' violations with sqld's
category code and the exact message of one machine (build/richcheck.so in
Python's sqlite3, side by side); the full code and SQLSTATE from the tag of
richcheck_error_mode('tagged') set in the same stream; the replica's copy
and writes sent to the replica.  PHASE "restarted": the primary, stopped and
started again on its database, still refuses bad rows; its new good row
reaches the replica.  PRIMARY and REPLICA are base URLs (http://host:port).

Run by test/sqld.test; prints one PASS or FAIL line per check."""
import json
import re
import sqlite3
import sys
import time
import urllib.request

from rcchecks import expect, finish, guard, report

PHASE, PRIMARY, REPLICA, BUILD = sys.argv[1:5]

# README, Error codes: the tag of richcheck_error_mode('tagged')
TAG = re.compile(r"\[(RICHCHECK_[A-Z_]+) ([0-9]+) SQLSTATE ([0-9A-Z]{5})\] ")

SCHEMA = [
    "CREATE TABLE users(id INTEGER PRIMARY KEY,"
    " email TEXT CHECK (email_check(email, 'users.email')),"
    " name TEXT CHECK (length_check(name, 1, 10, 'users.name')))",
    "CREATE TABLE orders(id INTEGER PRIMARY KEY, total TEXT)",
    "CREATE TABLE tags(id INTEGER PRIMARY KEY, label TEXT)",
    "SELECT richcheck_add_rule('orders', 'total', 'money(USD, 0)')",
    "SELECT richcheck_add_rule('tags', 'label', 'length(1, 5)', 'check')",
]
GOOD = [
    "INSERT INTO users(email, name) VALUES ('ann@example.com', 'Ann')",
    "INSERT INTO orders(total) VALUES ('12.30')",
    "INSERT INTO tags(label) VALUES ('red')",
]
# name, statement, sqld's code, the message of one machine, code, SQLSTATE
BAD = [
    ("insert", "INSERT INTO users(email, name) VALUES ('bob@@example.com', 'Bob')",
     "SQLITE_CONSTRAINT",
     'users.email: invalid email address "bob@@example.com": more than one @',
     25619, "23514"),
    ("update", "UPDATE users SET name = 'Maximiliane-Josephine' WHERE id = 1",
     "SQLITE_TOOBIG", "users.name: value too long (21 characters, maximum 10)",
     25618, "22001"),
    ("rule-triggers", "INSERT INTO orders(total) VALUES ('-0.01')",
     "SQLITE_CONSTRAINT", "orders.total: amount -0.01 USD is below the minimum 0.00",
     25875, "23514"),
    ("rule-check", "UPDATE tags SET label = 'much too long'",
     "SQLITE_TOOBIG", "tags.label: value too long (13 characters, maximum 5)",
     25618, "22001"),
]
ROWS = ("SELECT (SELECT group_concat(email || '/' || name, ' ') FROM users),"
        " (SELECT group_concat(total, ' ') FROM orders),"
        " (SELECT group_concat(label, ' ') FROM tags),"
        # which copy answered: a replica may ask the primary (found by review)
        " (SELECT file FROM pragma_database_list WHERE seq = 0) LIKE"
        " '%/replica.db/%'")
# 127.0.0.1 only, never through a proxy the environment names
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pipeline(url, sqls, baton=None, close=True):
    """One Hrana pipeline: [(kind, value)] per statement, ("ok", rows) or
    ("error", (code, message)), and the stream's baton."""
    requests = [{"type": "execute", "stmt": {"sql": s}} for s in sqls]
    if close:
        requests.append({"type": "close"})
    body = json.dumps({"baton": baton, "requests": requests}).encode()
    req = urllib.request.Request(url + "/v2/pipeline", data=body,
                                 headers={"Content-Type": "application/json"})
    with OPENER.open(req, timeout=10) as resp:
        answer = json.load(resp)
    out = []
    for r in answer["results"][:len(sqls)]:
        if r["type"] == "ok":
            rows = [[c.get("value") for c in row]
                    for row in r["response"]["result"]["rows"]]
            out.append(("ok", rows))
        else:
            out.append(("error", (r["error"].get("code"), r["error"]["message"])))
    return out, answer["baton"]


def run(url, sqls):
    return pipeline(url, sqls)[0]


def tag_of(message, prefix):
    """(code, SQLSTATE, the message after the tag) from a tagged message
    that follows sqld's prefix, or None."""
    if not message.startswith(prefix):
        return None
    m = TAG.match(message, len(prefix))
    if m is None:
        return None
    return int(m.group(2)), m.group(3), message[m.end():]


def one_machine():
    """Each bad statement on one machine: (extended code, message)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.enable_load_extension(True)
    conn.load_extension(BUILD + "/richcheck.so")
    for s in SCHEMA + GOOD:
        conn.execute(s)
    got = {}
    for name, sql, *_ in BAD:
        try:
            conn.execute(sql)
            got[name] = None
        except sqlite3.Error as e:
            got[name] = (e.sqlite_errorcode, str(e))
    return got


def replica_rows(want, seconds=15):
    """The replica's own rows (answered from its copy: the last column),
    polled until they are want (bounded)."""
    want = want + ["1"]
    deadline = time.monotonic() + seconds
    while True:
        got = run(REPLICA, [ROWS])[0]
        if got == ("ok", [want]) or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


if PHASE == "cluster":
    with guard("sqld-http-1"):
        got = run(PRIMARY, SCHEMA)
        expect("sqld-http-1.1-schema-checks-and-rules-of-both-kinds", got,
               [("ok", [])] * 3 + [("ok", [["1"]])] * 2)
        expect("sqld-http-1.2-good-rows", run(PRIMARY, GOOD), [("ok", [])] * 3)
        alone = one_machine()
        for name, sql, code, message, full, state in BAD:
            expect(f"sqld-http-1.3-bad-{name}-category-code-and-message",
                   run(PRIMARY, [sql]), [("error", (code, "SQLite error: " + message))])
            expect(f"sqld-http-1.4-bad-{name}-is-one-machine-s", alone[name],
                   (full, message))
        # The mode is the connection's, and sqld keeps one connection for a
        # stream: set in the same pipeline, it applies to what follows.
        got, baton = pipeline(PRIMARY, ["SELECT richcheck_error_mode('tagged')"]
                              + [b[1] for b in BAD], close=False)
        expect("sqld-http-1.5-mode-set-in-the-stream", got[0], ("ok", [["tagged"]]))
        for (name, sql, code, message, full, state), (kind, value) in zip(BAD, got[1:]):
            tag = tag_of(value[1], "SQLite error: ") if kind == "error" else None
            expect(f"sqld-http-1.6-bad-{name}-full-code-and-sqlstate-from-the-tag",
                   (kind, value[0], tag), ("error", code, (full, state, message)))
        # the next pipeline of the same stream (its baton): the same connection
        got, _ = pipeline(PRIMARY, [BAD[0][1], "SELECT richcheck_error_mode()"], baton)
        expect("sqld-http-1.7-the-stream-s-next-pipeline-keeps-the-mode",
               (tag_of(got[0][1][1], "SQLite error: "), got[1]),
               ((25619, "23514", BAD[0][3]), ("ok", [["tagged"]])))
        # a new stream is a new connection: the default mode again
        expect("sqld-http-1.8-a-new-stream-has-the-default-mode",
               run(PRIMARY, ["SELECT richcheck_error_mode()"]), [("ok", [["extended"]])])

    with guard("sqld-http-2"):
        expect("sqld-http-2.1-replica-holds-exactly-the-good-rows",
               replica_rows(["ann@example.com/Ann", "12.30", "red"]),
               ("ok", [["ann@example.com/Ann", "12.30", "red", "1"]]))
        # A write sent to the replica is forwarded to the primary; a refusal
        # comes back as PROXY_ERROR with the primary's message.
        expect("sqld-http-2.2-bad-write-to-the-replica-proxy-error",
               run(REPLICA, [BAD[0][1]]),
               [("error", ("PROXY_ERROR",
                           "error executing a request on the primary: " + BAD[0][3]))])
        # A statement alone that reads runs on the replica's own connection,
        # unless the replica is catching up (then it is forwarded): a mode set
        # so may or may not reach the primary.  In a transaction everything
        # goes to the primary, on one connection kept for the stream: set
        # there, the mode holds for the stream's later writes too.
        got = run(REPLICA, ["BEGIN", "SELECT richcheck_error_mode('tagged')", "COMMIT",
                            BAD[0][1]])
        expect("sqld-http-2.3-mode-set-in-a-transaction-holds-for-the-stream",
               (got[:3], got[3][1][0],
                tag_of(got[3][1][1], "error executing a request on the primary: ")),
               ([("ok", []), ("ok", [["tagged"]]), ("ok", [])], "PROXY_ERROR",
                (25619, "23514", BAD[0][3])))
        got = run(REPLICA, ["BEGIN", "SELECT richcheck_error_mode('tagged')", BAD[2][1],
                            "ROLLBACK"])
        expect("sqld-http-2.4-mode-in-a-transaction-reaches-the-primary",
               (got[0], got[1], got[2][1][0],
                tag_of(got[2][1][1], "error executing a request on the primary: "), got[3]),
               (("ok", []), ("ok", [["tagged"]]), "PROXY_ERROR",
                (25875, "23514", BAD[2][3]), ("ok", [])))
        expect("sqld-http-2.5-good-write-to-the-replica-is-forwarded",
               run(REPLICA, ["INSERT INTO users(email, name) VALUES ('cy@example.com', 'Cy')"]),
               [("ok", [])])
        expect("sqld-http-2.6-the-primary-has-it",
               run(PRIMARY, ["SELECT name FROM users ORDER BY id"]),
               [("ok", [["Ann"], ["Cy"]])])
        expect("sqld-http-2.7-replica-holds-exactly-the-good-rows",
               replica_rows(["ann@example.com/Ann cy@example.com/Cy", "12.30", "red"]),
               ("ok", [["ann@example.com/Ann cy@example.com/Cy", "12.30", "red", "1"]]))

elif PHASE == "restarted":
    with guard("sqld-http-3"):
        got = run(PRIMARY, [b[1] for b in BAD])
        for (name, sql, code, message, full, state), result in zip(BAD, got):
            expect(f"sqld-http-3.1-after-restart-bad-{name}-refused", result,
                   ("error", (code, "SQLite error: " + message)))
        expect("sqld-http-3.2-after-restart-good-row",
               run(PRIMARY, ["INSERT INTO users(email, name) VALUES ('dee@example.com', 'Dee')"]),
               [("ok", [])])
        want = ["ann@example.com/Ann cy@example.com/Cy dee@example.com/Dee", "12.30", "red"]
        expect("sqld-http-3.3-replica-holds-exactly-the-good-rows", replica_rows(want),
               ("ok", [want + ["1"]]))
else:
    report("sqld-http-0.0-phase", False, f"unknown phase {PHASE!r}")

finish()
