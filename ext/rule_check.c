/*
** rule_check.c - rules of the kind 'check': a table's definition rewritten
** to hold, or no longer hold, CONSTRAINT "richcheck_<id>" CHECK (...).
**
**     SELECT richcheck_add_rule('users', 'email', 'email', 'check');
**     -- CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT
**     -- , CONSTRAINT "richcheck_1" CHECK (richcheck("email", 'email',
**     --   'users.email'))
**     -- )
**
** The constraint has a line of its own, as SQLAlchemy's reflection of
** CHECK constraints expects (one a line), so Alembic's batch copies keep
** it.
**
** SQLite 3.40 has no ALTER TABLE ... ADD CONSTRAINT; its documentation
** describes changing a definition in place when the stored rows stay valid:
** sqlite_schema edited under writable_schema and the schema version raised.
** The definition comes from the database file, which may come from anyone,
** so nothing of it is run but as the one CREATE TABLE statement it must be:
** on a scratch in-memory database that can create that table and nothing
** else (an authorizer refuses every other action: no ATTACH, no SELECT, no
** PRAGMA; no more than one statement; a bounded number of steps), and only
** when it keeps the table's columns as they are is it written.
*/
#include "rule_schema.h"
#include "tabledef.h"

#include <string.h>

/* The columns of table zTable of main as one text, to compare. */
#define RC_COLUMNS_SIGNATURE                                                   \
  "SELECT group_concat(cid || '|' || name || '|' || type || '|' || "           \
  "\"notnull\" || '|' || quote(dflt_value) || '|' || pk || '|' || hidden, "    \
  "';') FROM pragma_table_xinfo(?1, 'main')"

/* How many virtual machine steps the scratch CREATE TABLE may take. */
#define RC_SCRATCH_STEPS 100000

/* What the scratch database lets the definition do: create its table (and
** the indexes of its own UNIQUE and PRIMARY KEY, the sqlite_sequence of
** AUTOINCREMENT), write that into its schema, name functions and its own
** columns. */
static int rcScratchAuth(void *pArg, int eAction, const char *z1,
                         const char *z2, const char *zDb, const char *zWhere) {
  const char *zTable = (const char *)pArg;
  (void)zWhere;
  if (zDb && strcmp(zDb, "main") != 0) return SQLITE_DENY;
  switch (eAction) {
  case SQLITE_CREATE_TABLE: /* (and sqlite_sequence, for AUTOINCREMENT) */
    return z1 && (sqlite3_stricmp(z1, zTable) == 0 ||
                  strcmp(z1, "sqlite_sequence") == 0)
               ? SQLITE_OK
               : SQLITE_DENY;
  case SQLITE_CREATE_INDEX: /* its own, for a UNIQUE or PRIMARY KEY */
    return z2 && sqlite3_stricmp(z2, zTable) == 0 ? SQLITE_OK : SQLITE_DENY;
  case SQLITE_INSERT:
  case SQLITE_UPDATE:
    return z1 && strcmp(z1, "sqlite_master") == 0 ? SQLITE_OK : SQLITE_DENY;
  case SQLITE_READ:
    return z1 && (strcmp(z1, "sqlite_master") == 0 ||
                  sqlite3_stricmp(z1, zTable) == 0)
               ? SQLITE_OK
               : SQLITE_DENY;
  case SQLITE_FUNCTION: return SQLITE_OK; /* named, never run: CREATE TABLE */
  default: return SQLITE_DENY;
  }
}

static int rcScratchProgress(void *pArg) {
  int *pn = (int *)pArg;
  return ++*pn > RC_SCRATCH_STEPS / 100;
}

/* A scratch in-memory database with richcheck's functions (which a CHECK
** must name), that can attach nothing and load nothing. */
int rcScratchOpen(sqlite3 **pp) {
  int rc = sqlite3_open_v2(
      ":memory:", pp,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE, 0);
  sqlite3 *db = *pp;
  if (rc != SQLITE_OK) return rc;
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, 0);
  /* (trusted: a CHECK with json_valid() is one SQLite takes from a schema;
  ** nothing runs here, the authorizer sees to what is named) */
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, 0);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, 0);
#ifdef SQLITE_CORE
  return sqlite3_richcheck_init(db, 0, 0);
