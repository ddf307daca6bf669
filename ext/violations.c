/*
** violations.c - richcheck_violations, the rows that break a rule.
**
**     SELECT * FROM richcheck_violations;              -- every rule
**     SELECT * FROM richcheck_violations('users');     -- those of a table
**     SELECT * FROM richcheck_violations('users', 'email');   -- of a column
**     SELECT * FROM richcheck_violations('users', 'email', 'length(1, 64)');
**                                           -- an ad-hoc rule, before adding
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
** DIRECTONLY: it reads other tables, so the schema may not call it.
*/
#include "rule_schema.h"

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
};

typedef struct RcViolCursor RcViolCursor;
struct RcViolCursor {
  sqlite3_vtab_cursor base;
  sqlite3_value *apArg[RC_VCOL_NARG]; /* the arguments, as the hidden columns */
  RcViolTask *aTask;                  /* the rules to scan */
  int nTask, iTask;                   /* how many, and the one being scanned */
  sqlite3_stmt *pScan;                /* rows of aTask[iTask] that break it */
  int bState;                         /* the row of a rule not in force */
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
  for (i = 0; i < p->nTask; i++) {
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

/*
** The JSON array of a composite primary key's values, in key order, a BLOB
** as its SQL literal (x'00ff'), which JSON cannot hold: *pzKey.
*/
static int violCompositeKey(sqlite3 *db, const char *zTable, char **pzKey) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pOut = sqlite3_str_new(db);
  int nCol = 0;
  int rc = sqlite3_prepare_v2(db,
                              "SELECT name FROM pragma_table_info(?1, 'main') "
                              "WHERE pk > 0 ORDER BY pk",
                              -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
  }
  sqlite3_str_appendall(pOut, "json_array(");
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    sqlite3_str_appendf(pOut,
                        "%sCASE WHEN typeof(\"%w\") = 'blob' THEN 'x''' || "
                        "hex(\"%w\") || '''' ELSE \"%w\" END",
                        nCol++ ? ", " : "", z, z, z);
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  sqlite3_str_appendall(pOut, ")");
  if (rc == SQLITE_OK && sqlite3_str_errcode(pOut) != SQLITE_OK) {
    rc = SQLITE_NOMEM;
  }
  *pzKey = sqlite3_str_finish(pOut);
  if (rc != SQLITE_OK) {
    sqlite3_free(*pzKey);
    *pzKey = 0;
  }
  return rc;
}

/*
** The key a row of table zTable is reported by: its rowid (by the first of
** rowid, _rowid_ and oid that no column takes, or its INTEGER PRIMARY KEY),
** or its primary key (a WITHOUT ROWID table, or one whose columns take all
** three names): SQLITE_OK and *pzKey (sqlite3_free() it), or an error with
** *pzErr.
*/
static int violKeyExpr(sqlite3 *db, const char *zTable, char **pzKey,
                       char **pzErr) {
  static const char *const azRowid[] = {"rowid", "_rowid_", "oid"};
  sqlite3_stmt *pStmt = 0;
  int rc = SQLITE_OK, i, nPk = 0, bRowid = 0;
  char *zTaken = 0, *zPk = 0, *zSql;
  *pzKey = *pzErr = 0;
  rc = sqlite3_prepare_v2(
      db,
      "SELECT (SELECT group_concat(lower(name), ',') FROM "
      "pragma_table_xinfo(?1, 'main')), (SELECT count(*) FROM "
      "pragma_table_info(?1, 'main') WHERE pk > 0), (SELECT "
      "group_concat(printf('\"%w\"', name), ', ') FROM (SELECT name FROM "
      "pragma_table_info(?1, 'main') WHERE pk > 0 ORDER BY pk))",
      -1, &pStmt, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    const char *z0 = (const char *)sqlite3_column_text(pStmt, 0);
    const char *z2 = (const char *)sqlite3_column_text(pStmt, 2);
    zTaken = sqlite3_mprintf(",%s,", z0 ? z0 : "");
    zPk = z2 ? sqlite3_mprintf("%s", z2) : 0;
    nPk = sqlite3_column_int(pStmt, 1);
    rc = zTaken == 0 || (z2 && zPk == 0) ? SQLITE_NOMEM : SQLITE_OK;
  }
  sqlite3_finalize(pStmt);
  pStmt = 0;
  /* a name of the rowid that no column takes, if the table has a rowid */
  for (i = 0; rc == SQLITE_OK && i < 3 && !bRowid; i++) {
    char zName[12];
    sqlite3_snprintf((int)sizeof(zName), zName, ",%s,", azRowid[i]);
    if (strstr(zTaken, zName)) continue;
    zSql = sqlite3_mprintf("SELECT %s FROM main.\"%w\"", azRowid[i], zTable);
    if (zSql == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    bRowid = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK;
    sqlite3_finalize(pStmt);
    pStmt = 0;
    sqlite3_free(zSql);
    if (bRowid) *pzKey = sqlite3_mprintf("%s", azRowid[i]);
  }
  if (rc == SQLITE_OK && !bRowid && nPk == 1) {
    /* no rowid, or every name of it taken: the key (an INTEGER PRIMARY KEY
    ** is the rowid itself) */
    *pzKey = sqlite3_mprintf("%s", zPk);
  } else if (rc == SQLITE_OK && !bRowid && nPk > 1) {
    rc = violCompositeKey(db, zTable, pzKey);
  } else if (rc == SQLITE_OK && !bRowid) {
    /* SQLite has no name left for the rowid, and there is no key */
    *pzErr = sqlite3_mprintf(
        "richcheck_violations: table \"%w\" has columns named rowid, oid and "
        "_rowid_ and no primary key, so SQL has no name for its rows",
        zTable);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK && *pzKey == 0) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && *pzErr == 0) {
    *pzErr = sqlite3_mprintf("richcheck_violations: %s", sqlite3_errmsg(db));
  }
  if (rc == SQLITE_ERROR && *pzErr == 0) rc = SQLITE_NOMEM;
  sqlite3_free(zTaken);
  sqlite3_free(zPk);
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
  rc = violKeyExpr(db, t->zTable, &zKey, &zErr);
  if (rc != SQLITE_OK) {
    if (zErr) {
      sqlite3_free(p->base.pVtab->zErrMsg);
      p->base.pVtab->zErrMsg = zErr;
    }
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

/*
** The tasks for arguments table [, column [, spec]]: a table or column that
** does not exist is an error, not an empty scan.
*/
static int violArgsTasks(RcViolCursor *p, int argc, sqlite3_value **argv) {
  sqlite3 *db = ((RcViolVtab *)p->base.pVtab)->db;
  char *zTable, *zColumn, *zErr;
  int rc =
      rcResolveColumn(db, (const char *)sqlite3_value_text(argv[0]),
                      argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0,
                      &zTable, &zColumn, 0, &zErr);
  if (rc == SQLITE_OK) {
    rc = argc == RC_VCOL_NARG
             ? violAddTask(p, zTable, zColumn,
                           (const char *)sqlite3_value_text(argv[2]), 0)
             : violRulesTasks(p, argc, argv);
  } else if (rc != SQLITE_NOMEM) {
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
    sqlite3_result_text(ctx, t->zColumn, -1, SQLITE_TRANSIENT);
    break;
  case RC_VCOL_SPEC:
    sqlite3_result_text(ctx, t->zSpec, -1, SQLITE_TRANSIENT);
    break;
  case RC_VCOL_ROWID: /* the scan's columns: key, value, code */
  case RC_VCOL_VALUE:
  case RC_VCOL_CODE: {
    int iScan = iCol == RC_VCOL_ROWID ? 0 : iCol == RC_VCOL_VALUE ? 1 : 2;
    if (p->bState) {
      if (iCol == RC_VCOL_CODE) sqlite3_result_int(ctx, RICHCHECK_NOT_ENFORCED);
    } else {
      sqlite3_result_value(ctx, sqlite3_column_value(p->pScan, iScan));
    }
    break;
  }
  case RC_VCOL_MESSAGE: {
    /* label first, as the rule's trigger raises it */
    char *zMsg =
        p->bState
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
