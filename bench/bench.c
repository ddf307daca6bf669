/*
** bench.c - speed of richcheck's length and email families against SQLite's
** built-in length(), a PCRE regex and python-email-validator, measured side
** by side in one run and printed as ratios.
**
**     make bench                                  (builds and runs it)
**     build/bench build/richcheck.so [--quick]
**     BENCH_ROWS=200000 BENCH_ROUNDS=5 build/bench build/richcheck.so
**     BENCH_ONLY=rules build/bench build/richcheck.so   (inserts, scanner)
**     BENCH_ONLY=email,graphemes build/bench build/richcheck.so  (groups)
**     bench/insns.sh build/bench build/richcheck.so [email]  (callgrind)
**
** One in-memory database, one connection, the extension loaded from the
** path in argv[1], sqlite3-pcre (REGEXP) from BENCH_PCRE and the test-only
** helper (rctest_noop, the floor) from beside the extension or
** BENCH_RCTEST.  Tables of BENCH_ROWS rows (1,000,000 by default) are
** generated from fixed seeds by bench/gen.c: "ascii" (names, emails and
** handles of 5..40 characters), "mixed" (accented Latin, Greek, Cyrillic,
** CJK and emoji), "email" (typical addresses, a few percent invalid, a
** small share of Unicode), "emailbad" (15% invalid), "emailuni" (every
** address with Unicode), the grapheme sets "gascii", "glatin" (NFD),
** "gcjk" and "gemoji", money, and the families of issue 16 (INTEGER, REAL
** and decimal TEXT numbers, dates, datetimes, times, UUIDs, every row
** valid, so that sum(*_check(x)) equal to the row count proves no row
** raised).  The generator keeps the exact totals of characters, bytes and
** grapheme clusters (by construction) and knows the verdict of every
** address by default (python-email-validator 2.x, strict) and by the HTML5
** rule; every query result is checked against them, before timing and on
** every timed run, and every address's verdict is checked row by row
** before timing: a broken function is never measured.
**
** Every comparison runs in two forms, "SELECT sum(EXPR) FROM t" and
** "SELECT count(*) FROM t WHERE EXPR" (what a CHECK or a filter does),
** each with a baseline EXPR (length(x), the PCRE regex, date()...) and a
** candidate EXPR.  Each round runs them back to back, in alternating order,
** timed in process CPU time (a preempted query is not charged for the
** wait); the table gives the median time of each and the median of the
** per-round ratios candidate/baseline, and the "no-op" column divides a
** ratio by that of its table's rctest_noop(x) line.  The ratios are of
** whole queries (scan + function calls), as a user sees them.
** python-email-validator runs in a child process over the first
** BENCH_PY_ROWS addresses (bench/email_py.py), timed inside Python, and is
** compared per address with email_valid over the same rows.  Targets are
** informational: a MISS is printed, the exit code stays 0.  Exit code 1
** means the benchmark could not run or a result was wrong.
**
** --quick: 100,000 rows, 5 rounds and 5,000 Python addresses (BENCH_ROWS,
** BENCH_ROUNDS and BENCH_PY_ROWS still win).
*/
#define _POSIX_C_SOURCE 200809L

#include "gen.h"

#include <sqlite3.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_DEFAULT_ROWS 1000000
#define BENCH_QUICK_ROWS 100000
#define BENCH_DEFAULT_ROUNDS 9
#define BENCH_QUICK_ROUNDS 5
#define BENCH_MAX_ROUNDS 51
#define BENCH_DEFAULT_PY_ROWS 20000
#define BENCH_QUICK_PY_ROWS 5000
#define BENCH_PY_PASSES 3
#define BENCH_PY_TARGET 100.0

#define BENCH_DEFAULT_PCRE "/usr/lib/sqlite3/pcre.so"
#define BENCH_DEFAULT_PYTHON "/usr/bin/python3"
#define BENCH_DEFAULT_EMAIL_PY "bench/email_py.py"

/*
** The WHATWG HTML rule for <input type=email>, the regex given by the HTML
** Living Standard, as an SQL string literal (' doubled).  "$" is written
** "\z": in PCRE "$" also matches before a final newline, which the
** JavaScript regex does not.
*/
#define BENCH_HTML5_REGEX                                                      \
  "'^[a-zA-Z0-9.!#$%&''*+\\/=?^_`{|}~-]+@[a-zA-Z0-9]"                          \
  "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"                                         \
  "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\\z'"
#define BENCH_REGEXP "x REGEXP " BENCH_HTML5_REGEX
/* The text form of a UUID, for the pattern family against sqlite3-pcre on
** the same rows (pattern_check anchors it itself). */
#define BENCH_UUID_RE                                                          \
  "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{"   \
  "12}"
#define BENCH_UUID_REGEXP "x REGEXP '^" BENCH_UUID_RE "\\z'"
#define BENCH_UUID_PATTERN "pattern_check(x,'" BENCH_UUID_RE "')"

/* What a query's sum must equal, from the generator's totals. */
typedef enum BenchExpect {
  BENCH_EXPECT_ROWS,
  BENCH_EXPECT_CHARS,
  BENCH_EXPECT_BYTES,
  BENCH_EXPECT_GRAPHEMES,
  BENCH_EXPECT_EMAIL, /* valid by default (python-email-validator 2.x) */
  BENCH_EXPECT_HTML5, /* valid by the WHATWG HTML rule */
  BENCH_EXPECT_GLOB,  /* matching GLOB '*?@?*.?*' */
  BENCH_EXPECT_CENTS, /* the sum of the amounts, in cents */
  BENCH_EXPECT_COUNT  /* the table's own count (numint: values in 1..100) */
} BenchExpect;

typedef struct BenchTable BenchTable;
struct BenchTable {
  const char *zName;       /* SQL table name */
  const char *zTitle;      /* what is in it */
  const char *zGroup;      /* its lines' group, for BENCH_ONLY (benchGroup) */
  sqlite3_int64 nRow;      /* rows inserted */
  sqlite3_int64 nChar;     /* Unicode scalar values, all rows */
  sqlite3_int64 nByte;     /* UTF-8 bytes, all rows */
  sqlite3_int64 nGrapheme; /* extended grapheme clusters, all rows */
  sqlite3_int64 nEmail;    /* rows valid by default */
  sqlite3_int64 nHtml5;    /* rows valid by the HTML5 rule */
  sqlite3_int64 nGlob;     /* rows matching GLOB '*?@?*.?*' */
  sqlite3_int64 nNonAscii; /* rows with a non-ASCII character */
  sqlite3_int64 nCents;    /* money: the sum of the amounts, in cents */
  sqlite3_int64 nCount;    /* what BENCH_EXPECT_COUNT counts, if anything */
};

typedef struct BenchCase BenchCase;
struct BenchCase {
  int iTable;            /* index in aTable */
  const char *zLabel;    /* printed name of the candidate */
  const char *zBaseName; /* printed name of the baseline */
  const char *zBase;     /* baseline expression */
  BenchExpect eBase;     /* what sum(zBase) must be */
  const char *zCand;     /* candidate expression */
  BenchExpect eCand;     /* what sum(zCand) must be */
  double rTarget;        /* maximum median ratio, or 0 for none */
  int bStrict;           /* the ratio must be below rTarget, not equal */
  int bBoth;             /* the target holds in the WHERE form too */
};

/* The median times of one comparison, in seconds, and its median ratio:
** [0] the sum() form, [1] the WHERE form (bWhere). */
typedef struct BenchResult BenchResult;
struct BenchResult {
  double aBase[2];
  double aCand[2];
  double aRatio[2];
  int bWhere;
};

#define BENCH_ASCII 0
#define BENCH_MIXED 1
#define BENCH_EMAIL 2
#define BENCH_EMAIL_PY 3
#define BENCH_MONEY 4
/* The families of issue 16, one value a row in x, every row valid. */
#define BENCH_NUMINT 5
#define BENCH_NUMREAL 6
#define BENCH_NUMTEXT 7
#define BENCH_DATE 8
#define BENCH_DATETIME 9
#define BENCH_TIME 10
#define BENCH_UUID 11
#define BENCH_FAMILY_FIRST BENCH_NUMINT
#define BENCH_FAMILY_LAST BENCH_UUID
/* Issue 18: more email sets, and grapheme clusters script by script. */
#define BENCH_EMAILBAD 12
#define BENCH_EMAILUNI 13
#define BENCH_GASCII 14
#define BENCH_GLATIN 15
#define BENCH_GCJK 16
#define BENCH_GEMOJI 17
#define BENCH_NTABLE 18

/* Designated: the totals start at 0. */
#define BENCH_TABLE(NAME, TITLE, GROUP)                                        \
  { .zName = NAME, .zTitle = TITLE, .zGroup = GROUP }

static BenchTable aTable[BENCH_NTABLE] = {
    BENCH_TABLE("ascii", "ASCII names, emails, handles", "length"),
    BENCH_TABLE("mixed", "accented Latin, Greek, Cyrillic, CJK, emoji",
                "length"),
    BENCH_TABLE("email", "typical email addresses", "email"),
    BENCH_TABLE("emailpy",
                "the first rows of email, given to python-email-validator",
                "email"),
    BENCH_TABLE("money", "USD amounts as canonical TEXT (x) and INTEGER cents",
                "money"),
    BENCH_TABLE("numint", "INTEGER quantities and ids, 1 to 1,000,000",
                "families"),
    BENCH_TABLE("numreal", "REAL prices, 0.01 to 9,999.99", "families"),
    BENCH_TABLE("numtext", "the same prices as decimal TEXT ('12.25')",
                "families"),
    BENCH_TABLE("date", "dates YYYY-MM-DD, 1940 to 2026", "families"),
    BENCH_TABLE("dtime", "datetimes, SQLite's and RFC 3339 forms", "families"),
    BENCH_TABLE("time", "times hh:mm:ss[.sss][Z|+hh:mm]", "families"),
    BENCH_TABLE("uuid", "UUIDs: version 4, some 7, 2% upper case", "families"),
    BENCH_TABLE("emailbad", "typical addresses, 15% invalid", "email"),
    BENCH_TABLE("emailuni", "addresses with Unicode: local parts, IDN domains",
                "email"),
    BENCH_TABLE("gascii", "ASCII prose, a CRLF in 1 row of 8", "graphemes"),
    BENCH_TABLE("glatin", "Latin in NFD: letters and combining marks",
                "graphemes"),
    BENCH_TABLE("gcjk", "Han, kana, Hangul (some in jamo), CJK punctuation",
                "graphemes"),
    BENCH_TABLE("gemoji", "text with emoji: ZWJ sequences, skin tones, flags",
                "graphemes"),
};

#define BENCH_LEN "length(x)"
/* The floor: a function registered like richcheck's that returns 1
** (test/rctest.c); each table's first line, the "no-op" column's divisor. */
#define BENCH_NOOP "rctest_noop(x)"
#define BENCH_NOOP_LABEL "rctest_noop(x) (the floor)"
/* Whole queries (benchPrepare takes a SELECT as it is; no WHERE form). */
#define BENCH_SUM_CENTS "SELECT sum(cents) FROM money"
#define BENCH_MONEY_SUM                                                        \
  "SELECT money_minor(money_sum(x,'USD'),'USD') FROM money"
#define BENCH_PCRE_NAME "pcre html5"
#define BENCH_NOTNULL "x IS NOT NULL"
#define BENCH_SCAN "scan only: x IS NOT NULL"
#define BENCH_GRAPHEMES "length_count(x,'graphemes')"
/* A line against length(x): table, candidate, expected sum, target. */
#define BENCH_VS_LEN(T, EXPR, EXPECT, TARGET)                                  \
  {                                                                            \
    T, EXPR, BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS, EXPR, EXPECT, TARGET,   \
        0, 0                                                                   \
  }
#define BENCH_FLOOR(T)                                                         \
  {                                                                            \
    T, BENCH_NOOP_LABEL, BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS, BENCH_NOOP, \
        BENCH_EXPECT_ROWS, 0, 0, 0                                             \
  }
