/*
** fuzz_email.c - libFuzzer target for the email validator (ext/email.c,
** ext/email_fast.c).
**
**     make fuzz
**     build/fuzz/fuzz_email -max_total_time=120 -max_len=300
**
** The first byte picks the flags; the rest is the address.  Beyond not
** crashing, every verdict must keep these promises:
**   - a failure has a tag and a message, a success has neither;
**   - a normalized address is at most 254 bytes, strict UTF-8, and is
**     itself valid under the same flags, normalizing to itself;
**   - the html5 mode accepts only ASCII;
**   - the one-pass paths give what the full path gives: rcEmailCheck
**     with them exactly, by each way the machine runs (SSSE3, SSE2, the
**     table walks: rcEmailFastLevel); rcEmailFast alone (by each way, with
**     the same answer by every way, with and without a message wanted) a 1
**     only for what it takes, with the same normal form, and a -1 only for
**     what it refuses;
**   - an address literal the rfc mode takes, inet_pton takes too, alike.
*/
#include "email.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned aFlags[] = {
    0,
    RC_EMAIL_HTML5,
    RC_EMAIL_RFC,
    RC_EMAIL_QUOTED,
    RC_EMAIL_LITERAL,
    RC_EMAIL_ASCII,
    RC_EMAIL_TEST_ENV,
    RC_EMAIL_LOCAL,
    RC_EMAIL_QUOTED | RC_EMAIL_LITERAL | RC_EMAIL_LOCAL,
    RC_EMAIL_RFC | RC_EMAIL_ASCII,
    RC_EMAIL_TEST_ENV | RC_EMAIL_LOCAL,
    RC_EMAIL_QUOTED | RC_EMAIL_ASCII,
    RC_EMAIL_LITERAL | RC_EMAIL_TEST_ENV | RC_EMAIL_ASCII | RC_EMAIL_LOCAL,
    RC_EMAIL_RFC | RC_EMAIL_QUOTED | RC_EMAIL_LITERAL,
};

static RcEmailIcu *pIcu = 0;

static void fail(const char *zWhy, const uint8_t *z, size_t n, unsigned f) {
  size_t i;
  fprintf(stderr, "fuzz_email: %s (flags %u): ", zWhy, f);
  for (i = 0; i < n; i++)
    fprintf(stderr, "%02x", z[i]);
  fprintf(stderr, "\n");
  abort();
}

/* A reference Punycode decoder (RFC 3492 6.2), to round-trip rcPunycode. */
static int refPunyDecode(const char *z, int n, int *aOut, int nMax) {
  unsigned cp = 0x80, i = 0, bias = 72;
  int nOut = 0, b = -1, k, j;
  for (k = 0; k < n; k++) {
    if (z[k] == '-') b = k;
  }
  for (k = 0; k < b; k++)
    aOut[nOut++] = (unsigned char)z[k];
  for (j = b < 0 ? 0 : b + 1; j < n;) {
    unsigned oldi = i, w = 1, t, kk;
    for (kk = 36;; kk += 36) {
      int c = j < n ? z[j++] : -1;
      unsigned d = c >= 'a' && c <= 'z'   ? (unsigned)(c - 'a')
                   : c >= '0' && c <= '9' ? (unsigned)(c - '0' + 26)
                                          : 99;
      if (d == 99) return -1;
      i += d * w;
      t = kk <= bias ? 1 : kk >= bias + 26 ? 26 : kk - bias;
      if (d < t) break;
      w *= 36 - t;
    }
    /* bias adaptation, as RFC 3492 6.1 */
    {
      unsigned delta = i - oldi, num = (unsigned)nOut + 1;
      unsigned kb = 0;
      delta = oldi == 0 ? delta / 700 : delta / 2;
      delta += delta / num;
      while (delta > 455) {
        delta /= 35;
        kb += 36;
      }
      bias = kb + 36 * delta / (delta + 38);
    }
    cp += i / ((unsigned)nOut + 1);
    i %= (unsigned)nOut + 1;
    if (nOut >= nMax) return -1;
    memmove(aOut + i + 1, aOut + i, (size_t)(nOut - (int)i) * sizeof(int));
    aOut[i++] = (int)cp;
    nOut++;
  }
  return nOut;
}

