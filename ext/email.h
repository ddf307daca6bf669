/*
** email.h - the email address validator, with no SQLite in it.
**
** The default follows python-email-validator 2.x with strict=True and
** check_deliverability=False; flags select the WHATWG HTML5 rule, the RFC
** 5321/6531 rule, or relax parts of the default.  Input must be strict
** UTF-8 without NUL (see utf8.h); the caller checks that first.
*/
#ifndef RICHCHECK_EMAIL_H
#define RICHCHECK_EMAIL_H

#include <stddef.h>

/* Flags, as parsed from 'html5,quoted,...' by rcEmailParseFlags(). */
#define RC_EMAIL_HTML5 0x01    /* mode: the WHATWG input type=email rule */
#define RC_EMAIL_RFC 0x02      /* mode: RFC 5321 Mailbox + RFC 6531 */
#define RC_EMAIL_QUOTED 0x04   /* allow "quoted local parts" */
#define RC_EMAIL_LITERAL 0x08  /* allow [192.0.2.1] and [IPv6:...] */
#define RC_EMAIL_ASCII 0x10    /* no SMTPUTF8 before the @ */
#define RC_EMAIL_TEST_ENV 0x20 /* allow the special-use domain test */
#define RC_EMAIL_LOCAL 0x40    /* allow dotless domains and any last label */
#define RC_EMAIL_NFLAGS 128    /* number of distinct flag sets */
#define RC_EMAIL_NO_NORM 0x100 /* the caller wants the verdict only */
#define RC_EMAIL_NO_FAST 0x200 /* tests: skip the one-pass ASCII path */
#define RC_EMAIL_NO_MSG 0x400  /* the caller wants no message (zMsg empty) */
#define RC_EMAIL_TRIED_FAST 0x1000 /* rcEmailFast() already said 0 */

/* The verdict: OK, or the first rule broken.  Names: rcEmailTagName(). */
typedef enum RcEmailTag {
  RC_EMAIL_OK = 0,
  RC_EMAIL_TOO_LONG,
  RC_EMAIL_NO_AT,
  RC_EMAIL_MULTIPLE_AT,
  RC_EMAIL_DISPLAY_NAME,
  RC_EMAIL_QUOTED_TAG,
  RC_EMAIL_LOCAL_EMPTY,
  RC_EMAIL_LOCAL_TOO_LONG,
  RC_EMAIL_LOCAL_CHARS,
  RC_EMAIL_LOCAL_DOT,
  RC_EMAIL_LOCAL_UNICODE,
  RC_EMAIL_UNSAFE_CHARS,
  RC_EMAIL_DOMAIN_EMPTY,
  RC_EMAIL_DOMAIN_CHARS,
  RC_EMAIL_DOMAIN_DOT,
  RC_EMAIL_DOMAIN_HYPHEN,
  RC_EMAIL_DOMAIN_IDNA,
  RC_EMAIL_DOMAIN_TOO_LONG,
  RC_EMAIL_LABEL_TOO_LONG,
  RC_EMAIL_DOMAIN_NO_DOT,
  RC_EMAIL_DOMAIN_TLD,
  RC_EMAIL_SPECIAL_USE,
  RC_EMAIL_LITERAL_TAG,
  RC_EMAIL_INTERNAL, /* ICU failed: not a verdict on the address */
  RC_EMAIL_UNNAMED   /* invalid, under RC_EMAIL_NO_MSG: no rule named */
} RcEmailTag;

/* Longest normalized address (254 octets) plus its terminator. */
#define RC_EMAIL_NORM_SIZE 256

typedef struct RcEmailIcu RcEmailIcu;

typedef struct RcEmail RcEmail;
struct RcEmail {
  RcEmailTag eTag;
  int bNoMsg;                     /* RC_EMAIL_NO_MSG was given */
  char zMsg[240];                 /* why, when eTag is not OK */
  char zNorm[RC_EMAIL_NORM_SIZE]; /* the normalized address, when OK */
};

/*
** Judges z[0..n) under flags; z[n] must be 0 (as sqlite3_value_text gives).
*ppIcu points at the caller's cache of ICU
** objects (NULL at first; opened only when the address is not ASCII) which
** rcEmailIcuFree() releases.  Returns p->eTag.
*/
RcEmailTag rcEmailCheck(const unsigned char *z, size_t n, unsigned flags,
                        RcEmailIcu **ppIcu, RcEmail *p);

void rcEmailIcuFree(RcEmailIcu *pIcu);

/*
** The one-pass paths for everyday addresses: 1 when z[0..n) is valid
** (p->eTag, and p->zNorm unless RC_EMAIL_NO_NORM, are set; the input is
** then also known to be UTF-8 without NUL); under RC_EMAIL_NO_MSG, -1 when
** it is certainly invalid (p->eTag is RC_EMAIL_UNNAMED): rcEmailCheck()
** refuses it, or it is not strict UTF-8 at all; 0 when only rcEmailCheck()
** can tell.  z[n] must be 0, as SQLite's text is; any bytes may precede it.
*/
int rcEmailFast(const unsigned char *z, size_t n, unsigned flags, RcEmail *p);

/*
** The ways the ASCII fast path classifies bytes; every one gives the same
** answers.  The best the processor runs is chosen when the library loads.
*/
#define RC_FAST_SCALAR 0 /* table walks: any machine */
#define RC_FAST_SSE2 1   /* range compares: every x86-64 */
#define RC_FAST_SSSE3 2  /* nibble-table look-ups (pshufb) */

/*
** The way in use; for the tests, a level >= 0 first makes the way that level
** (or the best the processor runs, if lower) for every later call.  Not
** thread-safe when it changes the level.
*/
int rcEmailFastLevel(int level);

/* "xn--" + the Punycode (RFC 3492) of a[0..n): its length, or -1. */
int rcPunycode(const int *a, int n, char *zOut, int nOut);

/* "too-long", "no-at", ... */
const char *rcEmailTagName(RcEmailTag eTag);

/*
** Parses a flags text.  Returns 1 with *pFlags set, or 0 with an error
** message in zErr (of nErr bytes).
*/
int rcEmailParseFlags(const char *z, unsigned *pFlags, char *zErr, int nErr);

#endif /* RICHCHECK_EMAIL_H */
