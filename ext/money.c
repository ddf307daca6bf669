/*
** money.c - the money parser: text, INTEGER and REAL values read as exact
** amounts in ISO 4217 minor units, with no SQLite in it.
**
**     "12.34"       12.34 in the argument's currency (1234 minor units)
**     "12.34 USD"   a code after the number, or before it: "USD 12.34"
**     "-0", "+5"    signs; -0 is 0
**     "1.2300"      zeros past the scale are fine: 1.23 in USD
**     12 (INTEGER)  whole units: 12.00
**     19.99 (REAL)  only the nearest double to exactly one amount
**     1234 (INTEGER, 'USD, minor')  minor units: 12.34; no TEXT, no REAL
**
** Refused: "12.", ".5", "1e3", "1,234.56", " 12", "12.345" in USD (SCALE),
** 0.1+0.2 as a REAL, anything past +-(2^63-1) minor units (OVERFLOW).
*/
#include "money.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* (money.h) */
const uint64_t aRcPow10[RC_MONEY_MAX_SCALE + 1] = {1ULL,
                                                   10ULL,
                                                   100ULL,
                                                   1000ULL,
                                                   10000ULL,
                                                   100000ULL,
                                                   1000000ULL,
                                                   10000000ULL,
                                                   100000000ULL,
                                                   1000000000ULL,
                                                   10000000000ULL,
                                                   100000000000ULL,
                                                   1000000000000ULL,
                                                   10000000000000ULL,
                                                   100000000000000ULL,
                                                   1000000000000000ULL,
                                                   10000000000000000ULL,
                                                   100000000000000000ULL,
                                                   1000000000000000000ULL};

static int rcIsDigit(char c) { return (unsigned char)(c - '0') < 10; }

static int rcIsLetter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int rcIsCode(const char *z) {
  return rcIsLetter(z[0]) && rcIsLetter(z[1]) && rcIsLetter(z[2]);
}

/* ---- the currency argument ------------------------------------------- */

/*
** Token z[0..n) as a message shows it, in zOut (nOut bytes): at most 32
** bytes of it, and a control character, a NUL or a byte past ASCII as
** \xNN, so that the message is the whole token and valid UTF-8.
*/
static void rcShowToken(const char *z, size_t n, char *zOut, size_t nOut) {
  size_t i, k = 0;
  for (i = 0; i < n && i < 32 && k + 5 < nOut; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c < 0x20 || c >= 0x7F) {
      k += (size_t)snprintf(zOut + k, nOut - k, "\\x%02x", c);
    } else {
      zOut[k++] = (char)c;
    }
  }
  zOut[k] = 0;
}

static int rcSpecToken(const char *z, size_t n, RcMoneySpec *p, char *zErr,
                       int nErr, RcMoneyStatus *pe) {
  char zShown[32 * 4 + 1];
  if (n == 3 && rcIsCode(z)) {
    if (p->pCur) {
      snprintf(zErr, (size_t)nErr, "more than one currency code");
      return 0;
    }
    p->pCur = rcCurrencyFind(z, n);
    if (p->pCur == 0) {
      *pe = RC_MONEY_UNKNOWN;
      snprintf(zErr, (size_t)nErr,
               "unknown currency '%.3s': use an ISO 4217 code such as 'USD'",
               z);
      return 0;
    }
  } else if (n == 6 && memcmp(z, "strict", 6) == 0) {
    p->flags |= RC_MONEY_OPT_STRICT;
  } else if (n == 9 && memcmp(z, "withdrawn", 9) == 0) {
    p->flags |= RC_MONEY_OPT_WITHDRAWN;
  } else if (n == 5 && memcmp(z, "minor", 5) == 0) {
    p->flags |= RC_MONEY_OPT_MINOR;
  } else if (n >= 7 && n <= 8 && memcmp(z, "scale=", 6) == 0 &&
             rcIsDigit(z[6]) && (n == 7 || rcIsDigit(z[7]))) {
    p->nScale = n == 7 ? z[6] - '0' : (z[6] - '0') * 10 + (z[7] - '0');
    if (p->nScale > RC_MONEY_MAX_SCALE) {
      snprintf(zErr, (size_t)nErr, "scale=%d is more than %d", p->nScale,
               RC_MONEY_MAX_SCALE);
      return 0;
    }
  } else {
    rcShowToken(z, n, zShown, sizeof(zShown));
    snprintf(zErr, (size_t)nErr,
             "unknown option '%s': write a currency code and the options "
             "strict, withdrawn, minor or scale=N, as in 'USD, strict'",
             zShown);
    return 0;
  }
  return 1;
}

