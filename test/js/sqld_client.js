// sqld_client.js PRIMARY REPLICA EMBEDDED - richcheck on a sqld primary and
// replica through libSQL's Node client, @libsql/client 0.15, with the npm
// package's describe():
//
//   1. over HTTP to the primary (url: 'http://...'): the category code and
//      sqld's message; the full code from the tag where the mode was set in
//      the same stream (a batch, a transaction; each execute() is a stream
//      of its own)
//   2. over HTTP to the replica: writes forwarded, refusals as PROXY_ERROR
//   3. as an embedded replica (url: 'file:...', syncUrl: the primary): the
//      local copy, and writes forwarded to the primary over gRPC, whose
//      refusal carries the full extended code in its text
//
// PRIMARY and REPLICA are base URLs, EMBEDDED a file for the embedded
// replica.  Run by test/sqld.test in a scratch project with the npm
// tarball installed and @libsql/client on NODE_PATH (build/sqld).
'use strict';
const { createClient } = require('@libsql/client');
const richcheck = require('richcheck');
const { report, expect, guard, captureLog, finish } = require('./rcchecks');

const [PRIMARY, REPLICA, EMBEDDED] = process.argv.slice(2);

const SCHEMA = [
  "CREATE TABLE members(id INTEGER PRIMARY KEY, email TEXT CHECK (email_check(email, 'members.email')), " +
    "name TEXT CHECK (length_check(name, 1, 10, 'members.name')))",
  'CREATE TABLE invoices(id INTEGER PRIMARY KEY, total TEXT)',
  'CREATE TABLE labels(id INTEGER PRIMARY KEY, label TEXT)',
  "SELECT richcheck_add_rule('invoices', 'total', 'money(EUR, 0, 1000)')",
  "SELECT richcheck_add_rule('labels', 'label', 'length(1, 5)', 'check')",
];
const GOOD = [
  "INSERT INTO members(email, name) VALUES ('ann@example.com', 'Ann')",
  "INSERT INTO invoices(total) VALUES ('99.90')",
  "INSERT INTO labels(label) VALUES ('blue')",
];
const INTEGRITY = { name: 'SQLITE_CONSTRAINT', code: 19, sqlstate: '23000', category: 'integrity' };
const DATA = { name: 'SQLITE_TOOBIG', code: 18, sqlstate: '54000', category: 'data' };
// name, statement, sqld's code, the message, the full code, its name, SQLSTATE
const BAD = [
  ['insert', "INSERT INTO members(email, name) VALUES ('josé@@müller.de', 'José')", INTEGRITY,
    'members.email: invalid email address "josé@@müller.de": more than one @',
    25619, 'RICHCHECK_EMAIL', '23514'],
  ['update', "UPDATE members SET name = 'Zoë Müllerová-Ångström' WHERE id = 1", DATA,
    'members.name: value too long (22 characters, maximum 10)',
    25618, 'RICHCHECK_TOO_LONG', '22001'],
  ['rule-triggers', "INSERT INTO invoices(total) VALUES ('1000.01')", INTEGRITY,
    'invoices.total: amount 1000.01 EUR is above the maximum 1000.00',
    25875, 'RICHCHECK_BOUND', '23514'],
  ['rule-check', "INSERT INTO labels(label) VALUES ('turquoise')", DATA,
    'labels.label: value too long (9 characters, maximum 5)',
    25618, 'RICHCHECK_TOO_LONG', '22001'],
];
const tagOf = (code, name, sqlstate) => `[${name} ${code} SQLSTATE ${sqlstate}] `;
const labelOf = (message) => message.slice(0, message.indexOf(':'));

// What describe() gives for a bad statement: the category, or with the tag
// the full code.
function described([, , category, message, full, name, sqlstate], tagged) {
  const base = tagged ? { code: full, name, sqlstate, category: category.category } : {
    code: category.code, name: category.name, sqlstate: category.sqlstate, category: category.category,
  };
  return { ...base, label: labelOf(message), message: (tagged ? tagOf(full, name, sqlstate) : '') + message };
}

// The error a promise rejects with, or null.
async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return null;
}

