/*
** utf8.c - strict UTF-8 validation and scalar-value counting.
**
** The walker is the hot loop of every length check, so ASCII runs are taken
** eight bytes at a time; anything else goes through the byte ranges of
** Unicode Table 3-7, one row at a time.
*/
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RC_ONES 0x0101010101010101ULL
#define RC_HIGHS 0x8080808080808080ULL

/* True when the eight bytes at z are all in 0x01..0x7F. */
static int rcIsPlainAscii8(const unsigned char *z) {
  uint64_t v;
  memcpy(&v, z, sizeof v);
  /* (v - 1) sets a high bit in a byte that was 0; v has it where >= 0x80 */
  return (((v - RC_ONES) | v) & RC_HIGHS) == 0;
}

/* Length of the sequence led by c (2..4), or 0 when c cannot lead one. */
static size_t rcLeadLength(unsigned c) {
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

/* The allowed range of the second byte after lead c (Table 3-7). */
static void rcSecondRange(unsigned c, unsigned *pLo, unsigned *pHi) {
  *pLo = 0x80;
  *pHi = 0xBF;
  if (c == 0xE0)
    *pLo = 0xA0; /* no overlong 3-byte forms */
  else if (c == 0xED)
    *pHi = 0x9F; /* no surrogates */
  else if (c == 0xF0)
    *pLo = 0x90; /* no overlong 4-byte forms */
  else if (c == 0xF4)
    *pHi = 0x8F; /* nothing above U+10FFFF */
}

/*
** How many bytes an error report shows for a bad sequence led by c, as
** PostgreSQL does: what the lead byte announces by its bit pattern.
*/
static size_t rcReportLength(unsigned c) {
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

/*
** Checks the multi-byte sequence at z[0..n).  Returns its length, or 0 with
** *pnBad set to the bytes worth reporting (cut at the end of the text).
*/
static size_t rcSequence(const unsigned char *z, size_t n, size_t *pnBad) {
  size_t len = rcLeadLength(z[0]);
  unsigned lo, hi;
  size_t i;

  if (len == 0) goto bad;
  rcSecondRange(z[0], &lo, &hi);
  for (i = 1; i < len; i++) {
    if (i >= n || z[i] < lo || z[i] > hi) goto bad;
    lo = 0x80;
    hi = 0xBF;
  }
  return len;

bad:
  *pnBad = rcReportLength(z[0]);
  if (*pnBad > n) *pnBad = n;
  return 0;
}

/*
** The exact walker: finds where and how the text is ill-formed.  Only
** called once rcUtf8Scan's fast loop has seen something wrong.
*/
static RcUtf8Status rcUtf8ScanSlow(const unsigned char *z, size_t n,
                                   RcUtf8Scan *pScan) {
  size_t i = 0;
  size_t nChar = 0;

  while (i < n) {
    size_t len, nBad;
    while (i + 8 <= n && rcIsPlainAscii8(z + i)) {
      i += 8;
      nChar += 8;
    }
    if (i >= n) break;
    if (z[i] < 0x80) {
      if (z[i] == 0) {
        pScan->nChar = nChar;
        pScan->iErr = i;
        pScan->nBad = 1;
        return RC_UTF8_NUL;
      }
      i++;
      nChar++;
      continue;
    }
    len = rcSequence(z + i, n - i, &nBad);
    if (len == 0) {
      pScan->nChar = nChar;
      pScan->iErr = i;
      pScan->nBad = nBad;
      return RC_UTF8_INVALID;
    }
    i += len;
    nChar++;
  }
  pScan->nChar = nChar;
  pScan->iErr = 0;
  pScan->nBad = 0;
  return RC_UTF8_OK;
}

/*
** The fast walker: validates and counts, and hands the text to the exact
** walker at the first thing wrong.  The count is the bytes less the
** continuation bytes.
*/
RcUtf8Status rcUtf8Scan(const unsigned char *z, size_t n, RcUtf8Scan *pScan) {
  size_t i = 0;
  size_t nCont = 0; /* continuation bytes of the valid sequences so far */

  while (i < n) {
    unsigned c = z[i];
    if (c < 0x80) {
      while (i + 8 <= n && rcIsPlainAscii8(z + i))
        i += 8;
      /* Under 8 bytes left: check the last word (overlapping) at once. */
      if (i < n && i + 8 > n && n >= 8 && rcIsPlainAscii8(z + n - 8)) break;
      while (i < n && z[i] < 0x80) {
        if (z[i] == 0) return rcUtf8ScanSlow(z, n, pScan);
        i++;
      }
    } else if (c < 0xC2) {
      return rcUtf8ScanSlow(z, n, pScan);
    } else if (c < 0xE0) {
      if (n - i < 2 || (z[i + 1] & 0xC0) != 0x80) {
        return rcUtf8ScanSlow(z, n, pScan);
      }
      i += 2;
      nCont += 1;
    } else if (c < 0xF0) {
      unsigned c1 = n - i < 3 ? 0 : z[i + 1];
      if (c1 < (c == 0xE0 ? 0xA0u : 0x80u) ||
          c1 > (c == 0xED ? 0x9Fu : 0xBFu) || (z[i + 2] & 0xC0) != 0x80) {
        return rcUtf8ScanSlow(z, n, pScan);
      }
      i += 3;
      nCont += 2;
    } else if (c < 0xF5) {
      unsigned c1 = n - i < 4 ? 0 : z[i + 1];
      if (c1 < (c == 0xF0 ? 0x90u : 0x80u) ||
          c1 > (c == 0xF4 ? 0x8Fu : 0xBFu) || (z[i + 2] & 0xC0) != 0x80 ||
          (z[i + 3] & 0xC0) != 0x80) {
        return rcUtf8ScanSlow(z, n, pScan);
      }
      i += 4;
      nCont += 3;
    } else {
      return rcUtf8ScanSlow(z, n, pScan);
    }
  }
  pScan->nChar = n - nCont;
  pScan->iErr = 0;
  pScan->nBad = 0;
  return RC_UTF8_OK;
}

size_t rcAsciiGraphemes(const unsigned char *z, size_t n) {
  size_t nCluster = n;
  size_t i;
  for (i = 1; i < n; i++) {
    if (z[i] == '\n' && z[i - 1] == '\r') nCluster--; /* UAX #29 GB3 */
  }
  return nCluster;
}

void rcUtf8BadText(const unsigned char *z, const RcUtf8Scan *pScan, char *zOut,
                   size_t nOut) {
  size_t i, k;
  k = (size_t)snprintf(zOut, nOut,
                       "invalid byte sequence for encoding \"UTF8\":");
  for (i = 0; i < pScan->nBad && i < 4 && k < nOut; i++) {
    k += (size_t)snprintf(zOut + k, nOut - k, " 0x%02x", z[pScan->iErr + i]);
  }
  if (k < nOut) {
    snprintf(zOut + k, nOut - k, " (at byte %llu)",
             (unsigned long long)pScan->iErr + 1);
  }
}
