/*
** uuid.h - UUIDs in RFC 9562's text form, with no SQLite in it.
**
** (issue 16: being written; the contract below is what ext/rule.c and
** ext/uuid_sql.c rely on.)
*/
#ifndef RICHCHECK_UUID_H
#define RICHCHECK_UUID_H

#include <stddef.h>

/* What a uuid check accepts: parsed from its options text. */
typedef struct RcUuidSpec RcUuidSpec;
struct RcUuidSpec {
  int iVersion;   /* 1..8, or 0 for any */
  unsigned flags; /* RC_UUID_* */
};

/*
** Parses the options text z[0..n) (words separated by commas and spaces,
** as a rule spec writes them: "4", "7, lower", "any, braces"), the same
** text for the SQL functions' options argument and for the rule
** uuid(...).  Returns 1, or 0 with a message in zErr (nErr bytes).
*/
int rcUuidSpecParse(const char *z, size_t n, RcUuidSpec *p, char *zErr,
                    int nErr);

#endif /* RICHCHECK_UUID_H */
