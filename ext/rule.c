/*
** rule.c - the rule spec parser: 'email; length(1, 254)' to a list of
** rules, with no SQLite in it.
**
**     spec  := rule (';' rule)*
**     rule  := name [ '(' arg (',' arg)* ')' ]
**     name  := email | length | money | number | date | time | datetime
**              | uuid | pattern
**     arg   := a word or a number: html5, bytes, USD, scale=2, 0, 1000000.00
**              | a string: 'text' ('' for a quote), pattern's only
**
** Spaces are allowed between tokens.  Each rule's arguments are checked
** here, once, by the same code the family functions use (email.c's flags,
** money.c's currency argument and amounts), so a spec that parses is a
** spec that runs.  Every error names the position where it was found.
*/
#include "rule.h"
#include "email.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RC_RULE_MAX_ARGS 8

typedef struct RcRuleArg RcRuleArg;
struct RcRuleArg {
  const char *z; /* the argument's text, trimmed (a string: with quotes) */
  size_t n;
  size_t iPos; /* its offset in the spec */
  int bQuoted; /* a string in single quotes */
};

static int rcRuleSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int rcRuleWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '+' ||
         c == '.' || c == '=';
}

static int rcRuleIsNumber(const RcRuleArg *a) {
  size_t i = a->z[0] == '-' || a->z[0] == '+';
  return i < a->n && a->z[i] >= '0' && a->z[i] <= '9';
}

static int rcRuleIs(const RcRuleArg *a, const char *zWord) {
  return a->n == strlen(zWord) && memcmp(a->z, zWord, a->n) == 0;
}

/* Writes "position N: MESSAGE" into zErr; returns 0. */
static int rcRuleError(char *zErr, int nErr, size_t iPos, const char *zMsg) {
  snprintf(zErr, (size_t)nErr, "position %d: %s", (int)iPos + 1, zMsg);
  return 0;
}

/* Copies the arguments, comma-separated, into zOut (nOut bytes). */
static int rcRuleJoin(const RcRuleArg *aArg, int nArg, char *zOut,
                      size_t nOut) {
  size_t k = 0;
  int i;
  zOut[0] = 0;
  for (i = 0; i < nArg; i++) {
    if (k + aArg[i].n + 2 > nOut) return 0;
    if (k) zOut[k++] = ',';
    memcpy(zOut + k, aArg[i].z, aArg[i].n);
    k += aArg[i].n;
    zOut[k] = 0;
  }
  return 1;
}

static int rcRuleEmail(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                       size_t iPos, char *zErr, int nErr) {
  char zFlags[256], zWhy[200];
  pRule->eKind = RC_RULE_EMAIL;
  if (!rcRuleJoin(aArg, nArg, zFlags, sizeof(zFlags))) {
    return rcRuleError(zErr, nErr, iPos, "email: too many flags");
  }
  if (!rcEmailParseFlags(zFlags, &pRule->emailFlags, zWhy, (int)sizeof(zWhy))) {
    char zMsg[240];
    snprintf(zMsg, sizeof(zMsg), "email: %s", zWhy);
    return rcRuleError(zErr, nErr, nArg ? aArg[0].iPos : iPos, zMsg);
  }
  return 1;
}

/* A non-negative INTEGER argument up to INT64_MAX, the largest a length
** function takes (9223372036854775807 for "no maximum"). */
static int rcRuleCount(const RcRuleArg *a, int64_t *pV) {
  size_t i;
  int64_t v = 0;
  if (a->n == 0) return 0;
  for (i = 0; i < a->n; i++) {
    int d = a->z[i] - '0';
    if (d < 0 || d > 9 || v > (INT64_MAX - d) / 10) return 0;
    v = v * 10 + d;
  }
  *pV = v;
  return 1;
}

