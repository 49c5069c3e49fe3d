/*
 * errstr.c - the error string.  The kernel holds each process's one copy:
 * a failing system call sets it, and the errstr system call swaps it with
 * the caller's buffer.  Libc keeps no copy of its own, so what %r prints
 * is always the kernel's (docs/libc.md, "Errors").
 */
#include "../include/u.h"
#include "../include/libc.h"

/* Sets the error string; %r in fmt is the old one. */
void
werrstr(const char *fmt, ...)
{
	char buf[ERRMAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprint(buf, sizeof buf, fmt, ap);
	va_end(ap);
	errstr(buf, sizeof buf);
}

/* Copies the error string into buf (n bytes), leaving it set. */
void
rerrstr(char *buf, uint n)
{
	char tmp[ERRMAX];

	tmp[0] = 0;
	errstr(tmp, sizeof tmp);	/* take it, leaving "" */
	utfecpy(buf, buf+n, tmp);
	errstr(tmp, sizeof tmp);	/* and put it back */
}
