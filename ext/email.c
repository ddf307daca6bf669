/*
** email.c - the email address validator: bytes in, verdict and reason out.
**
** It reads top to bottom like the rules it implements:
**
**   1. the whole address: at most 254 octets (RFC 5321 4.5.3.1.3), one @,
**      no display name (RFC 5322 3.4 name-addr is not an address here)
**   2. the local part: dot-atom (RFC 5322 3.2.3), SMTPUTF8 (RFC 6531 3.3)
**      with python-email-validator's Unicode category rules, NFC and a
**      second look, at most 64 characters (RFC 5321 4.5.3.1.1);
**      quoted-string (RFC 5321 4.1.2) under the flag quoted and in the
**      rfc mode, which keeps to its ABNF (the empty "", quoted-pairs of
**      printable ASCII only)
**   3. the domain: UTS #46 mapping (non-transitional), then IDNA2008 per
**      label (RFC 5891 5.4, RFC 5892 code point classes and CONTEXTO,
**      RFC 5893 Bidi per right-to-left label), labels of 63 octets and a
**      domain of 253 in A-label form (RFC 1035 2.3.4), a dot and a last
**      character that is a letter, the special-use names of RFC 6761/7686;
**      address literals (RFC 5321 4.1.3) under the flag literal and in the
**      rfc mode, which keeps to its ABNF ("::" for two groups or more, the
**      tag "IPv6:" in any case, leading zeros in an IPv4 literal)
**   4. the normalized forms: at most 254 octets each
**
** The HTML5 mode is the WHATWG "valid e-mail address" rule, separately, at
** the end.  ASCII input never touches ICU and nothing here allocates.
*/
#include "email.h"
#include "email_int.h"

#include <arpa/inet.h>
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* The ASCII classes of email_int.h, by byte. */
const unsigned char aRcAscii[256] = {
    0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0, /* controls */
    0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0, /* controls */
    0,  9,  0,  9,  9,  9,  9,  9,
    0,  0,  9,  9,  0,  27, 24, 9, /*  !"#$%&'()*+,-./ */
    31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 0,  0,  0,  9,  0,  9, /* 0-9 :;<=>? */
    0,  31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, /* @A-O */
    31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 0,  0,  0,  9,  9, /* P-Z[\]^_ */
    9,  31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, /* `a-o */
    31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 9,  9,  9,  9,  0, /* p-z{|}~DEL */
    /* 0x80..0xFF: no class, so the fast path leaves them to the full one */
};

/* Work buffers: inputs are at most 254 octets, mappings may grow. */
#define RC_BUF 1024

struct RcEmailIcu {
  UIDNA *pIdna;
  const UNormalizer2 *pNfc;
  const UNormalizer2 *pNfkc;
  const UNormalizer2 *pNfkd;
  const UNormalizer2 *pUts46;
  const UNormalizer2 *pNfkcCf;
};

static const char *const azRcEmailTag[] = {
    "ok",           "too-long",        "no-at",          "multiple-at",
    "display-name", "quoted",          "local-empty",    "local-too-long",
    "local-chars",  "local-dot",       "local-unicode",  "unsafe-chars",
    "domain-empty", "domain-chars",    "domain-dot",     "domain-hyphen",
    "domain-idna",  "domain-too-long", "label-too-long", "domain-no-dot",
    "domain-tld",   "special-use",     "literal",        "internal",
};

const char *rcEmailTagName(RcEmailTag eTag) { return azRcEmailTag[eTag]; }

/* The longest prefix of z[0..n), at most nMax bytes, that ends a character. */
static int rcUtf8Prefix(const char *z, size_t n, size_t nMax) {
  size_t k = n < nMax ? n : nMax;
  if (k < n) {
    while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80)
      k--;
  }
  return (int)k;
}

static RcEmailTag rcFail(RcEmail *p, RcEmailTag eTag, const char *zFormat,
                         ...) {
  va_list ap;
  p->eTag = eTag;
  if (p->bNoMsg) return eTag; /* a verdict is all that was asked for */
  va_start(ap, zFormat);
  if (vsnprintf(p->zMsg, sizeof(p->zMsg), zFormat, ap) >=
      (int)sizeof(p->zMsg)) {
    /* Cut: never in the middle of a character. */
    p->zMsg[rcUtf8Prefix(p->zMsg, strlen(p->zMsg), sizeof(p->zMsg) - 4)] = 0;
    strcat(p->zMsg, "...");
  }
  va_end(ap);
  return eTag;
}

/* ---------------------------------------------------------------------- */
/* Flags                                                                    */

int rcEmailParseFlags(const char *z, unsigned *pFlags, char *zErr, int nErr) {
  static const struct {
    const char *zName;
    unsigned flag;
  } aFlag[] = {
      {"html5", RC_EMAIL_HTML5},   {"rfc", RC_EMAIL_RFC},
      {"quoted", RC_EMAIL_QUOTED}, {"literal", RC_EMAIL_LITERAL},
      {"ascii", RC_EMAIL_ASCII},   {"test-env", RC_EMAIL_TEST_ENV},
      {"local", RC_EMAIL_LOCAL},
  };
  unsigned flags = 0;
  while (*z) {
    size_t n, i, k;
    while (*z == ' ' || *z == ',')
      z++;
    if (*z == 0) break;
    for (n = 0; z[n] && z[n] != ',' && z[n] != ' '; n++) {
    }
    for (i = 0; i < sizeof(aFlag) / sizeof(aFlag[0]); i++) {
      const char *zName = aFlag[i].zName;
      for (k = 0; k < n && zName[k]; k++) {
        char c = z[k] >= 'A' && z[k] <= 'Z' ? (char)(z[k] + 32) : z[k];
        if (c != zName[k]) break;
      }
      if (k == n && zName[k] == 0) break;
    }
    if (i == sizeof(aFlag) / sizeof(aFlag[0])) {
      snprintf(zErr, (size_t)nErr,
               "unknown flag '%.*s': use html5, rfc, quoted, literal, "
               "ascii, test-env or local",
               rcUtf8Prefix(z, n, 40), z);
      return 0;
    }
    flags |= aFlag[i].flag;
    z += n;
  }
  if ((flags & RC_EMAIL_HTML5) && flags != RC_EMAIL_HTML5) {
    snprintf(zErr, (size_t)nErr,
             "the flag html5 is the WHATWG rule exactly and takes no other "
             "flag");
    return 0;
  }
  *pFlags = flags;
  return 1;
}

/* ---------------------------------------------------------------------- */
/* ICU objects: opened on the first address that is not ASCII.             */

void rcEmailIcuFree(RcEmailIcu *pIcu) {
  if (pIcu == 0) return;
  if (pIcu->pIdna) uidna_close(pIcu->pIdna);
  free(pIcu);
}

static RcEmailIcu *rcIcu(RcEmailIcu **ppIcu) {
  UErrorCode e = U_ZERO_ERROR;
  RcEmailIcu *pIcu = *ppIcu;
  if (pIcu) return pIcu;
  pIcu = (RcEmailIcu *)calloc(1, sizeof(*pIcu));
  if (pIcu == 0) return 0;
  pIcu->pIdna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII |
                                    UIDNA_NONTRANSITIONAL_TO_UNICODE |
                                    UIDNA_CHECK_CONTEXTJ | UIDNA_CHECK_CONTEXTO,
                                &e);
  pIcu->pNfc = unorm2_getNFCInstance(&e);
  pIcu->pNfkc = unorm2_getNFKCInstance(&e);
  pIcu->pNfkd = unorm2_getNFKDInstance(&e);
  pIcu->pUts46 = unorm2_getInstance(0, "uts46", UNORM2_COMPOSE, &e);
  pIcu->pNfkcCf = unorm2_getNFKCCasefoldInstance(&e);
  if (U_FAILURE(e)) {
    rcEmailIcuFree(pIcu);
    return 0;
  }
  *ppIcu = pIcu;
  return pIcu;
}

static RcEmailTag rcIcuFailed(RcEmail *p) {
  p->bNoMsg = 0; /* not a verdict: always say why */
  return rcFail(p, RC_EMAIL_INTERNAL, "ICU could not be opened");
}

/* ---------------------------------------------------------------------- */
/* Small helpers                                                            */

/* Code points of the UTF-8 text z[0..n) (valid by precondition). */
static size_t rcCountCp(const unsigned char *z, size_t n) {
  size_t i, nCp = 0;
  for (i = 0; i < n; i++)
    nCp += (z[i] & 0xC0) != 0x80;
  return nCp;
}

