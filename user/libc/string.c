/*
 * string.c - the rest of libc's mem* and str*, with C's meaning.  The
 * ones the kernel has too (memset memcpy memmove memcmp strlen strcmp
 * strncmp strchr strrchr) are lib/string.c's, shared.
 */
#include "../include/u.h"
#include "../include/libc.h"

void *
memchr(const void *s, int c, usize n)
{
	const uchar *p;

	for(p = s; n > 0; n--, p++)
		if(*p == (uchar)c)
			return (void *)p;
	return nil;
}

char *
strcpy(char *restrict d, const char *restrict s)
{
	char *p;

	for(p = d; (*p = *s) != 0; p++, s++)
		;
	return d;
}

/* C's: copies at most n bytes, NUL-padding a short s; a long s is left unterminated. */
char *
strncpy(char *restrict d, const char *restrict s, usize n)
{
	usize i;

	for(i = 0; i < n && s[i] != 0; i++)
		d[i] = s[i];
	for(; i < n; i++)
		d[i] = 0;
	return d;
}

/*
 * Copy s into d, never storing at or past e; the result is always NUL
 * terminated (if d < e).  Returns the address of that NUL, so copies chain:
 * p = strecpy(p, e, s).
 */
char *
strecpy(char *d, char *e, const char *s)
{
	if(d >= e)
		return d;
	while(d < e-1 && *s != 0)
		*d++ = *s++;
	*d = 0;
	return d;
}

char *
strcat(char *restrict d, const char *restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *
strstr(const char *s, const char *t)
{
	usize n;

	n = strlen(t);
	for(; *s != 0 || n == 0; s++){
		if(strncmp(s, t, n) == 0)
			return (char *)s;
	}
	return nil;
}

char *
strdup(const char *s)
{
	char *p;
	usize n;

	n = strlen(s) + 1;
	p = malloc(n);
	if(p != nil)
		memmove(p, s, n);
	return p;
}
