/*
** pattern.c - regular expressions through PCRE2, with no SQLite in it.
**
** A compiled pattern (RcPattern) owns everything one match needs: the code
** (JIT-compiled when PCRE2 has JIT), one match data of a single pair (the
** verdict needs no captures), a match context carrying the limits, and a
** JIT stack; all of it allocated by the caller's allocator through a PCRE2
** general context.  So a row costs one pcre2_jit_match() (or pcre2_match())
** and no allocation.  ext/pattern.h lists the flags and the limits;
** ext/pattern_sql.c is the SQL.
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct RcPattern {
  RcPatternMem mem;
  pcre2_general_context *pGen;
  pcre2_code *pCode;
  pcre2_match_data *pData;
  pcre2_match_context *pMatchCtx;
  pcre2_jit_stack *pJitStack; /* made when the default one is too small */
  int bJit;
  int bBackref;       /* the pattern has backreferences */
  uint32_t nOwnLimit; /* its own (*LIMIT_MATCH=n), or UINT32_MAX */
  uint32_t nLimitSet; /* the match limit in pMatchCtx (0: none set yet) */
  int bWholeCheck;    /* whether a match must be tested for the whole value */
  int bPlain;         /* JIT code, anchored, no backreferences, no whole
                      ** test: one call a value (rcPatternMatch) */
  unsigned flags;
  size_t nText;
  char *zText;
};

/* --- the flags ------------------------------------------------------------ */

typedef struct RcPatternWord RcPatternWord;
struct RcPatternWord {
  const char *zName;
  const char *zAlias; /* the one-letter form of Perl and Python, or 0 */
  unsigned flag;
};

static const RcPatternWord aRcPatternWord[] = {
    {"caseless", "i", RC_PATTERN_CASELESS},
    {"dotall", "s", RC_PATTERN_DOTALL},
    {"multiline", "m", RC_PATTERN_MULTILINE},
    {"extended", "x", RC_PATTERN_EXTENDED},
    {"search", 0, RC_PATTERN_SEARCH},
    {"ascii", 0, RC_PATTERN_ASCII},
};
#define RC_PATTERN_NWORD (sizeof(aRcPatternWord) / sizeof(aRcPatternWord[0]))

static int rcPatternSep(char c) {
  return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether z[0..n) is zName, in any case. */
static int rcPatternWordIs(const char *z, size_t n, const char *zName) {
  size_t i;
  if (zName == 0 || strlen(zName) != n) return 0;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != zName[i]) return 0;
  }
  return 1;
}

int rcPatternFlagsParse(const char *z, size_t n, unsigned *pFlags, char *zErr,
                        int nErr) {
  size_t i = 0;
  *pFlags = 0;
  while (i < n) {
    size_t iWord, k;
    if (rcPatternSep(z[i])) {
      i++;
      continue;
    }
    for (iWord = i; i < n && !rcPatternSep(z[i]); i++) {
    }
    for (k = 0; k < RC_PATTERN_NWORD; k++) {
      const RcPatternWord *w = &aRcPatternWord[k];
      if (rcPatternWordIs(z + iWord, i - iWord, w->zName) ||
          rcPatternWordIs(z + iWord, i - iWord, w->zAlias)) {
        *pFlags |= w->flag;
        break;
      }
    }
    if (k == RC_PATTERN_NWORD) {
      char zShown[40];
      size_t j, m = 0;
      for (j = iWord; j < i && m + 4 < sizeof(zShown); j++) {
        unsigned char c = (unsigned char)z[j];
        zShown[m++] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
      }
      if (j < i) {
        memcpy(zShown + m, "...", 3);
        m += 3;
      }
      zShown[m] = 0;
      snprintf(zErr, (size_t)nErr,
               "unknown flag '%s': the flags are caseless (i), dotall (s), "
               "multiline (m), extended (x), search and ascii",
               zShown);
      return 0;
    }
  }
  return 1;
}

