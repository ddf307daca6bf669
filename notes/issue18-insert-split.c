/*
** issue18-insert-split.c - where the time of an insert into a table with
** three rules of the kind 'check' goes (issue 18,
*notes/issue18-money-rules.md).
**
**     cc -O2 -g -o /tmp/split notes/issue18-insert-split.c -lsqlite3
**     /tmp/split build/richcheck.so [ROWS [ROUNDS]]           (wall time)
**     valgrind --tool=callgrind --callgrind-out-file=/tmp/split.cg \
**       /tmp/split build/richcheck.so 20000 1
**     callgrind_annotate --inclusive=yes /tmp/split.cg | grep splitInsert
**
** Four tables of three TEXT columns (email, name, amount), each filled by a
** bound INSERT prepared once, in one transaction, as bench/bench.c's
** benchRules does, the ways taking turns every 4,096 rows:
**   none    no constraint;
**   noop    three CHECKs calling rc_noop(col, 'spec', 'label'), a function of
**           this program registered as richcheck() is (deterministic,
**           innocuous, UTF-8) that returns 1: SQLite's own price for three
**           CHECK constraints of three-argument calls;
**   builtin three CHECKs of SQLite's length(col) > 0;
**   rules   the three rules of the bench as rules of the kind 'check'
**           (email, length(1, 50), money(USD, 0)).
** Each way inserts through a function of its own (splitInsertNone, ...),
** whose inclusive instructions callgrind gives.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_WAY 4
#define CHUNK 4096
static const char *const azWay[N_WAY] = {"none", "noop", "builtin", "rules"};

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "split: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "");
  exit(1);
}

static void exec(sqlite3 *db, const char *zSql) {
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) die(db, zSql);
}

static void noopFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int(ctx, 1);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char **azCell; /* nRow * 3 */

static void insertRows(sqlite3 *db, sqlite3_stmt *pIns, int iStart, int iEnd) {
  int i, k;
  for (i = iStart; i < iEnd; i++) {
    for (k = 0; k < 3; k++)
      sqlite3_bind_text(pIns, k + 1, azCell[i * 3 + k], -1, SQLITE_STATIC);
    if (sqlite3_step(pIns) != SQLITE_DONE) die(db, "insert");
    sqlite3_reset(pIns);
  }
}

#define WAY(NAME)                                                              \
  __attribute__((noinline)) static void NAME(sqlite3 *db, sqlite3_stmt *p,     \
                                             int iStart, int iEnd) {           \
    insertRows(db, p, iStart, iEnd);                                           \
    __asm__ volatile("" ::: "memory");                                         \
  }
WAY(splitInsertNone)
WAY(splitInsertNoop)
WAY(splitInsertBuiltin)
WAY(splitInsertRules)

static int cmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  static void (*const axWay[N_WAY])(sqlite3 *, sqlite3_stmt *, int, int) = {
      splitInsertNone, splitInsertNoop, splitInsertBuiltin, splitInsertRules};
  int nRow = argc > 2 ? atoi(argv[2]) : 200000;
  int nRound = argc > 3 ? atoi(argv[3]) : 7;
  double aTime[N_WAY][64], aRatio[N_WAY][64];
  sqlite3 *db;
  int i, r, k;
  char *zErr = 0;

  if (argc < 2 || nRound < 1 || nRound > 64) {
    fprintf(stderr, "usage: split SO [ROWS [ROUNDS<=64]]\n");
    return 1;
  }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die(db, "open");
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, argv[1], 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "split: %s\n", zErr);
    return 1;
  }
  sqlite3_create_function(db, "rc_noop", 3,
                          SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                          0, noopFunc, 0, 0);
  azCell = (char **)malloc(sizeof(char *) * 3 * (size_t)nRow);
  for (i = 0; i < nRow; i++) {
    char z[64];
    snprintf(z, sizeof(z), "user.%d@mail%d.example.com", i * 7919 % 1000003,
             i % 97);
    azCell[i * 3] = strdup(z);
    snprintf(z, sizeof(z), "Customer %d", i * 31 % 100000);
    azCell[i * 3 + 1] = strdup(z);
    snprintf(z, sizeof(z), "%d.%02d", i * 7 % 100000, i % 100);
    azCell[i * 3 + 2] = strdup(z);
  }
  for (r = -1; r < nRound; r++) { /* round -1 warms up */
    sqlite3_stmt *ap[N_WAY];
    double t[N_WAY] = {0, 0, 0, 0};
    int iStart, c;
    exec(db, "DROP TABLE IF EXISTS t_none; DROP TABLE IF EXISTS t_noop; "
             "DROP TABLE IF EXISTS t_builtin; DROP TABLE IF EXISTS t_rules;"
             "CREATE TABLE t_none(email TEXT, name TEXT, amount TEXT);"
             "CREATE TABLE t_noop(email TEXT, name TEXT, amount TEXT,"
             " CHECK (rc_noop(email, 'email', 't_noop.email')),"
             " CHECK (rc_noop(name, 'length(1, 50)', 't_noop.name')),"
             " CHECK (rc_noop(amount, 'money(USD, 0)', 't_noop.amount')));"
             "CREATE TABLE t_builtin(email TEXT, name TEXT, amount TEXT,"
             " CHECK (length(email) > 0), CHECK (length(name) > 0),"
             " CHECK (length(amount) > 0));"
             "CREATE TABLE t_rules(email TEXT, name TEXT, amount TEXT);"
             "SELECT richcheck_add_rule('t_rules', 'email', 'email', 'check'),"
             " richcheck_add_rule('t_rules', 'name', 'length(1, 50)', "
             "'check'), richcheck_add_rule('t_rules', 'amount', "
             "'money(USD, 0)', 'check')");
    for (k = 0; k < N_WAY; k++) {
      char zSql[80];
      snprintf(zSql, sizeof(zSql), "INSERT INTO t_%s VALUES (?1, ?2, ?3)",
               azWay[k]);
      if (sqlite3_prepare_v2(db, zSql, -1, &ap[k], 0) != SQLITE_OK) {
        die(db, zSql);
      }
    }
    exec(db, "BEGIN");
    for (iStart = 0, c = 0; iStart < nRow; iStart += CHUNK, c++) {
      int iEnd = iStart + CHUNK < nRow ? iStart + CHUNK : nRow, j;
      for (j = 0; j < N_WAY; j++) {
        double t0 = now();
        k = (j + c + r + 1) % N_WAY;
        axWay[k](db, ap[k], iStart, iEnd);
        t[k] += now() - t0;
      }
    }
    exec(db, "COMMIT");
    for (k = 0; k < N_WAY; k++)
      sqlite3_finalize(ap[k]);
    if (r < 0) continue;
    for (k = 0; k < N_WAY; k++) {
      aTime[k][r] = t[k];
      aRatio[k][r] = t[k] / t[0];
    }
  }
  printf("%d rows, %d rounds (medians; ratios per round to none):\n", nRow,
         nRound);
  for (k = 0; k < N_WAY; k++) {
    qsort(aTime[k], (size_t)nRound, sizeof(double), cmpDouble);
    qsort(aRatio[k], (size_t)nRound, sizeof(double), cmpDouble);
    printf("  %-8s %8.1f ms  %5.3fx\n", azWay[k], aTime[k][nRound / 2] * 1e3,
           aRatio[k][nRound / 2]);
  }
  sqlite3_close(db);
  return 0;
}
