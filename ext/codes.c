/*
** codes.c - the catalog of richcheck's result codes, as SQL.
**
**     SELECT * FROM richcheck_codes;        -- one row per code
**     SELECT richcheck_sqlstate(25618);     -- '22001'
**     SELECT richcheck_category(25619);     -- 'integrity'
**     SELECT richcheck_version();           -- '0.4.0'
**     SELECT richcheck_error_mode('compat');-- 1043/18 for drivers that
**                                           -- lose unknown codes
**     SELECT richcheck_error_mode('tagged');-- messages start with
**                -- "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] "
**
** Every row comes from RICHCHECK_CODE_LIST in richcheck.h.
*/
#include "richcheck_int.h"

#include <string.h>

typedef struct RcCodeInfo RcCodeInfo;
struct RcCodeInfo {
  int code;
  const char *zName;
  const char *zSqlstate;
  const char *zDescription;
};

static const RcCodeInfo aRcCode[] = {
#define RC_CODE_ROW_(NAME, PRIM, EXT, STATE, DESC)                             \
  {RICHCHECK_##NAME, "RICHCHECK_" #NAME, STATE, DESC},
    RICHCHECK_CODE_LIST(RC_CODE_ROW_)
#undef RC_CODE_ROW_
};

#define RC_N_CODE ((int)(sizeof(aRcCode) / sizeof(aRcCode[0])))

static int rcIsIntegrity(int code) {
  return (code & 0xff) == SQLITE_CONSTRAINT;
}

/* Column numbers of richcheck_codes, in the order of its declaration. */
enum {
  RC_COL_CODE,
  RC_COL_NAME,
  RC_COL_PRIMARY_CODE,
  RC_COL_PRIMARY_NAME,
  RC_COL_SQLSTATE,
  RC_COL_CATEGORY,
  RC_COL_EXCEPTION,
  RC_COL_DESCRIPTION
};

typedef struct RcCodesCursor RcCodesCursor;
struct RcCodesCursor {
  sqlite3_vtab_cursor base;
  int iRow;
};

int rcDeclareVtab(sqlite3 *db, const char *zSql) {
  int nOld = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  int nNeed = 2 * (int)strlen(zSql) + 256, rc;
  if (nOld >= nNeed) return sqlite3_declare_vtab(db, zSql);
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, nNeed);
  rc = sqlite3_declare_vtab(db, zSql);
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, nOld);
  return rc;
}

static int codesConnect(sqlite3 *db, void *pAux, int argc,
                        const char *const *argv, sqlite3_vtab **ppVtab,
                        char **pzErr) {
  sqlite3_vtab *pVtab;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = rcDeclareVtab(db, "CREATE TABLE x(code INTEGER, name TEXT, "
                         "primary_code INTEGER, primary_name TEXT, "
                         "sqlstate TEXT, category TEXT, "
                         "exception TEXT, description TEXT)");
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS); /* usable in views */
  if (rc != SQLITE_OK) return rc;
  pVtab = (sqlite3_vtab *)sqlite3_malloc64(sizeof(*pVtab));
  if (pVtab == 0) return SQLITE_NOMEM;
  memset(pVtab, 0, sizeof(*pVtab));
  *ppVtab = pVtab;
  return SQLITE_OK;
}

static int codesDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int codesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  RcCodesCursor *pCur = (RcCodesCursor *)sqlite3_malloc64(sizeof(*pCur));
  (void)pVtab;
  if (pCur == 0) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int codesClose(sqlite3_vtab_cursor *pCursor) {
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int codesFilter(sqlite3_vtab_cursor *pCursor, int idxNum,
                       const char *idxStr, int argc, sqlite3_value **argv) {
  (void)idxNum;
  (void)idxStr;
  (void)argc;
  (void)argv;
  ((RcCodesCursor *)pCursor)->iRow = 0;
  return SQLITE_OK;
}

static int codesNext(sqlite3_vtab_cursor *pCursor) {
  ((RcCodesCursor *)pCursor)->iRow++;
  return SQLITE_OK;
}

static int codesEof(sqlite3_vtab_cursor *pCursor) {
  return ((RcCodesCursor *)pCursor)->iRow >= RC_N_CODE;
}

static int codesColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                       int iCol) {
  const RcCodeInfo *p = &aRcCode[((RcCodesCursor *)pCursor)->iRow];
  int bIntegrity = rcIsIntegrity(p->code);
  switch (iCol) {
  case RC_COL_CODE: sqlite3_result_int(ctx, p->code); break;
  case RC_COL_NAME:
    sqlite3_result_text(ctx, p->zName, -1, SQLITE_STATIC);
    break;
  case RC_COL_PRIMARY_CODE: sqlite3_result_int(ctx, p->code & 0xff); break;
  case RC_COL_PRIMARY_NAME:
    sqlite3_result_text(ctx, bIntegrity ? "SQLITE_CONSTRAINT" : "SQLITE_TOOBIG",
                        -1, SQLITE_STATIC);
    break;
  case RC_COL_SQLSTATE:
    sqlite3_result_text(ctx, p->zSqlstate, -1, SQLITE_STATIC);
    break;
  case RC_COL_CATEGORY:
    sqlite3_result_text(ctx, richcheck_category(p->code), -1, SQLITE_STATIC);
    break;
  case RC_COL_EXCEPTION:
    sqlite3_result_text(ctx, bIntegrity ? "IntegrityError" : "DataError", -1,
                        SQLITE_STATIC);
    break;
  default: sqlite3_result_text(ctx, p->zDescription, -1, SQLITE_STATIC); break;
  }
  return SQLITE_OK;
}

