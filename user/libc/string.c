/*
 * string.c - mem* and str*, with C's meaning (the compiler itself calls
 * memcpy, memset, memmove and memcmp).  Byte loops: obviously right, and
 * the compiler vectorizes the hot ones.
 */
#include "../include/u.h"
#include "../include/libc.h"

void *
memset(void *d, int c, usize n)
{
	uchar *p;

	for(p = d; n > 0; n--)
		*p++ = c;
	return d;
}

void *
memcpy(void *restrict d, const void *restrict s, usize n)
{
	uchar *dp;
	const uchar *sp;

	dp = d;
	sp = s;
	while(n-- > 0)
		*dp++ = *sp++;
	return d;
}

void *
memmove(void *d, const void *s, usize n)
{
	uchar *dp;
	const uchar *sp;

	dp = d;
	sp = s;
	/* copy forward unless d starts inside s, where that would overwrite what is still to be read */
	if((uintptr)dp - (uintptr)sp >= n){
		while(n-- > 0)
			*dp++ = *sp++;
	}else{
		while(n-- > 0)
			dp[n] = sp[n];
	}
	return d;
}

int
memcmp(const void *a, const void *b, usize n)
{
	const uchar *p, *q;

	for(p = a, q = b; n > 0; n--, p++, q++)
		if(*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *
memchr(const void *s, int c, usize n)
{
	const uchar *p;

	for(p = s; n > 0; n--, p++)
		if(*p == (uchar)c)
			return (void *)p;
	return nil;
}

usize
strlen(const char *s)
{
	const char *p;

	for(p = s; *p != 0; p++)
		;
	return p - s;
}

int
strcmp(const char *a, const char *b)
{
	/* as unsigned bytes, so UTF-8 sorts by code point */
	for(; *a == *b; a++, b++)
		if(*a == 0)
			return 0;
	return (uchar)*a < (uchar)*b ? -1 : 1;
}

int
strncmp(const char *a, const char *b, usize n)
{
	for(; n > 0; n--, a++, b++){
		if(*a != *b)
			return (uchar)*a < (uchar)*b ? -1 : 1;
		if(*a == 0)
			break;
	}
	return 0;
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

/* C's: c == 0 finds the terminating NUL. */
char *
strchr(const char *s, int c)
{
	for(;; s++){
		if(*s == (char)c)
			return (char *)s;
		if(*s == 0)
			return nil;
	}
}

char *
strrchr(const char *s, int c)
{
	const char *r;

	r = nil;
	for(;; s++){
		if(*s == (char)c)
			r = s;
		if(*s == 0)
			return (char *)r;
	}
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
