/*
** number_sql.c - the number functions as SQL.
**
**     number_valid(x, min, max [, options])          -> 1 or 0
**     number_error(x, min, max [, options])          -> NULL or the message
**     number_check(x, min, max [, options [, label]]) -> 1, or raises:
**         RICHCHECK_BOUND         value 0 is below the minimum 1
**                                 value "12.5" is above the maximum 10
**         RICHCHECK_SCALE         value 1.5 is not an integer
**                                 value 1.234 has 3 decimal places; the
**                                 scale allows 2
**         RICHCHECK_INVALID_TEXT  invalid input syntax for type numeric:
**                                 "12,3"
**         RICHCHECK_ENCODING      invalid byte sequence for encoding
**                                 "UTF8": 0xff (at byte 2)
**
** x is an INTEGER, a REAL (read as the shortest decimal that reads back as
** it, so the REAL 0.1 is 1/10: number.h says why) or decimal TEXT; a BLOB
** is not a number.  min and max are INTEGER, REAL or decimal TEXT, NULL for
** no bound; options is NULL, '' or 'integer' or 'scale=n'.  Everything is
** compared exactly ('9007199254740993' is above 9007199254740992).  Bounds
** and options are parsed once per statement when they are constants (the
** spec is the auxdata of argument 1); bounds from a column work too, parsed
** at every row.  A bound or option that is wrong is a usage error when it
** is a constant of the statement, and data when it comes from the row
** (rcNumberSpecArg), as money's currency argument is.  The pure part is
** number.c.
*/
#include "richcheck_int.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The auxdata of arguments 2 and 3: the spec cached on argument 1 is the
** statement's only while they are constants too. */
static const char rcNumberConst = 0;
#define RC_NUMBER_CONST ((void *)&rcNumberConst)

/* The auxdata of arguments 1 to 3 after their spec was refused: an
** argument that still holds it at the next call is a constant. */
static const char rcNumberBad = 0;
#define RC_NUMBER_BAD ((void *)&rcNumberBad)

/* A refused spec: the arguments at fault (RC_NUMBER_ARG_*), the code it
** has as data, the message without the function's name. */
typedef struct RcNumberSpecErr RcNumberSpecErr;
struct RcNumberSpecErr {
  int mArgs;
  int code;
  int bUnknownOption; /* the message is about an unknown option */
  char zMsg[300];
};

/* "invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte 2)" of
** z[0..n) into zOut, or 0 when z is valid UTF-8 with no NUL. */
static int rcNumberEncoding(const unsigned char *z, size_t n, char *zOut,
                            size_t nOut) {
  RcUtf8Scan scan;
  if (rcUtf8Scan(z, n, &scan) == RC_UTF8_OK) return 0;
  rcUtf8BadText(z, &scan, zOut, nOut);
  return 1;
}

/* Reads bound zName, pArg, as text (*pz 0: NULL, no bound); the text of an
** INTEGER or REAL is written to zBuf.  SQLITE_OK, SQLITE_NOMEM, or
** SQLITE_ERROR with *pErr set (its mArgs is the caller's). */
static int rcNumberBoundArg(const char *zName, sqlite3_value *pArg, char *zBuf,
                            const char **pz, size_t *pn,
                            RcNumberSpecErr *pErr) {
  char zDigits[RC_DEC_BUF];
  RcDecimal d;
  double r;
  *pz = 0;
  *pn = 0;
  switch (sqlite3_value_type(pArg)) {
  case SQLITE_NULL: return SQLITE_OK;
  case SQLITE_INTEGER:
    rcDecFromInt(sqlite3_value_int64(pArg), zDigits, &d);
    break;
  case SQLITE_FLOAT:
    r = sqlite3_value_double(pArg);
    if (!rcDecFromDouble(r, zDigits, &d) || d.eKind != RC_DEC_FINITE) {
      snprintf(pErr->zMsg, sizeof(pErr->zMsg),
               "the %s must be finite, not %s (write NULL for no %s)", zName,
               r > 0 ? "Inf" : "-Inf", zName);
      pErr->code = RICHCHECK_INVALID_TEXT;
      return SQLITE_ERROR;
    }
    break;
  case SQLITE_TEXT:
    *pz = (const char *)sqlite3_value_text(pArg);
    *pn = (size_t)sqlite3_value_bytes(pArg);
    return *pz ? SQLITE_OK : SQLITE_NOMEM;
  default:
    snprintf(pErr->zMsg, sizeof(pErr->zMsg),
             "the %s must be a number (INTEGER, REAL or TEXT such as '2.5'), "
             "or NULL for no %s, not BLOB",
             zName, zName);
    pErr->code = RICHCHECK_INVALID_TEXT;
    return SQLITE_ERROR;
  }
  *pn = rcDecText(&d, zBuf, RC_NUMBER_BOUND_MAX + 1);
  *pz = zBuf;
  return SQLITE_OK;
}