#else
  return sqlite3_richcheck_init(db, 0, sqlite3_api);
#endif
}

/*
** Runs zSql on scratch database db as the one CREATE TABLE statement of
** table zTable it must be: SQLITE_OK, or an error (with its message in db,
** or *pzWhy when the text is not that statement).
*/
int rcScratchCreate(sqlite3 *db, const char *zTable, const char *zSql,
                    const char **pzWhy) {
  sqlite3_stmt *pStmt = 0;
  const char *zTail = 0;
  int n = (int)strlen(zSql), nTick = 0, rc;
  RcTok tok;
  *pzWhy = 0;
  if (rcSqlMatch(zSql, n, 0, "CREATE TABLE %i (", &tok, 1) < 0 ||
      !rcTableDefIdentIs(zSql + tok.i, tok.n, zTable, 1)) {
    *pzWhy = "it is not a CREATE TABLE statement of that table";
    return SQLITE_ERROR;
  }
  sqlite3_set_authorizer(db, rcScratchAuth, (void *)zTable);
  /* (without a progress handler, the statement's work is bounded by its
  ** length alone: a CREATE TABLE on an empty database reads no rows) */
  if (RC_HAS_API(progress_handler)) {
    sqlite3_progress_handler(db, 100, rcScratchProgress, &nTick);
  }
  rc = sqlite3_prepare_v2(db, zSql, n, &pStmt, &zTail);
  if (rc == SQLITE_OK &&
      (pStmt == 0 ||
       rcSqlMatch(zTail, (int)(zSql + n - zTail), 0, "$", 0, 0) < 0)) {
    *pzWhy = "it is more than one statement";
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  sqlite3_set_authorizer(db, 0, 0);
  if (RC_HAS_API(progress_handler)) sqlite3_progress_handler(db, 0, 0, 0);
  return rc;
}

/*
** Whether zSql, the new definition of table zTable, is one SQLite takes and
** that keeps the table's columns as they are, tried on a scratch database
** before the real schema is touched: 1.  Else fails p and returns 0, or
** with bQuiet returns -1 and fails nothing (out of memory always fails).
*/
int rcCheckTry(RcOp *p, const char *zTable, const char *zSql, int bQuiet) {
  sqlite3 *pScratch = 0;
  const char *zWhy = 0;
  char *zWas, *zNow = 0;
  int rc, ok = 0;
  zWas = rcOpQueryText(p, sqlite3_mprintf("%s", RC_COLUMNS_SIGNATURE), zTable);
  if (zWas == 0) return 0;
  rc = rcScratchOpen(&pScratch);
  if (rc == SQLITE_OK) rc = rcScratchCreate(pScratch, zTable, zSql, &zWhy);
  if (rc == SQLITE_OK) {
    sqlite3_stmt *pStmt = 0;
    int rc2;
    rc = sqlite3_prepare_v2(pScratch, RC_COLUMNS_SIGNATURE, -1, &pStmt, 0);
    if (rc == SQLITE_OK) {
      rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
      if (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
        const char *z = (const char *)sqlite3_column_text(pStmt, 0);
        zNow = z ? sqlite3_mprintf("%s", z) : 0;
        if (zNow == 0) rc = SQLITE_NOMEM;
      }
      rc2 = sqlite3_finalize(pStmt);
      if (rc == SQLITE_OK) rc = rc2;
    }
  }
  if (rc == SQLITE_NOMEM ||
      (pScratch && sqlite3_errcode(pScratch) == SQLITE_NOMEM)) {
    rcOpFail(p, SQLITE_NOMEM, 0);
  } else if (rc == SQLITE_OK && zNow && strcmp(zWas, zNow) == 0) {
    ok = 1;
  } else if (bQuiet) {
    ok = -1; /* the caller goes on without it */
  } else {
    rcOpFail(p, SQLITE_ERROR,
             "the definition of \"%w\" could not be rewritten (%s); nothing "
             "was changed%s",
             zTable,
             zWhy                          ? zWhy
             : rc != SQLITE_OK && pScratch ? sqlite3_errmsg(pScratch)
                                           : "its columns would change",
             strcmp(p->zFunc, "richcheck_add_rule") == 0
                 ? "; declare the rule without 'check'"
                 : "");
  }
  sqlite3_close(pScratch);
  sqlite3_free(zWas);
  sqlite3_free(zNow);
  return ok;
}

/*
** Writes zSql as the definition of table zTable, as SQLite's documentation
** says a table's definition may be changed in place: sqlite_schema edited
** under writable_schema (on for the whole call: rcOpBegin), the schema
** version raised by one (every connection, this one too, reads the schema
** anew).  Inside p's savepoint: a failure undoes it.  Switching
** writable_schema expires every statement of the connection: one still
** running is ended with SQLITE_ABORT_ROLLBACK when it next opens a table
** (rcCheckAllowed refuses to run beside another statement; the caller's own
** must not read on).
*/
int rcCheckWrite(RcOp *p, const char *zTable, const char *zSql) {
  sqlite3 *db = p->db;
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 iVersion = -1;
  int rc;
  if (!p->bWritable) {
    return rcOpFail(p, SQLITE_ERROR, "writable_schema is not on (a bug)");
  }
  rc = sqlite3_prepare_v2(db,
                          "UPDATE main.sqlite_schema SET sql = ?1 WHERE type = "
                          "'table' AND name = ?2",
                          -1, &pStmt, 0);
  /* (a bind can fail: a definition longer than SQLITE_LIMIT_LENGTH must
  ** not be written as NULL, which would lose the table) */
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 1, zSql, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 2, zTable, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(pStmt);
    if (rc == SQLITE_DONE && sqlite3_changes(db) != 1) {
      rcOpFail(p, SQLITE_ERROR, "the definition of \"%w\" is gone", zTable);
    } else if (rc != SQLITE_DONE) {
      rcOpFailDb(p, rc);
    }
  } else {
    rcOpFailDb(p, rc);
  }
  sqlite3_finalize(pStmt);
  if (p->rc == SQLITE_OK) {
    iVersion =
        rcOpQueryInt(p, sqlite3_mprintf("PRAGMA main.schema_version"), 0);
  }
  /* The schema_version pragma leaves this connection's idea of the version
  ** one behind the file's: its next statement reads the schema anew. */
  if (iVersion >= 0) {
    rcOpExec(
        p, sqlite3_mprintf("PRAGMA main.schema_version = %lld", iVersion + 1));
  }
  return p->rc == SQLITE_OK;
}

