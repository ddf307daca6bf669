// node.js PORTABLE [SYSTEM] - the portable build in Node, whose own ICU
// (process.versions.icu, built into the node binary and exported from it)
// is not the one the portable build carries, through better-sqlite3
// (found through NODE_PATH).  Node's Intl is used before and after the
// load, and must still work; SYSTEM, when given (the normal build, linked
// against the system's libicuuc), is loaded into a second connection
// afterwards, so that three ICUs share the process.  Prints one
// "PASS name (detail)" or "FAIL name: detail" line per check
// (test/portable.test counts them).
'use strict';
const fs = require('fs');
const [portablePath, systemPath] = process.argv.slice(2);
let failed = false;

function report(name, ok, detail) {
  if (ok) {
    console.log(detail ? `PASS ${name} (${detail})` : `PASS ${name}`);
  } else {
    failed = true;
    console.log(`FAIL ${name}: ${detail}`);
  }
}

function mapped(word) {
  const files = fs.readFileSync('/proc/self/maps', 'utf8').split('\n')
    .map((line) => line.trim().split(/\s+/).slice(5).join(' '))
    .filter((f) => f.includes(word));
  return [...new Set(files)].sort();
}

function answer(db, sql) {
  try {
    return ['ok', db.prepare(sql).pluck().get()];
  } catch (e) {
    return [String(e.code), e.message];
  }
}

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
const TEXT = `${FAMILY}e\u0301\u00fc`;
const CASES = [
  ['graphemes', `SELECT length_count('${TEXT}', 'graphemes')`, ['ok', 3]],
  ['idn-email-unicode', "SELECT email_normalize('josé@BÜCHER.de')", ['ok', 'josé@bücher.de']],
  ['idn-email-punycode', "SELECT email_normalize('user@xn--bcher-kva.de')",
    ['ok', 'user@bücher.de']],
  ['money-en-us', "SELECT money_format('1234.5', 'USD')", ['ok', '$1,234.50']],
  ['money-de-de', "SELECT money_format('1234.5', 'EUR', 'de_DE')", ['ok', '1.234,50\u00a0€']],
  ['money-ar-eg', "SELECT money_format('-1234.5', 'EGP', 'ar_EG')",
    ['ok', '\u061c-\u200f١٬٢٣٤٫٥٠\u00a0ج.م.\u200f']],
  ['bad-email', "SELECT email_check('josé@@müller.de', 'users.email')",
    ['UNKNOWN_SQLITE_ERROR_25619',
      'users.email: invalid email address "josé@@müller.de": more than one @']],
];

function graphemesByNode(s) {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].length;
}

function euroByNode() {
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5);
}

try {
  const Database = require('better-sqlite3');
  const nodeIcu = process.versions.icu;
  report('node-1.1-node-has-its-own-icu', nodeIcu !== undefined && !nodeIcu.startsWith('72.'),
    `Node ${process.version}, ICU ${nodeIcu}`);
  const beforeNode = [graphemesByNode(TEXT), euroByNode()];
  const beforeMaps = mapped('libicu');

  const db = new Database(':memory:');
  db.loadExtension(portablePath);
  const afterMaps = mapped('libicu');
  report('node-1.2-portable-maps-no-icu-library',
    JSON.stringify(afterMaps) === JSON.stringify(beforeMaps),
    `libicu mapped after loading: ${afterMaps.join(', ') || 'none'}`);
  for (const [name, sql, want] of CASES) {
    const got = answer(db, sql);
    report(`node-1.3-portable-${name}`, JSON.stringify(got) === JSON.stringify(want),
      `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  const afterNode = [graphemesByNode(TEXT), euroByNode()];
  report('node-1.4-node-intl-unchanged-and-agrees',
    JSON.stringify(afterNode) === JSON.stringify(beforeNode) && afterNode[0] === 3,
    `Node's ICU: ${afterNode[0]} graphemes, ${JSON.stringify(afterNode[1])}`);

  if (systemPath) {
    const db2 = new Database(':memory:');
    db2.loadExtension(systemPath);
    report('node-2.1-system-icu-also-in-the-process', mapped('libicuuc').length > 0,
      mapped('libicuuc').join(', ') || 'no libicuuc mapped');
    for (const [name, sql, want] of CASES) {
      const gotP = answer(db, sql);
      const gotS = answer(db2, sql);
      report(`node-2.2-both-same-answer-${name}`,
        JSON.stringify(gotP) === JSON.stringify(want) && JSON.stringify(gotS) === JSON.stringify(want),
        `expected ${JSON.stringify(want)}, portable ${JSON.stringify(gotP)}, system ${JSON.stringify(gotS)}`);
    }
    report('node-2.3-node-intl-still-works', graphemesByNode(TEXT) === 3 && euroByNode() === beforeNode[1],
      `${graphemesByNode(TEXT)} graphemes, ${JSON.stringify(euroByNode())}`);
    db2.close();
  }
  db.close();
} catch (e) { // one line, not a stack: run_checks counts lines
  report('node-9-unexpected-error', false, `${e.name}: ${e.message}`);
}
process.exit(failed ? 1 : 0);