/*
** Appends the listing of code point c to zList ("'_'" for printable ASCII,
** "U+00A0" otherwise) unless it is there already; at most 5 entries.
*/
static void rcListAdd(char *zList, size_t nList, int *pnEntry, UChar32 c) {
  char zOne[16];
  size_t len = strlen(zList);
  if (c > 0x20 && c < 0x7F) {
    snprintf(zOne, sizeof(zOne), "'%c'", (char)c);
  } else {
    snprintf(zOne, sizeof(zOne), "U+%04X", (unsigned)c);
  }
  if (strstr(zList, zOne)) return;
  if (*pnEntry == 5) {
    if (len + 5 < nList) memcpy(zList + len, ", ...", 6);
    (*pnEntry)++;
    return;
  }
  if (*pnEntry > 5) return;
  snprintf(zList + len, nList - len, "%s%s", len ? ", " : "", zOne);
  (*pnEntry)++;
}

/*
** True when the label z[0..n) has '--' as its third and fourth characters
** (characters, not bytes: 'ς--k' has them second and third).
*/
static int rcHyphens34(const char *z, size_t n) {
  size_t i = 0;
  int nCp;
  for (nCp = 0; nCp < 2 && i < n; nCp++) {
    i++;
    while (i < n && ((unsigned char)z[i] & 0xC0) == 0x80)
      i++;
  }
  return nCp == 2 && i + 2 <= n && z[i] == '-' && z[i + 1] == '-';
}

/* True when every non-ASCII code point of z[0..n) is simple. */
static int rcAllSimple(const unsigned char *z, size_t n, unsigned flags) {
  int32_t i = 0;
  if (flags & RC_EMAIL_NO_FAST) return 0;
  while (i < (int32_t)n) {
    UChar32 c;
    U8_NEXT(z, i, (int32_t)n, c);
    if (c >= 0x80 && !rcIsSimpleCp(c)) return 0;
  }
  return 1;
}

/* UTF-8 to UTF-16; returns the length, or -1 when it does not fit. */
static int32_t rcToUtf16(const unsigned char *z, size_t n, UChar *aOut,
                         int32_t nOut) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t len = 0;
  u_strFromUTF8(aOut, nOut, &len, (const char *)z, (int32_t)n, &e);
  return U_FAILURE(e) || len >= nOut ? -1 : len;
}

/* UTF-16 to UTF-8; returns the length, or -1 when it does not fit. */
static int32_t rcToUtf8(const UChar *a, int32_t n, char *zOut, int32_t nOut) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t len = 0;
  u_strToUTF8(zOut, nOut, &len, a, n, &e);
  return U_FAILURE(e) || len >= nOut ? -1 : len;
}

/*
** python-email-validator's unsafe characters: spaces (unless bSpaceOk),
** line and paragraph separators, controls, format characters, surrogates,
** private use, unassigned code points, and a combining mark first.
*/
static RcEmailTag rcCheckUnsafe(const unsigned char *z, size_t n, int bSpaceOk,
                                RcEmail *p) {
  char zList[96] = "";
  int nEntry = 0;
  int32_t i = 0;
  while (i < (int32_t)n) {
    int32_t iStart = i;
    UChar32 c;
    int8_t gc;
    U8_NEXT(z, i, (int32_t)n, c);
    if (c < 0x80 && c >= 0x20 && c != 0x7F) continue;
    gc = u_charType(c);
    if ((gc == U_SPACE_SEPARATOR && !bSpaceOk) || gc == U_LINE_SEPARATOR ||
        gc == U_PARAGRAPH_SEPARATOR || gc == U_CONTROL_CHAR ||
        gc == U_FORMAT_CHAR || gc == U_SURROGATE || gc == U_PRIVATE_USE_CHAR ||
        gc == U_UNASSIGNED ||
        (iStart == 0 && (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
                         gc == U_COMBINING_SPACING_MARK))) {
      rcListAdd(zList, sizeof(zList), &nEntry, c);
    }
  }
  if (nEntry == 0) return RC_EMAIL_OK;
  return rcFail(p, RC_EMAIL_UNSAFE_CHARS,
                "the address contains unsafe characters: %s", zList);
}

/* ---------------------------------------------------------------------- */
/* 2. The local part                                                        */

/* The dot-atom rules on an unquoted local part of n >= 1 bytes. */
static RcEmailTag rcCheckDotAtom(const unsigned char *z, size_t n,
                                 const char *zPrefix, RcEmail *p) {
  char zList[96] = "";
  int nEntry = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned c = z[i];
    if (c < 0x80 && c != '.' && !RC_IS(c, RC_ATEXT)) {
      rcListAdd(zList, sizeof(zList), &nEntry, (UChar32)c);
    }
  }
  if (nEntry) {
    return rcFail(p, RC_EMAIL_LOCAL_CHARS,
                  "%sthe part before the @ contains invalid characters: %s",
                  zPrefix, zList);
  }
  if (z[n - 1] == '.') {
    return rcFail(p, RC_EMAIL_LOCAL_DOT,
                  "%sthe part before the @ cannot end with a period", zPrefix);
  }
  if (z[0] == '.') {
    return rcFail(p, RC_EMAIL_LOCAL_DOT,
                  "%sthe part before the @ cannot start with a period",
                  zPrefix);
  }
  for (i = 1; i < n; i++) {
    if (z[i] == '.' && z[i - 1] == '.') {
      return rcFail(p, RC_EMAIL_LOCAL_DOT,
                    "%sthe part before the @ cannot have two periods in a row",
                    zPrefix);
    }
  }
  return RC_EMAIL_OK;
}

/* The length limit: characters, or octets in the rfc mode. */
static RcEmailTag rcCheckLocalLength(const unsigned char *z, size_t n,
                                     unsigned flags, const char *zPrefix,
                                     RcEmail *p) {
  size_t nUnit = (flags & RC_EMAIL_RFC) ? n : rcCountCp(z, n);
  if (nUnit <= RC_MAX_LOCAL) return RC_EMAIL_OK;
  return rcFail(p, RC_EMAIL_LOCAL_TOO_LONG,
                "%sthe part before the @ is %zu %s, at most 64 are allowed",
                zPrefix, nUnit,
                (flags & RC_EMAIL_RFC) ? "bytes" : "characters");
}

/* Every rule on an unquoted local part, once. */
static RcEmailTag rcCheckLocalOnce(const unsigned char *z, size_t n,
                                   unsigned flags, const char *zPrefix,
                                   RcEmail *p) {
  if (n == 0) {
    return rcFail(p, RC_EMAIL_LOCAL_EMPTY,
                  "%sthere must be something before the @", zPrefix);
  }
  if (rcCheckLocalLength(z, n, flags, zPrefix, p)) return p->eTag;
  if (rcCheckDotAtom(z, n, zPrefix, p)) return p->eTag;
  if (!rcHasNonAscii(z, n)) return RC_EMAIL_OK;
  if (flags & RC_EMAIL_ASCII) {
    return rcFail(p, RC_EMAIL_LOCAL_UNICODE,
                  "%sinternational characters before the @ are not allowed "
                  "(flag ascii)",
                  zPrefix);
  }
  if (rcAllSimple(z, n, flags)) return RC_EMAIL_OK; /* letters: all safe */
  return rcCheckUnsafe(z, n, 0, p);
}

/*
** NFC of z[0..n) into zOut (RC_BUF bytes); returns its length, or -1 when
** it would not fit (then it is far too long anyway).
*/
static int32_t rcNfc(RcEmailIcu *pIcu, const unsigned char *z, size_t n,
                     char *zOut) {
  UChar aIn[RC_BUF / 2], aOut[RC_BUF];
  UErrorCode e = U_ZERO_ERROR;
  int32_t nIn = rcToUtf16(z, n, aIn, RC_BUF / 2);
  int32_t nOut;
  if (nIn < 0) return -1;
  if (unorm2_quickCheck(pIcu->pNfc, aIn, nIn, &e) == UNORM_YES &&
      U_SUCCESS(e)) {
    memcpy(zOut, z, n); /* already NFC: the common case */
    return (int32_t)n;
  }
  e = U_ZERO_ERROR;
  nOut = unorm2_normalize(pIcu->pNfc, aIn, nIn, aOut, RC_BUF, &e);
  if (U_FAILURE(e)) return -1;
  return rcToUtf8(aOut, nOut, zOut, RC_BUF);
}

