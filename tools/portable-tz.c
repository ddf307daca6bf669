/*
** tools/portable-tz.c - libc's time zone variables for the portable build.
**
** Debian's static ICU (libicuuc.a) is built as position-independent
** executable code, not as shared-object code: its putil.o reads glibc's
** __timezone and tzname directly, which a shared object cannot do.  The
** portable build renames those two references (and putil's call of tzset)
** to the names below (objcopy --redefine-sym, mk/portable.mk), and this
** file keeps copies that follow glibc's: ICU reads them only after its own
** uprv_tzset, which now lands here.  richcheck itself uses no time zone.
*/
#include <time.h>

long rc_portable_timezone;
char *rc_portable_tzname[2];

void rc_portable_tzset(void) {
  tzset();
  rc_portable_timezone = timezone;
  rc_portable_tzname[0] = tzname[0];
  rc_portable_tzname[1] = tzname[1];
}
