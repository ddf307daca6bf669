/*
** grapheme.c - extended grapheme clusters of UAX #29 (Unicode 15.0), counted
** by a state machine over code-point classes, so that length_count(x,
** 'graphemes') need not run ICU's break iterator on every value.
**
** The classes come from ICU: rcGraphemeTableOpen copies the property
** Grapheme_Cluster_Break (u_getIntPropertyMap) and Extended_Pictographic
** (u_getBinaryPropertySet) into a UCPTrie of the FAST kind, whose lookup is
** two loads for the BMP.  The rules are UAX #29 section 3.1.1 as Unicode 15.0
** has them, and the one ICU 72's character rules add from CLDR: no break in
** $LinkingConsonant $ExtCccZwj* $Virama $ExtCccZwj* $LinkingConsonant, for
** the six scripts of its sets (Unicode 15.1's GB9c, with other sets).
** rcGraphemeTableOpen compares the machine with ICU's break iterator on
** sample texts, so that an ICU whose rules are others is never answered by
** these.  Where the table has no answer (rcGraphemeCount's comment in
** grapheme.h) the caller counts with the break iterator.
*/
#include "grapheme.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/ucptrie.h>
#include <unicode/umutablecptrie.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

/*
** The states: what the text so far means for the next boundary.  Classes
** that no rule looks at on the left (Other, Extend, SpacingMark, a ZWJ that
** does not follow a pictograph, an even run of RI) are all S_ANY.
*/
enum {
  S_ANY,       /* nothing below */
  S_CR,        /* after CR */
  S_CONTROL,   /* after LF or Control, and at the start of the text */
  S_L,         /* after Hangul L */
  S_V,         /* after Hangul V or LV */
  S_T,         /* after Hangul T or LVT */
  S_PREPEND,   /* after Prepend */
  S_RI,        /* after an odd run of Regional_Indicator */
  S_EP,        /* after Extended_Pictographic Extend* */
  S_EP_ZWJ,    /* after Extended_Pictographic Extend* ZWJ */
  S_LC,        /* after a linking consonant, then ExtCcc or ZWJ */
  S_LC_V,      /* after S_LC's text, a virama, then ExtCcc, ZWJ or virama */
  S_UNDECIDED, /* a code point the table has no class for: give up */
  S_COUNT
};

/* The pictographs' planes, U+1F000..U+1FAFF, looked up without a call
** (UCPTRIE_FAST_SUPP_GET calls ICU): an emoji text is mostly these. */
#define RC_EMOJI_FIRST 0x1F000u
#define RC_EMOJI_COUNT 0xB00u

struct RcGraphemeTable {
  UCPTrie *pTrie; /* the classes; 0 when ICU's Unicode is not 15.0 */
  uint8_t aEmoji[RC_EMOJI_COUNT]; /* the trie's classes there */
  /* aStep[state << 5 | class] = next state << 6 | 1 at a boundary */
  uint16_t aStep[S_COUNT << 5];
};

/* The state after a code point of class cls in state s. */
static int rcNextState(int s, int cls) {
  if (s == S_UNDECIDED) return S_UNDECIDED;
  switch (cls) {
  case RC_GCLASS_CR: return S_CR;
  case RC_GCLASS_LF:
  case RC_GCLASS_CONTROL: return S_CONTROL;
  case RC_GCLASS_L: return S_L;
  case RC_GCLASS_V:
  case RC_GCLASS_LV: return S_V;
  case RC_GCLASS_T:
  case RC_GCLASS_LVT: return S_T;
  case RC_GCLASS_PREPEND: return S_PREPEND;
  case RC_GCLASS_RI: return s == S_RI ? S_ANY : S_RI;
  case RC_GCLASS_EP: return S_EP;
  case RC_GCLASS_EXTEND: return s == S_EP ? S_EP : S_ANY;
  case RC_GCLASS_ZWJ:
    return s == S_EP ? S_EP_ZWJ : s == S_LC || s == S_LC_V ? s : S_ANY;
  case RC_GCLASS_LINKER: return S_LC;
  case RC_GCLASS_VIRAMA:
    return s == S_EP ? S_EP : s == S_LC || s == S_LC_V ? S_LC_V : S_ANY;
  case RC_GCLASS_EXTEND_CCC:
    return s == S_EP || s == S_LC || s == S_LC_V ? s : S_ANY;
  case RC_GCLASS_UNDECIDED: return S_UNDECIDED;
  default: return S_ANY;
  }
}

