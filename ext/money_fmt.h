/*
** money_fmt.h - amounts as people write them in a locale, with no SQLite
** in it: ICU formats an exact amount, and a strict hand-written reader
** takes such text back to money.c's syntax.
*/
#ifndef RICHCHECK_MONEY_FMT_H
#define RICHCHECK_MONEY_FMT_H

#include <stddef.h>

#include <unicode/uloc.h>
#include <unicode/unum.h>

#include "money.h"

/* A locale symbol as UTF-8, folded as the reader compares it. */
#define RC_MONEY_SYM_SIZE 48

/*
** One locale's currency formatter and the symbols the reader needs, all
** taken from ICU.  Symbols are folded: the direction marks ICU writes
** (U+200E, U+200F, U+061C) are dropped and the no-break spaces (U+00A0,
** U+202F) are plain spaces.
*/
typedef struct RcMoneyLocale RcMoneyLocale;
struct RcMoneyLocale {
  char zLocale[ULOC_FULLNAME_CAPACITY]; /* ICU's canonical id: "de_DE" */
  UNumberFormat *pFmt;                  /* UNUM_CURRENCY in that locale */
  const RcCurrency *pCur;               /* the currency pFmt is set to, or 0 */
  int nScale;                       /* ... with exactly this many decimals */
  char zDecimal[RC_MONEY_SYM_SIZE]; /* monetary decimal separator */
  char zGroup[RC_MONEY_SYM_SIZE];   /* monetary grouping separator */
  char zMinus[RC_MONEY_SYM_SIZE];
  char zPlus[RC_MONEY_SYM_SIZE];
  char zSymbol[RC_MONEY_SYM_SIZE]; /* pCur's symbol in the locale */
  unsigned aDigit[10];             /* the locale's digits, code points */
  int nGroup1; /* digits in the group next to the decimals; 0: no groups */
  int nGroup2; /* digits in each group further left (2 in en_IN) */
};

/* What rcMoneyLocaleOpen says. */
typedef enum RcMoneyLocaleStatus {
  RC_MONEY_LOCALE_OK = 0,
  RC_MONEY_LOCALE_UNKNOWN, /* ICU has no data for it; the reason in zErr */
  RC_MONEY_LOCALE_ICU,     /* ICU failed; its error name in zErr */
  RC_MONEY_LOCALE_NOMEM
} RcMoneyLocaleStatus;

/*
** Opens a formatter for the locale z[0..n) ("de_DE", "de-DE",
** "ar_EG@numbers=latn").  A locale that ICU would serve from another one's
** data (a parent, the root, the process default) is refused.
*/
RcMoneyLocaleStatus rcMoneyLocaleOpen(const char *z, size_t n,
                                      RcMoneyLocale **pp, char *zErr, int nErr);

void rcMoneyLocaleClose(RcMoneyLocale *p);

/* Longest text rcMoneyFormat writes, with its terminator. */
#define RC_MONEY_FMT_SIZE 512

/*
** Formats zDecimal (rcMoneyCanon's text, without a code) in pCur with
** exactly nScale decimals, as UTF-8.  Returns the length, or -1 with ICU's
** error name in zOut.
*/
int rcMoneyFormat(RcMoneyLocale *p, const RcCurrency *pCur, int nScale,
                  const char *zDecimal, char zOut[RC_MONEY_FMT_SIZE]);

/* What rcMoneyReadText says. */
typedef enum RcMoneyTextStatus {
  RC_MONEY_TEXT_OK = 0, /* zOut is money.c's syntax: "-1234.50 [CODE]" */
  RC_MONEY_TEXT_SYNTAX, /* not an amount as the locale writes one */
  RC_MONEY_TEXT_SYMBOL, /* a symbol (of zCode) where only a code will do */
  RC_MONEY_TEXT_ICU     /* ICU failed */
} RcMoneyTextStatus;

/* Bytes zOut needs for an input of n bytes. */
#define RC_MONEY_TEXT_OUT(n) ((n) + 8)

/*
** Reads z[0..n), amount text in p's locale, strictly: the locale's digits
** or ASCII ones, grouped exactly as the locale groups them or not at all,
** its decimal separator, a sign (the locale's or ASCII), and at most one
** currency: pCur's symbol in the locale, an ISO code, or another
** currency's symbol (written to zOut as its code, so that money.c reports
** the mismatch).  With pCur 0 the text must name its currency by code.
** Writes what money.c reads to zOut (RC_MONEY_TEXT_OUT(n) bytes).
*/
RcMoneyTextStatus rcMoneyReadText(RcMoneyLocale *p, const RcCurrency *pCur,
                                  int nScale, const char *z, size_t n,
                                  char *zOut, char zCode[4]);

#endif /* RICHCHECK_MONEY_FMT_H */
