/*
** rule_change.c - the schema functions' changes: all of them, or none.
**
** richcheck_add_rule, richcheck_drop_rule and richcheck_repair_rules change
** the schema with several statements, run from inside the caller's own
** statement.  An RcOp carries one such call:
**
**     RcOp op;
**     rcOpInit(&op, ctx, "richcheck_add_rule");
**     rcOpPlan(&op);                     -- reads come first
**     ...
**     if (rcOpBegin(&op, bWritable)) {   -- a savepoint around the changes
**       rcOpExec(&op, zSql);             -- a failure is the call's error
**       ...
**     }
**     rcOpEnd(&op, 1);                   -- keeps them and returns 1, or
**                                        -- undoes them and raises the error
**
** The first failure is the one reported, with its own code (SQLITE_BUSY,
** SQLITE_INTERRUPT, out of memory ...), never one taken for another.
**
** Undoing needs a statement (ROLLBACK TO), and while the caller's statement
** runs SQLite refuses every statement once sqlite3_interrupt() was called,
** and runs none once memory ran out.  For that case rcOpBegin prepares, before
** anything changes, a write that changes nothing (PRAGMA user_version set to
** its value): stepped after a failed undo, SQLite aborts it before it writes
** and, as for any interrupted write or one out of memory, rolls the whole
** transaction back.  (The calling statement would not: a SELECT that opens
** no table rolls nothing back when it fails.)  The guard must not expire: a
** call that rewrites definitions turns writable_schema on before preparing
** it and off only after the end.  So an
** interrupted change never leaves a transaction open in autocommit mode, and
** inside the application's transaction it undoes just itself when it can, and
** else ends that transaction (as SQLite ends one whose INSERT is interrupted)
** and says so.  Out of memory is reported as SQLITE_NOMEM, after which SQLite
** rolls the transaction back when the caller's statement ends.
*/
#include "rule_schema.h"

#include <stdarg.h>
#include <string.h>

void rcOpInit(RcOp *p, sqlite3_context *ctx, const char *zFunc) {
  memset(p, 0, sizeof(*p));
  p->ctx = ctx;
  p->db = sqlite3_context_db_handle(ctx);
  p->zFunc = zFunc;
}

/* The code a failed statement of richcheck's is reported with: what SQLite
** said when it names a cause the caller can act on, else SQLITE_ERROR. */
static int rcOpCode(int rc) {
  switch (rc & 0xff) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
  case SQLITE_INTERRUPT:
  case SQLITE_NOMEM:
  case SQLITE_IOERR:
  case SQLITE_FULL:
  case SQLITE_READONLY:
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
  case SQLITE_CANTOPEN:
  case SQLITE_PERM:
  case SQLITE_AUTH:
  case SQLITE_TOOBIG: return rc;
  default: return SQLITE_ERROR;
  }
}

int rcOpFail(RcOp *p, int rc, const char *zFormat, ...) {
  va_list ap;
  if (p->rc != SQLITE_OK) return 0; /* the first failure is the one told */
  p->rc = rc == SQLITE_OK ? SQLITE_ERROR : rc;
  if ((rc & 0xff) == SQLITE_NOMEM || zFormat == 0) return 0;
  va_start(ap, zFormat);
  p->zErr = sqlite3_vmprintf(zFormat, ap);
  va_end(ap);
  if (p->zErr == 0) p->rc = SQLITE_NOMEM;
  return 0;
}

int rcOpFailDb(RcOp *p, int rc) {
  if ((rc & 0xff) == SQLITE_NOMEM) return rcOpFail(p, SQLITE_NOMEM, 0);
  return rcOpFail(p, rcOpCode(sqlite3_extended_errcode(p->db)), "%s",
                  sqlite3_errmsg(p->db));
}

int rcOpExec(RcOp *p, char *zSql) {
  int rc;
  if (p->rc != SQLITE_OK) {
    sqlite3_free(zSql);
    return 0;
  }
  if (zSql == 0) return rcOpFail(p, SQLITE_NOMEM, 0);
  rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  sqlite3_free(zSql);
  return rc == SQLITE_OK || rcOpFailDb(p, rc);
}

