/*
** text.c - text length in characters, bytes or grapheme clusters.
**
**     length_count(x [, unit])                  -> INTEGER
**     length_valid(x, min, max [, unit])        -> 1 or 0 (data never raises)
**     length_check(x, min, max [, label [, unit]]) -> 1, or raises:
**         RICHCHECK_TOO_LONG   value too long (51 characters, maximum 50)
**         RICHCHECK_TOO_SHORT  value too short (0 characters, minimum 1)
**         RICHCHECK_ENCODING   invalid UTF-8, NUL, or a BLOB measured as text
**
** unit is 'chars' (the default: Unicode scalar values, what PostgreSQL's
** varchar(n) counts), 'bytes', or 'graphemes' (extended grapheme clusters of
** UAX #29: ASCII by rcAsciiGraphemes, the rest by grapheme.c's state machine
** over ICU's properties, and ICU's break iterator for what that leaves, see
** grapheme.h).  TEXT is always held to strict UTF-8, whatever the
** unit.  INTEGER and REAL are measured by the text SQLite gives them (what
** CAST(x AS TEXT) and length() see).  A BLOB has bytes only.  NULL passes.
*/
#include "grapheme.h"
#include "richcheck_int.h"
#include "utf8.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

typedef enum RcUnit { RC_UNIT_CHARS, RC_UNIT_BYTES, RC_UNIT_GRAPHEMES } RcUnit;

/* Singular and plural nouns of each unit, for messages. */
static const char *const azRcUnitNoun[][2] = {
    {"character", "characters"},
    {"byte", "bytes"},
    {"grapheme", "graphemes"},
};

typedef enum RcMeasureStatus {
  RC_MEASURE_OK,
  RC_MEASURE_INVALID, /* ill-formed UTF-8 */
  RC_MEASURE_NUL,     /* U+0000 inside the text */
  RC_MEASURE_BLOB,    /* a BLOB measured in a text unit */
  RC_MEASURE_ICU,     /* ICU failed (no data, no memory) */
  RC_MEASURE_NOMEM
} RcMeasureStatus;

typedef struct RcMeasure RcMeasure;
struct RcMeasure {
  sqlite3_int64 n;        /* the length, when OK */
  const unsigned char *z; /* the text, for error messages */
  RcUtf8Scan scan;        /* where the UTF-8 went wrong */
};

/*
** A connection builds grapheme.c's table (about 23 million instructions,
** 2 ms; the first in a process also has ICU build its property map) once it
** has counted this many non-ASCII values with the break iterator, which
** costs some 10,000 instructions a value more: a connection that counts a
** few values never pays for the table, and none pays more than about twice
** what the better way would have cost it.
*/
#define RC_GRAPHEME_TABLE_AFTER 1000

/* What the unit 'graphemes' keeps in the connection (RcConn.pGraphemes). */
typedef struct RcGraphemes RcGraphemes;
struct RcGraphemes {
  RcGraphemeTable *pTable; /* grapheme.c's classes and rules; 0 till built */
  UBreakIterator *pIter;   /* ICU's, for what the table leaves; 0 till then */
  int nIcu; /* values the iterator counted while there was no table */
};

void rcTextRelease(RcConn *pConn) {
  RcGraphemes *p = (RcGraphemes *)pConn->pGraphemes;
  if (p) {
    rcGraphemeTableClose(p->pTable);
    if (p->pIter) ubrk_close(p->pIter);
    sqlite3_free(p);
  }
  pConn->pGraphemes = 0;
}

/* The connection's RcGraphemes, or 0 (no memory). */
static RcGraphemes *rcGraphemesOf(RcConn *pConn) {
  RcGraphemes *p = (RcGraphemes *)pConn->pGraphemes;
  if (p) return p;
  p = (RcGraphemes *)sqlite3_malloc64(sizeof(*p));
  if (p == 0) return 0;
  p->pTable = 0;
  p->pIter = 0;
  p->nIcu = 0;
  pConn->pGraphemes = p;
  return p;
}

/* Counts with ICU's break iterator: what grapheme.c does not decide. */
static RcMeasureStatus rcIcuGraphemes(RcGraphemes *p, const unsigned char *z,
                                      int nByte, sqlite3_int64 *pn) {
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  sqlite3_int64 n = 0;

  if (p->pIter == 0) {
    p->pIter = ubrk_open(UBRK_CHARACTER, "", 0, 0, &status);
    if (U_FAILURE(status)) {
      p->pIter = 0;
      return RC_MEASURE_ICU;
    }
  }
  utext_openUTF8(&text, (const char *)z, nByte, &status);
  ubrk_setUText(p->pIter, &text, &status);
  if (U_FAILURE(status)) {
    utext_close(&text);
    return RC_MEASURE_ICU;
  }
  ubrk_first(p->pIter);
  while (ubrk_next(p->pIter) != UBRK_DONE)
    n++;
  utext_close(&text);
  *pn = n;
  return RC_MEASURE_OK;
}

