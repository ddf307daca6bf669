/*
** fuzz_pattern.c - libFuzzer target for ext/pattern.c: the flags parser,
** pattern compilation and matching.
**
**     make fuzz
**     build/fuzz/fuzz_pattern -max_total_time=120 -max_len=4096
**
** The input is "flags\npattern\nvalue".  Beyond crashes: flags that parse
** are within RC_PATTERN_ALL_FLAGS and read back from their own text; a
** pattern that does not compile gets an error offset within the pattern and
** a message; one that compiles keeps its text and flags, and matching any
** valid UTF-8 value gives a verdict or a limit, never another error; the
** same value matched twice (match data reused) gives the same verdict.
*/
#include "pattern.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *zWhy, const uint8_t *data, size_t size) {
  fprintf(stderr, "fuzz_pattern: %s: \"%.*s\"\n", zWhy, (int)size,
          (const char *)data);
  abort();
}

/*
** The JIT code and the interpreter give one verdict: the same pattern
** behind (*NO_JIT), where it compiles (a pattern that starts with its own
** (*...) settings may not take one more in front).  Found by review: JIT
** code of backtracking verbs matched less than the whole value.
*/
static void checkInterpreter(const char *zPat, size_t nPat, unsigned flags,
                             const char *zVal, size_t nVal, RcPatternResult r1,
                             const uint8_t *data, size_t size) {
  char *zNoJit = (char *)malloc(nPat + 10);
  char zWhy[200];
  RcPatternError err;
  RcPattern *p2;
  if (zNoJit == 0) return;
  memcpy(zNoJit, "(*NO_JIT)", 9);
  memcpy(zNoJit + 9, zPat, nPat);
  if (rcPatternCompile(zNoJit, nPat + 9, flags, 0, &p2, &err) ==
      RC_PATTERN_COMPILED) {
    RcPatternResult r2 =
        rcPatternMatch(p2, zVal, nVal, zWhy, (int)sizeof(zWhy));
    /* (a limit is reached at different points by the two) */
    if (r1 != r2 && r1 != RC_PATTERN_LIMIT && r2 != RC_PATTERN_LIMIT &&
        r1 != RC_PATTERN_MATCH_NOMEM && r2 != RC_PATTERN_MATCH_NOMEM) {
      free(zNoJit);
      rcPatternFree(p2);
      fail("the JIT code and the interpreter disagree", data, size);
    }
    rcPatternFree(p2);
  }
  free(zNoJit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *z = (const char *)data, *zEnd = z + size, *zPat, *zVal;
  char zErr[200], zText[RC_PATTERN_FLAGS_SIZE], zWhy[200];
  const char *nl1, *nl2;
  unsigned flags, again;
  RcPatternError err;
  RcPattern *p;
  RcUtf8Scan scan;
  size_t nText;
  int rc;

  nl1 = memchr(z, '\n', size);
  if (nl1 == 0) return 0;
  zPat = nl1 + 1;
  nl2 = memchr(zPat, '\n', (size_t)(zEnd - zPat));
  zVal = nl2 ? nl2 + 1 : zEnd;
  if (!rcPatternFlagsParse(z, (size_t)(nl1 - z), &flags, zErr,
                           (int)sizeof(zErr))) {
    if (zErr[0] == 0) fail("flags refused without a message", data, size);
    return 0;
  }
  if (flags & ~(unsigned)RC_PATTERN_ALL_FLAGS) fail("stray flag", data, size);
  rcPatternFlagsText(flags, zText, sizeof(zText));
  if (!rcPatternFlagsParse(zText, strlen(zText), &again, zErr,
                           (int)sizeof(zErr)) ||
      again != flags) {
    fail("flags do not read back", data, size);
  }
  rc = rcPatternCompile(zPat, (size_t)((nl2 ? nl2 : zEnd) - zPat), flags, 0, &p,
                        &err);
  if (rc == RC_PATTERN_NOMEM) return 0;
  if (rc == RC_PATTERN_INVALID) {
    if (err.iByte > (size_t)((nl2 ? nl2 : zEnd) - zPat) || err.zMsg[0] == 0 ||
        err.iChar > err.iByte) {
      fail("compile error out of place or without a message", data, size);
    }
    return 0;
  }
  rcPatternText(p, &nText);
  if (nText != (size_t)((nl2 ? nl2 : zEnd) - zPat) ||
      rcPatternFlags(p) != flags)
    fail("pattern does not keep its text and flags", data, size);
  if (rcUtf8Scan((const unsigned char *)zVal, (size_t)(zEnd - zVal), &scan) ==
      RC_UTF8_OK) {
    RcPatternResult r1 =
        rcPatternMatch(p, zVal, (size_t)(zEnd - zVal), zWhy, (int)sizeof(zWhy));
    RcPatternResult r2 =
        rcPatternMatch(p, zVal, (size_t)(zEnd - zVal), zWhy, (int)sizeof(zWhy));
    if (r1 == RC_PATTERN_FAILED) fail(zWhy, data, size);
    if (r1 != r2) fail("the same value judged twice differs", data, size);
    checkInterpreter(zPat, (size_t)((nl2 ? nl2 : zEnd) - zPat), flags, zVal,
                     (size_t)(zEnd - zVal), r1, data, size);
  }
  rcPatternFree(p);
  return 0;
}
