/*
** constraint_scan.c - the rows of a table that break a CHECK condition, for
** richcheck_add_constraint (how many) and richcheck_violations (which).
**
**     SELECT * FROM richcheck_violations('orders', 'price_positive');
**
** A row breaks the condition when NOT (condition) holds, as SQLite's CHECK
** judges it (NULL passes), or when evaluating it raises a data error: a
** richcheck code (CHECK (email_check(email))) or another SQLITE_CONSTRAINT
** or SQLITE_TOOBIG.  Such an error ends the statement that raised it, so
** the scan finds the row it came from (the first, in key order, after the
** last row the scan saw) and goes on after it.  A condition read from a
** table's definition may come from anyone: rcCondVerify decides whether it
** is run at all.
*/
#include "rule_schema.h"

#include <string.h>

/*
** The JSON array of a composite primary key's values, in key order, a BLOB
** as its SQL literal (x'00ff'), which JSON cannot hold: *pzKey.
*/
static int rcCompositeKey(sqlite3 *db, const char *zTable, char **pzKey) {
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

int rcRowKeyExpr(sqlite3 *db, const char *zTable, char **pzKey, char **pzOrder,
                 int *pnOrder, char **pzErr) {
  static const char *const azRowid[] = {"rowid", "_rowid_", "oid"};
  sqlite3_stmt *pStmt = 0;
  int rc = SQLITE_OK, i, nPk = 0, bRowid = 0;
  char *zTaken = 0, *zPk = 0, *zSql;
  *pzKey = *pzErr = 0;
  if (pzOrder) *pzOrder = 0;
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
    rc = rcCompositeKey(db, zTable, pzKey);
  } else if (rc == SQLITE_OK && !bRowid) {
    /* SQLite has no name left for the rowid, and there is no key */
    *pzErr = sqlite3_mprintf(
        "table \"%w\" has columns named rowid, oid and "
        "_rowid_ and no primary key, so SQL has no name for its rows",
        zTable);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK && *pzKey == 0) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && pzOrder) {
    /* the columns the rows are ordered by: the rowid, or the key's */
    *pzOrder = sqlite3_mprintf("%s", bRowid || nPk == 1 ? *pzKey : zPk);
    *pnOrder = bRowid ? 1 : nPk;
    if (*pzOrder == 0) rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && *pzErr == 0) {
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  }
  if (rc == SQLITE_ERROR && *pzErr == 0) rc = SQLITE_NOMEM;
  sqlite3_free(zTaken);
  sqlite3_free(zPk);
  return rc;
}

int rcCondScanOpen(sqlite3 *db, const char *zTable, const char *zCond,
                   const char *zColumn, RcCondScan *p, char **pzErr) {
  sqlite3_str *pCmp;
  int rc, i;
  memset(p, 0, sizeof(*p));
  p->db = db;
  rc = rcRowKeyExpr(db, zTable, &p->zKey, &p->zOrder, &p->nOrder, pzErr);
  if (rc != SQLITE_OK) return rc;
  p->apLast = (sqlite3_value **)sqlite3_malloc64(sizeof(sqlite3_value *) *
                                                 (sqlite3_uint64)p->nOrder);
  if (p->apLast == 0) return SQLITE_NOMEM;
  memset(p->apLast, 0, sizeof(sqlite3_value *) * (size_t)p->nOrder);
  p->zFrom = sqlite3_mprintf("main.\"%w\"", zTable);
  /* (a newline ends a "--" comment the condition may end with) */
  p->zCond = sqlite3_mprintf("%s\n", zCond);
  p->zValue =
      zColumn ? sqlite3_mprintf("\"%w\"", zColumn) : sqlite3_mprintf("NULL");
  /* after the last row seen: (k1, k2) > (?1, ?2), as the rows are ordered */
  pCmp = sqlite3_str_new(db);
  sqlite3_str_appendf(pCmp, "(%s) > (", p->zOrder);
  for (i = 0; i < p->nOrder; i++) {
    sqlite3_str_appendf(pCmp, "%s?%d", i ? ", " : "", i + 1);
  }
  sqlite3_str_appendall(pCmp, ")");
  p->zAfter = sqlite3_str_finish(pCmp);
  if (!p->zFrom || !p->zCond || !p->zValue || !p->zAfter) return SQLITE_NOMEM;
  return SQLITE_OK;
}

