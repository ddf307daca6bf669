/*
** richcheck_int.h - what the files of ext/ share: the per-connection state,
** the raise helpers every check uses, and the SQL functions that
** richcheck.c registers from its one table.
*/
#ifndef RICHCHECK_INT_H
#define RICHCHECK_INT_H

#include <sqlite3ext.h>
#include <stdint.h>
#include <string.h>
SQLITE_EXTENSION_INIT3

#include "datetime.h"
#include "money.h"
#include "number.h"
#include "pattern.h"
#include "richcheck.h"
#include "uuid.h"

/*
** State of one connection, shared by every function registered on it and
** freed when the last of them is dropped (each registration holds a
** reference), so there is no global mutable state but the sqlite3_api
** pointer of a loadable build (rcApiSet in richcheck.c).
*/
typedef struct RcConn RcConn;
struct RcConn {
  int nRef;
  int bCompat;      /* richcheck_error_mode('compat') is in force */
  int bTagged;      /* messages start with the code's tag ('tagged') */
  void *pGraphemes; /* text.c's grapheme table and iterator, on first use */
  void *pEmailIcu;  /* email.c's ICU objects, opened on first use */
  void *pMoneyFmt;  /* money_fmt_sql.c's en_US formatter, opened on first use */
  void *pSpecs;     /* rule_sql.c's cache of parsed specs */
  void *pMoneySpecs;    /* money_sql.c's cache of parsed currency arguments */
  void *pPatterns;      /* pattern_sql.c's cache of compiled patterns */
  sqlite3_uint64 nCall; /* calls of functions with cached arguments */
};

/*
** Whether the SQLite that loaded richcheck has API function NAME.  A build
** of SQLite can leave some out (better-sqlite3's has no progress handler:
** SQLITE_OMIT_PROGRESS_CALLBACK), and their sqlite3_api entries are then 0.
** Linked in (SQLITE_CORE), a missing one fails the link instead.
*/
#ifdef SQLITE_CORE
#define RC_HAS_API(NAME) 1
#else
#define RC_HAS_API(NAME) (sqlite3_api->NAME != 0)
#endif

/* report.c */

/*
** Fails the current function call with a richcheck code: the message first,
** then the code (the other order yields SQLITE_ERROR).  pLabel, when a
** non-empty TEXT, prefixes the message as "label: " (cleaned: rcCleanText).
*/
void rcRaise(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
             const char *zFormat, ...);

/*
** Reports a verdict: code is a richcheck code (raised with zMsg and the
** label, as rcRaise), SQLITE_ERROR (a usage or system error with zMsg), or
** SQLITE_NOMEM.  The *Verdict functions of each family return such codes,
** or 0 for a value that passes, and set a message sqlite3_free() frees.
*/
void rcReport(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
              const char *zMsg);

/* A label argument must be TEXT or NULL; else a usage error and 0. */
int rcLabelArg(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pLabel);

/* Fails the call as a usage error: plain SQLITE_ERROR and the message. */
void rcUsage(sqlite3_context *ctx, const char *zFormat, ...);

/*
** Text z[0..n) made fit for a one-line message: cut to RC_CLEAN_MAX
** characters with "...", control characters and bytes that are not UTF-8
** as \xNN, and with bQuotes, " and \ escaped.  sqlite3_free() it; 0 when
** memory ran out (report SQLITE_NOMEM: never a message without its value).
*/
#define RC_CLEAN_MAX 64
char *rcCleanText(const unsigned char *z, int n, int bQuotes);
/* rcCleanText with at most nMax characters (a message of the schema's own,
** which the limit of the connection cuts when it must). */
char *rcCleanTextMax(const unsigned char *z, int n, int bQuotes, size_t nMax);

/* "NULL", "INTEGER", "REAL", "TEXT" or "BLOB". */
const char *rcTypeName(sqlite3_value *pVal);

/* Releases what text.c keeps in the connection state. */
void rcTextRelease(RcConn *pConn);

/*
** Grapheme clusters of the well-formed UTF-8 z[0..n) by grapheme.c's fast
** path into *pn, and 1; 0 when that path does not decide (grapheme.h) or
** the connection has not built its table yet (text.c): the caller then
** measures the full way (rcLengthVerdict), which builds it in time.
*/
int rcGraphemesFast(RcConn *pConn, const unsigned char *z, size_t n,
                    sqlite3_int64 *pn);

