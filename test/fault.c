/*
** fault.c - fault injection for richcheck (issue 13): make fault.
**
**     build/fault                 every scenario
**     build/fault oom|interrupt|timeout [NAME]
**
** Out of memory: SQLite's allocator is wrapped (SQLITE_CONFIG_MALLOC) so that
** its Nth call fails, and every scenario runs with N = 1, 2, ... until a run
** makes no Nth call.  Interrupts: a progress handler calls sqlite3_interrupt()
** at its Kth tick (or, for "timeout", returns 1 from its Kth tick on, as a
** statement timeout does), K = 1, 2, ... until a run ends before tick K.
**
** Each run must end one of the ways a user can rely on:
**   - a function of a family, the scanner or money_sum: the fault-free
**     result, or SQLITE_NOMEM / SQLITE_INTERRUPT;
**   - a schema function (add, drop, repair): success and exactly the schema
**     and richcheck_rules of the fault-free run, or failure and exactly the
**     state before the call (or, when the fault came after the call was
**     done, as the calling statement ended, exactly the state after it);
**     in autocommit mode no transaction left open;
**     inside the application's transaction either that transaction still
**     open with the state before the call, or (the error says so, or it is
**     out of memory) that transaction rolled back;
** and after every run PRAGMA integrity_check is ok and SQLite's memory
** comes back to what it was before the run (no leak).
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "richcheck.h"

/* ---- the failing allocator --------------------------------------------- */

static sqlite3_mem_methods gDefault;
static long gnCall;   /* allocations since the count was armed */
static long gnFailAt; /* the one that fails; 0: none */
static int gbFailed;  /* it was reached */

static int faultNow(void) {
  if (gnFailAt == 0) return 0;
  if (++gnCall != gnFailAt) return 0;
  gbFailed = 1;
  return 1;
}
static void *faultMalloc(int n) { return faultNow() ? 0 : gDefault.xMalloc(n); }
static void *faultRealloc(void *p, int n) {
  return faultNow() ? 0 : gDefault.xRealloc(p, n);
}

static void faultInstall(void) {
  sqlite3_mem_methods m;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &gDefault);
  m = gDefault;
  m.xMalloc = faultMalloc;
  m.xRealloc = faultRealloc;
  sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

static void faultArm(long n) {
  gnCall = 0;
  gnFailAt = n;
  gbFailed = 0;
}

/* ---- the interrupting progress handler ----------------------------------- */

static long gnTick, gnTickAt;
static int gbTimeout, gbTicked;
static int faultTick(void *p) {
  if (gnTickAt == 0 || ++gnTick < gnTickAt) return 0;
  if (gbTimeout) {
    gbTicked = 1;
    return 1;
  }
  if (gnTick == gnTickAt) {
    gbTicked = 1;
    sqlite3_interrupt((sqlite3 *)p);
  }
  return 0;
}

/* ---- helpers ----------------------------------------------------------------
 */

static int gnRuns, gnFail;

static void failf(const char *zScenario, long n, const char *zWhat,
                  const char *zDetail) {
  gnFail++;
  fprintf(stderr, "FAIL %s at %ld: %s%s%s\n", zScenario, n, zWhat,
          zDetail ? ": " : "", zDetail ? zDetail : "");
}

/* The rows of zSql as one text ("|" between columns, "\n" between rows),
** run with no fault; the caller frees it. */
static char *rows(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pOut = sqlite3_str_new(0);
  long nSaveFail = gnFailAt, nSaveTick = gnTickAt;
  int rc, i;
  gnFailAt = 0;
  gnTickAt = 0;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    for (i = 0; i < sqlite3_column_count(pStmt); i++) {
      const char *z = (const char *)sqlite3_column_text(pStmt, i);
      sqlite3_str_appendf(pOut, "%s%s", i ? "|" : "", z ? z : "NULL");
    }
    sqlite3_str_appendchar(pOut, 1, '\n');
  }
  if (rc != SQLITE_OK) {
    sqlite3_str_appendf(pOut, "error %d %s", rc, sqlite3_errmsg(db));
  } else if (sqlite3_finalize(pStmt) != SQLITE_OK) {
    sqlite3_str_appendf(pOut, "error %s", sqlite3_errmsg(db));
  } else {
    pStmt = 0;
  }
  sqlite3_finalize(pStmt);
  gnFailAt = nSaveFail;
  gnTickAt = nSaveTick;
  return sqlite3_str_finish(pOut);
}

