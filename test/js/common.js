// common.js - what the client programs share: the schema of the client
// tests, the two failures (with 'é' and 'ü' in them), their exact messages
// and tags, and what richcheck.describe() must give for them in each mode.
'use strict';

const SCHEMA = "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')), " +
  "email TEXT CHECK (email_check(email, 'users.email')))";
const TOO_LONG = 'Zoë Müllerová-Ångström';
const BAD_EMAIL = 'josé@@müller.de';
const TOO_LONG_MESSAGE = 'users.name: value too long (22 characters, maximum 10)';
const BAD_EMAIL_MESSAGE = 'users.email: invalid email address "josé@@müller.de": more than one @';
const TOO_LONG_TAG = '[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] ';
const BAD_EMAIL_TAG = '[RICHCHECK_EMAIL 25619 SQLSTATE 23514] ';
const MODES = ['extended', 'compat', 'tagged', 'compat, tagged'];

const tagged = (mode) => mode.includes('tagged');

// The message as SQLite gives it in this mode
function message(failure, mode) {
  if (failure === 'too-long') return (tagged(mode) ? TOO_LONG_TAG : '') + TOO_LONG_MESSAGE;
  return (tagged(mode) ? BAD_EMAIL_TAG : '') + BAD_EMAIL_MESSAGE;
}

// What describe() gives when the error carries code (the client's number)
function description(failure, mode, code) {
  const full = failure === 'too-long'
    ? { code: 25618, name: 'RICHCHECK_TOO_LONG', sqlstate: '22001', category: 'data' }
    : { code: 25619, name: 'RICHCHECK_EMAIL', sqlstate: '23514', category: 'integrity' };
  const byCode = {
    18: { code: 18, name: 'SQLITE_TOOBIG', sqlstate: '54000', category: 'data' },
    19: { code: 19, name: 'SQLITE_CONSTRAINT', sqlstate: '23000', category: 'integrity' },
    1043: { code: 1043, name: 'SQLITE_CONSTRAINT_FUNCTION', sqlstate: '23514', category: 'integrity' },
  };
  const base = tagged(mode) || code === full.code ? full : byCode[code];
  return {
    ...base,
    label: failure === 'too-long' ? 'users.name' : 'users.email',
    message: message(failure, mode),
  };
}

module.exports = {
  SCHEMA, TOO_LONG, BAD_EMAIL, TOO_LONG_MESSAGE, BAD_EMAIL_MESSAGE, MODES,
  message, description,
};
