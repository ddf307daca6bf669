/*
** email_speed.c - issue 18's measurement of the email functions, per row
** set and per form, against length() in the same run.
**
**     cc -O2 -g -Iinclude -o build/email_speed notes/email_speed.c -lsqlite3
**     build/email_speed build/richcheck.so [ROWS [REPS [SET FORM EXPR]]]
**     valgrind --tool=callgrind --collect-atstart=no \
**       --toggle-collect=spRun build/email_speed build/richcheck.so \
**       20000 1 typical sum 'email_valid(x)'
**
** The rows are bench/bench.c's own generator (included, its main renamed),
** so "typical" is the bench's email table row for row.  Sets: typical (the
** bench's mix: 94% valid ASCII, 2% Unicode, 4% invalid), invalid (the mix
** with 15% more invalid rows: about 18% invalid), unicode (only the Unicode
** and IDN addresses).  Forms: sum ("SELECT sum(EXPR) FROM t") and where
** ("SELECT count(*) FROM t WHERE EXPR").  With no SET, every expression of
** every set in both forms: the median of REPS (3) runs, in ms, and its ratio
** to length(x) in the same form.
*/
#define main benchUnusedMain
#include "../bench/bench.c"
#undef main

static const char *const azSpSet[] = {"typical", "invalid", "unicode"};

/* One row of set iSet. */
static void spRow(int iSet, BenchRow *p) {
  if (iSet == 0 || (iSet == 1 && benchPick(100) < 85)) {
    benchEmailRow(p);
    return;
  }
  p->nByte = p->nChar = 0;
  p->bEmail = p->bHtml5 = 1;
  if (iSet == 1) {
    benchEmailInvalid(p);
  } else {
    benchEmailUnicode(p);
  }
}

static void spFill(sqlite3 *db, long nRow) {
  int iSet;
  for (iSet = 0; iSet < 3; iSet++) {
    sqlite3_stmt *pIns = 0;
    char *zSql = sqlite3_mprintf("CREATE TABLE %s(x TEXT)", azSpSet[iSet]);
    long i;
    benchRandState = 18 + (uint64_t)iSet;
    if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) benchFail("create");
    sqlite3_free(zSql);
    zSql = sqlite3_mprintf("INSERT INTO %s VALUES(?1)", azSpSet[iSet]);
    if (sqlite3_prepare_v2(db, zSql, -1, &pIns, 0) != SQLITE_OK) {
      benchFail("insert: %s", sqlite3_errmsg(db));
    }
    sqlite3_free(zSql);
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    for (i = 0; i < nRow; i++) {
      BenchRow row;
      spRow(iSet, &row);
      sqlite3_bind_text(pIns, 1, row.z, row.nByte, SQLITE_TRANSIENT);
      if (sqlite3_step(pIns) != SQLITE_DONE) benchFail("insert");
      sqlite3_reset(pIns);
    }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    sqlite3_finalize(pIns);
  }
}

/* The statement, stepped to its end: the only code callgrind counts. */
static __attribute__((noinline)) sqlite3_int64 spRun(sqlite3_stmt *p) {
  sqlite3_int64 v = 0;
  while (sqlite3_step(p) == SQLITE_ROW)
    v = sqlite3_column_int64(p, 0);
  sqlite3_reset(p);
  return v;
}

static double spTime(sqlite3 *db, const char *zSet, const char *zForm,
                     const char *zExpr, sqlite3_int64 *pResult) {
  char *zSql =
      strcmp(zForm, "where") == 0
          ? sqlite3_mprintf("SELECT count(*) FROM %s WHERE %s", zSet, zExpr)
          : sqlite3_mprintf("SELECT sum(%s) FROM %s", zExpr, zSet);
  sqlite3_stmt *p = 0;
  double t0;
  if (sqlite3_prepare_v2(db, zSql, -1, &p, 0) != SQLITE_OK) {
    benchFail("%s: %s", zSql, sqlite3_errmsg(db));
  }
  sqlite3_free(zSql);
  t0 = benchNow();
  *pResult = spRun(p);
  t0 = benchNow() - t0;
  sqlite3_finalize(p);
  return t0;
}

static int spCmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  static const char *const azExpr[] = {"length(x)", "email_valid(x)",
                                       "email_valid(x,'html5')"};
  static const char *const azForm[] = {"sum", "where"};
  sqlite3 *db = 0;
  char *zErr = 0;
  long nRow = argc > 2 ? atol(argv[2]) : 1000000;
  int nRep = argc > 3 ? atoi(argv[3]) : 3;
  int iSet, iForm, iExpr, r;
  sqlite3_int64 v;

  if (argc < 2 || nRow <= 0 || nRep <= 0 || nRep > 15) {
    fprintf(stderr, "usage: %s richcheck.so [ROWS [REPS [SET FORM EXPR]]]\n",
            argv[0]);
    return 1;
  }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) benchFail("open");
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, argv[1], 0, &zErr) != SQLITE_OK) {
    benchFail("load %s: %s", argv[1], zErr ? zErr : sqlite3_errmsg(db));
  }
  spFill(db, nRow);
  if (argc > 6) { /* one statement, for callgrind */
    spTime(db, argv[4], argv[5], argv[6], &v);
    printf("%s %s %s: %lld\n", argv[4], argv[5], argv[6], v);
    return 0;
  }
  for (iSet = 0; iSet < 3; iSet++) {
    for (iForm = 0; iForm < 2; iForm++) {
      double rBase = 0;
      for (iExpr = 0; iExpr < 3; iExpr++) {
        double a[15];
        for (r = 0; r < nRep; r++) {
          a[r] = spTime(db, azSpSet[iSet], azForm[iForm], azExpr[iExpr], &v);
        }
        qsort(a, (size_t)nRep, sizeof(a[0]), spCmp);
        if (iExpr == 0) rBase = a[nRep / 2];
        printf("%-8s %-5s %-24s %8.1f ms %5.2fx  (%lld)\n", azSpSet[iSet],
               azForm[iForm], azExpr[iExpr], a[nRep / 2] * 1e3,
               a[nRep / 2] / rBase, v);
      }
    }
  }
  sqlite3_close(db);
  return 0;
}
