/*
** assert.c - richcheck_assert: a condition of the schema's own that raises
** a richcheck code with the schema's own message.
**
**     CHECK (richcheck_assert(price > 0, 'orders.price', 'must be positive',
**                             'bound'))
**     -> orders.price: must be positive                       [25875]
**
** The condition is judged as SQL judges a CHECK: NULL passes (the call
** returns NULL), zero is false, anything else true; TEXT and BLOB by the
** number SQLite reads from them ('0.0' and 'abc' are false).  The code is
** named without its prefix, in any case ('bound', 'TOO_LONG'); without
** one it is RICHCHECK_ASSERT.  RICHCHECK_NOT_ENFORCED is the scanner's
** alone: a usage error, as is a name of no code.
*/
#include "richcheck_int.h"

#include <string.h>

#define RC_ASSERT_NAME "richcheck_assert"
#define RC_ASSERT_MSG_MAX 1000 /* characters of the message kept */

/* The codes a code argument may name, by their names without RICHCHECK_. */
static const struct {
  const char *zName;
  int code;
} aRcAssertCode[] = {
#define RC_ASSERT_CODE_(NAME, PRIM, EXT, STATE, DESC) {#NAME, RICHCHECK_##NAME},
    RICHCHECK_CODE_LIST(RC_ASSERT_CODE_)
#undef RC_ASSERT_CODE_
};

#define RC_N_ASSERT_CODE                                                       \
  ((int)(sizeof(aRcAssertCode) / sizeof(aRcAssertCode[0])))

/* Fails the call: z[0..n) names no code; the message lists the names. */
static void rcAssertNoSuchCode(sqlite3_context *ctx, const char *z, int n) {
  sqlite3_str *pList = sqlite3_str_new(0);
  char *zList, *zShown;
  int i, k;
  for (i = 0; i < RC_N_ASSERT_CODE; i++) {
    const char *zCode = aRcAssertCode[i].zName;
    if (aRcAssertCode[i].code == RICHCHECK_NOT_ENFORCED) continue;
    sqlite3_str_appendall(pList, sqlite3_str_length(pList) ? ", '" : "'");
    for (k = 0; zCode[k]; k++) { /* in lower case, as people write them */
      char c = zCode[k];
      sqlite3_str_appendchar(pList, 1,
                             (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    sqlite3_str_appendall(pList, "'");
  }
  zList = sqlite3_str_finish(pList);
  zShown = rcCleanText((const unsigned char *)z, n, 0);
  if (zList == 0 || zShown == 0) {
    sqlite3_result_error_nomem(ctx);
  } else {
    rcUsage(ctx, RC_ASSERT_NAME ": no richcheck code is named '%s': use %s",
            zShown, zList);
  }
  sqlite3_free(zList);
  sqlite3_free(zShown);
}

/* The code pName names (TEXT: a name without RICHCHECK_), or 0 after
** failing the call with a usage error. */
static int rcAssertCode(sqlite3_context *ctx, sqlite3_value *pName) {
  const char *z;
  int n, i;
  if (sqlite3_value_type(pName) != SQLITE_TEXT) {
    rcUsage(ctx,
            RC_ASSERT_NAME ": the code must be TEXT, the name of a richcheck "
                           "code without RICHCHECK_ (such as 'bound'), not %s",
            rcTypeName(pName));
    return 0;
  }
  z = (const char *)sqlite3_value_text(pName);
  n = sqlite3_value_bytes(pName);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  for (i = 0; i < RC_N_ASSERT_CODE; i++) {
    const char *zCode = aRcAssertCode[i].zName;
    if ((int)strlen(zCode) == n && sqlite3_strnicmp(z, zCode, n) == 0 &&
        aRcAssertCode[i].code != RICHCHECK_NOT_ENFORCED) {
      return aRcAssertCode[i].code;
    }
  }
  rcAssertNoSuchCode(ctx, z, n);
  return 0;
}

/* Whether condition pCond (not NULL) holds, as SQL's CHECK judges it. */
static int rcAssertHolds(sqlite3_value *pCond) {
  if (sqlite3_value_type(pCond) == SQLITE_INTEGER) {
    return sqlite3_value_int64(pCond) != 0;
  }
  return sqlite3_value_double(pCond) != 0.0;
}

/*
** richcheck_assert(condition, label, message [, code]): 1 when the
** condition holds, NULL when it is NULL, else fails with the code (by
** default RICHCHECK_ASSERT) and "label: message".  The arguments other
** than the condition are checked at every call, so that a mistake shows
** at the first row, not at the first failure.
*/
void rcAssertFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_value *pLabel = argv[1], *pMsg = argv[2];
  int code = RICHCHECK_ASSERT;
  char *zMsg;
  if (!rcLabelArg(ctx, RC_ASSERT_NAME, pLabel)) return;
  if (sqlite3_value_type(pMsg) != SQLITE_TEXT) {
    rcUsage(ctx,
            RC_ASSERT_NAME ": the message must be TEXT such as 'must be "
                           "positive', not %s",
            rcTypeName(pMsg));
    return;
  }
  if (argc > 3 && (code = rcAssertCode(ctx, argv[3])) == 0) return;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return; /* NULL passes */
  if (rcAssertHolds(argv[0])) {
    sqlite3_result_int(ctx, 1);
    return;
  }
  /* (up to RC_ASSERT_MSG_MAX characters: a message, not a document) */
  zMsg = rcCleanTextMax(sqlite3_value_text(pMsg), sqlite3_value_bytes(pMsg), 0,
                        RC_ASSERT_MSG_MAX);
  if (zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  /* (an empty message would leave the error without a text) */
  rcRaise(ctx, code, pLabel, "%s",
          zMsg[0] ? zMsg : "the condition does not hold");
  sqlite3_free(zMsg);
}
