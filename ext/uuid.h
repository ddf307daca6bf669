/*
** uuid.h - UUIDs in RFC 9562's text form, with no SQLite in it.
**
**     f81d4fae-7dec-41d0-a765-00a0c91e6bf6     the form (RFC 9562 section 4):
**     xxxxxxxx-xxxx-Mxxx-Nxxx-xxxxxxxxxxxx     8-4-4-4-12 hex digits
**
** M, the 13th hex digit, is the version; N, the 17th, holds the variant:
** 8, 9, a or b for RFC 9562's (section 4.1, "10xx").  By default a UUID
** must have RFC 9562's variant and one of its versions, 1 to 8; hex digits
** in any case (section 4: "case insensitive on input").
**
** Options (words separated by commas and spaces, case-insensitive; the
** same text for the SQL functions' options argument and for the rule
** uuid(...)):
**     1 .. 8     the version must be this one
**     any        any version, 1 to 8 (the default, written out)
**     nil        the nil UUID, all zeros (section 5.9), passes too
**     max        the max UUID, all f (section 5.10), passes too
**     lower      hex digits must be lower case (RFC 9562's output form)
**     upper      hex digits must be upper case
**     braces     {f81d4fae-7dec-41d0-a765-00a0c91e6bf6} is read too
**     urn        urn:uuid:f81d4fae-7dec-41d0-a765-00a0c91e6bf6 is read too
**                (section 4; "urn:uuid:" in any case)
**     compact    f81d4fae7dec41d0a76500a0c91e6bf6, 32 hex digits, too
**     blob       a BLOB of 16 bytes, the UUID in network order, too
** Each form option adds to the hyphenated form, which is always read.
*/
#ifndef RICHCHECK_UUID_H
#define RICHCHECK_UUID_H

#include <stddef.h>

/* RcUuidSpec.flags */
#define RC_UUID_NIL 0x01
#define RC_UUID_MAX 0x02
#define RC_UUID_LOWER 0x04
#define RC_UUID_UPPER 0x08
#define RC_UUID_BRACES 0x10
#define RC_UUID_URN 0x20
#define RC_UUID_COMPACT 0x40
#define RC_UUID_BLOB 0x80
#define RC_UUID_NFLAG_BITS 8 /* flags < 1 << RC_UUID_NFLAG_BITS */

/* What a uuid check accepts: parsed from its options text. */
typedef struct RcUuidSpec RcUuidSpec;
struct RcUuidSpec {
  int iVersion;   /* 1..8, or 0 for any */
  unsigned flags; /* RC_UUID_* */
};

/*
** Parses the options text z[0..n) (words separated by commas and spaces,
** as a rule spec writes them: "4", "7, lower", "any, braces"), the same
** text for the SQL functions' options argument and for the rule
** uuid(...).  Empty text is the default spec.  Returns 1, or 0 with a
** message in zErr (nErr bytes), such as "unknown option 'v4': ...".
*/
int rcUuidSpecParse(const char *z, size_t n, RcUuidSpec *p, char *zErr,
                    int nErr);

/* The verdict on one value. */
typedef enum RcUuidStatus {
  RC_UUID_OK = 0,
  /* Not a UUID of an accepted form: RICHCHECK_INVALID_TEXT. */
  RC_UUID_SYNTAX,
  /* A UUID, but not of the declared kind: RICHCHECK_UUID. */
  RC_UUID_IS_NIL,    /* the nil UUID without the option nil */
  RC_UUID_IS_MAX,    /* the max UUID without the option max */
  RC_UUID_VARIANT,   /* not RFC 9562's variant (N is not 8, 9, a, b) */
  RC_UUID_UNDEFINED, /* RFC 9562's variant, version 0 or 9..15 */
  RC_UUID_VERSION    /* a version other than the declared one */
} RcUuidStatus;

/* Why the text does not parse (RC_UUID_SYNTAX). */
typedef enum RcUuidWhy {
  RC_UUID_WHY_NONE = 0,
  RC_UUID_WHY_LENGTH,    /* no accepted form has that many characters */
  RC_UUID_WHY_HEX,       /* iAt is not a hex digit */
  RC_UUID_WHY_HYPHEN,    /* a hyphen was expected at iAt */
  RC_UUID_WHY_MISPLACED, /* a hyphen at iAt, where a hex digit belongs */
  RC_UUID_WHY_CASE,      /* the hex digit at iAt is of the refused case */
  RC_UUID_WHY_BRACES,    /* {...} without the option braces */
  RC_UUID_WHY_URN,       /* urn:uuid:... without the option urn */
  RC_UUID_WHY_COMPACT,   /* 32 hex digits without the option compact */
  RC_UUID_WHY_CLOSE,     /* iAt should be the closing brace */
  RC_UUID_WHY_BLOB_SIZE  /* a BLOB (option blob) of other than 16 bytes */
} RcUuidWhy;

typedef struct RcUuid RcUuid;
struct RcUuid {
  RcUuidStatus eStatus;
  RcUuidWhy eWhy;      /* RC_UUID_SYNTAX: why */
  size_t iAt;          /* RC_UUID_SYNTAX: the byte (0-based) at fault */
  size_t n;            /* the size of the value, in bytes */
  size_t nChar;        /* RC_UUID_WHY_LENGTH: its characters (UTF-8) */
  unsigned cAt;        /* RC_UUID_SYNTAX: the character at iAt (a code
                       ** point; a byte of bad UTF-8 as 0x80000000|byte) */
  int iVersion;        /* the version nibble, 0..15 (when parsed) */
  int iVariant;        /* the variant nibble, 0..15 (when parsed) */
  unsigned char a[16]; /* the UUID (when parsed) */
};

/*
** Judges text z[0..n) as spec p says: 1 when it passes, else 0; either
** way *pOut tells what was found (eStatus, and the fields it names).
** Every byte counts: a NUL or a byte of a non-ASCII character is not a hex
** digit.  The hyphenated form with no options is one pass over 36 bytes.
*/
int rcUuidParse(const char *z, size_t n, const RcUuidSpec *p, RcUuid *pOut);

/* Judges n bytes of a BLOB (option blob: 16, the UUID in network order). */
int rcUuidFromBytes(const unsigned char *a, size_t n, const RcUuidSpec *p,
                    RcUuid *pOut);

/*
** The canonical text of a parsed UUID: 36 lower-case characters and a NUL
** in z[37].
*/
#define RC_UUID_TEXT_SIZE 37
void rcUuidCanon(const RcUuid *pUuid, char *z);

/*
** Why a UUID failed, as the end of a message (no value in it; the caller
** quotes the value before it), written into zOut (nOut bytes):
**   RC_UUID_SYNTAX:  "'g' at character 5 is not a hex digit"
**   RICHCHECK_UUID:  "is version 1, not version 4"
** The SQL functions write "invalid input syntax for type uuid: \"V\": "
** and "UUID \"V\" " before it.  RC_UUID_REASON_SIZE bytes are enough.
*/
#define RC_UUID_REASON_SIZE 160
void rcUuidReason(const RcUuid *pUuid, const RcUuidSpec *p, char *zOut,
                  int nOut);

/* Whether status e is a syntax error (RICHCHECK_INVALID_TEXT) rather than
** a UUID of another kind (RICHCHECK_UUID). */
#define RC_UUID_IS_SYNTAX(e) ((e) == RC_UUID_SYNTAX)

#endif /* RICHCHECK_UUID_H */