/*
** Prepares "SELECT key, value, order-columns [, NOT (cond)] FROM t WHERE
** [after the last row seen] [AND NOT (cond)] ORDER BY order-columns"
** (bAll: every row, each with its verdict; bFirst: the first row only),
** with the last row seen bound.  No result column has a name of its own:
** the condition's names (a column, or with double-quoted strings allowed,
** a string) must mean what they mean in the table's CHECK.
*/
static int rcCondPrepare(RcCondScan *p, int bAll, int bFirst,
                         sqlite3_stmt **ppStmt) {
  char *zSql;
  int rc, i, bAfter = p->apLast[0] != 0;
  *ppStmt = 0;
  zSql = sqlite3_mprintf(
      "SELECT %s, %s, %s%s%s%s FROM %s WHERE %s%s%s%s%s ORDER BY %s%s", p->zKey,
      p->zValue, p->zOrder, bAll ? ", NOT (" : "", bAll ? p->zCond : "",
      bAll ? ")" : "", p->zFrom, bAfter ? p->zAfter : "1",
      bAll || bFirst ? "" : " AND NOT (", bAll || bFirst ? "" : p->zCond,
      bAll || bFirst ? "" : ")", "", p->zOrder, bFirst ? " LIMIT 1" : "");
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, ppStmt, 0);
  sqlite3_free(zSql);
  for (i = 0; rc == SQLITE_OK && bAfter && i < p->nOrder; i++) {
    rc = sqlite3_bind_value(*ppStmt, i + 1, p->apLast[i]);
  }
  return rc;
}

