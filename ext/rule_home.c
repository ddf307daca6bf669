/*
** rule_home.c - where each declared rule lives, read from the schema, and
** whether it is in force.
**
** A declared rule is a row of richcheck_rules and, in the schema, either
** triggers (the kind 'trigger': richcheck_<id>_update, and a call in its
** table's INSERT trigger richcheck_<n>_insert) or a table constraint (the
** kind 'check': CONSTRAINT "richcheck_<id>" CHECK (richcheck(...))).  The
** database file may come from anyone, so a trigger or constraint counts only
** when it is, token for token, what richcheck writes, with the rule's own
** spec; only the column, the table and the label literal may differ, since
** renames rewrite them.  Anything else of that name (a WHEN clause, an OR
** 1, another function) leaves the rule not in force, and says so.  SQLite
** keeps triggers and constraints in step with renames, so they tell where
** a rule lives now; richcheck_rules follows them (rule_schema.c).
**
** richcheck_rules itself must be the table richcheck makes, exactly, with
** no trigger or index of anyone else's: richcheck writes to it, and a
** trigger there would run at every rule added.
*/
#include "rule_schema.h"
#include "rule.h"
#include "tabledef.h"

#include <string.h>

/* The body of richcheck_rules as richcheck makes it now, and as 0.1 did. */
#define RC_RULES_COLUMNS_V1                                                    \
  "(\n"                                                                        \
  "  id INTEGER PRIMARY KEY,\n"                                                \
  "  tbl TEXT NOT NULL,\n"                                                     \
  "  col TEXT NOT NULL,\n"                                                     \
  "  spec TEXT NOT NULL,\n"                                                    \
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
#define RC_RULES_COLUMNS_V2                                                    \
  RC_RULES_COLUMNS_V1                                                          \
  "  kind TEXT NOT NULL DEFAULT 'trigger',\n"                                  \
  "  enforced INTEGER NOT NULL DEFAULT 1,\n"
#define RC_RULES_END                                                           \
  "  UNIQUE (tbl, col, spec)\n"                                                \
  ")"

const char rcRulesTableSql[] =
    "CREATE TABLE main.richcheck_rules" RC_RULES_COLUMNS_V2 RC_RULES_END;

static const char *const azRulesShape[] = {
    "CREATE TABLE richcheck_rules" RC_RULES_COLUMNS_V1 RC_RULES_END,
    "CREATE TABLE richcheck_rules" RC_RULES_COLUMNS_V2 RC_RULES_END,
};

/* The patterns of what richcheck writes (tabledef.h: rcSqlMatch).  Names
** are written in double quotes, and renames write them so: a bare word
** there (NULL, a number, CURRENT_DATE) is not a column. */
#define RC_PAT_CALL "richcheck ( NEW . %q , %s , %s )"
static const char zPatUpdate[] = /* name, column, table, column, spec, label */
    "CREATE TRIGGER %q BEFORE UPDATE OF %q ON %q BEGIN SELECT " RC_PAT_CALL
    " ; END $";
static const char zPatUpdateAfter[] = /* name, table, column, spec, label */
    "CREATE TRIGGER %q AFTER UPDATE ON %q BEGIN SELECT " RC_PAT_CALL " ; END $";
static const char zPatInsert[] = "CREATE TRIGGER %q BEFORE INSERT ON %q BEGIN "
                                 "SELECT";
static const char zPatInsertAfter[] = "CREATE TRIGGER %q AFTER INSERT ON %q "
                                      "BEGIN SELECT";
/* The name may be bare: SQLAlchemy writes a reflected one so (batch copies). */
static const char zPatCheck[] = /* name, column, spec, label */
    "CONSTRAINT %i CHECK ( richcheck ( %q , %s , %s ) )";

void rcRuleHomesFree(RcHomes *p) {
  int i;
  for (i = 0; i < p->n; i++) {
    RcHome *h = &p->a[i];
    sqlite3_free(h->zTable);
    sqlite3_free(h->zColumn);
    sqlite3_free(h->zSpec);
    sqlite3_free(h->zNowTable);
    sqlite3_free(h->zNowColumn);
  }
  sqlite3_free(p->a);
  memset(p, 0, sizeof(*p));
}

