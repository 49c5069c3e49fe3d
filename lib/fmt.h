/*
 * fmt.h - formatted output shared by kernel and host code.
 * The verbs are C's (so the compiler checks every call): %d %i %u %x %X %o
 * %c %s %p %%, flags - 0 + space #, width and precision (also *), and the
 * length modifiers hh h l ll z j t.
 */
#ifndef LUX9_FMT_H
#define LUX9_FMT_H

#include "u.h"

/* A sink receives the output in pieces; n bytes at s, not NUL terminated. */
typedef void Fmtput(void *arg, const char *s, size_t n);

/* Format to a sink; returns the number of bytes emitted. */
int vfmt(Fmtput *put, void *arg, const char *fmt, va_list ap);

/* Fills buf (n bytes) with the current error string, NUL terminated: for %r. */
typedef void Fmterr(char *buf, size_t n);

/*
 * Format in Plan 9's dialect (libc's print): flags, width and precision as
 * above; modifiers h hh l ll u (unsigned) in any order before the verb;
 * verbs %d %i %o %x %X %b (binary) %c %C (a Rune) %s %S (Rune string)
 * %r (the error string, from err) %p %%.  Not checked by the compiler.
 */
int vfmt9(Fmtput *put, void *arg, Fmterr *err, const char *fmt, va_list ap);

/* Lux9's libc defines Plan 9's snprint and vsnprint instead (libc.h). */
#ifndef LUX9_LIBC
/*
 * Format into buf of len bytes, always NUL terminated when len > 0.
 * Returns the number of bytes stored, not counting the NUL (Plan 9's snprint).
 */
int vsnprint(char *buf, size_t len, const char *fmt, va_list ap);
int snprint(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#endif

#endif
