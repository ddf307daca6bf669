/*
** pattern_sql.c - the pattern functions, as SQL.
**
**     pattern_valid(x, re [, flags])            -> 1 or 0, never raises for
**                                                  data
**     pattern_check(x, re [, flags [, label]])  -> 1, or raises:
**         RICHCHECK_PATTERN   the text does not match (23514)
**         RICHCHECK_ENCODING  a BLOB, invalid UTF-8, a NUL (22021)
**     pattern_error(x, re [, flags])            -> NULL, or what
**                                                  pattern_check says
**
**     SELECT pattern_check('ab12', '[a-z]+[0-9]*', NULL, 'users.code');
**
** re: TEXT, PCRE2 syntax, matched against the whole value (ext/pattern.h:
** anchored unless the flag search); flags: TEXT such as 'caseless, search'
** or NULL.  NULL passes.  INTEGER and REAL values are judged by their text
** (what CAST(x AS TEXT), length() and REGEXP see).  A pattern that does not
** compile is a usage error that says where; a match that reaches one of
** PCRE2's limits is an error too (plain SQLITE_ERROR: the check could not
** judge the value, so neither verdict would be true).
**
** A pattern is compiled once per statement (auxdata) and kept per
** connection (up to RC_PATTERN_CACHE of them, RC_PATTERN_CACHE_TEXT bytes
** of their text in all), because SQLite drops the
** auxdata of trigger programs and of the CHECKs of a prepared INSERT at
** every row.  Cached patterns are never replaced: a pointer to one stays
** good while the connection lives.
*/
#include "richcheck_int.h"
#include "pattern.h"
#include "utf8.h"

#include <string.h>

static void *rcPatternMalloc(size_t n, void *pData) {
  (void)pData;
  return sqlite3_malloc64(n);
}

static void rcPatternFreeMem(void *p, void *pData) {
  (void)pData;
  sqlite3_free(p);
}

const RcPatternMem rcPatternSqlMem = {rcPatternMalloc, rcPatternFreeMem, 0};

/* --- the per-connection cache --------------------------------------------- */

#define RC_PATTERN_CACHE 64
#define RC_PATTERN_CACHE_TEXT (256 * 1024) /* bytes of pattern text, all */

typedef struct RcPatternCache RcPatternCache;
struct RcPatternCache {
  int nEntry;
  size_t nText; /* of the patterns kept */
  RcPattern *apEntry[RC_PATTERN_CACHE];
  RcSite aSite[RC_SITES]; /* rcSiteFound */
};

void rcPatternRelease(RcConn *pConn) {
  RcPatternCache *p = (RcPatternCache *)pConn->pPatterns;
  int i;
  if (p == 0) return;
  for (i = 0; i < p->nEntry; i++)
    rcPatternFree(p->apEntry[i]);
  sqlite3_free(p);
  pConn->pPatterns = 0;
}

static int rcPatternIs(const RcPattern *p, const char *z, int n,
                       unsigned flags) {
  size_t nText;
  const char *zText = rcPatternText(p, &nText);
  return rcPatternFlags(p) == flags && nText == (size_t)n &&
         memcmp(zText, z, (size_t)n) == 0;
}

/* The cached pattern z[0..n) with flags, or 0. */
static RcPattern *rcPatternFind(sqlite3_context *ctx, RcConn *pConn,
                                const char *z, int n, unsigned flags) {
  RcPatternCache *p = (RcPatternCache *)pConn->pPatterns;
  RcPattern *pPat;
  RcSite *pSite;
  int i;
  if (p == 0) return 0;
  pSite = rcSiteOf(p->aSite, ctx);
  pPat = (RcPattern *)pSite->pEntry;
  if (pSite->pCtx != (const void *)ctx || !rcPatternIs(pPat, z, n, flags)) {
    for (i = 0; i < p->nEntry && !rcPatternIs(p->apEntry[i], z, n, flags);
         i++) {
    }
    if (i == p->nEntry) return 0;
    pPat = p->apEntry[i];
  }
  rcSiteFound(pConn, pSite, ctx, pPat, pPat);
  return pPat;
}