static int rcRuleLength(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                        size_t iPos, char *zErr, int nErr) {
  static const char *const azUnit[] = {"chars", "bytes", "graphemes"};
  int i;
  pRule->eKind = RC_RULE_LENGTH;
  pRule->eUnit = RC_RULE_UNIT_CHARS;
  pRule->bMin = pRule->bMax = 1;
  if (nArg < 2 || nArg > 3) {
    return rcRuleError(zErr, nErr, iPos,
                       "length takes (min, max) or (min, max, unit), as in "
                       "length(1, 50)");
  }
  for (i = 0; i < 2; i++) {
    if (!rcRuleCount(&aArg[i], i ? &pRule->iMax : &pRule->iMin)) {
      return rcRuleError(zErr, nErr, aArg[i].iPos,
                         i ? "length: max must be a whole number >= 0"
                           : "length: min must be a whole number >= 0");
    }
  }
  if (pRule->iMin > pRule->iMax) {
    return rcRuleError(zErr, nErr, aArg[0].iPos,
                       "length: min is greater than max");
  }
  if (nArg == 3) {
    for (i = 0; i < 3 && !rcRuleIs(&aArg[2], azUnit[i]); i++) {
    }
    if (i == 3) {
      return rcRuleError(zErr, nErr, aArg[2].iPos,
                         "length: the unit is chars, bytes or graphemes");
    }
    pRule->eUnit = i;
  }
  return 1;
}

/*
** Reads a money bound; on failure writes the error and returns 0.  Under
** the option minor a bound is a count of minor units, as the values are
** (money(USD, minor, 0, 100000) is 0.00 to 1000.00).
*/
static int rcRuleMoneyBound(const RcRuleArg *a, const RcMoneySpec *pSpec,
                            int64_t *pV, char *zErr, int nErr) {
  char zNum[64], zMsg[200];
  RcMoney m;
  if (pSpec->pCur == 0) {
    return rcRuleError(zErr, nErr, a->iPos,
                       "money: a bound needs a currency, as in money(USD, 0)");
  }
  if (a->n >= sizeof(zNum)) {
    return rcRuleError(zErr, nErr, a->iPos, "money: the bound is too long");
  }
  memcpy(zNum, a->z, a->n);
  zNum[a->n] = 0;
  switch (pSpec->flags & RC_MONEY_OPT_MINOR
              ? rcMoneyFromMinorText(zNum, a->n, pSpec, &m)
              : rcMoneyFromText(zNum, a->n, pSpec, &m)) {
  case RC_MONEY_OK: *pV = m.iMinor; return 1;
  case RC_MONEY_SYNTAX:
    snprintf(zMsg, sizeof(zMsg),
             pSpec->flags & RC_MONEY_OPT_MINOR
                 ? "money: the bound %s is not a count of minor units (option "
                   "minor): write a whole number such as 100000"
                 : "money: the bound %s is not an amount",
             zNum);
    break;
  case RC_MONEY_SCALE:
    snprintf(zMsg, sizeof(zMsg),
             "money: the bound %s has more decimals than %s", zNum,
             pSpec->pCur->zCode);
    break;
  case RC_MONEY_OVERFLOW:
    snprintf(zMsg, sizeof(zMsg), "money: the bound %s is out of range", zNum);
    break;
  default:
    snprintf(zMsg, sizeof(zMsg), "money: the bound %s is not an amount", zNum);
    break;
  }
  return rcRuleError(zErr, nErr, a->iPos, zMsg);
}

static int rcRuleMoney(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                       size_t iPos, char *zErr, int nErr) {
  RcRuleArg aWord[RC_RULE_MAX_ARGS], aNum[RC_RULE_MAX_ARGS];
  int nWord = 0, nNum = 0, i;
  char zSpec[256], zWhy[200];

  pRule->eKind = RC_RULE_MONEY;
  pRule->bMin = pRule->bMax = 0;
  for (i = 0; i < nArg; i++) {
    if (rcRuleIsNumber(&aArg[i])) {
      aNum[nNum++] = aArg[i];
    } else {
      aWord[nWord++] = aArg[i];
    }
  }
  if (nNum > 2) {
    return rcRuleError(zErr, nErr, aNum[2].iPos,
                       "money takes at most two bounds (min, max)");
  }
  if (nWord == 0) {
    pRule->money.pCur = 0;
    pRule->money.flags = 0;
    pRule->money.nScale = -1;
  } else if (!rcRuleJoin(aWord, nWord, zSpec, sizeof(zSpec))) {
    return rcRuleError(zErr, nErr, iPos, "money: too many options");
  } else if (!rcMoneySpecParse(zSpec, strlen(zSpec), &pRule->money, zWhy,
                               (int)sizeof(zWhy))) {
    char zMsg[240];
    snprintf(zMsg, sizeof(zMsg), "money: %s", zWhy);
    return rcRuleError(zErr, nErr, aWord[0].iPos, zMsg);
  }
  for (i = 0; i < nNum; i++) {
    if (!rcRuleMoneyBound(&aNum[i], &pRule->money,
                          i ? &pRule->iMax : &pRule->iMin, zErr, nErr)) {
      return 0;
    }
  }
  pRule->bMin = nNum > 0;
  pRule->bMax = nNum > 1;
  if (nNum == 2 && pRule->iMin > pRule->iMax) {
    return rcRuleError(zErr, nErr, aNum[0].iPos,
                       "money: min is greater than max");
  }
  return 1;
}

