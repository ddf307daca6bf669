/*
** email_fast.c - the email validator's one-pass paths for everyday
** addresses: ASCII (SSE2 masks, or table walks), the WHATWG rule, and
** addresses whose non-ASCII letters are all simple.  Each answers only
** what the full path (email.c, rcEmailCheck) would answer, and says 0
** ("ask the full path") for anything else; test/email_fastdiff.c and
** test/fuzz/fuzz_email.c hold the two side by side.
*/
#include "email.h"
#include "email_int.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <unicode/utf8.h>

/*
** A fast path's verdict "valid": the tag, and unless RC_EMAIL_NO_NORM the
** normalized form (ASCII domain lowercased, simple letters map to
** themselves, role names lowercased).  Returns 1.
*/
static int rcFastAccept(const unsigned char *z, size_t n, size_t iAt,
                        unsigned flags, RcEmail *p) {
  size_t i;
  p->eTag = RC_EMAIL_OK;
  if (flags & RC_EMAIL_NO_NORM) return 1;
  p->zMsg[0] = 0;
  memcpy(p->zNorm, z, iAt);
  rcLowerRoleName(p->zNorm, iAt);
  for (i = iAt; i < n; i++) {
    unsigned c = z[i];
    p->zNorm[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  p->zNorm[n] = 0;
  return 1;
}

/*
** The one-pass paths judge an ASCII address with no message and no ICU:
** valid, or not valid by their rules; the caller then decides whether
** that is final or the full path must look (anything unusual, and every
** failure that needs its message).  Bytes >= 0x80 have no class.
*/
#define RC_FAST_UNICODE 2 /* a byte >= 0x80: the simple letters' path next */

#if defined(__SSE2__)
#include <emmintrin.h>

/* The bytes of v that lie in [lo, hi] (ASCII: signed compare), as 0xFF. */
static __m128i rcSimdRange(__m128i v, char lo, char hi) {
  __m128i a = _mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1)));
  __m128i b = _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1)));
  return _mm_and_si128(a, b);
}