/* The data code of a spec that rcNumberSpecParse refused. */
static int rcNumberFailCode(const RcNumberSpec *p, sqlite3_value **argv) {
  sqlite3_value *pArg;
  switch (p->eFail) {
  case RC_NUMBER_FAIL_ORDER: return RICHCHECK_BOUND;
  case RC_NUMBER_FAIL_RANGE: return RICHCHECK_OVERFLOW;
  default:
    pArg = argv[p->mFail == RC_NUMBER_ARG_MIN   ? 1
                : p->mFail == RC_NUMBER_ARG_MAX ? 2
                                                : 3];
    if (sqlite3_value_type(pArg) == SQLITE_TEXT) {
      RcUtf8Scan scan;
      const unsigned char *z = sqlite3_value_text(pArg);
      if (z && rcUtf8Scan(z, (size_t)sqlite3_value_bytes(pArg), &scan) !=
                   RC_UTF8_OK) {
        return RICHCHECK_ENCODING;
      }
    }
    return RICHCHECK_INVALID_TEXT;
  }
}

/* Reads the bounds and options of a call into *p: SQLITE_OK, SQLITE_NOMEM,
** or SQLITE_ERROR with *pErr saying what is wrong. */
static int rcNumberSpecRead(int argc, sqlite3_value **argv, RcNumberSpec *p,
                            RcNumberSpecErr *pErr) {
  char azBuf[2][RC_NUMBER_BOUND_MAX + 1];
  const char *az[2], *zOpts = 0;
  size_t an[2], nOpts = 0;
  int i, rc;
  pErr->bUnknownOption = 0;
  for (i = 0; i < 2; i++) {
    pErr->mArgs = i ? RC_NUMBER_ARG_MAX : RC_NUMBER_ARG_MIN;
    rc = rcNumberBoundArg(i ? "max" : "min", argv[1 + i], azBuf[i], &az[i],
                          &an[i], pErr);
    if (rc != SQLITE_OK) return rc;
  }
  if (argc > 3) {
    switch (sqlite3_value_type(argv[3])) {
    case SQLITE_NULL: break;
    case SQLITE_TEXT:
      zOpts = (const char *)sqlite3_value_text(argv[3]);
      nOpts = (size_t)sqlite3_value_bytes(argv[3]);
      if (zOpts == 0) return SQLITE_NOMEM;
      break;
    default:
      snprintf(pErr->zMsg, sizeof(pErr->zMsg),
               "the options must be TEXT such as 'integer' or 'scale=2' (or "
               "NULL), not %s",
               rcTypeName(argv[3]));
      pErr->mArgs = RC_NUMBER_ARG_OPTS;
      pErr->code = RICHCHECK_INVALID_TEXT;
      return SQLITE_ERROR;
    }
  }
  if (rcNumberSpecParse(az[0], an[0], az[1], an[1], zOpts, nOpts, p, pErr->zMsg,
                        (int)sizeof(pErr->zMsg))) {
    return SQLITE_OK;
  }
  pErr->mArgs = p->mFail;
  pErr->code = rcNumberFailCode(p, argv);
  pErr->bUnknownOption = strncmp(pErr->zMsg, "unknown option", 14) == 0;
  return SQLITE_ERROR;
}

