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

int rcRowKeyExpr(sqlite3 *db, const char *zTable, char **pzKey,
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
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && *pzErr == 0) {
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  }
  if (rc == SQLITE_ERROR && *pzErr == 0) rc = SQLITE_NOMEM;
  sqlite3_free(zTaken);
  sqlite3_free(zPk);
  return rc;
}


/* Whether the key expression zKey is one column (not a composite key's
** JSON array): rows can then be taken up again after a given key. */
static int rcKeyOrdered(const char *zKey) {
  return strncmp(zKey, "json_array(", 11) != 0;
}

int rcCondScanOpen(sqlite3 *db, const char *zTable, const char *zCond,
                   const char *zColumn, RcCondScan *p, char **pzErr) {
  int rc;
  memset(p, 0, sizeof(*p));
  p->db = db;
  rc = rcRowKeyExpr(db, zTable, &p->zKey, pzErr);
  if (rc != SQLITE_OK) return rc;
  p->bOrdered = rcKeyOrdered(p->zKey);
  p->zFrom = sqlite3_mprintf("main.\"%w\"", zTable);
  /* (a newline ends a "--" comment the condition may end with) */
  p->zCond = sqlite3_mprintf("%s\n", zCond);
  p->zValue = zColumn ? sqlite3_mprintf("\"%w\"", zColumn)
                      : sqlite3_mprintf("NULL");
  if (!p->zFrom || !p->zCond || !p->zValue) return SQLITE_NOMEM;
  return SQLITE_OK;
}

/* Prepares "SELECT key, value[, NOT (cond)] FROM t [WHERE key > ?1]
** [AND NOT (cond)] ORDER BY key" (bAll: every row, with the verdict). */
static int rcCondPrepare(RcCondScan *p, int bAll, sqlite3_stmt **ppStmt) {
  char *zSql;
  int rc;
  *ppStmt = 0;
  /* (the key by its expression: a column named k would take the alias's
  ** place in WHERE) */
  zSql = sqlite3_mprintf(
      "SELECT %s AS k, %s AS v%s%s%s FROM %s WHERE %s%s%s%s%s%s%s", p->zKey,
      p->zValue, bAll ? ", NOT (" : "", bAll ? p->zCond : "",
      bAll ? ") " : "", p->zFrom, p->pLast ? p->zKey : "1",
      p->pLast ? " > ?1" : "", bAll ? "" : " AND NOT (", bAll ? "" : p->zCond,
      bAll ? "" : ")", p->bOrdered ? " ORDER BY " : "",
      p->bOrdered ? p->zKey : "");
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, ppStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK && p->pLast) rc = sqlite3_bind_value(*ppStmt, 1, p->pLast);
  return rc;
}

