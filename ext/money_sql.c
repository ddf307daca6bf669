/*
** money_sql.c - the money functions, as SQL.
**
**     money_valid(x [, currency])                   -> 1 or 0
**     money_check(x [, currency [, label [, min [, max]]]]) -> 1, or raises
**     money_canon(x [, currency [, label]]) -> '12.30' (exactly scale
**                                              decimals)
**     money_minor(x [, currency [, label]]) -> 1230, the INTEGER of minor
**                                              units
**     money_scale(currency)         -> 2 for USD; NULL: none, withdrawn,
**                                      unknown
**     money_sum(x [, currency])     -> exact sum as money_canon's text;
**                                      aggregate and window function
**
** currency is an ISO 4217 code with options ('USD', 'USD, strict',
** 'DEM, withdrawn, scale=2'; 'USD, minor': x and money_check's bounds are
** INTEGER counts of minor units), parsed once per connection; NULL or
** absent, every value must name its own ('12.34 EUR') and the text results
** carry it.  It may come from a column: a row whose currency is not one is
** data (RICHCHECK_CURRENCY; 0 from money_valid), a constant that is not one
** a usage error (rcMoneySpecArg says how the two are told apart).  A label
** (TEXT or NULL) comes first in the message of a failure, as everywhere.
** The parser is money.c's; this file reads values and reports.
*/
#include "richcheck_int.h"
#include "currency.h"
#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rcMoneyScaleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RcCurrency *pCur;
  (void)argc;
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return;
  pCur = rcCurrencyFind((const char *)sqlite3_value_text(argv[0]),
                        (size_t)sqlite3_value_bytes(argv[0]));
  if (pCur && !pCur->bWithdrawn && pCur->nScale >= 0) {
    sqlite3_result_int(ctx, pCur->nScale);
  }
}

/* The spec of a call with no currency argument, or NULL there. */
static const RcMoneySpec rcNoSpec = {0, 0, -1};

/*
** Parsed currency arguments, kept per connection and found by their text.
** Auxdata alone would not do: SQLite drops it at every sqlite3_reset(), so
** a CHECK constraint on a table filled by a prepared INSERT, one row per
** execution, would parse its currency argument at every row.  Entries are
** never replaced (the cache only fills, up to RC_MONEY_SPEC_CACHE), so a
** pointer to one stays good while the connection lives.
*/
#define RC_MONEY_SPEC_CACHE 32
#define RC_MONEY_SPEC_TEXT 32 /* longer arguments are parsed at every call */

typedef struct RcMoneySpecEntry RcMoneySpecEntry;
struct RcMoneySpecEntry {
  int nText;
  char zText[RC_MONEY_SPEC_TEXT];
  RcMoneySpec spec;
};

typedef struct RcMoneySpecCache RcMoneySpecCache;
struct RcMoneySpecCache {
  int nEntry;
  RcMoneySpecEntry a[RC_MONEY_SPEC_CACHE];
  RcSite aSite[RC_SITES]; /* rcSiteFound */
};

static int rcMoneySpecIs(const RcMoneySpecEntry *e, const char *z, int n) {
  return e->nText == n && memcmp(e->zText, z, (size_t)n) == 0;
}

void rcMoneyRelease(RcConn *pConn) {
  sqlite3_free(pConn->pMoneySpecs);
  pConn->pMoneySpecs = 0;
}

/* The cached spec for text z[0..n), parsed and added if it is new; 0 if
** the cache is full or out of memory (the caller parses it itself). */
static const RcMoneySpec *rcMoneySpecCached(sqlite3_context *ctx, const char *z,
                                            int n) {
  RcConn *pConn = (RcConn *)sqlite3_user_data(ctx);
  RcMoneySpecCache *p = (RcMoneySpecCache *)pConn->pMoneySpecs;
  RcMoneySpecEntry *e;
  RcSite *pSite;
  char zErr[200];
  int i;
  if (p == 0) {
    p = (RcMoneySpecCache *)sqlite3_malloc64(sizeof(*p));
    if (p == 0) return 0;
    memset(p, 0, sizeof(*p));
    pConn->pMoneySpecs = p;
  }
  pSite = rcSiteOf(p->aSite, ctx);
  e = (RcMoneySpecEntry *)pSite->pEntry;
  if (pSite->pCtx != (const void *)ctx || !rcMoneySpecIs(e, z, n)) {
    for (i = 0; i < p->nEntry && !rcMoneySpecIs(&p->a[i], z, n); i++) {
    }
    e = i < p->nEntry ? &p->a[i] : 0;
  }
  if (e) {
    rcSiteFound(pConn, pSite, ctx, e, &e->spec);
    return &e->spec;
  }
  if (p->nEntry == RC_MONEY_SPEC_CACHE || n >= RC_MONEY_SPEC_TEXT) return 0;
  e = &p->a[p->nEntry];
  if (!rcMoneySpecParse(z, (size_t)n, &e->spec, zErr, (int)sizeof(zErr))) {
    return 0; /* not kept: the caller judges it */
  }
  memcpy(e->zText, z, (size_t)n);
  e->nText = n;
  p->nEntry++;
  return &e->spec;
}

