/*
 * print.c - print and its family, over lib/fmt.c's vfmt9 (Plan 9's
 * dialect; the kernel shares the number formatting).  Output to a file
 * descriptor collects in a buffer and goes out in few writes; output to
 * memory is truncated at a rune boundary, never in the middle of one.
 */
#include "../include/u.h"
#include "../include/libc.h"
#include "../../lib/fmt.h"

enum { FDBUF = 1024 };

/* %r: the error string, left in place */
static void
fmterr(char *buf, size_t n)
{
	rerrstr(buf, n);
}

/* ---- to a file descriptor ---- */

typedef struct Fdbuf Fdbuf;
struct Fdbuf {
	int	fd;
	int	err;		/* a write failed or came up short */
	usize	n;		/* bytes waiting in buf */
	char	buf[FDBUF];
};

static void
fdflush(Fdbuf *f)
{
	if(f->n > 0 && !f->err && write(f->fd, f->buf, f->n) != (long)f->n)
		f->err = 1;
	f->n = 0;
}

static void
fdput(void *arg, const char *s, size_t n)
{
	Fdbuf *f;
	usize k;

	f = arg;
	while(n > 0){
		k = FDBUF - f->n;
		if(k > n)
			k = n;
		memmove(f->buf + f->n, s, k);
		f->n += k;
		s += k;
		n -= k;
		if(f->n == FDBUF)
			fdflush(f);
	}
}

/* Returns the bytes written, or -1 if a write failed. */
int
vfprint(int fd, const char *fmt, va_list ap)
{
	Fdbuf f;
	int n;

	f.fd = fd;
	f.err = 0;
	f.n = 0;
	n = vfmt9(fdput, &f, fmterr, fmt, ap);
	fdflush(&f);
	return f.err ? -1 : n;
}

int
fprint(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprint(fd, fmt, ap);
	va_end(ap);
	return n;
}

int
print(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprint(1, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- to a buffer of fixed size ---- */

typedef struct Sbuf Sbuf;
struct Sbuf {
	char	*p;
	usize	n;	/* bytes stored */
	usize	max;	/* bytes that may be stored, leaving room for the NUL */
	int	full;	/* a piece did not fit: nothing after it may be stored */
};

static int
iscont(char c)
{
	return (c & 0xC0) == 0x80;
}

static void
sbufput(void *arg, const char *s, size_t n)
{
	Sbuf *b;
	usize k, room;

	b = arg;
	if(b->full)
		return;
	if(n > b->max - b->n){
		/*
		 * Keep what fits, less the start of a rune that the cut would
		 * split: s[k] continuing a rune means [0, k) ends inside it.
		 */
		room = b->max - b->n;
		for(k = room; k > 0 && room - k < UTFmax-1 && iscont(s[k]); k--)
			;
		if(iscont(s[k]))
			k = room;	/* not UTF-8 after all: just cut */
		n = k;
		b->full = 1;
	}
	memmove(b->p + b->n, s, n);
	b->n += n;
}

/* Formats into buf (len bytes, NUL terminated if len > 0); returns the bytes stored, less the NUL. */
int
vsnprint(char *buf, int len, const char *fmt, va_list ap)
{
	Sbuf b;

	if(buf == nil || len <= 0)
		return 0;
	b.p = buf;
	b.n = 0;
	b.max = len - 1;
	b.full = 0;
	vfmt9(sbufput, &b, fmterr, fmt, ap);
	buf[b.n] = 0;
	return b.n;
}

int
snprint(char *buf, int len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprint(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Formats into [buf, e), NUL terminated; returns the address of the NUL, so
 * calls chain: p = seprint(p, e, ...).  nil if there is no room at all.
 */
char *
vseprint(char *buf, char *e, const char *fmt, va_list ap)
{
	Sbuf b;

	if(buf == nil || e <= buf)
		return nil;
	b.p = buf;
	b.n = 0;
	b.max = e - buf - 1;
	b.full = 0;
	vfmt9(sbufput, &b, fmterr, fmt, ap);
	buf[b.n] = 0;
	return buf + b.n;
}

char *
seprint(char *buf, char *e, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vseprint(buf, e, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- to a buffer that grows ---- */

typedef struct Mbuf Mbuf;
struct Mbuf {
	char	*p;
	usize	n;	/* bytes stored */
	usize	cap;	/* bytes allocated at p */
	int	failed;	/* out of memory: the result is nil */
};

static void
mbufput(void *arg, const char *s, size_t n)
{
	Mbuf *m;
	usize cap;
	char *p;

	m = arg;
	if(m->failed)
		return;
	if(n >= m->cap - m->n){	/* keep a byte for the NUL */
		cap = m->cap < 64 ? 64 : m->cap;
		while(cap - m->n <= n && cap < ((usize)1 << 62))
			cap *= 2;
		if(cap - m->n <= n || (p = realloc(m->p, cap)) == nil){
			m->failed = 1;
			return;
		}
		m->p = p;
		m->cap = cap;
	}
	memmove(m->p + m->n, s, n);
	m->n += n;
}

/* Formats into memory from malloc; nil if there is not enough. */
char *
vsmprint(const char *fmt, va_list ap)
{
	Mbuf m;

	m.p = nil;
	m.n = 0;
	m.cap = 0;
	m.failed = 0;
	vfmt9(mbufput, &m, fmterr, fmt, ap);
	if(!m.failed && m.p == nil)
		mbufput(&m, "", 0);	/* the empty string still needs its NUL */
	if(m.failed){
		free(m.p);
		return nil;
	}
	m.p[m.n] = 0;
	return m.p;
}

char *
smprint(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vsmprint(fmt, ap);
	va_end(ap);
	return p;
}