/* codes.c */
int rcCodesRegister(sqlite3 *db);
/*
** sqlite3_declare_vtab() that works under a small SQLITE_LIMIT_LENGTH.
** SQLite parses the declaration as a CREATE TABLE and formats on the way
** the statement that would record it in the schema (about 100 bytes and
** the declaration, quoted); past the limit the table fails to construct
** ("vtable constructor failed").  The limit is raised for that call only:
** the declaration is richcheck's own text, never data.
*/
int rcDeclareVtab(sqlite3 *db, const char *zSql);
void rcSqlstateFunc(sqlite3_context *, int, sqlite3_value **);
void rcCategoryFunc(sqlite3_context *, int, sqlite3_value **);
void rcVersionFunc(sqlite3_context *, int, sqlite3_value **);
void rcErrorModeFunc(sqlite3_context *, int, sqlite3_value **);

/* email_sql.c */
void rcEmailRelease(RcConn *pConn);
void rcEmailValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcEmailErrorFunc(sqlite3_context *, int, sqlite3_value **);
void rcEmailNormalizeFunc(sqlite3_context *, int, sqlite3_value **);
void rcEmailCheckFunc(sqlite3_context *, int, sqlite3_value **);
int rcEmailVerdict(sqlite3_context *ctx, sqlite3_value *pVal, unsigned flags,
                   char **pzMsg);

/* An aggregate that is also a window function. */
typedef struct RcAggDef RcAggDef;
struct RcAggDef {
  void (*xStep)(sqlite3_context *, int, sqlite3_value **);
  void (*xFinal)(sqlite3_context *);
  void (*xValue)(sqlite3_context *);
  void (*xInverse)(sqlite3_context *, int, sqlite3_value **);
};

/* money_sql.c: reading and reporting amounts, shared with money_fmt_sql.c */
#define RC_SPEC_FAILED 0 /* the call failed: usage error or no memory */
#define RC_SPEC_OK 1
#define RC_SPEC_ROW 2 /* the row's currency is not one: data */
int rcMoneySpecArg(sqlite3_context *ctx, const char *zFunc, int argc,
                   sqlite3_value **argv, RcMoneySpec *pSpec);
/* Fails the call for amount pVal (not NULL), whose currency pCur from the
** row is not one: RICHCHECK_CURRENCY, naming both. */
void rcMoneyRowCurrencyFail(sqlite3_context *ctx, sqlite3_value *pVal,
                            sqlite3_value *pCur, sqlite3_value *pLabel);
RcMoneyStatus rcMoneyRead(sqlite3_value *pVal, int eType,
                          const RcMoneySpec *pSpec, RcMoney *p);
char *rcMoneyMessage(RcMoneyStatus e, sqlite3_value *pVal, const RcMoney *p,
                     const RcMoneySpec *pSpec);
void rcMoneyFail(sqlite3_context *ctx, RcMoneyStatus e, sqlite3_value *pVal,
                 const RcMoney *p, const RcMoneySpec *pSpec,
                 sqlite3_value *pLabel);
void rcMoneyResultText(sqlite3_context *ctx, int64_t iMinor, const RcMoney *p,
                       const RcMoneySpec *pSpec);
/* money_sql.c: the SQL functions */
void rcMoneyRelease(RcConn *pConn);
void rcMoneyScaleFunc(sqlite3_context *, int, sqlite3_value **);
void rcMoneyValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcMoneyCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcMoneyCanonFunc(sqlite3_context *, int, sqlite3_value **);
void rcMoneyMinorFunc(sqlite3_context *, int, sqlite3_value **);
extern const RcAggDef rcMoneySumDef;
int rcMoneyVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                   const RcMoneySpec *pSpec, int bMin, sqlite3_int64 iMin,
                   int bMax, sqlite3_int64 iMax, char **pzMsg);

/* money_fmt_sql.c */
void rcMoneyFmtRelease(RcConn *pConn);
void rcMoneyFormatFunc(sqlite3_context *, int, sqlite3_value **);
void rcMoneyParseFunc(sqlite3_context *, int, sqlite3_value **);

/* Keeps a function's rare path out of its caller's hot one, whose frame
** then saves fewer registers; and puts a hot helper into its one caller,
** which then pays one frame. */
#if defined(__GNUC__)
#define RC_NOINLINE __attribute__((noinline))
#define RC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define RC_NOINLINE
#define RC_ALWAYS_INLINE inline
#endif