/* 1 when there is a boundary between state s and a code point of class
** cls: the rules of UAX #29 section 3.1.1, first match wins. */
static int rcIsBoundary(int s, int cls) {
  int bControl =
      cls == RC_GCLASS_CR || cls == RC_GCLASS_LF || cls == RC_GCLASS_CONTROL;
  int bHangulAfterL = cls == RC_GCLASS_L || cls == RC_GCLASS_V ||
                      cls == RC_GCLASS_LV || cls == RC_GCLASS_LVT;
  /* GB3  CR x LF;  GB4  (Control | CR | LF) /;  GB5  / (Control | CR | LF) */
  if (s == S_CR && cls == RC_GCLASS_LF) return 0;
  if (s == S_CR || s == S_CONTROL || bControl) return 1;
  /* GB6  L x (L | V | LV | LVT);  GB7  (LV | V) x (V | T);  GB8  (LVT|T) x T */
  if (s == S_L && bHangulAfterL) return 0;
  if (s == S_V && (cls == RC_GCLASS_V || cls == RC_GCLASS_T)) return 0;
  if (s == S_T && cls == RC_GCLASS_T) return 0;
  /* GB9  x (Extend | ZWJ);  GB9a  x SpacingMark;  GB9b  Prepend x */
  if (cls == RC_GCLASS_EXTEND || cls == RC_GCLASS_ZWJ ||
      cls == RC_GCLASS_VIRAMA || cls == RC_GCLASS_EXTEND_CCC) {
    return 0;
  }
  if (cls == RC_GCLASS_SPACING_MARK) return 0;
  if (s == S_PREPEND) return 0;
  /* ICU's aksara rule:  LinkingConsonant ExtCccZwj* Virama ExtCccZwj* x
  ** LinkingConsonant */
  if (s == S_LC_V && cls == RC_GCLASS_LINKER) return 0;
  /* GB11  ExtPict Extend* ZWJ x ExtPict */
  if (s == S_EP_ZWJ && cls == RC_GCLASS_EP) return 0;
  /* GB12, GB13  an odd run of RI x RI */
  if (s == S_RI && cls == RC_GCLASS_RI) return 0;
  return 1; /* GB999  Any / Any */
}

/* The class of an ICU Grapheme_Cluster_Break value (UGraphemeClusterBreak). */
static int rcClassOfGcb(uint32_t v) {
  switch (v) {
  case U_GCB_OTHER: return RC_GCLASS_OTHER;
  case U_GCB_CONTROL: return RC_GCLASS_CONTROL;
  case U_GCB_CR: return RC_GCLASS_CR;
  case U_GCB_EXTEND: return RC_GCLASS_EXTEND;
  case U_GCB_L: return RC_GCLASS_L;
  case U_GCB_LF: return RC_GCLASS_LF;
  case U_GCB_LV: return RC_GCLASS_LV;
  case U_GCB_LVT: return RC_GCLASS_LVT;
  case U_GCB_T: return RC_GCLASS_T;
  case U_GCB_V: return RC_GCLASS_V;
  case U_GCB_SPACING_MARK: return RC_GCLASS_SPACING_MARK;
  case U_GCB_PREPEND: return RC_GCLASS_PREPEND;
  case U_GCB_REGIONAL_INDICATOR: return RC_GCLASS_RI;
  case U_GCB_ZWJ: return RC_GCLASS_ZWJ;
  default: return RC_GCLASS_UNDECIDED; /* not assigned since Unicode 11 */
  }
}

