/*
** rule_schema.c - declared rules: richcheck_add_rule and richcheck_drop_rule,
** the table richcheck_rules, the triggers and CHECK constraints that enforce
** the rules, and where each rule lives as the schema changes.
**
**     SELECT richcheck_add_rule('users', 'email', 'email; length(1, 254)');
**     SELECT richcheck_add_rule('users', 'name', 'length(1, 50)', 'check');
**     SELECT richcheck_drop_rule('users', 'email');
*/
#include "richcheck_int.h"
#include "rule.h"
#include "tabledef.h"

#include <string.h>

#define RC_RULES_TABLE                                                         \
  "CREATE TABLE IF NOT EXISTS main.richcheck_rules(\n"                         \
  "  id INTEGER PRIMARY KEY,\n"                                                \
  "  tbl TEXT NOT NULL,\n"                                                     \
  "  col TEXT NOT NULL,\n"                                                     \
  "  spec TEXT NOT NULL,\n"                                                    \
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n" \
  "  UNIQUE (tbl, col, spec)\n"                                                \
  ")"

/* The table and column as the schema spells them, and what the column is. */
typedef struct RcTarget RcTarget;
struct RcTarget {
  char *zTable;    /* sqlite3_free() */
  char *zColumn;   /* sqlite3_free() */
  int bGenerated;  /* a generated column: no UPDATE OF it */
  int bRowidAlias; /* the INTEGER PRIMARY KEY: -1 in a BEFORE INSERT */
};

static void rcTargetFree(RcTarget *p) {
  sqlite3_free(p->zTable);
  sqlite3_free(p->zColumn);
}

/* Runs zSql (one statement, optional text parameters); SQLITE_ROW gives
** the first column of the first row as *pzOut (sqlite3_free() it). */
static int rcQueryText(sqlite3 *db, const char *zSql, const char *z1,
                       const char *z2, char **pzOut, int *piOut) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc != SQLITE_OK) return rc;
  if (z1) sqlite3_bind_text(pStmt, 1, z1, -1, SQLITE_STATIC);
  if (z2) sqlite3_bind_text(pStmt, 2, z2, -1, SQLITE_STATIC);
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    if (pzOut) {
      const char *z = (const char *)sqlite3_column_text(pStmt, 0);
      *pzOut = sqlite3_mprintf("%s", z ? z : "");
      if (*pzOut == 0) rc = SQLITE_NOMEM;
    }
    if (piOut) *piOut = sqlite3_column_int(pStmt, 1);
  }
  sqlite3_finalize(pStmt);
  return rc;
}

int rcResolveColumn(sqlite3 *db, const char *zTable, const char *zColumn,
                    char **pzTable, char **pzColumn, int *pbGenerated,
                    char **pzErr) {
  int rc, iFlag = 0;
  char *zShown;
  *pzTable = *pzColumn = *pzErr = 0;
  rc = rcQueryText(db,
                   "SELECT name, type = 'table' AND sql NOT LIKE 'CREATE "
                   "VIRTUAL%' FROM main.sqlite_schema WHERE type IN ('table', "
                   "'view') AND name = ?1 COLLATE NOCASE",
                   zTable, 0, pzTable, &iFlag);
  if (rc == SQLITE_ROW &&
      (!iFlag || sqlite3_strnicmp(zTable, "sqlite_", 7) == 0 ||
       sqlite3_stricmp(zTable, "richcheck_rules") == 0)) {
    zShown = rcCleanText((const unsigned char *)zTable, (int)strlen(zTable), 1);
    *pzErr = sqlite3_mprintf("\"%s\" is not an ordinary table of main (a "
                             "view, a virtual table or SQLite's own)",
                             zShown ? zShown : "");
    sqlite3_free(zShown);
    rc = SQLITE_ERROR;
  } else if (rc == SQLITE_DONE) {
    zShown = rcCleanText((const unsigned char *)zTable, (int)strlen(zTable), 1);
    *pzErr = sqlite3_mprintf("no such table: \"%s\"", zShown ? zShown : "");
    sqlite3_free(zShown);
    rc = SQLITE_ERROR;
  } else if (rc == SQLITE_ROW && zColumn) {
    rc = rcQueryText(db,
                     "SELECT name, hidden FROM pragma_table_xinfo(?1, 'main') "
                     "WHERE name = ?2 COLLATE NOCASE",
                     *pzTable, zColumn, pzColumn, &iFlag);
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && iFlag == 1)) {
      char *zT = rcCleanText((const unsigned char *)*pzTable,
                             (int)strlen(*pzTable), 1);
      zShown =
          rcCleanText((const unsigned char *)zColumn, (int)strlen(zColumn), 1);
      *pzErr = sqlite3_mprintf("table \"%s\" has no column \"%s\"",
                               zT ? zT : "", zShown ? zShown : "");
      sqlite3_free(zT);
      sqlite3_free(zShown);
      rc = SQLITE_ERROR;
    }
    if (pbGenerated) *pbGenerated = iFlag == 2 || iFlag == 3;
  }
  if (rc == SQLITE_ROW) return SQLITE_OK;
  if (*pzErr == 0 && rc != SQLITE_NOMEM) {
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  }
  sqlite3_free(*pzTable);
  sqlite3_free(*pzColumn);
  *pzTable = *pzColumn = 0;
  return rc == SQLITE_NOMEM || *pzErr == 0 ? SQLITE_NOMEM : SQLITE_ERROR;
}

/* Finds the rule's table and column; on failure sets a usage error. */
static int rcTargetFind(sqlite3_context *ctx, const char *zFunc,
                        const char *zTable, const char *zColumn, RcTarget *p) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char *zErr, *zIgnored = 0;
  int rc = rcResolveColumn(db, zTable, zColumn, &p->zTable, &p->zColumn,
                           &p->bGenerated, &zErr);
  p->bRowidAlias = 0;
  if (rc == SQLITE_OK) {
    /* the INTEGER PRIMARY KEY, whose value a BEFORE INSERT trigger does not
    ** know yet when SQLite assigns it */
    rc = rcQueryText(db,
                     "SELECT '', (SELECT count(*) FROM pragma_table_info(?1, "
                     "'main') WHERE pk > 0) = 1 AND EXISTS (SELECT 1 FROM "
                     "pragma_table_info(?1, 'main') WHERE pk = 1 AND name = ?2 "
                     "AND upper(type) = 'INTEGER')",
                     p->zTable, p->zColumn, &zIgnored, &p->bRowidAlias);
    sqlite3_free(zIgnored);
    rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
      zErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
      rc = SQLITE_ERROR;
    }
  }
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc != SQLITE_OK) {
    rcUsage(ctx, "%s: %s", zFunc, zErr);
  }
  sqlite3_free(zErr);
  if (rc != SQLITE_OK) rcTargetFree(p);
  return rc == SQLITE_OK;
}

