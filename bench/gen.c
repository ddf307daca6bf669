/*
** gen.c - the rows of bench.c's tables, generated from fixed seeds: every
** generator returns one row with its exact counts (characters, bytes,
** grapheme clusters) and, for addresses, its verdicts by default and by the
** HTML5 rule, so that bench.c can check every query's result against them.
** Nothing here touches a database; bench.c inserts the rows.
**
**     benchRandState = seed;            (one seed per table)
**     benchEmailRow(&row);              (row.z, row.nByte, row.bEmail, ...)
*/
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A generator asked for a row that does not fit: a bug in this file. */
static void benchFail(const char *zWhat) {
  fflush(stdout);
  fprintf(stderr, "bench: %s\n", zWhat);
  exit(1);
}

/*************************** deterministic data ****************************/

uint64_t benchRandState;

static uint64_t benchRand(void) {
  uint64_t z = (benchRandState += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* A number in [0, n). */
unsigned benchPick(unsigned n) { return (unsigned)((benchRand() >> 32) % n); }

/* Appends the UTF-8 of scalar value c; each call is one character. */
static void benchPut(BenchRow *p, unsigned c) {
  unsigned char *z = (unsigned char *)p->z + p->nByte;
  if (c < 0x80) {
    z[0] = (unsigned char)c;
    p->nByte += 1;
  } else if (c < 0x800) {
    z[0] = (unsigned char)(0xC0 | (c >> 6));
    z[1] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 2;
  } else if (c < 0x10000) {
    z[0] = (unsigned char)(0xE0 | (c >> 12));
    z[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 3;
  } else {
    z[0] = (unsigned char)(0xF0 | (c >> 18));
    z[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    z[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    z[3] = (unsigned char)(0x80 | (c & 0x3F));
    p->nByte += 4;
  }
  p->nChar++;
}

static const char *const azSyllable[] = {
    "an",  "be",  "ca",  "do",  "el",  "fi",  "ga",  "ha", "is",
    "jo",  "ka",  "li",  "ma",  "ne",  "ol",  "pa",  "qu", "ro",
    "sa",  "te",  "ul",  "vi",  "wa",  "xe",  "ya",  "zo", "ber",
    "son", "ton", "ley", "mar", "tin", "ric", "ard",
};
#define BENCH_NSYLLABLE ((unsigned)(sizeof(azSyllable) / sizeof(azSyllable[0])))

static const char *const azDomain[] = {
    "@example.com", "@mail.org", "@corp.net", "@uni.edu", "@x.io",
};

/* An ASCII row of exactly nWant characters: a name, an email or a handle. */
void benchAsciiRow(BenchRow *p, int nWant) {
  char zBuf[BENCH_MAX_CHARS * 2 + 32];
  int n = 0;
  int eStyle = (int)benchPick(3);
  int i;

  while (n < nWant) {
    const char *zSyl = azSyllable[benchPick(BENCH_NSYLLABLE)];
    int nSyl = (int)strlen(zSyl);
    memcpy(zBuf + n, zSyl, (size_t)nSyl);
    if (benchPick(5) == 0) zBuf[n] = (char)(zBuf[n] - 'a' + 'A');
    n += nSyl;
    switch (benchPick(8)) {
    case 0: zBuf[n++] = eStyle == 0 ? ' ' : '.'; break;
    case 1: zBuf[n++] = (char)('0' + benchPick(10)); break;
    case 2:
      if (eStyle == 1) {
        const char *zDom = azDomain[benchPick(5)];
        int nDom = (int)strlen(zDom);
        memcpy(zBuf + n, zDom, (size_t)nDom);
        n += nDom;
      } else if (eStyle == 2) {
        zBuf[n++] = '_';
      }
      break;
    default: break;
    }
  }
  p->nByte = p->nChar = p->nGrapheme = 0;
  for (i = 0; i < nWant; i++)
    benchPut(p, (unsigned char)zBuf[i]);
  p->nGrapheme = p->nChar;
}

/* Precomposed Latin letters with diacritics (two UTF-8 bytes each). */
static const unsigned aLatinAccent[] = {
    0xE0,  0xE1,  0xE2,  0xE4,  0xE7,  0xE8,  0xE9,  0xEA,  0xEB,  0xED,
    0xEE,  0xEF,  0xF1,  0xF3,  0xF4,  0xF6,  0xF8,  0xFA,  0xFC,  0xDF,
    0x107, 0x10D, 0x119, 0x142, 0x144, 0x15B, 0x161, 0x17C, 0x17E, 0x151,
};
#define BENCH_NLATIN                                                           \
  ((unsigned)(sizeof(aLatinAccent) / sizeof(aLatinAccent[0])))

/*
** A non-ASCII row of nWant characters.  Each row has a main script; spaces,
** digits and an emoji now and then are mixed in.  A combining acute accent
** (U+0301) only ever follows an ASCII letter, so it is one more character
** but not one more grapheme cluster; nothing else here joins clusters.
*/
void benchMixedRow(BenchRow *p, int nWant) {
  int eScript = (int)benchPick(4);
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nChar < nWant) {
    unsigned r = benchPick(100);
    if (r < 6 && p->nChar > 0) {
      benchPut(p, ' ');
    } else if (r < 10) {
      benchPut(p, 0x1F600 + benchPick(0x50)); /* emoticons, 4 bytes */
    } else if (r < 13) {
      benchPut(p, '0' + benchPick(10));
    } else {
      switch (eScript) {
      case 0: /* Latin: ASCII, precomposed accents, combining accents */
        if (r < 60) {
          benchPut(p, 'a' + benchPick(26));
        } else if (r < 92 || p->nChar + 2 > nWant) {
          benchPut(p, aLatinAccent[benchPick(BENCH_NLATIN)]);
        } else {
          benchPut(p, 'a' + benchPick(26));
          benchPut(p, 0x301);
          p->nGrapheme--; /* the mark joins the letter's cluster */
        }
        break;
      case 1: benchPut(p, 0x3B1 + benchPick(25)); break;       /* Greek */
      case 2: benchPut(p, 0x430 + benchPick(32)); break;       /* Cyrillic */
      default: benchPut(p, 0x4E00 + benchPick(0x5000)); break; /* CJK */
      }
    }
  }
  p->nGrapheme += p->nChar;
}

/****************************** email addresses *****************************/

/*
** The address mix (per 1,000 rows, in expectation):
**
**   940 valid ASCII addresses: a local part (first.last 28%, firstlast 8%,
**       first_last 4%, initial and last 10%, first.m.last 3%, last.first 3%,
**       a name with digits 14%, first.last+tag 5%, role accounts 6%,
**       handles 10%, first name 5%, last name and initial 4%; names
**       capitalised in 4%), "@", and a domain (webmail 55%, with gmail.com
**       the most common; a company name and a TLD 33%, co.uk, com.au and
**       the like included; a subdomain or a university 12%; capitalised 2%).
**    20 Unicode ones, valid: an accented, Cyrillic, CJK, Greek, Korean or
**       Devanagari local part (NFC) at an ASCII domain (10), an ASCII local
**       part at an IDN domain (6), both (3), an xn-- A-label domain (1).
**    40 invalid ones, half of them invalid by the HTML5 rule too: no @, two
**       @, a space, surrounding space, a display name, mailto:, a trailing
**       ';', a comma, an underscore, an empty label, a hyphen first, an
**       empty side, an emoji domain; and half valid by the HTML5 rule only:
**       dots misplaced in the local part, a dotless domain, a special-use
**       domain, a numeric TLD, a local part of 65..80 characters.
**
** No row holds a tab, a newline or NUL (the Python file is line based), no
** verdict depends on where python-email-validator 1.3.0 and 2.x differ, and
** no row is longer than 254 octets.
*/

static const char *const azFirst[] = {
    "james",   "mary",    "john",   "patricia", "robert",    "jennifer",
    "michael", "linda",   "david",  "barbara",  "richard",   "susan",
    "joseph",  "jessica", "thomas", "sarah",    "charles",   "karen",
    "maria",   "anna",    "peter",  "paul",     "laura",     "emma",
    "olivia",  "noah",    "liam",   "lucas",    "sophie",    "hans",
    "jan",     "piotr",   "ivan",   "olga",     "mohammed",  "ahmed",
    "fatima",  "wei",     "li",     "yuki",     "hiroshi",   "raj",
    "priya",   "carlos",  "ana",    "luis",     "sofia",     "marco",
    "giulia",  "pierre",  "marie",  "kevin",    "mary-jane", "jean-luc",
    "chris",   "alex",    "sam",    "kim",
};
#define BENCH_NFIRST ((unsigned)(sizeof(azFirst) / sizeof(azFirst[0])))

static const char *const azLast[] = {
    "smith",   "johnson",  "williams",  "brown",     "jones",     "garcia",
    "miller",  "davis",    "rodriguez", "martinez",  "hernandez", "lopez",
    "wilson",  "anderson", "taylor",    "thomas",    "moore",     "jackson",
    "martin",  "lee",      "thompson",  "white",     "harris",    "clark",
    "lewis",   "robinson", "walker",    "young",     "allen",     "king",
    "wright",  "scott",    "green",     "baker",     "adams",     "nelson",
    "hill",    "muller",   "schmidt",   "schneider", "fischer",   "weber",
    "meyer",   "wagner",   "kowalski",  "nowak",     "ivanov",    "petrov",
    "rossi",   "russo",    "bianchi",   "dubois",    "moreau",    "lefebvre",
    "tanaka",  "suzuki",   "sato",      "wang",      "zhang",     "chen",
    "liu",     "singh",    "kumar",     "patel",     "khan",      "nguyen",
    "tran",    "kim",      "park",      "silva",     "santos",    "oliveira",
    "o'brien", "o'connor", "d'souza",   "van-dijk",
};
#define BENCH_NLAST ((unsigned)(sizeof(azLast) / sizeof(azLast[0])))

static const char *const azTag[] = {
    "news",   "shop",   "work",  "spam", "2024",
    "amazon", "github", "lists", "bank", "travel",
};
#define BENCH_NTAG ((unsigned)(sizeof(azTag) / sizeof(azTag[0])))

static const char *const azRole[] = {
    "info",      "sales",      "support", "contact", "admin", "noreply",
    "no-reply",  "billing",    "hr",      "jobs",    "hello", "office",
    "webmaster", "postmaster", "team",    "press",
};
#define BENCH_NROLE ((unsigned)(sizeof(azRole) / sizeof(azRole[0])))

/* Webmail domains; the common ones appear more than once. */
static const char *const azWebmail[] = {
    "gmail.com",     "gmail.com",      "gmail.com",   "gmail.com",
    "gmail.com",     "gmail.com",      "gmail.com",   "gmail.com",
    "yahoo.com",     "yahoo.com",      "yahoo.com",   "hotmail.com",
    "hotmail.com",   "hotmail.com",    "outlook.com", "outlook.com",
    "icloud.com",    "icloud.com",     "aol.com",     "live.com",
    "msn.com",       "gmx.de",         "web.de",      "yahoo.co.uk",
    "hotmail.co.uk", "orange.fr",      "free.fr",     "libero.it",
    "mail.ru",       "yandex.ru",      "qq.com",      "163.com",
    "naver.com",     "protonmail.com", "proton.me",   "t-online.de",
    "comcast.net",   "btinternet.com", "yahoo.co.jp", "uol.com.br",
    "bigpond.com",   "rediffmail.com", "seznam.cz",   "wp.pl",
};
#define BENCH_NWEBMAIL ((unsigned)(sizeof(azWebmail) / sizeof(azWebmail[0])))

/* Top-level (and second-level) domains of companies; .com most often. */
static const char *const azTld[] = {
    "com", "com",  "com", "com",  "com",    "com",    "com",   "com",
    "net", "net",  "org", "org",  "de",     "de",     "co.uk", "fr",
    "nl",  "io",   "it",  "es",   "ca",     "com.au", "ch",    "se",
    "pl",  "info", "biz", "jp",   "com.br", "eu",     "us",    "co",
    "ai",  "dev",  "app", "tech", "online", "co.za",  "in",    "be",
};
#define BENCH_NTLD ((unsigned)(sizeof(azTld) / sizeof(azTld[0])))

static const char *const azSubdomain[] = {
    "mail",   "email", "corp",     "eu", "us",   "dept", "students",
    "alumni", "staff", "research", "cs", "math", "med",  "hq",
};
#define BENCH_NSUBDOMAIN                                                       \
  ((unsigned)(sizeof(azSubdomain) / sizeof(azSubdomain[0])))

static const char *const azUniTld[] = {
    "edu", "edu", "ac.uk", "edu.au", "ac.jp", "de", "ac.in", "edu.cn",
};
#define BENCH_NUNITLD ((unsigned)(sizeof(azUniTld) / sizeof(azUniTld[0])))

/* Unicode local parts, all NFC, all allowed by SMTPUTF8 (RFC 6531). */
static const char *const azUniLocal[] = {
    "josé",   "zoë",   "müller",  "françois", "søren",  "łukasz",
    "björn",  "chloé", "renée",   "jürgen",   "garcía", "sørensen",
    "иван",   "ольга", "дмитрий", "李雷",     "王芳",   "田中",
    "さくら", "νίκος", "δοκιμή",  "민준",     "राज",    "ñandú",
};
#define BENCH_NUNILOCAL ((unsigned)(sizeof(azUniLocal) / sizeof(azUniLocal[0])))

/* Internationalised domain names, valid under UTS #46 and IDNA2008. */
static const char *const azIdn[] = {
    "bücher.de", "münchen.de", "köln.de",    "zürich.ch",     "españa.com",
    "café.fr",   "пример.рф",  "москва.рф",  "почта.рф",      "例子.中国",
    "日本語.jp", "mañana.com", "bücher.com", "παράδειγμα.gr",
};
#define BENCH_NIDN ((unsigned)(sizeof(azIdn) / sizeof(azIdn[0])))

/* The same kind of domains, written as A-labels (ASCII). */
static const char *const azAlabel[] = {
    "xn--bcher-kva.de",
    "xn--mnchen-3ya.de",
    "xn--e1afmkfd.xn--p1ai",
};
#define BENCH_NALABEL ((unsigned)(sizeof(azAlabel) / sizeof(azAlabel[0])))

/* Appends the UTF-8 text z, counting its characters. */
static void benchCat(BenchRow *p, const char *z) {
  size_t n = strlen(z);
  size_t i;
  if (p->nByte + (int)n >= BENCH_ROW_BYTES) benchFail("email row too long");
  for (i = 0; i < n; i++) {
    if (((unsigned char)z[i] & 0xC0) != 0x80) p->nChar++;
  }
  memcpy(p->z + p->nByte, z, n);
  p->nByte += (int)n;
}

/* Appends an ASCII name, its first letter in capitals if bCap. */
static void benchCatName(BenchRow *p, const char *z, int bCap) {
  char zBuf[32];
  size_t n = strlen(z);
  if (n >= sizeof(zBuf)) benchFail("name too long");
  memcpy(zBuf, z, n + 1);
  if (bCap && zBuf[0] >= 'a' && zBuf[0] <= 'z') zBuf[0] -= 'a' - 'A';
  benchCat(p, zBuf);
}

/* Appends the decimal digits of v. */
static void benchCatNum(BenchRow *p, unsigned v) {
  char zBuf[16];
  snprintf(zBuf, sizeof(zBuf), "%u", v);
  benchCat(p, zBuf);
}

/* Appends one character c. */
static void benchCatChar(BenchRow *p, char c) {
  char zBuf[2];
  zBuf[0] = c;
  zBuf[1] = 0;
  benchCat(p, zBuf);
}

/* Appends 2..3 syllables: a made-up word. */
static void benchCatWord(BenchRow *p) {
  int n = 2 + (int)benchPick(2);
  while (n-- > 0)
    benchCat(p, azSyllable[benchPick(BENCH_NSYLLABLE)]);
}

/* Appends a valid ASCII local part (dot-atom of atext). */
static void benchEmailLocal(BenchRow *p) {
  const char *zFirst = azFirst[benchPick(BENCH_NFIRST)];
  const char *zLast = azLast[benchPick(BENCH_NLAST)];
  int bCap = benchPick(25) == 0;
  unsigned r = benchPick(100);
  char zInitial[2];

  zInitial[0] = zFirst[0];
  zInitial[1] = 0;
  if (r < 28) { /* first.last */
    benchCatName(p, zFirst, bCap);
    benchCatChar(p, '.');
    benchCatName(p, zLast, bCap);
  } else if (r < 36) { /* firstlast */
    benchCatName(p, zFirst, bCap);
    benchCat(p, zLast);
  } else if (r < 40) { /* first_last */
    benchCat(p, zFirst);
    benchCatChar(p, '_');
    benchCat(p, zLast);
  } else if (r < 50) { /* j.smith, jsmith */
    benchCatName(p, zInitial, bCap);
    if (benchPick(2)) benchCatChar(p, '.');
    benchCatName(p, zLast, bCap);
  } else if (r < 53) { /* john.q.smith */
    benchCatName(p, zFirst, bCap);
    benchCatChar(p, '.');
    benchCatChar(p, (char)('a' + benchPick(26)));
    benchCatChar(p, '.');
    benchCatName(p, zLast, bCap);
  } else if (r < 56) { /* smith.john */
    benchCatName(p, zLast, bCap);
    benchCatChar(p, '.');
    benchCatName(p, zFirst, bCap);
  } else if (r < 70) { /* john1987, john.smith42, jsmith7 */
    switch (benchPick(3)) {
    case 0: benchCatName(p, zFirst, bCap); break;
    case 1:
      benchCatName(p, zFirst, bCap);
      benchCatChar(p, '.');
      benchCat(p, zLast);
      break;
    default:
      benchCat(p, zInitial);
      benchCat(p, zLast);
      break;
    }
    if (benchPick(2)) {
      benchCatNum(p, 1950 + benchPick(60));
    } else {
      benchCatNum(p, benchPick(1000));
    }
  } else if (r < 75) { /* john.smith+news */
    benchCat(p, zFirst);
    benchCatChar(p, '.');
    benchCat(p, zLast);
    benchCatChar(p, '+');
    benchCat(p, azTag[benchPick(BENCH_NTAG)]);
  } else if (r < 81) { /* info */
    benchCat(p, azRole[benchPick(BENCH_NROLE)]);
  } else if (r < 91) { /* darkwolf_99 */
    benchCatWord(p);
    if (benchPick(3) == 0) benchCatChar(p, '_');
    if (benchPick(2)) benchCatNum(p, benchPick(100));
  } else if (r < 96) { /* john */
    benchCatName(p, zFirst, bCap);
  } else { /* smithj */
    benchCat(p, zLast);
    benchCat(p, zInitial);
  }
}

/* Appends a valid ASCII domain. */
static void benchEmailDomain(BenchRow *p) {
  unsigned r = benchPick(100);
  int iBefore = p->nByte;

  if (r < 55) {
    benchCat(p, azWebmail[benchPick(BENCH_NWEBMAIL)]);
  } else if (r < 88) {
    benchCatWord(p);
    switch (benchPick(10)) {
    case 0:
      benchCatChar(p, '-');
      benchCatWord(p);
      break;
    case 1: benchCatNum(p, benchPick(100)); break;
    default: break;
    }
    benchCatChar(p, '.');
    benchCat(p, azTld[benchPick(BENCH_NTLD)]);
  } else if (r < 96) {
    benchCat(p, azSubdomain[benchPick(BENCH_NSUBDOMAIN)]);
    benchCatChar(p, '.');
    benchCatWord(p);
    benchCatChar(p, '.');
    benchCat(p, azTld[benchPick(BENCH_NTLD)]);
  } else {
    if (benchPick(2)) {
      benchCat(p, azSubdomain[benchPick(BENCH_NSUBDOMAIN)]);
      benchCatChar(p, '.');
    }
    benchCat(p, benchPick(2) ? "uni-" : "u");
    benchCatWord(p);
    benchCatChar(p, '.');
    benchCat(p, azUniTld[benchPick(BENCH_NUNITLD)]);
  }
  if (benchPick(50) == 0) { /* Gmail.com or GMAIL.COM */
    int bAll = (int)benchPick(2);
    int i;
    for (i = iBefore; i < p->nByte; i++) {
      char c = p->z[i];
      if (c >= 'a' && c <= 'z') p->z[i] = (char)(c - 'a' + 'A');
      if (!bAll) break;
    }
  }
}

/* A valid ASCII address. */
static void benchEmailAscii(BenchRow *p) {
  benchEmailLocal(p);
  benchCatChar(p, '@');
  benchEmailDomain(p);
}

/* A valid address with Unicode in it; the HTML5 rule refuses all but one. */
static void benchEmailUnicode(BenchRow *p) {
  unsigned r = benchPick(20);
  p->bHtml5 = 0;
  if (r < 13) { /* josé@, josé.garcía@, иван2024@ */
    benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
    switch (benchPick(4)) {
    case 0:
      benchCatChar(p, '.');
      benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
      break;
    case 1: benchCatNum(p, benchPick(100)); break;
    default: break;
    }
    benchCatChar(p, '@');
    if (r < 10) {
      benchEmailDomain(p);
    } else {
      benchCat(p, azIdn[benchPick(BENCH_NIDN)]);
    }
  } else if (r < 19) { /* info@bücher.de */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCat(p, azIdn[benchPick(BENCH_NIDN)]);
  } else { /* info@xn--bcher-kva.de: ASCII, so HTML5 takes it */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCat(p, azAlabel[benchPick(BENCH_NALABEL)]);
    p->bHtml5 = 1;
  }
}

/*
** An address invalid by default, of kind r (0..21, below); bHtml5 says if
** the HTML5 rule takes it.
*/
static void benchEmailInvalidKind(BenchRow *p, unsigned r) {
  p->bEmail = 0;
  p->bHtml5 = 0;
  switch (r) {
  case 0: /* no @ */
    benchEmailLocal(p);
    benchEmailDomain(p);
    break;
  case 1: /* two @ in a row */
    benchEmailLocal(p);
    benchCat(p, "@@");
    benchEmailDomain(p);
    break;
  case 2: /* two addresses run together */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchEmailAscii(p);
    break;
  case 3: /* a space in the local part */
    benchCat(p, azFirst[benchPick(BENCH_NFIRST)]);
    benchCatChar(p, ' ');
    benchCat(p, azLast[benchPick(BENCH_NLAST)]);
    benchCatChar(p, '@');
    benchEmailDomain(p);
    break;
  case 4: /* surrounding space */
    if (benchPick(2)) benchCatChar(p, ' ');
    benchEmailAscii(p);
    if (p->z[0] != ' ' || benchPick(2)) benchCatChar(p, ' ');
    break;
  case 5: /* a display name */
    benchCatName(p, azFirst[benchPick(BENCH_NFIRST)], 1);
    benchCatChar(p, ' ');
    benchCatName(p, azLast[benchPick(BENCH_NLAST)], 1);
    benchCat(p, " <");
    benchEmailAscii(p);
    benchCatChar(p, '>');
    break;
  case 6: /* mailto: */
    benchCat(p, "mailto:");
    benchEmailAscii(p);
    break;
  case 7: /* pasted from a list */
    benchEmailAscii(p);
    benchCatChar(p, benchPick(2) ? ';' : ',');
    break;
  case 8: /* a comma for a dot in the domain */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatWord(p);
    benchCat(p, ",com");
    break;
  case 9: /* an underscore in the domain */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatWord(p);
    benchCatChar(p, '_');
    benchCatWord(p);
    benchCat(p, ".com");
    break;
  case 10: /* a trailing dot or an empty label in the domain */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatWord(p);
    benchCat(p, benchPick(2) ? ".com." : "..com");
    break;
  case 11: /* a hyphen first in a label */
    benchEmailLocal(p);
    benchCat(p, "@-");
    benchCatWord(p);
    benchCat(p, ".com");
    break;
  case 12: /* one side empty */
    if (benchPick(2)) {
      benchCatChar(p, '@');
      benchEmailDomain(p);
    } else {
      benchEmailLocal(p);
      benchCatChar(p, '@');
    }
    break;
  case 13: /* an emoji domain: IDNA2008 disallows symbols */
    benchEmailLocal(p);
    benchCat(p, "@i\xE2\x9D\xA4");
    benchCatWord(p);
    benchCat(p, ".com");
    break;
  case 14: /* a space in a Unicode local part */
    benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
    benchCatChar(p, ' ');
    benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
    benchCatChar(p, '@');
    benchEmailDomain(p);
    break;
  default: p->bHtml5 = 1; break;
  }
  if (!p->bHtml5) return;
  switch (r) {
  case 15: /* dots doubled in the local part */
    benchCat(p, azFirst[benchPick(BENCH_NFIRST)]);
    benchCat(p, "..");
    benchCat(p, azLast[benchPick(BENCH_NLAST)]);
    benchCatChar(p, '@');
    benchEmailDomain(p);
    break;
  case 16: /* a dot first or last in the local part */
    if (benchPick(2)) {
      benchCatChar(p, '.');
      benchEmailLocal(p);
    } else {
      benchEmailLocal(p);
      benchCatChar(p, '.');
    }
    benchCatChar(p, '@');
    benchEmailDomain(p);
    break;
  case 17: /* a dotless domain */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatWord(p);
    break;
  case 18: /* a special-use domain (RFC 6761 and friends) */
  {
    static const char *const azSpecial[] = {".local",   ".test",  ".localhost",
                                            ".invalid", ".onion", ".arpa"};
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatWord(p);
    benchCat(p, azSpecial[benchPick(6)]);
    break;
  }
  case 19: /* an IPv4 address without brackets: the TLD is numeric */
    benchEmailLocal(p);
    benchCatChar(p, '@');
    benchCatNum(p, benchPick(2) ? 10 : 192);
    benchCatChar(p, '.');
    benchCatNum(p, benchPick(256));
    benchCatChar(p, '.');
    benchCatNum(p, benchPick(256));
    benchCatChar(p, '.');
    benchCatNum(p, 1 + benchPick(254));
    break;
  default: /* a local part of 65..80 characters */
  {
    int nWant = 65 + (int)benchPick(16);
    int nStart = p->nChar;
    while (p->nChar - nStart < nWant) {
      if (p->nChar > nStart) benchCatChar(p, '.');
      benchCat(p, azLast[benchPick(BENCH_NLAST)]);
    }
    p->nByte -= p->nChar - nStart - nWant;
    p->nChar = nStart + nWant;
    if (p->z[p->nByte - 1] == '.') p->z[p->nByte - 1] = 'x';
    benchCatChar(p, '@');
    benchEmailDomain(p);
    break;
  }
  }
}

/* An address invalid by default, of any kind. */
static void benchEmailInvalid(BenchRow *p) {
  benchEmailInvalidKind(p, benchPick(22));
}

/*
** One address of the mix above, nUnicode and nInvalid of every 1,000 rows
** (in expectation) with Unicode or invalid, and its verdicts.
*/
static void benchEmailMix(BenchRow *p, unsigned nUnicode, unsigned nInvalid) {
  unsigned r = benchPick(1000);
  p->nByte = p->nChar = 0;
  p->bEmail = p->bHtml5 = 1;
  if (r < 1000 - nUnicode - nInvalid) {
    benchEmailAscii(p);
  } else if (r < 1000 - nInvalid) {
    benchEmailUnicode(p);
  } else {
    benchEmailInvalid(p);
  }
  p->nGrapheme = p->nChar;
}

void benchEmailRow(BenchRow *p) { benchEmailMix(p, 20, 40); }

void benchEmailBadRow(BenchRow *p) { benchEmailMix(p, 20, 150); }

/* Lowercase Latin letters with one diacritic, NFC, PVALID in IDNA2008 and
** their own UTS #46 mapping: what a made-up IDN label is spelt with. */
static const unsigned aIdnLatin[] = {
    0xE0, 0xE1, 0xE2, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB,
    0xED, 0xEE, 0xEF, 0xF1, 0xF3, 0xF4, 0xF6, 0xF8, 0xFA, 0xFC,
};
#define BENCH_NIDNLATIN ((unsigned)(sizeof(aIdnLatin) / sizeof(aIdnLatin[0])))

/* Appends a made-up IDN domain: an accented Latin label and an ASCII TLD,
** or a Cyrillic label at .рф or .com. */
static void benchEmailIdnDomain(BenchRow *p) {
  if (benchPick(10) < 7) {
    int iPos = (int)benchPick(3), i;
    for (i = 0; i < 3; i++) {
      if (i == iPos) {
        BenchRow one;
        one.nByte = one.nChar = 0;
        benchPut(&one, aIdnLatin[benchPick(BENCH_NIDNLATIN)]);
        one.z[one.nByte] = 0;
        benchCat(p, one.z);
      }
      benchCat(p, azSyllable[benchPick(BENCH_NSYLLABLE)]);
    }
    benchCatChar(p, '.');
    benchCat(p, azTld[benchPick(BENCH_NTLD)]);
  } else {
    int n = 4 + (int)benchPick(5), i;
    BenchRow word;
    word.nByte = word.nChar = 0;
    for (i = 0; i < n; i++)
      benchPut(&word, 0x430 + benchPick(32));
    word.z[word.nByte] = 0;
    benchCat(p, word.z);
    benchCat(p, benchPick(2) ? ".\xD1\x80\xD1\x84" : ".com"); /* .рф */
  }
}

/*
** The Unicode set: every address holds non-ASCII (so HTML5 refuses every
** one).  95% valid: a Unicode local part (60%; at an ASCII domain, a known
** IDN or a made-up one) or an ASCII one at an IDN (40%); 5% invalid: a
** space in a Unicode local part, or an emoji in the domain.
*/
void benchEmailUniRow(BenchRow *p) {
  unsigned r = benchPick(100);
  p->nByte = p->nChar = 0;
  p->bEmail = 1;
  p->bHtml5 = 0;
  if (r < 5) {
    benchEmailInvalidKind(p, r < 3 ? 14 : 13);
  } else {
    unsigned d = benchPick(10);
    int bUniLocal = r < 62;
    if (bUniLocal) {
      benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
      switch (benchPick(4)) {
      case 0:
        benchCatChar(p, '.');
        benchCat(p, azUniLocal[benchPick(BENCH_NUNILOCAL)]);
        break;
      case 1: benchCatNum(p, benchPick(100)); break;
      default: break;
      }
    } else {
      benchEmailLocal(p);
    }
    benchCatChar(p, '@');
    if (bUniLocal && d < 4) {
      benchEmailDomain(p);
    } else if (d < 7) {
      benchCat(p, azIdn[benchPick(BENCH_NIDN)]);
    } else {
      benchEmailIdnDomain(p);
    }
  }
  p->nGrapheme = p->nChar;
}

/* Does z[0..n) match GLOB '*?@?*.?*'?  Counted in bytes, same verdict. */
int benchGlob(const char *z, int n) {
  int i, j;
  for (i = 1; i < n && z[i] != '@'; i++) {
  }
  for (j = i + 2; j < n - 1; j++) {
    if (z[j] == '.') return 1;
  }
  return 0;
}

/********************* numbers, dates, times, UUIDs *************************/

/* Days in month m (1..12) of year y, in the proleptic Gregorian calendar. */
static int benchMonthDays(int y, int m) {
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int bLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && bLeap ? 29 : aDays[m - 1];
}

/* Appends a real date of a year in [y0, y0 + nYear): "YYYY-MM-DD". */
static int benchDate(char *z, int y0, int nYear) {
  int y = y0 + (int)benchPick((unsigned)nYear);
  int m = 1 + (int)benchPick(12);
  int d = 1 + (int)benchPick((unsigned)benchMonthDays(y, m));
  return snprintf(z, 16, "%04d-%02d-%02d", y, m, d);
}

/*
** Appends a time of day "hh:mm:ss"; when bMore, in 1 row of 4 a fraction
** .sss; an offset in 1 row of 5 (eOffset 1) or always (2): Z, or +hh:mm
** (whole and half hours people use, within +-18:00).
*/
static int benchTime(char *z, int bMore, int eOffset) {
  static const char *const azOffset[] = {"Z",      "Z",      "+01:00",
                                         "-05:00", "+05:30", "+09:00",
                                         "-08:00", "+02:00", "-03:00"};
  int n = snprintf(z, 16, "%02u:%02u:%02u", benchPick(24), benchPick(60),
                   benchPick(60));
  if (bMore && benchPick(4) == 0) {
    n += snprintf(z + n, 8, ".%03u", benchPick(1000));
  }
  if (eOffset == 2 || (eOffset == 1 && benchPick(5) == 0)) {
    n += snprintf(z + n, 8, "%s", azOffset[benchPick(9)]);
  }
  return n;
}

/*
** One value of family eFamily (BENCH_FAM_*) into *p (TEXT; or its text when
** *peType says INTEGER or REAL, with the value in *piVal or *prVal), as
** SQLite's length() counts it.  Every value passes the table's checks.
*/
void benchFamilyRow(int eFamily, BenchRow *p, int *peType, sqlite3_int64 *piVal,
                    double *prVal) {
  static const char aHex[] = "0123456789abcdef";
  char *z = p->z;
  int n = 0, i;
  unsigned k = benchPick(100);
  sqlite3_int64 c;

  *peType = SQLITE_TEXT;
  switch (eFamily) {
  case BENCH_FAM_NUMINT: /* quantities, then counts, then ids */
    c = k < 60   ? 1 + (sqlite3_int64)benchPick(100)
        : k < 90 ? 101 + (sqlite3_int64)benchPick(9900)
                 : 10001 + (sqlite3_int64)benchPick(990000);
    *peType = SQLITE_INTEGER;
    *piVal = c;
    n = snprintf(z, 32, "%lld", c);
    break;
  case BENCH_FAM_NUMREAL: /* prices as REAL: what SQLite 3.40 prints (%!.15g) */
  case BENCH_FAM_NUMTEXT: /* the same prices as decimal TEXT, 2 decimals */
    c = k < 70 ? 1 + (sqlite3_int64)benchPick(9999)
               : 10000 + (sqlite3_int64)benchPick(989999);
    if (eFamily == BENCH_FAM_NUMTEXT) {
      n = snprintf(z, 32, "%lld.%02lld", c / 100, c % 100);
    } else {
      *peType = SQLITE_FLOAT;
      *prVal = (double)c / 100.0;
      n = snprintf(z, 32, "%.15g", *prVal);
      if (strchr(z, '.') == 0) n += snprintf(z + n, 4, ".0");
    }
    break;
  case BENCH_FAM_DATE: /* birth dates, then recent dates */
    n = k < 40 ? benchDate(z, 1940, 70) : benchDate(z, 2015, 12);
    break;
  case BENCH_FAM_DATETIME:
    /* 60% SQLite's own "YYYY-MM-DD hh:mm:ss" (datetime('now')), the rest
    ** RFC 3339: T, an offset (Z in 2 of 9), a fraction in 1 of 4 */
    n = benchDate(z, 2015, 12);
    z[n++] = k < 60 ? ' ' : 'T';
    n += benchTime(z + n, k >= 60, k >= 60 ? 2 : 0);
    break;
  case BENCH_FAM_TIME: n = benchTime(z, 1, 1); break;
  default: /* UUIDs: version 4, 8% version 7, 2% upper case */
    for (i = 0; i < 36; i++) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        z[n++] = '-';
      } else if (i == 14) {
        z[n++] = k < 8 ? '7' : '4';
      } else if (i == 19) {
        z[n++] = aHex[8 + benchPick(4)];
      } else {
        z[n++] = aHex[benchPick(16)];
      }
    }
    for (i = 0; k >= 98 && i < n; i++) {
      if (z[i] >= 'a') z[i] = (char)(z[i] - 'a' + 'A');
    }
    break;
  }
  p->nByte = p->nChar = p->nGrapheme = n;
}

/**************************** grapheme clusters *****************************/

/*
** Four sets for length_count(x,'graphemes'), each row 5..40 extended
** grapheme clusters (UAX #29) counted by construction: every piece below
** is one cluster, and no piece joins its neighbours (nothing starts with
** an Extend, ZWJ, SpacingMark, V or T, and nothing ends with a Prepend or
** a lone regional indicator).  benchCluster appends one piece; rows stop
** early rather than pass BENCH_ROW_BYTES.
*/

/* Appends the scalar values a[0..n) as one cluster. */
static void benchCluster(BenchRow *p, const unsigned *a, int n) {
  int i;
  for (i = 0; i < n; i++)
    benchPut(p, a[i]);
  p->nGrapheme++;
}

/* Appends one single-character cluster. */
static void benchCluster1(BenchRow *p, unsigned c) { benchCluster(p, &c, 1); }

static const char azAsciiPunct[] = ",.;:!?'\"()-/&";

/*
** ASCII prose: words, spaces, punctuation, digits; in 1 row of 8 a CRLF
** (one cluster of two characters, GB3) and in 1 of 16 a tab (a control,
** its own cluster).
*/
void benchGraphemeAsciiRow(BenchRow *p, int nWant) {
  int bCrlf = benchPick(8) == 0, bTab = benchPick(16) == 0;
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nGrapheme < nWant) {
    unsigned r = benchPick(100);
    if (bCrlf && p->nGrapheme > nWant / 2) {
      static const unsigned aCrlf[] = {'\r', '\n'};
      benchCluster(p, aCrlf, 2);
      bCrlf = 0;
    } else if (bTab && p->nGrapheme > nWant / 3) {
      benchCluster1(p, '\t');
      bTab = 0;
    } else if (r < 16) {
      benchCluster1(p, ' ');
    } else if (r < 22) {
      benchCluster1(
          p, (unsigned char)
                 azAsciiPunct[benchPick((unsigned)sizeof(azAsciiPunct) - 1)]);
    } else if (r < 26) {
      benchCluster1(p, '0' + benchPick(10));
    } else if (r < 30) {
      benchCluster1(p, 'A' + benchPick(26));
    } else {
      benchCluster1(p, 'a' + benchPick(26));
    }
  }
}

/* Combining marks (Extend) over Latin letters: grave, acute, circumflex,
** tilde, diaeresis, ring, caron, cedilla, ogonek, dot below. */
static const unsigned aCombining[] = {0x300, 0x301, 0x302, 0x303, 0x308,
                                      0x30A, 0x30C, 0x327, 0x328, 0x323};
#define BENCH_NCOMBINING                                                       \
  ((unsigned)(sizeof(aCombining) / sizeof(aCombining[0])))

/*
** Latin in NFD: letters (a capital now and then), a quarter of them with a
** combining mark and 1 in 30 with two (Vietnamese stacks a tone on a
** circumflex), spaces and punctuation.
*/
void benchGraphemeLatinRow(BenchRow *p, int nWant) {
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nGrapheme < nWant) {
    unsigned r = benchPick(100);
    if (r < 15) {
      benchCluster1(p, ' ');
    } else if (r < 19) {
      benchCluster1(p, (unsigned char)azAsciiPunct[benchPick(5)]);
    } else {
      unsigned a[3];
      int n = 1;
      a[0] = (r < 24 ? 'A' : 'a') + benchPick(26);
      r = benchPick(100);
      if (r < 25) a[n++] = aCombining[benchPick(BENCH_NCOMBINING)];
      if (r < 3) a[n++] = r < 2 ? 0x301 : 0x300;
      benchCluster(p, a, n);
    }
  }
}

