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
** Finds the table constraint named zName (compared exactly, quotes
** removed) in z[0..n): returns 1 with [*piStart, *piEnd) the constraint
** with the ',' before it, and *piArg the offset of the first token of the
** first argument of the first call inside its CHECK ( ... ), or -1.
** Returns 0 when there is no such constraint.
*/
int rcTableDefFind(const char *z, int n, const char *zName, int *piStart,
                   int *piEnd, int *piArg);

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

#endif /* RICHCHECK_TABLEDEF_H */
