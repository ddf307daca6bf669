/*
** datetime_sql.c - the date, time and datetime functions, as SQL.
**
**     date_valid(x [, options])              -> 1 or 0, never raises for data
**     date_check(x [, options [, label]])    -> 1, or raises:
**         RICHCHECK_DATETIME_FORMAT  invalid input syntax for type date:
**                                    "2024-1-02": expected YYYY-MM-DD
**         RICHCHECK_DATETIME_RANGE   date/time field value out of range:
**                                    "2024-02-30": day 30 of February 2024
**                                    (it has 29 days)
**         RICHCHECK_ENCODING         a BLOB, invalid UTF-8, a NUL
**     date_error(x [, options])              -> NULL, or what date_check
**                                               would say (without label)
**
** and the same for time_* and datetime_*.  options is TEXT such as
** 'offset, fraction=3' (datetime.h lists the words) or NULL for the
** defaults; it is parsed once per statement (auxdata).  A bad one is a
** usage error when it is a constant of the statement, and data when it
** comes from the row (rcDateOptionsArg), as money's currency argument is.
** INTEGER and REAL are not dates (a Julian day or a Unix time is refused:
** DATETIME_FORMAT).  The parser is datetime.c's.
*/
#include "richcheck_int.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/*
** One byte per possible spec, so that a parsed options argument is kept as
** auxdata without allocating: the spec is the byte's index, its fields in
** bits (flags, then nFracMax, then eKind), so that a row reads them back
** with shifts and masks.
*/
#define RC_DATE_FRAC_SHIFT 5 /* RC_DATE_NFLAGS is 1 << 5 */
#define RC_DATE_KIND_SHIFT 9 /* nFracMax <= 9 < 1 << 4 */
static const char aRcDateSpecKey[((int)RC_DATE_DATETIME << RC_DATE_KIND_SHIFT |
                                  RC_DATE_FRAC_MAX << RC_DATE_FRAC_SHIFT |
                                  (RC_DATE_NFLAGS - 1)) +
                                 1];

static const char *rcDateSpecToKey(const RcDateSpec *p) {
  return &aRcDateSpecKey[(int)p->eKind << RC_DATE_KIND_SHIFT |
                         p->nFracMax << RC_DATE_FRAC_SHIFT | (int)p->flags];
}

static void rcDateSpecFromKey(const char *pKey, RcDateSpec *p) {
  unsigned i = (unsigned)(pKey - aRcDateSpecKey);
  p->flags = i & (RC_DATE_NFLAGS - 1);
  p->nFracMax = (int)((i >> RC_DATE_FRAC_SHIFT) & 15);
  p->eKind = (RcDateKind)(i >> RC_DATE_KIND_SHIFT);
}

/* The auxdata of an options argument that was refused: one that still
** holds it at the next call is a constant of the statement. */
static const char rcDateBad = 0;
#define RC_DATE_BAD ((void *)&rcDateBad)

/* A refused options argument: its code as data, the message. */
typedef struct RcDateOptErr RcDateOptErr;
struct RcDateOptErr {
  int code;
  char zMsg[240];
};

/* rcDateOptionsArg's outcomes */
#define RC_DOPT_OK 0     /* *pSpec is the spec */
#define RC_DOPT_DATA 1   /* the row's options are wrong: *pErr says how */
#define RC_DOPT_FAILED 2 /* a usage error or SQLITE_NOMEM is set */

