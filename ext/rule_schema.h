/*
** rule_schema.h - what the files of declared rules share:
**
**     rule_change.c   RcOp: a schema function's changes, all or nothing
**     rule_home.c     RcHome: each rule, where it lives, whether in force
**     rule_check.c    the kind 'check': a table's definition rewritten
**     rule_schema.c   richcheck_add_rule / _drop_rule / _repair_rules
**     violations.c    richcheck_violations (reads the homes)
*/
#ifndef RICHCHECK_RULE_SCHEMA_H
#define RICHCHECK_RULE_SCHEMA_H

#include "richcheck_int.h"

/* ---- rule_change.c ------------------------------------------------------ */

/* What undoing a failed call did. */
typedef enum RcUndo {
  RC_UNDO_NONE,        /* nothing to undo (or not yet) */
  RC_UNDO_SAVEPOINT,   /* back to the state before the call */
  RC_UNDO_TRANSACTION, /* the application's whole transaction rolled back */
  RC_UNDO_FAILED       /* still open: left to SQLite (SQLITE_NOMEM) */
} RcUndo;

typedef struct RcOp RcOp;
struct RcOp {
  sqlite3_context *ctx;
  sqlite3 *db;
  const char *zFunc;
  int rc;       /* the first failure; SQLITE_OK while there is none */
  char *zErr;   /* its message, without the function's name */
  int bAuto;    /* autocommit was on: the savepoint is the transaction */
  int bOpen;    /* the savepoint is open */
  int bUnsure;  /* (its SAVEPOINT failed, but may have taken effect) */
  RcUndo eUndo; /* after a failure */
  sqlite3_stmt *pGuard; /* rolls the transaction back if stepped when
                        ** interrupted (rule_change.c) */
  sqlite3_int64 iUserVersion;
  sqlite3_int64 iSchemaVersion; /* when the plan was read (rcOpPlan) */
  int bWritable;                /* writable_schema turned on for the call */
  int bWasWritable;             /* it was on before */
};

void rcOpInit(RcOp *p, sqlite3_context *ctx, const char *zFunc);
/* Records a failure (the first one counts) and returns 0.  rc is its code;
** SQLITE_NOMEM needs no message. */
int rcOpFail(RcOp *p, int rc, const char *zFormat, ...);
/* Records the failure rc of a statement of p->db, with its message. */
int rcOpFailDb(RcOp *p, int rc);
/* Runs zSql (richcheck's own, sqlite3_free()d here): 1, or 0 and failed. */
int rcOpExec(RcOp *p, char *zSql);
/* The first column of the first row of zSql (sqlite3_free()d here) with
** text parameter z1, or -1 / 0 after a failure (no row: 0 / a failure). */
sqlite3_int64 rcOpQueryInt(RcOp *p, char *zSql, const char *z1);
char *rcOpQueryText(RcOp *p, char *zSql, const char *z1);
/* Notes whether the call begins in autocommit mode and the schema version
** its reads (the plan) see; before anything is read. */
int rcOpPlan(RcOp *p);
/* Opens the savepoint (and prepares the guard), with writable_schema on
** for the whole call when bWritable (a definition is rewritten: rule_check.c;
** every other statement of the connection expires): 1, or 0 and failed. */
int rcOpBegin(RcOp *p, int bWritable);
/* Ends the call: keeps the changes and returns iResult, or undoes them and
** raises the first failure. */
void rcOpEnd(RcOp *p, sqlite3_int64 iResult);

/*
** Reads argument pArg as TEXT naming zWhat: else a usage error and 0.  A
** NUL inside would cut the name where SQLite reads it: refused.
*/
const char *rcTextArg(sqlite3_context *ctx, const char *zFunc,
                      const char *zWhat, sqlite3_value *pArg);
/*
** Opens the call's savepoint (rcOpBegin), with xRows, the reads of the rows,
** before it (inside the application's transaction, which keeps what it
** read) or in it (autocommit: no other connection can then write a row in
** between): 1, or 0 and failed.  xRows may be 0: no rows to read.
*/
int rcBeginAround(RcOp *p, int bWritable, void (*xRows)(RcOp *, void *),
                  void *pArg);

/* ---- rule_home.c -------------------------------------------------------- */

/* Whether a declared rule is in force, or why not. */
typedef enum RcRuleState {
  RC_STATE_ENFORCED,  /* its triggers or constraint, as richcheck writes them */
  RC_STATE_NO_TABLE,  /* its table does not exist */
  RC_STATE_NO_COLUMN, /* its column does not exist */
  RC_STATE_MISSING,   /* no trigger or constraint of its name */
  RC_STATE_FORGED,    /* one of its name that is not what richcheck writes */
  RC_STATE_NO_INSERT, /* its UPDATE trigger, but no INSERT trigger checks it */
  RC_STATE_AMBIGUOUS, /* its constraint in several tables, none the recorded */
  RC_STATE_BAD_ROW    /* its row is not one richcheck writes */
} RcRuleState;