/* How many statements of db are running (stepped, not yet reset). */
static int rcBusyStatements(sqlite3 *db) {
  sqlite3_stmt *p = 0;
  int n = 0;
  while ((p = sqlite3_next_stmt(db, p)) != 0)
    n += sqlite3_stmt_busy(p) != 0;
  return n;
}

int rcCheckBlocker(sqlite3 *db) {
  int bDefensive = 0;
  if (!RC_HAS_API(set_authorizer)) return 3; /* no scratch try is safe */
  if (rcBusyStatements(db) > 1) return 1;
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &bDefensive);
  return bDefensive ? 2 : 0;
}

int rcCheckAllowed(RcOp *p, int bToCheck) {
  int eBlocker = rcCheckBlocker(p->db);
  /* what to do instead: declare it as triggers, or do it elsewhere */
  const char *zVerb = strcmp(p->zFunc, "richcheck_drop_rule") == 0 ? "drop"
                      : bToCheck                                   ? 0
                      : strcmp(p->zFunc, "richcheck_repair_rules") == 0
                          ? "repair"
                          : "convert";
  if (eBlocker == 1) {
    return rcOpFail(
        p, SQLITE_ERROR,
        "a rule of the kind 'check' rewrites the table's definition, which "
        "ends the other statements running on this connection; finish or "
        "reset them first%s",
        zVerb ? "" : ", or declare the rule without 'check' (triggers)");
  }
  if (eBlocker == 3) {
    return rcOpFail(p, SQLITE_ERROR,
                    "a rule of the kind 'check' is tried on a scratch "
                    "database under an authorizer first, and this SQLite was "
                    "built without one (SQLITE_OMIT_AUTHORIZATION)%s",
                    zVerb ? ""
                          : ": declare the rule without 'check' (triggers)");
  }
  if (eBlocker == 2) {
    return rcOpFail(p, SQLITE_ERROR,
                    "a rule of the kind 'check' is written into the table's "
                    "definition, which this connection forbids "
                    "(SQLITE_DBCONFIG_DEFENSIVE); %s%s",
                    zVerb ? zVerb
                          : "declare the rule without 'check' "
                            "(triggers)",
                    zVerb ? " it from a connection that allows it" : "");
  }
  return 1;
}

