/*
** fuzz_money_parse.c - libFuzzer target for the reader of amounts as a
** locale writes them (ext/money_fmt.c), with money.c behind it.
**
**     make fuzz
**     build/fuzz/fuzz_money_parse -max_total_time=120 -max_len=200
**
** The first byte picks the locale, the second the currency (or none); the
** rest is the text.  Beyond not crashing (zOut is exactly as large as the
** header says it must be, so ASan sees any write past it):
**   - what the reader accepts is money.c's syntax,
**     -?digits[.digits][ CODE], and nothing longer than promised;
**   - an amount it accepts, formatted by ICU in the same locale and read
**     again, is the same amount in the same currency.
*/
#include "money_fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const azLocale[] = {
    "en_US", "de_DE", "fr_FR", "de_CH", "en_IN",
    "ja_JP", "ar_EG", "sv_SE", "fa_IR", "ar_EG@numbers=latn"};
#define N_LOCALE (sizeof(azLocale) / sizeof(azLocale[0]))

static const char *const azSpec[] = {0,     "USD", "EUR", "JPY", "BHD",
                                     "CLF", "INR", "CHF", "EGP", "SEK"};
#define N_SPEC (sizeof(azSpec) / sizeof(azSpec[0]))

static RcMoneyLocale *apLoc[N_LOCALE];
static RcMoneySpec aSpec[N_SPEC];

static void fail(const char *zWhy, const uint8_t *z, size_t n, size_t iLoc,
                 size_t iSpec, const char *zOut) {
  size_t i;
  fprintf(stderr, "fuzz_money_parse: %s (%s, %s): ", zWhy, azLocale[iLoc],
          azSpec[iSpec] ? azSpec[iSpec] : "NULL");
  for (i = 0; i < n && i < 80; i++)
    fprintf(stderr, "%02x", z[i]);
  fprintf(stderr, " -> [%s]\n", zOut ? zOut : "");
  abort();
}

/* -?D+(.D+)?( LLL)? */
static int isMoneySyntax(const char *z) {
  size_t i = 0, n;
  if (z[i] == '-') i++;
  for (n = 0; z[i] >= '0' && z[i] <= '9'; i++, n++) {
  }
  if (n == 0) return 0;
  if (z[i] == '.') {
    for (i++, n = 0; z[i] >= '0' && z[i] <= '9'; i++, n++) {
    }
    if (n == 0) return 0;
  }
  if (z[i] == ' ') {
    for (i++, n = 0;
         (z[i] >= 'A' && z[i] <= 'Z') || (z[i] >= 'a' && z[i] <= 'z');
         i++, n++) {
    }
    if (n != 3) return 0;
  }
  return z[i] == 0;
}

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  size_t i;
  char zErr[120];
  (void)pArgc;
  (void)pArgv;
  for (i = 0; i < N_LOCALE; i++) {
    if (rcMoneyLocaleOpen(azLocale[i], strlen(azLocale[i]), &apLoc[i], zErr,
                          (int)sizeof(zErr)) != RC_MONEY_LOCALE_OK) {
      fprintf(stderr, "fuzz_money_parse: %s: %s\n", azLocale[i], zErr);
      abort();
    }
  }
  for (i = 0; i < N_SPEC; i++) {
    const char *z = azSpec[i] ? azSpec[i] : "strict";
    if (!rcMoneySpecParse(z, strlen(z), &aSpec[i], zErr, (int)sizeof(zErr))) {
      abort();
    }
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t iLoc, iSpec, n;
  const char *z;
  char *zOut, zCode[4], zDecimal[RC_MONEY_CANON_SIZE];
  char zText[RC_MONEY_FMT_SIZE], zBack[RC_MONEY_TEXT_OUT(RC_MONEY_FMT_SIZE)];
  const RcMoneySpec *pSpec;
  RcMoneyLocale *pLoc;
  RcMoney m, m2;
  int nScale = 0, nText;

  if (size < 2) return 0;
  iLoc = data[0] % N_LOCALE;
  iSpec = data[1] % N_SPEC;
  pLoc = apLoc[iLoc];
  pSpec = &aSpec[iSpec];
  z = (const char *)data + 2;
  n = size - 2;
  if (pSpec->pCur) nScale = pSpec->pCur->nScale;

  zOut = malloc(RC_MONEY_TEXT_OUT(n));
  if (zOut == 0) abort();
  if (rcMoneyReadText(pLoc, pSpec->pCur, nScale, z, n, zOut, zCode) !=
      RC_MONEY_TEXT_OK) {
    free(zOut);
    return 0;
  }
  if (!isMoneySyntax(zOut) || strlen(zOut) >= RC_MONEY_TEXT_OUT(n)) {
    fail("accepted text is not money.c's syntax", data, size, iLoc, iSpec,
         zOut);
  }
  if (rcMoneyFromText(zOut, strlen(zOut), pSpec, &m) != RC_MONEY_OK) {
    free(zOut);
    return 0;
  }

  /* Out through ICU and back: the same amount in the same currency. */
  rcMoneyCanon(m.iMinor, m.nScale, 0, zDecimal);
  nText = rcMoneyFormat(pLoc, m.pCur, m.nScale, zDecimal, zText);
  if (nText < 0) fail("ICU could not format", data, size, iLoc, iSpec, zText);
  if (pSpec->pCur) {
    if (rcMoneyReadText(pLoc, pSpec->pCur, nScale, zText, (size_t)nText, zBack,
                        zCode) != RC_MONEY_TEXT_OK ||
        rcMoneyFromText(zBack, strlen(zBack), pSpec, &m2) != RC_MONEY_OK ||
        m2.iMinor != m.iMinor || m2.pCur != m.pCur) {
      fail("formatted amount does not read back", data, size, iLoc, iSpec,
           zText);
    }
  }
  free(zOut);
  return 0;
}
