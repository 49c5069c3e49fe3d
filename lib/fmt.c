/*
 * fmt.c - printf-style formatting for the kernel, Lux9 userspace and the host.
 *
 * The verbs are C's, with C's meaning, so the compiler checks every call and
 * the host's snprintf is the test oracle.  Output goes to a sink in pieces so
 * the kernel console needs no line buffer: literal text is handed over where
 * it lies, a number is converted in a few bytes of stack, and padding of any
 * width is emitted in fixed-size chunks.
 *
 * Deliberate differences from C: %s of nil prints "<nil>", %p prints 0x and
 * lower-case hex (also for nil), and an unknown verb -- including %n, which
 * would let a format string write memory -- is printed as written.
 * Width and precision saturate at FMTMAX rather than overflow.
 *
 * vfmt9 speaks Plan 9's dialect instead, for Lux9's libc (print(2)): the
 * same flags, width, precision and number layout, but Plan 9's modifiers
 * (h hh l ll, and u for unsigned) and verbs (%b binary, %C rune, %S rune
 * string, %r error string).  See docs/libc.md for the exact rules.
 */
#include "u.h"
#include "fmt.h"
#include "kstring.h"

enum {
	FMINUS = 1<<0,
	FZERO = 1<<1,
	FPLUS = 1<<2,
	FSPACE = 1<<3,
	FSHARP = 1<<4,

	FMTMAX = 1000000000,	/* width/precision ceiling, far below INT_MAX */
	NUMBUF = 64,		/* a u64int is at most 64 binary digits */
	PADCHUNK = 16,
	INTMAX = 0x7fffffff,
	ERRBUF = 128,		/* ERRMAX in include/sys.h: the longest error string */
};

/* length modifiers */
enum { Lnone, Lhh, Lh, Ll, Lll, Lz, Lj, Lt };

_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t),
	"%zd and %tu assume ptrdiff_t and size_t have one width");

/* One conversion being formatted, and the sink it goes to. */
typedef struct Spec Spec;
struct Spec {
	Fmtput *put;
	void *arg;
	uvlong n;	/* bytes emitted so far */
	int flags;
	int width;	/* -1: none given */
	int prec;	/* -1: none given */
	int len;	/* Lnone... */
	Fmterr *err;	/* vfmt9: fetches the error string for %r */
};

/* Formats the conversion at pct (which points at '%'); returns what follows it. */
typedef const char *Conv(Spec *f, const char *pct, va_list *ap);

static void
emit(Spec *f, const char *s, size_t n)
{
	if(n == 0)
		return;
	f->put(f->arg, s, n);
	f->n += n;
}

static void
pad(Spec *f, char c, uvlong n)
{
	static const char spaces[PADCHUNK+1] = "                ";
	static const char zeros[PADCHUNK+1] = "0000000000000000";
	const char *p;
	size_t k;

	p = c == '0' ? zeros : spaces;
	while(n > 0){
		k = n < PADCHUNK ? n : PADCHUNK;
		emit(f, p, k);
		n -= k;
	}
}

/* Emit n bytes at s, space-padded to the field width. */
static void
field(Spec *f, const char *s, size_t n)
{
	uvlong w;

	w = f->width > 0 && (uvlong)f->width > n ? (uvlong)f->width - n : 0;
	if(!(f->flags & FMINUS))
		pad(f, ' ', w);
	emit(f, s, n);
	if(f->flags & FMINUS)
		pad(f, ' ', w);
}

/* Parse a decimal number, saturating at FMTMAX. */
static int
decimal(const char **pp)
{
	const char *p;
	int v;

	v = 0;
	for(p = *pp; *p >= '0' && *p <= '9'; p++){
		if(v <= (FMTMAX - 9) / 10)
			v = v*10 + (*p - '0');
		else
			v = FMTMAX;
	}
	*pp = p;
	return v;
}

