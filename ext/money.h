/*
** money.h - exact amounts in ISO 4217 minor units, with no SQLite in it.
**
** An amount is an int64 count of minor units (cents for USD) in a currency
** whose scale is its ISO 4217 minor unit.  Text, INTEGER and REAL values
** are read strictly: nothing is ever rounded, and no floating point is used
** except to judge whether a REAL is exactly an amount.  Under the option
** minor a value is that count itself, and only an INTEGER is one.
*/
#ifndef RICHCHECK_MONEY_H
#define RICHCHECK_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "currency.h"

/* The range: +-(2^63-1) minor units, symmetric so that negation is safe. */
#define RC_MONEY_MAX INT64_MAX

/* Options of a currency argument ('USD, strict'). */
#define RC_MONEY_OPT_STRICT 0x01    /* refuse REAL values outright */
#define RC_MONEY_OPT_WITHDRAWN 0x02 /* accept codes withdrawn from ISO 4217 */
#define RC_MONEY_OPT_MINOR 0x04     /* values are INTEGER minor units */

/*
** The parsed currency argument: 'USD', 'USD, strict', 'DEM, withdrawn,
** scale=2', 'USD, minor', 'strict' (no code: each value names its own
** currency; minor needs a code, since a count names none).
*/
typedef struct RcMoneySpec RcMoneySpec;
struct RcMoneySpec {
  const RcCurrency *pCur; /* the currency, or 0: taken from each value */
  unsigned flags;         /* RC_MONEY_OPT_* */
  int nScale;             /* scale=N for codes with no ISO minor unit, or -1 */
};

/* Why a value is not an amount; RC_MONEY_OK (0) when it is one. */
typedef enum RcMoneyStatus {
  RC_MONEY_OK = 0,
  RC_MONEY_SYNTAX,       /* text not of the form [+-]digits[.digits] [CODE] */
  RC_MONEY_BLOB,         /* a BLOB */
  RC_MONEY_REAL_STRICT,  /* a REAL under the option strict */
  RC_MONEY_REAL_INEXACT, /* a REAL that is not exactly one amount */
  RC_MONEY_REAL_BIG,     /* a REAL at or past 2^53 minor units */
  RC_MONEY_NOT_MINOR,    /* a TEXT or REAL under the option minor */
  RC_MONEY_NO_CURRENCY,  /* neither the value nor the argument names one */
  RC_MONEY_MINOR_ALONE,  /* a currency argument of the option minor, no code */
  RC_MONEY_UNKNOWN,      /* the code in the value is not in ISO 4217 */
  RC_MONEY_WITHDRAWN,    /* ... was withdrawn, and that is not allowed */
  RC_MONEY_NO_MINOR,     /* ... has no minor unit (XAU) and no scale=N */
  RC_MONEY_MISMATCH,     /* ... differs from the argument's */
  RC_MONEY_SCALE,        /* more non-zero fraction digits than the scale */
  RC_MONEY_OVERFLOW      /* beyond +-(2^63-1) minor units */
} RcMoneyStatus;

typedef struct RcMoney RcMoney;
struct RcMoney {
  int64_t iMinor;         /* the amount, when OK */
  const RcCurrency *pCur; /* its currency, once known */
  int nScale;             /* the scale used, once known */
  int nFrac;              /* fraction digits written (for SCALE) */
  char zCode[4];          /* the code written in the value, if any */
};

/* Longest text rcMoneyCanon writes, with its terminator. */
#define RC_MONEY_CANON_SIZE 48

/*
** Parses a currency argument z[0..n) (z[n] need not be 0): tokens split
** by commas or spaces, at most one three-letter code, and the options
** strict, withdrawn, minor and scale=N.  Returns 1, or 0 with a message
** in zErr (nErr bytes).
*/
int rcMoneySpecParse(const char *z, size_t n, RcMoneySpec *p, char *zErr,
                     int nErr);

/*
** Why rcMoneySpecParse refuses z[0..n), for a currency that came from the
** data: RC_MONEY_UNKNOWN (no such ISO 4217 code), RC_MONEY_WITHDRAWN,
** RC_MONEY_NO_MINOR, RC_MONEY_MINOR_ALONE (the option minor without a
** code), RC_MONEY_SYNTAX (not a currency argument at all); or
** RC_MONEY_OK when it does not refuse it.
*/
RcMoneyStatus rcMoneySpecStatus(const char *z, size_t n);
/* Why RC_MONEY_MINOR_ALONE: "the option minor needs a currency code, ..." */
extern const char zRcMoneyMinorAlone[];

