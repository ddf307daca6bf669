/*
** tabledef.c - finding places in a CREATE TABLE statement (tabledef.h).
*/
#include "tabledef.h"

#include <string.h>

typedef enum RcTokKind {
  RC_TOK_SPACE, /* white space and comments */
  RC_TOK_STRING,
  RC_TOK_IDENT, /* a bare word (or number) or a quoted name */
  RC_TOK_PUNCT  /* any other single byte */
} RcTokKind;

static int rcIsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

static int rcIsWord(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

/* The length of the quoted token at z[i..n) that q opens and closes
** (doubled inside); an unterminated one runs to the end. */
static int rcQuotedLen(const char *z, int n, int i, char q) {
  int j;
  for (j = i + 1; j < n; j++) {
    if (z[j] != q) continue;
    if (j + 1 < n && z[j + 1] == q) {
      j++;
      continue;
    }
    return j + 1 - i;
  }
  return n - i;
}

int rcTableDefIdent(const char *z, int n) {
  int j;
  if (n <= 0) return 0;
  if (z[0] == '"' || z[0] == '`') return rcQuotedLen(z, n, 0, z[0]);
  if (z[0] == '[') {
    for (j = 1; j < n && z[j] != ']'; j++) {
    }
    return j < n ? j + 1 : n;
  }
  for (j = 0; j < n && rcIsWord((unsigned char)z[j]); j++) {
  }
  return j;
}

/* The length of the token at z[i..n) (i < n) and its kind. */
static int rcToken(const char *z, int n, int i, RcTokKind *peKind) {
  unsigned char c = (unsigned char)z[i];
  int j;
  if (rcIsSpace(c)) {
    for (j = i + 1; j < n && rcIsSpace((unsigned char)z[j]); j++) {
    }
    *peKind = RC_TOK_SPACE;
    return j - i;
  }
  if (c == '-' && i + 1 < n && z[i + 1] == '-') {
    for (j = i + 2; j < n && z[j] != '\n'; j++) {
    }
    *peKind = RC_TOK_SPACE;
    return j - i;
  }
  if (c == '/' && i + 1 < n && z[i + 1] == '*') {
    for (j = i + 2; j + 1 < n && !(z[j] == '*' && z[j + 1] == '/'); j++) {
    }
    *peKind = RC_TOK_SPACE;
    return (j + 1 < n ? j + 2 : n) - i;
  }
  if (c == '\'') {
    *peKind = RC_TOK_STRING;
    return rcQuotedLen(z, n, i, '\'');
  }
  j = rcTableDefIdent(z + i, n - i);
  *peKind = j > 0 ? RC_TOK_IDENT : RC_TOK_PUNCT;
  return j > 0 ? j : 1;
}

/* The offset of the first token from i on that is not space, or n. */
static int rcSkipSpace(const char *z, int n, int i) {
  RcTokKind e;
  while (i < n) {
    int k = rcToken(z, n, i, &e);
    if (e != RC_TOK_SPACE) break;
    i += k;
  }
  return i;
}

/* Whether the identifier token z[0..k) names zName: its text with the
** quotes taken off (and doubled quotes made single) equals zName. */
static int rcIdentIs(const char *z, int k, const char *zName, int bNoCase) {
  int i = 0, iEnd = k, m = 0;
  char q = z[0];
  if (q == '"' || q == '`' || q == '[') {
    i = 1;
    if (k >= 2 && z[k - 1] == (q == '[' ? ']' : q)) iEnd = k - 1;
  } else {
    q = 0;
  }
  for (; i < iEnd; i++, m++) {
    char a = z[i], b = zName[m];
    if (b == 0) return 0;
    if (bNoCase) {
      if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
      if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
    }
    if (a != b) return 0;
    if (q && q != '[' && z[i] == q) i++; /* a doubled quote */
  }
  return zName[m] == 0;
}

int rcTableDefEnd(const char *z, int n) {
  int i = 0, depth = 0;
  RcTokKind e;
  while (i < n) {
    int k = rcToken(z, n, i, &e);
    if (e == RC_TOK_PUNCT && z[i] == '(') depth++;
    if (e == RC_TOK_PUNCT && z[i] == ')' && --depth == 0) return i;
    if (depth < 0) return -1;
    i += k;
  }
  return -1;
}

/* The offset just past the ')' matching the '(' at z[i], or -1. */
static int rcParenEnd(const char *z, int n, int i) {
  int depth = 0;
  RcTokKind e;
  while (i < n) {
    int k = rcToken(z, n, i, &e);
    if (e == RC_TOK_PUNCT && z[i] == '(') depth++;
    if (e == RC_TOK_PUNCT && z[i] == ')' && --depth == 0) return i + 1;
    i += k;
  }
  return -1;
}

int rcTableDefFind(const char *z, int n, const char *zName, int *piStart,
                   int *piEnd, int *piArg) {
  int i = 0, depth = 0, iComma = -1;
  RcTokKind e;
  while (i < n) {
    int k = rcToken(z, n, i, &e), j, kName, kCheck, iEnd;
    if (e == RC_TOK_PUNCT && z[i] == '(') depth++;
    if (e == RC_TOK_PUNCT && z[i] == ')' && --depth <= 0) return 0;
    if (depth == 1 && e == RC_TOK_PUNCT && z[i] == ',') iComma = i;
    if (depth != 1 || e != RC_TOK_IDENT ||
        !rcIdentIs(z + i, k, "constraint", 1)) {
      i += k;
      continue;
    }
    j = rcSkipSpace(z, n, i + k);
    kName = rcTableDefIdent(z + j, n - j);
    if (kName == 0 || !rcIdentIs(z + j, kName, zName, 0)) {
      i += k;
      continue;
    }
    /* CHECK ( name ( first-argument ... ) ); a constraint of that name of
    ** another kind is not it */
    j = rcSkipSpace(z, n, j + kName);
    kCheck = rcTableDefIdent(z + j, n - j);
    if (kCheck == 0 || !rcIdentIs(z + j, kCheck, "check", 1)) {
      i += k;
      continue;
    }
    j = rcSkipSpace(z, n, j + kCheck);
    iEnd = j < n && z[j] == '(' ? rcParenEnd(z, n, j) : -1;
    if (iEnd < 0) {
      i += k;
      continue;
    }
    *piStart = iComma >= 0 ? iComma : i;
    *piEnd = iEnd;
    *piArg = -1;
    j = rcSkipSpace(z, n, j + 1);
    k = rcTableDefIdent(z + j, n - j);
    if (k > 0) {
      j = rcSkipSpace(z, n, j + k);
      if (j < iEnd && z[j] == '(') {
        j = rcSkipSpace(z, n, j + 1);
        if (j < iEnd) *piArg = j;
      }
    }
    return 1;
  }
  return 0;
}

int rcTableDefNextToken(const char *z, int n, int i, int *pnTok) {
  RcTokKind e;
  i = rcSkipSpace(z, n, i + rcToken(z, n, i, &e));
  *pnTok = i < n ? rcToken(z, n, i, &e) : 0;
  return i;
}

int rcTableDefCallArg(const char *z, int n, const char *zFunc,
                      const char *zQual) {
  int i = 0;
  RcTokKind e;
  while (i < n) {
    int k = rcToken(z, n, i, &e), j, kTok;
    if (e == RC_TOK_IDENT && z[i] != '"' && z[i] != '`' && z[i] != '[' &&
        rcIdentIs(z + i, k, zFunc, 1)) {
      j = rcTableDefNextToken(z, n, i, &kTok);
      if (j < n && z[j] == '(') {
        j = rcTableDefNextToken(z, n, j, &kTok);
        if (j < n && rcIdentIs(z + j, kTok, zQual, 1)) {
          j = rcTableDefNextToken(z, n, j, &kTok);
          if (j < n && z[j] == '.') {
            j = rcTableDefNextToken(z, n, j, &kTok);
            if (j < n) return j;
          }
        }
      }
    }
    i += k;
  }
  return -1;
}
