/*
** money_fmt.c - amounts as people write them in a locale, with no SQLite in
** it.  ICU formats (unum_formatDecimal on the exact decimal text, with the
** ISO 4217 scale forced); the reader is hand-written and strict, and takes
** from ICU only the locale's symbols.
**
**     en_US  "$1,234.50"   "-$1,234.50"   "1234.50"   "USD 1,234.50"
**     de_DE  "1.234,50 €"  "-1.234,50 €"  "1234,50"   "1.234,50 EUR"
**     de_CH  "CHF 1’234.50"  "CHF-1’234.50"
**     en_IN  "₹12,34,567.00"
**
** Grouping is all or nothing: once one grouping separator is written,
** every group must be the locale's (so "1.234,56" is no amount in en_US,
** and "12,34" none either).  Spaces: a plain space, U+00A0 and U+202F are
** one and the same; the direction marks ICU writes are ignored outside the
** digits.
*/
#include "money_fmt.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Locale names are short ASCII: "sr_Latn_RS@currency=EUR" at most. */
#define RC_MONEY_LOCALE_MAX 100

/* ---- code points ------------------------------------------------------ */

/* The code point at z[*pi] of valid UTF-8; advances *pi past it. */
static unsigned rcCpNext(const unsigned char *z, size_t *pi) {
  size_t i = *pi;
  unsigned c = z[i++];
  int nMore = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (nMore) c &= 0x3Fu >> nMore;
  for (; nMore > 0; nMore--)
    c = (c << 6) | (z[i++] & 0x3Fu);
  *pi = i;
  return c;
}

