/*
** fuzz_number.c - libFuzzer target for ext/number.c: the decimal reader,
** the exact order, the canonical text and the spec's fast paths.
**
**     make fuzz
**     build/fuzz/fuzz_number -max_total_time=120 -max_len=300
**
** The input is up to four texts split by '|' (a, b, c, d), and its first 16
** bytes are also read as two int64 and two doubles.  Beyond not crashing:
**   - the order is antisymmetric, reflexive and transitive on a, b, c and
**     the numbers made from the int64 and the doubles;
**   - the canonical text of a number reads back as the same number, and
**     writes the same text again;
**   - an int64 and its decimal text are equal, and two int64 (two doubles,
**     an int64 and a double) order as C orders them: a double's shortest
**     decimal keeps the order of doubles;
**   - a double's canonical text reads back (strtod) as the double;
**   - with a as min, b as max and c as options, a spec that parses has
**     fast paths that agree with the exact judgement for the int64 and the
**     doubles, and rcNumberTextFast, where it answers, gives the exact
**     judgement of d, a, b and of short decimals made from the int64;
**   - rcRealHasScale(r, n) says 1 only where the shortest text of r (found
**     here with printf and strtod, not with number.c) has at most n
**     decimals, and says it there whenever |r x 10^n| < 2^40 (n <= 14).
*/
#include "number.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *zWhy, const uint8_t *data, size_t size) {
  size_t i;
  fprintf(stderr, "fuzz_number: %s: ", zWhy);
  for (i = 0; i < size && i < 120; i++)
    fprintf(stderr, "%02x", data[i]);
  fprintf(stderr, "\n");
  abort();
}

static int sign3(int c) { return (c > 0) - (c < 0); }

/* The decimals of the shortest text that reads back as the finite r:
** "%.*e" with 1 to 17 digits, the first that strtod reads as r. */
static int64_t shortestDecimals(double r) {
  char zE[64];
  RcDecimal d;
  int nDigit;
  for (nDigit = 1; nDigit <= 17; nDigit++) {
    snprintf(zE, sizeof(zE), "%.*e", nDigit - 1, r);
    if (strtod(zE, 0) == r) break;
  }
  if (!rcDecParse(zE, strlen(zE), &d)) abort();
  return rcDecFracDigits(&d);
}

/* rcRealHasScale(r, n) against the decimals of r's shortest text. */
static void checkRealScale(double r, const uint8_t *data, size_t size) {
  int n;
  int64_t nFrac;
  if (!isfinite(r)) {
    for (n = 0; n <= 16; n++) {
      if (rcRealHasScale(r, n)) fail("scale of an infinity", data, size);
    }
    return;
  }
  nFrac = shortestDecimals(r);
  for (n = 0; n <= 16; n++) {
    int bFast = rcRealHasScale(r, n);
    if (bFast && nFrac > n) fail("rcRealHasScale says yes", data, size);
    if (!bFast && nFrac <= n && n <= 14 && fabs(r * pow(10, n)) < 0x1p40)
      fail("rcRealHasScale says no", data, size);
  }
}

/* rcNumberTextFast on z[0..n) where it answers is the exact judgement. */
static void checkTextFast(const char *z, size_t n, const RcNumberSpec *pSpec,
                          const uint8_t *data, size_t size) {
  char *zCopy = malloc(n + 1);
  RcDecimal d;
  int f, bExact;
  if (zCopy == 0) abort();
  memcpy(zCopy, z, n);
  zCopy[n] = 0; /* rcNumberTextFast reads up to z[n], a 0 */
  f = rcNumberTextFast(zCopy, n, pSpec);
  if (f >= 0) {
    bExact =
        rcDecParse(zCopy, n, &d) && rcNumberJudge(&d, pSpec) == RC_NUMBER_OK;
    if (f != bExact) fail("text fast path", data, size);
  }
  free(zCopy);
}

/* The canonical text of p, malloc'ed. */
static char *canonText(const RcDecimal *p) {
  size_t n = rcDecText(p, 0, 0);
  char *z = malloc(n + 1);
  if (z == 0) abort();
  if (rcDecText(p, z, n + 1) != n || strlen(z) != n) abort();
  return z;
}

/* The canonical text of a finite p reads back as p and writes itself. */
static void checkCanon(const RcDecimal *p, const uint8_t *data, size_t size) {
  RcDecimal q;
  char *z = canonText(p), *z2;
  if (p->eKind != RC_DEC_FINITE) {
    free(z);
    return;
  }
  if (!rcDecParse(z, strlen(z), &q))
    fail("canonical text does not parse", data, size);
  if (rcDecCompare(p, &q) != 0)
    fail("canonical text is another value", data, size);
  if (rcDecFracDigits(p) != rcDecFracDigits(&q))
    fail("decimals differ", data, size);
  z2 = canonText(&q);
  if (strcmp(z, z2) != 0) fail("canonical text not stable", data, size);
  free(z);
  free(z2);
}

#define N_MAX 7