/*
** A currency argument that is not one is a usage error when it is a
** constant of the statement (a literal, a parameter, an expression of
** them), and data when it comes from the row, as 'ZZZ' in a currency
** column: RICHCHECK_CURRENCY, or 0 from money_valid.
**
** SQLite tells a function its constant arguments only one way: it keeps
** the auxdata of a constant argument from one call to the next and drops
** that of any other as each call returns (OP_Function, its mask P1).  So
** a refused argument is marked with rcBadSpec as its auxdata, and a call
** that finds the mark knows its argument is constant.  The first call of
** a call site after the statement was prepared or reset has nothing to go
** by: a literal and a column hold the same kind of value, and even
** sqlite3_value_frombind() is true for a column whose row was bound (a
** CHECK on INSERT ... VALUES (?, ?)).  There the argument is data.
*/
static const RcMoneySpec rcBadSpec = {0, 0, -1};

/* The usage error for a constant currency argument that is not one. */
static void rcMoneySpecUsage(sqlite3_context *ctx, const char *zFunc,
                             sqlite3_value *pArg) {
  const char *z;
  int n;
  RcMoneySpec spec;
  char zErr[200], *zShown;

  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    rcUsage(ctx, "%s: the currency must be TEXT such as 'USD', not %s", zFunc,
            rcTypeName(pArg));
    return;
  }
  z = (const char *)sqlite3_value_text(pArg);
  n = sqlite3_value_bytes(pArg);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if (memchr(z, 0, (size_t)n) == 0) {
    rcMoneySpecParse(z, (size_t)n, &spec, zErr, (int)sizeof(zErr));
    rcUsage(ctx, "%s: %s", zFunc, zErr);
  } else if ((zShown = rcCleanText((const unsigned char *)z, n, 0)) == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx, "%s: the currency '%s' has a NUL character in it", zFunc,
            zShown);
    sqlite3_free(zShown);
  }
}

/*
** Reads the currency argument argv[1] into *pSpec (or the default when
** there is none), parsed once per connection (kept while the cache has
** room).  Returns RC_SPEC_OK; RC_SPEC_ROW for a currency from the row
** that is not one (rcMoneyRowCurrencyFail reports it); or RC_SPEC_FAILED
** with a usage error (a constant that is not one) or SQLITE_NOMEM set.
** A NUL inside the text is never cut: the currency is judged on all its
** bytes, and refused.
*/
int rcMoneySpecArg(sqlite3_context *ctx, const char *zFunc, int argc,
                   sqlite3_value **argv, RcMoneySpec *pSpec) {
  const RcMoneySpec *pCached;
  const char *z;
  int n, eType;

  if (argc < 2 || (eType = sqlite3_value_type(argv[1])) == SQLITE_NULL) {
    *pSpec = rcNoSpec;
    return RC_SPEC_OK;
  }
  ((RcConn *)sqlite3_user_data(ctx))->nCall++;
  pCached = (const RcMoneySpec *)sqlite3_get_auxdata(ctx, 1);
  if (pCached == &rcBadSpec) {
    rcMoneySpecUsage(ctx, zFunc, argv[1]);
    return RC_SPEC_FAILED;
  }
  if (pCached) {
    *pSpec = *pCached;
    return RC_SPEC_OK;
  }
  if (eType == SQLITE_TEXT) {
    char zErr[200];
    z = (const char *)sqlite3_value_text(argv[1]);
    n = sqlite3_value_bytes(argv[1]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return RC_SPEC_FAILED;
    }
    if (memchr(z, 0, (size_t)n) == 0) {
      pCached = rcMoneySpecCached(ctx, z, n);
      if (pCached) {
        *pSpec = *pCached;
        return RC_SPEC_OK;
      }
      if (rcMoneySpecParse(z, (size_t)n, pSpec, zErr, (int)sizeof(zErr))) {
        return RC_SPEC_OK;
      }
    }
  }
  sqlite3_set_auxdata(ctx, 1, (void *)&rcBadSpec, 0);
  return RC_SPEC_ROW;
}

