/*
** violations.c - richcheck_violations, the rows that break a rule.
**
**     SELECT * FROM richcheck_violations;              -- every rule
**     SELECT * FROM richcheck_violations('users');     -- those of a table
**     SELECT * FROM richcheck_violations('users', 'email');   -- of a column
**     SELECT * FROM richcheck_violations('users', 'email', 'length(1, 64)');
**                                           -- an ad-hoc rule, before adding
**     SELECT * FROM richcheck_violations('orders', 'price_positive');
**                                           -- a CHECK constraint, by name
**
** Columns: table, rowid, column, spec, value, code, message.  rowid is the
** rowid, or for a WITHOUT ROWID table its primary key (the value, or a JSON
** array of the values of a composite key).  message is what the rule's
** trigger would raise, label first.  A declared rule that is not in force
** (its triggers or constraint gone, or not what richcheck writes:
** rule_home.c) is a row of its own, with rowid and value NULL and the code
** RICHCHECK_NOT_ENFORCED, before its table's rows that break it.  The scan
** streams: one statement per rule, stepped row by row, so memory stays
** constant whatever the table.
** A CHECK constraint named by the second argument (any CHECK of the table
** with a name, richcheck_add_constraint's or not: PostgreSQL's VALIDATE
** CONSTRAINT, listing every row) gives the rows where its condition is
** false or raises (constraint_scan.c): column the constrained column (NULL
** for a table constraint), spec 'CHECK (condition)', code 275
** (SQLITE_CONSTRAINT_CHECK) and the message SQLite's CHECK would raise, or
** the code and message the condition raised.  When a column has that name
** too, its rules' rows come first.  The condition comes from the table's
** definition, which may come from anyone: it runs only after rcCondVerify.
** DIRECTONLY: it reads other tables, so the schema may not call it.
*/
#include "rule_schema.h"
#include "tabledef.h"

#include <string.h>

enum {
  RC_VCOL_TABLE,
  RC_VCOL_ROWID,
  RC_VCOL_COLUMN,
  RC_VCOL_SPEC,
  RC_VCOL_VALUE,
  RC_VCOL_CODE,
  RC_VCOL_MESSAGE,
  RC_VCOL_ARG_TABLE, /* hidden: the table-valued function's arguments */
  RC_VCOL_ARG_COLUMN,
  RC_VCOL_ARG_SPEC
};
#define RC_VCOL_NARG 3

typedef struct RcViolVtab RcViolVtab;
struct RcViolVtab {
  sqlite3_vtab base;
  sqlite3 *db;
};

/* One rule to scan (table, column, spec, as the schema spells them), or,
** with zState, one rule not in force to report. */
typedef struct RcViolTask RcViolTask;
struct RcViolTask {
  char *zTable, *zColumn, *zSpec;
  char *zState; /* the message of a rule not in force; 0 for a scan */
  char *zCons;  /* a CHECK constraint's name (zSpec its CHECK (...), zCond
                ** its condition, zColumn its column or 0); else 0 */
  char *zCond;
};

typedef struct RcViolCursor RcViolCursor;
struct RcViolCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *apArg[RC_VCOL_NARG]; /* the arguments, as the hidden columns */
  RcViolTask *aTask;                  /* the rules to scan */
  int nTask, iTask;                   /* how many, and the one being scanned */
  sqlite3_stmt *pScan;                /* rows of aTask[iTask] that break it */
  int bState;                         /* the row of a rule not in force */
  RcCondScan cond;                    /* a constraint's scan (bCond) */
  int bCond;
  sqlite3_int64 iRowid;
  int bEof;
};

