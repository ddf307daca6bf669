/*
** rule_schema.c - declared rules: richcheck_add_rule, richcheck_drop_rule
** and richcheck_repair_rules, the table richcheck_rules, and the triggers
** that enforce rules of the kind 'trigger' (rule_check.c writes those of
** the kind 'check').
**
**     SELECT richcheck_add_rule('users', 'email', 'email; length(1, 254)');
**     SELECT richcheck_add_rule('users', 'name', 'length(1, 50)', 'check');
**     SELECT richcheck_drop_rule('users', 'email');
**     SELECT richcheck_repair_rules();     -- rules a migration left behind
**
** Each call reads everything it needs first (where every rule lives, the
** rows that would break a rule: rule_home.c), then makes its changes in one
** savepoint (rule_change.c): all of them or none.  A rule is never deleted
** but by richcheck_drop_rule: one whose triggers or constraint are gone (a
** table rebuilt by a migration, a trigger dropped) stays in
** richcheck_rules, marked not enforced, until it is repaired or dropped.
*/
#include "rule_schema.h"
#include "rule.h"

#include <string.h>

/* The table and column of a call, as the schema spells them. */
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
  memset(p, 0, sizeof(*p));
}

/* Finds the call's table and column; else fails p. */
static int rcTargetFind(RcOp *p, const char *zTable, const char *zColumn,
                        RcTarget *t) {
  char *zErr = 0;
  int rc = rcResolveColumn(p->db, zTable, zColumn, &t->zTable, &t->zColumn,
                           &t->bGenerated, &zErr);
  if (rc == SQLITE_OK) {
    rc = rcIsRowidAlias(p->db, t->zTable, t->zColumn, &t->bRowidAlias);
    if (rc != SQLITE_OK) rcOpFailDb(p, rc);
  } else if (rc == SQLITE_NOMEM) {
    rcOpFail(p, SQLITE_NOMEM, 0);
  } else {
    /* no such table or column: the SQL's fault; else what failed */
    rcOpFail(p, rc == SQLITE_NOTFOUND ? SQLITE_ERROR : rc, "%s", zErr);
  }
  sqlite3_free(zErr);
  if (p->rc != SQLITE_OK) rcTargetFree(t);
  return p->rc == SQLITE_OK;
}

/*
** Reads argument pArg as TEXT naming zWhat: else a usage error and 0.  A
** NUL inside would cut the name where SQLite reads it: refused.
*/
const char *rcTextArg(sqlite3_context *ctx, const char *zFunc,
                      const char *zWhat, sqlite3_value *pArg) {
  const char *z;
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    rcUsage(ctx, "%s: the %s must be TEXT, not %s", zFunc, zWhat,
            rcTypeName(pArg));
    return 0;
  }
  z = (const char *)sqlite3_value_text(pArg);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if ((int)strlen(z) != sqlite3_value_bytes(pArg)) {
    rcUsage(ctx, "%s: the %s has a NUL character in it", zFunc, zWhat);
    z = 0;
  }
  return z;
}

/* Whether spec z parses; else a usage error that says where. */
static int rcSpecArg(sqlite3_context *ctx, const char *zFunc, const char *z) {
  RcRuleSet *pSet = (RcRuleSet *)sqlite3_malloc64(sizeof(*pSet));
  char zErr[300], *zShown;
  int ok, bNoMem;
  if (pSet == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  ok = rcRuleParseMem(z, strlen(z), pSet, &rcPatternSqlMem, zErr,
                      (int)sizeof(zErr));
  bNoMem = pSet->bNoMem;
  rcRuleSetClear(pSet);
  sqlite3_free(pSet);
  if (ok) return 1;
  zShown =
      bNoMem ? 0 : rcCleanText((const unsigned char *)z, (int)strlen(z), 1);
  if (zShown == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx, "%s: spec \"%s\", %s", zFunc, zShown, zErr);
  }
  sqlite3_free(zShown);
  return 0;
}

/*
** Reads an options argument: 'not valid', 'check', or both joined by ','
** (any case, spaces around them ignored); bCheckAllowed: whether 'check' is
** one.  Else a usage error and 0.
*/
static int rcRuleOptions(sqlite3_context *ctx, const char *zFunc,
                         sqlite3_value *pArg, int bCheckAllowed,
                         int *pbNotValid, int *pbCheck) {
  const char *zOpt, *z;
  if (sqlite3_value_type(pArg) == SQLITE_NULL) return 1;
  zOpt = z = rcTextArg(ctx, zFunc, "option", pArg);
  if (zOpt == 0) return 0;
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
    } else if (n == 5 && bCheckAllowed &&
               sqlite3_strnicmp(z, "check", 5) == 0) {
      *pbCheck = 1;
    } else {
      char *zShown =
          rcCleanText((const unsigned char *)zOpt, (int)strlen(zOpt), 1);
      if (zShown == 0) {
        sqlite3_result_error_nomem(ctx);
      } else if (bCheckAllowed) {
        rcUsage(ctx,
                "%s: unknown option '%s': the options are 'not valid' (add "
                "the rule although rows break it) and 'check' (the rule as a "
                "CHECK constraint of the table, not triggers), or both: "
                "'check, not valid'",
                zFunc, zShown);
      } else {
        rcUsage(ctx,
                "%s: unknown option '%s': the option is 'not valid' (repair "
                "the rules although rows break them)",
                zFunc, zShown);
      }
      sqlite3_free(zShown);
      return 0;
    }
    while (z[n] == ' ')
      n++;
    if (z[n] != ',') return 1;
    z += n + 1;
  }
}