/* The bytes of v equal to c, as 0xFF. */
static __m128i rcSimdIs(__m128i v, char c) {
  return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* One bit a byte of v: the classes are joined first, turned into bits last. */
static unsigned rcSimdBits(__m128i v) { return (unsigned)_mm_movemask_epi8(v); }

/*
** rcEmailFastYes and rcEmailFastHtml5 for addresses of at most 64 bytes, 16
** bytes at a time: the classes of every byte become bit masks, and the
** dot-atom and label rules become operations on them, so that no branch
** depends on where the dots and the @ fall.  Returns 1 valid, 0 not valid
** by these rules, RC_FAST_UNICODE when a byte is >= 0x80 (the default rules
** then look again, with the simple letters; the WHATWG rule refuses it).
*/
static inline __attribute__((always_inline)) int
rcEmailFastSimd(const unsigned char *z, size_t n, unsigned flags, size_t *piAt,
                size_t *piLabel) {
  unsigned char a[16];
  uint64_t mAt = 0, mDot = 0, mHyph = 0, mAlnum = 0, mAtext = 0, mHigh = 0;
  uint64_t mAll;
  uint64_t mLocal, mDomain, mStart, mEnd;
  size_t iAt, k;

  for (k = 0; k < n; k += 16) { /* only the chunks that hold the address */
    /* The chunk that runs past the end is read as the 16 bytes that end at
    ** z[n], its bits shifted down to start at z[k]: nothing beyond the text
    ** is read, and nothing is read back from a fresh copy (a load that
    ** straddles two recent stores waits for them).  Only an address shorter
    ** than 16 bytes is copied into a zeroed block. */
    unsigned nDrop = 0;
    __m128i v, low, alnum, hyph, special;
    if (k + 16 <= n) {
      v = _mm_loadu_si128((const __m128i *)(z + k));
    } else if (n >= 16) {
      nDrop = (unsigned)(k + 16 - n);
      v = _mm_loadu_si128((const __m128i *)(z + n - 16));
    } else {
      memset(a, 0, sizeof(a));
      memcpy(a, z, n);
      v = _mm_loadu_si128((const __m128i *)a);
    }
    low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    alnum = _mm_or_si128(rcSimdRange(v, '0', '9'), rcSimdRange(low, 'a', 'z'));
    hyph = rcSimdIs(v, '-');
    special = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(rcSimdIs(v, '!'), rcSimdRange(v, '#', '\'')),
                     _mm_or_si128(rcSimdRange(v, '*', '+'), rcSimdIs(v, '/'))),
        _mm_or_si128(
            _mm_or_si128(rcSimdIs(v, '='), rcSimdIs(v, '?')),
            _mm_or_si128(rcSimdRange(v, '^', '`'), rcSimdRange(v, '{', '~'))));
    mHigh |= (uint64_t)(rcSimdBits(v) >> nDrop) << k;
    mAt |= (uint64_t)(rcSimdBits(rcSimdIs(v, '@')) >> nDrop) << k;
    mDot |= (uint64_t)(rcSimdBits(rcSimdIs(v, '.')) >> nDrop) << k;
    mHyph |= (uint64_t)(rcSimdBits(hyph) >> nDrop) << k;
    mAlnum |= (uint64_t)(rcSimdBits(alnum) >> nDrop) << k;
    mAtext |= (uint64_t)(rcSimdBits(_mm_or_si128(_mm_or_si128(alnum, hyph),
                                                 special)) >>
                         nDrop)
              << k;
  }
  mAll = n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
  if (mHigh & mAll) return RC_FAST_UNICODE;
  mAt &= mAll;
  if (mAt == 0 || (mAt & (mAt - 1)) != 0) return 0; /* exactly one @ */
  iAt = (size_t)__builtin_ctzll(mAt);
  if (iAt == 0 || iAt + 1 == n) return 0;
  mLocal = mAt - 1;
  mDomain = mAll & ~(mLocal | mAt);
  /* The local part: atext and dots; by default, no dot first, last or
  ** doubled (the WHATWG rule takes dots anywhere). */
  if (mLocal & ~(mAtext | mDot)) return 0;
  if (!(flags & RC_EMAIL_HTML5) &&
      ((mDot & 1) || (mDot & ((uint64_t)1 << (iAt - 1))) ||
       (mDot & (mDot >> 1) & mLocal))) {
    return 0;
  }
  /* The domain: LDH and dots; labels neither empty nor hyphen-bounded. */
  mDot &= mDomain;
  if (mDomain & ~(mAlnum | mHyph | mDot)) return 0;
  mStart = ((mDot << 1) | (mAt << 1)) & mDomain; /* first byte of each label */
  mEnd = ((mDot >> 1) | ((uint64_t)1 << (n - 1))) & mDomain & ~mDot;
  if ((mStart & (mHyph | mDot)) || (mEnd & mHyph) || (mDot >> (n - 1))) {
    return 0; /* also an empty label: a dot where a label starts */
  }
  *piAt = iAt;
  if (flags & RC_EMAIL_HTML5) return 1; /* labels of 62 bytes at most */
  if ((mStart << 2) & mHyph & (mHyph >> 1)) return 0; /* '--' at 3-4 */
  if (!(flags & RC_EMAIL_LOCAL) && mDot == 0) return 0;
  *piLabel = mDot ? (size_t)(64 - __builtin_clzll(mDot)) : iAt + 1;
  return 1;
}
#endif

/*
** The default rules on an ASCII address: 1 valid, 0 ask the others,
** RC_FAST_UNICODE when the SSE2 path saw a byte >= 0x80.
*/
static int rcEmailFastYes(const unsigned char *z, size_t n, unsigned flags,
                          RcEmail *p) {
  size_t i = 0, iAt, iLabel, nDot = 0;

  assert(z[n] == 0);
  if (n > RC_MAX_ADDRESS || (flags & RC_EMAIL_RFC)) return 0;
#if defined(__SSE2__)
  if (n <= 64 && !(flags & RC_EMAIL_NO_SIMD)) {
    int r = rcEmailFastSimd(z, n, flags, &iAt, &iLabel);
    if (r != 1) return r;
    nDot = iLabel > iAt + 1; /* what the checks below need to know */
    goto last_label;
  }
#endif
  /* The local part: atoms of atext joined by single dots.  The table gives
  ** the terminating NUL no class, so the walks stop at z[n] at the latest. */
  for (;;) {
    size_t iAtom = i;
    while (aRcAscii[z[i]] & RC_ATEXT)
      i++;
    if (i == iAtom) return 0; /* a dot first, two dots, a dot last */
    if (z[i] != '.') break;
    i++;
  }
  if (z[i] != '@') return 0;
  iAt = i;
  if (iAt > RC_MAX_LOCAL || n - iAt - 1 > RC_MAX_DOMAIN) return 0;
  /* The domain: LDH labels between dots, to the end. */
  for (i = iLabel = iAt + 1;; nDot++) {
    size_t nLabel;
    while (aRcAscii[z[i]] & RC_LDH)
      i++;
    nLabel = i - iLabel;
    if (nLabel == 0 || nLabel > RC_MAX_LABEL || z[iLabel] == '-' ||
        z[i - 1] == '-' ||
        (nLabel >= 4 && z[iLabel + 2] == '-' && z[iLabel + 3] == '-')) {
      return 0; /* including every xn-- label: the full path decodes it */
    }
    if (z[i] != '.') break;
    iLabel = ++i;
  }
  if (i != n) return 0; /* a second @, a NUL, anything not LDH */
#if defined(__SSE2__)
last_label:
#endif
  if (!(flags & RC_EMAIL_LOCAL)) {
    unsigned last = z[n - 1] | 0x20;
    if (nDot == 0 || last < 'a' || last > 'z') return 0;
  }
  if (rcIsSpecialLabel((const char *)z + iLabel, n - iLabel, flags)) return 0;
  return rcFastAccept(z, n, iAt, flags, p);
}

