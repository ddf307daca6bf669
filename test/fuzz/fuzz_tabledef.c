/*
** fuzz_tabledef.c - libFuzzer target for ext/tabledef.c, which finds where
** a rule of the kind 'check' goes in a CREATE TABLE statement.
**
**     make fuzz
**     build/fuzz/fuzz_tabledef -max_total_time=120 -max_len=4096
**
** Beyond crashes: the end of the column list is a ')' inside the text; a
** constraint written where rcTableDefPlace says is found again exactly
** where it was written, with its first argument where it was written, on a
** line of its own, and taking the range found (rcTableDefCut) away gives
** back the text byte for byte.  The matchers of
** rule_home.c: rcSqlMatch of richcheck's patterns ends inside the text with
** its captures inside it, each of the kind asked for; every text is
** rcSqlSame to itself and to itself after space and comments.
*/
#include "tabledef.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *zWhy, const char *z, int n) {
  fprintf(stderr, "fuzz_tabledef: %s: \"%.*s\"\n", zWhy, n, z);
  abort();
}

/* The matchers on z[0..n) (see the file's comment). */
static void checkMatchers(const char *z, int n) {
  static const char *const azPattern[] = {
      "CREATE TRIGGER %i BEFORE UPDATE OF %i ON %i BEGIN SELECT richcheck ( "
      "NEW . %i , %s , %s ) ; END $",
      "CREATE TRIGGER %i BEFORE INSERT ON %i BEGIN SELECT",
      "CONSTRAINT %i CHECK ( richcheck ( %i , %s , %s ) )",
      "richcheck ( NEW . %i , %s , %s )",
      "CREATE TABLE %i (",
      "$",
  };
  RcTok aCap[6];
  char *zPad;
  size_t i;
  int j, e;
  for (i = 0; i < sizeof(azPattern) / sizeof(azPattern[0]); i++) {
    memset(aCap, 0, sizeof(aCap));
    e = rcSqlMatch(z, n, 0, azPattern[i], aCap, 6);
    if (e > n || e < -1) fail("rcSqlMatch ends outside the text", z, n);
    for (j = 0; e >= 0 && j < 6; j++) {
      if (aCap[j].n == 0) continue;
      if (aCap[j].i < 0 || aCap[j].i + aCap[j].n > n) {
        fail("a capture outside the text", z, n);
      }
    }
  }
  if (!rcSqlSame(z, n, z, n)) fail("a text is not rcSqlSame to itself", z, n);
  zPad = (char *)malloc((size_t)n + 16);
  if (zPad == 0) return;
  memcpy(zPad, " /*x*/\t-- y\n ", 13);
  memcpy(zPad + 13, z, (size_t)n);
  if (!rcSqlSame(z, n, zPad, n + 13)) {
    fail("space and comments before a text make it another", z, n);
  }
  free(zPad);
}