/* Reads the rules and where they live; else fails p. */
static int rcHomesLoad(RcOp *p, RcHomes *pHomes) {
  char *zErr = 0;
  int rc = rcRuleHomesRead(p->db, pHomes, &zErr);
  if (rc != SQLITE_OK) rcOpFail(p, rc, "%s", zErr ? zErr : "");
  sqlite3_free(zErr);
  return rc == SQLITE_OK;
}

/* Whether rule h is the one of table zTable, column zColumn and spec zSpec
** (any spec when 0), by the names it has now (else those recorded). */
static int rcHomeMatches(const RcHome *h, const char *zTable,
                         const char *zColumn, const char *zSpec) {
  const char *zT = h->bFound ? h->zNowTable : h->zTable;
  const char *zC = h->bFound ? h->zNowColumn : h->zColumn;
  return sqlite3_stricmp(zT, zTable) == 0 &&
         sqlite3_stricmp(zC, zColumn) == 0 &&
         (zSpec == 0 || strcmp(h->zSpec, zSpec) == 0);
}

/* Whether rule h lives under another table or column name than recorded. */
static int rcHomeMoved(const RcHome *h) {
  return h->bFound && (strcmp(h->zTable, h->zNowTable) != 0 ||
                       strcmp(h->zColumn, h->zNowColumn) != 0);
}

/* Whether rule h can be (re)installed where it should be. */
static int rcHomeRepairable(const RcHome *h) {
  return h->zNowTable != 0 &&
         (h->eState == RC_STATE_MISSING || h->eState == RC_STATE_FORGED ||
          h->eState == RC_STATE_NO_INSERT);
}

/* Whether rule h's UPDATE trigger is there as richcheck writes it. */
static int rcHomeHasUpdate(const RcHome *h) {
  return h->bFound && !h->bCheck &&
         (h->eState == RC_STATE_ENFORCED || h->eState == RC_STATE_NO_INSERT);
}

/* Whether rule h is of the kind 'trigger' and in force: the INSERT
** triggers of its table, made anew, check it (a rule not in force is
** installed again only by a repair, after its rows are checked). */
static int rcHomeInInsert(const RcHome *h) {
  return h->bFound && !h->bCheck && h->eState == RC_STATE_ENFORCED;
}

/*
** Whether the existing rows of table zTable keep rule zSpec on column
** zColumn; else fails p with the count and the way to list them (as
** SQLITE_CONSTRAINT_CHECK: the rows are the problem).
*/
static int rcRowsKeep(RcOp *p, const char *zTable, const char *zColumn,
                      const char *zSpec, const char *zOption) {
  sqlite3_int64 nBad =
      rcOpQueryInt(p,
                   sqlite3_mprintf("SELECT count(*) FROM main.\"%w\" WHERE NOT "
                                   "richcheck_valid(\"%w\", %Q)",
                                   zTable, zColumn, zSpec),
                   0);
  if (nBad == 0) return 1;
  if (nBad < 0) return 0;
  return rcOpFail(p, SQLITE_CONSTRAINT_CHECK,
                  "%lld row%s of \"%w\" break%s the rule %s on column \"%w\"; "
                  "list them with SELECT * FROM richcheck_violations(%Q, %Q, "
                  "%Q), fix them, or %s anyway with the option 'not valid'",
                  nBad, nBad == 1 ? "" : "s", zTable, nBad == 1 ? "s" : "",
                  zSpec, zColumn, zTable, zColumn, zSpec, zOption);
}

/* ---- richcheck_rules and the triggers -------------------------------------
 */

