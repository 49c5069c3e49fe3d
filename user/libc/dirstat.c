/*
 * dirstat.c - directory entries as Dirs: stat, wstat and reading
 * directories.  Each Dir handed out lives in one malloc'd block with its
 * strings, so one free releases it.  The bytes come from the kernel, but
 * are checked anyway (convM2D) before any is believed.
 */
#include "../include/u.h"
#include "../include/libc.h"

enum {
	BIT16SZ	= 2,
	Dirguess = STATFIXLEN + 4*16,	/* a first guess at an entry's size */
	Ntries	= 4,			/* the entry may grow between calls */
	Dirbuf	= STATENTRYMAX,		/* a directory read: at least one whole entry fits */
};

static u32int
get16(const uchar *p)
{
	return p[0] | p[1]<<8;
}

/*
 * The stat protocol (Plan 9's): a call given too small a buffer (but at
 * least 2 bytes) stores just the size field and returns 2; ask again with
 * room for size+2 bytes.
 */
static Dir *
dirstatx(const char *name, int fd)
{
	int n, nd, i;
	Dir *d;
	uchar *buf;

	nd = Dirguess;
	for(i = 0; i < Ntries; i++){
		d = malloc(sizeof(Dir) + nd);
		if(d == nil)
			return nil;
		buf = (uchar *)&d[1];
		n = name != nil ? stat(name, buf, nd) : fstat(fd, buf, nd);
		if(n < BIT16SZ){
			if(n >= 0)
				werrstr("stat: short reply of %d bytes", n);
			free(d);
			return nil;
		}
		if(get16(buf) + BIT16SZ <= (u32int)nd){
			/* strings move down in place: the Dir and its strings share the block */
			if(convM2D(buf, n, d, (char *)buf) != (u32int)n){
				free(d);
				werrstr("stat: malformed directory entry");
				return nil;
			}
			return d;
		}
		nd = get16(buf) + BIT16SZ;
		free(d);
	}
	werrstr("stat: the entry kept changing size");
	return nil;
}

Dir *
dirstat(const char *name)
{
	return dirstatx(name, -1);
}

Dir *
dirfstat(int fd)
{
	return dirstatx(nil, fd);
}

static uchar *
dirbytes(const Dir *d, int *np)
{
	uchar *buf;
	u32int n;

	n = sizeD2M(d);
	if(n > STATENTRYMAX){
		werrstr("wstat: names too long for a directory entry");
		return nil;
	}
	buf = malloc(n);
	if(buf == nil)
		return nil;
	if(convD2M(d, buf, n) != n){
		free(buf);
		werrstr("wstat: cannot encode the directory entry");
		return nil;
	}
	*np = n;
	return buf;
}

int
dirwstat(const char *name, const Dir *d)
{
	uchar *buf;
	int n, r;

	if((buf = dirbytes(d, &n)) == nil)
		return -1;
	r = wstat(name, buf, n);
	free(buf);
	return r;
}

int
dirfwstat(int fd, const Dir *d)
{
	uchar *buf;
	int n, r;

	if((buf = dirbytes(d, &n)) == nil)
		return -1;
	r = fwstat(fd, buf, n);
	free(buf);
	return r;
}

/* Every field "don't touch", so dirwstat changes only what is set after. */
void
nulldir(Dir *d)
{
	memset(d, 0xFF, sizeof *d);
	d->name = d->uid = d->gid = d->muid = "";
}

/*
 * Turn buf[0..n), whole entries back to back, into an array of Dirs in one
 * malloc'd block: the Dirs, then their strings.  Returns the count, or -1.
 */
static long
dirpackage(const uchar *buf, long n, Dir **dp)
{
	long i, m, nd, ss;
	char *s;
	Dir *d;

	*dp = nil;
	nd = 0;
	ss = 0;
	for(i = 0; i < n; i += m){
		if(n - i < BIT16SZ || (m = get16(buf + i) + BIT16SZ) > n - i || statcheck(buf + i, m) < 0){
			werrstr("dirread: malformed directory entry at byte %ld", i);
			return -1;
		}
		nd++;
		ss += m;
	}
	if(nd == 0)
		return 0;
	d = malloc(nd * sizeof(Dir) + ss);
	if(d == nil)
		return -1;
	s = (char *)&d[nd];
	for(i = nd = 0; i < n; i += m, nd++){
		m = get16(buf + i) + BIT16SZ;
		convM2D(buf + i, m, &d[nd], s);
		s += m;
	}
	*dp = d;
	return nd;
}

/*
 * Reads the next entries of directory fd (a read of a directory returns
 * whole entries only).  Returns how many, 0 at the end, -1 on error.
 */
long
dirread(int fd, Dir **d)
{
	uchar *buf;
	long n;

	*d = nil;
	buf = malloc(Dirbuf);
	if(buf == nil)
		return -1;
	n = read(fd, buf, Dirbuf);
	if(n > 0)
		n = dirpackage(buf, n, d);
	free(buf);
	return n;
}

/* Reads all the rest of directory fd. */
long
dirreadall(int fd, Dir **d)
{
	uchar *buf, *nbuf;
	long n, ts;

	*d = nil;
	buf = nil;
	ts = 0;
	for(;;){
		nbuf = realloc(buf, ts + Dirbuf);
		if(nbuf == nil){
			free(buf);
			return -1;
		}
		buf = nbuf;
		n = read(fd, buf + ts, Dirbuf);
		if(n <= 0)
			break;
		ts += n;
	}
	if(n == 0 && ts > 0)
		n = dirpackage(buf, ts, d);
	free(buf);
	return n;
}
