/*
** uuid_sql.c - the uuid functions, as SQL.
**
**     uuid_valid(x [, options])            -> 1 or 0, never raises for data
**     uuid_check(x [, options [, label]])  -> 1, or raises:
**         RICHCHECK_INVALID_TEXT  not a UUID of an accepted form (22P02)
**         RICHCHECK_UUID          a UUID of another version or variant
**                                 than the declared one (23514)
**         RICHCHECK_ENCODING      a BLOB without the option blob, invalid
**                                 UTF-8, a NUL (22021)
**     uuid_error(x [, options])            -> NULL, or what uuid_check says
**     uuid_canon(x [, options [, label]])  -> 'f81d4fae-7dec-41d0-a765-...'
**         the lower-case hyphenated text of any accepted form (a 16-byte
**         BLOB too, with the option blob); raises as uuid_check does
**
** options: TEXT as ext/uuid.h lists ('4', '7, lower', 'braces, urn'), or
** an INTEGER version 1..8; NULL or absent is the default (any version 1..8,
** RFC 9562's variant, hyphenated, any case).  Parsed once per statement.
** NULL passes.  INTEGER and REAL values are not UUIDs (INVALID_TEXT).  The
** parser is uuid.c's; this file reads values and reports.
*/
#include "richcheck_int.h"
#include "utf8.h"

#include <string.h>

/*
** A parsed spec kept as auxdata without an allocation: a pointer into this
** array, at the offset (flags << 4) | version.
*/
static const unsigned char aRcUuidAux[1 << (RC_UUID_NFLAG_BITS + 4)] = {0};

static void *rcUuidAuxOf(const RcUuidSpec *p) {
  return (void *)&aRcUuidAux[(p->flags << 4) | (unsigned)p->iVersion];
}

static void rcUuidAuxSpec(const void *pAux, RcUuidSpec *p) {
  size_t i = (size_t)((const unsigned char *)pAux - aRcUuidAux);
  p->iVersion = (int)(i & 15);
  p->flags = (unsigned)(i >> 4);
}

/* The usage error of options text that does not parse. */
static void rcUuidSpecUsage(sqlite3_context *ctx, const char *zFunc,
                            const char *zErr, int bLabelHint) {
  rcUsage(ctx, "%s: %s%s%s%s", zFunc, zErr,
          bLabelHint ? "; a label is the third argument: " : "",
          bLabelHint ? zFunc : "", bLabelHint ? "(x, NULL, label)" : "");
}

/*
** Reads the options argument argv[1] (if any) into *p; on failure sets a
** usage error (or SQLITE_NOMEM) and returns 0.  bLabelHint: the call has
** no label argument, and one written in place of the options is likely.
*/
static int rcUuidSpecArg(sqlite3_context *ctx, const char *zFunc, int argc,
                         sqlite3_value **argv, int bLabelHint, RcUuidSpec *p) {
  const void *pAux;
  const char *z;
  char zErr[200];
  int n;

  p->iVersion = 0;
  p->flags = 0;
  if (argc < 2) return 1;
  pAux = sqlite3_get_auxdata(ctx, 1);
  if (pAux) {
    rcUuidAuxSpec(pAux, p);
    return 1;
  }
  switch (sqlite3_value_type(argv[1])) {
  case SQLITE_NULL: return 1;
  case SQLITE_INTEGER: {
    sqlite3_int64 v = sqlite3_value_int64(argv[1]);
    if (v < 1 || v > 8) {
      rcUsage(ctx,
              "%s: there is no version %lld: RFC 9562 defines versions "
              "1 to 8",
              zFunc, v);
      return 0;
    }
    p->iVersion = (int)v;
    break;
  }
  case SQLITE_TEXT:
    z = (const char *)sqlite3_value_text(argv[1]);
    n = sqlite3_value_bytes(argv[1]);
    if (z == 0) {
      sqlite3_result_error_nomem(ctx);
      return 0;
    }
    if (memchr(z, 0, (size_t)n)) {
      rcUsage(ctx, "%s: the options have a NUL character in them", zFunc);
      return 0;
    }
    if (!rcUuidSpecParse(z, (size_t)n, p, zErr, (int)sizeof(zErr))) {
      rcUuidSpecUsage(ctx, zFunc, zErr, bLabelHint);
      return 0;
    }
    break;
  default:
    rcUsage(ctx,
            "%s: the options must be TEXT such as '4' or '7, lower', or an "
            "INTEGER version, not %s",
            zFunc, rcTypeName(argv[1]));
    return 0;
  }
  sqlite3_set_auxdata(ctx, 1, rcUuidAuxOf(p), 0);
  return 1;
}

