// newest.js [--compare] - a documented part of the suite on the newest
// SQLite this machine has: the one better-sqlite3 12 bundles (3.53 when
// written), through the installed npm package.  The part: the codes
// (richcheck_codes, the extended code of each family), the three families
// (a table of inputs and exact outputs taken from test/length.test,
// email.test, money.test), both rule kinds (triggers and 'check'), the
// scanner (richcheck_violations), and how a REAL becomes text (3.53 writes
// up to 17 digits where 3.40 wrote 15), which reaches length_count and a
// money column of TEXT affinity.
//
// With --compare it runs no check: it prints, case by case, what this
// SQLite and Debian's sqlite3 shell (3.40) give, for notes/issue15-npm.md.
// Run by test/sqlite_newest.test in the scratch project of the tarball.
'use strict';
const { spawnSync } = require('child_process');
const { report, expect, guard, finish } = require('./rcchecks');
const Database = require('better-sqlite3');
const richcheck = require('richcheck');

// [name, sql, expected]: expected is the rows (arrays of values) or
// {code, message} for a statement that fails.  From the Tcl tests, named
// after the case there.
const FAMILIES = [
  // length.test
  ['length-1.5-precomposed-e-acute-is-one', "SELECT length_count('caf' || char(0xe9))", [[4]]],
  ['length-1.6-decomposed-e-acute-is-two', "SELECT length_count('cafe' || char(0x301))", [[5]]],
  ['length-1.8-emoji-outside-bmp-is-one', 'SELECT length_count(char(0x1f600))', [[1]]],
  ['length-1.11-integer-counts-its-decimal-text', 'SELECT length_count(12345), length_count(-12), length_count(0)', [[5, 3, 1]]],
  ['length-1.12-real-counts-sqlite-text-of-it', 'SELECT length_count(1.5), length_count(1e20), length_count(-0.25)', [[3, 7, 5]]],
  ['length-2.2-bytes-of-utf8', "SELECT length_count('caf' || char(0xe9), 'bytes'), length_count(char(0x1f600), 'bytes')", [[5, 4]]],
  ['length-2.8-flag-is-one-grapheme-two-chars', "SELECT length_count(char(0x1f1eb, 0x1f1f7), 'graphemes'), length_count(char(0x1f1eb, 0x1f1f7))", [[1, 2]]],
  ['length-3.5-invalid-high-surrogate', "SELECT length_count(CAST(x'eda080' AS TEXT))",
    { code: 26386, message: 'invalid byte sequence for encoding "UTF8": 0xed 0xa0 0x80 (at byte 1)' }],
  ['length-3.16-embedded-nul-inside', "SELECT length_count(CAST(x'610062' AS TEXT))",
    { code: 26386, message: 'invalid byte sequence for encoding "UTF8": 0x00 (at byte 2)' }],
  ['length-4.1-blob-has-no-characters', "SELECT length_count(x'00ff10')",
    { code: 26386, message: "value is a BLOB, not text (measure BLOBs with the unit 'bytes')" }],
  ['length-5.3-above-max', "SELECT length_valid('abcdef', 1, 5)", [[0]]],
  ['length-6.3-too-long-is-data-error-22001', "SELECT length_check('abcdef', 1, 5, 'users.name')",
    { code: 25618, message: 'users.name: value too long (6 characters, maximum 5)' }],
  ['length-6.4-too-short-is-integrity-error-23514', "SELECT length_check('', 1, 5, 'users.name')",
    { code: 26131, message: 'users.name: value too short (0 characters, minimum 1)' }],
  ['length-6.11-graphemes-unit-message', "SELECT length_check(char(0x1f1eb, 0x1f1f7, 0x1f1e9, 0x1f1ea), 0, 1, 't.c', 'graphemes')",
    { code: 25618, message: 't.c: value too long (2 graphemes, maximum 1)' }],
  ['length-6.12-encoding-labelled', "SELECT length_check(CAST(x'41c328' AS TEXT), 1, 5, 'users.name')",
    { code: 26386, message: 'users.name: invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte 2)' }],
  // email.test
  ['email-26.6-integer-judged-by-its-text', "SELECT email_valid(12345), substr(email_error(12345), 1, instr(email_error(12345), ':') - 1), quote(email_normalize(12345))", [[0, 'no-at', 'NULL']]],
  ['email-26.7-real-judged-by-its-text', "SELECT email_valid(1.5), substr(email_error(1.5), 1, instr(email_error(1.5), ':') - 1), email_valid(-0.0)", [[0, 'no-at', 0]]],
  ['email-27.2-multiple-at-message', "SELECT email_error('bob@@example.com')", [['multiple-at: more than one @']]],
  ['email-27.3-local-too-long-message', "SELECT email_error(printf('%.65c@example.com', 'a'))",
    [['local-too-long: the part before the @ is 65 characters, at most 64 are allowed']]],
  ['email-27.4-test-env-turns-special-use-off', "SELECT email_error('me@example.test') LIKE 'special-use: %', quote(email_error('me@example.test', 'test-env'))", [[1, 'NULL']]],
  ['email-27.8-normalize-readme-example', "SELECT email_normalize('Zo' || char(0xeb) || '@B' || char(0xdc) || 'CHER.de') = 'Zo' || char(0xeb) || '@b' || char(0xfc) || 'cher.de'", [[1]]],
  ['email-28.1-valid-gives-1', "SELECT email_check('a@example.com'), email_check('a@example.com', 'users.email'), email_check('\"a b\"@example.com', 'users.email', 'quoted')", [[1, 1, 1]]],
  ['email-28.2-readme-message', "SELECT email_check('bob@@example.com', 'users.email')",
    { code: 25619, message: 'users.email: invalid email address "bob@@example.com": more than one @' }],
  ['email-client-josé-at-at-müller', "SELECT email_check('josé@@müller.de', 'users.email')",
    { code: 25619, message: 'users.email: invalid email address "josé@@müller.de": more than one @' }],
  // money.test
  ['money-7.20-integers-are-whole-units', "SELECT money_canon(12, 'USD'), money_canon(-3, 'BHD'), money_minor(92233720368547758, 'USD'), money_minor(9223372036854775807, 'JPY')",
    [['12.00', '-3.000', 9223372036854775800n, 9223372036854775807n]]],
  ['money-7.21-integer-past-the-range', "SELECT money_check(92233720368547759, 'USD')",
    { code: 25874, message: 'value "92233720368547759" is out of range for money in USD (at most +-92233720368547758.07)' }],
  ['money-8.1-real-amounts', "SELECT money_canon(19.99, 'USD'), money_canon(0.1, 'USD'), money_canon(-2.5, 'USD'), money_canon(1.005, 'BHD'), money_canon(3.0, 'JPY'), money_canon(-0.0, 'USD')",
    [['19.99', '0.10', '-2.50', '1.005', '3', '0.00']]],
  ['money-8.2-sum-of-tenth-and-fifth', "SELECT money_check(0.1 + 0.2, 'USD')",
    { code: 26130, message: 'invalid input syntax for money: REAL 0.30000000000000004 is not exactly an amount in USD (2 decimals): store amounts as TEXT or INTEGER' }],
  ['money-8.3-three-decimals-at-scale-2', "SELECT money_check(1.005, 'USD')",
    { code: 26130, message: 'invalid input syntax for money: REAL 1.005 is not exactly an amount in USD (2 decimals): store amounts as TEXT or INTEGER' }],
  ['money-8.5-last-unambiguous-cents', "SELECT money_canon(70368744177663.99, 'USD'), money_minor(9007199254740991.0, 'JPY')", [['70368744177663.99', 9007199254740991]]],
  ['money-8.6-ambiguous-cents', "SELECT money_check(70368744177664.01, 'USD')",
    { code: 26130, message: 'invalid input syntax for money: REAL 70368744177664.02 is not exactly an amount in USD (2 decimals): store amounts as TEXT or INTEGER' }],
  ['money-8.7-at-2-pow-53-minor-units', "SELECT money_check(9007199254740992.0, 'JPY')",
    { code: 26130, message: 'invalid input syntax for money: REAL 9007199254740992 is past 2^53 minor units of JPY, where a REAL is not exact: store it as TEXT' }],
  ['money-8.8-real-past-the-range', "SELECT money_check(1e17, 'USD')",
    { code: 25874, message: 'value "1e+17" is out of range for money in USD (at most +-92233720368547758.07)' }],
  ['money-8.9-infinity', "SELECT money_check(9e999, 'USD')",
    { code: 25874, message: 'value "inf" is out of range for money in USD (at most +-92233720368547758.07)' }],
  ['money-8.10-strict-refuses-every-real', "SELECT money_check(19.99, 'USD, strict', 'orders.total')",
    { code: 26130, message: 'orders.total: invalid input syntax for money: REAL 19.99 refused (option strict): store amounts as TEXT or INTEGER' }],
  ['money-8.12-real-valid-says-0', "SELECT money_valid(0.1 + 0.2, 'USD'), money_valid(19.99, 'USD'), money_valid(19.99, 'USD, strict')", [[0, 1, 0]]],
  ['money-12.9-scale', "SELECT money_check('1.001', 'USD')",
    { code: 26387, message: 'value "1.001" has 3 decimal places; USD allows 2' }],
  ['money-12.10-syntax', "SELECT money_check('1e3', 'USD')",
    { code: 26130, message: 'invalid input syntax for money: "1e3"' }],
  ['money-13.11-real-made-text-by-the-column', "SELECT money_check('12.34', CAST(8.4 AS TEXT), 'accounts.balance')",
    { code: 26643, message: 'accounts.balance: invalid currency "8.4" for "12.34"' }],
  ['money-14.5-whole-real-refused-and-shown-as-real', "SELECT money_check(12.0, 'USD, minor', 'p.cents')",
    { code: 26130, message: 'p.cents: invalid input syntax for money: REAL 12.0 is not a count of minor units of USD (option minor): store an INTEGER' }],
];