/* A declared rule and where it lives now. */
typedef struct RcHome RcHome;
struct RcHome {
  sqlite3_int64 id;
  char *zTable, *zColumn, *zSpec; /* as richcheck_rules has them */
  int bCheck;       /* of the kind 'check' (as found, else as recorded) */
  int bKindKnown;   /* the row says its kind (richcheck_rules of 0.2) */
  int bEnforcedRow; /* what the row's column enforced says (1 without it) */
  int bCheckRow;    /* what its column kind says ('check') */
  int bRowChanged;  /* its names changed: the row is to be written */
  int bGone;        /* its row was deleted by this call */
  RcRuleState eState;
  /* Where it is (the schema's spellings), or for a rule not in force the
  ** recorded table and column when they exist; 0: nowhere. */
  char *zNowTable, *zNowColumn;
  int bGenerated;  /* that column is generated */
  int bRowidAlias; /* it is the INTEGER PRIMARY KEY */
  int bFound;      /* its trigger or constraint was found, as richcheck
                   ** writes it (its names can be read from it) */
  int bStale;      /* its label is not 'table.column' by the names of now, or
                   ** its constraint has no line of its own: written again */
  int bOrphan;     /* its constraint is in its table, whose column is gone */
};

/* The rules of main, read by rcRuleHomesRead. */
typedef struct RcHomes RcHomes;
struct RcHomes {
  RcHome *a;
  int n;
  int eShape; /* richcheck_rules: 0 none, 1 as 0.1 made it, 2 with kind and
              ** enforced */
  sqlite3_int64 idMax; /* the largest rule id in the rows and the schema's
                       ** names: a new rule takes the next (never the id of
                       ** a constraint or trigger left somewhere) */
};

/*
** Every declared rule of main with where it lives now and whether it is in
** force: SQLITE_OK (no rules when richcheck_rules does not exist), or an
** error code with *pzErr (sqlite3_free() it; 0 for SQLITE_NOMEM).
** richcheck_rules must be the table richcheck makes, with nothing of
** anyone else's on it (a trigger, an index): else SQLITE_ERROR, and
** richcheck neither reads nor writes it.
*/
int rcRuleHomesRead(sqlite3 *db, RcHomes *p, char **pzErr);
void rcRuleHomesFree(RcHomes *p);
/* Why rule h is not in force, as a phrase ("its trigger ... is missing");
** sqlite3_free() it; 0 when memory ran out. */
char *rcRuleStateText(const RcHome *h);
/* The definition of richcheck_rules richcheck makes now (CREATE TABLE
** main.richcheck_rules ...). */
extern const char rcRulesTableSql[];

/*
** Finds table zTable of main and, unless zColumn is 0, its column zColumn
** (names compared as SQLite does, ASCII case folded): SQLITE_OK with the
** schema's spellings in *pzTable and *pzColumn; SQLITE_NOTFOUND with *pzErr
** ("no such table: ...", "... is not an ordinary table"); the error of a
** query that failed (SQLITE_INTERRUPT ...) with *pzErr; or SQLITE_NOMEM.
** sqlite3_free() them.
*/
int rcResolveColumn(sqlite3 *db, const char *zTable, const char *zColumn,
                    char **pzTable, char **pzColumn, int *pbGenerated,
                    char **pzErr);
/* Whether column zColumn (as spelled) of table zTable of main is its
** INTEGER PRIMARY KEY (*pb): SQLITE_OK, or the error of the query. */
int rcIsRowidAlias(sqlite3 *db, const char *zTable, const char *zColumn,
                   int *pb);
/*
** Reads the id and role of a trigger named richcheck_<id>_update, _insert
** or _insert_after (any case; the id a positive int64 with no leading
** zero): 1 update, 2 insert, 3 insert after; 0 for any other name.
*/
int rcRuleTriggerRole(const char *zName, sqlite3_int64 *pId);

/* ---- rule_check.c ------------------------------------------------------- */

/*
** What keeps richcheck from rewriting a definition now: 0 nothing, 1 another
** statement running (the rewrite would end it), 2 SQLITE_DBCONFIG_DEFENSIVE,
** 3 a SQLite without the authorizer (SQLITE_OMIT_AUTHORIZATION).
*/
int rcCheckBlocker(sqlite3 *db);
/* Whether definitions can be rewritten now; else fails p saying why and
** what to do instead (bToCheck: the call makes a rule of the kind 'check',
** and could make it as triggers). */
int rcCheckAllowed(RcOp *p, int bToCheck);
/*
** Rewrites table zTable's definition: takes rule id's constraint away (when
** it is there, as richcheck writes it or not) and, if zColumn is not 0,
** writes it anew at the end of the column list for column zColumn.  bNew:
** the rule is new to the table, so a constraint of its name there is
** somebody else's: a failure.  bQuiet: when the new definition cannot be
** made, change nothing and return 1 (a label that can wait).
*/
int rcCheckEdit(RcOp *p, sqlite3_int64 id, const char *zTable,
                const char *zColumn, const char *zSpec, int bNew, int bQuiet);
