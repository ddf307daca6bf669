/*
** pattern.h - regular expressions through PCRE2, with no SQLite in it.
**
**     pattern('[a-z]+')                 the whole value must match
**     pattern('[a-z]+', caseless)       ... in any case
**     pattern('\d{3}', search)          a match anywhere in the value will do
**
** Anchored by default: the whole value must match, as HTML's pattern
** attribute and XML Schema's pattern facet mean it (PCRE2_ANCHORED and
** PCRE2_ENDANCHORED; Python's re.fullmatch).  The flag search looks for a
** match anywhere instead (PCRE2's default; Python's re.search).  Always in
** UTF mode (the value and the pattern are UTF-8), with Unicode properties
** for \d, \w, \s, \b and [[:alpha:]] (PCRE2_UCP) unless the flag ascii is
** given.  \C, which would split a character, is refused.
**
** Flags (words separated by commas and spaces, case-insensitive; the same
** text for the SQL functions' flags argument and for the rule's arguments):
**     caseless   (or i)  letters match in either case      PCRE2_CASELESS
**     dotall     (or s)  '.' matches a newline too         PCRE2_DOTALL
**     multiline  (or m)  ^ and $ match at every line too   PCRE2_MULTILINE
**     extended   (or x)  spaces and #-comments ignored     PCRE2_EXTENDED
**     search             a match anywhere (not anchored)
**     ascii              \d, \w, \s, \b, [[:...:]] ASCII only (no PCRE2_UCP)
**
** Limits, so that a pattern that backtracks catastrophically on a hostile
** value ends with an error instead of a hang: RC_PATTERN_MATCH_LIMIT
** (PCRE2's match limit: backtracking steps), RC_PATTERN_DEPTH_LIMIT (the
** interpreter's backtracking depth), RC_PATTERN_HEAP_LIMIT (KiB of the
** interpreter's heap), RC_PATTERN_JIT_STACK_MAX (bytes of JIT stack).
** A pattern may lower them with (*LIMIT_MATCH=n), never raise them.  PCRE2
** counts steps afresh at every start position of a search and a
** backreference's comparison as one step, so the match limit of a value is
** lowered with its length to bound the work of the value as a whole
** (RC_PATTERN_SEARCH_STEPS, RC_PATTERN_BACKREF_WORK; never below
** RC_PATTERN_MIN_STEPS a start position), and a search with backreferences
** takes values of up to RC_PATTERN_SEARCH_BACKREF_BYTES.
**
** Memory: every allocation (the compiled code, the match data, the contexts,
** the JIT stack, the interpreter's frames) goes through the RcPatternMem the
** caller gives (SQLite's allocator in the extension), or malloc() for 0.
** JIT code itself lives in pages PCRE2 maps for it.
*/
#ifndef RICHCHECK_PATTERN_H
#define RICHCHECK_PATTERN_H

#include <stddef.h>

/* Flags (rcPatternFlagsParse) */
#define RC_PATTERN_CASELESS 0x01
#define RC_PATTERN_DOTALL 0x02
#define RC_PATTERN_MULTILINE 0x04
#define RC_PATTERN_EXTENDED 0x08
#define RC_PATTERN_SEARCH 0x10
#define RC_PATTERN_ASCII 0x20
#define RC_PATTERN_ALL_FLAGS 0x3f

#define RC_PATTERN_MAX_BYTES 32768     /* longest pattern, in bytes */
#define RC_PATTERN_MATCH_LIMIT 1000000 /* steps of one match attempt */
#define RC_PATTERN_DEPTH_LIMIT 100000
#define RC_PATTERN_HEAP_LIMIT 20480 /* KiB */
#define RC_PATTERN_JIT_STACK_MAX (1024 * 1024)
/* The work of one value, whatever the pattern (rcPatternMatch): */
#define RC_PATTERN_SEARCH_STEPS 10000000 /* over a search's start positions */
#define RC_PATTERN_MIN_STEPS 100         /* a search's least limit a position */
#define RC_PATTERN_BACKREF_WORK 100000000 /* steps x bytes, backreferences */
#define RC_PATTERN_MIN_BACKREF 100
#define RC_PATTERN_SEARCH_BACKREF_BYTES                                        \
  2000 /* longest value of a search                                            \
       ** with backreferences */
