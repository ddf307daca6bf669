/*
** fuzz_utf8.c - libFuzzer target for the strict UTF-8 walker (ext/utf8.c).
**
**     make fuzz
**     build/fuzz/fuzz_utf8 -max_total_time=120 -max_len=4096
**
** Differential, not only crash-finding: every input is also checked by a
** deliberately slow reference written from the definitions in Unicode 15
** section 3.9 (decode the code point, then judge it by value), and the two
** must agree exactly on status, nChar, iErr and nBad, or the target aborts.
**
** The nBad contract (what the SQL error message prints) is PostgreSQL's:
** the bytes the offending lead byte announces by its bit pattern (2 for
** 110xxxxx, 3 for 1110xxxx, 4 for 11110xxx, else 1), cut at the end of the
** text; 1 for U+0000.
**
** LLVMFuzzerInitialize first sweeps every 1- and 2-byte string, every
** 3-byte string with a non-ASCII lead and every 4-byte string led by
** F0..F4 (last byte from a set that covers each class), so the table rows
** are covered completely before any fuzzing starts.
*/
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct RefScan RefScan;
struct RefScan {
  RcUtf8Status status;
  size_t nChar, iErr, nBad;
};

/*
** True when some scalar value in [lo, hi] may be written with a sequence
** whose shortest legal value is min: U+0000..U+10FFFF less the surrogates
** (D80..D83), and no overlong form (D36).
*/
static int refAnyScalar(uint32_t lo, uint32_t hi, uint32_t min) {
  if (lo < min) lo = min;
  if (hi > 0x10FFFF) hi = 0x10FFFF;
  if (lo > hi) return 0;
  return !(lo >= 0xD800 && hi <= 0xDFFF);
}

/*
** Decodes one sequence at z[0..n), n >= 1, by its bit pattern and judges it
** by value.  Returns the length, or 0 with *pnBad set.  After each byte the
** prefix still has 6 * (len - k) unknown low bits; once no filling of those
** bits gives a legal value, the sequence is ill-formed at that byte.
*/
static size_t refSequence(const unsigned char *z, size_t n, uint32_t *pCp,
                          size_t *pnBad) {
  unsigned c = z[0];
  size_t len, k;
  uint32_t cp, min;

  if (c < 0x80) {
    *pCp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pnBad = 1; /* a continuation byte, or F8..FF */
    return 0;
  }
  for (k = 1;; k++) {
    unsigned nFree = 6 * (unsigned)(len - k);
    uint32_t lo = cp << nFree;
    uint32_t hi = lo | ((UINT32_C(1) << nFree) - 1);
    if (!refAnyScalar(lo, hi, min)) {
      *pnBad = k;
      return 0;
    }
    if (k == len) break;
    if (k >= n) {
      *pnBad = k; /* truncated */
      return 0;
    }
    if ((z[k] & 0xC0) != 0x80) {
      *pnBad = k + 1;
      return 0;
    }
    cp = (cp << 6) | (z[k] & 0x3F);
  }
  *pCp = cp;
  return len;
}

/* The bytes an error report shows for a sequence led by c, n bytes left. */
static size_t refReportLength(unsigned c, size_t n) {
  size_t len = 1;
  if ((c & 0xE0) == 0xC0) len = 2;
  if ((c & 0xF0) == 0xE0) len = 3;
  if ((c & 0xF8) == 0xF0) len = 4;
  return len < n ? len : n;
}

static void refScan(const unsigned char *z, size_t n, RefScan *p) {
  size_t i = 0;
  memset(p, 0, sizeof *p);
  while (i < n) {
    uint32_t cp = 0;
    size_t nBad = 0;
    size_t len = refSequence(z + i, n - i, &cp, &nBad);
    if (len == 0 || cp == 0) {
      p->status = len ? RC_UTF8_NUL : RC_UTF8_INVALID;
      p->iErr = i;
      p->nBad = len ? 1 : refReportLength(z[i], n - i);
      (void)nBad;
      return;
    }
    i += len;
    p->nChar++;
  }
}

/* UAX #29 on ASCII: every byte is a cluster, except that CR LF is one. */
static size_t refAsciiGraphemes(const unsigned char *z, size_t n) {
  size_t nCluster = 0, i = 0;
  while (i < n) {
    i += (z[i] == '\r' && i + 1 < n && z[i + 1] == '\n') ? 2 : 1;
    nCluster++;
  }
  return nCluster;
}

