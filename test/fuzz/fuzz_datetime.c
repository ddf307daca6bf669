/*
** fuzz_datetime.c - libFuzzer target for the date, time and datetime
** parser and its options (ext/datetime.c).
**
**     make fuzz
**     build/fuzz/fuzz_datetime -max_total_time=120 -max_len=200
**
** The first byte picks the kind and the options, the rest is the text (or,
** when the first byte is 0xff, the options text itself).  Beyond not
** crashing:
**   - options that parse give a spec within its limits;
**   - an accepted value has every field in range (the calendar computed
**     here another way, from days since an epoch);
**   - an accepted value, written again from its fields, is the input byte
**     for byte: the parser normalizes nothing;
**   - a value accepted under stricter options is accepted under the
**     defaults, and a value the defaults accept is accepted or refused as
**     its options say (offset, local, fraction, separator);
**   - a FORMAT verdict never depends on a field's value: a RANGE value has
**     the exact form.
*/
#include "datetime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const azOptions[] = {
    "",  "offset", "local",     "fraction=0", "fraction=3",           "leap",
    "t", "space",  "t, offset", "leap tz",    "no offset fraction=6",
};
#define N_OPTIONS (sizeof(azOptions) / sizeof(azOptions[0]))

static void fail(const char *zWhy, const uint8_t *z, size_t n, int iOpt) {
  size_t i;
  fprintf(stderr, "fuzz_datetime: %s (options '%s'): ", zWhy, azOptions[iOpt]);
  for (i = 0; i < n && i < 80; i++)
    fprintf(stderr, "%02x", z[i]);
  fprintf(stderr, "\n");
  abort();
}

/* Days in month m of year y, from day numbers (no table, no leap rule). */
static long daysFromCivil(long y, long m, long d) {
  /* Howard Hinnant's well-known algorithm (a fact of arithmetic). */
  long era, yoe, doy, doe;
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe;
}

static int monthDays(int y, int m) {
  int y2 = m == 12 ? y + 1 : y, m2 = m == 12 ? 1 : m + 1;
  return (int)(daysFromCivil(y2, m2, 1) - daysFromCivil(y, m, 1));
}

/* The text of parts p of kind eKind, as the parser's grammar writes it. */
static size_t format(RcDateKind eKind, const RcDateParts *p, char *zOut) {
  size_t n = 0;
  if (eKind != RC_DATE_TIME) {
    n += (size_t)sprintf(zOut + n, "%04d-%02d-%02d", p->year, p->month, p->day);
    if (eKind == RC_DATE_DATE) return n;
    zOut[n++] = p->cSep;
  }
  n += (size_t)sprintf(zOut + n, "%02d:%02d:%02d", p->hour, p->minute,
                       p->second);
  if (p->nFrac) n += (size_t)sprintf(zOut + n, ".%0*llu", p->nFrac, p->frac);
  if (p->cOffset == 'Z') {
    zOut[n++] = 'Z';
  } else if (p->cOffset) {
    n += (size_t)sprintf(zOut + n, "%c%02d:%02d", p->cOffset, p->offHour,
                         p->offMinute);
  }
  return n;
}

