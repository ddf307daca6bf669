/*
** money_sql.c - the money functions, as SQL.
**
**     money_scale(currency)   -> minor units of an ISO 4217 code (USD 2,
**                                JPY 0, BHD 3, CLF 4), or NULL: no minor
**                                unit (XAU), withdrawn, unknown, not TEXT
**
** The rest of the money family (issue 5) joins this file.
*/
#include "richcheck_int.h"
#include "currency.h"

void rcMoneyScaleFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const RcCurrency *pCur;
  (void)argc;
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) return;
  pCur = rcCurrencyFind((const char *)sqlite3_value_text(argv[0]),
                        (size_t)sqlite3_value_bytes(argv[0]));
  if (pCur && !pCur->bWithdrawn && pCur->nScale >= 0) {
    sqlite3_result_int(ctx, pCur->nScale);
  }
}
