/*
** fuzz_money.c - libFuzzer target for the money parser (ext/money.c).
**
**     make fuzz
**     build/fuzz/fuzz_money -max_total_time=120 -max_len=4096
**
** The first byte of an input picks a currency argument from aSpec (or, past
** the list, parses the rest of the input as a currency argument); the rest
** is the value.  Differential, not only crash-finding:
**   - text is also judged by a reference that works on digit strings (no
**     integers at all): syntax, scale, range and the canonical text must
**     agree;
**   - the fast path equals the full parser (issue 18): rcMoneyFromText,
**     which tries rcMoneyFastText first, gives what rcMoneyFromTextFull
**     gives (status, amount, currency, scale, fraction digits, code), and
**     a text that rcMoneyFastText takes, at the spec's scale and at every
**     scale 0..18 ('XAU, scale=N'), the full parser reads to the same
**     amount;
**   - a canonical text reads back to the same amount, and is its own
**     canonical form;
**   - 8 bytes of the input are read as a double: when rcMoneyFromReal
**     accepts it, k / 10^s is exactly that double;
**   - an INTEGER accepted is whole units: iMinor / 10^s is it;
**   - under the option minor ('USD, minor') every text and every REAL is
**     refused, an INTEGER is its own count (INT64_MIN aside), and a bound's
**     text (rcMoneyFromMinorText) is [+-]digits within +-(2^63-1), judged
**     against strtoll.
*/
#include "money.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const aSpec[] = {"USD",         "JPY",
                                    "BHD",         "CLF",
                                    "USD, strict", "EUR",
                                    "XAU scale=6", "withdrawn,scale=2",
                                    "USD, minor",  "XAU, minor, scale=3"};
#define N_SPEC (sizeof(aSpec) / sizeof(aSpec[0]))

static void fail(const char *zWhy, const char *z, size_t n) {
  fprintf(stderr, "fuzz_money: %s: \"%.*s\"\n", zWhy, (int)n, z);
  abort();
}

/*
** The reference for a number without a code, at scale s: the canonical
** text in zOut, or the status.  Works on the digits as text.
*/
static RcMoneyStatus refNumber(const char *z, size_t n, int s, char *zOut) {
  size_t i = 0, iInt, nInt, iFrac = 0, nFrac = 0, k;
  int bNeg = 0;
  char zDigits[64];
  size_t nDigits = 0;
  static const char zMax[] = "9223372036854775807";

  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  iInt = i;
  while (i < n && z[i] >= '0' && z[i] <= '9')
    i++;
  nInt = i - iInt;
  if (nInt == 0) return RC_MONEY_SYNTAX;
  if (i < n && z[i] == '.') {
    iFrac = ++i;
    while (i < n && z[i] >= '0' && z[i] <= '9')
      i++;
    nFrac = i - iFrac;
    if (nFrac == 0) return RC_MONEY_SYNTAX;
  }
  if (i != n) return RC_MONEY_SYNTAX;
  for (k = (size_t)s; k < nFrac; k++) {
    if (z[iFrac + k] != '0') return RC_MONEY_SCALE;
  }
  while (nInt > 1 && z[iInt] == '0') { /* leading zeros say nothing */
    iInt++;
    nInt--;
  }
  if (nInt + (size_t)s > 19) {
    /* "0" followed by fraction digits may still be small */
    if (!(nInt == 1 && z[iInt] == '0')) return RC_MONEY_OVERFLOW;
  }
  for (k = 0; k < nInt + (size_t)s; k++) {
    char c = k < nInt           ? z[iInt + k]
             : k - nInt < nFrac ? z[iFrac + k - nInt]
                                : '0';
    if (nDigits == 0 && c == '0') continue;
    zDigits[nDigits++] = c;
  }
  if (nDigits > 19 || (nDigits == 19 && memcmp(zDigits, zMax, 19) > 0)) {
    return RC_MONEY_OVERFLOW;
  }
  /* canonical: sign unless zero, digits padded to s + 1 */
  {
    char zPad[64];
    size_t nPad = 0, j, o = 0;
    while (nDigits + nPad < (size_t)s + 1)
      zPad[nPad++] = '0';
    memcpy(zPad + nPad, zDigits, nDigits);
    nPad += nDigits;
    if (bNeg && nDigits > 0) zOut[o++] = '-';
    for (j = 0; j < nPad; j++) {
      if (s > 0 && j == nPad - (size_t)s) zOut[o++] = '.';
      zOut[o++] = zPad[j];
    }
    zOut[o] = 0;
  }
  return RC_MONEY_OK;
}