/* Prepares zSql (sqlite3_free()d here) with text parameters z1, z2. */
static sqlite3_stmt *rcOpPrepare(RcOp *p, char *zSql, const char *z1,
                                 const char *z2) {
  sqlite3_stmt *pStmt = 0;
  int rc;
  if (p->rc != SQLITE_OK) {
    sqlite3_free(zSql);
    return 0;
  }
  if (zSql == 0) {
    rcOpFail(p, SQLITE_NOMEM, 0);
    return 0;
  }
  rc = sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    rcOpFailDb(p, rc);
    return 0;
  }
  if (z1 && sqlite3_bind_text(pStmt, 1, z1, -1, SQLITE_STATIC) != SQLITE_OK) {
    rcOpFail(p, SQLITE_NOMEM, 0);
  }
  if (z2 && sqlite3_bind_text(pStmt, 2, z2, -1, SQLITE_STATIC) != SQLITE_OK) {
    rcOpFail(p, SQLITE_NOMEM, 0);
  }
  if (p->rc != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return 0;
  }
  return pStmt;
}

sqlite3_int64 rcOpQueryInt(RcOp *p, char *zSql, const char *z1) {
  sqlite3_stmt *pStmt = rcOpPrepare(p, zSql, z1, 0);
  sqlite3_int64 v = -1;
  int rc;
  if (pStmt == 0) return -1;
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    v = sqlite3_column_int64(pStmt, 0);
  } else if (rc == SQLITE_DONE) {
    v = 0;
  } else {
    rcOpFailDb(p, rc);
  }
  rc = sqlite3_finalize(pStmt);
  if (v >= 0 && rc != SQLITE_OK) {
    rcOpFailDb(p, rc);
    v = -1;
  }
  return v;
}

char *rcOpQueryText(RcOp *p, char *zSql, const char *z1) {
  sqlite3_stmt *pStmt = rcOpPrepare(p, zSql, z1, 0);
  char *zOut = 0;
  int rc;
  if (pStmt == 0) return 0;
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    zOut = z ? sqlite3_mprintf("%s", z) : 0;
    if (zOut == 0) rcOpFail(p, SQLITE_NOMEM, 0);
  } else {
    rcOpFailDb(p, rc);
  }
  sqlite3_finalize(pStmt);
  return zOut;
}

int rcOpPlan(RcOp *p) {
  p->bAuto = sqlite3_get_autocommit(p->db);
  p->iSchemaVersion =
      rcOpQueryInt(p, sqlite3_mprintf("PRAGMA main.schema_version"), 0);
  return p->iSchemaVersion >= 0;
}

int rcOpBegin(RcOp *p, int bWritable) {
  char *zSql;
  if (p->rc != SQLITE_OK) return 0;
  if (bWritable) {
    /* on for the whole call: switching it expires every statement, and the
    ** guard must stay prepared until the call has ended */
    sqlite3_db_config(p->db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, -1,
                      &p->bWasWritable);
    sqlite3_db_config(p->db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 1, 0);
    p->bWritable = 1;
  }
  p->iUserVersion =
      rcOpQueryInt(p, sqlite3_mprintf("PRAGMA main.user_version"), 0);
  if (p->iUserVersion < 0) return 0;
  zSql = sqlite3_mprintf("PRAGMA main.user_version = %lld", p->iUserVersion);
  p->pGuard = rcOpPrepare(p, zSql, 0, 0);
  if (p->pGuard == 0) return 0;
  if (!rcOpExec(p, sqlite3_mprintf("SAVEPOINT richcheck_rule"))) {
    /* It may have been opened all the same: a progress handler can end a
    ** statement with SQLITE_INTERRUPT after its work is done.  In
    ** autocommit mode the transaction tells; else the undo finds out. */
    p->bOpen = p->bAuto ? !sqlite3_get_autocommit(p->db) : 1;
    p->bUnsure = !p->bAuto;
    return 0;
  }
  p->bOpen = 1;
  /* In autocommit mode the plan was made before the savepoint began the
  ** transaction: it holds only if the schema is still the one it read. */
  if (p->bAuto && rcOpQueryInt(p, sqlite3_mprintf("PRAGMA main.schema_version"),
                               0) != p->iSchemaVersion) {
    return rcOpFail(p, SQLITE_BUSY,
                    "another connection changed the schema meanwhile; "
                    "nothing was changed: call it again");
  }
  return p->rc == SQLITE_OK;
}