/* The text of identifier token z[0..k) with its quotes taken off, or of
** string literal z[0..k); sqlite3_free() it; 0: out of memory. */
static char *rcTokenText(const char *z, int k) {
  sqlite3_str *pOut = sqlite3_str_new(0);
  char q = k > 0 ? z[0] : 0;
  int i = 0, iEnd = k;
  char *zOut;
  if (q == '"' || q == '`' || q == '[' || q == '\'') {
    i = 1;
    if (k >= 2 && z[k - 1] == (q == '[' ? ']' : q)) iEnd = k - 1;
  } else {
    q = 0;
  }
  for (; i < iEnd; i++) {
    sqlite3_str_appendchar(pOut, 1, z[i]);
    if (q && q != '[' && z[i] == q) i++; /* a doubled quote */
  }
  if (sqlite3_str_errcode(pOut) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(pOut));
    return 0;
  }
  zOut = sqlite3_str_finish(pOut);
  return zOut ? zOut : sqlite3_mprintf("");
}

/* ---- what the schema holds ---------------------------------------------- */

/* A call richcheck(NEW."col", 'spec', 'label') of a trigger it wrote. */
typedef struct RcCall RcCall;
struct RcCall {
  sqlite3_int64 id; /* the trigger's: richcheck_<id>_... */
  char *zTable;     /* tbl_name of the trigger */
  char *zColumn, *zSpec, *zLabel;
  int bAfter;  /* AFTER (generated column, INTEGER PRIMARY KEY) */
  int bUpdate; /* an UPDATE trigger (of column zColumn); else INSERT */
  int bExact;  /* the whole trigger is what richcheck writes */
};

/* A table whose definition holds "richcheck_". */
typedef struct RcDef RcDef;
struct RcDef {
  char *zName, *zSql;
};

typedef struct RcSchema RcSchema;
struct RcSchema {
  RcCall *aCall;
  int nCall;
  RcDef *aDef;
  int nDef;
  sqlite3_int64 idMax; /* the largest id in a name richcheck_<id>... */
};

static void rcSchemaFree(RcSchema *p) {
  int i;
  for (i = 0; i < p->nCall; i++) {
    sqlite3_free(p->aCall[i].zTable);
    sqlite3_free(p->aCall[i].zColumn);
    sqlite3_free(p->aCall[i].zSpec);
    sqlite3_free(p->aCall[i].zLabel);
  }
  for (i = 0; i < p->nDef; i++) {
    sqlite3_free(p->aDef[i].zName);
    sqlite3_free(p->aDef[i].zSql);
  }
  sqlite3_free(p->aCall);
  sqlite3_free(p->aDef);
}

/* The rule id written at z (a positive int64, no leading zero), with the
** number of its digits in *pn; 0 when there is none. */
static sqlite3_int64 rcIdAt(const char *z, int *pn) {
  sqlite3_int64 id = 0;
  int n = 0;
  if (*z < '1' || *z > '9') return 0;
  for (; z[n] >= '0' && z[n] <= '9'; n++) {
    int d = z[n] - '0';
    if (id > (INT64_MAX - d) / 10) return 0; /* past int64 */
    id = id * 10 + d;
  }
  *pn = n;
  return id;
}

int rcRuleTriggerRole(const char *zName, sqlite3_int64 *pId) {
  const char *z = zName;
  sqlite3_int64 id;
  int nDigit = 0;
  if (sqlite3_strnicmp(z, "richcheck_", 10) != 0) return 0;
  id = rcIdAt(z + 10, &nDigit);
  if (id == 0) return 0;
  z += 10 + nDigit;
  *pId = id;
  if (sqlite3_stricmp(z, "_update") == 0) return 1;
  if (sqlite3_stricmp(z, "_insert") == 0) return 2;
  if (sqlite3_stricmp(z, "_insert_after") == 0) return 3;
  return 0;
}

/* Appends a call read from z at the tokens aCap[0..3) (column, spec,
** label); SQLITE_NOMEM or SQLITE_OK. */
static int rcSchemaAddCall(RcSchema *p, sqlite3_int64 id, const char *zTable,
                           const char *z, const RcTok *aCap, int bUpdate,
                           int bAfter, int bExact) {
  RcCall *aNew, *c;
  aNew = (RcCall *)sqlite3_realloc64(
      p->aCall, sizeof(RcCall) * (sqlite3_uint64)(p->nCall + 1));
  if (aNew == 0) return SQLITE_NOMEM;
  p->aCall = aNew;
  c = &aNew[p->nCall++];
  memset(c, 0, sizeof(*c));
  c->id = id;
  c->bUpdate = bUpdate;
  c->bAfter = bAfter;
  c->bExact = bExact;
  c->zTable = sqlite3_mprintf("%s", zTable);
  if (!bExact) return c->zTable ? SQLITE_OK : SQLITE_NOMEM;
  c->zColumn = rcTokenText(z + aCap[0].i, aCap[0].n);
  c->zSpec = rcTokenText(z + aCap[1].i, aCap[1].n);
  c->zLabel = rcTokenText(z + aCap[2].i, aCap[2].n);
  return c->zTable && c->zColumn && c->zSpec && c->zLabel ? SQLITE_OK
                                                          : SQLITE_NOMEM;
}