/* What the schema functions change: the schema, the rules, the rows. */
static char *state(sqlite3 *db) {
  return rows(db,
              "SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
              "UNION ALL SELECT 'rule', id, tbl || '.' || col, spec || ' ' || "
              "kind || ' ' || enforced FROM main.richcheck_rules "
              "UNION ALL SELECT 'rows', (SELECT count(*) FROM t), (SELECT "
              "count(*) FROM other), NULL ORDER BY 1, 2");
}

static int same(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0;
}

static sqlite3 *openDb(const char *zSetup) {
  sqlite3 *db = 0;
  char *zErr = 0;
  long nSave = gnFailAt;
  gnFailAt = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_richcheck_init(db, &zErr, 0) != SQLITE_OK ||
      sqlite3_exec(db, zSetup, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "fault: setup failed: %s\n", zErr ? zErr : "?");
    exit(2);
  }
  sqlite3_extended_result_codes(db, 1);
  gnFailAt = nSave;
  return db;
}

/* ---- the scenarios ------------------------------------------------------- */

/* Setup of the schema scenarios: t with rows that keep the rules, other
** (the application's own writes), and rules of both kinds already there. */
static const char zSchemaSetup[] =
    "CREATE TABLE t(id INTEGER PRIMARY KEY, email TEXT, name TEXT, amount "
    "TEXT, g TEXT GENERATED ALWAYS AS (upper(name)) STORED);"
    "CREATE TABLE other(x);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
    "(SELECT value FROM rows_wanted)) INSERT INTO t(email, name, amount) "
    "SELECT 'user' || i || '@example.com', 'n' || i, i || '.25' FROM n;"
    "SELECT richcheck_add_rule('t', 'amount', 'money(USD, 0)');"
    "SELECT richcheck_add_rule('t', 'g', 'length(0, 9)', 'check');";

typedef struct Scenario Scenario;
struct Scenario {
  const char *zName;
  const char *zSetup; /* after zSchemaSetup, for schema scenarios */
  const char *zSql;   /* the call under faults */
  int bSchema;        /* a schema function: all or nothing */
};

