/*
** rctest.c - a test-only helper extension, built for the tests and never
** installed.  Loading it turns on extended result codes for the connection,
** so that Tcl's "db errorcode" (and the sqlite3 shell) report the full
** richcheck code instead of its primary part.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#ifdef _WIN32
__declspec(dllexport)
#endif
    int sqlite3_rctest_init(sqlite3 *db, char **pzErrMsg,
                            const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  (void)pzErrMsg;
  return sqlite3_extended_result_codes(db, 1);
}
