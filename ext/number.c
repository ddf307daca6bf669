/*
** number.c - numbers in a range, compared exactly (issue 16: being
** written).
*/
#include "number.h"

#include <stdio.h>

int rcNumberSpecParse(const char *zMin, size_t nMin, const char *zMax,
                      size_t nMax, const char *zOpts, size_t nOpts,
                      RcNumberSpec *p, char *zErr, int nErr) {
  (void)zMin;
  (void)nMin;
  (void)zMax;
  (void)nMax;
  (void)zOpts;
  (void)nOpts;
  p->bMin = p->bMax = p->bInteger = 0;
  p->nScale = -1;
  p->zMin[0] = p->zMax[0] = 0;
  snprintf(zErr, (size_t)nErr, "number: not yet");
  return 0;
}
