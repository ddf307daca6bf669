/*
** number.h - numbers in a range, compared exactly (INTEGER, REAL and
** decimal TEXT, never through a double), with no SQLite in it.
**
** A number is an RcDecimal: a sign, its significant digits and a decimal
** exponent, the value being 0.d1d2...dn x 10^iExp (d1 and dn not zero; no
** digits is zero).  Three readers make one:
**   - rcDecParse, from decimal text of the grammar
**         [+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)?
**     (what PostgreSQL's numeric and SQLite's own numeric text accept, but
**     no spaces around it and no NaN/Infinity: a check judges the text as
**     stored, and ' 12' stays ' 12' in a SQLite column);
**   - rcDecFromInt, an int64 exactly;
**   - rcDecFromDouble, a double as the shortest decimal that reads back as
**     it (0.1 is 1/10, not 0.1000000000000000055511151231257827...): what
**     SQLite, Python and JSON show for it, what the user wrote.  Every other
**     decimal rounds to another double, so ordering against a bound is the
**     double's own wherever the bound is itself a double's shortest text.
**     +-Inf order beyond every finite number.
** rcDecCompare orders two of them exactly, by exponent first (a 1 MB digit
** string is judged without reading its digits when the exponents differ);
** rcDecFracDigits counts the decimals a value needs ('1.2300' needs 2).
**
** The digits of an RcDecimal are not copied: they stay in the text it was
** parsed from, or in the caller's buffer zBuf.  Do not copy an RcDecimal
** beyond the life of that text.
*/
#ifndef RICHCHECK_NUMBER_H
#define RICHCHECK_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#define RC_NUMBER_BOUND_MAX 80    /* bytes of a bound's canonical text */
#define RC_NUMBER_BOUND_DIGITS 50 /* significant digits of a bound */
#define RC_NUMBER_BOUND_EXP 1000000000000LL /* |exponent| of a bound */
#define RC_NUMBER_SCALE_MAX 1000 /* scale=n: 0 <= n <= this (PostgreSQL's) */

/*
** A value's exponent is exact within +-RC_DEC_EXP_SAT and saturates there:
** far beyond any bound's (RC_NUMBER_BOUND_EXP), so a saturated value still
** orders exactly against every bound ('1e99999999999999999999' is above
** them all, '1e-99999999999999999999' between zero and all of them).
*/
#define RC_DEC_EXP_SAT 1000000000000000LL

typedef enum RcDecKind {
  RC_DEC_FINITE = 0,
  RC_DEC_POS_INF, /* a REAL +Inf */
  RC_DEC_NEG_INF  /* a REAL -Inf */
} RcDecKind;

typedef struct RcDecimal RcDecimal;
struct RcDecimal {
  RcDecKind eKind;
  int bNeg;       /* never for zero */
  const char *zA; /* the significant digits are zA[0..nA) then */
  size_t nA;      /* zB[0..nB): two runs, as text splits them at its */
  const char *zB; /* decimal point ('12.34': "12" and "34") */
  size_t nB;
  int64_t iExp; /* the value is 0.D x 10^iExp */
};

/* Bytes of the zBuf of rcDecFromInt and rcDecFromDouble. */
#define RC_DEC_BUF 40

/* Parses z[0..n) (z[n] need not be 0): 1, or 0 when it is not a number. */
int rcDecParse(const char *z, size_t n, RcDecimal *p);

/* The int64 v exactly; zBuf (RC_DEC_BUF bytes) holds its digits. */
void rcDecFromInt(int64_t v, char *zBuf, RcDecimal *p);

/* The double r as its shortest round-trip decimal, or an infinity; zBuf
** (RC_DEC_BUF bytes) holds its digits.  0 for a NaN. */
int rcDecFromDouble(double r, char *zBuf, RcDecimal *p);

/* -1, 0 or 1 as a < b, a == b, a > b (exactly). */
int rcDecCompare(const RcDecimal *a, const RcDecimal *b);

/* The number of decimals of a finite p (0 for integers), or -1 for an
** infinity. */
int64_t rcDecFracDigits(const RcDecimal *p);

/*
** Writes the canonical text of p to zOut (nOut bytes, always terminated
** when nOut > 0) and returns its length (the bytes needed, less the
** terminator, if more than nOut - 1).  Plain ("-12.5", "0.001",
** "100000") while that adds at most 20 zeros, else scientific ("1e400",
** "-1.5e-30"); "Inf", "-Inf".  rcDecParse reads a finite one back as the
** same value.
*/
size_t rcDecText(const RcDecimal *p, char *zOut, size_t nOut);