/*
** CJK: Han ideographs, hiragana, katakana, precomposed Hangul syllables
** (each its own cluster: LV and LVT join only conjoining V and T), CJK
** punctuation; now and then a kana with a combining voiced mark (U+3099,
** NFD), a Hangul syllable in conjoining jamo (L V and 1 in 2 a T: one
** cluster, GB6-GB8), an ASCII digit or space.
*/
void benchGraphemeCjkRow(BenchRow *p, int nWant) {
  static const unsigned aPunct[] = {0x3001, 0x3002, 0x300C, 0x300D, 0xFF01};
  static const unsigned aVoiced[] = {0x304B, 0x304D, 0x304F, 0x3051, 0x3053,
                                     0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3};
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nGrapheme < nWant) {
    unsigned r = benchPick(100);
    if (r < 45) {
      benchCluster1(p, 0x4E00 + benchPick(0x5200)); /* U+4E00..U+9FFF */
    } else if (r < 62) {
      benchCluster1(p, 0x3041 + benchPick(0x56)); /* hiragana */
    } else if (r < 72) {
      benchCluster1(p, 0x30A1 + benchPick(0x5A)); /* katakana */
    } else if (r < 84) {
      benchCluster1(p, 0xAC00 + benchPick(11172)); /* Hangul syllables */
    } else if (r < 90) {
      benchCluster1(p, aPunct[benchPick(5)]);
    } else if (r < 93) {
      unsigned a[2];
      a[0] = aVoiced[benchPick(10)];
      a[1] = 0x3099;
      benchCluster(p, a, 2);
    } else if (r < 95) {
      unsigned a[3];
      int n = 2;
      a[0] = 0x1100 + benchPick(19);                     /* L */
      a[1] = 0x1161 + benchPick(21);                     /* V */
      if (benchPick(2)) a[n++] = 0x11A8 + benchPick(27); /* T */
      benchCluster(p, a, n);
    } else if (r < 98) {
      benchCluster1(p, '0' + benchPick(10));
    } else {
      benchCluster1(p, ' ');
    }
  }
}

