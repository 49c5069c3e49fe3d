/*
 * fcall.h - the 9P2000 message codec (Plan 9's intro(5), fcall(2)).
 * Every message is
 *
 *	size[4] type[1] tag[2] ...
 *
 * little-endian, size counting the whole message, itself included; each
 * string s is len[2] then len bytes (no NUL), each qid type[1] vers[4]
 * path[8].  Shared by the kernel's mount driver and userspace's lib9p;
 * fcall.c is the one place 9P bytes are checked.  Decoded strings and data
 * point into the message buffer, so a Fcall lives no longer than it.
 */
#ifndef LUX9_FCALL_H
#define LUX9_FCALL_H

#include "u.h"
#include "dir.h"

enum {
	Tversion = 100,
	Rversion,
	Tauth = 102,
	Rauth,
	Tattach = 104,
	Rattach,
	Terror = 106,	/* not a message: no T for Rerror */
	Rerror,
	Tflush = 108,
	Rflush,
	Twalk = 110,
	Rwalk,
	Topen = 112,
	Ropen,
	Tcreate = 114,
	Rcreate,
	Tread = 116,
	Rread,
	Twrite = 118,
	Rwrite,
	Tclunk = 120,
	Rclunk,
	Tremove = 122,
	Rremove,
	Tstat = 124,
	Rstat,
	Twstat = 126,
	Rwstat,
	Tmax,
};

enum {
	MAXWELEM	= 16,		/* most names in a Twalk, qids in an Rwalk */
	NOTAG		= 0xFFFF,	/* the tag of Tversion */
	IOHDRSZ		= 24,		/* room for a Twrite/Rread header besides its data */
	FCALLHDRSZ	= 7,		/* size[4] type[1] tag[2] */
};

#define NOFID	0xFFFFFFFFU	/* no fid, e.g. Tattach's afid without authentication */

/* A 9P string: len bytes at s, not NUL terminated; s may be nil when len is 0. */
typedef struct Fstr Fstr;
struct Fstr {
	const char	*s;
	u16int		len;
};

/*
 * A message, as fcall(2)'s Fcall but without the unions: only the fields
 * of f->type's message (listed beside each) are read or written.
 * Invariants of a decoded Fcall (and required to encode one): nwname and
 * nwqid at most MAXWELEM; no string holds a NUL; each wname and Tcreate's
 * name is a non-empty path element of valid UTF-8 without '/'; stat is one
 * whole stat(5) entry (statcheck); data holds count bytes.
 */
typedef struct Fcall Fcall;
struct Fcall {
	u8int	type;
	u16int	tag;
	u32int	fid;		/* Tattach Twalk Topen Tcreate Tread Twrite Tclunk Tremove Tstat Twstat */

	u32int	msize;		/* Tversion Rversion */
	Fstr	version;	/* Tversion Rversion */
	u32int	afid;		/* Tauth Tattach */
	Fstr	uname;		/* Tauth Tattach */
	Fstr	aname;		/* Tauth Tattach */
	Qid	aqid;		/* Rauth */
	Qid	qid;		/* Rattach Ropen Rcreate */
	Fstr	ename;		/* Rerror */
	u16int	oldtag;		/* Tflush */
	u32int	newfid;		/* Twalk */
	u16int	nwname;		/* Twalk */
	Fstr	wname[MAXWELEM];	/* Twalk */
	u16int	nwqid;		/* Rwalk */
	Qid	wqid[MAXWELEM];	/* Rwalk */
	u8int	mode;		/* Topen Tcreate: OREAD... */
	u32int	iounit;		/* Ropen Rcreate */
	Fstr	name;		/* Tcreate */
	u32int	perm;		/* Tcreate: DM* | rwxrwxrwx */
	u64int	offset;		/* Tread Twrite */
	u32int	count;		/* Tread Rread Twrite Rwrite */
	const u8int *data;	/* Rread Twrite: count bytes */
	u16int	nstat;		/* Rstat Twstat */
	const u8int *stat;	/* Rstat Twstat: nstat bytes, one stat(5) entry */
};

/* The bytes f takes as a message, or 0 if it has none (unknown type, a broken invariant, over 4GB). */
u32int	sizeS2M(const Fcall *f);

/* Encode f into buf; returns the bytes used, or 0 if f cannot be encoded or does not fit in n. */
u32int	convS2M(const Fcall *f, u8int *buf, u32int n);

/*
 * Decode the single message that is exactly buf[0..n) into f; returns n,
 * or 0 with a reason in err (nerr bytes, may be nil) if the bytes are
 * malformed in any way.  f is undefined after a failure.
 */
u32int	convM2S(const u8int *buf, u32int n, Fcall *f, char *err, size_t nerr);

/*
 * How long the message starting at buf[0..n) says it is: its size field,
 * or 0 if fewer than 4 bytes are there yet, or -1 if the size is below
 * the 7-byte header (no message is that short).  For framing a stream.
 */
vlong	fcallmsize(const u8int *buf, u32int n);

#endif
