/*
** rule_sql.c - rules as SQL: one spec, the checks of every family.
**
**     richcheck(x, spec [, label])   -> 1, or raises the code of the first
**                                       rule x breaks
**     richcheck_valid(x, spec)       -> 1 or 0
**     richcheck_error(x, spec)       -> NULL, or the message of that rule
**     richcheck_code(x, spec)        -> NULL, or the code of that rule (1,
**                                       with richcheck_error saying why: a
**                                       rule could not judge x)
**
**     SELECT richcheck('bob@example.com', 'email; length(1, 254)',
**                      'users.email');
**
** The spec is parsed once per statement (rule.c); each rule runs through the
** same verdict function as its family's *_check.  Declared rules (the
** schema side) are in rule_schema.c.
*/
#include "richcheck_int.h"
#include "email.h"
#include "rule.h"
#include "utf8.h"

#include <string.h>

/*
** Parsed specs, kept per connection and found by their text.  Auxdata alone
** would not do: SQLite drops a trigger program's auxdata each time the
** program ends, and a statement's at every sqlite3_reset(), so the checks of
** declared rules (triggers) and of CHECK constraints filled by prepared
** INSERTs would parse their spec at every row.  Entries are never replaced
** (the cache only fills, up to RC_SPEC_CACHE entries and RC_SPEC_CACHE_TEXT
** bytes of their text): a pointer to one stays good while the connection
** lives.
*/
#define RC_SPEC_CACHE 64
#define RC_SPEC_CACHE_TEXT (256 * 1024)

typedef struct RcSpecEntry RcSpecEntry;
struct RcSpecEntry {
  int nText;
  char *zText; /* in the same allocation, after the entry */
  RcRuleSet set;
};

typedef struct RcSpecCache RcSpecCache;
struct RcSpecCache {
  int nEntry;
  size_t nText; /* of the entries */
  RcSpecEntry *apEntry[RC_SPEC_CACHE];
  RcSite aSite[RC_SITES]; /* rcSiteFound */
};

void rcRuleRelease(RcConn *pConn) {
  RcSpecCache *p = (RcSpecCache *)pConn->pSpecs;
  int i;
  if (p == 0) return;
  for (i = 0; i < p->nEntry; i++) {
    rcRuleSetClear(&p->apEntry[i]->set);
    sqlite3_free(p->apEntry[i]);
  }
  sqlite3_free(p);
  pConn->pSpecs = 0;
}

/* (z[n] is 0, as is e->zText[e->nText]: rcTextEqual) */
static int rcSpecIs(const RcSpecEntry *e, const char *z, int n) {
  return e->nText == n && rcTextEqual(e->zText, z, n);
}

/* The cached parse of z[0..n), if it was kept. */
static RcRuleSet *rcSpecFind(sqlite3_context *ctx, RcConn *pConn, const char *z,
                             int n) {
  RcSpecCache *p = (RcSpecCache *)pConn->pSpecs;
  RcSpecEntry *e;
  RcSite *pSite;
  int i;
  if (p == 0) return 0;
  pSite = rcSiteOf(p->aSite, ctx);
  e = (RcSpecEntry *)pSite->pEntry;
  if (pSite->pCtx != (const void *)ctx || !rcSpecIs(e, z, n)) {
    for (i = 0; i < p->nEntry && !rcSpecIs(p->apEntry[i], z, n); i++) {
    }
    if (i == p->nEntry) return 0;
    e = p->apEntry[i];
  }
  rcSiteFound(pConn, pSite, ctx, e, &e->set);
  return &e->set;
}

/* A new entry for z[0..n) (not parsed yet), or 0: not to be kept. */
static RcSpecEntry *rcSpecNew(RcConn *pConn, const char *z, int n) {
  RcSpecCache *p = (RcSpecCache *)pConn->pSpecs;
  RcSpecEntry *e;
  if (p && p->nText + (size_t)n > RC_SPEC_CACHE_TEXT) return 0;
  if (p == 0) {
    p = (RcSpecCache *)sqlite3_malloc64(sizeof(*p));
    if (p == 0) return 0;
    memset(p, 0, sizeof(*p));
    pConn->pSpecs = p;
  }
  if (p->nEntry == RC_SPEC_CACHE) return 0;
  e = (RcSpecEntry *)sqlite3_malloc64(sizeof(*e) + (size_t)n + 1);
  if (e == 0) return 0;
  e->zText = (char *)(e + 1);
  memcpy(e->zText, z, (size_t)n);
  e->zText[n] = 0;
  e->nText = n;
  return e;
}