/* Sets the row reported: the key and value of pStmt's row, with code and
** message (zMsg owned from here). */
static int rcCondRow(RcCondScan *p, sqlite3_stmt *pStmt, int code,
                     char *zMsg) {
  sqlite3_value_free(p->pKey);
  sqlite3_value_free(p->pValue);
  sqlite3_value_free(p->pLast);
  sqlite3_free(p->zMsg);
  p->pKey = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
  p->pValue = sqlite3_value_dup(sqlite3_column_value(pStmt, 1));
  p->pLast = p->bOrdered ? sqlite3_value_dup(sqlite3_column_value(pStmt, 0))
                         : 0;
  p->code = code;
  p->zMsg = zMsg;
  if (p->pKey == 0 || p->pValue == 0 || (p->bOrdered && p->pLast == 0)) {
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

/* Runs zSql (sqlite3_free()d here), with ?1 bound to pKey when given, to
** its first row: SQLITE_ROW with *ppStmt, SQLITE_DONE, or an error. */
static int rcCondQuery(RcCondScan *p, char *zSql, sqlite3_value *pKey,
                       sqlite3_stmt **ppStmt) {
  int rc;
  *ppStmt = 0;
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, ppStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK && pKey) rc = sqlite3_bind_value(*ppStmt, 1, pKey);
  if (rc == SQLITE_OK) rc = sqlite3_step(*ppStmt);
  return rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE
             ? rc
             : sqlite3_extended_errcode(p->db);
}

/*
** After the scan's statement raised code rc with message zMsg (owned from
** here): finds the row it came from, the first after the last row seen
** whose condition raises the same (every row before it passes, in key
** order), reports it, and lets the scan go on after it.  When that row
** cannot be told for certain (rows judged in another order than the key's,
** a condition that raises at random), the error ends the scan.
*/
static int rcCondLocate(RcCondScan *p, int rc, char *zMsg) {
  sqlite3_stmt *pAll = 0, *pRow = 0, *pOne = 0;
  int rcAll, rcOne = SQLITE_OK;
  if (!p->bOrdered) {
    sqlite3_free(p->zMsg);
    p->zMsg = sqlite3_mprintf("its condition raised an error at a row, and "
                              "rows of a composite key are not taken up "
                              "after one, so the scan ends here: %s",
                              zMsg);
    sqlite3_free(zMsg);
    p->bDone = 1;
    return p->zMsg ? rc : SQLITE_NOMEM;
  }
  rcAll = rcCondPrepare(p, 1, &pAll);
  while (rcAll == SQLITE_OK && (rcAll = sqlite3_step(pAll)) == SQLITE_ROW) {
    sqlite3_value *pSeen = sqlite3_value_dup(sqlite3_column_value(pAll, 0));
    sqlite3_value_free(p->pLast);
    p->pLast = pSeen;
    rcAll = pSeen ? SQLITE_OK : SQLITE_NOMEM;
  }
  if (rcAll != SQLITE_OK && rcAll != SQLITE_DONE && rcAll != SQLITE_NOMEM) {
    rcAll = sqlite3_extended_errcode(p->db);
  }
  sqlite3_finalize(pAll);
  if (rcAll == rc) {
    rcAll = rcCondQuery(
        p,
        sqlite3_mprintf("SELECT %s AS k, %s AS v FROM %s WHERE %s%s ORDER BY "
                        "%s LIMIT 1",
                        p->zKey, p->zValue, p->zFrom, p->pLast ? p->zKey : "1",
                        p->pLast ? " > ?1" : "", p->zKey),
        p->pLast, &pRow);
  }
  if (rcAll == SQLITE_ROW) { /* the candidate must raise it */
    rcOne = rcCondQuery(
        p,
        sqlite3_mprintf("SELECT NOT (%s) FROM %s WHERE %s = ?1", p->zCond,
                        p->zFrom, p->zKey),
        sqlite3_column_value(pRow, 0), &pOne);
    sqlite3_finalize(pOne);
  }
  if (rcAll == SQLITE_ROW && rcOne == rc) {
    rcAll = rcCondRow(p, pRow, rc, zMsg);
  } else if (rcAll != rc && rcAll != SQLITE_ROW && rcAll != SQLITE_DONE) {
    sqlite3_free(zMsg); /* interrupted, busy ... while looking */
    rcAll = rcCondFail(p, rcAll);
  } else if (rcOne != rc && rcOne != SQLITE_ROW && rcOne != SQLITE_DONE &&
             rcOne != SQLITE_OK) {
    sqlite3_free(zMsg);
    rcAll = rcCondFail(p, rcOne);
  } else {
    sqlite3_free(p->zMsg);
    p->zMsg = zMsg; /* the error as it came */
    p->bDone = 1;
    rcAll = rc;
  }
  sqlite3_finalize(pRow);
  return rcAll;
}

int rcCondScanNext(RcCondScan *p) {
  int rc;
  if (p->bDone) return SQLITE_DONE;
  if (p->pScan == 0) {
    rc = rcCondPrepare(p, 0, &p->pScan);
    if (rc != SQLITE_OK) return rcCondFail(p, rc);
  }
  rc = sqlite3_step(p->pScan);
  if (rc == SQLITE_ROW) {
    return rcCondRow(p, p->pScan, SQLITE_CONSTRAINT_CHECK, 0);
  }
  if (rc == SQLITE_DONE) {
    p->bDone = 1;
    return SQLITE_DONE;
  }
  rc = sqlite3_extended_errcode(p->db);
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
  sqlite3_finalize(p->pScan);
  sqlite3_value_free(p->pLast);
  sqlite3_value_free(p->pKey);
  sqlite3_value_free(p->pValue);
  sqlite3_free(p->zKey);
  sqlite3_free(p->zFrom);
  sqlite3_free(p->zCond);
  sqlite3_free(p->zValue);
  sqlite3_free(p->zMsg);
  memset(p, 0, sizeof(*p));
}

/* ---- a condition read from a definition ---------------------------------
 */

/* Functions a condition from a definition may not call: they change the
** schema, the connection or the file system, or load code. */
static const char *const azCondRefused[] = {
    "load_extension",         "fts3_tokenizer",
    "richcheck_add_rule",     "richcheck_drop_rule",
    "richcheck_repair_rules", "richcheck_add_constraint",
    "richcheck_drop_constraint", "richcheck_error_mode",
};

typedef struct RcCondAuthArg RcCondAuthArg;
struct RcCondAuthArg {
  const char *zTable;
  char zRefused[64]; /* the first name refused, for the message */
};

/* What the scan's statement may do on the scratch database: read the table,
** call functions but those above. */
static int rcCondAuth(void *pArg, int eAction, const char *z1, const char *z2,
                      const char *zDb, const char *zWhere) {
  RcCondAuthArg *a = (RcCondAuthArg *)pArg;
  size_t i;
  (void)zWhere;
  if (zDb && strcmp(zDb, "main") != 0) return SQLITE_DENY;
  switch (eAction) {
  case SQLITE_SELECT: return SQLITE_OK;
  case SQLITE_READ:
    if (z1 && sqlite3_stricmp(z1, a->zTable) == 0) return SQLITE_OK;
    break;
  case SQLITE_FUNCTION:
    for (i = 0; z2 && i < sizeof(azCondRefused) / sizeof(azCondRefused[0]);
         i++) {
      if (sqlite3_stricmp(z2, azCondRefused[i]) == 0) break;
    }
    if (z2 && i == sizeof(azCondRefused) / sizeof(azCondRefused[0])) {
      return SQLITE_OK;
    }
    break;
  default: break;
  }
  if (a->zRefused[0] == 0) {
    sqlite3_snprintf((int)sizeof(a->zRefused), a->zRefused, "%s",
                     eAction == SQLITE_FUNCTION && z2 ? z2
                     : z1                            ? z1
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
        "database's definition",
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
