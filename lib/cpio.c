/*
 * cpio.c - read the boot archive, a cpio "newc" archive in memory.
 *
 * The archive comes from the boot loader and is untrusted: every header
 * field, name and length is checked here, and the first problem rejects
 * the whole archive with a message saying which entry (by byte offset)
 * and what to fix.  A half-served /boot would only fail later, and more
 * confusingly.
 *
 * Format: each entry is the 6-byte magic "070701", thirteen 8-digit hex
 * fields, the name (namesize bytes counting its NUL), padding so header
 * and name end on a multiple of 4, the data, padding to 4 again.  The
 * entry named TRAILER!!! ends the archive.
 *
 * Choices:
 *	- Names are cleaned: leading "/" and "./" and trailing "/" go, so
 *	  "./a/b/" is "a/b".  "." (GNU cpio's root entry) must be a
 *	  directory and is skipped.  A name with an empty, "." or ".."
 *	  element, or a control character, is rejected rather than
 *	  rewritten: it was not made by `find . | cpio`, and guessing what
 *	  it meant could put a file somewhere it was not meant to go.
 *	- Only regular files and directories are allowed; /boot has no
 *	  use for symlinks or devices and serving them would be a hole.
 *	- Directories may be implicit (an archive of only "a/b/f"): the
 *	  missing ones are added with mode 0555, marked implied, so every
 *	  entry's parent is an entry.  A name inside a regular file is an
 *	  error.
 *	- Hard links: newc stores the data once, with one of the links
 *	  (GNU cpio: the last), and the others have size 0.  Regular files
 *	  with nlink > 1 and equal ino and device share that data.
 * All loops are bounded: each entry takes at least 112 bytes, and at
 * most maxf entries are kept.
 */
#include "u.h"
#include "kstring.h"
#include "fmt.h"
#include "cpio.h"

enum {
	Magiclen = 6,
	Hdrlen = 110,
	Shownlen = 48,	/* bytes of a bad name quoted in a message */
};

/* The header fields after the magic, in order. */
enum {
	Fino, Fmode, Fuid, Fgid, Fnlink, Fmtime, Fsize,
	Fdevmajor, Fdevminor, Frdevmajor, Frdevminor, Fnamesize, Fcheck,
	Nfield,
};

static const char *fieldname[Nfield] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

typedef struct Parse {
	const u8int *a;
	size_t n;
	Cpiofile *f;
	int nf, maxf;
	char *err;
	size_t nerr;
} Parse;

