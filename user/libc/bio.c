/*
 * bio.c - buffered I/O (bio.h).  A reading Biobuf holds bytes read ahead
 * in b[Bungetsize..], and on each refill keeps the last few bytes in front
 * of the new ones so Bungetc can always step back over a rune.  A writing
 * Biobuf collects bytes in the same array and writes them when it fills,
 * on Bflush, on Bterm, and at exits.
 */
#include "../include/u.h"
#include "../include/libc.h"
#include "../include/bio.h"
#include "../../lib/fmt.h"

static Biobuf *writers;	/* every writing Biobuf, for exits to flush */
static int flushatexit;

static uchar *
bbuf(Biobuf *bp)
{
	return bp->b + Bungetsize;
}

static void
flushall(void)
{
	Biobuf *bp;

	for(bp = writers; bp != nil; bp = bp->next)
		Bflush(bp);
}

static void
addwriter(Biobuf *bp)
{
	if(!flushatexit)
		flushatexit = atexit(flushall);
	bp->next = writers;
	writers = bp;
}

static void
delwriter(Biobuf *bp)
{
	Biobuf **pp;

	for(pp = &writers; *pp != nil; pp = &(*pp)->next)
		if(*pp == bp){
			*pp = bp->next;
			break;
		}
}

int
Binit(Biobuf *bp, int fd, int mode)
{
	vlong off;

	memset(bp, 0, sizeof *bp);
	bp->fid = fd;
	/* the fd may not be at 0; a pipe has no offset at all, so count from 0 */
	off = seek(fd, 0, 1);
	bp->offset = off < 0 ? 0 : off;
	bp->gbuf = bp->rp = bp->ep = bbuf(bp);
	switch(mode & 3){
	case OREAD:
		bp->state = Bractive;
		return 0;
	case OWRITE:
		bp->state = Bwactive;
		bp->ep = bbuf(bp) + Bsize;
		addwriter(bp);
		return 0;
	}
	bp->state = Binactive;
	werrstr("Binit: a Biobuf reads or writes, not both");
	return Beof;
}

Biobuf *
Bopen(const char *name, int mode)
{
	Biobuf *bp;
	int fd;

	switch(mode & 3){
	case OREAD:
		fd = open(name, mode);
		break;
	case OWRITE:
		fd = create(name, mode, 0666);
		break;
	default:
		werrstr("Bopen: a Biobuf reads or writes, not both");
		return nil;
	}
	if(fd < 0)
		return nil;
	bp = malloc(sizeof *bp);
	if(bp == nil){
		close(fd);
		return nil;
	}
	Binit(bp, fd, mode);
	bp->opened = 1;
	return bp;
}

/* Flushes, forgets bp and, if Bopen made it, closes its file and frees it. */
int
Bterm(Biobuf *bp)
{
	int r;

	r = Bflush(bp);
	delwriter(bp);
	bp->state = Binactive;
	if(bp->opened){
		close(bp->fid);
		free(bp);
	}
	return r;
}

int
Bfildes(Biobuf *bp)
{
	return bp->fid;
}

/* Writes what is buffered; 0, or Beof if the write failed (the Biobuf is then dead). */
int
Bflush(Biobuf *bp)
{
	long n;

	if(bp->state == Bractive)
		return 0;	/* read-ahead is kept: flushing is for writers */
	if(bp->state != Bwactive)
		return Beof;
	n = bp->rp - bbuf(bp);
	bp->rp = bbuf(bp);
	if(n > 0){
		if(write(bp->fid, bbuf(bp), n) != n){
			bp->state = Binactive;
			return Beof;
		}
		bp->offset += n;
	}
	return 0;
}

long
Bbuffered(Biobuf *bp)
{
	switch(bp->state){
	case Bractive:
		return bp->ep - bp->rp;
	case Bwactive:
		return bp->rp - bbuf(bp);
	}
	return 0;
}

