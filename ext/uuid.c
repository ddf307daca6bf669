/*
** uuid.c - UUIDs in RFC 9562's text form, with no SQLite in it.
**
** The grammar (RFC 9562 section 4, its ABNF "UUID"):
**
**     UUID     = 4hexOctet "-" 2hexOctet "-" 2hexOctet "-" 2hexOctet "-"
**                6hexOctet
**     braces   = "{" UUID "}"                       (option braces)
**     urn      = "urn:uuid:" UUID                   (option urn; RFC 9562
**                                                    section 4, RFC 8141)
**     compact  = 16hexOctet                         (option compact)
**
** and the checks of the bits (section 4.1, variant: the 17th hex digit is
** 10xx; section 4.2, version: the 13th hex digit is 1..8), except for the
** nil and max UUIDs (sections 5.9, 5.10) when their options let them in.
** ext/uuid.h lists the options; ext/uuid_sql.c is the SQL.
*/
#include "uuid.h"

#include <stdio.h>
#include <string.h>

/* Hex digit classes: the value, and which case a letter is in. */
#define RC_HEX_LOWER 0x10
#define RC_HEX_UPPER 0x20
#define RC_HEX_BAD 0x40

#define X RC_HEX_BAD
#define L RC_HEX_LOWER
#define U RC_HEX_UPPER
/* clang-format off */
static const unsigned char aRcHex[256] = {
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x00 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x10 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x20 */
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, X, X, X, X, X, X,  /* 0x30 */
    X, 10|U, 11|U, 12|U, 13|U, 14|U, 15|U, X, X, X, X, X, X, X, X, X,  /* 0x40 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x50 */
    X, 10|L, 11|L, 12|L, 13|L, 14|L, 15|L, X, X, X, X, X, X, X, X, X,  /* 0x60 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x70 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x80 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0x90 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xa0 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xb0 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xc0 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xd0 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xe0 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,  /* 0xf0 */
};
/* clang-format on */
#undef X
#undef L
#undef U

/* The offsets of the 32 hex digits of the hyphenated form. */
static const unsigned char aRcDigitAt[32] = {
    0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
    19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};

/* --- the options ---------------------------------------------------------- */

typedef struct RcUuidWord RcUuidWord;
struct RcUuidWord {
  const char *zName;
  unsigned flag;
};

static const RcUuidWord aRcUuidWord[] = {
    {"nil", RC_UUID_NIL},         {"max", RC_UUID_MAX},
    {"lower", RC_UUID_LOWER},     {"upper", RC_UUID_UPPER},
    {"braces", RC_UUID_BRACES},   {"urn", RC_UUID_URN},
    {"compact", RC_UUID_COMPACT}, {"blob", RC_UUID_BLOB},
};

static int rcIsSep(char c) {
  return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int rcWordIs(const char *z, size_t n, const char *zName) {
  size_t i;
  if (strlen(zName) != n) return 0;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != zName[i]) return 0;
  }
  return 1;
}

/* A word for a message: printable ASCII kept, anything else '?', cut. */
static void rcWordShown(const char *z, size_t n, char *zOut, size_t nOut) {
  size_t i, j = 0;
  for (i = 0; i < n && j + 4 < nOut; i++) {
    unsigned char c = (unsigned char)z[i];
    zOut[j++] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
  }
  if (i < n) {
    memcpy(zOut + j, "...", 3);
    j += 3;
  }
  zOut[j] = 0;
}

