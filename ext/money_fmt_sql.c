/*
** money_fmt_sql.c - amounts as human text, as SQL.
**
**     money_format(x, currency [, locale])   -> '$1,234.50', '1.234,50 €'
**     money_parse(text, currency [, locale]) -> '1234.50', as money_canon
**
** x and currency are read as by money_canon (money_sql.c), but money_parse
** refuses the option minor (a usage error): its text is an amount as people
** write it, never a count of minor units; money_minor(money_parse(...))
** gives the count.  locale is an ICU locale ('de_DE', 'de-DE',
** 'ar_EG@numbers=latn'), 'en_US' when absent; one ICU has no data of its
** own for is a usage error.  A constant locale's formatter is opened once
** per statement (the 2-argument forms share one per connection).  The
** reader is money_fmt.c's; its result goes through money.c's parser, so
** scale, range and currency are judged, and reported, exactly as
** money_canon does.
*/
#include "richcheck_int.h"
#include "money_fmt.h"

#include <string.h>

/* The argument that names the locale, and the key of its formatter. */
#define RC_MONEY_LOCALE_ARG 2

static void rcMoneyLocaleFree(void *p) {
  rcMoneyLocaleClose((RcMoneyLocale *)p);
}

void rcMoneyFmtRelease(RcConn *pConn) {
  rcMoneyLocaleClose((RcMoneyLocale *)pConn->pMoneyFmt);
  pConn->pMoneyFmt = 0;
}

/* Opens the locale z[0..n); on failure sets the error and returns 0. */
static RcMoneyLocale *rcMoneyLocaleNew(sqlite3_context *ctx, const char *zFunc,
                                       const char *z, int n) {
  RcMoneyLocale *p = 0;
  char zErr[120];
  char *zShown;
  RcMoneyLocaleStatus e =
      rcMoneyLocaleOpen(z, (size_t)n, &p, zErr, (int)sizeof(zErr));
  if (e == RC_MONEY_LOCALE_OK) return p;
  if (e == RC_MONEY_LOCALE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  zShown = rcCleanText((const unsigned char *)z, n, 0);
  if (zShown == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if (e == RC_MONEY_LOCALE_ICU) {
    rcUsage(ctx, "%s: ICU cannot format amounts in locale '%s': %s", zFunc,
            zShown, zErr);
  } else {
    rcUsage(ctx,
            "%s: unknown locale '%s' (%s): write one ICU has data for, such "
            "as 'en_US', 'de_DE' or 'fr_FR'",
            zFunc, zShown, zErr);
  }
  sqlite3_free(zShown);
  return 0;
}

/*
** The formatter of the locale argument: the statement's, a new one
** (*pbNew: rcMoneyLocaleKeep hands it to SQLite as the call ends, since
** SQLite may free auxdata as soon as it gets it), or the connection's
** en_US one when there is no locale argument.  On failure sets the error
** and returns 0.
*/
static RcMoneyLocale *rcMoneyLocaleArg(sqlite3_context *ctx, const char *zFunc,
                                       int argc, sqlite3_value **argv,
                                       int *pbNew) {
  RcMoneyLocale *p;
  sqlite3_value *pArg;
  *pbNew = 0;
  if (argc <= RC_MONEY_LOCALE_ARG) {
    RcConn *pConn = (RcConn *)sqlite3_user_data(ctx);
    if (pConn->pMoneyFmt == 0) {
      pConn->pMoneyFmt = rcMoneyLocaleNew(ctx, zFunc, "en_US", 5);
    }
    return (RcMoneyLocale *)pConn->pMoneyFmt;
  }
  p = (RcMoneyLocale *)sqlite3_get_auxdata(ctx, RC_MONEY_LOCALE_ARG);
  if (p) return p;
  pArg = argv[RC_MONEY_LOCALE_ARG];
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    rcUsage(ctx, "%s: the locale must be TEXT such as 'de_DE', not %s", zFunc,
            rcTypeName(pArg));
    return 0;
  }
  p = rcMoneyLocaleNew(ctx, zFunc, (const char *)sqlite3_value_text(pArg),
                       sqlite3_value_bytes(pArg));
  *pbNew = p != 0;
  return p;
}

static void rcMoneyLocaleKeep(sqlite3_context *ctx, RcMoneyLocale *p,
                              int bNew) {
  if (bNew) sqlite3_set_auxdata(ctx, RC_MONEY_LOCALE_ARG, p, rcMoneyLocaleFree);
}

void rcMoneyFormatFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoney m;
  RcMoneyStatus e;
  RcMoneyLocale *pLoc;
  int bNew, n, rc = rcMoneySpecArg(ctx, "money_format", argc, argv, &spec);
  char zDecimal[RC_MONEY_CANON_SIZE], zOut[RC_MONEY_FMT_SIZE];

  if (rc == RC_SPEC_FAILED) return;
  pLoc = rcMoneyLocaleArg(ctx, "money_format", argc, argv, &bNew);
  if (pLoc == 0) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    /* NULL passes, whatever its currency */
  } else if (rc == RC_SPEC_ROW) {
    rcMoneyRowCurrencyFail(ctx, argv[0], argv[1], 0);
  } else {
    e = rcMoneyRead(argv[0], sqlite3_value_type(argv[0]), &spec, &m);
    if (e != RC_MONEY_OK) {
      rcMoneyFail(ctx, e, argv[0], &m, &spec, 0);
    } else {
      rcMoneyCanon(m.iMinor, m.nScale, 0, zDecimal);
      n = rcMoneyFormat(pLoc, m.pCur, m.nScale, zDecimal, zOut);
      if (n < 0) {
        rcUsage(ctx, "money_format: ICU failed: %s", zOut);
      } else {
        sqlite3_result_text(ctx, zOut, n, SQLITE_TRANSIENT);
      }
    }
  }
  rcMoneyLocaleKeep(ctx, pLoc, bNew);
}

