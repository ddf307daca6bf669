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

int rcTableDefIdentIs(const char *z, int k, const char *zName, int bNoCase) {
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

int rcTableDefPlace(const char *z, int n, RcTableDefPlace *p) {
  int iEnd = rcTableDefEnd(z, n), i = 0, iLast = -1, j;
  RcTokKind e;
  if (iEnd < 0) return 0;
  while (i < iEnd) { /* the end of the last token that is not space */
    int k = rcToken(z, iEnd, i, &e);
    if (e != RC_TOK_SPACE) iLast = i + k;
    i += k;
  }
  for (i = iLast < 0 ? iEnd : iLast; i < iEnd && (z[i] == ' ' || z[i] == '\t');
       i++) {
  }
  if (i >= iEnd || z[i] != '\n') {
    p->iAt = iEnd;
    p->zLead = "\n, ";
    p->zIndent = "";
    p->nIndent = 0;
    p->zTail = "\n";
    return 1;
  }
  for (j = iLast; j > 0 && z[j - 1] != '\n'; j--) {
  }
  p->iAt = i;
  p->zLead = ",\n";
  p->zIndent = z + j;
  p->zTail = "";
  while (j < iLast && (z[j] == ' ' || z[j] == '\t'))
    j++;
  p->nIndent = (int)(j - (p->zIndent - z));
  if (z[j] == ',') { /* under one written "\n, CONSTRAINT ...": align */
    p->zIndent = "  ";
    p->nIndent = 2;
  }
  return 1;
}

void rcTableDefCut(const char *z, int n, int *piStart, int *piEnd) {
  if (*piStart > 0 && *piEnd < n && z[*piStart - 1] == '\n' &&
      z[*piEnd] == '\n') {
    (*piStart)--;
    (*piEnd)++;
  }
}

int rcTableDefOwnLine(const char *z, int n, int iStart, int iEnd) {
  int i = iStart;
  if (i < iEnd && z[i] == ',') i++;
  while (i < iEnd &&
         (z[i] == ' ' || z[i] == '\t' || z[i] == '\r' || z[i] == '\n')) {
    i++; /* to the word CONSTRAINT */
  }
  while (--i >= 0 && z[i] != '\n') {
    if (z[i] != ' ' && z[i] != '\t' && z[i] != '\r' && z[i] != ',') return 0;
  }
  i = iEnd < n && z[iEnd] == ',' ? iEnd + 1 : iEnd;
  while (i < n && (z[i] == ' ' || z[i] == '\t' || z[i] == '\r'))
    i++;
  return i >= n || z[i] == '\n';
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
        !rcTableDefIdentIs(z + i, k, "constraint", 1)) {
      i += k;
      continue;
    }
    j = rcSkipSpace(z, n, i + k);
    kName = rcTableDefIdent(z + j, n - j);
    if (kName == 0 || !rcTableDefIdentIs(z + j, kName, zName, 0)) {
      i += k;
      continue;
    }
    /* CHECK ( name ( first-argument ... ) ); a constraint of that name of
    ** another kind is not it */
    j = rcSkipSpace(z, n, j + kName);
    kCheck = rcTableDefIdent(z + j, n - j);
    if (kCheck == 0 || !rcTableDefIdentIs(z + j, kCheck, "check", 1)) {
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
        rcTableDefIdentIs(z + i, k, zFunc, 1)) {
      j = rcTableDefNextToken(z, n, i, &kTok);
      if (j < n && z[j] == '(') {
        j = rcTableDefNextToken(z, n, j, &kTok);
        if (j < n && rcTableDefIdentIs(z + j, kTok, zQual, 1)) {
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

int rcTableDefStringIs(const char *z, int k, const char *zValue) {
  int i, m = 0;
  if (k < 2 || z[0] != '\'' || z[k - 1] != '\'') return 0;
  for (i = 1; i < k - 1; i++, m++) {
    if (zValue[m] == 0 || z[i] != zValue[m]) return 0;
    if (z[i] == '\'') i++; /* a doubled quote */
  }
  return zValue[m] == 0;
}

/* Whether the token z[i..i+k) of kind e is the pattern token p[0..m). */
static int rcPatternTokenIs(const char *z, int i, int k, RcTokKind e,
                            const char *p, int m) {
  int j;
  if (m == 1 && !rcIsWord((unsigned char)p[0])) {
    return e == RC_TOK_PUNCT && z[i] == p[0];
  }
  if (e != RC_TOK_IDENT || k != m || !rcIsWord((unsigned char)z[i])) return 0;
  for (j = 0; j < m; j++) {
    char a = z[i + j], b = p[j];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
    if (a != b) return 0;
  }
  return 1;
}

int rcSqlMatch(const char *z, int n, int i, const char *zPattern, RcTok *aCap,
               int nCap) {
  const char *p = zPattern;
  int nFound = 0;
  while (*p) {
    RcTokKind e = RC_TOK_SPACE;
    int m, k;
    while (*p == ' ')
      p++;
    if (*p == 0) break;
    for (m = 0; p[m] && p[m] != ' '; m++) {
    }
    i = rcSkipSpace(z, n, i);
    if (m == 1 && p[0] == '$') {
      if (i != n) return -1;
      p += m;
      continue;
    }
    if (i >= n) return -1;
    k = rcToken(z, n, i, &e);
    if (m == 2 && p[0] == '%' && (p[1] == 'i' || p[1] == 's' || p[1] == 'q')) {
      if (p[1] == 's' ? e != RC_TOK_STRING : e != RC_TOK_IDENT) return -1;
      if (p[1] == 'q' && z[i] != '"') return -1;
      if (nFound == nCap) return -1;
      aCap[nFound].i = i;
      aCap[nFound].n = k;
      nFound++;
    } else if (!rcPatternTokenIs(z, i, k, e, p, m)) {
      return -1;
    }
    i += k;
    p += m;
  }
  return i;
}

/* The next character of the quoted or bare identifier token z[0..k) from
** *pi on (quotes taken off, a doubled quote made single), ASCII lower
** case; -1 at its end. */
static int rcIdentNext(const char *z, int k, int *pi) {
  char q = z[0] == '"' || z[0] == '`' || z[0] == '[' ? z[0] : 0;
  int iEnd = q && k >= 2 && z[k - 1] == (q == '[' ? ']' : q) ? k - 1 : k;
  int i = *pi;
  char c;
  if (i == 0 && q) i = 1;
  if (i >= iEnd) return -1;
  c = z[i++];
  if (q && q != '[' && c == q) i++; /* a doubled quote */
  *pi = i;
  return c >= 'A' && c <= 'Z' ? c + 32 : (unsigned char)c;
}

int rcSqlSame(const char *a, int na, const char *b, int nb) {
  int i = rcSkipSpace(a, na, 0), j = rcSkipSpace(b, nb, 0);
  while (i < na && j < nb) {
    RcTokKind ea, eb;
    int ka = rcToken(a, na, i, &ea), kb = rcToken(b, nb, j, &eb);
    if (ea != eb) return 0;
    if (ea == RC_TOK_IDENT) {
      int ia = 0, ib = 0, ca, cb;
      do {
        ca = rcIdentNext(a + i, ka, &ia);
        cb = rcIdentNext(b + j, kb, &ib);
      } while (ca == cb && ca >= 0);
      if (ca != cb) return 0;
    } else if (ka != kb || memcmp(a + i, b + j, (size_t)ka) != 0) {
      return 0;
    }
    i = rcSkipSpace(a, na, i + ka);
    j = rcSkipSpace(b, nb, j + kb);
  }
  return i >= na && j >= nb;
}

/* Whether the token z[i..i+k) is the bare word zWord, in any case. */
static int rcBareIs(const char *z, int i, int k, const char *zWord) {
  return z[i] != '"' && z[i] != '`' && z[i] != '[' &&
         rcTableDefIdentIs(z + i, k, zWord, 1);
}

/* Whether an item of the column list that starts with the token z[i..i+k)
** is a table constraint (else it is a column's definition). */
static int rcTableItem(const char *z, int i, int k) {
  static const char *const azKind[] = {"constraint", "primary", "unique",
                                       "check", "foreign"};
  size_t j;
  for (j = 0; j < sizeof(azKind) / sizeof(azKind[0]); j++) {
    if (rcBareIs(z, i, k, azKind[j])) return 1;
  }
  return 0;
}

/*
** The CHECK that the name ending at z[j] belongs to: SQLite gives a name to
** the next constraint that keeps one, so other kinds (NOT NULL, DEFAULT
** (...), COLLATE ...) may come between, up to the end of the item or the
** next CONSTRAINT.  Sets p's CHECK fields and returns 1, or returns 0.
*/
static int rcNamedCheck(const char *z, int n, int j, RcTableDefCons *p) {
  RcTokKind e;
  int bFirst = 1;
  while ((j = rcSkipSpace(z, n, j)) < n) {
    int k = rcToken(z, n, j, &e), iEnd;
    if (e == RC_TOK_PUNCT && (z[j] == ',' || z[j] == ')')) return 0;
    if (e == RC_TOK_PUNCT && z[j] == '(') { /* DEFAULT (...), AS (...) */
      iEnd = rcParenEnd(z, n, j);
      if (iEnd < 0) return 0;
      j = iEnd;
      bFirst = 0;
      continue;
    }
    if (e == RC_TOK_IDENT && rcBareIs(z, j, k, "constraint")) return 0;
    if (e == RC_TOK_IDENT && rcBareIs(z, j, k, "check")) {
      int iOpen = rcSkipSpace(z, n, j + k);
      iEnd = iOpen < n && z[iOpen] == '(' ? rcParenEnd(z, n, iOpen) : -1;
      if (iEnd < 0) return 0;
      p->iExpr = iOpen + 1;
      p->nExpr = iEnd - 1 - p->iExpr;
      p->iEnd = iEnd;
      p->bSplit = !bFirst;
      return 1;
    }
    j += k;
    bFirst = 0;
  }
  return 0;
}

void rcTableDefConstraint(const char *z, int n, const char *zName,
                          RcTableDefCons *p) {
  int i = 0, depth = 0, iComma = -1, iItem = -1, bTableItem = 0;
  RcTokKind e;
  memset(p, 0, sizeof(*p));
  while (i < n) {
    int k = rcToken(z, n, i, &e), j, kName;
    if (e == RC_TOK_SPACE) {
      i += k;
      continue;
    }
    if (depth == 1 && iItem < 0) { /* an item's first token */
      iItem = i;
      bTableItem = rcTableItem(z, i, k);
    }
    if (e == RC_TOK_PUNCT && z[i] == '(' && ++depth == 1) iItem = -1;
    if (e == RC_TOK_PUNCT && z[i] == ')' && --depth <= 0) return;
    if (depth == 1 && e == RC_TOK_PUNCT && z[i] == ',') {
      iComma = i;
      iItem = -1;
    }
    if (depth != 1 || e != RC_TOK_IDENT || !rcBareIs(z, i, k, "constraint")) {
      i += k;
      continue;
    }
    j = rcSkipSpace(z, n, i + k);
    kName = rcTableDefIdent(z + j, n - j);
    if (kName == 0 || !rcTableDefIdentIs(z + j, kName, zName, 1)) {
      i += k;
      continue;
    }
    if (p->nFound++ > 0) {
      i = j + kName;
      continue;
    }
    p->iName = j;
    p->nName = kName;
    p->eKind = rcNamedCheck(z, n, j + kName, p) ? RC_CONS_CHECK : RC_CONS_OTHER;
    if (p->eKind == RC_CONS_CHECK) {
      int iNext = rcSkipSpace(z, n, p->iEnd);
      if (iItem == i && iNext < n && (z[iNext] == ',' || z[iNext] == ')')) {
        /* a table constraint, the whole item: with the ',' before it */
        p->iStart = iComma >= 0 ? iComma : i;
      } else { /* one of an item's constraints: from the space before it */
        for (p->iStart = i;
             p->iStart > 0 && rcIsSpace((unsigned char)z[p->iStart - 1]);
             p->iStart--) {
        }
      }
      if (!bTableItem) {
        p->iColumn = iItem;
        p->nColumn = rcTableDefIdent(z + iItem, n - iItem);
      }
    }
    i = j;
  }
}

void rcTableDefUnquote(const char *z, int k, char *zOut) {
  char q = z[0];
  int i = 0, iEnd = k, m = 0;
  if (q == '"' || q == '`' || q == '[') {
    i = 1;
    if (k >= 2 && z[k - 1] == (q == '[' ? ']' : q)) iEnd = k - 1;
  } else {
    q = 0;
  }
  for (; i < iEnd; i++) {
    zOut[m++] = z[i];
    if (q && q != '[' && z[i] == q) i++; /* a doubled quote */
  }
  zOut[m] = 0;
}

/* Whether the string or quoted name token z[i..i+k) is closed. */
static int rcTokenClosed(const char *z, int i, int k) {
  char q = z[i];
  int j;
  if (q == '[') return k >= 2 && z[i + k - 1] == ']';
  if (q != '\'' && q != '"' && q != '`') return 1;
  for (j = i + 1; j < i + k; j++) {
    if (z[j] != q) continue;
    if (j + 1 < i + k && z[j + 1] == q) {
      j++;
      continue;
    }
    return j == i + k - 1;
  }
  return 0;
}

int rcTableDefExprOk(const char *z, int n, int *pbLineComment) {
  int i = 0, depth = 0, nTok = 0;
  RcTokKind e;
  *pbLineComment = 0;
  while (i < n) {
    int k = rcToken(z, n, i, &e);
    if (e == RC_TOK_SPACE && z[i] == '-') *pbLineComment = 1;
    if (e == RC_TOK_SPACE && z[i] == '/' &&
        (k < 4 || z[i + k - 2] != '*' || z[i + k - 1] != '/')) {
      return 0; /* a comment left open */
    }
    if (e != RC_TOK_SPACE) {
      nTok++;
      if (!rcTokenClosed(z, i, k)) return 0;
      if (e == RC_TOK_PUNCT && z[i] == ';') return 0;
      if (e == RC_TOK_PUNCT && z[i] == '(') depth++;
      if (e == RC_TOK_PUNCT && z[i] == ')' && --depth < 0) return 0;
    }
    i += k;
  }
  return nTok > 0 && depth == 0;
}