/*
** The WHATWG rule in one pass: 1 valid (p->eTag, and p->zNorm unless
** RC_EMAIL_NO_NORM, set as rcCheckHtml5 sets them), 0 invalid.  The rule
** is ASCII only and has no length limit but the labels' 63.
*/
static int rcEmailFastHtml5(const unsigned char *z, size_t n, unsigned flags,
                            RcEmail *p) {
  size_t i, iAt, nOut;
#if defined(__SSE2__)
  if (n <= 64 && !(flags & RC_EMAIL_NO_SIMD)) {
    size_t iLabel;
    if (rcEmailFastSimd(z, n, flags, &iAt, &iLabel) != 1) return 0;
    goto accept;
  }
#endif
  /* 1*(atext / "."), then "@": the NUL at z[n] has no class. */
  for (i = 0; aRcAscii[z[i]] & RC_LOCAL_BYTE; i++) {
  }
  if (i == 0 || z[i] != '@') return 0;
  iAt = i;
  do { /* labels of 1..63 LDH, neither first nor last a hyphen */
    size_t iLabel = ++i;
    while (aRcAscii[z[i]] & RC_LDH)
      i++;
    if (i == iLabel || i - iLabel > RC_MAX_LABEL || z[iLabel] == '-' ||
        z[i - 1] == '-') {
      return 0;
    }
  } while (z[i] == '.');
  if (i != n) return 0;
#if defined(__SSE2__)
accept:
#endif
  p->eTag = RC_EMAIL_OK;
  if (flags & RC_EMAIL_NO_NORM) return 1;
  p->zMsg[0] = 0;
  nOut = n < RC_EMAIL_NORM_SIZE - 1 ? n : 0; /* longer: the caller's copy */
  for (i = 0; i < nOut; i++) {
    unsigned c = z[i];
    p->zNorm[i] = (char)(i > iAt && c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  p->zNorm[nOut] = 0;
  return 1;
}

/*
** An upper bound of the A-label length of the label a[0..n), "xn--" included,
** without encoding it: each variable-length integer (RFC 3492 6.3) of
** value q takes at most d + 1 digits, d the decimal digits of q (every digit
** but the last divides q by base - t >= 10), and q never exceeds
** (max code point + 1) * (n + 2).
*/
static int rcPunyBound(const UChar32 *a, int n) {
  UChar32 cMax = 0;
  int i, nBasic = 0, nDigit = 1;
  uint64_t q;
  for (i = 0; i < n; i++) {
    if (a[i] < 0x80) nBasic++;
    if (a[i] > cMax) cMax = a[i];
  }
  for (q = ((uint64_t)cMax + 1) * (uint64_t)(n + 2); q >= 10; q /= 10)
    nDigit++;
  return 4 + nBasic + 1 + (n - nBasic) * (nDigit + 1);
}

/*
** The fast path for addresses whose non-ASCII characters are all simple
** (rcIsSimpleCp): they map to themselves, are NFC, PVALID and
** left-to-right, so the rules reduce to the ASCII ones plus the A-label
** lengths.  Returns 1 valid, 0 ask the full path.
*/
static int rcEmailFastSimple(const unsigned char *z, size_t n, unsigned flags,
                             RcEmail *p) {
  UChar32 aCp[RC_MAX_LABEL];
  char zPuny[RC_MAX_LABEL + 8];
  size_t i = 0, iAt, iLabel, nDot = 0, nLocalCp = 0, nDomain = 0;
  int bLastAscii = 1;

  if (flags & (RC_EMAIL_HTML5 | RC_EMAIL_RFC | RC_EMAIL_NO_FAST)) return 0;
  while (i < n && z[i] != '@') { /* the local part */
    unsigned c = z[i];
    if (c < 0x80) {
      if (!(aRcAscii[c] & RC_LOCAL_BYTE)) return 0;
      if (c == '.' && (i == 0 || z[i - 1] == '.')) return 0;
      i++;
    } else {
      int32_t k = (int32_t)i;
      UChar32 cp;
      U8_NEXT(z, k, (int32_t)n, cp);
      if ((flags & RC_EMAIL_ASCII) || !rcIsSimpleCp(cp)) return 0;
      i = (size_t)k;
    }
    nLocalCp++;
  }
  if (i == n || i == 0 || z[i - 1] == '.' || nLocalCp > RC_MAX_LOCAL) return 0;
  iAt = i;
  for (iLabel = iAt + 1;; nDot++) { /* the labels, and their A-label sizes */
    int nCp = 0, bAscii = 1, len;
    for (i = iLabel; i < n && z[i] != '.';) {
      UChar32 cp = z[i];
      if (cp < 0x80) {
        if (!(aRcAscii[cp] & RC_LDH)) return 0;
        i++;
      } else {
        int32_t k = (int32_t)i;
        U8_NEXT(z, k, (int32_t)n, cp);
        if (!rcIsSimpleCp(cp)) return 0;
        i = (size_t)k;
        bAscii = 0;
      }
      if (nCp == RC_MAX_LABEL) return 0; /* more than 63 characters */
      aCp[nCp++] = cp;
    }
    if (nCp == 0 || aCp[0] == '-' || aCp[nCp - 1] == '-' ||
        (nCp >= 4 && aCp[2] == '-' && aCp[3] == '-')) {
      return 0;
    }
    len = bAscii ? nCp : rcPunyBound(aCp, nCp);
    if (len > RC_MAX_LABEL) { /* near the limit: the exact length */
      len = rcPunycode(aCp, nCp, zPuny, (int)sizeof(zPuny));
    }
    if (len < 0 || len > RC_MAX_LABEL) return 0;
    nDomain += (size_t)len;
    bLastAscii = bAscii;
    if (i == n) break;
    nDomain++;
    iLabel = i + 1;
  }
  if (nDomain > RC_MAX_DOMAIN || iAt + 1 + nDomain > RC_MAX_ADDRESS) return 0;
  if (!(flags & RC_EMAIL_LOCAL)) {
    unsigned last = z[n - 1] | 0x20; /* an A-label always ends in a letter */
    if (nDot == 0 || (bLastAscii && (last < 'a' || last > 'z'))) return 0;
  }
  if (bLastAscii &&
      rcIsSpecialLabel((const char *)z + iLabel, n - iLabel, flags)) {
    return 0;
  }
  return rcFastAccept(z, n, iAt, flags, p);
}

/*
** True when the full path can only refuse an ASCII address the fast path
** turned down: no quotes, no literal, no '--' (so no xn-- label), and no
** flag that relaxes a rule the fast path enforces.
*/
static int rcFastNoIsFinal(const unsigned char *z, size_t n, unsigned flags) {
  size_t i;
  if (flags & (RC_EMAIL_QUOTED | RC_EMAIL_LITERAL | RC_EMAIL_TEST_ENV |
               RC_EMAIL_LOCAL | RC_EMAIL_RFC | RC_EMAIL_HTML5)) {
    return 0;
  }
  for (i = 0; i < n; i++) {
    unsigned c = z[i];
    if (c >= 0x80 || c == '"' || c == '[' || (c == '-' && z[i + 1] == '-')) {
      return 0;
    }
  }
  return 1;
}

int rcEmailFast(const unsigned char *z, size_t n, unsigned flags, RcEmail *p) {
  int r;
  if (flags & RC_EMAIL_HTML5) {
    /* The one pass is the whole rule: its "no" is final, but only the full
    ** path words it. */
    if (rcEmailFastHtml5(z, n, flags, p)) return 1;
    if (!(flags & RC_EMAIL_NO_MSG)) return 0;
    p->eTag = RC_EMAIL_UNNAMED;
    return -1;
  }
  r = rcEmailFastYes(z, n, flags, p);
  if (r == 1) return 1;
  if (r == RC_FAST_UNICODE || rcHasNonAscii(z, n)) {
    return n <= RC_MAX_ADDRESS && rcEmailFastSimple(z, n, flags, p);
  }
  if ((flags & RC_EMAIL_NO_MSG) && rcFastNoIsFinal(z, n, flags)) {
    p->eTag = RC_EMAIL_UNNAMED;
    return -1;
  }
  return 0;
}