/*
** Whether table zTable's definition holds a constraint named
** richcheck_<id> (as richcheck writes it or not); 0 also when p failed.
*/
int rcCheckNamed(RcOp *p, sqlite3_int64 id, const char *zTable);
/*
** Whether zSql, the new definition of table zTable, is one SQLite takes and
** that keeps the table's columns as they are, tried on a scratch database
** first: 1.  Else fails p and returns 0, or with bQuiet returns -1.
*/
int rcCheckTry(RcOp *p, const char *zTable, const char *zSql, int bQuiet);
/* Writes zSql as table zTable's definition (writable_schema on: rcOpBegin
** with bWritable): 1, or 0 and failed. */
int rcCheckWrite(RcOp *p, const char *zTable, const char *zSql);
/* A scratch in-memory database with richcheck's functions, that can attach
** and load nothing: SQLITE_OK, or an error (close *pp either way). */
int rcScratchOpen(sqlite3 **pp);
/* Runs zSql on scratch database db as the one CREATE TABLE statement of
** table zTable it must be: SQLITE_OK, or an error (its message in db, or
** *pzWhy when the text is not that statement). */
int rcScratchCreate(sqlite3 *db, const char *zTable, const char *zSql,
                    const char **pzWhy);

/* ---- constraint_scan.c -------------------------------------------------- */

/*
** The rows of table zTable that break the condition zCond of a CHECK: each
** row where NOT (zCond) holds, and each where evaluating it raised a
** richcheck code or another data error (SQLITE_CONSTRAINT / SQLITE_TOOBIG
** primary; the row the error came from is found and the scan goes on after
** it).  Rows come in key order; memory stays constant.
**
**     RcCondScan s;
**     rc = rcCondScanOpen(db, zTable, zCond, zColumn, &s, &zErr);
**     while (rc == SQLITE_OK && (rc = rcCondScanNext(&s)) == SQLITE_ROW) {
**       ... s.pKey, s.pValue, s.code, s.zMsg ...
**     }
**     rcCondScanClose(&s);
*/
typedef struct RcCondScan RcCondScan;
struct RcCondScan {
  sqlite3 *db;
  char *zKey;   /* the key each row is reported by (rcRowKeyExpr) */
  char *zOrder; /* the columns the rows are ordered by: the rowid or the
                ** primary key's, nOrder of them */
  int nOrder;
  char *zAfter;           /* "(order columns) > (?1, ...)" */
  char *zFrom;            /* the table, as the scans name it */
  char *zCond;            /* the condition, a newline after it */
  char *zValue;           /* the value column's expression, or NULL */
  sqlite3_stmt *pScan;    /* the rows where NOT (cond) */
  sqlite3_value **apLast; /* the order columns of the last row seen, or 0s */
  sqlite3_value *pKey, *pValue; /* the row: its key and value */
  int code;   /* SQLITE_CONSTRAINT_CHECK, or the code raised */
  char *zMsg; /* the message raised, or 0 (a false condition) */
  int bDone;
};
/*
** Opens the scan; zColumn: the column whose value each row reports (0:
** none).  SQLITE_OK, or an error with *pzErr (sqlite3_free() it).
*/
int rcCondScanOpen(sqlite3 *db, const char *zTable, const char *zCond,
                   const char *zColumn, RcCondScan *p, char **pzErr);
/* SQLITE_ROW with the next row that breaks it, SQLITE_DONE, or an error
** (its message in p->zMsg). */
int rcCondScanNext(RcCondScan *p);
void rcCondScanClose(RcCondScan *p);
/*
** Whether the condition zCond[0..n) of constraint zName read from table
** zTable's definition zSql (which may come from anyone) may be run on the
** connection as the one expression it is: the definition is created on a
** scratch database, and the scan's statement prepared there under an
** authorizer that lets it read that table and call functions, but none that
** changes anything (richcheck's schema functions, load_extension ...).
** SQLITE_OK, or an error with *pzErr saying why not.
*/
/*
** The key a row of table zTable is reported by: its rowid (by the first of
** rowid, _rowid_ and oid that no column takes, or its INTEGER PRIMARY KEY),
** or its primary key (a WITHOUT ROWID table, or one whose columns take all
** three names; a composite one as a JSON array): SQLITE_OK and *pzKey, an
** expression (sqlite3_free() it), or an error with *pzErr.  Unless pzOrder
** is 0, *pzOrder gets the columns the rows are in order of, *pnOrder of
** them ("rowid", or the key's: "a", "b").
*/
int rcRowKeyExpr(sqlite3 *db, const char *zTable, char **pzKey, char **pzOrder,
                 int *pnOrder, char **pzErr);
int rcCondVerify(const char *zTable, const char *zSql, const char *zCond,
                 char **pzErr);

#endif /* RICHCHECK_RULE_SCHEMA_H */
