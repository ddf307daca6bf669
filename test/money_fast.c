/*
** money_fast.c - rcMoneyFastText, the reader of the everyday amount that
** money_sum, money_check, the money rule and rcMoneyFromText take first,
** against rcMoneyFromTextFull, the parser of the whole syntax (issue 18).
**
**     make build/money_fast && build/money_fast     (test/money_fast.test)
**
** Over more than 100,000 generated texts: every string of up to 4 bytes
** over an alphabet of digits, signs, points, spaces, an exponent, the bytes
** beside the digits ('/' and ':'), a NUL and a letter; random amounts with
** signs, leading zeros, 1 to 21 integer digits (near 2^63 too), 0 to 6
** fraction digits, currency codes before and after, and a random byte put
** in; and an explicit list of edges.  Each is judged under currency
** arguments of every ISO scale and more:
**   - when the fast reader takes a text, the full parser reads it too, to
**     the same amount and the same count of fraction digits;
**   - rcMoneyFromText (fast path first) gives exactly what the full parser
**     gives: status, amount, currency, scale, fraction digits, code;
**   - at every scale 0..18 the fast reader agrees with the full parser
**     under 'XAU, scale=N' (no ISO minor unit: always the full path).
** One line per check, PASS or FAIL, as test/tester.tcl's run_checks reads.
*/
#include "money.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Currency arguments: the fast path's (a fixed ISO scale) and others. */
static const char *const azSpec[] = {"USD",
                                     "JPY",
                                     "BHD",
                                     "CLF",
                                     "EUR",
                                     "USD, strict",
                                     "DEM, withdrawn, scale=2",
                                     "USD, minor",
                                     "strict",
                                     "XAU, scale=6"};
#define N_SPEC (int)(sizeof(azSpec) / sizeof(azSpec[0]))

static RcMoneySpec aSpec[N_SPEC];
static RcMoneySpec aScaleSpec[19]; /* 'XAU, scale=N' */

static int nText = 0;
static int nFail[3];
static char zFirstFail[3][200];
/* outcomes, for the coverage check */
static int nFastTaken, nFastDeclinedOk, nSyntax, nScaleErr, nOverflow, nCode;

static uint64_t rngState = 0x18181818DEADBEEFULL;
static unsigned rnd(unsigned n) {
  rngState ^= rngState << 13;
  rngState ^= rngState >> 7;
  rngState ^= rngState << 17;
  return (unsigned)(rngState % n);
}

static void noteFail(int k, const char *zWhy, const char *z, size_t n,
                     const char *zSpec) {
  if (nFail[k]++ == 0) {
    size_t i, o = 0;
    char zShown[80];
    for (i = 0; i < n && o + 5 < sizeof(zShown); i++) {
      unsigned char c = (unsigned char)z[i];
      if (c < 0x20 || c >= 0x7F) {
        o += (size_t)snprintf(zShown + o, sizeof(zShown) - o, "\\x%02x", c);
      } else {
        zShown[o++] = (char)c;
      }
    }
    zShown[o] = 0;
    snprintf(zFirstFail[k], sizeof(zFirstFail[k]), "%s: \"%s\" under '%s'",
             zWhy, zShown, zSpec);
  }
}

static int sameMoney(RcMoneyStatus e1, const RcMoney *a, RcMoneyStatus e2,
                     const RcMoney *b) {
  if (e1 != e2 || a->pCur != b->pCur) return 0;
  if (e1 == RC_MONEY_OK && (a->iMinor != b->iMinor || a->nScale != b->nScale ||
                            a->nFrac != b->nFrac)) {
    return 0;
  }
  if (e1 == RC_MONEY_SCALE && a->nFrac != b->nFrac) return 0;
  return strcmp(a->zCode, b->zCode) == 0;
}

