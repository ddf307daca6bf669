-- demo.sql - richcheck in the sqlite3 shell: checks passing and failing.
-- Run from the repository root with `make demo` (cwd is build/).
--
-- The shell prints only the primary code of an error unless the connection
-- has extended result codes on, as Python's sqlite3 and most drivers report
-- them; rctest.so is the tests' three-line helper that turns them on.
.load ./richcheck
.load ./rctest
.bail off
.headers off
.mode list

.print '== richcheck' 
SELECT 'version ' || richcheck_version();

.print ''
.print '== a table whose name column must be 1 to 10 characters of valid UTF-8'
CREATE TABLE users(
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL CHECK (length_check(name, 1, 10, 'users.name')),
  bio   TEXT CHECK (length_check(bio, 0, 40, 'users.bio', 'graphemes'))
);

.print ''
.print '== good rows: accepted'
INSERT INTO users(name, bio) VALUES ('Ann', 'hello'), ('Zoë', 'crème brûlée'),
  ('名前', '👩‍👩‍👧 family');
SELECT printf('  %!-6s %2d chars %2d bytes  bio %2d graphemes', name,
              length_count(name), length_count(name, 'bytes'),
              length_count(bio, 'graphemes'))
FROM users ORDER BY id;

.print ''
.print '== too long: DataError (PostgreSQL varchar(n) gives 22001)'
INSERT INTO users(name) VALUES ('Maximiliane-Josephine');
SELECT printf('  code %d = %s, SQLSTATE %s, %s', code, name, sqlstate, exception)
FROM richcheck_codes WHERE name = 'RICHCHECK_TOO_LONG';

.print ''
.print '== too short: IntegrityError (a check violation, 23514)'
INSERT INTO users(name) VALUES ('');
SELECT printf('  code %d = %s, SQLSTATE %s, %s', code, name, sqlstate, exception)
FROM richcheck_codes WHERE name = 'RICHCHECK_TOO_SHORT';

.print ''
.print '== invalid UTF-8 (bytes C3 28): DataError (22021)'
INSERT INTO users(name) VALUES (CAST(x'416EC328' AS TEXT));
SELECT printf('  code %d = %s, SQLSTATE %s, %s', code, name, sqlstate, exception)
FROM richcheck_codes WHERE name = 'RICHCHECK_ENCODING';

.print ''
.print '== one bad row in a multi-row INSERT: none of its rows is kept'
INSERT INTO users(name) VALUES ('Bea'), ('Bartholomew-Jr'), ('Cy');
SELECT '  rows in users: ' || count(*) FROM users;

.print ''
.print '== predicates never raise: length_valid, for queries'
SELECT printf('  %-28s length_valid(v, 1, 10) = %d', label, length_valid(v, 1, 10))
FROM (SELECT '''Ann''' AS label, 'Ann' AS v
      UNION ALL SELECT '''Maximiliane-Josephine''', 'Maximiliane-Josephine'
      UNION ALL SELECT 'CAST(x''C328'' AS TEXT)', CAST(x'C328' AS TEXT));

.print ''
.print '== email addresses: python-email-validator 2.x rules, IntegrityError 23514'
CREATE TABLE contacts(email TEXT NOT NULL CHECK (email_check(email, 'contacts.email')));
INSERT INTO contacts VALUES ('Zoë@BÜCHER.de'), ('ann.lee+news@example.com');
SELECT '  stored ' || email || '  normalized ' || email_normalize(email) FROM contacts;
INSERT INTO contacts VALUES ('bob@@example.com');
INSERT INTO contacts VALUES ('me@example.test');
SELECT printf('  %!-22s %s', quote(v), ifnull(email_error(v), 'valid'))
FROM (SELECT 'a@b' AS v UNION ALL SELECT 'jeff@臺網中心.tw'
      UNION ALL SELECT 'x@xn--ls8h.com' UNION ALL SELECT '.dot@example.com');

