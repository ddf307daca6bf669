/*
** constraint.c - any CHECK added to an existing table, or taken away:
** richcheck_add_constraint and richcheck_drop_constraint.
**
**     SELECT richcheck_add_constraint('orders', 'price_positive',
**                                     'price > 0');
**     SELECT richcheck_add_constraint('orders', 'ship_after_order',
**                                     'shipped >= ordered', 'not valid');
**     SELECT * FROM richcheck_violations('orders', 'ship_after_order');
**     SELECT richcheck_drop_constraint('orders', 'price_positive');
**
** PostgreSQL's ALTER TABLE ... ADD CONSTRAINT ... CHECK, on every SQLite:
** the existing rows are checked first (a call refused says how many break
** it and how to list them; 'not valid' adds it anyway), then the constraint
** is written into the table's definition.  SQLite 3.53 and later do that
** themselves (ALTER TABLE ... ADD CONSTRAINT / DROP CONSTRAINT); before,
** the definition is rewritten as for rules of the kind 'check'
** (rule_check.c: tried on a scratch database first, then written in place,
** all or nothing).  A condition is one SQL expression: balanced, no ';'
** (rcTableDefExprOk), and SQLite's parse of the definition it goes into
** decides the rest.
*/
#include "rule_schema.h"
#include "tabledef.h"

#include <string.h>

/* SQLite's own ALTER TABLE ... ADD / DROP CONSTRAINT. */
#define RC_NATIVE_CONSTRAINTS 3053000

/* The table (as the schema spells it) and its definition; else fails p. */
static char *rcConsTable(RcOp *p, const char *zTable, char **pzSql) {
  char *zT = 0, *zC = 0, *zErr = 0;
  int rc = rcResolveColumn(p->db, zTable, 0, &zT, &zC, 0, &zErr);
  sqlite3_free(zC);
  *pzSql = 0;
  if (rc == SQLITE_OK) {
    *pzSql = rcOpQueryText(
        p,
        sqlite3_mprintf("SELECT sql FROM main.sqlite_schema WHERE type = "
                        "'table' AND name = ?1"),
        zT);
    if (*pzSql == 0 && p->rc == SQLITE_OK) {
      rcOpFail(p, SQLITE_ERROR, "table \"%w\" has no definition", zT);
    }
  } else if (rc == SQLITE_NOMEM) {
    rcOpFail(p, SQLITE_NOMEM, 0);
  } else {
    rcOpFail(p, rc == SQLITE_NOTFOUND ? SQLITE_ERROR : rc, "%s", zErr);
  }
  sqlite3_free(zErr);
  if (p->rc != SQLITE_OK) {
    sqlite3_free(zT);
    sqlite3_free(*pzSql);
    *pzSql = 0;
    zT = 0;
  }
  return zT;
}

/* Whether the name argument is one richcheck_add_constraint may take; else
** a usage error. */
static int rcConsNameOk(sqlite3_context *ctx, const char *zFunc,
                        const char *zName) {
  if (zName[0] == 0) {
    rcUsage(ctx, "%s: the constraint's name is empty", zFunc);
    return 0;
  }
  if (sqlite3_strnicmp(zName, "richcheck_", 10) == 0) {
    rcUsage(ctx,
            "%s: names that start with richcheck_ are those of declared "
            "rules (richcheck_add_rule, richcheck_drop_rule): choose another",
            zFunc);
    return 0;
  }
  return 1;
}

/* Whether the definition can be rewritten now (rule_check.c); else fails p
** saying why and what to do. */
static int rcConsAllowed(RcOp *p, int bNullRows) {
  switch (rcCheckBlocker(p->db)) {
  case 0: return 1;
  case 1:
    return rcOpFail(p, SQLITE_ERROR,
                    "the table's definition is rewritten, which ends the other "
                    "statements running on this connection; finish or reset "
                    "them first");
  case 2:
    return rcOpFail(
        p, SQLITE_ERROR,
        "%s richcheck writes the table's definition itself, "
        "which this connection forbids (SQLITE_DBCONFIG_DEFENSIVE); "
        "run it from a connection that allows it",
        bNullRows ? "SQLite's own ALTER TABLE ADD CONSTRAINT refuses "
                    "rows where the condition is NULL, which a "
                    "CHECK lets pass, so"
                  : "before SQLite 3.53 (and with 'not valid')");
  default:
    return rcOpFail(p, SQLITE_ERROR,
                    "the new definition is tried on a scratch database under "
                    "an authorizer first, and this SQLite was built without "
                    "one (SQLITE_OMIT_AUTHORIZATION)");
  }
}

