/*
 * devboot.c - '#B', the boot archive, read-only: the cpio archive the
 * loader passed as the first Multiboot module.  The archive is checked
 * whole at boot (lib/cpio.c); a bad one is refused with the reason and the
 * device is then empty.  qid.path is 1 + the file's index; the root is 0.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"
#include "cpio.h"
#include "multiboot.h"

extern Bootinfo bootinfo;

static Cpiofile files[CPIOMAXFILES];
static int nfiles;
static const u8int *archive;

void
bootarchiveinit(void)
{
	char err[128];
	const Mbmod *m;
	int n;

	if(bootinfo.nmod == 0){
		print("boot: no boot archive module\n");
		return;
	}
	m = &bootinfo.mod[0];
	archive = kaddr(m->start);
	n = cpioparse(archive, m->end - m->start, files, nelem(files), err, sizeof err);
	if(n < 0){
		print("boot: boot archive refused: %s\n", err);
		archive = nil;
		return;
	}
	nfiles = n;
	iprint("boot: archive of %d files, %llu bytes\n", n, (uvlong)(m->end - m->start));
}

int
bootarchivefiles(void)
{
	return nfiles;
}

static Chan *
bootattach(const char *spec)
{
	return devattach('B', spec);
}

/* The name of qid.path p's file ("" for the root). */
static const char *
qname(u64int p)
{
	return p == 0 ? "" : files[p - 1].name;
}

static Chan *
bootwalk(Chan *c, const char *name)
{
	char full[CPIONAMELEN];
	Chan *n;
	int i;

	if((c->qid.type & QTDIR) == 0)
		error("not a directory");
	if(c->qid.path == 0)
		snprint(full, sizeof full, "%s", name);
	else
		snprint(full, sizeof full, "%s/%s", qname(c->qid.path), name);
	i = cpiolookup(files, nfiles, full);
	if(i < 0)
		return nil;
	n = cclone(c);
	n->qid.path = i + 1;
	n->qid.type = (files[i].mode & CPIOTYPE) == CPIODIR ? QTDIR : QTFILE;
	return n;
}

static void
bootdir(Dir *d, Chan *c, u64int p)
{
	const char *s;

	memset(d, 0, sizeof *d);
	d->type = 'B';
	d->qid.path = p;
	if(p == 0){
		d->qid.type = QTDIR;
		d->mode = DMDIR | 0555;
		d->name = (char *)"boot";
	}else{
		const Cpiofile *f = &files[p - 1];

		d->qid.type = (f->mode & CPIOTYPE) == CPIODIR ? QTDIR : QTFILE;
		d->mode = (f->mode & 0777) | (d->qid.type == QTDIR ? DMDIR : 0);
		d->mode &= ~(u32int)0222;	/* read-only, whatever the archive says */
		d->length = d->qid.type == QTDIR ? 0 : f->size;
		d->mtime = d->atime = f->mtime;
		s = strrchr(f->name, '/');
		d->name = (char *)(s != nil ? s + 1 : f->name);
	}
	d->uid = d->gid = d->muid = (char *)"lux9";
	(void)c;
}

static int
bootstat(Chan *c, u8int *db, int n)
{
	Dir d;

	bootdir(&d, c, c->qid.path);
	return devmkdir(&d, db, n);
}

static Chan *
bootopen(Chan *c, int omode)
{
	int mode;

	mode = openmode(omode);
	if(mode != OREAD)
		error("permission denied: the boot archive is read-only");
	c->mode = mode;
	c->open = 1;
	c->offset = 0;
	return c;
}

/* Is file i directly inside the directory with qid.path p? */
static int
inside(int i, u64int p)
{
	const char *dir, *name, *slash;
	size_t l;

	dir = qname(p);
	name = files[i].name;
	l = strlen(dir);
	if(l > 0){
		if(strncmp(name, dir, l) != 0 || name[l] != '/')
			return 0;
		name += l + 1;
	}
	slash = strchr(name, '/');
	return slash == nil && name[0] != 0;
}

static long
bootdirread(Chan *c, u8int *buf, long n)
{
	u8int ebuf[256];
	Dir d;
	long got, pos, m;
	int i;

	got = pos = 0;
	for(i = 0; i < nfiles; i++){
		if(!inside(i, c->qid.path))
			continue;
		bootdir(&d, c, i + 1);
		m = convD2M(&d, ebuf, sizeof ebuf);
		if(pos < (long)c->offset){
			pos += m;
			continue;
		}
		if(got + m > n)
			break;
		copyout(buf + got, ebuf, m);
		got += m;
		pos += m;
	}
	return got;
}

static long
bootread(Chan *c, void *buf, long n, vlong off)
{
	const Cpiofile *f;

	if(c->qid.type & QTDIR)
		return bootdirread(c, buf, n);
	f = &files[c->qid.path - 1];
	if(off < 0)
		error("negative offset");
	if((u64int)off >= f->size)
		return 0;
	if((u64int)n > f->size - off)
		n = f->size - off;
	copyout(buf, archive + f->off + off, n);
	return n;
}

/* For exec: the bytes of an open boot file without copying, or nil. */
const u8int *
bootfilebytes(Chan *c, u64int *len)
{
	const Cpiofile *f;

	if(devtab[c->type]->dc != 'B' || c->qid.path == 0 || (c->qid.type & QTDIR))
		return nil;
	f = &files[c->qid.path - 1];
	*len = f->size;
	return archive + f->off;
}

static long
bootwrite(Chan *c, const void *buf, long n, vlong off)
{
	(void)c; (void)buf; (void)n; (void)off;
	error("permission denied: the boot archive is read-only");
	return -1;
}

static void
bootclose(Chan *c)
{
	(void)c;
}

Dev bootdevtab = {
	'B', "boot",
	bootattach, bootwalk, bootstat, bootopen, devcreate,
	bootread, bootwrite, bootclose, devremove, devwstat,
};
