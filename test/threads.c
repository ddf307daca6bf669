/*
** threads.c - richcheck under threads, for ThreadSanitizer (make tsan).
**
**     make tsan
**     build/tsan/threads build/tsan/richcheck.so     (what make tsan runs)
**
** Two parts, in a mkdtemp() directory under $TMPDIR (or /tmp) that is
** removed at the end:
**
** 1. Eight threads, each with its own connection to its own database file,
**    load richcheck from the .so named by argv[1] all at once (a barrier
**    lines up the sqlite3_load_extension calls, so the extension's init,
**    and its write of the global sqlite3_api, runs in eight threads
**    together), and load it again halfway, while the others call
**    functions.  Then, for a few hundred rounds or a time budget: checks of
**    every family with their exact results and extended codes
**    (sqlite3_extended_errcode: 25618 for a too-long value, 25619 for a bad
**    email, ...), in both error modes; money_sum as aggregate and window;
**    richcheck_add_rule / richcheck_drop_rule of both kinds (triggers and
**    'check') on the thread's own table, with inserts that pass and fail,
**    and the richcheck_violations scanner.
**
** 2. Two connections to one file, in two threads: one adds and drops a
**    rule of each kind in a loop, the other inserts rows (busy timeout 5 s).
**    Every insert succeeds or fails with SQLITE_BUSY/LOCKED or the one
**    richcheck code its bad value can earn; inside BEGIN IMMEDIATE the
**    inserter reads which rules are declared and checks that a bad row is
**    refused exactly when its rule is (then rolls back).  At the end the
**    rows inserted as bad are deleted, the rules are added back (which
**    refuses if any row breaks them), richcheck_violations('t') is empty,
**    every good row is there and PRAGMA integrity_check is ok.
**
** Prints "threads: N checks, M rule changes, K inserts; ok" and exits 0, or
** prints what failed and exits 1.
*/
#include <sqlite3.h>

#include "richcheck.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define N_WORKER 8
#define N_ROUND 300        /* rounds of part 1, at most */
#define PART1_SECONDS 20.0 /* ... and the time they may take */
#define PART2_SECONDS 12.0 /* the time part 2 runs */
#define BUSY_TIMEOUT_MS 5000

static const char *gzSo;        /* the extension, argv[1] */
static char gzDir[4096];        /* the temporary directory */
static pthread_barrier_t gLoad; /* lines up the loads of one part */
static int gFailed;             /* some thread failed: atomic */

/* How many codes richcheck has: the rows of richcheck_codes. */
#define COUNT_(NAME, PRIM, EXT, STATE, DESC) +1
static const int nRcCode = 0 RICHCHECK_CODE_LIST(COUNT_);
#undef COUNT_

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One thread's connection, counts and first failure. */
typedef struct Worker Worker;
struct Worker {
  int id;
  pthread_t thread;
  sqlite3 *db;
  char zFile[4200];
  double deadline;
  long nCheck, nRule, nInsert, nBusy;
  int nRound;
  int bCompat; /* richcheck_error_mode('compat') is on */
  char zErr[1024];
};

static int fail(Worker *w, const char *zFormat, ...) {
  va_list ap;
  __atomic_store_n(&gFailed, 1, __ATOMIC_RELEASE);
  if (w->zErr[0]) return 0; /* the first failure is the one to read */
  va_start(ap, zFormat);
  vsnprintf(w->zErr, sizeof(w->zErr), zFormat, ap);
  va_end(ap);
  return 0;
}

static int anyFailed(void) {
  return __atomic_load_n(&gFailed, __ATOMIC_ACQUIRE);
}