#define BENCH_SCAN_LINE(T)                                                     \
  {                                                                            \
    T, BENCH_SCAN, BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS, BENCH_NOTNULL,    \
        BENCH_EXPECT_ROWS, 0, 0, 0                                             \
  }

static const BenchCase aCase[] = {
    BENCH_FLOOR(0),
    {0, "length_check(x,0,1000)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "length_check(x,0,1000)", BENCH_EXPECT_ROWS, 1.2, 0, 0},
    BENCH_VS_LEN(0, "length_count(x)", BENCH_EXPECT_CHARS, 0),
    BENCH_VS_LEN(0, "length_valid(x,0,1000)", BENCH_EXPECT_ROWS, 0),
    BENCH_VS_LEN(0, "length_count(x,'bytes')", BENCH_EXPECT_BYTES, 0),
    BENCH_VS_LEN(0, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 1.3),
    BENCH_SCAN_LINE(0),
    BENCH_FLOOR(1),
    BENCH_VS_LEN(1, "length_check(x,0,1000)", BENCH_EXPECT_ROWS, 1.5),
    BENCH_VS_LEN(1, "length_count(x)", BENCH_EXPECT_CHARS, 0),
    BENCH_VS_LEN(1, "length_valid(x,0,1000)", BENCH_EXPECT_ROWS, 0),
    BENCH_VS_LEN(1, "length_count(x,'bytes')", BENCH_EXPECT_BYTES, 0),
    BENCH_VS_LEN(1, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 0),
    BENCH_SCAN_LINE(1),
    BENCH_FLOOR(2),
    {2, "email_valid(x)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "email_valid(x)", BENCH_EXPECT_EMAIL, 1.2, 0, 1},
    BENCH_VS_LEN(2, "email_valid(x,'html5')", BENCH_EXPECT_HTML5, 1.3),
    {2, "x REGEXP <html5> (pcre)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     BENCH_REGEXP, BENCH_EXPECT_HTML5, 0, 0, 0},
    {2, "x GLOB '*?@?*.?*' (wrong)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "x GLOB '*?@?*.?*'", BENCH_EXPECT_GLOB, 0, 0, 0},
    BENCH_SCAN_LINE(2),
    {2, "email_valid(x)", BENCH_PCRE_NAME, BENCH_REGEXP, BENCH_EXPECT_HTML5,
     "email_valid(x)", BENCH_EXPECT_EMAIL, 1.0, 1, 0},
    {2, "email_valid(x,'html5')", BENCH_PCRE_NAME, BENCH_REGEXP,
     BENCH_EXPECT_HTML5, "email_valid(x,'html5')", BENCH_EXPECT_HTML5, 1.0, 1,
     0},
    {2, "pattern_valid(x,<html5>)", BENCH_PCRE_NAME, BENCH_REGEXP,
     BENCH_EXPECT_HTML5, "pattern_valid(x," BENCH_HTML5_REGEX ")",
     BENCH_EXPECT_HTML5, 1.0, 1, 0},
    /* issue 18: 15% invalid, and every address with Unicode */
    BENCH_FLOOR(BENCH_EMAILBAD),
    BENCH_VS_LEN(BENCH_EMAILBAD, "email_valid(x)", BENCH_EXPECT_EMAIL, 1.5),
    BENCH_VS_LEN(BENCH_EMAILBAD, "email_valid(x,'html5')", BENCH_EXPECT_HTML5,
                 0),
    BENCH_SCAN_LINE(BENCH_EMAILBAD),
    BENCH_FLOOR(BENCH_EMAILUNI),
    BENCH_VS_LEN(BENCH_EMAILUNI, "email_valid(x)", BENCH_EXPECT_EMAIL, 3.0),
    BENCH_VS_LEN(BENCH_EMAILUNI, "email_valid(x,'html5')", BENCH_EXPECT_HTML5,
                 0),
    BENCH_SCAN_LINE(BENCH_EMAILUNI),
    BENCH_FLOOR(4),
    {4, "money_check(x,'USD')", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "money_check(x,'USD')", BENCH_EXPECT_ROWS, 1.5, 0, 0},
    BENCH_VS_LEN(4, "money_valid(x,'USD')", BENCH_EXPECT_ROWS, 0),
    BENCH_VS_LEN(4, "money_minor(x,'USD')", BENCH_EXPECT_CENTS, 0),
    BENCH_SCAN_LINE(4),
    {4, "money_sum(x,'USD')", "sum(cents)", BENCH_SUM_CENTS, BENCH_EXPECT_CENTS,
     BENCH_MONEY_SUM, BENCH_EXPECT_CENTS, 1.3, 0, 0},
    /* issue 18: grapheme clusters, script by script */
    BENCH_FLOOR(BENCH_GASCII),
    BENCH_VS_LEN(BENCH_GASCII, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 1.3),
    BENCH_SCAN_LINE(BENCH_GASCII),
    BENCH_FLOOR(BENCH_GLATIN),
    BENCH_VS_LEN(BENCH_GLATIN, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 3.0),
    BENCH_SCAN_LINE(BENCH_GLATIN),
    BENCH_FLOOR(BENCH_GCJK),
    BENCH_VS_LEN(BENCH_GCJK, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 3.0),
    BENCH_SCAN_LINE(BENCH_GCJK),
    BENCH_FLOOR(BENCH_GEMOJI),
    BENCH_VS_LEN(BENCH_GEMOJI, BENCH_GRAPHEMES, BENCH_EXPECT_GRAPHEMES, 3.0),
    BENCH_SCAN_LINE(BENCH_GEMOJI),
    /* the families of issue 16 (BENCH_ONLY=families runs these alone) */
    BENCH_FLOOR(5),
    BENCH_VS_LEN(5, "number_check(x,0,1000000)", BENCH_EXPECT_ROWS, 1.3),
    BENCH_VS_LEN(5, "number_valid(x,1,100)", BENCH_EXPECT_COUNT, 0),
    BENCH_VS_LEN(5, "x BETWEEN 0 AND 1000000", BENCH_EXPECT_ROWS, 0),
    BENCH_SCAN_LINE(5),
    BENCH_FLOOR(6),
    BENCH_VS_LEN(6, "number_check(x,0,10000)", BENCH_EXPECT_ROWS, 0),
    {6, "number_check(..,'scale=2')", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "number_check(x,0,10000,'scale=2')", BENCH_EXPECT_ROWS, 0, 0, 0},
    BENCH_VS_LEN(6, "x BETWEEN 0 AND 10000", BENCH_EXPECT_ROWS, 0),
    BENCH_SCAN_LINE(6),
    BENCH_FLOOR(7),
    BENCH_VS_LEN(7, "number_check(x,0,10000)", BENCH_EXPECT_ROWS, 1.3),
    {7, "number_check(..,'scale=2')", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     "number_check(x,0,10000,'scale=2')", BENCH_EXPECT_ROWS, 0, 0, 0},
    BENCH_SCAN_LINE(7),
    BENCH_FLOOR(8),
    BENCH_VS_LEN(8, "date_check(x)", BENCH_EXPECT_ROWS, 1.3),
    BENCH_VS_LEN(8, "date(x) IS NOT NULL", BENCH_EXPECT_ROWS, 0),
    BENCH_SCAN_LINE(8),
    {8, "date_check(x)", "date()", "date(x) IS NOT NULL", BENCH_EXPECT_ROWS,
     "date_check(x)", BENCH_EXPECT_ROWS, 1.0, 1, 0},
    BENCH_FLOOR(9),
    BENCH_VS_LEN(9, "datetime_check(x)", BENCH_EXPECT_ROWS, 1.3),
    BENCH_VS_LEN(9, "datetime(x) IS NOT NULL", BENCH_EXPECT_ROWS, 0),
    BENCH_SCAN_LINE(9),
    {9, "datetime_check(x)", "datetime()", "datetime(x) IS NOT NULL",
     BENCH_EXPECT_ROWS, "datetime_check(x)", BENCH_EXPECT_ROWS, 1.0, 1, 0},
    BENCH_FLOOR(10),
    BENCH_VS_LEN(10, "time_check(x)", BENCH_EXPECT_ROWS, 0),
    BENCH_VS_LEN(10, "time(x) IS NOT NULL", BENCH_EXPECT_ROWS, 0),
    {10, "time_check(x)", "time()", "time(x) IS NOT NULL", BENCH_EXPECT_ROWS,
     "time_check(x)", BENCH_EXPECT_ROWS, 0, 0, 0},
    /* only when uuid_check is registered (benchHasUuid) */
    BENCH_FLOOR(11),
    BENCH_VS_LEN(11, "uuid_check(x)", BENCH_EXPECT_ROWS, 1.3),
    BENCH_SCAN_LINE(11),
    /* the pattern family: its own line, and against sqlite3-pcre */
    {11, "pattern_check(x,<uuid>)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     BENCH_UUID_PATTERN, BENCH_EXPECT_ROWS, 0, 0, 0},
    {11, "x REGEXP <uuid> (pcre)", BENCH_LEN, BENCH_LEN, BENCH_EXPECT_CHARS,
     BENCH_UUID_REGEXP, BENCH_EXPECT_ROWS, 0, 0, 0},
    {11, "pattern_check(x,<uuid>)", "pcre uuid", BENCH_UUID_REGEXP,
     BENCH_EXPECT_ROWS, BENCH_UUID_PATTERN, BENCH_EXPECT_ROWS, 1.0, 1, 0},
};

#define BENCH_NCASE ((int)(sizeof(aCase) / sizeof(aCase[0])))

/* The python-email-validator subset, timed against the same rows. */
static const BenchCase benchPyCase = {BENCH_EMAIL_PY,
                                      "email_valid(x)",
                                      BENCH_LEN,
                                      BENCH_LEN,
                                      BENCH_EXPECT_CHARS,
                                      "email_valid(x)",
                                      BENCH_EXPECT_EMAIL,
                                      0,
                                      0,
                                      0};

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

/* Is table iTable one of addresses, with verdicts to check row by row? */
static int benchIsEmail(int iTable) {
  return iTable == BENCH_EMAIL || iTable == BENCH_EMAILBAD ||
         iTable == BENCH_EMAILUNI;
}

/* One generated row of table iTable (a text table: not money, not a
** family). */
static void benchTextRow(int iTable, BenchRow *p) {
  int nWant =
      BENCH_MIN_CHARS + (int)benchPick(BENCH_MAX_CHARS - BENCH_MIN_CHARS + 1);
  switch (iTable) {
  case BENCH_ASCII: benchAsciiRow(p, nWant); break;
  case BENCH_MIXED: benchMixedRow(p, nWant); break;
  case BENCH_EMAIL: benchEmailRow(p); break;
  case BENCH_EMAILBAD: benchEmailBadRow(p); break;
  case BENCH_EMAILUNI: benchEmailUniRow(p); break;
  case BENCH_GASCII: benchGraphemeAsciiRow(p, nWant); break;
  case BENCH_GLATIN: benchGraphemeLatinRow(p, nWant); break;
  case BENCH_GCJK: benchGraphemeCjkRow(p, nWant); break;
  default: benchGraphemeEmojiRow(p, nWant); break;
  }
}

/*
** Fills table iTable with nRow generated rows, keeping the totals.  The
** tables of addresses also get NAME_truth(ok, html5), the verdicts by
** rowid; email also the totals of its first aTable[BENCH_EMAIL_PY].nRow
** rows.
*/
static void benchFill(sqlite3 *db, int iTable, sqlite3_int64 nRow) {
  BenchTable *pTab = &aTable[iTable];
  BenchTable *pSub = iTable == BENCH_EMAIL ? &aTable[BENCH_EMAIL_PY] : 0;
  sqlite3_stmt *pIns = 0, *pTruth = 0;
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
  if (benchIsEmail(iTable)) {
    zSql = sqlite3_mprintf("CREATE TABLE %s_truth(ok INT, html5 INT)",
                           pTab->zName);
    if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) {
      benchFail("%s_truth: %s", pTab->zName, sqlite3_errmsg(db));
    }
    sqlite3_free(zSql);
    zSql = sqlite3_mprintf("INSERT INTO %s_truth VALUES(?1, ?2)", pTab->zName);
    if (sqlite3_prepare_v2(db, zSql, -1, &pTruth, 0) != SQLITE_OK) {
      benchFail("%s_truth: %s", pTab->zName, sqlite3_errmsg(db));
    }
    sqlite3_free(zSql);
  }

  benchRandState = (uint64_t)0x5EED0000 + (uint64_t)iTable;
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  for (i = 0; i < nRow; i++) {
    benchTextRow(iTable, &row);
    sqlite3_bind_text(pIns, 1, row.z, row.nByte, SQLITE_STATIC);
    if (sqlite3_step(pIns) != SQLITE_DONE) {
      benchFail("insert: %s", sqlite3_errmsg(db));
    }
    sqlite3_reset(pIns);
    pTab->nChar += row.nChar;
    pTab->nByte += row.nByte;
    pTab->nGrapheme += row.nGrapheme;
    if (pTruth) {
      int bGlob = benchGlob(row.z, row.nByte);
      int bNonAscii = row.nChar != row.nByte;
      sqlite3_bind_int(pTruth, 1, row.bEmail);
      sqlite3_bind_int(pTruth, 2, row.bHtml5);
      if (sqlite3_step(pTruth) != SQLITE_DONE) {
        benchFail("%s_truth: %s", pTab->zName, sqlite3_errmsg(db));
      }
      sqlite3_reset(pTruth);
      pTab->nEmail += row.bEmail;
      pTab->nHtml5 += row.bHtml5;
      pTab->nGlob += bGlob;
      pTab->nNonAscii += bNonAscii;
      if (pSub && i < pSub->nRow) {
        pSub->nChar += row.nChar;
        pSub->nByte += row.nByte;
        pSub->nGrapheme += row.nGrapheme;
        pSub->nEmail += row.bEmail;
        pSub->nHtml5 += row.bHtml5;
        pSub->nGlob += bGlob;
        pSub->nNonAscii += bNonAscii;
      }
    }
  }
  if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
    benchFail("commit: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pIns);
  sqlite3_finalize(pTruth);
  pTab->nRow = nRow;
  if (pSub) {
    zSql = sqlite3_mprintf("CREATE TABLE %s AS SELECT x FROM email "
                           "WHERE rowid <= %lld ORDER BY rowid",
                           pSub->zName, pSub->nRow);
    rc = sqlite3_exec(db, zSql, 0, 0, 0);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) benchFail("%s: %s", pSub->zName, sqlite3_errmsg(db));
  }
}

/*
** The money table: amounts in USD as canonical text, and the same amounts
** as INTEGER cents.  Of every 100 rows, about 70 are under $100, 25 up to
** $100,000 and 5 are refunds (negative).
*/
static void benchFillMoney(sqlite3 *db, sqlite3_int64 nRow) {
  BenchTable *pTab = &aTable[BENCH_MONEY];
  sqlite3_stmt *pIns = 0;
  sqlite3_int64 i;
  char zText[32];

  if (sqlite3_exec(db, "CREATE TABLE money(x TEXT, cents INTEGER)", 0, 0, 0) !=
          SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT INTO money VALUES(?1, ?2)", -1, &pIns,
                         0) != SQLITE_OK) {
    benchFail("money: %s", sqlite3_errmsg(db));
  }
  benchRandState = (uint64_t)0x5EED0000 + BENCH_MONEY;
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  for (i = 0; i < nRow; i++) {
    unsigned k = benchPick(100);
    sqlite3_int64 c = k < 70   ? 1 + (sqlite3_int64)benchPick(9999)
                      : k < 95 ? 10000 + (sqlite3_int64)benchPick(9990000)
                               : -1 - (sqlite3_int64)benchPick(99999);
    sqlite3_int64 a = c < 0 ? -c : c;
    int n = snprintf(zText, sizeof(zText), "%s%lld.%02lld", c < 0 ? "-" : "",
                     a / 100, a % 100);
    sqlite3_bind_text(pIns, 1, zText, n, SQLITE_TRANSIENT);
    sqlite3_bind_int64(pIns, 2, c);
    if (sqlite3_step(pIns) != SQLITE_DONE) {
      benchFail("money: %s", sqlite3_errmsg(db));
    }
    sqlite3_reset(pIns);
    pTab->nChar += n;
    pTab->nByte += n;
    pTab->nCents += c;
  }
  if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
    benchFail("commit: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pIns);
  pTab->nRow = nRow;
}

/*
** Fills family table iTable with nRow rows from a fixed seed, keeping the
** totals; numint also counts its values in 1..100 (BENCH_EXPECT_COUNT).
*/
static void benchFillFamily(sqlite3 *db, int iTable, sqlite3_int64 nRow) {
  BenchTable *pTab = &aTable[iTable];
  sqlite3_stmt *pIns = 0;
  BenchRow row;
  sqlite3_int64 i, iVal = 0;
  double rVal = 0;
  int eType;
  char *zSql = sqlite3_mprintf("CREATE TABLE %s(x %s)", pTab->zName,
                               iTable == BENCH_NUMINT    ? "INTEGER"
                               : iTable == BENCH_NUMREAL ? "REAL"
                                                         : "TEXT");
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) {
    benchFail("create %s: %s", pTab->zName, sqlite3_errmsg(db));
  }
  sqlite3_free(zSql);
  zSql = sqlite3_mprintf("INSERT INTO %s(x) VALUES(?1)", pTab->zName);
  if (sqlite3_prepare_v2(db, zSql, -1, &pIns, 0) != SQLITE_OK) {
    benchFail("insert %s: %s", pTab->zName, sqlite3_errmsg(db));
  }
  sqlite3_free(zSql);
  benchRandState = (uint64_t)0x5EED0000 + (uint64_t)iTable;
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  for (i = 0; i < nRow; i++) {
    benchFamilyRow(iTable - BENCH_FAMILY_FIRST, &row, &eType, &iVal, &rVal);
    if (eType == SQLITE_INTEGER) {
      sqlite3_bind_int64(pIns, 1, iVal);
      pTab->nCount += iVal >= 1 && iVal <= 100;
    } else if (eType == SQLITE_FLOAT) {
      sqlite3_bind_double(pIns, 1, rVal);
    } else {
      sqlite3_bind_text(pIns, 1, row.z, row.nByte, SQLITE_STATIC);
    }
    if (sqlite3_step(pIns) != SQLITE_DONE) {
      benchFail("insert %s: %s", pTab->zName, sqlite3_errmsg(db));
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

/*
** What query e must return: in the sum() form (bWhere 0) the total, in the
** WHERE form the count of rows where the expression is true, which for
** the counts and amounts (never 0 in these tables) is every row.
*/
static sqlite3_int64 benchExpected(const BenchTable *pTab, BenchExpect e,
                                   int bWhere) {
  switch (e) {
  case BENCH_EXPECT_ROWS: return pTab->nRow;
  case BENCH_EXPECT_CHARS: return bWhere ? pTab->nRow : pTab->nChar;
  case BENCH_EXPECT_BYTES: return bWhere ? pTab->nRow : pTab->nByte;
  case BENCH_EXPECT_EMAIL: return pTab->nEmail;
  case BENCH_EXPECT_HTML5: return pTab->nHtml5;
  case BENCH_EXPECT_GLOB: return pTab->nGlob;
  case BENCH_EXPECT_CENTS: return bWhere ? pTab->nRow : pTab->nCents;
  case BENCH_EXPECT_COUNT: return pTab->nCount;
  default: return bWhere ? pTab->nRow : pTab->nGrapheme;
  }
}

/* The query of zExpr: a whole SELECT as it is, else "SELECT sum(EXPR)", or
** with bWhere "SELECT count(*) ... WHERE EXPR" (what a CHECK or a filter
** does). */
static char *benchSql(const BenchTable *pTab, const char *zExpr, int bWhere) {
  char *zSql =
      strncmp(zExpr, "SELECT ", 7) == 0 ? sqlite3_mprintf("%s", zExpr)
      : bWhere ? sqlite3_mprintf("SELECT count(*) FROM %s WHERE %s",
                                 pTab->zName, zExpr)
               : sqlite3_mprintf("SELECT sum(%s) FROM %s", zExpr, pTab->zName);
  if (zSql == 0) benchFail("out of memory");
  return zSql;
}

static sqlite3_stmt *benchPrepare(sqlite3 *db, const BenchTable *pTab,
                                  const char *zExpr, int bWhere) {
  sqlite3_stmt *pStmt = 0;
  char *zSql = benchSql(pTab, zExpr, bWhere);
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

/* Fails unless zSql compiles: the function it calls exists. */
static void benchMustHave(sqlite3 *db, const char *zSql, const char *zWhy) {
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) {
    benchFail("%s: %s; %s", zSql, sqlite3_errmsg(db), zWhy);
  }
  sqlite3_finalize(pStmt);
}

/* Prints z for a message: in double quotes, controls as \xNN. */
static void benchPrintQuoted(FILE *out, const char *z) {
  fputc('"', out);
  for (; z && *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
      fprintf(out, "\\x%02X", c);
    } else {
      fputc(c, out);
    }
  }
  fputc('"', out);
}

/*
** Compares, row by row, the verdicts of email_valid(x), email_valid(x,
** 'html5') and the PCRE regex with those the generator knows.  Prints the
** first disagreements, with email_error(x), and fails if there is any: the
** sums checked on every timed run would only say that something is off.
*/
static void benchVerifyEmail(sqlite3 *db, int iTable) {
  static const char *const azWho[] = {
      "email_valid(x) (python-email-validator 2.x, strict)",
      "email_valid(x,'html5')",
      "the PCRE HTML5 regex",
  };
  sqlite3_stmt *pStmt = 0, *pWhy = 0;
  sqlite3_int64 aBad[3] = {0, 0, 0};
  int nShown = 0, i, rc;

  char *zSql =
      sqlite3_mprintf("SELECT e.rowid, e.x, t.ok, t.html5, email_valid(e.x),"
                      " email_valid(e.x,'html5'), %s FROM %s e JOIN %s_truth t"
                      " ON t.rowid = e.rowid",
                      BENCH_REGEXP, aTable[iTable].zName, aTable[iTable].zName);

  fflush(stdout);
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(
        db, "SELECT email_error(?1), email_error(?1, 'html5')", -1, &pWhy, 0);
  }
  if (rc != SQLITE_OK) benchFail("verify email: %s", sqlite3_errmsg(db));
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    int bOk = sqlite3_column_int(pStmt, 2);
    int bHtml5 = sqlite3_column_int(pStmt, 3);
    int aWant[3], aGot[3], bShow = 0;
    aWant[0] = bOk;
    aWant[1] = aWant[2] = bHtml5;
    for (i = 0; i < 3; i++) {
      aGot[i] = sqlite3_column_int(pStmt, 4 + i);
      if (sqlite3_column_type(pStmt, 4 + i) != SQLITE_INTEGER ||
          aGot[i] != aWant[i]) {
        aBad[i]++;
        bShow = 1;
      }
    }
    if (bShow && nShown++ < 12) {
      const char *zErr = 0, *zErr5 = 0;
      sqlite3_bind_value(pWhy, 1, sqlite3_column_value(pStmt, 1));
      if (sqlite3_step(pWhy) == SQLITE_ROW) {
        zErr = (const char *)sqlite3_column_text(pWhy, 0);
        zErr5 = (const char *)sqlite3_column_text(pWhy, 1);
      }
      fprintf(stderr, "  %s row %lld ", aTable[iTable].zName,
              sqlite3_column_int64(pStmt, 0));
      benchPrintQuoted(stderr, (const char *)sqlite3_column_text(pStmt, 1));
      fprintf(stderr,
              "\n    default: expected %d, email_valid %d (%s)\n"
              "    html5:   expected %d, email_valid %d (%s), pcre %d\n",
              bOk, aGot[0], zErr ? zErr : "no error", bHtml5, aGot[1],
              zErr5 ? zErr5 : "no error", aGot[2]);
      sqlite3_reset(pWhy);
    }
  }
  if (rc != SQLITE_DONE) benchFail("verify email: %s", sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  sqlite3_finalize(pWhy);
  if (aBad[2] > 0) {
    benchFail("the PCRE HTML5 regex disagrees with the generator's HTML5 "
              "verdicts on %lld rows (above): the generator is wrong, not "
              "benchmarking",
              aBad[2]);
  }
  if (aBad[0] > 0 || aBad[1] > 0) {
    for (i = 0; i < 2; i++) {
      if (aBad[i] > 0) {
        fprintf(stderr, "bench: %s: %lld wrong verdicts%s\n", azWho[i], aBad[i],
                i == 1 ? " (the PCRE regex agrees with the expected)" : "");
      }
    }
    benchFail("email_valid gives wrong verdicts (rows above): the function "
              "is broken, not benchmarking it");
  }
}

/* Which parts run: the first ones, the families of issue 16, and uuid. */
/*
** The groups of lines BENCH_ONLY can name.  A line is in its table's group,
** except that every length_count(x,'graphemes') line is in "graphemes".
*/
static const char *const azBenchGroup[] = {"length", "email", "money",
                                           "graphemes", "families"};
#define BENCH_NGROUP 5

/* Which parts run (from BENCH_ONLY: benchParseOnly). */
typedef struct BenchParts BenchParts;
struct BenchParts {
  int aGroup[BENCH_NGROUP]; /* the groups of lines that run */
  int bRules;               /* the inserts and the scanner */
  int bInsertOnly;          /* rules-insert: the inserts alone, once */
  int bAll;                 /* the whole bench: Python and decimal_sum too */
  int bInsns;               /* GROUP-insns: each query once, for callgrind */
  int bUuid;                /* uuid: only when the build has uuid_check */
  int aTable[BENCH_NTABLE]; /* the tables to make */
};

static int benchGroup(const BenchCase *p) {
  const char *zGroup = strcmp(p->zCand, BENCH_GRAPHEMES) == 0
                           ? "graphemes"
                           : aTable[p->iTable].zGroup;
  int i;
  for (i = 0; i < BENCH_NGROUP; i++) {
    if (strcmp(zGroup, azBenchGroup[i]) == 0) return i;
  }
  benchFail("%s: no group %s", aTable[p->iTable].zName, zGroup);
  return 0;
}

static int benchCaseOn(const BenchCase *p, const BenchParts *pParts) {
  if (p->iTable == BENCH_UUID && !pParts->bUuid) return 0;
  return pParts->aGroup[benchGroup(p)];
}

/* Is group zName (of azBenchGroup) on? */
static int benchGroupOn(const BenchParts *pParts, const char *zName) {
  int i;
  for (i = 0; i < BENCH_NGROUP; i++) {
    if (strcmp(zName, azBenchGroup[i]) == 0) return pParts->aGroup[i];
  }
  return 0;
}

/*
** BENCH_ONLY: empty (everything), "rules", "rules-insert", or groups of
** lines, comma-separated ("lines" is every group), with "-insns" after
** them for bench/insns.sh.
*/
static void benchParseOnly(const char *zOnly, BenchParts *pParts) {
  char zBuf[128];
  char *z, *zNext;
  size_t n = strlen(zOnly);
  int i;
  memset(pParts, 0, sizeof(*pParts));
  if (zOnly[0] == 0) {
    for (i = 0; i < BENCH_NGROUP; i++)
      pParts->aGroup[i] = 1;
    pParts->bRules = pParts->bAll = 1;
    return;
  }
  if (strcmp(zOnly, "rules") == 0 || strcmp(zOnly, "rules-insert") == 0) {
    pParts->bRules = 1;
    pParts->bInsertOnly = zOnly[5] != 0;
    return;
  }
  if (n >= sizeof(zBuf)) benchFail("BENCH_ONLY=%s: too long", zOnly);
  memcpy(zBuf, zOnly, n + 1);
  if (n > 6 && strcmp(zBuf + n - 6, "-insns") == 0) {
    pParts->bInsns = 1;
    zBuf[n - 6] = 0;
  }
  for (z = zBuf; z; z = zNext) {
    int bFound = 0;
    zNext = strchr(z, ',');
    if (zNext) *zNext++ = 0;
    for (i = 0; i < BENCH_NGROUP; i++) {
      if (strcmp(z, "lines") == 0 || strcmp(z, azBenchGroup[i]) == 0) {
        pParts->aGroup[i] = bFound = 1;
      }
    }
    if (!bFound) {
      benchFail("BENCH_ONLY=%s: expected rules, rules-insert, or groups of "
                "lines (length, email, money, graphemes, families, or lines "
                "for all), comma-separated, -insns after them for callgrind",
                zOnly);
    }
  }
}

/* The tables the parts read. */
static void benchPartsTables(BenchParts *pParts) {
  int i;
  for (i = 0; i < BENCH_NCASE; i++) {
    if (benchCaseOn(&aCase[i], pParts)) pParts->aTable[aCase[i].iTable] = 1;
  }
  if (pParts->bRules || pParts->bAll) {
    pParts->aTable[BENCH_ASCII] = pParts->aTable[BENCH_EMAIL] = 1;
    pParts->aTable[BENCH_MONEY] = 1;
  }
  pParts->aTable[BENCH_EMAIL_PY] = 0; /* made with email */
}

/* Does line p have a WHERE form (it is not a whole SELECT)? */
static int benchHasWhere(const BenchCase *p) {
  return strncmp(p->zBase, "SELECT ", 7) != 0 &&
         strncmp(p->zCand, "SELECT ", 7) != 0;
}

/*
** Runs every query once, untimed, in both forms: results must match, and
** checks must bite.  (Under bInsns each query checks its own result.)
*/
static void benchVerify(sqlite3 *db, const BenchParts *pParts) {
  int i, f;
  for (i = 0; i < BENCH_NTABLE; i++) {
    if (pParts->aTable[i] && benchIsEmail(i)) benchVerifyEmail(db, i);
  }
  for (i = 0; i < BENCH_NCASE && !pParts->bInsns; i++) {
    const BenchCase *p = &aCase[i];
    const BenchTable *pTab = &aTable[p->iTable];
    if (!benchCaseOn(p, pParts)) continue;
    for (f = 0; f <= benchHasWhere(p); f++) {
      sqlite3_stmt *pBase = benchPrepare(db, pTab, p->zBase, f);
      sqlite3_stmt *pCand = benchPrepare(db, pTab, p->zCand, f);
      benchRun(db, pBase, benchExpected(pTab, p->eBase, f));
      benchRun(db, pCand, benchExpected(pTab, p->eCand, f));
      sqlite3_finalize(pBase);
      sqlite3_finalize(pCand);
    }
  }
  if (benchGroupOn(pParts, "families")) {
    /* the values SQLite's own functions let in, and the bounds */
    benchMustFail(db, "SELECT date_check('2024-02-30')");
    benchMustFail(db, "SELECT date_check('2023-02-29')");
    benchMustFail(db, "SELECT datetime_check('2024-02-29 24:00:00')");
    benchMustFail(db, "SELECT datetime_check('2024-02-29T12:00:00+19:00')");
    benchMustFail(db, "SELECT time_check('12:60:00')");
    benchMustFail(db, "SELECT sum(date_check(x || 'x')) FROM date");
    benchMustFail(db, "SELECT number_check('9007199254740993', 0, "
                      "9007199254740992)");
    benchMustFail(db, "SELECT number_check('12,3', 0, 100)");
    benchMustFail(db, "SELECT number_check(12.345, 0, 100, 'scale=2')");
    benchMustFail(db, "SELECT sum(number_check(x, 1, 100)) FROM numint");
    benchMustFail(db, "SELECT sum(number_check(x, 0, 100)) FROM numtext");
    benchMustFail(db, "SELECT sum(number_check(x, 1, 10000)) FROM numreal");
  }
  if (benchGroupOn(pParts, "families") && pParts->bUuid) {
    benchMustFail(db, "SELECT uuid_check('f81d4fae-7dec-41d0-c765-"
                      "00a0c91e6bf6')");
    benchMustFail(db, "SELECT uuid_check('{f81d4fae-7dec-41d0-a765-"
                      "00a0c91e6bf6}')");
  }
  if (pParts->aTable[BENCH_ASCII] && pParts->aTable[BENCH_MIXED]) {
    benchMustFail(db, "SELECT length_check('abcd', 0, 3)");
    benchMustFail(db, "SELECT length_check('ab', 3, 10)");
    benchMustFail(db, "SELECT sum(length_check(x, 0, 4)) FROM ascii");
    benchMustFail(db, "SELECT sum(length_check(x, 0, 4)) FROM mixed");
    benchMustFail(db, "SELECT length_check(CAST(x'C0AF' AS TEXT), 0, 9)");
  }
  if (pParts->aTable[BENCH_EMAIL]) {
    benchMustFail(db, "SELECT email_check('bob@@example.com')");
    benchMustFail(db, "SELECT email_valid('a@b.com', 'no-such-flag')");
  }
  if (pParts->aTable[BENCH_MONEY]) {
    benchMustFail(db, "SELECT money_check('1.234', 'USD')");
    benchMustFail(db, "SELECT money_check(0.1 + 0.2, 'USD')");
    benchMustFail(db, "SELECT money_sum(x, 'JPY') FROM money");
  }
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

/*
** Prints one line of the table: the sum() form's block, the WHERE form's,
** the target and the verdict; absent figures as "".
*/
static void benchLine(const char *zTab, const char *zLabel, const char *zBase,
                      const char *zBaseMs, const char *zCandMs,
                      const char *zRatio, const char *zNoop,
                      const char *zWhereMs, const char *zWhereRatio,
                      const char *zWhereNoop, const char *zTarget,
                      const char *zVerdict) {
  printf("%-8s %-28s %-10s %8s %8s %8s %6s | %8s %8s %6s | %7s%s%s\n", zTab,
         zLabel, zBase, zBaseMs, zCandMs, zRatio, zNoop, zWhereMs, zWhereRatio,
         zWhereNoop, zTarget, zVerdict[0] ? "  " : "", zVerdict);
  fflush(stdout);
}

/* The table's header. */
static void benchHeader(void) {
  printf("%-49s %-35s   %-24s\n", "", "----- SELECT sum(EXPR) FROM t -----",
         "-- count(*) WHERE EXPR --");
  benchLine("table", "candidate", "baseline", "base ms", "cand ms", "ratio",
            "no-op", "cand ms", "ratio", "no-op", "target", "result");
}

/* "%.1f" of r into z (BENCH_FIG bytes). */
#define BENCH_FIG 24
static const char *benchFig(char *z, const char *zFormat, double r) {
  snprintf(z, BENCH_FIG, zFormat, r);
  return z;
}

/* Each table's no-op line's ratios to length(x), this run, by form: the
** "no-op" column is a line's ratio divided by its table's. */
static double aBenchFloor[BENCH_NTABLE][2];

/* A line with one form (the shell, inserts, scans): times in seconds, a
** negative base for none, and its ratio or rate already written. */
static void benchOneLine(const char *zTab, const char *zLabel,
                         const char *zBase, double rBase, double rCand,
                         const char *zRatio, const char *zTarget,
                         const char *zVerdict) {
  char zB[BENCH_FIG], zC[BENCH_FIG];
  benchLine(zTab, zLabel, zBase,
            rBase < 0 ? "" : benchFig(zB, "%.1f", rBase * 1e3),
            benchFig(zC, "%.1f", rCand * 1e3), zRatio, "", "", "", "", zTarget,
            zVerdict);
}

/* How many targets line p has: one per form it holds in. */
static int benchCaseTargets(const BenchCase *p) {
  if (p->rTarget <= 0) return 0;
  return 1 + (p->bBoth && benchHasWhere(p));
}

/*
** Times one comparison over nRound rounds, in the sum() form and (unless
** it is a whole SELECT) the WHERE form; returns its MISSes.
*/
static int benchCase(sqlite3 *db, const BenchCase *p, int nRound,
                     BenchResult *pRes) {
  const BenchTable *pTab = &aTable[p->iTable];
  int nForm = 1 + benchHasWhere(p);
  int bFloor = strcmp(p->zCand, BENCH_NOOP) == 0;
  int bVsLen = strcmp(p->zBase, BENCH_LEN) == 0;
  sqlite3_stmt *apBase[2] = {0, 0}, *apCand[2] = {0, 0};
  sqlite3_int64 aiBase[2] = {0, 0}, aiCand[2] = {0, 0};
  double aBase[2][BENCH_MAX_ROUNDS], aCand[2][BENCH_MAX_ROUNDS];
  double aRatio[2][BENCH_MAX_ROUNDS];
  char azFig[8][BENCH_FIG], zTarget[16];
  const char *azNoop[2] = {"-", "-"};
  const char *zVerdict = "";
  int aMiss[2] = {0, 0};
  int i, j, f;

  memset(pRes, 0, sizeof(*pRes));
  for (f = 0; f < nForm; f++) {
    apBase[f] = benchPrepare(db, pTab, p->zBase, f);
    apCand[f] = benchPrepare(db, pTab, p->zCand, f);
    aiBase[f] = benchExpected(pTab, p->eBase, f);
    aiCand[f] = benchExpected(pTab, p->eCand, f);
    /* One untimed run of each warms the caches and the branch predictors. */
    benchRun(db, apBase[f], aiBase[f]);
    benchRun(db, apCand[f], aiCand[f]);
  }
  for (i = 0; i < nRound; i++) {
    for (j = 0; j < nForm; j++) {
      f = i % 2 ? nForm - 1 - j : j; /* the forms, and in them the */
      if ((i + f) % 2 == 0) {        /* queries, take turns going first */
        aBase[f][i] = benchRun(db, apBase[f], aiBase[f]);
        aCand[f][i] = benchRun(db, apCand[f], aiCand[f]);
      } else {
        aCand[f][i] = benchRun(db, apCand[f], aiCand[f]);
        aBase[f][i] = benchRun(db, apBase[f], aiBase[f]);
      }
      aRatio[f][i] = aCand[f][i] / aBase[f][i];
    }
  }
  pRes->bWhere = nForm == 2;
  for (f = 0; f < nForm; f++) {
    sqlite3_finalize(apBase[f]);
    sqlite3_finalize(apCand[f]);
    pRes->aBase[f] = benchMedian(aBase[f], nRound);
    pRes->aCand[f] = benchMedian(aCand[f], nRound);
    pRes->aRatio[f] = benchMedian(aRatio[f], nRound);
    if (bFloor && bVsLen) {
      aBenchFloor[p->iTable][f] = pRes->aRatio[f];
    } else if (bVsLen && aBenchFloor[p->iTable][f] > 0) {
      azNoop[f] = benchFig(azFig[6 + f], "%.2fx",
                           pRes->aRatio[f] / aBenchFloor[p->iTable][f]);
    }
    if (p->rTarget > 0 && (f == 0 || p->bBoth)) {
      double r = pRes->aRatio[f];
      aMiss[f] = p->bStrict ? r >= p->rTarget : r > p->rTarget;
    }
  }
  if (p->rTarget > 0) {
    snprintf(zTarget, sizeof(zTarget), "%s%.2fx",
             p->bStrict ? "<" : "<=", p->rTarget);
    zVerdict = aMiss[0] && aMiss[1] ? "MISS both"
               : aMiss[0]           ? (p->bBoth ? "MISS sum" : "MISS")
               : aMiss[1]           ? "MISS where"
               : p->bBoth           ? "PASS both"
                                    : "PASS";
  } else {
    snprintf(zTarget, sizeof(zTarget), "-");
  }
  benchLine(pTab->zName, p->zLabel, p->zBaseName,
            benchFig(azFig[0], "%.1f", pRes->aBase[0] * 1e3),
            benchFig(azFig[1], "%.1f", pRes->aCand[0] * 1e3),
            benchFig(azFig[2], "%.2fx", pRes->aRatio[0]), azNoop[0],
            nForm == 2 ? benchFig(azFig[3], "%.1f", pRes->aCand[1] * 1e3) : "",
            nForm == 2 ? benchFig(azFig[4], "%.2fx", pRes->aRatio[1]) : "",
            nForm == 2 ? azNoop[1] : "", zTarget, zVerdict);
  return aMiss[0] + aMiss[1];
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

/* Environment variable zName, or zDefault when it is unset or empty. */
static const char *benchEnvStr(const char *zName, const char *zDefault) {
  const char *z = getenv(zName);
  return z && z[0] ? z : zDefault;
}

/************************** python-email-validator **************************/

/* What bench/email_py.py reported. */
typedef struct BenchPy BenchPy;
struct BenchPy {
  char zVersion[64];             /* "email-validator 1.3.0, Python 3.11.2" */
  long nAddr;                    /* addresses it read */
  long nValid;                   /* of them valid */
  long nWrong;                   /* verdicts different from the generator's */
  double aPass[BENCH_PY_PASSES]; /* CPU seconds of each timed pass */
  int nPass;
};

/*
** Writes the first aTable[BENCH_EMAIL_PY].nRow addresses, each with its
** expected verdict ("1\taddress\n"), to a temporary file, runs
** bench/email_py.py on it and reads its report.
*/
static void benchPython(sqlite3 *db, BenchPy *pPy) {
  const char *zPython = benchEnvStr("BENCH_PYTHON", BENCH_DEFAULT_PYTHON);
  const char *zScript = benchEnvStr("BENCH_EMAIL_PY", BENCH_DEFAULT_EMAIL_PY);
  const char *zTmpDir = benchEnvStr("TMPDIR", "/tmp");
  char zFile[512], zLine[1024];
  char *zCmd;
  sqlite3_stmt *pStmt = 0;
  FILE *pOut, *pIn;
  int fd, rc, nShown = 0;

  if (strchr(zPython, '\'') || strchr(zScript, '\'') || strchr(zTmpDir, '\'')) {
    benchFail("BENCH_PYTHON, BENCH_EMAIL_PY and TMPDIR must not hold a '");
  }
  snprintf(zFile, sizeof(zFile), "%s/richcheck-bench-XXXXXX", zTmpDir);
  fd = mkstemp(zFile);
  if (fd < 0 || (pOut = fdopen(fd, "w")) == 0) {
    benchFail("cannot create %s", zFile);
  }
  rc = sqlite3_prepare_v2(db,
                          "SELECT t.ok, e.x FROM emailpy e JOIN email_truth t"
                          " ON t.rowid = e.rowid ORDER BY e.rowid",
                          -1, &pStmt, 0);
  if (rc != SQLITE_OK) benchFail("emailpy: %s", sqlite3_errmsg(db));
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    fprintf(pOut, "%d\t%s\n", sqlite3_column_int(pStmt, 0),
            (const char *)sqlite3_column_text(pStmt, 1));
  }
  sqlite3_finalize(pStmt);
  if (fclose(pOut) != 0) benchFail("cannot write %s", zFile);

  zCmd = sqlite3_mprintf("'%s' '%s' '%s' %d", zPython, zScript, zFile,
                         BENCH_PY_PASSES);
  fflush(stdout);
  pIn = popen(zCmd, "r");
  if (pIn == 0) benchFail("cannot run %s", zCmd);
  memset(pPy, 0, sizeof(*pPy));
  pPy->nAddr = -1;
  while (fgets(zLine, sizeof(zLine), pIn)) {
    double r;
    if (strncmp(zLine, "version ", 8) == 0) {
      snprintf(pPy->zVersion, sizeof(pPy->zVersion), "%.63s", zLine + 8);
      pPy->zVersion[strcspn(pPy->zVersion, "\n")] = 0;
    } else if (sscanf(zLine, "addresses %ld valid %ld wrong %ld", &pPy->nAddr,
                      &pPy->nValid, &pPy->nWrong) == 3) {
    } else if (sscanf(zLine, "pass %lf", &r) == 1 &&
               pPy->nPass < BENCH_PY_PASSES) {
      pPy->aPass[pPy->nPass++] = r;
    } else if (strncmp(zLine, "wrong ", 6) == 0 && nShown++ < 12) {
      fprintf(stderr, "  %s", zLine);
    }
  }
  rc = pclose(pIn);
  unlink(zFile);
  if (rc != 0 || pPy->nAddr < 0 || pPy->nPass != BENCH_PY_PASSES) {
    benchFail("%s failed (exit status %d): python-email-validator is the "
              "Debian package python3-email-validator",
              zCmd, WIFEXITED(rc) ? WEXITSTATUS(rc) : rc);
  }
  sqlite3_free(zCmd);
  if (pPy->nAddr != aTable[BENCH_EMAIL_PY].nRow) {
    benchFail("python-email-validator read %ld addresses, %lld were written",
              pPy->nAddr, aTable[BENCH_EMAIL_PY].nRow);
  }
  if (pPy->nWrong != 0) {
    benchFail("python-email-validator disagrees with the generator on %ld "
              "of %ld addresses (above: expected verdict, address): the "
              "generator is wrong, not benchmarking",
              pPy->nWrong, pPy->nAddr);
  }
}

/*
** The Python comparison: python-email-validator's time per address against
** email_valid's on the same rows (and on all rows), same run.  Returns 1 for
** a MISS.
*/
static int benchPythonCompare(sqlite3 *db, int nRound,
                              const BenchResult *pAll) {
  const BenchTable *pSub = &aTable[BENCH_EMAIL_PY];
  const BenchTable *pEmail = &aTable[BENCH_EMAIL];
  BenchPy py;
  BenchResult res;
  double rPy, rSub, rAll, rRatio;
  int bMiss;

  benchCase(db, &benchPyCase, nRound, &res);
  benchPython(db, &py);
  rPy = benchMedian(py.aPass, py.nPass) / (double)py.nAddr;
  rSub = res.aCand[0] / (double)pSub->nRow;
  rAll = pAll->aCand[0] / (double)pEmail->nRow;
  rRatio = rPy / rSub;
  bMiss = rRatio < BENCH_PY_TARGET;
  printf("\npython-email-validator (%s), validate_email(x, "
         "check_deliverability=False),\n",
         py.zVersion);
  printf("  in a child process over the first %lld addresses (%ld valid, as "
         "expected),\n",
         pSub->nRow, py.nValid);
  printf("  median of %d passes, process CPU time taken inside Python:\n",
         py.nPass);
  printf("  %-44s %10.3f us per address\n", "python-email-validator",
         rPy * 1e6);
  printf("  %-44s %10.3f us per address\n",
         "email_valid(x), same rows (whole query)", rSub * 1e6);
  printf("  %-44s %10.3f us per address\n",
         "email_valid(x), all email rows (whole query)", rAll * 1e6);
  printf("  %-44s %9.0fx  >=%.0fx  %s\n",
         "python-email-validator / email_valid(x)", rRatio, BENCH_PY_TARGET,
         bMiss ? "MISS" : "PASS");
  return bMiss;
}

/*
** money_sum against decimal_sum, which only the sqlite3 shell has (it is
** built into shell.c, not into libsqlite3): the money table is copied to a
** file, and one shell process loads richcheck and runs the two queries
** nRound times in alternating order under .timer (user + sys CPU time).
** Both must give the same total.  Returns 1 for a MISS.
*/
static int benchDecimalSum(sqlite3 *db, const char *zExt, int nRound) {
  const char *zShell = benchEnvStr("BENCH_SQLITE3", "sqlite3");
  const char *zTmpDir = benchEnvStr("TMPDIR", "/tmp");
  static const char *const azQuery[] = {
      "SELECT money_sum(x, 'USD') FROM money;",
      "SELECT decimal_sum(x) FROM money;"};
  double aTime[2][BENCH_MAX_ROUNDS], aRatio[BENCH_MAX_ROUNDS], rRatio;
  char zFig[BENCH_FIG];
  char zDb[512], zScript[512], zLine[256], zResult[2][256] = {"", ""};
  char *zSql, *zCmd;
  FILE *pScript = 0, *pOut;
  int i, k, fd, nTime = 0, nResult = 0, bMiss;

  if (strchr(zShell, '\'') || strchr(zTmpDir, '\'') || strchr(zExt, '\'')) {
    benchFail("BENCH_SQLITE3, TMPDIR and the extension path must not hold a '");
  }
  snprintf(zDb, sizeof(zDb), "%s/richcheck-bench-db-XXXXXX", zTmpDir);
  snprintf(zScript, sizeof(zScript), "%s/richcheck-bench-sql-XXXXXX", zTmpDir);
  if ((fd = mkstemp(zDb)) < 0) benchFail("mkstemp %s", zDb);
  close(fd);
  unlink(zDb);
  zSql = sqlite3_mprintf("ATTACH '%q' AS f; CREATE TABLE f.money AS SELECT x "
                         "FROM money; DETACH f;",
                         zDb);
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) {
    benchFail("copy money to %s: %s", zDb, sqlite3_errmsg(db));
  }
  sqlite3_free(zSql);
  if ((fd = mkstemp(zScript)) < 0 || (pScript = fdopen(fd, "w")) == 0) {
    benchFail("mkstemp %s", zScript);
  }
  fprintf(pScript, ".load '%s'\n.timer on\n%s\n%s\n", zExt, azQuery[0],
          azQuery[1]); /* one untimed-in-effect warm-up pair */
  for (i = 0; i < nRound; i++) {
    fprintf(pScript, "%s\n%s\n", azQuery[i % 2], azQuery[1 - i % 2]);
  }
  fclose(pScript);
  zCmd = sqlite3_mprintf("'%s' -batch '%s' < '%s' 2>&1", zShell, zDb, zScript);
  pOut = popen(zCmd, "r");
  if (pOut == 0) benchFail("cannot run %s", zCmd);
  /* Lines alternate: a result, then "Run Time: real R user U sys S". */
  while (fgets(zLine, sizeof(zLine), pOut)) {
    double rReal, rUser, rSys;
    zLine[strcspn(zLine, "\n")] = 0;
    if (sscanf(zLine, "Run Time: real %lf user %lf sys %lf", &rReal, &rUser,
               &rSys) == 3) {
      int iPair = (nTime - 2) / 2, bSecond = nTime % 2;
      /* round iPair ran azQuery[iPair % 2] first */
      if (nTime >= 2 && iPair < nRound) {
        aTime[bSecond ? 1 - iPair % 2 : iPair % 2][iPair] = rUser + rSys;
      }
      nTime++;
    } else if (nResult < 2) {
      snprintf(zResult[nResult++], sizeof(zResult[0]), "%s", zLine);
    } else if (strcmp(zLine, zResult[0]) != 0) {
      benchFail("decimal_sum comparison: unexpected output: %s", zLine);
    }
  }
  k = pclose(pOut);
  unlink(zDb);
  unlink(zScript);
  if (k != 0 || nTime != 2 + 2 * nRound) {
    benchFail("%s: exit %d, %d timings (the sqlite3 shell, with decimal_sum, "
              "is the Debian package sqlite3; or set BENCH_SQLITE3)",
              zCmd, k, nTime);
  }
  sqlite3_free(zCmd);
  if (strcmp(zResult[0], zResult[1]) != 0) {
    benchFail("money_sum gave %s, decimal_sum %s", zResult[0], zResult[1]);
  }
  for (i = 0; i < nRound; i++)
    aRatio[i] = aTime[0][i] / aTime[1][i];
  rRatio = benchMedian(aRatio, nRound);
  bMiss = rRatio >= 1.0;
  benchOneLine("money", "money_sum(x,'USD') (shell)", "decimal_sum",
               benchMedian(aTime[1], nRound), benchMedian(aTime[0], nRound),
               benchFig(zFig, "%.2fx", rRatio), "<1.00x",
               bMiss ? "MISS" : "PASS");
  printf("        (both in one sqlite3 shell process, .timer user+sys; total "
         "%s)\n",
         zResult[0]);
  return bMiss;
}

/****************************** declared rules ******************************/

/* The ways a table can check email, name and amount. */
#define BENCH_RULES_NONE 0     /* not at all */
#define BENCH_RULES_CHECK 1    /* CHECK constraints of the family functions */
#define BENCH_RULES_DECLARED 2 /* declared rules of the kind 'check' */
#define BENCH_RULES_TRIGGER 3  /* declared rules as triggers (the default) */
#define BENCH_RULES_N 4
/* The targets of the inserts with rules of the kind 'check': to no checks
** (issue 18: 1.4x, was 1.6x) and to the same checks as CHECK constraints. */
#define BENCH_RULES_VS_NONE 1.4
#define BENCH_RULES_VS_CHECK 1.15

static void benchExec(sqlite3 *db, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    benchFail("%s: %s", zSql, zErr ? zErr : sqlite3_errmsg(db));
  }
}

/* The rows to insert, held in memory so that only the inserts are timed. */
typedef struct BenchSrc BenchSrc;
struct BenchSrc {
  sqlite3_int64 nRow;
  char **azCell; /* nRow * 3 texts: email, name, amount */
};

/* The table of each way, and how many rows go into one before the next. */
static const char *const azBenchDst[BENCH_RULES_N] = {"dst_none", "dst_check",
                                                      "dst_rules", "dst_trig"};
#define BENCH_RULES_CHUNK 4096

/* Makes the table of eKind afresh: no checks, CHECK constraints, or the
** same checks as declared rules of either kind. */
static void benchDstMake(sqlite3 *db, int eKind) {
  const char *zDst = azBenchDst[eKind];
  char *zSql = sqlite3_mprintf("DROP TABLE IF EXISTS %s", zDst);
  benchExec(db, zSql);
  sqlite3_free(zSql);
  if (eKind == BENCH_RULES_CHECK) {
    zSql = sqlite3_mprintf(
        "CREATE TABLE %s(email TEXT CHECK (email_check(email, '%s.email')), "
        "name TEXT CHECK (length_check(name, 1, 50, '%s.name')), amount TEXT "
        "CHECK (money_check(amount, 'USD', '%s.amount', 0)))",
        zDst, zDst, zDst, zDst);
  } else {
    zSql = sqlite3_mprintf("CREATE TABLE %s(email TEXT, name TEXT, amount "
                           "TEXT)",
                           zDst);
  }
  benchExec(db, zSql);
  sqlite3_free(zSql);
  if (eKind == BENCH_RULES_DECLARED || eKind == BENCH_RULES_TRIGGER) {
    const char *zOpt = eKind == BENCH_RULES_DECLARED ? ", 'check'" : "";
    zSql =
        sqlite3_mprintf("SELECT richcheck_add_rule('%s', 'email', 'email'%s), "
                        "richcheck_add_rule('%s', 'name', 'length(1, 50)'%s), "
                        "richcheck_add_rule('%s', 'amount', 'money(USD, 0)'%s)",
                        zDst, zOpt, zDst, zOpt, zDst, zOpt);
    benchExec(db, zSql);
    sqlite3_free(zSql);
  }
}

/* Inserts rows [iStart, iEnd) of pSrc with pIns; eKind names the table. */
static void benchInsertRows(sqlite3 *db, sqlite3_stmt *pIns, int eKind,
                            const BenchSrc *pSrc, sqlite3_int64 iStart,
                            sqlite3_int64 iEnd) {
  sqlite3_int64 i;
  int n;
  for (i = iStart; i < iEnd; i++) {
    for (n = 0; n < 3; n++) {
      sqlite3_bind_text(pIns, n + 1, pSrc->azCell[i * 3 + n], -1,
                        SQLITE_STATIC);
    }
    if (sqlite3_step(pIns) != SQLITE_DONE) {
      benchFail("insert into %s: %s", azBenchDst[eKind], sqlite3_errmsg(db));
    }
    sqlite3_reset(pIns);
  }
}

/* Each way's inserts through a function of its own, so that callgrind can
** count each way's instructions apart (bench/insns.sh reads their inclusive
** costs); the different eKind keeps the compiler from merging them. */
#define BENCH_INSERT_WAY(NAME, KIND)                                           \
  __attribute__((noinline)) static void NAME(                                  \
      sqlite3 *db, sqlite3_stmt *pIns, const BenchSrc *pSrc,                   \
      sqlite3_int64 iStart, sqlite3_int64 iEnd) {                              \
    benchInsertRows(db, pIns, KIND, pSrc, iStart, iEnd);                       \
  }
BENCH_INSERT_WAY(benchInsertNone, BENCH_RULES_NONE)
BENCH_INSERT_WAY(benchInsertCheck, BENCH_RULES_CHECK)
BENCH_INSERT_WAY(benchInsertDeclared, BENCH_RULES_DECLARED)
BENCH_INSERT_WAY(benchInsertTrigger, BENCH_RULES_TRIGGER)

/*
** One round: makes the table of every way afresh (untimed), then inserts
** every row into each as an application does (one prepared INSERT a table,
** bound and stepped once per row, one transaction), BENCH_RULES_CHUNK rows
** into one table, then the same rows into the next, in an order that turns
** every chunk, so that a busy moment of the machine slows every way alike.
** Adds each way's time to aTime[].  Every row must go in.
*/
static void benchInsertRound(sqlite3 *db, const BenchSrc *pSrc, int iRound,
                             double *aTime) {
  static void (*const axInsert[BENCH_RULES_N])(
      sqlite3 *, sqlite3_stmt *, const BenchSrc *, sqlite3_int64,
      sqlite3_int64) = {benchInsertNone, benchInsertCheck, benchInsertDeclared,
                        benchInsertTrigger};
  sqlite3_stmt *apIns[BENCH_RULES_N];
  sqlite3_int64 iStart, iEnd;
  int j, k, c;
  /* All tables first: a rule rewrites its table's definition, and a
  ** statement prepared before would be prepared again in the timed loop. */
  for (k = 0; k < BENCH_RULES_N; k++)
    benchDstMake(db, k);
  for (k = 0; k < BENCH_RULES_N; k++) {
    char *zSql =
        sqlite3_mprintf("INSERT INTO %s VALUES (?1, ?2, ?3)", azBenchDst[k]);
    if (zSql == 0 ||
        sqlite3_prepare_v2(db, zSql, -1, &apIns[k], 0) != SQLITE_OK) {
      benchFail("%s: %s", azBenchDst[k], sqlite3_errmsg(db));
    }
    sqlite3_free(zSql);
  }
  benchExec(db, "BEGIN");
  for (iStart = 0, c = 0; iStart < pSrc->nRow; iStart = iEnd, c++) {
    iEnd = iStart + BENCH_RULES_CHUNK < pSrc->nRow ? iStart + BENCH_RULES_CHUNK
                                                   : pSrc->nRow;
    for (j = 0; j < BENCH_RULES_N; j++) {
      double t0 = benchCpu();
      k = (j + c + iRound) % BENCH_RULES_N;
      axInsert[k](db, apIns[k], pSrc, iStart, iEnd);
      aTime[k] += benchCpu() - t0;
    }
  }
  benchExec(db, "COMMIT");
  for (k = 0; k < BENCH_RULES_N; k++)
    sqlite3_finalize(apIns[k]);
}

/*
** Inserts with three declared rules against the same inserts with no
** checks and with CHECK constraints, and the scanner's speed per rule.
** Returns the number of MISSes.
*/
/*
** richcheck_add_constraint on the nSrc rows of src (issue 16: at scanner
** speed, >= 1M rows/s): the call, whose rows all keep the condition, then
** its drop (untimed); beside it, in the same rounds, the count of the rows
** that break the condition, which is the scan the call must make.
*/
static int benchAddConstraint(sqlite3 *db, sqlite3_int64 nSrc, int nRound) {
  static const char zCond[] = "length_valid(name, 1, 50)";
  double aAdd[BENCH_MAX_ROUNDS], aCount[BENCH_MAX_ROUNDS],
      aVs[BENCH_MAX_ROUNDS];
  char *zAdd = sqlite3_mprintf(
      "SELECT richcheck_add_constraint('src', 'name_ok', %Q)", zCond);
  char *zCount =
      sqlite3_mprintf("SELECT count(*) FROM src WHERE NOT (%s)", zCond);
  sqlite3_stmt *pAdd = 0, *pCount = 0;
  double rRate, rVs;
  char zFig[BENCH_FIG];
  int i;
  if (zAdd == 0 || zCount == 0) benchFail("out of memory");
  for (i = -1; i < nRound; i++) { /* round -1: warm-up, untimed */
    double t;
    /* (prepared anew: the call changes the schema) */
    if (sqlite3_prepare_v2(db, zAdd, -1, &pAdd, 0) != SQLITE_OK ||
        sqlite3_prepare_v2(db, zCount, -1, &pCount, 0) != SQLITE_OK) {
      benchFail("add_constraint: %s", sqlite3_errmsg(db));
    }
    t = benchRun(db, pAdd, 1);
    sqlite3_finalize(pAdd);
    benchExec(db, "SELECT richcheck_drop_constraint('src', 'name_ok')");
    if (i >= 0) {
      aAdd[i] = t;
      aCount[i] = benchRun(db, pCount, 0);
      aVs[i] = aAdd[i] / aCount[i];
    }
    sqlite3_finalize(pCount);
  }
  sqlite3_free(zAdd);
  sqlite3_free(zCount);
  rRate = (double)nSrc / benchMedian(aAdd, nRound);
  rVs = benchMedian(aVs, nRound);
  benchOneLine("src", "richcheck_add_constraint", "count NOT",
               benchMedian(aCount, nRound), benchMedian(aAdd, nRound),
               benchFig(zFig, "%.2fM/s", rRate / 1e6), ">=1M/s",
               rRate < 1e6 ? "MISS" : "PASS");
  printf("        (CHECK (%s) on %lld rows, every row keeps it; %.2fx the "
         "count of the rows\n         that break it, the scan it makes)\n",
         zCond, nSrc, rVs);
  return rRate < 1e6;
}

static int benchRules(sqlite3 *db, int nRound, int bInsertOnly) {
  static const char *const azRule[][2] = {{"email", "email"},
                                          {"name", "length(1, 50)"},
                                          {"amount", "money(USD, 0)"}};
  double aTime[BENCH_RULES_N][BENCH_MAX_ROUNDS], aVsNone[BENCH_MAX_ROUNDS],
      aVsCheck[BENCH_MAX_ROUNDS], aTrigVsNone[BENCH_MAX_ROUNDS],
      aTrigVsCheck[BENCH_MAX_ROUNDS];
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 nSrc;
  BenchSrc src;
  int i, k, nMiss = 0;
  double rNone, rCheck, rTrigNone, rTrigCheck;
  char zFig[BENCH_FIG], zTarget[BENCH_FIG];

  /* Valid rows only: an insert that fails would measure nothing. */
  benchExec(db, "CREATE TABLE src AS SELECT e.x AS email, a.x AS name, m.x AS "
                "amount FROM email e JOIN ascii a ON a.rowid = e.rowid JOIN "
                "money m ON m.rowid = e.rowid WHERE email_valid(e.x) AND "
                "m.cents >= 0");
  if (sqlite3_prepare_v2(db, "SELECT email, name, amount FROM src", -1, &pStmt,
                         0) != SQLITE_OK) {
    benchFail("src: %s", sqlite3_errmsg(db));
  }
  src.nRow = 0;
  src.azCell = 0;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    if (src.nRow % 65536 == 0) {
      src.azCell = (char **)realloc(src.azCell, sizeof(char *) * 3 *
                                                    (size_t)(src.nRow + 65536));
      if (src.azCell == 0) benchFail("out of memory");
    }
    for (k = 0; k < 3; k++) {
      const char *z = (const char *)sqlite3_column_text(pStmt, k);
      src.azCell[src.nRow * 3 + k] = strdup(z ? z : "");
    }
    src.nRow++;
  }
  sqlite3_finalize(pStmt);
  nSrc = src.nRow;
  for (i = -1; i < nRound; i++) { /* round -1: warm-up, untimed */
    double aRound[BENCH_RULES_N] = {0, 0, 0, 0};
    benchInsertRound(db, &src, i + 1, aRound);
    if (i < 0) continue;
    for (k = 0; k < BENCH_RULES_N; k++)
      aTime[k][i] = aRound[k];
    aVsNone[i] = aTime[BENCH_RULES_DECLARED][i] / aTime[BENCH_RULES_NONE][i];
    aVsCheck[i] = aTime[BENCH_RULES_DECLARED][i] / aTime[BENCH_RULES_CHECK][i];
    aTrigVsNone[i] = aTime[BENCH_RULES_TRIGGER][i] / aTime[BENCH_RULES_NONE][i];
    aTrigVsCheck[i] =
        aTime[BENCH_RULES_TRIGGER][i] / aTime[BENCH_RULES_CHECK][i];
  }
  benchExec(db, "DROP TABLE dst_none; DROP TABLE dst_check; "
                "DROP TABLE dst_rules; DROP TABLE dst_trig");
  for (i = 0; i < (int)src.nRow * 3; i++)
    free(src.azCell[i]);
  free(src.azCell);
  rNone = benchMedian(aVsNone, nRound);
  rCheck = benchMedian(aVsCheck, nRound);
  rTrigNone = benchMedian(aTrigVsNone, nRound);
  rTrigCheck = benchMedian(aTrigVsCheck, nRound);
  nMiss += rNone > BENCH_RULES_VS_NONE;
  nMiss += rCheck > BENCH_RULES_VS_CHECK;
  benchOneLine("src", "insert, 3 rules 'check'", "no checks",
               benchMedian(aTime[BENCH_RULES_NONE], nRound),
               benchMedian(aTime[BENCH_RULES_DECLARED], nRound),
               benchFig(zFig, "%.2fx", rNone),
               benchFig(zTarget, "<=%.2fx", BENCH_RULES_VS_NONE),
               rNone > BENCH_RULES_VS_NONE ? "MISS" : "PASS");
  benchOneLine("src", "insert, 3 rules 'check'", "3 CHECKs",
               benchMedian(aTime[BENCH_RULES_CHECK], nRound),
               benchMedian(aTime[BENCH_RULES_DECLARED], nRound),
               benchFig(zFig, "%.2fx", rCheck),
               benchFig(zTarget, "<=%.2fx", BENCH_RULES_VS_CHECK),
               rCheck > BENCH_RULES_VS_CHECK ? "MISS" : "PASS");
  benchOneLine("src", "insert, 3 rules (triggers)", "no checks",
               benchMedian(aTime[BENCH_RULES_NONE], nRound),
               benchMedian(aTime[BENCH_RULES_TRIGGER], nRound),
               benchFig(zFig, "%.2fx", rTrigNone), "-", "");
  benchOneLine("src", "insert, 3 rules (triggers)", "3 CHECKs",
               benchMedian(aTime[BENCH_RULES_CHECK], nRound),
               benchMedian(aTime[BENCH_RULES_TRIGGER], nRound),
               benchFig(zFig, "%.2fx", rTrigCheck), "-", "");
  printf("        (%lld rows of email, name, amount, each a bound INSERT, one "
         "transaction; the ways\n         take turns every %d rows; rules "
         "email, length(1, 50), money(USD, 0);\n         triggers cost a "
         "statement journal per INSERT: notes/rules-speed.md)\n",
         nSrc, BENCH_RULES_CHUNK);
  for (k = 0; k < 3 && !bInsertOnly; k++) {
    double aScan[BENCH_MAX_ROUNDS], rRate;
    char *zSql = sqlite3_mprintf(
        "SELECT count(*) FROM richcheck_violations('src', %Q, %Q)",
        azRule[k][0], azRule[k][1]);
    if (zSql == 0 || sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) {
      benchFail("%s: %s", zSql, sqlite3_errmsg(db));
    }
    for (i = 0; i < nRound; i++) {
      aScan[i] = benchRun(db, pStmt, 0);
    }
    sqlite3_finalize(pStmt);
    sqlite3_free(zSql);
    rRate = (double)nSrc / benchMedian(aScan, nRound);
    nMiss += rRate < 1e6;
    benchOneLine("src", "richcheck_violations", azRule[k][1], -1,
                 benchMedian(aScan, nRound),
                 benchFig(zFig, "%.2fM/s", rRate / 1e6), ">=1M/s",
                 rRate < 1e6 ? "MISS" : "PASS");
  }
  if (!bInsertOnly) nMiss += benchAddConstraint(db, nSrc, nRound);
  return nMiss;
}

/********************* the lines in instructions (insns.sh) ******************/

/*
** BENCH_ONLY=GROUP-insns: each distinct query of the group's lines, in
** both forms, runs once untimed, then once inside a function of its own,
** so that bench/insns.sh can read each one's inclusive instruction count
** from callgrind; the bench prints which query ran in which function
** ("insns-slot") and which queries make each line ("insns-case": the
** baseline, the candidate and the table's no-op, sum() form then WHERE
** form, -1 for none).  The store of N keeps the compiler from merging
** them.
*/
static volatile int benchInsnsSlotRan;
#define BENCH_INSNS_NSLOT 320
#define BENCH_INSNS_TEN(X, T)                                                  \
  X(T##0)                                                                      \
  X(T##1) X(T##2) X(T##3) X(T##4) X(T##5) X(T##6) X(T##7) X(T##8) X(T##9)
/* clang-format off */
#define BENCH_INSNS_SLOTS(X)                                                   \
  BENCH_INSNS_TEN(X, ) BENCH_INSNS_TEN(X, 1) BENCH_INSNS_TEN(X, 2)             \
  BENCH_INSNS_TEN(X, 3) BENCH_INSNS_TEN(X, 4) BENCH_INSNS_TEN(X, 5)            \
  BENCH_INSNS_TEN(X, 6) BENCH_INSNS_TEN(X, 7) BENCH_INSNS_TEN(X, 8)            \
  BENCH_INSNS_TEN(X, 9) BENCH_INSNS_TEN(X, 10) BENCH_INSNS_TEN(X, 11)          \
  BENCH_INSNS_TEN(X, 12) BENCH_INSNS_TEN(X, 13) BENCH_INSNS_TEN(X, 14)         \
  BENCH_INSNS_TEN(X, 15) BENCH_INSNS_TEN(X, 16) BENCH_INSNS_TEN(X, 17)         \
  BENCH_INSNS_TEN(X, 18) BENCH_INSNS_TEN(X, 19) BENCH_INSNS_TEN(X, 20)         \
  BENCH_INSNS_TEN(X, 21) BENCH_INSNS_TEN(X, 22) BENCH_INSNS_TEN(X, 23)         \
  BENCH_INSNS_TEN(X, 24) BENCH_INSNS_TEN(X, 25) BENCH_INSNS_TEN(X, 26)         \
  BENCH_INSNS_TEN(X, 27) BENCH_INSNS_TEN(X, 28) BENCH_INSNS_TEN(X, 29)         \
  BENCH_INSNS_TEN(X, 30) BENCH_INSNS_TEN(X, 31)
/* clang-format on */
#define BENCH_INSNS_SLOT_FN(N)                                                 \
  __attribute__((noinline)) static void benchInsnsSlot##N(                     \
      sqlite3 *db, sqlite3_stmt *pStmt, sqlite3_int64 iWant) {                 \
    benchInsnsSlotRan = N;                                                     \
    benchRun(db, pStmt, iWant);                                                \
  }
#define BENCH_INSNS_SLOT_PTR(N) benchInsnsSlot##N,
BENCH_INSNS_SLOTS(BENCH_INSNS_SLOT_FN)

/* The distinct queries, each with its slot. */
typedef struct BenchInsns BenchInsns;
struct BenchInsns {
  int nSlot;
  int aTab[BENCH_INSNS_NSLOT];
  char *azSql[BENCH_INSNS_NSLOT];
  sqlite3_int64 aWant[BENCH_INSNS_NSLOT];
};

/* The slot of zExpr's query in form bWhere on table iTable, added if new
** when bAdd. */
static int benchInsnsSlot(BenchInsns *p, int iTable, const char *zExpr,
                          BenchExpect e, int bWhere, int bAdd) {
  char *zSql = benchSql(&aTable[iTable], zExpr, bWhere);
  int j;
  for (j = 0; j < p->nSlot; j++) {
    if (strcmp(p->azSql[j], zSql) == 0) break;
  }
  if (j < p->nSlot || !bAdd) {
    sqlite3_free(zSql);
    return j < p->nSlot ? j : -1;
  }
  if (p->nSlot == BENCH_INSNS_NSLOT) benchFail("BENCH_INSNS_NSLOT is short");
  p->aTab[j] = iTable;
  p->azSql[j] = zSql;
  p->aWant[j] = benchExpected(&aTable[iTable], e, bWhere);
  p->nSlot++;
  return j;
}

static void benchInsnsLines(sqlite3 *db, const BenchParts *pParts) {
  static void (*const axSlot[BENCH_INSNS_NSLOT])(sqlite3 *, sqlite3_stmt *,
                                                 sqlite3_int64) = {
      BENCH_INSNS_SLOTS(BENCH_INSNS_SLOT_PTR)};
  BenchInsns ins;
  int i, j, f, bAdd;

  ins.nSlot = 0;
  for (bAdd = 1; bAdd >= 0; bAdd--) { /* the queries, then the lines */
    if (!bAdd) {
      for (j = 0; j < ins.nSlot; j++) {
        const BenchTable *pTab = &aTable[ins.aTab[j]];
        sqlite3_stmt *pStmt = 0;
        if (sqlite3_prepare_v2(db, ins.azSql[j], -1, &pStmt, 0) != SQLITE_OK) {
          benchFail("prepare %s: %s", ins.azSql[j], sqlite3_errmsg(db));
        }
        benchRun(db, pStmt, ins.aWant[j]); /* untimed, uncounted */
        axSlot[j](db, pStmt, ins.aWant[j]);
        sqlite3_finalize(pStmt);
        printf("insns-slot\t%d\t%lld\t%s\t%s\n", j, pTab->nRow, pTab->zName,
               ins.azSql[j]);
      }
    }
    for (i = 0; i < BENCH_NCASE; i++) {
      const BenchCase *p = &aCase[i];
      int aSlot[6] = {-1, -1, -1, -1, -1, -1};
      if (!benchCaseOn(p, pParts)) continue;
      for (f = 0; f <= benchHasWhere(p); f++) {
        aSlot[3 * f] =
            benchInsnsSlot(&ins, p->iTable, p->zBase, p->eBase, f, bAdd);
        aSlot[3 * f + 1] =
            benchInsnsSlot(&ins, p->iTable, p->zCand, p->eCand, f, bAdd);
        if (strcmp(p->zBase, BENCH_LEN) == 0) {
          aSlot[3 * f + 2] = benchInsnsSlot(&ins, p->iTable, BENCH_NOOP,
                                            BENCH_EXPECT_ROWS, f, bAdd);
        }
      }
      if (bAdd) continue;
      printf("insns-case\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.2f\t%d\t%d\n",
             aTable[p->iTable].zName, p->zLabel, p->zBaseName, aSlot[0],
             aSlot[1], aSlot[2], aSlot[3], aSlot[4], aSlot[5], p->rTarget,
             p->bStrict, p->bBoth);
    }
  }
  for (j = 0; j < ins.nSlot; j++)
    sqlite3_free(ins.azSql[j]);
}

/* BENCH_RCTEST, or rctest.so beside the extension (build/). */
static char *benchRctestPath(const char *zExt) {
  const char *zEnv = getenv("BENCH_RCTEST");
  const char *zSlash = strrchr(zExt, '/');
  if (zEnv && zEnv[0]) return sqlite3_mprintf("%s", zEnv);
  if (zSlash == 0) return sqlite3_mprintf("./rctest.so");
  return sqlite3_mprintf("%.*s/rctest.so", (int)(zSlash - zExt), zExt);
}

/* Prints what is in each table this run made. */
static void benchPrintTables(void) {
  int i;
  for (i = 0; i < BENCH_NTABLE; i++) {
    const BenchTable *p = &aTable[i];
    double n = (double)p->nRow;
    if (p->nRow == 0) continue; /* not in this run */
    if (benchIsEmail(i) || i == BENCH_EMAIL_PY) {
      printf("  %-8s %lld rows: %s; %.1f chars, %.1f bytes per row;\n"
             "           valid: %.2f%% by default, %.2f%% by HTML5; "
             "%.2f%% non-ASCII\n",
             p->zName, p->nRow, p->zTitle, (double)p->nChar / n,
             (double)p->nByte / n, 100.0 * (double)p->nEmail / n,
             100.0 * (double)p->nHtml5 / n, 100.0 * (double)p->nNonAscii / n);
    } else if (i >= BENCH_MONEY && i <= BENCH_FAMILY_LAST) {
      printf("  %-8s %lld rows: %s; %.1f %s per row\n", p->zName, p->nRow,
             p->zTitle, (double)p->nChar / n,
             i == BENCH_NUMINT || i == BENCH_NUMREAL ? "chars of its text"
                                                     : "bytes");
    } else {
      printf("  %-8s %lld rows: %s;\n           %.1f chars, %.1f bytes, %.1f "
             "graphemes per row\n",
             p->zName, p->nRow, p->zTitle, (double)p->nChar / n,
             (double)p->nByte / n, (double)p->nGrapheme / n);
    }
  }
}

int main(int argc, char **argv) {
  const char *zExt = 0;
  const char *zPcre = benchEnvStr("BENCH_PCRE", BENCH_DEFAULT_PCRE);
  char *zRctest;
  int bQuick = 0;
  sqlite3 *db = 0;
  char *zErr = 0;
  sqlite3_stmt *pVer = 0;
  long nRow, nRound, nPyRow;
  const char *zOnly = benchEnvStr("BENCH_ONLY", "");
  int i, nMiss = 0, nTarget = 0;
  BenchResult aRes[BENCH_NCASE];
  BenchParts parts;
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
  nPyRow =
      benchEnvInt("BENCH_PY_ROWS",
                  bQuick ? BENCH_QUICK_PY_ROWS : BENCH_DEFAULT_PY_ROWS, nRow);
  aTable[BENCH_EMAIL_PY].nRow = nPyRow;
  benchParseOnly(zOnly, &parts);
  zRctest = benchRctestPath(zExt);

  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    benchFail("open: %s", sqlite3_errmsg(db));
  }
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, zExt, 0, &zErr) != SQLITE_OK) {
    benchFail("load %s: %s", zExt, zErr ? zErr : sqlite3_errmsg(db));
  }
  if (sqlite3_load_extension(db, zPcre, 0, &zErr) != SQLITE_OK) {
    benchFail("load %s: %s (the REGEXP baseline is the Debian package "
              "sqlite3-pcre; or set BENCH_PCRE)",
              zPcre, zErr ? zErr : sqlite3_errmsg(db));
  }
  if (sqlite3_load_extension(db, zRctest, 0, &zErr) != SQLITE_OK) {
    benchFail("load %s: %s (the no-op baseline, test/rctest.c: make "
              "build/rctest.so; or set BENCH_RCTEST)",
              zRctest, zErr ? zErr : sqlite3_errmsg(db));
  }
  sqlite3_enable_load_extension(db, 0);
  if (sqlite3_prepare_v2(db, "SELECT richcheck_version()", -1, &pVer, 0) !=
          SQLITE_OK ||
      sqlite3_step(pVer) != SQLITE_ROW) {
    benchFail("richcheck_version(): %s", sqlite3_errmsg(db));
  }
  printf("richcheck bench: SQLite %s, richcheck %s, %s, %s, %s\n",
         sqlite3_libversion(), (const char *)sqlite3_column_text(pVer, 0), zExt,
         zPcre, zRctest);
  sqlite3_finalize(pVer);
  sqlite3_free(zRctest);
  benchMustHave(db, "SELECT email_valid('a@b.c'), email_error('a@b.c')",
                "this richcheck has no email functions (issue 4)");
  benchMustHave(db, "SELECT " BENCH_NOOP " FROM (SELECT 1 AS x)",
                "the no-op baseline is test/rctest.c's rctest_noop");
  if (benchGroupOn(&parts, "families")) {
    sqlite3_stmt *pUuid = 0;
    benchMustHave(db,
                  "SELECT number_check(1, 0, 1), date_check('2024-01-01'), "
                  "datetime_check('2024-01-01 00:00:00'), "
                  "time_check('00:00:00')",
                  "this richcheck has no number or date functions (issue 16)");
    /* uuid_check is in the build once its family is done (RC_WITH_UUID) */
    parts.bUuid =
        sqlite3_prepare_v2(db,
                           "SELECT uuid_check('f81d4fae-7dec-41d0-a765-"
                           "00a0c91e6bf6')",
                           -1, &pUuid, 0) == SQLITE_OK;
    sqlite3_finalize(pUuid);
  }
  benchPartsTables(&parts);
  if (parts.bAll &&
      access(benchEnvStr("BENCH_EMAIL_PY", BENCH_DEFAULT_EMAIL_PY), R_OK)) {
    benchFail("%s not found (run from the source tree, or set "
              "BENCH_EMAIL_PY)",
              benchEnvStr("BENCH_EMAIL_PY", BENCH_DEFAULT_EMAIL_PY));
  }

  t0 = benchNow();
  for (i = 0; i < BENCH_NTABLE; i++) {
    if (!parts.aTable[i]) continue;
    if (i == BENCH_MONEY) {
      benchFillMoney(db, nRow);
    } else if (i >= BENCH_FAMILY_FIRST && i <= BENCH_FAMILY_LAST) {
      benchFillFamily(db, i, nRow);
    } else {
      benchFill(db, i, nRow);
    }
  }
  benchVerify(db, &parts);
  printf("data: %ld rows per table, in memory, made and verified in %.1f s\n",
         nRow, benchNow() - t0);
  benchPrintTables();
  if (benchGroupOn(&parts, "families") && !parts.bUuid) {
    printf("  uuid     not in this build (uuid_check is not registered: "
           "RC_WITH_UUID); its lines are skipped\n");
  }

  t0 = benchNow();
  if (parts.bInsns) {
    /* each query once, for bench/insns.sh under callgrind */
    benchInsnsLines(db, &parts);
    sqlite3_close(db);
    return 0;
  }
  if (parts.bInsertOnly) {
    /* the inserts alone, for bench/insns.sh under callgrind */
    benchRules(db, (int)nRound, 1);
    sqlite3_close(db);
    return 0;
  }
  printf("timing: %ld rounds, each running baseline and candidate back to "
         "back, in\n",
         nRound);
  printf("  alternating order; process CPU time; medians of the times and of "
         "the\n");
  printf("  per-round ratios candidate/baseline.  Each line runs SELECT "
         "sum(EXPR) FROM t\n");
  printf("  and SELECT count(*) FROM t WHERE EXPR (a CHECK or a filter), "
         "each against its\n");
  printf("  baseline in the same form.  \"no-op\": the ratio divided by the "
         "table's\n");
  printf("  rctest_noop(x) line's (a function that returns 1: SQLite's floor "
         "for any call).\n");
  printf("  \"pcre html5\" is x REGEXP with the WHATWG regex "
         "(sqlite3-pcre).\n\n");
  benchHeader();
  for (i = 0; i < BENCH_NCASE; i++) {
    if (!benchCaseOn(&aCase[i], &parts)) continue;
    nTarget += benchCaseTargets(&aCase[i]);
    nMiss += benchCase(db, &aCase[i], (int)nRound, &aRes[i]);
  }
  if (parts.bAll) {
    for (i = 0; i < BENCH_NCASE; i++) { /* email_valid(x) against length(x) */
      if (aCase[i].iTable == BENCH_EMAIL &&
          aCase[i].eCand == BENCH_EXPECT_EMAIL &&
          aCase[i].eBase == BENCH_EXPECT_CHARS) {
        break;
      }
    }
    nTarget++;
    nMiss += benchPythonCompare(db, (int)nRound, &aRes[i]);
    nTarget++;
    nMiss += benchDecimalSum(db, zExt, (int)nRound);
  }
  if (parts.bRules) {
    nTarget += 5;
    nMiss += benchRules(db, (int)nRound, 0);
  }
  printf("\n%d of %d targets met (informational; targets are for 1000000 "
         "rows, this run had %ld%s%s), timed in %.1f s\n",
         nTarget - nMiss, nTarget, nRow, zOnly[0] ? "; BENCH_ONLY=" : "", zOnly,
         benchNow() - t0);
  if (nMiss) printf("MISS: %d target(s) not met\n", nMiss);
  sqlite3_close(db);
  return 0;
}