/* Gives the code points of pSet class cls where their class is now base,
** RC_GCLASS_UNDECIDED elsewhere. */
static void rcSetClassIn(UMutableCPTrie *pMut, const USet *pSet, int base,
                         int cls, UErrorCode *pStatus) {
  int32_t i, nItem = U_SUCCESS(*pStatus) ? uset_getItemCount(pSet) : 0;
  for (i = 0; i < nItem && U_SUCCESS(*pStatus); i++) {
    UChar32 lo, hi, c, end;
    uint32_t v;
    if (uset_getItem(pSet, i, &lo, &hi, 0, 0, pStatus) != 0) continue;
    for (c = lo; c <= hi && U_SUCCESS(*pStatus); c = end + 1) {
      end = umutablecptrie_getRange(pMut, c, UCPMAP_RANGE_NORMAL, 0, 0, 0, &v);
      if (end > hi) end = hi;
      umutablecptrie_setRange(
          pMut, c, end,
          v == (uint32_t)base ? (uint32_t)cls : RC_GCLASS_UNDECIDED, pStatus);
    }
  }
}

/* rcSetClassIn for the set written zPattern (ICU's syntax, ASCII). */
static void rcSetClassOf(UMutableCPTrie *pMut, const char *zPattern, int base,
                         int cls, UErrorCode *pStatus) {
  UChar aPattern[160];
  int32_t n = (int32_t)strlen(zPattern);
  USet *pSet;
  if (U_FAILURE(*pStatus)) return;
  if (n >= (int32_t)(sizeof(aPattern) / sizeof(aPattern[0]))) {
    *pStatus = U_BUFFER_OVERFLOW_ERROR;
    return;
  }
  u_charsToUChars(zPattern, aPattern, n + 1);
  pSet = uset_openPattern(aPattern, n, pStatus);
  rcSetClassIn(pMut, pSet, base, cls, pStatus);
  uset_close(pSet);
}

/* The sets of ICU 72's aksara rule (its char.txt: $LinkingConsonant,
** $Virama, and $ExtCccZwj without ZWJ, less the viramas, which are in it). */
#define RC_AKSARA_SCRIPTS                                                      \
  "[\\p{Gujr}\\p{sc=Telu}\\p{sc=Mlym}\\p{sc=Orya}\\p{sc=Beng}\\p{sc=Deva}]"
static const char zRcLinker[] =
    "[" RC_AKSARA_SCRIPTS "&\\p{Indic_Syllabic_Category=Consonant}]";
static const char zRcVirama[] =
    "[" RC_AKSARA_SCRIPTS "&\\p{Indic_Syllabic_Category=Virama}]";
static const char zRcExtendCcc[] = "[\\p{gcb=Extend}-\\p{ccc=0}]";

/* Sets the class of every code point from ICU's properties into pMut. */
static void rcFillClasses(UMutableCPTrie *pMut, UErrorCode *pStatus) {
  const UCPMap *pGcb =
      u_getIntPropertyMap(UCHAR_GRAPHEME_CLUSTER_BREAK, pStatus);
  const USet *pEp =
      u_getBinaryPropertySet(UCHAR_EXTENDED_PICTOGRAPHIC, pStatus);
  UChar32 c = 0, end;
  uint32_t v;

  if (U_FAILURE(*pStatus)) return;
  while ((end = ucpmap_getRange(pGcb, c, UCPMAP_RANGE_NORMAL, 0, 0, 0, &v)) >=
         0) {
    umutablecptrie_setRange(pMut, c, end, (uint32_t)rcClassOfGcb(v), pStatus);
    c = end + 1;
  }
  /* A pictograph is its own class when it is Other, as all are in 15.0. */
  rcSetClassIn(pMut, pEp, RC_GCLASS_OTHER, RC_GCLASS_EP, pStatus);
  /* the aksara rule's: the marks first, then the viramas among them */
  rcSetClassOf(pMut, zRcExtendCcc, RC_GCLASS_EXTEND, RC_GCLASS_EXTEND_CCC,
               pStatus);
  rcSetClassOf(pMut, zRcVirama, RC_GCLASS_EXTEND_CCC, RC_GCLASS_VIRAMA,
               pStatus);
  rcSetClassOf(pMut, zRcLinker, RC_GCLASS_OTHER, RC_GCLASS_LINKER, pStatus);
}