/*
** Checks the unquoted local part and writes its normalized form (NFC) to
** zOut, *pnOut bytes.
*/
static RcEmailTag rcCheckLocal(const unsigned char *z, size_t n, unsigned flags,
                               RcEmailIcu **ppIcu, RcEmail *p, char *zOut,
                               size_t *pnOut) {
  RcEmailIcu *pIcu;
  int32_t nNfc;

  if (rcCheckLocalOnce(z, n, flags, "", p)) return p->eTag;
  if (!rcHasNonAscii(z, n) || rcAllSimple(z, n, flags)) { /* NFC already */
    memcpy(zOut, z, n);
    *pnOut = n;
    return RC_EMAIL_OK;
  }
  pIcu = rcIcu(ppIcu);
  if (pIcu == 0) return rcIcuFailed(p);
  nNfc = rcNfc(pIcu, z, n, zOut);
  if (nNfc < 0) {
    return rcFail(p, RC_EMAIL_LOCAL_TOO_LONG,
                  "after Unicode normalization: the part before the @ is "
                  "too long");
  }
  *pnOut = (size_t)nNfc;
  if ((size_t)nNfc == n && memcmp(zOut, z, n) == 0) return RC_EMAIL_OK;
  return rcCheckLocalOnce((const unsigned char *)zOut, (size_t)nNfc, flags,
                          "after Unicode normalization: ", p);
}

/*
** A quoted local part z[0..n), quotes included, under the flag quoted or
** in the rfc mode (RFC 5321 4.1.2, RFC 6531 3.3):
**
**   Quoted-string   = DQUOTE *QcontentSMTP DQUOTE
**   QcontentSMTP    = qtextSMTP / quoted-pairSMTP
**   quoted-pairSMTP = %d92 %d32-126
**   qtextSMTP       = %d32-33 / %d35-91 / %d93-126
**   qtextSMTP       =/ UTF8-non-ascii
**
** RFC 6531 extends qtextSMTP but not quoted-pairSMTP, so in the rfc mode a
** backslash quotes printable ASCII only; python-email-validator lets it
** quote any character.  The rfc mode takes the empty "" (zero
** QcontentSMTP); python-email-validator does not.  Writes the normalized
** form: bare when the content is a dot-atom, else quoted with only " and
** \ escaped.
*/
static RcEmailTag rcCheckQuoted(const unsigned char *z, size_t n,
                                unsigned flags, RcEmailIcu **ppIcu, RcEmail *p,
                                char *zOut, size_t *pnOut) {
  unsigned char zText[RC_BUF];
  char zNfc[RC_BUF];
  char zList[96] = "";
  int nEntry = 0;
  size_t i, nText = 0, nOut = 0;
  RcEmail probe; /* a trial: its verdict only */

  probe.bNoMsg = 1;

  for (i = 1; i + 1 < n; i++) {
    unsigned c = z[i];
    int bPair = c == '\\';
    if (bPair) c = z[++i];
    if (bPair && c >= 0x80 && (flags & RC_EMAIL_RFC)) {
      int32_t k = (int32_t)i;
      UChar32 cp;
      U8_NEXT(z, k, (int32_t)n, cp);
      return rcFail(p, RC_EMAIL_QUOTED_TAG,
                    "a backslash in the quoted part before the @ may quote "
                    "only printable ASCII (RFC 5321 4.1.2): U+%04X",
                    (unsigned)cp);
    }
    if (c < 0x20 || c == 0x7F)
      rcListAdd(zList, sizeof(zList), &nEntry, (UChar32)c);
    zText[nText++] = (unsigned char)c;
  }
  if (nEntry) {
    return rcFail(p, RC_EMAIL_QUOTED_TAG,
                  "the quoted part before the @ contains invalid characters: "
                  "%s",
                  zList);
  }
  if (nText == 0 && (flags & RC_EMAIL_RFC)) {
    memcpy(zOut, "\"\"", 2);
    *pnOut = 2;
    return RC_EMAIL_OK;
  }
  if (nText == 0) {
    return rcFail(p, RC_EMAIL_LOCAL_EMPTY,
                  "there must be something before the @");
  }
  if (rcCheckDotAtom(zText, nText, "", &probe) == RC_EMAIL_OK) {
    /* Content that is a dot-atom is judged, and stored, as one. */
    return rcCheckLocal(zText, nText, flags, ppIcu, p, zOut, pnOut);
  }
  if (rcCheckLocalLength(zText, nText, flags, "", p)) return p->eTag;
  if (rcHasNonAscii(zText, nText)) {
    RcEmailIcu *pIcu;
    int32_t nNfc;
    if (flags & RC_EMAIL_ASCII) {
      return rcFail(p, RC_EMAIL_LOCAL_UNICODE,
                    "international characters before the @ are not allowed "
                    "(flag ascii)");
    }
    if (rcCheckUnsafe(zText, nText, 1, p)) return p->eTag;
    pIcu = rcIcu(ppIcu);
    if (pIcu == 0) return rcIcuFailed(p);
    nNfc = rcNfc(pIcu, zText, nText, zNfc);
    if (nNfc < 0 || nNfc > RC_EMAIL_NORM_SIZE) {
      return rcFail(p, RC_EMAIL_LOCAL_TOO_LONG,
                    "the part before the @ is too long");
    }
    memcpy(zText, zNfc, (size_t)nNfc);
    nText = (size_t)nNfc;
  }
  zOut[nOut++] = '"';
  for (i = 0; i < nText && nOut + 3 < RC_BUF; i++) {
    if (zText[i] == '"' || zText[i] == '\\') zOut[nOut++] = '\\';
    zOut[nOut++] = (char)zText[i];
  }
  zOut[nOut++] = '"';
  *pnOut = nOut;
  return RC_EMAIL_OK;
}

/* ---------------------------------------------------------------------- */
/* 3. The domain: IDNA2008 code point classes (RFC 5892 section 3)          */

typedef enum RcIdnaClass {
  RC_PVALID,
  RC_CONTEXTJ,
  RC_CONTEXTO,
  RC_DISALLOWED,
  RC_UNASSIGNED
} RcIdnaClass;

/* RFC 5892 2.6, Exceptions (F). */
static int rcIdnaException(UChar32 c, RcIdnaClass *pClass) {
  switch (c) {
  case 0x00DF:
  case 0x03C2:
  case 0x06FD:
  case 0x06FE:
  case 0x0F0B:
  case 0x3007: *pClass = RC_PVALID; return 1;
  case 0x00B7:
  case 0x0375:
  case 0x05F3:
  case 0x05F4:
  case 0x30FB: *pClass = RC_CONTEXTO; return 1;
  case 0x0640:
  case 0x07FA:
  case 0x302E:
  case 0x302F:
  case 0x303B: *pClass = RC_DISALLOWED; return 1;
  default: break;
  }
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9)) {
    *pClass = RC_CONTEXTO;
    return 1;
  }
  if (c >= 0x3031 && c <= 0x3035) {
    *pClass = RC_DISALLOWED;
    return 1;
  }
  return 0;
}

/*
** RFC 5892 2.2, Unstable (B): toNFKC(toCaseFold(toNFKC(c))) != c, which is
** Unicode's Changes_When_NFKC_Casefolded for every code point that the
** earlier rules have not already decided (it differs only on default
** ignorables, which rule C makes DISALLOWED too).
*/
static int rcIdnaUnstable(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_NFKC_CASEFOLDED);
}

static RcIdnaClass rcIdnaClassOf(UChar32 c, int bStable) {
  RcIdnaClass eClass;
  int8_t gc;

  if (rcIdnaException(c, &eClass)) return eClass;
  if (c < 0x80) {
    return RC_IS(c, RC_LDH) && !(c >= 'A' && c <= 'Z') ? RC_PVALID
                                                       : RC_DISALLOWED;
  }
  gc = u_charType(c);
  if (gc == U_UNASSIGNED) {
    return u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT)
               ? RC_DISALLOWED
               : RC_UNASSIGNED;
  }
  if (c == 0x200C || c == 0x200D) return RC_CONTEXTJ;
  /* LetterDigits (A) is the only way to PVALID from here: look at the
  ** rules between it and us (B, C, D, I) only for those categories.
  ** White_Space and noncharacters are never letters, digits or marks. */
  if (!(gc == U_LOWERCASE_LETTER || gc == U_UPPERCASE_LETTER ||
        gc == U_OTHER_LETTER || gc == U_DECIMAL_DIGIT_NUMBER ||
        gc == U_MODIFIER_LETTER || gc == U_NON_SPACING_MARK ||
        gc == U_COMBINING_SPACING_MARK)) {
    return RC_DISALLOWED;
  }
  if ((!bStable && rcIdnaUnstable(c)) ||
      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    return RC_DISALLOWED; /* B, C */
  }
  if ((c >= 0x20D0 && c <= 0x20FF) || (c >= 0x1D100 && c <= 0x1D24F)) {
    return RC_DISALLOWED; /* D: the three ignorable blocks, adjacent */
  }
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) ||
      (c >= 0xD7B0 && c <= 0xD7FF)) {
    int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hst == U_HST_LEADING_JAMO || hst == U_HST_VOWEL_JAMO ||
        hst == U_HST_TRAILING_JAMO) {
      return RC_DISALLOWED; /* I */
    }
  }
  return RC_PVALID;
}