static int violConnect(sqlite3 *db, void *pAux, int argc,
                       const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr) {
  RcViolVtab *p;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = rcDeclareVtab(
      db, "CREATE TABLE x(\"table\" TEXT, \"rowid\" ANY, \"column\" TEXT, "
          "spec TEXT, value ANY, code INTEGER, message TEXT, "
          "arg_table HIDDEN, arg_column HIDDEN, arg_spec HIDDEN)");
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  if (rc != SQLITE_OK) return rc;
  p = (RcViolVtab *)sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int violDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/*
** The arguments must come in order: none, table, table and column, or all
** three.  idxNum is how many; the arguments go to xFilter in that order.
*/
static int violBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int aiCons[RC_VCOL_NARG] = {-1, -1, -1};
  int i, nArg = 0;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    int iArg = p->iColumn - RC_VCOL_ARG_TABLE;
    if (iArg < 0) continue;
    if (!p->usable || p->op != SQLITE_INDEX_CONSTRAINT_EQ) {
      return SQLITE_CONSTRAINT; /* another plan must give the argument */
    }
    if (aiCons[iArg] < 0) aiCons[iArg] = i; /* others: checked by SQLite */
  }
  while (nArg < RC_VCOL_NARG && aiCons[nArg] >= 0)
    nArg++;
  for (i = nArg; i < RC_VCOL_NARG; i++) {
    if (aiCons[i] >= 0) {
      sqlite3_free(pVtab->zErrMsg);
      pVtab->zErrMsg = sqlite3_mprintf(
          "richcheck_violations: give the table before the column, and both "
          "before the spec");
      return SQLITE_ERROR;
    }
  }
  for (i = 0; i < nArg; i++) {
    pInfo->aConstraintUsage[aiCons[i]].argvIndex = i + 1;
    pInfo->aConstraintUsage[aiCons[i]].omit = 1;
  }
  pInfo->idxNum = nArg;
  pInfo->estimatedCost = 1e6 / (1 + nArg);
  return SQLITE_OK;
}

static void violClear(RcViolCursor *p) {
  int i;
  for (i = 0; i < RC_VCOL_NARG; i++) {
    sqlite3_value_free(p->apArg[i]);
    p->apArg[i] = 0;
  }
  sqlite3_finalize(p->pScan);
  p->pScan = 0;
  if (p->bCond) rcCondScanClose(&p->cond);
  p->bCond = 0;
  for (i = 0; i < p->nTask; i++) {
    sqlite3_free(p->aTask[i].zCons);
    sqlite3_free(p->aTask[i].zCond);
    sqlite3_free(p->aTask[i].zTable);
    sqlite3_free(p->aTask[i].zColumn);
    sqlite3_free(p->aTask[i].zSpec);
    sqlite3_free(p->aTask[i].zState);
  }
  sqlite3_free(p->aTask);
  p->aTask = 0;
  p->nTask = p->iTask = 0;
  p->bState = 0;
}

static int violOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  RcViolCursor *p = (RcViolCursor *)sqlite3_malloc64(sizeof(*p));
  (void)pVtab;
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppCursor = &p->base;
  return SQLITE_OK;
}

static int violClose(sqlite3_vtab_cursor *pCursor) {
  violClear((RcViolCursor *)pCursor);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int violError(RcViolCursor *p, const char *zFormat, const char *zArg) {
  sqlite3_vtab *pVtab = p->base.pVtab;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_mprintf(zFormat, zArg);
  return SQLITE_ERROR;
}

/* The code a failure rc of the scan's own statements is told with: its own
** when it is one the caller acts on (interrupted, out of memory, busy ...),
** else SQLITE_ERROR. */
static int violCode(int rc) {
  switch (rc & 0xff) {
  case SQLITE_INTERRUPT:
  case SQLITE_NOMEM:
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
  case SQLITE_IOERR:
  case SQLITE_CORRUPT: return rc;
  default: return SQLITE_ERROR;
  }
}

/* A statement of the scan failed with rc: its message, and its code. */
static int violFailed(RcViolCursor *p, int rc) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  violError(p, "richcheck_violations: %s", sqlite3_errmsg(db));
  return violCode(rc);
}

static int violAddTask(RcViolCursor *p, const char *zTable, const char *zColumn,
                       const char *zSpec, char *zState) {
  RcViolTask *aNew = (RcViolTask *)sqlite3_realloc64(
      p->aTask, sizeof(RcViolTask) * (sqlite3_uint64)(p->nTask + 1));
  RcViolTask *t;
  if (aNew == 0) {
    sqlite3_free(zState);
    return SQLITE_NOMEM;
  }
  p->aTask = aNew;
  t = &aNew[p->nTask++];
  memset(t, 0, sizeof(*t));
  t->zState = zState;
  t->zTable = sqlite3_mprintf("%s", zTable);
  t->zColumn = sqlite3_mprintf("%s", zColumn);
  t->zSpec = sqlite3_mprintf("%s", zSpec);
  return t->zTable && t->zColumn && t->zSpec ? SQLITE_OK : SQLITE_NOMEM;
}