static const Scenario aScenario[] = {
    /* the families: their result, or a clean failure */
    {"email", "",
     "SELECT email_valid('a@b.example'), email_valid('ü@bücher.de'), "
     "email_error('a@@b'), email_normalize('A@B.Example'), "
     "email_valid('x@[IPv6::1]', 'rfc, literal'), email_valid('a b@c', "
     "'html5'), email_check('ok@example.com', 'l')",
     0},
    {"length", "",
     "SELECT length_count(CAST(x'5a6fc3abf09f91a9' AS TEXT), 'graphemes'), "
     "length_valid('abc', 1, 5), length_check('abc', 1, 5, 'l', 'bytes'), "
     "length_count(x'ff', 'bytes')",
     0},
    {"money", "",
     "SELECT money_canon('12.3 USD'), money_minor('1.005', 'BHD'), "
     "money_valid(12.25, 'USD'), money_scale('JPY'), money_check('5', "
     "'EUR', 'l', 0, 10), money_format('1234.5', 'EUR', 'de_DE'), "
     "money_parse('1.234,50 €', 'EUR', 'de_DE')",
     0},
    {"money_sum", "",
     "WITH v(x) AS (VALUES ('1.10'), ('2.20'), ('3.30'), ('4.40')) SELECT "
     "money_sum(x, 'USD'), (SELECT group_concat(s, ' ') FROM (SELECT "
     "money_sum(x, 'USD') OVER (ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
     "AS s FROM v)) FROM v",
     0},
    {"richcheck", "",
     "SELECT richcheck('a@example.com', 'email; length(1, 64)', 'l'), "
     "richcheck_error('x', 'email; length(2, 3)'), richcheck_code('12.345', "
     "'money(USD)'), richcheck_valid('abc', 'length(0, 2)')",
     0},
    {"datetime", "",
     "SELECT date_valid('2024-02-29'), date_error('2023-02-29'), "
     "time_check('23:59:60Z', 'leap', 'l'), datetime_valid('2024-01-01 "
     "00:00:00', 'offset'), datetime_check('2024-02-29T10:00:00.123+05:30', "
     "'offset, fraction=3', 'l')",
     0},
    {"number", "",
     "SELECT number_valid('9007199254740993', 0, 9007199254740992), "
     "number_error(0.1 + 0.2, 0, '0.3'), number_check(12.5, 0, 100, "
     "'scale=2', 'l'), number_check('1e3', NULL, '1000', 'integer', 'l')",
     0},
    {"uuid", "",
     "SELECT uuid_valid('c232ab00-9414-11ec-b3c8-9e6bdeced846'), "
     "uuid_error('{c232ab00-9414-11ec-b3c8-9e6bdeced846}'), "
     "uuid_check('C232AB00-9414-41EC-B3C8-9E6BDECED846', 'upper, 4', 'l'), "
     "uuid_canon('urn:uuid:c232ab00-9414-11ec-b3c8-9e6bdeced846', 'urn')",
     0},
    {"assert", "",
     "SELECT richcheck_assert(1 < 2, 'l', 'm', 'bound'), "
     "richcheck_assert(NULL, 'l', 'm'), richcheck_assert('1e3', NULL, 'm')",
     0},
    {"pattern", "",
     "SELECT pattern_valid('abc', '[a-z]+'), pattern_error('ABC', '[a-z]+', "
     "'search'), pattern_check('x1', '\\w+', 'caseless', 'l'), "
     "richcheck('ab', 'pattern(''a.'')'), pattern_valid('Zo\xc3\xab', "
     "'\\p{L}+')",
     0},
    {"codes", "",
     "SELECT group_concat(name || sqlstate, ',') FROM richcheck_codes", 0},
    {"scanner",
     "UPDATE t SET email = 'bad' WHERE id % 50 = 0;"
     "SELECT richcheck_add_rule('t', 'email', 'email', 'not valid');",
     "SELECT group_concat(rowid || ':' || code, ',') FROM "
     "richcheck_violations('t')",
     0},
    /* the schema functions: all or nothing */
    {"add_trigger", "", "SELECT richcheck_add_rule('t', 'email', 'email')", 1},
    {"add_check", "",
     "SELECT richcheck_add_rule('t', 'name', 'length(1, 10)', 'check')", 1},
    {"add_generated", "",
     "SELECT richcheck_add_rule('t', 'g', 'length(1, 12)')", 1},
    {"to_check", "",
     "SELECT richcheck_add_rule('t', 'amount', 'money(USD, 0)', 'check')", 1},
    {"to_trigger", "", "SELECT richcheck_add_rule('t', 'g', 'length(0, 9)')",
     1},
    {"drop_trigger", "", "SELECT richcheck_drop_rule('t', 'amount')", 1},
    {"drop_check", "", "SELECT richcheck_drop_rule('t', 'g')", 1},
    {"rows_refuse", "UPDATE t SET name = 'n1234567' WHERE id = 7;",
     "SELECT richcheck_add_rule('t', 'name', 'length(1, 5)')", 1},
    {"renamed", "ALTER TABLE t RENAME COLUMN amount TO price;",
     "SELECT richcheck_add_rule('t', 'email', 'email')", 1},
    {"repair",
     "CREATE TABLE t2(id INTEGER PRIMARY KEY, email TEXT, name TEXT, amount "
     "TEXT, g TEXT GENERATED ALWAYS AS (upper(name)) STORED);"
     "INSERT INTO t2(id, email, name, amount) SELECT id, email, name, amount "
     "FROM t; DROP TABLE t; ALTER TABLE t2 RENAME TO t;",
     "SELECT richcheck_repair_rules()", 1},
    {"add_pattern", "",
     "SELECT richcheck_add_rule('t', 'name', 'pattern(''n[0-9]+'')', "
     "'check')",
     1},
    /* any CHECK on an existing table (constraint.c) */
    {"add_constraint", "",
     "SELECT richcheck_add_constraint('t', 'name_known', 'name IS NOT NULL "
     "AND length_valid(name, 1, 10)')",
     1},
    {"constraint_refuse", "UPDATE t SET email = 'bad' WHERE id % 50 = 0;",
     "SELECT richcheck_add_constraint('t', 'email_ok', 'email_check(email)')",
     1},
    {"constraint_not_valid", "UPDATE t SET email = 'bad' WHERE id % 50 = 0;",
     "SELECT richcheck_add_constraint('t', 'email_ok', 'email_valid(email)', "
     "'not valid')",
     1},
    {"drop_constraint",
     "SELECT richcheck_add_constraint('t', 'id_pos', 'id > 0');",
     "SELECT richcheck_drop_constraint('t', 'id_pos')", 1},
    {"constraint_scan",
     "UPDATE t SET email = 'bad' WHERE id % 50 = 0;"
     "SELECT richcheck_add_constraint('t', 'email_ok', 'email_check(email)', "
     "'not valid');",
     "SELECT group_concat(rowid || ':' || code, ',') FROM "
     "richcheck_violations('t', 'email_ok')",
     0},
};