/* Reads argv[i] as TEXT; else a usage error naming zWhat, and 0. */
static const char *rcTextArg(sqlite3_context *ctx, const char *zFunc,
                             const char *zWhat, sqlite3_value *pArg) {
  const char *z;
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    rcUsage(ctx, "%s: the %s must be TEXT, not %s", zFunc, zWhat,
            rcTypeName(pArg));
    return 0;
  }
  z = (const char *)sqlite3_value_text(pArg);
  if (z == 0) sqlite3_result_error_nomem(ctx);
  return z;
}

/* Runs zSql (sqlite3_free()d here); on failure sets a usage error. */
static int rcExec(sqlite3_context *ctx, const char *zFunc, char *zSql) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  int rc;
  if (zSql == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  rc = sqlite3_exec(db, zSql, 0, 0, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
    return 0;
  }
  return 1;
}

/* The one integer zSql (sqlite3_free()d here) gives, or -1 after an error. */
static sqlite3_int64 rcQueryInt(sqlite3_context *ctx, const char *zFunc,
                                char *zSql) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 v = -1;
  int rc;
  if (zSql == 0) {
    sqlite3_result_error_nomem(ctx);
    return -1;
  }
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    v = sqlite3_column_int64(pStmt, 0);
  } else if (rc == SQLITE_DONE) {
    v = 0;
  } else {
    rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  return v;
}

/*
** Savepoint around a function's changes: all of them, or none.  *pbAuto
** says whether the savepoint begins the transaction (autocommit was on).
*/
static int rcSavepoint(sqlite3_context *ctx, const char *zFunc, int *pbAuto) {
  *pbAuto = sqlite3_get_autocommit(sqlite3_context_db_handle(ctx));
  return rcExec(ctx, zFunc, sqlite3_mprintf("SAVEPOINT richcheck_rule"));
}

/*
** Ends the savepoint, keeping the changes or not; returns 1 when they were
** kept.  When the savepoint began the transaction, RELEASE is its COMMIT,
** which can fail (SQLITE_BUSY: another connection reads): then everything
** is rolled back and the error set, never a transaction left open.
*/
static int rcSavepointEnd(sqlite3_context *ctx, const char *zFunc, int bAuto,
                          int bKeep) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  if (!bKeep) sqlite3_exec(db, "ROLLBACK TO richcheck_rule", 0, 0, 0);
  if (sqlite3_exec(db, "RELEASE richcheck_rule", 0, 0, 0) == SQLITE_OK) {
    return bKeep;
  }
  if (bKeep) rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
  if (bAuto) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  return 0;
}

/*
** The triggers of declared rules.  Each rule has its own UPDATE trigger,
** richcheck_<id>_update (BEFORE UPDATE OF its column), so an update pays
** only for the rules of the columns it sets.  Each table has one INSERT
** trigger for all its rules, richcheck_<id>_insert with the smallest id
** (one trigger program per row, however many rules), made anew at every
** add and drop.  Rules on generated columns are checked AFTER
** (richcheck_<id>_insert_after, and their UPDATE triggers): a BEFORE
** trigger sees a STORED generated column as NULL, and the error undoes the
** statement all the same.
**
** A rule of the kind 'check' has no trigger: it is a table constraint,
** CONSTRAINT "richcheck_<id>" CHECK (richcheck(col, spec, label)), written
** into the table's definition (rcCheckEdit), and costs what a CHECK costs.
**
** richcheck_rules follows the triggers and constraints (rcRulesSync).
*/

static int rcInsertTriggers(sqlite3_context *ctx, const char *zFunc,
                            const char *zTable);
static int rcDropInsertTriggers(sqlite3_context *ctx, const char *zFunc,
                                const char *zTable);
static int rcUpdateTrigger(sqlite3_context *ctx, const char *zFunc,
                           sqlite3_int64 id, const RcTarget *t,
                           const char *zSpec);

/* The identifier token z[0..k) with its quotes taken off; sqlite3_free(). */
static char *rcIdentText(const char *z, int k) {
  sqlite3_str *pOut = sqlite3_str_new(0);
  char q = k > 0 ? z[0] : 0;
  int i = 0, iEnd = k;
  if (q == '"' || q == '`' || q == '[') {
    i = 1;
    if (k >= 2 && z[k - 1] == (q == '[' ? ']' : q)) iEnd = k - 1;
  } else {
    q = 0;
  }
  for (; i < iEnd; i++) {
    sqlite3_str_appendchar(pOut, 1, z[i]);
    if (q && q != '[' && z[i] == q) i++; /* a doubled quote */
  }
  return sqlite3_str_finish(pOut);
}

/* The offset of the label literal after the column token at z[iArg]
** ("col", 'spec', 'label'), with its length in *pnLabel; -1 if absent. */
static int rcRuleLabelAt(const char *z, int n, int iArg, int *pnLabel) {
  static const char aWant[] = {',', '\'', ',', '\''};
  int j = iArg, k = 0, i;
  for (i = 0; i < 4; i++) {
    j = rcTableDefNextToken(z, n, j, &k);
    if (j >= n || z[j] != aWant[i]) return -1;
  }
  *pnLabel = k;
  return j;
}