/*
** The rules of issue 16's families, each parsed by its family's own spec
** parser from the arguments joined by commas, as its SQL functions take
** their options: uuid(4, lower), datetime(offset, fraction=3),
** number(0, 100, integer).
*/
/* zWhy, from a family's parser, as the error at iPos: "NAME: WHY" unless
** it starts with the name already. */
static int rcRuleFamilyError(char *zErr, int nErr, size_t iPos,
                             const char *zName, const char *zWhy) {
  char zMsg[260];
  size_t n = strlen(zName);
  if (strncmp(zWhy, zName, n) == 0 && zWhy[n] == ':') {
    snprintf(zMsg, sizeof(zMsg), "%s", zWhy);
  } else {
    snprintf(zMsg, sizeof(zMsg), "%s: %s", zName, zWhy);
  }
  return rcRuleError(zErr, nErr, iPos, zMsg);
}

static int rcRuleUuid(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                      size_t iPos, char *zErr, int nErr) {
  char zOpts[256], zWhy[200];
  pRule->eKind = RC_RULE_UUID;
  if (!rcRuleJoin(aArg, nArg, zOpts, sizeof(zOpts))) {
    return rcRuleError(zErr, nErr, iPos, "uuid: too many options");
  }
  if (!rcUuidSpecParse(zOpts, strlen(zOpts), &pRule->uuid, zWhy,
                       (int)sizeof(zWhy))) {
    return rcRuleFamilyError(zErr, nErr, nArg ? aArg[0].iPos : iPos, "uuid",
                             zWhy);
  }
  return 1;
}

static int rcRuleDate(RcRule *pRule, RcDateKind eKind, const char *zName,
                      const RcRuleArg *aArg, int nArg, size_t iPos, char *zErr,
                      int nErr) {
  char zOpts[256], zWhy[200];
  pRule->eKind = RC_RULE_DATE;
  if (!rcRuleJoin(aArg, nArg, zOpts, sizeof(zOpts))) {
    return rcRuleError(zErr, nErr, iPos, "date: too many options");
  }
  if (!rcDateSpecParse(eKind, zOpts, strlen(zOpts), &pRule->date, zWhy,
                       (int)sizeof(zWhy))) {
    return rcRuleFamilyError(zErr, nErr, nArg ? aArg[0].iPos : iPos, zName,
                             zWhy);
  }
  return 1;
}

/* Whether the argument is the word null, in any case (no bound). */
static int rcRuleIsNull(const RcRuleArg *a) {
  static const char zNull[] = "null";
  size_t i;
  if (a->n != 4) return 0;
  for (i = 0; i < 4; i++) {
    char c = a->z[i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != zNull[i]) return 0;
  }
  return 1;
}