/* The scenario's database, inside the application's transaction (which has
** written a row of other) when bTxn. */
static int gnRows = 300; /* rows of t: more for the interrupts */
#define RC_TICKS 300

static int countStep(void *p) {
  ++*(long *)p;
  return 0;
}

/* The image of the scenario's database after its setup, made once per
** scenario and mode (sqlite3_serialize), so that each run starts from it
** at once instead of running the setup again. */
static unsigned char *gaImage;
static sqlite3_int64 gnImage;
static const Scenario *gpImageOf;
static int gnImageRows;

static sqlite3 *setupDb(const Scenario *s, int bTxn) {
  sqlite3 *db;
  unsigned char *aCopy;
  long nSave = gnFailAt;
  if (gpImageOf != s || gnImageRows != gnRows) {
    char *zSetup = sqlite3_mprintf(
        "CREATE TEMP TABLE rows_wanted(value); INSERT INTO rows_wanted "
        "VALUES (%d); %s%s DROP TABLE temp.rows_wanted;",
        gnRows, s->bSchema || s->zSetup[0] ? zSchemaSetup : "", s->zSetup);
    db = openDb(zSetup);
    sqlite3_free(zSetup);
    free(gaImage);
    gaImage = 0;
    {
      /* (an empty database has no image: 0 bytes) */
      unsigned char *a = sqlite3_serialize(db, "main", &gnImage, 0);
      if (a == 0) gnImage = 0;
      gaImage = (unsigned char *)malloc((size_t)gnImage + 1);
      if (gaImage == 0) abort();
      if (a) memcpy(gaImage, a, (size_t)gnImage);
      sqlite3_free(a);
    }
    sqlite3_close(db);
    gpImageOf = s;
    gnImageRows = gnRows;
  }
  gnFailAt = 0;
  db = openDb("");
  if (gnImage > 0) {
    aCopy = (unsigned char *)sqlite3_malloc64((sqlite3_uint64)gnImage);
    if (aCopy == 0) abort();
    memcpy(aCopy, gaImage, (size_t)gnImage);
    if (sqlite3_deserialize(db, "main", aCopy, gnImage, gnImage,
                            SQLITE_DESERIALIZE_FREEONCLOSE |
                                SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
      abort();
    }
  }
  if (bTxn) sqlite3_exec(db, "BEGIN; INSERT INTO other VALUES (1)", 0, 0, 0);
  gnFailAt = nSave;
  return db;
}

/* Appends z to the text *pz (malloc(), not SQLite's allocator: the
** harness's own memory never fails). */
static void append(char **pz, const char *z) {
  size_t n = *pz ? strlen(*pz) : 0, m = strlen(z);
  char *zNew = (char *)realloc(*pz, n + m + 1);
  if (zNew == 0) abort();
  memcpy(zNew + n, z, m + 1);
  *pz = zNew;
}

/* Runs zSql: its extended result code, and its rows as text in *pzOut
** (free() it). */
static int runSql(sqlite3 *db, const char *zSql, char **pzOut) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0), i;
  *pzOut = 0;
  append(pzOut, "");
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (i = 0; i < sqlite3_column_count(pStmt); i++) {
      /* integers read as such: turning one into text could fail, after
      ** the call under test succeeded */
      int eType = sqlite3_column_type(pStmt, i);
      char zNum[32];
      const char *z = zNum;
      if (eType == SQLITE_INTEGER) {
        snprintf(zNum, sizeof(zNum), "%lld",
                 (long long)sqlite3_column_int64(pStmt, i));
      } else if (eType == SQLITE_NULL) {
        z = "NULL";
      } else {
        z = (const char *)sqlite3_column_text(pStmt, i);
      }
      if (z == 0) {
        rc = SQLITE_NOMEM; /* the text could not be made */
        break;
      }
      if (i) append(pzOut, "|");
      append(pzOut, z);
    }
    if (rc != SQLITE_ROW) break;
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (sqlite3_finalize(pStmt) != SQLITE_OK || rc != SQLITE_OK) {
    rc = sqlite3_extended_errcode(db);
    if (rc == SQLITE_OK) rc = SQLITE_NOMEM;
  }
  return rc;
}

