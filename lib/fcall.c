/*
 * fcall.c - the 9P2000 message codec (see fcall.h).  9P bytes come from
 * untrusted servers and clients, so convM2S checks every count, string
 * and array against the bytes that are there before taking it, and the
 * encoder insists on the same rules, so whatever convS2M writes convM2S
 * accepts.  One function per direction lists each message's fields; the
 * encoder runs its list twice, once to count and check, once to write, so
 * sizeS2M and convS2M cannot disagree.  Pure and freestanding; no copies.
 */
#include "u.h"
#include "le.h"
#include "kstring.h"
#include "fmt.h"
#include "dir.h"
#include "fcall.h"

enum {
	QIDSZ	= 13,	/* type[1] vers[4] path[8] */
};

static const char *typename[Tmax - Tversion] = {
	"Tversion", "Rversion", "Tauth", "Rauth", "Tattach", "Rattach",
	"Terror", "Rerror", "Tflush", "Rflush", "Twalk", "Rwalk",
	"Topen", "Ropen", "Tcreate", "Rcreate", "Tread", "Rread",
	"Twrite", "Rwrite", "Tclunk", "Rclunk", "Tremove", "Rremove",
	"Tstat", "Rstat", "Twstat", "Rwstat",
};

/* n bytes at s are one well-formed UTF-8 text: no overlongs, surrogates or runes past U+10FFFF */
static int
utf8ok(const u8int *s, u32int n)
{
	u32int i, j, k, c;

	for(i = 0; i < n; i += k + 1){
		c = s[i];
		if(c < 0x80){
			k = 0;
			continue;
		}
		if(c >= 0xC2 && c <= 0xDF){
			k = 1;
			c &= 0x1F;
		}else if(c >= 0xE0 && c <= 0xEF){
			k = 2;
			c &= 0x0F;
		}else if(c >= 0xF0 && c <= 0xF4){
			k = 3;
			c &= 0x07;
		}else
			return 0;
		if(n - i - 1 < k)
			return 0;
		for(j = 1; j <= k; j++){
			if((s[i+j] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i+j] & 0x3F);
		}
		if((k == 2 && c < 0x800) || (k == 3 && (c < 0x10000 || c > 0x10FFFF)))
			return 0;
		if(c >= 0xD800 && c <= 0xDFFF)
			return 0;
	}
	return 1;
}

/*
 * What is wrong with a string, or nil if nothing: no string may hold a
 * NUL (C code downstream would cut it short), and a path element (elem)
 * must also be non-empty UTF-8 without a '/'.
 */
static const char *
strbad(const char *s, u32int n, int elem)
{
	const u8int *b;
	u32int i;

	if(n == 0)
		return elem ? "is empty" : nil;
	if(s == nil)
		return "has no bytes";
	b = (const u8int *)s;
	for(i = 0; i < n; i++){
		if(b[i] == 0)
			return "holds a NUL";
		if(elem && b[i] == '/')
			return "holds a '/'";
	}
	if(elem && !utf8ok(b, n))
		return "is not valid UTF-8";
	return nil;
}

/* ---- encoding ---- */

typedef struct Pack Pack;
struct Pack {
	u8int	*p;	/* where the next field goes, or nil to only count */
	u64int	n;	/* bytes so far: u64, so a huge count cannot wrap it */
	int	bad;	/* a field broke an invariant */
};

/* Append the n low bytes of v, little-endian; while sizing, only count them. */
static void
pint(Pack *k, u64int v, int n)
{
	int i;

	if(k->p != nil)
		for(i = 0; i < n; i++)
			*k->p++ = v >> (8 * i);
	k->n += n;
}

static void p8(Pack *k, u8int v) { pint(k, v, 1); }
static void p16(Pack *k, u16int v) { pint(k, v, 2); }
static void p32(Pack *k, u32int v) { pint(k, v, 4); }
static void p64(Pack *k, u64int v) { pint(k, v, 8); }

