/*
** datetime.c - strict ISO 8601 / RFC 3339 dates and times: the options
** (rcDateSpecParse) and the parser (rcDateParse).  datetime.h has the
** grammar and the choices; RFC 3339 section 5.6 is the syntax, ISO 8601's
** extended format the same, and section 5.7 the ranges.
**
** The parser reads the fixed positions of the form first (the whole text:
** "2024-13-01x" is not of the form, whatever its month), then judges the
** ranges, so a FORMAT verdict never depends on a field's value.
*/
#include "datetime.h"

#include <stdio.h>
#include <string.h>

/* ---- options ---------------------------------------------------------- */

static int rcIsSep(char c) { return c == ',' || c == ' ' || c == '\t'; }

static int rcIsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether z[0..n) is zWord, in any case. */
static int rcWordIs(const char *z, size_t n, const char *zWord) {
  size_t i;
  if (strlen(zWord) != n) return 0;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != zWord[i]) return 0;
  }
  return 1;
}

/* The options each kind takes, for messages. */
static const char *const azRcDateOptions[] = {
    "a date takes no options",
    "use offset, local, fraction=N or leap",
    "use offset, local, fraction=N, t, space or leap",
};

static const char *const azRcDateKindName[] = {"a date", "a time",
                                               "a datetime"};

int rcDateSpecParse(RcDateKind eKind, const char *z, size_t n, RcDateSpec *p,
                    char *zErr, int nErr) {
  size_t i = 0;
  int bFraction = 0;
  p->eKind = eKind;
  p->flags = 0;
  p->nFracMax = RC_DATE_FRAC_MAX;
  while (i < n) {
    size_t iWord, nWord;
    unsigned flag = 0;
    if (rcIsSep(z[i])) {
      i++;
      continue;
    }
    for (iWord = i; i < n && rcIsLetter(z[i]); i++) {
    }
    nWord = i - iWord;
    if (nWord == 0) {
      snprintf(zErr, (size_t)nErr, "unexpected '%c' in the options: %s",
               z[i] >= 0x20 && z[i] < 0x7f ? z[i] : '?',
               azRcDateOptions[eKind]);
      return 0;
    }
    if (eKind == RC_DATE_DATE) {
      /* a date takes no options: flag stays 0 */
    } else if (rcWordIs(z + iWord, nWord, "fraction")) {
      int v = 0, nDigit = 0;
      while (i < n && z[i] == ' ')
        i++;
      if (i < n && z[i] == '=') {
        for (i++; i < n && z[i] == ' '; i++) {
        }
        for (; i < n && z[i] >= '0' && z[i] <= '9' && nDigit < 3; i++) {
          v = v * 10 + (z[i] - '0');
          nDigit++;
        }
      }
      if (nDigit == 0 || (i < n && !rcIsSep(z[i]))) {
        snprintf(zErr, (size_t)nErr,
                 "fraction needs a number of digits from 0 to %d, as in "
                 "fraction=3",
                 RC_DATE_FRAC_MAX);
        return 0;
      }
      if (v > RC_DATE_FRAC_MAX) {
        snprintf(zErr, (size_t)nErr,
                 "fraction=%d: at most %d fraction digits can be asked for", v,
                 RC_DATE_FRAC_MAX);
        return 0;
      }
      if (bFraction && v != p->nFracMax) {
        snprintf(zErr, (size_t)nErr, "fraction is given twice (%d and %d)",
                 p->nFracMax, v);
        return 0;
      }
      bFraction = 1;
      p->nFracMax = v;
      continue;
    } else if (rcWordIs(z + iWord, nWord, "offset") ||
               rcWordIs(z + iWord, nWord, "tz")) {
      flag = RC_DATE_OFFSET;
    } else if (rcWordIs(z + iWord, nWord, "local")) {
      flag = RC_DATE_LOCAL;
    } else if (rcWordIs(z + iWord, nWord, "no")) {
      size_t j = i, jWord;
      while (j < n && rcIsSep(z[j]) && z[j] != ',')
        j++;
      for (jWord = j; j < n && rcIsLetter(z[j]); j++) {
      }
      if (rcWordIs(z + jWord, j - jWord, "offset") ||
          rcWordIs(z + jWord, j - jWord, "tz")) {
        flag = RC_DATE_LOCAL;
        i = j;
      }
    } else if (rcWordIs(z + iWord, nWord, "leap")) {
      flag = RC_DATE_LEAP;
    } else if (rcWordIs(z + iWord, nWord, "t") ||
               rcWordIs(z + iWord, nWord, "space")) {
      if (eKind != RC_DATE_DATETIME) {
        snprintf(zErr, (size_t)nErr,
                 "option '%.*s' is for a datetime, not %s: %s", (int)nWord,
                 z + iWord, azRcDateKindName[eKind], azRcDateOptions[eKind]);
        return 0;
      }
      flag = nWord == 1 ? RC_DATE_SEP_T : RC_DATE_SEP_SPACE;
    }
    if (flag == 0 || (i < n && !rcIsSep(z[i]))) {
      while (i < n && !rcIsSep(z[i]))
        i++;
      snprintf(zErr, (size_t)nErr, "unknown option '%.*s': %s",
               (int)(i - iWord) > 40 ? 40 : (int)(i - iWord), z + iWord,
               azRcDateOptions[eKind]);
      return 0;
    }
    p->flags |= flag;
  }
  if ((p->flags & (RC_DATE_OFFSET | RC_DATE_LOCAL)) ==
      (RC_DATE_OFFSET | RC_DATE_LOCAL)) {
    snprintf(zErr, (size_t)nErr,
             "options 'offset' (required) and 'local' (forbidden) contradict "
             "each other: give one");
    return 0;
  }
  if ((p->flags & (RC_DATE_SEP_T | RC_DATE_SEP_SPACE)) ==
      (RC_DATE_SEP_T | RC_DATE_SEP_SPACE)) {
    snprintf(zErr, (size_t)nErr,
             "options 't' and 'space' contradict each other: give one, or "
             "neither to accept both");
    return 0;
  }
  return 1;
}