static int rcRuleNumber(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                        size_t iPos, char *zErr, int nErr) {
  char zOpts[256], zWhy[200];
  int bMin, bMax;
  pRule->eKind = RC_RULE_NUMBER;
  if (nArg < 2) {
    return rcRuleError(zErr, nErr, iPos,
                       "number takes (min, max) or (min, max, option), as in "
                       "number(0, 100) or number(1, 10, integer); null is no "
                       "bound");
  }
  bMin = !rcRuleIsNull(&aArg[0]);
  bMax = !rcRuleIsNull(&aArg[1]);
  if (!rcRuleJoin(aArg + 2, nArg - 2, zOpts, sizeof(zOpts))) {
    return rcRuleError(zErr, nErr, iPos, "number: too many options");
  }
  if (!rcNumberSpecParse(bMin ? aArg[0].z : 0, bMin ? aArg[0].n : 0,
                         bMax ? aArg[1].z : 0, bMax ? aArg[1].n : 0, zOpts,
                         strlen(zOpts), &pRule->number, zWhy,
                         (int)sizeof(zWhy))) {
    /* where: the bound or the option the message is about */
    size_t iAt = strstr(zWhy, "the max")              ? aArg[1].iPos
                 : nArg > 2 && strstr(zWhy, "option") ? aArg[2].iPos
                                                      : aArg[0].iPos;
    return rcRuleFamilyError(zErr, nErr, iAt, "number", zWhy);
  }
  return 1;
}

/*
** pattern('regex' [, flag ...]): the string, unquoted, compiled by
** pattern.c with the flags (pattern.h) joined by commas.  A pattern that
** does not compile is an error at the place in the spec where PCRE2 found
** it.
*/
static int rcRulePattern(RcRule *pRule, const RcRuleArg *aArg, int nArg,
                         size_t iPos, const RcPatternMem *pMem, int *pbNoMem,
                         char *zErr, int nErr) {
  char zFlags[256], zWhy[200], zMsg[260], *zText;
  const char *zRaw;
  size_t i, k, nText = 0, iAt;
  unsigned flags;
  RcPatternError err;
  int i2, rc;

  pRule->eKind = RC_RULE_PATTERN;
  if (nArg < 1 || !aArg[0].bQuoted) {
    return rcRuleError(zErr, nErr, nArg ? aArg[0].iPos : iPos,
                       "pattern takes a regular expression in single quotes, "
                       "then flags, as in pattern('[a-z]+', caseless)");
  }
  for (i2 = 1; i2 < nArg; i2++) {
    if (aArg[i2].bQuoted) {
      return rcRuleError(zErr, nErr, aArg[i2].iPos,
                         "pattern: the flags are words, not strings, as in "
                         "pattern('[a-z]+', caseless, search)");
    }
  }
  if (!rcRuleJoin(aArg + 1, nArg - 1, zFlags, sizeof(zFlags))) {
    return rcRuleError(zErr, nErr, iPos, "pattern: too many flags");
  }
  if (!rcPatternFlagsParse(zFlags, strlen(zFlags), &flags, zWhy,
                           (int)sizeof(zWhy))) {
    /* where: the first flag that is not one, tried alone */
    size_t iBad = aArg[1].iPos;
    for (i2 = 1; i2 < nArg; i2++) {
      char zOne[64], zOneWhy[8];
      unsigned one;
      if (aArg[i2].n >= sizeof(zOne)) break;
      memcpy(zOne, aArg[i2].z, aArg[i2].n);
      zOne[aArg[i2].n] = 0;
      if (!rcPatternFlagsParse(zOne, aArg[i2].n, &one, zOneWhy,
                               (int)sizeof(zOneWhy))) {
        break;
      }
    }
    if (i2 < nArg) iBad = aArg[i2].iPos;
    return rcRuleFamilyError(zErr, nErr, iBad, "pattern", zWhy);
  }
  /* the string without its quotes, '' as ' */
  pMem = rcPatternMemOr(pMem);
  zRaw = aArg[0].z + 1;
  zText = (char *)pMem->xMalloc(aArg[0].n, pMem->pData);
  if (zText == 0) {
    *pbNoMem = 1;
    return rcRuleError(zErr, nErr, iPos, "out of memory");
  }
  for (i = 0; i < aArg[0].n - 2; i++) {
    zText[nText++] = zRaw[i];
    if (zRaw[i] == '\'') i++;
  }
  rc = rcPatternCompile(zText, nText, flags, pMem, &pRule->pPattern, &err);
  pMem->xFree(zText, pMem->pData);
  if (rc == RC_PATTERN_NOMEM) {
    *pbNoMem = 1;
    return rcRuleError(zErr, nErr, iPos, "out of memory");
  }
  if (rc != RC_PATTERN_COMPILED) {
    /* err.iByte, a place in the unquoted text, as a place in the spec */
    for (i = 0, k = 0; k < err.iByte && i < aArg[0].n - 2; i++, k++) {
      if (zRaw[i] == '\'') i++;
    }
    iAt = aArg[0].iPos + 1 + i;
    snprintf(zMsg, sizeof(zMsg), "pattern: invalid regular expression: %s",
             err.zMsg);
    return rcRuleError(zErr, nErr, iAt, zMsg);
  }
  return 1;
}

