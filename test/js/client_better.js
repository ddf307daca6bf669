// client_better.js - richcheck in better-sqlite3 12 through the installed
// npm package: how it loads, and for a too-long value and a bad address
// inside a transaction the class it raises, the code as better-sqlite3
// gives it (e.code), the message byte for byte, what richcheck.describe()
// makes of it, the transaction still usable and the earlier rows kept after
// COMMIT, in each error mode (extended, compat, tagged, compat + tagged).
// Run by test/npm.test in the scratch project the tarball went into.
'use strict';
const { report, expect, expectBytes, outcome, guard, captureLog, finish } = require('./rcchecks');
const C = require('./common');
const Database = require('better-sqlite3');
const richcheck = require('richcheck');

async function main() {
  // ------------------------------------------------------------ 1. loading
  await guard('b3-1', () => {
    const db = new Database(':memory:');
    report('b3-1.1-sqlite-version', true,
      db.prepare('SELECT sqlite_version() AS v').get().v);
    expect('b3-1.2-load-returns-the-database', richcheck.load(db), db);
    expect('b3-1.3-functions-are-there',
      db.prepare("SELECT email_valid('ann@example.com') AS e, length_valid('abc', 0, 2) AS l").get(),
      { e: 1, l: 0 });
    // the path alone, as a README shows it without the package's load()
    const raw = new Database(':memory:');
    raw.loadExtension(richcheck.getLoadablePath());
    expect('b3-1.4-loadExtension-takes-the-path',
      raw.prepare('SELECT richcheck_version() AS v').get().v, richcheck.version);
    // the SQL function load_extension() stays off: better-sqlite3 enables
    // only the C API
    const err = outcome(() => db.prepare("SELECT load_extension('nosuch')").get());
    expect('b3-1.5-sql-load-extension-stays-off', err && err.message, 'not authorized');
    // a mode, and loading again through the C API goes back to 'extended'
    richcheck.load(db, { mode: 'compat, tagged' });
    const mode = () => db.prepare('SELECT richcheck_error_mode() AS m').get().m;
    expect('b3-1.6-load-sets-the-mode', mode(), 'compat, tagged');
    richcheck.load(db);
    expect('b3-1.7-loading-again-resets-the-mode', mode(), 'extended');
    const bad = outcome(() => richcheck.load(new Database(':memory:'), { mode: 'loud' }));
    report('b3-1.8-an-unknown-mode-is-the-extension-s-usage-error',
      bad instanceof Database.SqliteError && bad.code === 'SQLITE_ERROR' &&
      /richcheck_error_mode/.test(bad.message), bad && `${bad.code}: ${bad.message}`);
    const notDb = outcome(() => richcheck.load({}));
    expect('b3-1.9-not-a-database', notDb && [notDb.name, notDb.message],
      ['TypeError', 'richcheck.load() takes a better-sqlite3 Database, a sqlite3 ' +
       '(node-sqlite3) Database or a node:sqlite DatabaseSync, not Object']);
  });

  // ------------------------------------------------ 2. the README snippet
  await guard('b3-2', async () => {
    const lines = await captureLog(() => {
      // README-SNIPPET-BEGIN better-sqlite3
      const Database = require('better-sqlite3');
      const richcheck = require('richcheck');
      const db = richcheck.load(new Database(':memory:'));
      db.exec("CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')))");
      try {
        db.prepare('INSERT INTO users(name) VALUES (?)').run('Zoë Müllerová-Ångström');
      } catch (e) {
        console.log(e.code);    // UNKNOWN_SQLITE_ERROR_25618
        console.log(e.message); // users.name: value too long (22 characters, maximum 10)
        const { code, name, sqlstate, category } = richcheck.describe(e);
        console.log(code, name, sqlstate, category); // 25618 RICHCHECK_TOO_LONG 22001 data
      }
      // README-SNIPPET-END
    });
    expect('b3-2.1-the-readme-snippet-prints-what-it-says', lines, [
      'UNKNOWN_SQLITE_ERROR_25618',
      'users.name: value too long (22 characters, maximum 10)',
      '25618 RICHCHECK_TOO_LONG 22001 data',
    ]);
  });

  // ------------------------------------- 3-6. the failures, mode by mode
  const codes = {
    extended: { 'too-long': 'UNKNOWN_SQLITE_ERROR_25618', email: 'UNKNOWN_SQLITE_ERROR_25619' },
    compat: { 'too-long': 'SQLITE_TOOBIG', email: 'SQLITE_CONSTRAINT_FUNCTION' },
  };
  const numbers = { extended: { 'too-long': 25618, email: 25619 }, compat: { 'too-long': 18, email: 1043 } };
  let section = 3;
  for (const mode of C.MODES) {
    const p = `b3-${section}`;
    section += 1;
    const base = mode.startsWith('compat') ? 'compat' : 'extended';
    await guard(p, () => {
      const db = richcheck.load(new Database(':memory:'), { mode });
      expect(`${p}.1-mode-${mode.replace(', ', '-')}`,
        db.prepare('SELECT richcheck_error_mode() AS m').get().m, mode);
      db.exec(C.SCHEMA);
      db.exec('BEGIN');
      const insert = db.prepare('INSERT INTO users(name, email) VALUES (?, ?)');
      insert.run('Ann', 'ann@example.com');
      const cases = [['too-long', [C.TOO_LONG, 'zoe@example.com']], ['email', ['José', C.BAD_EMAIL]]];
      let n = 2;
      for (const [failure, row] of cases) {
        const e = outcome(() => insert.run(...row));
        report(`${p}.${n}-${failure}-raises-SqliteError`,
          e instanceof Database.SqliteError && e.name === 'SqliteError' && e instanceof Error,
          e && `${e.constructor.name} ${e.name}`);
        expect(`${p}.${n + 1}-${failure}-code`, e && e.code, codes[base][failure]);
        expectBytes(`${p}.${n + 2}-${failure}-message-byte-for-byte`, e && e.message, C.message(failure, mode));
        expect(`${p}.${n + 3}-${failure}-describe`, e && richcheck.describe(e),
          C.description(failure, mode, numbers[base][failure]));
        n += 4;
      }
      expect(`${p}.10-still-in-the-transaction`, db.inTransaction, true);
      insert.run('Bob', 'bob@example.com');
      db.exec('COMMIT');
      expect(`${p}.11-earlier-rows-kept-after-commit`,
        db.prepare('SELECT name, email FROM users ORDER BY rowid').raw().all(),
        [['Ann', 'ann@example.com'], ['Bob', 'bob@example.com']]);
    });
  }

  // --------------------------------- 7. db.transaction() and SQLite's codes
  await guard('b3-7', () => {
    const db = richcheck.load(new Database(':memory:'));
    db.exec(C.SCHEMA.replace('email TEXT', 'email TEXT UNIQUE'));
    const insert = db.prepare('INSERT INTO users(name, email) VALUES (?, ?)');
    // better-sqlite3's transaction(): a check error that escapes it rolls
    // the whole transaction back; caught inside, the transaction goes on
    const escapes = db.transaction(() => {
      insert.run('Ann', 'ann@example.com');
      insert.run(C.TOO_LONG, 'x@example.com');
    });
    const e = outcome(() => escapes());
    expect('b3-7.1-escaping-transaction-function-rolls-back',
      [e && e.code, db.prepare('SELECT count(*) AS n FROM users').get().n],
      ['UNKNOWN_SQLITE_ERROR_25618', 0]);
    const caught = db.transaction(() => {
      insert.run('Ann', 'ann@example.com');
      const err = outcome(() => insert.run(C.TOO_LONG, 'x@example.com'));
      insert.run('Bob', 'bob@example.com');
      return err && err.code;
    });
    expect('b3-7.2-caught-inside-the-transaction-function-goes-on',
      [caught(), db.prepare('SELECT count(*) AS n FROM users').get().n],
      ['UNKNOWN_SQLITE_ERROR_25618', 2]);
    const unique = outcome(() => insert.run('Cy', 'ann@example.com'));
    expect('b3-7.3-describe-sqlite-s-unique', unique && richcheck.describe(unique), {
      code: 2067, name: 'SQLITE_CONSTRAINT_UNIQUE', sqlstate: '23505', category: 'integrity',
      label: 'users.email', message: 'UNIQUE constraint failed: users.email' });
    const db2 = new Database(':memory:');
    db2.exec('CREATE TABLE t(n INTEGER NOT NULL CHECK (n > 0))');
    const check = outcome(() => db2.exec('INSERT INTO t VALUES (0)'));
    expect('b3-7.4-describe-sqlite-s-check', check && [check.code, richcheck.describe(check)],
      ['SQLITE_CONSTRAINT_CHECK', { code: 275, name: 'SQLITE_CONSTRAINT_CHECK', sqlstate: '23514',
        category: 'integrity', label: 'n > 0', message: 'CHECK constraint failed: n > 0' }]);
    const syntax = outcome(() => db2.exec('SELEKT 1'));
    expect('b3-7.5-describe-a-syntax-error', syntax && richcheck.describe(syntax), {
      code: 1, name: 'SQLITE_ERROR', sqlstate: null, category: 'operational', label: null,
      message: 'near "SELEKT": syntax error' });
  });
}

main().then(finish, (err) => {
  report('b3-crashed', false, err && err.stack);
  finish();
});