/* ---- the calendar ----------------------------------------------------- */

static int rcIsLeapYear(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int rcDateMonthDays(int y, int m) {
  static const unsigned char aDays[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
  return m == 2 && rcIsLeapYear(y) ? 29 : aDays[m - 1];
}

const char *rcDateMonthName(int m) {
  static const char *const azMonth[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return azMonth[m - 1];
}

/* ---- the parser ------------------------------------------------------- */

static int rcIsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The two digits at z, or -1. */
static int rcTwoDigits(const unsigned char *z) {
  if (!rcIsDigit(z[0]) || !rcIsDigit(z[1])) return -1;
  return (z[0] - '0') * 10 + (z[1] - '0');
}

static RcDateStatus rcDateFail(RcDateParts *p, RcDateStatus e,
                               const char *zWhy) {
  snprintf(p->zWhy, sizeof(p->zWhy), "%s", zWhy);
  return e;
}

/* YYYY-MM-DD at z[0..10) (the caller made sure of 10 bytes). */
static int rcReadDate(const unsigned char *z, RcDateParts *p) {
  int hi = rcTwoDigits(z), lo = rcTwoDigits(z + 2);
  if (hi < 0 || lo < 0 || z[4] != '-' || z[7] != '-') return 0;
  p->year = hi * 100 + lo;
  p->month = rcTwoDigits(z + 5);
  p->day = rcTwoDigits(z + 8);
  return p->month >= 0 && p->day >= 0;
}

/* hh:mm:ss at z[0..8) (the caller made sure of 8 bytes). */
static int rcReadTime(const unsigned char *z, RcDateParts *p) {
  if (z[2] != ':' || z[5] != ':') return 0;
  p->hour = rcTwoDigits(z);
  p->minute = rcTwoDigits(z + 3);
  p->second = rcTwoDigits(z + 6);
  return p->hour >= 0 && p->minute >= 0 && p->second >= 0;
}

/* The form of the time part at z[i..n): fraction and offset. */
static RcDateStatus rcReadTimeRest(const RcDateSpec *pSpec,
                                   const unsigned char *z, size_t i, size_t n,
                                   RcDateParts *p) {
  if (i < n && z[i] == '.') {
    size_t iFrac = ++i;
    unsigned long long v = 0;
    while (i < n && rcIsDigit(z[i])) {
      if (i - iFrac < 19) v = v * 10 + (unsigned)(z[i] - '0');
      i++;
    }
    if (i == iFrac) return rcDateFail(p, RC_DATE_FORMAT, "no digits after '.'");
    if (pSpec->nFracMax == 0) {
      return rcDateFail(p, RC_DATE_FORMAT,
                        "no fraction of a second is allowed (fraction=0)");
    }
    if (i - iFrac > (size_t)pSpec->nFracMax) {
      snprintf(p->zWhy, sizeof(p->zWhy), "more than %d fraction digit%s",
               pSpec->nFracMax, pSpec->nFracMax == 1 ? "" : "s");
      return RC_DATE_FORMAT;
    }
    p->nFrac = (int)(i - iFrac);
    p->frac = v;
  }
  if (i < n && z[i] == 'Z') {
    p->cOffset = 'Z';
    i++;
  } else if (i < n && (z[i] == '+' || z[i] == '-')) {
    if (n - i < 6 || (p->offHour = rcTwoDigits(z + i + 1)) < 0 ||
        z[i + 3] != ':' || (p->offMinute = rcTwoDigits(z + i + 4)) < 0) {
      return rcDateFail(p, RC_DATE_FORMAT,
                        "expected an offset of the form +hh:mm or -hh:mm");
    }
    p->cOffset = (char)z[i];
    i += 6;
  } else if (i < n) {
    return rcDateFail(p, RC_DATE_FORMAT,
                      pSpec->flags & RC_DATE_LOCAL
                          ? "expected a fraction '.d' or the end after the "
                            "seconds"
                          : "expected a fraction '.d', an offset (Z, +hh:mm) "
                            "or the end after the seconds");
  }
  if (i < n) {
    return rcDateFail(p, RC_DATE_FORMAT, "unexpected text after the offset");
  }
  if (p->cOffset == 0 && (pSpec->flags & RC_DATE_OFFSET)) {
    return rcDateFail(p, RC_DATE_FORMAT,
                      "an offset (Z or +hh:mm) is required (option offset)");
  }
  if (p->cOffset != 0 && (pSpec->flags & RC_DATE_LOCAL)) {
    return rcDateFail(p, RC_DATE_FORMAT, "no offset is allowed (option local)");
  }
  return RC_DATE_OK;
}

/* The form of the whole text: fields read, ranges not judged. */
static RcDateStatus rcDateForm(const RcDateSpec *pSpec, const unsigned char *z,
                               size_t n, RcDateParts *p) {
  size_t i = 0;
  if (pSpec->eKind != RC_DATE_TIME) {
    if (n < 10 || !rcReadDate(z, p)) {
      return rcDateFail(p, RC_DATE_FORMAT, "expected YYYY-MM-DD");
    }
    if (pSpec->eKind == RC_DATE_DATE) {
      return n == 10 ? RC_DATE_OK
                     : rcDateFail(p, RC_DATE_FORMAT,
                                  "unexpected text after the date");
    }
    if (n == 10 || (z[10] != 'T' && z[10] != ' ') ||
        (z[10] == 'T' && (pSpec->flags & RC_DATE_SEP_SPACE)) ||
        (z[10] == ' ' && (pSpec->flags & RC_DATE_SEP_T))) {
      return rcDateFail(p, RC_DATE_FORMAT,
                        pSpec->flags & RC_DATE_SEP_T ? "expected 'T' after "
                                                       "the date"
                        : pSpec->flags & RC_DATE_SEP_SPACE
                            ? "expected a space after the date"
                            : "expected 'T' or a space after the date");
    }
    p->cSep = (char)z[10];
    i = 11;
  }
  if (n - i < 8 || !rcReadTime(z + i, p)) {
    return rcDateFail(p, RC_DATE_FORMAT,
                      i ? "expected hh:mm:ss after the date"
                        : "expected "
                          "hh:mm:ss");
  }
  return rcReadTimeRest(pSpec, z, i + 8, n, p);
}

static RcDateStatus rcDateRange(const RcDateSpec *pSpec, RcDateParts *p) {
  if (pSpec->eKind != RC_DATE_TIME) {
    if (p->year == 0) {
      return rcDateFail(p, RC_DATE_RANGE, "year 0000 (years are 0001-9999)");
    }
    if (p->month == 0 || p->month > 12) {
      snprintf(p->zWhy, sizeof(p->zWhy), "month %02d (months are 01-12)",
               p->month);
      return RC_DATE_RANGE;
    }
    if (p->day == 0) {
      return rcDateFail(p, RC_DATE_RANGE, "day 00 (days start at 01)");
    }
    if (p->day > rcDateMonthDays(p->year, p->month)) {
      snprintf(p->zWhy, sizeof(p->zWhy), "day %d of %s %04d (it has %d days)",
               p->day, rcDateMonthName(p->month), p->year,
               rcDateMonthDays(p->year, p->month));
      return RC_DATE_RANGE;
    }
    if (pSpec->eKind == RC_DATE_DATE) return RC_DATE_OK;
  }
  if (p->hour > 23) {
    snprintf(p->zWhy, sizeof(p->zWhy), "hour %02d (hours are 00-23)", p->hour);
    return RC_DATE_RANGE;
  }
  if (p->minute > 59) {
    snprintf(p->zWhy, sizeof(p->zWhy), "minute %02d (minutes are 00-59)",
             p->minute);
    return RC_DATE_RANGE;
  }
  if (p->second > 60) {
    snprintf(p->zWhy, sizeof(p->zWhy), "second %02d (seconds are 00-59)",
             p->second);
    return RC_DATE_RANGE;
  }
  if (p->cOffset == '+' || p->cOffset == '-') {
    if (p->offMinute > 59 || p->offHour > 18 ||
        (p->offHour == 18 && p->offMinute > 0)) {
      snprintf(p->zWhy, sizeof(p->zWhy),
               "%c%02d:%02d (offsets are -18:00 to +18:00)", p->cOffset,
               p->offHour, p->offMinute);
      return RC_DATE_OFFSET_RANGE;
    }
  }
  if (p->second == 60) {
    int iOff = p->cOffset == '+' || p->cOffset == '-'
                   ? p->offHour * 60 + p->offMinute
                   : 0;
    int iUtc = p->hour * 60 + p->minute - (p->cOffset == '-' ? -iOff : iOff);
    if (!(pSpec->flags & RC_DATE_LEAP)) {
      return rcDateFail(p, RC_DATE_RANGE,
                        "second 60 (seconds are 00-59; option leap allows a "
                        "leap second at 23:59 UTC)");
    }
    if ((iUtc + 1440) % 1440 != 23 * 60 + 59) {
      return rcDateFail(p, RC_DATE_RANGE,
                        "second 60 is a leap second only at 23:59 UTC");
    }
  }
  return RC_DATE_OK;
}

RcDateStatus rcDateParse(const RcDateSpec *pSpec, const char *z, size_t n,
                         RcDateParts *p) {
  RcDateStatus e;
  p->nFrac = 0;
  p->frac = 0;
  p->cSep = 0;
  p->cOffset = 0;
  e = rcDateForm(pSpec, (const unsigned char *)z, n, p);
  return e == RC_DATE_OK ? rcDateRange(pSpec, p) : e;
}