char *rcRuleColumn(const char *zSql, sqlite3_int64 id, const char *zSpec,
                   int *pbNoMem, int *piLabel, int *pnLabel) {
  int n, iStart, iEnd, iArg, k;
  char *zCol;
  *piLabel = -1;
  if (zSql == 0) return 0;
  n = (int)strlen(zSql);
  if (sqlite3_strnicmp(zSql, "CREATE TABLE", 12) == 0) {
    /* a rule of the kind 'check': CONSTRAINT "richcheck_<id>" CHECK (
    ** richcheck(column, 'spec', ...)), the column as SQLite keeps it in
    ** step; a constraint of that name that is not this rule's is not it */
    char zName[40], *zLit;
    int j, kLit, bSame;
    sqlite3_snprintf((int)sizeof(zName), zName, "richcheck_%lld", id);
    if (!rcTableDefFind(zSql, n, zName, &iStart, &iEnd, &iArg) || iArg < 0) {
      return 0;
    }
    k = rcTableDefIdent(zSql + iArg, n - iArg);
    if (k == 0) return 0;
    j = rcTableDefNextToken(zSql, n, iArg, &kLit);
    if (j >= iEnd || zSql[j] != ',') return 0;
    j = rcTableDefNextToken(zSql, n, j, &kLit);
    zLit = sqlite3_mprintf("%Q", zSpec);
    if (zLit == 0) {
      *pbNoMem = 1;
      return 0;
    }
    bSame = j < iEnd && kLit == (int)strlen(zLit) &&
            memcmp(zSql + j, zLit, (size_t)kLit) == 0;
    sqlite3_free(zLit);
    if (!bSame) return 0;
  } else {
    /* a trigger: richcheck(NEW.column, ...), found token by token (the
    ** text can be in the table's name too) */
    iArg = rcTableDefCallArg(zSql, n, "richcheck", "NEW");
    if (iArg < 0) return 0;
    k = rcTableDefIdent(zSql + iArg, n - iArg);
    if (k == 0) return 0;
  }
  zCol = rcIdentText(zSql + iArg, k);
  if (zCol == 0) *pbNoMem = 1;
  *piLabel = rcRuleLabelAt(zSql, n, iArg, pnLabel);
  return zCol;
}

void rcRuleHomesFree(RcHome *a, int n) {
  int i;
  for (i = 0; i < n; i++) {
    sqlite3_free(a[i].zTable);
    sqlite3_free(a[i].zColumn);
    sqlite3_free(a[i].zSpec);
    sqlite3_free(a[i].zNowTable);
    sqlite3_free(a[i].zNowColumn);
  }
  sqlite3_free(a);
}

/*
** Where each declared rule lives, as SQLite keeps it in step with the
** schema: its UPDATE trigger (kind 'trigger'), or the table whose definition
** holds its constraint (kind 'check').  The text of a constraint can stand
** in other tables too (a copy of the definition, a hostile name): a table
** counts only when its constraint of that name checks the rule's spec, and
** the table richcheck_rules names wins; when several others hold it and
** that one does not, the rule is left alone (bAmbiguous).
*/
int rcRuleHomesRead(sqlite3 *db, RcHome **paHome, int *pnHome) {
  sqlite3_stmt *pStmt = 0;
  RcHome *aHome = 0;
  int nHome = 0, rc, bNoMem = 0, iLabel, nLabel = 0;
  const char *zSql;
  *paHome = 0;
  *pnHome = 0;
  rc = sqlite3_prepare_v2(db,
                          "SELECT 1 FROM main.sqlite_schema WHERE type = "
                          "'table' AND name = 'richcheck_rules'",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  sqlite3_finalize(pStmt);
  pStmt = 0;
  if (rc == SQLITE_DONE) return SQLITE_OK; /* no rule was ever added */
  if (rc != SQLITE_ROW) return rc;
  rc = sqlite3_prepare_v2(
      db,
      "SELECT r.id, r.tbl, r.col, r.spec, s.tbl_name, s.sql, s.type = "
      "'table' FROM main.richcheck_rules r LEFT JOIN main.sqlite_schema s ON "
      "(s.type = 'trigger' AND s.name = 'richcheck_' || r.id || '_update') "
      "OR (s.type = 'table' AND instr(s.sql, 'CONSTRAINT \"richcheck_' || "
      "r.id || '\" CHECK') > 0) ORDER BY r.id, s.type = 'table', "
      "s.tbl_name = r.tbl DESC",
      -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(pStmt, 0);
    const char *zTbl = (const char *)sqlite3_column_text(pStmt, 1);
    const char *zSpec = (const char *)sqlite3_column_text(pStmt, 3);
    const char *zNow = (const char *)sqlite3_column_text(pStmt, 4);
    RcHome *h;
    char *zCol;
    rc = SQLITE_OK;
    if (nHome == 0 || aHome[nHome - 1].id != id) { /* a new rule */
      RcHome *aNew =
          (RcHome *)sqlite3_realloc64(aHome, sizeof(*aHome) * (nHome + 1));
      if (aNew == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      aHome = aNew;
      h = &aHome[nHome++];
      memset(h, 0, sizeof(*h));
      h->id = id;
      h->zTable = sqlite3_mprintf("%s", zTbl);
      h->zColumn =
          sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 2));
      h->zSpec = sqlite3_mprintf("%s", zSpec);
      if (!h->zTable || !h->zColumn || !h->zSpec) {
        rc = SQLITE_NOMEM;
        break;
      }
    }
    h = &aHome[nHome - 1];
    if (zNow == 0 || h->bAmbiguous || (h->zNowTable && !h->bCheck)) continue;
    if (h->zNowTable && strcmp(h->zTable, h->zNowTable) == 0) continue;
    zSql = (const char *)sqlite3_column_text(pStmt, 5);
    zCol = rcRuleColumn(zSql, id, zSpec, &bNoMem, &iLabel, &nLabel);
    if (bNoMem) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (zCol == 0) continue; /* not this rule's */
    if (h->zNowTable == 0) {
      char *zLabel = sqlite3_mprintf("'%q.%q'", zNow, zCol);
      h->zNowTable = sqlite3_mprintf("%s", zNow);
      h->zNowColumn = zCol;
      h->bCheck = sqlite3_column_int(pStmt, 6);
      h->bStale = zLabel == 0 || iLabel < 0 || nLabel != (int)strlen(zLabel) ||
                  memcmp(zSql + iLabel, zLabel, (size_t)nLabel) != 0;
      sqlite3_free(zLabel);
      if (h->zNowTable == 0 || zLabel == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
    } else {
      /* a second table holds it, and the first is not the recorded one */
      sqlite3_free(zCol);
      sqlite3_free(h->zNowTable);
      sqlite3_free(h->zNowColumn);
      h->zNowTable = h->zNowColumn = 0;
      h->bAmbiguous = 1;
    }
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_OK) {
    rcRuleHomesFree(aHome, nHome);
    return rc;
  }
  *paHome = aHome;
  *pnHome = nHome;
  return SQLITE_OK;
}

/* The result of a query of one TEXT value (0 and an error set if none). */
static char *rcQueryTextArg(sqlite3_context *ctx, const char *zFunc,
                            const char *zSql, const char *z1) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char *zOut = 0;
  int rc = rcQueryText(db, zSql, z1, 0, &zOut, 0);
  if (rc == SQLITE_ROW) return zOut;
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx, "%s: %s", zFunc,
            rc == SQLITE_DONE ? "the table is gone" : sqlite3_errmsg(db));
  }
  return 0;
}