/* A bound's text under the option minor, against strtoll. */
static void checkMinorText(const char *z, size_t n, const RcMoneySpec *pSpec) {
  RcMoney m;
  RcMoneyStatus e = rcMoneyFromMinorText(z, n, pSpec, &m);
  size_t i = n > 0 && (z[0] == '+' || z[0] == '-'), k;
  int bDigits = i < n;
  long long v;
  char *zEnd;
  for (k = i; k < n; k++)
    bDigits &= z[k] >= '0' && z[k] <= '9';
  if (!bDigits) {
    if (e != RC_MONEY_SYNTAX) fail("minor: not digits, yet read", z, n);
    return;
  }
  errno = 0;
  v = strtoll(z, &zEnd, 10);
  if (errno == ERANGE || v == INT64_MIN) {
    if (e != RC_MONEY_OVERFLOW) fail("minor: past the range, yet read", z, n);
  } else if (e != RC_MONEY_OK || m.iMinor != v) {
    fail("minor: digits read wrong", z, n);
  }
}

/* rcMoneyFastText at scale s, against the full parser under pFull. */
static void checkFastAt(const char *z, size_t n, int s,
                        const RcMoneySpec *pFull) {
  RcMoney full;
  RcMoneyStatus eFull = rcMoneyFromTextFull(z, n, pFull, &full);
  int64_t v = 0;
  int r = rcMoneyFastText(z, n, s, &v);
  if (r != 0 && (eFull != RC_MONEY_OK || full.iMinor != v ||
                 full.nFrac != r - 1 || full.nScale != s)) {
    fail("the fast reader takes a text the full parser reads otherwise", z, n);
  }
}

/* rcMoneyFromText's result e, *pm against the full parser's. */
static void checkFast(const char *z, size_t n, const RcMoneySpec *pSpec,
                      RcMoneyStatus e, const RcMoney *pm) {
  static RcMoneySpec aScale[19];
  static int bScale = 0;
  RcMoney full;
  RcMoneyStatus eFull = rcMoneyFromTextFull(z, n, pSpec, &full);
  int s;
  if (eFull != e || full.pCur != pm->pCur ||
      strcmp(full.zCode, pm->zCode) != 0 ||
      (e == RC_MONEY_OK &&
       (full.iMinor != pm->iMinor || full.nScale != pm->nScale ||
        full.nFrac != pm->nFrac)) ||
      (e == RC_MONEY_SCALE && full.nFrac != pm->nFrac)) {
    fail("rcMoneyFromText differs from rcMoneyFromTextFull", z, n);
  }
  if (rcMoneySpecFastScale(pSpec) >= 0) {
    checkFastAt(z, n, rcMoneySpecFastScale(pSpec), pSpec);
  }
  if (!bScale) {
    char zErr[200], zArg[32];
    for (s = 0; s <= 18; s++) {
      int nArg = snprintf(zArg, sizeof(zArg), "XAU, scale=%d", s);
      if (!rcMoneySpecParse(zArg, (size_t)nArg, &aScale[s], zErr,
                            (int)sizeof(zErr))) {
        fail("a scale argument is refused", zArg, (size_t)nArg);
      }
    }
    bScale = 1;
  }
  for (s = 0; s <= 18; s++)
    checkFastAt(z, n, s, &aScale[s]);
}

