/*
** datetime_sql.c - the date, time and datetime functions as SQL (issue 16:
** being written; they are registered only in builds with -DRC_WITH_DATETIME
** until they are done).
*/
#include "richcheck_int.h"

void rcDateValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "date_valid: not yet");
}

void rcDateCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "date_check: not yet");
}

void rcDateErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "date_error: not yet");
}

void rcTimeValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "time_valid: not yet");
}

void rcTimeCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "time_check: not yet");
}

void rcTimeErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "time_error: not yet");
}

void rcDatetimeValidFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "datetime_valid: not yet");
}

void rcDatetimeCheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "datetime_check: not yet");
}

void rcDatetimeErrorFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rcUsage(ctx, "datetime_error: not yet");
}

int rcDateVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcDateSpec *pSpec, char **pzMsg) {
  (void)ctx;
  (void)pVal;
  (void)pSpec;
  *pzMsg = 0;
  return SQLITE_NOMEM;
}
