/*
** fuzz_grapheme.c - libFuzzer target for the grapheme fast path
** (ext/grapheme.c) against ICU's character break iterator.
**
**     make fuzz
**     build/fuzz/fuzz_grapheme -max_total_time=120 -max_len=4096
**
** For any input that is well-formed UTF-8 (rcUtf8Scan, as length_count
** sees it, NUL allowed here), the count of rcGraphemeCount must be ICU's,
** and with ICU 72 (Unicode 15.0) the fast path must decide every input.
** Otherwise the target aborts with the input.  Inputs that are not UTF-8
** are read a second way: each byte pair as the index of a code point in a
** table of representatives of every Grapheme_Cluster_Break class, so that
** the fuzzer can build cluster sequences from bytes.
*/
#include "grapheme.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

static RcGraphemeTable *pTab = 0;
static UBreakIterator *pIter = 0;

/* One or more code points of each class, and edges; the last two rows:
** ICU's aksara rule (linking consonants, viramas, marks of ccc > 0, and
** Tamil's, which the rule leaves out). */
static const int aRep[] = {
    'a',     0xE9,    0x4E00, 0x0D,    0x0A,   0x01,    0x7F,    0xAD,
    0x300,   0x36F,   0x93C,  0x200C,  0xFE0F, 0x1F3FB, 0xE0020, 0x200D,
    0x1F1E6, 0x1F1E7, 0x600,  0x110BD, 0x903,  0xE33,   0x1100,  0x1161,
    0x11A8,  0xAC00,  0xAC01, 0xA9,    0x2764, 0x1F468, 0x1F600, 0x1F3F3,
    0x915,   0x995,   0xA95,  0xB15,   0xC15,  0xD15,   0x94D,   0x9CD,
    0xACD,   0xB4D,   0xC4D,  0xD4D,   0x951,  0xB95,   0xBCD,   0x93F,
};
#define N_REP ((int)(sizeof(aRep) / sizeof(aRep[0])))

static long icuCount(const uint8_t *z, size_t n) {
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  long nCluster = 0;
  utext_openUTF8(&text, (const char *)z, (int64_t)n, &status);
  ubrk_setUText(pIter, &text, &status);
  if (U_FAILURE(status)) abort();
  ubrk_first(pIter);
  while (ubrk_next(pIter) != UBRK_DONE)
    nCluster++;
  utext_close(&text);
  return nCluster;
}

static void compare(const uint8_t *z, size_t n) {
  size_t nFast = 0, i;
  long nIcu = icuCount(z, n);
  if (!rcGraphemeCount(pTab, z, n, &nFast) || (long)nFast != nIcu) {
    fprintf(stderr, "fuzz_grapheme: fast %zu, ICU %ld for bytes", nFast, nIcu);
    for (i = 0; i < n; i++)
      fprintf(stderr, " %02x", z[i]);
    fprintf(stderr, "\n");
    abort();
  }
}

/* The text of the representatives that the byte pairs of z[0..n) pick. */
static size_t fromReps(const uint8_t *z, size_t n, uint8_t *zOut) {
  size_t i, k = 0;
  for (i = 0; i + 1 < n; i += 2) {
    int c = aRep[(z[i] << 8 | z[i + 1]) % N_REP];
    uint8_t *o = zOut + k;
    if (c < 0x80) {
      o[0] = (uint8_t)c;
      k += 1;
    } else if (c < 0x800) {
      o[0] = (uint8_t)(0xC0 | c >> 6);
      o[1] = (uint8_t)(0x80 | (c & 0x3F));
      k += 2;
    } else if (c < 0x10000) {
      o[0] = (uint8_t)(0xE0 | c >> 12);
      o[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
      o[2] = (uint8_t)(0x80 | (c & 0x3F));
      k += 3;
    } else {
      o[0] = (uint8_t)(0xF0 | c >> 18);
      o[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
      o[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
      o[3] = (uint8_t)(0x80 | (c & 0x3F));
      k += 4;
    }
  }
  return k;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  UErrorCode status = U_ZERO_ERROR;
  (void)argc;
  (void)argv;
  if (rcGraphemeTableOpen(&pTab) != RC_GRAPHEME_OK) abort();
  pIter = ubrk_open(UBRK_CHARACTER, "", 0, 0, &status);
  if (U_FAILURE(status)) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *z, size_t n) {
  RcUtf8Scan scan;
  RcUtf8Status e = rcUtf8Scan(z, n, &scan);
  if (e == RC_UTF8_OK || e == RC_UTF8_NUL) {
    if (e == RC_UTF8_NUL) { /* well-formed but for U+0000: still UTF-8 */
      size_t i;
      for (i = 0; i < n && z[i] != 0; i++) {
      }
      compare(z, i);
      return 0;
    }
    compare(z, n);
  } else {
    uint8_t *zText = malloc(n * 2 + 4);
    if (zText == 0) return 0;
    compare(zText, fromReps(z, n, zText));
    free(zText);
  }
  return 0;
}