/* Whether identifier token z[0..k) names table zTable (any case). */
static int rcOnTable(const char *z, const RcTok *pTok, const char *zTable) {
  return rcTableDefIdentIs(z + pTok->i, pTok->n, zTable, 1);
}

/*
** Reads one of richcheck's triggers, on table zTable: its calls; for an
** UPDATE trigger that is not what richcheck writes, one call marked so (its
** rule is then not in force); an INSERT trigger that is not adds none.
*/
static int rcSchemaReadTrigger(RcSchema *p, const char *zName,
                               const char *zTable, const char *z) {
  sqlite3_int64 id = 0;
  int eRole = rcRuleTriggerRole(zName, &id), n = z ? (int)strlen(z) : 0, i, rc;
  int nBefore = p->nCall;
  RcTok aCap[6];
  if (eRole == 0) return SQLITE_OK;
  if (id > p->idMax) p->idMax = id;
  if (eRole == 1) {
    /* BEFORE UPDATE OF col ... NEW.col (the same column), or AFTER UPDATE */
    int bAfter = 0;
    i = rcSqlMatch(z, n, 0, zPatUpdate, aCap, 6);
    if (i >= 0) {
      char *zOf = rcTokenText(z + aCap[1].i, aCap[1].n);
      if (zOf == 0) return SQLITE_NOMEM;
      if (!rcTableDefIdentIs(z + aCap[3].i, aCap[3].n, zOf, 1) ||
          !rcOnTable(z, &aCap[2], zTable)) {
        i = -1;
      }
      sqlite3_free(zOf);
      memmove(aCap, aCap + 3, 3 * sizeof(RcTok));
    } else {
      i = rcSqlMatch(z, n, 0, zPatUpdateAfter, aCap, 5);
      if (i >= 0 && !rcOnTable(z, &aCap[1], zTable)) i = -1;
      memmove(aCap, aCap + 2, 3 * sizeof(RcTok));
      bAfter = 1;
    }
    return rcSchemaAddCall(p, id, zTable, z, aCap, 1, bAfter, i >= 0);
  }
  i = rcSqlMatch(z, n, 0, eRole == 3 ? zPatInsertAfter : zPatInsert, aCap, 2);
  if (i >= 0 && !rcOnTable(z, &aCap[1], zTable)) i = -1;
  while (i >= 0) {
    int j = rcSqlMatch(z, n, i, RC_PAT_CALL, aCap, 3);
    if (j < 0) break;
    rc = rcSchemaAddCall(p, id, zTable, z, aCap, 0, eRole == 3, 1);
    if (rc != SQLITE_OK) return rc;
    if ((i = rcSqlMatch(z, n, j, ",", 0, 0)) >= 0) continue;
    if (rcSqlMatch(z, n, j, "; END $", 0, 0) >= 0) return SQLITE_OK;
  }
  /* not what richcheck writes: none of its calls counts */
  while (p->nCall > nBefore) {
    RcCall *c = &p->aCall[--p->nCall];
    sqlite3_free(c->zTable);
    sqlite3_free(c->zColumn);
    sqlite3_free(c->zSpec);
    sqlite3_free(c->zLabel);
  }
  return SQLITE_OK;
}

/* Reads richcheck's triggers and the definitions that name richcheck_. */
static int rcSchemaRead(sqlite3 *db, RcSchema *p) {
  sqlite3_stmt *pStmt = 0;
  int rc;
  memset(p, 0, sizeof(*p));
  rc = sqlite3_prepare_v2(
      db,
      "SELECT type, name, tbl_name, sql FROM main.sqlite_schema WHERE (type = "
      "'trigger' AND name LIKE 'richcheck!_%' ESCAPE '!') OR (type = 'table' "
      "AND instr(sql, 'richcheck_') > 0) ORDER BY rowid",
      -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *zType = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zName = (const char *)sqlite3_column_text(pStmt, 1);
    const char *zTable = (const char *)sqlite3_column_text(pStmt, 2);
    const char *zSql = (const char *)sqlite3_column_text(pStmt, 3);
    rc = SQLITE_OK;
    if (zType == 0 || zName == 0 || zTable == 0) {
      rc = SQLITE_NOMEM;
    } else if (zType[0] == 't' && zType[1] == 'r') {
      rc = rcSchemaReadTrigger(p, zName, zTable, zSql);
    } else if (zSql) {
      RcDef *aNew = (RcDef *)sqlite3_realloc64(
          p->aDef, sizeof(RcDef) * (sqlite3_uint64)(p->nDef + 1));
      if (aNew == 0) {
        rc = SQLITE_NOMEM;
      } else {
        const char *zAt = zSql;
        /* the ids of the constraints named richcheck_<id> in it */
        while ((zAt = strstr(zAt, "richcheck_")) != 0) {
          int nDigit = 0;
          sqlite3_int64 id = rcIdAt(zAt + 10, &nDigit);
          if (id > p->idMax) p->idMax = id;
          zAt += 10;
        }
        p->aDef = aNew;
        aNew[p->nDef].zName = sqlite3_mprintf("%s", zName);
        aNew[p->nDef].zSql = sqlite3_mprintf("%s", zSql);
        p->nDef++;
        if (!aNew[p->nDef - 1].zName || !aNew[p->nDef - 1].zSql) {
          rc = SQLITE_NOMEM;
        }
      }
    }
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_OK) rcSchemaFree(p);
  return rc;
}