/* rcNumberSpecArg's outcomes */
#define RC_NSPEC_OK 0     /* *ppSpec is the spec */
#define RC_NSPEC_DATA 1   /* the row's bounds or options are wrong: *pErr */
#define RC_NSPEC_FAILED 2 /* a usage error or SQLITE_NOMEM is set */

/*
** The spec of a call whose statement has none cached (rcNumberSpecCached):
** *pLocal, read now (and cached when it can be).  A bound or option that is
*wrong is a usage error when it is a
** constant of the statement, and data when it comes from the row (a column,
** or an expression of one): RICHCHECK_INVALID_TEXT for one that is not a
** number or an option (RICHCHECK_ENCODING when its text is not UTF-8 or has
** a NUL), RICHCHECK_OVERFLOW for a bound past 50 digits or 10^12,
** RICHCHECK_BOUND for min > max.  SQLite tells which arguments are
** constants only by keeping their auxdata from one call to the next
** (money_sql.c, rcMoneySpecArg, says more): the refused arguments are
** marked, and a call that finds the marks on all the arguments at fault
** has constants there.  The first call after the statement is prepared or
** reset has no marks to go by: it judges the arguments as the row's.
*/
/* The spec cached for the statement (rcNumberSpecArg), or 0: small, so
** that it is inlined in each function, where most rows end. */
static const RcNumberSpec *rcNumberSpecCached(sqlite3_context *ctx, int argc) {
  const RcNumberSpec *pAux = (const RcNumberSpec *)sqlite3_get_auxdata(ctx, 1);
  if (pAux && pAux != RC_NUMBER_BAD &&
      sqlite3_get_auxdata(ctx, 2) == RC_NUMBER_CONST &&
      (argc < 4 || sqlite3_get_auxdata(ctx, 3) == RC_NUMBER_CONST)) {
    return pAux;
  }
  return 0;
}

static int rcNumberSpecArg(sqlite3_context *ctx, const char *zFunc, int argc,
                           sqlite3_value **argv, RcNumberSpec *pLocal,
                           const RcNumberSpec **ppSpec, RcNumberSpecErr *pErr) {
  RcNumberSpec *pAux;
  int rc, i, bConst = 1;
  rc = rcNumberSpecRead(argc, argv, pLocal, pErr);
  if (rc == SQLITE_OK) {
    *ppSpec = pLocal;
    pAux = (RcNumberSpec *)sqlite3_malloc64(sizeof(*pAux));
    if (pAux) { /* else parsed again next row */
      *pAux = *pLocal;
      sqlite3_set_auxdata(ctx, 1, pAux, sqlite3_free);
      sqlite3_set_auxdata(ctx, 2, RC_NUMBER_CONST, 0);
      if (argc > 3) sqlite3_set_auxdata(ctx, 3, RC_NUMBER_CONST, 0);
    }
    return RC_NSPEC_OK;
  }
  if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
    return RC_NSPEC_FAILED;
  }
  for (i = 1; i <= 3; i++) {
    if ((pErr->mArgs & (1 << (i - 1))) &&
        sqlite3_get_auxdata(ctx, i) != RC_NUMBER_BAD) {
      bConst = 0;
    }
  }
  for (i = 1; i < argc && i <= 3; i++) {
    sqlite3_set_auxdata(ctx, i, RC_NUMBER_BAD, 0);
  }
  if (!bConst) return RC_NSPEC_DATA;
  if (argc == 4 && strcmp(zFunc, "number_check") == 0 && pErr->bUnknownOption) {
    /* number_check(x, 1, 10, 'orders.qty'): a label where options go */
    rcUsage(ctx,
            "%s: %s; a label comes after the options: number_check(x, min, "
            "max, NULL, 'orders.qty')",
            zFunc, pErr->zMsg);
  } else {
    rcUsage(ctx, "%s: %s", zFunc, pErr->zMsg);
  }
  return RC_NSPEC_FAILED;
}