/* Keeps pPat in the cache: 1, or 0 when it is not kept (full, too long). */
static int rcPatternKeep(RcConn *pConn, RcPattern *pPat) {
  RcPatternCache *p = (RcPatternCache *)pConn->pPatterns;
  size_t nText;
  rcPatternText(pPat, &nText);
  if (p && p->nText + nText > RC_PATTERN_CACHE_TEXT) return 0;
  if (p == 0) {
    p = (RcPatternCache *)sqlite3_malloc64(sizeof(*p));
    if (p == 0) return 0;
    memset(p, 0, sizeof(*p));
    pConn->pPatterns = p;
  }
  if (p->nEntry == RC_PATTERN_CACHE) return 0;
  p->apEntry[p->nEntry++] = pPat;
  p->nText += nText;
  return 1;
}

static void rcPatternFreeAux(void *p) { rcPatternFree((RcPattern *)p); }

/* --- the arguments -------------------------------------------------------- */

char *rcPatternCompileMessage(const char *z, int n,
                              const RcPatternError *pErr) {
  char *zShown = rcCleanText((const unsigned char *)z, n, 1);
  char *zMsg;
  if (zShown == 0) return 0;
  zMsg = sqlite3_mprintf(
      "invalid regular expression \"%s\": %s at character offset %lld", zShown,
      pErr->zMsg, (sqlite3_int64)pErr->iChar);
  sqlite3_free(zShown);
  return zMsg;
}

/* Reads the flags argument pFlags (0: none); 0 after a usage error. */
static int rcPatternFlagsArg(sqlite3_context *ctx, const char *zFunc,
                             sqlite3_value *pFlags, int bLabelHint,
                             unsigned *pOut) {
  char zErr[200];
  const char *z;
  *pOut = 0;
  if (pFlags == 0) return 1;
  switch (sqlite3_value_type(pFlags)) {
  case SQLITE_NULL: return 1;
  case SQLITE_TEXT:
    z = (const char *)sqlite3_value_text(pFlags);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    if (rcPatternFlagsParse(z, (size_t)sqlite3_value_bytes(pFlags), pOut, zErr,
                            (int)sizeof(zErr))) {
      return 1;
    }
    rcUsage(ctx, "%s: %s%s%s%s", zFunc, zErr,
            bLabelHint ? "; a label is the fourth argument: " : "",
            bLabelHint ? zFunc : "", bLabelHint ? "(x, re, NULL, label)" : "");
    return 0;
  default:
    rcUsage(ctx,
            "%s: the flags must be TEXT such as 'caseless' or "
            "'search, multiline', not %s",
            zFunc, rcTypeName(pFlags));
    return 0;
  }
}

/*
** The compiled pattern of argv[1] with the flags of argv[2] (if argc > 2),
** valid until the call returns; 0 after a usage error or SQLITE_NOMEM.
*/
static RcPattern *rcPatternArg(sqlite3_context *ctx, const char *zFunc,
                               int argc, sqlite3_value **argv) {
  RcConn *pConn = (RcConn *)sqlite3_user_data(ctx);
  RcPattern *pPat = (RcPattern *)sqlite3_get_auxdata(ctx, 1);
  RcPatternError err;
  const char *z;
  unsigned flags;
  int n, rc;

  pConn->nCall++;
  if (pPat && (argc < 3 || sqlite3_get_auxdata(ctx, 2) == pPat)) return pPat;
  if (!rcPatternFlagsArg(ctx, zFunc, argc > 2 ? argv[2] : 0,
                         argc == 3 && strcmp(zFunc, "pattern_check") == 0,
                         &flags)) {
    return 0;
  }
  if (sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
    rcUsage(ctx, "%s: the pattern must be TEXT such as '[a-z]+', not %s", zFunc,
            rcTypeName(argv[1]));
    return 0;
  }
  z = (const char *)sqlite3_value_text(argv[1]);
  n = sqlite3_value_bytes(argv[1]);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  pPat = rcPatternFind(ctx, pConn, z, n, flags);
  if (pPat == 0) {
    rc = rcPatternCompile(z, (size_t)n, flags, &rcPatternSqlMem, &pPat, &err);
    if (rc == RC_PATTERN_INVALID) {
      char *zMsg = rcPatternCompileMessage(z, n, &err);
      if (zMsg) rcUsage(ctx, "%s: %s", zFunc, zMsg);
      if (zMsg == 0) sqlite3_result_error_nomem(ctx);
      sqlite3_free(zMsg);
      return 0;
    }
    if (rc != RC_PATTERN_COMPILED) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    if (rcPatternKeep(pConn, pPat)) {
      sqlite3_set_auxdata(ctx, 1, pPat, 0);
    } else {
      /* not kept in the cache: the statement owns this pattern */
      sqlite3_set_auxdata(ctx, 1, pPat, rcPatternFreeAux);
      if (sqlite3_get_auxdata(ctx, 1) != pPat) {
        sqlite3_result_error_nomem(ctx); /* SQLite freed it */
        return 0;
      }
    }
  }
  if (argc > 2 && sqlite3_get_auxdata(ctx, 1) == pPat) {
    sqlite3_set_auxdata(ctx, 2, pPat, 0);
  }
  return pPat;
}

