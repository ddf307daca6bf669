// rcchecks.js - the PASS/FAIL reporting of the Node programs (test/js/*.js),
// as tester.tcl's run_checks reads it.
//
//   const { report, expect, outcome, guard, captureLog, finish } = require('./rcchecks');
//
// Each check prints one line, "PASS name (detail)" or "FAIL name: detail",
// and the program keeps going after a failure; finish() exits 1 when any
// failed.  The programs run in a scratch project that the npm tarball was
// installed into (test/npm.test), never from the source tree.
'use strict';
const util = require('util');

const seen = new Set();
let failed = 0;
const print = (line) => process.stdout.write(`${line}\n`);

function oneLine(text) {
  return String(text).replace(/\n/g, '\\n');
}

/** The PASS or FAIL line of one check; a PASS shows detail when given. */
function report(name, ok, detail) {
  if (seen.has(name)) {
    ok = false;
    detail = 'duplicate check name';
  }
  seen.add(name);
  if (ok) {
    print(detail === undefined ? `PASS ${name}` : `PASS ${name} (${oneLine(detail)})`);
  } else {
    failed += 1;
    print(`FAIL ${name}: ${oneLine(detail)}`);
  }
}

const show = (v) => util.inspect(v, { depth: 4, breakLength: Infinity });

/** Passes when got and want are deeply and strictly equal. */
function expect(name, got, want) {
  const ok = util.isDeepStrictEqual(got, want);
  report(name, ok, ok ? undefined : `expected ${show(want)}, got ${show(got)}`);
}

/** Passes when the strings got and want are the same UTF-8 bytes. */
function expectBytes(name, got, want) {
  const ok = typeof got === 'string' && Buffer.from(got, 'utf8').equals(Buffer.from(want, 'utf8'));
  report(name, ok, ok ? undefined : `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

/** The error fn() threw, or null when it returned. */
function outcome(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
}

/** Runs fn (may be async); an unexpected error becomes one FAIL line, so a
 *  broken step costs its own checks (the count in the .test notices), never
 *  the checks after it. */
async function guard(name, fn) {
  try {
    await fn();
  } catch (err) {
    const where = String(err && err.stack).split('\n').find((l) => /test\/js|\.js:/.test(l));
    report(`${name}-crashed`, false, `${err && err.name}: ${err && err.message} ${where || ''}`);
  }
}

/** What fn (may be async) prints with console.log, a string a line; a README
 *  snippet prints what its comments say, and the checks compare. */
async function captureLog(fn) {
  const lines = [];
  const saved = console.log;
  console.log = (...args) => lines.push(util.formatWithOptions({ breakLength: Infinity }, ...args));
  try {
    await fn();
  } finally {
    console.log = saved;
  }
  return lines;
}

function finish() {
  process.exitCode = failed > 0 ? 1 : 0;
}

module.exports = { report, expect, expectBytes, outcome, guard, captureLog, finish, show };