/* What a run must give: the fault-free result, and the states. */
typedef struct Expect Expect;
struct Expect {
  char *zOut;    /* the fault-free result */
  char *zPre;    /* the state before the application's BEGIN */
  char *zBefore; /* before the call */
  char *zAfter;  /* after the fault-free call */
  int rc;        /* how the fault-free call ended */
  int nTick;     /* the progress handler's period for the interrupts: about
                 ** RC_TICKS runs over the call, wherever its steps go */
};

static void expectRun(const Scenario *s, int bTxn, Expect *e) {
  sqlite3 *db = setupDb(s, 0);
  int rc;
  memset(e, 0, sizeof(*e));
  if (s->bSchema) e->zPre = state(db);
  sqlite3_close(db);
  db = setupDb(s, bTxn);
  if (s->bSchema) e->zBefore = state(db);
  {
    long nStep = 0;
    sqlite3_progress_handler(db, 1, countStep, &nStep);
    e->rc = rc = runSql(db, s->zSql, &e->zOut);
    sqlite3_progress_handler(db, 0, 0, 0);
    e->nTick = nStep / RC_TICKS > 1 ? (int)(nStep / RC_TICKS) : 1;
  }
  if (s->bSchema) e->zAfter = state(db);
  if (rc != SQLITE_OK && strstr(s->zName, "refuse") == 0) {
    failf(s->zName, 0, "fault-free run", sqlite3_errmsg(db));
  }
  sqlite3_close(db);
}

static void expectFree(Expect *e) {
  free(e->zOut);
  sqlite3_free(e->zPre);
  sqlite3_free(e->zBefore);
  sqlite3_free(e->zAfter);
}

/* Checks how a failed or successful schema call left db (rc its outcome). */
static void checkSchemaRun(sqlite3 *db, const char *zName, long n, int rc,
                           const char *zOut, int bTxn, const Expect *e) {
  int bAuto = sqlite3_get_autocommit(db);
  char *zState = state(db);
  const char *zMsg = sqlite3_errmsg(db);
  if (rc == SQLITE_OK && e->rc != SQLITE_OK) {
    failf(zName, n, "success where the fault-free call fails", zOut);
  } else if (rc == SQLITE_OK) {
    if (!same(zOut, e->zOut)) failf(zName, n, "success, another result", zOut);
    if (!same(zState, e->zAfter)) {
      failf(zName, n, "success reported, but the change is not all there",
            zState);
    }
  } else if (!bTxn) {
    /* (all of the change is there too when the call was done and the
    ** calling statement failed after it returned: SQLite interrupts the
    ** statement at its next step) */
    if (!bAuto) failf(zName, n, "failed and left a transaction open", zMsg);
    if (!same(zState, e->zBefore) && !same(zState, e->zAfter)) {
      failf(zName, n, "failed and part of the change stayed", zState);
    }
  } else if (!bAuto) {
    if (!same(zState, e->zBefore) && !same(zState, e->zAfter)) {
      failf(zName, n, "failed, the transaction holds part of the change",
            zState);
    }
  } else {
    /* the application's transaction was rolled back: said, or NOMEM */
    if ((rc & 0xff) != SQLITE_NOMEM && strstr(zMsg, "rolled back") == 0 &&
        (rc & 0xff) != SQLITE_INTERRUPT) {
      failf(zName, n, "the transaction ended, and the error does not say",
            zMsg);
    }
    if (!same(zState, e->zPre)) {
      failf(zName, n, "the transaction ended, part of the change stayed",
            zState);
    }
  }
  sqlite3_free(zState);
}