/* What became of a value. */
typedef enum RcUuidInput {
  RC_UUID_IN_JUDGED, /* u says; 1 from rcUuidRead when it passed */
  RC_UUID_IN_NULL,
  RC_UUID_IN_NUMBER, /* INTEGER or REAL: not a UUID */
  RC_UUID_IN_BLOB,   /* a BLOB without the option blob */
  RC_UUID_IN_ENCODING,
  RC_UUID_IN_NOMEM
} RcUuidInput;

typedef struct RcUuidValue RcUuidValue;
struct RcUuidValue {
  int eType;
  const unsigned char *z; /* TEXT: the text; BLOB: the bytes */
  int n;
  RcUtf8Scan scan; /* RC_UUID_IN_ENCODING: where */
  RcUuid u;
};

/* Reads and judges pVal; *pbOk is whether it passed. */
static RcUuidInput rcUuidRead(sqlite3_value *pVal, const RcUuidSpec *p,
                              RcUuidValue *v, int *pbOk) {
  *pbOk = 0;
  v->eType = sqlite3_value_type(pVal);
  switch (v->eType) {
  case SQLITE_NULL: return RC_UUID_IN_NULL;
  case SQLITE_INTEGER:
  case SQLITE_FLOAT: return RC_UUID_IN_NUMBER;
  case SQLITE_BLOB:
    if (!(p->flags & RC_UUID_BLOB)) return RC_UUID_IN_BLOB;
    v->z = (const unsigned char *)sqlite3_value_blob(pVal);
    v->n = sqlite3_value_bytes(pVal);
    *pbOk = rcUuidFromBytes(v->z, (size_t)v->n, p, &v->u);
    return RC_UUID_IN_JUDGED;
  default: break;
  }
  v->z = sqlite3_value_text(pVal);
  if (v->z == 0) return RC_UUID_IN_NOMEM;
  v->n = sqlite3_value_bytes(pVal);
  *pbOk = rcUuidParse((const char *)v->z, (size_t)v->n, p, &v->u);
  if (!*pbOk && v->u.eStatus == RC_UUID_SYNTAX &&
      rcUtf8Scan(v->z, (size_t)v->n, &v->scan) != RC_UTF8_OK) {
    return RC_UUID_IN_ENCODING;
  }
  return RC_UUID_IN_JUDGED;
}

/* A BLOB as a message shows it: x'0123...', cut after 20 bytes. */
static char *rcBlobShown(const unsigned char *a, int n) {
  sqlite3_str *pOut = sqlite3_str_new(0);
  int i;
  sqlite3_str_appendall(pOut, "x'");
  for (i = 0; i < n && i < 20; i++) {
    sqlite3_str_appendf(pOut, "%02x", a[i]);
  }
  sqlite3_str_appendall(pOut, i < n ? "...'" : "'");
  return sqlite3_str_finish(pOut);
}

/* The message of a value that did not pass (not NULL, not NOMEM) and its
** code; 0 when memory ran out. */
static char *rcUuidMessage(sqlite3_value *pVal, const RcUuidSpec *p,
                           RcUuidInput e, const RcUuidValue *v, int *pCode) {
  char zWhy[RC_UUID_REASON_SIZE], *zShown, *zMsg = 0;
  switch (e) {
  case RC_UUID_IN_BLOB:
    *pCode = RICHCHECK_ENCODING;
    return sqlite3_mprintf("value is a BLOB, not text (the option 'blob' "
                           "accepts 16-byte BLOBs)");
  case RC_UUID_IN_ENCODING: {
    char zBad[RC_UTF8_BAD_TEXT];
    *pCode = RICHCHECK_ENCODING;
    rcUtf8BadText(v->z, &v->scan, zBad, sizeof(zBad));
    return sqlite3_mprintf("%s", zBad);
  }
  case RC_UUID_IN_NUMBER:
    *pCode = RICHCHECK_INVALID_TEXT;
    return sqlite3_mprintf("invalid input syntax for type uuid: %s: %s is not "
                           "a UUID",
                           sqlite3_value_text(pVal),
                           v->eType == SQLITE_INTEGER ? "an INTEGER"
                                                      : "a REAL");
  default: break;
  }
  rcUuidReason(&v->u, p, zWhy, (int)sizeof(zWhy));
  if (v->eType == SQLITE_BLOB) {
    zShown = rcBlobShown(v->z, v->n);
  } else {
    zShown = rcCleanText(v->z, v->n, 1);
  }
  if (zShown == 0) return 0;
  if (v->u.eStatus == RC_UUID_SYNTAX) {
    *pCode = RICHCHECK_INVALID_TEXT;
    zMsg = sqlite3_mprintf(v->eType == SQLITE_BLOB
                               ? "invalid input syntax for type uuid: %s: %s"
                               : "invalid input syntax for type uuid: \"%s\": "
                                 "%s",
                           zShown, zWhy);
  } else {
    *pCode = RICHCHECK_UUID;
    zMsg = sqlite3_mprintf(v->eType == SQLITE_BLOB ? "UUID %s %s"
                                                   : "UUID \"%s\" %s",
                           zShown, zWhy);
  }
  sqlite3_free(zShown);
  return zMsg;
}

int rcUuidVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcUuidSpec *pSpec, char **pzMsg) {
  RcUuidValue v;
  RcUuidInput e;
  int bOk, code = SQLITE_NOMEM;
  (void)ctx;
  *pzMsg = 0;
  e = rcUuidRead(pVal, pSpec, &v, &bOk);
  if (bOk || e == RC_UUID_IN_NULL) return 0;
  if (e == RC_UUID_IN_NOMEM) return SQLITE_NOMEM;
  *pzMsg = rcUuidMessage(pVal, pSpec, e, &v, &code);
  return *pzMsg ? code : SQLITE_NOMEM;
}

void rcUuidValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUuidSpec spec;
  RcUuidValue v;
  int bOk;
  if (!rcUuidSpecArg(ctx, "uuid_valid", argc, argv, 0, &spec)) return;
  switch (rcUuidRead(argv[0], &spec, &v, &bOk)) {
  case RC_UUID_IN_NULL: return;
  case RC_UUID_IN_NOMEM: sqlite3_result_error_nomem(ctx); return;
  default: sqlite3_result_int(ctx, bOk); return;
  }
}

/* The label (argv[2]) of uuid_check and uuid_canon, checked; 0 on a usage
** error, else 1 and *ppLabel (0 when there is none). */
static int rcUuidLabel(sqlite3_context *ctx, const char *zFunc, int argc,
                       sqlite3_value **argv, sqlite3_value **ppLabel) {
  *ppLabel = argc > 2 ? argv[2] : 0;
  return *ppLabel == 0 || rcLabelArg(ctx, zFunc, *ppLabel);
}

void rcUuidCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUuidSpec spec;
  RcUuidValue v;
  RcUuidInput e;
  sqlite3_value *pLabel;
  char *zMsg;
  int bOk, code = SQLITE_NOMEM;
  if (!rcUuidLabel(ctx, "uuid_check", argc, argv, &pLabel)) return;
  if (!rcUuidSpecArg(ctx, "uuid_check", argc, argv, argc == 2, &spec)) return;
  e = rcUuidRead(argv[0], &spec, &v, &bOk);
  if (bOk) {
    sqlite3_result_int(ctx, 1);
    return;
  }
  if (e == RC_UUID_IN_NULL) return;
  zMsg =
      e == RC_UUID_IN_NOMEM ? 0 : rcUuidMessage(argv[0], &spec, e, &v, &code);
  rcReport(ctx, code, pLabel, zMsg);
  sqlite3_free(zMsg);
}

void rcUuidErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUuidSpec spec;
  RcUuidValue v;
  RcUuidInput e;
  char *zMsg;
  int bOk, code;
  if (!rcUuidSpecArg(ctx, "uuid_error", argc, argv, 0, &spec)) return;
  e = rcUuidRead(argv[0], &spec, &v, &bOk);
  if (bOk || e == RC_UUID_IN_NULL) return;
  zMsg =
      e == RC_UUID_IN_NOMEM ? 0 : rcUuidMessage(argv[0], &spec, e, &v, &code);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
}

void rcUuidCanonFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  RcUuidSpec spec;
  RcUuidValue v;
  RcUuidInput e;
  sqlite3_value *pLabel;
  char *zMsg, zCanon[RC_UUID_TEXT_SIZE];
  int bOk, code = SQLITE_NOMEM;
  if (!rcUuidLabel(ctx, "uuid_canon", argc, argv, &pLabel)) return;
  if (!rcUuidSpecArg(ctx, "uuid_canon", argc, argv, argc == 2, &spec)) return;
  e = rcUuidRead(argv[0], &spec, &v, &bOk);
  if (bOk) {
    rcUuidCanon(&v.u, zCanon);
    sqlite3_result_text(ctx, zCanon, 36, SQLITE_TRANSIENT);
    return;
  }
  if (e == RC_UUID_IN_NULL) return;
  zMsg =
      e == RC_UUID_IN_NOMEM ? 0 : rcUuidMessage(argv[0], &spec, e, &v, &code);
  rcReport(ctx, code, pLabel, zMsg);
  sqlite3_free(zMsg);
}