/* --- judging a value ------------------------------------------------------ */

typedef enum RcPatternInput {
  RC_PATTERN_IN_PASS,
  RC_PATTERN_IN_NULL,
  RC_PATTERN_IN_FAIL,     /* no match: RICHCHECK_PATTERN */
  RC_PATTERN_IN_BLOB,     /* RICHCHECK_ENCODING */
  RC_PATTERN_IN_ENCODING, /* invalid UTF-8 or a NUL: RICHCHECK_ENCODING */
  RC_PATTERN_IN_LIMIT,    /* no verdict: SQLITE_ERROR */
  RC_PATTERN_IN_NOMEM
} RcPatternInput;

typedef struct RcPatternValue RcPatternValue;
struct RcPatternValue {
  const unsigned char *z;
  int n;
  RcUtf8Scan scan; /* RC_PATTERN_IN_ENCODING: where */
  char zWhy[160];  /* RC_PATTERN_IN_LIMIT: why */
  int bLimit;      /* RC_PATTERN_IN_LIMIT: a limit, not another error */
};

static RcPatternInput rcPatternJudge(RcPattern *pPat, sqlite3_value *pVal,
                                     RcPatternValue *v) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL: return RC_PATTERN_IN_NULL;
  case SQLITE_BLOB: return RC_PATTERN_IN_BLOB;
  default: break;
  }
  v->z = sqlite3_value_text(pVal);
  if (v->z == 0) return RC_PATTERN_IN_NOMEM;
  v->n = sqlite3_value_bytes(pVal);
  if (rcUtf8Scan(v->z, (size_t)v->n, &v->scan) != RC_UTF8_OK) {
    return RC_PATTERN_IN_ENCODING;
  }
  switch (rcPatternMatch(pPat, (const char *)v->z, (size_t)v->n, v->zWhy,
                         (int)sizeof(v->zWhy))) {
  case RC_PATTERN_MATCH: return RC_PATTERN_IN_PASS;
  case RC_PATTERN_NO_MATCH: return RC_PATTERN_IN_FAIL;
  case RC_PATTERN_MATCH_NOMEM: return RC_PATTERN_IN_NOMEM;
  case RC_PATTERN_LIMIT: v->bLimit = 1; return RC_PATTERN_IN_LIMIT;
  default: v->bLimit = 0; return RC_PATTERN_IN_LIMIT;
  }
}

/* " (caseless, search)" for flags, "" for none, in z. */
static void rcPatternFlagsShown(unsigned flags, char *z, size_t n) {
  char zFlags[RC_PATTERN_FLAGS_SIZE];
  rcPatternFlagsText(flags, zFlags, sizeof(zFlags));
  sqlite3_snprintf((int)n, z, zFlags[0] ? " (%s)" : "", zFlags);
}

/*
** The message of a value that did not pass (e is neither PASS nor NULL nor
** NOMEM) and its code: a richcheck code, or SQLITE_ERROR for a limit (zFunc,
** when not 0, first).  0 when memory ran out.
*/
static char *rcPatternMessage(const RcPattern *pPat, RcPatternInput e,
                              const RcPatternValue *v, const char *zFunc,
                              int *pCode) {
  char zFlags[RC_PATTERN_FLAGS_SIZE + 4], *zPat, *zVal, *zMsg = 0;
  size_t nText;
  const char *zText;
  switch (e) {
  case RC_PATTERN_IN_BLOB:
    *pCode = RICHCHECK_ENCODING;
    return sqlite3_mprintf("value is a BLOB, not text");
  case RC_PATTERN_IN_ENCODING: {
    char zBad[RC_UTF8_BAD_TEXT];
    *pCode = RICHCHECK_ENCODING;
    rcUtf8BadText(v->z, &v->scan, zBad, sizeof(zBad));
    return sqlite3_mprintf("%s", zBad);
  }
  default: break;
  }
  zText = rcPatternText(pPat, &nText);
  zPat = rcCleanText((const unsigned char *)zText, (int)nText, 1);
  zVal = rcCleanText(v->z, v->n, 1);
  rcPatternFlagsShown(rcPatternFlags(pPat), zFlags, sizeof(zFlags));
  if (zPat && zVal && e == RC_PATTERN_IN_FAIL) {
    *pCode = RICHCHECK_PATTERN;
    zMsg = sqlite3_mprintf("value \"%s\" does not match the pattern \"%s\"%s",
                           zVal, zPat, zFlags);
  } else if (zPat && zVal) {
    *pCode = SQLITE_ERROR;
    zMsg = sqlite3_mprintf(
        "%s%sthe pattern \"%s\"%s could not judge value "
        "\"%s\": %s%s",
        zFunc ? zFunc : "", zFunc ? ": " : "", zPat, zFlags, zVal, v->zWhy,
        v->bLimit ? "; write a pattern that backtracks less" : "");
  }
  sqlite3_free(zPat);
  sqlite3_free(zVal);
  return zMsg;
}