/* Runs scenario s once with the fault at n; 1 while the fault was reached
** (so n + 1 is worth a run). */
static int runOnce(const Scenario *s, const char *zMode, long n, int bTxn,
                   const Expect *e) {
  sqlite3_int64 nMem = sqlite3_memory_used();
  sqlite3 *db = setupDb(s, bTxn);
  char *zOut = 0, *zCheck, zName[80];
  int rc, bReached, bTick = zMode[0] != 'o';
  snprintf(zName, sizeof(zName), "%s %s%s", zMode, s->zName,
           bTxn ? " (in a transaction)" : "");
  if (bTick) {
    gnTick = 0;
    gnTickAt = n;
    gbTicked = 0;
    gbTimeout = zMode[0] == 't';
    sqlite3_progress_handler(db, e->nTick, faultTick, db);
  } else {
    faultArm(n);
  }
  rc = runSql(db, s->zSql, &zOut);
  bReached = bTick ? gbTicked : gbFailed;
  gnFailAt = 0;
  gnTickAt = 0;
  sqlite3_progress_handler(db, 0, 0, 0);
  gnRuns++;
  if (!s->bSchema) {
    if (rc == SQLITE_OK && !same(zOut, e->zOut)) {
      char *zBoth = sqlite3_mprintf("%s, not %s", zOut, e->zOut);
      failf(zName, n, "a result that is not the fault-free one", zBoth);
      sqlite3_free(zBoth);
    } else if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOMEM &&
               (rc & 0xff) != SQLITE_INTERRUPT) {
      failf(zName, n, "an error that is not SQLITE_NOMEM or INTERRUPT",
            sqlite3_errmsg(db));
    }
  } else {
    checkSchemaRun(db, zName, n, rc, zOut, bTxn, e);
    /* and the failure is told with its cause's code */
    if (rc != SQLITE_OK && rc != e->rc &&
        (rc & 0xff) != (bTick ? SQLITE_INTERRUPT : SQLITE_NOMEM)) {
      failf(zName, n, "failed with another code than the fault's",
            sqlite3_errmsg(db));
    }
  }
  if (bTxn && !sqlite3_get_autocommit(db) &&
      sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
    failf(zName, n, "COMMIT failed", sqlite3_errmsg(db));
  }
  /* (the file's structure: rows that break a constraint added 'not valid'
  ** are what that option allows) */
  sqlite3_exec(db, "PRAGMA ignore_check_constraints = 1", 0, 0, 0);
  zCheck = rows(db, "PRAGMA integrity_check");
  if (!same(zCheck, "ok\n")) failf(zName, n, "integrity_check", zCheck);
  sqlite3_free(zCheck);
  free(zOut);
  sqlite3_close(db);
  if (sqlite3_memory_used() != nMem) {
    char z[64];
    snprintf(z, sizeof(z), "%lld bytes",
             (long long)(sqlite3_memory_used() - nMem));
    failf(zName, n, "memory not given back", z);
  }
  return bReached;
}

static void runScenario(const Scenario *s, const char *zMode, int bTxn) {
  Expect e;
  long n;
  int nRuns = gnRuns, nFail = gnFail;
  expectRun(s, bTxn, &e);
  for (n = 1; runOnce(s, zMode, n, bTxn, &e); n++) {
    if (gnFail - nFail > 5) break; /* enough to go on */
  }
  printf("fault: %-9s %-14s%s %5d runs, %d failed", zMode, s->zName,
         bTxn ? " (txn)" : "      ", gnRuns - nRuns, gnFail - nFail);
  if (zMode[0] != 'o') printf(" (a tick every %d steps)", e.nTick);
  printf("\n");
  fflush(stdout);
  expectFree(&e);
}

int main(int argc, char **argv) {
  static const char *const azMode[] = {"oom", "interrupt", "timeout"};
  const char *zOnlyMode = argc > 1 ? argv[1] : 0;
  const char *zOnly = argc > 2 ? argv[2] : 0;
  size_t i, m;
  faultInstall();
  sqlite3_initialize();
  for (m = 0; m < 3; m++) {
    if (zOnlyMode && strcmp(zOnlyMode, azMode[m]) != 0) continue;
    gnRows = m == 0 ? 30 : 3000;
    for (i = 0; i < sizeof(aScenario) / sizeof(aScenario[0]); i++) {
      const Scenario *s = &aScenario[i];
      if (zOnly && strcmp(zOnly, s->zName) != 0) continue;
      if (m > 0 && !s->bSchema && strcmp(s->zName, "scanner") != 0) continue;
      runScenario(s, azMode[m], 0);
      if (s->bSchema) runScenario(s, azMode[m], 1);
    }
  }
  printf("fault: %d runs, %d failed\n", gnRuns, gnFail);
  return gnFail > 0;
}