/*
** Reads text z[0..n) as an amount under pSpec; z[n] must be 0 (as
** sqlite3_value_text gives).  Returns p's status: RC_MONEY_NOT_MINOR for
** every text under the option minor.
*/
RcMoneyStatus rcMoneyFromText(const char *z, size_t n, const RcMoneySpec *pSpec,
                              RcMoney *p);

/*
** rcMoneyFromText without its fast path (rcMoneyFastText): every text read
** by the parser of the whole syntax.  The reference that the fast path is
** proven against (test/money_fast.c, test/fuzz/fuzz_money.c).
*/
RcMoneyStatus rcMoneyFromTextFull(const char *z, size_t n,
                                  const RcMoneySpec *pSpec, RcMoney *p);

/* 10^0 .. 10^18: every power whose count of minor units fits an int64. */
#define RC_MONEY_MAX_SCALE 18
extern const uint64_t aRcPow10[RC_MONEY_MAX_SCALE + 1];

/*
** The everyday amount, "-1234.5" under a currency of scale nScale (0..18):
** an optional '-', digits, at most nScale fraction digits, fewer than 19
** digits counting the zeros the scale adds.  Returns 1 + the number of
** fraction digits, with the amount in minor units in *piMinor; or 0, and
** then rcMoneyFromText must judge the text.  For every text it takes, it
** gives what rcMoneyFromTextFull gives under a spec whose
** rcMoneySpecFastScale is nScale (test/money_fast.c proves it).  z[n] must
** be 0, as sqlite3_value_text gives: no digit loop runs past it.  Inline:
** money_sum and the money rule call it once a row.
*/
static inline int rcMoneyFastText(const char *z, size_t n, int nScale,
                                  int64_t *piMinor) {
  const unsigned char *s = (const unsigned char *)z, *sEnd = s + n, *sFrac;
  uint64_t v;
  unsigned d;
  int bNeg, nFrac = 0;

  /* n + nScale <= 18: fewer than 19 digits with the scale's zeros, so the
  ** digits cannot pass 2^63-1 and nothing needs an overflow test. */
  if (n + (size_t)nScale > 18) return 0;
  bNeg = *s == '-';
  s += bNeg;
  /* Every loop stops at z[n], a 0: none runs past the text. */
  v = (unsigned)*s - '0';
  if (v >= 10) return 0;
  while ((d = (unsigned)*++s - '0') < 10)
    v = v * 10 + d;
  if (*s == '.') {
    sFrac = ++s;
    while ((d = (unsigned)*s - '0') < 10) {
      v = v * 10 + d;
      s++;
    }
    nFrac = (int)(s - sFrac);
    if (nFrac == 0 || nFrac > nScale) return 0;
  }
  if (s != sEnd) return 0;
  v *= aRcPow10[nScale - nFrac];
  *piMinor = bNeg ? -(int64_t)v : (int64_t)v;
  return 1 + nFrac;
}

/*
** The scale at which rcMoneyFastText reads the texts of spec p for
** rcMoneyFromText, or -1 when it may not: no currency in the spec (each
** value may name its own), the option minor (a text is refused), or a
** currency with no ISO minor unit.
*/
static inline int rcMoneySpecFastScale(const RcMoneySpec *p) {
  return p->pCur && !(p->flags & RC_MONEY_OPT_MINOR) && p->pCur->nScale >= 0
             ? p->pCur->nScale
             : -1;
}

/* An INTEGER is a count of whole units; under the option minor, of minor
** units. */
RcMoneyStatus rcMoneyFromInt(int64_t v, const RcMoneySpec *pSpec, RcMoney *p);

/*
** A REAL is accepted only when it is the nearest double to exactly one
** amount of the currency's scale, below 2^53 minor units; never under the
** option minor (RC_MONEY_NOT_MINOR): a count of minor units is an INTEGER,
** and a REAL there, even 1234.0, came from floating-point arithmetic.
*/
RcMoneyStatus rcMoneyFromReal(double r, const RcMoneySpec *pSpec, RcMoney *p);

/*
** Reads text z[0..n), [+-]digits, as a count of minor units under pSpec,
** which has a currency: how a rule spec writes its bounds under the option
** minor.  RC_MONEY_SYNTAX for anything else ("1000.00"), RC_MONEY_OVERFLOW
** past +-(2^63-1).
*/
RcMoneyStatus rcMoneyFromMinorText(const char *z, size_t n,
                                   const RcMoneySpec *pSpec, RcMoney *p);

/*
** Writes iMinor at nScale as canonical text: '-' only when negative, no
** leading zeros, exactly nScale fraction digits ("-12.30", "0.00", "1500").
** zCode, when not 0, follows after a space.  Returns the length.
*/
int rcMoneyCanon(int64_t iMinor, int nScale, const char *zCode,
                 char zOut[RC_MONEY_CANON_SIZE]);

#endif /* RICHCHECK_MONEY_H */
