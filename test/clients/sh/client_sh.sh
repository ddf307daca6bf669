#!/bin/sh
# client_sh.sh BUILD - richcheck in the sqlite3 shell (Debian's sqlite3) as
# a script meets it: .load, then, inside a transaction, a good row, a
# too-long name and a bad address (both with 'é' and 'ü' in them): the
# error line on stderr ("Runtime error near line N: MESSAGE (18)": the
# shell shows only the primary code, in every mode), the message byte for
# byte, the exit status, the transaction still usable and the earlier rows
# kept; in the error modes 'extended', 'compat', 'tagged' and 'compat,
# tagged' (the tag gives back the full code, name and SQLSTATE); -bail;
# and what a shell with extended result codes on prints (the test-only
# rctest.so turns them on).
#
# BUILD is the folder of richcheck.so and rctest.so.  One line per check,
# "PASS name" or "FAIL name: detail" (test/clients_script.test counts them).
# The shell is $SQLITE3 (default: sqlite3 on PATH).
BUILD=$(cd "$1" && pwd) || exit 2
SO="$BUILD/richcheck.so"
SQLITE3=${SQLITE3:-sqlite3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/richcheck-sh-XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0

MSG_LONG='users.name: value too long (22 characters, maximum 10)'
MSG_BAD='users.email: invalid email address "josé@@müller.de": more than one @'
TAG_LONG='[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] '
TAG_BAD='[RICHCHECK_EMAIL 25619 SQLSTATE 23514] '
ROWS='Zoë|zoe@example.com
Jürgen|jurgen@example.com'
# The tag out of an error line: "NAME CODE SQLSTATE", then the code in ().
UNTAG='s/.*\[\(RICHCHECK_[A-Z_]*\) \([0-9]*\) SQLSTATE \([0-9A-Z]\{5\}\)\] .*(\([0-9]*\))$/\1 \2 \3 (\4)/p'

report() { # name ok detail
  if [ "$2" = 1 ]; then
    echo "PASS $1"
  else
    failed=$((failed + 1))
    printf 'FAIL %s: %s\n' "$1" "$(printf '%s' "$3" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g')"
  fi
}

expect() { # name got want
  if [ "$2" = "$3" ]; then report "$1" 1; else report "$1" 0 "expected [$3], got [$2]"; fi
}

# The shell on stdin's script: $tmp/out, $tmp/err, $rc.
run() {
  "$SQLITE3" -batch "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# ------------------------------------------------------------ 1. loading

readme_snippet() {
  path=$1
  # README-SNIPPET-BEGIN shell
  sqlite3 :memory: ".load $path" \
    "SELECT richcheck_error_mode('tagged')" \
    "CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 't.name')))" \
    "INSERT INTO t VALUES ('Zoë Müllerová-Ångström')" 2>&1 >/dev/null |
    sed -n 's/.*\[\(RICHCHECK_[A-Z_]*\) \([0-9]*\) SQLSTATE \([0-9A-Z]\{5\}\)\] .*/\1 \2 \3/p'
  # prints: RICHCHECK_TOO_LONG 25618 22001
  # README-SNIPPET-END
}

expect sh-1.1-readme-snippet-prints "$(PATH="$(dirname "$(command -v "$SQLITE3")"):$PATH" readme_snippet "$SO")" \
  'RICHCHECK_TOO_LONG 25618 22001'

# SQL given as arguments: "Error: stepping, ...", and the exit status is
# the failed statement's code cut to 8 bits: the primary code (25618 & 255
# is 18)
"$SQLITE3" :memory: ".load '$SO'" \
  "CREATE TABLE t(name TEXT CHECK (length_check(name, 1, 10, 'users.name')))" \
  "INSERT INTO t VALUES ('Zoë Müllerová-Ångström')" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect sh-1.2-argument-form-error-line "$rc|$(cat "$tmp/out")|$(cat "$tmp/err")" \
  "18||Error: stepping, $MSG_LONG (18)"

# The shell turns loading on for its connection: load_extension() in SQL
# works as well as .load
run :memory: <<EOF
SELECT load_extension('$SO') IS NULL;
SELECT richcheck_error_mode();
EOF
expect sh-1.3-sql-load_extension-works-too "$rc|$(cat "$tmp/out")|$(cat "$tmp/err")" \
  '0|1
extended|'

# ------------------------------------------------------------- 2. modes

# scenario PREFIX MODE EXTRA CODE_LONG CODE_BAD: one shell run; EXTRA is an
# extension to load after richcheck ("" for none).
scenario() {
  p=$1 mode=$2 extra=$3 code_long=$4 code_bad=$5
  shift_by=0
  [ -n "$extra" ] && shift_by=1
  {
    echo ".load '$SO'"
    [ -n "$extra" ] && echo ".load '$extra'"
    echo "SELECT richcheck_error_mode('$mode');"
    echo "CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')), email TEXT CHECK (email_check(email, 'users.email')));"
    echo "BEGIN;"
    echo "INSERT INTO users VALUES ('Zoë', 'zoe@example.com');"
    echo "INSERT INTO users VALUES ('Zoë Müllerová-Ångström', 'zoe@example.com');"
    echo "INSERT INTO users VALUES ('José', 'josé@@müller.de');"
    echo "INSERT INTO users VALUES ('Jürgen', 'jurgen@example.com');"
    echo "COMMIT;"
    echo "SELECT * FROM users;"
  } >"$tmp/script.sql"
  run :memory: <"$tmp/script.sql"
  tag_long='' tag_bad=''
  case "$mode" in *tagged) tag_long=$TAG_LONG tag_bad=$TAG_BAD ;; esac
  expect "$p.1-error-lines" "$(cat "$tmp/err")" \
"Runtime error near line $((6 + shift_by)): $tag_long$MSG_LONG ($code_long)
Runtime error near line $((7 + shift_by)): $tag_bad$MSG_BAD ($code_bad)"
  # the shell goes on after an error, and says so at exit
  expect "$p.2-exit-status" "$rc" 1
  k=3
  case "$mode" in *tagged)
    expect "$p.3-tag-recovered" "$(sed -n "$UNTAG" "$tmp/err")" \
"RICHCHECK_TOO_LONG 25618 22001 ($code_long)
RICHCHECK_EMAIL 25619 23514 ($code_bad)"
    k=4 ;;
  esac
  # COMMIT ran (no error line for it), and the rows are there
  expect "$p.$k-transaction-kept-rows-committed" "$(cat "$tmp/out")" "$mode
$ROWS"
}