/* Grapheme clusters of the well-formed UTF-8 z[0..nByte), not all ASCII. */
static RcMeasureStatus rcGraphemes(RcConn *pConn, const unsigned char *z,
                                   int nByte, sqlite3_int64 *pn) {
  RcGraphemes *p = rcGraphemesOf(pConn);
  size_t n;
  if (p == 0) return RC_MEASURE_NOMEM;
  if (p->pTable == 0 && p->nIcu >= RC_GRAPHEME_TABLE_AFTER &&
      rcGraphemeTableOpen(&p->pTable) != RC_GRAPHEME_OK) {
    p->nIcu = 0; /* ICU could not build it: the iterator says why, or counts */
  }
  if (p->pTable && rcGraphemeCount(p->pTable, z, (size_t)nByte, &n)) {
    *pn = (sqlite3_int64)n;
    return RC_MEASURE_OK;
  }
  if (p->pTable == 0) p->nIcu++;
  return rcIcuGraphemes(p, z, nByte, pn);
}

int rcGraphemesFast(RcConn *pConn, const unsigned char *z, size_t n,
                    sqlite3_int64 *pn) {
  const RcGraphemes *p = (const RcGraphemes *)pConn->pGraphemes;
  size_t nCluster;
  if (p == 0 || p->pTable == 0 ||
      !rcGraphemeCount(p->pTable, z, n, &nCluster)) {
    return 0;
  }
  *pn = (sqlite3_int64)nCluster;
  return 1;
}

/* Measures the non-NULL value pVal, of type eType, in eUnit. */
static RcMeasureStatus rcMeasure(sqlite3_context *ctx, sqlite3_value *pVal,
                                 int eType, RcUnit eUnit, RcMeasure *p) {
  const unsigned char *z;
  int nByte;
  RcUtf8Status eUtf8;

  if (eType == SQLITE_BLOB) {
    if (eUnit != RC_UNIT_BYTES) return RC_MEASURE_BLOB;
    p->n = sqlite3_value_bytes(pVal);
    return RC_MEASURE_OK;
  }
  z = sqlite3_value_text(pVal);
  if (z == 0) return RC_MEASURE_NOMEM;
  nByte = sqlite3_value_bytes(pVal);
  p->z = z;
  eUtf8 = rcUtf8Scan(z, (size_t)nByte, &p->scan);
  if (eUtf8 == RC_UTF8_NUL) return RC_MEASURE_NUL;
  if (eUtf8 != RC_UTF8_OK) return RC_MEASURE_INVALID;
  switch (eUnit) {
  case RC_UNIT_CHARS: p->n = (sqlite3_int64)p->scan.nChar; break;
  case RC_UNIT_BYTES: p->n = nByte; break;
  case RC_UNIT_GRAPHEMES:
    if (p->scan.nChar == (size_t)nByte) {
      p->n = (sqlite3_int64)rcAsciiGraphemes(z, (size_t)nByte);
    } else {
      return rcGraphemes((RcConn *)sqlite3_user_data(ctx), z, nByte, &p->n);
    }
    break;
  }
  return RC_MEASURE_OK;
}

/*
** The verdict of a failed measurement (status is not OK): a richcheck code
** and *pzMsg, or SQLITE_ERROR (ICU failed) with *pzMsg, or SQLITE_NOMEM.
*/
static int rcMeasureVerdict(RcMeasureStatus eStatus, const RcMeasure *p,
                            char **pzMsg) {
  int code = RICHCHECK_ENCODING;
  switch (eStatus) {
  case RC_MEASURE_BLOB:
    *pzMsg = sqlite3_mprintf(
        "value is a BLOB, not text (measure BLOBs with the unit 'bytes')");
    break;
  case RC_MEASURE_NUL:
  case RC_MEASURE_INVALID: {
    char zBad[RC_UTF8_BAD_TEXT];
    rcUtf8BadText(p->z, &p->scan, zBad, sizeof(zBad));
    *pzMsg = sqlite3_mprintf("%s", zBad);
    break;
  }
  case RC_MEASURE_ICU:
    code = SQLITE_ERROR;
    *pzMsg =
        sqlite3_mprintf("richcheck: ICU could not count grapheme clusters");
    break;
  default: *pzMsg = 0; break;
  }
  return *pzMsg ? code : SQLITE_NOMEM;
}