/*
** Whether definition zSql holds rule id's constraint: 0 no, 1 as richcheck
** writes it with spec zSpec (column and label in *pzColumn and *pzLabel,
** sqlite3_free() them; *pbOwnLine whether it has a line of its own), 2 a
** constraint of that name that is not, -1 out of memory.
*/
static int rcDefHolds(const char *zSql, sqlite3_int64 id, const char *zSpec,
                      char **pzColumn, char **pzLabel, int *pbOwnLine) {
  char zName[40];
  int n = (int)strlen(zSql), iStart, iEnd, iArg, i;
  RcTok aCap[4];
  *pzColumn = *pzLabel = 0;
  sqlite3_snprintf((int)sizeof(zName), zName, "richcheck_%lld", id);
  if (strstr(zSql, zName) == 0) return 0; /* (the common case, at once) */
  if (!rcTableDefFind(zSql, n, zName, &iStart, &iEnd, &iArg)) return 0;
  i = zSql[iStart] == ',' ? iStart + 1 : iStart;
  i = rcSqlMatch(zSql, iEnd, i, zPatCheck, aCap, 4);
  if (i != iEnd || !rcTableDefStringIs(zSql + aCap[2].i, aCap[2].n, zSpec)) {
    return 2;
  }
  *pzColumn = rcTokenText(zSql + aCap[1].i, aCap[1].n);
  *pzLabel = rcTokenText(zSql + aCap[3].i, aCap[3].n);
  *pbOwnLine = rcTableDefOwnLine(zSql, n, iStart, iEnd);
  if (*pzColumn && *pzLabel) return 1;
  sqlite3_free(*pzColumn);
  sqlite3_free(*pzLabel);
  *pzColumn = *pzLabel = 0;
  return -1;
}

/* ---- richcheck_rules ---------------------------------------------------- */