/* Reads a non-NULL value as an amount. */
RcMoneyStatus rcMoneyRead(sqlite3_value *pVal, int eType,
                          const RcMoneySpec *pSpec, RcMoney *p) {
  switch (eType) {
  case SQLITE_INTEGER:
    return rcMoneyFromInt(sqlite3_value_int64(pVal), pSpec, p);
  case SQLITE_FLOAT:
    return rcMoneyFromReal(sqlite3_value_double(pVal), pSpec, p);
  case SQLITE_TEXT:
    return rcMoneyFromText((const char *)sqlite3_value_text(pVal),
                           (size_t)sqlite3_value_bytes(pVal), pSpec, p);
  default: p->pCur = 0; return RC_MONEY_BLOB;
  }
}

/* The richcheck code of a failed reading. */
static int rcMoneyCode(RcMoneyStatus e) {
  switch (e) {
  case RC_MONEY_SCALE: return RICHCHECK_SCALE;
  case RC_MONEY_OVERFLOW: return RICHCHECK_OVERFLOW;
  case RC_MONEY_NO_CURRENCY:
  case RC_MONEY_UNKNOWN:
  case RC_MONEY_WITHDRAWN:
  case RC_MONEY_NO_MINOR:
  case RC_MONEY_MISMATCH: return RICHCHECK_CURRENCY;
  default: return RICHCHECK_INVALID_TEXT;
  }
}

/* The shortest text that reads back as r: 0.30000000000000004, 19.99. */
static char *rcRealText(double r) {
  char zBuf[40];
  int nDigit;
  for (nDigit = 15; nDigit <= 17; nDigit++) {
    snprintf(zBuf, sizeof(zBuf), "%.*g", nDigit, r);
    if (strtod(zBuf, 0) == r) break;
  }
  return sqlite3_mprintf("%s", zBuf);
}

/* The value as a message shows it, unquoted: text cleaned, numbers as is. */
static char *rcMoneyShown(sqlite3_value *pVal) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_INTEGER:
    return sqlite3_mprintf("%lld", sqlite3_value_int64(pVal));
  case SQLITE_FLOAT: return rcRealText(sqlite3_value_double(pVal));
  default:
    return rcCleanText(sqlite3_value_text(pVal), sqlite3_value_bytes(pVal), 1);
  }
}

/* The message for pCur, a currency from the row that is not one, of the
** amount pVal (not NULL); sqlite3_free() it. */
static char *rcMoneyRowCurrencyMessage(sqlite3_value *pVal,
                                       sqlite3_value *pCur) {
  char *zVal = rcMoneyShown(pVal), *zCur = 0, *zMsg = 0;
  const char *z;
  int n;
  if (zVal == 0) return 0;
  switch (sqlite3_value_type(pCur)) {
  case SQLITE_TEXT:
    z = (const char *)sqlite3_value_text(pCur);
    n = sqlite3_value_bytes(pCur);
    zCur = z ? rcCleanText((const unsigned char *)z, n, 1) : 0;
    if (zCur == 0) break;
    switch (rcMoneySpecStatus(z, (size_t)n)) {
    case RC_MONEY_UNKNOWN:
      zMsg = sqlite3_mprintf("unknown currency \"%s\" for \"%s\"", zCur, zVal);
      break;
    case RC_MONEY_WITHDRAWN:
      zMsg = sqlite3_mprintf("currency \"%s\" for \"%s\" was withdrawn from "
                             "ISO 4217",
                             zCur, zVal);
      break;
    case RC_MONEY_NO_MINOR:
      zMsg = sqlite3_mprintf("currency \"%s\" for \"%s\" has no minor unit in "
                             "ISO 4217",
                             zCur, zVal);
      break;
    case RC_MONEY_MINOR_ALONE:
      zMsg = sqlite3_mprintf("invalid currency \"%s\" for \"%s\": %s", zCur,
                             zVal, zRcMoneyMinorAlone);
      break;
    default:
      zMsg = sqlite3_mprintf("invalid currency \"%s\" for \"%s\"", zCur, zVal);
      break;
    }
    break;
  case SQLITE_BLOB:
    zMsg = sqlite3_mprintf("invalid currency for \"%s\": a BLOB is not a "
                           "currency code",
                           zVal);
    break;
  default:
    zCur = rcMoneyShown(pCur);
    if (zCur == 0) break;
    zMsg = sqlite3_mprintf("invalid currency %s for \"%s\": a currency is TEXT "
                           "such as 'USD'",
                           zCur, zVal);
    break;
  }
  sqlite3_free(zCur);
  sqlite3_free(zVal);
  return zMsg;
}

void rcMoneyRowCurrencyFail(sqlite3_context *ctx, sqlite3_value *pVal,
                            sqlite3_value *pCur, sqlite3_value *pLabel) {
  char *zMsg = rcMoneyRowCurrencyMessage(pVal, pCur);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcRaise(ctx, RICHCHECK_CURRENCY, pLabel, "%s", zMsg);
  sqlite3_free(zMsg);
}

