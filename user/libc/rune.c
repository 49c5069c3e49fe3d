/*
 * rune.c - runes and UTF-8, with Plan 9's meaning.  Bad input never stops
 * a decoder: a byte that does not begin a valid sequence (a stray
 * continuation byte, an overlong form, a surrogate, beyond Runemax, cut
 * short) decodes as Runeerror and is consumed alone, so the next byte
 * gets its own chance.
 */
#include "../include/u.h"
#include "../include/libc.h"

enum {
	Bit1	= 7,
	Bitx	= 6,
	Tx	= 0x80,			/* 10xxxxxx: a continuation byte */
	Maskx	= 0x3F,
	Rune1	= 0x7F,			/* most in 1 byte */
	Rune2	= 0x7FF,		/* 2 */
	Rune3	= 0xFFFF,		/* 3 */
	Surrogatemin	= 0xD800,
	Surrogatemax	= 0xDFFF,
};

/* Whether r has an encoding; anything else is written as Runeerror. */
static int
validrune(Rune r)
{
	return r <= Runemax && (r < Surrogatemin || r > Surrogatemax);
}

int
runelen(long r)
{
	if(r < 0 || r > Runemax || (r >= Surrogatemin && r <= Surrogatemax))
		r = Runeerror;
	if(r <= Rune1)
		return 1;
	if(r <= Rune2)
		return 2;
	if(r <= Rune3)
		return 3;
	return 4;
}

int
runetochar(char *s, const Rune *rp)
{
	Rune r;

	r = *rp;
	if(!validrune(r))
		r = Runeerror;
	if(r <= Rune1){
		s[0] = r;
		return 1;
	}
	if(r <= Rune2){
		s[0] = 0xC0 | r>>Bitx;
		s[1] = Tx | (r & Maskx);
		return 2;
	}
	if(r <= Rune3){
		s[0] = 0xE0 | r>>2*Bitx;
		s[1] = Tx | (r>>Bitx & Maskx);
		s[2] = Tx | (r & Maskx);
		return 3;
	}
	s[0] = 0xF0 | r>>3*Bitx;
	s[1] = Tx | (r>>2*Bitx & Maskx);
	s[2] = Tx | (r>>Bitx & Maskx);
	s[3] = Tx | (r & Maskx);
	return 4;
}

/* Sequence length announced by first byte c, 0 if c cannot begin one. */
static int
seqlen(uchar c)
{
	if(c < 0x80)
		return 1;
	if(c < 0xC2)	/* continuation bytes, and C0/C1 which only begin overlong forms */
		return 0;
	if(c < 0xE0)
		return 2;
	if(c < 0xF0)
		return 3;
	if(c < 0xF5)	/* F5 and up would be beyond Runemax */
		return 4;
	return 0;
}

int
chartorune(Rune *rp, const char *str)
{
	static const Rune least[5] = {0, 0, Rune1+1, Rune2+1, Rune3+1};
	const uchar *s;
	Rune r;
	int n, i;

	s = (const uchar *)str;
	n = seqlen(s[0]);
	if(n == 1){
		*rp = s[0];
		return 1;
	}
	if(n == 0)
		goto bad;
	r = s[0] & (0x7F >> n);
	/* stops at the first byte that is not a continuation, so never reads past a NUL */
	for(i = 1; i < n; i++){
		if((s[i] & 0xC0) != Tx)
			goto bad;
		r = r<<Bitx | (s[i] & Maskx);
	}
	if(r < least[n] || !validrune(r))
		goto bad;
	*rp = r;
	return n;
bad:
	*rp = Runeerror;
	return 1;
}

/* Whether the n bytes at s hold a whole rune (or enough to know it is bad). */
int
fullrune(const char *str, int n)
{
	const uchar *s;
	int need;

	if(n <= 0)
		return 0;
	s = (const uchar *)str;
	need = seqlen(s[0]);
	return need == 0 || n >= need;
}

int
utflen(const char *s)
{
	Rune r;
	int n;

	for(n = 0; *s != 0; n++)
		s += chartorune(&r, s);
	return n;
}

char *
utfrune(const char *s, long c)
{
	Rune r;
	int n;

	if(c < Runesync)
		return strchr(s, c);
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == (Rune)c)
			return (char *)s;
	}
	return nil;
}

char *
utfrrune(const char *s, long c)
{
	const char *last;
	Rune r;
	int n;

	if(c < Runesync)
		return strrchr(s, c);
	last = nil;
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == (Rune)c)
			last = s;
	}
	return (char *)last;
}

/* As strecpy, but a rune that does not fit whole is left out. */
char *
utfecpy(char *d, char *e, const char *s)
{
	char *end;

	if(d >= e)
		return d;
	end = strecpy(d, e, s);
	if(end == e-1 && s[end - d] != 0){
		/* cut short: step back over a partial sequence */
		while(end > d && (end[-1] & 0xC0) == Tx)
			end--;
		if(end > d && !fullrune(end-1, e-1 - (end-1)))
			end--;
		else
			end = e-1;
		*end = 0;
	}
	return end;
}