/*
** Reads the options argument argv[1] (absent or NULL: the defaults) for
** kind eKind.  Options that are wrong are a usage error when they are a
** constant of the statement, and data when they come from the row (a
** column): RICHCHECK_INVALID_TEXT, RICHCHECK_ENCODING when their text is
** not UTF-8 or has a NUL.  SQLite shows a constant only by keeping its
** auxdata from one call to the next (money_sql.c, rcMoneySpecArg): a
** refused argument is marked, and a call that finds the mark has a
** constant.  The first call after the statement is prepared or reset has
** nothing to go by: the options are judged as the row's.  bLabelHint: the
** function is *_check, whose label comes third.
*/
static int rcDateOptionsArg(sqlite3_context *ctx, const char *zFunc,
                            RcDateKind eKind, int argc, sqlite3_value **argv,
                            int bLabelHint, RcDateSpec *pSpec,
                            RcDateOptErr *pErr) {
  const char *pKey, *z;
  RcUtf8Scan scan;
  int n, bLabel = 0;

  if (argc < 2 || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    pSpec->eKind = eKind; /* rcDateSpecParse's defaults, without parsing */
    pSpec->flags = 0;
    pSpec->nFracMax = RC_DATE_FRAC_MAX;
    return RC_DOPT_OK;
  }
  pKey = (const char *)sqlite3_get_auxdata(ctx, 1);
  if (pKey && pKey != RC_DATE_BAD) {
    rcDateSpecFromKey(pKey, pSpec);
    return RC_DOPT_OK;
  }
  pErr->code = RICHCHECK_INVALID_TEXT;
  if (sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
    snprintf(pErr->zMsg, sizeof(pErr->zMsg),
             "options must be TEXT such as 'offset, fraction=3' (or NULL for "
             "the defaults), not %s",
             rcTypeName(argv[1]));
  } else if ((z = (const char *)sqlite3_value_text(argv[1])) == 0) {
    sqlite3_result_error_nomem(ctx);
    return RC_DOPT_FAILED;
  } else if (n = sqlite3_value_bytes(argv[1]), memchr(z, 0, (size_t)n)) {
    pErr->code = RICHCHECK_ENCODING;
    snprintf(pErr->zMsg, sizeof(pErr->zMsg),
             "the options have a NUL character in them");
  } else if (!rcDateSpecParse(eKind, z, (size_t)n, pSpec, pErr->zMsg,
                              (int)sizeof(pErr->zMsg))) {
    if (rcUtf8Scan((const unsigned char *)z, (size_t)n, &scan) != RC_UTF8_OK) {
      pErr->code = RICHCHECK_ENCODING;
    }
    bLabel = bLabelHint && argc == 2 && memchr(z, '.', (size_t)n) != 0;
  } else {
    sqlite3_set_auxdata(ctx, 1, (void *)rcDateSpecToKey(pSpec), 0);
    return RC_DOPT_OK;
  }
  sqlite3_set_auxdata(ctx, 1, RC_DATE_BAD, 0);
  if (pKey != RC_DATE_BAD) return RC_DOPT_DATA;
  if (bLabel) {
    rcUsage(ctx,
            "%s: %s (a label comes after the options: %s(x, NULL, "
            "'table.column'))",
            zFunc, pErr->zMsg, zFunc);
  } else {
    rcUsage(ctx, "%s: %s", zFunc, pErr->zMsg);
  }
  return RC_DOPT_FAILED;
}

/* The message of a value pVal (not NULL) whose row's options are wrong:
** 'value "00:00:00": unknown option ...'. */
static char *rcDateOptMessage(sqlite3_value *pVal, const RcDateOptErr *pErr) {
  int eType = sqlite3_value_type(pVal);
  char *zShown, *zMsg;
  if (eType == SQLITE_BLOB)
    return sqlite3_mprintf("value BLOB: %s", pErr->zMsg);
  zShown = rcCleanText(sqlite3_value_text(pVal), sqlite3_value_bytes(pVal),
                       eType == SQLITE_TEXT);
  if (zShown == 0) return 0;
  zMsg = sqlite3_mprintf(eType == SQLITE_TEXT ? "value \"%s\": %s"
                                              : "value %s: %s",
                         zShown, pErr->zMsg);
  sqlite3_free(zShown);
  return zMsg;
}