/* An int argument for '*', clamped to [-FMTMAX, FMTMAX] so negation is safe. */
static int
stararg(va_list *ap)
{
	int v;

	v = va_arg(*ap, int);
	if(v > FMTMAX)
		return FMTMAX;
	if(v < -FMTMAX)
		return -FMTMAX;
	return v;
}

/* Parse flags, width and precision, which both dialects share. */
static const char *
parseflags(Spec *f, const char *p, va_list *ap)
{
	f->flags = 0;
	f->width = -1;
	f->prec = -1;
	f->len = Lnone;
	for(;; p++){
		switch(*p){
		case '-': f->flags |= FMINUS; continue;
		case '0': f->flags |= FZERO; continue;
		case '+': f->flags |= FPLUS; continue;
		case ' ': f->flags |= FSPACE; continue;
		case '#': f->flags |= FSHARP; continue;
		}
		break;
	}
	if(*p == '*'){
		p++;
		f->width = stararg(ap);
		if(f->width < 0){
			f->flags |= FMINUS;	/* C: a negative * width means '-' */
			f->width = -f->width;
		}
	}else
		f->width = decimal(&p);
	if(*p == '.'){
		p++;
		if(*p == '*'){
			p++;
			f->prec = stararg(ap);
			if(f->prec < 0)
				f->prec = -1;	/* C: as if no precision */
		}else
			f->prec = decimal(&p);
	}
	return p;
}

/* Parse flags, width, precision and length; return the verb's address. */
static const char *
parsespec(Spec *f, const char *p, va_list *ap)
{
	p = parseflags(f, p, ap);
	switch(*p){
	case 'h':
		p++;
		f->len = Lh;
		if(*p == 'h'){
			p++;
			f->len = Lhh;
		}
		break;
	case 'l':
		p++;
		f->len = Ll;
		if(*p == 'l'){
			p++;
			f->len = Lll;
		}
		break;
	case 'z': p++; f->len = Lz; break;
	case 'j': p++; f->len = Lj; break;
	case 't': p++; f->len = Lt; break;
	}
	return p;
}

static vlong
signedarg(Spec *f, va_list *ap)
{
	switch(f->len){
	case Lhh: return (signed char)va_arg(*ap, int);
	case Lh: return (short)va_arg(*ap, int);
	case Ll: return va_arg(*ap, long);
	case Lll: return va_arg(*ap, long long);
	case Lz: return va_arg(*ap, ptrdiff_t);	/* the signed size_t */
	case Lj: return va_arg(*ap, intmax_t);
	case Lt: return va_arg(*ap, ptrdiff_t);
	}
	return va_arg(*ap, int);
}

static uvlong
unsignedarg(Spec *f, va_list *ap)
{
	switch(f->len){
	/* a char or short arrives promoted to int, maybe negative */
	case Lhh: return (unsigned char)va_arg(*ap, int);
	case Lh: return (unsigned short)va_arg(*ap, int);
	case Ll: return va_arg(*ap, unsigned long);
	case Lll: return va_arg(*ap, unsigned long long);
	case Lz: return va_arg(*ap, size_t);
	case Lj: return va_arg(*ap, uintmax_t);
	case Lt: return va_arg(*ap, size_t);	/* the unsigned ptrdiff_t */
	}
	return va_arg(*ap, unsigned int);
}

/*
 * Format magnitude v in base as C does: [spaces][sign][prefix][zeros]digits[spaces].
 * sign is 0 for none; prefix is "" or "0x"/"0X".
 */