/*
** Whether texts a[0..n) and b[0..n), each followed by a 0 (a[n], b[n]: as
** sqlite3_value_text gives, and as the caches keep their copies), hold the
** same bytes: for the short constant arguments (a currency, a spec) that a
** call compares with the one it cached, where memcmp's call costs more than
** the compare.  The n + 1 bytes with the 0 are read as two words that
** overlap, whose equal bytes compare equal twice.
*/
static inline int rcTextEqual(const char *a, const char *b, int n) {
  uint32_t a4[2], b4[2];
  uint64_t a8[2], b8[2];
  if (n >= 3 && n < 8) {
    memcpy(&a4[0], a, 4);
    memcpy(&a4[1], a + n - 3, 4);
    memcpy(&b4[0], b, 4);
    memcpy(&b4[1], b + n - 3, 4);
    return ((a4[0] ^ b4[0]) | (a4[1] ^ b4[1])) == 0;
  }
  if (n >= 7 && n < 16) {
    memcpy(&a8[0], a, 8);
    memcpy(&a8[1], a + n - 7, 8);
    memcpy(&b8[0], b, 8);
    memcpy(&b8[1], b + n - 7, 8);
    return ((a8[0] ^ b8[0]) | (a8[1] ^ b8[1])) == 0;
  }
  return memcmp(a, b, (size_t)n) == 0;
}

/*
** Which entry of a per-connection cache a call's constant argument found
** last, so that the call finds it again without a search, and whether to
** keep the entry as the call's auxdata too.  Auxdata makes the next rows of
** a scan faster, but SQLite drops it at every sqlite3_reset(), and a
** prepared INSERT is reset at every row: setting it there would allocate at
** every row.  So it is set when a call finds an entry it did not find last,
** or after many other calls (pConn->nCall, counted by the functions that use
** this), not when the same call (its context lives as long as its statement)
** finds it again row after row.  A new statement can get the memory, and so
** the context, of one finalized just before: its call then looks like one
** reset at every row, and would scan without auxdata; so every
** RC_AUX_RETRY-th find of a call sets it anyway (a reset statement pays one
** allocation in RC_AUX_RETRY rows, a scan keeps it from there on).  Each
** cache has its own sites, in pairs: a call has a place in one pair, and the
** one of the two used less recently makes way for a call new to the pair.
*/
#define RC_SITES_LOG2 6
#define RC_SITES (1 << RC_SITES_LOG2)
typedef struct RcSite RcSite;
struct RcSite {
  const void *pCtx;     /* the call */
  const void *pEntry;   /* the entry it found last; the cache checks it */
  sqlite3_uint64 nCall; /* pConn->nCall then */
  unsigned nFind;       /* finds by this call since auxdata was last set */
};

/* The site of call ctx among a cache's aSite[RC_SITES], or the one to give
** it: if its pCtx is not ctx, the call was not seen (lately). */
static inline RcSite *rcSiteOf(RcSite *aSite, const sqlite3_context *ctx) {
  uint64_t h = (uint64_t)(uintptr_t)ctx * 0x9E3779B97F4A7C15u; /* Fibonacci */
  RcSite *p = &aSite[(h >> (64 - RC_SITES_LOG2)) & ~(uint64_t)1];
  if (p[0].pCtx == (const void *)ctx) return p;
  if (p[1].pCtx == (const void *)ctx) return p + 1;
  return p[0].nCall <= p[1].nCall ? p : p + 1;
}

/* Calls between two finds by one call beyond which its statement is taken
** to run a scan, not to be reset at every row; and how often a call that
** seems reset at every row sets its auxdata all the same. */
#define RC_AUX_GAP 1000
#define RC_AUX_RETRY 256

/* Records that call ctx found pEntry, and sets pAux (a part of the entry,
** which lives as long as the connection: no destructor) as the call's
** auxdata for argument 1 when that is worth it. */
static inline void rcSiteFound(RcConn *pConn, RcSite *pSite,
                               sqlite3_context *ctx, const void *pEntry,
                               void *pAux) {
  int bWorth = pSite->pCtx != (const void *)ctx || pSite->pEntry != pEntry ||
               pConn->nCall - pSite->nCall > RC_AUX_GAP ||
               pSite->nFind >= RC_AUX_RETRY;
  pSite->pCtx = (const void *)ctx;
  pSite->pEntry = pEntry;
  pSite->nCall = pConn->nCall;
  pSite->nFind = bWorth ? 0 : pSite->nFind + 1;
  if (bWorth) sqlite3_set_auxdata(ctx, 1, pAux, 0);
}

/* rcSiteFound for a call that found again the entry its site holds
** (pSite->pCtx is ctx, pSite->pEntry the entry): the same record, with the
** two tests that already hold left out. */
static inline void rcSiteFoundAgain(RcConn *pConn, RcSite *pSite,
                                    sqlite3_context *ctx, void *pAux) {
  int bWorth =
      pConn->nCall - pSite->nCall > RC_AUX_GAP || pSite->nFind >= RC_AUX_RETRY;
  pSite->nCall = pConn->nCall;
  pSite->nFind = bWorth ? 0 : pSite->nFind + 1;
  if (bWorth) sqlite3_set_auxdata(ctx, 1, pAux, 0);
}