/* What richcheck_add_constraint reads the rows for. */
typedef struct RcConsPlan RcConsPlan;
struct RcConsPlan {
  const char *zTable, *zName, *zCond;
  int bRows; /* the rows must keep it (not 'not valid') */
};

/* How many rows of the table break the condition (rcCondScan); -1 after a
** failure of p. */
static sqlite3_int64 rcConsBadRows(RcOp *p, const RcConsPlan *a) {
  RcCondScan s;
  sqlite3_int64 n = 0;
  char *zErr = 0;
  int rc;
  if (p->rc != SQLITE_OK) return -1;
  rc = rcCondScanOpen(p->db, a->zTable, a->zCond, 0, &s, &zErr);
  while (rc == SQLITE_OK && (rc = rcCondScanNext(&s)) == SQLITE_ROW) {
    n++;
    rc = SQLITE_OK;
  }
  if (rc != SQLITE_DONE) {
    if (rc == SQLITE_NOMEM) {
      rcOpFail(p, SQLITE_NOMEM, 0);
    } else {
      /* interrupted, busy, a condition that fails by itself ... */
      rcOpFail(p, rc, "%s", zErr ? zErr : s.zMsg ? s.zMsg : "");
    }
    n = -1;
  }
  rcCondScanClose(&s);
  sqlite3_free(zErr);
  return n;
}

/* Fails p with the count of the rows that break the constraint, and what to
** do (as SQLITE_CONSTRAINT_CHECK: the rows are the problem). */
static int rcConsRowsFail(RcOp *p, const RcConsPlan *a, sqlite3_int64 nBad) {
  /* (the condition on one line, as messages are) */
  char *zShown =
      rcCleanText((const unsigned char *)a->zCond, (int)strlen(a->zCond), 1);
  if (zShown == 0) return rcOpFail(p, SQLITE_NOMEM, 0);
  rcOpFail(p, SQLITE_CONSTRAINT_CHECK,
           "%lld row%s of \"%w\" break%s the constraint \"%w\" (CHECK "
           "(%s)); list them with SELECT * FROM richcheck_violations(%Q, %Q), "
           "fix them, or add it anyway with the option 'not valid'",
           nBad, nBad == 1 ? "" : "s", a->zTable, nBad == 1 ? "s" : "",
           a->zName, zShown, a->zTable, a->zName);
  sqlite3_free(zShown);
  return 0;
}

static void rcConsRows(RcOp *p, void *pArg) {
  const RcConsPlan *a = (const RcConsPlan *)pArg;
  sqlite3_int64 nBad;
  if (!a->bRows) return;
  nBad = rcConsBadRows(p, a);
  if (nBad > 0) rcConsRowsFail(p, a, nBad);
}