static void checkAccepted(const RcDateSpec *pSpec, const RcDateParts *p,
                          const uint8_t *z, size_t n, int iOpt) {
  char zOut[80];
  size_t nOut;
  if (pSpec->eKind != RC_DATE_TIME) {
    if (p->year < 1 || p->year > 9999 || p->month < 1 || p->month > 12 ||
        p->day < 1 || p->day > monthDays(p->year, p->month)) {
      fail("accepted a date out of range", z, n, iOpt);
    }
    if (rcDateMonthDays(p->year, p->month) != monthDays(p->year, p->month)) {
      fail("month lengths disagree", z, n, iOpt);
    }
  }
  if (pSpec->eKind != RC_DATE_DATE) {
    int bLeap = p->second == 60;
    if (p->hour > 23 || p->minute > 59 || p->second > 60 ||
        (bLeap && !(pSpec->flags & RC_DATE_LEAP))) {
      fail("accepted a time out of range", z, n, iOpt);
    }
    if (p->nFrac > pSpec->nFracMax)
      fail("too many fraction digits", z, n, iOpt);
    if (p->cOffset == '+' || p->cOffset == '-') {
      if (p->offMinute > 59 || p->offHour * 60 + p->offMinute > 18 * 60) {
        fail("accepted an offset out of range", z, n, iOpt);
      }
    }
    if ((pSpec->flags & RC_DATE_OFFSET) && !p->cOffset) {
      fail("accepted no offset where one is required", z, n, iOpt);
    }
    if ((pSpec->flags & RC_DATE_LOCAL) && p->cOffset) {
      fail("accepted an offset where none is allowed", z, n, iOpt);
    }
  }
  if (pSpec->eKind == RC_DATE_DATETIME &&
      ((p->cSep != 'T' && p->cSep != ' ') ||
       (p->cSep == ' ' && (pSpec->flags & RC_DATE_SEP_T)) ||
       (p->cSep == 'T' && (pSpec->flags & RC_DATE_SEP_SPACE)))) {
    fail("accepted a separator the options refuse", z, n, iOpt);
  }
  nOut = format(pSpec->eKind, p, zOut);
  if (nOut != n || memcmp(zOut, z, n) != 0) {
    fail("accepted text is not its fields written again", z, n, iOpt);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  RcDateSpec spec, defaults;
  RcDateParts parts, partsDefault;
  RcDateStatus e, eDefault;
  char zErr[200];
  const uint8_t *z;
  size_t n;
  int iOpt;
  RcDateKind eKind;

  if (nData < 1) return 0;
  eKind = (RcDateKind)(aData[0] % 3);
  if (aData[0] == 0xff) { /* the options text */
    if (rcDateSpecParse(eKind, (const char *)aData + 1, nData - 1, &spec, zErr,
                        (int)sizeof(zErr))) {
      if (spec.nFracMax < 0 || spec.nFracMax > RC_DATE_FRAC_MAX ||
          spec.flags >= RC_DATE_NFLAGS ||
          (spec.flags & (RC_DATE_OFFSET | RC_DATE_LOCAL)) ==
              (RC_DATE_OFFSET | RC_DATE_LOCAL)) {
        fail("options out of their limits", aData, nData, 0);
      }
    } else if (memchr(zErr, 0, sizeof(zErr)) == 0) {
      fail("options message not terminated", aData, nData, 0);
    }
    return 0;
  }
  iOpt = (int)((aData[0] / 3) % N_OPTIONS);
  if (eKind != RC_DATE_DATETIME && iOpt >= 6) iOpt = 0; /* t, space */
  if (eKind == RC_DATE_DATE) iOpt = 0;
  if (!rcDateSpecParse(eKind, azOptions[iOpt], strlen(azOptions[iOpt]), &spec,
                       zErr, (int)sizeof(zErr)) ||
      !rcDateSpecParse(eKind, "", 0, &defaults, zErr, (int)sizeof(zErr))) {
    fail("the fixed options do not parse", aData, nData, iOpt);
  }
  z = aData + 1;
  n = nData - 1;
  e = rcDateParse(&spec, (const char *)z, n, &parts);
  if (e != RC_DATE_OK && memchr(parts.zWhy, 0, sizeof(parts.zWhy)) == 0) {
    fail("reason not terminated", z, n, iOpt);
  }
  if (e == RC_DATE_OK) checkAccepted(&spec, &parts, z, n, iOpt);
  eDefault = rcDateParse(&defaults, (const char *)z, n, &partsDefault);
  if (eDefault == RC_DATE_OK) checkAccepted(&defaults, &partsDefault, z, n, 0);
  /* Options only narrow, but leap widens: second 60. */
  if (e == RC_DATE_OK && eDefault != RC_DATE_OK &&
      !((spec.flags & RC_DATE_LEAP) && parts.second == 60)) {
    fail("options accepted what the defaults refuse", z, n, iOpt);
  }
  if (eDefault == RC_DATE_OK && e != RC_DATE_OK) {
    const RcDateParts *q = &partsDefault;
    int bExplained = e == RC_DATE_FORMAT &&
                     (((spec.flags & RC_DATE_OFFSET) && !q->cOffset) ||
                      ((spec.flags & RC_DATE_LOCAL) && q->cOffset) ||
                      q->nFrac > spec.nFracMax ||
                      (q->cSep == ' ' && (spec.flags & RC_DATE_SEP_T)) ||
                      (q->cSep == 'T' && (spec.flags & RC_DATE_SEP_SPACE)));
    if (!bExplained)
      fail("options refused what they do not forbid", z, n, iOpt);
  }
  if (e == RC_DATE_RANGE || e == RC_DATE_OFFSET_RANGE) {
    /* the form was exact: the fields, written again, are the input */
    char zOut[80];
    size_t nOut = format(eKind, &parts, zOut);
    if (nOut != n || memcmp(zOut, z, n) != 0) {
      fail("a range verdict on text not of the form", z, n, iOpt);
    }
  }
  return 0;
}