/*
** Makes richcheck_rules, or brings the one richcheck 0.1 made to the
** columns of now (kind, enforced): its rows are read into memory, the table
** made anew, and the rows written back (nothing outside main is touched).
*/
static int rcRulesTableMake(RcOp *p, RcHomes *pHomes) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_value **apRow = 0; /* 5 values a row */
  int nRow = 0, i, rc;
  if (pHomes->eShape == 2) return 1;
  if (pHomes->eShape == 1) {
    rc = sqlite3_prepare_v2(p->db,
                            "SELECT id, tbl, col, spec, created FROM "
                            "main.richcheck_rules",
                            -1, &pStmt, 0);
    while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      sqlite3_value **aNew = (sqlite3_value **)sqlite3_realloc64(
          apRow, sizeof(sqlite3_value *) * 5 * (sqlite3_uint64)(nRow + 1));
      rc = SQLITE_OK;
      if (aNew == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      apRow = aNew;
      for (i = 0; i < 5; i++) {
        apRow[nRow * 5 + i] = sqlite3_value_dup(sqlite3_column_value(pStmt, i));
        if (apRow[nRow * 5 + i] == 0) rc = SQLITE_NOMEM;
      }
      nRow++;
      if (rc != SQLITE_OK) break;
    }
    if (rc != SQLITE_DONE) rcOpFailDb(p, rc);
    sqlite3_finalize(pStmt);
    pStmt = 0;
    rcOpExec(p, sqlite3_mprintf("DROP TABLE main.richcheck_rules"));
  }
  rcOpExec(p, sqlite3_mprintf("%s", rcRulesTableSql));
  if (p->rc == SQLITE_OK && nRow > 0) {
    rc = sqlite3_prepare_v2(p->db,
                            "INSERT INTO main.richcheck_rules(id, tbl, col, "
                            "spec, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                            -1, &pStmt, 0);
    if (rc != SQLITE_OK) rcOpFailDb(p, rc);
    for (i = 0; p->rc == SQLITE_OK && i < nRow; i++) {
      int j;
      for (j = 0, rc = SQLITE_OK; j < 5 && rc == SQLITE_OK; j++) {
        rc = sqlite3_bind_value(pStmt, j + 1, apRow[i * 5 + j]);
      }
      if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
      if (rc != SQLITE_DONE) rcOpFailDb(p, rc);
      sqlite3_reset(pStmt);
    }
    sqlite3_finalize(pStmt);
  }
  for (i = 0; apRow && i < nRow * 5; i++)
    sqlite3_value_free(apRow[i]);
  sqlite3_free(apRow);
  if (p->rc == SQLITE_OK) pHomes->eShape = 2;
  return p->rc == SQLITE_OK;
}

/*
** Makes rule id's UPDATE trigger anew (a forged one of its name goes):
** BEFORE UPDATE OF its column, or for a generated column AFTER UPDATE (a
** BEFORE trigger sees a STORED generated column as NULL).
*/
static int rcUpdateTrigger(RcOp *p, sqlite3_int64 id, const char *zTable,
                           const char *zColumn, int bGenerated,
                           const char *zSpec) {
  char *zLabel = sqlite3_mprintf("%s.%s", zTable, zColumn);
  char *zOf =
      bGenerated ? sqlite3_mprintf("") : sqlite3_mprintf(" OF \"%w\"", zColumn);
  if (zLabel && zOf) {
    rcOpExec(p,
             sqlite3_mprintf(
                 "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\";"
                 "CREATE TRIGGER main.\"richcheck_%lld_update\" %s UPDATE%s ON "
                 "\"%w\" BEGIN SELECT richcheck(NEW.\"%w\", %Q, %Q); END;",
                 id, id, bGenerated ? "AFTER" : "BEFORE", zOf, zTable, zColumn,
                 zSpec, zLabel));
  } else {
    rcOpFail(p, SQLITE_NOMEM, 0);
  }
  sqlite3_free(zLabel);
  sqlite3_free(zOf);
  return p->rc == SQLITE_OK;
}

/* Drops table zTable's INSERT triggers (whatever their smallest id was). */
static int rcDropInsertTriggers(RcOp *p, const char *zTable) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pDrop;
  int rc;
  if (p->rc != SQLITE_OK) return 0;
  rc = sqlite3_prepare_v2(p->db,
                          "SELECT name FROM main.sqlite_schema WHERE type = "
                          "'trigger' AND tbl_name = ?1 COLLATE NOCASE AND "
                          "(name LIKE 'richcheck!_%!_insert' ESCAPE '!' OR "
                          "name LIKE 'richcheck!_%!_insert!_after' ESCAPE '!')",
                          -1, &pStmt, 0);
  if (rc != SQLITE_OK) return rcOpFailDb(p, rc);
  pDrop = sqlite3_str_new(p->db);
  rc = sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    /* only richcheck's names: richcheck_<id>_insert[_after], a user's
    ** richcheck_audit_insert is not one */
    const char *zName = (const char *)sqlite3_column_text(pStmt, 0);
    sqlite3_int64 id;
    if (zName && rcRuleTriggerRole(zName, &id) >= 2) {
      sqlite3_str_appendf(pDrop, "DROP TRIGGER main.\"%w\";", zName);
    }
    rc = SQLITE_OK;
  }
  if (rc != SQLITE_DONE) rcOpFailDb(p, rc);
  sqlite3_finalize(pStmt);
  if (sqlite3_str_errcode(pDrop) != SQLITE_OK) {
    rcOpFail(p, SQLITE_NOMEM, 0);
    sqlite3_free(sqlite3_str_finish(pDrop));
  } else if (sqlite3_str_length(pDrop) > 0) {
    rcOpExec(p, sqlite3_str_finish(pDrop));
  } else {
    sqlite3_free(sqlite3_str_finish(pDrop));
  }
  return p->rc == SQLITE_OK;
}