static void
fmtint(Spec *f, uvlong v, char sign, const char *prefix, int base, int upper)
{
	char buf[NUMBUF], *d;
	const char *digits;
	uvlong nzero, total, width;
	size_t ndig, npre;
	int zero;

	digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	zero = v == 0;
	d = buf + sizeof buf;
	if(!(zero && f->prec == 0))	/* C: precision 0 prints no digits for 0 */
		do{
			*--d = digits[v % base];
			v /= base;
		}while(v != 0);
	ndig = buf + sizeof buf - d;
	npre = strlen(prefix);

	nzero = f->prec > 0 && (uvlong)f->prec > ndig ? (uvlong)f->prec - ndig : 0;
	/* C: %#o raises the precision just enough to lead with a 0 */
	if(base == 8 && (f->flags & FSHARP) && nzero == 0 && (ndig == 0 || *d != '0'))
		nzero = 1;

	total = (sign != 0) + npre + nzero + ndig;
	width = f->width > 0 ? (uvlong)f->width : 0;
	if(width > total && (f->flags & (FZERO|FMINUS)) == FZERO && f->prec < 0){
		nzero += width - total;	/* zero padding goes after sign and 0x */
		total = width;
	}
	if(!(f->flags & FMINUS) && width > total)
		pad(f, ' ', width - total);
	if(sign != 0)
		emit(f, &sign, 1);
	emit(f, prefix, npre);
	pad(f, '0', nzero);
	emit(f, d, ndig);
	if((f->flags & FMINUS) && width > total)
		pad(f, ' ', width - total);
}

static void
fmtsigned(Spec *f, va_list *ap, int base)
{
	vlong v;
	char sign;

	v = signedarg(f, ap);
	sign = 0;
	if(v < 0)
		sign = '-';
	else if(f->flags & FPLUS)
		sign = '+';
	else if(f->flags & FSPACE)
		sign = ' ';
	/* unsigned negation is defined for INT64_MIN too */
	fmtint(f, v < 0 ? 0 - (uvlong)v : (uvlong)v, sign, "", base, 0);
}

static void
fmtstr(Spec *f, const char *s)
{
	size_t n;

	if(s == nil)
		s = "<nil>";
	if(f->prec >= 0){
		/* the precision bounds the read: s need not be NUL terminated */
		for(n = 0; n < (size_t)f->prec && s[n] != 0; n++)
			;
	}else
		n = strlen(s);
	field(f, s, n);
}

/*
 * The verbs both dialects mean the same way: octal, hex, pointers,
 * characters, %%.  0 when verb is none of them.
 */
static int
fmtcommon(Spec *f, int verb, va_list *ap)
{
	uvlong v;
	char c;

	switch(verb){
	case 'o':
		fmtint(f, unsignedarg(f, ap), 0, "", 8, 0);
		return 1;
	case 'x':
	case 'X':
		v = unsignedarg(f, ap);
		fmtint(f, v, 0, v != 0 && (f->flags & FSHARP) ? (verb == 'x' ? "0x" : "0X") : "",
			16, verb == 'X');
		return 1;
	case 'p':
		fmtint(f, (uintptr)va_arg(*ap, void *), 0, "0x", 16, 0);
		return 1;
	case 'c':
		c = (char)va_arg(*ap, int);
		field(f, &c, 1);
		return 1;
	case '%':
		emit(f, "%", 1);
		return 1;
	}
	return 0;
}

static const char *
conversion(Spec *f, const char *pct, va_list *ap)
{
	const char *p;

	p = parsespec(f, pct+1, ap);
	switch(*p){
	case 'd':
	case 'i':
		fmtsigned(f, ap, 10);
		break;
	case 'u':
		fmtint(f, unsignedarg(f, ap), 0, "", 10, 0);
		break;
	case 's':
		fmtstr(f, va_arg(*ap, const char *));
		break;
	case 0:
		emit(f, pct, p - pct);	/* a lone % at the end */
		return p;
	default:
		if(!fmtcommon(f, *p, ap))
			emit(f, pct, p+1 - pct);	/* unknown verb: show it as written */
		break;
	}
	return p+1;
}

/* The loop both dialects share: literal text as it lies, conversions by conv. */
static int
dofmt(Spec *f, Conv *conv, const char *fmt, va_list ap)
{
	va_list aq;
	const char *p, *s;

	if(fmt == nil)
		fmt = "<nil>";
	f->n = 0;
	/* a copy, so the helpers can share it through a pointer portably */
	va_copy(aq, ap);
	for(p = fmt; *p != 0; ){
		for(s = p; *p != 0 && *p != '%'; p++)
			;
		emit(f, s, p - s);
		if(*p == '%')
			p = conv(f, p, &aq);
	}
	va_end(aq);
	return f->n > INTMAX ? INTMAX : (int)f->n;
}