static int rcIsScript(UChar32 c, UScriptCode script) {
  UErrorCode e = U_ZERO_ERROR;
  return uscript_getScript(c, &e) == script;
}

/* RFC 5892 Appendix A: is the CONTEXTO code point a[i] allowed here? */
static int rcContextO(const UChar32 *a, int n, int i) {
  UChar32 c = a[i];
  int k;
  switch (c) {
  case 0x00B7: /* A.3 MIDDLE DOT: between two l */
    return i > 0 && i + 1 < n && a[i - 1] == 0x6C && a[i + 1] == 0x6C;
  case 0x0375: /* A.4 GREEK LOWER NUMERAL SIGN: before Greek */
    return i + 1 < n && rcIsScript(a[i + 1], USCRIPT_GREEK);
  case 0x05F3: /* A.5, A.6 HEBREW GERESH, GERSHAYIM: after Hebrew */
  case 0x05F4: return i > 0 && rcIsScript(a[i - 1], USCRIPT_HEBREW);
  case 0x30FB: /* A.9 KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han */
    for (k = 0; k < n; k++) {
      if (a[k] == 0x30FB) continue;
      if (rcIsScript(a[k], USCRIPT_HIRAGANA) ||
          rcIsScript(a[k], USCRIPT_KATAKANA) || rcIsScript(a[k], USCRIPT_HAN)) {
        return 1;
      }
    }
    return 0;
  default: break;
  }
  for (k = 0; k < n; k++) { /* A.8, A.9: digits of one kind only */
    if (c <= 0x0669 && a[k] >= 0x06F0 && a[k] <= 0x06F9) return 0;
    if (c >= 0x06F0 && a[k] >= 0x0660 && a[k] <= 0x0669) return 0;
  }
  return 1;
}

/*
** RFC 5893 section 2, applied to a label that holds an R, AL or AN
** character (python-email-validator leaves other labels alone).
*/
static int rcBidiOk(const UChar32 *a, int n) {
  int i, bRtl, bRtlLabel = 0, bEndOk = 0, numberType = -1;
  for (i = 0; i < n; i++) {
    int d = u_charDirection(a[i]);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC ||
        d == U_ARABIC_NUMBER) {
      bRtlLabel = 1;
    }
  }
  if (!bRtlLabel) return 1;
  switch (u_charDirection(a[0])) { /* rule 1 */
  case U_RIGHT_TO_LEFT:
  case U_RIGHT_TO_LEFT_ARABIC: bRtl = 1; break;
  case U_LEFT_TO_RIGHT: bRtl = 0; break;
  default: return 0;
  }
  for (i = 0; i < n; i++) {
    int d = u_charDirection(a[i]);
    if (bRtl) {
      switch (d) { /* rule 2 */
      case U_RIGHT_TO_LEFT:
      case U_RIGHT_TO_LEFT_ARABIC:
      case U_ARABIC_NUMBER:
      case U_EUROPEAN_NUMBER:
      case U_EUROPEAN_NUMBER_SEPARATOR:
      case U_COMMON_NUMBER_SEPARATOR:
      case U_EUROPEAN_NUMBER_TERMINATOR:
      case U_OTHER_NEUTRAL:
      case U_BOUNDARY_NEUTRAL:
      case U_DIR_NON_SPACING_MARK: break;
      default: return 0;
      }
      if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC ||
          d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER) {
        bEndOk = 1; /* rule 3 */
      } else if (d != U_DIR_NON_SPACING_MARK) {
        bEndOk = 0;
      }
      if (d == U_ARABIC_NUMBER || d == U_EUROPEAN_NUMBER) { /* rule 4 */
        if (numberType >= 0 && numberType != d) return 0;
        numberType = d;
      }
    } else {
      switch (d) { /* rule 5 */
      case U_LEFT_TO_RIGHT:
      case U_EUROPEAN_NUMBER:
      case U_EUROPEAN_NUMBER_SEPARATOR:
      case U_COMMON_NUMBER_SEPARATOR:
      case U_EUROPEAN_NUMBER_TERMINATOR:
      case U_OTHER_NEUTRAL:
      case U_BOUNDARY_NEUTRAL:
      case U_DIR_NON_SPACING_MARK: break;
      default: return 0;
      }
      if (d == U_LEFT_TO_RIGHT || d == U_EUROPEAN_NUMBER) { /* rule 6 */
        bEndOk = 1;
      } else if (d != U_DIR_NON_SPACING_MARK) {
        bEndOk = 0;
      }
    }
  }
  return bEndOk;
}

/*
** IDNA2008 validity of a U-label (RFC 5891 5.4), z[0..n) UTF-8.  bMapped:
** it comes out of the UTS #46 mapping, which composes, so it is NFC.
*/
static RcEmailTag rcCheckULabel(const RcEmailIcu *pIcu, const char *z, size_t n,
                                int bMapped, RcEmail *p) {
  UChar32 a[RC_BUF / 4];
  UChar a16[RC_BUF / 2];
  UErrorCode e = U_ZERO_ERROR;
  int32_t i = 0, n16;
  int nCp = 0, k, bStable;

  while (i < (int32_t)n && nCp < RC_BUF / 4) {
    U8_NEXT(z, i, (int32_t)n, a[nCp]);
    nCp++;
  }
  n16 = rcToUtf16((const unsigned char *)z, n, a16, RC_BUF / 2);
  if (n16 < 0 || (!bMapped && !unorm2_isNormalized(pIcu->pNfc, a16, n16, &e))) {
    return rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                  "the label '%.*s' is not in Unicode normalization form C",
                  rcUtf8Prefix(z, n, 40), z);
  }
  if (nCp > 0 && (U_GET_GC_MASK(a[0]) & U_GC_M_MASK)) {
    return rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                  "the label '%.*s' starts with a combining mark",
                  rcUtf8Prefix(z, n, 40), z);
  }
  if ((n > 0 && (z[0] == '-' || z[n - 1] == '-')) || rcHyphens34(z, n)) {
    return rcFail(p, RC_EMAIL_DOMAIN_HYPHEN,
                  "the label '%.*s' has a hyphen where none is allowed",
                  rcUtf8Prefix(z, n, 40), z);
  }
  /* A label that NFKC_Casefold leaves alone has no Unstable code point:
  ** one look at the label instead of one per code point. */
  e = U_ZERO_ERROR;
  bStable = unorm2_isNormalized(pIcu->pNfkcCf, a16, n16, &e) && U_SUCCESS(e);
  for (k = 0; k < nCp; k++) {
    RcIdnaClass eClass = rcIdnaClassOf(a[k], bStable);
    if (eClass == RC_PVALID) continue;
    if (eClass == RC_CONTEXTO && rcContextO(a, nCp, k)) continue;
    return rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                  eClass == RC_CONTEXTO
                      ? "U+%04X is not allowed there in a domain name "
                        "(RFC 5892 CONTEXTO)"
                      : "U+%04X is not allowed in a domain name (IDNA2008)",
                  (unsigned)a[k]);
  }
  if (!rcBidiOk(a, nCp)) {
    return rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                  "the label '%.*s' breaks the Bidi rule (RFC 5893)",
                  rcUtf8Prefix(z, n, 40), z);
  }
  return RC_EMAIL_OK;
}

/* ---------------------------------------------------------------------- */
/* Punycode (RFC 3492 6.3), for the A-label form of a checked U-label      */

#define RC_PUNY_BASE 36
#define RC_PUNY_TMIN 1
#define RC_PUNY_TMAX 26

/* RFC 3492 6.1, bias adaptation. */
static unsigned rcPunyAdapt(unsigned delta, unsigned nPoints, int bFirst) {
  unsigned k = 0;
  delta = bFirst ? delta / 700 : delta / 2;
  delta += delta / nPoints;
  while (delta > ((RC_PUNY_BASE - RC_PUNY_TMIN) * RC_PUNY_TMAX) / 2) {
    delta /= RC_PUNY_BASE - RC_PUNY_TMIN;
    k += RC_PUNY_BASE;
  }
  return k + (RC_PUNY_BASE - RC_PUNY_TMIN + 1) * delta / (delta + 38);
}

static char rcPunyDigit(unsigned d) {
  return (char)(d < 26 ? 'a' + d : '0' + d - 26);
}