/* Longer values matched by the interpreter free its frames after. */
#define RC_PATTERN_KEEP_FRAMES_BYTES 4096

/* An allocator: xMalloc(n, pData) and xFree(p, pData). */
typedef struct RcPatternMem RcPatternMem;
struct RcPatternMem {
  void *(*xMalloc)(size_t n, void *pData);
  void (*xFree)(void *p, void *pData);
  void *pData;
};

/*
** Parses the flags text z[0..n) ("caseless, search", "i x"; empty is none)
** into *pFlags.  Returns 1, or 0 with a message in zErr (nErr bytes) such as
** "unknown flag 'q': the flags are ...".
*/
int rcPatternFlagsParse(const char *z, size_t n, unsigned *pFlags, char *zErr,
                        int nErr);

/* The flags as their words, "caseless, search" ("" for none), in z (n
** bytes; RC_PATTERN_FLAGS_SIZE are enough). */
#define RC_PATTERN_FLAGS_SIZE 64
void rcPatternFlagsText(unsigned flags, char *z, size_t n);

/* pMem, or the malloc() one when pMem is 0. */
const RcPatternMem *rcPatternMemOr(const RcPatternMem *pMem);

typedef struct RcPattern RcPattern;

/* What rcPatternCompile says. */
#define RC_PATTERN_COMPILED 0
#define RC_PATTERN_INVALID 1 /* *pErr says why and where */
#define RC_PATTERN_NOMEM 2

/* Why a pattern does not compile. */
typedef struct RcPatternError RcPatternError;
struct RcPatternError {
  size_t iByte;   /* where PCRE2 found the error: bytes before that point */
  size_t iChar;   /* ... and characters (iByte when it is not UTF-8) */
  char zMsg[160]; /* PCRE2's text ("missing closing parenthesis"), or ours */
};

/*
** Compiles pattern z[0..n) with flags (RC_PATTERN_*), JIT-compiled when
** PCRE2 has JIT (else its interpreter matches, as well).  On
** RC_PATTERN_COMPILED, *pp is the pattern, for rcPatternFree.  The pattern
** may contain any bytes but NUL: the caller refuses NUL before (a NUL is
** invalid as a pattern: RC_PATTERN_INVALID).
*/
int rcPatternCompile(const char *z, size_t n, unsigned flags,
                     const RcPatternMem *pMem, RcPattern **pp,
                     RcPatternError *pErr);

void rcPatternFree(RcPattern *p);

/* The pattern's text (NUL-terminated), its length, its flags. */
const char *rcPatternText(const RcPattern *p, size_t *pn);
unsigned rcPatternFlags(const RcPattern *p);
/* Whether it runs as JIT code. */
int rcPatternIsJit(const RcPattern *p);

/* What rcPatternMatch says. */
typedef enum RcPatternResult {
  RC_PATTERN_NO_MATCH = 0,
  RC_PATTERN_MATCH = 1,
  RC_PATTERN_LIMIT,       /* a limit was reached: no verdict (zWhy says) */
  RC_PATTERN_MATCH_NOMEM, /* memory ran out */
  RC_PATTERN_FAILED       /* any other PCRE2 error (zWhy says) */
} RcPatternResult;

/*
** Matches value z[0..n), which must be valid UTF-8 (the caller checks it:
** PCRE2 is told not to), with p's own match data: no allocation per value
** (but the interpreter's frames when it needs more than it has).  Not
** reentrant on one pattern.  For RC_PATTERN_LIMIT and RC_PATTERN_FAILED,
** zWhy (nWhy bytes) says which limit or error, e.g. "PCRE2's match limit
** (1000000 backtracking steps) was reached".
*/
RcPatternResult rcPatternMatch(RcPattern *p, const char *z, size_t n,
                               char *zWhy, int nWhy);

#endif /* RICHCHECK_PATTERN_H */
