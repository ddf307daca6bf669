/*
** email_sql.c - the email functions, as SQL.
**
**     email_valid(x [, flags])            -> 1 or 0, never raises for data
**     email_error(x [, flags])            -> NULL, or 'tag: message'
**     email_normalize(x [, flags])        -> the address to store, or NULL
**     email_check(x [, label [, flags]])  -> 1, or raises RICHCHECK_EMAIL
**
** flags: 'html5', 'rfc', 'quoted', 'literal', 'ascii', 'test-env',
** 'local', comma-separated; parsed once per statement.  The verdicts are
** email.c's; this file only reads values and reports.
*/
#include "richcheck_int.h"
#include "email.h"
#include "utf8.h"

#include <string.h>

/* One entry per flag set, so the parsed flags can be cached as auxdata. */
static const unsigned aRcFlagSet[RC_EMAIL_NFLAGS] = {
#define RC_F8(n) n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7
    RC_F8(0),  RC_F8(8),   RC_F8(16),  RC_F8(24), RC_F8(32), RC_F8(40),
    RC_F8(48), RC_F8(56),  RC_F8(64),  RC_F8(72), RC_F8(80), RC_F8(88),
    RC_F8(96), RC_F8(104), RC_F8(112), RC_F8(120)
#undef RC_F8
};

void rcEmailRelease(RcConn *pConn) {
  rcEmailIcuFree((RcEmailIcu *)pConn->pEmailIcu);
  pConn->pEmailIcu = 0;
}

/* Reads the flags argument argv[iArg]; on failure sets a usage error. */
static int rcEmailFlagsArg(sqlite3_context *ctx, const char *zFunc, int argc,
                           sqlite3_value **argv, int iArg, unsigned *pFlags) {
  const unsigned *pCached;
  const char *zFlags;
  char zErr[160];

  *pFlags = 0;
  if (argc <= iArg) return 1;
  pCached = (const unsigned *)sqlite3_get_auxdata(ctx, iArg);
  if (pCached) {
    *pFlags = *pCached;
    return 1;
  }
  if (sqlite3_value_type(argv[iArg]) != SQLITE_TEXT) {
    rcUsage(ctx,
            "%s: flags must be TEXT such as 'html5' or 'quoted,literal', "
            "not %s",
            zFunc, rcTypeName(argv[iArg]));
    return 0;
  }
  zFlags = (const char *)sqlite3_value_text(argv[iArg]);
  if (zFlags == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if ((int)strlen(zFlags) != sqlite3_value_bytes(argv[iArg])) {
    /* the flags after the NUL would be silently dropped */
    rcUsage(ctx, "%s: the flags have a NUL character in them", zFunc);
    return 0;
  }
  if (!rcEmailParseFlags(zFlags, pFlags, zErr, (int)sizeof(zErr))) {
    rcUsage(ctx, "%s: %s", zFunc, zErr);
    return 0;
  }
  sqlite3_set_auxdata(ctx, iArg, (void *)&aRcFlagSet[*pFlags], 0);
  return 1;
}

/* How a value fared: judged, or not text at all. */
typedef enum RcEmailInput {
  RC_INPUT_JUDGED, /* p holds the verdict */
  RC_INPUT_NULL,
  RC_INPUT_BLOB,
  RC_INPUT_ENCODING, /* not strict UTF-8: scan says where */
  RC_INPUT_NOMEM
} RcEmailInput;

typedef struct RcEmailValue RcEmailValue;
struct RcEmailValue {
  const unsigned char *z;
  int n;
  RcUtf8Scan scan;
  RcEmail email;
};

static RC_ALWAYS_INLINE RcEmailInput rcEmailJudge(sqlite3_context *ctx,
                                                  sqlite3_value *pVal,
                                                  unsigned flags,
                                                  RcEmailValue *p) {
  RcConn *pConn;
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_NULL: return RC_INPUT_NULL;
  case SQLITE_BLOB: return RC_INPUT_BLOB;
  default: break;
  }
  p->z = sqlite3_value_text(pVal);
  if (p->z == 0) return RC_INPUT_NOMEM;
  p->n = sqlite3_value_bytes(pVal);
  if (rcEmailFast(p->z, (size_t)p->n, flags, &p->email)) return RC_INPUT_JUDGED;
  if (rcUtf8Scan(p->z, (size_t)p->n, &p->scan) != RC_UTF8_OK) {
    return RC_INPUT_ENCODING;
  }
  pConn = (RcConn *)sqlite3_user_data(ctx);
  rcEmailCheck(p->z, (size_t)p->n, flags | RC_EMAIL_TRIED_FAST,
               (RcEmailIcu **)&pConn->pEmailIcu, &p->email);
  return RC_INPUT_JUDGED;
}

/* "invalid byte sequence for encoding "UTF8": 0xc3 0x28 (at byte 2)" */
static char *rcEncodingMessage(const RcEmailValue *p) {
  char zBad[RC_UTF8_BAD_TEXT];
  rcUtf8BadText(p->z, &p->scan, zBad, sizeof(zBad));
  return sqlite3_mprintf("%s", zBad);
}

/* ICU could not be opened: an error of the system, not of the data. */
static int rcEmailInternal(sqlite3_context *ctx, const RcEmailValue *p) {
  if (p->email.eTag != RC_EMAIL_INTERNAL) return 0;
  rcUsage(ctx, "richcheck: %s", p->email.zMsg);
  return 1;
}

void rcEmailValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  unsigned flags = 0;
  RcEmailValue v;
  if (argc > 1 && !rcEmailFlagsArg(ctx, "email_valid", argc, argv, 1, &flags)) {
    return; /* the test of argc first: no call for the everyday form */
  }
  switch (rcEmailJudge(ctx, argv[0], flags | RC_EMAIL_NO_NORM | RC_EMAIL_NO_MSG,
                       &v)) {
  case RC_INPUT_NULL: return;
  case RC_INPUT_NOMEM: sqlite3_result_error_nomem(ctx); return;
  case RC_INPUT_JUDGED:
    if (rcEmailInternal(ctx, &v)) return;
    sqlite3_result_int(ctx, v.email.eTag == RC_EMAIL_OK);
    return;
  default: sqlite3_result_int(ctx, 0); return;
  }
}

void rcEmailErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  unsigned flags;
  RcEmailValue v;
  char *zMsg = 0;
  if (!rcEmailFlagsArg(ctx, "email_error", argc, argv, 1, &flags)) return;
  switch (rcEmailJudge(ctx, argv[0], flags, &v)) {
  case RC_INPUT_NULL: return;
  case RC_INPUT_NOMEM: sqlite3_result_error_nomem(ctx); return;
  case RC_INPUT_BLOB:
    zMsg = sqlite3_mprintf("encoding: value is a BLOB, not text");
    break;
  case RC_INPUT_ENCODING: {
    char *zWhy = rcEncodingMessage(&v);
    zMsg = zWhy ? sqlite3_mprintf("encoding: %s", zWhy) : 0;
    sqlite3_free(zWhy);
    break;
  }
  default:
    if (rcEmailInternal(ctx, &v)) return;
    if (v.email.eTag == RC_EMAIL_OK) return;
    zMsg =
        sqlite3_mprintf("%s: %s", rcEmailTagName(v.email.eTag), v.email.zMsg);
    break;
  }
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
}

/* The html5 form of an address too long for RcEmail: domain lowercased. */
static void rcEmailLongHtml5(sqlite3_context *ctx, const RcEmailValue *p) {
  char *z = (char *)sqlite3_malloc64((sqlite3_uint64)p->n + 1);
  int i, bDomain = 0;
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  for (i = 0; i < p->n; i++) {
    unsigned c = p->z[i];
    if (c == '@') bDomain = 1;
    z[i] = (char)(bDomain && c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  z[p->n] = 0;
  sqlite3_result_text(ctx, z, p->n, sqlite3_free);
}

void rcEmailNormalizeFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  unsigned flags;
  RcEmailValue v;
  if (!rcEmailFlagsArg(ctx, "email_normalize", argc, argv, 1, &flags)) return;
  switch (rcEmailJudge(ctx, argv[0], flags, &v)) {
  case RC_INPUT_NOMEM: sqlite3_result_error_nomem(ctx); return;
  case RC_INPUT_JUDGED:
    if (rcEmailInternal(ctx, &v)) return;
    if (v.email.eTag != RC_EMAIL_OK) return;
    if (v.email.zNorm[0]) {
      sqlite3_result_text(ctx, v.email.zNorm, -1, SQLITE_TRANSIENT);
    } else {
      rcEmailLongHtml5(ctx, &v); /* html5 sets no length limit */
    }
    return;
  default: return;
  }
}

int rcEmailVerdict(sqlite3_context *ctx, sqlite3_value *pVal, unsigned flags,
                   char **pzMsg) {
  RcEmailValue v;
  char *zWhy;
  *pzMsg = 0;
  switch (rcEmailJudge(ctx, pVal, flags | RC_EMAIL_NO_NORM, &v)) {
  case RC_INPUT_NULL: return 0;
  case RC_INPUT_NOMEM: return SQLITE_NOMEM;
  case RC_INPUT_BLOB:
    *pzMsg = sqlite3_mprintf("value is a BLOB, not text");
    return *pzMsg ? RICHCHECK_ENCODING : SQLITE_NOMEM;
  case RC_INPUT_ENCODING:
    *pzMsg = rcEncodingMessage(&v);
    return *pzMsg ? RICHCHECK_ENCODING : SQLITE_NOMEM;
  default:
    if (v.email.eTag == RC_EMAIL_OK) return 0;
    if (v.email.eTag == RC_EMAIL_INTERNAL) {
      *pzMsg = sqlite3_mprintf("richcheck: %s", v.email.zMsg);
      return *pzMsg ? SQLITE_ERROR : SQLITE_NOMEM;
    }
    zWhy = rcCleanText(v.z, v.n, 1);
    *pzMsg = zWhy ? sqlite3_mprintf("invalid email address \"%s\": %s", zWhy,
                                    v.email.zMsg)
                  : 0;
    sqlite3_free(zWhy);
    return *pzMsg ? RICHCHECK_EMAIL : SQLITE_NOMEM;
  }
}

void rcEmailCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  unsigned flags;
  sqlite3_value *pLabel = argc > 1 ? argv[1] : 0;
  char *zMsg;
  int code;
  if (pLabel && !rcLabelArg(ctx, "email_check", pLabel)) return;
  if (!rcEmailFlagsArg(ctx, "email_check", argc, argv, 2, &flags)) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcEmailVerdict(ctx, argv[0], flags, &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
    sqlite3_free(zMsg);
  }
}