static int isBusy(int rc) {
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* The code a richcheck code is raised as in the connection's mode. */
static int modeCode(const Worker *w, int code) {
  if (!w->bCompat) return code;
  return (code & 0xff) == SQLITE_CONSTRAINT ? RICHCHECK_COMPAT_INTEGRITY
                                            : RICHCHECK_COMPAT_DATA;
}

/*
** Runs zSql to its end.  Returns SQLITE_DONE, or the extended code it
** failed with; with pVal, the first column of the first row goes there as
** text (up to nVal bytes), "NULL" for NULL.
*/
static int run(Worker *w, const char *zSql, char *zVal, size_t nVal) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(w->db, zSql, -1, &pStmt, 0);
  int bRow = 0;
  if (zVal) zVal[0] = 0;
  if (rc != SQLITE_OK) return sqlite3_extended_errcode(w->db);
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (!bRow && zVal) {
      const unsigned char *z = sqlite3_column_text(pStmt, 0);
      snprintf(zVal, nVal, "%s", z ? (const char *)z : "NULL");
    }
    bRow = 1;
  }
  if (rc != SQLITE_DONE) rc = sqlite3_extended_errcode(w->db);
  if (rc != SQLITE_DONE && sqlite3_errmsg(w->db)[0] == 0) {
    sqlite3_finalize(pStmt);
    return fail(w, "%s: error %d without a message", zSql, rc), -1;
  }
  sqlite3_finalize(pStmt);
  return rc;
}

/* zSql gives zWant as its first value. */
static int expectValue(Worker *w, const char *zSql, const char *zWant) {
  char zGot[512];
  int rc = run(w, zSql, zGot, sizeof(zGot));
  w->nCheck++;
  if (rc != SQLITE_DONE) {
    return fail(w, "%s: failed with %d (%s), expected %s", zSql, rc,
                sqlite3_errmsg(w->db), zWant);
  }
  if (strcmp(zGot, zWant) != 0) {
    return fail(w, "%s: gave %s, expected %s", zSql, zGot, zWant);
  }
  return 1;
}

/* zSql fails with the extended code `code`. */
static int expectCode(Worker *w, const char *zSql, int code) {
  int rc = run(w, zSql, 0, 0);
  w->nCheck++;
  if (rc != code) {
    return fail(w, "%s: gave %d (%s), expected %d", zSql, rc,
                rc == SQLITE_DONE ? "no error" : sqlite3_errmsg(w->db), code);
  }
  return 1;
}

static int expectDone(Worker *w, const char *zSql) {
  int rc = run(w, zSql, 0, 0);
  if (rc != SQLITE_DONE) {
    return fail(w, "%s: failed with %d (%s)", zSql, rc, sqlite3_errmsg(w->db));
  }
  return 1;
}