/* How a value fares: a number's RcNumberStatus, or one of these. */
#define RC_NUMBER_SYNTAX 100 /* TEXT that is not a number */
#define RC_NUMBER_BLOB 101
#define RC_NUMBER_NOMEM 102
#define RC_NUMBER_ENCODING 103 /* TEXT not UTF-8, or with a NUL */
#define RC_NUMBER_FAILS 104    /* fails; why is not asked (bWhy 0) */

/* A TEXT of at most 18 digits, with a '-' or not: its value in *pv. */
static int rcTextInt(const unsigned char *z, int n, sqlite3_int64 *pv) {
  int i = z[0] == '-';
  sqlite3_int64 v = 0;
  if (n > 18 || i == n) return 0;
  for (; i < n; i++) {
    unsigned d = (unsigned)z[i] - '0';
    if (d > 9) return 0;
    v = v * 10 + (sqlite3_int64)d;
  }
  *pv = z[0] == '-' ? -v : v;
  return 1;
}

/*
** Judges pVal (not NULL): RC_NUMBER_OK, or why not, with the number in *p
** (its digits in zBuf) when it is one.  The fast paths pass a value, and
** fail one only when bWhy is 0 (RC_NUMBER_FAILS): every failure whose
** reason is asked is judged, and explained, by the exact path.
*/
static int rcNumberJudgeValue(sqlite3_value *pVal, const RcNumberSpec *pSpec,
                              int bWhy, char *zBuf, RcDecimal *p) {
  const unsigned char *z;
  sqlite3_int64 v;
  double r;
  int n, f;
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_INTEGER:
    v = sqlite3_value_int64(pVal);
    if (pSpec->bIntFast && v >= pSpec->iLo && v <= pSpec->iHi) return 0;
    rcDecFromInt(v, zBuf, p);
    break;
  case SQLITE_FLOAT:
    r = sqlite3_value_double(pVal);
    if (pSpec->bRealFast && r >= pSpec->rLo && r <= pSpec->rHi &&
        (pSpec->nScale < 0 || rcRealHasScale(r, pSpec->nScale)) &&
        (!pSpec->bInteger || (isfinite(r) && r == floor(r)))) {
      return 0;
    }
    if (!rcDecFromDouble(r, zBuf, p)) return RC_NUMBER_SYNTAX; /* no NaN */
    break;
  case SQLITE_TEXT:
    z = sqlite3_value_text(pVal);
    n = sqlite3_value_bytes(pVal);
    if (z == 0) return RC_NUMBER_NOMEM;
    f = rcNumberTextFast((const char *)z, (size_t)n, pSpec);
    if (f > 0) return 0;
    if (f == 0 && !bWhy) return RC_NUMBER_FAILS;
    if (f < 0 && n > 0 && rcTextInt(z, n, &v) && pSpec->bIntFast &&
        v >= pSpec->iLo && v <= pSpec->iHi) {
      return 0;
    }
    if (!rcDecParse((const char *)z, (size_t)n, p)) {
      RcUtf8Scan scan;
      return bWhy && rcUtf8Scan(z, (size_t)n, &scan) != RC_UTF8_OK
                 ? RC_NUMBER_ENCODING
                 : RC_NUMBER_SYNTAX;
    }
    break;
  default: return RC_NUMBER_BLOB;
  }
  return (int)rcNumberJudge(p, pSpec);
}

