/*
** bench.c - speed of richcheck's length family against SQLite's built-in
** length(), measured side by side in one run and printed as ratios.
**
**     make bench                                  (builds and runs it)
**     build/bench build/richcheck.so [--quick]
**     BENCH_ROWS=200000 BENCH_ROUNDS=5 build/bench build/richcheck.so
**
** One in-memory database, one connection, the extension loaded from the
** path in argv[1].  Two tables of BENCH_ROWS rows (1,000,000 by default)
** are generated from a fixed seed: "ascii" (names, emails and handles of
** 5..40 characters) and "mixed" (accented Latin with some combining marks,
** Greek, Cyrillic, CJK and emoji, about the same character counts).  The
** generator keeps the exact totals of characters, bytes and grapheme
** clusters, and every query result is checked against them, before timing
** and on every timed run: a broken function is never measured.
**
** Every comparison is "SELECT sum(EXPR) FROM t" with a baseline EXPR (the
** floor, length(x)) and a candidate EXPR.  Each round runs the two back to
** back, in alternating order, timed in process CPU time (a preempted query
** is not charged for the wait); the table gives the median time of each and
** the median of the per-round ratios candidate/baseline.  The ratios are of
** whole queries (scan + function calls), as a user sees them.  Targets are
** informational: a MISS is printed, the exit code stays 0.  Exit code 1
** means the benchmark could not run or a result was wrong.
**
** --quick: 100,000 rows and 5 rounds (BENCH_ROWS and BENCH_ROUNDS still win).
*/
#define _POSIX_C_SOURCE 200809L

#include <sqlite3.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_DEFAULT_ROWS 1000000
#define BENCH_QUICK_ROWS 100000
#define BENCH_DEFAULT_ROUNDS 9
#define BENCH_QUICK_ROUNDS 5
#define BENCH_MAX_ROUNDS 51
#define BENCH_MIN_CHARS 5
#define BENCH_MAX_CHARS 40

/* What a query's sum must equal, from the generator's totals. */
typedef enum BenchExpect {
  BENCH_EXPECT_ROWS,
  BENCH_EXPECT_CHARS,
  BENCH_EXPECT_BYTES,
  BENCH_EXPECT_GRAPHEMES
} BenchExpect;

typedef struct BenchTable BenchTable;
struct BenchTable {
  const char *zName;       /* SQL table name */
  const char *zTitle;      /* what is in it */
  sqlite3_int64 nRow;      /* rows inserted */
  sqlite3_int64 nChar;     /* Unicode scalar values, all rows */
  sqlite3_int64 nByte;     /* UTF-8 bytes, all rows */
  sqlite3_int64 nGrapheme; /* extended grapheme clusters, all rows */
};

typedef struct BenchCase BenchCase;
struct BenchCase {
  int iTable;         /* index in aTable */
  const char *zLabel; /* printed name */
  const char *zBase;  /* baseline expression */
  BenchExpect eBase;  /* what sum(zBase) must be */
  const char *zCand;  /* candidate expression */
  BenchExpect eCand;  /* what sum(zCand) must be */
  double rTarget;     /* maximum median ratio, or 0 for none */
};

static BenchTable aTable[] = {
    {"ascii", "ASCII names, emails, handles", 0, 0, 0, 0},
    {"mixed", "accented Latin, Greek, Cyrillic, CJK, emoji", 0, 0, 0, 0},
};