/* Emoji clusters of more than one character, each one cluster (GB9, GB11,
** GB12/13), in Unicode 15 (ICU 72) and earlier. */
static const unsigned aEmojiSeq[][8] = {
    {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467},                  /* family */
    {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0x200D, 0x1F466}, /* of 4 */
    {0x1F469, 0x1F3FD, 0x200D, 0x1F4BB},                /* technologist */
    {0x1F469, 0x200D, 0x2764, 0xFE0F, 0x200D, 0x1F468}, /* couple, heart */
    {0x1F3F3, 0xFE0F, 0x200D, 0x1F308},                 /* rainbow flag */
    {0x1F9D1, 0x1F3FF, 0x200D, 0x1F91D, 0x200D, 0x1F9D1, 0x1F3FB},
    {0x2764, 0xFE0F},       /* red heart, emoji presentation */
    {0x31, 0xFE0F, 0x20E3}, /* keycap 1 */
    {0x1F1FA, 0x1F1F8},     /* flags: US */
    {0x1F1EC, 0x1F1E7},     /* GB */
    {0x1F1EF, 0x1F1F5},     /* JP */
    {0x1F1E7, 0x1F1F7},     /* BR */
    {0x1F1EB, 0x1F1F7},     /* FR */
    {0x1F1E9, 0x1F1EA},     /* DE */
    {0x1F1EE, 0x1F1F3},     /* IN */
    {0x1F1E8, 0x1F1E6},     /* CA */
};
#define BENCH_NEMOJISEQ ((unsigned)(sizeof(aEmojiSeq) / sizeof(aEmojiSeq[0])))

