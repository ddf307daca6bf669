/*
** number_sql.c - the number functions as SQL (issue 16: being written;
** they are registered only in builds with -DRC_WITH_NUMBER until they are
** done).
*/
#include "richcheck_int.h"

void rcNumberValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "number_valid: not yet");
}

void rcNumberCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "number_check: not yet");
}

void rcNumberErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "number_error: not yet");
}

int rcNumberVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                    const RcNumberSpec *pSpec, char **pzMsg) {
  (void)ctx;
  (void)pVal;
  (void)pSpec;
  *pzMsg = 0;
  return SQLITE_NOMEM;
}