static int fail(Parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(Parse *p, const char *fmt, ...)
{
	va_list ap;

	if(p->err != nil && p->nerr > 0){
		va_start(ap, fmt);
		vsnprint(p->err, p->nerr, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
hexdigit(u8int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	if(c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if(c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The 8 hex digits at s (GNU cpio writes upper case, others lower). */
static int
hex8(const u8int *s, u32int *v)
{
	u32int x;
	int i, d;

	x = 0;
	for(i = 0; i < 8; i++){
		d = hexdigit(s[i]);
		if(d < 0)
			return -1;
		x = x<<4 | (u32int)d;
	}
	*v = x;
	return 0;
}

/* Copy len bytes of untrusted name at s into dst for a message. */
static void
shown(char *dst, const u8int *s, size_t len)
{
	size_t i, m;

	m = len < Shownlen-4 ? len : Shownlen-4;
	for(i = 0; i < m; i++)
		dst[i] = s[i] >= 0x20 && s[i] < 0x7F ? s[i] : '?';
	if(m < len){
		memcpy(dst+m, "...", 3);
		m += 3;
	}
	dst[m] = 0;
}

static int
iscontrol(u8int c)
{
	return c < 0x20 || c == 0x7F;
}

/*
 * Clean the len-byte name at s into dst (CPIONAMELEN bytes).
 * Returns nil, or why the name is unacceptable.  An empty result is the
 * root.
 */
static const char *
cleanname(const u8int *s, size_t len, char *dst)
{
	size_t i, elem;

	for(;;){
		if(len >= 1 && s[0] == '/'){
			s++;
			len--;
		}else if(len >= 2 && s[0] == '.' && s[1] == '/'){
			s += 2;
			len -= 2;
		}else
			break;
	}
	while(len > 0 && s[len-1] == '/')
		len--;
	if(len == 1 && s[0] == '.')
		len = 0;
	if(len > CPIONAMELEN-1)
		return "is longer than 127 bytes";
	elem = 0;
	for(i = 0; i <= len; i++){
		if(i < len && iscontrol(s[i]))
			return "contains a control character";
		if(i < len && s[i] != '/')
			continue;
		if(len > 0 && i == elem)
			return "has an empty path element (\"//\")";
		if(i - elem == 1 && s[elem] == '.')
			return "has a \".\" path element";
		if(i - elem == 2 && s[elem] == '.' && s[elem+1] == '.')
			return "has a \"..\" path element";
		elem = i+1;
	}
	memcpy(dst, s, len);
	dst[len] = 0;
	return nil;
}

static size_t
pad4(size_t x)
{
	return (4 - x%4) % 4;
}

static int
samefile(const Cpiofile *x, const Cpiofile *y)
{
	return x->ino == y->ino && x->devmajor == y->devmajor && x->devminor == y->devminor;
}

/* Give the newly added regular file f[i] and its hard links one copy of the data. */
static void
linkdata(Parse *p, int i)
{
	Cpiofile *f, *g;
	int j;

	f = &p->f[i];
	if(f->nlink < 2)
		return;
	for(j = 0; j < i; j++){
		g = &p->f[j];
		if((g->mode & CPIOTYPE) != CPIOREG || g->nlink < 2 || !samefile(f, g))
			continue;
		if(f->size == 0 && g->size > 0){
			f->size = g->size;
			f->off = g->off;
		}else if(f->size > 0 && g->size == 0){
			g->size = f->size;
			g->off = f->off;
		}
	}
}

static const char *
typename(u32int type)
{
	switch(type){
	case 0120000:
		return "symbolic link";
	case 0020000:
		return "character device";
	case 0060000:
		return "block device";
	case 0010000:
		return "named pipe";
	case 0140000:
		return "socket";
	}
	return "file of unknown type";
}

/* Check the type and name of the entry at off and add it to p->f. */
static int
addentry(Parse *p, size_t off, const u32int *v, const u8int *name, size_t doff)
{
	char clean[CPIONAMELEN], show[Shownlen];
	const char *why;
	u32int type;
	Cpiofile *f;

	shown(show, name, v[Fnamesize]-1);
	why = cleanname(name, v[Fnamesize]-1, clean);
	if(why != nil)
		return fail(p, "cpio: entry at byte %zu: name \"%s\" %s", off, show, why);
	type = v[Fmode] & CPIOTYPE;
	if(clean[0] == 0){
		if(type != CPIODIR)
			return fail(p, "cpio: entry at byte %zu: root \"%s\" has mode %#o, not a directory",
				off, show, v[Fmode]);
		return 0;
	}
	if(type != CPIOREG && type != CPIODIR)
		return fail(p, "cpio: %s is a %s (mode %#o): the boot archive may hold only "
			"regular files and directories", clean, typename(type), v[Fmode]);
	if(type == CPIODIR && v[Fsize] != 0)
		return fail(p, "cpio: directory %s has %u bytes of data", clean, v[Fsize]);
	if(cpiolookup(p->f, p->nf, clean) >= 0)
		return fail(p, "cpio: entry at byte %zu: %s is in the archive twice", off, clean);
	if(p->nf >= p->maxf)
		return fail(p, "cpio: more than %d entries: %s does not fit", p->maxf, clean);
	f = &p->f[p->nf];
	memset(f, 0, sizeof *f);
	memcpy(f->name, clean, strlen(clean)+1);
	f->mode = v[Fmode];
	f->mtime = v[Fmtime];
	f->size = v[Fsize];
	f->off = doff;
	f->ino = v[Fino];
	f->devmajor = v[Fdevmajor];
	f->devminor = v[Fdevminor];
	f->nlink = v[Fnlink];
	if(type == CPIOREG)
		linkdata(p, p->nf);
	p->nf++;
	return 0;
}

static int
badmagic(Parse *p, size_t off, const u8int *m)
{
	char show[Shownlen];

	if(memcmp(m, "070702", Magiclen) == 0)
		return fail(p, "cpio: entry at byte %zu: \"crc\" format (070702); "
			"make the archive with cpio -H newc", off);
	if(memcmp(m, "070707", Magiclen) == 0)
		return fail(p, "cpio: entry at byte %zu: old portable format (070707); "
			"make the archive with cpio -H newc", off);
	shown(show, m, Magiclen);
	return fail(p, "cpio: entry at byte %zu: bad magic \"%s\" (want \"070701\", cpio -H newc)%s",
		off, show, off == 0 ? "; is this a cpio archive?" : "; an earlier size field may be wrong");
}

/*
 * Read the entry at *off and move *off past it.
 * Returns 1 for an entry, 0 for the trailer, -1 on error.
 */
static int
readentry(Parse *p, size_t *offp)
{
	const u8int *h, *name;
	u32int v[Nfield], ns;
	size_t off, doff, end;
	int i;

	off = *offp;
	if(off == p->n)
		return fail(p, "cpio: archive ends at byte %zu without a TRAILER!!! entry; "
			"is it truncated?", off);
	if(p->n - off < Hdrlen)
		return fail(p, "cpio: header at byte %zu runs past the end of the archive (%zu bytes); "
			"is it truncated?", off, p->n);
	h = p->a + off;
	if(memcmp(h, "070701", Magiclen) != 0)
		return badmagic(p, off, h);
	for(i = 0; i < Nfield; i++)
		if(hex8(h + Magiclen + 8*i, &v[i]) < 0)
			return fail(p, "cpio: entry at byte %zu: field %s is not 8 hex digits",
				off, fieldname[i]);
	ns = v[Fnamesize];
	if(ns == 0)
		return fail(p, "cpio: entry at byte %zu: name size is 0", off);
	doff = off + Hdrlen;
	if(ns > p->n - doff)
		return fail(p, "cpio: entry at byte %zu: name (%u bytes) runs past the end of the archive",
			off, ns);
	name = p->a + doff;
	if(name[ns-1] != 0)
		return fail(p, "cpio: entry at byte %zu: name is not NUL terminated", off);
	if(strlen((const char *)name) != ns-1)
		return fail(p, "cpio: entry at byte %zu: name has a NUL before its end", off);
	doff += ns;
	if(pad4(doff) > p->n - doff)
		return fail(p, "cpio: entry at byte %zu: name padding runs past the end of the archive", off);
	doff += pad4(doff);
	if(ns == sizeof "TRAILER!!!" && memcmp(name, "TRAILER!!!", ns) == 0)
		return 0;
	if(v[Fsize] > p->n - doff)
		return fail(p, "cpio: entry at byte %zu: data (%u bytes) runs past the end of the archive",
			off, v[Fsize]);
	end = doff + v[Fsize];
	if(pad4(end) > p->n - end)
		return fail(p, "cpio: entry at byte %zu: data padding runs past the end of the archive", off);
	if(addentry(p, off, v, name, doff) < 0)
		return -1;
	*offp = end + pad4(end);
	return 1;
}

/* Index of the entry named by the first len bytes of s, or -1. */
static int
lookupn(const Cpiofile *f, int nf, const char *s, size_t len)
{
	int i;

	for(i = 0; i < nf; i++)
		if(strncmp(f[i].name, s, len) == 0 && f[i].name[len] == 0)
			return i;
	return -1;
}

/*
 * Make sure every entry's parent is a directory entry, adding the
 * missing ones.  Added ones are looked at in turn, so a whole chain of
 * missing parents is filled in.
 */
static int
addimplied(Parse *p)
{
	Cpiofile *f, *d;
	char *slash;
	size_t len;
	int i, j;

	for(i = 0; i < p->nf; i++){
		f = &p->f[i];
		slash = nil;
		for(j = 0; f->name[j] != 0; j++)
			if(f->name[j] == '/')
				slash = &f->name[j];
		if(slash == nil)
			continue;
		len = slash - f->name;
		j = lookupn(p->f, p->nf, f->name, len);
		if(j >= 0){
			if((p->f[j].mode & CPIOTYPE) != CPIODIR)
				return fail(p, "cpio: %s is inside %s, which is not a directory",
					f->name, p->f[j].name);
			continue;
		}
		if(p->nf >= p->maxf)
			return fail(p, "cpio: more than %d entries, counting directories "
				"the archive implies: no room for %.*s", p->maxf, (int)len, f->name);
		d = &p->f[p->nf++];
		memset(d, 0, sizeof *d);
		memcpy(d->name, f->name, len);
		d->name[len] = 0;
		d->mode = CPIODIR | 0555;
		d->mtime = f->mtime;	/* 0 would show as 1970 in listings */
		d->implied = 1;
	}
	return 0;
}

int
cpioparse(const u8int *a, size_t n, Cpiofile *f, int maxf, char *err, size_t nerr)
{
	Parse p;
	size_t off;
	int r;

	if(err != nil && nerr > 0)
		err[0] = 0;
	p.a = a;
	p.n = n;
	p.f = f;
	p.nf = 0;
	p.maxf = maxf > 0 ? maxf : 0;
	p.err = err;
	p.nerr = nerr;
	off = 0;
	while((r = readentry(&p, &off)) > 0)
		;
	if(r < 0 || addimplied(&p) < 0)
		return -1;
	return p.nf;
}

int
cpiolookup(const Cpiofile *f, int nf, const char *name)
{
	int i;

	for(i = 0; i < nf; i++)
		if(strcmp(f[i].name, name) == 0)
			return i;
	return -1;
}