static void
pbytes(Pack *k, const void *b, u32int n)
{
	if(n > 0 && b == nil)
		k->bad = 1;
	if(k->bad)
		return;
	if(k->p != nil && n > 0){
		memmove(k->p, b, n);
		k->p += n;
	}
	k->n += n;
}

static void
pstr(Pack *k, Fstr s, int elem)
{
	if(strbad(s.s, s.len, elem) != nil)
		k->bad = 1;
	p16(k, s.len);
	pbytes(k, s.s, s.len);
}

static void
pqid(Pack *k, const Qid *q)
{
	p8(k, q->type);
	p32(k, q->vers);
	p64(k, q->path);
}

static void
pstat(Pack *k, const u8int *stat, u16int n)
{
	if(stat == nil || statcheck(stat, n) < 0)
		k->bad = 1;
	p16(k, n);
	pbytes(k, stat, n);
}

/* Every field of f after size[4]. */
static void
packfields(Pack *k, const Fcall *f)
{
	int i;

	p8(k, f->type);
	p16(k, f->tag);
	switch(f->type){
	case Tversion:
	case Rversion:
		p32(k, f->msize);
		pstr(k, f->version, 0);
		break;
	case Tauth:
		p32(k, f->afid);
		pstr(k, f->uname, 0);
		pstr(k, f->aname, 0);
		break;
	case Rauth:
		pqid(k, &f->aqid);
		break;
	case Tattach:
		p32(k, f->fid);
		p32(k, f->afid);
		pstr(k, f->uname, 0);
		pstr(k, f->aname, 0);
		break;
	case Rattach:
		pqid(k, &f->qid);
		break;
	case Rerror:
		pstr(k, f->ename, 0);
		break;
	case Tflush:
		p16(k, f->oldtag);
		break;
	case Twalk:
		p32(k, f->fid);
		p32(k, f->newfid);
		if(f->nwname > MAXWELEM){
			k->bad = 1;
			break;
		}
		p16(k, f->nwname);
		for(i = 0; i < f->nwname; i++)
			pstr(k, f->wname[i], 1);
		break;
	case Rwalk:
		if(f->nwqid > MAXWELEM){
			k->bad = 1;
			break;
		}
		p16(k, f->nwqid);
		for(i = 0; i < f->nwqid; i++)
			pqid(k, &f->wqid[i]);
		break;
	case Topen:
		p32(k, f->fid);
		p8(k, f->mode);
		break;
	case Ropen:
	case Rcreate:
		pqid(k, &f->qid);
		p32(k, f->iounit);
		break;
	case Tcreate:
		p32(k, f->fid);
		pstr(k, f->name, 1);
		p32(k, f->perm);
		p8(k, f->mode);
		break;
	case Tread:
		p32(k, f->fid);
		p64(k, f->offset);
		p32(k, f->count);
		break;
	case Rread:
		p32(k, f->count);
		pbytes(k, f->data, f->count);
		break;
	case Twrite:
		p32(k, f->fid);
		p64(k, f->offset);
		p32(k, f->count);
		pbytes(k, f->data, f->count);
		break;
	case Rwrite:
		p32(k, f->count);
		break;
	case Tclunk:
	case Tremove:
	case Tstat:
		p32(k, f->fid);
		break;
	case Rstat:
		pstat(k, f->stat, f->nstat);
		break;
	case Twstat:
		p32(k, f->fid);
		pstat(k, f->stat, f->nstat);
		break;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		break;
	default:
		k->bad = 1;
		break;
	}
}

u32int
sizeS2M(const Fcall *f)
{
	Pack k;

	k.p = nil;
	k.n = 4;	/* size[4] */
	k.bad = 0;
	packfields(&k, f);
	if(k.bad || k.n > 0xFFFFFFFFULL)
		return 0;
	return (u32int)k.n;
}