// How SQLite turns a REAL into text, where richcheck sees it: what this
// SQLite gives is asserted as 3.53 gives it (3.40's in the comment).
const REAL_TEXT = [
  // [name, sql, rows in 3.53]                               3.40 gave
  ['real-1-cast-of-a-sum', 'SELECT CAST(0.1 + 0.2 AS TEXT)', [['0.30000000000000004']]], // 0.3
  ['real-2-cast-of-a-third', 'SELECT CAST(1.0 / 3 AS TEXT)', [['0.33333333333333332']]], // 0.333333333333333
  ['real-3-cast-of-1e15', 'SELECT CAST(1e15 AS TEXT)', [['1000000000000000.0']]], // 1.0e+15
  ['real-4-cast-of-cents-product', 'SELECT CAST(4.35 * 100 AS TEXT)', [['434.99999999999994']]], // 435.0
  ['real-5-short-reals-unchanged', "SELECT CAST(19.99 AS TEXT), CAST(0.1 AS TEXT), CAST(1e17 AS TEXT), CAST(-2.5 AS TEXT)",
    [['19.99', '0.1', '1.0e+17', '-2.5']]], // the same
  ['real-6-length-count-of-a-sum', 'SELECT length_count(0.1 + 0.2), length_count(1e15)', [[19, 18]]], // 3 7
  ['real-7-length-check-of-a-sum-message', "SELECT length_check(0.1 + 0.2, 0, 5, 't.c')",
    { code: 25618, message: 't.c: value too long (19 characters, maximum 5)' }], // passed in 3.40
];