/* Judges text z[0..n) (z[n] is 0) every way. */
static void judge(const char *z, size_t n) {
  int i;
  nText++;
  for (i = 0; i < N_SPEC; i++) {
    const RcMoneySpec *pSpec = &aSpec[i];
    RcMoney full, via;
    RcMoneyStatus eFull = rcMoneyFromTextFull(z, n, pSpec, &full);
    RcMoneyStatus eVia = rcMoneyFromText(z, n, pSpec, &via);
    int nScale = rcMoneySpecFastScale(pSpec);
    if (!sameMoney(eVia, &via, eFull, &full)) {
      noteFail(1, "rcMoneyFromText differs from the full parser", z, n,
               azSpec[i]);
    }
    if (nScale >= 0) {
      int64_t v = 0;
      int r = rcMoneyFastText(z, n, nScale, &v);
      if (r != 0 && (eFull != RC_MONEY_OK || full.iMinor != v ||
                     full.nFrac != r - 1 || full.nScale != nScale)) {
        noteFail(0,
                 "the fast reader took a text the full parser reads "
                 "otherwise",
                 z, n, azSpec[i]);
      }
      if (i == 0) { /* USD: the coverage counts */
        if (r != 0) {
          nFastTaken++;
        } else if (eFull == RC_MONEY_OK) {
          nFastDeclinedOk++;
        }
      }
    }
    if (i == 0) {
      nSyntax += eFull == RC_MONEY_SYNTAX;
      nScaleErr += eFull == RC_MONEY_SCALE;
      nOverflow += eFull == RC_MONEY_OVERFLOW;
      nCode += eFull == RC_MONEY_OK && full.zCode[0] != 0;
    }
  }
  for (i = 0; i <= 18; i++) {
    RcMoney full;
    RcMoneyStatus eFull = rcMoneyFromTextFull(z, n, &aScaleSpec[i], &full);
    int64_t v = 0;
    int r = rcMoneyFastText(z, n, i, &v);
    if (r != 0 &&
        (eFull != RC_MONEY_OK || full.iMinor != v || full.nFrac != r - 1)) {
      char zSpec[32];
      snprintf(zSpec, sizeof(zSpec), "XAU, scale=%d", i);
      noteFail(2, "the fast reader at this scale differs", z, n, zSpec);
    }
  }
}

/* z[0..n) copied to a buffer of exactly n + 1 bytes (an over-read is a
** crash under ASan), then judged. */
static void judgeCopy(const char *z, size_t n) {
  char *zCopy = (char *)malloc(n + 1);
  if (zCopy == 0) {
    printf("FAIL money-fast-0.0-memory: out of memory\n");
    exit(1);
  }
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  judge(zCopy, n);
  free(zCopy);
}

static void judgeStr(const char *z) { judgeCopy(z, strlen(z)); }

/* Every string of up to 4 bytes over this alphabet (a NUL among them). */
static void exhaustive(void) {
  static const char aAlpha[] = {'0', '1', '9', '-', '+', '.',
                                ' ', 'e', '/', ':', 0,   'U'};
  const int nAlpha = (int)sizeof(aAlpha);
  char z[4];
  int len, i, k, nAll;
  for (len = 0; len <= 4; len++) {
    nAll = 1;
    for (i = 0; i < len; i++)
      nAll *= nAlpha;
    for (k = 0; k < nAll; k++) {
      int x = k;
      for (i = 0; i < len; i++) {
        z[i] = aAlpha[x % nAlpha];
        x /= nAlpha;
      }
      judgeCopy(z, (size_t)len);
    }
  }
}

/* A random amount, sometimes broken. */
static void randomAmount(void) {
  static const char *const azCode[] = {"USD", "usd", "EUR", "JPY",
                                       "XAU", "ZZZ", "DEM", "US1"};
  static const char aJunk[] = {0,   ' ', '.', ',', '-', '+', 'e', 'E',
                               '/', ':', 'x', 'U', 'D', '0', '9', '\t'};
  char z[96];
  int n = 0, i, nInt, nFrac, nCodeAt = rnd(8);
  const char *zCode = azCode[rnd(8)];

  if (nCodeAt == 1) { /* "USD 12.34" */
    memcpy(z, zCode, 3);
    z[3] = ' ';
    n = 4;
  }
  switch (rnd(8)) {
  case 0: z[n++] = '+'; break;
  case 1:
  case 2: z[n++] = '-'; break;
  default: break;
  }
  for (i = rnd(4) == 0 ? (int)rnd(4) : 0; i > 0; i--)
    z[n++] = '0';
  nInt = 1 + (int)(rnd(4) == 0 ? rnd(21) : rnd(8));
  if (rnd(8) == 0 && nInt >= 17) {
    /* near 2^63 - 1 (9223372036854775807) at some scale */
    static const char zMax[] = "9223372036854775807";
    int nPre = nInt < 19 ? nInt : 19;
    memcpy(z + n, zMax, (size_t)nPre);
    if (rnd(2)) z[n + nPre - 1] = (char)('0' + rnd(10));
    n += nPre;
    for (i = nPre; i < nInt; i++)
      z[n++] = (char)('0' + rnd(10));
  } else {
    for (i = 0; i < nInt; i++)
      z[n++] = (char)('0' + (rnd(3) == 0 ? 9 : rnd(10)));
  }
  if (rnd(4) != 0) {
    nFrac = (int)rnd(7);
    z[n++] = '.';
    for (i = 0; i < nFrac; i++)
      z[n++] = (char)('0' + (rnd(3) == 0 ? 0 : rnd(10)));
  }
  if (nCodeAt == 2) { /* "12.34 USD" */
    z[n++] = ' ';
    memcpy(z + n, zCode, 3);
    n += 3;
  }
  if (rnd(6) == 0) { /* a byte put in, or one changed */
    int at = (int)rnd((unsigned)n + 1);
    char c = rnd(8) == 0 ? (char)(0x80 + rnd(128)) : aJunk[rnd(16)];
    if (rnd(2) && at < n) {
      z[at] = c;
    } else {
      memmove(z + at + 1, z + at, (size_t)(n - at));
      z[at] = c;
      n++;
    }
  }
  judgeCopy(z, (size_t)n);
}