/* How the locale writes numbers, for a message: "en_US groups ...". */
static char *rcMoneyHint(const RcMoneyLocale *p) {
  int bSpace = strcmp(p->zGroup, " ") == 0;
  char *zSizes = 0, *zHint;
  if (p->nGroup1 == 0) {
    return sqlite3_mprintf("%s does not group digits and marks decimals "
                           "with \"%s\"",
                           p->zLocale, p->zDecimal);
  }
  if (p->nGroup2 != p->nGroup1) {
    zSizes = sqlite3_mprintf(" (%d digits next to the decimals, %d in the "
                             "other groups)",
                             p->nGroup1, p->nGroup2);
    if (zSizes == 0) return 0;
  }
  zHint = sqlite3_mprintf("%s groups digits with %s%s%s%s and marks decimals "
                          "with \"%s\"",
                          p->zLocale, bSpace ? "" : "\"",
                          bSpace ? "a space" : p->zGroup, bSpace ? "" : "\"",
                          zSizes ? zSizes : "", p->zDecimal);
  sqlite3_free(zSizes);
  return zHint;
}

/* Fails the call: the text is not an amount as the locale writes one. */
static void rcMoneyParseSyntax(sqlite3_context *ctx, const RcMoneyLocale *pLoc,
                               sqlite3_value *pVal, const RcMoneySpec *pSpec) {
  RcMoney m;
  char *zMsg, *zHint;
  memset(&m, 0, sizeof(m));
  zMsg = rcMoneyMessage(RC_MONEY_SYNTAX, pVal, &m, pSpec);
  zHint = rcMoneyHint(pLoc);
  if (zMsg && zHint) {
    rcRaise(ctx, RICHCHECK_INVALID_TEXT, 0, "%s (%s)", zMsg, zHint);
  } else {
    sqlite3_result_error_nomem(ctx);
  }
  sqlite3_free(zMsg);
  sqlite3_free(zHint);
}