/* The classes of every code point, or 0 with *pStatus set. */
static UCPTrie *rcBuildTrie(UErrorCode *pStatus) {
  UMutableCPTrie *pMut =
      umutablecptrie_open(RC_GCLASS_OTHER, RC_GCLASS_UNDECIDED, pStatus);
  UCPTrie *pTrie = 0;
  if (U_FAILURE(*pStatus)) return 0;
  rcFillClasses(pMut, pStatus);
  if (U_SUCCESS(*pStatus)) {
    pTrie = umutablecptrie_buildImmutable(pMut, UCPTRIE_TYPE_FAST,
                                          UCPTRIE_VALUE_BITS_8, pStatus);
  }
  umutablecptrie_close(pMut);
  return U_SUCCESS(*pStatus) ? pTrie : 0;
}

/*
** Texts of every rule, in UTF-8: the table must count each as ICU's break
** iterator does, or it answers nothing.  They cannot prove the two equal
** (test/grapheme_diff.c does, for ICU 72), but an ICU whose rules differ
** from these on a rule sampled here is found at once.
*/
static const char *const azRcSample[] = {
    /* GB3, GB4, GB5: CR LF, a control, NEL */
    "a\r\nb\x01\xc2\x85"
    "c",
    /* GB6, GB7, GB8: Hangul L V T, LV, LVT */
    "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8\xea\xb0\x80\xea\xb0\x81",
    /* GB9, GB9a: an accent, ZWNJ; KA with a vowel sign */
    "e\xcc\x81\xe2\x80\x8c\xe0\xa4\x95\xe0\xa4\xbe",
    /* GB9b: an Arabic number sign before a letter */
    "\xd8\x80\xd9\x84"
    "a",
    /* GB11: man ZWJ woman, a skin tone */
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd",
    /* GB12, GB13: three regional indicators */
    "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9",
    /* the aksara rule: Devanagari namaste (3 clusters) */
    "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4"
    "\xe0\xa5\x87",
    /* Bengali KA virama ZWJ SSA (1) */
    "\xe0\xa6\x95\xe0\xa7\x8d\xe2\x80\x8d\xe0\xa6\xb7",
    /* Tamil KA virama SSA (2): not a script of the rule */
    "\xe0\xae\x95\xe0\xaf\x8d\xe0\xae\xb7",
};

/* 1 when the table counts every sample text as ICU's iterator does. */
static int rcSamplesAgree(const RcGraphemeTable *pTab) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *pIter = ubrk_open(UBRK_CHARACTER, "", 0, 0, &status);
  int bAgree = U_SUCCESS(status);
  size_t i;
  for (i = 0; bAgree && i < sizeof(azRcSample) / sizeof(azRcSample[0]); i++) {
    const char *z = azRcSample[i];
    UText text = UTEXT_INITIALIZER;
    size_t nFast = 0, nIcu = 0;
    utext_openUTF8(&text, z, (int64_t)strlen(z), &status);
    ubrk_setUText(pIter, &text, &status);
    if (U_SUCCESS(status)) {
      ubrk_first(pIter);
      while (ubrk_next(pIter) != UBRK_DONE)
        nIcu++;
    }
    utext_close(&text);
    bAgree =
        U_SUCCESS(status) &&
        rcGraphemeCount(pTab, (const unsigned char *)z, strlen(z), &nFast) &&
        nFast == nIcu;
  }
  ubrk_close(pIter);
  return bAgree;
}

