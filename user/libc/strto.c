/*
 * strto.c - numbers from text.  One parser, strtoumax, reads the digits
 * and clamps on overflow (there is no errno: the result is the limit);
 * the others take their sign and range from it.  atoi and friends take
 * the base from the prefix (0x hex, 0 octal), as Plan 9's do.
 */
#include "../include/u.h"
#include "../include/libc.h"

static int
digitval(int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	if(c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if(c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parse [space][sign][0x]digits in base (0: from the prefix).  Returns the
 * magnitude; *neg says a '-' came first, *over that the magnitude passed
 * 2^64-1; *end is past the digits, or s if there are none.
 */
static uvlong
strtoumax(const char *s, char **end, int base, int *neg, int *over)
{
	const char *p, *digits;
	uvlong v;
	int d;

	*neg = *over = 0;
	if(end != nil)
		*end = (char *)s;
	if(base < 0 || base == 1 || base > 36)
		return 0;
	for(p = s; isspace(*p); p++)
		;
	if(*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digitval(p[2]) < 16){
		p += 2;
		base = 16;
	}else if(base == 0)
		base = p[0] == '0' ? 8 : 10;
	v = 0;
	for(digits = p; (d = digitval(*p)) < base; p++){
		if(v > (~0ULL - d) / base)
			*over = 1;
		else
			v = v*base + d;
	}
	if(p == digits)
		return 0;
	if(end != nil)
		*end = (char *)p;
	return v;
}

#define Vlongmax 0x7FFFFFFFFFFFFFFFLL

vlong
strtoll(const char *s, char **end, int base)
{
	uvlong v;
	int neg, over;

	v = strtoumax(s, end, base, &neg, &over);
	if(neg){
		if(over || v > (uvlong)Vlongmax + 1)
			return -Vlongmax - 1;
		/* v <= 2^63: -v fits, computed without overflowing on the way */
		return v == 0 ? 0 : -(vlong)(v - 1) - 1;
	}
	if(over || v > (uvlong)Vlongmax)
		return Vlongmax;
	return v;
}

/* C's: "-1" is the largest value, as if the negation wrapped. */
uvlong
strtoull(const char *s, char **end, int base)
{
	uvlong v;
	int neg, over;

	v = strtoumax(s, end, base, &neg, &over);
	if(over)
		return ~0ULL;
	return neg ? 0 - v : v;
}

long
strtol(const char *s, char **end, int base)
{
	return strtoll(s, end, base);
}

ulong
strtoul(const char *s, char **end, int base)
{
	return strtoull(s, end, base);
}

vlong
atoll(const char *s)
{
	return strtoll(s, nil, 0);
}

long
atol(const char *s)
{
	return strtol(s, nil, 0);
}

int
atoi(const char *s)
{
	vlong v;

	v = strtoll(s, nil, 0);
	if(v > 0x7FFFFFFF)
		return 0x7FFFFFFF;
	if(v < -0x7FFFFFFF - 1)
		return -0x7FFFFFFF - 1;
	return v;
}