async function main() {
  const db = createClient({ url: PRIMARY });

  // ------------------------------------------- 1. HTTP, to the primary
  await guard('sqld-client-1', async () => {
    const made = await db.batch(SCHEMA, 'write');
    expect('sqld-client-1.1-schema-checks-and-rules-of-both-kinds',
      made.slice(3).map((r) => Number(r.rows[0][0])), [1, 1]);
    const good = await db.batch(GOOD, 'write');
    expect('sqld-client-1.2-good-rows', good.map((r) => r.rowsAffected), [1, 1, 1]);
    for (const bad of BAD) {
      const [name, sql, category, message] = bad;
      const e = await failure(db.execute(sql));
      expect(`sqld-client-1.3-bad-${name}-category-code-and-message`,
        e && [e.name, e.code, e.message],
        ['LibsqlError', category.name, `${category.name}: SQLite error: ${message}`]);
      expect(`sqld-client-1.4-bad-${name}-describe`, e && richcheck.describe(e), described(bad, false));
      const t = await failure(db.batch(["SELECT richcheck_error_mode('tagged')", sql], 'write'));
      expect(`sqld-client-1.5-bad-${name}-tagged-in-a-batch-describe`,
        t && richcheck.describe(t), described(bad, true));
    }
    // each execute() is a stream, a connection, of its own
    await db.execute("SELECT richcheck_error_mode('tagged')");
    const e = await failure(db.execute(BAD[0][1]));
    expect('sqld-client-1.6-a-mode-set-by-execute-is-gone-at-the-next',
      e && richcheck.describe(e).code, 19);
    const tx = await db.transaction('write');
    await tx.execute("SELECT richcheck_error_mode('tagged')");
    const u = await failure(tx.execute(BAD[1][1]));
    await tx.rollback();
    expect('sqld-client-1.7-tagged-in-a-transaction-describe',
      u && richcheck.describe(u), described(BAD[1], true));
  });

  await guard('sqld-client-2', async () => {
    const lines = await captureLog(async () => {
      const url = PRIMARY;
      // README-SNIPPET-BEGIN libsql-client
      const { createClient } = require('@libsql/client');
      const richcheck = require('richcheck');
      const db = createClient({ url }); // 'http://127.0.0.1:8080': sqld with richcheck
      try {
        // a batch is one stream, so one connection: the mode holds for what follows
        await db.batch(["SELECT richcheck_error_mode('tagged')",
          "UPDATE members SET name = 'Maximiliane-Josephine'"], 'write');
      } catch (e) {
        console.log(e.code); // SQLITE_TOOBIG (sqld sends the category only)
        const { code, name, sqlstate, label } = richcheck.describe(e);
        console.log(code, name, sqlstate, label); // 25618 RICHCHECK_TOO_LONG 22001 members.name
      }
      // README-SNIPPET-END
      db.close();
    });
    expect('sqld-client-2.1-the-readme-snippet-prints-what-it-says', lines,
      ['SQLITE_TOOBIG', '25618 RICHCHECK_TOO_LONG 22001 members.name']);
  });

  // ------------------------------------------- 3. HTTP, to the replica
  await guard('sqld-client-3', async () => {
    const rdb = createClient({ url: REPLICA });
    const e = await failure(rdb.execute(BAD[0][1]));
    expect('sqld-client-3.1-bad-write-to-the-replica-proxy-error',
      e && [e.code, e.message, richcheck.describe(e)],
      ['PROXY_ERROR', `PROXY_ERROR: error executing a request on the primary: ${BAD[0][3]}`,
        { code: null, name: null, sqlstate: null, category: null, label: null, message: BAD[0][3] }]);
    // a batch is a transaction: forwarded whole, the mode with it
    const t = await failure(rdb.batch(["SELECT richcheck_error_mode('tagged')", BAD[2][1]], 'write'));
    expect('sqld-client-3.2-tagged-batch-through-the-replica-describe',
      t && [t.code, richcheck.describe(t)], ['PROXY_ERROR', described(BAD[2], true)]);
    rdb.close();
  });

  // ----------------------------------------- 4. the embedded replica
  await guard('sqld-client-4', async () => {
    const edb = createClient({ url: `file:${EMBEDDED}`, syncUrl: PRIMARY });
    await edb.sync();
    const rows = async () => (await edb.execute(
      "SELECT (SELECT group_concat(email || '/' || name, ' ') FROM members), " +
      "(SELECT group_concat(total, ' ') FROM invoices), (SELECT group_concat(label, ' ') FROM labels)",
    )).rows.map((r) => [r[0], r[1], r[2]]);
    expect('sqld-client-4.1-the-local-copy-holds-exactly-the-good-rows', await rows(),
      [['ann@example.com/Ann', '99.90', 'blue']]);
    // a write is sent to the primary; its refusal is Rust's rendering of
    // RemoteSqliteFailure(code, extended code, "message")
    const e = await failure(edb.execute(BAD[0][1]));
    expect('sqld-client-4.2-bad-write-the-extended-code-in-the-text', e && [e.code, e.message],
      ['', `RemoteSqliteFailure(3, 25619, "${BAD[0][3].replace(/"/g, '\\"')}")`]);
    for (const bad of BAD) {
      const err = await failure(edb.execute(bad[1]));
      expect(`sqld-client-4.3-bad-${bad[0]}-describe-full-code`, err && richcheck.describe(err),
        { ...described(bad, true), message: bad[3] });
    }
    const q = await failure(edb.execute({
      sql: 'INSERT INTO members(email, name) VALUES (?, ?)', args: ['tab\there "q" \\ é', 'Q'],
    }));
    expect('sqld-client-4.4-rust-escapes-undone', q && richcheck.describe(q).message,
      'members.email: invalid email address "tab\\x09here \\"q\\" \\\\ é": an email address must have an @');
    const tx = await edb.transaction('write');
    await tx.execute("SELECT richcheck_error_mode('tagged')");
    const t = await failure(tx.execute(BAD[3][1]));
    await failure(tx.rollback());
    expect('sqld-client-4.5-tagged-in-a-transaction-describe', t && richcheck.describe(t),
      described(BAD[3], true));
    const ok = await edb.execute("INSERT INTO members(email, name) VALUES ('bo@example.com', 'Bo')");
    await edb.sync();
    expect('sqld-client-4.6-good-write-forwarded-and-synced', [ok.rowsAffected, await rows()],
      [1, [['ann@example.com/Ann bo@example.com/Bo', '99.90', 'blue']]]);
    // the local connection of an embedded replica has no extensions
    const r = await failure(edb.execute('SELECT richcheck_version()'));
    expect('sqld-client-4.7-no-richcheck-in-the-local-copy', r && [r.code, r.message],
      ['SQLITE_ERROR', 'SQLITE_ERROR: no such function: richcheck_version']);
    edb.close();
  });

  const left = await db.execute('SELECT name FROM members ORDER BY id');
  expect('sqld-client-5.1-the-primary-holds-exactly-the-good-rows',
    left.rows.map((r) => r[0]), ['Ann', 'Bo']);
  db.close();
  report('sqld-client-5.2-done', true);
}

main().catch((err) => report('sqld-client-9.9-crashed', false, err && err.stack)).finally(finish);