/*
** A REAL as the messages of the option minor show it: a whole number with
** its ".0" (rcRealText writes 12.0 as "12"), or the message would read as
** if the INTEGER 12 were refused.  sqlite3_free() it.
*/
static char *rcMoneyRealShown(sqlite3_value *pVal) {
  char *zVal = rcRealText(sqlite3_value_double(pVal));
  const char *zDigits;
  if (zVal == 0) return 0;
  zDigits = zVal + (zVal[0] == '-');
  if (zDigits[0] && zDigits[strspn(zDigits, "0123456789")] == 0) {
    char *zWhole = sqlite3_mprintf("%s.0", zVal);
    sqlite3_free(zVal);
    return zWhole;
  }
  return zVal;
}

/* The message of a TEXT or REAL (zVal as rcMoneyShown shows it) under the
** option minor of currency zCur; sqlite3_free() it. */
static char *rcMoneyNotMinorMessage(sqlite3_value *pVal, const char *zVal,
                                    const char *zCur) {
  char *zReal, *zMsg;
  if (sqlite3_value_type(pVal) != SQLITE_FLOAT) {
    return sqlite3_mprintf("invalid input syntax for money: \"%s\" is not a "
                           "count of minor units of %s (option minor): store "
                           "an INTEGER",
                           zVal, zCur);
  }
  zReal = rcMoneyRealShown(pVal);
  if (zReal == 0) return 0;
  zMsg = sqlite3_mprintf("invalid input syntax for money: REAL %s is not a "
                         "count of minor units of %s (option minor): store "
                         "an INTEGER",
                         zReal, zCur);
  sqlite3_free(zReal);
  return zMsg;
}

/* The message of a failed reading of pVal; sqlite3_free() it. */
char *rcMoneyMessage(RcMoneyStatus e, sqlite3_value *pVal, const RcMoney *p,
                     const RcMoneySpec *pSpec) {
  char *zVal, *zMsg = 0;
  const char *zCur = p->pCur ? p->pCur->zCode : "";
  char zMax[RC_MONEY_CANON_SIZE];

  if (e == RC_MONEY_BLOB) {
    return sqlite3_mprintf("invalid input syntax for money: a BLOB is not an "
                           "amount");
  }
  zVal = rcMoneyShown(pVal);
  if (zVal == 0) return 0;
  switch (e) {
  case RC_MONEY_SYNTAX:
    zMsg = sqlite3_mprintf("invalid input syntax for money: \"%s\"", zVal);
    break;
  case RC_MONEY_REAL_STRICT:
    zMsg = sqlite3_mprintf("invalid input syntax for money: REAL %s refused "
                           "(option strict): store amounts as TEXT or INTEGER",
                           zVal);
    break;
  case RC_MONEY_REAL_INEXACT:
    zMsg = sqlite3_mprintf("invalid input syntax for money: REAL %s is not "
                           "exactly an amount in %s (%d decimals): store "
                           "amounts as TEXT or INTEGER",
                           zVal, zCur, p->nScale);
    break;
  case RC_MONEY_NOT_MINOR:
    zMsg = rcMoneyNotMinorMessage(pVal, zVal, zCur);
    break;
  case RC_MONEY_REAL_BIG:
    zMsg = sqlite3_mprintf("invalid input syntax for money: REAL %s is past "
                           "2^53 minor units of %s, where a REAL is not exact: "
                           "store it as TEXT",
                           zVal, zCur);
    break;
  case RC_MONEY_NO_CURRENCY:
    zMsg = sqlite3_mprintf("no currency for \"%s\": name one in the value "
                           "(\"%s USD\") or as an argument ('USD')",
                           zVal, zVal);
    break;
  case RC_MONEY_UNKNOWN:
    zMsg = sqlite3_mprintf("unknown currency \"%s\" in \"%s\"", p->zCode, zVal);
    break;
  case RC_MONEY_WITHDRAWN:
    zMsg = sqlite3_mprintf("currency \"%s\" in \"%s\" was withdrawn from ISO "
                           "4217",
                           zCur, zVal);
    break;
  case RC_MONEY_NO_MINOR:
    zMsg = sqlite3_mprintf("currency \"%s\" in \"%s\" has no minor unit in "
                           "ISO 4217",
                           zCur, zVal);
    break;
  case RC_MONEY_MISMATCH:
    zMsg = sqlite3_mprintf("currency \"%s\" in \"%s\" is not %s", p->zCode,
                           zVal, pSpec->pCur->zCode);
    break;
  case RC_MONEY_SCALE:
    zMsg = sqlite3_mprintf("value \"%s\" has %d decimal place%s; %s allows %d",
                           zVal, p->nFrac, p->nFrac == 1 ? "" : "s", zCur,
                           p->nScale);
    break;
  default:
    if (pSpec->flags & RC_MONEY_OPT_MINOR) {
      /* the value is a count: so is the limit it passed */
      zMsg = sqlite3_mprintf("value \"%s\" is out of range for money in %s "
                             "(at most +-%lld minor units)",
                             zVal, zCur, (long long)RC_MONEY_MAX);
      break;
    }
    rcMoneyCanon(RC_MONEY_MAX, p->nScale, 0, zMax);
    zMsg = sqlite3_mprintf("value \"%s\" is out of range for money in %s "
                           "(at most +-%s)",
                           zVal, zCur, zMax);
    break;
  }
  sqlite3_free(zVal);
  return zMsg;
}