static const BenchCase aCase[] = {
    {0, "length_check(x,0,1000)", "length(x)", BENCH_EXPECT_CHARS,
     "length_check(x,0,1000)", BENCH_EXPECT_ROWS, 1.2},
    {0, "length_count(x)", "length(x)", BENCH_EXPECT_CHARS, "length_count(x)",
     BENCH_EXPECT_CHARS, 0},
    {0, "length_valid(x,0,1000)", "length(x)", BENCH_EXPECT_CHARS,
     "length_valid(x,0,1000)", BENCH_EXPECT_ROWS, 0},
    {0, "length_count(x,'bytes')", "length(x)", BENCH_EXPECT_CHARS,
     "length_count(x,'bytes')", BENCH_EXPECT_BYTES, 0},
    {0, "length_count(x,'graphemes')", "length(x)", BENCH_EXPECT_CHARS,
     "length_count(x,'graphemes')", BENCH_EXPECT_GRAPHEMES, 0},
    {0, "scan only: x IS NOT NULL", "length(x)", BENCH_EXPECT_CHARS,
     "x IS NOT NULL", BENCH_EXPECT_ROWS, 0},
    {1, "length_check(x,0,1000)", "length(x)", BENCH_EXPECT_CHARS,
     "length_check(x,0,1000)", BENCH_EXPECT_ROWS, 1.5},
    {1, "length_count(x)", "length(x)", BENCH_EXPECT_CHARS, "length_count(x)",
     BENCH_EXPECT_CHARS, 0},
    {1, "length_valid(x,0,1000)", "length(x)", BENCH_EXPECT_CHARS,
     "length_valid(x,0,1000)", BENCH_EXPECT_ROWS, 0},
    {1, "length_count(x,'bytes')", "length(x)", BENCH_EXPECT_CHARS,
     "length_count(x,'bytes')", BENCH_EXPECT_BYTES, 0},
    {1, "length_count(x,'graphemes')", "length(x)", BENCH_EXPECT_CHARS,
     "length_count(x,'graphemes')", BENCH_EXPECT_GRAPHEMES, 0},
    {1, "scan only: x IS NOT NULL", "length(x)", BENCH_EXPECT_CHARS,
     "x IS NOT NULL", BENCH_EXPECT_ROWS, 0},
};

#define BENCH_NCASE ((int)(sizeof(aCase) / sizeof(aCase[0])))

