// client_sqlite3.js - richcheck in sqlite3 (node-sqlite3) 5 through the
// installed npm package: how it loads (a Promise, a callback), and for a
// too-long value and a bad address inside a transaction the class it
// raises, the code as node-sqlite3 gives it (err.errno, err.code: the
// primary code only), the message byte for byte (after node-sqlite3's
// "SQLITE_TOOBIG: "), what richcheck.describe() makes of it (the category;
// in tagged mode the full code, from the message), the transaction still
// usable and the earlier rows kept after COMMIT, in each error mode.
// Run by test/npm.test in the scratch project the tarball went into.
'use strict';
const { report, expect, expectBytes, guard, captureLog, finish } = require('./rcchecks');
const C = require('./common');
const sqlite3 = require('sqlite3');
const richcheck = require('richcheck');

// node-sqlite3's callbacks as Promises: run() resolves to its error or null
const run = (db, sql, params = []) => new Promise((resolve) => {
  db.run(sql, params, (err) => resolve(err || null));
});
const all = (db, sql, params = []) => new Promise((resolve, reject) => {
  db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)));
});
const close = (db) => new Promise((resolve) => db.close(() => resolve()));
const open = () => new sqlite3.Database(':memory:');

async function main() {
  // ------------------------------------------------------------ 1. loading
  await guard('ns3-1', async () => {
    const db = open();
    const [{ v }] = await all(db, 'SELECT sqlite_version() AS v');
    report('ns3-1.1-sqlite-version', true, v);
    const loading = richcheck.load(db);
    report('ns3-1.2-load-returns-a-promise', loading instanceof Promise, String(loading));
    expect('ns3-1.3-of-the-database', (await loading) === db, true);
    expect('ns3-1.4-functions-are-there',
      await all(db, "SELECT email_valid('ann@example.com') AS e, length_valid('abc', 0, 2) AS l"),
      [{ e: 1, l: 0 }]);
    // with a callback: returns undefined, calls back with the database
    const viaCallback = open();
    let returned = 'unset';
    const called = await new Promise((resolve) => {
      returned = richcheck.load(viaCallback, { mode: 'tagged' }, (err, d) => resolve([err, d === viaCallback]));
    });
    expect('ns3-1.5-load-with-a-callback', [returned, ...called], [undefined, null, true]);
    expect('ns3-1.6-the-mode-is-set',
      await all(viaCallback, 'SELECT richcheck_error_mode() AS m'), [{ m: 'tagged' }]);
    // not awaited: a statement queued after load() runs after it
    const queued = open();
    const loaded = richcheck.load(queued, { mode: 'compat' });
    const rows = await all(queued, 'SELECT richcheck_error_mode() AS m');
    await loaded;
    expect('ns3-1.7-statements-queued-after-load-run-after-it', rows, [{ m: 'compat' }]);
    // the path alone, with node-sqlite3's own loadExtension
    const raw = open();
    const err = await new Promise((resolve) => raw.loadExtension(richcheck.getLoadablePath(), resolve));
    expect('ns3-1.8-loadExtension-takes-the-path',
      [err, await all(raw, 'SELECT richcheck_version() AS v')], [null, [{ v: richcheck.version }]]);
    // node-sqlite3 turns extension loading off again after it
    const off = await run(db, "SELECT load_extension('nosuch')");
    expect('ns3-1.9-sql-load-extension-stays-off', off && off.message, 'SQLITE_ERROR: not authorized');
    const bad = await richcheck.load(open(), { mode: 'loud' }).then(() => null, (e) => e);
    report('ns3-1.10-an-unknown-mode-rejects',
      bad !== null && bad.code === 'SQLITE_ERROR' && /unknown mode 'loud'/.test(bad.message),
      bad && bad.message);
    for (const d of [db, viaCallback, queued, raw]) await close(d);
  });

  // ------------------------------------------------ 2. the README snippet
  await guard('ns3-2', async () => {
    let opened;
    const lines = await captureLog(async () => {
      // README-SNIPPET-BEGIN sqlite3
      const sqlite3 = require('sqlite3');
      const richcheck = require('richcheck');
      const db = new sqlite3.Database(':memory:');
      await richcheck.load(db, { mode: 'tagged' }); // node-sqlite3 keeps only 18 or 19
      db.serialize(() => {
        db.run("CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')))");
        db.run('INSERT INTO users(name) VALUES (?)', ['Zoë Müllerová-Ångström'], (e) => {
          console.log(e.errno, e.code); // 18 SQLITE_TOOBIG
          console.log(e.message); // SQLITE_TOOBIG: [RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] users.name: ...
          const { code, name, sqlstate, category } = richcheck.describe(e);
          console.log(code, name, sqlstate, category); // 25618 RICHCHECK_TOO_LONG 22001 data
        });
      });
      // README-SNIPPET-END
      opened = db;
      await close(opened);
    });
    expect('ns3-2.1-the-readme-snippet-prints-what-it-says', lines, [
      '18 SQLITE_TOOBIG',
      'SQLITE_TOOBIG: [RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] users.name: value too long (22 characters, maximum 10)',
      '25618 RICHCHECK_TOO_LONG 22001 data',
    ]);
  });

  // ------------------------------------- 3-6. the failures, mode by mode
  const codes = {
    'too-long': { errno: 18, code: 'SQLITE_TOOBIG' },
    email: { errno: 19, code: 'SQLITE_CONSTRAINT' },
  };
  let section = 3;
  for (const mode of C.MODES) {
    const p = `ns3-${section}`;
    section += 1;
    await guard(p, async () => {
      const db = await richcheck.load(open(), { mode });
      expect(`${p}.1-mode-${mode.replace(', ', '-')}`,
        await all(db, 'SELECT richcheck_error_mode() AS m'), [{ m: mode }]);
      const setup = [await run(db, C.SCHEMA), await run(db, 'BEGIN'),
        await run(db, 'INSERT INTO users VALUES (?, ?)', ['Ann', 'ann@example.com'])];
      if (setup.some((e) => e !== null)) throw setup.find((e) => e !== null);
      const cases = [['too-long', [C.TOO_LONG, 'zoe@example.com']], ['email', ['José', C.BAD_EMAIL]]];
      let n = 2;
      for (const [failure, row] of cases) {
        const e = await run(db, 'INSERT INTO users VALUES (?, ?)', row);
        report(`${p}.${n}-${failure}-raises-Error`,
          e !== null && e.constructor === Error && e.name === 'Error', e && `${e.constructor.name} ${e.name}`);
        expect(`${p}.${n + 1}-${failure}-errno-and-code`, e && [e.errno, e.code],
          [codes[failure].errno, codes[failure].code]);
        const want = `${codes[failure].code}: ${C.message(failure, mode)}`;
        expectBytes(`${p}.${n + 2}-${failure}-message-byte-for-byte`, e && e.message, want);
        expect(`${p}.${n + 3}-${failure}-describe`, e && richcheck.describe(e),
          C.description(failure, mode, codes[failure].errno));
        n += 4;
      }
      expect(`${p}.10-transaction-goes-on-to-commit`,
        [await run(db, 'INSERT INTO users VALUES (?, ?)', ['Bob', 'bob@example.com']), await run(db, 'COMMIT')],
        [null, null]);
      expect(`${p}.11-earlier-rows-kept-after-commit`,
        await all(db, 'SELECT name, email FROM users ORDER BY rowid'),
        [{ name: 'Ann', email: 'ann@example.com' }, { name: 'Bob', email: 'bob@example.com' }]);
      await close(db);
    });
  }

  // ---------------------------------------- 7. a text-only transport's error
  await guard('ns3-7', () => {
    // what a client that carries only the text (a message relayed over
    // HTTP, a log line) gives describe(): the tag is enough
    const relayed = new Error(`relayed: ${C.message('email', 'tagged')}`);
    expect('ns3-7.1-describe-a-bare-tagged-message', richcheck.describe(relayed),
      { ...C.description('email', 'tagged', 19), message: `relayed: ${C.message('email', 'tagged')}` });
    // a tag whose name and number disagree is not richcheck's
    const forged = { errno: 19, code: 'SQLITE_CONSTRAINT',
      message: 'SQLITE_CONSTRAINT: [RICHCHECK_EMAIL 25618 SQLSTATE 23514] x' };
    expect('ns3-7.2-a-tag-that-disagrees-is-ignored', richcheck.describe(forged).code, 19);
  });
}

main().then(finish, (err) => {
  report('ns3-crashed', false, err && err.stack);
  finish();
});
