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
**   - from rcEmailFast, with and without SSE2, with and without a message
**     wanted: 1 only for what the full path takes (with its normal form),
**     -1 only for what it refuses, and never 1 for bytes that are not UTF-8.
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

static void fdOne(const unsigned char *z, size_t n, unsigned flags,
                  FdCount *pC) {
  static const unsigned aVariant[] = {0, RC_EMAIL_NO_SIMD};
  RcUtf8Scan scan;
  RcEmail full, with, fast;
  full.eTag = RC_EMAIL_INTERNAL;
  full.zNorm[0] = 0;
  int bUtf8;
  size_t v;

  bUtf8 = rcUtf8Scan(z, n, &scan) == RC_UTF8_OK;
  pC->nInput++;
  if (bUtf8) {
    rcEmailCheck(z, n, flags | RC_EMAIL_NO_FAST, &pIcu, &full);
    rcEmailCheck(z, n, flags, &pIcu, &with);
    if (full.eTag == RC_EMAIL_INTERNAL) fdFail(pC, "ICU failed", z, n);
    if (full.eTag == RC_EMAIL_OK) pC->nValid++;
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
  for (v = 0; v < sizeof(aVariant) / sizeof(aVariant[0]); v++) {
    unsigned f = flags | aVariant[v];
    int r = rcEmailFast(z, n, f, &fast);
    if (r == 1 && (!bUtf8 || full.eTag != RC_EMAIL_OK ||
                   strcmp(fast.zNorm, full.zNorm) != 0)) {
      fdFail(pC, "rcEmailFast took what the full path refuses", z, n);
    }
    if (r < 0) fdFail(pC, "rcEmailFast said -1 with a message wanted", z, n);
    r = rcEmailFast(z, n, f | RC_EMAIL_NO_MSG | RC_EMAIL_NO_NORM, &fast);
    if (r == 1 && (!bUtf8 || full.eTag != RC_EMAIL_OK)) {
      fdFail(pC, "rcEmailFast (verdict only) took what is refused", z, n);
    }
    if (r == -1 && bUtf8 && full.eTag == RC_EMAIL_OK) {
      fdFail(pC, "rcEmailFast refused what the full path takes", z, n);
    }
    if (v == 0) {
      pC->nFastYes += r == 1;
      pC->nFastNo += r == -1;
    }
  }
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