/* The columns of table zTable of main as one text, to compare. */
#define RC_COLUMNS_SIGNATURE                                                   \
  "SELECT group_concat(cid || '|' || name || '|' || type || '|' || "           \
  "\"notnull\" || '|' || quote(dflt_value) || '|' || pk || '|' || hidden, "    \
  "';') FROM pragma_table_xinfo(?1, 'main')"

/*
** Whether zSql, the new definition of table zTable, is one SQLite takes and
** keeps the table's columns as they are: tried on a scratch database (with
** richcheck's functions, which a CHECK must name), before the real schema
** is touched: 1.  Else sets an error and returns 0, or with bQuiet returns
** -1 and sets none (out of memory is always an error).
*/
static int rcCheckTry(sqlite3_context *ctx, const char *zFunc,
                      const char *zTable, const char *zSql, int bQuiet) {
  sqlite3 *pScratch = 0;
  char *zWas = 0, *zNow = 0;
  int rc, ok = 0;
  zWas = rcQueryTextArg(ctx, zFunc, RC_COLUMNS_SIGNATURE, zTable);
  if (zWas == 0) return 0;
  rc = sqlite3_open_v2(":memory:", &pScratch,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0);
#ifdef SQLITE_CORE
  if (rc == SQLITE_OK) rc = sqlite3_richcheck_init(pScratch, 0, 0);
#else
  if (rc == SQLITE_OK) rc = sqlite3_richcheck_init(pScratch, 0, sqlite3_api);
#endif
  if (rc == SQLITE_OK) rc = sqlite3_exec(pScratch, zSql, 0, 0, 0);
  if (rc == SQLITE_OK) {
    rc = rcQueryText(pScratch, RC_COLUMNS_SIGNATURE, zTable, 0, &zNow, 0);
    if (rc == SQLITE_ROW) rc = SQLITE_OK;
  }
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if ((rc != SQLITE_OK || zNow == 0 || strcmp(zWas, zNow) != 0) &&
             bQuiet) {
    ok = -1; /* the caller goes on without it */
  } else if (rc != SQLITE_OK || zNow == 0 || strcmp(zWas, zNow) != 0) {
    rcUsage(ctx,
            "%s: the definition of \"%w\" could not be rewritten (%s); "
            "nothing was changed%s",
            zFunc, zTable,
            rc != SQLITE_OK && pScratch ? sqlite3_errmsg(pScratch)
                                        : "its columns would change",
            strcmp(zFunc, "richcheck_add_rule") == 0
                ? "; declare the rule without 'check'"
                : "");
  } else {
    ok = 1;
  }
  sqlite3_close(pScratch);
  sqlite3_free(zWas);
  sqlite3_free(zNow);
  return ok;
}

/*
** Writes zSql as the definition of table zTable, as SQLite's documentation
** says a table's definition may be changed in place: sqlite_schema edited
** under writable_schema, the schema version raised by one (every connection,
** this one too, reads the schema anew).  Inside the caller's savepoint: a
** failure undoes it.  Turning writable_schema on and off expires every
** statement of the connection: one still running is ended with
** SQLITE_ABORT_ROLLBACK when it next opens a table (rcCheckEdit refuses to
** run beside another statement; the caller's own must not read on).
*/
static int rcCheckWrite(sqlite3_context *ctx, const char *zFunc,
                        const char *zTable, const char *zSql) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 iVersion;
  int bWritable = 0, rc, ok;
  sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, -1, &bWritable);
  sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 1, 0);
  rc = sqlite3_prepare_v2(db,
                          "UPDATE main.sqlite_schema SET sql = ?1 WHERE type = "
                          "'table' AND name = ?2",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(pStmt, 1, zSql, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 2, zTable, -1, SQLITE_STATIC);
    rc = sqlite3_step(pStmt);
    rc = rc == SQLITE_DONE && sqlite3_changes(db) == 1 ? SQLITE_OK : rc;
  }
  sqlite3_finalize(pStmt);
  ok = rc == SQLITE_OK;
  if (!ok) rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
  iVersion =
      ok ? rcQueryInt(ctx, zFunc, sqlite3_mprintf("PRAGMA main.schema_version"))
         : -1;
  ok = iVersion >= 0 &&
       rcExec(
           ctx, zFunc,
           sqlite3_mprintf("PRAGMA main.schema_version = %lld", iVersion + 1));
  /* The schema_version pragma leaves this connection's idea of the version
  ** one behind the file's: its next statement reads the schema anew. */
  if (!bWritable) sqlite3_db_config(db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0, 0);
  return ok;
}

/* How many statements of db are running (stepped, not yet reset). */
static int rcBusyStatements(sqlite3 *db) {
  sqlite3_stmt *p = 0;
  int n = 0;
  while ((p = sqlite3_next_stmt(db, p)) != 0)
    n += sqlite3_stmt_busy(p) != 0;
  return n;
}

/*
** What keeps richcheck from rewriting a definition now: 0 nothing, 1 another
** statement running (the rewrite would end it), 2 SQLITE_DBCONFIG_DEFENSIVE.
*/
static int rcCheckBlocker(sqlite3 *db) {
  int bDefensive = 0;
  if (rcBusyStatements(db) > 1) return 1;
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &bDefensive);
  return bDefensive ? 2 : 0;
}

