/*
** email_int.h - what the email validator's two files share: the ASCII
** classes and limits, and the small tests both the full path (email.c) and
** the one-pass paths (email_fast.c) use.  Not part of the validator's API
** (email.h).
*/
#ifndef RICHCHECK_EMAIL_INT_H
#define RICHCHECK_EMAIL_INT_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

/*
** ASCII classes: atext (RFC 5322 3.2.3), letter-digit-hyphen, alnum, and
** for the fast path, what a dot-atom or a domain may hold (with the dot).
*/
#define RC_ATEXT 1
#define RC_LDH 2
#define RC_ALNUM 4
#define RC_LOCAL_BYTE 8
#define RC_DOMAIN_BYTE 16

extern const unsigned char aRcAscii[256];

#define RC_IS(c, cls) ((c) < 0x80 && (aRcAscii[(c)] & (cls)) != 0)

#define RC_MAX_ADDRESS 254 /* octets, RFC 5321 4.5.3.1.3 less the <> */
#define RC_MAX_LOCAL 64
#define RC_MAX_LABEL 63
#define RC_MAX_DOMAIN 253
#define RC_MAX_DOMAIN_RFC 255 /* RFC 5321 4.5.3.1.2 */

/* True when z[0..n) has a byte >= 0x80. */
static inline int rcHasNonAscii(const unsigned char *z, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (z[i] >= 0x80) return 1;
  }
  return 0;
}

/*
** Code points whose whole story is known without ICU: lowercase letters of
** Latin-1, Greek and Cyrillic, kana, CJK unified ideographs, Hangul
** syllables.  Each is its own UTS #46 mapping (ß and ς kept, as
** non-transitional processing does), IDNA2008 PVALID, left-to-right, not
** a mark, composes with none of the others (so any run of them is NFC), and
** is a letter (never unsafe).  The fuzzer checks this path against ICU's.
*/
static inline int rcIsSimpleCp(UChar32 c) {
  if (c < 0x3000) {
    return c == 0xDF || (c >= 0xE0 && c <= 0xFF && c != 0xF7) ||
           (c >= 0x3AC && c <= 0x3CE) || (c >= 0x430 && c <= 0x45F);
  }
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
}

/*
** True when the label z[0..n) (any case) is a special-use name of RFC 6761
** or RFC 7686 refused for email; the flag test-env lets "test" through.
*/
static inline int rcIsSpecialLabel(const char *z, size_t n, unsigned flags) {
  static const char azName[][10] = {"arpa",      "invalid", "local",
                                    "localhost", "onion",   "test"};
  size_t i, k;
  if (n < 4 || n > 9) return 0;
  for (i = 0; i < sizeof(azName) / sizeof(azName[0]); i++) {
    if (azName[i][n] != 0 || azName[i][n - 1] == 0) continue; /* not n long */
    if (i == 5 && (flags & RC_EMAIL_TEST_ENV)) continue;
    for (k = 0; k < n && (z[k] | 0x20) == azName[i][k]; k++) {
    }
    if (k == n) return 1;
  }
  return 0;
}

/* RFC 2142 role names, which python-email-validator 2.x lowercases. */
void rcLowerRoleName(char *z, size_t n);

#endif /* RICHCHECK_EMAIL_INT_H */