/* The file offset as the program sees it: of the next byte to read, or to write. */
vlong
Boffset(Biobuf *bp)
{
	if(bp->state == Bractive)
		return bp->offset - (bp->ep - bp->rp);
	if(bp->state == Bwactive)
		return bp->offset + (bp->rp - bbuf(bp));
	return -1;
}

vlong
Bseek(Biobuf *bp, vlong off, int type)
{
	vlong n;

	if(bp->state == Bwactive && Bflush(bp) < 0)
		return -1;
	if(bp->state == Bractive){
		if(type == 1)
			off -= bp->ep - bp->rp;	/* the fd is ahead of us by what is buffered */
		bp->gbuf = bp->rp = bp->ep = bbuf(bp);
	}
	if(bp->state == Binactive)
		return -1;
	n = seek(bp->fid, off, type);
	if(n < 0)
		return -1;
	bp->offset = n;
	return n;
}

/* ---- reading ---- */

/*
 * Read the next bytes into the buffer, keeping up to Bungetsize of those
 * before rp in front of it.  Returns the count, 0 at end of file, -1 on error.
 */
static long
bfill(Biobuf *bp)
{
	long k, n;

	k = bp->rp - bp->gbuf;
	if(k > Bungetsize)
		k = Bungetsize;
	memmove(bbuf(bp) - k, bp->rp - k, k);
	bp->gbuf = bbuf(bp) - k;
	bp->rp = bp->ep = bbuf(bp);
	n = read(bp->fid, bbuf(bp), Bsize);
	if(n <= 0)
		return n;
	bp->ep += n;
	bp->offset += n;
	return n;
}

int
Bgetc(Biobuf *bp)
{
	if(bp->state != Bractive)
		return Beof;
	if(bp->rp == bp->ep && bfill(bp) <= 0)
		return Beof;
	return *bp->rp++;
}

/* Steps back over the last byte read; after Beof, that is the last byte before it. */
int
Bungetc(Biobuf *bp)
{
	if(bp->state != Bractive || bp->rp <= bp->gbuf)
		return Beof;
	bp->rp--;
	return 1;
}

long
Bgetrune(Biobuf *bp)
{
	char s[UTFmax];
	Rune r;
	int c, n, used;

	if((c = Bgetc(bp)) < 0)
		return Beof;
	bp->runesize = 1;
	if(c < Runeself)
		return c;
	s[0] = c;
	for(n = 1; n < UTFmax && !fullrune(s, n); n++){
		if((c = Bgetc(bp)) < 0)
			break;
		s[n] = c;
	}
	if(!fullrune(s, n)){
		r = Runeerror;	/* cut short by the end of the file */
		used = 1;
	}else
		used = chartorune(&r, s);
	/* give back the bytes the rune did not use (a bad sequence uses just one) */
	while(n-- > used)
		Bungetc(bp);
	bp->runesize = used;
	return r;
}

int
Bungetrune(Biobuf *bp)
{
	int i;

	for(i = 0; i < bp->runesize; i++)
		if(Bungetc(bp) < 0)
			return Beof;
	bp->runesize = 0;
	return 1;
}

/* Reads n bytes, fewer only at end of file or on error; -1 if an error came first. */
long
Bread(Biobuf *bp, void *buf, long n)
{
	long got, k, r;

	if(bp->state != Bractive)
		return -1;
	for(got = 0; got < n; got += k){
		if(bp->rp == bp->ep && (r = bfill(bp)) <= 0)
			return got > 0 ? got : r;
		k = bp->ep - bp->rp;
		if(k > n - got)
			k = n - got;
		memmove((char *)buf + got, bp->rp, k);
		bp->rp += k;
	}
	return got;
}

/*
 * The next line, delim included, in the buffer (not NUL terminated;
 * Blinelen gives its length).  nil at end of file, leaving a last line
 * without delim buffered (Blinelen says how long); nil too for a line
 * longer than the buffer, whose first Bsize bytes are then skipped.
 * Brdstr reads lines of any length.
 */