/* rcPunycode then the reference decoder gives the code points back. */
static void checkPunycode(const uint8_t *z, size_t n) {
  int aCp[300], aBack[300], nCp = 0, nBack, len;
  char zPuny[2048];
  size_t i = 0;
  while (i < n && nCp < 300) {
    unsigned c = z[i], need = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    int v = (int)(need == 0   ? c
                  : need == 1 ? c & 0x1F
                  : need == 2 ? c & 0x0F
                              : c & 0x07);
    for (i++; need > 0; need--, i++)
      v = (v << 6) | (z[i] & 0x3F);
    aCp[nCp++] = v;
  }
  len = rcPunycode(aCp, nCp, zPuny, (int)sizeof(zPuny));
  if (len < 4) fail("rcPunycode failed", z, n, 0);
  nBack = refPunyDecode(zPuny + 4, len - 4, aBack, 300);
  if (nBack != nCp || memcmp(aBack, aCp, (size_t)nCp * sizeof(int)) != 0) {
    fprintf(stderr, "punycode %.*s\n", len, zPuny);
    fail("Punycode does not round-trip", z, n, 0);
  }
}

/* True when the IPv4 part of the literal z[0..n) has a leading zero. */
static int hasLeadingZero(const char *z, size_t n) {
  size_t i;
  for (i = 0; i + 1 < n; i++) {
    int bStart =
        i == 0 || z[i - 1] == '.' || z[i - 1] == ':' || z[i - 1] == '[';
    if (bStart && z[i] == '0' && z[i + 1] >= '0' && z[i + 1] <= '9') {
      size_t k = i;
      while (k < n && z[k] >= '0' && z[k] <= '9')
        k++;
      if (k < n && (z[k] == '.' || (z[k] == ']' && memchr(z, '.', n)))) {
        return 1;
      }
    }
  }
  return 0;
}