/*
** Which richcheck_rules main has (p->eShape), if it is richcheck's own;
** else SQLITE_ERROR and *pzErr.
*/
static int rcRulesTableRead(sqlite3 *db, RcHomes *p, char **pzErr) {
  sqlite3_stmt *pStmt = 0;
  int rc, nObject = 0;
  p->eShape = 0;
  rc = sqlite3_prepare_v2(db,
                          "SELECT type, name, sql FROM main.sqlite_schema "
                          "WHERE name = 'richcheck_rules' COLLATE NOCASE OR "
                          "(tbl_name = 'richcheck_rules' COLLATE NOCASE AND "
                          "type IN ('index', 'trigger') AND sql IS NOT NULL)",
                          -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *zType = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zName = (const char *)sqlite3_column_text(pStmt, 1);
    const char *zSql = (const char *)sqlite3_column_text(pStmt, 2);
    int i;
    rc = SQLITE_OK;
    if (zType == 0 || zName == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (nObject++ == 0 && strcmp(zType, "table") == 0 && zSql) {
      for (i = 0; i < 2; i++) {
        if (rcSqlSame(zSql, (int)strlen(zSql), azRulesShape[i],
                      (int)strlen(azRulesShape[i]))) {
          p->eShape = i + 1;
        }
      }
      if (p->eShape) continue;
    }
    *pzErr = sqlite3_mprintf(
        "richcheck_rules is not the table richcheck makes (%s \"%w\" is not "
        "richcheck's); richcheck neither reads nor changes its rules here",
        zType, zName);
    rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    break;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  pStmt = 0;
  if (rc == SQLITE_OK && p->eShape) {
    /* a foreign key to it would run its ON DELETE / ON UPDATE actions (and
    ** their triggers) at richcheck's own writes */
    rc = sqlite3_prepare_v2(db,
                            "SELECT m.name FROM main.sqlite_schema m, "
                            "pragma_foreign_key_list(m.name, 'main') f WHERE "
                            "m.type = 'table' AND f.\"table\" = "
                            "'richcheck_rules' COLLATE NOCASE",
                            -1, &pStmt, 0);
    if (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      *pzErr = sqlite3_mprintf(
          "richcheck_rules is not the table richcheck makes (table \"%w\" "
          "has a foreign key to it); richcheck neither reads nor changes its "
          "rules here",
          (const char *)sqlite3_column_text(pStmt, 0));
      rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
    sqlite3_finalize(pStmt);
  }
  if (rc != SQLITE_OK && rc != SQLITE_ERROR && rc != SQLITE_NOMEM) {
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  }
  return rc;
}

/* Reads the rows of richcheck_rules into p->a. */
static int rcRulesRowsRead(sqlite3 *db, RcHomes *p) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(
      db,
      p->eShape == 2
          ? "SELECT id, tbl, col, spec, kind = 'check', enforced IS NOT 0, "
            "typeof(id) = 'integer' AND typeof(tbl) = 'text' AND typeof(col) "
            "= 'text' AND typeof(spec) = 'text' AND kind IN ('trigger', "
            "'check') FROM main.richcheck_rules ORDER BY id"
          : "SELECT id, tbl, col, spec, NULL, 1, typeof(id) = 'integer' AND "
            "typeof(tbl) = 'text' AND typeof(col) = 'text' AND typeof(spec) = "
            "'text' FROM main.richcheck_rules ORDER BY id",
      -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    RcHome *aNew, *h;
    int i, bRowOk = sqlite3_column_int(pStmt, 6);
    rc = SQLITE_OK;
    aNew = (RcHome *)sqlite3_realloc64(p->a, sizeof(RcHome) *
                                                 (sqlite3_uint64)(p->n + 1));
    if (aNew == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    p->a = aNew;
    h = &aNew[p->n++];
    memset(h, 0, sizeof(*h));
    h->id = sqlite3_column_int64(pStmt, 0);
    h->bCheck = h->bCheckRow = sqlite3_column_int(pStmt, 4);
    h->bKindKnown = p->eShape == 2;
    if (h->id > p->idMax) p->idMax = h->id;
    h->bEnforcedRow = sqlite3_column_int(pStmt, 5);
    for (i = 1; i <= 3; i++) {
      const char *z = (const char *)sqlite3_column_text(pStmt, i);
      char *zCopy = sqlite3_mprintf("%s", z ? z : "");
      if (zCopy == 0 ||
          (z == 0 && sqlite3_column_type(pStmt, i) != SQLITE_NULL)) {
        sqlite3_free(zCopy);
        rc = SQLITE_NOMEM;
        break;
      }
      /* an embedded NUL would cut the name: not a row richcheck writes */
      if ((int)strlen(zCopy) != sqlite3_column_bytes(pStmt, i)) bRowOk = 0;
      if (i == 1) h->zTable = zCopy;
      if (i == 2) h->zColumn = zCopy;
      if (i == 3) h->zSpec = zCopy;
    }
    if (rc != SQLITE_OK) break;
    if (bRowOk) {
      RcRuleSet *pSet = (RcRuleSet *)sqlite3_malloc64(sizeof(*pSet));
      char zErr[8];
      if (pSet == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      bRowOk = h->id > 0 &&
               rcRuleParseMem(h->zSpec, strlen(h->zSpec), pSet,
                              &rcPatternSqlMem, zErr, (int)sizeof(zErr));
      if (h->id > 0 && pSet->bNoMem) rc = SQLITE_NOMEM;
      rcRuleSetClear(pSet);
      sqlite3_free(pSet);
      if (rc != SQLITE_OK) break;
    }
    if (!bRowOk) h->eState = RC_STATE_BAD_ROW;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  return rc;
}

/* ---- columns ------------------------------------------------------------ */

/* Runs zSql (one statement, optional text parameters); SQLITE_ROW gives
** the first column of the first row as *pzOut (sqlite3_free() it). */
static int rcQueryText(sqlite3 *db, const char *zSql, const char *z1,
                       const char *z2, char **pzOut, int *piOut) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc != SQLITE_OK) return rc;
  if (z1) rc = sqlite3_bind_text(pStmt, 1, z1, -1, SQLITE_STATIC);
  if (z2 && rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 2, z2, -1, SQLITE_STATIC);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return rc;
  }
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
  sqlite3_stmt *pStmt = 0;
  int rc, iFlag = 0, bOrdinary = 0;
  char *zShown = 0, *zT = 0;
  *pzTable = *pzColumn = *pzErr = 0;
  /* an ordinary table: not a view, not virtual (its definition read token
  ** by token: a comment between CREATE and VIRTUAL makes it no other) */
  rc = sqlite3_prepare_v2(db,
                          "SELECT name, type = 'table', sql FROM "
                          "main.sqlite_schema WHERE type IN ('table', 'view') "
                          "AND name = ?1 COLLATE NOCASE",
                          -1, &pStmt, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    const char *zName = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zSql = (const char *)sqlite3_column_text(pStmt, 2);
    *pzTable = zName ? sqlite3_mprintf("%s", zName) : 0;
    if (*pzTable == 0) rc = SQLITE_NOMEM;
    bOrdinary =
        sqlite3_column_int(pStmt, 1) && zSql &&
        rcSqlMatch(zSql, (int)strlen(zSql), 0, "CREATE VIRTUAL", 0, 0) < 0;
  }
  sqlite3_finalize(pStmt);
  if (rc == SQLITE_ROW &&
      (!bOrdinary || sqlite3_strnicmp(zTable, "sqlite_", 7) == 0 ||
       sqlite3_stricmp(zTable, "richcheck_rules") == 0)) {
    zShown = rcCleanText((const unsigned char *)zTable, (int)strlen(zTable), 1);
    *pzErr = zShown ? sqlite3_mprintf("\"%s\" is not an ordinary table of "
                                      "main (a view, a virtual table or "
                                      "SQLite's own)",
                                      zShown)
                    : 0;
    rc = SQLITE_NOTFOUND;
  } else if (rc == SQLITE_DONE) {
    zShown = rcCleanText((const unsigned char *)zTable, (int)strlen(zTable), 1);
    *pzErr = zShown ? sqlite3_mprintf("no such table: \"%s\"", zShown) : 0;
    rc = SQLITE_NOTFOUND;
  } else if (rc == SQLITE_ROW && zColumn) {
    rc = rcQueryText(db,
                     "SELECT name, hidden FROM pragma_table_xinfo(?1, 'main') "
                     "WHERE name = ?2 COLLATE NOCASE",
                     *pzTable, zColumn, pzColumn, &iFlag);
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && iFlag == 1)) {
      zT = rcCleanText((const unsigned char *)*pzTable, (int)strlen(*pzTable),
                       1);
      zShown =
          rcCleanText((const unsigned char *)zColumn, (int)strlen(zColumn), 1);
      *pzErr = zT && zShown ? sqlite3_mprintf("table \"%s\" has no column "
                                              "\"%s\"",
                                              zT, zShown)
                            : 0;
      rc = SQLITE_NOTFOUND;
    }
    if (pbGenerated) *pbGenerated = iFlag == 2 || iFlag == 3;
  }
  sqlite3_free(zShown);
  sqlite3_free(zT);
  if (rc == SQLITE_ROW) return SQLITE_OK;
  if (rc == SQLITE_NOTFOUND && *pzErr == 0) rc = SQLITE_NOMEM;
  if (rc != SQLITE_NOTFOUND && rc != SQLITE_NOMEM) {
    /* the query failed (interrupted, busy ...): an error, not "gone" */
    rc = sqlite3_extended_errcode(db);
    if (rc == SQLITE_OK) rc = SQLITE_ERROR;
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
    if (*pzErr == 0) rc = SQLITE_NOMEM;
  }
  sqlite3_free(*pzTable);
  sqlite3_free(*pzColumn);
  *pzTable = *pzColumn = 0;
  return rc;
}