/* A spec with the bounds of pSpec and no options. */
static int boundsPass(const RcDecimal *p, const RcNumberSpec *pSpec) {
  RcNumberSpec s = *pSpec;
  s.bInteger = 0;
  s.nScale = -1;
  return rcNumberJudge(p, &s) == RC_NUMBER_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RcDecimal a[N_MAX];
  char azBuf[4][RC_DEC_BUF], zInt[32];
  const char *az[4] = {0, 0, 0, 0};
  size_t an[4] = {0, 0, 0, 0}, i, j, k, nPart = 0, iStart = 0;
  int64_t aI[2] = {0, 0};
  double aR[2] = {0, 0};
  int n = 0, iI0 = -1, iR0 = -1;
  RcNumberSpec spec;
  char zErr[300];

  for (i = 0; i <= size && nPart < 4; i++) {
    if (i == size || data[i] == '|') {
      az[nPart] = (const char *)data + iStart;
      an[nPart] = i - iStart;
      nPart++;
      iStart = i + 1;
    }
  }
  for (i = 0; i < nPart && i < 3; i++) {
    if (rcDecParse(az[i], an[i], &a[n])) {
      checkCanon(&a[n], data, size);
      n++;
    }
  }
  if (size >= 16) {
    memcpy(aI, data, 16);
    memcpy(aR, data, 16);
    iI0 = n;
    for (i = 0; i < 2; i++) {
      RcDecimal t;
      rcDecFromInt(aI[i], azBuf[i], &a[n]);
      snprintf(zInt, sizeof(zInt), "%lld", (long long)aI[i]);
      if (!rcDecParse(zInt, strlen(zInt), &t) || rcDecCompare(&t, &a[n]) != 0)
        fail("int64 and its text differ", data, size);
      checkCanon(&a[n], data, size);
      n++;
    }
    if (sign3(rcDecCompare(&a[iI0], &a[iI0 + 1])) !=
        (aI[0] > aI[1]) - (aI[0] < aI[1]))
      fail("int64 order", data, size);
    iR0 = n;
    for (i = 0; i < 2; i++) {
      if (isnan(aR[i])) aR[i] = 0;
      checkRealScale(aR[i], data, size);
      if (!rcDecFromDouble(aR[i], azBuf[2 + i], &a[n])) abort();
      checkCanon(&a[n], data, size);
      if (isfinite(aR[i])) {
        char *z = canonText(&a[n]);
        if (strtod(z, 0) != aR[i])
          fail("double's text reads back as another", data, size);
        free(z);
      }
      n++;
    }
    if (sign3(rcDecCompare(&a[iR0], &a[iR0 + 1])) !=
        (aR[0] > aR[1]) - (aR[0] < aR[1]))
      fail("double order", data, size);
    for (i = 0; i < 2; i++) {
      for (j = 0; j < 2; j++) {
        /* exact int64 against double: through long double only when it holds
         * both */
        int c = sign3(rcDecCompare(&a[iI0 + i], &a[iR0 + j]));
        double r = aR[j];
        int want;
        if (r >= 9223372036854775808.0) {
          want = -1;
        } else if (r < -9223372036854775808.0) {
          want = 1;
        } else {
          int64_t t = (int64_t)r;   /* truncated toward zero */
          double f = r - (double)t; /* exact: r and t are close */
          want = aI[i] < t ? -1 : aI[i] > t ? 1 : (f > 0 ? -1 : f < 0 ? 1 : 0);
        }
        if (c != want) fail("int64 against double", data, size);
      }
    }
  }

  /* The order: reflexive, antisymmetric, transitive. */
  for (i = 0; i < (size_t)n; i++) {
    if (rcDecCompare(&a[i], &a[i]) != 0) fail("not reflexive", data, size);
    for (j = 0; j < (size_t)n; j++) {
      int cij = rcDecCompare(&a[i], &a[j]);
      if (cij != -rcDecCompare(&a[j], &a[i]))
        fail("not antisymmetric", data, size);
      for (k = 0; k < (size_t)n; k++) {
        int cjk = rcDecCompare(&a[j], &a[k]), cik = rcDecCompare(&a[i], &a[k]);
        if (cij <= 0 && cjk <= 0 && cik > 0) fail("not transitive", data, size);
        if (cij == 0 && cjk == 0 && cik != 0)
          fail("equality not transitive", data, size);
      }
    }
  }

  /* The spec: its fast paths agree with its exact judgement. */
  if (nPart >= 3 &&
      rcNumberSpecParse(an[0] ? az[0] : 0, an[0], an[1] ? az[1] : 0, an[1],
                        az[2], an[2], &spec, zErr, (int)sizeof(zErr))) {
    if (iI0 >= 0) {
      for (i = 0; i < 2; i++) {
        int bFast = spec.bIntFast && aI[i] >= spec.iLo && aI[i] <= spec.iHi;
        if (bFast != boundsPass(&a[iI0 + i], &spec))
          fail("int64 fast path", data, size);
        bFast = spec.bRealFast && aR[i] >= spec.rLo && aR[i] <= spec.rHi;
        if (spec.bRealFast && bFast != boundsPass(&a[iR0 + i], &spec))
          fail("double fast path", data, size);
      }
      for (i = 0; i < 2; i++) { /* m / 10^s for s = 0..18, as text */
        char zDec[48];
        int64_t m = aI[i] % 1000000000000000000LL, u = m < 0 ? -m : m;
        int s = (int)((uint64_t)aI[1 - i] % 19);
        int64_t p10 = 1;
        for (j = 0; j < (size_t)s; j++)
          p10 *= 10;
        snprintf(zDec, sizeof(zDec), "%s%lld.%0*lld", m < 0 ? "-" : "",
                 (long long)(u / p10), s, (long long)(u % p10));
        checkTextFast(zDec, strlen(zDec), &spec, data, size);
      }
    }
    for (i = 0; i < nPart; i++) {
      if (i != 2) checkTextFast(az[i], an[i], &spec, data, size);
    }
  }
  return 0;
}