void rcPatternFlagsText(unsigned flags, char *z, size_t n) {
  size_t k, j = 0;
  if (n == 0) return;
  z[0] = 0;
  for (k = 0; k < RC_PATTERN_NWORD; k++) {
    const RcPatternWord *w = &aRcPatternWord[k];
    size_t len = strlen(w->zName);
    if (!(flags & w->flag)) continue;
    if (j + len + 3 > n) return;
    if (j) {
      memcpy(z + j, ", ", 2);
      j += 2;
    }
    memcpy(z + j, w->zName, len + 1);
    j += len;
  }
}

/* --- compiling ------------------------------------------------------------ */

static void *rcPatternStdMalloc(size_t n, void *pData) {
  (void)pData;
  return malloc(n);
}

static void rcPatternStdFree(void *p, void *pData) {
  (void)pData;
  free(p);
}

static const RcPatternMem rcPatternStdMem = {rcPatternStdMalloc,
                                             rcPatternStdFree, 0};

const RcPatternMem *rcPatternMemOr(const RcPatternMem *pMem) {
  return pMem ? pMem : &rcPatternStdMem;
}

/* Characters (UTF-8 lead bytes and others) of z[0..n). */
static size_t rcPatternChars(const char *z, size_t n) {
  size_t i, nChar = 0;
  for (i = 0; i < n; i++) {
    nChar += ((unsigned char)z[i] & 0xC0) != 0x80;
  }
  return nChar;
}

static int rcPatternInvalid(RcPatternError *pErr, const char *z, size_t iByte,
                            const char *zMsg) {
  pErr->iByte = iByte;
  pErr->iChar = rcPatternChars(z, iByte);
  snprintf(pErr->zMsg, sizeof(pErr->zMsg), "%s", zMsg);
  return RC_PATTERN_INVALID;
}

static uint32_t rcPatternOptions(unsigned flags) {
  uint32_t o = PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C;
  if (!(flags & RC_PATTERN_ASCII)) o |= PCRE2_UCP;
  if (!(flags & RC_PATTERN_SEARCH)) o |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
  if (flags & RC_PATTERN_CASELESS) o |= PCRE2_CASELESS;
  if (flags & RC_PATTERN_DOTALL) o |= PCRE2_DOTALL;
  if (flags & RC_PATTERN_MULTILINE) o |= PCRE2_MULTILINE;
  if (flags & RC_PATTERN_EXTENDED) o |= PCRE2_EXTENDED;
  return o;
}

/* The contexts and match data of p, whose code is compiled.  The JIT
** stack is PCRE2's default (32 KiB of the machine stack) until a match
** needs more (rcPatternMatch). */
static int rcPatternPrepare(RcPattern *p) {
  size_t nJit = 0;
  uint32_t nBackref = 0;
  /* (*NO_JIT) in the pattern: jit_compile succeeds and compiles nothing */
  p->bJit = pcre2_jit_compile(p->pCode, PCRE2_JIT_COMPLETE) == 0 &&
            pcre2_pattern_info(p->pCode, PCRE2_INFO_JITSIZE, &nJit) == 0 &&
            nJit > 0;
  p->bBackref =
      pcre2_pattern_info(p->pCode, PCRE2_INFO_BACKREFMAX, &nBackref) == 0 &&
      nBackref > 0;
  /* The JIT code of a pattern anchored at both ends can stop short of the
  ** end only through a backtracking verb, which is always written "(*"
  ** (any other "(*" costs only the test); the interpreter's matches are
  ** tested always */
  p->bWholeCheck = !p->bJit || strstr(p->zText, "(*") != 0;
  if (pcre2_pattern_info(p->pCode, PCRE2_INFO_MATCHLIMIT, &p->nOwnLimit) != 0) {
    p->nOwnLimit = UINT32_MAX;
  }
  p->bPlain = p->bJit && !(p->flags & RC_PATTERN_SEARCH) && !p->bBackref &&
              !p->bWholeCheck;
  p->pData = pcre2_match_data_create(1, p->pGen);
  p->pMatchCtx = pcre2_match_context_create(p->pGen);
  if (p->pData == 0 || p->pMatchCtx == 0) return 0;
  pcre2_set_depth_limit(p->pMatchCtx, RC_PATTERN_DEPTH_LIMIT);
  pcre2_set_heap_limit(p->pMatchCtx, RC_PATTERN_HEAP_LIMIT);
  /* the limit of an anchored pattern without backreferences, the same for
  ** every value (rcPatternLimit) */
  pcre2_set_match_limit(p->pMatchCtx, RC_PATTERN_MATCH_LIMIT);
  p->nLimitSet = RC_PATTERN_MATCH_LIMIT;
  return 1;
}