/*
** Makes table zTable's INSERT triggers anew: one BEFORE INSERT for all its
** rules of the kind 'trigger' in force (rcHomeInInsert; one trigger
** program a row however many rules), named after the smallest id, and an
** AFTER INSERT for those on generated columns and the INTEGER PRIMARY KEY
** (whose value a BEFORE trigger does not know yet).
*/
static int rcInsertTriggers(RcOp *p, const char *zTable,
                            const RcHomes *pHomes) {
  sqlite3_str *aBody[2]; /* [0] BEFORE, [1] AFTER */
  sqlite3_int64 aidFirst[2] = {0, 0};
  int i, j;
  if (!rcDropInsertTriggers(p, zTable)) return 0;
  for (i = 0; i < 2; i++)
    aBody[i] = sqlite3_str_new(p->db);
  for (j = 0; j < pHomes->n; j++) {
    const RcHome *h = &pHomes->a[j];
    if (!rcHomeInInsert(h) || sqlite3_stricmp(h->zNowTable, zTable) != 0) {
      continue;
    }
    i = h->bGenerated || h->bRowidAlias;
    if (aidFirst[i] == 0 || h->id < aidFirst[i]) aidFirst[i] = h->id;
    sqlite3_str_appendf(aBody[i], "%srichcheck(NEW.\"%w\", %Q, '%q.%q')",
                        sqlite3_str_length(aBody[i]) ? ", " : "", h->zNowColumn,
                        h->zSpec, h->zNowTable, h->zNowColumn);
  }
  for (i = 0; i < 2; i++) {
    int bEmpty = sqlite3_str_length(aBody[i]) == 0;
    int bNoMem = sqlite3_str_errcode(aBody[i]) != SQLITE_OK;
    char *zBody = sqlite3_str_finish(aBody[i]);
    if (bNoMem) {
      rcOpFail(p, SQLITE_NOMEM, 0);
    } else if (!bEmpty) {
      rcOpExec(p, sqlite3_mprintf(
                      "CREATE TRIGGER main.\"richcheck_%lld_insert%s\" %s "
                      "INSERT ON \"%w\" BEGIN SELECT %s; END",
                      aidFirst[i], i ? "_after" : "", i ? "AFTER" : "BEFORE",
                      zTable, zBody));
    }
    sqlite3_free(zBody);
  }
  return p->rc == SQLITE_OK;
}

/* Remakes the INSERT triggers of the tables named in azTable[0..n) (each
** once): all dropped first, then made (their names, from the smallest id,
** could be taken meanwhile). */
static int rcInsertTriggersOf(RcOp *p, const char **azTable, int n,
                              const RcHomes *pHomes) {
  int i, j;
  for (i = 0; i < n; i++)
    rcDropInsertTriggers(p, azTable[i]);
  for (i = 0; i < n && p->rc == SQLITE_OK; i++) {
    for (j = 0; j < i && sqlite3_stricmp(azTable[j], azTable[i]) != 0; j++) {
    }
    if (j == i) rcInsertTriggers(p, azTable[i], pHomes);
  }
  return p->rc == SQLITE_OK;
}

/* Writes rule h's row: its names of now, its kind, whether in force. */
static int rcRuleRowWrite(RcOp *p, RcHome *h) {
  int bEnforced = h->eState == RC_STATE_ENFORCED;
  if (!h->bRowChanged && h->bCheckRow == h->bCheck &&
      h->bEnforcedRow == bEnforced) {
    return p->rc == SQLITE_OK; /* as it is already */
  }
  h->bRowChanged = 0;
  h->bCheckRow = h->bCheck;
  h->bEnforcedRow = bEnforced;
  return rcOpExec(
      p, sqlite3_mprintf("UPDATE main.richcheck_rules SET tbl = %Q, col = %Q, "
                         "kind = '%s', enforced = %d WHERE id = %lld",
                         h->zTable, h->zColumn, h->bCheck ? "check" : "trigger",
                         bEnforced, h->id));
}