/* Fails the call with the code and message of a failed reading. */
void rcMoneyFail(sqlite3_context *ctx, RcMoneyStatus e, sqlite3_value *pVal,
                 const RcMoney *p, const RcMoneySpec *pSpec,
                 sqlite3_value *pLabel) {
  char *zMsg = rcMoneyMessage(e, pVal, p, pSpec);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcRaise(ctx, rcMoneyCode(e), pLabel, "%s", zMsg);
  sqlite3_free(zMsg);
}

void rcMoneyValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoney m;
  int eType, rc = rcMoneySpecArg(ctx, "money_valid", argc, argv, &spec);
  if (rc == RC_SPEC_FAILED) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  sqlite3_result_int(ctx, rc == RC_SPEC_OK && rcMoneyRead(argv[0], eType, &spec,
                                                          &m) == RC_MONEY_OK);
}

/* The text result of money_canon, money_sum and money_parse. */
void rcMoneyResultText(sqlite3_context *ctx, int64_t iMinor, const RcMoney *p,
                       const RcMoneySpec *pSpec) {
  char zOut[RC_MONEY_CANON_SIZE];
  int n =
      rcMoneyCanon(iMinor, p->nScale, pSpec->pCur ? 0 : p->pCur->zCode, zOut);
  sqlite3_result_text(ctx, zOut, n, SQLITE_TRANSIENT);
}

/*
** Reads money_canon's and money_minor's amount into *pm: 1, or 0 when the
** value is NULL (the result stays NULL) or the call failed.  The label
** (argv[2]) is checked as money_check checks it, before the value, so a
** wrong one is a usage error even for NULL, and leads every message.
*/
static int rcMoneyAmountArg(sqlite3_context *ctx, const char *zFunc, int argc,
                            sqlite3_value **argv, RcMoneySpec *pSpec,
                            RcMoney *pm) {
  RcMoneyStatus e;
  sqlite3_value *pLabel = argc > 2 ? argv[2] : 0;
  int eType, rc = rcMoneySpecArg(ctx, zFunc, argc, argv, pSpec);
  if (rc == RC_SPEC_FAILED) return 0;
  if (pLabel && !rcLabelArg(ctx, zFunc, pLabel)) return 0;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return 0;
  if (rc == RC_SPEC_ROW) {
    rcMoneyRowCurrencyFail(ctx, argv[0], argv[1], pLabel);
    return 0;
  }
  e = rcMoneyRead(argv[0], eType, pSpec, pm);
  if (e != RC_MONEY_OK) {
    rcMoneyFail(ctx, e, argv[0], pm, pSpec, pLabel);
    return 0;
  }
  return 1;
}

void rcMoneyCanonFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoney m;
  if (rcMoneyAmountArg(ctx, "money_canon", argc, argv, &spec, &m)) {
    rcMoneyResultText(ctx, m.iMinor, &m, &spec);
  }
}

void rcMoneyMinorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoney m;
  if (rcMoneyAmountArg(ctx, "money_minor", argc, argv, &spec, &m)) {
    sqlite3_result_int64(ctx, m.iMinor);
  }
}

/* A bound of money_check, in minor units of the call's currency. */
typedef struct RcMoneyBound RcMoneyBound;
struct RcMoneyBound {
  int bSet;       /* 0: NULL, no bound */
  int64_t iMinor; /* in the currency of the spec */
};

/*
** The usage error for a bound that is not an INTEGER under the option
** minor: the bounds are in the value's unit, and a TEXT '1000.00' there is
** as likely meant as dollars as a slip for 100000 cents, so it is refused,
** not read either way.
*/
static void rcMoneyBoundNotMinor(sqlite3_context *ctx, const char *zName,
                                 sqlite3_value *pArg,
                                 const RcMoneySpec *pSpec) {
  char *zVal = 0, *zWhat;
  switch (sqlite3_value_type(pArg)) {
  case SQLITE_TEXT:
    zVal = rcMoneyShown(pArg);
    zWhat = zVal ? sqlite3_mprintf("TEXT \"%s\"", zVal) : 0;
    break;
  case SQLITE_FLOAT:
    zVal = rcMoneyRealShown(pArg);
    zWhat = zVal ? sqlite3_mprintf("REAL %s", zVal) : 0;
    break;
  default: zWhat = sqlite3_mprintf("a BLOB"); break;
  }
  if (zWhat == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx,
            "money_check: the %s must be an INTEGER count of minor units of "
            "%s (option minor), not %s",
            zName, pSpec->pCur->zCode, zWhat);
  }
  sqlite3_free(zVal);
  sqlite3_free(zWhat);
}

