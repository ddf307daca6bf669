/*
** datetime.h - dates and times in strict ISO 8601 / RFC 3339 text, with no
** SQLite in it.
**
**     date      YYYY-MM-DD                         2024-02-29
**     time      hh:mm:ss[.f][offset]               23:59:59.5+05:30
**     datetime  YYYY-MM-DD(T| )hh:mm:ss[.f][offset] 2024-02-29T23:59:59Z
**     offset    Z | +hh:mm | -hh:mm                (RFC 3339 section 5.6)
**
** Years 0001-9999 (four digits; 0000 refused as PostgreSQL and Python do),
** the proleptic Gregorian calendar (leap years: divisible by 4, not by 100
** unless by 400), hours 00-23, minutes and seconds 00-59 (60 only with the
** option leap, and only where the UTC time is 23:59), fraction '.' and 1-9
** digits by default, offsets within -18:00..+18:00 (-00:00, RFC 3339's
** "unknown local offset", is one).  The separator of a datetime is 'T' or a
** space (SQLite's own functions write a space).  Lower-case 't' and 'z',
** ',' as the decimal sign, basic forms (20240229, +0530), a missing seconds
** field, hour 24 and surrounding spaces are refused.
**
** Options (words separated by commas and spaces, case-insensitive):
**     offset | tz          an offset is required (time, datetime)
**     local | no offset    no offset is allowed (time, datetime)
**     fraction=N           at most N fraction digits, 0..9; 0: none
**     t | space            the separator must be 'T' / a space (datetime)
**     leap                 second 60 where the UTC time is 23:59
*/
#ifndef RICHCHECK_DATETIME_H
#define RICHCHECK_DATETIME_H

#include <stddef.h>

/* Which family: date_*, time_* or datetime_*; the rules date, time and
** datetime. */
typedef enum RcDateKind {
  RC_DATE_DATE,
  RC_DATE_TIME,
  RC_DATE_DATETIME
} RcDateKind;

/* RcDateSpec.flags */
#define RC_DATE_OFFSET 0x01    /* an offset is required */
#define RC_DATE_LOCAL 0x02     /* no offset is allowed */
#define RC_DATE_SEP_T 0x04     /* the separator must be 'T' */
#define RC_DATE_SEP_SPACE 0x08 /* the separator must be ' ' */
#define RC_DATE_LEAP 0x10      /* second 60 at 23:59 UTC */
#define RC_DATE_NFLAGS 0x20    /* flags are below this */

#define RC_DATE_FRAC_MAX 9 /* the most fraction digits an option allows */

typedef struct RcDateSpec RcDateSpec;
struct RcDateSpec {
  RcDateKind eKind;
  unsigned flags; /* RC_DATE_*: offset required or forbidden, ... */
  int nFracMax;   /* most fraction digits of the seconds, 0..9 */
};

/*
** Parses the options text z[0..n) (words separated by commas and spaces,
** as a rule spec writes them) for kind eKind, the same text for the SQL
** functions' options argument and for the rules date(...), time(...),
** datetime(...).  Empty text gives the defaults.  Returns 1, or 0 with a
** message in zErr (nErr bytes) that says what to write instead.
*/
int rcDateSpecParse(RcDateKind eKind, const char *z, size_t n, RcDateSpec *p,
                    char *zErr, int nErr);

/* The outcome of rcDateParse. */
typedef enum RcDateStatus {
  RC_DATE_OK = 0,
  RC_DATE_FORMAT,      /* not of the form (DATETIME_FORMAT, 22007) */
  RC_DATE_RANGE,       /* a field out of range (DATETIME_RANGE, 22008) */
  RC_DATE_OFFSET_RANGE /* offset past +-18:00 (DATETIME_RANGE, 22008) */
} RcDateStatus;

/* The fields of a parsed value; those of its kind are set when the status
** is OK or RANGE (the form was right). */
typedef struct RcDateParts RcDateParts;
struct RcDateParts {
  int year, month, day;
  int hour, minute, second;
  int nFrac;               /* fraction digits, 0 for none */
  unsigned long long frac; /* their value */
  char cSep;               /* 'T' or ' ' (datetime) */
  char cOffset;            /* 0 none, 'Z', '+' or '-' */
  int offHour, offMinute;  /* of an offset '+' or '-' */
  char zWhy[96];           /* what went wrong, set only on failure */
};

/*
** Judges z[0..n) (all of its bytes: a NUL refuses it) against pSpec.  One
** pass, no allocation.  On failure p->zWhy says why, e.g. "expected
** hh:mm:ss", "day 30 of February 2024 (it has 29 days)".
*/
RcDateStatus rcDateParse(const RcDateSpec *pSpec, const char *z, size_t n,
                         RcDateParts *p);

/* Days in month m (1-12) of year y. */
int rcDateMonthDays(int y, int m);

/* "January".."December" for m in 1..12. */
const char *rcDateMonthName(int m);

#endif /* RICHCHECK_DATETIME_H */
