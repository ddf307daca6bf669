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

static void rcMessageAndCode(sqlite3_context *ctx, int code,
                             sqlite3_value *pLabel, const char *zFormat,
                             va_list ap) {
  char *zMsg = sqlite3_vmprintf(zFormat, ap);
  char *zFull = zMsg;
  if (zMsg && pLabel && sqlite3_value_type(pLabel) == SQLITE_TEXT &&
      sqlite3_value_bytes(pLabel) > 0) {
    char *zLabel =
        rcCleanText(sqlite3_value_text(pLabel), sqlite3_value_bytes(pLabel), 0);
    zFull = zLabel ? sqlite3_mprintf("%s: %s", zLabel, zMsg) : 0;
    sqlite3_free(zLabel);
    sqlite3_free(zMsg);
  }
  if (zFull == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, zFull, -1);
  sqlite3_free(zFull);
  if (code != SQLITE_ERROR) sqlite3_result_error_code(ctx, code);
}

void rcRaise(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
             const char *zFormat, ...) {
  const RcConn *pConn = (const RcConn *)sqlite3_user_data(ctx);
  va_list ap;
  if (pConn->bCompat) {
    code = (code & 0xff) == SQLITE_CONSTRAINT ? RICHCHECK_COMPAT_INTEGRITY
                                              : RICHCHECK_COMPAT_DATA;
  }
  va_start(ap, zFormat);
  rcMessageAndCode(ctx, code, pLabel, zFormat, ap);
  va_end(ap);
}

void rcUsage(sqlite3_context *ctx, const char *zFormat, ...) {
  va_list ap;
  va_start(ap, zFormat);
  rcMessageAndCode(ctx, SQLITE_ERROR, 0, zFormat, ap);
  va_end(ap);
}

void rcReport(sqlite3_context *ctx, int code, sqlite3_value *pLabel,
              const char *zMsg) {
  if (code == SQLITE_NOMEM || zMsg == 0) {
    sqlite3_result_error_nomem(ctx);
  } else if (code == SQLITE_ERROR) {
    rcUsage(ctx, "%s", zMsg);
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

char *rcCleanText(const unsigned char *z, int n, int bQuotes) {
  sqlite3_str *pOut = sqlite3_str_new(0);
  size_t i = 0, nChar = 0, nText = n > 0 ? (size_t)n : 0;
  char *zOut;

  while (i < nText && nChar < RC_CLEAN_MAX) {
    /* A window is enough: at most RC_CLEAN_MAX characters are shown. */
    size_t nWindow =
        nText - i < 4 * RC_CLEAN_MAX ? nText - i : 4 * RC_CLEAN_MAX;
    size_t nValid, k;
    RcUtf8Scan scan;
    RcUtf8Status e = rcUtf8Scan(z + i, nWindow, &scan);
    nValid = e == RC_UTF8_OK ? nWindow : scan.iErr;
    if (e == RC_UTF8_INVALID && nWindow < nText - i &&
        scan.iErr + scan.nBad == nWindow) {
      e = RC_UTF8_OK; /* cut by the window, not broken: look again */
    }
    for (k = 0; k < nValid && nChar < RC_CLEAN_MAX; nChar++) {
      size_t len = 1;
      while (k + len < nValid && (z[i + k + len] & 0xC0) == 0x80)
        len++;
      rcAppendChar(pOut, z + i + k, len, bQuotes);
      k += len;
    }
    i += k;
    if (k < nValid || e == RC_UTF8_OK) continue;
    for (k = 0; k < scan.nBad && nChar < RC_CLEAN_MAX; k++, nChar++) {
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
