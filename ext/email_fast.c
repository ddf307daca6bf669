/*
** email_fast.c - the email validator's one-pass paths for everyday
** addresses: ASCII (SSSE3 nibble tables, SSE2 masks, or table walks), the
** WHATWG rule, and addresses whose non-ASCII letters are all simple.  Each
** answers only what the full path (email.c, rcEmailCheck) would answer,
** and says 0 ("ask the full path") for anything else; test/email_fastdiff.c
** and test/fuzz/fuzz_email.c hold the two side by side.
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

/*
** The ASCII path has three ways to classify the bytes, chosen once, when the
** library is loaded, from what the processor has (rcEmailFastLevel): SSSE3
** (one table look-up a class), SSE2 (range compares, the baseline of every
** x86-64) and the table walks below (any machine).  All three give the same
** answers; test/email_fastdiff.c and the fuzzer run each of them.
*/
#if defined(__SSE2__)
#include <emmintrin.h>
#if defined(__x86_64__) || defined(__i386__)
#define RC_HAVE_SSSE3 1
#include <tmmintrin.h>
#endif

static int rcFastBest = RC_FAST_SSE2;  /* what the processor runs */
static int rcFastLevel = RC_FAST_SSE2; /* what the calls use */

/* The best level, found before any call can look. */
__attribute__((constructor)) static void rcFastLevelInit(void) {
#if defined(RC_HAVE_SSSE3)
  __builtin_cpu_init(); /* a constructor may run before libgcc's own */
  if (__builtin_cpu_supports("ssse3")) rcFastBest = RC_FAST_SSSE3;
#endif
  rcFastLevel = rcFastBest;
}

int rcEmailFastLevel(int level) {
  if (level >= 0) rcFastLevel = level < rcFastBest ? level : rcFastBest;
  return rcFastLevel;
}

/*
** The classes of an address of at most 64 bytes, a bit a byte: the two that
** each part may hold, and the three bytes the rules place.
*/
typedef struct RcFastMasks RcFastMasks;
struct RcFastMasks {
  uint64_t mAt, mDot, mHyph;
  uint64_t mNotLocal;  /* neither atext nor a dot */
  uint64_t mNotDomain; /* neither letter, digit, hyphen nor dot */
};

