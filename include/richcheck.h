/*
** richcheck.h - public interface of the richcheck SQLite extension.
**
** richcheck gives SQLite the column checks it lacks (text length, email
** addresses, money) and reports every failed check with an extended result
** code of its own.  The primary part of each code is the category, so a
** driver's default mapping already picks the right exception class:
**
**     SQLITE_CONSTRAINT (19)  integrity failure  SQLSTATE class 23
**     SQLITE_TOOBIG     (18)  data failure       SQLSTATE class 22
**
** Loading:
**     .load ./richcheck                        (sqlite3 shell)
**     sqlite3_load_extension(db, "richcheck", 0, &zErr);
**     sqlite3_auto_extension((void (*)(void))sqlite3_richcheck_init);
**                                              (static library, SQLITE_CORE)
**
** RICHCHECK_CODE_LIST below is the one registry of codes: the constants, the
** inline lookups, the richcheck_codes virtual table and the README table all
** come from it.
*/
#ifndef RICHCHECK_H
#define RICHCHECK_H

#ifndef RICHCHECK_API
#if defined(__GNUC__)
#define RICHCHECK_API __attribute__((visibility("default")))
#else
#define RICHCHECK_API
#endif
#endif

#define RICHCHECK_VERSION "0.4.0"
#define RICHCHECK_VERSION_NUMBER 4000 /* major*1000000 + minor*1000 + patch */

/* The oldest SQLite richcheck loads into: it needs SQLITE_INNOCUOUS. */
#ifndef RICHCHECK_MIN_SQLITE_VERSION_NUMBER /* a test build raises it */
#define RICHCHECK_MIN_SQLITE_VERSION "3.31.0"
#define RICHCHECK_MIN_SQLITE_VERSION_NUMBER 3031000
#endif

/*
** X(NAME, PRIMARY, EXTENDED, SQLSTATE, DESCRIPTION)
**   code = PRIMARY | (EXTENDED << 8)
** PRIMARY is 19 (SQLITE_CONSTRAINT, integrity) or 18 (SQLITE_TOOBIG, data).
** Extended parts start at 100 to keep clear of SQLite's own extended codes.
*/
#define RICHCHECK_CODE_LIST(X)                                                 \
  X(EMAIL, 19, 100, "23514", "not a valid email address")                      \
  X(BOUND, 19, 101, "23514",                                                   \
    "value below its declared minimum or above its declared maximum")          \
  X(TOO_SHORT, 19, 102, "23514", "text shorter than its declared minimum")     \
  X(SCALE, 19, 103, "23514",                                                   \
    "more fraction digits than allowed: the currency's, a number's scale=n "   \
    "or integer")                                                              \
  X(CURRENCY, 19, 104, "23514",                                                \
    "unknown or withdrawn currency code in the data")                          \
  X(NOT_ENFORCED, 19, 105, "23000",                                            \
    "a declared rule that is not in force: its triggers or constraint are "    \
    "gone or not richcheck's (richcheck_violations reports it)")               \
  X(UUID, 19, 106, "23514",                                                    \
    "a UUID of another version or variant than the one declared")              \
  X(ASSERT, 19, 107, "23514",                                                  \
    "a condition of the schema's own that does not hold (richcheck_assert)")   \
  X(PATTERN, 19, 108, "23514",                                                 \
    "text that does not match its declared pattern")                           \
  X(TOO_LONG, 18, 100, "22001",                                                \
    "text longer than its declared maximum (PostgreSQL varchar(n))")           \
  X(OVERFLOW, 18, 101, "22003",                                                \
    "beyond what can be represented: money past +-(2^63-1) minor units, "      \
    "aggregate overflow")                                                      \
  X(INVALID_TEXT, 18, 102, "22P02",                                            \
    "malformed input: text that does not parse, an ambiguous REAL")            \
  X(ENCODING, 18, 103, "22021",                                                \
    "invalid UTF-8, an embedded NUL, or a BLOB where text is required")        \
  X(DATETIME_FORMAT, 18, 104, "22007",                                         \
    "text that is not a date or time of the declared ISO 8601 form")           \
  X(DATETIME_RANGE, 18, 105, "22008",                                          \
    "a date or time field out of range: February 30, hour 24, an offset "      \
    "past 18:00")

enum {
#define RICHCHECK_ENUM_(NAME, PRIM, EXT, STATE, DESC)                          \
  RICHCHECK_##NAME = (PRIM) | ((EXT) << 8),
  RICHCHECK_CODE_LIST(RICHCHECK_ENUM_)
#undef RICHCHECK_ENUM_
};

/* The codes every failure becomes under richcheck_error_mode('compat'). */
#define RICHCHECK_COMPAT_INTEGRITY 1043 /* SQLITE_CONSTRAINT_FUNCTION */
#define RICHCHECK_COMPAT_DATA 18        /* SQLITE_TOOBIG */

/* SQLSTATE of a richcheck code, or 0 (NULL) for any other code. */
static inline const char *richcheck_sqlstate(int code) {
  switch (code) {
#define RICHCHECK_STATE_(NAME, PRIM, EXT, STATE, DESC)                         \
  case RICHCHECK_##NAME: return STATE;
    RICHCHECK_CODE_LIST(RICHCHECK_STATE_)
#undef RICHCHECK_STATE_
  default: return 0;
  }
}

/* "RICHCHECK_TOO_LONG", ... for a richcheck code, 0 (NULL) for any other. */
static inline const char *richcheck_code_name(int code) {
  switch (code) {
#define RICHCHECK_NAME_(NAME, PRIM, EXT, STATE, DESC)                          \
  case RICHCHECK_##NAME: return "RICHCHECK_" #NAME;
    RICHCHECK_CODE_LIST(RICHCHECK_NAME_)
#undef RICHCHECK_NAME_
  default: return 0;
  }
}

/* "integrity" or "data" for a richcheck code, 0 (NULL) for any other. */
static inline const char *richcheck_category(int code) {
  if (richcheck_sqlstate(code) == 0) return 0;
  return (code & 0xff) == 19 ? "integrity" : "data";
}

#ifdef __cplusplus
extern "C" {
#endif

struct sqlite3;
struct sqlite3_api_routines;

/* The entry point: for sqlite3_load_extension and sqlite3_auto_extension. */
RICHCHECK_API int
sqlite3_richcheck_init(struct sqlite3 *db, char **pzErrMsg,
                       const struct sqlite3_api_routines *pApi);

#ifdef __cplusplus
}
#endif

#endif /* RICHCHECK_H */