RcGraphemeStatus rcGraphemeTableOpen(RcGraphemeTable **ppTab) {
  RcGraphemeTable *pTab = calloc(1, sizeof(*pTab));
  UVersionInfo version;
  int s, cls;
  unsigned i;

  *ppTab = 0;
  if (pTab == 0) return RC_GRAPHEME_ICU;
  for (s = 0; s < S_COUNT; s++) {
    for (cls = 0; cls < RC_GCLASS_COUNT; cls++) {
      pTab->aStep[s << 5 | cls] =
          (uint16_t)(rcNextState(s, cls) << 6 | rcIsBoundary(s, cls));
    }
  }
  u_getUnicodeVersion(version);
  if (version[0] == 15 && version[1] == 0) {
    UErrorCode status = U_ZERO_ERROR;
    pTab->pTrie = rcBuildTrie(&status);
    if (pTab->pTrie == 0) {
      free(pTab);
      return RC_GRAPHEME_ICU;
    }
    for (i = 0; i < RC_EMOJI_COUNT; i++) {
      pTab->aEmoji[i] =
          (uint8_t)ucptrie_get(pTab->pTrie, (UChar32)(RC_EMOJI_FIRST + i));
    }
    if (!rcSamplesAgree(pTab)) { /* ICU's rules are not these */
      ucptrie_close(pTab->pTrie);
      pTab->pTrie = 0;
    }
  }
  *ppTab = pTab;
  return RC_GRAPHEME_OK;
}

void rcGraphemeTableClose(RcGraphemeTable *pTab) {
  if (pTab == 0) return;
  ucptrie_close(pTab->pTrie);
  free(pTab);
}

/* The class of supplementary code point c (pTab has a trie). */
static unsigned rcSuppClass(const RcGraphemeTable *pTab, uint32_t c) {
  if (c - RC_EMOJI_FIRST < RC_EMOJI_COUNT) {
    return pTab->aEmoji[c - RC_EMOJI_FIRST];
  }
  return UCPTRIE_FAST_SUPP_GET(pTab->pTrie, UCPTRIE_8, (UChar32)c);
}

/* Both lookups of rcGraphemeCount, so that the tests check them. */
int rcGraphemeClass(const RcGraphemeTable *pTab, int c) {
  if (pTab->pTrie == 0) return RC_GCLASS_UNDECIDED;
  if (c < 0x10000) return UCPTRIE_FAST_BMP_GET(pTab->pTrie, UCPTRIE_8, c);
  return (int)rcSuppClass(pTab, (uint32_t)c);
}

int rcGraphemeCount(const RcGraphemeTable *pTab, const unsigned char *z,
                    size_t n, size_t *pnCluster) {
  const UCPTrie *pTrie = pTab->pTrie;
  const uint16_t *aStep = pTab->aStep;
  unsigned s = S_CONTROL << 5; /* GB1: a boundary before the first */
  size_t nCluster = 0;
  size_t i = 0;

  if (pTrie == 0) return 0;
  while (i < n) {
    uint32_t c = z[i];
    unsigned cls, step;
    if (c < 0x80) {
      cls = UCPTRIE_FAST_BMP_GET(pTrie, UCPTRIE_8, c);
      i += 1;
    } else if (c < 0xE0) {
      c = (c & 0x1F) << 6 | (z[i + 1] & 0x3Fu);
      cls = UCPTRIE_FAST_BMP_GET(pTrie, UCPTRIE_8, c);
      i += 2;
    } else if (c < 0xF0) {
      c = (c & 0x0F) << 12 | (z[i + 1] & 0x3Fu) << 6 | (z[i + 2] & 0x3Fu);
      cls = UCPTRIE_FAST_BMP_GET(pTrie, UCPTRIE_8, c);
      i += 3;
    } else {
      c = (c & 0x07) << 18 | (z[i + 1] & 0x3Fu) << 12 |
          (z[i + 2] & 0x3Fu) << 6 | (z[i + 3] & 0x3Fu);
      cls = rcSuppClass(pTab, c);
      i += 4;
    }
    step = aStep[s | cls];
    nCluster += step & 1;
    s = step >> 1;
  }
  if (s == S_UNDECIDED << 5) return 0;
  *pnCluster = nCluster;
  return 1;
}