/*
** Whether this connection lets richcheck rewrite a table's definition now;
** else sets the error that says why and returns 0.
*/
static int rcCheckAllowed(sqlite3_context *ctx, const char *zFunc) {
  int eBlocker = rcCheckBlocker(sqlite3_context_db_handle(ctx));
  int bAdd = strcmp(zFunc, "richcheck_add_rule") == 0;
  if (eBlocker == 1) {
    rcUsage(ctx,
            "%s: a rule of the kind 'check' rewrites the table's definition, "
            "which ends the other statements running on this connection; "
            "finish or reset them first%s",
            zFunc,
            bAdd ? ", or declare the rule without 'check' (triggers)" : "");
  } else if (eBlocker == 2) {
    rcUsage(ctx,
            "%s: a rule of the kind 'check' is written into the table's "
            "definition, which this connection forbids "
            "(SQLITE_DBCONFIG_DEFENSIVE); %s",
            zFunc,
            bAdd ? "declare the rule without 'check' (triggers)"
                 : "drop it from a connection that allows it");
  }
  return eBlocker == 0;
}

/* Whether rule h lives under another table or column name than recorded. */
static int rcHomeMoved(const RcHome *h) {
  return !h->bAmbiguous && h->zNowTable &&
         (strcmp(h->zTable, h->zNowTable) != 0 ||
          strcmp(h->zColumn, h->zNowColumn) != 0);
}

/* Whether rule h is the one of table zTable, column zColumn and spec zSpec
** (any spec when 0), by the names it has now (else those recorded). */
static int rcHomeMatches(const RcHome *h, const char *zTable,
                         const char *zColumn, const char *zSpec) {
  const char *zT = h->zNowTable ? h->zNowTable : h->zTable;
  const char *zC = h->zNowTable ? h->zNowColumn : h->zColumn;
  return sqlite3_stricmp(zT, zTable) == 0 &&
         sqlite3_stricmp(zC, zColumn) == 0 &&
         (zSpec == 0 || strcmp(h->zSpec, zSpec) == 0);
}

/*
** Checked before anything is changed (a savepoint rolled back after a
** schema change ends the other statements too): whether the call will
** rewrite a table's definition, and if so whether it can.  It will for the
** kind 'check' (bCheck), and for a rule of that kind that it converts or
** drops (table zTable, column zColumn, spec zSpec or any when 0).  (A rule
** of that kind that was renamed gets its label anew only when rewriting is
** possible: rcRulesSync.)
*/
static int rcCheckAllowedFor(sqlite3_context *ctx, const char *zFunc,
                             const char *zTable, const char *zColumn,
                             const char *zSpec, int bCheck) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  RcHome *aHome = 0;
  int nHome = 0, i, bNeed = bCheck, rc;
  if (!bNeed) {
    rc = rcRuleHomesRead(db, &aHome, &nHome);
    if (rc != SQLITE_OK) {
      rcUsage(ctx, "%s: %s", zFunc,
              rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
      return 0;
    }
    for (i = 0; i < nHome && !bNeed; i++) {
      const RcHome *h = &aHome[i];
      if (!h->bCheck || h->zNowTable == 0) continue;
      bNeed = rcHomeMatches(h, zTable, zColumn, zSpec);
    }
    rcRuleHomesFree(aHome, nHome);
  }
  return !bNeed || rcCheckAllowed(ctx, zFunc);
}

/*
** Rewrites table zTable's definition: takes rule id's constraint away (when
** it is there) and, if zColumn is not 0, writes it anew at the end of the
** column list for column zColumn.  bNew: the rule is new to the table, so
** a constraint of its name there is somebody else's, which is an error.
** On failure sets an error, returns 0; bQuiet: when the new definition
** cannot be made, changes nothing and returns 1 (a label that can wait).
*/
static int rcCheckEdit(sqlite3_context *ctx, const char *zFunc,
                       sqlite3_int64 id, const char *zTable,
                       const char *zColumn, const char *zSpec, int bNew,
                       int bQuiet) {
  char zName[40], *zSql, *zNew = 0;
  int bFound, n, iStart, iEnd, iArg, ok;
  if (!rcCheckAllowed(ctx, zFunc)) return 0;
  zSql = rcQueryTextArg(ctx, zFunc,
                        "SELECT sql FROM main.sqlite_schema WHERE type = "
                        "'table' AND name = ?1",
                        zTable);
  if (zSql == 0) return 0;
  sqlite3_snprintf((int)sizeof(zName), zName, "richcheck_%lld", id);
  n = (int)strlen(zSql);
  bFound = rcTableDefFind(zSql, n, zName, &iStart, &iEnd, &iArg);
  if (bFound && bNew) {
    rcUsage(ctx,
            "%s: table \"%w\" already has a constraint named \"%s\"; "
            "nothing was changed",
            zFunc, zTable, zName);
    sqlite3_free(zSql);
    return 0;
  }
  if (bFound) {
    memmove(zSql + iStart, zSql + iEnd, (size_t)(n - iEnd) + 1);
    n -= iEnd - iStart;
  } else if (zColumn == 0) {
    sqlite3_free(zSql);
    return 1; /* nothing to take away */
  }
  if (zColumn) {
    int iAt = rcTableDefEnd(zSql, n);
    if (iAt < 0) {
      if (!bQuiet) {
        rcUsage(ctx, "%s: the definition of \"%w\" has no column list", zFunc,
                zTable);
      }
      sqlite3_free(zSql);
      return bQuiet;
    }
    zNew = sqlite3_mprintf(
        "%.*s, CONSTRAINT \"%s\" CHECK (richcheck(\"%w\", %Q, '%q.%q'))%s", iAt,
        zSql, zName, zColumn, zSpec, zTable, zColumn, zSql + iAt);
  } else {
    zNew = sqlite3_mprintf("%s", zSql);
  }
  sqlite3_free(zSql);
  if (zNew == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  ok = rcCheckTry(ctx, zFunc, zTable, zNew, bQuiet);
  ok = ok < 0 || (ok && rcCheckWrite(ctx, zFunc, zTable, zNew));
  sqlite3_free(zNew);
  return ok;
}

/*
** Brings richcheck_rules up to date with where the rules live (their
** triggers and constraints), which SQLite keeps in step with the schema:
** the rows of a dropped table go, and a rule whose table or column was
** renamed takes the new names, and its trigger or constraint is written
** anew, so that messages carry the new label.
*/
static int rcRulesSync(sqlite3_context *ctx, const char *zFunc) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  RcHome *aHome = 0;
  const char **azTable = 0; /* tables whose INSERT triggers are remade */
  int nHome = 0, nTable = 0, i, j, ok = 1, rc, pass;
  /* a rule of the kind 'check' gets its new label when its table's
  ** definition can be rewritten (its constraint works meanwhile) */
  int bRewrite = rcCheckBlocker(db) == 0;

  rc = rcRuleHomesRead(db, &aHome, &nHome);
  if (rc != SQLITE_OK) {
    rcUsage(ctx, "%s: %s", zFunc,
            rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
    return 0;
  }
  azTable = (const char **)sqlite3_malloc64(sizeof(char *) * 2 * (nHome + 1));
  if (azTable == 0) {
    rcRuleHomesFree(aHome, nHome);
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  /* The schema can change only once the scan of it is over.  Rows first:
  ** the rules of a dropped table go; a renamed rule's row takes its names
  ** now, in two steps (first a name no rule has), since two rules can
  ** have swapped names. */
  for (i = 0; ok && i < nHome; i++) {
    const RcHome *h = &aHome[i];
    if (h->bAmbiguous || h->zNowTable) continue;
    ok = rcExec(ctx, zFunc,
                sqlite3_mprintf("DELETE FROM main.richcheck_rules WHERE id "
                                "= %lld",
                                h->id));
  }
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; ok && i < nHome; i++) {
      const RcHome *h = &aHome[i];
      if (!rcHomeMoved(h)) continue;
      ok = rcExec(
          ctx, zFunc,
          pass == 0
              ? sqlite3_mprintf("UPDATE main.richcheck_rules SET tbl = "
                                "char(1) || id WHERE id = %lld",
                                h->id)
              : sqlite3_mprintf("UPDATE main.richcheck_rules SET tbl = %Q, "
                                "col = %Q WHERE id = %lld",
                                h->zNowTable, h->zNowColumn, h->id));
    }
  }
  /* then each rule whose label is not its names of now: its trigger or
  ** constraint, written anew */
  for (i = 0; ok && i < nHome; i++) {
    const RcHome *h = &aHome[i];
    RcTarget t;
    if (h->bAmbiguous || h->zNowTable == 0) continue;
    if (!rcHomeMoved(h) && !h->bStale) continue;
    if (h->bCheck && !bRewrite) continue;
    ok = rcTargetFind(ctx, zFunc, h->zNowTable, h->zNowColumn, &t);
    if (!ok) break;
    if (h->bCheck) {
      /* a definition that cannot be made keeps its old label */
      ok = rcCheckEdit(ctx, zFunc, h->id, t.zTable, t.zColumn, h->zSpec, 0, 1);
    } else {
      ok = rcUpdateTrigger(ctx, zFunc, h->id, &t, h->zSpec);
      azTable[nTable++] = h->zTable;
      azTable[nTable++] = h->zNowTable;
    }
    rcTargetFree(&t);
  }
  /* the INSERT triggers of the tables concerned: all dropped, then made
  ** (their names, from the smallest id, could be taken meanwhile) */
  for (i = 0; ok && i < nTable; i++) {
    ok = rcDropInsertTriggers(ctx, zFunc, azTable[i]);
  }
  for (i = 0; ok && i < nTable; i++) {
    for (j = 0; j < i && strcmp(azTable[j], azTable[i]) != 0; j++) {
    }
    if (j == i) ok = rcInsertTriggers(ctx, zFunc, azTable[i]);
  }
  sqlite3_free(azTable);
  rcRuleHomesFree(aHome, nHome);
  return ok;
}

