/*
 * bio.h - buffered input and output, Plan 9's Bio, small.
 * Include <u.h> and <libc.h> first.  A Biobuf reads or writes, not both.
 *
 *	Biobuf bout;
 *	Binit(&bout, 1, OWRITE);
 *	Bprint(&bout, "%d\n", n);
 *	Bterm(&bout);
 *
 * exits() flushes every writing Biobuf not yet Bterm'd, so one that lives on
 * the stack must be Bterm'd before its function returns.
 */
#ifndef LUX9_BIO_H
#define LUX9_BIO_H

enum {
	Bsize		= 8*1024,	/* buffer size */
	Bungetsize	= UTFmax,	/* bytes Bungetc can always step back */
	Beof		= -1,
	Bbad		= -2,

	Binactive	= 0,		/* Biobuf.state */
	Bractive,
	Bwactive,
};

typedef struct Biobuf Biobuf;
struct Biobuf {
	int	fid;		/* the file descriptor */
	int	state;		/* Bractive, Bwactive, or Binactive after Bterm or a write error */
	int	opened;		/* by Bopen: Bterm closes fid and frees the Biobuf */
	int	rdline;		/* length of the last Brdline or Brdstr line */
	int	runesize;	/* bytes of the last rune Bgetrune returned */
	vlong	offset;		/* file offset of ep (reading) or of the buffer start (writing) */
	uchar	*gbuf;		/* reading: how far back Bungetc may step */
	uchar	*rp;		/* next byte to read, or next free byte to write */
	uchar	*ep;		/* end of the bytes read, or of the buffer */
	Biobuf	*next;		/* writers, for exits to flush */
	uchar	b[Bungetsize + Bsize];	/* Bungetsize bytes kept for Bungetc, then the buffer */
};

#define Blinelen(bp)	((bp)->rdline)

int	Binit(Biobuf *bp, int fd, int mode);	/* mode OREAD or OWRITE; 0 or Beof */
Biobuf	*Bopen(const char *name, int mode);	/* OWRITE creates (truncates) the file */
int	Bterm(Biobuf *bp);
int	Bfildes(Biobuf *bp);
int	Bflush(Biobuf *bp);
long	Bbuffered(Biobuf *bp);
vlong	Boffset(Biobuf *bp);
vlong	Bseek(Biobuf *bp, vlong off, int type);

int	Bgetc(Biobuf *bp);	/* a byte, or Beof */
int	Bungetc(Biobuf *bp);
long	Bgetrune(Biobuf *bp);	/* a rune (Runeerror for bad UTF-8), or Beof */
int	Bungetrune(Biobuf *bp);
long	Bread(Biobuf *bp, void *buf, long n);
char	*Brdline(Biobuf *bp, int delim);
char	*Brdstr(Biobuf *bp, int delim, int nulldelim);

int	Bputc(Biobuf *bp, int c);
int	Bputrune(Biobuf *bp, long r);
long	Bwrite(Biobuf *bp, const void *buf, long n);
int	Bprint(Biobuf *bp, const char *fmt, ...);
int	Bvprint(Biobuf *bp, const char *fmt, va_list ap);

#endif