/* Whether a row of table zTable makes the condition NULL (an error while
** looking: not known, 0). */
static int rcConsNullRows(sqlite3 *db, const char *zTable, const char *zCond) {
  sqlite3_stmt *pStmt = 0;
  char *zSql = sqlite3_mprintf(
      "SELECT 1 FROM main.\"%w\" WHERE (%s\n) IS NULL LIMIT 1", zTable, zCond);
  int bFound = 0;
  if (zSql && sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK) {
    bFound = sqlite3_step(pStmt) == SQLITE_ROW;
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  return bFound;
}

/* Reads the options argument of richcheck_add_constraint: NULL or 'not
** valid' (any case, spaces around it); else a usage error and 0. */
static int rcConsOptions(sqlite3_context *ctx, const char *zFunc,
                         sqlite3_value *pArg, int *pbNotValid) {
  const char *z;
  int n;
  if (sqlite3_value_type(pArg) == SQLITE_NULL) return 1;
  z = rcTextArg(ctx, zFunc, "option", pArg);
  if (z == 0) return 0;
  while (*z == ' ')
    z++;
  n = (int)strlen(z);
  while (n > 0 && z[n - 1] == ' ')
    n--;
  if (n == 9 && sqlite3_strnicmp(z, "not valid", 9) == 0) {
    *pbNotValid = 1;
    return 1;
  }
  {
    char *zShown = rcCleanText((const unsigned char *)z, n, 1);
    if (zShown == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      rcUsage(ctx,
              "%s: unknown option '%s': the option is 'not valid' (add the "
              "constraint although rows break it)",
              zFunc, zShown);
    }
    sqlite3_free(zShown);
  }
  return 0;
}

/*
** richcheck_add_constraint(table, name, condition [, options]): adds
** CONSTRAINT "name" CHECK (condition) to the table; 1.
*/
void rcAddConstraintFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char *zFunc = "richcheck_add_constraint";
  const char *zTable, *zName, *zCond;
  char *zT = 0, *zSql = 0, *zNew = 0;
  int bNotValid = 0, bLineComment = 0, bNative, bWritable = 0, bNullRows = 0;
  RcTableDefCons cons;
  RcConsPlan plan;
  RcOp op;

  if (!rcDirectCall(ctx, zFunc) ||
      (zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zName = rcTextArg(ctx, zFunc, "name", argv[1])) == 0 ||
      !rcConsNameOk(ctx, zFunc, zName) ||
      (zCond = rcTextArg(ctx, zFunc, "condition", argv[2])) == 0 ||
      (argc > 3 && !rcConsOptions(ctx, zFunc, argv[3], &bNotValid))) {
    return;
  }
  if (!rcTableDefExprOk(zCond, (int)strlen(zCond), &bLineComment)) {
    char *zShown =
        rcCleanText((const unsigned char *)zCond, (int)strlen(zCond), 1);
    if (zShown == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      rcUsage(ctx,
              "%s: the condition \"%s\" is not one SQL expression (empty, "
              "unbalanced parentheses, a ';', or a string or comment left "
              "open); write one such as 'price > 0'",
              zFunc, zShown);
    }
    sqlite3_free(zShown);
    return;
  }
  /* SQLite's own ADD CONSTRAINT checks every row: 'not valid' needs the
  ** rewrite */
  bNative = sqlite3_libversion_number() >= RC_NATIVE_CONSTRAINTS && !bNotValid;
  rcOpInit(&op, ctx, zFunc);
  if (rcOpPlan(&op)) zT = rcConsTable(&op, zTable, &zSql);
  if (op.rc == SQLITE_OK) {
    rcTableDefConstraint(zSql, (int)strlen(zSql), zName, &cons);
    if (cons.nFound > 0) {
      rcOpFail(&op, SQLITE_ERROR,
               "table \"%w\" already has a constraint named \"%w\"; nothing "
               "was changed",
               zT, zName);
    }
  }
  if (op.rc == SQLITE_OK && bNative) {
    /* SQLite 3.53 counts a row whose condition is NULL as one that breaks
    ** it: with such rows the definition is rewritten instead */
    bNullRows = rcConsNullRows(op.db, zT, zCond);
    bNative = !bNullRows;
  }
  if (op.rc == SQLITE_OK && !bNative) {
    RcTableDefPlace at;
    if (!rcTableDefPlace(zSql, (int)strlen(zSql), &at)) {
      rcOpFail(&op, SQLITE_ERROR, "the definition of \"%w\" has no column list",
               zT);
    } else {
      zNew = sqlite3_mprintf("%.*s%s%.*sCONSTRAINT \"%w\" CHECK (%s%s)%s%s",
                             at.iAt, zSql, at.zLead, at.nIndent, at.zIndent,
                             zName, zCond, bLineComment ? "\n" : "", at.zTail,
                             zSql + at.iAt);
      if (zNew == 0) rcOpFail(&op, SQLITE_NOMEM, 0);
    }
    if (op.rc == SQLITE_OK) bWritable = rcConsAllowed(&op, bNullRows);
    if (op.rc == SQLITE_OK) rcCheckTry(&op, zT, zNew, 0);
  }
  plan.zTable = zT;
  plan.zName = zName;
  plan.zCond = zCond;
  plan.bRows = !bNotValid && !bNative; /* (SQLite checks them itself) */
  if (rcBeginAround(&op, bWritable, rcConsRows, &plan)) {
    if (bNative) {
      char *zAlter = sqlite3_mprintf(
          "ALTER TABLE main.\"%w\" ADD CONSTRAINT \"%w\" CHECK (%s%s)", zT,
          zName, zCond, bLineComment ? "\n" : "");
      int rc = zAlter ? sqlite3_exec(op.db, zAlter, 0, 0, 0) : SQLITE_NOMEM;
      sqlite3_free(zAlter);
      if ((rc & 0xff) == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_TOOBIG) {
        /* its message, before the count's statements replace it */
        char *zWhy = sqlite3_mprintf("%s", sqlite3_errmsg(op.db));
        int rcWhy = sqlite3_extended_errcode(op.db);
        sqlite3_int64 nBad = rcConsBadRows(&op, &plan);
        if (nBad > 0) rcConsRowsFail(&op, &plan, nBad);
        if (zWhy == 0) rcOpFail(&op, SQLITE_NOMEM, 0);
        rcOpFail(&op, rcWhy,
                 "SQLite's ALTER TABLE ADD CONSTRAINT refused it (%s); "
                 "nothing was changed",
                 zWhy);
        sqlite3_free(zWhy);
      } else if (rc != SQLITE_OK) {
        rcOpFailDb(&op, rc);
      }
    } else {
      rcCheckWrite(&op, zT, zNew);
    }
  }
  rcOpEnd(&op, 1);
  sqlite3_free(zT);
  sqlite3_free(zSql);
  sqlite3_free(zNew);
}