/* The explicit edges, and amounts the fast reader must take as written. */
static int explicitChecks(char *zWhy, size_t nWhy) {
  static const char *const azEdge[] = {"",
                                       "0",
                                       "-0",
                                       "+0",
                                       "00",
                                       "007.50",
                                       "-",
                                       "+",
                                       ".",
                                       "-.",
                                       "1.",
                                       ".5",
                                       "-.5",
                                       "1..2",
                                       "1.2.3",
                                       "1e3",
                                       "1E3",
                                       " 1",
                                       "1 ",
                                       "1 USD",
                                       "USD 1",
                                       "1  USD",
                                       "1,5",
                                       "1,234.56",
                                       "--1",
                                       "-+1",
                                       "+-1",
                                       "1-",
                                       "0x10",
                                       "1.2300",
                                       "1.230",
                                       "1.234",
                                       "1.2340000000000000000000",
                                       "12.345 USD",
                                       "USD 12.34",
                                       "usd 12.34",
                                       "12.34 EUR",
                                       "12.34 ZZZ",
                                       "12.34 XAU",
                                       "92233720368547758.07",
                                       "92233720368547758.08",
                                       "-92233720368547758.07",
                                       "-92233720368547758.08",
                                       "9223372036854775807",
                                       "9223372036854775808",
                                       "-9223372036854775807",
                                       "-9223372036854775808",
                                       "922337203685477580.7",
                                       "00000000000000000000001.00",
                                       "9999999999999999",
                                       "999999999999999.99",
                                       "9999999999999999.9",
                                       "99999999999999999",
                                       "999999999999999999",
                                       "0.000000000000000001",
                                       "1.000000000000000000000",
                                       "\xef\xbc\x91",
                                       "\xd9\xa3",
                                       "1\xc2\xa0",
                                       "12/34",
                                       "12:34",
                                       "1.2e",
                                       "1.2 ",
                                       "-1.20",
                                       "+1.20",
                                       "0.00",
                                       "-0.00",
                                       "100000",
                                       "99999.99",
                                       "-99999.99"};
  static const struct {
    const char *z;
    int nScale;
    int r;     /* what rcMoneyFastText returns */
    int64_t v; /* and its amount, when r != 0 */
  } aPin[] = {{"12.34", 2, 3, 1234},
              {"-0.5", 2, 2, -50},
              {"7", 2, 1, 700},
              {"-0", 2, 1, 0},
              {"0", 0, 1, 0},
              {"12.345", 3, 4, 12345},
              {"9999999999999999", 2, 1, 999999999999999900LL},
              {"999999999999999999", 0, 1, 999999999999999999LL},
              {"+1", 2, 0, 0},
              {"1.", 2, 0, 0},
              {".5", 2, 0, 0},
              {"1.234", 2, 0, 0},
              {"1.2300", 2, 0, 0},
              {"1.0", 0, 0, 0},
              {"999999999999999.99", 2, 0, 0},
              {"1 USD", 2, 0, 0},
              {"1e3", 2, 0, 0},
              {"", 2, 0, 0},
              {"-", 2, 0, 0}};
  size_t i;
  for (i = 0; i < sizeof(azEdge) / sizeof(azEdge[0]); i++)
    judgeStr(azEdge[i]);
  {
    /* a NUL inside the text: never read as its end */
    static const char zNul[][8] = {"12\0", "1.5\0", "\0", "1\0.5", "-\0"};
    static const size_t anNul[] = {3, 4, 1, 4, 2};
    for (i = 0; i < 5; i++)
      judgeCopy(zNul[i], anNul[i]);
  }
  for (i = 0; i < sizeof(aPin) / sizeof(aPin[0]); i++) {
    size_t n = strlen(aPin[i].z);
    char *z = (char *)malloc(n + 1);
    int64_t v = 0;
    int r;
    if (z == 0) return 0;
    memcpy(z, aPin[i].z, n + 1);
    r = rcMoneyFastText(z, n, aPin[i].nScale, &v);
    free(z);
    if (r != aPin[i].r || (r != 0 && v != aPin[i].v)) {
      snprintf(zWhy, nWhy, "\"%s\" at scale %d: returned %d (%lld), not %d",
               aPin[i].z, aPin[i].nScale, r, (long long)v, aPin[i].r);
      return 0;
    }
  }
  return 1;
}