/*
** The dot-atom and label rules as operations on the masks, so that no
** branch depends on where the dots and the @ fall.  Returns 1 valid, 0 not
** valid by these rules.  Bits at n and above are set in the two "not"
** masks only.
*/
static inline __attribute__((always_inline)) int
rcFastMaskRules(const RcFastMasks *pM, size_t n, unsigned flags, size_t *piAt,
                size_t *piLabel) {
  uint64_t mAll = n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
  uint64_t mAt = pM->mAt, mDot = pM->mDot, mHyph = pM->mHyph;
  uint64_t mLocal, mDomain, mStart, mEnd;
  size_t iAt;

  if (mAt == 0 || (mAt & (mAt - 1)) != 0) return 0; /* exactly one @ */
  iAt = (size_t)__builtin_ctzll(mAt);
  if (iAt == 0 || iAt + 1 == n) return 0;
  mLocal = mAt - 1;
  mDomain = mAll & ~(mLocal | mAt);
  /* The local part: atext and dots; by default, no dot first, last or
  ** doubled (the WHATWG rule takes dots anywhere). */
  if (mLocal & pM->mNotLocal) return 0;
  if (!(flags & RC_EMAIL_HTML5) &&
      (mDot & mLocal & (1 | (mAt >> 1) | (mDot >> 1)))) {
    return 0;
  }
  /* The domain: LDH and dots; labels neither empty nor hyphen-bounded. */
  mDot &= mDomain;
  if (mDomain & pM->mNotDomain) return 0;
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

/*
** The chunks of z[0..n), n <= 64, 16 bytes each, classified by X(v, o, pM)
** as the bytes z[o..o+16), then the rules.  The last chunk is the 16 bytes
** that end at z[n], overlapping the one before it (the bytes both hold get
** the same bits twice): nothing beyond the text is read, and nothing is
** read back from a fresh copy (a load that straddles two recent stores waits
** for them).  Only an address shorter than 16 bytes is copied into a zeroed
** block.  Returns 1 valid, 0 not valid by these rules, RC_FAST_UNICODE when
** a byte is >= 0x80 (the default rules then look again, with the simple
** letters; the WHATWG rule refuses it).  A byte >= 0x80 has no class, so
** the rules never say 1 with one: its test waits until they say 0.
*/
#define RC_FAST_CHUNKS(X, z, n, flags, piAt, piLabel)                          \
  do {                                                                         \
    RcFastMasks m_ = {0, 0, 0, 0, 0};                                          \
    __m128i v_, vAny_;                                                         \
    int r_;                                                                    \
    if ((n) < 16) {                                                            \
      unsigned char a_[16];                                                    \
      memset(a_, 0, sizeof(a_));                                               \
      memcpy(a_, (z), (n));                                                    \
      vAny_ = v_ = _mm_loadu_si128((const __m128i *)a_);                       \
      X(v_, 0, &m_);                                                           \
    } else {                                                                   \
      size_t k_;                                                               \
      vAny_ = _mm_setzero_si128();                                             \
      for (k_ = 0; k_ + 16 < (n); k_ += 16) {                                  \
        v_ = _mm_loadu_si128((const __m128i *)((z) + k_));                     \
        vAny_ = _mm_or_si128(vAny_, v_);                                       \
        X(v_, (unsigned)k_, &m_);                                              \
      }                                                                        \
      v_ = _mm_loadu_si128((const __m128i *)((z) + (n)-16));                   \
      vAny_ = _mm_or_si128(vAny_, v_);                                         \
      X(v_, (unsigned)((n)-16), &m_);                                          \
    }                                                                          \
    r_ = rcFastMaskRules(&m_, (n), (flags), (piAt), (piLabel));                \
    if (r_ == 0 && _mm_movemask_epi8(vAny_)) r_ = RC_FAST_UNICODE;             \
    return r_;                                                                 \
  } while (0)

/* A class of the 16 bytes at z[o], as the bits o..o+15 of *pm. */
#define RC_FAST_BITS(pm, v, o) (*(pm) |= (uint64_t)_mm_movemask_epi8(v) << (o))
#define RC_FAST_NOT_BITS(pm, v, o)                                             \
  (*(pm) |= (uint64_t)(_mm_movemask_epi8(v) ^ 0xFFFF) << (o))

/* The bytes of v that lie in [lo, hi] (ASCII: signed compare), as 0xFF. */
static inline __m128i rcSimdRange(__m128i v, char lo, char hi) {
  __m128i a = _mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1)));
  __m128i b = _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1)));
  return _mm_and_si128(a, b);
}