/* The currency, once all tokens are read, must be usable as it stands. */
static int rcSpecCurrencyUsable(const RcMoneySpec *p, char *zErr, int nErr,
                                RcMoneyStatus *pe) {
  const RcCurrency *pCur = p->pCur;
  if (pCur == 0) return 1;
  if (pCur->bWithdrawn && !(p->flags & RC_MONEY_OPT_WITHDRAWN)) {
    *pe = RC_MONEY_WITHDRAWN;
    snprintf(zErr, (size_t)nErr,
             "currency '%s' was withdrawn from ISO 4217: add the option "
             "withdrawn (and scale=N) to accept it",
             pCur->zCode);
    return 0;
  }
  if (pCur->nScale < 0 && p->nScale < 0) {
    *pe = RC_MONEY_NO_MINOR;
    snprintf(zErr, (size_t)nErr,
             "currency '%s' has no minor unit in ISO 4217: give one, as in "
             "'%s, scale=2'",
             pCur->zCode, pCur->zCode);
    return 0;
  }
  if (pCur->nScale >= 0 && p->nScale >= 0 && p->nScale != pCur->nScale) {
    snprintf(zErr, (size_t)nErr,
             "currency '%s' has %d minor units in ISO 4217, not scale=%d",
             pCur->zCode, pCur->nScale, p->nScale);
    return 0;
  }
  return 1;
}

/* rcMoneySpecParse, and why it refused the text (*pe). */
static int rcSpecParse(const char *z, size_t n, RcMoneySpec *p, char *zErr,
                       int nErr, RcMoneyStatus *pe) {
  size_t i = 0;
  int nToken = 0;
  p->pCur = 0;
  p->flags = 0;
  p->nScale = -1;
  *pe = RC_MONEY_SYNTAX;
  while (i < n) {
    size_t j;
    if (z[i] == ',' || z[i] == ' ') {
      i++;
      continue;
    }
    for (j = i; j < n && z[j] != ',' && z[j] != ' '; j++) {
    }
    if (!rcSpecToken(z + i, j - i, p, zErr, nErr, pe)) return 0;
    nToken++;
    i = j;
  }
  if (nToken == 0) {
    snprintf(zErr, (size_t)nErr,
             "no currency: write an ISO 4217 code such as 'USD', or NULL to "
             "take the currency from each value");
    return 0;
  }
  if ((p->flags & RC_MONEY_OPT_MINOR) && p->pCur == 0) {
    /* a count of minor units names no currency, and has no scale without
    ** one */
    *pe = RC_MONEY_MINOR_ALONE;
    snprintf(zErr, (size_t)nErr, "%s", zRcMoneyMinorAlone);
    return 0;
  }
  if (!rcSpecCurrencyUsable(p, zErr, nErr, pe)) return 0;
  *pe = RC_MONEY_OK;
  return 1;
}

const char zRcMoneyMinorAlone[] =
    "the option minor needs a currency code, as in 'USD, minor'";

int rcMoneySpecParse(const char *z, size_t n, RcMoneySpec *p, char *zErr,
                     int nErr) {
  RcMoneyStatus e;
  return rcSpecParse(z, n, p, zErr, nErr, &e);
}

RcMoneyStatus rcMoneySpecStatus(const char *z, size_t n) {
  RcMoneySpec spec;
  RcMoneyStatus e;
  char zErr[200];
  rcSpecParse(z, n, &spec, zErr, (int)sizeof(zErr), &e);
  return e;
}

/* ---- values ----------------------------------------------------------- */

/* Sets p's currency and scale from the value's code (or 0) and the spec. */
static RcMoneyStatus rcMoneyCurrency(const RcCurrency *pData,
                                     const RcMoneySpec *pSpec, RcMoney *p) {
  const RcCurrency *pCur = pData ? pData : pSpec->pCur;
  if (pCur == 0) return RC_MONEY_NO_CURRENCY;
  p->pCur = pCur;
  if (pData && pSpec->pCur && pData != pSpec->pCur) return RC_MONEY_MISMATCH;
  if (pCur->bWithdrawn && !(pSpec->flags & RC_MONEY_OPT_WITHDRAWN)) {
    return RC_MONEY_WITHDRAWN;
  }
  p->nScale = pCur->nScale >= 0 ? pCur->nScale : pSpec->nScale;
  if (p->nScale < 0) return RC_MONEY_NO_MINOR;
  return RC_MONEY_OK;
}

static void rcMoneyInit(RcMoney *p) {
  p->iMinor = 0;
  p->pCur = 0;
  p->nScale = -1;
  p->nFrac = 0;
  p->zCode[0] = 0;
}

/*
** v * 10 + d into *pv, or 0 when that passes RC_MONEY_MAX
** (9223372036854775807).
*/
static int rcMoneyAccumulate(uint64_t *pv, unsigned d) {
  if (*pv >= 922337203685477580ULL && (*pv > 922337203685477580ULL || d > 7)) {
    return 0;
  }
  *pv = *pv * 10 + d;
  return 1;
}

