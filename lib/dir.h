/*
 * dir.h - Plan 9's machine-independent directory entry, the stat(5) format
 * that stat, wstat, directory reads and 9P's Rstat/Twstat all carry:
 *
 *	size[2] type[2] dev[4] qid.type[1] qid.vers[4] qid.path[8]
 *	mode[4] atime[4] mtime[4] length[8] name[s] uid[s] gid[s] muid[s]
 *
 * little-endian, each string s as len[2] then len bytes (no NUL).  size
 * counts the bytes after itself.  Shared by the kernel, libc and 9P code;
 * dir.c is the one place these bytes are checked.
 */
#ifndef LUX9_DIR_H
#define LUX9_DIR_H

#include "u.h"

/* Qid.type bits: the top byte of a Dir's mode */
enum {
	QTDIR		= 0x80,
	QTAPPEND	= 0x40,
	QTEXCL		= 0x20,
	QTMOUNT		= 0x10,
	QTAUTH		= 0x08,
	QTTMP		= 0x04,
	QTFILE		= 0x00,
};

/* Dir.mode bits (macros: 0x80000000 is no int, so no enum) */
#define DMDIR		0x80000000U	/* a directory */
#define DMAPPEND	0x40000000U	/* writes go to the end */
#define DMEXCL		0x20000000U	/* one open at a time */
#define DMMOUNT		0x10000000U	/* a mounted channel */
#define DMAUTH		0x08000000U	/* an authentication file */
#define DMTMP		0x04000000U	/* not backed up */
#define DMREAD		0x4U		/* permission bits, in each of the three octal digits */
#define DMWRITE		0x2U
#define DMEXEC		0x1U

enum {
	STATFIXLEN	= 49,		/* the bytes of an entry whose four strings are empty */
	STATMAX		= 65535,	/* most a size[2] field can say */
	STATENTRYMAX	= STATMAX + 2,	/* so the longest entry, its size field included */
};

typedef struct Qid Qid;
struct Qid {
	u64int	path;	/* unique among the files of one server */
	u32int	vers;	/* changes with each modification */
	u8int	type;	/* QT* */
};

typedef struct Dir Dir;
struct Dir {
	/* for the kernel's use */
	u16int	type;	/* which device */
	u32int	dev;	/* which instance of it */
	/* the file's */
	Qid	qid;
	u32int	mode;	/* DM* | permissions (rwxrwxrwx) */
	u32int	atime;	/* last read, seconds since the epoch */
	u32int	mtime;	/* last write */
	vlong	length;	/* in bytes */
	char	*name;	/* last element of the path */
	char	*uid;	/* owner */
	char	*gid;	/* group */
	char	*muid;	/* last modifier */
};

/*
 * The bytes d takes as an entry (nil strings count as empty).  Above
 * STATENTRYMAX, or with a string longer than 65535 bytes, it has no encoding.
 */
u32int	sizeD2M(const Dir *d);

/* Encode d into buf; returns the bytes used, or 0 if d does not fit in n or cannot be encoded. */
u32int	convD2M(const Dir *d, u8int *buf, u32int n);

/*
 * Decode the single entry that is exactly buf[0..n) into d; returns n, or 0
 * if the bytes are malformed in any way: size field disagreeing with n,
 * fixed part cut short, a string running past the end or holding a NUL,
 * bytes left over after muid.  Nothing is stored into d or strs then.
 * The strings are copied, NUL terminated, into strs, which needs n bytes;
 * strs may be buf itself (they are moved down in place), and may be nil,
 * leaving d's strings nil.
 */
u32int	convM2D(const u8int *buf, u32int n, Dir *d, char *strs);

/* 0 if buf[0..n) is exactly one well-formed entry (convM2D would take it), else -1. */
int	statcheck(const u8int *buf, u32int n);

#endif