/*
** The message of rule h, not in force: what is wrong and what to do, label
** first (sqlite3_free() it; 0 when memory ran out).
*/
static char *violStateMessage(const RcHome *h) {
  const char *zT = h->bFound ? h->zNowTable : h->zTable;
  const char *zC = h->bFound ? h->zNowColumn : h->zColumn;
  char *zWhy = rcRuleStateText(h), *zMsg;
  int bRepair = h->zNowTable != 0 && (h->eState == RC_STATE_MISSING ||
                                      h->eState == RC_STATE_FORGED ||
                                      h->eState == RC_STATE_NO_INSERT);
  if (zWhy == 0) return 0;
  if (h->eState == RC_STATE_BAD_ROW) {
    /* (its text may be another rule's: drop_rule would take both) */
    zMsg = sqlite3_mprintf("%s.%s: the rule %s is not enforced: %s; delete "
                           "it with DELETE FROM richcheck_rules WHERE id = "
                           "%lld",
                           zT, zC, h->zSpec, zWhy, h->id);
  } else if (bRepair) {
    zMsg = sqlite3_mprintf("%s.%s: the rule %s is not enforced: %s; "
                           "reinstall it with SELECT "
                           "richcheck_repair_rules(%Q)",
                           zT, zC, h->zSpec, zWhy, h->zNowTable);
  } else {
    zMsg = sqlite3_mprintf("%s.%s: the rule %s is not enforced: %s; drop "
                           "it with SELECT richcheck_drop_rule(%Q, %Q, %Q)",
                           zT, zC, h->zSpec, zWhy, zT, zC, h->zSpec);
  }
  sqlite3_free(zWhy);
  return zMsg;
}

/* The declared rules the arguments select, from richcheck_rules: a scan
** of each whose column exists, and a row for each not in force. */
static int violRulesTasks(RcViolCursor *p, int argc, sqlite3_value **argv) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  const char *zWantTable =
      argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : 0;
  const char *zWantCol =
      argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0;
  RcHomes homes;
  char *zErr = 0;
  int i, rc;
  /* The table and column where each rule lives (its UPDATE trigger or its
  ** table's constraint): SQLite keeps them in step with renames. */
  rc = rcRuleHomesRead(db, &homes, &zErr);
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM) {
      violError(p, "richcheck_violations: %s", zErr ? zErr : "");
      rc = violCode(rc);
    }
    sqlite3_free(zErr);
    return rc;
  }
  for (i = 0; rc == SQLITE_OK && i < homes.n; i++) {
    const RcHome *h = &homes.a[i];
    const char *zT = h->zNowTable ? h->zNowTable : h->zTable;
    const char *zC = h->zNowTable ? h->zNowColumn : h->zColumn;
    if (zWantTable && sqlite3_stricmp(zT, zWantTable) != 0) continue;
    if (zWantCol && sqlite3_stricmp(zC, zWantCol) != 0) continue;
    if (h->eState != RC_STATE_ENFORCED) {
      char *zState = violStateMessage(h);
      rc = zState ? violAddTask(p, zT, zC, h->zSpec, zState) : SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK && h->zNowTable && h->eState != RC_STATE_BAD_ROW) {
      rc = violAddTask(p, zT, zC, h->zSpec, 0);
    }
  }
  rcRuleHomesFree(&homes);
  return rc;
}

