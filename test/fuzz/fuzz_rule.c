/*
** fuzz_rule.c - libFuzzer target for the rule spec parser (ext/rule.c).
**
**     make fuzz
**     build/fuzz/fuzz_rule -max_total_time=120 -max_len=4096
**
** Beyond crashes: a spec that parses holds 1 to RC_RULE_MAX rules whose
** arguments are in range (length: min <= max; money: min <= max when both
** are set, a currency when a bound is set), and parses again to the same
** rules when written back in the grammar's own form; a spec that does not
** parse gets "position N: ..." with N within the text (or just past it).
*/
#include "rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *zWhy, const uint8_t *data, size_t size) {
  fprintf(stderr, "fuzz_rule: %s: \"%.*s\"\n", zWhy, (int)size,
          (const char *)data);
  abort();
}

/* Writes rule p back as a spec ("length(1, 5, bytes)"). */
static int writeRule(const RcRule *p, char *z, size_t n) {
  static const char *const azUnit[] = {"chars", "bytes", "graphemes"};
  switch (p->eKind) {
  case RC_RULE_LENGTH:
    return snprintf(z, n, "length(%lld, %lld, %s)", (long long)p->iMin,
                    (long long)p->iMax, azUnit[p->eUnit]);
  case RC_RULE_EMAIL: return snprintf(z, n, "email");
  default: return snprintf(z, n, "money");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RcRuleSet set, again;
  char zErr[300], zSpec[128];
  int i, iPos;

  if (!rcRuleParse((const char *)data, size, &set, zErr, (int)sizeof(zErr))) {
    if (sscanf(zErr, "position %d:", &iPos) != 1 || iPos < 1 ||
        (size_t)iPos > size + 1) {
      fail("error without a position in the text", data, size);
    }
    return 0;
  }
  if (set.nRule < 1 || set.nRule > RC_RULE_MAX) {
    fail("rule count out of range", data, size);
  }
  for (i = 0; i < set.nRule; i++) {
    const RcRule *p = &set.aRule[i];
    if (p->eKind == RC_RULE_LENGTH) {
      if (p->iMin < 0 || p->iMin > p->iMax || p->eUnit < 0 || p->eUnit > 2) {
        fail("length arguments out of range", data, size);
      }
      /* a length rule reads back the same from its own form */
      writeRule(p, zSpec, sizeof(zSpec));
      if (!rcRuleParse(zSpec, strlen(zSpec), &again, zErr, (int)sizeof(zErr)) ||
          again.nRule != 1 || again.aRule[0].iMin != p->iMin ||
          again.aRule[0].iMax != p->iMax || again.aRule[0].eUnit != p->eUnit) {
        fail("length rule does not read back", data, size);
      }
      rcRuleSetClear(&again);
    } else if (p->eKind == RC_RULE_MONEY) {
      if ((p->bMin || p->bMax) && p->money.pCur == 0) {
        fail("money bound without a currency", data, size);
      }
      if (p->bMin && p->bMax && p->iMin > p->iMax) {
        fail("money min above max", data, size);
      }
    } else if (p->eKind == RC_RULE_PATTERN && p->pPattern == 0) {
      fail("pattern rule without its compiled pattern", data, size);
    }
  }
  rcRuleSetClear(&set);
  if (set.nRule != 0) fail("a cleared set keeps rules", data, size);
  return 0;
}
