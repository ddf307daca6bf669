/*
** richcheck.c - the entry point: version check, per-connection state and
** the one table of SQL functions.  Nothing else lives here.
**
**     .load ./richcheck
**     SELECT length_check('hello', 1, 50, 'users.name');   -- 1
**     SELECT * FROM richcheck_codes;
*/
#include "richcheck_int.h"

SQLITE_EXTENSION_INIT1

#include <stddef.h>
#ifndef SQLITE_CORE
#include <pthread.h>
#endif

/* Validators: usable in CHECK, generated columns and indexes. */
#define RC_PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
/* Functions with effects on the connection: never from the schema. */
#define RC_DIRECT (SQLITE_UTF8 | SQLITE_DIRECTONLY)

typedef struct RcFuncDef RcFuncDef;
struct RcFuncDef {
  const char *zName;
  signed char nArg;
  int eTextRep;
  void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  const RcAggDef *pAgg; /* an aggregate and window function instead */
};

static const RcFuncDef aRcFunc[] = {
    {"email_valid", 1, RC_PURE, rcEmailValidFunc, 0},
    {"email_valid", 2, RC_PURE, rcEmailValidFunc, 0},
    {"email_error", 1, RC_PURE, rcEmailErrorFunc, 0},
    {"email_error", 2, RC_PURE, rcEmailErrorFunc, 0},
    {"email_normalize", 1, RC_PURE, rcEmailNormalizeFunc, 0},
    {"email_normalize", 2, RC_PURE, rcEmailNormalizeFunc, 0},
    {"email_check", 1, RC_PURE, rcEmailCheckFunc, 0},
    {"email_check", 2, RC_PURE, rcEmailCheckFunc, 0},
    {"email_check", 3, RC_PURE, rcEmailCheckFunc, 0},
    {"money_valid", 1, RC_PURE, rcMoneyValidFunc, 0},
    {"money_valid", 2, RC_PURE, rcMoneyValidFunc, 0},
    {"money_check", 1, RC_PURE, rcMoneyCheckFunc, 0},
    {"money_check", 2, RC_PURE, rcMoneyCheckFunc, 0},
    {"money_check", 3, RC_PURE, rcMoneyCheckFunc, 0},
    {"money_check", 4, RC_PURE, rcMoneyCheckFunc, 0},
    {"money_check", 5, RC_PURE, rcMoneyCheckFunc, 0},
    {"money_canon", 1, RC_PURE, rcMoneyCanonFunc, 0},
    {"money_canon", 2, RC_PURE, rcMoneyCanonFunc, 0},
    {"money_canon", 3, RC_PURE, rcMoneyCanonFunc, 0},
    {"money_minor", 1, RC_PURE, rcMoneyMinorFunc, 0},
    {"money_minor", 2, RC_PURE, rcMoneyMinorFunc, 0},
    {"money_minor", 3, RC_PURE, rcMoneyMinorFunc, 0},
    {"money_scale", 1, RC_PURE, rcMoneyScaleFunc, 0},
    {"money_sum", 1, RC_PURE, 0, &rcMoneySumDef},
    {"money_sum", 2, RC_PURE, 0, &rcMoneySumDef},
    {"money_format", 2, RC_PURE, rcMoneyFormatFunc, 0},
    {"money_format", 3, RC_PURE, rcMoneyFormatFunc, 0},
    {"money_parse", 2, RC_PURE, rcMoneyParseFunc, 0},
    {"money_parse", 3, RC_PURE, rcMoneyParseFunc, 0},
    {"length_count", 1, RC_PURE, rcLengthCountFunc, 0},
    {"length_count", 2, RC_PURE, rcLengthCountFunc, 0},
    {"length_valid", 3, RC_PURE, rcLengthValidFunc, 0},
    {"length_valid", 4, RC_PURE, rcLengthValidFunc, 0},
    {"length_check", 3, RC_PURE, rcLengthCheckFunc, 0},
    {"length_check", 4, RC_PURE, rcLengthCheckFunc, 0},
    {"length_check", 5, RC_PURE, rcLengthCheckFunc, 0},
    {"uuid_valid", 1, RC_PURE, rcUuidValidFunc, 0},
    {"uuid_valid", 2, RC_PURE, rcUuidValidFunc, 0},
    {"uuid_error", 1, RC_PURE, rcUuidErrorFunc, 0},
    {"uuid_error", 2, RC_PURE, rcUuidErrorFunc, 0},
    {"uuid_check", 1, RC_PURE, rcUuidCheckFunc, 0},
    {"uuid_check", 2, RC_PURE, rcUuidCheckFunc, 0},
    {"uuid_check", 3, RC_PURE, rcUuidCheckFunc, 0},
    {"uuid_canon", 1, RC_PURE, rcUuidCanonFunc, 0},
    {"uuid_canon", 2, RC_PURE, rcUuidCanonFunc, 0},
    {"uuid_canon", 3, RC_PURE, rcUuidCanonFunc, 0},
    {"date_valid", 1, RC_PURE, rcDateValidFunc, 0},
    {"date_valid", 2, RC_PURE, rcDateValidFunc, 0},
    {"date_error", 1, RC_PURE, rcDateErrorFunc, 0},
    {"date_error", 2, RC_PURE, rcDateErrorFunc, 0},
    {"date_check", 1, RC_PURE, rcDateCheckFunc, 0},
    {"date_check", 2, RC_PURE, rcDateCheckFunc, 0},
    {"date_check", 3, RC_PURE, rcDateCheckFunc, 0},
    {"time_valid", 1, RC_PURE, rcTimeValidFunc, 0},
    {"time_valid", 2, RC_PURE, rcTimeValidFunc, 0},
    {"time_error", 1, RC_PURE, rcTimeErrorFunc, 0},
    {"time_error", 2, RC_PURE, rcTimeErrorFunc, 0},
    {"time_check", 1, RC_PURE, rcTimeCheckFunc, 0},
    {"time_check", 2, RC_PURE, rcTimeCheckFunc, 0},
    {"time_check", 3, RC_PURE, rcTimeCheckFunc, 0},
    {"datetime_valid", 1, RC_PURE, rcDatetimeValidFunc, 0},
    {"datetime_valid", 2, RC_PURE, rcDatetimeValidFunc, 0},
    {"datetime_error", 1, RC_PURE, rcDatetimeErrorFunc, 0},
    {"datetime_error", 2, RC_PURE, rcDatetimeErrorFunc, 0},
    {"datetime_check", 1, RC_PURE, rcDatetimeCheckFunc, 0},
    {"datetime_check", 2, RC_PURE, rcDatetimeCheckFunc, 0},
    {"datetime_check", 3, RC_PURE, rcDatetimeCheckFunc, 0},
    {"number_valid", 3, RC_PURE, rcNumberValidFunc, 0},
    {"number_valid", 4, RC_PURE, rcNumberValidFunc, 0},
    {"number_error", 3, RC_PURE, rcNumberErrorFunc, 0},
    {"number_error", 4, RC_PURE, rcNumberErrorFunc, 0},
    {"number_check", 3, RC_PURE, rcNumberCheckFunc, 0},
    {"number_check", 4, RC_PURE, rcNumberCheckFunc, 0},
    {"number_check", 5, RC_PURE, rcNumberCheckFunc, 0},
    {"pattern_valid", 2, RC_PURE, rcPatternValidFunc, 0},
    {"pattern_valid", 3, RC_PURE, rcPatternValidFunc, 0},
    {"pattern_error", 2, RC_PURE, rcPatternErrorFunc, 0},
    {"pattern_error", 3, RC_PURE, rcPatternErrorFunc, 0},
    {"pattern_check", 2, RC_PURE, rcPatternCheckFunc, 0},
    {"pattern_check", 3, RC_PURE, rcPatternCheckFunc, 0},
    {"pattern_check", 4, RC_PURE, rcPatternCheckFunc, 0},
    {"richcheck_assert", 3, RC_PURE, rcAssertFunc, 0},
    {"richcheck_assert", 4, RC_PURE, rcAssertFunc, 0},
    {"richcheck", 2, RC_PURE, rcRichcheckFunc, 0},
    {"richcheck", 3, RC_PURE, rcRichcheckFunc, 0},
    {"richcheck_valid", 2, RC_PURE, rcRichcheckValidFunc, 0},
    {"richcheck_code", 2, RC_PURE, rcRichcheckCodeFunc, 0},
    {"richcheck_error", 2, RC_PURE, rcRichcheckErrorFunc, 0},
    {"richcheck_add_rule", 3, RC_DIRECT, rcAddRuleFunc, 0},
    {"richcheck_add_rule", 4, RC_DIRECT, rcAddRuleFunc, 0},
    {"richcheck_add_constraint", 3, RC_DIRECT, rcAddConstraintFunc, 0},
    {"richcheck_add_constraint", 4, RC_DIRECT, rcAddConstraintFunc, 0},
    {"richcheck_drop_constraint", 2, RC_DIRECT, rcDropConstraintFunc, 0},
    {"richcheck_drop_rule", 2, RC_DIRECT, rcDropRuleFunc, 0},
    {"richcheck_drop_rule", 3, RC_DIRECT, rcDropRuleFunc, 0},
    {"richcheck_repair_rules", 0, RC_DIRECT, rcRepairRulesFunc, 0},
    {"richcheck_repair_rules", 1, RC_DIRECT, rcRepairRulesFunc, 0},
    {"richcheck_repair_rules", 2, RC_DIRECT, rcRepairRulesFunc, 0},
    {"richcheck_sqlstate", 1, RC_PURE, rcSqlstateFunc, 0},
    {"richcheck_category", 1, RC_PURE, rcCategoryFunc, 0},
    {"richcheck_version", 0, RC_PURE, rcVersionFunc, 0},
    {"richcheck_error_mode", 0, RC_DIRECT, rcErrorModeFunc, 0},
    {"richcheck_error_mode", 1, RC_DIRECT, rcErrorModeFunc, 0},
};