/* Raises the error of a failed measurement (status is not OK). */
static void rcMeasureError(sqlite3_context *ctx, RcMeasureStatus eStatus,
                           const RcMeasure *p, sqlite3_value *pLabel) {
  char *zMsg;
  int code = rcMeasureVerdict(eStatus, p, &zMsg);
  rcReport(ctx, code, pLabel, zMsg);
  sqlite3_free(zMsg);
}

/* The unit named by z[0..n), or -1. */
static int rcUnitNamed(const char *z, int n) {
  static const char *const azName[] = {"chars", "bytes", "graphemes"};
  int i;
  for (i = 0; i < (int)(sizeof(azName) / sizeof(azName[0])); i++) {
    if ((size_t)n == strlen(azName[i]) &&
        sqlite3_strnicmp(z, azName[i], n) == 0) {
      return i;
    }
  }
  return -1;
}

/* Parses a unit argument; on failure sets a usage error and returns 0. */
static int rcUnitArg(sqlite3_context *ctx, const char *zFunc, int iArg,
                     sqlite3_value *pArg, RcUnit *peUnit) {
  static const RcUnit aUnit[] = {RC_UNIT_CHARS, RC_UNIT_BYTES,
                                 RC_UNIT_GRAPHEMES};
  const RcUnit *pCached = (const RcUnit *)sqlite3_get_auxdata(ctx, iArg);
  const unsigned char *zUnit;
  char *zShown;
  int i;
  if (pCached) { /* a constant unit, parsed on an earlier row */
    *peUnit = *pCached;
    return 1;
  }
  if (sqlite3_value_type(pArg) != SQLITE_TEXT) {
    rcUsage(ctx,
            "%s: the unit must be TEXT: 'chars', 'bytes' or 'graphemes', not "
            "%s",
            zFunc, rcTypeName(pArg));
    return 0;
  }
  zUnit = sqlite3_value_text(pArg);
  i = zUnit ? rcUnitNamed((const char *)zUnit, sqlite3_value_bytes(pArg)) : -1;
  if (i >= 0) {
    *peUnit = aUnit[i];
    sqlite3_set_auxdata(ctx, iArg, (void *)&aUnit[i], 0);
    return 1;
  }
  zShown = rcCleanText(zUnit, sqlite3_value_bytes(pArg), 0);
  if (zShown == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx, "%s: unknown unit '%s': use 'chars', 'bytes' or 'graphemes'",
            zFunc, zShown);
  }
  sqlite3_free(zShown);
  return 0;
}

/* Reads a non-negative INTEGER bound; on failure sets a usage error. */
static int rcBoundArg(sqlite3_context *ctx, const char *zFunc,
                      const char *zWhat, sqlite3_value *pArg,
                      sqlite3_int64 *pV) {
  if (sqlite3_value_type(pArg) != SQLITE_INTEGER) {
    rcUsage(ctx, "%s: %s must be an INTEGER, not %s", zFunc, zWhat,
            rcTypeName(pArg));
    return 0;
  }
  *pV = sqlite3_value_int64(pArg);
  if (*pV < 0) {
    rcUsage(ctx, "%s: %s must not be negative (got %lld)", zFunc, zWhat, *pV);
    return 0;
  }
  return 1;
}

/* rcRangeArgs for arguments that are not two ordered non-negative INTEGERs. */
static int rcRangeArgsSlow(sqlite3_context *ctx, const char *zFunc,
                           sqlite3_value **argv, sqlite3_int64 *pMin,
                           sqlite3_int64 *pMax) {
  if (!rcBoundArg(ctx, zFunc, "min", argv[1], pMin)) return 0;
  if (!rcBoundArg(ctx, zFunc, "max", argv[2], pMax)) return 0;
  if (*pMin > *pMax) {
    rcUsage(ctx, "%s: min (%lld) is greater than max (%lld)", zFunc, *pMin,
            *pMax);
    return 0;
  }
  return 1;
}

/* Reads min and max (argv[1], argv[2]); on failure sets a usage error. */
static int rcRangeArgs(sqlite3_context *ctx, const char *zFunc,
                       sqlite3_value **argv, sqlite3_int64 *pMin,
                       sqlite3_int64 *pMax) {
  if (sqlite3_value_type(argv[1]) == SQLITE_INTEGER &&
      sqlite3_value_type(argv[2]) == SQLITE_INTEGER) {
    *pMin = sqlite3_value_int64(argv[1]);
    *pMax = sqlite3_value_int64(argv[2]);
    if (*pMin >= 0 && *pMin <= *pMax) return 1;
  }
  return rcRangeArgsSlow(ctx, zFunc, argv, pMin, pMax);
}

void rcLengthCountFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUnit eUnit = RC_UNIT_CHARS;
  RcMeasure m;
  RcMeasureStatus eStatus;
  int eType;

  if (argc > 1 && !rcUnitArg(ctx, "length_count", 1, argv[1], &eUnit)) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  eStatus = rcMeasure(ctx, argv[0], eType, eUnit, &m);
  if (eStatus != RC_MEASURE_OK) {
    rcMeasureError(ctx, eStatus, &m, 0);
    return;
  }
  sqlite3_result_int64(ctx, m.n);
}

void rcLengthValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUnit eUnit = RC_UNIT_CHARS;
  sqlite3_int64 mn, mx;
  RcMeasure m;
  RcMeasureStatus eStatus;
  int eType;

  if (!rcRangeArgs(ctx, "length_valid", argv, &mn, &mx)) return;
  if (argc > 3 && !rcUnitArg(ctx, "length_valid", 3, argv[3], &eUnit)) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  eStatus = rcMeasure(ctx, argv[0], eType, eUnit, &m);
  if (eStatus == RC_MEASURE_OK) {
    sqlite3_result_int(ctx, m.n >= mn && m.n <= mx);
  } else if (eStatus == RC_MEASURE_NOMEM || eStatus == RC_MEASURE_ICU) {
    rcMeasureError(ctx, eStatus, &m, 0);
  } else {
    sqlite3_result_int(ctx, 0);
  }
}

/* length_check's label (argv[3]), read only when a check fails. */
static sqlite3_value *rcLabel(int argc, sqlite3_value **argv) {
  return argc > 3 ? argv[3] : 0;
}

/*
** length_check's label must be TEXT or NULL, and in the 4-argument form
** not a unit name: length_valid(x, min, max, 'bytes') takes a unit there,
** and a silent difference would be a trap.
*/
static int rcLengthLabelArg(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv) {
  if (argc < 4) return 1;
  if (!rcLabelArg(ctx, "length_check", argv[3])) return 0;
  if (argc == 4 && sqlite3_value_type(argv[3]) == SQLITE_TEXT &&
      rcUnitNamed((const char *)sqlite3_value_text(argv[3]),
                  sqlite3_value_bytes(argv[3])) >= 0) {
    rcUsage(ctx,
            "length_check: '%s' is a unit, not a label: write "
            "length_check(x, min, max, label, '%s')",
            sqlite3_value_text(argv[3]), sqlite3_value_text(argv[3]));
    return 0;
  }
  return 1;
}

int rcLengthVerdict(sqlite3_context *ctx, sqlite3_value *pVal, sqlite3_int64 mn,
                    sqlite3_int64 mx, int eUnit, char **pzMsg) {
  RcMeasure m;
  RcMeasureStatus eStatus;
  int eType = sqlite3_value_type(pVal);
  *pzMsg = 0;
  if (eType == SQLITE_NULL) return 0;
  eStatus = rcMeasure(ctx, pVal, eType, (RcUnit)eUnit, &m);
  if (eStatus != RC_MEASURE_OK) return rcMeasureVerdict(eStatus, &m, pzMsg);
  if (m.n > mx) {
    *pzMsg = sqlite3_mprintf("value too long (%lld %s, maximum %lld)", m.n,
                             azRcUnitNoun[eUnit][m.n != 1], mx);
    return *pzMsg ? RICHCHECK_TOO_LONG : SQLITE_NOMEM;
  }
  if (m.n < mn) {
    *pzMsg = sqlite3_mprintf("value too short (%lld %s, minimum %lld)", m.n,
                             azRcUnitNoun[eUnit][m.n != 1], mn);
    return *pzMsg ? RICHCHECK_TOO_SHORT : SQLITE_NOMEM;
  }
  return 0;
}

void rcLengthCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUnit eUnit = RC_UNIT_CHARS;
  sqlite3_int64 mn, mx;
  char *zMsg;
  int code;

  if (!rcRangeArgs(ctx, "length_check", argv, &mn, &mx)) return;
  if (!rcLengthLabelArg(ctx, argc, argv)) return;
  if (argc > 4 && !rcUnitArg(ctx, "length_check", 4, argv[4], &eUnit)) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcLengthVerdict(ctx, argv[0], mn, mx, (int)eUnit, &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, rcLabel(argc, argv), zMsg);
    sqlite3_free(zMsg);
  }
}
