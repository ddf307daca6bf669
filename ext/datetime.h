/*
** datetime.h - dates and times in strict ISO 8601 / RFC 3339 text, with no
** SQLite in it.
**
** (issue 16: being written; the contract below is what ext/rule.c and
** ext/datetime_sql.c rely on.)
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

typedef struct RcDateSpec RcDateSpec;
struct RcDateSpec {
  RcDateKind eKind;
  unsigned flags; /* RC_DATE_*: offset required or forbidden, ... */
  int nFracMax;   /* most fraction digits of the seconds */
};

/*
** Parses the options text z[0..n) (words separated by commas and spaces,
** as a rule spec writes them) for kind eKind, the same text for the SQL
** functions' options argument and for the rules date(...), time(...),
** datetime(...).  Returns 1, or 0 with a message in zErr (nErr bytes).
*/
int rcDateSpecParse(RcDateKind eKind, const char *z, size_t n, RcDateSpec *p,
                    char *zErr, int nErr);

#endif /* RICHCHECK_DATETIME_H */