/* The bytes of v equal to c, as 0xFF. */
static inline __m128i rcSimdIs(__m128i v, char c) {
  return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* SSE2: six range compares and seven equality compares. */
static inline __attribute__((always_inline)) void
rcSse2Classify(__m128i v, unsigned o, RcFastMasks *pM) {
  __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
  __m128i hyph = rcSimdIs(v, '-'), dot = rcSimdIs(v, '.');
  __m128i ldh = _mm_or_si128(
      _mm_or_si128(rcSimdRange(v, '0', '9'), rcSimdRange(low, 'a', 'z')),
      _mm_or_si128(hyph, dot));
  __m128i special = _mm_or_si128(
      _mm_or_si128(_mm_or_si128(rcSimdIs(v, '!'), rcSimdRange(v, '#', '\'')),
                   _mm_or_si128(rcSimdRange(v, '*', '+'), rcSimdIs(v, '/'))),
      _mm_or_si128(
          _mm_or_si128(rcSimdIs(v, '='), rcSimdIs(v, '?')),
          _mm_or_si128(rcSimdRange(v, '^', '`'), rcSimdRange(v, '{', '~'))));
  RC_FAST_BITS(&pM->mAt, rcSimdIs(v, '@'), o);
  RC_FAST_BITS(&pM->mDot, dot, o);
  RC_FAST_BITS(&pM->mHyph, hyph, o);
  RC_FAST_NOT_BITS(&pM->mNotDomain, ldh, o);
  RC_FAST_NOT_BITS(&pM->mNotLocal, _mm_or_si128(ldh, special), o);
}

static inline __attribute__((always_inline)) int
rcEmailFastSse2(const unsigned char *z, size_t n, unsigned flags, size_t *piAt,
                size_t *piLabel) {
  RC_FAST_CHUNKS(rcSse2Classify, z, n, flags, piAt, piLabel);
}

#if defined(RC_HAVE_SSSE3)
/*
** SSSE3: a class is a set of ASCII bytes; its table, indexed by the low
** nibble, holds the set's rows (bit r: the byte 16r + nibble is in it), and
** a second look-up turns the high nibble into its row's bit (none for a byte
** >= 0x80).  A byte is outside the class when the two share no bit.  Made
** from aRcAscii's RC_LOCAL_BYTE and RC_DOMAIN_BYTE; every byte of every
** class is tested (test/email_fastdiff.c).
*/
__attribute__((target("ssse3"))) static inline
    __attribute__((always_inline)) void
    rcSsse3Classify(__m128i v, unsigned o, RcFastMasks *pM) {
  const __m128i aRow =
      _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, (char)128, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m128i aLocal = _mm_setr_epi8(
      (char)0xE8, (char)0xFC, (char)0xF8, (char)0xFC, (char)0xFC, (char)0xFC,
      (char)0xFC, (char)0xFC, (char)0xF8, (char)0xF8, (char)0xF4, (char)0xD4,
      (char)0xD0, (char)0xDC, (char)0xF4, (char)0x7C);
  const __m128i aDomain = _mm_setr_epi8(
      (char)0xA8, (char)0xF8, (char)0xF8, (char)0xF8, (char)0xF8, (char)0xF8,
      (char)0xF8, (char)0xF8, (char)0xF8, (char)0xF8, (char)0xF0, (char)0x50,
      (char)0x50, (char)0x54, (char)0x54, (char)0x50);
  const __m128i zero = _mm_setzero_si128();
  /* pshufb reads the low nibble of each byte, and gives 0 for a byte >= 0x80 */
  __m128i row = _mm_shuffle_epi8(
      aRow, _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F)));
  __m128i notLocal =
      _mm_cmpeq_epi8(_mm_and_si128(_mm_shuffle_epi8(aLocal, v), row), zero);
  __m128i notDomain =
      _mm_cmpeq_epi8(_mm_and_si128(_mm_shuffle_epi8(aDomain, v), row), zero);
  RC_FAST_BITS(&pM->mAt, rcSimdIs(v, '@'), o);
  RC_FAST_BITS(&pM->mDot, rcSimdIs(v, '.'), o);
  RC_FAST_BITS(&pM->mHyph, rcSimdIs(v, '-'), o);
  RC_FAST_BITS(&pM->mNotLocal, notLocal, o);
  RC_FAST_BITS(&pM->mNotDomain, notDomain, o);
}

__attribute__((target("ssse3"))) static int
rcEmailFastSsse3(const unsigned char *z, size_t n, unsigned flags, size_t *piAt,
                 size_t *piLabel) {
  RC_FAST_CHUNKS(rcSsse3Classify, z, n, flags, piAt, piLabel);
}
#endif

