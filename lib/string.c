/*
 * string.c - the kernel's mem* and str* functions (x86_64 only: the
 * kernel is).  The compiler may call memcpy/memset itself, so these must
 * exist; they are simple loops except where speed shows.
 */
#include "kstring.h"

/*
 * memset and memcpy use the string instructions, which zero and copy
 * pages many times faster than a byte loop (and under TCG, much more).
 */
void *
memset(void *d, int c, size_t n)
{
	void *p = d;

	__asm__ volatile("rep stosb" : "+D"(p), "+c"(n) : "a"(c) : "memory");
	return d;
}

void *
memcpy(void *restrict d, const void *restrict s, size_t n)
{
	void *p = d;

	__asm__ volatile("rep movsb" : "+D"(p), "+S"(s), "+c"(n) : : "memory");
	return d;
}

void *
memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if(dp < sp || dp >= sp + n)
		return memcpy(d, s, n);
	while(n-- > 0)
		dp[n] = sp[n];
	return d;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *ap = a, *bp = b;

	for(; n > 0; n--, ap++, bp++)
		if(*ap != *bp)
			return *ap < *bp ? -1 : 1;
	return 0;
}

size_t
strlen(const char *s)
{
	const char *p = s;

	while(*p)
		p++;
	return p - s;
}

int
strcmp(const char *a, const char *b)
{
	while(*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for(; n > 0; n--, a++, b++){
		if(*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if(*a == 0)
			break;
	}
	return 0;
}

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
