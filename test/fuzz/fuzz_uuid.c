/*
** fuzz_uuid.c - libFuzzer target for the UUID reader (ext/uuid.c).
**
**     make fuzz
**     build/fuzz/fuzz_uuid -max_total_time=120 -max_len=100
**
** The first byte picks what is fuzzed and the declared version (mode =
** byte / 9 % 4, version = byte % 9), the second the options flags; the rest
** is the value.  Modes: 0, 1 text; 2 a BLOB; 3 the options text itself
** (rcUuidSpecParse).  Beyond not crashing (the value is copied into a
** buffer of exactly its size, so ASan sees any read past it):
**   - text is accepted exactly when an independent, plain reading of RFC
**     9562's forms here accepts it;
**   - accepted text is 36 bytes unless a form option (braces, urn, compact)
**     is on; the version and variant found are the 13th and 17th hex
**     digits; the canonical text is 36 lower-case characters that read back
**     as the same 16 bytes;
**   - a refusal names a byte inside the value, and its reason fits in
**     RC_UUID_REASON_SIZE;
**   - parsed options hold a version 0..8 and known flags, never both
**     lower and upper.
*/
#include "uuid.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *zWhy, const uint8_t *z, size_t n) {
  size_t i;
  fprintf(stderr, "fuzz_uuid: %s: ", zWhy);
  for (i = 0; i < n && i < 80; i++)
    fprintf(stderr, "%02x", z[i]);
  fprintf(stderr, "\n");
  abort();
}

static int refHexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* z[0..36) is 8-4-4-4-12 hex digits */
static int refHyphenated(const char *z) {
  int i;
  for (i = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (z[i] != '-') return 0;
    } else if (refHexValue((unsigned char)z[i]) < 0) {
      return 0;
    }
  }
  return 1;
}

static int refUrn(const char *z) {
  static const char zPrefix[] = "urn:uuid:";
  int i;
  for (i = 0; i < 9; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != zPrefix[i]) return 0;
  }
  return 1;
}

/* The reference: whether spec p accepts z[0..n), and the digits found. */
static int refAccepts(const char *z, size_t n, const RcUuidSpec *p,
                      int *piVersion, int *piVariant) {
  const char *zCore = 0;
  char zDigits[33];
  size_t i, nDigit = 0;
  int bZero = 1, bMax = 1, bRfc;
  if (n == 36 && refHyphenated(z)) {
    zCore = z;
  } else if ((p->flags & RC_UUID_BRACES) && n == 38 && z[0] == '{' &&
             z[37] == '}' && refHyphenated(z + 1)) {
    zCore = z + 1;
  } else if ((p->flags & RC_UUID_URN) && n == 45 && refUrn(z) &&
             refHyphenated(z + 9)) {
    zCore = z + 9;
  } else if ((p->flags & RC_UUID_COMPACT) && n == 32) {
    for (i = 0; i < 32 && refHexValue((unsigned char)z[i]) >= 0; i++) {
    }
    if (i == 32) zCore = z;
  }
  if (zCore == 0) return 0;
  for (i = 0; nDigit < 32; i++) {
    if (zCore[i] == '-') continue;
    if ((p->flags & RC_UUID_LOWER) && zCore[i] >= 'A' && zCore[i] <= 'F') {
      return 0;
    }
    if ((p->flags & RC_UUID_UPPER) && zCore[i] >= 'a' && zCore[i] <= 'f') {
      return 0;
    }
    zDigits[nDigit++] = zCore[i];
  }
  for (i = 0; i < 32; i++) {
    int v = refHexValue((unsigned char)zDigits[i]);
    bZero = bZero && v == 0;
    bMax = bMax && v == 15;
  }
  *piVersion = refHexValue((unsigned char)zDigits[12]);
  *piVariant = refHexValue((unsigned char)zDigits[16]);
  bRfc = *piVariant >= 8 && *piVariant <= 11;
  if (bRfc) {
    return p->iVersion ? *piVersion == p->iVersion
                       : *piVersion >= 1 && *piVersion <= 8;
  }
  return (bZero && (p->flags & RC_UUID_NIL)) ||
         (bMax && (p->flags & RC_UUID_MAX));
}