int rcUuidSpecParse(const char *z, size_t n, RcUuidSpec *p, char *zErr,
                    int nErr) {
  size_t i = 0;
  int bAny = 0;
  p->iVersion = 0;
  p->flags = 0;
  while (i < n) {
    size_t iWord, nWord, k;
    if (rcIsSep(z[i])) {
      i++;
      continue;
    }
    for (iWord = i; i < n && !rcIsSep(z[i]); i++) {
    }
    nWord = i - iWord;
    if (z[iWord] >= '0' && z[iWord] <= '9') {
      int v = nWord == 1 ? z[iWord] - '0' : -1;
      for (k = 0; k < nWord && z[iWord + k] >= '0' && z[iWord + k] <= '9';
           k++) {
      }
      if (k == nWord && (v < 1 || v > 8)) {
        char zShown[40];
        rcWordShown(z + iWord, nWord, zShown, sizeof(zShown));
        snprintf(zErr, (size_t)nErr,
                 "there is no version %s: RFC 9562 defines versions 1 to 8",
                 zShown);
        return 0;
      }
      if (k == nWord) {
        if (bAny) {
          snprintf(zErr, (size_t)nErr,
                   "'any' and version %d contradict each other: write one", v);
          return 0;
        }
        if (p->iVersion && p->iVersion != v) {
          snprintf(zErr, (size_t)nErr,
                   "two versions, %d and %d: a uuid check takes one",
                   p->iVersion, v);
          return 0;
        }
        p->iVersion = v;
        continue;
      }
    }
    if (rcWordIs(z + iWord, nWord, "any")) {
      if (p->iVersion) {
        snprintf(zErr, (size_t)nErr,
                 "'any' and version %d contradict each other: write one",
                 p->iVersion);
        return 0;
      }
      bAny = 1;
      continue;
    }
    for (k = 0; k < sizeof(aRcUuidWord) / sizeof(aRcUuidWord[0]); k++) {
      if (rcWordIs(z + iWord, nWord, aRcUuidWord[k].zName)) break;
    }
    if (k == sizeof(aRcUuidWord) / sizeof(aRcUuidWord[0])) {
      char zShown[40];
      rcWordShown(z + iWord, nWord, zShown, sizeof(zShown));
      snprintf(zErr, (size_t)nErr,
               "unknown option '%s': use a version 1 to 8, any, nil, max, "
               "lower, upper, braces, urn, compact or blob",
               zShown);
      return 0;
    }
    p->flags |= aRcUuidWord[k].flag;
  }
  if ((p->flags & (RC_UUID_LOWER | RC_UUID_UPPER)) ==
      (RC_UUID_LOWER | RC_UUID_UPPER)) {
    snprintf(zErr, (size_t)nErr,
             "'lower' and 'upper' contradict each other: write one");
    return 0;
  }
  return 1;
}

/* --- judging -------------------------------------------------------------- */

static int rcAllBytes(const unsigned char *a, unsigned char c) {
  int i;
  for (i = 0; i < 16; i++) {
    if (a[i] != c) return 0;
  }
  return 1;
}

/* The version and variant of the 16 bytes u->a, as spec p asks. */
static int rcUuidJudge(const RcUuidSpec *p, RcUuid *u) {
  u->iVersion = u->a[6] >> 4;
  u->iVariant = u->a[8] >> 4;
  if ((u->iVariant & 0xc) == 0x8) {
    if (p->iVersion ? u->iVersion == p->iVersion
                    : u->iVersion >= 1 && u->iVersion <= 8) {
      return 1;
    }
    u->eStatus = p->iVersion ? RC_UUID_VERSION : RC_UUID_UNDEFINED;
    return 0;
  }
  /* The nil UUID's variant is 0 and the max UUID's f: neither is RFC's. */
  if (u->iVariant == 0 && rcAllBytes(u->a, 0)) {
    if (p->flags & RC_UUID_NIL) return 1;
    u->eStatus = RC_UUID_IS_NIL;
  } else if (u->iVariant == 0xf && rcAllBytes(u->a, 0xff)) {
    if (p->flags & RC_UUID_MAX) return 1;
    u->eStatus = RC_UUID_IS_MAX;
  } else {
    u->eStatus = RC_UUID_VARIANT;
  }
  return 0;
}

/* The character at z[i] of z[0..n), for a message. */
static unsigned rcCharAt(const unsigned char *z, size_t n, size_t i) {
  unsigned c = z[i], nMore, v, k;
  if (c < 0x80) return c;
  if (c >= 0xc2 && c <= 0xdf) {
    nMore = 1;
    v = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    nMore = 2;
    v = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    nMore = 3;
    v = c & 0x07;
  } else {
    return 0x80000000u | c;
  }
  if (n - i <= nMore) return 0x80000000u | c;
  for (k = 1; k <= nMore; k++) {
    if ((z[i + k] & 0xc0) != 0x80) return 0x80000000u | c;
    v = (v << 6) | (z[i + k] & 0x3f);
  }
  return v;
}

static int rcSyntax(RcUuid *u, RcUuidWhy eWhy, const unsigned char *z,
                    size_t iAt) {
  u->eStatus = RC_UUID_SYNTAX;
  u->eWhy = eWhy;
  u->iAt = iAt;
  u->cAt = z && iAt < u->n ? rcCharAt(z, u->n, iAt) : 0;
  return 0;
}