/* Prints a message and exits with code 1. */
static void benchFail(const char *zFormat, ...) {
  va_list ap;
  fflush(stdout);
  fprintf(stderr, "bench: ");
  va_start(ap, zFormat);
  vfprintf(stderr, zFormat, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  exit(1);
}

/* Wall-clock seconds, for the progress lines. */
static double benchNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
** CPU seconds of this process, for the measurements: on a shared machine a
** query that is preempted is not charged for the time it waited.
*/
static double benchCpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*************************** deterministic data ****************************/

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t benchRandState;

static uint64_t benchRand(void) {
  uint64_t z = (benchRandState += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned benchPick(unsigned n) {
  return (unsigned)((benchRand() >> 32) % n);
}

/* A row being built, with its own counts. */
typedef struct BenchRow BenchRow;
struct BenchRow {
  char z[BENCH_MAX_CHARS * 4 + 8];
  int nByte;
  int nChar;
  int nGrapheme;
};

/* Appends the UTF-8 of scalar value c; each call is one character. */
static void benchPut(BenchRow *p, unsigned c) {
  unsigned char *z = (unsigned char *)p->z + p->nByte;
  if (c < 0x80) {
    z[0] = (unsigned char)c;
    p->nByte += 1;
  } else if (c < 0x800) {
    z[0] = (unsigned char)(0xC0 | (c >> 6));
    z[1] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 2;
  } else if (c < 0x10000) {
    z[0] = (unsigned char)(0xE0 | (c >> 12));
    z[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 3;
  } else {
    z[0] = (unsigned char)(0xF0 | (c >> 18));
    z[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    z[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    z[3] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 4;
  }
  p->nChar++;
}

static const char *const azSyllable[] = {
    "an",  "be",  "ca",  "do",  "el",  "fi",  "ga",  "ha", "is",
    "jo",  "ka",  "li",  "ma",  "ne",  "ol",  "pa",  "qu", "ro",
    "sa",  "te",  "ul",  "vi",  "wa",  "xe",  "ya",  "zo", "ber",
    "son", "ton", "ley", "mar", "tin", "ric", "ard",
};
#define BENCH_NSYLLABLE ((unsigned)(sizeof(azSyllable) / sizeof(azSyllable[0])))

static const char *const azDomain[] = {
    "@example.com", "@mail.org", "@corp.net", "@uni.edu", "@x.io",
};

/* An ASCII row of exactly nWant characters: a name, an email or a handle. */
static void benchAsciiRow(BenchRow *p, int nWant) {
  char zBuf[BENCH_MAX_CHARS * 2 + 32];
  int n = 0;
  int eStyle = (int)benchPick(3);
  int i;

  while (n < nWant) {
    const char *zSyl = azSyllable[benchPick(BENCH_NSYLLABLE)];
    int nSyl = (int)strlen(zSyl);
    memcpy(zBuf + n, zSyl, (size_t)nSyl);
    if (benchPick(5) == 0) zBuf[n] = (char)(zBuf[n] - 'a' + 'A');
    n += nSyl;
    switch (benchPick(8)) {
    case 0: zBuf[n++] = eStyle == 0 ? ' ' : '.'; break;
    case 1: zBuf[n++] = (char)('0' + benchPick(10)); break;
    case 2:
      if (eStyle == 1) {
        const char *zDom = azDomain[benchPick(5)];
        int nDom = (int)strlen(zDom);
        memcpy(zBuf + n, zDom, (size_t)nDom);
        n += nDom;
      } else if (eStyle == 2) {
        zBuf[n++] = '_';
      }
      break;
    default: break;
    }
  }
  p->nByte = p->nChar = p->nGrapheme = 0;
  for (i = 0; i < nWant; i++)
    benchPut(p, (unsigned char)zBuf[i]);
  p->nGrapheme = p->nChar;
}

/* Precomposed Latin letters with diacritics (two UTF-8 bytes each). */
static const unsigned aLatinAccent[] = {
    0xE0,  0xE1,  0xE2,  0xE4,  0xE7,  0xE8,  0xE9,  0xEA,  0xEB,  0xED,
    0xEE,  0xEF,  0xF1,  0xF3,  0xF4,  0xF6,  0xF8,  0xFA,  0xFC,  0xDF,
    0x107, 0x10D, 0x119, 0x142, 0x144, 0x15B, 0x161, 0x17C, 0x17E, 0x151,
};
#define BENCH_NLATIN                                                           \
  ((unsigned)(sizeof(aLatinAccent) / sizeof(aLatinAccent[0])))

/*
** A non-ASCII row of nWant characters.  Each row has a main script; spaces,
** digits and an emoji now and then are mixed in.  A combining acute accent
** (U+0301) only ever follows an ASCII letter, so it is one more character
** but not one more grapheme cluster; nothing else here joins clusters.
*/
static void benchMixedRow(BenchRow *p, int nWant) {
  int eScript = (int)benchPick(4);
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nChar < nWant) {
    unsigned r = benchPick(100);
    if (r < 6 && p->nChar > 0) {
      benchPut(p, ' ');
    } else if (r < 10) {
      benchPut(p, 0x1F600 + benchPick(0x50)); /* emoticons, 4 bytes */
    } else if (r < 13) {
      benchPut(p, '0' + benchPick(10));
    } else {
      switch (eScript) {
      case 0: /* Latin: ASCII, precomposed accents, combining accents */
        if (r < 60) {
          benchPut(p, 'a' + benchPick(26));
        } else if (r < 92 || p->nChar + 2 > nWant) {
          benchPut(p, aLatinAccent[benchPick(BENCH_NLATIN)]);
        } else {
          benchPut(p, 'a' + benchPick(26));
          benchPut(p, 0x301);
          p->nGrapheme--; /* the mark joins the letter's cluster */
        }
        break;
      case 1: benchPut(p, 0x3B1 + benchPick(25)); break;       /* Greek */
      case 2: benchPut(p, 0x430 + benchPick(32)); break;       /* Cyrillic */
      default: benchPut(p, 0x4E00 + benchPick(0x5000)); break; /* CJK */
      }
    }
  }
  p->nGrapheme += p->nChar;
}

/* Fills table iTable with nRow generated rows, keeping the totals. */
static void benchFill(sqlite3 *db, int iTable, sqlite3_int64 nRow) {
  BenchTable *pTab = &aTable[iTable];
  sqlite3_stmt *pIns = 0;
  char *zSql;
  BenchRow row;
  sqlite3_int64 i;
  int rc;

  zSql = sqlite3_mprintf("CREATE TABLE %s(x TEXT)", pTab->zName);
  rc = sqlite3_exec(db, zSql, 0, 0, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) benchFail("create: %s", sqlite3_errmsg(db));
  zSql = sqlite3_mprintf("INSERT INTO %s(x) VALUES(?1)", pTab->zName);
  rc = sqlite3_prepare_v2(db, zSql, -1, &pIns, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) benchFail("insert: %s", sqlite3_errmsg(db));

  benchRandState = (uint64_t)0x5EED0000 + (uint64_t)iTable;
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  for (i = 0; i < nRow; i++) {
    int nWant =
        BENCH_MIN_CHARS + (int)benchPick(BENCH_MAX_CHARS - BENCH_MIN_CHARS + 1);
    if (iTable == 0) {
      benchAsciiRow(&row, nWant);
    } else {
      benchMixedRow(&row, nWant);
    }
    sqlite3_bind_text(pIns, 1, row.z, row.nByte, SQLITE_STATIC);
    if (sqlite3_step(pIns) != SQLITE_DONE) {
      benchFail("insert: %s", sqlite3_errmsg(db));
    }
    sqlite3_reset(pIns);
    pTab->nChar += row.nChar;
    pTab->nByte += row.nByte;
    pTab->nGrapheme += row.nGrapheme;
  }
  if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
    benchFail("commit: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pIns);
  pTab->nRow = nRow;
}

/******************************** queries **********************************/

static sqlite3_int64 benchExpected(const BenchTable *pTab, BenchExpect e) {
  switch (e) {
  case BENCH_EXPECT_ROWS: return pTab->nRow;
  case BENCH_EXPECT_CHARS: return pTab->nChar;
  case BENCH_EXPECT_BYTES: return pTab->nByte;
  default: return pTab->nGrapheme;
  }
}

static sqlite3_stmt *benchPrepare(sqlite3 *db, const BenchTable *pTab,
                                  const char *zExpr) {
  sqlite3_stmt *pStmt = 0;
  char *zSql = sqlite3_mprintf("SELECT sum(%s) FROM %s", zExpr, pTab->zName);
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) {
    benchFail("prepare %s: %s", zSql, sqlite3_errmsg(db));
  }
  sqlite3_free(zSql);
  return pStmt;
}

/*
** Runs pStmt once and returns its CPU time in seconds; fails unless the one
** result equals iWant.
*/
static double benchRun(sqlite3 *db, sqlite3_stmt *pStmt, sqlite3_int64 iWant) {
  double t0, t1;
  int rc;
  sqlite3_int64 iGot;

  t0 = benchCpu();
  rc = sqlite3_step(pStmt);
  iGot = rc == SQLITE_ROW ? sqlite3_column_int64(pStmt, 0) : 0;
  t1 = benchCpu();
  if (rc != SQLITE_ROW) {
    benchFail("%s: %s", sqlite3_sql(pStmt), sqlite3_errmsg(db));
  }
  if (iGot != iWant) {
    benchFail("%s returned %lld, expected %lld: the function is broken, "
              "not benchmarking it",
              sqlite3_sql(pStmt), iGot, iWant);
  }
  sqlite3_reset(pStmt);
  return t1 - t0;
}

/* Fails unless zSql ends in an error (a check that must refuse). */
static void benchMustFail(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc != SQLITE_OK) benchFail("prepare %s: %s", zSql, sqlite3_errmsg(db));
  do {
    rc = sqlite3_step(pStmt);
  } while (rc == SQLITE_ROW);
  sqlite3_finalize(pStmt);
  if (rc == SQLITE_DONE) {
    benchFail("%s succeeded but must fail: the check is broken", zSql);
  }
}

/* Runs every query once, untimed: results must match, and checks must bite. */
static void benchVerify(sqlite3 *db) {
  int i;
  for (i = 0; i < BENCH_NCASE; i++) {
    const BenchCase *p = &aCase[i];
    const BenchTable *pTab = &aTable[p->iTable];
    sqlite3_stmt *pBase = benchPrepare(db, pTab, p->zBase);
    sqlite3_stmt *pCand = benchPrepare(db, pTab, p->zCand);
    benchRun(db, pBase, benchExpected(pTab, p->eBase));
    benchRun(db, pCand, benchExpected(pTab, p->eCand));
    sqlite3_finalize(pBase);
    sqlite3_finalize(pCand);
  }
  benchMustFail(db, "SELECT length_check('abcd', 0, 3)");
  benchMustFail(db, "SELECT length_check('ab', 3, 10)");
  benchMustFail(db, "SELECT sum(length_check(x, 0, 4)) FROM ascii");
  benchMustFail(db, "SELECT sum(length_check(x, 0, 4)) FROM mixed");
  benchMustFail(db, "SELECT length_check(CAST(x'C0AF' AS TEXT), 0, 9)");
}

/******************************** timing ***********************************/

static int benchCmpDouble(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double benchMedian(const double *a, int n) {
  double aSorted[BENCH_MAX_ROUNDS];
  memcpy(aSorted, a, sizeof(double) * (size_t)n);
  qsort(aSorted, (size_t)n, sizeof(double), benchCmpDouble);
  if (n % 2) return aSorted[n / 2];
  return (aSorted[n / 2 - 1] + aSorted[n / 2]) / 2;
}

/* Times one comparison over nRound rounds; returns 1 for a MISS. */
static int benchCase(sqlite3 *db, const BenchCase *p, int nRound) {
  const BenchTable *pTab = &aTable[p->iTable];
  sqlite3_stmt *pBase = benchPrepare(db, pTab, p->zBase);
  sqlite3_stmt *pCand = benchPrepare(db, pTab, p->zCand);
  sqlite3_int64 iBase = benchExpected(pTab, p->eBase);
  sqlite3_int64 iCand = benchExpected(pTab, p->eCand);
  double aBase[BENCH_MAX_ROUNDS] = {0}, aCand[BENCH_MAX_ROUNDS] = {0};
  double aRatio[BENCH_MAX_ROUNDS] = {0};
  double rRatio;
  char zTarget[16];
  const char *zVerdict = "";
  int i;

  /* One untimed run of each warms the caches and the branch predictors. */
  benchRun(db, pBase, iBase);
  benchRun(db, pCand, iCand);
  for (i = 0; i < nRound; i++) {
    if (i % 2 == 0) {
      aBase[i] = benchRun(db, pBase, iBase);
      aCand[i] = benchRun(db, pCand, iCand);
    } else {
      aCand[i] = benchRun(db, pCand, iCand);
      aBase[i] = benchRun(db, pBase, iBase);
    }
    aRatio[i] = aCand[i] / aBase[i];
  }
  sqlite3_finalize(pBase);
  sqlite3_finalize(pCand);

  rRatio = benchMedian(aRatio, nRound);
  if (p->rTarget > 0) {
    snprintf(zTarget, sizeof(zTarget), "<=%.2fx", p->rTarget);
    zVerdict = rRatio <= p->rTarget ? "PASS" : "MISS";
  } else {
    snprintf(zTarget, sizeof(zTarget), "-");
  }
  printf("%-6s %-28s %9.1f %9.1f %7.2fx %8s%s%s\n", pTab->zName, p->zLabel,
         benchMedian(aBase, nRound) * 1e3, benchMedian(aCand, nRound) * 1e3,
         rRatio, zTarget, zVerdict[0] ? "  " : "", zVerdict);
  fflush(stdout);
  return p->rTarget > 0 && rRatio > p->rTarget;
}

/* A positive integer from environment variable zName, or iDefault. */
static long benchEnvInt(const char *zName, long iDefault, long iMax) {
  const char *z = getenv(zName);
  char *zEnd;
  long v;
  if (z == 0 || z[0] == 0) return iDefault;
  v = strtol(z, &zEnd, 10);
  if (*zEnd != 0 || v < 1 || v > iMax) {
    benchFail("%s=%s: expected an integer in 1..%ld", zName, z, iMax);
  }
  return v;
}

int main(int argc, char **argv) {
  const char *zExt = 0;
  int bQuick = 0;
  sqlite3 *db = 0;
  char *zErr = 0;
  sqlite3_stmt *pVer = 0;
  long nRow, nRound;
  int i, nMiss = 0, nTarget = 0;
  double t0;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--quick") == 0) {
      bQuick = 1;
    } else if (zExt == 0 && argv[i][0] != '-') {
      zExt = argv[i];
    } else {
      zExt = 0;
      break;
    }
  }
  if (zExt == 0) {
    fprintf(stderr, "usage: %s PATH/TO/richcheck.so [--quick]\n", argv[0]);
    return 1;
  }
  nRow = benchEnvInt(
      "BENCH_ROWS", bQuick ? BENCH_QUICK_ROWS : BENCH_DEFAULT_ROWS, 100000000L);
  nRound = benchEnvInt("BENCH_ROUNDS",
                       bQuick ? BENCH_QUICK_ROUNDS : BENCH_DEFAULT_ROUNDS,
                       BENCH_MAX_ROUNDS);

  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    benchFail("open: %s", sqlite3_errmsg(db));
  }
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, zExt, 0, &zErr) != SQLITE_OK) {
    benchFail("load %s: %s", zExt, zErr ? zErr : sqlite3_errmsg(db));
  }
  sqlite3_enable_load_extension(db, 0);
  if (sqlite3_prepare_v2(db, "SELECT richcheck_version()", -1, &pVer, 0) !=
          SQLITE_OK ||
      sqlite3_step(pVer) != SQLITE_ROW) {
    benchFail("richcheck_version(): %s", sqlite3_errmsg(db));
  }
  printf("richcheck bench: SQLite %s, richcheck %s, %s\n", sqlite3_libversion(),
         (const char *)sqlite3_column_text(pVer, 0), zExt);
  sqlite3_finalize(pVer);

  t0 = benchNow();
  for (i = 0; i < 2; i++)
    benchFill(db, i, nRow);
  benchVerify(db);
  printf("data: %ld rows per table, in memory, made and verified in %.1f s\n",
         nRow, benchNow() - t0);
  for (i = 0; i < 2; i++) {
    const BenchTable *p = &aTable[i];
    printf("  %-6s %lld rows: %s; %.1f chars, %.1f bytes, %.1f graphemes "
           "per row\n",
           p->zName, p->nRow, p->zTitle, (double)p->nChar / (double)p->nRow,
           (double)p->nByte / (double)p->nRow,
           (double)p->nGrapheme / (double)p->nRow);
  }
  printf("timing: %ld rounds, each running baseline and candidate back to "
         "back in\n",
         nRound);
  printf("  alternating order; process CPU time; medians of the times and of "
         "the\n");
  printf("  per-round ratios candidate/baseline.  Each query is SELECT "
         "sum(EXPR)\n");
  printf("  FROM table; the baseline EXPR is SQLite's length(x).\n\n");
  printf("%-6s %-28s %9s %9s %8s %8s  %s\n", "table", "candidate", "base ms",
         "cand ms", "ratio", "target", "result");

  t0 = benchNow();
  for (i = 0; i < BENCH_NCASE; i++) {
    if (aCase[i].rTarget > 0) nTarget++;
    nMiss += benchCase(db, &aCase[i], (int)nRound);
  }
  printf("\n%d of %d targets met (informational; targets are for %ld rows), "
         "timed in %.1f s\n",
         nTarget - nMiss, nTarget, nRow, benchNow() - t0);
  if (nMiss) printf("MISS: %d length_check target(s) not met\n", nMiss);
  sqlite3_close(db);
  return 0;
}