// A REAL stored in a TEXT column becomes its text before the CHECK: in 3.40
// 0.1 + 0.2 became '0.3' and passed as 0.30; in 3.53 it is refused.
const REAL_IN_TEXT_COLUMN = [
  ['real-8-text-column-takes-a-short-real', ['INSERT INTO prices VALUES (19.99)', 'SELECT amount, typeof(amount) FROM prices'], [['19.99', 'text']]],
  ['real-9-text-column-refuses-a-long-real', 'INSERT INTO prices VALUES (0.1 + 0.2)',
    { code: 26387, message: 'prices.amount: value "0.30000000000000004" has 17 decimal places; USD allows 2' }], // 3.40: stored '0.3'
  ['real-10-text-column-refuses-a-product', 'INSERT INTO prices VALUES (1.1 * 1.1)',
    { code: 26387, message: 'prices.amount: value "1.2100000000000002" has 16 decimal places; USD allows 2' }], // 3.40: stored '1.21'
];

// Runs sql (a statement, or a list of them: the rows are the last one's)
function run(db, sql) {
  const parts = Array.isArray(sql) ? sql : [sql];
  try {
    let rows = [];
    for (const part of parts) {
      const stmt = db.prepare(part);
      if (stmt.reader) rows = stmt.safeIntegers(true).raw().all().map(
        (r) => r.map((v) => (typeof v === 'bigint' && v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v)));
      else stmt.run();
    }
    return rows;
  } catch (err) {
    const d = richcheck.describe(err);
    return { code: d.code, message: d.message };
  }
}