/* The value as messages show it: an INTEGER or REAL as SQLite writes it
** (a whole REAL with its ".0"), a TEXT quoted and cleaned.  p is the
** number of a REAL, or 0 to read it here. */
static char *rcNumberShown(sqlite3_value *pVal, const RcDecimal *p) {
  char zText[RC_NUMBER_BOUND_MAX + 1], zDigits[RC_DEC_BUF];
  RcDecimal d;
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_INTEGER:
    return sqlite3_mprintf("%lld", sqlite3_value_int64(pVal));
  case SQLITE_FLOAT:
    if (p == 0) {
      if (!rcDecFromDouble(sqlite3_value_double(pVal), zDigits, &d)) {
        return sqlite3_mprintf("NaN");
      }
      p = &d;
    }
    rcDecText(p, zText, sizeof(zText));
    return sqlite3_mprintf("%s%s", zText, strpbrk(zText, ".eI") ? "" : ".0");
  case SQLITE_BLOB: return sqlite3_mprintf("BLOB");
  default: {
    char *zClean =
        rcCleanText(sqlite3_value_text(pVal), sqlite3_value_bytes(pVal), 1);
    char *zQuoted = zClean ? sqlite3_mprintf("\"%s\"", zClean) : 0;
    sqlite3_free(zClean);
    return zQuoted;
  }
  }
}

/* The message of a failure e of pVal (the number *p, when it is one). */
static char *rcNumberMessage(int e, sqlite3_value *pVal, const RcDecimal *p,
                             const RcNumberSpec *pSpec) {
  char *zVal, *zMsg = 0;
  int64_t nFrac;
  if (e == RC_NUMBER_BLOB) {
    return sqlite3_mprintf("invalid input syntax for type numeric: a BLOB is "
                           "not a number");
  }
  if (e == RC_NUMBER_ENCODING) {
    char zEnc[120];
    rcNumberEncoding(sqlite3_value_text(pVal),
                     (size_t)sqlite3_value_bytes(pVal), zEnc, sizeof(zEnc));
    return sqlite3_mprintf("%s", zEnc);
  }
  if (e == RC_NUMBER_SYNTAX && sqlite3_value_type(pVal) == SQLITE_FLOAT) {
    return sqlite3_mprintf("invalid input syntax for type numeric: NaN");
  }
  zVal = e == RC_NUMBER_SYNTAX ? rcCleanText(sqlite3_value_text(pVal),
                                             sqlite3_value_bytes(pVal), 1)
                               : rcNumberShown(pVal, p);
  if (zVal == 0) return 0;
  switch (e) {
  case RC_NUMBER_SYNTAX:
    zMsg =
        sqlite3_mprintf("invalid input syntax for type numeric: \"%s\"", zVal);
    break;
  case RC_NUMBER_NOT_INTEGER:
    zMsg = sqlite3_mprintf("value %s is not an integer", zVal);
    break;
  case RC_NUMBER_SCALE:
    nFrac = rcDecFracDigits(p);
    if (nFrac < 0) {
      zMsg = sqlite3_mprintf("value %s has no finite number of decimal "
                             "places; the scale allows %d",
                             zVal, pSpec->nScale);
    } else {
      zMsg = sqlite3_mprintf("value %s has %lld decimal place%s; the scale "
                             "allows %d",
                             zVal, (long long)nFrac, nFrac == 1 ? "" : "s",
                             pSpec->nScale);
    }
    break;
  case RC_NUMBER_BELOW:
    zMsg =
        sqlite3_mprintf("value %s is below the minimum %s", zVal, pSpec->zMin);
    break;
  default:
    zMsg =
        sqlite3_mprintf("value %s is above the maximum %s", zVal, pSpec->zMax);
    break;
  }
  sqlite3_free(zVal);
  return zMsg;
}

static int rcNumberCode(int e) {
  switch (e) {
  case RC_NUMBER_NOT_INTEGER:
  case RC_NUMBER_SCALE: return RICHCHECK_SCALE;
  case RC_NUMBER_BELOW:
  case RC_NUMBER_ABOVE: return RICHCHECK_BOUND;
  case RC_NUMBER_ENCODING: return RICHCHECK_ENCODING;
  default: return RICHCHECK_INVALID_TEXT;
  }
}

/* rcNumberVerdict of a value that is not NULL. */
static int rcNumberVerdictOf(sqlite3_value *pVal, const RcNumberSpec *pSpec,
                             char **pzMsg) {
  char zBuf[RC_DEC_BUF];
  RcDecimal d;
  int e = rcNumberJudgeValue(pVal, pSpec, 1, zBuf, &d);
  *pzMsg = 0;
  if (e == RC_NUMBER_OK) return 0;
  if (e == RC_NUMBER_NOMEM) return SQLITE_NOMEM;
  *pzMsg = rcNumberMessage(e, pVal, &d, pSpec);
  return *pzMsg ? rcNumberCode(e) : SQLITE_NOMEM;
}

int rcNumberVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                    const RcNumberSpec *pSpec, char **pzMsg) {
  (void)ctx;
  *pzMsg = 0;
  if (sqlite3_value_type(pVal) == SQLITE_NULL) return 0;
  return rcNumberVerdictOf(pVal, pSpec, pzMsg);
}

/* The message of a value pVal (not NULL) whose row's bounds or options
** are wrong: "value 5: the min "lo" is not a number (...)". */
static char *rcNumberSpecMessage(sqlite3_value *pVal,
                                 const RcNumberSpecErr *pErr) {
  char *zVal = rcNumberShown(pVal, 0), *zMsg;
  if (zVal == 0) return 0;
  zMsg = sqlite3_mprintf("value %s: %s", zVal, pErr->zMsg);
  sqlite3_free(zVal);
  return zMsg;
}

void rcNumberValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  RcNumberSpecErr err;
  const RcNumberSpec *pSpec = 0;
  char zBuf[RC_DEC_BUF];
  RcDecimal d;
  int e, rc = (pSpec = rcNumberSpecCached(ctx, argc)) != 0
                  ? RC_NSPEC_OK
                  : rcNumberSpecArg(ctx, "number_valid", argc, argv, &local,
                                    &pSpec, &err);
  if (rc == RC_NSPEC_FAILED || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    return;
  }
  if (rc == RC_NSPEC_DATA) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  e = rcNumberJudgeValue(argv[0], pSpec, 0, zBuf, &d);
  if (e == RC_NUMBER_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_int(ctx, e == RC_NUMBER_OK);
  }
}

void rcNumberCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  RcNumberSpecErr err;
  const RcNumberSpec *pSpec = 0;
  sqlite3_value *pLabel = argc > 4 ? argv[4] : 0;
  char *zMsg;
  int code, eType,
      rc = (pSpec = rcNumberSpecCached(ctx, argc)) != 0
               ? RC_NSPEC_OK
               : rcNumberSpecArg(ctx, "number_check", argc, argv, &local,
                                 &pSpec, &err);
  if (rc == RC_NSPEC_FAILED) return;
  if (pLabel && !rcLabelArg(ctx, "number_check", pLabel)) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  if (eType == SQLITE_TEXT && rc == RC_NSPEC_OK) { /* the common case first */
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    if (z &&
        rcNumberTextFast(z, (size_t)sqlite3_value_bytes(argv[0]), pSpec) > 0) {
      sqlite3_result_int(ctx, 1);
      return;
    }
  }
  if (rc == RC_NSPEC_DATA) {
    code = err.code;
    zMsg = rcNumberSpecMessage(argv[0], &err);
    if (zMsg == 0) code = SQLITE_NOMEM;
  } else {
    code = rcNumberVerdictOf(argv[0], pSpec, &zMsg);
  }
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
    sqlite3_free(zMsg);
  }
}

void rcNumberErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  RcNumberSpecErr err;
  const RcNumberSpec *pSpec = 0;
  char *zMsg;
  int code, rc = (pSpec = rcNumberSpecCached(ctx, argc)) != 0
                     ? RC_NSPEC_OK
                     : rcNumberSpecArg(ctx, "number_error", argc, argv, &local,
                                       &pSpec, &err);
  if (rc == RC_NSPEC_FAILED || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    return;
  }
  if (rc == RC_NSPEC_DATA) {
    zMsg = rcNumberSpecMessage(argv[0], &err);
    code = zMsg ? err.code : SQLITE_NOMEM;
  } else {
    code = rcNumberVerdictOf(argv[0], pSpec, &zMsg);
  }
  if (code == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (code != 0) {
    sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
  }
}