/*
** Where the hyphenated form at z[0..36) (at offset iBase of the value)
** goes wrong, once the fast pass has refused it: the first misplaced
** hyphen or character that is not a hex digit, else the first letter of
** the case that flags refuses; 0 and *u says which.  1 if nothing is.
*/
static int rcLocate36(const unsigned char *z, size_t iBase, unsigned flags,
                      RcUuid *u) {
  size_t i;
  for (i = 0; i < 36; i++) {
    unsigned c = z[i], k = aRcHex[c];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-')
        return rcSyntax(u, RC_UUID_WHY_HYPHEN, z - iBase, iBase + i);
    } else if (c == '-') {
      return rcSyntax(u, RC_UUID_WHY_MISPLACED, z - iBase, iBase + i);
    } else if (k & RC_HEX_BAD) {
      return rcSyntax(u, RC_UUID_WHY_HEX, z - iBase, iBase + i);
    }
  }
  for (i = 0; i < 36; i++) {
    unsigned k = aRcHex[z[i]];
    if (((flags & RC_UUID_LOWER) && (k & RC_HEX_UPPER)) ||
        ((flags & RC_UUID_UPPER) && (k & RC_HEX_LOWER))) {
      return rcSyntax(u, RC_UUID_WHY_CASE, z - iBase, iBase + i);
    }
  }
  return 1;
}

/* The refused case of a spec's flags, as hex classes. */
static unsigned rcRefusedCase(unsigned flags) {
  return ((flags & RC_UUID_LOWER) ? RC_HEX_UPPER : 0) |
         ((flags & RC_UUID_UPPER) ? RC_HEX_LOWER : 0);
}

/* Reads the hyphenated form at z[0..36), at offset iBase of the value. */
static int rcRead36(const unsigned char *z, size_t iBase, const RcUuidSpec *p,
                    RcUuid *u) {
  unsigned seen = 0;
  int i;
  if (z[8] == '-' && z[13] == '-' && z[18] == '-' && z[23] == '-') {
    for (i = 0; i < 16; i++) {
      unsigned hi = aRcHex[z[aRcDigitAt[2 * i]]];
      unsigned lo = aRcHex[z[aRcDigitAt[2 * i + 1]]];
      seen |= hi | lo;
      u->a[i] = (unsigned char)(((hi & 15) << 4) | (lo & 15));
    }
    if ((seen & (RC_HEX_BAD | rcRefusedCase(p->flags))) == 0) {
      return rcUuidJudge(p, u);
    }
  }
  rcLocate36(z, iBase, p->flags, u);
  return 0;
}

/* Reads 32 hex digits at z[0..32) (option compact). */
static int rcRead32(const unsigned char *z, const RcUuidSpec *p, RcUuid *u) {
  unsigned refused = rcRefusedCase(p->flags);
  int i;
  for (i = 0; i < 32; i++) {
    unsigned k = aRcHex[z[i]];
    if (k & RC_HEX_BAD) return rcSyntax(u, RC_UUID_WHY_HEX, z, (size_t)i);
    if (k & refused) return rcSyntax(u, RC_UUID_WHY_CASE, z, (size_t)i);
    if (i & 1) {
      u->a[i / 2] = (unsigned char)(u->a[i / 2] | (k & 15));
    } else {
      u->a[i / 2] = (unsigned char)((k & 15) << 4);
    }
  }
  return rcUuidJudge(p, u);
}

/* Whether z[0..n) is 32 hex digits. */
static int rcIs32Hex(const unsigned char *z, size_t n) {
  size_t i;
  if (n != 32) return 0;
  for (i = 0; i < n; i++) {
    if (aRcHex[z[i]] & RC_HEX_BAD) return 0;
  }
  return 1;
}

/* Characters of UTF-8 text: the bytes that do not continue a sequence. */
static size_t rcCharCount(const unsigned char *z, size_t n) {
  size_t i, nChar = 0;
  for (i = 0; i < n; i++) {
    nChar += (z[i] & 0xc0) != 0x80;
  }
  return nChar;
}

static int rcUrnPrefix(const unsigned char *z, size_t n) {
  return n >= 9 && rcWordIs((const char *)z, 9, "urn:uuid:");
}