int rcIsPureFunction(const char *zName) {
  size_t i;
  for (i = 0; i < sizeof(aRcFunc) / sizeof(aRcFunc[0]); i++) {
    if (aRcFunc[i].eTextRep == RC_PURE &&
        sqlite3_stricmp(aRcFunc[i].zName, zName) == 0) {
      return 1;
    }
  }
  return 0;
}

static void rcConnRelease(void *p) {
  RcConn *pConn = (RcConn *)p;
  if (--pConn->nRef > 0) return;
  rcTextRelease(pConn);
  rcEmailRelease(pConn);
  rcMoneyFmtRelease(pConn);
  rcRuleRelease(pConn);
  rcMoneyRelease(pConn);
  rcPatternRelease(pConn);
  sqlite3_free(pConn);
}

#define RC_ALREADY_LOADED (-1)

#ifndef SQLITE_CORE
/*
** Points sqlite3_api, the one global a loadable extension has (every
** sqlite3_* call of ours reads it), at SQLite's routines.  The plain
** "sqlite3_api = pApi" of SQLITE_EXTENSION_INIT2, done by every load, is a
** data race when two threads load richcheck at once.  Here the pointer is
** written only when it differs (the first load, in practice), atomically
** and under a lock: a thread finds it set by an acquire load, which orders
** its own plain reads after the one write, or waits for the thread writing
** it.  A static build (SQLITE_CORE) calls SQLite directly: no such global.
*/
static void rcApiSet(const sqlite3_api_routines *pApi) {
  static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  if (__atomic_load_n(&sqlite3_api, __ATOMIC_ACQUIRE) == pApi) return;
  pthread_mutex_lock(&mutex);
  if (__atomic_load_n(&sqlite3_api, __ATOMIC_RELAXED) != pApi) {
    __atomic_store_n(&sqlite3_api, pApi, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&mutex);
}
#endif

static int rcRegisterFunctions(sqlite3 *db, RcConn *pConn) {
  size_t i;
  for (i = 0; i < sizeof(aRcFunc) / sizeof(aRcFunc[0]); i++) {
    const RcFuncDef *p = &aRcFunc[i];
    int rc;
    pConn->nRef++; /* released by rcConnRelease, also when creation fails */
    if (p->pAgg) {
      rc = sqlite3_create_window_function(
          db, p->zName, p->nArg, p->eTextRep, pConn, p->pAgg->xStep,
          p->pAgg->xFinal, p->pAgg->xValue, p->pAgg->xInverse, rcConnRelease);
    } else {
      rc = sqlite3_create_function_v2(db, p->zName, p->nArg, p->eTextRep, pConn,
                                      p->xFunc, 0, 0, rcConnRelease);
    }
    if (rc == SQLITE_BUSY && i == 0) {
      /* Already loaded, and SELECT load_extension() is running: replacing a
      ** function under an active statement is refused, so keep the ones
      ** there.  Loading again is a no-op. */
      return RC_ALREADY_LOADED;
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
    RICHCHECK_API int sqlite3_richcheck_init(sqlite3 *db, char **pzErrMsg,
                                             const sqlite3_api_routines *pApi) {
  RcConn *pConn;
  int rc;
#ifdef SQLITE_CORE
  (void)pApi;
#else
  rcApiSet(pApi);
#endif

  if (sqlite3_libversion_number() < RICHCHECK_MIN_SQLITE_VERSION_NUMBER) {
    if (pzErrMsg) {
      *pzErrMsg =
          sqlite3_mprintf("richcheck needs SQLite " RICHCHECK_MIN_SQLITE_VERSION
                          " or later; this is SQLite %s",
                          sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  pConn = (RcConn *)sqlite3_malloc64(sizeof(*pConn));
  if (pConn == 0) return SQLITE_NOMEM;
  pConn->nRef = 1; /* held by this function until registration is done */
  pConn->bCompat = 0;
  pConn->bTagged = 0;
  pConn->pGraphemes = 0;
  pConn->pEmailIcu = 0;
  pConn->pMoneyFmt = 0;
  pConn->pSpecs = 0;
  pConn->pMoneySpecs = 0;
  pConn->pPatterns = 0;
  pConn->nCall = 0;
  rc = rcRegisterFunctions(db, pConn);
  if (rc == SQLITE_OK) rc = rcCodesRegister(db);
  if (rc == SQLITE_OK) rc = rcViolationsRegister(db);
  rcConnRelease(pConn);
  if (rc == RC_ALREADY_LOADED) return SQLITE_OK;
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("richcheck: registration failed: %s",
                                sqlite3_errstr(rc));
  }
  return rc;
}