/* Makes the row of pStmt the last one seen. */
static int rcCondSeen(RcCondScan *p, sqlite3_stmt *pStmt) {
  int i;
  for (i = 0; i < p->nOrder; i++) {
    sqlite3_value_free(p->apLast[i]);
    p->apLast[i] = sqlite3_value_dup(sqlite3_column_value(pStmt, 2 + i));
    if (p->apLast[i] == 0) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Sets the row reported: the key and value of pStmt's row, with code and
** message (zMsg owned from here). */
static int rcCondRow(RcCondScan *p, sqlite3_stmt *pStmt, int code, char *zMsg) {
  sqlite3_value_free(p->pKey);
  sqlite3_value_free(p->pValue);
  sqlite3_free(p->zMsg);
  p->pKey = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
  p->pValue = sqlite3_value_dup(sqlite3_column_value(pStmt, 1));
  p->code = code;
  p->zMsg = zMsg;
  if (p->pKey == 0 || p->pValue == 0 || rcCondSeen(p, pStmt) != SQLITE_OK) {
    return SQLITE_NOMEM;
  }
  return SQLITE_ROW;
}

/* Fails the scan with rc and the connection's message of now. */
static int rcCondFail(RcCondScan *p, int rc) {
  sqlite3_free(p->zMsg);
  p->zMsg = sqlite3_mprintf("%s", sqlite3_errmsg(p->db));
  p->bDone = 1;
  return rc;
}

/* Steps pStmt: SQLITE_ROW, SQLITE_DONE, or the error's extended code. */
static int rcCondStep(RcCondScan *p, sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
  rc = sqlite3_extended_errcode(p->db);
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/*
** Whether evaluating the condition on the row of pRow (by its order
** columns) raises rc.
*/
static int rcCondRaises(RcCondScan *p, sqlite3_stmt *pRow, int rc) {
  sqlite3_stmt *pOne = 0;
  sqlite3_str *pSql = sqlite3_str_new(p->db);
  char *zSql;
  int i, rcOne;
  sqlite3_str_appendf(pSql, "SELECT NOT (%s) FROM %s WHERE (%s) = (", p->zCond,
                      p->zFrom, p->zOrder);
  for (i = 0; i < p->nOrder; i++) {
    sqlite3_str_appendf(pSql, "%s?%d", i ? ", " : "", i + 1);
  }
  sqlite3_str_appendall(pSql, ")");
  zSql = sqlite3_str_finish(pSql);
  if (zSql == 0) return SQLITE_NOMEM;
  rcOne = sqlite3_prepare_v2(p->db, zSql, -1, &pOne, 0);
  sqlite3_free(zSql);
  for (i = 0; rcOne == SQLITE_OK && i < p->nOrder; i++) {
    rcOne = sqlite3_bind_value(pOne, i + 1, sqlite3_column_value(pRow, 2 + i));
  }
  if (rcOne == SQLITE_OK) rcOne = rcCondStep(p, pOne);
  sqlite3_finalize(pOne);
  return rcOne == rc ? SQLITE_OK : rcOne == SQLITE_ROW ? SQLITE_DONE : rcOne;
}

/*
** After the scan's statement raised code rc with message zMsg (owned from
** here): finds the row it came from, the first after the last row seen
** whose condition raises the same (every row before it passes, in key
** order), reports it, and lets the scan go on after it.  When that row
** cannot be told for certain (rows judged in another order than the key's,
** a condition that raises at random), the error ends the scan; an error of
** another kind met while looking (interrupted, busy ...) ends it too.
*/
static int rcCondLocate(RcCondScan *p, int rc, char *zMsg) {
  sqlite3_stmt *pAll = 0, *pRow = 0;
  int rcAll = rcCondPrepare(p, 1, 0, &pAll);
  while (rcAll == SQLITE_OK && (rcAll = rcCondStep(p, pAll)) == SQLITE_ROW) {
    rcAll = rcCondSeen(p, pAll); /* every row before the one that raises */
  }
  sqlite3_finalize(pAll);
  if (rcAll == rc) rcAll = rcCondPrepare(p, 0, 1, &pRow);
  if (rcAll == SQLITE_OK) rcAll = rcCondStep(p, pRow);
  if (rcAll == SQLITE_ROW) rcAll = rcCondRaises(p, pRow, rc);
  if (rcAll == SQLITE_OK) {
    rcAll = rcCondRow(p, pRow, rc, zMsg);
  } else if (rcAll == SQLITE_DONE || rcAll == rc) {
    sqlite3_free(p->zMsg);
    p->zMsg = zMsg; /* the error as it came */
    p->bDone = 1;
    rcAll = rc;
  } else {
    sqlite3_free(zMsg);
    rcAll = rcCondFail(p, rcAll);
  }
  sqlite3_finalize(pRow);
  return rcAll;
}

int rcCondScanNext(RcCondScan *p) {
  int rc;
  if (p->bDone) return SQLITE_DONE;
  if (p->pScan == 0) {
    rc = rcCondPrepare(p, 0, 0, &p->pScan);
    if (rc != SQLITE_OK) return rcCondFail(p, rc);
  }
  rc = rcCondStep(p, p->pScan);
  if (rc == SQLITE_ROW) {
    return rcCondRow(p, p->pScan, SQLITE_CONSTRAINT_CHECK, 0);
  }
  if (rc == SQLITE_DONE) {
    p->bDone = 1;
    return SQLITE_DONE;
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_TOOBIG) {
    char *zMsg = sqlite3_mprintf("%s", sqlite3_errmsg(p->db));
    sqlite3_finalize(p->pScan);
    p->pScan = 0; /* taken up again after the row */
    if (zMsg == 0) return rcCondFail(p, SQLITE_NOMEM);
    return rcCondLocate(p, rc, zMsg);
  }
  return rcCondFail(p, rc);
}

void rcCondScanClose(RcCondScan *p) {
  int i;
  sqlite3_finalize(p->pScan);
  for (i = 0; p->apLast && i < p->nOrder; i++)
    sqlite3_value_free(p->apLast[i]);
  sqlite3_free(p->apLast);
  sqlite3_value_free(p->pKey);
  sqlite3_value_free(p->pValue);
  sqlite3_free(p->zKey);
  sqlite3_free(p->zOrder);
  sqlite3_free(p->zAfter);
  sqlite3_free(p->zFrom);
  sqlite3_free(p->zCond);
  sqlite3_free(p->zValue);
  sqlite3_free(p->zMsg);
  memset(p, 0, sizeof(*p));
}

/* ---- a condition read from a definition ---------------------------------
 */

/*
** SQLite's built-in functions a condition from a definition may call: those
** that compute from their arguments alone (no random, no changes(), no
** load_extension), sorted.  With richcheck's validators (rcIsPureFunction)
** they are all it may call: a function that another extension registers on
** every connection (sqlite3_auto_extension) is none of them, whatever its
** flags, since the condition runs as the application's own statement, where
** SQLite's DIRECTONLY and trusted_schema do not apply.
*/
static const char *const azCondFunc[] = {
    "->",
    "->>",
    "abs",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "ceil",
    "ceiling",
    "char",
    "coalesce",
    "concat",
    "concat_ws",
    "cos",
    "cosh",
    "date",
    "datetime",
    "degrees",
    "exp",
    "floor",
    "format",
    "glob",
    "hex",
    "if",
    "ifnull",
    "iif",
    "instr",
    "json",
    "json_array",
    "json_array_length",
    "json_error_position",
    "json_extract",
    "json_insert",
    "json_object",
    "json_patch",
    "json_pretty",
    "json_quote",
    "json_remove",
    "json_replace",
    "json_set",
    "json_type",
    "json_valid",
    "jsonb",
    "jsonb_array",
    "jsonb_extract",
    "jsonb_insert",
    "jsonb_object",
    "jsonb_patch",
    "jsonb_remove",
    "jsonb_replace",
    "jsonb_set",
    "julianday",
    "length",
    "like",
    "likelihood",
    "likely",
    "ln",
    "log",
    "log10",
    "log2",
    "lower",
    "ltrim",
    "max",
    "min",
    "mod",
    "nullif",
    "octet_length",
    "pi",
    "pow",
    "power",
    "printf",
    "quote",
    "radians",
    "replace",
    "round",
    "rtrim",
    "sign",
    "sin",
    "sinh",
    "soundex",
    "sqrt",
    "strftime",
    "substr",
    "substring",
    "tan",
    "tanh",
    "time",
    "timediff",
    "trim",
    "trunc",
    "typeof",
    "unhex",
    "unicode",
    "unistr",
    "unistr_quote",
    "unixepoch",
    "unlikely",
    "upper",
};

/* Whether a condition from a definition may call function zName. */
static int rcCondFuncAllowed(const char *zName) {
  size_t i;
  for (i = 0; i < sizeof(azCondFunc) / sizeof(azCondFunc[0]); i++) {
    if (sqlite3_stricmp(zName, azCondFunc[i]) == 0) return 1;
  }
  return rcIsPureFunction(zName);
}

typedef struct RcCondAuthArg RcCondAuthArg;
struct RcCondAuthArg {
  const char *zTable;
  char zRefused[64]; /* the first name refused, for the message */
};

/* What the scan's statement may do on the scratch database: read the table,
** call the functions above. */
static int rcCondAuth(void *pArg, int eAction, const char *z1, const char *z2,
                      const char *zDb, const char *zWhere) {
  RcCondAuthArg *a = (RcCondAuthArg *)pArg;
  (void)zWhere;
  if (zDb && strcmp(zDb, "main") != 0) return SQLITE_DENY;
  switch (eAction) {
  case SQLITE_SELECT: return SQLITE_OK;
  case SQLITE_READ:
    if (z1 && sqlite3_stricmp(z1, a->zTable) == 0) return SQLITE_OK;
    break;
  case SQLITE_FUNCTION:
    if (z2 && rcCondFuncAllowed(z2)) return SQLITE_OK;
    break;
  default: break;
  }
  if (a->zRefused[0] == 0) {
    sqlite3_snprintf((int)sizeof(a->zRefused), a->zRefused, "%s",
                     eAction == SQLITE_FUNCTION && z2 ? z2
                     : z1                             ? z1
                                                      : "?");
  }
  return SQLITE_DENY;
}

int rcCondVerify(const char *zTable, const char *zSql, const char *zCond,
                 char **pzErr) {
  sqlite3 *pScratch = 0;
  sqlite3_stmt *pStmt = 0;
  const char *zWhy = 0, *zTail = 0;
  RcCondAuthArg a;
  char *zScan;
  int rc;
  *pzErr = 0;
  memset(&a, 0, sizeof(a));
  a.zTable = zTable;
  rc = rcScratchOpen(&pScratch);
  if (rc == SQLITE_OK) rc = rcScratchCreate(pScratch, zTable, zSql, &zWhy);
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM) {
      *pzErr = sqlite3_mprintf(
          "the definition of \"%w\" is not one CREATE TABLE statement "
          "SQLite takes (%s)",
          zTable, zWhy ? zWhy : sqlite3_errmsg(pScratch));
    }
    goto done;
  }
  zScan = sqlite3_mprintf("SELECT NOT (%s\n) FROM main.\"%w\"", zCond, zTable);
  if (zScan == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  sqlite3_set_authorizer(pScratch, rcCondAuth, &a);
  rc = sqlite3_prepare_v2(pScratch, zScan, -1, &pStmt, &zTail);
  if (rc == SQLITE_OK && (pStmt == 0 || *zTail != 0)) rc = SQLITE_ERROR;
  if (rc == SQLITE_NOMEM) {
    /* told as such */
  } else if (rc != SQLITE_OK && a.zRefused[0]) {
    *pzErr = sqlite3_mprintf(
        "its condition uses %s, which richcheck does not run from a "
        "database's definition (it runs SQLite's built-in functions that "
        "compute from their arguments alone, and richcheck's)",
        a.zRefused);
  } else if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf(
        "its condition is not one richcheck runs (%s): it runs conditions "
        "over the table's columns with SQLite's built-in functions and "
        "richcheck's",
        sqlite3_errmsg(pScratch));
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zScan);
done:
  sqlite3_close(pScratch);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && *pzErr == 0) rc = SQLITE_NOMEM;
  return rc;
}
