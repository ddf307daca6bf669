/*
** number.c - exact decimals and the number check's spec (number.h says
** what a value is; this file reads, orders and writes them).
**
**     RcDecimal d;  rcDecParse("1.2300e2", 8, &d);   -> 0.123 x 10^3
**     rcDecCompare(&d, &bound);                      -> -1, 0, 1
**     rcNumberSpecParse("0", 1, "100", 3, "scale=2", 7, &spec, zErr, n);
**     rcNumberJudge(&d, &spec)                       -> RC_NUMBER_OK
**
** No floating point decides an order here except where it is exact: a
** double against a bound that is the shortest text of a double (the fast
** path of number_sql.c, RcNumberSpec.bRealFast), and the correctly rounded
** product M * 10^k of Clinger's fast path that computes that double.
*/
#include "number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rcIsDigit(char c) { return (unsigned)(c - '0') < 10; }

/* ---- reading ------------------------------------------------------------ */

/* The exponent of a value, saturated where number.h says. */
static int64_t rcExpClamp(int64_t e) {
  if (e > RC_DEC_EXP_SAT) return RC_DEC_EXP_SAT;
  if (e < -RC_DEC_EXP_SAT) return -RC_DEC_EXP_SAT;
  return e;
}

static void rcDecZero(RcDecimal *p) {
  p->eKind = RC_DEC_FINITE;
  p->bNeg = 0;
  p->zA = p->zB = "";
  p->nA = p->nB = 0;
  p->iExp = 0;
}

int rcDecParse(const char *z, size_t n, RcDecimal *p) {
  size_t i = 0, i0, i1, f0, f1, k;
  int64_t iWritten = 0;
  int bNeg = 0, bExpNeg = 0;

  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  for (i0 = i; i < n && rcIsDigit(z[i]); i++) {
  }
  i1 = f0 = f1 = i;
  if (i < n && z[i] == '.') {
    for (f0 = ++i; i < n && rcIsDigit(z[i]); i++) {
    }
    f1 = i;
  }
  if (i1 == i0 && f1 == f0) return 0; /* no digit: "", ".", "-", "e5" */
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) bExpNeg = z[i++] == '-';
    if (i == n || !rcIsDigit(z[i])) return 0;
    for (; i < n && rcIsDigit(z[i]); i++) {
      if (iWritten < 2 * RC_DEC_EXP_SAT)
        iWritten = iWritten * 10 + (z[i] - '0');
    }
  }
  if (i != n) return 0;

  /* The significant digits: no leading zeros, no trailing zeros. */
  p->eKind = RC_DEC_FINITE;
  while (i0 < i1 && z[i0] == '0')
    i0++;
  while (f1 > f0 && z[f1 - 1] == '0')
    f1--;
  if (i0 < i1) {
    p->iExp = rcExpClamp((int64_t)(i1 - i0 > (size_t)RC_DEC_EXP_SAT
                                       ? (size_t)RC_DEC_EXP_SAT
                                       : i1 - i0));
    if (f1 == f0) {
      while (z[i1 - 1] == '0') /* z[i0] is not '0': stops there */
        i1--;
    }
    p->zA = z + i0;
    p->nA = i1 - i0;
    p->zB = z + f0;
    p->nB = f1 - f0;
  } else {
    for (k = f0; k < f1 && z[k] == '0'; k++) {
    }
    p->iExp =
        -(int64_t)(k - f0 > (size_t)RC_DEC_EXP_SAT ? (size_t)RC_DEC_EXP_SAT
                                                   : k - f0);
    p->zA = z + k;
    p->nA = f1 - k;
    p->zB = "";
    p->nB = 0;
  }
  if (p->nA == 0) {
    rcDecZero(p); /* "-0.000e7" is 0 */
    return 1;
  }
  p->bNeg = bNeg;
  p->iExp = rcExpClamp(p->iExp + (bExpNeg ? -iWritten : iWritten));
  return 1;
}

