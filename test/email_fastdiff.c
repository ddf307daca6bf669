/*
** email_fastdiff.c - the one-pass paths of the email validator against its
** full path, on generated addresses, under every set of flags.
**
**     build/email_fastdiff [N]        (test/email_fastdiff.test runs it)
**
** N (default 100000) addresses are built from pieces (valid, near-valid and
** invalid local parts and domains, ASCII and Unicode, quoted parts and
** literals, lengths around the 16- and 64-byte chunks and the 64/254
** limits), a third of them then mutated byte by byte (any byte, NUL and
** broken UTF-8 included).  For each of the 64 flag sets of the default and
** rfc modes and for html5, every address must get:
**   - from rcEmailCheck with its one-pass paths, exactly what it gets from
**     the full path alone (RC_EMAIL_NO_FAST): tag, message, normal form;
**   - from rcEmailFast, by each way the machine runs (SSSE3, SSE2, the
**     table walks: rcEmailFastLevel), with and without a message wanted: 1
**     only for what the full path takes (with its normal form), -1 only for
**     what it refuses, never 1 for bytes that are not UTF-8, and the same
**     answer by every way; rcEmailCheck as above by every way.
** Before them, every byte at every position of addresses of 1 to 64 bytes
** (fast-every-byte), by every way against the full path.
** One "PASS name (detail)" or "FAIL name: detail" line per flag set.
*/
#include "email.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fdState = 18;