int rcPatternCompile(const char *z, size_t n, unsigned flags,
                     const RcPatternMem *pMem, RcPattern **pp,
                     RcPatternError *pErr) {
  pcre2_compile_context *pCompileCtx = 0;
  const char *zNul;
  RcPattern *p;
  int iErr = 0;
  PCRE2_SIZE iOff = 0;

  *pp = 0;
  pMem = rcPatternMemOr(pMem);
  zNul = n ? memchr(z, 0, n) : 0;
  if (zNul) {
    return rcPatternInvalid(pErr, z, (size_t)(zNul - z),
                            "a NUL character is not allowed in a pattern");
  }
  if (n > RC_PATTERN_MAX_BYTES) {
    char zMsg[80];
    snprintf(zMsg, sizeof(zMsg), "the pattern is longer than %d bytes",
             RC_PATTERN_MAX_BYTES);
    return rcPatternInvalid(pErr, z, RC_PATTERN_MAX_BYTES, zMsg);
  }
  p = (RcPattern *)pMem->xMalloc(sizeof(*p), pMem->pData);
  if (p == 0) return RC_PATTERN_NOMEM;
  memset(p, 0, sizeof(*p));
  p->mem = *pMem;
  p->flags = flags & RC_PATTERN_ALL_FLAGS;
  p->nText = n;
  p->zText = (char *)pMem->xMalloc(n + 1, pMem->pData);
  p->pGen =
      pcre2_general_context_create(pMem->xMalloc, pMem->xFree, pMem->pData);
  if (p->zText) pCompileCtx = pcre2_compile_context_create(p->pGen);
  if (p->zText == 0 || p->pGen == 0 || pCompileCtx == 0) goto nomem;
  if (n) memcpy(p->zText, z, n);
  p->zText[n] = 0;
  p->pCode = pcre2_compile((PCRE2_SPTR)z, n, rcPatternOptions(p->flags), &iErr,
                           &iOff, pCompileCtx);
  pcre2_compile_context_free(pCompileCtx);
  pCompileCtx = 0; /* (not freed again at nomem) */
  if (p->pCode == 0) {
    PCRE2_UCHAR zMsg[sizeof(pErr->zMsg)];
    rcPatternFree(p);
    if (iErr == PCRE2_ERROR_HEAP_FAILED) return RC_PATTERN_NOMEM;
    if (pcre2_get_error_message(iErr, zMsg, sizeof(zMsg)) < 0) {
      snprintf((char *)zMsg, sizeof(zMsg), "PCRE2 error %d", iErr);
    }
    return rcPatternInvalid(pErr, z, iOff > n ? n : iOff, (const char *)zMsg);
  }
  if (!rcPatternPrepare(p)) goto nomem;
  *pp = p;
  return RC_PATTERN_COMPILED;

nomem:
  pcre2_compile_context_free(pCompileCtx);
  rcPatternFree(p);
  return RC_PATTERN_NOMEM;
}

void rcPatternFree(RcPattern *p) {
  if (p == 0) return;
  pcre2_jit_stack_free(p->pJitStack);
  pcre2_match_context_free(p->pMatchCtx);
  pcre2_match_data_free(p->pData);
  pcre2_code_free(p->pCode);
  pcre2_general_context_free(p->pGen);
  if (p->zText) p->mem.xFree(p->zText, p->mem.pData);
  p->mem.xFree(p, p->mem.pData);
}

const char *rcPatternText(const RcPattern *p, size_t *pn) {
  *pn = p->nText;
  return p->zText;
}

unsigned rcPatternFlags(const RcPattern *p) { return p->flags; }