/*
** Reads [+-]digits[.digits] from z[0..n) in one pass: on OK, the number
** times 10^nScale in p->iMinor.  A malformed text is SYNTAX whatever else
** is wrong with it; then SCALE, then OVERFLOW.  With nScale < 0 only the
** syntax is judged.
*/
static RcMoneyStatus rcMoneyNumber(const char *z, size_t n, int nScale,
                                   RcMoney *p) {
  size_t i = 0, iInt;
  uint64_t v = 0;
  int bNeg = 0, bOver = 0, bScale = 0, nFrac = 0;
  /* Fewer than 19 digits in all, counting the zeros the scale adds, cannot
  ** pass 2^63-1: such numbers (nearly all) skip the overflow tests. */
  int bChecked = n + (size_t)(nScale > 0 ? nScale : 0) > 18;

  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  iInt = i;
  for (; i < n && rcIsDigit(z[i]); i++) {
    unsigned d = (unsigned)(z[i] - '0');
    if (nScale < 0 || bOver) continue;
    if (!bChecked) {
      v = v * 10 + d;
    } else {
      bOver = !rcMoneyAccumulate(&v, d);
    }
  }
  if (i == iInt) return RC_MONEY_SYNTAX;
  if (i < n && z[i] == '.') {
    size_t iFrac = ++i;
    for (; i < n && rcIsDigit(z[i]); i++, nFrac++) {
      unsigned d = (unsigned)(z[i] - '0');
      if (nFrac >= nScale) {
        bScale |= d != 0;
      } else if (!bChecked) {
        v = v * 10 + d;
      } else if (!bOver) {
        bOver = !rcMoneyAccumulate(&v, d);
      }
    }
    if (i == iFrac) return RC_MONEY_SYNTAX;
  }
  if (i != n) return RC_MONEY_SYNTAX;
  p->nFrac = nFrac;
  if (nScale < 0) return RC_MONEY_OK;
  if (bScale) return RC_MONEY_SCALE;
  if (!bChecked) {
    if (nFrac < nScale) v *= aRcPow10[nScale - nFrac];
  } else {
    for (; nFrac < nScale && !bOver; nFrac++)
      bOver = !rcMoneyAccumulate(&v, 0);
  }
  if (bOver) return RC_MONEY_OVERFLOW;
  p->iMinor = bNeg ? -(int64_t)v : (int64_t)v;
  return RC_MONEY_OK;
}

/*
** A TEXT or REAL under the option minor, refused whatever it holds: a
** column of minor units that receives '12.34' or 12.0 was written by code
** that thinks in whole units, and no reading of it is safe.  p gets the
** spec's currency, which the message names.
*/
static RcMoneyStatus rcMoneyNotMinor(const RcMoneySpec *pSpec, RcMoney *p) {
  rcMoneyInit(p);
  (void)rcMoneyCurrency(0, pSpec, p); /* usable: rcSpecParse judged it */
  return RC_MONEY_NOT_MINOR;
}

RcMoneyStatus rcMoneyFromText(const char *z, size_t n, const RcMoneySpec *pSpec,
                              RcMoney *p) {
  int nScale = rcMoneySpecFastScale(pSpec), r;
  if (nScale >= 0 && (r = rcMoneyFastText(z, n, nScale, &p->iMinor)) != 0) {
    p->pCur = pSpec->pCur;
    p->nScale = nScale;
    p->nFrac = r - 1;
    p->zCode[0] = 0;
    return RC_MONEY_OK;
  }
  return rcMoneyFromTextFull(z, n, pSpec, p);
}

RcMoneyStatus rcMoneyFromTextFull(const char *z, size_t n,
                                  const RcMoneySpec *pSpec, RcMoney *p) {
  const char *zCode = 0;
  const RcCurrency *pData = 0;
  RcMoneyStatus e = RC_MONEY_OK;

  if (pSpec->flags & RC_MONEY_OPT_MINOR) return rcMoneyNotMinor(pSpec, p);
  rcMoneyInit(p);
  if (n >= 5 && z[3] == ' ' && rcIsCode(z)) {
    zCode = z; /* "USD 12.34" */
    z += 4;
    n -= 4;
  } else if (n >= 5 && z[n - 4] == ' ' && rcIsCode(z + n - 3)) {
    zCode = z + n - 3; /* "12.34 USD" */
    n -= 4;
  }
  if (zCode) {
    memcpy(p->zCode, zCode, 3);
    p->zCode[3] = 0;
    pData = rcCurrencyFind(zCode, 3);
    if (pData == 0) e = RC_MONEY_UNKNOWN;
  }
  if (e == RC_MONEY_OK) e = rcMoneyCurrency(pData, pSpec, p);
  if (e != RC_MONEY_OK) {
    /* a malformed number says more than its currency */
    return rcMoneyNumber(z, n, -1, p) == RC_MONEY_SYNTAX ? RC_MONEY_SYNTAX : e;
  }
  return rcMoneyNumber(z, n, p->nScale, p);
}