static void checkText(const char *z, size_t n, const RcMoneySpec *pSpec) {
  RcMoney m, again;
  RcMoneyStatus e = rcMoneyFromText(z, n, pSpec, &m);
  char zCanon[RC_MONEY_CANON_SIZE], zRef[80];
  int nCanon;

  checkFast(z, n, pSpec, e, &m);

  if (pSpec->flags & RC_MONEY_OPT_MINOR) {
    if (e != RC_MONEY_NOT_MINOR || m.pCur != pSpec->pCur) {
      fail("a text under the option minor", z, n);
    }
    checkMinorText(z, n, pSpec);
    return;
  }

  /* Without a code in the text, the reference judges the number. */
  if (pSpec->pCur && memchr(z, ' ', n) == 0) {
    int s = pSpec->pCur->nScale >= 0 ? pSpec->pCur->nScale : pSpec->nScale;
    RcMoneyStatus eRef = refNumber(z, n, s, zRef);
    if (eRef != e) fail("status differs from the reference", z, n);
    if (e == RC_MONEY_OK) {
      rcMoneyCanon(m.iMinor, m.nScale, 0, zCanon);
      if (strcmp(zCanon, zRef) != 0) fail("canonical text differs", z, n);
    }
  }
  if (e != RC_MONEY_OK) return;
  if (m.iMinor == INT64_MIN) fail("outside +-(2^63-1)", z, n);
  nCanon =
      rcMoneyCanon(m.iMinor, m.nScale, pSpec->pCur ? 0 : m.pCur->zCode, zCanon);
  if (rcMoneyFromText(zCanon, (size_t)nCanon, pSpec, &again) != RC_MONEY_OK ||
      again.iMinor != m.iMinor || again.pCur != m.pCur) {
    fail("canonical text does not read back", z, n);
  }
}

static void checkReal(double r, const RcMoneySpec *pSpec) {
  RcMoney m;
  static const double aPow[] = {1, 10, 100, 1000, 10000, 100000, 1e6};
  RcMoneyStatus e = rcMoneyFromReal(r, pSpec, &m);
  if ((pSpec->flags & RC_MONEY_OPT_MINOR) && e != RC_MONEY_NOT_MINOR) {
    fprintf(stderr, "fuzz_money: REAL %.17g under the option minor\n", r);
    abort();
  }
  if (e != RC_MONEY_OK) return;
  if (m.nScale > 6) return;
  if ((double)m.iMinor / aPow[m.nScale] != r) {
    fprintf(stderr, "fuzz_money: REAL %.17g accepted as %lld\n", r,
            (long long)m.iMinor);
    abort();
  }
  if (m.iMinor >= 9007199254740992LL || m.iMinor <= -9007199254740992LL) {
    fprintf(stderr, "fuzz_money: REAL %.17g past 2^53\n", r);
    abort();
  }
}

static void checkInt(int64_t v, const RcMoneySpec *pSpec) {
  RcMoney m;
  int64_t p10 = 1;
  int i;
  RcMoneyStatus e = rcMoneyFromInt(v, pSpec, &m);
  if (pSpec->flags & RC_MONEY_OPT_MINOR) {
    if (v == INT64_MIN ? e != RC_MONEY_OVERFLOW
                       : e != RC_MONEY_OK || m.iMinor != v) {
      fprintf(stderr, "fuzz_money: INTEGER %lld under the option minor\n",
              (long long)v);
      abort();
    }
    return;
  }
  if (e != RC_MONEY_OK) return;
  for (i = 0; i < m.nScale; i++)
    p10 *= 10;
  if (m.iMinor / p10 != v || m.iMinor % p10 != 0) {
    fprintf(stderr, "fuzz_money: INTEGER %lld read as %lld\n", (long long)v,
            (long long)m.iMinor);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RcMoneySpec spec;
  char zErr[200];
  const char *z = (const char *)(data + 1);
  size_t n = size ? size - 1 : 0;
  double r;
  int64_t v;

  if (size == 0) return 0;
  if (data[0] < N_SPEC) {
    if (!rcMoneySpecParse(aSpec[data[0]], strlen(aSpec[data[0]]), &spec, zErr,
                          (int)sizeof(zErr))) {
      fail("a fixed currency argument is refused", aSpec[data[0]], 0);
    }
  } else if (data[0] < 0xF0) {
    rcMoneySpecParse(z, n, &spec, zErr, (int)sizeof(zErr));
    return 0;
  } else if (!rcMoneySpecParse("USD", 3, &spec, zErr, (int)sizeof(zErr))) {
    return 0;
  }
  {
    /* the parser may read z[n], which SQLite's text has as a 0 */
    char *zText = (char *)malloc(n + 1);
    if (zText == 0) return 0;
    memcpy(zText, z, n);
    zText[n] = 0;
    checkText(zText, n, &spec);
    free(zText);
  }
  if (n >= 8) {
    memcpy(&r, z, 8);
    checkReal(r, &spec);
    memcpy(&v, z, 8);
    checkInt(v, &spec);
  }
  return 0;
}