/*
** Brings richcheck_rules up to date with where the rules live (their
** triggers and constraints, which SQLite keeps in step with the schema): a
** renamed rule takes its new names, and its trigger or constraint is
** written anew so that messages carry the new label (a constraint only when
** definitions can be rewritten now: it works meanwhile); every rule's
** columns kind and enforced say what was found.  pHomes follows.
*/
static int rcRulesSync(RcOp *p, RcHomes *pHomes) {
  /* the tables whose INSERT triggers are made anew; azOld the old names of
  ** renamed rules' tables, which this owns */
  const char **azTable;
  char **azOld;
  int nTable = 0, nOld = 0, i, pass;
  azTable = (const char **)sqlite3_malloc64(sizeof(char *) * 2 *
                                            (sqlite3_uint64)(pHomes->n + 1));
  azOld = (char **)sqlite3_malloc64(sizeof(char *) *
                                    (sqlite3_uint64)(pHomes->n + 1));
  if (azTable == 0 || azOld == 0) {
    sqlite3_free(azTable);
    sqlite3_free(azOld);
    return rcOpFail(p, SQLITE_NOMEM, 0);
  }
  /* A rule that moves onto the names of a rule not in force (a table
  ** rebuilt under a new name, then renamed into place) is that rule, in
  ** force: the other row is superseded, and goes. */
  for (i = 0; i < pHomes->n && p->rc == SQLITE_OK; i++) {
    const RcHome *h = &pHomes->a[i];
    int j;
    if (!rcHomeMoved(h)) continue;
    for (j = 0; j < pHomes->n; j++) {
      RcHome *g = &pHomes->a[j];
      if (g->bFound || g->bGone || strcmp(g->zTable, h->zNowTable) != 0 ||
          strcmp(g->zColumn, h->zNowColumn) != 0 ||
          strcmp(g->zSpec, h->zSpec) != 0) {
        continue;
      }
      rcOpExec(p, sqlite3_mprintf(
                      "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\";"
                      "DELETE FROM main.richcheck_rules WHERE id = %lld",
                      g->id, g->id));
      g->bGone = 1;
    }
  }
  /* Rows first, renamed ones in two steps (a name no rule has first), since
  ** two rules can have swapped names. */
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < pHomes->n && p->rc == SQLITE_OK; i++) {
      RcHome *h = &pHomes->a[i];
      if (!rcHomeMoved(h)) continue;
      if (pass == 0) {
        rcOpExec(p, sqlite3_mprintf("UPDATE main.richcheck_rules SET tbl = "
                                    "char(1) || id WHERE id = %lld",
                                    h->id));
        continue;
      }
      azOld[nOld++] = h->zTable;
      if (!h->bCheck) azTable[nTable++] = h->zTable;
      sqlite3_free(h->zColumn);
      h->zTable = sqlite3_mprintf("%s", h->zNowTable);
      h->zColumn = sqlite3_mprintf("%s", h->zNowColumn);
      if (h->zTable == 0 || h->zColumn == 0) rcOpFail(p, SQLITE_NOMEM, 0);
      h->bStale = h->bRowChanged = 1;
    }
  }
  for (i = 0; i < pHomes->n && p->rc == SQLITE_OK; i++) {
    RcHome *h = &pHomes->a[i];
    if (h->bGone) continue;
    if (h->eState == RC_STATE_BAD_ROW) {
      /* only what richcheck can tell of it: it is not in force */
      if (h->bEnforcedRow) {
        rcOpExec(p, sqlite3_mprintf("UPDATE main.richcheck_rules SET "
                                    "enforced = 0 WHERE id = %lld",
                                    h->id));
      }
      continue;
    }
    rcRuleRowWrite(p, h);
    if (!h->bStale || !h->bFound || h->eState == RC_STATE_AMBIGUOUS) continue;
    if (h->bCheck && p->bWritable) {
      rcCheckEdit(p, h->id, h->zNowTable, h->zNowColumn, h->zSpec, 0, 1);
    } else if (!h->bCheck && rcHomeHasUpdate(h)) {
      rcUpdateTrigger(p, h->id, h->zNowTable, h->zNowColumn, h->bGenerated,
                      h->zSpec);
      azTable[nTable++] = h->zNowTable;
    }
  }
  rcInsertTriggersOf(p, azTable, nTable, pHomes);
  for (i = 0; i < nOld; i++)
    sqlite3_free(azOld[i]);
  sqlite3_free(azOld);
  sqlite3_free(azTable);
  return p->rc == SQLITE_OK;
}

/* ---- installing a rule ----------------------------------------------------
 */

/*
** Installs rule h (its row written) as the kind bCheck, where h says it
** lives: its UPDATE trigger and its table's INSERT triggers, or its
** constraint; whatever it had of the other kind goes, and so does a forged
** trigger or constraint of its name, unless the rule is new (bNew): then a
** constraint of its name is somebody else's, and a failure.  pHomes
** follows.
*/
static int rcInstall(RcOp *p, RcHome *h, int bCheck, int bNew,
                     RcHomes *pHomes) {
  int bWasCheck = h->bCheck && h->bFound;
  if (bCheck) {
    /* a trigger of its name goes, forged or not */
    rcOpExec(
        p, sqlite3_mprintf(
               "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\"", h->id));
    rcCheckEdit(p, h->id, h->zNowTable, h->zNowColumn, h->zSpec, bNew, 0);
  } else {
    if (bWasCheck) rcCheckEdit(p, h->id, h->zNowTable, 0, 0, 0, 0);
    rcUpdateTrigger(p, h->id, h->zNowTable, h->zNowColumn, h->bGenerated,
                    h->zSpec);
  }
  h->bCheck = bCheck;
  h->bFound = 1;
  h->eState = RC_STATE_ENFORCED;
  h->bStale = 0;
  rcInsertTriggers(p, h->zNowTable, pHomes);
  return rcRuleRowWrite(p, h);
}

