/*
** rule.h - the rule spec grammar, with no SQLite in it.
**
** A spec is one or more rules joined by ';'.  A rule is a check call
** without its value:
**
**     email                      email(html5)      email(quoted, literal)
**     length(1, 50)              length(0, 20, bytes)
**     money(USD)                 money(USD, 0)     money(USD, 0, 1000000)
**     money                      money(EUR, strict)
**     money(USD, minor, 0, 100000)   (INTEGER cents, bounds in cents too)
**     pattern('[a-z]+')          pattern('[a-z]+', caseless, search)
**
** The arguments are those of the family functions: email's flags; length's
** min, max and unit; money's currency argument (code and options) with
** optional min and max amounts; pattern's regular expression, a string in
** single quotes ('' for a quote in it: pattern('[^'']*')), then its flags.
*/
#ifndef RICHCHECK_RULE_H
#define RICHCHECK_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "datetime.h"
#include "money.h"
#include "number.h"
#include "pattern.h"
#include "uuid.h"

typedef enum RcRuleKind {
  RC_RULE_EMAIL,
  RC_RULE_LENGTH,
  RC_RULE_MONEY,
  RC_RULE_UUID,   /* uuid(...) */
  RC_RULE_DATE,   /* date, time, datetime */
  RC_RULE_NUMBER, /* number(min, max [, option]) */
  RC_RULE_PATTERN /* pattern('regex' [, flag ...]) */
} RcRuleKind;

/* Units of length(): the order of text.c's. */
#define RC_RULE_UNIT_CHARS 0
#define RC_RULE_UNIT_BYTES 1
#define RC_RULE_UNIT_GRAPHEMES 2

typedef struct RcRule RcRule;
struct RcRule {
  RcRuleKind eKind;
  unsigned emailFlags; /* email: RC_EMAIL_* */
  int64_t iMin, iMax;  /* length: the range; money: the bounds */
  int bMin, bMax;      /* money: which bounds are set (length: both) */
  int eUnit;           /* length: RC_RULE_UNIT_* */
  RcMoneySpec money;   /* money: currency and options */
  RcUuidSpec uuid;     /* uuid: version and options */
  RcDateSpec date;     /* date, time, datetime: kind and options */
  RcNumberSpec number; /* number: bounds and options */
  RcPattern *pPattern; /* pattern: compiled, owned by the rule set */
};

#define RC_RULE_MAX 16 /* rules in one spec */

typedef struct RcRuleSet RcRuleSet;
struct RcRuleSet {
  int nRule;
  int bNoMem; /* rcRuleParse failed because memory ran out */
  RcRule aRule[RC_RULE_MAX];
};

/*
** Parses spec z[0..n).  Returns 1, or 0 with a message in zErr (nErr
** bytes), "position N: what is wrong" (N 1-based, in bytes), and p->bNoMem
** set when memory ran out.  Patterns are compiled with malloc(); a set that
** parsed must be released with rcRuleSetClear.
*/
int rcRuleParse(const char *z, size_t n, RcRuleSet *p, char *zErr, int nErr);

/* rcRuleParse with the allocator pMem for the patterns (0: malloc). */
int rcRuleParseMem(const char *z, size_t n, RcRuleSet *p,
                   const RcPatternMem *pMem, char *zErr, int nErr);

/* Frees what the rules of a parsed set own (their compiled patterns);
** the set is then empty.  Harmless on an empty set. */
void rcRuleSetClear(RcRuleSet *p);

#endif /* RICHCHECK_RULE_H */