static void checkRefusal(const RcUuid *u, const RcUuidSpec *p,
                         const uint8_t *data, size_t size) {
  char zWhy[RC_UUID_REASON_SIZE * 2];
  if (u->eStatus == RC_UUID_OK) fail("refused with status OK", data, size);
  if (u->eStatus == RC_UUID_SYNTAX && u->eWhy != RC_UUID_WHY_LENGTH &&
      u->eWhy != RC_UUID_WHY_BLOB_SIZE && u->iAt >= u->n) {
    fail("a refusal names a byte past the value", data, size);
  }
  rcUuidReason(u, p, zWhy, (int)sizeof(zWhy));
  if (strlen(zWhy) >= RC_UUID_REASON_SIZE) {
    fail("the reason is longer than RC_UUID_REASON_SIZE", data, size);
  }
}

static void checkAccepted(const RcUuid *u, const uint8_t *data, size_t size) {
  char zCanon[RC_UUID_TEXT_SIZE];
  RcUuidSpec any = {0, RC_UUID_NIL | RC_UUID_MAX | RC_UUID_LOWER};
  RcUuid back;
  int i;
  if (u->eStatus != RC_UUID_OK) fail("accepted with a status", data, size);
  if (u->iVersion != u->a[6] >> 4 || u->iVariant != u->a[8] >> 4) {
    fail("version or variant is not the digit", data, size);
  }
  rcUuidCanon(u, zCanon);
  if (strlen(zCanon) != 36) fail("canonical text is not 36 bytes", data, size);
  for (i = 0; i < 36; i++) {
    if (zCanon[i] >= 'A' && zCanon[i] <= 'Z') {
      fail("canonical text has upper case", data, size);
    }
  }
  if (refHexValue(zCanon[14]) != u->iVersion ||
      refHexValue(zCanon[19]) != u->iVariant) {
    fail("canonical digits 13 and 17 are not the version and variant", data,
         size);
  }
  any.iVersion = 0;
  rcUuidParse(zCanon, 36, &any, &back);
  if (memcmp(back.a, u->a, 16) != 0) {
    fail("canonical text does not read back", data, size);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RcUuidSpec spec;
  RcUuid u;
  char *z, zErr[200];
  size_t n;
  int mode, bOk, iVersion = -1, iVariant = -1, bRef;

  if (size < 2) return 0;
  mode = data[0] / 9 % 4;
  spec.iVersion = data[0] % 9;
  spec.flags = data[1];
  if ((spec.flags & RC_UUID_LOWER) && (spec.flags & RC_UUID_UPPER)) {
    spec.flags &= ~(unsigned)RC_UUID_UPPER;
  }
  n = size - 2;
  z = malloc(n ? n : 1);
  if (z == 0) abort();
  memcpy(z, data + 2, n);

  if (mode == 3) {
    memset(zErr, 'x', sizeof(zErr));
    if (rcUuidSpecParse(z, n, &spec, zErr, (int)sizeof(zErr))) {
      if (spec.iVersion < 0 || spec.iVersion > 8 ||
          spec.flags >= (1u << RC_UUID_NFLAG_BITS) ||
          ((spec.flags & RC_UUID_LOWER) && (spec.flags & RC_UUID_UPPER))) {
        fail("parsed options out of range", data, size);
      }
    } else if (memchr(zErr, 0, sizeof(zErr)) == 0) {
      fail("options error is not terminated", data, size);
    }
  } else if (mode == 2) {
    bOk = rcUuidFromBytes((const unsigned char *)z, n, &spec, &u);
    if (bOk) {
      if (n != 16) fail("a BLOB of other than 16 bytes accepted", data, size);
      checkAccepted(&u, data, size);
    } else {
      checkRefusal(&u, &spec, data, size);
    }
  } else {
    bOk = rcUuidParse(z, n, &spec, &u);
    bRef = refAccepts(z, n, &spec, &iVersion, &iVariant);
    if (bOk != bRef)
      fail(bOk ? "accepted, the reference refuses"
               : "refused, the reference accepts",
           data, size);
    if (bOk) {
      if (n != 36 &&
          !(spec.flags & (RC_UUID_BRACES | RC_UUID_URN | RC_UUID_COMPACT))) {
        fail("accepted text is not 36 bytes in the default form", data, size);
      }
      if (u.iVersion != iVersion || u.iVariant != iVariant) {
        fail("version or variant differs from the reference", data, size);
      }
      checkAccepted(&u, data, size);
    } else {
      checkRefusal(&u, &spec, data, size);
    }
  }
  free(z);
  return 0;
}