/* The rules, as the errors list them. */
#define RC_RULE_NAMES                                                          \
  "email, length, money, number, date, time, datetime, uuid or pattern"

/* Reads "(arg, ...)" at z[*pi]; on failure writes the error, returns -1. */
static int rcRuleArgs(const char *z, size_t n, size_t *pi, RcRuleArg *aArg,
                      char *zErr, int nErr) {
  size_t iOpen = *pi, i = iOpen + 1; /* past the '(' */
  int nArg = 0;
  for (;;) {
    size_t iStart;
    while (i < n && rcRuleSpace(z[i]))
      i++;
    if (i < n && z[i] == ')' && nArg == 0) break;
    iStart = i;
    if (i < n && z[i] == '\'') {
      /* a string: to the quote that is not doubled */
      for (i++; i < n && (z[i] != '\'' || (i + 1 < n && z[i + 1] == '\''));
           i++) {
        if (z[i] == '\'') i++;
      }
      if (i == n) {
        rcRuleError(zErr, nErr, iStart,
                    "missing the closing quote (') of "
                    "the string");
        return -1;
      }
      i++;
    } else {
      while (i < n && rcRuleWordChar(z[i]))
        i++;
    }
    if (i == iStart) {
      if (i == n) {
        rcRuleError(zErr, nErr, iOpen, "missing ')' for the '('");
      } else {
        rcRuleError(zErr, nErr, i,
                    "expected an argument (a word, a number or a 'string')");
      }
      return -1;
    }
    if (nArg == RC_RULE_MAX_ARGS) {
      rcRuleError(zErr, nErr, iStart, "too many arguments");
      return -1;
    }
    aArg[nArg].z = z + iStart;
    aArg[nArg].n = i - iStart;
    aArg[nArg].iPos = iStart;
    aArg[nArg].bQuoted = z[iStart] == '\'';
    nArg++;
    while (i < n && rcRuleSpace(z[i]))
      i++;
    if (i < n && z[i] == ',') {
      i++;
      continue;
    }
    if (i < n && z[i] == ')') break;
    rcRuleError(zErr, nErr, i == n ? iOpen : i,
                i == n ? "missing ')' for the '('" : "expected ',' or ')'");
    return -1;
  }
  *pi = i + 1;
  return nArg;
}

void rcRuleSetClear(RcRuleSet *p) {
  int i;
  for (i = 0; i < p->nRule; i++) {
    if (p->aRule[i].eKind == RC_RULE_PATTERN) {
      rcPatternFree(p->aRule[i].pPattern);
      p->aRule[i].pPattern = 0;
    }
  }
  p->nRule = 0;
}

static int rcRuleParseOne(const char *z, size_t n, RcRuleSet *p,
                          const RcPatternMem *pMem, char *zErr, int nErr);

int rcRuleParse(const char *z, size_t n, RcRuleSet *p, char *zErr, int nErr) {
  return rcRuleParseMem(z, n, p, 0, zErr, nErr);
}

int rcRuleParseMem(const char *z, size_t n, RcRuleSet *p,
                   const RcPatternMem *pMem, char *zErr, int nErr) {
  p->nRule = 0;
  p->bNoMem = 0;
  if (rcRuleParseOne(z, n, p, pMem, zErr, nErr)) return 1;
  rcRuleSetClear(p);
  return 0;
}