/* Opens the scan of aTask[iTask]. */
static int violStartTask(RcViolCursor *p) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  const RcViolTask *t = &p->aTask[p->iTask];
  char *zKey, *zSql, *zT, *zC, *zErr;
  int rc;
  /* A declared rule's column may have been renamed or dropped since. */
  rc = rcResolveColumn(db, t->zTable, t->zColumn, &zT, &zC, 0, &zErr);
  sqlite3_free(zT);
  sqlite3_free(zC);
  if (rc == SQLITE_NOTFOUND) {
    sqlite3_free(p->base.pVtab->zErrMsg);
    p->base.pVtab->zErrMsg = sqlite3_mprintf(
        "richcheck_violations: the rule %s on \"%w\".\"%w\": %s (renamed or "
        "dropped?): drop it with richcheck_drop_rule(%Q, %Q) and add it "
        "again",
        t->zSpec, t->zTable, t->zColumn, zErr, t->zTable, t->zColumn);
    rc = SQLITE_ERROR;
  } else if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
    violError(p, "richcheck_violations: %s", zErr);
    rc = violCode(rc);
  }
  sqlite3_free(zErr);
  if (rc != SQLITE_OK) return rc;
  rc = rcRowKeyExpr(db, t->zTable, &zKey, 0, 0, &zErr);
  if (rc != SQLITE_OK) {
    if (zErr) violError(p, "richcheck_violations: %s", zErr);
    sqlite3_free(zErr);
    return rc;
  }
  /* (short column names: a statement's result columns are named after
  ** their text, which must fit SQLITE_LIMIT_LENGTH) */
  zSql = sqlite3_mprintf("SELECT %s AS k, \"%w\" AS v, richcheck_code(\"%w\", "
                         "?1) AS c, richcheck_error(\"%w\", ?1) AS m FROM "
                         "main.\"%w\" "
                         "WHERE richcheck_code(\"%w\", ?1) IS NOT NULL",
                         zKey, t->zColumn, t->zColumn, t->zColumn, t->zTable,
                         t->zColumn);
  sqlite3_free(zKey);
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &p->pScan, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return violFailed(p, rc);
  rc = sqlite3_bind_text(p->pScan, 1, t->zSpec, -1, SQLITE_STATIC);
  return rc == SQLITE_OK ? rc : violFailed(p, rc);
}

/* Steps the scan of constraint task t: SQLITE_ROW, SQLITE_DONE, or an
** error with its message. */
static int violStepCons(RcViolCursor *p, const RcViolTask *t) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  char *zErr = 0;
  int rc = SQLITE_OK;
  if (!p->bCond) {
    rc = rcCondScanOpen(db, t->zTable, t->zCond, t->zColumn, &p->cond, &zErr);
    p->bCond = 1;
  }
  if (rc == SQLITE_OK) rc = rcCondScanNext(&p->cond);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE || rc == SQLITE_NOMEM) {
    sqlite3_free(zErr);
    return rc;
  }
  sqlite3_free(p->base.pVtab->zErrMsg);
  p->base.pVtab->zErrMsg = sqlite3_mprintf(
      "richcheck_violations: the constraint \"%w\" of \"%w\": %s", t->zCons,
      t->zTable,
      zErr           ? zErr
      : p->cond.zMsg ? p->cond.zMsg
                     : "");
  sqlite3_free(zErr);
  return violCode(rc);
}

/* Steps to the next violation, across rules; sets bEof at the end.  A rule
** not in force is one row (bState), with no scan. */
static int violStep(RcViolCursor *p) {
  if (p->bState) {
    p->bState = 0;
    p->iTask++;
  }
  for (;;) {
    int rc;
    if (p->pScan == 0) {
      if (p->iTask >= p->nTask) {
        p->bEof = 1;
        return SQLITE_OK;
      }
      if (p->aTask[p->iTask].zState) {
        p->bState = 1;
        return SQLITE_OK;
      }
      if (p->aTask[p->iTask].zCons) {
        rc = violStepCons(p, &p->aTask[p->iTask]);
        if (rc == SQLITE_ROW) return SQLITE_OK;
        if (rc != SQLITE_DONE) return rc;
        rcCondScanClose(&p->cond);
        p->bCond = 0;
        p->iTask++;
        continue;
      }
      rc = violStartTask(p);
      if (rc != SQLITE_OK) return rc;
    }
    rc = sqlite3_step(p->pScan);
    if (rc == SQLITE_ROW) return SQLITE_OK;
    if (rc != SQLITE_DONE) return violFailed(p, rc);
    sqlite3_finalize(p->pScan);
    p->pScan = 0;
    p->iTask++;
  }
}

/* A task for the CHECK constraint zName of table zTable, of column zColumn
** (0: of the table), condition z[0..n). */
static int violAddConsTask(RcViolCursor *p, const char *zTable,
                           const char *zName, const char *zColumn,
                           const char *z, int n) {
  int rc = violAddTask(p, zTable, "", "", 0);
  RcViolTask *t;
  if (rc != SQLITE_OK) return rc;
  t = &p->aTask[p->nTask - 1];
  sqlite3_free(t->zColumn);
  sqlite3_free(t->zSpec);
  t->zColumn = zColumn ? sqlite3_mprintf("%s", zColumn) : 0;
  t->zSpec = sqlite3_mprintf("CHECK (%.*s)", n, z);
  t->zCond = sqlite3_mprintf("%.*s", n, z);
  t->zCons = sqlite3_mprintf("%s", zName);
  return t->zSpec && t->zCond && t->zCons && (t->zColumn || !zColumn)
             ? SQLITE_OK
             : SQLITE_NOMEM;
}