int rcPatternIsJit(const RcPattern *p) { return p->bJit; }

/* --- matching ------------------------------------------------------------- */

/*
** The match limit for a value of n bytes: PCRE2 counts its steps afresh at
** every start position of a search, and counts a backreference's comparison
** as one step whatever its length, so that the work of one value stays
** bounded: at most RC_PATTERN_SEARCH_STEPS steps over all start positions,
** and RC_PATTERN_BACKREF_WORK steps times bytes with backreferences.
*/
static uint64_t rcPatternLimit(const RcPattern *p, size_t n) {
  uint64_t nPos = (p->flags & RC_PATTERN_SEARCH) ? (uint64_t)n + 1 : 1;
  uint64_t limit = RC_PATTERN_MATCH_LIMIT, k;
  if (nPos > 1) {
    k = RC_PATTERN_SEARCH_STEPS / nPos;
    if (k < limit) limit = k < RC_PATTERN_MIN_STEPS ? RC_PATTERN_MIN_STEPS : k;
  }
  if (p->bBackref) {
    k = RC_PATTERN_BACKREF_WORK / (nPos * ((uint64_t)n + 1));
    if (k < limit)
      limit = k < RC_PATTERN_MIN_BACKREF ? RC_PATTERN_MIN_BACKREF : k;
  }
  return limit;
}

/* One match of z[0..n) (the JIT code unless bNoJit), with limit. */
static int rcPatternRun(RcPattern *p, const char *z, size_t n, int bNoJit) {
  if (p->bJit && !bNoJit) {
    int rc = pcre2_jit_match(p->pCode, (PCRE2_SPTR)z, n, 0, 0, p->pData,
                             p->pMatchCtx);
    if (rc != PCRE2_ERROR_JIT_STACKLIMIT || p->pJitStack) return rc;
    /* the default stack is too small: a larger one, kept, and again */
    p->pJitStack =
        pcre2_jit_stack_create(32 * 1024, RC_PATTERN_JIT_STACK_MAX, p->pGen);
    if (p->pJitStack == 0) return PCRE2_ERROR_NOMEMORY;
    pcre2_jit_stack_assign(p->pMatchCtx, 0, p->pJitStack);
    return pcre2_jit_match(p->pCode, (PCRE2_SPTR)z, n, 0, 0, p->pData,
                           p->pMatchCtx);
  }
  return pcre2_match(p->pCode, (PCRE2_SPTR)z, n, 0,
                     PCRE2_NO_UTF_CHECK | (p->bJit ? PCRE2_NO_JIT : 0),
                     p->pData, p->pMatchCtx);
}

/* Whether the match in p's match data is the whole of z[0..n) (its start,
** \K aside, at 0; its end at n). */
static int rcPatternWhole(const RcPattern *p, size_t n) {
  const PCRE2_SIZE *a = pcre2_get_ovector_pointer(p->pData);
  return pcre2_get_startchar(p->pData) == 0 && a[1] == n;
}

/* What a match's return code rc (< 0) says; limit is the match limit it
** ran with. */
static RcPatternResult rcPatternFailure(const RcPattern *p, int rc,
                                        uint64_t limit, char *zWhy, int nWhy) {
  switch (rc) {
  case PCRE2_ERROR_NOMATCH: return RC_PATTERN_NO_MATCH;
  case PCRE2_ERROR_NOMEMORY: return RC_PATTERN_MATCH_NOMEM;
  case PCRE2_ERROR_MATCHLIMIT:
    snprintf(zWhy, (size_t)nWhy,
             "PCRE2's match limit (%llu backtracking steps) was reached",
             (unsigned long long)(limit < p->nOwnLimit ? limit : p->nOwnLimit));
    return RC_PATTERN_LIMIT;
  case PCRE2_ERROR_DEPTHLIMIT:
    snprintf(zWhy, (size_t)nWhy,
             "PCRE2's depth limit (%d nested backtracking points) was reached",
             RC_PATTERN_DEPTH_LIMIT);
    return RC_PATTERN_LIMIT;
  case PCRE2_ERROR_HEAPLIMIT:
    snprintf(zWhy, (size_t)nWhy,
             "PCRE2's heap limit (%d KiB of backtracking memory) was reached",
             RC_PATTERN_HEAP_LIMIT);
    return RC_PATTERN_LIMIT;
  case PCRE2_ERROR_JIT_STACKLIMIT:
    snprintf(zWhy, (size_t)nWhy,
             "PCRE2's JIT stack limit (%d bytes) was reached",
             RC_PATTERN_JIT_STACK_MAX);
    return RC_PATTERN_LIMIT;
  default: {
    PCRE2_UCHAR zMsg[120];
    if (pcre2_get_error_message(rc, zMsg, sizeof(zMsg)) < 0) zMsg[0] = 0;
    snprintf(zWhy, (size_t)nWhy, "PCRE2 error %d: %s", rc, (char *)zMsg);
    return RC_PATTERN_FAILED;
  }
  }
}

