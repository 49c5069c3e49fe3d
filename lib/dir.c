/*
 * dir.c - the stat(5) directory entry codec (see dir.h).  Directory
 * entries arrive from untrusted places (9P servers, user memory), so
 * statcheck checks every length before anything is copied, and convM2D
 * decodes only what statcheck passed.  Pure and freestanding.
 */
#include "u.h"
#include "le.h"
#include "kstring.h"
#include "dir.h"

enum {
	BIT16SZ	= 2,
	STROFF	= STATFIXLEN - 4*BIT16SZ,	/* where name[s] starts: 41 */
	STRMAX	= 0xFFFF,			/* longest string a len[2] can say */
};

/* le.h's put, returning where the next field goes */
static u8int *
pack16(u8int *p, u32int v)
{
	put16(p, v);
	return p+2;
}

static u8int *
pack32(u8int *p, u32int v)
{
	put32(p, v);
	return p+4;
}

static u8int *
pack64(u8int *p, u64int v)
{
	put64(p, v);
	return p+8;
}

/* A string's length, clamped just past what len[2] can say so sums cannot wrap. */
static u32int
slen(const char *s)
{
	size_t n;

	if(s == nil)
		return 0;
	n = strlen(s);
	return n > STRMAX ? STRMAX+1 : (u32int)n;
}

u32int
sizeD2M(const Dir *d)
{
	return STATFIXLEN + slen(d->name) + slen(d->uid) + slen(d->gid) + slen(d->muid);
}

static u8int *
putstr(u8int *p, const char *s, u32int n)
{
	p = pack16(p, n);
	if(n > 0)
		memmove(p, s, n);
	return p+n;
}

u32int
convD2M(const Dir *d, u8int *buf, u32int n)
{
	const char *sv[4];
	u32int len[4], ss;
	u8int *p;
	int i;

	sv[0] = d->name;
	sv[1] = d->uid;
	sv[2] = d->gid;
	sv[3] = d->muid;
	ss = STATFIXLEN;
	for(i = 0; i < 4; i++){
		len[i] = slen(sv[i]);
		if(len[i] > STRMAX)
			return 0;
		ss += len[i];
	}
	if(ss > STATENTRYMAX || ss > n)
		return 0;

	p = pack16(buf, ss - BIT16SZ);
	p = pack16(p, d->type);
	p = pack32(p, d->dev);
	*p++ = d->qid.type;
	p = pack32(p, d->qid.vers);
	p = pack64(p, d->qid.path);
	p = pack32(p, d->mode);
	p = pack32(p, d->atime);
	p = pack32(p, d->mtime);
	p = pack64(p, (u64int)d->length);
	for(i = 0; i < 4; i++)
		p = putstr(p, sv[i], len[i]);
	return ss;
}

int
statcheck(const u8int *buf, u32int n)
{
	u32int off, ns, i, j;

	if(n < STATFIXLEN || (u32int)get16(buf) + BIT16SZ != n)
		return -1;
	off = STROFF;
	for(i = 0; i < 4; i++){
		if(n - off < BIT16SZ)
			return -1;
		ns = get16(buf + off);
		off += BIT16SZ;
		if(ns > n - off)
			return -1;
		/* a NUL would cut the C string short: it could not be encoded back */
		for(j = 0; j < ns; j++)
			if(buf[off + j] == 0)
				return -1;
		off += ns;
	}
	return off == n ? 0 : -1;
}

u32int
convM2D(const u8int *buf, u32int n, Dir *d, char *strs)
{
	const u8int *p;
	char *sv[4];
	u32int ns;
	int i;

	if(statcheck(buf, n) < 0)
		return 0;
	/* the fixed part first: strs may be buf, and the strings overwrite it */
	d->type = get16(buf + 2);
	d->dev = get32(buf + 4);
	d->qid.type = buf[8];
	d->qid.vers = get32(buf + 9);
	d->qid.path = get64(buf + 13);
	d->mode = get32(buf + 21);
	d->atime = get32(buf + 25);
	d->mtime = get32(buf + 29);
	d->length = (vlong)get64(buf + 33);

	/*
	 * Each string moves down to strs, and gains a NUL in place of its
	 * 2-byte length, so writing never overtakes reading when strs == buf.
	 */
	p = buf + STROFF;
	for(i = 0; i < 4; i++){
		ns = get16(p);
		p += BIT16SZ;
		sv[i] = nil;
		if(strs != nil){
			sv[i] = strs;
			memmove(strs, p, ns);
			strs[ns] = 0;
			strs += ns + 1;
		}
		p += ns;
	}
	d->name = sv[0];
	d->uid = sv[1];
	d->gid = sv[2];
	d->muid = sv[3];
	return n;
}