/*
** rcEmailFastYes and rcEmailFastHtml5 for addresses of at most 64 bytes, by
** way level (RC_FAST_SSE2 or RC_FAST_SSSE3).
*/
static inline __attribute__((always_inline)) int
rcEmailFastSimd(const unsigned char *z, size_t n, unsigned flags, size_t *piAt,
                size_t *piLabel, int level) {
#if defined(RC_HAVE_SSSE3)
  if (level == RC_FAST_SSSE3) {
    return rcEmailFastSsse3(z, n, flags, piAt, piLabel);
  }
#endif
  (void)level;
  return rcEmailFastSse2(z, n, flags, piAt, piLabel);
}
#else
int rcEmailFastLevel(int level) {
  (void)level;
  return RC_FAST_SCALAR;
}
#endif

/*
** The default rules on an ASCII address: 1 valid, 0 ask the others,
** RC_FAST_UNICODE when a SIMD way saw a byte >= 0x80.
*/
static inline __attribute__((always_inline)) int
rcEmailFastYes(const unsigned char *z, size_t n, unsigned flags, RcEmail *p,
               int level) {
  size_t i = 0, iAt, iLabel, nDot = 0;

  (void)level; /* no SIMD on this machine */
  assert(z[n] == 0);
  if (n > RC_MAX_ADDRESS || (flags & RC_EMAIL_RFC)) return 0;
#if defined(__SSE2__)
  if (n <= 64 && level != RC_FAST_SCALAR) {
    int r = rcEmailFastSimd(z, n, flags, &iAt, &iLabel, level);
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
static inline __attribute__((always_inline)) int
rcEmailFastHtml5(const unsigned char *z, size_t n, unsigned flags, RcEmail *p,
                 int level) {
  size_t i, iAt, nOut;
  (void)level;
#if defined(__SSE2__)
  if (n <= 64 && level != RC_FAST_SCALAR) {
    size_t iLabel;
    if (rcEmailFastSimd(z, n, flags, &iAt, &iLabel, level) != 1) return 0;
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
__attribute__((noinline)) static int rcEmailFastSimple(const unsigned char *z,
                                                       size_t n, unsigned flags,
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

/* rcEmailFast by way level: a constant in each copy. */
static inline __attribute__((always_inline)) int
rcEmailFastBy(const unsigned char *z, size_t n, unsigned flags, RcEmail *p,
              int level) {
  int r;
  if (flags & RC_EMAIL_HTML5) {
    /* The one pass is the whole rule: its "no" is final, but only the full
    ** path words it. */
    if (rcEmailFastHtml5(z, n, flags, p, level)) return 1;
    if (!(flags & RC_EMAIL_NO_MSG)) return 0;
    p->eTag = RC_EMAIL_UNNAMED;
    return -1;
  }
  r = rcEmailFastYes(z, n, flags, p, level);
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
/*
** The two copies of the whole fast path, each in one frame, and the choice
** between them in a frame of none (two tail calls).
*/
#if defined(RC_HAVE_SSSE3)
__attribute__((target("ssse3"), flatten)) static int
rcEmailFastBySsse3(const unsigned char *z, size_t n, unsigned flags,
                   RcEmail *p) {
  return rcEmailFastBy(z, n, flags, p, RC_FAST_SSSE3);
}
#endif

/* SSE2 or the table walks, as rcFastLevel says. */
__attribute__((noinline)) static int rcEmailFastByBase(const unsigned char *z,
                                                       size_t n, unsigned flags,
                                                       RcEmail *p) {
#if defined(__SSE2__)
  return rcEmailFastBy(z, n, flags, p, rcFastLevel);
#else
  return rcEmailFastBy(z, n, flags, p, RC_FAST_SCALAR);
#endif
}

int rcEmailFast(const unsigned char *z, size_t n, unsigned flags, RcEmail *p) {
#if defined(RC_HAVE_SSSE3)
  if (rcFastLevel == RC_FAST_SSSE3) return rcEmailFastBySsse3(z, n, flags, p);
#endif
  return rcEmailFastByBase(z, n, flags, p);
}
