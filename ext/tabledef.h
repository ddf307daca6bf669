/*
** tabledef.h - finding places in a CREATE TABLE statement, with no SQLite
** in it.
**
** A declared rule of the kind 'check' lives in its table's definition as
** a table constraint that richcheck writes and later removes:
**
**     CREATE TABLE t(a TEXT, b INT, CONSTRAINT "richcheck_7" CHECK (...))
**                                 ^ start                             ^ end
**
** These functions read the statement token by token (strings, quoted
** identifiers and comments are skipped whole), so that a '(' or a name in
** a string, a comment or a quoted identifier is never taken for one.
*/
#ifndef RICHCHECK_TABLEDEF_H
#define RICHCHECK_TABLEDEF_H

/*
** The offset of the ')' that closes the column list of the CREATE TABLE
** statement z[0..n), or -1 when there is no such list.
*/
int rcTableDefEnd(const char *z, int n);

/*
** Where and how a new last table constraint is written into the CREATE
** TABLE statement z[0..n) so that it has a line of its own (SQLAlchemy's
** reflection reads one CHECK a line, and Alembic's batch copies rely on
** it): zLead, nIndent bytes of zIndent, the constraint, then zTail, all
** before z[iAt].  When the last item of the column list ends its line,
** that is ",\n<its indentation>CONSTRAINT ..." before the newline; when the
** list ends on the line of its last item (or a comment follows the item),
** "\n, CONSTRAINT ...\n" before the ')'.  Returns 0 when z has no column
** list.
*/
typedef struct RcTableDefPlace RcTableDefPlace;
struct RcTableDefPlace {
  int iAt;
  const char *zLead;
  const char *zIndent;
  int nIndent;
  const char *zTail;
};
int rcTableDefPlace(const char *z, int n, RcTableDefPlace *p);

/*
** Widens [*piStart, *piEnd), a constraint with the ',' before it as
** rcTableDefFind() gives it, to the two newlines rcTableDefPlace() writes
** around a constraint of a list that ended on its last item's line, so
** that taking the range away gives back the text as it was.
*/
void rcTableDefCut(const char *z, int n, int *piStart, int *piEnd);

/*
** Finds the table constraint named zName (compared exactly, quotes
** removed) in z[0..n): returns 1 with [*piStart, *piEnd) the constraint
** with the ',' before it, and *piArg the offset of the first token of the
** first argument of the first call inside its CHECK ( ... ), or -1.
** Returns 0 when there is no such constraint.
*/
int rcTableDefFind(const char *z, int n, const char *zName, int *piStart,
                   int *piEnd, int *piArg);

/*
** Whether the constraint [iStart, iEnd) of z[0..n), as rcTableDefFind()
** gives it, has a line of its own, as rcTableDefPlace() writes it: nothing
** but space and a ',' before it on its line, nothing but a ',' after it.
** richcheck 0.2 wrote ", CONSTRAINT ..." on the line of the list's end.
*/
int rcTableDefOwnLine(const char *z, int n, int iStart, int iEnd);

/*
** The length of the identifier token at z[0..n): a bare word or a quoted
** name ("..." `...` [...]), 0 if z does not start one.
*/
int rcTableDefIdent(const char *z, int n);

/*
** The offset of the first token after the call "zFunc ( zQual ." in the
** statement z[0..n) (names compared in any case; strings, quoted names and
** comments are never taken for them), or -1.  For a rule's trigger:
** rcTableDefCallArg(zSql, n, "richcheck", "NEW") is where its column is.
*/
int rcTableDefCallArg(const char *z, int n, const char *zFunc,
                      const char *zQual);

/*
** The offset of the token that follows the one at z[i] (i < n), white
** space and comments skipped, or n; *pnTok gets that token's length.
*/
int rcTableDefNextToken(const char *z, int n, int i, int *pnTok);

/* A token of a statement: its offset and length. */
typedef struct RcTok RcTok;
struct RcTok {
  int i, n;
};