int
vfmt(Fmtput *put, void *arg, const char *fmt, va_list ap)
{
	Spec f;

	f.put = put;
	f.arg = arg;
	f.err = nil;
	return dofmt(&f, conversion, fmt, ap);
}

/*
 * ---- Plan 9's dialect ----
 */

/* Bytes in the UTF-8 sequence that starts with byte c (1 for a stray byte). */
static int
utfseqlen(u8int c)
{
	if(c < 0xC0)
		return 1;
	if(c < 0xE0)
		return 2;
	if(c < 0xF0)
		return 3;
	if(c < 0xF8)
		return 4;
	return 1;
}

static int
iscont(u8int c)
{
	return (c & 0xC0) == 0x80;
}

/* UTF-8 for rune r into buf (4 bytes); as libc's runetochar, a rune that is out of range or a surrogate becomes U+FFFD. */
static size_t
runeenc(char *buf, u32int r)
{
	if(r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		r = 0xFFFD;
	if(r < 0x80){
		buf[0] = r;
		return 1;
	}
	if(r < 0x800){
		buf[0] = 0xC0 | r>>6;
		buf[1] = 0x80 | (r & 0x3F);
		return 2;
	}
	if(r < 0x10000){
		buf[0] = 0xE0 | r>>12;
		buf[1] = 0x80 | (r>>6 & 0x3F);
		buf[2] = 0x80 | (r & 0x3F);
		return 3;
	}
	buf[0] = 0xF0 | r>>18;
	buf[1] = 0x80 | (r>>12 & 0x3F);
	buf[2] = 0x80 | (r>>6 & 0x3F);
	buf[3] = 0x80 | (r & 0x3F);
	return 4;
}

/* The spaces that pad nrunes runes out to the field width. */
static uvlong
padrunes(Spec *f, uvlong nrunes)
{
	return f->width > 0 && (uvlong)f->width > nrunes ? (uvlong)f->width - nrunes : 0;
}

/* Emit n bytes at s holding nr runes, space-padded to the width in runes. */
static void
fieldrunes(Spec *f, const char *s, size_t n, uvlong nr)
{
	uvlong k;

	k = padrunes(f, nr);
	if(!(f->flags & FMINUS))
		pad(f, ' ', k);
	emit(f, s, n);
	if(f->flags & FMINUS)
		pad(f, ' ', k);
}

/*
 * %s: the width counts runes, as Plan 9's does.  The precision bounds the
 * bytes read, as C's does, so %.*s is safe on an unterminated buffer; a
 * rune it would cut in two is left out whole.
 */
static void
fmtutf(Spec *f, const char *s)
{
	size_t n, i, k, nr;

	if(s == nil)
		s = "<nil>";
	if(f->prec >= 0){
		for(n = 0; n < (size_t)f->prec && s[n] != 0; n++)
			;
		if(n == (size_t)f->prec && s[n] != 0){
			/* cut at the limit: drop a last rune that does not fit whole */
			for(k = n; k > 0 && n - k < 4 && iscont(s[k-1]); k--)
				;
			if(k > 0 && n - (k-1) < (size_t)utfseqlen(s[k-1]))
				n = k-1;
		}
	}else
		n = strlen(s);
	nr = 0;
	for(i = 0; i < n; i++)
		nr += !iscont(s[i]);
	fieldrunes(f, s, n, nr);
}

/* %S: a nil-terminated Rune string; width and precision count runes. */
static void
fmtrunes(Spec *f, const u32int *r)
{
	char buf[4];
	size_t n, i, k;

	if(r == nil){
		fmtutf(f, "<nil>");
		return;
	}
	for(n = 0; (f->prec < 0 || n < (size_t)f->prec) && r[n] != 0; n++)
		;
	k = padrunes(f, n);
	if(!(f->flags & FMINUS))
		pad(f, ' ', k);
	for(i = 0; i < n; i++)
		emit(f, buf, runeenc(buf, r[i]));
	if(f->flags & FMINUS)
		pad(f, ' ', k);
}

/* h, hh, l, ll and u, in any order; returns what follows them. */
static const char *
parsemods9(Spec *f, const char *p, int *unsig)
{
	int h, l;

	h = l = 0;
	*unsig = 0;
	for(;; p++){
		switch(*p){
		case 'h': h++; continue;
		case 'l': l++; continue;
		case 'u': *unsig = 1; continue;
		}
		break;
	}
	if(l > 0)
		f->len = l > 1 ? Lll : Ll;
	else if(h > 0)
		f->len = h > 1 ? Lhh : Lh;
	else
		f->len = Lnone;
	return p;
}

static int
isverb9(char c)
{
	return c != 0 && strchr("dioxXbpcCsSr%", c) != nil;
}

static const char *
conversion9(Spec *f, const char *pct, va_list *ap)
{
	char buf[ERRBUF];
	const char *p;
	size_t n;
	int unsig;

	p = parseflags(f, pct+1, ap);
	p = parsemods9(f, p, &unsig);
	/* a u before anything that is not a verb is the verb %u, as C has it */
	if(unsig && !isverb9(*p)){
		fmtint(f, unsignedarg(f, ap), 0, "", 10, 0);
		return p;
	}
	switch(*p){
	case 'd':
	case 'i':
	case 'b':
		if(unsig)
			fmtint(f, unsignedarg(f, ap), 0, "", *p == 'b' ? 2 : 10, 0);
		else
			fmtsigned(f, ap, *p == 'b' ? 2 : 10);
		break;
	case 'C':
		n = runeenc(buf, va_arg(*ap, u32int));
		fieldrunes(f, buf, n, 1);
		break;
	case 's':
		fmtutf(f, va_arg(*ap, const char *));
		break;
	case 'S':
		fmtrunes(f, va_arg(*ap, const u32int *));
		break;
	case 'r':
		buf[0] = 0;
		if(f->err != nil)
			f->err(buf, sizeof buf);
		buf[sizeof buf - 1] = 0;
		fmtutf(f, buf);
		break;
	case 0:
		emit(f, pct, p - pct);	/* a lone % at the end */
		return p;
	default:
		if(!fmtcommon(f, *p, ap))
			emit(f, pct, p+1 - pct);	/* unknown verb: show it as written */
		break;
	}
	return p+1;
}

int
vfmt9(Fmtput *put, void *arg, Fmterr *err, const char *fmt, va_list ap)
{
	Spec f;

	f.put = put;
	f.arg = arg;
	f.err = err;
	return dofmt(&f, conversion9, fmt, ap);
}

/* Lux9's libc has Plan 9's snprint and vsnprint, over vfmt9. */
#ifndef LUX9_LIBC

/* The sink behind vsnprint: keeps what fits, drops the rest. */
typedef struct Sbuf Sbuf;
struct Sbuf {
	char *p;
	size_t n;	/* bytes stored */
	size_t max;	/* bytes that may be stored, leaving room for the NUL */
};

static void
sbufput(void *arg, const char *s, size_t n)
{
	Sbuf *b;

	b = arg;
	if(n > b->max - b->n)
		n = b->max - b->n;
	memmove(b->p + b->n, s, n);
	b->n += n;
}

int
vsnprint(char *buf, size_t len, const char *fmt, va_list ap)
{
	Sbuf b;

	if(len == 0)
		return 0;
	b.p = buf;
	b.n = 0;
	b.max = len - 1;
	vfmt(sbufput, &b, fmt, ap);
	buf[b.n] = 0;
	return b.n > INTMAX ? INTMAX : (int)b.n;
}

int
snprint(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprint(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

#endif
