// pkg_core.js SOURCE_ROOT - the installed richcheck npm package itself:
// where it is, its version and code table against the extension it
// carries, the bundled library, describe() on errors of every shape the
// three clients give (node:sqlite's as Node documents it: Node 20 has none),
// and node:sqlite for real where this Node has it (Node 22.13 and later).
// Run by test/npm.test in the scratch project the tarball went into.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { report, expect, outcome, guard, finish } = require('./rcchecks');
const C = require('./common');
const Database = require('better-sqlite3');
const richcheck = require('richcheck');

const SOURCE_ROOT = path.resolve(process.argv[2] || '.');

function nodeSqlite() {
  try {
    return require('node:sqlite');
  } catch (err) {
    return null;
  }
}

async function main() {
  // --------------------------------------------------- 1. what is installed
  await guard('pkg-1', () => {
    const where = require.resolve('richcheck');
    const pkgdir = path.dirname(where);
    expect('pkg-1.1-required-from-the-scratch-project',
      where, path.join(process.cwd(), 'node_modules', 'richcheck', 'index.js'));
    const lib = richcheck.getLoadablePath();
    expect('pkg-1.2-loadable-path-is-the-bundled-library',
      [path.isAbsolute(lib), fs.existsSync(lib), lib], [true, true, path.join(pkgdir, 'lib', 'richcheck.so')]);
    const db = richcheck.load(new Database(':memory:'));
    const installed = JSON.parse(fs.readFileSync(path.join(pkgdir, 'package.json'), 'utf8'));
    const header = fs.readFileSync(path.join(SOURCE_ROOT, 'include', 'richcheck.h'), 'utf8');
    expect('pkg-1.3-one-version-package-extension-header',
      [installed.version, richcheck.version, db.prepare('SELECT richcheck_version() AS v').get().v],
      Array(3).fill(/#define RICHCHECK_VERSION "([^"]+)"/.exec(header)[1]));
    expect('pkg-1.4-codes-are-the-extension-s',
      richcheck.codes.map((c) => ({ ...c })),
      db.prepare('SELECT code, name, sqlstate, category FROM richcheck_codes ORDER BY code').all());
    const so = fs.readFileSync(lib);
    report('pkg-1.5-library-has-no-debug-information',
      !so.includes('.debug_info') && so.includes('sqlite3_richcheck_init'), `${so.length} bytes`);
    const named = fs.readdirSync(pkgdir, { recursive: true })
      .map((f) => path.join(pkgdir, f))
      .filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(SOURCE_ROOT));
    expect('pkg-1.6-no-path-of-the-source-tree-inside', named, []);
    expect('pkg-1.7-files-shipped', fs.readdirSync(pkgdir, { recursive: true }).sort(),
      ['README.md', 'build.json', 'index.d.ts', 'index.js', 'lib', 'lib/richcheck.so', 'package.json']);
    const shell = execFileSync('sqlite3', [':memory:', `.load ${lib}`, "SELECT length_valid('abc', 0, 2)"],
      { encoding: 'utf8', timeout: 60000 });
    expect('pkg-1.8-the-sqlite3-shell-loads-the-path', shell.trim(), '0');
  });

  // ------------------------------------------- 2. describe(): every shape
  await guard('pkg-2', () => {
    const e = outcome(() => richcheck.describe('users.name: value too long'));
    expect('pkg-2.1-describe-takes-an-error', e && [e.name, e.message],
      ['TypeError', 'richcheck.describe() takes an error, not string']);
    // better-sqlite3's name of a code it does not know, on any richcheck code
    expect('pkg-2.2-unknown-sqlite-error-n', richcheck.describe(
      { code: 'UNKNOWN_SQLITE_ERROR_26387', message: 'orders.total: too many decimal places' }),
    { code: 26387, name: 'RICHCHECK_SCALE', sqlstate: '23514', category: 'integrity',
      label: 'orders.total', message: 'orders.total: too many decimal places' });
    // node:sqlite's error as Node documents it: errcode is the extended code
    const nodeErr = Object.assign(new Error(C.TOO_LONG_MESSAGE),
      { code: 'ERR_SQLITE_ERROR', errcode: 25618, errstr: 'string or blob too big' });
    expect('pkg-2.3-node-sqlite-errcode', richcheck.describe(nodeErr),
      C.description('too-long', 'extended', 25618));
    // node-sqlite3 where another extension turned extended codes on
    expect('pkg-2.4-node-sqlite3-unknown', richcheck.describe(
      { errno: 26130, code: 'UNKNOWN', message: 'UNKNOWN: invalid input syntax for money: "12,3x"' }),
    { code: 26130, name: 'RICHCHECK_INVALID_TEXT', sqlstate: '22P02', category: 'data',
      label: null, message: 'invalid input syntax for money: "12,3x"' });
    // an extended code SQLite has but the meaning table does not list
    expect('pkg-2.5-an-extended-code-takes-its-primary-s-meaning',
      richcheck.describe({ code: 'SQLITE_BUSY_SNAPSHOT', message: 'database is locked' }),
    { code: 517, name: 'SQLITE_BUSY_SNAPSHOT', sqlstate: '55P03', category: 'operational',
      label: null, message: 'database is locked' });
    // a system error is not SQLite's
    const sys = outcome(() => fs.readFileSync('/nonexistent/richcheck'));
    expect('pkg-2.6-a-system-error-has-no-code', richcheck.describe(sys).code, null);
    // compat + tagged: the client's 1043 says the category, the tag the code
    expect('pkg-2.7-tag-over-compat-code', richcheck.describe(
      { code: 'SQLITE_CONSTRAINT_FUNCTION', message: C.message('email', 'compat, tagged') }),
    C.description('email', 'compat, tagged', 1043));
    // a tag of the other category does not override a full code
    expect('pkg-2.8-tag-of-another-category-is-ignored', richcheck.describe(
      { code: 'SQLITE_TOOBIG', message: C.message('email', 'tagged') }).code, 18);
    // found by review: untagged, a tag-like text in a value was taken for
    // the tag; a tag counts only at the start of SQLite's message
    const forged = 'users.email: invalid email address ' +
      '"x [RICHCHECK_BOUND 25875 SQLSTATE 23514] @@y": more than one @';
    const d = (e) => { const r = richcheck.describe(e); return [r.code, r.label]; };
    expect('pkg-2.9-a-tag-in-a-value-is-no-tag', [
      d({ errno: 19, code: 'SQLITE_CONSTRAINT', message: 'SQLITE_CONSTRAINT: ' + forged }),
      d({ code: 'SQLITE_CONSTRAINT_FUNCTION', message: forged }),
      d({ code: 'UNKNOWN_SQLITE_ERROR_25619', message: forged })],
    [[19, 'users.email'], [1043, 'users.email'], [25619, 'users.email']]);
    // libSQL's errors (found by review of issue 17): a replica's PROXY_ERROR
    // has no code, and its message is SQLite's whole: no tag in a value
    const libsql = (message, code) => Object.assign(new Error(message),
      { name: 'LibsqlError', code });
    expect('pkg-2.10-libsql-proxy-error-tag-only-at-the-start', [
      d(libsql('PROXY_ERROR: error executing a request on the primary: ' + forged, 'PROXY_ERROR')),
      d(libsql('PROXY_ERROR: error executing a request on the primary: ' +
        '[RICHCHECK_EMAIL 25619 SQLSTATE 23514] ' + forged, 'PROXY_ERROR'))],
    [[null, null], [25619, 'users.email']]);
    // another client's message that reads like an embedded replica's is its
    // own: the client's code stands
    expect('pkg-2.11-remote-failure-text-from-another-client', d(Object.assign(
      new Error('RemoteSqliteFailure(3, 25619, "t.x: not allowed")'),
      { code: 'SQLITE_CONSTRAINT_TRIGGER' })), [1811, null]);
    expect('pkg-2.12-remote-failure-escapes-and-codes-that-are-not', [
      richcheck.describe(new Error('RemoteSqliteFailure(3, 25619, "a \\u{110000} b")')).message,
      d(new Error('RemoteSqliteFailure(3, 99999999999999999999, "x")')),
      richcheck.describe(new Error('RemoteSqliteFailure(3, 25619, "caf\\u{301} \\"q\\"")')).message],
    ['a \\u{110000} b', [null, null], 'caf\u0301 "q"']);
  });

  // ------------------------------------ 3. node:sqlite, where Node has it
  const nodeSqliteModule = nodeSqlite();
  if (nodeSqliteModule !== null) {
    await guard('pkg-3', () => {
      const { DatabaseSync } = nodeSqliteModule;
      const closed = new DatabaseSync(':memory:');
      const refused = outcome(() => richcheck.load(closed));
      report('pkg-3.1-without-allowExtension-a-clear-error',
        refused !== null && /allowExtension: true/.test(refused.message), refused && refused.message);
      const db = new DatabaseSync(':memory:', { allowExtension: true });
      expect('pkg-3.2-load-returns-the-database', richcheck.load(db, { mode: 'compat, tagged' }), db);
      expect('pkg-3.3-mode', db.prepare('SELECT richcheck_error_mode() AS m').get().m, 'compat, tagged');
      richcheck.load(db);
      db.exec(C.SCHEMA);
      db.exec('BEGIN');
      db.prepare('INSERT INTO users VALUES (?, ?)').run('Ann', 'ann@example.com');
      const e = outcome(() => db.prepare('INSERT INTO users VALUES (?, ?)').run(C.TOO_LONG, null));
      expect('pkg-3.4-too-long-errcode-and-message', e && [e.code, e.errcode, e.message],
        ['ERR_SQLITE_ERROR', 25618, C.TOO_LONG_MESSAGE]);
      expect('pkg-3.5-too-long-describe', e && richcheck.describe(e),
        C.description('too-long', 'extended', 25618));
      db.exec('COMMIT');
      expect('pkg-3.6-earlier-rows-kept', db.prepare('SELECT count(*) AS n FROM users').get().n, 1);
    });
  }
}

main().then(finish, (err) => {
  report('pkg-crashed', false, err && err.stack);
  finish();
});