/* Appends the home of a rule new to richcheck_rules (row id, target t). */
static RcHome *rcHomeAdd(RcOp *p, RcHomes *pHomes, sqlite3_int64 id,
                         const RcTarget *t, const char *zSpec) {
  RcHome *aNew = (RcHome *)sqlite3_realloc64(
      pHomes->a, sizeof(RcHome) * (sqlite3_uint64)(pHomes->n + 1));
  RcHome *h;
  if (aNew == 0) {
    rcOpFail(p, SQLITE_NOMEM, 0);
    return 0;
  }
  pHomes->a = aNew;
  h = &aNew[pHomes->n++];
  memset(h, 0, sizeof(*h));
  h->id = id;
  h->zTable = sqlite3_mprintf("%s", t->zTable);
  h->zColumn = sqlite3_mprintf("%s", t->zColumn);
  h->zSpec = sqlite3_mprintf("%s", zSpec);
  h->zNowTable = sqlite3_mprintf("%s", t->zTable);
  h->zNowColumn = sqlite3_mprintf("%s", t->zColumn);
  h->bGenerated = t->bGenerated;
  h->bRowidAlias = t->bRowidAlias;
  h->eState = RC_STATE_MISSING;
  h->bEnforcedRow = 1; /* the row's defaults: kind 'trigger', enforced 1 */
  h->bKindKnown = 1;
  if (!h->zTable || !h->zColumn || !h->zSpec || !h->zNowTable ||
      !h->zNowColumn) {
    rcOpFail(p, SQLITE_NOMEM, 0);
    return 0;
  }
  return h;
}

/* Whether this call rewrites a definition for rule h (converting it to or
** from the kind 'check', or installing it as one). */
static int rcNeedsRewrite(const RcHome *h, int bCheck) {
  return bCheck || (h && h->bCheck && h->bFound);
}

/* Whether a renamed rule of the kind 'check' waits for its new label, and
** definitions can be rewritten now (else it waits on: its constraint works
** meanwhile). */
static int rcRelabelPending(RcOp *p, const RcHomes *pHomes) {
  int i;
  for (i = 0; i < pHomes->n; i++) {
    const RcHome *h = &pHomes->a[i];
    if (h->bFound && h->bCheck && h->eState == RC_STATE_ENFORCED &&
        (h->bStale || rcHomeMoved(h))) {
      return rcCheckBlocker(p->db) == 0;
    }
  }
  return 0;
}

/*
** Opens the call's savepoint, with the reads of the plan before it or after
** it: in autocommit mode the savepoint is richcheck's own transaction, and
** the rows must be read in it (no other connection can then write a row the
** rule would refuse before the rule is there); inside the application's
** transaction, which keeps what it read, they come first, so that an
** interrupt while reading leaves that transaction as it was.  xRows reads
** them.
*/
int rcBeginAround(RcOp *p, int bWritable, void (*xRows)(RcOp *, void *),
                  void *pArg) {
  if (xRows && p->rc == SQLITE_OK && !p->bAuto) xRows(p, pArg);
  rcOpBegin(p, bWritable);
  if (xRows && p->rc == SQLITE_OK && p->bAuto) xRows(p, pArg);
  return p->rc == SQLITE_OK;
}

/* ---- the SQL functions ----------------------------------------------------
 */

/* What richcheck_add_rule reads the rows for. */
typedef struct RcAddPlan RcAddPlan;
struct RcAddPlan {
  const RcTarget *t;
  const char *zSpec;
  int bRows; /* the rows must keep the rule */
};

static void rcAddRows(RcOp *p, void *pArg) {
  const RcAddPlan *a = (const RcAddPlan *)pArg;
  if (a->bRows) {
    rcRowsKeep(p, a->t->zTable, a->t->zColumn, a->zSpec, "add the rule");
  }
}