/* Reads a bound of money_check (argument iArg); on failure a usage error. */
static int rcMoneyBoundArg(sqlite3_context *ctx, int iArg, sqlite3_value *pArg,
                           const RcMoneySpec *pSpec, RcMoneyBound *pBound) {
  static const char *const azName[] = {"min", "max"};
  const char *zName = azName[iArg - 3];
  int eType = sqlite3_value_type(pArg);
  RcMoney m;
  RcMoneyStatus e;
  char *zMsg;

  pBound->bSet = 0;
  if (eType == SQLITE_NULL) return 1;
  if (pSpec->pCur == 0) {
    rcUsage(ctx,
            "money_check: a %s needs a currency argument, as in "
            "money_check(x, 'USD', label, 0)",
            zName);
    return 0;
  }
  if ((pSpec->flags & RC_MONEY_OPT_MINOR) && eType != SQLITE_INTEGER) {
    rcMoneyBoundNotMinor(ctx, zName, pArg, pSpec);
    return 0;
  }
  /* Read at every call (cheap): the currency, and so its scale, may change
  ** from row to row. */
  e = rcMoneyRead(pArg, eType, pSpec, &m);
  if (e != RC_MONEY_OK) {
    zMsg = rcMoneyMessage(e, pArg, &m, pSpec);
    rcUsage(ctx, "money_check: the %s is not an amount: %s", zName,
            zMsg ? zMsg : "out of memory");
    sqlite3_free(zMsg);
    return 0;
  }
  pBound->bSet = 1;
  pBound->iMinor = m.iMinor;
  return 1;
}

/* Reads money_check's label and bounds; on failure sets a usage error. */
static int rcMoneyCheckArgs(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv, const RcMoneySpec *pSpec,
                            RcMoneyBound *pMin, RcMoneyBound *pMax) {
  char zMin[RC_MONEY_CANON_SIZE], zMax[RC_MONEY_CANON_SIZE];
  pMin->bSet = pMax->bSet = 0;
  if (argc > 2 && !rcLabelArg(ctx, "money_check", argv[2])) return 0;
  if (argc > 3 && !rcMoneyBoundArg(ctx, 3, argv[3], pSpec, pMin)) return 0;
  if (argc > 4 && !rcMoneyBoundArg(ctx, 4, argv[4], pSpec, pMax)) return 0;
  if (pMin->bSet && pMax->bSet && pMin->iMinor > pMax->iMinor) {
    int nScale = pSpec->pCur->nScale >= 0 ? pSpec->pCur->nScale : pSpec->nScale;
    rcMoneyCanon(pMin->iMinor, nScale, 0, zMin);
    rcMoneyCanon(pMax->iMinor, nScale, 0, zMax);
    rcUsage(ctx, "money_check: min (%s) is greater than max (%s)", zMin, zMax);
    return 0;
  }
  return 1;
}

int rcMoneyVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                   const RcMoneySpec *pSpec, int bMin, sqlite3_int64 iMin,
                   int bMax, sqlite3_int64 iMax, char **pzMsg) {
  RcMoney m;
  RcMoneyStatus e;
  char zVal[RC_MONEY_CANON_SIZE], zBound[RC_MONEY_CANON_SIZE];
  int eType = sqlite3_value_type(pVal), bLow;
  (void)ctx;
  *pzMsg = 0;
  if (eType == SQLITE_NULL) return 0;
  e = rcMoneyRead(pVal, eType, pSpec, &m);
  if (e != RC_MONEY_OK) {
    *pzMsg = rcMoneyMessage(e, pVal, &m, pSpec);
    return *pzMsg ? rcMoneyCode(e) : SQLITE_NOMEM;
  }
  bLow = bMin && m.iMinor < iMin;
  if (!bLow && !(bMax && m.iMinor > iMax)) return 0;
  rcMoneyCanon(m.iMinor, m.nScale, m.pCur->zCode, zVal);
  rcMoneyCanon(bLow ? iMin : iMax, m.nScale, 0, zBound);
  *pzMsg = sqlite3_mprintf("amount %s is %s the %s %s", zVal,
                           bLow ? "below" : "above",
                           bLow ? "minimum" : "maximum", zBound);
  return *pzMsg ? RICHCHECK_BOUND : SQLITE_NOMEM;
}

void rcMoneyCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoneyBound lo, hi;
  char *zMsg;
  int code, rc = rcMoneySpecArg(ctx, "money_check", argc, argv, &spec);

  if (rc == RC_SPEC_FAILED) return;
  if (rc == RC_SPEC_ROW) {
    /* no bounds without a currency: the row fails on its currency */
    if (argc > 2 && !rcLabelArg(ctx, "money_check", argv[2])) return;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    rcMoneyRowCurrencyFail(ctx, argv[0], argv[1], argc > 2 ? argv[2] : 0);
    return;
  }
  if (!rcMoneyCheckArgs(ctx, argc, argv, &spec, &lo, &hi)) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcMoneyVerdict(ctx, argv[0], &spec, lo.bSet, lo.iMinor, hi.bSet,
                        hi.iMinor, &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, argc > 2 ? argv[2] : 0, zMsg);
    sqlite3_free(zMsg);
  }
}

/* ---- money_sum --------------------------------------------------------- */

/*
** The running sum is hi * 2^64 + lo: no sum of int64 amounts can overflow
** it, so a window may pass through a total that is out of range and come
** back; only the result must fit.
*/
typedef struct RcMoneySum RcMoneySum;
struct RcMoneySum {
  uint64_t lo;
  int64_t hi;
  int64_t nRow;           /* amounts in the frame */
  const RcCurrency *pCur; /* their currency, while nRow > 0 */
  int nScale;
  RcMoneySpec spec; /* the currency argument, parsed */
  int nArg;         /* zArg[0..nArg) is the text spec came from, or -1 */
  int bCode;        /* the result names its currency: the first row had none */
  int bFast;        /* the next row may take rcMoneySumFast (see there) */
  char zArg[64];
};

static void rcMoneySumAdd(RcMoneySum *p, int64_t v) {
  uint64_t old = p->lo;
  p->lo += (uint64_t)v;
  p->hi += (v < 0 ? -1 : 0) + (p->lo < old ? 1 : 0);
}

