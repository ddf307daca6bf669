/*
** currency.c - lookup in the ISO 4217 table.
**
**     SELECT money_scale('USD');   -- 2
**     SELECT money_scale('JPY');   -- 0
**     SELECT money_scale('XAU');   -- NULL: gold has no minor unit
**
** The table is generated (tools/gen_currency.py); the money functions of
** issue 5 build on rcCurrencyFind().
*/
#include "currency.h"

#include <string.h>

#include "currency_table.h"

const RcCurrency *rcCurrencyFind(const char *z, size_t n) {
  char zKey[4];
  size_t i;
  int lo = 0, hi = (int)(sizeof(aRcCurrency) / sizeof(aRcCurrency[0])) - 1;

  if (n != 3) return 0;
  for (i = 0; i < 3; i++) {
    char c = z[i];
    if (c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (c < 'A' || c > 'Z') return 0;
    zKey[i] = c;
  }
  zKey[3] = 0;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int cmp = memcmp(zKey, aRcCurrency[mid].zCode, 3);
    if (cmp == 0) return &aRcCurrency[mid];
    if (cmp < 0) {
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return 0;
}