/*
** Drops table zTable's INSERT triggers (whatever the smallest id was when
** they were made); on failure sets a usage error and returns 0.
*/
static int rcDropInsertTriggers(sqlite3_context *ctx, const char *zFunc,
                                const char *zTable) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *pStmt = 0;
  int ok = 1, rc;
  rc = sqlite3_prepare_v2(db,
                          "SELECT name FROM main.sqlite_schema WHERE type = "
                          "'trigger' AND tbl_name = ?1 AND (name GLOB "
                          "'richcheck_[0-9]*_insert' OR name GLOB "
                          "'richcheck_[0-9]*_insert_after')",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    sqlite3_str *pDrop = sqlite3_str_new(db);
    sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
    while (sqlite3_step(pStmt) == SQLITE_ROW) {
      sqlite3_str_appendf(pDrop, "DROP TRIGGER main.\"%w\";",
                          (const char *)sqlite3_column_text(pStmt, 0));
    }
    rc = sqlite3_finalize(pStmt);
    if (rc == SQLITE_OK && sqlite3_str_length(pDrop) > 0) {
      ok = rcExec(ctx, zFunc, sqlite3_str_finish(pDrop));
    } else {
      sqlite3_free(sqlite3_str_finish(pDrop));
    }
  }
  if (rc != SQLITE_OK) {
    rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
    return 0;
  }
  return ok;
}

/*
** Makes table zTable's INSERT triggers anew from its rows in
** richcheck_rules; on failure sets a usage error and returns 0.
*/
static int rcInsertTriggers(sqlite3_context *ctx, const char *zFunc,
                            const char *zTable) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *aBody[2]; /* [0] BEFORE, [1] AFTER (generated columns) */
  sqlite3_int64 idFirst = 0;
  int ok = 1, rc, i, anRule[2] = {0, 0};

  if (!rcDropInsertTriggers(ctx, zFunc, zTable)) return 0;
  aBody[0] = sqlite3_str_new(db);
  aBody[1] = sqlite3_str_new(db);
  rc = sqlite3_prepare_v2(db,
                          "SELECT id, col, spec FROM main.richcheck_rules r "
                          "WHERE tbl = ?1 AND EXISTS (SELECT 1 FROM "
                          "main.sqlite_schema WHERE type = 'trigger' AND "
                          "name = 'richcheck_' || r.id || '_update') ORDER "
                          "BY id",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
    while (ok && sqlite3_step(pStmt) == SQLITE_ROW) {
      const char *zCol = (const char *)sqlite3_column_text(pStmt, 1);
      const char *zSpec = (const char *)sqlite3_column_text(pStmt, 2);
      RcTarget t;
      ok = rcTargetFind(ctx, zFunc, zTable, zCol, &t);
      if (!ok) break;
      if (idFirst == 0) idFirst = sqlite3_column_int64(pStmt, 0);
      i = t.bGenerated || t.bRowidAlias;
      sqlite3_str_appendf(aBody[i], "%srichcheck(NEW.\"%w\", %Q, '%q.%q')",
                          anRule[i]++ ? ", " : "", t.zColumn, zSpec, t.zTable,
                          t.zColumn);
      rcTargetFree(&t);
    }
    rc = sqlite3_finalize(pStmt);
  }
  for (i = 0; i < 2; i++) {
    char *zBody = sqlite3_str_finish(aBody[i]);
    if (ok && rc == SQLITE_OK && anRule[i] > 0) {
      ok = rcExec(
          ctx, zFunc,
          sqlite3_mprintf("CREATE TRIGGER main.\"richcheck_%lld_insert%s\" "
                          "%s INSERT ON \"%w\" BEGIN SELECT %s; END",
                          idFirst, i ? "_after" : "", i ? "AFTER" : "BEFORE",
                          zTable, zBody));
    }
    sqlite3_free(zBody);
  }
  if (ok && rc != SQLITE_OK) {
    rcUsage(ctx, "%s: %s", zFunc, sqlite3_errmsg(db));
    ok = 0;
  }
  return ok;
}

