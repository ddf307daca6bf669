/*
** measure.c - issue 18's grapheme measurements, outside bench/.
**
**     cc -O2 -o measure measure.c -lsqlite3
**     measure SO SET QUERY [ROWS [RUNS]]
**
** SET is ascii, mixed (bench.c's non-ASCII rows), latin_nfd, cjk or emoji;
** QUERY is length (SELECT sum(length(x)) FROM t) or graphemes (SELECT
** sum(length_count(x,'graphemes')) FROM t).  ROWS rows (20,000) of 5..40
** code points are made in memory; the query runs once to warm up (the
** grapheme table is built then), then RUNS times, and the median time of
** one run (process CPU time, as bench.c) is printed.  Under callgrind,
*--toggle-collect=measured counts
** the instructions of the timed runs only.
*/
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 88172645463325252ULL;
static unsigned pick(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

typedef struct Row {
  unsigned char z[512];
  int n, nCp;
} Row;

static void put(Row *p, unsigned c) {
  unsigned char *z = p->z + p->n;
  if (c < 0x80) {
    z[0] = (unsigned char)c;
    p->n += 1;
  } else if (c < 0x800) {
    z[0] = (unsigned char)(0xC0 | c >> 6);
    z[1] = (unsigned char)(0x80 | (c & 0x3F));
    p->n += 2;
  } else if (c < 0x10000) {
    z[0] = (unsigned char)(0xE0 | c >> 12);
    z[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    z[2] = (unsigned char)(0x80 | (c & 0x3F));
    p->n += 3;
  } else {
    z[0] = (unsigned char)(0xF0 | c >> 18);
    z[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    z[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    z[3] = (unsigned char)(0x80 | (c & 0x3F));
    p->n += 4;
  }
  p->nCp++;
}

static const unsigned aMark[] = {0x300, 0x301, 0x302, 0x303, 0x308,
                                 0x30A, 0x30C, 0x327, 0x328, 0x323};
static const unsigned aSeq[][8] = {
    {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0x200D, 0x1F466, 0},
    {0x1F469, 0x1F3FD, 0x200D, 0x1F4BB, 0},
    {0x1F3F3, 0xFE0F, 0x200D, 0x1F308, 0},
    {0x1F44D, 0x1F3FF, 0},
    {0x2764, 0xFE0F, 0},
    {0x1F600, 0},
    {0x1F602, 0},
};

static void makeRow(const char *zSet, Row *p) {
  int nWant = 5 + (int)pick(36);
  p->n = p->nCp = 0;
  while (p->nCp < nWant) {
    unsigned r = pick(100);
    if (strcmp(zSet, "ascii") == 0) {
      put(p, r < 12 ? ' ' : 'a' + pick(26));
    } else if (strcmp(zSet, "mixed") == 0) {
      /* bench.c's benchMixedRow, in short */
      if (r < 6)
        put(p, ' ');
      else if (r < 10)
        put(p, 0x1F600 + pick(0x50));
      else if (r < 13)
        put(p, '0' + pick(10));
      else
        switch (rng >> 60 & 3) {
        case 0: put(p, r < 60 ? 'a' + pick(26) : 0xE0 + pick(0x1F)); break;
        case 1: put(p, 0x3B1 + pick(25)); break;
        case 2: put(p, 0x430 + pick(32)); break;
        default: put(p, 0x4E00 + pick(0x5000)); break;
        }
    } else if (strcmp(zSet, "latin_nfd") == 0) {
      if (r < 12) {
        put(p, ' ');
      } else {
        put(p, 'a' + pick(26));
        if (r < 40) put(p, aMark[pick(10)]);
        if (r < 45) put(p, aMark[pick(10)]);
      }
    } else if (strcmp(zSet, "cjk") == 0) {
      if (r < 70)
        put(p, 0x4E00 + pick(0x5000));
      else if (r < 85)
        put(p, 0x3041 + pick(0x56));
      else if (r < 92)
        put(p, 0x30A1 + pick(0x5A));
      else if (r < 97)
        put(p, 0x3001 + pick(2));
      else
        put(p, 0xAC00 + pick(11172));
    } else { /* emoji */
      if (r < 15) {
        put(p, r < 5 ? ' ' : 'a' + pick(26));
      } else if (r < 35) {
        put(p, 0x1F1E6 + pick(26));
        put(p, 0x1F1E6 + pick(26));
      } else if (r < 60) {
        const unsigned *s = aSeq[pick(7)];
        int k;
        for (k = 0; s[k]; k++)
          put(p, s[k]);
      } else {
        put(p, 0x1F300 + pick(0x300));
        if (r < 75) put(p, 0x1F3FB + pick(5));
      }
    }
  }
}

static sqlite3_stmt *pStmt;
__attribute__((noinline)) static double run(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
  }
  sqlite3_reset(pStmt);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
  return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

/* The timed runs: callgrind's --toggle-collect=measured counts only these. */
__attribute__((noinline)) static double measured(void) { return run(); }

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  sqlite3 *db;
  sqlite3_stmt *pIns;
  int nRow = argc > 4 ? atoi(argv[4]) : 20000;
  int nRun = argc > 5 ? atoi(argv[5]) : 3, i;
  double aT[101];
  char *zErr = 0;
  Row row;
  if (argc < 4 || nRun < 1 || nRun > 101) {
    fprintf(stderr, "usage: %s SO SET length|graphemes [ROWS [RUNS]]\n",
            argv[0]);
    return 2;
  }
  sqlite3_open(":memory:", &db);
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, argv[1], 0, &zErr)) {
    fprintf(stderr, "%s\n", zErr);
    return 1;
  }
  sqlite3_exec(db, "CREATE TABLE t(x TEXT); BEGIN", 0, 0, 0);
  sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &pIns, 0);
  for (i = 0; i < nRow; i++) {
    makeRow(argv[2], &row);
    sqlite3_bind_text(pIns, 1, (const char *)row.z, row.n, SQLITE_STATIC);
    sqlite3_step(pIns);
    sqlite3_reset(pIns);
  }
  sqlite3_finalize(pIns);
  sqlite3_exec(db, "COMMIT", 0, 0, 0);
  sqlite3_prepare_v2(db,
                     strcmp(argv[3], "length") == 0
                         ? "SELECT sum(length(x)) FROM t"
                         : "SELECT sum(length_count(x,'graphemes')) FROM t",
                     -1, &pStmt, 0);
  run(); /* warm-up: the grapheme table, caches */
  for (i = 0; i < nRun; i++)
    aT[i] = measured();
  qsort(aT, (size_t)nRun, sizeof(aT[0]), cmp);
  printf("%s %s %d rows: median %.3f ms\n", argv[2], argv[3], nRow,
         aT[nRun / 2] * 1e3);
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  return 0;
}