int rcPatternVerdict(sqlite3_context *ctx, sqlite3_value *pVal, RcPattern *pPat,
                     char **pzMsg) {
  RcPatternValue v;
  RcPatternInput e;
  int code = SQLITE_NOMEM;
  (void)ctx;
  *pzMsg = 0;
  e = rcPatternJudge(pPat, pVal, &v);
  if (e == RC_PATTERN_IN_PASS || e == RC_PATTERN_IN_NULL) return 0;
  if (e == RC_PATTERN_IN_NOMEM) return SQLITE_NOMEM;
  *pzMsg = rcPatternMessage(pPat, e, &v, 0, &code);
  return *pzMsg ? code : SQLITE_NOMEM;
}

/* --- the functions -------------------------------------------------------- */

void rcPatternValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcPattern *pPat = rcPatternArg(ctx, "pattern_valid", argc, argv);
  RcPatternValue v;
  char *zMsg;
  int code = SQLITE_NOMEM;
  if (pPat == 0) return;
  switch (rcPatternJudge(pPat, argv[0], &v)) {
  case RC_PATTERN_IN_NULL: return;
  case RC_PATTERN_IN_PASS: sqlite3_result_int(ctx, 1); return;
  case RC_PATTERN_IN_NOMEM: sqlite3_result_error_nomem(ctx); return;
  case RC_PATTERN_IN_LIMIT:
    zMsg =
        rcPatternMessage(pPat, RC_PATTERN_IN_LIMIT, &v, "pattern_valid", &code);
    rcReport(ctx, code, 0, zMsg);
    sqlite3_free(zMsg);
    return;
  default: sqlite3_result_int(ctx, 0); return;
  }
}

void rcPatternCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_value *pLabel = argc > 3 ? argv[3] : 0;
  RcPattern *pPat;
  RcPatternValue v;
  RcPatternInput e;
  char *zMsg = 0;
  int code = SQLITE_NOMEM;
  if (pLabel && !rcLabelArg(ctx, "pattern_check", pLabel)) return;
  pPat = rcPatternArg(ctx, "pattern_check", argc, argv);
  if (pPat == 0) return;
  e = rcPatternJudge(pPat, argv[0], &v);
  if (e == RC_PATTERN_IN_PASS) {
    sqlite3_result_int(ctx, 1);
    return;
  }
  if (e == RC_PATTERN_IN_NULL) return;
  if (e != RC_PATTERN_IN_NOMEM) {
    zMsg = rcPatternMessage(pPat, e, &v, "pattern_check", &code);
  }
  rcReport(ctx, code, pLabel, zMsg);
  sqlite3_free(zMsg);
}

void rcPatternErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcPattern *pPat = rcPatternArg(ctx, "pattern_error", argc, argv);
  RcPatternValue v;
  RcPatternInput e;
  char *zMsg = 0;
  int code = SQLITE_NOMEM;
  if (pPat == 0) return;
  e = rcPatternJudge(pPat, argv[0], &v);
  if (e == RC_PATTERN_IN_PASS || e == RC_PATTERN_IN_NULL) return;
  if (e != RC_PATTERN_IN_NOMEM) {
    zMsg = rcPatternMessage(pPat, e, &v, "pattern_error", &code);
  }
  if (zMsg == 0 || code == SQLITE_ERROR) {
    rcReport(ctx, code, 0, zMsg);
    sqlite3_free(zMsg);
    return;
  }
  sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
}
