/*
** rule_sql.c - rules as SQL: one spec, the checks of every family.
**
**     richcheck(x, spec [, label])   -> 1, or raises the code of the first
**                                       rule x breaks
**     richcheck_valid(x, spec)       -> 1 or 0
**     richcheck_error(x, spec)       -> NULL, or the message of that rule
**
**     SELECT richcheck('bob@example.com', 'email; length(1, 254)',
*'users.email');
**
** The spec is parsed once per statement (rule.c); each rule runs through the
** same verdict function as its family's *_check.
*/
#include "richcheck_int.h"
#include "rule.h"

/* The parsed spec argument argv[1]; 0 after a usage error. */
static const RcRuleSet *rcRuleSetArg(sqlite3_context *ctx, const char *zFunc,
                                     sqlite3_value *pSpec) {
  RcRuleSet *pSet = (RcRuleSet *)sqlite3_get_auxdata(ctx, 1);
  char zErr[300];
  const char *z;
  if (pSet) return pSet;
  if (sqlite3_value_type(pSpec) != SQLITE_TEXT) {
    rcUsage(ctx,
            "%s: the spec must be TEXT such as 'email; length(1, 254)', "
            "not %s",
            zFunc, rcTypeName(pSpec));
    return 0;
  }
  pSet = (RcRuleSet *)sqlite3_malloc64(sizeof(*pSet));
  z = (const char *)sqlite3_value_text(pSpec);
  if (pSet == 0 || z == 0) {
    sqlite3_free(pSet);
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  if (!rcRuleParse(z, (size_t)sqlite3_value_bytes(pSpec), pSet, zErr,
                   (int)sizeof(zErr))) {
    char *zSpec =
        rcCleanText((const unsigned char *)z, sqlite3_value_bytes(pSpec), 1);
    rcUsage(ctx, "%s: spec \"%s\", %s", zFunc, zSpec ? zSpec : "", zErr);
    sqlite3_free(zSpec);
    sqlite3_free(pSet);
    return 0;
  }
  sqlite3_set_auxdata(ctx, 1, pSet, sqlite3_free);
  /* set_auxdata may have freed it already (no memory): ask again */
  pSet = (RcRuleSet *)sqlite3_get_auxdata(ctx, 1);
  if (pSet == 0) sqlite3_result_error_nomem(ctx);
  return pSet;
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
    default:
      code = rcMoneyVerdict(ctx, pVal, &p->money, p->bMin, p->iMin, p->bMax,
                            p->iMax, pzMsg);
      break;
    }
  }
  return code;
}

void rcRichcheckFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RcRuleSet *pSet;
  sqlite3_value *pLabel = argc > 2 ? argv[2] : 0;
  char *zMsg;
  int code;
  if (pLabel && !rcLabelArg(ctx, "richcheck", pLabel)) return;
  pSet = rcRuleSetArg(ctx, "richcheck", argv[1]);
  if (pSet == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcRuleSetVerdict(ctx, pSet, argv[0], &zMsg);
  if (code == 0) {
    sqlite3_result_int(ctx, 1);
  } else {
    rcReport(ctx, code, pLabel, zMsg);
  }
  sqlite3_free(zMsg);
}

void rcRichcheckValidFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  const RcRuleSet *pSet = rcRuleSetArg(ctx, "richcheck_valid", argv[1]);
  char *zMsg;
  int code;
  (void)argc;
  if (pSet == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcRuleSetVerdict(ctx, pSet, argv[0], &zMsg);
  if (code == SQLITE_NOMEM || code == SQLITE_ERROR) {
    rcReport(ctx, code, 0, zMsg);
  } else {
    sqlite3_result_int(ctx, code == 0);
  }
  sqlite3_free(zMsg);
}

void rcRichcheckErrorFunc(sqlite3_context *ctx, int argc,
                          sqlite3_value **argv) {
  const RcRuleSet *pSet = rcRuleSetArg(ctx, "richcheck_error", argv[1]);
  char *zMsg;
  int code;
  (void)argc;
  if (pSet == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  code = rcRuleSetVerdict(ctx, pSet, argv[0], &zMsg);
  if (code == SQLITE_NOMEM || code == SQLITE_ERROR) {
    rcReport(ctx, code, 0, zMsg);
  } else if (code != 0) {
    sqlite3_result_text(ctx, zMsg, -1, sqlite3_free);
    return;
  }
  sqlite3_free(zMsg);
}