/*
** Makes rule id's UPDATE trigger (anew: so adding a rule twice repairs it,
** and a renamed table or column gets its new label); on failure sets a
** usage error and returns 0.
*/
static int rcUpdateTrigger(sqlite3_context *ctx, const char *zFunc,
                           sqlite3_int64 id, const RcTarget *t,
                           const char *zSpec) {
  char *zLabel = sqlite3_mprintf("%s.%s", t->zTable, t->zColumn);
  char *zOf = t->bGenerated ? sqlite3_mprintf("")
                            : sqlite3_mprintf(" OF \"%w\"", t->zColumn);
  int ok =
      zLabel && zOf &&
      rcExec(ctx, zFunc,
             sqlite3_mprintf(
                 "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\";"
                 "CREATE TRIGGER main.\"richcheck_%lld_update\" %s UPDATE%s ON "
                 "\"%w\" BEGIN SELECT richcheck(NEW.\"%w\", %Q, %Q); END;",
                 id, id, t->bGenerated ? "AFTER" : "BEFORE", zOf, t->zTable,
                 t->zColumn, zSpec, zLabel));
  if (zLabel == 0 || zOf == 0) sqlite3_result_error_nomem(ctx);
  sqlite3_free(zLabel);
  sqlite3_free(zOf);
  return ok;
}

/* Whether rule id has its UPDATE trigger (kind 'trigger'); -1: error. */
static int rcIsTriggerRule(sqlite3_context *ctx, const char *zFunc,
                           sqlite3_int64 id) {
  return (int)rcQueryInt(
      ctx, zFunc,
      sqlite3_mprintf("SELECT count(*) FROM main.sqlite_schema WHERE type = "
                      "'trigger' AND name = 'richcheck_%lld_update'",
                      id));
}

/*
** Whether the existing rows of t keep the rule zSpec (or bNotValid says to
** add it anyway); else sets the error that counts them, names the way to
** list them, and returns 0.
*/
static int rcRuleRowsOk(sqlite3_context *ctx, const char *zFunc,
                        const RcTarget *t, const char *zSpec, int bNotValid) {
  sqlite3_int64 nBad;
  if (bNotValid) return 1;
  nBad = rcQueryInt(ctx, zFunc,
                    sqlite3_mprintf("SELECT count(*) FROM main.\"%w\" WHERE "
                                    "NOT richcheck_valid(\"%w\", %Q)",
                                    t->zTable, t->zColumn, zSpec));
  if (nBad < 0) return 0;
  if (nBad > 0) {
    char *zMsg = sqlite3_mprintf(
        "%s: %lld row%s of \"%w\" break%s the rule %s on column \"%w\"; "
        "list them "
        "with SELECT * FROM richcheck_violations(%Q, %Q, %Q), fix them, "
        "or add the rule anyway with the option 'not valid'",
        zFunc, nBad, nBad == 1 ? "" : "s", t->zTable, nBad == 1 ? "s" : "",
        zSpec, t->zColumn, t->zTable, t->zColumn, zSpec);
    if (zMsg == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      sqlite3_result_error(ctx, zMsg, -1);
      sqlite3_result_error_code(ctx, SQLITE_CONSTRAINT_CHECK);
      sqlite3_free(zMsg);
    }
    return 0;
  }
  return 1;
}

/*
** The body of richcheck_add_rule, inside its savepoint: returns 1 (added,
** or made of the other kind), 0 (there already) or -1 (an error is set).
*/
static int rcAddRule(sqlite3_context *ctx, const RcTarget *t, const char *zSpec,
                     int bNotValid, int bCheck) {
  static const char *zFunc = "richcheck_add_rule";
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_int64 id, iLastRowid = sqlite3_last_insert_rowid(db);
  int ok, bAdded, bTrigger = 0, bOther = 0;

  if (!rcExec(ctx, zFunc, sqlite3_mprintf("%s", RC_RULES_TABLE)) ||
      !rcRulesSync(ctx, zFunc)) {
    return -1;
  }
  id = rcQueryInt(ctx, zFunc,
                  sqlite3_mprintf("SELECT id FROM main.richcheck_rules WHERE "
                                  "tbl = %Q AND col = %Q AND spec = %Q",
                                  t->zTable, t->zColumn, zSpec));
  if (id < 0) return -1;
  bAdded = id == 0;
  if (bAdded) {
    if (!rcRuleRowsOk(ctx, zFunc, t, zSpec, bNotValid)) return -1;
    if (!rcExec(ctx, zFunc,
                sqlite3_mprintf("INSERT INTO main.richcheck_rules(tbl, col, "
                                "spec) VALUES (%Q, %Q, %Q)",
                                t->zTable, t->zColumn, zSpec))) {
      return -1;
    }
    id = sqlite3_last_insert_rowid(db);
    sqlite3_set_last_insert_rowid(db, iLastRowid);
  } else {
    bTrigger = rcIsTriggerRule(ctx, zFunc, id);
    if (bTrigger < 0) return -1;
    /* there already, but of the other kind: made of the kind asked for;
    ** a CHECK holds for every row, so its rows are checked first */
    bOther = bTrigger == bCheck;
    if (bOther && bCheck && !rcRuleRowsOk(ctx, zFunc, t, zSpec, bNotValid)) {
      return -1;
    }
  }
  if (bCheck) {
    ok = (!bTrigger ||
          rcExec(ctx, zFunc,
                 sqlite3_mprintf(
                     "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\"",
                     id))) &&
         (!(bAdded || bOther) ||
          rcCheckEdit(ctx, zFunc, id, t->zTable, t->zColumn, zSpec, 1, 0)) &&
         rcInsertTriggers(ctx, zFunc, t->zTable);
  } else {
    ok = (!bOther || rcCheckEdit(ctx, zFunc, id, t->zTable, 0, zSpec, 0, 0)) &&
         rcUpdateTrigger(ctx, zFunc, id, t, zSpec) &&
         rcInsertTriggers(ctx, zFunc, t->zTable);
  }
  return ok ? bAdded || bOther : -1;
}

