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

/*
 * Format into buf of len bytes, always NUL terminated when len > 0.
 * Returns the number of bytes stored, not counting the NUL (Plan 9's snprint).
 */
int vsnprint(char *buf, size_t len, const char *fmt, va_list ap);
int snprint(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
