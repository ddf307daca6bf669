/*
** static_host.c - a C program that links librichcheck.a (built with
** -DSQLITE_CORE) and registers it with sqlite3_auto_extension, so every
** connection it opens has richcheck without loading anything.
**
**     cc -Iinclude static_host.c build/librichcheck.a -lsqlite3 -licuuc
**
** It prints one line per statement: "ok <result>" or
** "error <extended code> <message>"; hosts.test asserts the lines.
*/
#include <stdio.h>
#include <sqlite3.h>

#include "richcheck.h"

static void run(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) {
      printf("ok %s\n", (const char *)sqlite3_column_text(pStmt, 0));
    } else if (rc == SQLITE_DONE) {
      printf("ok\n");
    }
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    printf("error %d %s\n", sqlite3_extended_errcode(db), sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
}

int main(void) {
  sqlite3 *db = 0;
  int rc = sqlite3_auto_extension((void (*)(void))sqlite3_richcheck_init);
  if (rc != SQLITE_OK) {
    printf("auto_extension failed: %d\n", rc);
    return 1;
  }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    printf("open failed: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  sqlite3_extended_result_codes(db, 1);
  run(db, "SELECT richcheck_version()");
  run(db, "SELECT length_count('h' || char(0xe9) || 'llo')");
  run(db, "CREATE TABLE users(name TEXT CHECK "
          "(length_check(name, 1, 5, 'users.name')))");
  run(db, "INSERT INTO users VALUES ('Ann')");
  run(db, "INSERT INTO users VALUES ('Alexandra')");
  run(db, "INSERT INTO users VALUES ('')");
  run(db, "SELECT count(*) FROM users");
  run(db, "SELECT sqlstate FROM richcheck_codes WHERE code = 25618");
  sqlite3_close(db);
  sqlite3_reset_auto_extension();

  /* The header alone, no SQL: version, constants and the inline lookups. */
  printf("version %s %d\n", RICHCHECK_VERSION, RICHCHECK_VERSION_NUMBER);
  printf("header %d %s %s %d %s %s %s\n", RICHCHECK_TOO_LONG,
         richcheck_sqlstate(RICHCHECK_TOO_LONG),
         richcheck_category(RICHCHECK_TOO_LONG), RICHCHECK_EMAIL,
         richcheck_sqlstate(RICHCHECK_EMAIL),
         richcheck_category(RICHCHECK_EMAIL),
         richcheck_sqlstate(SQLITE_CONSTRAINT) ? "?" : "none");
  return 0;
}