static int openDb(Worker *w) {
  if (sqlite3_open_v2(w->zFile, &w->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      0) != SQLITE_OK) {
    return fail(w, "cannot open %s: %s", w->zFile, sqlite3_errmsg(w->db));
  }
  sqlite3_busy_timeout(w->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes(w->db, 1);
  return 1;
}

static int loadRichcheck(Worker *w) {
  char *zErr = 0;
  sqlite3_enable_load_extension(w->db, 1);
  if (sqlite3_load_extension(w->db, gzSo, 0, &zErr) != SQLITE_OK) {
    fail(w, "cannot load %s: %s", gzSo, zErr ? zErr : "?");
    sqlite3_free(zErr);
    return 0;
  }
  sqlite3_enable_load_extension(w->db, 0);
  w->bCompat = 0; /* a load registers afresh, in 'extended' mode */
  return 1;
}

/* ---- part 1: one connection, one file, per thread ---------------------- */

static int expectCodeCount(Worker *w) {
  char z[16];
  snprintf(z, sizeof(z), "%d", nRcCode);
  return expectValue(w, "SELECT count(*) FROM richcheck_codes", z);
}

/* The checks of every family, with thread- and round-dependent values. */
static int familyChecks(Worker *w, int iRound) {
  char z[400], zWant[64];
  int n = 1 + (w->id + iRound) % 20; /* a length to vary the specs with */

  if (!expectValue(w, "SELECT email_valid('bob@example.com')", "1") ||
      !expectValue(w, "SELECT email_valid('bob@@example.com')", "0") ||
      !expectValue(w,
                   "SELECT email_normalize('Zo\xc3\xab@B\xc3\x9c"
                   "CHER.de')",
                   "Zo\xc3\xab@b\xc3\xbc"
                   "cher.de") ||
      !expectValue(w, "SELECT length_check('Zo\xc3\xab', 1, 5)", "1") ||
      !expectValue(w, "SELECT length_count('e\xcc\x81', 'graphemes')", "1") ||
      !expectValue(w, "SELECT money_check('12.34', 'USD')", "1") ||
      !expectValue(w, "SELECT money_canon('12.3', 'USD')", "12.30") ||
      !expectValue(w, "SELECT money_minor('USD 12.34')", "1234") ||
      !expectValue(w,
                   "SELECT money_parse(money_format('1234.5', 'EUR', "
                   "'de_DE'), 'EUR', 'de_DE')",
                   "1234.50") ||
      !expectValue(
          w,
          "SELECT richcheck('bob@example.com', 'email; length(1, 64)', "
          "'t.email')",
          "1") ||
      !expectValue(w, "SELECT richcheck_valid('12.345', 'money(USD)')", "0") ||
      !expectCodeCount(w) ||
      !expectValue(w,
                   "SELECT money_sum(column1, 'USD') FROM (VALUES ('0.01'), "
                   "('0.02'), (NULL), ('12.3'), (7))",
                   "19.33") ||
      !expectValue(
          w,
          "SELECT group_concat(s, ' ') FROM (SELECT money_sum(column1, "
          "'USD') OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s "
          "FROM (VALUES ('0.01'), ('0.02'), ('0.03'), ('-0.05')))",
          "0.01 0.03 0.05 -0.02")) {
    return 0;
  }
  /* a spec of this round's own: parsed, cached, found again */
  snprintf(z, sizeof(z),
           "SELECT richcheck(printf('%%.%dc', 'x'), 'length(1, %d)')", n, n);
  if (!expectValue(w, z, "1")) return 0;
  snprintf(z, sizeof(z),
           "SELECT richcheck(printf('%%.%dc', 'x'), 'length(1, %d)', 't.name')",
           n + 1, n);
  if (!expectCode(w, z, modeCode(w, RICHCHECK_TOO_LONG))) return 0;
  snprintf(z, sizeof(z), "SELECT money_canon('%d.5', 'JPY')", n);
  if (!expectCode(w, z, modeCode(w, RICHCHECK_SCALE))) return 0;
  snprintf(zWant, sizeof(zWant), "%d.500", n);
  snprintf(z, sizeof(z), "SELECT money_canon('%d.5', 'BHD')", n);
  if (!expectValue(w, z, zWant)) return 0;

  return expectCode(w, "SELECT length_check('abcdef', 0, 5, 't.name')",
                    modeCode(w, RICHCHECK_TOO_LONG)) &&
         expectCode(w, "SELECT length_check('', 1, 5)",
                    modeCode(w, RICHCHECK_TOO_SHORT)) &&
         expectCode(w, "SELECT length_check(CAST(X'C328' AS TEXT), 0, 5)",
                    modeCode(w, RICHCHECK_ENCODING)) &&
         expectCode(w, "SELECT email_check('bob@@example.com', 't.email')",
                    modeCode(w, RICHCHECK_EMAIL)) &&
         expectCode(w, "SELECT money_check('12.345', 'USD')",
                    modeCode(w, RICHCHECK_SCALE)) &&
         expectCode(w, "SELECT money_check('12.34 EUR', 'USD')",
                    modeCode(w, RICHCHECK_CURRENCY)) &&
         expectCode(w, "SELECT money_check('12,3x', 'USD')",
                    modeCode(w, RICHCHECK_INVALID_TEXT)) &&
         expectCode(w, "SELECT money_check('-1', 'USD', 'o.total', 0)",
                    modeCode(w, RICHCHECK_BOUND)) &&
         expectCode(w, "SELECT richcheck('x', 'length(2, 5)')",
                    modeCode(w, RICHCHECK_TOO_SHORT)) &&
         expectCode(w,
                    "SELECT money_sum(column1, 'USD') FROM (VALUES "
                    "('92233720368547758.07'), ('0.01'))",
                    modeCode(w, RICHCHECK_OVERFLOW)) &&
         expectCode(w, "SELECT length_check('x', 5, 3)", SQLITE_ERROR) &&
         expectCode(w, "SELECT richcheck('x', 'emial')", SQLITE_ERROR);
}

/* Declared rules of both kinds on the thread's table, writes through them. */
static int ruleRound(Worker *w, int iRound) {
  char z[300], zN[32];
  snprintf(zN, sizeof(zN), "%d", iRound);
  if (!expectValue(w, "SELECT richcheck_add_rule('t', 'email', 'email')",
                   "1") ||
      !expectValue(w,
                   "SELECT richcheck_add_rule('t', 'name', 'length(1, 10)', "
                   "'check')",
                   "1") ||
      !expectValue(w,
                   "SELECT richcheck_add_rule('t', 'amount', 'money(USD, 0)', "
                   "'check')",
                   "1")) {
    return 0;
  }
  w->nRule += 3;

  snprintf(z, sizeof(z),
           "INSERT INTO t(email, name, amount) VALUES ('u%d.%d@example.com', "
           "'n%d', '%d.50')",
           w->id, iRound, iRound % 1000, iRound);
  if (!expectDone(w, z)) return 0;
  w->nInsert++;
  if (!expectCode(w,
                  "INSERT INTO t(email, name) VALUES ('bob@@example.com', 'x')",
                  modeCode(w, RICHCHECK_EMAIL)) ||
      !expectCode(w,
                  "INSERT INTO t(email, name) VALUES ('bob@example.com', "
                  "'a name too long')",
                  modeCode(w, RICHCHECK_TOO_LONG)) ||
      !expectCode(w,
                  "INSERT INTO t(email, name, amount) VALUES "
                  "('bob@example.com', 'x', '-0.01')",
                  modeCode(w, RICHCHECK_BOUND)) ||
      !expectCode(w, "UPDATE t SET email = 'nobody' WHERE rowid = 1",
                  modeCode(w, RICHCHECK_EMAIL))) {
    return 0;
  }
  w->nInsert += 4;
  if (!expectValue(w, "SELECT count(*) FROM richcheck_violations", "0") ||
      !expectValue(w,
                   "SELECT (SELECT count(*) FROM richcheck_violations('t', "
                   "'email', 'length(1, 18)')) = (SELECT count(*) FROM t WHERE "
                   "length(email) > 18)",
                   "1") ||
      !expectValue(w, "SELECT richcheck_drop_rule('t', 'email')", "1") ||
      !expectValue(w, "SELECT richcheck_drop_rule('t', 'name')", "1") ||
      !expectValue(w, "SELECT richcheck_drop_rule('t', 'amount')", "1")) {
    return 0;
  }
  w->nRule += 3;
  /* no rule now: the bad row goes in, and out again */
  if (!expectDone(w, "INSERT INTO t(email, name) VALUES ('bob@@example.com', "
                     "'a name too long')") ||
      !expectDone(w, "DELETE FROM t WHERE email = 'bob@@example.com'") ||
      !expectValue(w, "SELECT count(*) FROM richcheck_rules", "0")) {
    return 0;
  }
  w->nInsert++;
  return expectValue(w, "PRAGMA integrity_check", "ok");
}

static void *part1Main(void *p) {
  Worker *w = (Worker *)p;
  int iRound;
  int bOpen = openDb(w);
  pthread_barrier_wait(&gLoad); /* every load at once */
  if (!bOpen || !loadRichcheck(w)) return 0;
  if (!expectDone(w, "PRAGMA journal_mode = WAL") ||
      !expectDone(w, "CREATE TABLE t(id INTEGER PRIMARY KEY, email TEXT, "
                     "name TEXT, amount TEXT)")) {
    return 0;
  }
  for (iRound = 0; iRound < N_ROUND && now() < w->deadline; iRound++) {
    if (iRound == 10 && !loadRichcheck(w)) return 0; /* again, amid calls */
    /* odd threads take turns in compat mode: the mode is per connection */
    if (w->id % 2 == 1) {
      const char *zMode = iRound % 2 ? "compat" : "extended";
      char zSql[64];
      snprintf(zSql, sizeof(zSql), "SELECT richcheck_error_mode('%s')", zMode);
      if (!expectValue(w, zSql, zMode)) return 0;
      w->bCompat = iRound % 2;
    }
    if (!familyChecks(w, iRound)) return 0;
    /* a rule change rewrites the schema: every 4th round */
    if (iRound % 4 == 0 && !ruleRound(w, iRound)) return 0;
    w->nRound = iRound + 1;
  }
  if (iRound < 10) fail(w, "only %d rounds in %.0f s", iRound, PART1_SECONDS);
  return 0;
}

/* ---- part 2: two connections, one file ---------------------------------- */

typedef struct Shared Shared;
struct Shared {
  Worker changer, inserter;
  long nGood; /* good rows the inserter committed */
};

/* A schema function, again while the database is busy; 1 when it ran. */
static int schemaCall(Worker *w, const char *zSql, int bMayRefuse) {
  char zGot[64];
  int k;
  /* (a busy answer can come at once, when SQLite sees a deadlock: a pause
  ** lets the other side finish, where a tight loop of retries could starve
  ** this one on a loaded machine; seen once in CI: "busy for ever") */
  for (k = 0; k < 5000 && now() < w->deadline + 10; k++) {
    int rc = run(w, zSql, zGot, sizeof(zGot));
    if (rc == SQLITE_DONE) {
      if (strcmp(zGot, "0") != 0 && strcmp(zGot, "1") != 0) {
        return fail(w, "%s: gave %s", zSql, zGot);
      }
      w->nRule++;
      return 1;
    }
    if (isBusy(rc)) {
      w->nBusy++;
      sqlite3_sleep(1);
      continue;
    }
    if (bMayRefuse && rc == SQLITE_CONSTRAINT_CHECK) return 1; /* bad rows */
    return fail(w, "%s: failed with %d (%s)", zSql, rc, sqlite3_errmsg(w->db));
  }
  return fail(w, "%s: busy for ever", zSql);
}

static void *changerMain(void *p) {
  Shared *s = (Shared *)p;
  Worker *w = &s->changer;
  int bOk = openDb(w), iRound;
  pthread_barrier_wait(&gLoad);
  bOk = bOk && loadRichcheck(w);
  pthread_barrier_wait(&gLoad); /* the inserter has made the table */
  if (!bOk) return 0;
  for (iRound = 0; now() < w->deadline && !anyFailed(); iRound++) {
    /* 'not valid' every other round: bad rows may be in the table then */
    const char *zOpt = iRound % 2 ? ", 'not valid'" : "";
    char zAdd1[200], zAdd2[200];
    snprintf(zAdd1, sizeof(zAdd1),
             "SELECT richcheck_add_rule('t', 'email', 'email'%s)", zOpt);
    snprintf(zAdd2, sizeof(zAdd2),
             "SELECT richcheck_add_rule('t', 'name', 'length(1, 10)', "
             "'check%s')",
             iRound % 2 ? ", not valid" : "");
    if (!schemaCall(w, zAdd1, 1) || !schemaCall(w, zAdd2, 1)) return 0;
    if (iRound % 4 == 0) {
      char zCount[32];
      int rc = run(w, "SELECT count(*) FROM richcheck_violations('t')", zCount,
                   sizeof(zCount));
      w->nCheck++;
      if (rc != SQLITE_DONE && !isBusy(rc)) {
        fail(w, "richcheck_violations failed: %d %s", rc,
             sqlite3_errmsg(w->db));
        return 0;
      }
    }
    if (!schemaCall(w, "SELECT richcheck_drop_rule('t', 'email')", 0) ||
        !schemaCall(w, "SELECT richcheck_drop_rule('t', 'name')", 0)) {
      return 0;
    }
    w->nRound = iRound + 1;
  }
  return 0;
}

/* Which of the two rules richcheck_rules declares: bit 1 email, 2 name. */
static int declaredRules(Worker *w, int *pMask) {
  char z[32];
  int rc = run(w,
               "SELECT count(*) FROM sqlite_schema WHERE name = "
               "'richcheck_rules'",
               z, sizeof(z));
  *pMask = 0;
  if (rc != SQLITE_DONE || strcmp(z, "0") == 0) return rc; /* none yet */
  rc = run(w,
           "SELECT (SELECT count(*) FROM richcheck_rules WHERE col = "
           "'email') + 2 * (SELECT count(*) FROM richcheck_rules WHERE "
           "col = 'name')",
           z, sizeof(z));
  if (rc != SQLITE_DONE) return rc;
  *pMask = atoi(z);
  return SQLITE_DONE;
}

/*
** An insert in autocommit: SQLITE_DONE, busy, or the code its bad value
** earns (0 for a good row: none).
*/
static int insertAuto(Worker *w, const char *zSql, int codeBad) {
  int rc = run(w, zSql, 0, 0);
  w->nInsert++;
  if (rc == SQLITE_DONE) return 1;
  if (isBusy(rc)) {
    w->nBusy++;
    return 1;
  }
  if (codeBad && rc == codeBad) return 1;
  return fail(w, "%s: failed with %d (%s)", zSql, rc, sqlite3_errmsg(w->db));
}

/*
** In one write transaction: the declared rules, then a bad row of each kind
** refused exactly when its rule is declared; rolled back.
*/
static int insertChecked(Worker *w, int n) {
  char z[300];
  int mask = 0, rc = run(w, "BEGIN IMMEDIATE", 0, 0);
  if (isBusy(rc)) {
    w->nBusy++;
    return 1;
  }
  if (rc != SQLITE_DONE) {
    return fail(w, "BEGIN IMMEDIATE: %d %s", rc, sqlite3_errmsg(w->db));
  }
  rc = declaredRules(w, &mask);
  if (rc != SQLITE_DONE) {
    fail(w, "reading richcheck_rules: %d %s", rc, sqlite3_errmsg(w->db));
    goto rollback;
  }
  snprintf(
      z, sizeof(z),
      "INSERT INTO t(email, name, bad) VALUES ('x%d@@example.com', 'n', 1)", n);
  rc = run(w, z, 0, 0);
  w->nInsert++;
  if (rc != (mask & 1 ? RICHCHECK_EMAIL : SQLITE_DONE)) {
    fail(w, "%s with the email rule %s: gave %d (%s)", z,
         mask & 1 ? "declared" : "not declared", rc,
         rc == SQLITE_DONE ? "no error" : sqlite3_errmsg(w->db));
    goto rollback;
  }
  snprintf(z, sizeof(z),
           "INSERT INTO t(email, name, bad) VALUES ('x%d@example.com', 'a name "
           "too long', 1)",
           n);
  rc = run(w, z, 0, 0);
  w->nInsert++;
  if (rc != (mask & 2 ? RICHCHECK_TOO_LONG : SQLITE_DONE)) {
    fail(w, "%s with the length rule %s: gave %d (%s)", z,
         mask & 2 ? "declared" : "not declared", rc,
         rc == SQLITE_DONE ? "no error" : sqlite3_errmsg(w->db));
  }
rollback:
  rc = run(w, "ROLLBACK", 0, 0);
  if (rc != SQLITE_DONE) fail(w, "ROLLBACK: %d", rc);
  return w->zErr[0] == 0;
}

static void *inserterMain(void *p) {
  Shared *s = (Shared *)p;
  Worker *w = &s->inserter;
  int bOpen = openDb(w), n;
  pthread_barrier_wait(&gLoad);
  if (!bOpen || !loadRichcheck(w)) goto out;
  if (!expectDone(w, "PRAGMA journal_mode = WAL") ||
      !expectDone(w, "CREATE TABLE t(id INTEGER PRIMARY KEY, email TEXT, "
                     "name TEXT, bad INTEGER NOT NULL DEFAULT 0)")) {
    goto out;
  }
out:
  pthread_barrier_wait(&gLoad);
  if (w->zErr[0]) return 0;
  for (n = 0; now() < w->deadline && !anyFailed(); n++) {
    char z[300];
    long nBusy = w->nBusy;
    snprintf(z, sizeof(z),
             "INSERT INTO t(email, name) VALUES ('u%d@example.com', 'n%d')", n,
             n % 1000);
    if (!insertAuto(w, z, 0)) return 0;
    if (w->nBusy == nBusy) s->nGood++;
    snprintf(z, sizeof(z),
             "INSERT INTO t(email, name, bad) VALUES ('b%d@@example.com', 'n', "
             "1)",
             n);
    if (!insertAuto(w, z, RICHCHECK_EMAIL)) return 0;
    snprintf(z, sizeof(z),
             "INSERT INTO t(email, name, bad) VALUES ('b%d@example.com', 'a "
             "name too long', 1)",
             n);
    if (!insertAuto(w, z, RICHCHECK_TOO_LONG)) return 0;
    if (!insertChecked(w, n)) return 0;
    w->nRound = n + 1;
    if (n % 16 == 15) {
      int rc = run(w, "DELETE FROM t WHERE bad = 1", 0, 0);
      if (rc != SQLITE_DONE && !isBusy(rc)) {
        fail(w, "DELETE: %d %s", rc, sqlite3_errmsg(w->db));
        return 0;
      }
    }
  }
  return 0;
}

/* After both: the good rows, no bad one, the rules back, all consistent. */
static int part2Final(Shared *s) {
  Worker *w = &s->inserter;
  char z[64];
  w->deadline = now(); /* schemaCall retries up to 10 s past it */
  if (!expectDone(w, "DELETE FROM t WHERE bad = 1") ||
      !schemaCall(w, "SELECT richcheck_add_rule('t', 'email', 'email')", 0) ||
      !schemaCall(w,
                  "SELECT richcheck_add_rule('t', 'name', 'length(1, 10)', "
                  "'check')",
                  0) ||
      !expectValue(w, "SELECT count(*) FROM richcheck_violations('t')", "0") ||
      !expectValue(w, "PRAGMA integrity_check", "ok")) {
    return 0;
  }
  snprintf(z, sizeof(z), "%ld", s->nGood);
  return expectValue(w, "SELECT count(*) FROM t", z) &&
         expectCode(w, "INSERT INTO t(email, name) VALUES ('a@@b.com', 'x')",
                    RICHCHECK_EMAIL) &&
         expectCode(w,
                    "INSERT INTO t(email, name) VALUES ('a@example.com', 'a "
                    "name too long')",
                    RICHCHECK_TOO_LONG);
}

/* ---- the program ----------------------------------------------------------
 */

static void removeDb(const char *zFile) {
  static const char *const azSuffix[] = {"", "-journal", "-wal", "-shm"};
  char z[4300];
  size_t i;
  for (i = 0; i < sizeof(azSuffix) / sizeof(azSuffix[0]); i++) {
    snprintf(z, sizeof(z), "%s%s", zFile, azSuffix[i]);
    if (unlink(z) != 0 && errno != ENOENT) perror(z);
  }
}

static void closeWorker(Worker *w) {
  if (w->db && sqlite3_close(w->db) != SQLITE_OK) {
    fail(w, "close: %s", sqlite3_errmsg(w->db));
  }
  w->db = 0;
}

int main(int argc, char **argv) {
  static Worker aW[N_WORKER];
  static Shared sh;
  const char *zTmp = getenv("TMPDIR");
  long nCheck = 0, nRule = 0, nInsert = 0, nBusy = 0;
  int i, nFail = 0, nMinRound = N_ROUND;
  double t0 = now();

  if (argc != 2) {
    fprintf(stderr, "usage: %s PATH/TO/richcheck.so\n", argv[0]);
    return 2;
  }
  gzSo = argv[1];
  snprintf(gzDir, sizeof(gzDir), "%s/richcheck-threads-XXXXXX",
           zTmp && zTmp[0] ? zTmp : "/tmp");
  if (mkdtemp(gzDir) == 0) {
    perror(gzDir);
    return 1;
  }

  /* part 1 */
  pthread_barrier_init(&gLoad, 0, N_WORKER);
  for (i = 0; i < N_WORKER; i++) {
    aW[i].id = i;
    aW[i].deadline = t0 + PART1_SECONDS;
    snprintf(aW[i].zFile, sizeof(aW[i].zFile), "%s/t%d.db", gzDir, i);
    if (pthread_create(&aW[i].thread, 0, part1Main, &aW[i]) != 0) {
      fprintf(stderr, "threads: pthread_create failed\n");
      return 1;
    }
  }
  for (i = 0; i < N_WORKER; i++)
    pthread_join(aW[i].thread, 0);
  pthread_barrier_destroy(&gLoad);

  /* part 2 */
  pthread_barrier_init(&gLoad, 0, 2);
  sh.changer.id = 100;
  sh.inserter.id = 101;
  sh.changer.deadline = sh.inserter.deadline = now() + PART2_SECONDS;
  snprintf(sh.changer.zFile, sizeof(sh.changer.zFile), "%s/shared.db", gzDir);
  snprintf(sh.inserter.zFile, sizeof(sh.inserter.zFile), "%s/shared.db", gzDir);
  if (pthread_create(&sh.changer.thread, 0, changerMain, &sh) != 0 ||
      pthread_create(&sh.inserter.thread, 0, inserterMain, &sh) != 0) {
    fprintf(stderr, "threads: pthread_create failed\n");
    return 1;
  }
  pthread_join(sh.changer.thread, 0);
  pthread_join(sh.inserter.thread, 0);
  pthread_barrier_destroy(&gLoad);
  if (!sh.changer.zErr[0] && !sh.inserter.zErr[0]) part2Final(&sh);

  for (i = 0; i < N_WORKER + 2; i++) {
    Worker *w = i < N_WORKER    ? &aW[i]
                : i == N_WORKER ? &sh.changer
                                : &sh.inserter;
    closeWorker(w);
    if (w->zErr[0]) {
      fprintf(stderr, "threads: thread %d: %s\n", w->id, w->zErr);
      nFail++;
    }
    nCheck += w->nCheck;
    nRule += w->nRule;
    nInsert += w->nInsert;
    nBusy += w->nBusy;
    if (i < N_WORKER) removeDb(w->zFile);
    if (i < N_WORKER && w->nRound < nMinRound) nMinRound = w->nRound;
  }
  removeDb(sh.changer.zFile);
  if (rmdir(gzDir) != 0) perror(gzDir);

  if (nFail) {
    printf("threads: %d of %d threads failed\n", nFail, N_WORKER + 2);
    return 1;
  }
  printf("threads: part 1: %d threads, %d rounds or more each; part 2: %d "
         "rule rounds, %d insert rounds, %ld busy retries; %.1f s\n",
         N_WORKER, nMinRound, sh.changer.nRound, sh.inserter.nRound, nBusy,
         now() - t0);
  printf("threads: %ld checks, %ld rule changes, %ld inserts; ok\n", nCheck,
         nRule, nInsert);
  return 0;
}