/*
** Writes "xn--" and the Punycode of the n code points a[] to zOut, at most
** nOut bytes.  Returns the length, or -1 when it does not fit (or would
** overflow, which no label of 63 octets can).
*/
int rcPunycode(const UChar32 *a, int n, char *zOut, int nOut) {
  unsigned h, b = 0, delta = 0, bias = 72, cp = 0x80;
  int i, len = 4;

  if (nOut < 5) return -1;
  memcpy(zOut, "xn--", 4);
  for (i = 0; i < n; i++) {
    if (a[i] < 0x80) {
      if (len >= nOut) return -1;
      zOut[len++] = (char)a[i];
      b++;
    }
  }
  if (b > 0) {
    if (len >= nOut) return -1;
    zOut[len++] = '-';
  }
  for (h = b; h < (unsigned)n; cp++, delta++) {
    unsigned m = 0x110000;
    for (i = 0; i < n; i++) {
      if ((unsigned)a[i] >= cp && (unsigned)a[i] < m) m = (unsigned)a[i];
    }
    if ((m - cp) > (0xFFFFFFFFu - delta) / (h + 1)) return -1;
    delta += (m - cp) * (h + 1);
    cp = m;
    for (i = 0; i < n; i++) {
      unsigned q, k;
      if ((unsigned)a[i] < cp && ++delta == 0) return -1;
      if ((unsigned)a[i] != cp) continue;
      for (q = delta, k = RC_PUNY_BASE;; k += RC_PUNY_BASE) {
        unsigned t = k <= bias                  ? RC_PUNY_TMIN
                     : k >= bias + RC_PUNY_TMAX ? RC_PUNY_TMAX
                                                : k - bias;
        if (q < t) break;
        if (len >= nOut) return -1;
        zOut[len++] = rcPunyDigit(t + (q - t) % (RC_PUNY_BASE - t));
        q = (q - t) / (RC_PUNY_BASE - t);
      }
      if (len >= nOut) return -1;
      zOut[len++] = rcPunyDigit(q);
      bias = rcPunyAdapt(delta, h + 1, h == b);
      delta = 0;
      h++;
    }
  }
  return len;
}

/* ---------------------------------------------------------------------- */
/* 3. The domain: mapping, labels, limits                                   */

/* The 28 characters whose decomposition holds a FULL STOP (U+FF0E aside). */
static int rcHasDotDecomposition(const RcEmailIcu *pIcu, UChar32 c) {
  UChar a[32];
  UErrorCode e = U_ZERO_ERROR;
  int32_t i, n;
  int dt = u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE);
  if (c == 0xFF0E || dt == U_DT_NONE || dt == U_DT_CANONICAL) return 0;
  n = unorm2_getRawDecomposition(pIcu->pNfkd, c, a, 32, &e);
  for (i = 0; i < n; i++) {
    if (a[i] == '.') return 1;
  }
  return 0;
}

/*
** True for a code point UTS #46 ignores (maps to nothing): variation
** selectors, fillers, the combining grapheme joiner.  python-email-validator
** drops them silently when they are not first; richcheck refuses them, so
** that what is stored is what was typed.
*/
static int rcMapsToNothing(const RcEmailIcu *pIcu, UChar32 c) {
  UChar a[4], b[8];
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0, m;
  /* All of them are Default_Ignorable_Code_Point: a cheap filter. */
  if (!u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
  U16_APPEND_UNSAFE(a, n, c);
  m = unorm2_normalize(pIcu->pUts46, a, n, b, 8, &e);
  return U_SUCCESS(e) && m == 0;
}

/*
** UTS #46 mapping of a domain with non-ASCII characters, with the checks
** python-email-validator makes before it (unsafe characters, characters
** that decompose to a dot) and on the way (disallowed code points).
** Writes the mapped domain, UTF-8, to zOut; returns its length or -1.
*/
static int32_t rcMapDomain(const RcEmailIcu *pIcu, const unsigned char *z,
                           size_t n, char *zOut, RcEmail *p) {
  UChar aIn[RC_BUF / 2], aOut[RC_BUF];
  UErrorCode e = U_ZERO_ERROR;
  int32_t nIn, nOut, i = 0, len;
  char zList[96] = "", zGone[96] = "";
  int nEntry = 0, nGone = 0;

  if (rcCheckUnsafe(z, n, 0, p)) return -1;
  while (i < (int32_t)n) {
    UChar32 c;
    U8_NEXT(z, i, (int32_t)n, c);
    if (c < 0x80) continue;
    if (rcHasDotDecomposition(pIcu, c)) {
      rcListAdd(zList, sizeof(zList), &nEntry, c);
    } else if (rcMapsToNothing(pIcu, c)) {
      rcListAdd(zGone, sizeof(zGone), &nGone, c);
    }
  }
  if (nEntry) {
    rcFail(p, RC_EMAIL_DOMAIN_CHARS,
           "the part after the @ contains invalid characters: %s", zList);
    return -1;
  }
  if (nGone) {
    rcFail(p, RC_EMAIL_DOMAIN_CHARS,
           "the part after the @ contains invisible characters that UTS #46 "
           "would drop: %s",
           zGone);
    return -1;
  }
  nIn = rcToUtf16(z, n, aIn, RC_BUF / 2);
  nOut = unorm2_normalize(pIcu->pUts46, aIn, nIn, aOut, RC_BUF, &e);
  if (nIn < 0 || U_FAILURE(e)) {
    rcFail(p, RC_EMAIL_DOMAIN_TOO_LONG, "the part after the @ is too long");
    return -1;
  }
  for (i = 0; i < nOut; i++) {
    if (aOut[i] == 0xFFFD) { /* UTS #46 maps disallowed code points here */
      int32_t j = 0;
      while (j < nIn) {
        UChar32 c;
        UChar a1[4], a2[64];
        int32_t n1 = 0, n2, k;
        U16_NEXT(aIn, j, nIn, c);
        U16_APPEND_UNSAFE(a1, n1, c);
        e = U_ZERO_ERROR;
        n2 = unorm2_normalize(pIcu->pUts46, a1, n1, a2, 64, &e);
        for (k = 0; k < n2; k++) {
          if (a2[k] == 0xFFFD) {
            rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                   "U+%04X is not allowed in a domain name (UTS #46)",
                   (unsigned)c);
            return -1;
          }
        }
      }
      rcFail(p, RC_EMAIL_DOMAIN_IDNA,
             "a character is not allowed in a domain name (UTS #46)");
      return -1;
    }
  }
  len = rcToUtf8(aOut, nOut, zOut, RC_BUF);
  if (len < 0) {
    rcFail(p, RC_EMAIL_DOMAIN_TOO_LONG, "the part after the @ is too long");
  }
  return len;
}

/* True when z[0..n) holds the two bytes a, b next to each other. */
static int rcHasPair(const char *z, size_t n, char a, char b) {
  size_t i;
  for (i = 1; i < n; i++) {
    if (z[i - 1] == a && z[i] == b) return 1;
  }
  return 0;
}

/* Only LDH and dots among the ASCII characters of the domain z[0..n). */
static RcEmailTag rcCheckDomainChars(const char *z, size_t n, int bMapped,
                                     RcEmail *p) {
  char zList[96] = "";
  int nEntry = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned c = (unsigned char)z[i];
    if (c < 0x80 && c != '.' && !RC_IS(c, RC_LDH)) {
      rcListAdd(zList, sizeof(zList), &nEntry, (UChar32)c);
    }
  }
  if (nEntry == 0) return RC_EMAIL_OK;
  return rcFail(p, RC_EMAIL_DOMAIN_CHARS,
                "the part after the @ contains invalid characters%s: %s",
                bMapped ? " after Unicode normalization" : "", zList);
}

/* Characters, dots and hyphens of the (mapped) domain z[0..n). */
static RcEmailTag rcCheckDomainShape(const char *z, size_t n, int bMapped,
                                     RcEmail *p) {
  size_t i, iLabel = 0;

  if (rcCheckDomainChars(z, n, bMapped, p)) return p->eTag;
  if (z[n - 1] == '.') {
    return rcFail(p, RC_EMAIL_DOMAIN_DOT,
                  "the part after the @ cannot end with a period");
  }
  if (z[0] == '.') {
    return rcFail(p, RC_EMAIL_DOMAIN_DOT,
                  "the part after the @ cannot start with a period");
  }
  if (rcHasPair(z, n, '.', '.')) {
    return rcFail(p, RC_EMAIL_DOMAIN_DOT,
                  "the part after the @ cannot have two periods in a row");
  }
  if (z[n - 1] == '-' || z[0] == '-' || rcHasPair(z, n, '.', '-') ||
      rcHasPair(z, n, '-', '.')) {
    return rcFail(p, RC_EMAIL_DOMAIN_HYPHEN,
                  "a label after the @ cannot start or end with a hyphen");
  }
  for (i = 0; i <= n; i++) {
    if (i < n && z[i] != '.') continue;
    if (rcHyphens34(z + iLabel, i - iLabel) &&
        !((z[iLabel] | 0x20) == 'x' && (z[iLabel + 1] | 0x20) == 'n')) {
      return rcFail(p, RC_EMAIL_DOMAIN_HYPHEN,
                    "'--' in the third and fourth positions of a label is "
                    "allowed only in xn-- labels");
    }
    iLabel = i + 1;
  }
  return RC_EMAIL_OK;
}