/* Sets the vtab's message to zFormat's text (of the constraint zName of
** table zTable, then zWhy); returns SQLITE_ERROR. */
static int violConsError(RcViolCursor *p, const char *zFormat,
                         const char *zName, const char *zTable,
                         const char *zWhy) {
  sqlite3_vtab *pVtab = p->base.pVtab;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_mprintf(zFormat, zName, zTable, zWhy);
  return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* The name of column token z[0..n) of table zTable as SQLite reads it (its
** quotes off), in *pzCol. */
static int violColumnName(sqlite3 *db, const char *zTable, const char *z, int n,
                          char **pzCol) {
  sqlite3_stmt *pStmt = 0;
  char *zSql = sqlite3_mprintf("SELECT %.*s FROM main.\"%w\"", n, z, zTable);
  int rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  *pzCol = 0;
  if (rc == SQLITE_OK) {
    const char *zName = sqlite3_column_name(pStmt, 0);
    *pzCol = zName ? sqlite3_mprintf("%s", zName) : 0;
    if (*pzCol == 0) rc = SQLITE_NOMEM;
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  return rc;
}

/*
** The constraint task for the second argument zName of table zTable, when
** the table has a CHECK constraint of that name: SQLITE_OK (*pbFound says
** whether), or an error told.  bColumn: a column has that name too (then a
** constraint of that name of another kind is no error).  The condition is
** run only if rcCondVerify lets it.
*/
static int violConsTask(RcViolCursor *p, const char *zTable, const char *zName,
                        int bColumn, int *pbFound) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  sqlite3_stmt *pStmt = 0;
  RcTableDefCons cons;
  char *zSql = 0, *zErr = 0, *zCol = 0, *zCond = 0, *zDefName = 0;
  int rc;
  *pbFound = 0;
  rc = sqlite3_prepare_v2(db,
                          "SELECT sql FROM main.sqlite_schema WHERE type = "
                          "'table' AND name = ?1",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    zSql = z ? sqlite3_mprintf("%s", z) : 0;
    rc = z && !zSql ? SQLITE_NOMEM : SQLITE_OK;
  }
  sqlite3_finalize(pStmt);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : violFailed(p, rc);
  if (zSql == 0) return SQLITE_OK;
  rcTableDefConstraint(zSql, (int)strlen(zSql), zName, &cons);
  if (cons.nFound > 0) { /* its name as the definition spells it */
    zDefName = (char *)sqlite3_malloc64((sqlite3_uint64)cons.nName + 1);
    if (zDefName == 0) {
      sqlite3_free(zSql);
      return SQLITE_NOMEM;
    }
    rcTableDefUnquote(zSql + cons.iName, cons.nName, zDefName);
    zName = zDefName;
  }
  if (cons.nFound > 1) {
    rc = violConsError(p,
                       "richcheck_violations: more than one constraint is "
                       "named \"%w\" in \"%w\"%s",
                       zName, zTable, "");
  } else if (cons.eKind == RC_CONS_OTHER && !bColumn) {
    rc = violConsError(p,
                       "richcheck_violations: the constraint \"%w\" of \"%w\" "
                       "is not a CHECK constraint%s",
                       zName, zTable, "");
  } else if (cons.eKind == RC_CONS_CHECK) {
    zCond = sqlite3_mprintf("%.*s", cons.nExpr, zSql + cons.iExpr);
    rc = zCond ? rcCondVerify(zTable, zSql, zCond, &zErr) : SQLITE_NOMEM;
    if (rc == SQLITE_OK && cons.nColumn > 0) {
      rc = violColumnName(db, zTable, zSql + cons.iColumn, cons.nColumn, &zCol);
      if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
        zErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
      }
    }
    if (rc == SQLITE_OK) {
      rc = violAddConsTask(p, zTable, zName, zCol, zCond, cons.nExpr);
      *pbFound = 1;
    } else if (rc != SQLITE_NOMEM) {
      rc = violConsError(p,
                         "richcheck_violations: the constraint \"%w\" of "
                         "\"%w\" is not checked: %s",
                         zName, zTable, zErr ? zErr : "");
    }
  }
  sqlite3_free(zSql);
  sqlite3_free(zErr);
  sqlite3_free(zCol);
  sqlite3_free(zCond);
  sqlite3_free(zDefName);
  return rc;
}