static int codesRowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid) {
  *pRowid = ((RcCodesCursor *)pCursor)->iRow + 1;
  return SQLITE_OK;
}

static int codesBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  (void)pVtab;
  pInfo->estimatedCost = (double)RC_N_CODE;
  pInfo->estimatedRows = RC_N_CODE;
  return SQLITE_OK;
}

static const sqlite3_module rcCodesModule = {
    0,               /* iVersion */
    0,               /* xCreate: eponymous-only */
    codesConnect,    /* xConnect */
    codesBestIndex,  /* xBestIndex */
    codesDisconnect, /* xDisconnect */
    0,               /* xDestroy */
    codesOpen,       /* xOpen */
    codesClose,      /* xClose */
    codesFilter,     /* xFilter */
    codesNext,       /* xNext */
    codesEof,        /* xEof */
    codesColumn,     /* xColumn */
    codesRowid,      /* xRowid */
    0,               /* xUpdate: read-only */
    0,               /* xBegin */
    0,               /* xSync */
    0,               /* xCommit */
    0,               /* xRollback */
    0,               /* xFindFunction */
    0,               /* xRename */
    0,               /* xSavepoint */
    0,               /* xRelease */
    0,               /* xRollbackTo */
    0,               /* xShadowName */
};

int rcCodesRegister(sqlite3 *db) {
  /* (a SQLite without virtual tables, SQLITE_OMIT_VIRTUALTABLE, has the
  ** functions only: "no such table: richcheck_codes" says so) */
  if (!RC_HAS_API(create_module)) return SQLITE_OK;
  return sqlite3_create_module(db, "richcheck_codes", &rcCodesModule, 0);
}

/* The code argument, when it is an INTEGER that fits an int; else -1. */
static int rcCodeArg(sqlite3_value *pVal) {
  sqlite3_int64 v;
  if (sqlite3_value_type(pVal) != SQLITE_INTEGER) return -1;
  v = sqlite3_value_int64(pVal);
  return (v < 0 || v > 0x7fffffff) ? -1 : (int)v;
}

void rcSqlstateFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *z = richcheck_sqlstate(rcCodeArg(argv[0]));
  (void)argc;
  if (z) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

void rcCategoryFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *z = richcheck_category(rcCodeArg(argv[0]));
  (void)argc;
  if (z) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
}

void rcVersionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, RICHCHECK_VERSION, -1, SQLITE_STATIC);
}

/*
** Parses a mode of richcheck_error_mode: words separated by commas, each
** 'extended', 'compat' or 'tagged' in any ASCII case, with spaces around;
** at most one of 'extended' and 'compat'.  0 when z[0..n) is no such mode.
*/
static int rcModeParse(const char *z, int n, int *pbCompat, int *pbTagged) {
  static const char *const azWord[] = {"extended", "compat", "tagged"};
  int seen = 0, i = 0;
  while (i <= n) {
    int iStart, iEnd, k, bFound = 0;
    while (i < n && z[i] == ' ')
      i++;
    iStart = i;
    while (i < n && z[i] != ',')
      i++;
    iEnd = i;
    while (iEnd > iStart && z[iEnd - 1] == ' ')
      iEnd--;
    for (k = 0; k < 3; k++) {
      int len = (int)strlen(azWord[k]);
      if (iEnd - iStart == len &&
          sqlite3_strnicmp(z + iStart, azWord[k], len) == 0 &&
          !(seen & (1 << k))) {
        seen |= 1 << k;
        bFound = 1;
      }
    }
    if (!bFound) return 0;
    i++; /* past the comma, or past the end */
  }
  if ((seen & 3) == 3) return 0; /* both 'extended' and 'compat' */
  *pbCompat = (seen & 2) != 0;
  *pbTagged = (seen & 4) != 0;
  return 1;
}

static const char *rcModeName(const RcConn *pConn) {
  if (pConn->bTagged) return pConn->bCompat ? "compat, tagged" : "tagged";
  return pConn->bCompat ? "compat" : "extended";
}

void rcErrorModeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcConn *pConn = (RcConn *)sqlite3_user_data(ctx);
  /* (a CHECK of a database's own must not change how the connection
  ** reports errors: SQLite 3.40 runs even a DIRECTONLY function there) */
  if (argc == 1 && !rcDirectCall(ctx, "richcheck_error_mode")) return;
  if (argc == 1) {
    int bText = sqlite3_value_type(argv[0]) == SQLITE_TEXT;
    const char *zMode = bText ? (const char *)sqlite3_value_text(argv[0]) : 0;
    int nMode = bText ? sqlite3_value_bytes(argv[0]) : 0;
    int bCompat = 0, bTagged = 0;
    if (zMode && (int)strlen(zMode) == nMode &&
        rcModeParse(zMode, nMode, &bCompat, &bTagged)) {
      pConn->bCompat = bCompat;
      pConn->bTagged = bTagged;
    } else {
      char *zShown = bText ? rcCleanText((const unsigned char *)zMode, nMode, 0)
                           : sqlite3_mprintf("%s", rcTypeName(argv[0]));
      if (zShown == 0) {
        sqlite3_result_error_nomem(ctx);
      } else {
        rcUsage(ctx,
                "richcheck_error_mode: unknown mode %s%s%s: use 'extended' "
                "(the default), 'compat', 'tagged' or 'compat, tagged'",
                bText ? "'" : "", zShown, bText ? "'" : "");
      }
      sqlite3_free(zShown);
      return;
    }
  }
  sqlite3_result_text(ctx, rcModeName(pConn), -1, SQLITE_STATIC);
}
