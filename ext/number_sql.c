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
**
** x is an INTEGER, a REAL (read as the shortest decimal that reads back as
** it, so the REAL 0.1 is 1/10: number.h says why) or decimal TEXT; a BLOB
** is not a number.  min and max are INTEGER, REAL or decimal TEXT, NULL for
** no bound; options is NULL, '' or 'integer' or 'scale=n'.  Everything is
** compared exactly ('9007199254740993' is above 9007199254740992).  Bounds
** and options are parsed once per statement when they are constants (the
** spec is the auxdata of argument 1); bounds from a column work too, parsed
** at every row; a bound or option that is wrong is a usage error either
** way.  The pure part is number.c.
*/
#include "richcheck_int.h"

#include <math.h>
#include <string.h>

/* The auxdata of arguments 2 and 3: the spec cached on argument 1 is the
** statement's only while they are constants too. */
static const char rcNumberConst = 0;
#define RC_NUMBER_CONST ((void *)&rcNumberConst)

/* Reads bound zName of zFunc, pArg, as text (*pz 0: NULL, no bound); the
** text of an INTEGER or REAL is written to zBuf. */
static int rcNumberBoundArg(sqlite3_context *ctx, const char *zFunc,
                            const char *zName, sqlite3_value *pArg, char *zBuf,
                            const char **pz, size_t *pn) {
  char zDigits[RC_DEC_BUF];
  RcDecimal d;
  double r;
  *pz = 0;
  *pn = 0;
  switch (sqlite3_value_type(pArg)) {
  case SQLITE_NULL: return 1;
  case SQLITE_INTEGER:
    rcDecFromInt(sqlite3_value_int64(pArg), zDigits, &d);
    break;
  case SQLITE_FLOAT:
    r = sqlite3_value_double(pArg);
    if (!rcDecFromDouble(r, zDigits, &d) || d.eKind != RC_DEC_FINITE) {
      rcUsage(ctx, "%s: the %s must be finite, not %s (write NULL for no %s)",
              zFunc, zName, r > 0 ? "Inf" : "-Inf", zName);
      return 0;
    }
    break;
  case SQLITE_TEXT:
    *pz = (const char *)sqlite3_value_text(pArg);
    *pn = (size_t)sqlite3_value_bytes(pArg);
    if (*pz == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    return 1;
  default:
    rcUsage(ctx,
            "%s: the %s must be a number (INTEGER, REAL or TEXT such as "
            "'2.5'), or NULL for no %s, not BLOB",
            zFunc, zName, zName);
    return 0;
  }
  *pn = rcDecText(&d, zBuf, RC_NUMBER_BOUND_MAX + 1);
  *pz = zBuf;
  return 1;
}

/* Reads the bounds and options of a call into *p; else a usage error. */
static int rcNumberSpecRead(sqlite3_context *ctx, const char *zFunc, int argc,
                            sqlite3_value **argv, RcNumberSpec *p) {
  char azBuf[2][RC_NUMBER_BOUND_MAX + 1], zErr[300];
  const char *az[2], *zOpts = 0;
  size_t an[2], nOpts = 0;
  int i;
  for (i = 0; i < 2; i++) {
    if (!rcNumberBoundArg(ctx, zFunc, i ? "max" : "min", argv[1 + i], azBuf[i],
                          &az[i], &an[i])) {
      return 0;
    }
  }
  if (argc > 3) {
    switch (sqlite3_value_type(argv[3])) {
    case SQLITE_NULL: break;
    case SQLITE_TEXT:
      zOpts = (const char *)sqlite3_value_text(argv[3]);
      nOpts = (size_t)sqlite3_value_bytes(argv[3]);
      if (zOpts == 0) {
        sqlite3_result_error_nomem(ctx);
        return 0;
      }
      break;
    default:
      rcUsage(ctx,
              "%s: the options must be TEXT such as 'integer' or 'scale=2' "
              "(or NULL), not %s",
              zFunc, rcTypeName(argv[3]));
      return 0;
    }
  }
  if (rcNumberSpecParse(az[0], an[0], az[1], an[1], zOpts, nOpts, p, zErr,
                        (int)sizeof(zErr))) {
    return 1;
  }
  if (argc == 4 && strcmp(zFunc, "number_check") == 0 &&
      strncmp(zErr, "unknown option", 14) == 0) {
    /* number_check(x, 1, 10, 'orders.qty'): a label where options go */
    rcUsage(ctx,
            "%s: %s; a label comes after the options: number_check(x, min, "
            "max, NULL, 'orders.qty')",
            zFunc, zErr);
  } else {
    rcUsage(ctx, "%s: %s", zFunc, zErr);
  }
  return 0;
}

/*
** The spec of a call: the one cached for the statement when its bounds and
** options are constants, else *pLocal, read now (and cached when it can
** be); 0 after a usage error.
*/
static const RcNumberSpec *rcNumberSpecArg(sqlite3_context *ctx,
                                           const char *zFunc, int argc,
                                           sqlite3_value **argv,
                                           RcNumberSpec *pLocal) {
  RcNumberSpec *pAux = (RcNumberSpec *)sqlite3_get_auxdata(ctx, 1);
  if (pAux && sqlite3_get_auxdata(ctx, 2) == RC_NUMBER_CONST &&
      (argc < 4 || sqlite3_get_auxdata(ctx, 3) == RC_NUMBER_CONST)) {
    return pAux;
  }
  if (!rcNumberSpecRead(ctx, zFunc, argc, argv, pLocal)) return 0;
  pAux = (RcNumberSpec *)sqlite3_malloc64(sizeof(*pAux));
  if (pAux) { /* else parsed again next row */
    *pAux = *pLocal;
    sqlite3_set_auxdata(ctx, 1, pAux, sqlite3_free);
    sqlite3_set_auxdata(ctx, 2, RC_NUMBER_CONST, 0);
    if (argc > 3) sqlite3_set_auxdata(ctx, 3, RC_NUMBER_CONST, 0);
  }
  return pLocal;
}

/* How a value fares: a number's RcNumberStatus, or one of these. */
#define RC_NUMBER_SYNTAX 100 /* TEXT that is not a number */
#define RC_NUMBER_BLOB 101
#define RC_NUMBER_NOMEM 102

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
** Whether the REAL r is surely the nearest double to a decimal k / 10^n (so
** its shortest text has at most n decimals: number.h): k a near integer of
** r * 10^n below 2^53, and k / 10^n, both exact and divided with one
** correct rounding, is r.  0 means "ask the exact path".
*/
static int rcRealHasScale(double r, int n) {
  static const double aPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6, 1e7,
                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14};
  double p10, x, k;
  if (n >= (int)(sizeof(aPow10) / sizeof(aPow10[0]))) return 0;
  p10 = aPow10[n];
  x = r * p10;
  if (!(fabs(x) < 9007199254740990.0)) return 0; /* and NaN, Inf */
  k = nearbyint(x);
  return k / p10 == r || (k - 1) / p10 == r || (k + 1) / p10 == r;
}