void rcDecFromInt(int64_t v, char *zBuf, RcDecimal *p) {
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  size_t i = RC_DEC_BUF, iEnd = RC_DEC_BUF;
  if (u == 0) {
    rcDecZero(p);
    return;
  }
  do { /* the digits end zBuf */
    zBuf[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  while (zBuf[iEnd - 1] == '0')
    iEnd--;
  p->eKind = RC_DEC_FINITE;
  p->bNeg = v < 0;
  p->zA = &zBuf[i];
  p->nA = iEnd - i;
  p->zB = "";
  p->nB = 0;
  p->iExp = (int64_t)(RC_DEC_BUF - i);
}

/*
** p from the significand digits and the decimal exponent of printf's "%e"
** text zE (d.ddde+XX, in whatever decimal point the locale has: everything
** but digits is skipped until the 'e'), its digits copied to zBuf.
*/
static void rcDecFromE(const char *zE, char *zBuf, RcDecimal *p) {
  size_t n = 0;
  long e;
  int bNeg = *zE == '-';
  for (; *zE && *zE != 'e'; zE++) {
    if (rcIsDigit(*zE) && n < RC_DEC_BUF) zBuf[n++] = *zE;
  }
  e = *zE ? strtol(zE + 1, 0, 10) : 0;
  while (n > 0 && zBuf[n - 1] == '0')
    n--;
  p->eKind = RC_DEC_FINITE;
  p->bNeg = bNeg;
  p->zA = zBuf;
  p->nA = n;
  p->zB = "";
  p->nB = 0;
  p->iExp = (int64_t)e + 1;
}

/*
** Tries the 16-digit neighbours of "%.15e" text zE, one unit below and
** above in the last digit: near a power of two the correctly rounded 16
** digits can miss r (its rounding interval is narrower below), while a
** neighbour reads back as r.  1 when one does (zE then holds it).
*/
static int rcDecNeighbour(double r, char *zE, size_t nE) {
  char zDigits[RC_DEC_BUF], zM[24];
  RcDecimal d;
  unsigned long long m = 0, aM[2];
  size_t i;
  int k;
  rcDecFromE(zE, zDigits, &d);
  for (i = 0; i < 16; i++)
    m = m * 10 + (unsigned long long)(i < d.nA ? d.zA[i] - '0' : 0);
  aM[0] = m - 1;
  aM[1] = m + 1;
  for (k = 0; k < 2; k++) {
    snprintf(zE, nE, "%s%llue%lld", d.bNeg ? "-" : "", aM[k],
             (long long)(d.iExp - 16));
    if (strtod(zE, 0) == r) {
      /* back to %e form for rcDecFromE: the digits, then the exponent of
      ** the first (m - 1 may have 15 digits, m + 1 17) */
      int nM = snprintf(zM, sizeof(zM), "%llu", aM[k]);
      snprintf(zE, nE, "%s%se%lld", d.bNeg ? "-" : "", zM,
               (long long)(d.iExp - 16 + nM - 1));
      return 1;
    }
  }
  return 0;
}

int rcDecFromDouble(double r, char *zBuf, RcDecimal *p) {
  char zE[64];
  int nDigit;
  if (isnan(r)) return 0;
  if (isinf(r)) {
    rcDecZero(p);
    p->eKind = r > 0 ? RC_DEC_POS_INF : RC_DEC_NEG_INF;
    return 1;
  }
  if (r > -9007199254740992.0 && r < 9007199254740992.0 && r == (int64_t)r) {
    rcDecFromInt((int64_t)r, zBuf, p); /* below 2^53 the integer is shortest */
    return 1;
  }
  /* In the normal range 15 digits read back as r whenever any shorter
  ** text does (DBL_DIG), and printf's are correctly rounded, so the first
  ** that reads back is the shortest (trailing zeros dropped); 17 always
  ** do.  A subnormal has fewer digits of its own: every count is tried. */
  nDigit = fabs(r) < 2.2250738585072014e-308 ? 1 : 15;
  for (; nDigit <= 17; nDigit++) {
    snprintf(zE, sizeof(zE), "%.*e", nDigit - 1, r);
    if (strtod(zE, 0) == r) break;
    if (nDigit == 16 && rcDecNeighbour(r, zE, sizeof(zE))) break;
  }
  rcDecFromE(zE, zBuf, p);
  return 1;
}

/* ---- ordering ----------------------------------------------------------- */

/* -2, -1, 0, 1, 2: -Inf, negative, zero, positive, +Inf. */
static int rcDecClass(const RcDecimal *p) {
  if (p->eKind == RC_DEC_POS_INF) return 2;
  if (p->eKind == RC_DEC_NEG_INF) return -2;
  if (p->nA + p->nB == 0) return 0;
  return p->bNeg ? -1 : 1;
}

/* The order of the significant digits of a and b (same exponent). */
static int rcDigitsCompare(const RcDecimal *a, const RcDecimal *b) {
  const char *pa = a->zA, *pb = b->zA;
  size_t na = a->nA, nb = b->nA, m;
  int ia = 0, ib = 0, c;
  for (;;) {
    if (na == 0 && ia == 0) {
      pa = a->zB;
      na = a->nB;
      ia = 1;
    }
    if (nb == 0 && ib == 0) {
      pb = b->zB;
      nb = b->nB;
      ib = 1;
    }
    if (na == 0 || nb == 0) break;
    m = na < nb ? na : nb;
    c = memcmp(pa, pb, m);
    if (c) return c < 0 ? -1 : 1;
    pa += m;
    pb += m;
    na -= m;
    nb -= m;
  }
  /* one ran out: with no trailing zeros, the longer is the larger */
  return (na != 0) - (nb != 0);
}

int rcDecCompare(const RcDecimal *a, const RcDecimal *b) {
  int sa = rcDecClass(a), sb = rcDecClass(b), c;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0 || sa == 2 || sa == -2) return 0;
  if (a->iExp != b->iExp) {
    c = a->iExp < b->iExp ? -1 : 1;
  } else {
    c = rcDigitsCompare(a, b);
  }
  return sa < 0 ? -c : c;
}

int64_t rcDecFracDigits(const RcDecimal *p) {
  int64_t n = (int64_t)(p->nA + p->nB);
  if (p->eKind != RC_DEC_FINITE) return -1;
  return n > p->iExp ? n - p->iExp : 0;
}

/* Digit i of the significand of p (i < nA + nB). */
static char rcDecDigit(const RcDecimal *p, size_t i) {
  return i < p->nA ? p->zA[i] : p->zB[i - p->nA];
}

/*
** ceil(p) (bCeil) or floor(p) in *pOut: 0, or 1 / -1 when it is above
** INT64_MAX / below INT64_MIN (then *pOut is not set).
*/
static int rcDecToInt(const RcDecimal *p, int bCeil, int64_t *pOut) {
  size_t nDigit = p->nA + p->nB, i;
  uint64_t u = 0;
  int bFrac;
  if (nDigit == 0) {
    *pOut = 0;
    return 0;
  }
  if (p->iExp > 19) return p->bNeg ? -1 : 1;
  for (i = 0; (int64_t)i < p->iExp; i++) {
    u = u * 10 + (uint64_t)(i < nDigit ? rcDecDigit(p, i) - '0' : 0);
  }
  bFrac = (int64_t)nDigit > p->iExp;
  if (!p->bNeg) {
    u += (uint64_t)(bCeil && bFrac);
    if (u > (uint64_t)INT64_MAX) return 1;
    *pOut = (int64_t)u;
    return 0;
  }
  u += (uint64_t)(!bCeil && bFrac);
  if (u > (uint64_t)INT64_MAX + 1) return -1;
  *pOut = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
  return 0;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct RcOut RcOut;
struct RcOut {
  char *z;
  size_t n, nAlloc; /* bytes written (or needed), room */
};

static void rcPut(RcOut *w, char c) {
  if (w->n + 1 < w->nAlloc) w->z[w->n] = c;
  w->n++;
}

static void rcPuts(RcOut *w, const char *z) {
  while (*z)
    rcPut(w, *z++);
}

/* The digits of p, with a '.' after the first iPoint of them (none if
** iPoint is 0 or past them). */
static void rcPutDigits(RcOut *w, const RcDecimal *p, size_t iPoint) {
  size_t i, n = p->nA + p->nB;
  for (i = 0; i < n; i++) {
    if (i == iPoint && i > 0) rcPut(w, '.');
    rcPut(w, rcDecDigit(p, i));
  }
}

size_t rcDecText(const RcDecimal *p, char *zOut, size_t nOut) {
  RcOut w;
  int64_t e = p->iExp, nDigit = (int64_t)(p->nA + p->nB);
  w.z = zOut;
  w.n = 0;
  w.nAlloc = nOut;
  if (p->eKind != RC_DEC_FINITE) {
    rcPuts(&w, p->eKind == RC_DEC_POS_INF ? "Inf" : "-Inf");
  } else if (nDigit == 0) {
    rcPut(&w, '0');
  } else {
    if (p->bNeg) rcPut(&w, '-');
    if (e >= nDigit && e - nDigit <= 20) {
      rcPutDigits(&w, p, 0);
      for (; e > nDigit; e--)
        rcPut(&w, '0');
    } else if (e > 0 && e < nDigit) {
      rcPutDigits(&w, p, (size_t)e);
    } else if (e <= 0 && e >= -20) {
      rcPuts(&w, "0.");
      for (; e < 0; e++)
        rcPut(&w, '0');
      rcPutDigits(&w, p, 0);
    } else {
      char zExp[24];
      rcPutDigits(&w, p, 1);
      snprintf(zExp, sizeof(zExp), "e%lld", (long long)(e - 1));
      rcPuts(&w, zExp);
    }
  }
  if (nOut > 0) w.z[w.n < nOut ? w.n : nOut - 1] = 0;
  return w.n;
}

/* ---- the spec ----------------------------------------------------------- */

/* z[0..n) as a message shows it: at most 40 bytes, quotes and bytes that
** are not printable ASCII escaped, "..." when cut. */
static void rcShow(const char *z, size_t n, char *zOut, size_t nOut) {
  RcOut w;
  size_t i;
  w.z = zOut;
  w.n = 0;
  w.nAlloc = nOut;
  for (i = 0; i < n && i < 40; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c == '"' || c == '\\') {
      rcPut(&w, '\\');
      rcPut(&w, (char)c);
    } else if (c >= 0x20 && c < 0x7f) {
      rcPut(&w, (char)c);
    } else {
      char zHex[8];
      snprintf(zHex, sizeof(zHex), "\\x%02x", c);
      rcPuts(&w, zHex);
    }
  }
  if (i < n) rcPuts(&w, "...");
  w.z[w.n < nOut ? w.n : nOut - 1] = 0;
}

/* Reads bound zName ("min", "max") z[0..n) into its canonical text zOut:
** 0, or RC_NUMBER_FAIL_SYNTAX or _RANGE with a message in zErr. */
static int rcBoundParse(const char *zName, const char *z, size_t n, char *zOut,
                        char *zErr, int nErr) {
  RcDecimal d;
  char zShown[200];
  if (!rcDecParse(z, n, &d)) {
    rcShow(z, n, zShown, sizeof(zShown));
    snprintf(zErr, (size_t)nErr,
             "the %s \"%s\" is not a number (write digits such as 10, -2.5 or "
             "1e6; NULL for no %s)",
             zName, zShown, zName);
    return RC_NUMBER_FAIL_SYNTAX;
  }
  if (d.nA + d.nB > RC_NUMBER_BOUND_DIGITS) {
    rcShow(z, n, zShown, sizeof(zShown));
    snprintf(zErr, (size_t)nErr,
             "the %s \"%s\" has more than %d significant digits", zName, zShown,
             RC_NUMBER_BOUND_DIGITS);
    return RC_NUMBER_FAIL_RANGE;
  }
  if (d.iExp > RC_NUMBER_BOUND_EXP || d.iExp < -RC_NUMBER_BOUND_EXP) {
    rcShow(z, n, zShown, sizeof(zShown));
    snprintf(zErr, (size_t)nErr,
             "the %s \"%s\" is out of range (a bound's exponent is within "
             "+-%lld)",
             zName, zShown, (long long)RC_NUMBER_BOUND_EXP);
    return RC_NUMBER_FAIL_RANGE;
  }
  rcDecText(&d, zOut, RC_NUMBER_BOUND_MAX + 1);
  return 0;
}

/* The token z[0..n) is word zWord, in any case. */
static int rcIsWord(const char *z, size_t n, const char *zWord) {
  size_t i;
  if (n != strlen(zWord)) return 0;
  for (i = 0; i < n; i++) {
    char c = z[i] >= 'A' && z[i] <= 'Z' ? (char)(z[i] + 32) : z[i];
    if (c != zWord[i]) return 0;
  }
  return 1;
}

static int rcOptsParse(const char *z, size_t n, RcNumberSpec *p, char *zErr,
                       int nErr) {
  size_t i = 0, j;
  char zShown[200];
  while (i < n) {
    if (z[i] == ',' || z[i] == ' ') {
      i++;
      continue;
    }
    for (j = i; j < n && z[j] != ',' && z[j] != ' '; j++) {
    }
    rcShow(z + i, j - i, zShown, sizeof(zShown));
    if (rcIsWord(z + i, j - i, "integer")) {
      if (p->bInteger) {
        snprintf(zErr, (size_t)nErr, "the option integer is given twice");
        return 0;
      }
      p->bInteger = 1;
    } else if (j - i >= 6 && rcIsWord(z + i, 6, "scale=")) {
      size_t k;
      int v = 0;
      for (k = i + 6; k < j && rcIsDigit(z[k]) && v <= RC_NUMBER_SCALE_MAX;
           k++) {
        v = v * 10 + (z[k] - '0');
      }
      if (k == i + 6 || k != j || v > RC_NUMBER_SCALE_MAX) {
        snprintf(zErr, (size_t)nErr,
                 "bad option '%s': scale=n takes a whole number n from 0 to "
                 "%d",
                 zShown, RC_NUMBER_SCALE_MAX);
        return 0;
      }
      if (p->nScale >= 0) {
        snprintf(zErr, (size_t)nErr, "the option scale=n is given twice");
        return 0;
      }
      p->nScale = v;
    } else {
      snprintf(zErr, (size_t)nErr,
               "unknown option '%s': the options are 'integer' and "
               "'scale=n' (such as 'scale=2')",
               zShown);
      return 0;
    }
    i = j;
  }
  if (p->bInteger && p->nScale >= 0) {
    snprintf(zErr, (size_t)nErr,
             "the options integer and scale=%d exclude each other (integer "
             "is scale=0 with its own message): keep one",
             p->nScale);
    return 0;
  }
  return 1;
}

/* The double nearest to the bound z, in *pr, when Clinger's fast path
** gives it exactly and the bound is its shortest text (number.h). */
static int rcBoundReal(const char *z, double *pr) {
  static const double aPow10[] = {
      1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  RcDecimal d;
  size_t i, nDigit;
  int64_t k;
  double m = 0;
  if (!rcDecParse(z, strlen(z), &d)) return 0;
  nDigit = d.nA + d.nB;
  if (nDigit > 15) return 0;
  for (i = 0; i < nDigit; i++)
    m = m * 10 + (rcDecDigit(&d, i) - '0'); /* exact: below 10^15 */
  k = d.iExp - (int64_t)nDigit;             /* the value is m * 10^k */
  if (k < -22 || k > 22) return 0;
  m = k >= 0 ? m * aPow10[k] : m / aPow10[-k]; /* one correct rounding */
  if (nDigit > 0 && (m == 0 || isinf(m) || fabs(m) < 2.2250738585072014e-308))
    return 0; /* DBL_DIG holds in the normal range only */
  *pr = d.bNeg ? -m : m;
  return 1;
}

/* The significand of the bound z in zDigits, and its sign and exponent. */
static void rcBoundDigits(const char *z, char *zDigits, int *pn, int *pbNeg,
                          int64_t *piExp) {
  RcDecimal d;
  size_t i;
  rcDecParse(z, strlen(z), &d);
  for (i = 0; i < d.nA + d.nB; i++)
    zDigits[i] = rcDecDigit(&d, i);
  zDigits[i] = 0;
  *pn = (int)i;
  *pbNeg = d.bNeg;
  *piExp = d.iExp;
}

/* The bound of a spec as an RcDecimal (its digits stay in the spec). */
static void rcBoundDecimal(const char *zDigits, int n, int bNeg, int64_t iExp,
                           RcDecimal *p) {
  p->eKind = RC_DEC_FINITE;
  p->bNeg = bNeg;
  p->zA = zDigits;
  p->nA = (size_t)n;
  p->zB = "";
  p->nB = 0;
  p->iExp = iExp;
}

/* 10^k for k = 0..18, and INT64_MAX / 10^k. */
static const int64_t aRcPow10[19] = {1LL,
                                     10LL,
                                     100LL,
                                     1000LL,
                                     10000LL,
                                     100000LL,
                                     1000000LL,
                                     10000000LL,
                                     100000000LL,
                                     1000000000LL,
                                     10000000000LL,
                                     100000000000LL,
                                     1000000000000LL,
                                     10000000000000LL,
                                     100000000000000LL,
                                     1000000000000000LL,
                                     10000000000000000LL,
                                     100000000000000000LL,
                                     1000000000000000000LL};

/* A bound's significand zDigits[0..n) and exponent as M / 10^S (number.h:
** |M| < 10^18, 0 <= S <= 18); 0 when it has no such form. */
static int rcBoundScaled(const char *zDigits, int n, int bNeg, int64_t iExp,
                         int64_t *pM, int *pS) {
  int64_t e = iExp - n, m = 0; /* the bound is D x 10^e */
  int i;
  if (n == 0) {
    *pM = 0;
    *pS = 0;
    return 1;
  }
  if (n > 18 || e > 18 - n || e < -18) return 0;
  for (i = 0; i < n; i++)
    m = m * 10 + (zDigits[i] - '0');
  if (e > 0) m *= aRcPow10[e];
  *pM = bNeg ? -m : m;
  *pS = e < 0 ? (int)-e : 0;
  return 1;
}

/*
** aOut[s] = ceil(bound x 10^s) (bCeil) or floor(bound x 10^s), for s = 0..18,
** clamped to the int64 range; INT64_MIN (bCeil) or INT64_MAX for no bound
** (bSet 0).  0 when the bound is not M / 10^S (rcBoundScaled).
*/
static int rcTextBounds(int bSet, const char *zDigits, int n, int bNeg,
                        int64_t iExp, int bCeil, int64_t *aOut) {
  int64_t m;
  int sBound, s;
  if (!bSet) {
    for (s = 0; s <= 18; s++)
      aOut[s] = bCeil ? INT64_MIN : INT64_MAX;
    return 1;
  }
  if (!rcBoundScaled(zDigits, n, bNeg, iExp, &m, &sBound)) return 0;
  for (s = 0; s <= 18; s++) {
    if (s >= sBound) { /* m x 10^k, exactly or past the int64 range */
      int64_t p10 = aRcPow10[s - sBound];
      if (m > INT64_MAX / p10) {
        aOut[s] = INT64_MAX;
      } else if (m < -(INT64_MAX / p10)) {
        aOut[s] = INT64_MIN;
      } else {
        aOut[s] = m * p10;
      }
    } else { /* m / 10^k rounded up or down (C's / rounds toward 0) */
      int64_t p10 = aRcPow10[sBound - s], q = m / p10, r = m % p10;
      aOut[s] = bCeil ? q + (r > 0) : q - (r < 0);
    }
  }
  return 1;
}

/* The fast paths' fields of p, from its bounds. */
static void rcSpecFast(RcNumberSpec *p) {
  RcDecimal d;
  p->bIntFast = 1;
  p->iLo = INT64_MIN;
  p->iHi = INT64_MAX;
  if (p->bMin) {
    rcBoundDigits(p->zMin, p->zMinDigits, &p->nMinDigits, &p->bMinNeg,
                  &p->iMinExp);
    rcDecParse(p->zMin, strlen(p->zMin), &d);
    if (rcDecToInt(&d, 1, &p->iLo) > 0) p->bIntFast = 0;
  }
  if (p->bMax) {
    rcBoundDigits(p->zMax, p->zMaxDigits, &p->nMaxDigits, &p->bMaxNeg,
                  &p->iMaxExp);
    rcDecParse(p->zMax, strlen(p->zMax), &d);
    if (rcDecToInt(&d, 0, &p->iHi) < 0) p->bIntFast = 0;
  }
  p->bTextFast = rcTextBounds(p->bMin, p->zMinDigits, p->nMinDigits, p->bMinNeg,
                              p->iMinExp, 1, p->aTextLo) &&
                 rcTextBounds(p->bMax, p->zMaxDigits, p->nMaxDigits, p->bMaxNeg,
                              p->iMaxExp, 0, p->aTextHi);
  p->rLo = -INFINITY;
  p->rHi = INFINITY;
  p->bRealFast = (!p->bMin || rcBoundReal(p->zMin, &p->rLo)) &&
                 (!p->bMax || rcBoundReal(p->zMax, &p->rHi));
}

int rcNumberSpecParse(const char *zMin, size_t nMin, const char *zMax,
                      size_t nMax, const char *zOpts, size_t nOpts,
                      RcNumberSpec *p, char *zErr, int nErr) {
  memset(p, 0, sizeof(*p));
  p->nScale = -1;
  if (nErr > 0) zErr[0] = 0;
  p->bMin = zMin != 0;
  p->bMax = zMax != 0;
  if (zMin &&
      (p->eFail = rcBoundParse("min", zMin, nMin, p->zMin, zErr, nErr)) != 0) {
    p->mFail = RC_NUMBER_ARG_MIN;
    return 0;
  }
  if (zMax &&
      (p->eFail = rcBoundParse("max", zMax, nMax, p->zMax, zErr, nErr)) != 0) {
    p->mFail = RC_NUMBER_ARG_MAX;
    return 0;
  }
  if (zOpts && !rcOptsParse(zOpts, nOpts, p, zErr, nErr)) {
    p->mFail = RC_NUMBER_ARG_OPTS;
    p->eFail = RC_NUMBER_FAIL_SYNTAX;
    return 0;
  }
  if (zMin && zMax) {
    RcDecimal a, b;
    rcDecParse(p->zMin, strlen(p->zMin), &a);
    rcDecParse(p->zMax, strlen(p->zMax), &b);
    if (rcDecCompare(&a, &b) > 0) {
      snprintf(zErr, (size_t)nErr, "min (%s) is greater than max (%s)", p->zMin,
               p->zMax);
      p->mFail = RC_NUMBER_ARG_MIN | RC_NUMBER_ARG_MAX;
      p->eFail = RC_NUMBER_FAIL_ORDER;
      return 0;
    }
  }
  rcSpecFast(p);
  return 1;
}

RcNumberStatus rcNumberJudge(const RcDecimal *p, const RcNumberSpec *pSpec) {
  RcDecimal b;
  if (pSpec->bInteger && rcDecFracDigits(p) != 0) return RC_NUMBER_NOT_INTEGER;
  if (pSpec->nScale >= 0) {
    int64_t nFrac = rcDecFracDigits(p);
    if (nFrac < 0 || nFrac > pSpec->nScale) return RC_NUMBER_SCALE;
  }
  if (pSpec->bMin) {
    rcBoundDecimal(pSpec->zMinDigits, pSpec->nMinDigits, pSpec->bMinNeg,
                   pSpec->iMinExp, &b);
    if (rcDecCompare(p, &b) < 0) return RC_NUMBER_BELOW;
  }
  if (pSpec->bMax) {
    rcBoundDecimal(pSpec->zMaxDigits, pSpec->nMaxDigits, pSpec->bMaxNeg,
                   pSpec->iMaxExp, &b);
    if (rcDecCompare(p, &b) > 0) return RC_NUMBER_ABOVE;
  }
  return RC_NUMBER_OK;
}

int rcNumberTextFast(const char *z, size_t n, const RcNumberSpec *pSpec) {
  const unsigned char *p = (const unsigned char *)z, *pStart, *pFrac = 0;
  uint64_t m = 0;
  unsigned d;
  int bNeg = 0, nFrac = 0, nSig;
  size_t nDigit;
  if (!pSpec->bTextFast || n > 20) return -1;
  if (*p == '-' || *p == '+') bNeg = *p++ == '-';
  /* z[n] is 0, and no digit or point: the loops stop at the end */
  for (pStart = p; (d = (unsigned)*p - '0') < 10; p++)
    m = m * 10 + d; /* unsigned: past 19 digits it wraps, refused below */
  nDigit = (size_t)(p - pStart);
  if (*p == '.') {
    for (pFrac = ++p; (d = (unsigned)*p - '0') < 10; p++)
      m = m * 10 + d;
    nFrac = (int)(p - pFrac);
    nDigit += (size_t)nFrac;
  }
  if (p != (const unsigned char *)z + n) return -1; /* 'e', ' ', a NUL... */
  if (nDigit == 0 || nDigit > 18) return -1;
  if (nFrac > 0 &&
      (pSpec->bInteger || (pSpec->nScale >= 0 && nFrac > pSpec->nScale))) {
    nSig = nFrac; /* the decimals it needs: '1.2300' needs 2 */
    while (nSig > 0 && pFrac[nSig - 1] == '0')
      nSig--;
    if (pSpec->bInteger ? nSig != 0 : nSig > pSpec->nScale) return 0;
  }
  {
    int64_t v = bNeg ? -(int64_t)m : (int64_t)m;
    return v >= pSpec->aTextLo[nFrac] && v <= pSpec->aTextHi[nFrac];
  }
}

int rcRealHasScale(double r, int n) {
  static const double aPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6, 1e7,
                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14};
  double p10, x, k;
  if (n < 0 || n >= (int)(sizeof(aPow10) / sizeof(aPow10[0]))) return 0;
  p10 = aPow10[n];
  x = r * p10;
  if (!(fabs(x) < 9007199254740990.0)) return 0; /* and NaN, Inf */
  k = nearbyint(x);
  return k / p10 == r || (k - 1) / p10 == r || (k + 1) / p10 == r;
}