/* The destructor of a parse that the statement owns (auxdata). */
static void rcRuleSetFree(void *p) {
  rcRuleSetClear((RcRuleSet *)p);
  sqlite3_free(p);
}

/* rcRuleSetArg when the call's site did not find its spec at once. */
static RC_NOINLINE const RcRuleSet *rcRuleSetSearch(sqlite3_context *ctx,
                                                    RcConn *pConn,
                                                    const char *zFunc,
                                                    sqlite3_value *pSpec) {
  RcRuleSet *pSet;
  RcSpecEntry *pEntry;
  RcSpecCache *p;
  char zErr[300];
  const char *z;
  int n;
  if (sqlite3_value_type(pSpec) != SQLITE_TEXT) {
    rcUsage(ctx,
            "%s: the spec must be TEXT such as 'email; length(1, 254)', "
            "not %s",
            zFunc, rcTypeName(pSpec));
    return 0;
  }
  z = (const char *)sqlite3_value_text(pSpec);
  n = sqlite3_value_bytes(pSpec);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  pSet = rcSpecFind(ctx, pConn, z, n);
  if (pSet) return pSet;
  pEntry = rcSpecNew(pConn, z, n);
  pSet = pEntry ? &pEntry->set : (RcRuleSet *)sqlite3_malloc64(sizeof(*pSet));
  if (pSet == 0) {
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if (!rcRuleParseMem(z, (size_t)n, pSet, &rcPatternSqlMem, zErr,
                      (int)sizeof(zErr))) {
    char *zShown =
        pSet->bNoMem ? 0 : rcCleanText((const unsigned char *)z, n, 1);
    if (zShown == 0) {
      sqlite3_result_error_nomem(ctx);
    } else {
      rcUsage(ctx, "%s: spec \"%s\", %s", zFunc, zShown, zErr);
    }
    sqlite3_free(zShown);
    sqlite3_free(pEntry ? (void *)pEntry : (void *)pSet);
    return 0;
  }
  p = (RcSpecCache *)pConn->pSpecs;
  if (pEntry) {
    p->apEntry[p->nEntry++] = pEntry;
    p->nText += (size_t)n;
    return pSet;
  }
  /* Not kept in the cache: the statement owns this parse, as the call's
  ** auxdata, which rcRuleSetArg must then look for: a site that holds
  ** this context (left by a statement finalized before) would say that
  ** the call has none. */
  if (p) {
    RcSite *pSite = rcSiteOf(p->aSite, ctx);
    if (pSite->pCtx == (const void *)ctx) pSite->pCtx = 0;
  }
  sqlite3_set_auxdata(ctx, 1, pSet, rcRuleSetFree);
  pSet = (RcRuleSet *)sqlite3_get_auxdata(ctx, 1);
  if (pSet == 0) sqlite3_result_error_nomem(ctx);
  return pSet;
}

/*
** The parsed spec argument pSpec, valid until the call returns; 0 after a
** usage error.  The call's site (rcSiteOf) comes first: when its last find
** did not set the call's auxdata (nFind > 0: a statement reset at every
** row, such as a prepared INSERT into a table with rules 'check'), there
** is none to get, and the entry it found then is compared with the spec
** at once.  Neither shortcut decides anything alone: an auxdata is the
** statement's own parse, and an entry is taken only when its text is the
** spec's.
*/
static RC_ALWAYS_INLINE const RcRuleSet *
rcRuleSetArg(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pSpec) {
  RcConn *pConn = (RcConn *)sqlite3_user_data(ctx);
  RcSpecCache *p = (RcSpecCache *)pConn->pSpecs;
  RcSite *pSite = p ? rcSiteOf(p->aSite, ctx) : 0;
  int bSite = pSite && pSite->pCtx == (const void *)ctx;
  pConn->nCall++;
  if (!bSite || pSite->nFind == 0) {
    RcRuleSet *pSet = (RcRuleSet *)sqlite3_get_auxdata(ctx, 1);
    if (pSet) return pSet;
  }
  if (bSite && sqlite3_value_type(pSpec) == SQLITE_TEXT) {
    RcSpecEntry *e = (RcSpecEntry *)pSite->pEntry;
    const char *z = (const char *)sqlite3_value_text(pSpec);
    int n = sqlite3_value_bytes(pSpec);
    if (z && e->nText == n && rcTextEqual(e->zText, z, n)) {
      rcSiteFoundAgain(pConn, pSite, ctx, &e->set);
      return &e->set;
    }
  }
  return rcRuleSetSearch(ctx, pConn, zFunc, pSpec);
}

/* The verdict of the first rule of pSet that pVal breaks, or 0. */
int rcRuleSetVerdict(sqlite3_context *ctx, const RcRuleSet *pSet,
                     sqlite3_value *pVal, char **pzMsg) {
  int i, code = 0;
  *pzMsg = 0;
  for (i = 0; i < pSet->nRule && code == 0; i++) {
    const RcRule *p = &pSet->aRule[i];
    switch (p->eKind) {
    case RC_RULE_EMAIL:
      code = rcEmailVerdict(ctx, pVal, p->emailFlags, pzMsg);
      break;
    case RC_RULE_LENGTH:
      code = rcLengthVerdict(ctx, pVal, p->iMin, p->iMax, p->eUnit, pzMsg);
      break;
    case RC_RULE_UUID: code = rcUuidVerdict(ctx, pVal, &p->uuid, pzMsg); break;
    case RC_RULE_DATE: code = rcDateVerdict(ctx, pVal, &p->date, pzMsg); break;
    case RC_RULE_NUMBER:
      code = rcNumberVerdict(ctx, pVal, &p->number, pzMsg);
      break;
    case RC_RULE_PATTERN:
      code = rcPatternVerdict(ctx, pVal, p->pPattern, pzMsg);
      break;
    default:
      code = rcMoneyVerdict(ctx, pVal, &p->money, p->bMin, p->iMin, p->bMax,
                            p->iMax, pzMsg);
      break;
    }
  }
  return code;
}

/*
** 1 when the text z[0..n) passes every rule of pSet, judged by the same
** cores as the verdicts (rcEmailFast, rcUtf8Scan, rcMoneyFromText) but
** without their messages and without reading the value once per rule; 0
** when the verdicts must judge it: a failure, or a case only they take (an
** address the one-pass path leaves to ICU, graphemes that grapheme.c's fast
** path leaves to ICU's break iterator).
** The rows of a table with rules nearly all pass: this is their path, taken
** by richcheck() only; richcheck_valid, _code and _error keep to the
** verdicts, which makes them the oracle this path is tested against.
*/
static RC_ALWAYS_INLINE int rcRuleSetPassesText(sqlite3_context *ctx,
                                                const RcRuleSet *pSet,
                                                const unsigned char *z,
                                                size_t n) {
  RcUtf8Scan scan;
  int i, nScale, bScanned = 0;
  for (i = 0; i < pSet->nRule; i++) {
    const RcRule *p = &pSet->aRule[i];
    sqlite3_int64 nLen;
    char zWhy[160];
    RcEmail email;
    RcMoney m;
    switch (p->eKind) {
    case RC_RULE_EMAIL:
      if (rcEmailFast(z, n, p->emailFlags | RC_EMAIL_NO_NORM, &email) != 1 ||
          email.eTag != RC_EMAIL_OK) {
        return 0;
      }
      break;
    case RC_RULE_LENGTH:
      if (!bScanned && rcUtf8Scan(z, n, &scan) != RC_UTF8_OK) return 0;
      bScanned = 1;
      if (p->eUnit == RC_RULE_UNIT_BYTES) {
        nLen = (sqlite3_int64)n;
      } else if (p->eUnit == RC_RULE_UNIT_CHARS) {
        nLen = (sqlite3_int64)scan.nChar;
      } else if (scan.nChar == n) {
        nLen = (sqlite3_int64)rcAsciiGraphemes(z, n);
      } else if (!rcGraphemesFast((RcConn *)sqlite3_user_data(ctx), z, n,
                                  &nLen)) {
        return 0;
      }
      if (nLen < p->iMin || nLen > p->iMax) return 0;
      break;
    case RC_RULE_PATTERN:
      if (!bScanned && rcUtf8Scan(z, n, &scan) != RC_UTF8_OK) return 0;
      bScanned = 1;
      if (rcPatternMatch(p->pPattern, (const char *)z, n, zWhy,
                         (int)sizeof(zWhy)) != RC_PATTERN_MATCH) {
        return 0;
      }
      break;
    case RC_RULE_UUID:
    case RC_RULE_DATE:
    case RC_RULE_NUMBER: return 0; /* (their verdicts judge them) */
    default:
      /* rcMoneyFromText's two steps, its fast path without its frame, so
      ** that a text the fast path leaves is not read by it again */
      nScale = rcMoneySpecFastScale(&p->money);
      if ((nScale < 0 ||
           rcMoneyFastText((const char *)z, n, nScale, &m.iMinor) == 0) &&
          rcMoneyFromTextFull((const char *)z, n, &p->money, &m) !=
              RC_MONEY_OK) {
        return 0;
      }
      if ((p->bMin && m.iMinor < p->iMin) || (p->bMax && m.iMinor > p->iMax)) {
        return 0;
      }
      break;
    }
  }
  return 1;
}

/* richcheck() for a value (not NULL) that rcRuleSetPassesText does not
** pass at once: the verdicts judge it. */
static RC_NOINLINE void rcRichcheckJudge(sqlite3_context *ctx,
                                         const RcRuleSet *pSet,
                                         sqlite3_value *pVal,
                                         sqlite3_value *pLabel) {
  char *zMsg;
  int code = rcRuleSetVerdict(ctx, pSet, pVal, &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
  }
  sqlite3_free(zMsg);
}

void rcRichcheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RcRuleSet *pSet;
  const unsigned char *z;
  sqlite3_value *pLabel = argc > 2 ? argv[2] : 0;
  int eType;
  if (pLabel && sqlite3_value_type(pLabel) != SQLITE_TEXT &&
      !rcLabelArg(ctx, "richcheck", pLabel)) {
    return;
  }
  pSet = rcRuleSetArg(ctx, "richcheck", argv[1]);
  eType = sqlite3_value_type(argv[0]);
  if (pSet == 0 || eType == SQLITE_NULL) return;
  /* a TEXT value that certainly passes every rule (rcRuleSetPassesText);
  ** every other goes to the verdicts */
  if (eType == SQLITE_TEXT && (z = sqlite3_value_text(argv[0])) != 0 &&
      rcRuleSetPassesText(ctx, pSet, z, (size_t)sqlite3_value_bytes(argv[0]))) {
    sqlite3_result_int(ctx, 1);
    return;
  }
  rcRichcheckJudge(ctx, pSet, argv[0], pLabel);
}