/* The number of scalar values of aEmojiSeq[i] (they end at the first 0). */
static int benchEmojiLen(unsigned i) {
  int n = 0;
  while (n < 8 && aEmojiSeq[i][n])
    n++;
  return n;
}

/*
** Emoji in text, as in messages: ASCII words and spaces, and about a
** third of the clusters emoji: plain ones (emoticons, symbols), a hand
** with a skin tone (an Extend modifier), ZWJ sequences (families, a
** technologist with a skin tone, a couple with a heart, the rainbow flag),
** a heart with VS16, a keycap, and flags (a pair of regional indicators),
** two flags side by side now and then (four indicators, two clusters).
*/
void benchGraphemeEmojiRow(BenchRow *p, int nWant) {
  p->nByte = p->nChar = p->nGrapheme = 0;
  while (p->nGrapheme < nWant && p->nByte < BENCH_ROW_BYTES - 64) {
    unsigned r = benchPick(100);
    if (r < 52) {
      benchCluster1(p, 'a' + benchPick(26));
    } else if (r < 66) {
      benchCluster1(p, ' ');
    } else if (r < 76) {
      benchCluster1(p, 0x1F600 + benchPick(0x50)); /* emoticons */
    } else if (r < 82) {
      unsigned a[2];
      a[0] = 0x1F44A + benchPick(7); /* hands, U+1F44A..U+1F450 */
      a[1] = 0x1F3FB + benchPick(5); /* skin tones */
      benchCluster(p, a, 2);
    } else if (r < 90) {
      unsigned i = benchPick(8); /* the sequences before the flags */
      benchCluster(p, aEmojiSeq[i], benchEmojiLen(i));
    } else {
      unsigned i = 8 + benchPick(BENCH_NEMOJISEQ - 8);
      benchCluster(p, aEmojiSeq[i], 2);
      if (r >= 97) {
        i = 8 + benchPick(BENCH_NEMOJISEQ - 8);
        benchCluster(p, aEmojiSeq[i], 2);
      }
    }
  }
}
