/*
** report.c - how richcheck fails a call: a check's code and message
** (rcRaise, rcReport), a usage error (rcUsage), and values made fit for a
** one-line message (rcCleanText).  Every glue file reports through these.
**
**     rcRaise(ctx, RICHCHECK_TOO_LONG, pLabel,
**             "value too long (%d characters, maximum %d)", n, max);
**     -> users.name: value too long (51 characters, maximum 50)   [25618]
*/
#include "richcheck_int.h"
#include "utf8.h"

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* ---- messages within SQLITE_LIMIT_LENGTH ------------------------------ */

/*
** The longest message the connection keeps.  SQLite refuses an error
** text longer than SQLITE_LIMIT_LENGTH (the statement's message becomes
** "string or blob too big"), and when it copies a longer one (from 70
** bytes on) it counts the terminator too: so one byte less than the limit.
*/
static int rcMessageMax(sqlite3_context *ctx) {
  int n =
      sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
  return n > 1 ? n - 1 : 0;
}

static int rcIsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/*
** Bytes of the unit at z[i] of z[0..n): a character, or one of the escapes
** rcCleanText writes (\xNN, \" and \\), which a cut never splits.
*/
static int rcUnitLen(const char *z, int i, int n) {
  int len = 1;
  if (z[i] == '\\' && i + 1 < n) {
    if (z[i + 1] == '"' || z[i + 1] == '\\') return 2;
    if (z[i + 1] == 'x' && i + 3 < n && rcIsHex(z[i + 2]) && rcIsHex(z[i + 3]))
      return 4;
  }
  while (i + len < n && ((unsigned char)z[i + len] & 0xC0) == 0x80)
    len++;
  return len;
}

/* The end of the longest run of whole units from z[i] (of z[0..n)) of at
** most nByte bytes and, unless nUnit < 0, at most nUnit units. */
static int rcUnitsEnd(const char *z, int i, int n, int nByte, int nUnit) {
  int j = i;
  while (j < n && nUnit != 0) {
    int len = rcUnitLen(z, j, n);
    if (j + len - i > nByte) break;
    j += len;
    nUnit--;
  }
  return j;
}

/* Characters a quoted value keeps when a message is cut to the limit. */
#define RC_FIT_KEEP 8

/*
** Cuts the longest quoted value of z[iFrom..*pn) to RC_FIT_KEEP characters
** and "...", or less if that is enough to fit nMax bytes: 1, or 0 when no
** value is long enough to gain from a cut.
*/
static int rcCutValue(char *z, int *pn, int iFrom, int nMax) {
  int n = *pn, i = iFrom, iOpen = -1, iBest = -1, nBest = 0, iKeep, iEnd;
  int iCut, nGain;
  while (i < n) {
    int len = rcUnitLen(z, i, n);
    if (len == 1 && z[i] == '"') {
      if (iOpen < 0) {
        iOpen = i + 1;
      } else {
        iEnd = i;
        iKeep = rcUnitsEnd(z, iOpen, iEnd, iEnd - iOpen, RC_FIT_KEEP);
        if (iEnd - iKeep > 3 && iEnd - iOpen > nBest) {
          iBest = iOpen;
          nBest = iEnd - iOpen;
        }
        iOpen = -1;
      }
    }
    i += len;
  }
  if (iBest < 0) return 0;
  iEnd = iBest + nBest;
  iKeep = rcUnitsEnd(z, iBest, iEnd, nBest, RC_FIT_KEEP);
  /* keep what fits once "..." replaces the rest, but RC_FIT_KEEP at least */
  nGain = n - nMax;
  iCut = nBest - nGain - 3 > 0
             ? rcUnitsEnd(z, iBest, iEnd, nBest - nGain - 3, -1)
             : iBest;
  if (iCut < iKeep) iCut = iKeep;
  memmove(z + iCut + 3, z + iEnd, (size_t)(n - iEnd) + 1);
  memcpy(z + iCut, "...", 3);
  *pn = n - (iEnd - iCut) + 3;
  return 1;
}