/*
** richcheck_add_rule(table, column, spec [, options]): 1 when the rule was
** added, repaired, or made of the kind asked for; 0 when it was there
** already, in force and of that kind.
*/
void rcAddRuleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_add_rule";
  const char *zTable, *zColumn, *zSpec;
  RcHomes homes;
  RcHome *h = 0;
  RcTarget t;
  RcOp op;
  RcAddPlan plan;
  int bNotValid = 0, bCheck = 0, i, iResult = 1, bNew = 0, bWritable = 0;

  memset(&homes, 0, sizeof(homes));
  memset(&t, 0, sizeof(t));
  if (!rcDirectCall(ctx, zFunc) ||
      (zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zColumn = rcTextArg(ctx, zFunc, "column", argv[1])) == 0 ||
      (zSpec = rcTextArg(ctx, zFunc, "spec", argv[2])) == 0 ||
      !rcSpecArg(ctx, zFunc, zSpec) ||
      (argc > 3 &&
       !rcRuleOptions(ctx, zFunc, argv[3], 1, &bNotValid, &bCheck))) {
    return;
  }
  rcOpInit(&op, ctx, zFunc);
  if (rcOpPlan(&op) && rcTargetFind(&op, zTable, zColumn, &t)) {
    rcHomesLoad(&op, &homes);
  }
  for (i = 0; op.rc == SQLITE_OK && i < homes.n && h == 0; i++) {
    const RcHome *g = &homes.a[i];
    if (g->eState != RC_STATE_BAD_ROW &&
        rcHomeMatches(g, t.zTable, t.zColumn, zSpec)) {
      h = &homes.a[i];
    }
  }
  if (h && h->eState == RC_STATE_ENFORCED && h->bCheck == bCheck) {
    iResult = 0; /* there already: only the others' sync */
  } else if (h && !rcHomeRepairable(h) && h->eState != RC_STATE_ENFORCED) {
    char *zWhy = rcRuleStateText(h);
    rcOpFail(&op, zWhy ? SQLITE_ERROR : SQLITE_NOMEM,
             "the rule is recorded (id %lld) but cannot be installed: %s",
             h->id, zWhy);
    sqlite3_free(zWhy);
  }
  if (op.rc == SQLITE_OK && iResult && rcNeedsRewrite(h, bCheck)) {
    bWritable = rcCheckAllowed(&op, bCheck);
  }
  /* a CHECK holds for every row, and a repaired rule must too */
  plan.t = &t;
  plan.zSpec = zSpec;
  plan.bRows = iResult && !bNotValid &&
               (h == 0 || bCheck || h->eState != RC_STATE_ENFORCED);
  if (op.rc == SQLITE_OK)
    bWritable = bWritable || rcRelabelPending(&op, &homes);
  if (rcBeginAround(&op, bWritable, rcAddRows, &plan)) {
    rcRulesTableMake(&op, &homes);
    rcRulesSync(&op, &homes);
  }
  if (op.rc == SQLITE_OK && h && h->bGone) h = 0; /* (superseded) */
  if (op.rc == SQLITE_OK && iResult && h == 0) {
    /* the next id: never one a constraint or trigger left somewhere has */
    sqlite3_int64 iLastRowid = sqlite3_last_insert_rowid(op.db);
    char *zId = homes.idMax < INT64_MAX
                    ? sqlite3_mprintf("%lld", homes.idMax + 1)
                    : sqlite3_mprintf("NULL");
    if (zId &&
        rcOpExec(&op, sqlite3_mprintf("INSERT INTO main.richcheck_rules(id, "
                                      "tbl, col, spec) VALUES (%s, %Q, %Q, %Q)",
                                      zId, t.zTable, t.zColumn, zSpec))) {
      h = rcHomeAdd(&op, &homes, sqlite3_last_insert_rowid(op.db), &t, zSpec);
    }
    if (zId == 0) rcOpFail(&op, SQLITE_NOMEM, 0);
    sqlite3_free(zId);
    sqlite3_set_last_insert_rowid(op.db, iLastRowid);
    bNew = 1;
  }
  if (op.rc == SQLITE_OK && iResult) rcInstall(&op, h, bCheck, bNew, &homes);
  rcOpEnd(&op, iResult);
  rcRuleHomesFree(&homes);
  rcTargetFree(&t);
}

/* richcheck_drop_rule reads no rows. */
static void rcNoRows(RcOp *p, void *pArg) {
  (void)p;
  (void)pArg;
}

/*
** richcheck_drop_rule(table, column [, spec]): removes those rules (every
** rule of the column when no spec), found by the names they have now, with
** their triggers or constraint; returns how many.
*/
void rcDropRuleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_drop_rule";
  const char *zTable, *zColumn, *zSpec = 0;
  const char **azTable = 0; /* tables whose INSERT triggers change */
  sqlite3_int64 nDropped = 0;
  RcHomes homes;
  RcOp op;
  int i, nTable = 0, bWritable = 0;

  memset(&homes, 0, sizeof(homes));
  if (!rcDirectCall(ctx, zFunc) ||
      (zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zColumn = rcTextArg(ctx, zFunc, "column", argv[1])) == 0 ||
      (argc > 2 && (zSpec = rcTextArg(ctx, zFunc, "spec", argv[2])) == 0)) {
    return;
  }
  rcOpInit(&op, ctx, zFunc);
  if (rcOpPlan(&op)) rcHomesLoad(&op, &homes);
  /* (every matching rule is looked at: each orphan must be marked) */
  for (i = 0; op.rc == SQLITE_OK && i < homes.n; i++) {
    RcHome *h = &homes.a[i];
    if (!rcHomeMatches(h, zTable, zColumn, zSpec) || !h->bCheck) continue;
    /* a constraint of the rule left in its table when its column went (a
    ** migration's copy without the column): SQLite reads "col" there as a
    ** string, so it would check that string at every write; it goes too */
    if (!h->bFound && h->eState == RC_STATE_NO_COLUMN) {
      char *zT = 0, *zC = 0, *zErr = 0;
      int rc = rcResolveColumn(op.db, h->zTable, 0, &zT, &zC, 0, &zErr);
      sqlite3_free(zC);
      sqlite3_free(zErr);
      if (rc == SQLITE_OK && rcCheckNamed(&op, h->id, zT)) {
        sqlite3_free(h->zNowTable);
        h->zNowTable = zT;
        h->bOrphan = 1;
      } else {
        sqlite3_free(zT);
        if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND) rcOpFail(&op, rc, 0);
      }
    }
    if ((h->bFound || h->bOrphan) && !bWritable)
      bWritable = rcCheckAllowed(&op, 0);
  }
  if (op.rc == SQLITE_OK)
    bWritable = bWritable || rcRelabelPending(&op, &homes);
  if (rcBeginAround(&op, bWritable, rcNoRows, 0) && homes.eShape > 0) {
    rcRulesTableMake(&op, &homes);
    rcRulesSync(&op, &homes);
    azTable = (const char **)sqlite3_malloc64(sizeof(char *) *
                                              (sqlite3_uint64)(homes.n + 1));
    if (azTable == 0) rcOpFail(&op, SQLITE_NOMEM, 0);
  }
  for (i = 0; op.rc == SQLITE_OK && i < homes.n; i++) {
    RcHome *h = &homes.a[i];
    /* (a row that is not one richcheck writes goes too, by its text) */
    if (h->bGone || !rcHomeMatches(h, zTable, zColumn, zSpec)) continue;
    if (h->bCheck && (h->bFound || h->bOrphan)) {
      rcCheckEdit(&op, h->id, h->zNowTable, 0, 0, 0, 0);
    } else if (rcHomeHasUpdate(h)) {
      azTable[nTable++] = h->zNowTable;
    }
    h->bFound = 0; /* no longer in the INSERT triggers */
    h->eState = RC_STATE_MISSING;
    rcOpExec(&op, sqlite3_mprintf(
                      "DROP TRIGGER IF EXISTS main.\"richcheck_%lld_update\";"
                      "DELETE FROM main.richcheck_rules WHERE id = %lld",
                      h->id, h->id));
    nDropped++;
  }
  rcInsertTriggersOf(&op, azTable, nTable, &homes);
  rcOpEnd(&op, nDropped);
  sqlite3_free(azTable);
  rcRuleHomesFree(&homes);
}