/* Writes c as UTF-8 to z; returns the bytes written (1..4). */
static size_t rcCpPut(unsigned c, char *z) {
  if (c < 0x80) {
    z[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    z[0] = (char)(0xC0 | (c >> 6));
    z[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    z[0] = (char)(0xE0 | (c >> 12));
    z[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  z[0] = (char)(0xF0 | (c >> 18));
  z[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  z[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  z[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* LRM, RLM and ALM: ICU writes them around signs and symbols (ar_EG). */
static int rcIsMark(unsigned c) {
  return c == 0x200E || c == 0x200F || c == 0x061C;
}

/* The no-break spaces ICU writes are read as plain spaces. */
static unsigned rcFoldSpace(unsigned c) {
  return c == 0x00A0 || c == 0x202F ? ' ' : c;
}

/*
** ICU's UTF-16 a[0..n) folded into z (RC_MONEY_SYM_SIZE bytes): marks
** dropped, spaces plain.  Returns 0 when it does not fit.
*/
static int rcFoldUChars(const UChar *a, int32_t n, char *z) {
  int32_t i = 0;
  size_t o = 0;
  while (i < n) {
    UChar32 c;
    U16_NEXT(a, i, n, c);
    if (rcIsMark((unsigned)c)) continue;
    if (o + 4 >= RC_MONEY_SYM_SIZE) return 0;
    o += rcCpPut(rcFoldSpace((unsigned)c), z + o);
  }
  z[o] = 0;
  return 1;
}

/* Symbol e of pFmt, folded into z. */
static int rcGetSymbol(const UNumberFormat *pFmt, UNumberFormatSymbol e,
                       char *z, UErrorCode *pSt) {
  UChar a[RC_MONEY_SYM_SIZE / 2];
  int32_t n = unum_getSymbol(pFmt, e, a, RC_MONEY_SYM_SIZE / 2, pSt);
  if (U_FAILURE(*pSt)) return 0;
  if (!rcFoldUChars(a, n, z)) {
    *pSt = U_BUFFER_OVERFLOW_ERROR;
    return 0;
  }
  return 1;
}

/* The symbols the reader needs, as pFmt has them now. */
static int rcGetSymbols(RcMoneyLocale *p, UErrorCode *pSt) {
  return rcGetSymbol(p->pFmt, UNUM_MONETARY_SEPARATOR_SYMBOL, p->zDecimal,
                     pSt) &&
         rcGetSymbol(p->pFmt, UNUM_MONETARY_GROUPING_SEPARATOR_SYMBOL,
                     p->zGroup, pSt) &&
         rcGetSymbol(p->pFmt, UNUM_MINUS_SIGN_SYMBOL, p->zMinus, pSt) &&
         rcGetSymbol(p->pFmt, UNUM_PLUS_SIGN_SYMBOL, p->zPlus, pSt) &&
         rcGetSymbol(p->pFmt, UNUM_CURRENCY_SYMBOL, p->zSymbol, pSt);
}

/* ---- the formatter ---------------------------------------------------- */

/* The locale's ten digits; ASCII ones when ICU's are not one code point. */
static void rcGetDigits(RcMoneyLocale *p) {
  static const UNumberFormatSymbol aSym[10] = {
      UNUM_ZERO_DIGIT_SYMBOL,  UNUM_ONE_DIGIT_SYMBOL,   UNUM_TWO_DIGIT_SYMBOL,
      UNUM_THREE_DIGIT_SYMBOL, UNUM_FOUR_DIGIT_SYMBOL,  UNUM_FIVE_DIGIT_SYMBOL,
      UNUM_SIX_DIGIT_SYMBOL,   UNUM_SEVEN_DIGIT_SYMBOL, UNUM_EIGHT_DIGIT_SYMBOL,
      UNUM_NINE_DIGIT_SYMBOL};
  int d;
  for (d = 0; d < 10; d++) {
    UChar a[4];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = unum_getSymbol(p->pFmt, aSym[d], a, 4, &st);
    int32_t i = 0;
    UChar32 c = 0;
    if (U_SUCCESS(st) && n > 0) U16_NEXT(a, i, n, c);
    if (U_FAILURE(st) || i != n || c <= ' ') break;
    p->aDigit[d] = (unsigned)c;
  }
  if (d < 10) {
    for (d = 0; d < 10; d++)
      p->aDigit[d] = (unsigned)('0' + d);
  }
}

/*
** True when ICU serves the locale from its own data (or an alias's), not
** from a parent's, the root's or the process default's; else the reason
** in zErr.
*/
static int rcLocaleHasData(const char *zCanon, char *zErr, int nErr) {
  UErrorCode st = U_ZERO_ERROR, st2 = U_ZERO_ERROR;
  UResourceBundle *pRes = ures_open(0, zCanon, &st);
  const char *zActual;
  int bOk = 0;
  if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
    snprintf(zErr, (size_t)nErr, "ICU has no data for it");
  } else if (st == U_USING_FALLBACK_WARNING) {
    zActual = ures_getLocaleByType(pRes, ULOC_ACTUAL_LOCALE, &st2);
    snprintf(zErr, (size_t)nErr, "ICU has data for '%s' only",
             U_SUCCESS(st2) && zActual ? zActual : "a parent");
  } else {
    bOk = 1;
  }
  ures_close(pRes);
  return bOk;
}

RcMoneyLocaleStatus rcMoneyLocaleOpen(const char *z, size_t n,
                                      RcMoneyLocale **pp, char *zErr,
                                      int nErr) {
  char zIn[RC_MONEY_LOCALE_MAX + 1];
  char zCanon[ULOC_FULLNAME_CAPACITY];
  UErrorCode st = U_ZERO_ERROR;
  RcMoneyLocale *p;
  size_t i;

  *pp = 0;
  for (i = 0; i < n && i < RC_MONEY_LOCALE_MAX; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || (c && strchr("_-@=;.", c)))) {
      break;
    }
  }
  if (n == 0 || i != n) {
    snprintf(zErr, (size_t)nErr, "not a locale name");
    return RC_MONEY_LOCALE_UNKNOWN;
  }
  memcpy(zIn, z, n);
  zIn[n] = 0;
  uloc_canonicalize(zIn, zCanon, (int32_t)sizeof(zCanon), &st);
  if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
      zCanon[0] == 0) {
    snprintf(zErr, (size_t)nErr, "not a locale name");
    return RC_MONEY_LOCALE_UNKNOWN;
  }
  if (!rcLocaleHasData(zCanon, zErr, nErr)) return RC_MONEY_LOCALE_UNKNOWN;

  p = (RcMoneyLocale *)calloc(1, sizeof(*p));
  if (p == 0) return RC_MONEY_LOCALE_NOMEM;
  memcpy(p->zLocale, zCanon, sizeof(zCanon));
  p->nScale = -1;
  p->pFmt = unum_open(UNUM_CURRENCY, 0, 0, zCanon, 0, &st);
  if (U_SUCCESS(st)) rcGetSymbols(p, &st); /* for text with a code */
  if (U_FAILURE(st)) {
    snprintf(zErr, (size_t)nErr, "%s", u_errorName(st));
    rcMoneyLocaleClose(p);
    return RC_MONEY_LOCALE_ICU;
  }
  rcGetDigits(p);
  p->nGroup1 = unum_getAttribute(p->pFmt, UNUM_GROUPING_USED)
                   ? unum_getAttribute(p->pFmt, UNUM_GROUPING_SIZE)
                   : 0;
  if (p->nGroup1 < 0) p->nGroup1 = 0;
  p->nGroup2 = unum_getAttribute(p->pFmt, UNUM_SECONDARY_GROUPING_SIZE);
  if (p->nGroup2 <= 0) p->nGroup2 = p->nGroup1;
  *pp = p;
  return RC_MONEY_LOCALE_OK;
}

void rcMoneyLocaleClose(RcMoneyLocale *p) {
  if (p == 0) return;
  if (p->pFmt) unum_close(p->pFmt);
  free(p);
}

/*
** Sets p's formatter to pCur with exactly nScale decimals (CLDR's digits
** differ from ISO 4217's for some currencies) and reads the symbols, which
** may depend on the currency.
*/
static int rcMoneyLocaleSet(RcMoneyLocale *p, const RcCurrency *pCur,
                            int nScale, UErrorCode *pSt) {
  UChar aCode[3];
  if (p->pCur == pCur && p->nScale == nScale) return 1;
  p->pCur = 0;
  u_charsToUChars(pCur->zCode, aCode, 3);
  unum_setTextAttribute(p->pFmt, UNUM_CURRENCY_CODE, aCode, 3, pSt);
  if (U_FAILURE(*pSt)) return 0;
  unum_setAttribute(p->pFmt, UNUM_MIN_FRACTION_DIGITS, nScale);
  unum_setAttribute(p->pFmt, UNUM_MAX_FRACTION_DIGITS, nScale);
  if (!rcGetSymbols(p, pSt)) return 0;
  p->pCur = pCur;
  p->nScale = nScale;
  return 1;
}

int rcMoneyFormat(RcMoneyLocale *p, const RcCurrency *pCur, int nScale,
                  const char *zDecimal, char zOut[RC_MONEY_FMT_SIZE]) {
  UChar aBuf[RC_MONEY_FMT_SIZE / 4];
  UErrorCode st = U_ZERO_ERROR;
  int32_t nBuf, nOut = 0;

  if (rcMoneyLocaleSet(p, pCur, nScale, &st)) {
    nBuf = unum_formatDecimal(p->pFmt, zDecimal, -1, aBuf,
                              RC_MONEY_FMT_SIZE / 4, 0, &st);
    if (U_SUCCESS(st)) {
      u_strToUTF8(zOut, RC_MONEY_FMT_SIZE, &nOut, aBuf, nBuf, &st);
    }
  }
  if (U_FAILURE(st) || nOut >= RC_MONEY_FMT_SIZE) {
    snprintf(zOut, RC_MONEY_FMT_SIZE, "%s",
             U_FAILURE(st) ? u_errorName(st) : "U_BUFFER_OVERFLOW_ERROR");
    return -1;
  }
  return nOut;
}

/* ---- the reader ------------------------------------------------------- */

/* Valid UTF-8 text, read from i on. */
typedef struct RcLex RcLex;
struct RcLex {
  const unsigned char *z;
  size_t n, i;
};

static unsigned rcLexPeek(const RcLex *p) {
  size_t i = p->i;
  return rcCpNext(p->z, &i);
}

/* The offset of the first character at or after i that is not a mark. */
static size_t rcSkipMarks(const RcLex *p, size_t i) {
  while (i < p->n) {
    size_t j = i;
    if (!rcIsMark(rcCpNext(p->z, &j))) break;
    i = j;
  }
  return i;
}

static void rcLexMarks(RcLex *p) { p->i = rcSkipMarks(p, p->i); }

/* One optional space (or no-break space). */
static void rcLexSpace(RcLex *p) {
  if (p->i < p->n && rcFoldSpace(rcLexPeek(p)) == ' ') rcCpNext(p->z, &p->i);
}

/*
** Matches the folded symbol zSym at p's position, spaces folded and, with
** bMarks, marks skipped; advances past it.  An empty symbol never matches.
*/
static int rcLexSym(RcLex *p, const char *zSym, int bMarks) {
  const unsigned char *s = (const unsigned char *)zSym;
  size_t i = p->i, k = 0, nSym = strlen(zSym);
  if (nSym == 0) return 0;
  while (k < nSym) {
    if (bMarks) i = rcSkipMarks(p, i);
    if (i >= p->n || rcFoldSpace(rcCpNext(p->z, &i)) != rcCpNext(s, &k)) {
      return 0;
    }
  }
  p->i = i;
  return 1;
}

/* Digit sets: one number is written in ASCII digits or in the locale's. */
#define RC_DIGITS_ASCII 1
#define RC_DIGITS_LOCALE 2

/* The digit at p's position (advancing), or -1; *pSet is kept or set. */
static int rcLexDigit(const RcMoneyLocale *pLoc, RcLex *p, int *pSet) {
  unsigned c;
  int d, eSet = 0;
  if (p->i >= p->n) return -1;
  c = rcLexPeek(p);
  if (c >= '0' && c <= '9') {
    d = (int)(c - '0');
    eSet = RC_DIGITS_ASCII;
  } else {
    for (d = 0; d < 10 && pLoc->aDigit[d] != c; d++) {
    }
    if (d == 10) return -1;
    eSet = RC_DIGITS_LOCALE;
  }
  if (*pSet && *pSet != eSet) return -1;
  *pSet = eSet;
  rcCpNext(p->z, &p->i);
  return d;
}

static int rcLexAtDigit(const RcMoneyLocale *pLoc, const RcLex *p, int eSet) {
  RcLex copy = *p;
  return rcLexDigit(pLoc, &copy, &eSet) >= 0;
}

/*
** The number, written to zOut at *pn as [digits][.digits].  A separator
** is one only when a digit follows it.  Groups, counted from the decimal
** separator leftwards: the first has nGroup1 digits, the others nGroup2,
** the last 1..nGroup2.
*/
static int rcLexNumber(const RcMoneyLocale *pLoc, RcLex *p, char *zOut,
                       size_t *pn) {
  size_t o = *pn, nDigit = 0;
  int eSet = 0, nSep = 0, d;
  for (;;) {
    size_t iSave = p->i;
    d = rcLexDigit(pLoc, p, &eSet);
    if (d >= 0) {
      zOut[o++] = (char)('0' + d);
      nDigit++;
      continue;
    }
    if (nDigit > 0 && rcLexSym(p, pLoc->zGroup, 0) &&
        rcLexAtDigit(pLoc, p, eSet)) {
      size_t nWant = (size_t)pLoc->nGroup2;
      if (pLoc->nGroup1 == 0) return 0;
      if (nSep == 0 ? nDigit > nWant : nDigit != nWant) return 0;
      nSep++;
      nDigit = 0;
      continue;
    }
    p->i = iSave;
    break;
  }
  if (nDigit == 0) return 0;
  if (nSep > 0 && nDigit != (size_t)pLoc->nGroup1) return 0;
  {
    size_t iSave = p->i;
    if (rcLexSym(p, pLoc->zDecimal, 0) && rcLexAtDigit(pLoc, p, eSet)) {
      zOut[o++] = '.';
      while ((d = rcLexDigit(pLoc, p, &eSet)) >= 0)
        zOut[o++] = (char)('0' + d);
    } else {
      p->i = iSave;
    }
  }
  *pn = o;
  return 1;
}

static int rcLexSign(const RcMoneyLocale *pLoc, RcLex *p, int *pbNeg) {
  if (rcLexSym(p, pLoc->zMinus, 1) || rcLexSym(p, "-", 0)) {
    *pbNeg = 1;
    return 1;
  }
  return rcLexSym(p, pLoc->zPlus, 1) || rcLexSym(p, "+", 0);
}

/* Three ASCII letters, not followed by a fourth. */
static int rcLexCode(RcLex *p, char zCode[4]) {
  size_t k;
  for (k = 0; k < 4 && p->i + k < p->n; k++) {
    char c = (char)p->z[p->i + k];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) break;
  }
  if (k != 3) return 0;
  memcpy(zCode, p->z + p->i, 3);
  zCode[3] = 0;
  p->i += 3;
  return 1;
}

/*
** The longest symbol, in the locale, of a current ISO 4217 currency that
** is written at p's position: its code to zCode, and advances.  Only asked
** when neither the expected symbol nor a code is there.
*/
static int rcLexOtherSymbol(const RcMoneyLocale *pLoc, RcLex *p,
                            char zCode[4]) {
  UErrorCode st = U_ZERO_ERROR;
  UEnumeration *pEnum =
      ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st);
  size_t iStart = p->i, iBest = p->i;
  const char *zIso;

  while (U_SUCCESS(st) && (zIso = uenum_next(pEnum, 0, &st)) != 0) {
    UChar aIso[4];
    const UChar *aName;
    int32_t nName = 0;
    UBool bChoice = 0;
    char zSym[RC_MONEY_SYM_SIZE];
    if (strlen(zIso) != 3) continue;
    u_charsToUChars(zIso, aIso, 4);
    aName = ucurr_getName(aIso, pLoc->zLocale, UCURR_SYMBOL_NAME, &bChoice,
                          &nName, &st);
    if (U_FAILURE(st)) break;
    if (!rcFoldUChars(aName, nName, zSym)) continue;
    p->i = iStart;
    if (rcLexSym(p, zSym, 1) && p->i > iBest) {
      iBest = p->i;
      memcpy(zCode, zIso, 4);
    }
  }
  uenum_close(pEnum);
  p->i = iBest;
  return iBest > iStart;
}

/* A currency: pCur's symbol, a code, or another currency's symbol. */
static int rcLexCurrency(const RcMoneyLocale *pLoc, const RcCurrency *pCur,
                         RcLex *p, char zCode[4], int *pbOther) {
  if (pCur && rcLexSym(p, pLoc->zSymbol, 1)) return 1;
  if (rcLexCode(p, zCode)) return 1;
  if (rcLexOtherSymbol(pLoc, p, zCode)) {
    *pbOther = 1;
    return 1;
  }
  return 0;
}

/*
** [sign and currency, in either order, each followed by at most one space]
** number [at most one space, then the currency if not yet written], with
** direction marks ignored between the parts.
*/
RcMoneyTextStatus rcMoneyReadText(RcMoneyLocale *pLoc, const RcCurrency *pCur,
                                  int nScale, const char *z, size_t n,
                                  char *zOut, char zCode[4]) {
  RcLex lex;
  RcUtf8Scan scan;
  UErrorCode st = U_ZERO_ERROR;
  size_t o = 0;
  int bSign = 0, bNeg = 0, bCur = 0, bOther = 0, k;

  zCode[0] = 0;
  zOut[0] = 0;
  if (rcUtf8Scan((const unsigned char *)z, n, &scan) != RC_UTF8_OK) {
    return RC_MONEY_TEXT_SYNTAX;
  }
  if (pCur && !rcMoneyLocaleSet(pLoc, pCur, nScale, &st)) {
    return RC_MONEY_TEXT_ICU;
  }
  lex.z = (const unsigned char *)z;
  lex.n = n;
  lex.i = 0;

  rcLexMarks(&lex);
  for (k = 0; k < 2 && !rcLexAtDigit(pLoc, &lex, 0); k++) {
    if (!bSign && rcLexSign(pLoc, &lex, &bNeg)) {
      bSign = 1;
    } else if (!bCur && rcLexCurrency(pLoc, pCur, &lex, zCode, &bOther)) {
      bCur = 1;
    } else {
      return RC_MONEY_TEXT_SYNTAX;
    }
    rcLexMarks(&lex);
    rcLexSpace(&lex);
    rcLexMarks(&lex);
  }
  if (bNeg) zOut[o++] = '-';
  if (!rcLexNumber(pLoc, &lex, zOut, &o)) return RC_MONEY_TEXT_SYNTAX;
  rcLexMarks(&lex);
  if (lex.i < lex.n) {
    rcLexSpace(&lex);
    rcLexMarks(&lex);
    if (bCur || !rcLexCurrency(pLoc, pCur, &lex, zCode, &bOther)) {
      return RC_MONEY_TEXT_SYNTAX;
    }
    rcLexMarks(&lex);
    if (lex.i < lex.n) return RC_MONEY_TEXT_SYNTAX;
  }
  if (zCode[0]) {
    if (pCur == 0 && bOther) return RC_MONEY_TEXT_SYMBOL;
    zOut[o++] = ' ';
    memcpy(zOut + o, zCode, 3);
    o += 3;
  }
  zOut[o] = 0;
  return RC_MONEY_TEXT_OK;
}