# what a shell user gets: the primary code in every mode
scenario sh-2 extended '' 18 19
scenario sh-3 compat '' 18 19
scenario sh-4 tagged '' 18 19
scenario sh-5 'compat, tagged' '' 18 19
# a shell whose connection has extended result codes on
scenario sh-6 extended "$BUILD/rctest.so" 25618 25619
scenario sh-7 compat "$BUILD/rctest.so" 18 1043

# ---------------------------------------------------------------- 3. -bail

# -bail stops at the first failure with status 1; the open transaction
# goes with the shell: its earlier row is not kept.
db="$tmp/bail.db"
run -bail "$db" <<EOF
.load '$SO'
CREATE TABLE users(name TEXT CHECK (length_check(name, 1, 10, 'users.name')), email TEXT CHECK (email_check(email, 'users.email')));
BEGIN;
INSERT INTO users VALUES ('Zoë', 'zoe@example.com');
INSERT INTO users VALUES ('Zoë Müllerová-Ångström', 'zoe@example.com');
INSERT INTO users VALUES ('Jürgen', 'jurgen@example.com');
COMMIT;
EOF
expect sh-8.1-bail-stops-at-the-first-failure "$rc|$(cat "$tmp/err")" \
  "1|Runtime error near line 5: $MSG_LONG (18)"
expect sh-8.2-bail-loses-the-open-transaction \
  "$("$SQLITE3" "$db" "SELECT count(*) FROM users" 2>&1)" 0

[ "$failed" = 0 ]