int rcCheckNamed(RcOp *p, sqlite3_int64 id, const char *zTable) {
  char zName[40], *zSql;
  int n, iStart, iEnd, iArg, bFound;
  zSql = rcOpQueryText(p,
                       sqlite3_mprintf("SELECT sql FROM main.sqlite_schema "
                                       "WHERE type = 'table' AND name = ?1"),
                       zTable);
  if (zSql == 0) return 0;
  sqlite3_snprintf((int)sizeof(zName), zName, "richcheck_%lld", id);
  n = (int)strlen(zSql);
  bFound = rcTableDefFind(zSql, n, zName, &iStart, &iEnd, &iArg);
  sqlite3_free(zSql);
  return bFound;
}

int rcCheckEdit(RcOp *p, sqlite3_int64 id, const char *zTable,
                const char *zColumn, const char *zSpec, int bNew, int bQuiet) {
  char zName[40], *zSql, *zNew = 0;
  int bFound, n, iStart, iEnd, iArg, ok;
  if (!rcCheckAllowed(p, zColumn != 0)) return 0;
  zSql = rcOpQueryText(p,
                       sqlite3_mprintf("SELECT sql FROM main.sqlite_schema "
                                       "WHERE type = 'table' AND name = ?1"),
                       zTable);
  if (zSql == 0) {
    return p->rc == SQLITE_OK ? rcOpFail(p, SQLITE_ERROR, "the table is gone")
                              : 0;
  }
  sqlite3_snprintf((int)sizeof(zName), zName, "richcheck_%lld", id);
  n = (int)strlen(zSql);
  bFound = rcTableDefFind(zSql, n, zName, &iStart, &iEnd, &iArg);
  if (bFound && bNew) {
    sqlite3_free(zSql);
    return rcOpFail(p, SQLITE_ERROR,
                    "table \"%w\" already has a constraint named \"%s\"; "
                    "nothing was changed",
                    zTable, zName);
  }
  if (bFound) {
    rcTableDefCut(zSql, n, &iStart, &iEnd);
    memmove(zSql + iStart, zSql + iEnd, (size_t)(n - iEnd) + 1);
    n -= iEnd - iStart;
  } else if (zColumn == 0) {
    sqlite3_free(zSql);
    return 1; /* nothing to take away */
  }
  if (zColumn) {
    RcTableDefPlace at;
    if (!rcTableDefPlace(zSql, n, &at)) {
      sqlite3_free(zSql);
      return bQuiet ||
             rcOpFail(p, SQLITE_ERROR,
                      "the definition of \"%w\" has no column list", zTable);
    }
    zNew = sqlite3_mprintf(
        "%.*s%s%.*sCONSTRAINT \"%s\" CHECK (richcheck(\"%w\", %Q, '%q.%q'))"
        "%s%s",
        at.iAt, zSql, at.zLead, at.nIndent, at.zIndent, zName, zColumn, zSpec,
        zTable, zColumn, at.zTail, zSql + at.iAt);
  } else {
    zNew = sqlite3_mprintf("%s", zSql);
  }
  sqlite3_free(zSql);
  if (zNew == 0) return rcOpFail(p, SQLITE_NOMEM, 0);
  ok = rcCheckTry(p, zTable, zNew, bQuiet);
  ok = ok < 0 || (ok && rcCheckWrite(p, zTable, zNew));
  sqlite3_free(zNew);
  return ok;
}