/*
** The tasks for arguments table [, column [, spec]], or table and the name
** of a CHECK constraint: a table, column or constraint that does not exist
** is an error, not an empty scan.
*/
static int violArgsTasks(RcViolCursor *p, int argc, sqlite3_value **argv) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  const char *zWant = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0;
  char *zTable, *zColumn, *zErr;
  int rc, bCons = 0;
  rc = rcResolveColumn(db, (const char *)sqlite3_value_text(argv[0]),
                       argc == 2 ? 0 : zWant, &zTable, &zColumn, 0, &zErr);
  if (rc == SQLITE_OK && argc == 2) {
    /* a column of that name, a CHECK constraint of that name, or both */
    char *zT = 0, *zE = 0;
    sqlite3_free(zColumn);
    zColumn = 0;
    rc = rcResolveColumn(db, zTable, zWant, &zT, &zColumn, 0, &zE);
    sqlite3_free(zT);
    if (rc == SQLITE_OK) {
      sqlite3_free(zE);
      rc = violRulesTasks(p, argc, argv);
      if (rc == SQLITE_OK) rc = violConsTask(p, zTable, zWant, 1, &bCons);
    } else if (rc == SQLITE_NOTFOUND) {
      rc = violConsTask(p, zTable, zWant, 0, &bCons);
      if (rc == SQLITE_OK && !bCons) {
        sqlite3_free(zErr);
        zErr = sqlite3_mprintf("table \"%w\" has no column and no CHECK "
                               "constraint named \"%w\"",
                               zTable, zWant);
        rc = zErr ? SQLITE_NOTFOUND : SQLITE_NOMEM;
      }
      sqlite3_free(zE);
    } else {
      sqlite3_free(zErr);
      zErr = zE;
    }
    if (rc == SQLITE_ERROR && p->base.pVtab->zErrMsg) {
      sqlite3_free(zTable);
      sqlite3_free(zColumn);
      sqlite3_free(zErr);
      return rc; /* (told already) */
    }
  } else if (rc == SQLITE_OK) {
    rc = argc == RC_VCOL_NARG
             ? violAddTask(p, zTable, zColumn,
                           (const char *)sqlite3_value_text(argv[2]), 0)
             : violRulesTasks(p, argc, argv);
  }
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
    violError(p, "richcheck_violations: %s", zErr);
    rc = violCode(rc);
  }
  sqlite3_free(zTable);
  sqlite3_free(zColumn);
  sqlite3_free(zErr);
  return rc;
}

static int violFilter(sqlite3_vtab_cursor *pCursor, int idxNum,
                      const char *idxStr, int argc, sqlite3_value **argv) {
  RcViolCursor *p = (RcViolCursor *)pCursor;
  int rc, i;
  (void)idxStr;
  (void)idxNum;
  violClear(p);
  p->bEof = 0;
  p->iRowid = 0;
  for (i = 0; i < argc; i++) {
    p->apArg[i] = sqlite3_value_dup(argv[i]);
    if (p->apArg[i] == 0) return SQLITE_NOMEM;
  }
  for (i = 0; i < argc; i++) {
    static const char *const azArg[] = {"table", "column", "spec"};
    const char *z = (const char *)sqlite3_value_text(argv[i]);
    if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
      return violError(p,
                       "richcheck_violations: the arguments are TEXT: "
                       "table [, column [, spec]]%s",
                       "");
    }
    if (z == 0) return SQLITE_NOMEM;
    if ((int)strlen(z) != sqlite3_value_bytes(argv[i])) {
      /* the part after the NUL would be silently dropped */
      return violError(p,
                       "richcheck_violations: the %s has a NUL character "
                       "in it",
                       azArg[i]);
    }
  }
  rc = argc > 0 ? violArgsTasks(p, argc, argv) : violRulesTasks(p, 0, argv);
  if (rc != SQLITE_OK) return rc;
  rc = violStep(p);
  if (rc == SQLITE_OK && !p->bEof) p->iRowid = 1;
  return rc;
}