static unsigned fdPick(unsigned n) {
  uint64_t z = (fdState += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (unsigned)(((z ^ (z >> 31)) >> 32) % n);
}

static const char *const azLocal[] = {
    "a",
    "john.smith",
    "John.Smith",
    "first_last",
    "o'brien",
    "x+tag",
    "info",
    "INFO",
    "Postmaster",
    "a.b.c",
    ".a",
    "a.",
    "a..b",
    "",
    "\"quoted\"",
    "\"a b\"",
    "\"a\\\"b\"",
    "\"\"",
    "\"a.b\"",
    "\"unclosed",
    "\"x\"y",
    "\"a\\\xC3\xA9\"",
    "\"\xC3\xA9 x\"",
    "a b",
    "a,b",
    "a<b",
    "a(b)",
    "a[b]",
    "a\"b",
    "!#$%&'*+-/=?^_`{|}~",
    "jos\xC3\xA9",
    "JOS\xC3\x89",
    "zo\xC3\xAB",
    "\xC5\x82ukasz",
    "\xE0\xA4\xB0\xE0\xA4\xBE"
    "\xE0\xA4\x9C",
    "\xE6\x9D\x8E\xE9\x9B\xB7",
    "\xD0\xB8\xD0\xB2\xD0\xB0"
    "\xD0\xBD",
    "\xC3\xB1"
    "and\xC3\xBA",
    "e\xCC\x81",
    "\xCC\x81"
    "a",
    "a\xC2\xA0"
    "b",
    "a\xE2\x80\x8B"
    "b",
    "\xEF\xAC\x81",
    "\xE2\x84\xAB",
    "\xCE\xBD\xCE\xAF\xCE\xBA\xCE\xBF\xCF\x82",
    "\xEB\xAF\xBC\xEC\xA4\x80",
    "\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89",
    "mailto:x",
    "a\tb",
    "Bob <b",
    "\xF0\x9F\x98\x80",
    "a\xC3\xB7"
    "b",
    "\xC3\x9F",
    "\xEE\x80\x80",
};
#define FD_NLOCAL (sizeof(azLocal) / sizeof(azLocal[0]))

static const char *const azDomain[] = {
    "example.com",
    "EXAMPLE.COM",
    "gmail.com",
    "a.b",
    "a-b.com",
    "-a.com",
    "a-.com",
    "ab--cd.com",
    "xn--bcher-kva.de",
    "xn--a.com",
    "XN--BCHER-KVA.DE",
    "xn--zz-zzz.com",
    "xn--e1afmkfd.xn--p1ai",
    "b\xC3\xBC"
    "cher.de",
    "B\xC3\x9C"
    "CHER.DE",
    "\xD0\xBF\xD1\x80\xD0\xB8"
    "\xD0\xBC\xD0\xB5\xD1\x80.\xD1\x80\xD1\x84",
    "\xE4\xBE\x8B\xE5\xAD\x90."
    "\xE4\xB8\xAD\xE5\x9B\xBD",
    "\xCE\xB1\xCE\xAC.gr",
    "i\xE2\x9D\xA4x.com",
    "\xEF\xBD\x85\xEF\xBD\x98.com",
    "example\xE3\x80\x82"
    "com",
    "a.com.",
    "a..com",
    ".a.com",
    "localhost",
    "test",
    "x.test",
    "x.local",
    "x.localhost",
    "x.invalid",
    "x.onion",
    "x.arpa",
    "example",
    "10.1.2.3",
    "a.c0m",
    "a.123",
    "[192.0.2.1]",
    "[IPv6:::1]",
    "[IPv6:2001:db8::1]",
    "[ipv6:::1]",
    "[300.1.1.1]",
    "[001.2.3.4]",
    "[IPv6:1::2:3:4:5:6:7]",
    "a_b.com",
    "a,com",
    "a b.com",
    "",
    "\xC3\x9F.de",
    "\xCF\x82.gr",
    "a\xE2\x80\x8D"
    "b.com",
    "\xD9\xA1\xD9\xA2.com",
    "\xD7\xA9\xD7\x9C"
    "\xD7\x95\xD7\x9D.co.il",
    "a.xn--p1ai",
    "xn--ls8h.la",
    "x.example",
    "com",
    "a.-b.com",
    "a.b-.com",
    "ab.c--d.com",
    "a\xC2\xAD"
    "b.com",
    "\xE2\x91\xA0.com",
    "a.COM",
    "x.y.z.w.v.example.org",
};
#define FD_NDOMAIN (sizeof(azDomain) / sizeof(azDomain[0]))

/* Bytes for mutations: the separators, classes' edges, and any byte. */
static unsigned char fdByte(void) {
  static const char zSpecial[] = ".@-\"[]\\ <>(),:;_+xX09aAzZ";
  switch (fdPick(4)) {
  case 0: return (unsigned char)zSpecial[fdPick(sizeof(zSpecial) - 1)];
  case 1: return (unsigned char)(0x80 + fdPick(0x80));
  case 2: return (unsigned char)fdPick(0x80);
  default: return (unsigned char)('a' + fdPick(26));
  }
}

/* Appends n bytes of z to the address being built, if there is room. */
static void fdCat(unsigned char *z, size_t *pn, const char *zAdd, size_t n) {
  if (*pn + n > 400) return;
  memcpy(z + *pn, zAdd, n);
  *pn += n;
}

/* A label of n letters and digits. */
static void fdLabel(unsigned char *z, size_t *pn, size_t n) {
  char a[80];
  size_t i;
  for (i = 0; i < n && i < sizeof(a); i++)
    a[i] = (char)(i % 7 == 6 ? '0' + i % 10 : 'a' + (i * 5 + n) % 26);
  fdCat(z, pn, a, i);
}

/* Builds an address into z (420 bytes); returns its length. */
static size_t fdAddress(unsigned char *z) {
  size_t n = 0, k, nMut;
  const char *zPiece;
  unsigned r = fdPick(10);

  /* the local part: a piece, sometimes long or repeated */
  if (r == 0) {
    size_t nWant = 60 + fdPick(10);
    while (n < nWant) {
      fdLabel(z, &n, 1 + fdPick(12));
      if (fdPick(3)) fdCat(z, &n, ".", 1);
    }
    if (z[n - 1] == '.') z[n - 1] = 'q';
  } else {
    zPiece = azLocal[fdPick(FD_NLOCAL)];
    fdCat(z, &n, zPiece, strlen(zPiece));
    if (fdPick(4) == 0) {
      fdCat(z, &n, ".", 1);
      zPiece = azLocal[fdPick(FD_NLOCAL)];
      fdCat(z, &n, zPiece, strlen(zPiece));
    }
  }
  /* the @: mostly one */
  switch (fdPick(20)) {
  case 0: break;
  case 1: fdCat(z, &n, "@@", 2); break;
  case 2: fdCat(z, &n, "@x@", 3); break;
  default: fdCat(z, &n, "@", 1); break;
  }
  /* the domain: a piece, a run of labels to a chosen length, or both */
  r = fdPick(8);
  if (r < 2) {
    size_t nWant = r == 0 ? 1 + fdPick(80) : 180 + fdPick(90);
    size_t nStart = n;
    while (n - nStart < nWant) {
      fdLabel(z, &n, r == 0 ? 1 + fdPick(66) : 40 + fdPick(25));
      fdCat(z, &n, ".", 1);
    }
    fdCat(z, &n, fdPick(2) ? "com" : "de", fdPick(2) ? 3 : 2);
  } else {
    if (r == 2) {
      fdLabel(z, &n, 1 + fdPick(20));
      fdCat(z, &n, ".", 1);
    }
    zPiece = azDomain[fdPick(FD_NDOMAIN)];
    fdCat(z, &n, zPiece, strlen(zPiece));
  }
  /* a third of them mutated: bytes replaced, inserted, removed, case */
  if (fdPick(3) == 0) {
    for (nMut = 1 + fdPick(3); nMut > 0; nMut--) {
      k = n ? fdPick((unsigned)n) : 0;
      switch (fdPick(4)) {
      case 0:
        if (n) z[k] = fdByte();
        break;
      case 1:
        if (n < 400) {
          memmove(z + k + 1, z + k, n - k);
          z[k] = fdByte();
          n++;
        }
        break;
      case 2:
        if (n) {
          memmove(z + k, z + k + 1, n - k - 1);
          n--;
        }
        break;
      default:
        if (n && z[k] >= 'a' && z[k] <= 'z') z[k] = (unsigned char)(z[k] - 32);
        break;
      }
    }
  }
  z[n] = 0;
  return n;
}

typedef struct FdCount FdCount;
struct FdCount {
  long nInput, nValid, nFastYes, nFastNo, nFail;
  char zFirst[600];
};

static RcEmailIcu *pIcu = 0;

static void fdFail(FdCount *pC, const char *zWhy, const unsigned char *z,
                   size_t n) {
  size_t i, k;
  pC->nFail++;
  if (pC->zFirst[0]) return;
  k = (size_t)snprintf(pC->zFirst, sizeof(pC->zFirst), "%s: ", zWhy);
  for (i = 0; i < n && k + 3 < sizeof(pC->zFirst); i++, k += 2)
    snprintf(pC->zFirst + k, 3, "%02x", z[i]);
}

/* The ways the fast path classifies bytes on this machine: RC_FAST_*. */
static int nFdLevel = 1;
static const char *const azFdLevel[] = {"scalar", "sse2", "ssse3"};

static void fdOne(const unsigned char *z, size_t n, unsigned flags,
                  FdCount *pC) {
  RcUtf8Scan scan;
  RcEmail full, with, fast;
  char zNorm0[RC_EMAIL_NORM_SIZE] = "";
  int bUtf8, r0 = 0, rNo0 = 0, level;
  full.eTag = RC_EMAIL_INTERNAL;
  full.zNorm[0] = 0;

  bUtf8 = rcUtf8Scan(z, n, &scan) == RC_UTF8_OK;
  pC->nInput++;
  if (bUtf8) {
    rcEmailCheck(z, n, flags | RC_EMAIL_NO_FAST, &pIcu, &full);
    if (full.eTag == RC_EMAIL_INTERNAL) fdFail(pC, "ICU failed", z, n);
    if (full.eTag == RC_EMAIL_OK) pC->nValid++;
  }
  /* Every way of the fast path, alone and inside rcEmailCheck. */
  for (level = 0; level < nFdLevel; level++) {
    int r, rNo;
    rcEmailFastLevel(level);
    if (bUtf8) {
      rcEmailCheck(z, n, flags, &pIcu, &with);
      if (with.eTag != full.eTag || strcmp(with.zMsg, full.zMsg) != 0 ||
          strcmp(with.zNorm, full.zNorm) != 0) {
        fdFail(pC, "rcEmailCheck differs from its full path", z, n);
      }
      rcEmailCheck(z, n, flags | RC_EMAIL_NO_MSG | RC_EMAIL_NO_NORM, &pIcu,
                   &with);
      if ((with.eTag == RC_EMAIL_OK) != (full.eTag == RC_EMAIL_OK)) {
        fdFail(pC, "the verdict-only rcEmailCheck differs", z, n);
      }
    }
    r = rcEmailFast(z, n, flags, &fast);
    if (r == 1 && (!bUtf8 || full.eTag != RC_EMAIL_OK ||
                   strcmp(fast.zNorm, full.zNorm) != 0)) {
      fdFail(pC, "rcEmailFast took what the full path refuses", z, n);
    }
    if (r < 0) fdFail(pC, "rcEmailFast said -1 with a message wanted", z, n);
    if (level == 0) {
      r0 = r;
      if (r == 1) strcpy(zNorm0, fast.zNorm);
    } else if (r != r0 || (r == 1 && strcmp(fast.zNorm, zNorm0) != 0)) {
      fdFail(pC, "the ways of rcEmailFast disagree", z, n);
    }
    rNo = rcEmailFast(z, n, flags | RC_EMAIL_NO_MSG | RC_EMAIL_NO_NORM, &fast);
    if (rNo == 1 && (!bUtf8 || full.eTag != RC_EMAIL_OK)) {
      fdFail(pC, "rcEmailFast (verdict only) took what is refused", z, n);
    }
    if (rNo == -1 && bUtf8 && full.eTag == RC_EMAIL_OK) {
      fdFail(pC, "rcEmailFast refused what the full path takes", z, n);
    }
    if (level == 0) {
      rNo0 = rNo;
      pC->nFastYes += rNo == 1;
      pC->nFastNo += rNo == -1;
    } else if (rNo != rNo0) {
      fdFail(pC, "the ways of rcEmailFast (verdict only) disagree", z, n);
    }
  }
  rcEmailFastLevel(nFdLevel - 1);
}

/*
** Every byte at every place a class is looked at: first, inside and last
** in the local part and in a label, beside the @ and the dots, on each side
** of the 16-byte chunk boundaries, and in addresses of 1 to 64 bytes; under
** the default, html5 and local flags, by every way.
*/
/* A valid address of n >= 3 bytes (2: "a@"): letters, an @ in the middle,
** and a dot three bytes from the end when the domain has room for it. */
static void fdPlain(unsigned char *z, size_t n) {
  size_t i, iAt = (n - 1) / 2;
  for (i = 0; i < n; i++)
    z[i] = (unsigned char)('a' + i % 26);
  if (n >= 2) z[iAt] = '@';
  if (n >= 3 && n - 3 > iAt + 1) z[n - 3] = '.';
  z[n] = 0;
}

static int fdEveryByte(void) {
  static const unsigned aFlag[] = {0, RC_EMAIL_HTML5, RC_EMAIL_LOCAL};
  FdCount c;
  unsigned char z[80];
  size_t n, i, f;
  unsigned b;
  memset(&c, 0, sizeof(c));
  for (n = 1; n <= 64; n++) {
    for (i = 0; i < n; i++) {
      for (b = 0; b < 256; b++) {
        fdPlain(z, n);
        z[i] = (unsigned char)b;
        z[n] = 0;
        for (f = 0; f < sizeof(aFlag) / sizeof(aFlag[0]); f++)
          fdOne(z, n, aFlag[f], &c);
      }
    }
  }
  if (c.nFail) {
    printf("FAIL fast-every-byte: %ld of %ld; first %s\n", c.nFail, c.nInput,
           c.zFirst);
    return 1;
  }
  printf("PASS fast-every-byte (%ld addresses by the ways", c.nInput);
  for (i = 0; i < (size_t)nFdLevel; i++)
    printf(" %s", azFdLevel[i]);
  printf(")\n");
  return 0;
}

static const struct {
  const char *zName;
  unsigned flag;
} aFdFlag[] = {
    {"rfc", RC_EMAIL_RFC},           {"quoted", RC_EMAIL_QUOTED},
    {"literal", RC_EMAIL_LITERAL},   {"ascii", RC_EMAIL_ASCII},
    {"test-env", RC_EMAIL_TEST_ENV}, {"local", RC_EMAIL_LOCAL},
};
#define FD_NFLAG (sizeof(aFdFlag) / sizeof(aFdFlag[0]))

int main(int argc, char **argv) {
  long nAddr = argc > 1 ? atol(argv[1]) : 100000;
  unsigned char(*aZ)[420];
  size_t *aN;
  long i;
  unsigned s;
  int nBad = 0;

  aZ = malloc((size_t)nAddr * sizeof(*aZ));
  aN = malloc((size_t)nAddr * sizeof(*aN));
  if (aZ == 0 || aN == 0 || nAddr <= 0) return 2;
  nFdLevel = rcEmailFastLevel(RC_FAST_SSSE3) + 1; /* the best, and below */
  nBad += fdEveryByte();
  for (i = 0; i < nAddr; i++)
    aN[i] = fdAddress(aZ[i]);
  for (s = 0; s <= 1u << FD_NFLAG; s++) {
    unsigned flags = 0, k;
    char zName[120] = "";
    FdCount c;
    memset(&c, 0, sizeof(c));
    if (s == 1u << FD_NFLAG) {
      flags = RC_EMAIL_HTML5;
      strcpy(zName, "html5");
    } else {
      for (k = 0; k < FD_NFLAG; k++) {
        if (!(s & (1u << k))) continue;
        flags |= aFdFlag[k].flag;
        if (zName[0]) strcat(zName, "+");
        strcat(zName, aFdFlag[k].zName);
      }
      if (zName[0] == 0) strcpy(zName, "default");
    }
    for (i = 0; i < nAddr; i++)
      fdOne(aZ[i], aN[i], flags, &c);
    if (c.nFail) {
      printf("FAIL fast-%s: %ld of %ld addresses; first %s\n", zName, c.nFail,
             c.nInput, c.zFirst);
      nBad++;
    } else if (c.nValid < c.nInput / 50) {
      printf("FAIL fast-%s: only %ld of %ld addresses valid\n", zName, c.nValid,
             c.nInput);
      nBad++;
    } else {
      printf("PASS fast-%s (%ld addresses, %ld valid; the one-pass path "
             "took %ld, refused %ld)\n",
             zName, c.nInput, c.nValid, c.nFastYes, c.nFastNo);
    }
  }
  rcEmailIcuFree(pIcu);
  free(aZ);
  free(aN);
  return nBad ? 1 : 0;
}