int rcUuidParse(const char *zText, size_t n, const RcUuidSpec *p,
                RcUuid *pOut) {
  const unsigned char *z = (const unsigned char *)zText;
  pOut->eStatus = RC_UUID_OK;
  pOut->eWhy = RC_UUID_WHY_NONE;
  pOut->n = n;
  if (n == 36) return rcRead36(z, 0, p, pOut);
  if (n > 0 && z[0] == '{') {
    if (!(p->flags & RC_UUID_BRACES)) {
      return rcSyntax(pOut, RC_UUID_WHY_BRACES, z, 0);
    }
    if (n == 38) {
      if (z[37] != '}') {
        /* the digits first: a brace in the middle is the first fault */
        if (!rcLocate36(z + 1, 1, p->flags, pOut)) return 0;
        return rcSyntax(pOut, RC_UUID_WHY_CLOSE, z, 37);
      }
      return rcRead36(z + 1, 1, p, pOut);
    }
  } else if (rcUrnPrefix(z, n)) {
    if (!(p->flags & RC_UUID_URN)) {
      return rcSyntax(pOut, RC_UUID_WHY_URN, z, 0);
    }
    if (n == 45) return rcRead36(z + 9, 9, p, pOut);
  } else if (n == 32 && (p->flags & RC_UUID_COMPACT)) {
    return rcRead32(z, p, pOut);
  } else if (rcIs32Hex(z, n)) {
    return rcSyntax(pOut, RC_UUID_WHY_COMPACT, z, 0);
  }
  pOut->nChar = rcCharCount(z, n);
  return rcSyntax(pOut, RC_UUID_WHY_LENGTH, 0, 0);
}

int rcUuidFromBytes(const unsigned char *a, size_t n, const RcUuidSpec *p,
                    RcUuid *pOut) {
  pOut->eStatus = RC_UUID_OK;
  pOut->eWhy = RC_UUID_WHY_NONE;
  pOut->n = n;
  if (n != 16) return rcSyntax(pOut, RC_UUID_WHY_BLOB_SIZE, 0, 0);
  memcpy(pOut->a, a, 16);
  return rcUuidJudge(p, pOut);
}

void rcUuidCanon(const RcUuid *pUuid, char *z) {
  static const char zDigit[] = "0123456789abcdef";
  int i;
  for (i = 0; i < 16; i++) {
    z[aRcDigitAt[2 * i]] = zDigit[pUuid->a[i] >> 4];
    z[aRcDigitAt[2 * i + 1]] = zDigit[pUuid->a[i] & 15];
  }
  z[8] = z[13] = z[18] = z[23] = '-';
  z[36] = 0;
}

/* --- messages ------------------------------------------------------------- */

/* A character for a message: 'g', or U+00E9, or the byte 0xff. */
static void rcCharShown(unsigned c, char *zOut, size_t nOut) {
  if (c & 0x80000000u) {
    snprintf(zOut, nOut, "the byte 0x%02x", c & 0xff);
  } else if (c > 0x20 && c < 0x7f && c != '\'') {
    snprintf(zOut, nOut, "'%c'", (char)c);
  } else {
    snprintf(zOut, nOut, "U+%04X", c);
  }
}

/* The accepted text lengths of spec p, as "36 (8-4-4-4-12 hex digits)...". */
static void rcLengths(unsigned flags, char *zOut, size_t nOut) {
  const char *az[4];
  int nForm = 0, i;
  size_t j;
  az[nForm++] = "36 (8-4-4-4-12 hex digits)";
  if (flags & RC_UUID_BRACES) az[nForm++] = "38 (in braces)";
  if (flags & RC_UUID_URN) az[nForm++] = "45 (with urn:uuid:)";
  if (flags & RC_UUID_COMPACT) az[nForm++] = "32 (without hyphens)";
  zOut[0] = 0;
  for (i = 0; i < nForm; i++) {
    j = strlen(zOut);
    snprintf(zOut + j, nOut - j, "%s%s",
             i == 0 ? "" : (i == nForm - 1 ? " or " : ", "), az[i]);
  }
}

static const char *rcVariantName(int iVariant) {
  if (iVariant < 8)
    return "the NCS variant, reserved for backward compatibility";
  if (iVariant < 0xe) return "the variant of Microsoft's GUIDs";
  return "the variant reserved for future definition";
}

