/*
** rctest.c - a test-only helper extension, built for the tests and never
** installed.  Loading it turns on extended result codes for the connection,
** so that Tcl's "db errorcode" (and the sqlite3 shell) report the full
** richcheck code instead of its primary part.
**
**     SELECT rctest_auto_side_effect(1);  -- every connection opened from
**                                         -- now on has side_effect(x)
**     SELECT rctest_side_effects();       -- how many times it ran
**
**     SELECT sum(rctest_noop(x)) FROM t;  -- 1 for every row: the floor
**
** rctest_noop(x [, ...]) does nothing and returns 1, registered with the
** flags of richcheck's validators (UTF8, DETERMINISTIC, INNOCUOUS), so
** that bench/bench.c can print what SQLite charges for calling any such
** function, beside what each richcheck function costs (issue 18).  It
** returns 1 rather than its argument: the validators return an integer,
** and a copy of the text would charge it a cost they do not have.
**
** side_effect() is what an extension registered with sqlite3_auto_extension
** could be (constraint.test: a condition from a database's definition must
** never call it), registered innocuous to be the worst case.  The .so is
** never unloaded (-z nodelete): the auto-extension points into it.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

static int nSideEffects;

static void rctestSideEffect(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  __atomic_add_fetch(&nSideEffects, 1, __ATOMIC_RELAXED);
  sqlite3_result_int(ctx, 1);
}

static void rctestSideEffects(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int(ctx, __atomic_load_n(&nSideEffects, __ATOMIC_RELAXED));
}

static void rctestNoop(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int(ctx, 1);
}

static int rctestAutoInit(sqlite3 *db, char **pzErrMsg,
                          const sqlite3_api_routines *pApi) {
  (void)pApi;
  (void)pzErrMsg;
  return sqlite3_create_function(db, "side_effect", 1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                     SQLITE_INNOCUOUS,
                                 0, rctestSideEffect, 0, 0);
}

static void rctestAutoSideEffect(sqlite3_context *ctx, int argc,
                                 sqlite3_value **argv) {
  void (*xInit)(void) = (void (*)(void))rctestAutoInit;
  (void)argc;
  if (sqlite3_value_int(argv[0])) {
    sqlite3_result_int(ctx, sqlite3_auto_extension(xInit));
  } else {
    sqlite3_result_int(ctx, sqlite3_cancel_auto_extension(xInit));
  }
}

#ifdef _WIN32
__declspec(dllexport)
#endif
    int sqlite3_rctest_init(sqlite3 *db, char **pzErrMsg,
                            const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  (void)pzErrMsg;
  sqlite3_create_function(db, "rctest_auto_side_effect", 1, SQLITE_UTF8, 0,
                          rctestAutoSideEffect, 0, 0);
  sqlite3_create_function(db, "rctest_side_effects", 0, SQLITE_UTF8, 0,
                          rctestSideEffects, 0, 0);
  sqlite3_create_function(db, "rctest_noop", -1,
                          SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                          0, rctestNoop, 0, 0);
  return sqlite3_extended_result_codes(db, 1);
}