/* True when the domain z[0..n) is, or is under, a special-use name. */
static int rcIsSpecialUse(const char *z, size_t n, unsigned flags) {
  const char *zLast = z + n;
  while (zLast > z && zLast[-1] != '.')
    zLast--;
  return rcIsSpecialLabel(zLast, (size_t)(z + n - zLast), flags);
}

/*
** Address literals (RFC 5321 4.1.3), rule by rule.  The default follows
** python-email-validator, whose ipaddress module refuses leading zeros in
** an IPv4 literal and lets "::" stand for one group of an IPv6 literal;
** the rfc mode follows the ABNF.
**
**   IPv4-address-literal = Snum 3("." Snum)
**   Snum                 = 1*3DIGIT  ; a decimal integer value in the
**                                    ; range 0 through 255
**
** Reads one at z into a[0..4), leading zeros allowed when bZeros; returns
** the end, or 0.
*/
static const char *rcIpv4Literal(const char *z, int bZeros, unsigned char *a) {
  int i;
  for (i = 0; i < 4; i++) {
    int v = 0, nDigit = 0;
    if (i > 0 && *z++ != '.') return 0;
    while (*z >= '0' && *z <= '9' && nDigit < 3) {
      v = v * 10 + (*z++ - '0');
      nDigit++;
    }
    if (nDigit == 0 || v > 255 ||
        (!bZeros && nDigit > 1 && z[-nDigit] == '0')) {
      return 0;
    }
    a[i] = (unsigned char)v;
  }
  return z;
}