/* Fails the call: a symbol, and no currency argument to tell it by. */
static void rcMoneyParseSymbol(sqlite3_context *ctx, sqlite3_value *pVal,
                               const char *zCode) {
  char *zVal =
      rcCleanText(sqlite3_value_text(pVal), sqlite3_value_bytes(pVal), 1);
  if (zVal == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rcRaise(ctx, RICHCHECK_CURRENCY, 0,
          "no currency for \"%s\": with no currency argument the value must "
          "name its ISO 4217 code (%s), not a symbol",
          zVal, zCode);
  sqlite3_free(zVal);
}

/*
** Reads TEXT pVal in pLoc's way into money.c's syntax, then as money_canon
** reads it.  Returns the status, or -1 when it failed the call already.
*/
static int rcMoneyParseText(sqlite3_context *ctx, RcMoneyLocale *pLoc,
                            sqlite3_value *pVal, const RcMoneySpec *pSpec,
                            RcMoney *pm) {
  const char *z = (const char *)sqlite3_value_text(pVal);
  size_t n = (size_t)sqlite3_value_bytes(pVal);
  char zBuf[256], zCode[4];
  char *zOut = zBuf;
  int nScale = 0, rc = -1;

  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return -1;
  }
  if (RC_MONEY_TEXT_OUT(n) > sizeof(zBuf)) {
    zOut = (char *)sqlite3_malloc64(RC_MONEY_TEXT_OUT(n));
    if (zOut == 0) {
      sqlite3_result_error_nomem(ctx);
      return -1;
    }
  }
  if (pSpec->pCur) {
    nScale = pSpec->pCur->nScale >= 0 ? pSpec->pCur->nScale : pSpec->nScale;
  }
  switch (rcMoneyReadText(pLoc, pSpec->pCur, nScale, z, n, zOut, zCode)) {
  case RC_MONEY_TEXT_OK:
    rc = (int)rcMoneyFromText(zOut, strlen(zOut), pSpec, pm);
    break;
  case RC_MONEY_TEXT_SYMBOL: rcMoneyParseSymbol(ctx, pVal, zCode); break;
  case RC_MONEY_TEXT_ICU:
    rcUsage(ctx, "money_parse: ICU failed to give the symbols of %s",
            pLoc->zLocale);
    break;
  default: rcMoneyParseSyntax(ctx, pLoc, pVal, pSpec); break;
  }
  if (zOut != zBuf) sqlite3_free(zOut);
  return rc;
}

void rcMoneyParseFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcMoneySpec spec;
  RcMoney m;
  RcMoneyLocale *pLoc;
  int bNew, e, rc = rcMoneySpecArg(ctx, "money_parse", argc, argv, &spec);

  if (rc == RC_SPEC_FAILED) return;
  if (rc == RC_SPEC_OK && (spec.flags & RC_MONEY_OPT_MINOR)) {
    rcUsage(ctx,
            "money_parse: the option minor does not apply: the text is an "
            "amount as people write it; for minor units write "
            "money_minor(money_parse(x, '%s'), '%s')",
            spec.pCur->zCode, spec.pCur->zCode);
    return;
  }
  pLoc = rcMoneyLocaleArg(ctx, "money_parse", argc, argv, &bNew);
  if (pLoc == 0) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    /* NULL passes, whatever its currency */
  } else if (rc == RC_SPEC_ROW) {
    rcMoneyRowCurrencyFail(ctx, argv[0], argv[1], 0);
  } else {
    e = sqlite3_value_type(argv[0]) == SQLITE_TEXT
            ? rcMoneyParseText(ctx, pLoc, argv[0], &spec, &m)
            : (int)rcMoneyRead(argv[0], sqlite3_value_type(argv[0]), &spec, &m);
    if (e > 0) {
      rcMoneyFail(ctx, (RcMoneyStatus)e, argv[0], &m, &spec, 0);
    } else if (e == RC_MONEY_OK) {
      rcMoneyResultText(ctx, m.iMinor, &m, &spec);
    }
  }
  rcMoneyLocaleKeep(ctx, pLoc, bNew);
}