/* The loop of rcRuleParseMem: on failure, p keeps the rules parsed so far
** (with their patterns) for the caller to clear. */
static int rcRuleParseOne(const char *z, size_t n, RcRuleSet *p,
                          const RcPatternMem *pMem, char *zErr, int nErr) {
  size_t i = 0;
  for (;;) {
    RcRuleArg aArg[RC_RULE_MAX_ARGS];
    RcRule *pRule;
    size_t iName, nName;
    int nArg = 0, ok;

    while (i < n && rcRuleSpace(z[i]))
      i++;
    iName = i;
    while (i < n && ((z[i] >= 'a' && z[i] <= 'z') ||
                     (z[i] >= 'A' && z[i] <= 'Z') || z[i] == '_'))
      i++;
    nName = i - iName;
    if (nName == 0) {
      return rcRuleError(zErr, nErr, iName,
                         iName == n ? "expected a rule (" RC_RULE_NAMES
                                      "), found the end"
                                    : "expected a rule: " RC_RULE_NAMES);
    }
    if (p->nRule == RC_RULE_MAX) {
      return rcRuleError(zErr, nErr, iName, "too many rules in one spec");
    }
    while (i < n && rcRuleSpace(z[i]))
      i++;
    if (i < n && z[i] == '(') {
      nArg = rcRuleArgs(z, n, &i, aArg, zErr, nErr);
      if (nArg < 0) return 0;
    }
    pRule = &p->aRule[p->nRule];
    memset(pRule, 0, sizeof(*pRule));
    if (!(nName == 7 && memcmp(z + iName, "pattern", 7) == 0)) {
      int k;
      for (k = 0; k < nArg && !aArg[k].bQuoted; k++) {
      }
      if (k < nArg) {
        return rcRuleError(zErr, nErr, aArg[k].iPos,
                           "only pattern takes a string in quotes, as in "
                           "pattern('[a-z]+'); these arguments are words");
      }
    }
    if (nName == 5 && memcmp(z + iName, "email", 5) == 0) {
      ok = rcRuleEmail(pRule, aArg, nArg, iName, zErr, nErr);
    } else if (nName == 6 && memcmp(z + iName, "length", 6) == 0) {
      ok = rcRuleLength(pRule, aArg, nArg, iName, zErr, nErr);
    } else if (nName == 5 && memcmp(z + iName, "money", 5) == 0) {
      ok = rcRuleMoney(pRule, aArg, nArg, iName, zErr, nErr);
    } else if (nName == 4 && memcmp(z + iName, "uuid", 4) == 0) {
      ok = rcRuleUuid(pRule, aArg, nArg, iName, zErr, nErr);
    } else if (nName == 4 && memcmp(z + iName, "date", 4) == 0) {
      ok = rcRuleDate(pRule, RC_DATE_DATE, "date", aArg, nArg, iName, zErr,
                      nErr);
    } else if (nName == 4 && memcmp(z + iName, "time", 4) == 0) {
      ok = rcRuleDate(pRule, RC_DATE_TIME, "time", aArg, nArg, iName, zErr,
                      nErr);
    } else if (nName == 8 && memcmp(z + iName, "datetime", 8) == 0) {
      ok = rcRuleDate(pRule, RC_DATE_DATETIME, "datetime", aArg, nArg, iName,
                      zErr, nErr);
    } else if (nName == 6 && memcmp(z + iName, "number", 6) == 0) {
      ok = rcRuleNumber(pRule, aArg, nArg, iName, zErr, nErr);
    } else if (nName == 7 && memcmp(z + iName, "pattern", 7) == 0) {
      ok =
          rcRulePattern(pRule, aArg, nArg, iName, pMem, &p->bNoMem, zErr, nErr);
    } else {
      char zMsg[120];
      snprintf(zMsg, sizeof(zMsg),
               "unknown rule '%.*s': the rules are " RC_RULE_NAMES,
               nName > 32 ? 32 : (int)nName, z + iName);
      return rcRuleError(zErr, nErr, iName, zMsg);
    }
    if (!ok) return 0;
    p->nRule++;
    while (i < n && rcRuleSpace(z[i]))
      i++;
    if (i == n) return 1;
    if (z[i] != ';') {
      return rcRuleError(zErr, nErr, i, "expected ';' between rules");
    }
    i++;
  }
}
