/*
** uuid_sql.c - the uuid functions as SQL (issue 16: being written; they
** are registered only in builds with -DRC_WITH_UUID until they are done).
*/
#include "richcheck_int.h"

void rcUuidValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "uuid_valid: not yet");
}

void rcUuidCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "uuid_check: not yet");
}

void rcUuidErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "uuid_error: not yet");
}

int rcUuidVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcUuidSpec *pSpec, char **pzMsg) {
  (void)ctx;
  (void)pVal;
  (void)pSpec;
  *pzMsg = 0;
  return SQLITE_NOMEM;
}