/*
** The rfc mode reads address literals with its own RFC 5321 parser; the
** flag literal uses inet_pton.  Where the rfc mode accepts one that the
** ABNF and inet_pton both take (the tag "IPv6:" as written, no leading
** zero in an IPv4 part), the flag literal must accept it too, with the
** same normalized form.
*/
static void checkRfcLiteral(const uint8_t *z, size_t n, const RcEmail *pRfc) {
  const char *zAt = strrchr(pRfc->zNorm, '@');
  char zAddr[RC_EMAIL_NORM_SIZE + 8];
  const uint8_t *zLit = z + n;
  RcEmail lit;
  size_t nLit;
  while (zLit > z && zLit[-1] != '@')
    zLit--;
  nLit = (size_t)(z + n - zLit);
  if (zAt == 0 || nLit < 2 || zLit[0] != '[') return;
  if (!(zLit[1] >= '0' && zLit[1] <= '9') &&
      (nLit < 6 || memcmp(zLit, "[IPv6:", 6) != 0)) {
    return; /* a tag in another case */
  }
  if (hasLeadingZero((const char *)zLit, nLit)) return;
  snprintf(zAddr, sizeof(zAddr), "a@%.*s", (int)nLit, (const char *)zLit);
  if (rcEmailCheck((const unsigned char *)zAddr, strlen(zAddr),
                   RC_EMAIL_LITERAL, &pIcu, &lit) != RC_EMAIL_OK ||
      strcmp(strrchr(lit.zNorm, '@'), zAt) != 0) {
    fprintf(stderr, "rfc '%s', literal %d '%s'\n", pRfc->zNorm, lit.eTag,
            lit.zNorm);
    fail("the rfc mode and the flag literal read a literal apart", z, n,
         RC_EMAIL_RFC);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  RcUtf8Scan scan;
  RcEmail e, again;
  unsigned flags;
  size_t nNorm, i;
  uint8_t *z;
  int level, r0 = 0, rNo0 = 0;
  /* the ways of the fast path this machine runs: RC_FAST_SCALAR to the best */
  static int nLevel = 0;

  if (nLevel == 0) nLevel = rcEmailFastLevel(RC_FAST_SSSE3) + 1;

  if (nData < 1) return 0;
  flags = aFlags[aData[0] % (sizeof(aFlags) / sizeof(aFlags[0]))];
  nData--;
  /* Exact size plus the terminator SQLite's text has: ASan sees over-reads. */
  z = (uint8_t *)malloc(nData + 1);
  memcpy(z, aData + 1, nData);
  z[nData] = 0;
  /* The SQL glue calls the fast path on raw bytes, before any UTF-8 check:
  ** it must not trip on them, and a 1 promises UTF-8 without NUL. */
  if (rcEmailFast(z, nData, flags | RC_EMAIL_NO_MSG, &e) == 1 &&
      rcUtf8Scan(z, nData, &scan) != RC_UTF8_OK) {
    fail("the fast path accepted bytes that are not UTF-8", z, nData, flags);
  }
  if (rcUtf8Scan(z, nData, &scan) != RC_UTF8_OK) {
    free(z);
    return 0;
  }
  if (nData > 0 && nData < 250) checkPunycode(z, nData);
  if (rcEmailCheck(z, nData, flags, &pIcu, &e) != e.eTag) {
    fail("returned tag differs from the recorded one", z, nData, flags);
  }
  if (e.eTag == RC_EMAIL_INTERNAL) fail("ICU failed", z, nData, flags);
  /* A verdict-only call gives the same verdict. */
  if (rcEmailCheck(z, nData, flags | RC_EMAIL_NO_MSG | RC_EMAIL_NO_NORM, &pIcu,
                   &again) != e.eTag &&
      (again.eTag == RC_EMAIL_OK || e.eTag == RC_EMAIL_OK)) {
    fail("a verdict-only call disagrees", z, nData, flags);
  }
  /* Each way of the fast path (SSSE3, SSE2, scalar) gives what the best
  ** one gives. */
  for (level = 0; level < nLevel; level++) {
    rcEmailFastLevel(level);
    rcEmailCheck(z, nData, flags, &pIcu, &again);
    if (again.eTag != e.eTag || strcmp(again.zNorm, e.zNorm) != 0 ||
        strcmp(again.zMsg, e.zMsg) != 0) {
      fail("the ways of the fast path disagree", z, nData, flags);
    }
  }
  rcEmailFastLevel(nLevel - 1);
  /* The one-pass ASCII path must agree with the full path exactly. */
  rcEmailCheck(z, nData, flags | RC_EMAIL_NO_FAST, &pIcu, &again);
  if (again.eTag != e.eTag || strcmp(again.zNorm, e.zNorm) != 0) {
    fprintf(stderr, "fast %d '%s', full %d '%s'\n", e.eTag, e.zNorm, again.eTag,
            again.zNorm);
    fail("the fast path and the full path disagree", z, nData, flags);
  }
  for (level = 0; level < nLevel; level++) {
    unsigned f = flags;
    RcEmail fast;
    int r;
    rcEmailFastLevel(level);
    r = rcEmailFast(z, nData, f, &fast);
    if (r < 0 || (r == 1 && (again.eTag != RC_EMAIL_OK ||
                             strcmp(fast.zNorm, again.zNorm) != 0))) {
      fail("rcEmailFast and the full path disagree", z, nData, f);
    }
    if (level == 0) r0 = r;
    if (r != r0) fail("the ways of rcEmailFast disagree", z, nData, f);
    r = rcEmailFast(z, nData, f | RC_EMAIL_NO_MSG | RC_EMAIL_NO_NORM, &fast);
    if ((r == 1 && again.eTag != RC_EMAIL_OK) ||
        (r == -1 && again.eTag == RC_EMAIL_OK)) {
      fail("rcEmailFast (verdict only) and the full path disagree", z, nData,
           f);
    }
    if (level == 0) rNo0 = r;
    if (r != rNo0) {
      fail("the ways of rcEmailFast (verdict only) disagree", z, nData, f);
    }
  }
  rcEmailFastLevel(nLevel - 1);
  if (e.eTag != RC_EMAIL_OK) {
    if (e.zMsg[0] == 0) fail("failure without a message", z, nData, flags);
    if (rcUtf8Scan((const unsigned char *)e.zMsg, strlen(e.zMsg), &scan) !=
        RC_UTF8_OK) {
      fail("the message is not UTF-8", z, nData, flags);
    }
    free(z);
    return 0;
  }
  if (flags == RC_EMAIL_HTML5) {
    for (i = 0; i < nData; i++) {
      if (z[i] >= 0x80) fail("html5 accepted non-ASCII", z, nData, flags);
    }
    free(z);
    return 0;
  }
  if (flags & RC_EMAIL_RFC) checkRfcLiteral(z, nData, &e);
  nNorm = strlen(e.zNorm);
  if (nNorm == 0 || nNorm > 254) fail("normalized length", z, nData, flags);
  if (rcUtf8Scan((const unsigned char *)e.zNorm, nNorm, &scan) != RC_UTF8_OK) {
    fail("normalized form is not UTF-8", z, nData, flags);
  }
  rcEmailCheck((const unsigned char *)e.zNorm, nNorm, flags, &pIcu, &again);
  if (again.eTag != RC_EMAIL_OK) {
    fprintf(stderr, "normalized %s: %s\n", e.zNorm, again.zMsg);
    fail("normalized form is not valid", z, nData, flags);
  }
  if (strcmp(again.zNorm, e.zNorm) != 0) {
    fprintf(stderr, "%s -> %s\n", e.zNorm, again.zNorm);
    fail("normalizing is not idempotent", z, nData, flags);
  }
  free(z);
  return 0;
}