/*
** Reads richcheck_add_rule's options: 'not valid', 'check', or both joined
** by ',' (any case, spaces around them ignored).  Else a usage error, 0.
*/
static int rcRuleOptions(sqlite3_context *ctx, const char *zFunc,
                         const char *zOpt, int *pbNotValid, int *pbCheck) {
  const char *z = zOpt;
  while (1) {
    int n;
    while (*z == ' ')
      z++;
    for (n = 0; z[n] && z[n] != ','; n++) {
    }
    while (n > 0 && z[n - 1] == ' ')
      n--;
    if (n == 9 && sqlite3_strnicmp(z, "not valid", 9) == 0) {
      *pbNotValid = 1;
    } else if (n == 5 && sqlite3_strnicmp(z, "check", 5) == 0) {
      *pbCheck = 1;
    } else {
      char *zShown =
          rcCleanText((const unsigned char *)zOpt, (int)strlen(zOpt), 1);
      rcUsage(ctx,
              "%s: unknown option '%s': the options are 'not valid' (add the "
              "rule although rows break it) and 'check' (the rule as a CHECK "
              "constraint of the table, not triggers), or both: 'check, not "
              "valid'",
              zFunc, zShown ? zShown : "");
      sqlite3_free(zShown);
      return 0;
    }
    while (z[n] == ' ')
      n++;
    if (z[n] != ',') return 1;
    z += n + 1;
  }
}

void rcAddRuleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_add_rule";
  const char *zTable, *zColumn, *zSpec;
  RcRuleSet *pSet;
  RcTarget t;
  char zErr[300];
  int bNotValid = 0, bCheck = 0, rc, bAuto;

  if ((zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zColumn = rcTextArg(ctx, zFunc, "column", argv[1])) == 0 ||
      (zSpec = rcTextArg(ctx, zFunc, "spec", argv[2])) == 0) {
    return;
  }
  if (argc > 3 && sqlite3_value_type(argv[3]) != SQLITE_NULL) {
    const char *zOpt = rcTextArg(ctx, zFunc, "option", argv[3]);
    if (zOpt == 0 || !rcRuleOptions(ctx, zFunc, zOpt, &bNotValid, &bCheck)) {
      return;
    }
  }
  pSet = (RcRuleSet *)sqlite3_malloc64(sizeof(*pSet));
  if (pSet == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rc = rcRuleParse(zSpec, (size_t)sqlite3_value_bytes(argv[2]), pSet, zErr,
                   (int)sizeof(zErr));
  sqlite3_free(pSet);
  if (!rc) {
    char *zShown = rcCleanText((const unsigned char *)zSpec,
                               sqlite3_value_bytes(argv[2]), 1);
    rcUsage(ctx, "%s: spec \"%s\", %s", zFunc, zShown ? zShown : "", zErr);
    sqlite3_free(zShown);
    return;
  }
  if (!rcTargetFind(ctx, zFunc, zTable, zColumn, &t)) return;
  if (!rcCheckAllowedFor(ctx, zFunc, t.zTable, t.zColumn, zSpec, bCheck)) {
    rcTargetFree(&t);
    return;
  }
  if (rcSavepoint(ctx, zFunc, &bAuto)) {
    rc = rcAddRule(ctx, &t, zSpec, bNotValid, bCheck);
    if (rcSavepointEnd(ctx, zFunc, bAuto, rc >= 0)) sqlite3_result_int(ctx, rc);
  }
  rcTargetFree(&t);
}

void rcDropRuleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_drop_rule";
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zTable, *zColumn, *zSpec = 0;
  sqlite3_int64 nDropped = 0;
  const char *zTriggerTable = 0; /* the table whose INSERT triggers change */
  RcHome *aHome = 0;
  int rc, ok = 1, bAuto, nHome = 0, i;

  if ((zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zColumn = rcTextArg(ctx, zFunc, "column", argv[1])) == 0 ||
      (argc > 2 && (zSpec = rcTextArg(ctx, zFunc, "spec", argv[2])) == 0)) {
    return;
  }
  if (!rcCheckAllowedFor(ctx, zFunc, zTable, zColumn, zSpec, 0)) return;
  if (!rcSavepoint(ctx, zFunc, &bAuto)) return;
  ok = rcRulesSync(ctx, zFunc);
  if (ok) {
    rc = rcRuleHomesRead(db, &aHome, &nHome);
    if (rc != SQLITE_OK) {
      rcUsage(ctx, "%s: %s", zFunc,
              rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
      ok = 0;
    }
  }
  /* the rules of that table and column, by the names they have now: a
  ** trigger, or a constraint taken out of its table's definition (a rule
  ** whose constraint is in several tables, none the recorded one, is only
  ** forgotten: its copies stay as they are) */
  for (i = 0; ok && i < nHome; i++) {
    const RcHome *h = &aHome[i];
    if (!rcHomeMatches(h, zTable, zColumn, zSpec)) continue;
    if (h->zNowTable && h->bCheck) {
      ok = rcCheckEdit(ctx, zFunc, h->id, h->zNowTable, 0, 0, 0, 0);
    } else if (h->zNowTable && zTriggerTable == 0) {
      zTriggerTable = h->zNowTable;
    }
    ok = ok &&
         rcExec(ctx, zFunc,
                sqlite3_mprintf(
                    "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\";"
                    "DELETE FROM main.richcheck_rules WHERE id = %lld",
                    h->id, h->id));
    nDropped += ok;
  }
  if (ok && zTriggerTable) ok = rcInsertTriggers(ctx, zFunc, zTriggerTable);
  rcRuleHomesFree(aHome, nHome);
  if (rcSavepointEnd(ctx, zFunc, bAuto, ok)) {
    sqlite3_result_int64(ctx, nDropped);
  }
}