/* rule_sql.c */
void rcRuleRelease(RcConn *pConn);
struct RcRuleSet;
int rcRuleSetVerdict(sqlite3_context *ctx, const struct RcRuleSet *pSet,
                     sqlite3_value *pVal, char **pzMsg);
void rcRichcheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcRichcheckValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcRichcheckErrorFunc(sqlite3_context *, int, sqlite3_value **);
void rcRichcheckCodeFunc(sqlite3_context *, int, sqlite3_value **);

/*
** Whether the function zFunc, which changes the schema or the connection, was
** called by a statement of the application: one running statement must name
** it.  SQLite keeps SQLITE_DIRECTONLY functions out of views and triggers,
** but 3.40 lets a CHECK constraint call them, and PRAGMA integrity_check
** evaluates CHECKs.  Else a usage error and 0.  (rule_change.c)
*/
int rcDirectCall(sqlite3_context *ctx, const char *zFunc);

/* rule_schema.c (declared rules; what their files share: rule_schema.h) */
void rcAddRuleFunc(sqlite3_context *, int, sqlite3_value **);
void rcDropRuleFunc(sqlite3_context *, int, sqlite3_value **);
void rcRepairRulesFunc(sqlite3_context *, int, sqlite3_value **);

/* richcheck.c: whether zName is one of richcheck's validators (registered
** deterministic and innocuous: usable in a CHECK, changing nothing) */
int rcIsPureFunction(const char *zName);

/* constraint.c (any CHECK on an existing table) */
void rcAddConstraintFunc(sqlite3_context *, int, sqlite3_value **);
void rcDropConstraintFunc(sqlite3_context *, int, sqlite3_value **);

/* violations.c */
int rcViolationsRegister(sqlite3 *db);

/* text.c */
void rcLengthCountFunc(sqlite3_context *, int, sqlite3_value **);
void rcLengthValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcLengthCheckFunc(sqlite3_context *, int, sqlite3_value **);
int rcLengthVerdict(sqlite3_context *ctx, sqlite3_value *pVal, sqlite3_int64 mn,
                    sqlite3_int64 mx, int eUnit, char **pzMsg);

/* assert.c */
void rcAssertFunc(sqlite3_context *, int, sqlite3_value **);

/*
** The families of issue 16.  Each *Verdict judges pVal (not NULL) as the
** rules do: 0 when it passes, else a richcheck code (or SQLITE_ERROR,
** SQLITE_NOMEM) and *pzMsg, which sqlite3_free() frees.
*/

/* uuid_sql.c */
void rcUuidValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcUuidCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcUuidErrorFunc(sqlite3_context *, int, sqlite3_value **);
void rcUuidCanonFunc(sqlite3_context *, int, sqlite3_value **);
int rcUuidVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcUuidSpec *pSpec, char **pzMsg);

/* datetime_sql.c */
void rcDateValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcDateCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcDateErrorFunc(sqlite3_context *, int, sqlite3_value **);
void rcTimeValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcTimeCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcTimeErrorFunc(sqlite3_context *, int, sqlite3_value **);
void rcDatetimeValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcDatetimeCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcDatetimeErrorFunc(sqlite3_context *, int, sqlite3_value **);
int rcDateVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                  const RcDateSpec *pSpec, char **pzMsg);

/* number_sql.c */
void rcNumberValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcNumberCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcNumberErrorFunc(sqlite3_context *, int, sqlite3_value **);
int rcNumberVerdict(sqlite3_context *ctx, sqlite3_value *pVal,
                    const RcNumberSpec *pSpec, char **pzMsg);

/* pattern_sql.c */
extern const RcPatternMem rcPatternSqlMem; /* SQLite's allocator */
void rcPatternRelease(RcConn *pConn);
void rcPatternValidFunc(sqlite3_context *, int, sqlite3_value **);
void rcPatternCheckFunc(sqlite3_context *, int, sqlite3_value **);
void rcPatternErrorFunc(sqlite3_context *, int, sqlite3_value **);
int rcPatternVerdict(sqlite3_context *ctx, sqlite3_value *pVal, RcPattern *pPat,
                     char **pzMsg);
/* 'invalid regular expression "a(b": ... at character offset 3' */
char *rcPatternCompileMessage(const char *z, int n, const RcPatternError *pErr);

#endif /* RICHCHECK_INT_H */