static int violNext(sqlite3_vtab_cursor *pCursor) {
  RcViolCursor *p = (RcViolCursor *)pCursor;
  p->iRowid++;
  return violStep(p);
}

static int violEof(sqlite3_vtab_cursor *pCursor) {
  return ((RcViolCursor *)pCursor)->bEof;
}

static int violColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                      int iCol) {
  RcViolCursor *p = (RcViolCursor *)pCursor;
  const RcViolTask *t = &p->aTask[p->iTask];
  switch (iCol) {
  case RC_VCOL_TABLE:
    sqlite3_result_text(ctx, t->zTable, -1, SQLITE_TRANSIENT);
    break;
  case RC_VCOL_COLUMN:
    if (t->zColumn) sqlite3_result_text(ctx, t->zColumn, -1, SQLITE_TRANSIENT);
    break;
  case RC_VCOL_SPEC:
    sqlite3_result_text(ctx, t->zSpec, -1, SQLITE_TRANSIENT);
    break;
  case RC_VCOL_ROWID: /* the scan's columns: key, value, code */
  case RC_VCOL_VALUE:
  case RC_VCOL_CODE: {
    int iScan = iCol == RC_VCOL_ROWID ? 0 : iCol == RC_VCOL_VALUE ? 1 : 2;
    if (t->zCons) { /* a constraint's row (constraint_scan.c) */
      if (iCol == RC_VCOL_CODE) {
        sqlite3_result_int(ctx, p->cond.code);
      } else {
        sqlite3_result_value(ctx, iCol == RC_VCOL_ROWID ? p->cond.pKey
                                                        : p->cond.pValue);
      }
    } else if (p->bState) {
      if (iCol == RC_VCOL_CODE) sqlite3_result_int(ctx, RICHCHECK_NOT_ENFORCED);
    } else {
      sqlite3_result_value(ctx, sqlite3_column_value(p->pScan, iScan));
    }
    break;
  }
  case RC_VCOL_MESSAGE: {
    /* label first, as the rule's trigger raises it */
    /* a constraint's: what SQLite's CHECK raises, or what it raised */
    char *zMsg =
        t->zCons
            ? (p->cond.zMsg
                   ? sqlite3_mprintf("%s", p->cond.zMsg)
                   : sqlite3_mprintf("CHECK constraint failed: %s", t->zCons))
        : p->bState
            ? sqlite3_mprintf("%s", t->zState)
            : sqlite3_mprintf("%s.%s: %s", t->zTable, t->zColumn,
                              (const char *)sqlite3_column_text(p->pScan, 3));
    if (zMsg == 0) return SQLITE_NOMEM;
    sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
    break;
  }
  default: /* the hidden columns: the arguments, so that SQLite's own test
           ** of a repeated constraint on them holds */
    if (p->apArg[iCol - RC_VCOL_ARG_TABLE]) {
      sqlite3_result_value(ctx, p->apArg[iCol - RC_VCOL_ARG_TABLE]);
    }
    break;
  }
  return SQLITE_OK;
}

static int violRowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid) {
  *pRowid = ((RcViolCursor *)pCursor)->iRowid;
  return SQLITE_OK;
}

static const sqlite3_module rcViolModule = {
    0,              /* iVersion */
    0,              /* xCreate: eponymous-only */
    violConnect,    /* xConnect */
    violBestIndex,  /* xBestIndex */
    violDisconnect, /* xDisconnect */
    0,              /* xDestroy */
    violOpen,       /* xOpen */
    violClose,      /* xClose */
    violFilter,     /* xFilter */
    violNext,       /* xNext */
    violEof,        /* xEof */
    violColumn,     /* xColumn */
    violRowid,      /* xRowid */
    0,              /* xUpdate: read-only */
    0,              /* xBegin */
    0,              /* xSync */
    0,              /* xCommit */
    0,              /* xRollback */
    0,              /* xFindFunction */
    0,              /* xRename */
    0,              /* xSavepoint */
    0,              /* xRelease */
    0,              /* xRollbackTo */
    0,              /* xShadowName */
};

int rcViolationsRegister(sqlite3 *db) {
  if (!RC_HAS_API(create_module)) return SQLITE_OK; /* (as richcheck_codes) */
  return sqlite3_create_module(db, "richcheck_violations", &rcViolModule, 0);
}