/* What richcheck_valid, richcheck_code and richcheck_error return. */
typedef enum RcAnswer {
  RC_ANSWER_VALID,
  RC_ANSWER_CODE,
  RC_ANSWER_ERROR
} RcAnswer;

static void rcRichcheckAnswer(sqlite3_context *ctx, const char *zFunc,
                              sqlite3_value **argv, RcAnswer eAnswer) {
  const RcRuleSet *pSet = rcRuleSetArg(ctx, zFunc, argv[1]);
  char *zMsg;
  int code;
  if (pSet == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcRuleSetVerdict(ctx, pSet, argv[0], &zMsg);
  if (code == SQLITE_NOMEM ||
      (code == SQLITE_ERROR && eAnswer == RC_ANSWER_VALID)) {
    rcReport(ctx, code, 0, zMsg); /* not a verdict on the value */
  } else if (eAnswer == RC_ANSWER_VALID) {
    sqlite3_result_int(ctx, code == 0);
  } else if (code != 0 && eAnswer == RC_ANSWER_CODE) {
    sqlite3_result_int(ctx, code);
  } else if (code != 0) {
    sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
    return;
  }
  sqlite3_free(zMsg);
}

void rcRichcheckValidFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  (void)argc;
  rcRichcheckAnswer(ctx, "richcheck_valid", argv, RC_ANSWER_VALID);
}

void rcRichcheckCodeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  rcRichcheckAnswer(ctx, "richcheck_code", argv, RC_ANSWER_CODE);
}

void rcRichcheckErrorFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  (void)argc;
  rcRichcheckAnswer(ctx, "richcheck_error", argv, RC_ANSWER_ERROR);
}