void rcUuidReason(const RcUuid *u, const RcUuidSpec *p, char *zOut, int nOut) {
  size_t nz = (size_t)nOut;
  int iAt = u->eStatus == RC_UUID_SYNTAX ? (int)u->iAt + 1 : 0;
  char zChar[24], zLen[120], zVersion[40];
  static const char zHexDigit[] = "0123456789abcdef";
  const char *zCaseOpt = (p->flags & RC_UUID_LOWER) ? "lower" : "upper";

  zVersion[0] = 0;
  if (p->iVersion)
    snprintf(zVersion, sizeof(zVersion), ", not version %d", p->iVersion);
  /* (the character and its place are set for a syntax failure only) */
  zChar[0] = 0;
  if (u->eStatus == RC_UUID_SYNTAX) rcCharShown(u->cAt, zChar, sizeof(zChar));
  switch (u->eStatus) {
  case RC_UUID_OK: snprintf(zOut, nz, "is a UUID"); return;
  case RC_UUID_IS_NIL:
    snprintf(zOut, nz, "is the nil UUID%s (the option 'nil' accepts it)",
             zVersion);
    return;
  case RC_UUID_IS_MAX:
    snprintf(zOut, nz, "is the max UUID%s (the option 'max' accepts it)",
             zVersion);
    return;
  case RC_UUID_VARIANT:
    snprintf(zOut, nz,
             "has %s (17th hex digit %c), not RFC 9562's (8, 9, a or b)",
             rcVariantName(u->iVariant), zHexDigit[u->iVariant]);
    return;
  case RC_UUID_UNDEFINED:
    snprintf(zOut, nz,
             "is version %d (13th hex digit %c), which RFC 9562 does not "
             "define (1 to 8)",
             u->iVersion, zHexDigit[u->iVersion]);
    return;
  case RC_UUID_VERSION:
    if (u->iVersion > 9) {
      snprintf(zOut, nz, "is version %d (13th hex digit %c), not version %d",
               u->iVersion, zHexDigit[u->iVersion], p->iVersion);
    } else {
      snprintf(zOut, nz, "is version %d, not version %d", u->iVersion,
               p->iVersion);
    }
    return;
  case RC_UUID_SYNTAX: break;
  }
  switch (u->eWhy) {
  case RC_UUID_WHY_LENGTH:
    rcLengths(p->flags, zLen, sizeof(zLen));
    snprintf(zOut, nz, "%d character%s, not %s", (int)u->nChar,
             u->nChar == 1 ? "" : "s", zLen);
    break;
  case RC_UUID_WHY_HEX:
    snprintf(zOut, nz, "%s at character %d is not a hex digit", zChar, iAt);
    break;
  case RC_UUID_WHY_HYPHEN:
    snprintf(zOut, nz,
             "%s at character %d, where a hyphen belongs (8-4-4-4-12 hex "
             "digits)",
             zChar, iAt);
    break;
  case RC_UUID_WHY_MISPLACED:
    snprintf(zOut, nz,
             "a hyphen at character %d, where a hex digit belongs "
             "(8-4-4-4-12 hex digits)",
             iAt);
    break;
  case RC_UUID_WHY_CASE:
    snprintf(zOut, nz,
             "%s at character %d is %s case (the option '%s' asks for %s "
             "case)",
             zChar, iAt, (p->flags & RC_UUID_LOWER) ? "upper" : "lower",
             zCaseOpt, zCaseOpt);
    break;
  case RC_UUID_WHY_BRACES:
    snprintf(zOut, nz, "braces are refused (the option 'braces' accepts them)");
    break;
  case RC_UUID_WHY_URN:
    snprintf(zOut, nz,
             "the urn:uuid: prefix is refused (the option 'urn' accepts it)");
    break;
  case RC_UUID_WHY_COMPACT:
    snprintf(zOut, nz,
             "32 hex digits without hyphens, not 8-4-4-4-12 (the option "
             "'compact' accepts them)");
    break;
  case RC_UUID_WHY_CLOSE:
    snprintf(zOut, nz, "%s at character %d, where the closing brace belongs",
             zChar, iAt);
    break;
  case RC_UUID_WHY_BLOB_SIZE:
    snprintf(zOut, nz, "a BLOB of %d byte%s, not 16", (int)u->n,
             u->n == 1 ? "" : "s");
    break;
  case RC_UUID_WHY_NONE: snprintf(zOut, nz, "not a UUID"); break;
  }
}
