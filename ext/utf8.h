/*
** utf8.h - strict UTF-8 validation and counting, with no SQLite in it.
**
** "Strict" is Unicode 15, Table 3-7 (Well-Formed UTF-8 Byte Sequences):
** no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
** richcheck also refuses U+0000, because SQLite's C API and most drivers cut
** text at the first NUL byte.
*/
#ifndef RICHCHECK_UTF8_H
#define RICHCHECK_UTF8_H

#include <stddef.h>

typedef enum RcUtf8Status {
  RC_UTF8_OK = 0,
  RC_UTF8_INVALID, /* ill-formed sequence at iErr */
  RC_UTF8_NUL      /* U+0000 at iErr */
} RcUtf8Status;

typedef struct RcUtf8Scan RcUtf8Scan;
struct RcUtf8Scan {
  size_t nChar; /* scalar values counted (all of them when status is OK) */
  size_t iErr;  /* byte offset of the offending sequence */
  size_t nBad;  /* bytes of the offending sequence worth reporting (1..4) */
};

/* Validates z[0..n) and counts its scalar values. */
RcUtf8Status rcUtf8Scan(const unsigned char *z, size_t n, RcUtf8Scan *pScan);

/* The message of the offending sequence pScan found in z, as PostgreSQL
** words it: "invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte
** 2)", written into zOut (RC_UTF8_BAD_TEXT bytes are enough). */
#define RC_UTF8_BAD_TEXT 112
void rcUtf8BadText(const unsigned char *z, const RcUtf8Scan *pScan, char *zOut,
                   size_t nOut);

/* Extended grapheme clusters of ASCII text: each byte, but CR LF is one. */
size_t rcAsciiGraphemes(const unsigned char *z, size_t n);

#endif /* RICHCHECK_UTF8_H */