/*
** Undoes the changes: back to the savepoint, or, when that cannot run, the
** whole transaction rolled back.  Sets p->eUndo to what was done.
*/
static void rcOpUndo(RcOp *p) {
  sqlite3 *db = p->db;
  int rc = sqlite3_exec(db, "ROLLBACK TO richcheck_rule", 0, 0, 0);
  p->bOpen = 0;
  if (rc != SQLITE_OK && p->bUnsure &&
      sqlite3_strnicmp(sqlite3_errmsg(db), "no such savepoint", 17) == 0) {
    p->eUndo = RC_UNDO_SAVEPOINT; /* it was never opened: nothing to undo */
    return;
  }
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "RELEASE richcheck_rule", 0, 0, 0);
  if (rc == SQLITE_OK && sqlite3_get_autocommit(db) == p->bAuto) {
    p->eUndo = RC_UNDO_SAVEPOINT;
    return;
  }
  if (!sqlite3_get_autocommit(db) && p->pGuard) {
    sqlite3_step(p->pGuard); /* interrupted: SQLite rolls back */
    sqlite3_reset(p->pGuard);
  }
  if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  if (!sqlite3_get_autocommit(db)) {
    p->eUndo = RC_UNDO_FAILED;
  } else {
    p->eUndo = p->bAuto ? RC_UNDO_SAVEPOINT : RC_UNDO_TRANSACTION;
  }
}

void rcOpEnd(RcOp *p, sqlite3_int64 iResult) {
  sqlite3 *db = p->db;
  if (p->bOpen && p->rc == SQLITE_OK) {
    /* RELEASE commits when the savepoint began the transaction, and that
    ** can fail (SQLITE_BUSY: another connection reads) */
    int rc = sqlite3_exec(db, "RELEASE richcheck_rule", 0, 0, 0);
    if (rc == SQLITE_OK) {
      p->bOpen = 0;
    } else {
      rcOpFailDb(p, rc);
    }
  }
  if (p->bOpen) rcOpUndo(p);
  sqlite3_finalize(p->pGuard);
  p->pGuard = 0;
  if (p->bWritable && !p->bWasWritable) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0, 0);
  }
  if (p->rc == SQLITE_OK) {
    sqlite3_result_int64(p->ctx, iResult);
  } else if ((p->rc & 0xff) == SQLITE_NOMEM || p->eUndo == RC_UNDO_FAILED) {
    /* (a transaction still open with part of the change: SQLite rolls it
    ** back when the caller's statement fails with SQLITE_NOMEM) */
    sqlite3_result_error_nomem(p->ctx);
  } else {
    char *zMsg = sqlite3_mprintf(
        "%s: %s%s", p->zFunc, p->zErr ? p->zErr : "failed",
        p->eUndo == RC_UNDO_TRANSACTION
            ? "; nothing of it was kept, and SQLite rolled back the whole "
              "transaction, as it does for an interrupted write"
            : "");
    if (zMsg == 0) {
      sqlite3_result_error_nomem(p->ctx);
    } else {
      rcUsage(p->ctx, "%s", zMsg); /* (cut to SQLITE_LIMIT_LENGTH) */
      sqlite3_free(zMsg);
      if (p->rc != SQLITE_ERROR) sqlite3_result_error_code(p->ctx, p->rc);
    }
  }
  sqlite3_free(p->zErr);
  p->zErr = 0;
}

/* Whether text z holds zName, in any ASCII case. */
static int rcTextNames(const char *z, const char *zName) {
  size_t n = strlen(zName);
  for (; z && *z; z++) {
    if (sqlite3_strnicmp(z, zName, (int)n) == 0) return 1;
  }
  return 0;
}

int rcDirectCall(sqlite3_context *ctx, const char *zFunc) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *p = 0;
  while ((p = sqlite3_next_stmt(db, p)) != 0) {
    if (sqlite3_stmt_busy(p) && rcTextNames(sqlite3_sql(p), zFunc)) return 1;
  }
  rcUsage(ctx,
          "%s: called from the schema (a CHECK constraint?), not by a "
          "statement of the application: refused",
          zFunc);
  return 0;
}