function open() {
  return richcheck.load(new Database(':memory:'));
}

function runTable(prefix, cases, db) {
  for (const [name, sql, want] of cases) expect(`${prefix}-${name}`, run(db, sql), want);
}

// The 'check' kind in a process of its own: with better-sqlite3's SQLite
// (SQLITE_OMIT_PROGRESS_CALLBACK) a crash there must cost its checks only.
function checkKindChild() {
  const db = open();
  db.exec("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT);" +
    "INSERT INTO users(email, name) VALUES ('ann@example.com', 'Ann')");
  const out = {};
  out.defensive = run(db, "SELECT richcheck_add_rule('users', 'name', 'length(1, 10)', 'check')");
  db.unsafeMode(true);
  out.added = run(db, "SELECT richcheck_add_rule('users', 'name', 'length(1, 10)', 'check')");
  db.unsafeMode(false);
  out.schema = run(db, "SELECT sql FROM sqlite_schema WHERE name = 'users'");
  out.refused = run(db, "INSERT INTO users(name) VALUES ('Zoë Müllerová-Ångström')");
  out.kind = run(db, 'SELECT col, kind, enforced FROM richcheck_rules');
  process.stdout.write(JSON.stringify(out));
}

async function main() {
  const db = open();
  const version = db.prepare('SELECT sqlite_version() AS v').get().v;
  report('new-0.1-sqlite-version', true, version);

  // ------------------------------------------------------------- 1. codes
  await guard('new-1', () => {
    expect('new-1.1-richcheck-codes-as-the-package-has-them',
      db.prepare('SELECT code, name, sqlstate, category FROM richcheck_codes ORDER BY code').all(),
      richcheck.codes.map((c) => ({ ...c })));
    expect('new-1.2-codes-primary-and-names', db.prepare(
      'SELECT code, primary_code, primary_name, code & 255 = primary_code FROM richcheck_codes ORDER BY code').raw().all(),
    [[25618, 18, 'SQLITE_TOOBIG', 1], [25619, 19, 'SQLITE_CONSTRAINT', 1],
      [25874, 18, 'SQLITE_TOOBIG', 1], [25875, 19, 'SQLITE_CONSTRAINT', 1],
      [26130, 18, 'SQLITE_TOOBIG', 1], [26131, 19, 'SQLITE_CONSTRAINT', 1],
      [26386, 18, 'SQLITE_TOOBIG', 1], [26387, 19, 'SQLITE_CONSTRAINT', 1],
      [26642, 18, 'SQLITE_TOOBIG', 1], [26643, 19, 'SQLITE_CONSTRAINT', 1],
      [26898, 18, 'SQLITE_TOOBIG', 1], [26899, 19, 'SQLITE_CONSTRAINT', 1],
      [27155, 19, 'SQLITE_CONSTRAINT', 1], [27411, 19, 'SQLITE_CONSTRAINT', 1],
      [27667, 19, 'SQLITE_CONSTRAINT', 1]]);
    expect('new-1.3-sqlstate-and-category-functions',
      run(db, 'SELECT richcheck_sqlstate(25618), richcheck_category(25619), quote(richcheck_sqlstate(19))'),
      [['22001', 'integrity', 'NULL']]);
    // the extended code of each family, as better-sqlite3 names it
    const raised = {
      length: "SELECT length_check('abcdef', 1, 5)",
      email: "SELECT email_check('bob@@example.com')",
      money: "SELECT money_check('1.001', 'USD')",
      'money-bound': "SELECT money_check('5', 'USD', NULL, 10)",
    };
    const got = Object.fromEntries(Object.entries(raised).map(([k, sql]) => {
      try {
        db.prepare(sql).get();
        return [k, null];
      } catch (e) {
        return [k, e.code];
      }
    }));
    expect('new-1.4-extended-code-of-each-family', got, {
      length: 'UNKNOWN_SQLITE_ERROR_25618', email: 'UNKNOWN_SQLITE_ERROR_25619',
      money: 'UNKNOWN_SQLITE_ERROR_26387', 'money-bound': 'UNKNOWN_SQLITE_ERROR_25875' });
    db.prepare("SELECT richcheck_error_mode('compat')").get();
    const compat = Object.fromEntries(Object.entries(raised).map(([k, sql]) => {
      try {
        db.prepare(sql).get();
        return [k, null];
      } catch (e) {
        return [k, e.code];
      }
    }));
    db.prepare("SELECT richcheck_error_mode('extended')").get();
    expect('new-1.5-compat-codes', compat, {
      length: 'SQLITE_TOOBIG', email: 'SQLITE_CONSTRAINT_FUNCTION',
      money: 'SQLITE_CONSTRAINT_FUNCTION', 'money-bound': 'SQLITE_CONSTRAINT_FUNCTION' });
  });

  // ------------------------------------------------------ 2. the families
  await guard('new-2', () => runTable('new-2', FAMILIES, db));

  // ------------------------------------------ 3. declared rules: triggers
  await guard('new-3', () => {
    const r = open();
    runTable('new-3', [
      ['1-add-rule', ['CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL)',
        "INSERT INTO users(email, name) VALUES ('ann@example.com', 'Ann'), (NULL, 'Bo')",
        "SELECT richcheck_add_rule('users', 'email', 'email; length(1, 64)')"], [[1]]],
      ['2-two-triggers', "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name", [['richcheck_1_insert'], ['richcheck_1_update']]],
      ['3-insert-refused-with-the-family-code', "INSERT INTO users(email, name) VALUES ('bob@@example.com', 'Bob')",
        { code: 25619, message: 'users.email: invalid email address "bob@@example.com": more than one @' }],
      ['4-second-rule', "SELECT richcheck_add_rule('users', 'name', 'length(1, 10)')", [[1]]],
      ['5-second-rule-refuses', "INSERT INTO users(email, name) VALUES ('ok@example.com', '')",
        { code: 26131, message: 'users.name: value too short (0 characters, minimum 1)' }],
      ['6-existing-rows-break-the-rule', ["SELECT richcheck_drop_rule('users', 'email')",
        "INSERT INTO users(email, name) VALUES ('bad', 'Bad')",
        "SELECT richcheck_add_rule('users', 'email', 'email')"],
        { code: 275, message: 'richcheck_add_rule: 1 row of "users" breaks the rule email on column "email"; list them with SELECT * FROM richcheck_violations(\'users\', \'email\', \'email\'), fix them, or add the rule anyway with the option \'not valid\'' }],
      ['7-not-valid-then-the-scanner', ["SELECT richcheck_add_rule('users', 'email', 'email', 'NOT VALID')",
        'SELECT "table", rowid, "column", spec, value, code, message FROM richcheck_violations(\'users\')'],
        [['users', 3, 'email', 'email', 'bad', 25619, 'users.email: invalid email address "bad": an email address must have an @']]],
      ['8-ad-hoc-scan', "SELECT rowid, value, code FROM richcheck_violations('users', 'name', 'length(3, 3)') ORDER BY rowid",
        [[2, 'Bo', 26131]]],
      ['9-fixed-then-no-violations', ['UPDATE users SET email = NULL WHERE rowid = 3',
        "SELECT count(*) FROM richcheck_violations('users')"], [[0]]],
    ], r);
  });

  // ------------------------------------------ 4. declared rules: 'check'
  await guard('new-4', () => {
    const child = spawnSync(process.execPath, [__filename, '--check-kind-child'],
      { encoding: 'utf8', timeout: 60000 });
    if (child.status !== 0) {
      report('new-4.1-check-kind-runs', false,
        `the child process died: status ${child.status}, signal ${child.signal} ${child.stderr.slice(0, 300)}`);
      return;
    }
    report('new-4.1-check-kind-runs', true);
    const out = JSON.parse(child.stdout);
    expect('new-4.2-defensive-connection-refuses-the-check-kind', out.defensive, { code: 1,
      message: "richcheck_add_rule: a rule of the kind 'check' is written into the table's definition, which this connection forbids (SQLITE_DBCONFIG_DEFENSIVE); declare the rule without 'check' (triggers)" });
    expect('new-4.3-unsafe-mode-adds-it', out.added, [[1]]);
    expect('new-4.4-the-definition', out.schema, [['CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT\n, CONSTRAINT "richcheck_1" CHECK (richcheck("name", \'length(1, 10)\', \'users.name\'))\n)']]);
    expect('new-4.5-a-write-is-refused', out.refused,
      { code: 25618, message: 'users.name: value too long (22 characters, maximum 10)' });
    expect('new-4.6-recorded-as-check', out.kind, [['name', 'check', 1]]);
  });

  // --------------- 6. any CHECK on an existing table: SQLite's own ALTER
  await guard('new-6', () => {
    const c = open(); // (defensive, as better-sqlite3 opens it)
    const countMsg = (n, name, cond) => `richcheck_add_constraint: ${n} row${n === 1 ? '' : 's'} of "o" ` +
      `break${n === 1 ? 's' : ''} the constraint "${name}" (CHECK (${cond})); list them with SELECT * FROM ` +
      `richcheck_violations('o', '${name}'), fix them, or add it anyway with the option 'not valid'`;
    runTable('new-6', [
      ['1-rows-first-with-the-count', ['CREATE TABLE o(id INTEGER PRIMARY KEY, price, qty INT CONSTRAINT qp CHECK (qty > 0), email TEXT)',
        "INSERT INTO o(price, qty, email) VALUES (1, 1, 'a@example.com'), (-2, 2, 'bad'), (0, 3, NULL)",
        "SELECT richcheck_add_constraint('o', 'pp', 'price > 0')"], { code: 275, message: countMsg(2, 'pp', 'price > 0') }],
      ['2-raising-rows-counted-too', "SELECT richcheck_add_constraint('o', 'em', 'email_check(email)')",
        { code: 275, message: countMsg(1, 'em', 'email_check(email)') }],
      ['3-added-by-sqlite-in-a-defensive-connection', ["SELECT richcheck_add_constraint('o', 'pp', 'price > -5')",
        "SELECT sql FROM sqlite_schema WHERE name = 'o'"],
        [['CREATE TABLE o(id INTEGER PRIMARY KEY, price, qty INT CONSTRAINT qp CHECK (qty > 0), email TEXT, CONSTRAINT "pp" CHECK (price > -5))']]],
      ['4-enforced', 'INSERT INTO o(price, qty) VALUES (-9, 1)', { code: 275, message: 'CHECK constraint failed: pp' }],
      ['5-name-taken', "SELECT richcheck_add_constraint('o', 'PP', 'price < 100')",
        { code: 1, message: 'richcheck_add_constraint: table "o" already has a constraint named "PP"; nothing was changed' }],
      ['6-not-valid-needs-the-rewrite', "SELECT richcheck_add_constraint('o', 'pos', 'price > 0', 'not valid')",
        { code: 1, message: "richcheck_add_constraint: before SQLite 3.53 (and with 'not valid') richcheck writes the table's definition itself, which this connection forbids (SQLITE_DBCONFIG_DEFENSIVE); run it from a connection that allows it" }],
      ['7-dropped-by-sqlite', ["SELECT richcheck_drop_constraint('o', 'qp')", "SELECT richcheck_drop_constraint('o', 'pp')",
        "SELECT sql FROM sqlite_schema WHERE name = 'o'"], [['CREATE TABLE o(id INTEGER PRIMARY KEY, price, qty INT, email TEXT)']]],
      ['8-no-such-constraint', "SELECT richcheck_drop_constraint('o', 'pp')",
        { code: 1, message: 'richcheck_drop_constraint: table "o" has no constraint named "pp"' }],
      // SQLite's own ADD CONSTRAINT counts a NULL condition as a failure,
      // where a CHECK lets it pass (found by review)
      ['8b-null-rows-need-the-rewrite', ['INSERT INTO o(price, qty) VALUES (NULL, 4)',
        "SELECT richcheck_add_constraint('o', 'big', 'price > -10')"],
      { code: 1, message: "richcheck_add_constraint: SQLite's own ALTER TABLE ADD CONSTRAINT refuses rows where the condition is NULL, which a CHECK lets pass, so richcheck writes the table's definition itself, which this connection forbids (SQLITE_DBCONFIG_DEFENSIVE); run it from a connection that allows it" }],
    ], c);
    c.unsafeMode(true);
    runTable('new-6', [
      ['9-not-valid-then-the-scanner', ["SELECT richcheck_add_constraint('o', 'pos', 'price > 0', 'not valid')",
        "SELECT rowid, code, message FROM richcheck_violations('o', 'pos')"],
        [[2, 275, 'CHECK constraint failed: pos'], [3, 275, 'CHECK constraint failed: pos']]],
      ['10-rows-kept', 'SELECT id, price FROM o ORDER BY id', [[1, 1], [2, -2], [3, 0], [4, null]]],
      ['11-null-rows-pass-as-in-a-check', ["SELECT richcheck_add_constraint('o', 'big', 'price > -10')",
        'INSERT INTO o(price, qty) VALUES (NULL, 5)', 'SELECT count(*) FROM o'], [[5]]],
    ], c);
  });

  // -------------------------------------------- 5. a REAL becomes text
  await guard('new-5', () => {
    runTable('new-5', REAL_TEXT, db);
    const t = open();
    t.exec("CREATE TABLE prices(amount TEXT CHECK (money_check(amount, 'USD', 'prices.amount')))");
    runTable('new-5', REAL_IN_TEXT_COLUMN, t);
  });
}