/*
** The currency argument of one row.  Auxdata does not serve aggregates (it
** outlives a row even when the argument is a column), so the last text
** parsed is kept in the sum itself; and for the same reason nothing tells
** a constant currency here from a column's: one that is not a currency is
** the row's, RICHCHECK_CURRENCY.
*/
static int rcMoneySumSpec(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          RcMoneySum *p) {
  RcMoneySpec spec;
  const char *z;
  int n, eType = argc < 2 ? SQLITE_NULL : sqlite3_value_type(argv[1]);
  char zErr[200];
  if (eType == SQLITE_NULL) {
    p->spec = rcNoSpec;
    p->nArg = -1;
    return 1;
  }
  if (eType == SQLITE_TEXT) {
    z = (const char *)sqlite3_value_text(argv[1]);
    n = sqlite3_value_bytes(argv[1]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    if (n == p->nArg && memcmp(z, p->zArg, (size_t)n) == 0) return 1;
    if (memchr(z, 0, (size_t)n) == 0 &&
        rcMoneySpecParse(z, (size_t)n, &spec, zErr, (int)sizeof(zErr))) {
      p->spec = spec;
      p->nArg = n < (int)sizeof(p->zArg) ? n : -1;
      if (p->nArg >= 0) {
        memcpy(p->zArg, z, (size_t)n);
        p->zArg[n] = 0; /* (rcTextEqual) */
      }
      return 1;
    }
  }
  rcMoneyRowCurrencyFail(ctx, argv[0], argv[1], 0);
  return 0;
}

/*
** Reads one row's amount (of type eType, not NULL), raising on failure;
** returns 0 if it raised.
*/
static int rcMoneySumRead(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                          int eType, RcMoneySum *p, RcMoney *pm) {
  RcMoneyStatus e;
  if (!rcMoneySumSpec(ctx, argc, argv, p)) return 0;
  e = rcMoneyRead(argv[0], eType, &p->spec, pm);
  if (e != RC_MONEY_OK) {
    rcMoneyFail(ctx, e, argv[0], pm, &p->spec, 0);
    return 0;
  }
  if (p->nRow > 0 && (pm->pCur != p->pCur || pm->nScale != p->nScale)) {
    rcRaise(ctx, RICHCHECK_CURRENCY, 0,
            "money_sum: mixed currencies %s and %s in one sum", p->pCur->zCode,
            pm->pCur->zCode);
    return 0;
  }
  return 1;
}

/* The sum of the current group or frame, made on its first row. */
static RcMoneySum *rcMoneySumContext(sqlite3_context *ctx) {
  RcMoneySum *p = (RcMoneySum *)sqlite3_aggregate_context(ctx, sizeof(*p));
  if (p == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if (p->nRow == 0 && p->pCur == 0) {
    p->nArg = -1; /* zeroed memory: nothing parsed yet */
  }
  return p;
}

/*
** The row of a sum in its usual state, the TEXT amount argv[0] (not
** NULL) with the currency argument of the rows before it, read by
** rcMoneyFastText into *pv; 0 when rcMoneySumUpdate must read it.  p->bFast
** says the state: the currency argument zArg[0..nArg) of the last row
** parsed to a currency of fixed scale (rcMoneySpecFastScale) that is the
** sum's own (p->pCur, p->nScale).  For such a row the full path would keep
** the spec, read the amount by rcMoneyFastText too, find no mixed
** currencies and leave pCur and nScale as they are.
*/
static int rcMoneySumFast(sqlite3_value **argv, const RcMoneySum *p,
                          int64_t *pv) {
  const char *z;
  int n;
  if (sqlite3_value_type(argv[1]) != SQLITE_TEXT) return 0;
  z = (const char *)sqlite3_value_text(argv[1]);
  n = sqlite3_value_bytes(argv[1]);
  if (z == 0 || n != p->nArg || !rcTextEqual(z, p->zArg, n)) return 0;
  z = (const char *)sqlite3_value_text(argv[0]);
  return z != 0 && rcMoneyFastText(z, (size_t)sqlite3_value_bytes(argv[0]),
                                   p->nScale, pv) != 0;
}

/* rcMoneySumUpdate for a row that rcMoneySumFast does not take. */
static RC_NOINLINE void rcMoneySumSlow(sqlite3_context *ctx, int argc,
                                       sqlite3_value **argv, int eType,
                                       RcMoneySum *p, int iSign) {
  RcMoney m;
  p->bFast = 0;
  if (!rcMoneySumRead(ctx, argc, argv, eType, p, &m)) return;
  /* The form of the result is the first row's, whatever the argument of
  ** later rows: with no currency argument it names the currency. */
  if (p->nRow == 0) p->bCode = p->spec.pCur == 0;
  p->pCur = m.pCur;
  p->nScale = m.nScale;
  p->nRow += iSign;
  rcMoneySumAdd(p, iSign * m.iMinor);
  p->bFast = p->nArg >= 0 && rcMoneySpecFastScale(&p->spec) >= 0 &&
             p->spec.pCur == p->pCur && p->spec.pCur->nScale == p->nScale;
}

/*
** Adds the row's amount to the sum (iSign 1, xStep) or takes it out (iSign
** -1, xInverse: the row was read by xStep already, so it reads again
** without error).
*/
static void rcMoneySumUpdate(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv, int iSign) {
  RcMoneySum *p;
  int64_t v;
  int eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  p = rcMoneySumContext(ctx);
  if (p == 0) return;
  if (p->bFast && eType == SQLITE_TEXT && rcMoneySumFast(argv, p, &v)) {
    if (p->nRow == 0) p->bCode = 0; /* as rcMoneySumSlow: a currency */
    p->nRow += iSign;
    rcMoneySumAdd(p, iSign * v);
    return;
  }
  rcMoneySumSlow(ctx, argc, argv, eType, p, iSign);
}

static void rcMoneySumStep(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  rcMoneySumUpdate(ctx, argc, argv, 1);
}

static void rcMoneySumInverse(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv) {
  rcMoneySumUpdate(ctx, argc, argv, -1);
}

static void rcMoneySumResult(sqlite3_context *ctx, const RcMoneySum *p) {
  RcMoneySpec spec;
  RcMoney m;
  char zMax[RC_MONEY_CANON_SIZE];
  if (p == 0 || p->nRow == 0) return; /* no amounts: NULL, as sum() */
  if (!((p->hi == 0 && p->lo <= (uint64_t)RC_MONEY_MAX) ||
        (p->hi == -1 && p->lo > (uint64_t)RC_MONEY_MAX + 1))) {
    rcMoneyCanon(RC_MONEY_MAX, p->nScale, 0, zMax);
    rcRaise(ctx, RICHCHECK_OVERFLOW, 0,
            "money_sum: sum out of range for money in %s (at most +-%s)",
            p->pCur->zCode, zMax);
    return;
  }
  m.pCur = p->pCur;
  m.nScale = p->nScale;
  spec = rcNoSpec;
  if (!p->bCode) spec.pCur = p->pCur;
  rcMoneyResultText(ctx, (int64_t)p->lo, &m, &spec);
}

static void rcMoneySumValue(sqlite3_context *ctx) {
  rcMoneySumResult(ctx, (const RcMoneySum *)sqlite3_aggregate_context(ctx, 0));
}

static void rcMoneySumFinal(sqlite3_context *ctx) {
  rcMoneySumResult(ctx, (const RcMoneySum *)sqlite3_aggregate_context(ctx, 0));
}

const RcAggDef rcMoneySumDef = {rcMoneySumStep, rcMoneySumFinal,
                                rcMoneySumValue, rcMoneySumInverse};