u32int
convS2M(const Fcall *f, u8int *buf, u32int n)
{
	Pack k;
	u32int size;

	size = sizeS2M(f);
	if(size == 0 || size > n)
		return 0;
	put32(buf, size);
	k.p = buf + 4;
	k.n = 4;
	k.bad = 0;
	packfields(&k, f);
	return size;
}

/* ---- decoding ---- */

typedef struct Unpack Unpack;
struct Unpack {
	const u8int	*p;	/* the next field */
	const u8int	*e;	/* the end of the message */
	const char	*msg;	/* its type's name, for errors */
	char		*err;
	size_t		nerr;
	int		bad;	/* a failure is recorded; later ones are not */
};

static void fail(Unpack *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(Unpack *u, const char *fmt, ...)
{
	va_list ap;

	if(u->bad)
		return;
	u->bad = 1;
	if(u->err != nil && u->nerr > 0){
		va_start(ap, fmt);
		vsnprint(u->err, u->nerr, fmt, ap);
		va_end(ap);
	}
}

/* The next n bytes, or nil (with a failure) if the message ends first. */
static const u8int *
take(Unpack *u, u32int n, const char *what)
{
	const u8int *p;

	if(u->bad)
		return nil;
	if((size_t)(u->e - u->p) < n){
		fail(u, "%s: %s runs past the end of the message", u->msg, what);
		return nil;
	}
	p = u->p;
	u->p += n;
	return p;
}

static u8int
g8(Unpack *u, const char *what)
{
	const u8int *p;

	p = take(u, 1, what);
	return p != nil ? p[0] : 0;
}

static u16int
g16(Unpack *u, const char *what)
{
	const u8int *p;

	p = take(u, 2, what);
	return p != nil ? get16(p) : 0;
}

static u32int
g32(Unpack *u, const char *what)
{
	const u8int *p;

	p = take(u, 4, what);
	return p != nil ? get32(p) : 0;
}

static u64int
g64(Unpack *u, const char *what)
{
	const u8int *p;

	p = take(u, 8, what);
	return p != nil ? get64(p) : 0;
}

static Fstr
gstr(Unpack *u, const char *what, int elem)
{
	const char *why;
	Fstr s;

	s.len = g16(u, what);
	s.s = (const char *)take(u, s.len, what);
	if(s.s != nil && (why = strbad(s.s, s.len, elem)) != nil)
		fail(u, "%s: %s %s", u->msg, what, why);
	return s;
}

static void
gqid(Unpack *u, Qid *q, const char *what)
{
	const u8int *p;

	p = take(u, QIDSZ, what);
	if(p == nil)
		return;
	q->type = p[0];
	q->vers = get32(p + 1);
	q->path = get64(p + 5);
}

static const u8int *
gdata(Unpack *u, u32int count)
{
	if(!u->bad && (size_t)(u->e - u->p) < count){
		fail(u, "%s: count %u is more than the %u bytes left", u->msg, count, (u32int)(u->e - u->p));
		return nil;
	}
	return take(u, count, "data");
}

static const u8int *
gstat(Unpack *u, u16int *n)
{
	const u8int *p;

	*n = g16(u, "stat count");
	p = take(u, *n, "stat");
	if(p != nil && statcheck(p, *n) < 0)
		fail(u, "%s: the stat entry is malformed", u->msg);
	return p;
}

/* Every field of f after tag[2], f->type already set. */
static void
unpackfields(Unpack *u, Fcall *f)
{
	int i;

	switch(f->type){
	case Tversion:
	case Rversion:
		f->msize = g32(u, "msize");
		f->version = gstr(u, "version", 0);
		break;
	case Tauth:
		f->afid = g32(u, "afid");
		f->uname = gstr(u, "uname", 0);
		f->aname = gstr(u, "aname", 0);
		break;
	case Rauth:
		gqid(u, &f->aqid, "aqid");
		break;
	case Tattach:
		f->fid = g32(u, "fid");
		f->afid = g32(u, "afid");
		f->uname = gstr(u, "uname", 0);
		f->aname = gstr(u, "aname", 0);
		break;
	case Rattach:
		gqid(u, &f->qid, "qid");
		break;
	case Rerror:
		f->ename = gstr(u, "ename", 0);
		break;
	case Tflush:
		f->oldtag = g16(u, "oldtag");
		break;
	case Twalk:
		f->fid = g32(u, "fid");
		f->newfid = g32(u, "newfid");
		f->nwname = g16(u, "nwname");
		if(f->nwname > MAXWELEM){
			fail(u, "Twalk: %u names, more than the %d a walk may take", f->nwname, MAXWELEM);
			break;
		}
		for(i = 0; i < f->nwname; i++)
			f->wname[i] = gstr(u, "wname", 1);
		break;
	case Rwalk:
		f->nwqid = g16(u, "nwqid");
		if(f->nwqid > MAXWELEM){
			fail(u, "Rwalk: %u qids, more than the %d a walk may return", f->nwqid, MAXWELEM);
			break;
		}
		for(i = 0; i < f->nwqid; i++)
			gqid(u, &f->wqid[i], "wqid");
		break;
	case Topen:
		f->fid = g32(u, "fid");
		f->mode = g8(u, "mode");
		break;
	case Ropen:
	case Rcreate:
		gqid(u, &f->qid, "qid");
		f->iounit = g32(u, "iounit");
		break;
	case Tcreate:
		f->fid = g32(u, "fid");
		f->name = gstr(u, "name", 1);
		f->perm = g32(u, "perm");
		f->mode = g8(u, "mode");
		break;
	case Tread:
		f->fid = g32(u, "fid");
		f->offset = g64(u, "offset");
		f->count = g32(u, "count");
		break;
	case Rread:
		f->count = g32(u, "count");
		f->data = gdata(u, f->count);
		break;
	case Twrite:
		f->fid = g32(u, "fid");
		f->offset = g64(u, "offset");
		f->count = g32(u, "count");
		f->data = gdata(u, f->count);
		break;
	case Rwrite:
		f->count = g32(u, "count");
		break;
	case Tclunk:
	case Tremove:
	case Tstat:
		f->fid = g32(u, "fid");
		break;
	case Rstat:
		f->stat = gstat(u, &f->nstat);
		break;
	case Twstat:
		f->fid = g32(u, "fid");
		f->stat = gstat(u, &f->nstat);
		break;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		break;
	default:
		fail(u, "unknown 9P message type %d", f->type);
		break;
	}
}

u32int
convM2S(const u8int *buf, u32int n, Fcall *f, char *err, size_t nerr)
{
	Unpack u;

	u.err = err;
	u.nerr = nerr;
	u.bad = 0;
	u.msg = "9P message";
	if(n < FCALLHDRSZ){
		fail(&u, "a 9P message of %u bytes is shorter than its %d-byte header", n, FCALLHDRSZ);
		return 0;
	}
	if(get32(buf) != n){
		fail(&u, "a 9P message's size field says %u bytes but %u arrived", get32(buf), n);
		return 0;
	}
	memset(f, 0, sizeof *f);
	f->type = buf[4];
	f->tag = get16(buf + 5);
	if(f->type >= Tversion && f->type < Tmax)
		u.msg = typename[f->type - Tversion];
	u.p = buf + FCALLHDRSZ;
	u.e = buf + n;
	unpackfields(&u, f);
	if(!u.bad && u.p != u.e)
		fail(&u, "%s: %u bytes left over after the message", u.msg, (u32int)(u.e - u.p));
	return u.bad ? 0 : n;
}

vlong
fcallmsize(const u8int *buf, u32int n)
{
	u32int size;

	if(n < 4)
		return 0;
	size = get32(buf);
	if(size < FCALLHDRSZ)
		return -1;
	return size;
}