// --compare: every case in this SQLite and in the sqlite3 shell (3.40)
function compare(so) {
  const db = open();
  const shell = (sql) => {
    const r = spawnSync('sqlite3', ['-json', ':memory:', `.load ${so}`,
      "CREATE TABLE prices(amount TEXT CHECK (money_check(amount, 'USD', 'prices.amount')))",
      Array.isArray(sql) ? sql.join(';\n') : sql],
    { encoding: 'utf8', timeout: 60000 });
    return (r.stdout.trim() || r.stderr.trim()).replace(/\n/g, ' ');
  };
  db.exec("CREATE TABLE prices(amount TEXT CHECK (money_check(amount, 'USD', 'prices.amount')))");
  for (const [name, sql] of [...FAMILIES, ...REAL_TEXT, ...REAL_IN_TEXT_COLUMN]) {
    const mine = run(db, sql);
    process.stdout.write(`${name}\n  ${db.prepare('SELECT sqlite_version() AS v').get().v}: ` +
      `${JSON.stringify(mine, (k, v) => (typeof v === 'bigint' ? `${v}` : v))}\n  3.40 shell: ${shell(sql)}\n`);
  }
}

if (process.argv[2] === '--check-kind-child') {
  checkKindChild();
} else if (process.argv[2] === '--compare') {
  compare(process.argv[3]);
} else {
  main().then(finish, (err) => {
    report('new-crashed', false, err && err.stack);
    finish();
  });
}