/* The PostgreSQL type a spec stands for, as its messages name it. */
static const char *rcDateTypeName(const RcDateSpec *p) {
  int bZone = (p->flags & RC_DATE_OFFSET) != 0;
  switch (p->eKind) {
  case RC_DATE_DATE: return "date";
  case RC_DATE_TIME: return bZone ? "time with time zone" : "time";
  default: return bZone ? "timestamp with time zone" : "timestamp";
  }
}

/* "invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte 2)" */
static char *rcDateEncodingMessage(const unsigned char *z,
                                   const RcUtf8Scan *pScan) {
  char zBad[RC_UTF8_BAD_TEXT];
  rcUtf8BadText(z, pScan, zBad, sizeof(zBad));
  return sqlite3_mprintf("%s", zBad);
}

/* The verdict on text z[0..n) that rcDateParse refused with e. */
static int rcDateTextVerdict(const RcDateSpec *pSpec, const unsigned char *z,
                             int n, RcDateStatus e, const RcDateParts *pParts,
                             char **pzMsg) {
  RcUtf8Scan scan;
  char *zShown;
  int code = RICHCHECK_DATETIME_FORMAT;
  if (rcUtf8Scan(z, (size_t)n, &scan) != RC_UTF8_OK) {
    *pzMsg = rcDateEncodingMessage(z, &scan);
    return *pzMsg ? RICHCHECK_ENCODING : SQLITE_NOMEM;
  }
  zShown = rcCleanText(z, n, 1);
  if (zShown == 0) {
    *pzMsg = 0;
    return SQLITE_NOMEM;
  }
  switch (e) {
  case RC_DATE_FORMAT:
    *pzMsg = sqlite3_mprintf("invalid input syntax for type %s: \"%s\": %s",
                             rcDateTypeName(pSpec), zShown, pParts->zWhy);
    break;
  case RC_DATE_OFFSET_RANGE:
    code = RICHCHECK_DATETIME_RANGE;
    *pzMsg = sqlite3_mprintf("time zone displacement out of range: \"%s\": %s",
                             zShown, pParts->zWhy);
    break;
  default:
    code = RICHCHECK_DATETIME_RANGE;
    *pzMsg = sqlite3_mprintf("date/time field value out of range: \"%s\": %s",
                             zShown, pParts->zWhy);
    break;
  }
  sqlite3_free(zShown);
  return *pzMsg ? code : SQLITE_NOMEM;
}

int rcDateVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcDateSpec *pSpec, char **pzMsg) {
  const unsigned char *z;
  int n;
  char *zShown;
  RcDateParts parts;
  RcDateStatus e;
  (void)ctx;
  *pzMsg = 0;
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL: return 0;
  case SQLITE_BLOB:
    *pzMsg = sqlite3_mprintf("value is a BLOB, not text");
    return *pzMsg ? RICHCHECK_ENCODING : SQLITE_NOMEM;
  case SQLITE_TEXT:
    z = sqlite3_value_text(pVal);
    if (z == 0) return SQLITE_NOMEM;
    n = sqlite3_value_bytes(pVal);
    e = rcDateParse(pSpec, (const char *)z, (size_t)n, &parts);
    if (e == RC_DATE_OK) return 0;
    return rcDateTextVerdict(pSpec, z, n, e, &parts, pzMsg);
  default: /* INTEGER, REAL: a Julian day or a Unix time is not ISO text */
    zShown =
        rcCleanText(sqlite3_value_text(pVal), sqlite3_value_bytes(pVal), 0);
    if (zShown == 0) return SQLITE_NOMEM;
    *pzMsg = sqlite3_mprintf(
        "invalid input syntax for type %s: %s is %s, not ISO 8601 text",
        rcDateTypeName(pSpec), zShown,
        sqlite3_value_type(pVal) == SQLITE_INTEGER ? "an INTEGER" : "a REAL");
    sqlite3_free(zShown);
    return *pzMsg ? RICHCHECK_DATETIME_FORMAT : SQLITE_NOMEM;
  }
}