/*
** A number check's spec: bounds and options.  The bounds are kept as
** canonical text (so the struct can be copied freely); the rest is derived
** from them by rcNumberSpecParse for the fast paths of a verdict.
*/
typedef struct RcNumberSpec RcNumberSpec;
struct RcNumberSpec {
  int bMin, bMax;                     /* which bounds are set */
  char zMin[RC_NUMBER_BOUND_MAX + 1]; /* the bounds, as exact decimals */
  char zMax[RC_NUMBER_BOUND_MAX + 1];
  int bInteger; /* option integer */
  int nScale;   /* option scale=n, or -1 */
  /* An INTEGER v is within the bounds exactly when bIntFast and iLo <= v
  ** <= iHi (iLo = ceil(min), iHi = floor(max), INT64_MIN/MAX when unset);
  ** bIntFast is 0 when no INTEGER can be (a bound past the int64 range). */
  int bIntFast;
  int64_t iLo, iHi;
  /* A REAL r is within the bounds exactly when bRealFast and rLo <= r <=
  ** rHi: set when each bound is unset (+-Inf) or has at most 15
  ** significant digits in the normal range of doubles (DBL_DIG: the bound
  ** is then the shortest text of its nearest double rLo or rHi). */
  int bRealFast;
  double rLo, rHi;
  /* The bounds' significands and exponents, so that the exact path reads
  ** no text (an RcDecimal of them: rcNumberJudge). */
  char zMinDigits[RC_NUMBER_BOUND_DIGITS + 1],
      zMaxDigits[RC_NUMBER_BOUND_DIGITS + 1];
  int nMinDigits, nMaxDigits, bMinNeg, bMaxNeg;
  int64_t iMinExp, iMaxExp;
  /* Short plain decimal TEXT with s decimals written ('12.25': m = 1225,
  ** s = 2; rcNumberTextFast) is within the bounds exactly when bTextFast and
  ** aTextLo[s] <= m <= aTextHi[s]: ceil(min x 10^s) and floor(max x 10^s),
  ** clamped to the int64 range (|m| < 10^18 stays on the right side), or
  ** INT64_MIN / INT64_MAX for a bound not set.  bTextFast is 0 when a bound
  ** is not M / 10^S with |M| < 10^18 and 0 <= S <= 18. */
  int bTextFast;
  int64_t aTextLo[19], aTextHi[19];
  /* After a failed rcNumberSpecParse: the arguments at fault (a mask of
  ** RC_NUMBER_ARG_*) and what went wrong (RC_NUMBER_FAIL_*). */
  int mFail;
  int eFail;
};

#define RC_NUMBER_ARG_MIN 0x1
#define RC_NUMBER_ARG_MAX 0x2
#define RC_NUMBER_ARG_OPTS 0x4

#define RC_NUMBER_FAIL_SYNTAX 1 /* not a number, not an option */
#define RC_NUMBER_FAIL_RANGE 2  /* a bound past 50 digits or 10^12 */
#define RC_NUMBER_FAIL_ORDER 3  /* min > max */

/*
** Parses a number check's bounds and options: zMin[0..nMin) and
** zMax[0..nMax) decimal text (zMin or zMax 0: no such bound), zOpts[0..nOpts)
** the options ("integer", "scale=2"; words separated by commas and spaces;
** zOpts 0 or empty: none), the same for the SQL functions' arguments and the
** rule number(min, max [, option]).  Returns 1, or 0 with a message in zErr
** (nErr bytes), which starts with a lower-case word and names no function.
*/
int rcNumberSpecParse(const char *zMin, size_t nMin, const char *zMax,
                      size_t nMax, const char *zOpts, size_t nOpts,
                      RcNumberSpec *p, char *zErr, int nErr);

/* Why a number fails a spec; RC_NUMBER_OK (0) when it passes. */
typedef enum RcNumberStatus {
  RC_NUMBER_OK = 0,
  RC_NUMBER_NOT_INTEGER, /* option integer, and a fraction or an infinity */
  RC_NUMBER_SCALE,       /* more decimals than scale=n, or an infinity */
  RC_NUMBER_BELOW,       /* below the minimum */
  RC_NUMBER_ABOVE        /* above the maximum */
} RcNumberStatus;

/* Judges the number p against pSpec: the options first (the form of the
** value), then the bounds. */
RcNumberStatus rcNumberJudge(const RcDecimal *p, const RcNumberSpec *pSpec);

/*
** The fast path of decimal TEXT z[0..n), z[n] 0 (as SQLite's text is: the
** scan stops there): a sign or none, then digits with
** at most one '.' among them, at most 18 digits in all, no exponent (what
** '12.25', '-3', '.5' are).  1 when it passes pSpec, 0 when it fails, -1
** when it is not of that form or a bound is not of the form M / 10^S
** (bTextFast 0; the caller asks rcDecParse and rcNumberJudge then).  Where it
*answers, the
** answer is theirs (test/fuzz/fuzz_number.c asserts it).
*/
int rcNumberTextFast(const char *z, size_t n, const RcNumberSpec *pSpec);

/*
** Whether the double r is surely the nearest double to a decimal k / 10^n
** (so that its shortest text has at most n decimals): k a near integer of
** r * 10^n below 2^53, and k / 10^n, both exact and divided with one
** correct rounding, is r.  1 then; 0 means "ask the exact path" (n > 14,
** r * 10^n too large, NaN, Inf, or no such k).  The fast path of scale=n
** for a REAL; it never says 1 where rcDecFracDigits of rcDecFromDouble(r)
** exceeds n (fuzz_number asserts it).
*/
int rcRealHasScale(double r, int n);

#endif /* RICHCHECK_NUMBER_H */