/*
** Judges pVal (not NULL): RC_NUMBER_OK, or why not, with the number in *p
** (its digits in zBuf) when it is one.  The fast paths only ever pass a
** value: every failure is judged, and explained, by the exact path.
*/
static int rcNumberJudgeValue(sqlite3_value *pVal, const RcNumberSpec *pSpec,
                              char *zBuf, RcDecimal *p) {
  const unsigned char *z;
  sqlite3_int64 v;
  double r;
  int n;
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
    if (n > 0 && rcTextInt(z, n, &v) && pSpec->bIntFast && v >= pSpec->iLo &&
        v <= pSpec->iHi) {
      return 0;
    }
    if (!rcDecParse((const char *)z, (size_t)n, p)) return RC_NUMBER_SYNTAX;
    break;
  default: return RC_NUMBER_BLOB;
  }
  return (int)rcNumberJudge(p, pSpec);
}

/* The value as messages show it: an INTEGER or REAL as SQLite writes it
** (a whole REAL with its ".0"), a TEXT quoted and cleaned. */
static char *rcNumberShown(sqlite3_value *pVal, const RcDecimal *p) {
  char zText[RC_NUMBER_BOUND_MAX + 1];
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_INTEGER:
    return sqlite3_mprintf("%lld", sqlite3_value_int64(pVal));
  case SQLITE_FLOAT:
    rcDecText(p, zText, sizeof(zText));
    return sqlite3_mprintf("%s%s", zText, strpbrk(zText, ".eI") ? "" : ".0");
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
  default: return RICHCHECK_INVALID_TEXT;
  }
}

int rcNumberVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                    const RcNumberSpec *pSpec, char **pzMsg) {
  char zBuf[RC_DEC_BUF];
  RcDecimal d;
  int e;
  (void)ctx;
  *pzMsg = 0;
  if (sqlite3_value_type(pVal) == SQLITE_NULL) return 0;
  e = rcNumberJudgeValue(pVal, pSpec, zBuf, &d);
  if (e == RC_NUMBER_OK) return 0;
  if (e == RC_NUMBER_NOMEM) return SQLITE_NOMEM;
  *pzMsg = rcNumberMessage(e, pVal, &d, pSpec);
  return *pzMsg ? rcNumberCode(e) : SQLITE_NOMEM;
}

void rcNumberValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  const RcNumberSpec *pSpec =
      rcNumberSpecArg(ctx, "number_valid", argc, argv, &local);
  char zBuf[RC_DEC_BUF];
  RcDecimal d;
  int e;
  if (pSpec == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  e = rcNumberJudgeValue(argv[0], pSpec, zBuf, &d);
  if (e == RC_NUMBER_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_int(ctx, e == RC_NUMBER_OK);
  }
}

void rcNumberCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  const RcNumberSpec *pSpec =
      rcNumberSpecArg(ctx, "number_check", argc, argv, &local);
  sqlite3_value *pLabel = argc > 4 ? argv[4] : 0;
  char *zMsg;
  int code;
  if (pSpec == 0) return;
  if (pLabel && !rcLabelArg(ctx, "number_check", pLabel)) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcNumberVerdict(ctx, argv[0], pSpec, &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
    sqlite3_free(zMsg);
  }
}

void rcNumberErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcNumberSpec local;
  const RcNumberSpec *pSpec =
      rcNumberSpecArg(ctx, "number_error", argc, argv, &local);
  char *zMsg;
  int code;
  if (pSpec == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcNumberVerdict(ctx, argv[0], pSpec, &zMsg);
  if (code == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (code != 0) {
    sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
  }
}