/* Whether pVal (not NULL, of type eType) passes, 1 or 0, or -1 when memory
** ran out: the fast path of *_valid and *_check. */
static int rcDatePasses(sqlite3_value *pVal, int eType,
                        const RcDateSpec *pSpec) {
  RcDateParts parts;
  const char *z;
  if (eType != SQLITE_TEXT) return 0;
  z = (const char *)sqlite3_value_text(pVal);
  if (z == 0) return -1;
  return rcDateParse(pSpec, z, (size_t)sqlite3_value_bytes(pVal), &parts) ==
         RC_DATE_OK;
}

static void rcDateValid(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        RcDateKind eKind, const char *zFunc) {
  RcDateSpec spec;
  RcDateOptErr err;
  int bPass, eType,
      rc = rcDateOptionsArg(ctx, zFunc, eKind, argc, argv, 0, &spec, &err);
  if (rc == RC_DOPT_FAILED) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  bPass = rc == RC_DOPT_DATA ? 0 : rcDatePasses(argv[0], eType, &spec);
  if (bPass < 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_int(ctx, bPass);
  }
}

static void rcDateCheck(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        RcDateKind eKind, const char *zFunc) {
  RcDateSpec spec;
  RcDateOptErr err;
  sqlite3_value *pLabel = argc > 2 ? argv[2] : 0;
  char *zMsg;
  int code, rc, eType;
  if (pLabel && !rcLabelArg(ctx, zFunc, pLabel)) return;
  rc = rcDateOptionsArg(ctx, zFunc, eKind, argc, argv, 1, &spec, &err);
  if (rc == RC_DOPT_FAILED) return;
  eType = sqlite3_value_type(argv[0]);
  if (eType == SQLITE_NULL) return;
  if (rc == RC_DOPT_DATA) {
    zMsg = rcDateOptMessage(argv[0], &err);
    code = zMsg ? err.code : SQLITE_NOMEM;
  } else if (rcDatePasses(argv[0], eType, &spec) > 0) {
    sqlite3_result_int(ctx, 1);
    return;
  } else {
    code = rcDateVerdict(ctx, argv[0], &spec, &zMsg);
  }
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
    sqlite3_free(zMsg);
  }
}

static void rcDateError(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        RcDateKind eKind, const char *zFunc) {
  RcDateSpec spec;
  RcDateOptErr err;
  char *zMsg;
  int code, rc;
  rc = rcDateOptionsArg(ctx, zFunc, eKind, argc, argv, 0, &spec, &err);
  if (rc == RC_DOPT_FAILED || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    return;
  }
  if (rc == RC_DOPT_DATA) {
    zMsg = rcDateOptMessage(argv[0], &err);
    code = zMsg ? err.code : SQLITE_NOMEM;
  } else {
    code = rcDateVerdict(ctx, argv[0], &spec, &zMsg);
  }
  if (code == 0) return;
  if (code == SQLITE_NOMEM || zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
}

void rcDateValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateValid(ctx, argc, argv, RC_DATE_DATE, "date_valid");
}

void rcDateCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateCheck(ctx, argc, argv, RC_DATE_DATE, "date_check");
}

void rcDateErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateError(ctx, argc, argv, RC_DATE_DATE, "date_error");
}

void rcTimeValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateValid(ctx, argc, argv, RC_DATE_TIME, "time_valid");
}

void rcTimeCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateCheck(ctx, argc, argv, RC_DATE_TIME, "time_check");
}

void rcTimeErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateError(ctx, argc, argv, RC_DATE_TIME, "time_error");
}

void rcDatetimeValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateValid(ctx, argc, argv, RC_DATE_DATETIME, "datetime_valid");
}

void rcDatetimeCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateCheck(ctx, argc, argv, RC_DATE_DATETIME, "datetime_check");
}

void rcDatetimeErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  rcDateError(ctx, argc, argv, RC_DATE_DATETIME, "datetime_error");
}