static void dump(const char *zWhat, const unsigned char *z, size_t n) {
  size_t i;
  fprintf(stderr, "fuzz_utf8: %s on %zu bytes:", zWhat, n);
  for (i = 0; i < n && i < 64; i++)
    fprintf(stderr, " %02x", z[i]);
  fprintf(stderr, "%s\n", n > 64 ? " ..." : "");
}

/*
** Checks rcUtf8Scan (and, on ASCII, rcAsciiGraphemes) on z[0..n).  z must
** be its own allocation of exactly n bytes, so that ASan sees a read of z[n].
*/
static void check(const unsigned char *z, size_t n) {
  RcUtf8Scan got;
  RefScan want;
  RcUtf8Status status;

  memset(&got, 0xA5, sizeof got);
  status = rcUtf8Scan(z, n, &got);
  refScan(z, n, &want);
  if (status != want.status || got.nChar != want.nChar ||
      got.iErr != want.iErr || got.nBad != want.nBad) {
    dump("rcUtf8Scan disagrees with the reference", z, n);
    fprintf(stderr,
            "  got:  status %d nChar %zu iErr %zu nBad %zu\n"
            "  want: status %d nChar %zu iErr %zu nBad %zu\n",
            (int)status, got.nChar, got.iErr, got.nBad, (int)want.status,
            want.nChar, want.iErr, want.nBad);
    abort();
  }
  if (status != RC_UTF8_OK &&
      (got.nBad < 1 || got.nBad > 4 || got.iErr + got.nBad > n)) {
    dump("nBad out of 1..4 or past the end", z, n);
    abort();
  }
  if (status == RC_UTF8_OK && got.nChar == n &&
      rcAsciiGraphemes(z, n) != refAsciiGraphemes(z, n)) {
    dump("rcAsciiGraphemes disagrees with the reference", z, n);
    fprintf(stderr, "  got %zu, want %zu\n", rcAsciiGraphemes(z, n),
            refAsciiGraphemes(z, n));
    abort();
  }
}

/*
** The sweep: z[0..n) for every n-byte string it covers, each through
** check() in a buffer of exactly n bytes (one per length, refilled).
*/
int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  static const unsigned char aLast[] = {0x00, 0x0A, 0x0D, 0x41, 0x7F, 0x80,
                                        0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
                                        0xC2, 0xE0, 0xF0, 0xF4, 0xF5, 0xFF};
  unsigned char *az[5];
  unsigned a, b, c, d;
  size_t n;
  (void)pArgc;
  (void)pArgv;
  for (n = 0; n < 5; n++) {
    az[n] = malloc(n ? n : 1);
    if (az[n] == 0) abort();
  }
  check(az[0], 0);
  for (a = 0; a < 256; a++) {
    az[1][0] = az[2][0] = az[3][0] = az[4][0] = (unsigned char)a;
    check(az[1], 1);
    for (b = 0; b < 256; b++) {
      az[2][1] = az[3][1] = az[4][1] = (unsigned char)b;
      check(az[2], 2);
      if (a < 0x80) continue;
      for (c = 0; c < 256; c++) {
        az[3][2] = az[4][2] = (unsigned char)c;
        check(az[3], 3);
        if (a < 0xF0 || a > 0xF4) continue;
        for (d = 0; d < sizeof aLast; d++) {
          az[4][3] = aLast[d];
          check(az[4], 4);
        }
      }
    }
  }
  for (n = 0; n < 5; n++)
    free(az[n]);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const unsigned char zPad[] = "abcdefgh";
  unsigned char *z;
  size_t i, nPad;

  /* libFuzzer's own buffer is exactly size bytes: ASan guards its end */
  check(data, size);

  /* The same bytes behind 1..8 ASCII bytes, to move every sequence across
  ** the eight-byte windows of the ASCII fast path. */
  if (size == 0) return 0;
  nPad = 1 + data[0] % 8;
  z = malloc(nPad + size);
  if (z == 0) abort();
  memcpy(z, zPad, nPad);
  memcpy(z + nPad, data, size);
  check(z, nPad + size);
  free(z);

  /* rcAsciiGraphemes on the input folded to NUL-free ASCII, with a quarter
  ** of the bytes made CR or LF so that pairs and runs of them are common. */
  z = malloc(size);
  if (z == 0) abort();
  for (i = 0; i < size; i++) {
    unsigned c = data[i] & 0x7F;
    if (c >= 0x40 && c < 0x60) c = (c & 1) ? '\n' : '\r';
    z[i] = (unsigned char)(c ? c : ' ');
  }
  check(z, size);
  free(z);
  return 0;
}