/*
** rcTableDefConstraint (constraint.c, violations.c): every range it gives
** lies in the text, a CHECK's condition sits between its parentheses, and
** taking a found CHECK out leaves a column list that still ends.
** rcTableDefExprOk (constraint.c): a condition it takes, written into
** CHECK ( ... ) as richcheck writes it, can never end the column list (the
** ')' after it is the one that closes the CHECK).
*/
static void checkConstraint(const char *z, int n) {
  static const char *const azName[] = {"c", "x", "richcheck_7", "a b"};
  static const char zHead[] = "CREATE TABLE t(a, CHECK (";
  static const char zTail[] = "\n))";
  size_t k;
  int bLine, iList = rcTableDefEnd(z, n);
  for (k = 0; k < sizeof(azName) / sizeof(azName[0]); k++) {
    RcTableDefCons c;
    rcTableDefConstraint(z, n, azName[k], &c);
    if (c.nFound < 0 || (c.nFound == 0) != (c.eKind == RC_CONS_NONE)) {
      fail("constraint: found and kind disagree", z, n);
    }
    if (c.nFound > 0 &&
        (c.iName < 0 || c.nName <= 0 || c.iName + c.nName > n)) {
      fail("constraint: the name out of the text", z, n);
    }
    if (c.eKind != RC_CONS_CHECK) continue;
    if (c.iStart < 0 || c.iStart > c.iEnd || c.iEnd > n || c.iExpr < 1 ||
        c.nExpr < 0 || c.iExpr + c.nExpr >= c.iEnd + 1 ||
        z[c.iExpr - 1] != '(' || z[c.iExpr + c.nExpr] != ')' || c.iColumn < 0 ||
        c.iColumn + c.nColumn > n) {
      fail("constraint: a range out of place", z, n);
    }
    if (iList >= 0) {
      char *zCut = (char *)malloc((size_t)n + 1);
      int nCut = n - (c.iEnd - c.iStart);
      if (zCut == 0) return;
      memcpy(zCut, z, (size_t)c.iStart);
      memcpy(zCut + c.iStart, z + c.iEnd, (size_t)(n - c.iEnd));
      if (rcTableDefEnd(zCut, nCut) < 0) {
        free(zCut);
        fail("constraint: taken out, the column list no longer ends", z, n);
      }
      free(zCut);
    }
  }
  if (rcTableDefExprOk(z, n, &bLine)) {
    int nHead = (int)strlen(zHead), nAll = nHead + n + (int)strlen(zTail);
    char *zAll = (char *)malloc((size_t)nAll + 1);
    if (zAll == 0) return;
    memcpy(zAll, zHead, (size_t)nHead);
    memcpy(zAll + nHead, z, (size_t)n);
    memcpy(zAll + nHead + n, zTail, strlen(zTail));
    if (rcTableDefEnd(zAll, nAll) != nAll - 1) {
      free(zAll);
      fail("expression: a condition taken ends the column list early", z, n);
    }
    free(zAll);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char zName[] = "richcheck_7";
  static const char zCons[] =
      "CONSTRAINT \"richcheck_7\" CHECK (richcheck(\"c\"\"d\", 'x', 'l'))";
  const char *z = (const char *)data;
  int n = (int)size, iEnd, iStart, iStop, iArg, nNew, iCons, i;
  RcTableDefPlace at;
  char *zNew;

  if (size > 100000) return 0;
  checkMatchers(z, n);
  checkConstraint(z, n);
  iEnd = rcTableDefEnd(z, n);
  if (iEnd < -1 || iEnd >= n || (iEnd >= 0 && z[iEnd] != ')')) {
    fail("end of the column list out of place", z, n);
  }
  if (rcTableDefPlace(z, n, &at) != (iEnd >= 0)) {
    fail("a place for a constraint without a column list", z, n);
  }
  if (iEnd < 0 || rcTableDefFind(z, n, zName, &iStart, &iStop, &iArg)) {
    return 0;
  }
  if (at.iAt > iEnd || at.nIndent < 0 || at.nIndent > n) {
    fail("the place is out of the column list", z, n);
  }
  /* written as rule_check.c writes it */
  nNew = n + (int)(strlen(at.zLead) + strlen(zCons) + strlen(at.zTail)) +
         at.nIndent;
  zNew = (char *)malloc((size_t)nNew + 1);
  if (zNew == 0) return 0;
  i = 0; /* (memcpy: the text may hold a NUL) */
  memcpy(zNew, z, (size_t)at.iAt);
  i += at.iAt;
  memcpy(zNew + i, at.zLead, strlen(at.zLead));
  i += (int)strlen(at.zLead);
  memcpy(zNew + i, at.zIndent, (size_t)at.nIndent);
  i += at.nIndent;
  iCons = i;
  memcpy(zNew + i, zCons, strlen(zCons));
  i += (int)strlen(zCons);
  memcpy(zNew + i, at.zTail, strlen(at.zTail));
  i += (int)strlen(at.zTail);
  memcpy(zNew + i, z + at.iAt, (size_t)(n - at.iAt));
  if (!rcTableDefFind(zNew, nNew, zName, &iStart, &iStop, &iArg)) {
    fail("the constraint written is not found", zNew, nNew);
  }
  if (iStop != iCons + (int)strlen(zCons) || zNew[iStart] != ',') {
    fail("the constraint found is not the one written", zNew, nNew);
  }
  if (iArg != iCons + (int)(strchr(zCons, '(') - zCons) + 11 ||
      rcTableDefIdent(zNew + iArg, nNew - iArg) != 6) {
    fail("the first argument is not where it was written", zNew, nNew);
  }
  /* a line of its own: nothing but space and a ',' before it on its line,
  ** nothing but a ',' after it on its line */
  for (i = iCons - 1; i >= 0 && zNew[i] != '\n'; i--) {
    if (zNew[i] != ' ' && zNew[i] != '\t' && zNew[i] != ',') {
      fail("the constraint shares its line with what is before", zNew, nNew);
    }
  }
  i = iStop < nNew && zNew[iStop] == ',' ? iStop + 1 : iStop;
  if (i < nNew && zNew[i] != '\n') {
    fail("the constraint shares its line with what follows", zNew, nNew);
  }
  if (!rcTableDefOwnLine(zNew, nNew, iStart, iStop)) {
    fail("rcTableDefOwnLine says the constraint has no line of its own", zNew,
         nNew);
  }
  if (rcTableDefEnd(zNew, nNew) < iStop) {
    fail("the column list ends before the constraint", zNew, nNew);
  }
  rcTableDefCut(zNew, nNew, &iStart, &iStop);
  memmove(zNew + iStart, zNew + iStop, (size_t)(nNew - iStop));
  if (nNew - (iStop - iStart) != n || memcmp(zNew, z, (size_t)n) != 0) {
    fail("taking the constraint away does not give the text back", zNew,
         nNew - (iStop - iStart));
  }
  free(zNew);
  return 0;
}