int rcIsRowidAlias(sqlite3 *db, const char *zTable, const char *zColumn,
                   int *pb) {
  char *zIgnored = 0;
  int rc = rcQueryText(db,
                       "SELECT '', (SELECT count(*) FROM pragma_table_info(?1, "
                       "'main') WHERE pk > 0) = 1 AND EXISTS (SELECT 1 FROM "
                       "pragma_table_info(?1, 'main') WHERE pk = 1 AND name = "
                       "?2 AND upper(type) = 'INTEGER') AND NOT EXISTS (SELECT "
                       "1 FROM pragma_index_list(?1, 'main') WHERE origin = "
                       "'pk')",
                       zTable, zColumn, &zIgnored, pb);
  sqlite3_free(zIgnored);
  if (rc == SQLITE_ROW) return SQLITE_OK;
  if (rc == SQLITE_NOMEM) return rc;
  rc = sqlite3_extended_errcode(db);
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/*
** Sets h->zNowTable/zNowColumn to the schema's spellings of table zTable
** and column zColumn, with what the column is: SQLITE_OK, SQLITE_NOTFOUND
** (the table or the column does not exist: *peWhy says which), or the
** error of a query that failed.
*/
static int rcHomePlace(sqlite3 *db, RcHome *h, const char *zTable,
                       const char *zColumn, RcRuleState *peWhy) {
  char *zErr = 0, *zT = 0, *zC = 0;
  int rc = rcResolveColumn(db, zTable, 0, &zT, &zC, 0, &zErr);
  sqlite3_free(zErr);
  zErr = 0;
  sqlite3_free(zT);
  if (rc == SQLITE_NOTFOUND) *peWhy = RC_STATE_NO_TABLE;
  if (rc != SQLITE_OK) return rc;
  rc = rcResolveColumn(db, zTable, zColumn, &zT, &zC, &h->bGenerated, &zErr);
  sqlite3_free(zErr);
  if (rc == SQLITE_NOTFOUND) *peWhy = RC_STATE_NO_COLUMN;
  if (rc == SQLITE_OK) rc = rcIsRowidAlias(db, zT, zC, &h->bRowidAlias);
  if (rc != SQLITE_OK) {
    sqlite3_free(zT);
    sqlite3_free(zC);
    return rc;
  }
  sqlite3_free(h->zNowTable);
  sqlite3_free(h->zNowColumn);
  h->zNowTable = zT;
  h->zNowColumn = zC;
  return SQLITE_OK;
}

/* Whether label zLabel is 'table.column' by h's names of now. */
static int rcLabelStale(const RcHome *h, const char *zLabel) {
  size_t nT = strlen(h->zNowTable);
  return strncmp(zLabel, h->zNowTable, nT) != 0 || zLabel[nT] != '.' ||
         strcmp(zLabel + nT + 1, h->zNowColumn) != 0;
}

/* Finds where rule h lives and whether it is in force. */
static int rcHomeFind(sqlite3 *db, RcHome *h, const RcSchema *s) {
  const RcCall *pUpdate = 0;
  /* the definitions holding its constraint: [0] the recorded table, [1]
  ** the first other one (a renamed table, or a copy of the definition) */
  int aiDef[2] = {-1, -1}, nOther = 0, i, j, rc = SQLITE_OK, bForged = 0;
  int abOwnLine[2] = {1, 1};
  char *azCol[2] = {0, 0}, *azLabel[2] = {0, 0};
  RcRuleState eWhy = RC_STATE_NO_TABLE;
  int bNamedCheck = 0; /* a constraint of its name in its recorded table */

  for (i = 0; i < s->nCall; i++) {
    const RcCall *c = &s->aCall[i];
    if (c->id != h->id || !c->bUpdate) continue;
    if (c->bExact && strcmp(c->zSpec, h->zSpec) == 0) {
      pUpdate = c;
    } else {
      bForged = 1;
    }
  }
  for (i = 0; i < s->nDef; i++) {
    int bRecorded = sqlite3_stricmp(s->aDef[i].zName, h->zTable) == 0;
    char *zCol = 0, *zLabel = 0;
    int bOwnLine = 1;
    int e =
        rcDefHolds(s->aDef[i].zSql, h->id, h->zSpec, &zCol, &zLabel, &bOwnLine);
    if (e < 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    if (e == 2 && bRecorded) bForged = bNamedCheck = 1;
    j = bRecorded ? 0 : 1;
    if (e == 1 && (bRecorded || nOther++ == 0)) {
      aiDef[j] = i;
      azCol[j] = zCol;
      azLabel[j] = zLabel;
      abOwnLine[j] = bOwnLine;
    } else {
      sqlite3_free(zCol);
      sqlite3_free(zLabel);
    }
  }
  j = aiDef[0] >= 0 ? 0 : nOther == 1 ? 1 : -1;
  if (j < 0 && nOther > 1) {
    h->eState = RC_STATE_AMBIGUOUS;
    goto done;
  }
  /* Found: its names are read from it.  A constraint or trigger whose
  ** table is not an ordinary one, or whose column is none of its table's,
  ** is not what richcheck writes. */
  if (j >= 0 && (h->bCheck || pUpdate == 0)) {
    rc = rcHomePlace(db, h, s->aDef[aiDef[j]].zName, azCol[j], &eWhy);
    if (rc == SQLITE_OK) {
      h->bCheck = h->bFound = 1;
      h->eState = RC_STATE_ENFORCED;
      /* (a constraint as 0.2 wrote it is written again on its own line,
      ** which SQLAlchemy's reflection and Alembic's batch copies need) */
      h->bStale = rcLabelStale(h, azLabel[j]) || !abOwnLine[j];
    }
  } else if (pUpdate) {
    rc = rcHomePlace(db, h, pUpdate->zTable, pUpdate->zColumn, &eWhy);
    if (rc == SQLITE_OK) {
      /* the trigger of what the column is, and the table's INSERT call */
      int bAfter = h->bGenerated || h->bRowidAlias;
      h->bCheck = 0;
      h->bFound = 1;
      h->bStale = rcLabelStale(h, pUpdate->zLabel);
      h->eState = pUpdate->bAfter != h->bGenerated ? RC_STATE_FORGED
                                                   : RC_STATE_NO_INSERT;
      for (i = 0; i < s->nCall && h->eState == RC_STATE_NO_INSERT; i++) {
        const RcCall *c = &s->aCall[i];
        if (!c->bUpdate && c->bAfter == bAfter &&
            sqlite3_stricmp(c->zTable, h->zNowTable) == 0 &&
            sqlite3_stricmp(c->zColumn, h->zNowColumn) == 0 &&
            strcmp(c->zSpec, h->zSpec) == 0) {
          h->eState = RC_STATE_ENFORCED;
        }
      }
    }
  }
  if (rc == SQLITE_NOTFOUND) {
    bForged = 1;
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_OK && !h->bFound) {
    /* nowhere: where it should be, for a repair */
    if (!h->bKindKnown) h->bCheck = bNamedCheck || (j >= 0 && pUpdate == 0);
    rc = rcHomePlace(db, h, h->zTable, h->zColumn, &eWhy);
    if (rc == SQLITE_OK) {
      h->eState = bForged ? RC_STATE_FORGED : RC_STATE_MISSING;
    } else if (rc == SQLITE_NOTFOUND) {
      h->eState = eWhy;
      rc = SQLITE_OK;
    }
  }
done:
  for (j = 0; j < 2; j++) {
    sqlite3_free(azCol[j]);
    sqlite3_free(azLabel[j]);
  }
  return rc;
}

int rcRuleHomesRead(sqlite3 *db, RcHomes *p, char **pzErr) {
  RcSchema s;
  int rc, i;
  memset(p, 0, sizeof(*p));
  *pzErr = 0;
  rc = rcRulesTableRead(db, p, pzErr);
  if (rc != SQLITE_OK || p->eShape == 0) return rc;
  rc = rcRulesRowsRead(db, p);
  if (rc == SQLITE_OK) rc = rcSchemaRead(db, &s);
  if (rc != SQLITE_OK) {
    rcRuleHomesFree(p);
    if (rc != SQLITE_NOMEM) *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
    return rc;
  }
  for (i = 0; rc == SQLITE_OK && i < p->n; i++) {
    if (p->a[i].eState == RC_STATE_BAD_ROW) continue;
    rc = rcHomeFind(db, &p->a[i], &s);
  }
  if (s.idMax > p->idMax) p->idMax = s.idMax;
  rcSchemaFree(&s);
  if (rc != SQLITE_OK) {
    rcRuleHomesFree(p);
    if (rc != SQLITE_NOMEM) *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  }
  return rc;
}

char *rcRuleStateText(const RcHome *h) {
  const char *zKind = h->bCheck ? "constraint" : "trigger";
  switch (h->eState) {
  case RC_STATE_ENFORCED: return sqlite3_mprintf("in force");
  case RC_STATE_NO_TABLE:
    return sqlite3_mprintf("its table \"%w\" does not exist or is not an "
                           "ordinary table",
                           h->zTable);
  case RC_STATE_NO_COLUMN:
    return sqlite3_mprintf("its column \"%w\" does not exist in \"%w\"",
                           h->zColumn, h->zTable);
  case RC_STATE_MISSING:
    return sqlite3_mprintf("its %s richcheck_%lld%s is missing (a table "
                           "rebuilt, a trigger dropped?)",
                           zKind, h->id, h->bCheck ? "" : "_update");
  case RC_STATE_FORGED:
    return sqlite3_mprintf("its %s richcheck_%lld%s is not the one richcheck "
                           "writes",
                           zKind, h->id, h->bCheck ? "" : "_update");
  case RC_STATE_NO_INSERT:
    return sqlite3_mprintf("no INSERT trigger of \"%w\" checks it",
                           h->zNowTable);
  case RC_STATE_AMBIGUOUS:
    return sqlite3_mprintf("its constraint richcheck_%lld is in several "
                           "tables, none of them \"%w\"",
                           h->id, h->zTable);
  default:
    return sqlite3_mprintf("its row of richcheck_rules is not one richcheck "
                           "writes");
  }
}