/*
** richcheck_drop_constraint(table, name): takes the CHECK constraint of
** that name (of the table or of a column) out of the table's definition;
** 1.
*/
void rcDropConstraintFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  static const char *zFunc = "richcheck_drop_constraint";
  const char *zTable, *zName;
  char *zT = 0, *zSql = 0;
  int bNative = sqlite3_libversion_number() >= RC_NATIVE_CONSTRAINTS;
  int bWritable = 0, n;
  RcTableDefCons cons;
  RcOp op;

  (void)argc;
  if (!rcDirectCall(ctx, zFunc) ||
      (zTable = rcTextArg(ctx, zFunc, "table", argv[0])) == 0 ||
      (zName = rcTextArg(ctx, zFunc, "name", argv[1])) == 0) {
    return;
  }
  if (sqlite3_strnicmp(zName, "richcheck_", 10) == 0) {
    rcUsage(ctx,
            "%s: \"%s\" is the name of a declared rule's constraint: drop the "
            "rule with richcheck_drop_rule(table, column)",
            zFunc, zName);
    return;
  }
  rcOpInit(&op, ctx, zFunc);
  if (rcOpPlan(&op)) zT = rcConsTable(&op, zTable, &zSql);
  if (op.rc == SQLITE_OK) {
    n = (int)strlen(zSql);
    rcTableDefConstraint(zSql, n, zName, &cons);
    if (cons.nFound == 0) {
      rcOpFail(&op, SQLITE_ERROR, "table \"%w\" has no constraint named \"%w\"",
               zT, zName);
    } else if (cons.nFound > 1) {
      rcOpFail(&op, SQLITE_ERROR,
               "table \"%w\" has %d constraints named \"%w\": which one to "
               "drop is not clear; nothing was changed",
               zT, cons.nFound, zName);
    } else if (cons.eKind != RC_CONS_CHECK) {
      rcOpFail(&op, SQLITE_ERROR,
               "the constraint \"%w\" of \"%w\" is not a CHECK constraint: "
               "richcheck_drop_constraint drops CHECK constraints only",
               zName, zT);
    } else if (cons.bSplit && !bNative) {
      rcOpFail(&op, SQLITE_ERROR,
               "the constraint \"%w\" of \"%w\" has other constraints "
               "between its name and its CHECK; richcheck_drop_constraint "
               "takes out CONSTRAINT name CHECK (...) written together only; "
               "nothing was changed",
               zName, zT);
    } else if (!bNative) {
      if (cons.iColumn == 0) rcTableDefCut(zSql, n, &cons.iStart, &cons.iEnd);
      memmove(zSql + cons.iStart, zSql + cons.iEnd,
              (size_t)(n - cons.iEnd) + 1);
      bWritable = rcConsAllowed(&op, 0);
      if (op.rc == SQLITE_OK) rcCheckTry(&op, zT, zSql, 0);
    }
  }
  if (rcBeginAround(&op, bWritable, 0, 0)) {
    if (bNative) {
      rcOpExec(&op, sqlite3_mprintf("ALTER TABLE main.\"%w\" DROP CONSTRAINT "
                                    "\"%w\"",
                                    zT, zName));
    } else {
      rcCheckWrite(&op, zT, zSql);
    }
  }
  rcOpEnd(&op, 1);
  sqlite3_free(zT);
  sqlite3_free(zSql);
}
