/*
** grapheme.h - extended grapheme clusters (UAX #29) without ICU's break
** iterator, with no SQLite in it.
**
**     RcGraphemeTable *pTab;
**     size_t n;
**     if (rcGraphemeTableOpen(&pTab) == RC_GRAPHEME_OK &&
**         rcGraphemeCount(pTab, z, nByte, &n)) {
**       ... n clusters ...
**     } else {
**       ... count with ubrk_open(UBRK_CHARACTER, ...) ...
**     }
**     rcGraphemeTableClose(pTab);
**
** The table holds each code point's Grapheme_Cluster_Break value and
** Extended_Pictographic property, read from ICU's own property data
** (u_getIntPropertyMap, u_getBinaryPropertySet) into a UCPTrie, and the
** rules GB3..GB13, GB999 of Unicode 15.0 as a state machine, with the rule
** ICU 72 adds to them from CLDR (no break inside an aksara of Devanagari,
** Bengali, Gujarati, Oriya, Telugu or Malayalam: a consonant, a virama and
** a consonant, with marks between; Unicode 15.1 made it GB9c).  It is what
** ICU 72's character break iterator does, proven equal to it by
** test/grapheme_diff.c and test/fuzz/fuzz_grapheme.c; rcGraphemeTableOpen
** also compares the two on sample texts of every rule, and decides nothing
** when they differ.
*/
#ifndef RICHCHECK_GRAPHEME_H
#define RICHCHECK_GRAPHEME_H

#include <stddef.h>

typedef struct RcGraphemeTable RcGraphemeTable;

typedef enum RcGraphemeStatus {
  RC_GRAPHEME_OK = 0,
  RC_GRAPHEME_ICU /* ICU failed (no data, no memory): *ppTab is 0 */
} RcGraphemeStatus;

/*
** Builds the table.  When ICU's Unicode version is not 15.0 (the rules
** here are 15.0's), or ICU's break iterator counts one of the sample texts
** otherwise than the table (ICU's rules are not these), the table is made
** but decides nothing: rcGraphemeCount always returns 0 with it, and the
** caller's break iterator counts.
*/
RcGraphemeStatus rcGraphemeTableOpen(RcGraphemeTable **ppTab);
void rcGraphemeTableClose(RcGraphemeTable *pTab);

/*
** Counts the clusters of z[0..n), which must be well-formed UTF-8 (as
** rcUtf8Scan accepts), into *pnCluster and returns 1; or returns 0 when the
** table cannot decide: a Unicode version other than 15.0 or other rules
** (rcGraphemeTableOpen), or a code point
** whose Grapheme_Cluster_Break value Unicode 15.0 does not assign
** (E_Base, E_Modifier, Glue_After_Zwj, E_Base_GAZ) or that is
** Extended_Pictographic with a value other than Other.
*/
int rcGraphemeCount(const RcGraphemeTable *pTab, const unsigned char *z,
                    size_t n, size_t *pnCluster);

/* The class the table gives code point c (RC_GCLASS_*), for the tests. */
int rcGraphemeClass(const RcGraphemeTable *pTab, int c);

/* The classes: Grapheme_Cluster_Break values, with Extended_Pictographic
** (all of whose code points are Other in Unicode 15.0) as one of them, and
** the three of ICU's aksara rule: its linking consonants (Other), its
** viramas (Extend), and the other Extend of a combining class other than 0
** (which it lets between them, as it does ZWJ). */
#define RC_GCLASS_OTHER 0
#define RC_GCLASS_CR 1
#define RC_GCLASS_LF 2
#define RC_GCLASS_CONTROL 3
#define RC_GCLASS_EXTEND 4
#define RC_GCLASS_ZWJ 5
#define RC_GCLASS_RI 6
#define RC_GCLASS_PREPEND 7
#define RC_GCLASS_SPACING_MARK 8
#define RC_GCLASS_L 9
#define RC_GCLASS_V 10
#define RC_GCLASS_T 11
#define RC_GCLASS_LV 12
#define RC_GCLASS_LVT 13
#define RC_GCLASS_EP 14
#define RC_GCLASS_LINKER 15     /* a linking consonant (Other) */
#define RC_GCLASS_VIRAMA 16     /* (Extend) */
#define RC_GCLASS_EXTEND_CCC 17 /* Extend, combining class not 0 */
#define RC_GCLASS_UNDECIDED 18  /* the break iterator must count */
#define RC_GCLASS_COUNT 19

#endif /* RICHCHECK_GRAPHEME_H */