static int rcIsHex(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static int rcHexValue(char c) {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/*
**   IPv6-addr   = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp
**   IPv6-hex    = 1*4HEXDIG
**   IPv6-full   = IPv6-hex 7(":" IPv6-hex)
**   IPv6-comp   = [IPv6-hex *5(":" IPv6-hex)] "::"
**                 [IPv6-hex *5(":" IPv6-hex)]
**                 ; The "::" represents at least 2 16-bit groups of zeros.
**                 ; No more than 6 groups in addition to the "::" may be
**                 ; present.
**   IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
**   IPv6v4-comp = [IPv6-hex *3(":" IPv6-hex)] "::"
**                 [IPv6-hex *3(":" IPv6-hex) ":"] IPv4-address-literal
**                 ; The "::" represents at least 2 16-bit groups of zeros.
**                 ; No more than 4 groups in addition to the "::" and
**                 ; IPv4-address-literal may be present.
**
** So "::" never stands for a single group (RFC 5952 4.2.2 agrees, and
** erratum 2467, which asked for it, was rejected).  Reads all of z into
** a[0..16); returns RC_EMAIL_OK or the failure, zLit (n bytes) shown in
** its message.
*/
static RcEmailTag rcIpv6Literal(const char *z, unsigned char *a,
                                const char *zLit, size_t n, RcEmail *p) {
  unsigned aGroup[8];
  unsigned char aV4[4];
  int nGroup = 0, iComp = -1, bV4 = 0, nMax, i, k;

  if (z[0] == ':' && z[1] == ':') {
    iComp = 0;
    z += 2;
  }
  while (*z) {
    unsigned v = 0;
    for (k = 0; rcIsHex(z[k]); k++) {
    }
    if (nGroup == 8) goto malformed;
    if (z[k] == '.') { /* the IPv4-address-literal, last */
      z = rcIpv4Literal(z, 1, aV4);
      if (z == 0 || *z) goto malformed;
      bV4 = 1;
      break;
    }
    if (k == 0 || k > 4) goto malformed;
    for (i = 0; i < k; i++)
      v = v * 16 + (unsigned)rcHexValue(z[i]);
    aGroup[nGroup++] = v;
    z += k;
    if (*z == 0) break;
    if (*z++ != ':') goto malformed;
    if (*z == ':') {
      if (iComp >= 0) goto malformed;
      iComp = nGroup;
      z++;
    } else if (*z == 0) {
      goto malformed; /* a lone ':' last */
    }
  }
  nMax = bV4 ? 6 : 8;
  if (iComp < 0 && nGroup != nMax) goto malformed;
  if (iComp >= 0 && nGroup > nMax - 2) {
    return rcFail(p, RC_EMAIL_LITERAL_TAG,
                  bV4 ? "'%.*s' has %d groups beside '::' and the IPv4 part, "
                        "at most 4 are allowed (RFC 5321 4.1.3)"
                      : "'%.*s' has %d groups beside '::', at most 6 are "
                        "allowed (RFC 5321 4.1.3)",
                  rcUtf8Prefix(zLit, n, 60), zLit, nGroup);
  }
  memset(a, 0, 16);
  for (i = 0; i < nGroup; i++) {
    /* The groups after "::" end where the address (or its IPv4 part) does. */
    int iAt = iComp >= 0 && i >= iComp ? nMax - nGroup + i : i;
    a[2 * iAt] = (unsigned char)(aGroup[i] >> 8);
    a[2 * iAt + 1] = (unsigned char)(aGroup[i] & 0xFF);
  }
  if (bV4) memcpy(a + 12, aV4, 4);
  return RC_EMAIL_OK;

malformed:
  return rcFail(p, RC_EMAIL_LITERAL_TAG,
                "'%.*s' is not a valid IPv4 or IPv6 address literal",
                rcUtf8Prefix(zLit, n, 60), zLit);
}

/*
** An address literal z[0..n), brackets included.  Its normalized form has
** the IPv6 address in RFC 5952 form and the IPv4 one without leading zeros.
**
**   address-literal      = "[" ( IPv4-address-literal /
**                          IPv6-address-literal /
**                          General-address-literal ) "]"
**   IPv6-address-literal = "IPv6:" IPv6-addr
**
** Only IPv6 is a registered Standardized-tag, so no General-address-literal
** is valid.  Quoted strings in ABNF are case-insensitive (RFC 5234 2.3), so
** the rfc mode takes "ipv6:" too; python-email-validator wants "IPv6:".
*/
static RcEmailTag rcCheckLiteral(const char *z, size_t n, unsigned flags,
                                 char *zUni, size_t *pnUni, RcEmail *p) {
  char zIn[RC_BUF], zOut[INET6_ADDRSTRLEN];
  unsigned char aAddr[16];
  size_t nIn = n - 2;
  int bRfc = (flags & RC_EMAIL_RFC) != 0;
  const char *zEnd;

  memcpy(zIn, z + 1, nIn);
  zIn[nIn] = 0;
  if (!(flags & (RC_EMAIL_LITERAL | RC_EMAIL_RFC))) {
    return rcFail(p, RC_EMAIL_LITERAL_TAG,
                  "an address literal after the @ is not allowed (flag "
                  "literal)");
  }
  if (nIn > 5 && ((bRfc && (zIn[0] | 0x20) == 'i' && (zIn[1] | 0x20) == 'p' &&
                   (zIn[2] | 0x20) == 'v' && zIn[3] == '6' && zIn[4] == ':') ||
                  memcmp(zIn, "IPv6:", 5) == 0)) {
    if (bRfc) {
      if (rcIpv6Literal(zIn + 5, aAddr, z, n, p)) return p->eTag;
    } else if (inet_pton(AF_INET6, zIn + 5, aAddr) != 1) {
      goto malformed;
    }
    if (inet_ntop(AF_INET6, aAddr, zOut, sizeof(zOut)) == 0) goto malformed;
    *pnUni = (size_t)snprintf(zUni, RC_BUF, "[IPv6:%s]", zOut);
    return RC_EMAIL_OK;
  }
  zEnd = rcIpv4Literal(zIn, bRfc, aAddr);
  if (zEnd && *zEnd == 0) {
    *pnUni = (size_t)snprintf(zUni, RC_BUF, "[%u.%u.%u.%u]", aAddr[0], aAddr[1],
                              aAddr[2], aAddr[3]);
    return RC_EMAIL_OK;
  }

malformed:
  return rcFail(p, RC_EMAIL_LITERAL_TAG,
                "'%.*s' is not a valid IPv4 or IPv6 address literal",
                rcUtf8Prefix(z, n, 60), z);
}

/*
** Checks the domain z[0..n).  Writes its Unicode form (mapped, xn-- labels
** decoded) to zUni and its ASCII form (A-labels) to zAscii.
*/
static RcEmailTag rcCheckDomain(const unsigned char *z, size_t n,
                                unsigned flags, RcEmailIcu **ppIcu, RcEmail *p,
                                char *zUni, size_t *pnUni, char *zAscii,
                                size_t *pnAscii) {
  char zMap[RC_BUF];
  RcEmailIcu *pIcu = 0;
  size_t nMap, i, iLabel, nUni = 0, nAscii = 0;
  size_t nMaxDomain =
      (flags & RC_EMAIL_RFC) ? RC_MAX_DOMAIN_RFC : RC_MAX_DOMAIN;
  int bXn = 0;

  if (n == 0) {
    return rcFail(p, RC_EMAIL_DOMAIN_EMPTY,
                  "there must be something after the @");
  }
  if (z[0] == '[' && z[n - 1] == ']' && n >= 2) {
    if (rcCheckLiteral((const char *)z, n, flags, zUni, pnUni, p)) {
      return p->eTag;
    }
    memcpy(zAscii, zUni, *pnUni);
    *pnAscii = *pnUni;
    return RC_EMAIL_OK;
  }
  if (rcHasNonAscii(z, n) && !rcAllSimple(z, n, flags)) {
    int32_t len;
    if (rcCheckDomainChars((const char *)z, n, 0, p)) return p->eTag;
    pIcu = rcIcu(ppIcu);
    if (pIcu == 0) return rcIcuFailed(p);
    len = rcMapDomain(pIcu, z, n, zMap, p);
    if (len < 0) return p->eTag;
    nMap = (size_t)len;
    if (nMap == 0) {
      return rcFail(p, RC_EMAIL_DOMAIN_EMPTY,
                    "there must be something after the @");
    }
    if (rcCheckDomainShape(zMap, nMap, 1, p)) return p->eTag;
  } else {
    if (rcCheckDomainShape((const char *)z, n, 0, p)) return p->eTag;
    for (i = 0; i < n; i++) {
      unsigned c = z[i];
      zMap[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    nMap = n;
  }

  /* Each label to its ASCII form (RFC 5891 4.4) and its Unicode form. */
  for (i = 0, iLabel = 0; i <= nMap; i++) {
    const char *zLabel = zMap + iLabel;
    size_t nLabel = i - iLabel;
    if (i < nMap && zMap[i] != '.') continue;
    iLabel = i + 1;
    if (nAscii) zAscii[nAscii++] = '.';
    if (nUni) zUni[nUni++] = '.';
    if (rcHasNonAscii((const unsigned char *)zLabel, nLabel)) {
      UChar32 aCp[RC_MAX_LABEL + 1];
      int32_t k = 0, len;
      int nCp = 0;
      if (rcHyphens34(zLabel, nLabel)) { /* 'xn--é': not an A-label */
        return rcFail(p, RC_EMAIL_DOMAIN_HYPHEN,
                      "the label '%.*s' has a hyphen where none is allowed",
                      rcUtf8Prefix(zLabel, nLabel, 40), zLabel);
      }
      if (pIcu && rcCheckULabel(pIcu, zLabel, nLabel, 1, p)) return p->eTag;
      while (k < (int32_t)nLabel && nCp <= RC_MAX_LABEL) {
        U8_NEXT(zLabel, k, (int32_t)nLabel, aCp[nCp]);
        nCp++;
      }
      /* An A-label is at least as long as its code points: 64 are too many. */
      len = nCp > RC_MAX_LABEL ? RC_MAX_LABEL + 1
                               : rcPunycode(aCp, nCp, zAscii + nAscii,
                                            (int)(RC_BUF - nAscii - 1));
      if (len < 0) len = RC_MAX_LABEL + 1;
      if ((size_t)len > RC_MAX_LABEL) {
        return rcFail(p, RC_EMAIL_LABEL_TOO_LONG,
                      "a label after the @ is longer than 63 characters in "
                      "IDNA ASCII form");
      }
      nAscii += (size_t)len;
    } else {
      memcpy(zAscii + nAscii, zLabel, nLabel);
      nAscii += nLabel;
      bXn |= nLabel >= 4 && memcmp(zLabel, "xn--", 4) == 0;
    }
    memcpy(zUni + nUni, zLabel, nLabel);
    nUni += nLabel;
    if (nAscii >= RC_BUF - 64) break;
  }
  zAscii[nAscii] = 0;

  if (nAscii > nMaxDomain) {
    return rcFail(p, RC_EMAIL_DOMAIN_TOO_LONG,
                  "the part after the @ is %zu characters in IDNA ASCII form, "
                  "at most %zu are allowed",
                  nAscii, nMaxDomain);
  }
  for (i = 0, iLabel = 0; i <= nAscii; i++) {
    if (i < nAscii && zAscii[i] != '.') continue;
    if (i - iLabel > RC_MAX_LABEL) {
      return rcFail(p, RC_EMAIL_LABEL_TOO_LONG,
                    "a label after the @ is %zu characters, at most 63 are "
                    "allowed",
                    i - iLabel);
    }
    iLabel = i + 1;
  }
  if (!(flags & (RC_EMAIL_LOCAL | RC_EMAIL_RFC))) {
    int bTestOk = (flags & RC_EMAIL_TEST_ENV) && strcmp(zAscii, "test") == 0;
    if (!memchr(zAscii, '.', nAscii) && !bTestOk) {
      return rcFail(p, RC_EMAIL_DOMAIN_NO_DOT,
                    "the part after the @ must have a period (flag local "
                    "allows dotless domains)");
    }
    if (!(zAscii[nAscii - 1] >= 'a' && zAscii[nAscii - 1] <= 'z')) {
      return rcFail(p, RC_EMAIL_DOMAIN_TLD,
                    "the part after the @ does not end in a valid top-level "
                    "domain");
    }
  }
  if (!(flags & RC_EMAIL_RFC) && rcIsSpecialUse(zAscii, nAscii, flags)) {
    return rcFail(p, RC_EMAIL_SPECIAL_USE,
                  "'%s' is a special-use domain name that cannot be used "
                  "for email",
                  zAscii);
  }
  if (bXn) { /* decode the A-labels (RFC 5891 5.3) and check the U-labels */
    nUni = 0;
    pIcu = rcIcu(ppIcu);
    if (pIcu == 0) return rcIcuFailed(p);
    for (i = 0, iLabel = 0; i <= nAscii; i++) {
      const char *zLabel = zAscii + iLabel;
      size_t nLabel = i - iLabel;
      if (i < nAscii && zAscii[i] != '.') continue;
      iLabel = i + 1;
      if (nUni) zUni[nUni++] = '.';
      if (nLabel >= 4 && memcmp(zLabel, "xn--", 4) == 0) {
        UIDNAInfo info = UIDNA_INFO_INITIALIZER;
        UErrorCode e = U_ZERO_ERROR;
        int32_t len = uidna_labelToUnicodeUTF8(
            pIcu->pIdna, zLabel, (int32_t)nLabel, zUni + nUni,
            (int32_t)(RC_BUF - nUni - 1), &info, &e);
        if (U_FAILURE(e) || info.errors != 0 || len <= 0) {
          return rcFail(p, RC_EMAIL_DOMAIN_IDNA,
                        "'%.*s' is not a valid A-label (Punycode)",
                        rcUtf8Prefix(zLabel, nLabel, 40), zLabel);
        }
        if (rcCheckULabel(pIcu, zUni + nUni, (size_t)len, 0, p)) {
          return p->eTag;
        }
        nUni += (size_t)len;
      } else {
        memcpy(zUni + nUni, zLabel, nLabel);
        nUni += nLabel;
      }
    }
  }
  *pnUni = nUni;
  *pnAscii = nAscii;
  return RC_EMAIL_OK;
}

/* Lists the characters of z[iStart..iEnd) that are neither a dot nor cls. */
static void rcListStrangers(const unsigned char *z, size_t iStart, size_t iEnd,
                            int cls, char *zList, size_t nList, int *pnEntry) {
  size_t i;
  for (i = iStart; i < iEnd; i++) {
    UChar32 c = z[i];
    if (c == '.' || RC_IS(c, cls)) continue;
    if (c >= 0x80) {
      int32_t k = (int32_t)i;
      U8_NEXT(z, k, (int32_t)iEnd, c);
      i = (size_t)k - 1;
    }
    rcListAdd(zList, nList, pnEntry, c);
  }
}

/* ---------------------------------------------------------------------- */
/* The WHATWG rule (HTML Living Standard, "valid e-mail address")          */

static RcEmailTag rcCheckHtml5(const unsigned char *z, size_t n, unsigned flags,
                               RcEmail *p) {
  const unsigned char *zAt = (const unsigned char *)memchr(z, '@', n);
  char zList[96] = "";
  int nEntry = 0;
  size_t i, nLocal, iLabel, nOut;

  if (zAt == 0)
    return rcFail(p, RC_EMAIL_NO_AT, "an email address must have an @");
  nLocal = (size_t)(zAt - z);
  if (memchr(zAt + 1, '@', n - nLocal - 1)) {
    return rcFail(p, RC_EMAIL_MULTIPLE_AT, "more than one @");
  }
  if (nLocal == 0) {
    return rcFail(p, RC_EMAIL_LOCAL_EMPTY,
                  "there must be something before the @");
  }
  rcListStrangers(z, 0, nLocal, RC_ATEXT, zList, sizeof(zList), &nEntry);
  if (nEntry) {
    return rcFail(p, RC_EMAIL_LOCAL_CHARS,
                  "the part before the @ contains invalid characters: %s",
                  zList);
  }
  if (nLocal + 1 == n) {
    return rcFail(p, RC_EMAIL_DOMAIN_EMPTY,
                  "there must be something after the @");
  }
  rcListStrangers(z, nLocal + 1, n, RC_LDH, zList, sizeof(zList), &nEntry);
  if (nEntry) {
    return rcFail(p, RC_EMAIL_DOMAIN_CHARS,
                  "the part after the @ contains invalid characters: %s",
                  zList);
  }
  for (i = nLocal + 1, iLabel = i; i <= n; i++) {
    size_t nLabel;
    if (i < n && z[i] != '.') continue;
    nLabel = i - iLabel;
    if (nLabel == 0) {
      return rcFail(p, RC_EMAIL_DOMAIN_DOT,
                    "the part after the @ has an empty label");
    }
    if (z[iLabel] == '-' || z[i - 1] == '-') {
      return rcFail(p, RC_EMAIL_DOMAIN_HYPHEN,
                    "a label after the @ cannot start or end with a hyphen");
    }
    if (nLabel > RC_MAX_LABEL) {
      return rcFail(p, RC_EMAIL_LABEL_TOO_LONG,
                    "a label after the @ is %zu characters, at most 63 are "
                    "allowed",
                    nLabel);
    }
    iLabel = i + 1;
  }
  nOut = n < RC_EMAIL_NORM_SIZE - 1 && !(flags & RC_EMAIL_NO_NORM) ? n : 0;
  for (i = 0; i < nOut; i++) {
    unsigned c = z[i];
    p->zNorm[i] = (char)(i > nLocal && c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  p->zNorm[nOut] = 0;
  return RC_EMAIL_OK;
}

/* ---------------------------------------------------------------------- */
/* 1 and 4. The whole address                                               */

/* RFC 2142 role names, which python-email-validator 2.x lowercases. */
void rcLowerRoleName(char *z, size_t n) {
  static const char *const azRole[] = {
      "info", "marketing", "sales",      "support",    "abuse",
      "noc",  "security",  "postmaster", "hostmaster", "usenet",
      "news", "webmaster", "www",        "uucp",       "ftp"};
  char zLow[16];
  size_t i;
  if (n >= sizeof(zLow)) return;
  for (i = 0; i < n; i++) {
    unsigned c = (unsigned char)z[i];
    zLow[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  zLow[n] = 0;
  for (i = 0; i < sizeof(azRole) / sizeof(azRole[0]); i++) {
    if (strcmp(zLow, azRole[i]) == 0) {
      memcpy(z, zLow, n);
      return;
    }
  }
}

/* The backslashes that quote a character in the quoted string z[0..n). */
static size_t rcCountEscapes(const unsigned char *z, size_t n) {
  size_t i, nEscape = 0;
  for (i = 1; i + 1 < n; i++) {
    if (z[i] == '\\') {
      nEscape++;
      i++;
    }
  }
  return nEscape;
}

/* Finds the @ that ends the local part; 0 with the failure set if none. */
static RcEmailTag rcSplit(const unsigned char *z, size_t n, size_t *piAt,
                          RcEmail *p) {
  size_t i = 0, iAt;
  if (n > 0 && z[0] == '"') { /* a quoted local part: its closing quote */
    for (i = 1; i < n && z[i] != '"'; i++) {
      if (z[i] == '\\') i++;
    }
    if (i >= n) {
      return rcFail(p, RC_EMAIL_QUOTED_TAG,
                    "the quoted part before the @ is not closed");
    }
    if (i + 1 < n && z[i + 1] != '@') {
      return rcFail(p, RC_EMAIL_QUOTED_TAG,
                    "after the closing quote there must be the @");
    }
    i++;
  }
  for (iAt = i; iAt < n && z[iAt] != '@'; iAt++) {
  }
  if (memchr(z + i, '<', n - i)) {
    return rcFail(p, RC_EMAIL_DISPLAY_NAME,
                  "a display name or angle brackets are not allowed");
  }
  if (iAt >= n)
    return rcFail(p, RC_EMAIL_NO_AT, "an email address must have an @");
  if (memchr(z + iAt + 1, '@', n - iAt - 1)) {
    return rcFail(p, RC_EMAIL_MULTIPLE_AT, "more than one @");
  }
  *piAt = iAt;
  return RC_EMAIL_OK;
}

RcEmailTag rcEmailCheck(const unsigned char *z, size_t n, unsigned flags,
                        RcEmailIcu **ppIcu, RcEmail *p) {
  char zLocal[RC_BUF], zUni[RC_BUF], zAscii[RC_BUF];
  size_t iAt = 0, nLocal = 0, nUni = 0, nAscii = 0;

  p->eTag = RC_EMAIL_OK;
  p->zMsg[0] = 0;
  p->zNorm[0] = 0;
  p->bNoMsg = (flags & RC_EMAIL_NO_MSG) != 0;
  if (!(flags & (RC_EMAIL_NO_FAST | RC_EMAIL_TRIED_FAST)) &&
      rcEmailFast(z, n, flags, p)) {
    return p->eTag;
  }
  if (flags & RC_EMAIL_HTML5) return rcCheckHtml5(z, n, flags, p);
  /* A quoted local part may be longer as written than as it counts (its
  ** backslashes do not): at most 2 * 64 + 2 octets, then the domain.  The
  ** rfc mode counts the address as written (RFC 5321 4.5.3.1.3). */
  if (n > (z[0] == '"' && !(flags & RC_EMAIL_RFC)
               ? 2 * RC_MAX_LOCAL + 3 + RC_MAX_DOMAIN
               : RC_MAX_ADDRESS)) {
    return rcFail(p, RC_EMAIL_TOO_LONG,
                  "the address is %zu bytes, at most 254 are allowed", n);
  }
  if (rcSplit(z, n, &iAt, p)) return p->eTag;

  if (iAt > 0 && z[0] == '"') {
    if (!(flags & (RC_EMAIL_QUOTED | RC_EMAIL_RFC))) {
      return rcFail(p, RC_EMAIL_QUOTED_TAG,
                    "a quoted part before the @ is not allowed (flag quoted)");
    }
    if ((flags & RC_EMAIL_RFC) && iAt > RC_MAX_LOCAL) {
      return rcFail(p, RC_EMAIL_LOCAL_TOO_LONG,
                    "the part before the @ is %zu bytes, at most 64 are "
                    "allowed",
                    iAt); /* RFC 5321 4.5.3.1.1 counts it as written */
    }
    if (rcCheckQuoted(z, iAt, flags, ppIcu, p, zLocal, &nLocal)) return p->eTag;
    if (n - rcCountEscapes(z, iAt) > RC_MAX_ADDRESS) {
      return rcFail(p, RC_EMAIL_TOO_LONG,
                    "the address is %zu bytes without its escapes, at most "
                    "254 are allowed",
                    n - rcCountEscapes(z, iAt));
    }
  } else {
    if (rcCheckLocal(z, iAt, flags, ppIcu, p, zLocal, &nLocal)) return p->eTag;
  }
  if (!(flags & RC_EMAIL_NO_NORM)) {
    rcLowerRoleName(zLocal, nLocal); /* after unquoting, as 2.x does */
  }
  if (rcCheckDomain(z + iAt + 1, n - iAt - 1, flags, ppIcu, p, zUni, &nUni,
                    zAscii, &nAscii)) {
    return p->eTag;
  }

  if (nLocal + 1 + nUni > RC_MAX_ADDRESS) {
    return rcFail(p, RC_EMAIL_TOO_LONG,
                  "the address is %zu bytes after normalization, at most 254 "
                  "are allowed",
                  nLocal + 1 + nUni);
  }
  if (nLocal + 1 + nAscii > RC_MAX_ADDRESS) {
    return rcFail(p, RC_EMAIL_TOO_LONG,
                  "the address is %zu bytes with the domain in IDNA ASCII "
                  "form, at most 254 are allowed",
                  nLocal + 1 + nAscii);
  }
  if (!(flags & RC_EMAIL_NO_NORM)) {
    memcpy(p->zNorm, zLocal, nLocal);
    p->zNorm[nLocal] = '@';
    memcpy(p->zNorm + nLocal + 1, zUni, nUni);
    p->zNorm[nLocal + 1 + nUni] = 0;
  }
  p->zMsg[0] = 0;
  p->eTag = RC_EMAIL_OK;
  return RC_EMAIL_OK;
}
