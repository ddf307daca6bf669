/*
** example.c - richcheck linked into a program: no .load, no richcheck.so.
**
**     cc example.c $(pkg-config --cflags --libs richcheck) -o example
**
** librichcheck.a is built with SQLITE_CORE, so the entry point is called
** directly on an open connection, as the sqlite3 shell does with the
** extensions built into it (sqlite3_auto_extension would give it to every
** connection instead).  Each statement prints one line: its result, or its
** extended code with the code's name, SQLSTATE and category from
** richcheck.h, and the message.  expected.txt is the output to the byte,
** with @VERSION@ for RICHCHECK_VERSION.
*/
#include <stdio.h>
#include <sqlite3.h>
#include <richcheck.h>

/* The name of a richcheck code, from the header's one registry. */
static const char *codeName(int code) {
  switch (code) {
#define RC_NAME_(NAME, PRIM, EXT, STATE, DESC)                                 \
  case RICHCHECK_##NAME: return "RICHCHECK_" #NAME;
    RICHCHECK_CODE_LIST(RC_NAME_)
#undef RC_NAME_
  default: return 0;
  }
}

static void run(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    printf("%s\n", (const char *)sqlite3_column_text(pStmt, 0));
  } else if (rc == SQLITE_DONE) {
    printf("ok\n");
  } else {
    int code = sqlite3_extended_errcode(db);
    if (codeName(code)) {
      printf("error %d %s SQLSTATE %s (%s): %s\n", code, codeName(code),
             richcheck_sqlstate(code), richcheck_category(code),
             sqlite3_errmsg(db));
    } else {
      printf("error %d: %s\n", code, sqlite3_errmsg(db));
    }
  }
  sqlite3_finalize(pStmt);
}

int main(void) {
  sqlite3 *db = 0;
  char *zErr = 0;

  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "cannot open a database: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  /* Without this, SQLite gives only the primary code (18, 19). */
  sqlite3_extended_result_codes(db, 1);
  if (sqlite3_richcheck_init(db, &zErr, 0) != SQLITE_OK) {
    fprintf(stderr, "richcheck: %s\n", zErr ? zErr : "cannot register");
    sqlite3_free(zErr);
    sqlite3_close(db);
    return 1;
  }

  run(db, "SELECT 'richcheck ' || richcheck_version()");
  run(db, "CREATE TABLE users("
          "name TEXT CHECK (length_check(name, 1, 10, 'users.name')), "
          "email TEXT CHECK (email_check(email, 'users.email')))");
  run(db, "INSERT INTO users VALUES ('Ann', 'ann@example.org')");
  run(db, "INSERT INTO users VALUES "
          "('Zoë Müllerová-Ångström', 'zoe@example.org')");
  run(db, "INSERT INTO users VALUES ('José', 'josé@@müller.de')");
  run(db, "SELECT count(*) || ' row' FROM users");
  sqlite3_close(db);
  return 0;
}