int main(void) {
  char zErr[200], zWhy[200];
  int i, bOk = 1, bPinned;

  for (i = 0; i < N_SPEC; i++) {
    if (!rcMoneySpecParse(azSpec[i], strlen(azSpec[i]), &aSpec[i], zErr,
                          (int)sizeof(zErr))) {
      printf("FAIL money-fast-0.1-specs: '%s': %s\n", azSpec[i], zErr);
      return 1;
    }
  }
  for (i = 0; i <= 18; i++) {
    char z[32];
    int n = snprintf(z, sizeof(z), "XAU, scale=%d", i);
    if (!rcMoneySpecParse(z, (size_t)n, &aScaleSpec[i], zErr,
                          (int)sizeof(zErr))) {
      printf("FAIL money-fast-0.1-specs: '%s': %s\n", z, zErr);
      return 1;
    }
  }
  bPinned = explicitChecks(zWhy, sizeof(zWhy));
  exhaustive();
  for (i = 0; i < 100000; i++)
    randomAmount();

  if (nText >= 100000) {
    printf("PASS money-fast-1.1-corpus-size (%d texts, each under %d "
           "currency arguments and at 19 scales)\n",
           nText, N_SPEC);
  } else {
    printf("FAIL money-fast-1.1-corpus-size: %d texts, fewer than 100000\n",
           nText);
    bOk = 0;
  }
  if (nFail[0] == 0) {
    printf("PASS money-fast-1.2-fast-reader-equals-full-parser\n");
  } else {
    printf("FAIL money-fast-1.2-fast-reader-equals-full-parser: %d, first "
           "%s\n",
           nFail[0], zFirstFail[0]);
    bOk = 0;
  }
  if (nFail[1] == 0) {
    printf("PASS money-fast-1.3-from-text-equals-full-parser\n");
  } else {
    printf("FAIL money-fast-1.3-from-text-equals-full-parser: %d, first %s\n",
           nFail[1], zFirstFail[1]);
    bOk = 0;
  }
  if (nFail[2] == 0) {
    printf("PASS money-fast-1.4-every-scale-equals-full-parser\n");
  } else {
    printf("FAIL money-fast-1.4-every-scale-equals-full-parser: %d, first "
           "%s\n",
           nFail[2], zFirstFail[2]);
    bOk = 0;
  }
  /* the corpus reaches every outcome, so the checks above mean something */
  if (nFastTaken > 10000 && nFastDeclinedOk > 100 && nSyntax > 1000 &&
      nScaleErr > 100 && nOverflow > 100 && nCode > 100) {
    printf("PASS money-fast-1.5-every-outcome-covered (under USD: fast "
           "reader %d, full parser only %d, of which %d with a code; "
           "SYNTAX %d, SCALE %d, OVERFLOW %d)\n",
           nFastTaken, nFastDeclinedOk, nCode, nSyntax, nScaleErr, nOverflow);
  } else {
    printf("FAIL money-fast-1.5-every-outcome-covered: fast %d, full only "
           "%d, code %d, SYNTAX %d, SCALE %d, OVERFLOW %d\n",
           nFastTaken, nFastDeclinedOk, nCode, nSyntax, nScaleErr, nOverflow);
    bOk = 0;
  }
  if (bPinned) {
    printf("PASS money-fast-1.6-pinned-amounts\n");
  } else {
    printf("FAIL money-fast-1.6-pinned-amounts: %s\n", zWhy);
    bOk = 0;
  }
  return bOk ? 0 : 1;
}