/*
** Matches the statement z[0..n), from offset i on, against zPattern, token
** by token, white space and comments skipped.  The pattern's tokens are
** separated by spaces: a word matches the same bare word in any case;
** "%i" matches one identifier token (a bare word or a quoted name), "%q"
** one in double quotes, and "%s" one string literal, each recorded in
** aCap[] in pattern order (at most nCap); "$" matches the end of the text;
** anything else matches the same punctuation.  Returns the offset just past the
*last token matched (to go
** on matching from there), or -1.  For a trigger richcheck writes:
**
**     rcSqlMatch(zSql, n, 0, "CREATE TRIGGER %q BEFORE UPDATE OF %q ON %q "
**                "BEGIN SELECT richcheck ( NEW . %q , %s , %s ) ; END $",
**                aCap, 6)
*/
int rcSqlMatch(const char *z, int n, int i, const char *zPattern, RcTok *aCap,
               int nCap);

/*
** Whether the identifier token z[0..k) names zName: its text with the quotes
** taken off (doubled quotes made single) equals zName, in any ASCII case
** when bNoCase.
*/
int rcTableDefIdentIs(const char *z, int k, const char *zName, int bNoCase);

/*
** Whether the string literal token z[0..k) ('...', doubled quotes inside)
** holds exactly the text zValue.
*/
int rcTableDefStringIs(const char *z, int k, const char *zValue);

/*
** Whether statements a[0..na) and b[0..nb) are the same token for token:
** white space and comments aside, identifiers compared with their quotes
** taken off in any ASCII case (a rename writes "t" where t stood), strings
** and everything else byte for byte.
*/
int rcSqlSame(const char *a, int na, const char *b, int nb);

/*
** A named constraint of a CREATE TABLE statement, found by
** rcTableDefConstraint(): of the table (", CONSTRAINT n CHECK (...)") or of
** a column ("b INT CONSTRAINT n CHECK (...)").
*/
typedef enum RcConsKind {
  RC_CONS_NONE,  /* no constraint of that name */
  RC_CONS_CHECK, /* CONSTRAINT name CHECK ( ... ) */
  RC_CONS_OTHER  /* a constraint of that name of another kind (UNIQUE ...) */
} RcConsKind;

typedef struct RcTableDefCons RcTableDefCons;
struct RcTableDefCons {
  RcConsKind eKind;
  int nFound;           /* how many constraints have the name */
  int iStart, iEnd;     /* what taking it away removes: a table constraint
                        ** with the ',' before it, a column's from the space
                        ** before the word CONSTRAINT */
  int iName, nName;     /* its name's token */
  int iExpr, nExpr;     /* CHECK: the text between its parentheses */
  int bSplit;           /* other constraints stand between its name and its
                        ** CHECK (SQLite names the next CHECK: a NOT NULL has
                        ** no name to keep) */
  int iColumn, nColumn; /* a column's: its name token; else 0, 0 */
};

/*
** Finds the first constraint named zName (quotes removed, ASCII case
** folded, as SQLite compares names) in the CREATE TABLE statement z[0..n):
** its kind, where it is, how many have the name.  Only the column list is
** searched; strings, quoted names and comments are never taken for it.
*/
void rcTableDefConstraint(const char *z, int n, const char *zName,
                          RcTableDefCons *p);

/* Writes the identifier token z[0..k) into zOut (k + 1 bytes) with its
** quotes taken off, a doubled quote made single. */
void rcTableDefUnquote(const char *z, int k, char *zOut);

/*
** Whether z[0..n) can stand between the parentheses of CHECK ( ... ) as
** one piece: not empty, its parentheses balanced, no ';', no string,
** quoted name or comment left open.  (SQLite's parse of the definition it
** goes into decides whether it is one expression.)  *pbLineComment: it
** has a "--" comment, so a newline must end it before the ')'.
*/
int rcTableDefExprOk(const char *z, int n, int *pbLineComment);

#endif /* RICHCHECK_TABLEDEF_H */