/*
** Cuts message z (n bytes, from sqlite3_malloc) to nMax bytes, keeping its
** start (the label and the reason): the quoted values after iMsg first,
** then the end, with "..." where text went; always whole characters and
** escapes, so valid UTF-8.
*/
static void rcFitMessage(char *z, int n, int iMsg, int nMax) {
  while (n > nMax && rcCutValue(z, &n, iMsg, nMax)) {
  }
  if (n <= nMax) return;
  if (nMax >= 3) {
    n = rcUnitsEnd(z, 0, n, nMax - 3, -1);
    memcpy(z + n, "...", 4);
  } else {
    z[rcUnitsEnd(z, 0, n, nMax, -1)] = 0;
  }
}

/*
** The message of a failure: "label: " when pLabel is a non-empty TEXT, then
** the formatted reason; with iTag (a richcheck code) the tag first,
** "[RICHCHECK_TOO_LONG 25618 SQLSTATE 22001] ".  A cut to the limit keeps
** the tag and the label whole.
*/
static void rcMessageAndCode(sqlite3_context *ctx, int code, int iTag,
                             sqlite3_value *pLabel, const char *zFormat,
                             va_list ap) {
  char *zMsg = sqlite3_vmprintf(zFormat, ap);
  char *zFull = zMsg;
  int iMsg = 0;
  if (zMsg && pLabel && sqlite3_value_type(pLabel) == SQLITE_TEXT &&
      sqlite3_value_bytes(pLabel) > 0) {
    char *zLabel =
        rcCleanText(sqlite3_value_text(pLabel), sqlite3_value_bytes(pLabel), 0);
    /* A label (the schema's words) never starts the text as a tag would:
    ** its '[' there is written \x5b, so a message that starts with a tag
    ** is richcheck's. */
    int bBracket = zLabel && zLabel[0] == '[';
    zFull = zLabel ? sqlite3_mprintf("%s%s: %s", bBracket ? "\\x5b" : "",
                                     zLabel + bBracket, zMsg)
                   : 0;
    iMsg = zFull ? (int)strlen(zFull) - (int)strlen(zMsg) : 0;
    sqlite3_free(zLabel);
    sqlite3_free(zMsg);
  }
  if (zFull && iTag && richcheck_code_name(iTag)) {
    char *zTagged =
        sqlite3_mprintf("[%s %d SQLSTATE %s] %s", richcheck_code_name(iTag),
                        iTag, richcheck_sqlstate(iTag), zFull);
    if (zTagged) iMsg += (int)strlen(zTagged) - (int)strlen(zFull);
    sqlite3_free(zFull);
    zFull = zTagged;
  }
  if (zFull == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  /* Past the limit SQLite would drop the text and keep only the code. */
  rcFitMessage(zFull, (int)strlen(zFull), iMsg, rcMessageMax(ctx));
  sqlite3_result_error(ctx, zFull, -1);
  sqlite3_free(zFull);
  if (code != SQLITE_ERROR) sqlite3_result_error_code(ctx, code);
}

void rcRaise(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
             const char *zFormat, ...) {
  const RcConn *pConn = (const RcConn *)sqlite3_user_data(ctx);
  int iTag = pConn->bTagged ? code : 0; /* the tag names the full code */
  va_list ap;
  if (pConn->bCompat) {
    code = (code & 0xff) == SQLITE_CONSTRAINT ? RICHCHECK_COMPAT_INTEGRITY
                                              : RICHCHECK_COMPAT_DATA;
  }
  va_start(ap, zFormat);
  rcMessageAndCode(ctx, code, iTag, pLabel, zFormat, ap);
  va_end(ap);
}

void rcUsage(sqlite3_context *ctx, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  rcMessageAndCode(ctx, SQLITE_ERROR, 0, 0, zFormat, ap);
  va_end(ap);
}

/* A plain SQLITE_ERROR about a value (a pattern that could not judge
** it): the label first, as for a verdict. */
static void rcValueError(sqlite3_context *ctx, sqlite3_value *pLabel,
                         const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  rcMessageAndCode(ctx, SQLITE_ERROR, 0, pLabel, zFormat, ap);
  va_end(ap);
}

void rcReport(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
              const char *zMsg) {
  if (code == SQLITE_NOMEM || zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if (code == SQLITE_ERROR) {
    rcValueError(ctx, pLabel, "%s", zMsg);
  } else {
    rcRaise(ctx, code, pLabel, "%s", zMsg);
  }
}

/* Appends one character of valid UTF-8 text, escaped as rcCleanText says. */
static void rcAppendChar(sqlite3_str *pOut, const unsigned char *z, size_t n,
                         int bQuotes) {
  unsigned c = z[0];
  if (c < 0x20 || c == 0x7F) {
    sqlite3_str_appendf(pOut, "\\x%02x", c);
  } else if (bQuotes && (c == '"' || c == '\\')) {
    sqlite3_str_appendf(pOut, "\\%c", c);
  } else {
    sqlite3_str_append(pOut, (const char *)z, (int)n);
  }
}

char *rcCleanTextMax(const unsigned char *z, int n, int bQuotes, size_t nMax) {
  sqlite3_str *pOut = sqlite3_str_new(0);
  size_t i = 0, nChar = 0, nText = n > 0 ? (size_t)n : 0;
  char *zOut;

  while (i < nText && nChar < nMax) {
    /* A window is enough: at most nMax characters are shown. */
    size_t nWindow = nText - i < 4 * nMax ? nText - i : 4 * nMax;
    size_t nValid, k;
    RcUtf8Scan scan;
    RcUtf8Status e = rcUtf8Scan(z + i, nWindow, &scan);
    nValid = e == RC_UTF8_OK ? nWindow : scan.iErr;
    if (e == RC_UTF8_INVALID && nWindow < nText - i &&
        scan.iErr + scan.nBad == nWindow) {
      e = RC_UTF8_OK; /* cut by the window, not broken: look again */
    }
    for (k = 0; k < nValid && nChar < nMax; nChar++) {
      size_t len = 1;
      while (k + len < nValid && (z[i + k + len] & 0xC0) == 0x80)
        len++;
      rcAppendChar(pOut, z + i + k, len, bQuotes);
      k += len;
    }
    i += k;
    if (k < nValid || e == RC_UTF8_OK) continue;
    for (k = 0; k < scan.nBad && nChar < nMax; k++, nChar++) {
      sqlite3_str_appendf(pOut, "\\x%02x", z[i + k]);
    }
    i += k;
  }
  if (i < nText) sqlite3_str_appendall(pOut, "...");
  if (sqlite3_str_errcode(pOut) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(pOut));
    return 0; /* out of memory: never a shorter text taken for the value */
  }
  zOut = sqlite3_str_finish(pOut);
  return zOut ? zOut : sqlite3_mprintf(""); /* the empty text */
}

char *rcCleanText(const unsigned char *z, int n, int bQuotes) {
  return rcCleanTextMax(z, n, bQuotes, RC_CLEAN_MAX);
}

int rcLabelArg(sqlite3_context *ctx, const char *zFunc, sqlite3_value *pLabel) {
  int eType = sqlite3_value_type(pLabel);
  if (eType == SQLITE_TEXT || eType == SQLITE_NULL) return 1;
  rcUsage(ctx, "%s: the label must be TEXT such as 'users.name', not %s", zFunc,
          rcTypeName(pLabel));
  return 0;
}

const char *rcTypeName(sqlite3_value *pVal) {
  switch (sqlite3_value_type(pVal)) {
  case SQLITE_INTEGER: return "INTEGER";
  case SQLITE_FLOAT: return "REAL";
  case SQLITE_TEXT: return "TEXT";
  case SQLITE_BLOB: return "BLOB";
  default: return "NULL";
  }
}