RcMoneyStatus rcMoneyFromInt(int64_t v, const RcMoneySpec *pSpec, RcMoney *p) {
  RcMoneyStatus e;
  uint64_t m, p10;
  rcMoneyInit(p);
  e = rcMoneyCurrency(0, pSpec, p);
  if (e != RC_MONEY_OK) return e;
  if (v == INT64_MIN) return RC_MONEY_OVERFLOW;
  if (pSpec->flags & RC_MONEY_OPT_MINOR) {
    p->iMinor = v;
    return RC_MONEY_OK;
  }
  m = v < 0 ? (uint64_t)-v : (uint64_t)v;
  p10 = aRcPow10[p->nScale];
  if (m > (uint64_t)RC_MONEY_MAX / p10) return RC_MONEY_OVERFLOW;
  p->iMinor = v * (int64_t)p10;
  return RC_MONEY_OK;
}

/* 2^53: below it every integer is a double, and a REAL amount must be. */
#define RC_MONEY_REAL_LIMIT 9007199254740992.0

RcMoneyStatus rcMoneyFromReal(double r, const RcMoneySpec *pSpec, RcMoney *p) {
  RcMoneyStatus e;
  double p10, x;
  int64_t m0, k;
  int nMatch = 0;

  if (pSpec->flags & RC_MONEY_OPT_MINOR) return rcMoneyNotMinor(pSpec, p);
  rcMoneyInit(p);
  e = rcMoneyCurrency(0, pSpec, p);
  if (e != RC_MONEY_OK) return e;
  if (pSpec->flags & RC_MONEY_OPT_STRICT) return RC_MONEY_REAL_STRICT;
  if (isnan(r)) return RC_MONEY_REAL_INEXACT;
  p10 = (double)aRcPow10[p->nScale];
  x = r * p10;
  if (fabs(x) >= 9223372036854775808.0) return RC_MONEY_OVERFLOW;
  if (fabs(x) >= RC_MONEY_REAL_LIMIT + 4) return RC_MONEY_REAL_BIG;
  m0 = (int64_t)llround(x);
  /*
  ** k / 10^s is the nearest double to the decimal k/10^s (both operands
  ** are exact doubles and division rounds correctly), so r is an amount
  ** exactly when it equals that quotient for one k.  r * 10^s is within
  ** an ulp or two of every such k.
  */
  for (k = m0 - 3; k <= m0 + 3; k++) {
    if ((double)k / p10 == r) {
      if (k <= -(int64_t)RC_MONEY_REAL_LIMIT ||
          k >= (int64_t)RC_MONEY_REAL_LIMIT) {
        return RC_MONEY_REAL_BIG;
      }
      p->iMinor = k;
      nMatch++;
    }
  }
  return nMatch == 1 ? RC_MONEY_OK : RC_MONEY_REAL_INEXACT;
}

RcMoneyStatus rcMoneyFromMinorText(const char *z, size_t n,
                                   const RcMoneySpec *pSpec, RcMoney *p) {
  size_t i = n > 0 && (z[0] == '+' || z[0] == '-');
  RcMoneyStatus e;
  rcMoneyInit(p);
  e = rcMoneyCurrency(0, pSpec, p);
  if (e != RC_MONEY_OK) return e;
  if (i == n) return RC_MONEY_SYNTAX;
  for (; i < n; i++) {
    if (!rcIsDigit(z[i])) return RC_MONEY_SYNTAX;
  }
  /* digits at scale 0 are the count itself, with rcMoneyNumber's range */
  return rcMoneyNumber(z, n, 0, p);
}

int rcMoneyCanon(int64_t iMinor, int nScale, const char *zCode,
                 char zOut[RC_MONEY_CANON_SIZE]) {
  char zDigit[24];
  int nDigit = 0, n = 0, i;
  uint64_t m = iMinor < 0 ? 0 - (uint64_t)iMinor : (uint64_t)iMinor;

  do {
    zDigit[nDigit++] = (char)('0' + m % 10);
    m /= 10;
  } while (m > 0);
  while (nDigit <= nScale) /* at least one digit before the point */
    zDigit[nDigit++] = '0';
  if (iMinor < 0) zOut[n++] = '-';
  for (i = nDigit - 1; i >= 0; i--) {
    if (i == nScale - 1) zOut[n++] = '.';
    zOut[n++] = zDigit[i];
  }
  if (zCode) {
    zOut[n++] = ' ';
    memcpy(zOut + n, zCode, 3);
    n += 3;
  }
  zOut[n] = 0;
  return n;
}
