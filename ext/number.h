/*
** number.h - numbers in a range, compared exactly (INTEGER, REAL and
** decimal TEXT, never through a double), with no SQLite in it.
**
** (issue 16: being written; the contract below is what ext/rule.c and
** ext/number_sql.c rely on.)
*/
#ifndef RICHCHECK_NUMBER_H
#define RICHCHECK_NUMBER_H

#include <stddef.h>

#define RC_NUMBER_BOUND_MAX 80 /* bytes of a bound's canonical text */

typedef struct RcNumberSpec RcNumberSpec;
struct RcNumberSpec {
  int bMin, bMax;                     /* which bounds are set */
  char zMin[RC_NUMBER_BOUND_MAX + 1]; /* the bounds, as exact decimals */
  char zMax[RC_NUMBER_BOUND_MAX + 1];
  int bInteger; /* option integer */
  int nScale;   /* option scale=n, or -1 */
};

/*
** Parses a number check's bounds and options: zMin[0..nMin) and
** zMax[0..nMax) decimal text (zMin or zMax 0: no such bound), zOpts[0..nOpts)
** the options ("integer", "scale=2"; words separated by commas and spaces),
** the same for the SQL functions' arguments and the rule number(min, max
** [, option]).  Returns 1, or 0 with a message in zErr (nErr bytes).
*/
int rcNumberSpecParse(const char *zMin, size_t nMin, const char *zMax,
                      size_t nMax, const char *zOpts, size_t nOpts,
                      RcNumberSpec *p, char *zErr, int nErr);

#endif /* RICHCHECK_NUMBER_H */
