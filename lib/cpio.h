/*
 * cpio.h - the boot archive: a cpio "newc" archive (what
 * `find . | cpio -o -H newc` makes) lying in memory, checked completely
 * by cpioparse so that the kernel can serve it read-only under /boot.
 *
 * What cpioparse promises about the entries it returns, whatever the
 * archive held:
 *	every name is NUL terminated, 1..CPIONAMELEN-1 bytes, relative
 *	("a/b/c": no leading "/" or "./", no trailing "/"), has no empty,
 *	"." or ".." element and no control character, and no two entries
 *	share a name;
 *	every entry is a regular file or a directory (mode & CPIOTYPE is
 *	CPIOREG or CPIODIR); a directory has size 0;
 *	off <= n and size <= n - off: the data lies inside the archive;
 *	the parent of every entry is itself an entry and a directory
 *	(directories the archive only implies are added, see implied).
 * The root "." is not an entry: it is the /boot directory itself.
 */
#ifndef LUX9_CPIO_H
#define LUX9_CPIO_H

#include "u.h"

enum { CPIONAMELEN = 128, CPIOMAXFILES = 512 };

/* Cpiofile.mode: the Unix file type bits, as in the header */
enum { CPIOTYPE = 0170000, CPIOREG = 0100000, CPIODIR = 0040000 };

typedef struct Cpiofile {
	char name[CPIONAMELEN];	/* cleaned path, relative to the root */
	u32int mode;		/* CPIOREG or CPIODIR | permission bits */
	u32int mtime;		/* seconds since 1970 */
	u64int size;		/* bytes of data; 0 for a directory */
	size_t off;		/* where the data starts in the archive */
	u32int ino, devmajor, devminor, nlink;	/* as in the header; hard links share ino and dev */
	int implied;		/* a directory the archive has no entry for */
} Cpiofile;

/*
 * Parse the n-byte archive at a into f[0..maxf-1].  Returns the number
 * of entries (archive order, then implied directories), or -1 with a
 * message in err if anything is wrong: the whole archive is rejected
 * rather than served in part.  Bytes after the TRAILER!!! entry (cpio
 * pads to a 512-byte block) are ignored.
 */
int cpioparse(const u8int *a, size_t n, Cpiofile *f, int maxf, char *err, size_t nerr);

/* Index of the entry with the cleaned name, or -1. */
int cpiolookup(const Cpiofile *f, int nf, const char *name);

#endif