char *
Brdline(Biobuf *bp, int delim)
{
	uchar *q, *line;
	long n, k;

	bp->rdline = 0;
	if(bp->state != Bractive)
		return nil;
	for(;;){
		n = bp->ep - bp->rp;
		if((q = memchr(bp->rp, delim, n)) != nil){
			line = bp->rp;
			bp->rp = q + 1;
			bp->rdline = bp->rp - line;
			return (char *)line;
		}
		if(n == Bsize){
			bp->rp = bp->ep;
			bp->rdline = Bsize;
			return nil;
		}
		/* slide the partial line to the front and read more after it */
		memmove(bbuf(bp), bp->rp, n);
		bp->gbuf = bp->rp = bbuf(bp);
		bp->ep = bbuf(bp) + n;
		k = read(bp->fid, bp->ep, Bsize - n);
		if(k <= 0){
			bp->rdline = n;
			return nil;
		}
		bp->ep += k;
		bp->offset += k;
	}
}

/*
 * The next line, delim included (or replaced by a NUL if nulldelim), in
 * memory from malloc, however long; at end of file, the last line even
 * without delim.  nil at end of file or on error.  Blinelen is its length.
 */
char *
Brdstr(Biobuf *bp, int delim, int nulldelim)
{
	char *s, *t;
	uchar *q;
	long n, k;

	bp->rdline = 0;
	if(bp->state != Bractive)
		return nil;
	s = nil;
	n = 0;
	for(;;){
		if(bp->rp == bp->ep && bfill(bp) <= 0)
			break;
		q = memchr(bp->rp, delim, bp->ep - bp->rp);
		k = (q != nil ? q + 1 : bp->ep) - bp->rp;
		if((t = realloc(s, n + k + 1)) == nil){
			free(s);
			return nil;
		}
		s = t;
		memmove(s + n, bp->rp, k);
		n += k;
		bp->rp += k;
		if(q != nil)
			break;
	}
	if(s == nil)
		return nil;
	if(nulldelim && s[n-1] == (char)delim)
		n--;
	s[n] = 0;
	bp->rdline = n;
	return s;
}

/* ---- writing ---- */

int
Bputc(Biobuf *bp, int c)
{
	if(bp->state != Bwactive)
		return Beof;
	if(bp->rp == bp->ep && Bflush(bp) < 0)
		return Beof;
	*bp->rp++ = c;
	return 0;
}

int
Bputrune(Biobuf *bp, long r)
{
	char s[UTFmax];
	Rune rr;
	int n;

	rr = r;
	n = runetochar(s, &rr);
	return Bwrite(bp, s, n) == n ? n : Beof;
}

/* Returns n, or Beof if a write failed. */
long
Bwrite(Biobuf *bp, const void *buf, long n)
{
	long done, k;

	if(bp->state != Bwactive)
		return Beof;
	for(done = 0; done < n; done += k){
		if(bp->rp == bp->ep && Bflush(bp) < 0)
			return Beof;
		k = bp->ep - bp->rp;
		if(k > n - done)
			k = n - done;
		memmove(bp->rp, (const char *)buf + done, k);
		bp->rp += k;
	}
	return n;
}

typedef struct Bsink Bsink;
struct Bsink {
	Biobuf	*bp;
	int	err;
};

static void
bput(void *arg, const char *s, size_t n)
{
	Bsink *b;

	b = arg;
	if(!b->err && Bwrite(b->bp, s, n) != (long)n)
		b->err = 1;
}

static void
bioerr(char *buf, size_t n)
{
	rerrstr(buf, n);
}

/* Returns the bytes printed, or Beof if a write failed. */
int
Bvprint(Biobuf *bp, const char *fmt, va_list ap)
{
	Bsink b;
	int n;

	if(bp->state != Bwactive)
		return Beof;
	b.bp = bp;
	b.err = 0;
	n = vfmt9(bput, &b, bioerr, fmt, ap);
	return b.err ? Beof : n;
}

int
Bprint(Biobuf *bp, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = Bvprint(bp, fmt, ap);
	va_end(ap);
	return n;
}