/* What richcheck_repair_rules repairs, and whether it reads the rows. */
typedef struct RcRepairPlan RcRepairPlan;
struct RcRepairPlan {
  RcHomes *pHomes;
  const char *zTable; /* 0: every table */
  int bNotValid;
};

/* Whether richcheck_repair_rules repairs rule h. */
static int rcRepairs(const RcRepairPlan *a, const RcHome *h) {
  return !h->bGone && rcHomeRepairable(h) &&
         (a->zTable == 0 || sqlite3_stricmp(h->zNowTable, a->zTable) == 0);
}

static void rcRepairRows(RcOp *p, void *pArg) {
  const RcRepairPlan *a = (const RcRepairPlan *)pArg;
  int i;
  for (i = 0; !a->bNotValid && p->rc == SQLITE_OK && i < a->pHomes->n; i++) {
    const RcHome *h = &a->pHomes->a[i];
    if (rcRepairs(a, h)) {
      rcRowsKeep(p, h->zNowTable, h->zNowColumn, h->zSpec, "repair the rules");
    }
  }
}

/*
** richcheck_repair_rules([table [, options]]): installs anew every declared
** rule (of that table) that is not in force but can be (its table and
** column exist), as its kind, after checking the rows as adding it does;
** returns how many.  All of them, or none.
*/
void rcRepairRulesFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_repair_rules";
  sqlite3_int64 nRepaired = 0;
  RcHomes homes;
  RcRepairPlan plan;
  RcOp op;
  int i, bCheck = 0, bWritable = 0;

  memset(&homes, 0, sizeof(homes));
  memset(&plan, 0, sizeof(plan));
  plan.pHomes = &homes;
  if (!rcDirectCall(ctx, zFunc) ||
      (argc > 0 && sqlite3_value_type(argv[0]) != SQLITE_NULL &&
       (plan.zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0) ||
      (argc > 1 &&
       !rcRuleOptions(ctx, zFunc, argv[1], 0, &plan.bNotValid, &bCheck))) {
    return;
  }
  rcOpInit(&op, ctx, zFunc);
  if (rcOpPlan(&op) && plan.zTable) {
    RcTarget t; /* a table that does not exist is an error, not 0 */
    memset(&t, 0, sizeof(t));
    rcTargetFind(&op, plan.zTable, 0, &t);
    rcTargetFree(&t);
  }
  if (op.rc == SQLITE_OK) rcHomesLoad(&op, &homes);
  for (i = 0; op.rc == SQLITE_OK && i < homes.n && !bWritable; i++) {
    if (rcRepairs(&plan, &homes.a[i]) && homes.a[i].bCheck) {
      bWritable = rcCheckAllowed(&op, 0);
    }
  }
  if (op.rc == SQLITE_OK)
    bWritable = bWritable || rcRelabelPending(&op, &homes);
  if (rcBeginAround(&op, bWritable, rcRepairRows, &plan) && homes.eShape > 0) {
    rcRulesTableMake(&op, &homes);
    rcRulesSync(&op, &homes);
  }
  for (i = 0; op.rc == SQLITE_OK && i < homes.n; i++) {
    RcHome *h = &homes.a[i];
    if (!rcRepairs(&plan, h)) continue;
    rcInstall(&op, h, h->bCheck, 0, &homes);
    nRepaired++;
  }
  rcOpEnd(&op, nRepaired);
  rcRuleHomesFree(&homes);
}