.print ''
.print '== money: exact ISO 4217 minor units, canonical TEXT, exact sums'
CREATE TABLE orders(
  id    INTEGER PRIMARY KEY,
  total TEXT NOT NULL CHECK (money_check(total, 'USD', 'orders.total', 0)
                             AND total = money_canon(total, 'USD'))
);
INSERT INTO orders(total) VALUES (money_canon('19.99', 'USD')),
  (money_canon(5, 'USD')), (money_canon('0.10', 'USD'));
SELECT '  totals ' || group_concat(total, ', ') || '  money_sum ' ||
       money_sum(total, 'USD') || '  cents ' || money_minor(money_sum(total, 'USD'), 'USD')
FROM orders;
INSERT INTO orders(total) VALUES ('12.345');
INSERT INTO orders(total) VALUES ('-1.00');
INSERT INTO orders(total) VALUES ('12,50');
INSERT INTO orders(total) VALUES ('12.50 EUR');
SELECT money_canon(0.1 + 0.2, 'USD');
SELECT '  scales: ' || money_canon('1.5', 'USD') || ' USD, ' ||
       money_canon('1500.00', 'JPY') || ' JPY, ' || money_canon('1.5', 'BHD') ||
       ' BHD, ' || money_canon('1.5', 'CLF') || ' CLF';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
SELECT '  100000 x 0.01: money_sum ' || money_sum('0.01', 'USD') ||
       ', sum() of REALs ' || printf('%.17g', sum(0.01)) FROM n;

.print ''
.print '== declared rules: see which rows would fail, fix them, add the rule (no rebuild)'
CREATE TABLE members(id INTEGER PRIMARY KEY, email TEXT, nick TEXT);
INSERT INTO members(email, nick) VALUES ('ann@example.com', 'ann'),
  ('bob@@example.com', 'bob'), ('cy@example.com', 'a much too long nickname');
SELECT richcheck_add_rule('members', 'email', 'email');
SELECT printf('  row %d %-6s %-26s %d  %s', rowid, "column", quote(value), code, message)
FROM richcheck_violations('members', 'email', 'email');
UPDATE members SET email = 'bob@example.com' WHERE id = 2;
SELECT '  add email rule: ' || richcheck_add_rule('members', 'email', 'email');
SELECT '  add nick rule (not valid): ' ||
       richcheck_add_rule('members', 'nick', 'length(1, 12)', 'not valid');
SELECT printf('  still to fix: row %d %s', rowid, message) FROM richcheck_violations('members');
INSERT INTO members(email, nick) VALUES ('dee@@example.com', 'dee');
UPDATE members SET nick = '' WHERE id = 1;
.print '  a rule of the kind check: a CHECK constraint written into the table (the fast kind)'
CREATE TABLE invoices(id INTEGER PRIMARY KEY, total TEXT NOT NULL);
SELECT '  add total rule: ' || richcheck_add_rule('invoices', 'total', 'money(USD, 0)', 'check');
SELECT '  ' || sql FROM sqlite_schema WHERE name = 'invoices';
INSERT INTO invoices(total) VALUES ('19.99'), ('-5.00');
SELECT '  invoices (the INSERT kept none of its rows): ' || count(*) FROM invoices;
.print '  a migration rebuilds invoices (new table, copy, drop, rename): the rule is reported, then repaired'
CREATE TABLE invoices_new(id INTEGER PRIMARY KEY, total TEXT NOT NULL, paid INTEGER);
INSERT INTO invoices_new(id, total) SELECT id, total FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
SELECT printf('  %d  %s', code, message) FROM richcheck_violations('invoices');
SELECT '  repaired: ' || richcheck_repair_rules('invoices');
INSERT INTO invoices(total) VALUES ('-5.00');

.print ''
.print '== compat mode, for drivers that lose unknown codes: 1043 / 18'
SELECT '  mode: ' || richcheck_error_mode('compat');
INSERT INTO users(name) VALUES ('');
INSERT INTO users(name) VALUES ('Maximiliane-Josephine');
SELECT '  mode: ' || richcheck_error_mode('extended');

.print ''
.print '== every richcheck code'
.mode column
.headers on
SELECT code, name, primary_name, sqlstate, exception FROM richcheck_codes;