static RcPatternResult rcPatternMatchFull(RcPattern *p, const char *z, size_t n,
                                          char *zWhy, int nWhy) {
  uint64_t limit;
  int rc;
  if (p->pData == 0) { /* dropped after a large interpreter match */
    p->pData = pcre2_match_data_create(1, p->pGen);
    if (p->pData == 0) return RC_PATTERN_MATCH_NOMEM;
  }
  if ((p->flags & RC_PATTERN_SEARCH) && p->bBackref &&
      n > RC_PATTERN_SEARCH_BACKREF_BYTES) {
    snprintf(zWhy, (size_t)nWhy,
             "a search with backreferences is limited to values of %d bytes, "
             "and this one has %llu",
             RC_PATTERN_SEARCH_BACKREF_BYTES, (unsigned long long)n);
    return RC_PATTERN_LIMIT;
  }
  limit = rcPatternLimit(p, n);
  if ((uint32_t)limit != p->nLimitSet) { /* (the same for every value of
                                         ** an anchored pattern) */
    pcre2_set_match_limit(p->pMatchCtx, (uint32_t)limit);
    p->nLimitSet = (uint32_t)limit;
  }
  rc = rcPatternRun(p, z, n, 0);
  if (rc >= 0 && !(p->flags & RC_PATTERN_SEARCH) && p->bWholeCheck &&
      !rcPatternWhole(p, n)) {
    /* JIT code of a pattern with backtracking verbs ((*SKIP), (*ACCEPT))
    ** can match less than the whole value although anchored at both ends:
    ** the interpreter decides, and only a whole match counts */
    rc = p->bJit ? rcPatternRun(p, z, n, 1) : PCRE2_ERROR_NOMATCH;
    if (rc >= 0 && !rcPatternWhole(p, n)) rc = PCRE2_ERROR_NOMATCH;
  }
  if (!p->bJit && n > RC_PATTERN_KEEP_FRAMES_BYTES) {
    /* the interpreter keeps its backtracking frames in the match data,
    ** up to the heap limit: not for the life of the connection */
    pcre2_match_data_free(p->pData);
    p->pData = 0;
  }
  if (rc >= 0) return RC_PATTERN_MATCH;
  return rcPatternFailure(p, rc, limit, zWhy, nWhy);
}

RcPatternResult rcPatternMatch(RcPattern *p, const char *z, size_t n,
                               char *zWhy, int nWhy) {
  if (p->bPlain) { /* the usual pattern: one call of its JIT code */
    int rc = pcre2_jit_match(p->pCode, (PCRE2_SPTR)z, n, 0, 0, p->pData,
                             p->pMatchCtx);
    if (rc >= 0) return RC_PATTERN_MATCH;
    if (rc == PCRE2_ERROR_NOMATCH) return RC_PATTERN_NO_MATCH;
    if (rc != PCRE2_ERROR_JIT_STACKLIMIT || p->pJitStack) {
      return rcPatternFailure(p, rc, RC_PATTERN_MATCH_LIMIT, zWhy, nWhy);
    }
    /* (the full path makes the larger JIT stack and runs it again) */
  }
  return rcPatternMatchFull(p, z, n, zWhy, nWhy);
}
