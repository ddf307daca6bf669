/*
** gen.h - the row generators of the bench (gen.c), for bench.c: one row at
** a time from the splitmix64 sequence in benchRandState, with the row's
** exact counts and verdicts.
*/
#ifndef RICHCHECK_BENCH_GEN_H
#define RICHCHECK_BENCH_GEN_H

#include <sqlite3.h>

#include <stdint.h>

#define BENCH_MIN_CHARS 5
#define BENCH_MAX_CHARS 40
#define BENCH_ROW_BYTES 320

/* A row being built, with its own counts and, for addresses, verdicts. */
typedef struct BenchRow BenchRow;
struct BenchRow {
  char z[BENCH_ROW_BYTES];
  int nByte;
  int nChar;
  int nGrapheme;
  int bEmail; /* valid by default */
  int bHtml5; /* valid by the HTML5 rule */
};

/* The families of issue 16 (benchFamilyRow), in bench.c's table order. */
#define BENCH_FAM_NUMINT 0
#define BENCH_FAM_NUMREAL 1
#define BENCH_FAM_NUMTEXT 2
#define BENCH_FAM_DATE 3
#define BENCH_FAM_DATETIME 4
#define BENCH_FAM_TIME 5
#define BENCH_FAM_UUID 6

/* The generator's state: set it to a table's seed before its first row. */
extern uint64_t benchRandState;

/* A number in [0, n). */
unsigned benchPick(unsigned n);

/* An ASCII row of exactly nWant characters: a name, an email or a handle. */
void benchAsciiRow(BenchRow *p, int nWant);
/* Accented Latin, Greek, Cyrillic or CJK, nWant characters. */
void benchMixedRow(BenchRow *p, int nWant);
/* One typical address, and its verdicts by default and by the HTML5 rule. */
void benchEmailRow(BenchRow *p);
/* The same with 15% invalid addresses (benchEmailInvalid's kinds). */
void benchEmailBadRow(BenchRow *p);
/* An address with Unicode in it (local part, IDN domain or both). */
void benchEmailUniRow(BenchRow *p);
/* nWant grapheme clusters of ASCII prose (CRLF and tabs in some rows). */
void benchGraphemeAsciiRow(BenchRow *p, int nWant);
/* nWant clusters of Latin in NFD: letters and combining marks. */
void benchGraphemeLatinRow(BenchRow *p, int nWant);
/* nWant clusters of Han, kana, Hangul (some in jamo), CJK punctuation. */
void benchGraphemeCjkRow(BenchRow *p, int nWant);
/* Up to nWant clusters of text with emoji: ZWJ, skin tones, flags. */
void benchGraphemeEmojiRow(BenchRow *p, int nWant);
/* Does z[0..n) match GLOB '*?@?*.?*'? */
int benchGlob(const char *z, int n);
/* One valid value of family eFamily, typed by *peType. */
void benchFamilyRow(int eFamily, BenchRow *p, int *peType, sqlite3_int64 *piVal,
                    double *prVal);

#endif
