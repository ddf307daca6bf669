#!/usr/bin/env node
// gen_build.js SO SQLITE3_H STAGE - the generated half of the npm package,
// written into the staged copy STAGE by make npm (mk/npm.mk):
//
//   STAGE/build.json    the version and richcheck's code registry as the
//                       compiled extension SO reports them (richcheck_version(),
//                       SELECT * FROM richcheck_codes), and SQLite's result
//                       code names as SQLITE3_H defines them;
//   STAGE/package.json  npm/package.json with that version.
//
// So the package cannot differ from the extension it carries, and no code
// table is copied by hand.  The sqlite3 shell reads the extension.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function query(so, sql) {
  const out = execFileSync('sqlite3', ['-json', ':memory:', `.load ${so}`, sql],
    { encoding: 'utf8', timeout: 60000 });
  return out.trim() === '' ? [] : JSON.parse(out);
}

// "#define SQLITE_BUSY 5" (the primary codes, from SQLITE_OK to SQLITE_DONE)
// and "#define SQLITE_BUSY_RECOVERY (SQLITE_BUSY | (1<<8))".
function sqliteCodes(header) {
  const text = fs.readFileSync(header, 'utf8');
  const codes = {};
  const start = text.indexOf('#define SQLITE_OK ');
  const end = text.indexOf('#define SQLITE_DONE ');
  if (start < 0 || end < 0) throw new Error(`${header}: no result codes`);
  const primary = /^#define (SQLITE_[A-Z]+) +([0-9]+)\b/gm;
  const section = text.slice(start, text.indexOf('\n', end) + 1);
  for (const m of section.matchAll(primary)) codes[m[1]] = Number(m[2]);
  const extended = /^#define (SQLITE_[A-Z_]+) +\((SQLITE_[A-Z]+) *\| *\(([0-9]+)<<8\)\)/gm;
  for (const m of text.matchAll(extended)) {
    if (!(m[2] in codes)) throw new Error(`${header}: ${m[1]} of unknown ${m[2]}`);
    codes[m[1]] = codes[m[2]] | (Number(m[3]) << 8);
  }
  if (codes.SQLITE_CONSTRAINT_FUNCTION !== 1043 || codes.SQLITE_TOOBIG !== 18) {
    throw new Error(`${header}: the result codes did not parse`);
  }
  return codes;
}

function main() {
  const [so, header, stage] = process.argv.slice(2);
  if (!stage) {
    process.stderr.write('usage: gen_build.js SO SQLITE3_H STAGE\n');
    process.exit(2);
  }
  const version = query(so, 'SELECT richcheck_version() AS v')[0].v;
  const codes = query(so, 'SELECT code, name, sqlstate, category ' +
    'FROM richcheck_codes ORDER BY code').map(
    (r) => [r.code, r.name, r.sqlstate, r.category]);
  if (codes.length === 0) throw new Error(`${so}: richcheck_codes is empty`);
  const build = { version, codes, sqliteCodes: sqliteCodes(header) };
  // a row a line, to be read
  const rows = (list) => list.map((r) => `  ${JSON.stringify(r)}`).join(',\n');
  fs.writeFileSync(path.join(stage, 'build.json'), '{\n' +
    `"version": ${JSON.stringify(version)},\n` +
    `"codes": [\n${rows(codes)}\n],\n` +
    `"sqliteCodes": {\n${rows(Object.entries(build.sqliteCodes)).replace(/\["(\w+)",(\d+)\]/g, '"$1": $2')}\n}\n}\n`);
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
  // the version is the extension's, whatever npm/package.json says
  const { version: ignored, ...rest } = pkg; // eslint-disable-line no-unused-vars
  // the extension is built for this machine's architecture
  const staged = { name: rest.name, version, ...rest, cpu: [process.arch] };
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(staged, null, 2) + '\n');
}

main();
