/*
 * dev.c - what most devices share: attach, walking and reading a fixed
 * table of files, stat entries, and the refusals of read-only devices.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

Chan *
devattach(int dc, const char *spec)
{
	Chan *c;

	(void)spec;
	c = newchan();
	c->type = devno(dc);
	c->qid.type = QTDIR;
	c->qid.path = 0;
	snprint(c->path, sizeof c->path, "#%c", dc);
	return c;
}

/* Walk from a table device's root to one of its files; nil if none. */
Chan *
devwalktab(Chan *c, const char *name, const Dirtab *tab, int ntab)
{
	Chan *n;
	int i;

	if((c->qid.type & QTDIR) == 0)
		error("not a directory");
	for(i = 0; i < ntab; i++)
		if(strcmp(tab[i].name, name) == 0){
			n = cclone(c);
			n->qid = tab[i].qid;
			return n;
		}
	return nil;
}

int
devmkdir(Dir *d, u8int *db, int n)
{
	u32int m;

	m = convD2M(d, db, n);
	if(m == 0)
		error("stat buffer too small");
	return m;
}

static void
fillDir(Dir *d, Chan *c, const char *name, Qid qid, u64int length, u32int perm)
{
	memset(d, 0, sizeof *d);
	d->type = devtab[c->type]->dc;
	d->qid = qid;
	d->mode = perm | ((qid.type & QTDIR) ? DMDIR : 0);
	d->length = length;
	d->name = (char *)name;
	d->uid = d->gid = d->muid = (char *)"lux9";
}

int
devstattab(Chan *c, u8int *db, int n, const Dirtab *tab, int ntab, const char *dirname)
{
	Dir d;
	int i;

	if(c->qid.type & QTDIR && c->qid.path == 0){
		fillDir(&d, c, dirname, c->qid, 0, 0555);
		return devmkdir(&d, db, n);
	}
	for(i = 0; i < ntab; i++)
		if(tab[i].qid.path == c->qid.path){
			fillDir(&d, c, tab[i].name, tab[i].qid, tab[i].length, tab[i].perm);
			return devmkdir(&d, db, n);
		}
	error("file does not exist");
	return 0;
}

/*
 * Directory reads return whole stat entries: off must fall on an entry
 * boundary of the concatenated entries (as a previous read left it).
 */
long
devdirread(Chan *c, void *buf, long n, const Dirtab *tab, int ntab)
{
	u8int ebuf[256];
	Dir d;
	long got, pos, m;
	int i;

	got = 0;
	pos = 0;
	for(i = 0; i < ntab; i++){
		fillDir(&d, c, tab[i].name, tab[i].qid, tab[i].length, tab[i].perm);
		m = convD2M(&d, ebuf, sizeof ebuf);
		if(pos < (long)c->offset){
			pos += m;
			continue;
		}
		if(got + m > n)
			break;
		memmove((u8int *)buf + got, ebuf, m);
		got += m;
		pos += m;
	}
	if(got == 0 && i < ntab && pos == (long)c->offset)
		error("directory entry longer than the read");
	return got;
}

int
openmode(int omode)
{
	omode &= ~(OTRUNC | OCEXEC | ORCLOSE | OEXCL);
	if(omode < OREAD || omode > OEXEC)
		error("bad open mode");
	return omode == OEXEC ? OREAD : omode;
}

Chan *
devopen(Chan *c, int omode, const Dirtab *tab, int ntab)
{
	int i, mode;
	u32int perm;

	mode = openmode(omode);
	perm = 0555;
	for(i = 0; i < ntab; i++)
		if(tab[i].qid.path == c->qid.path)
			perm = tab[i].perm;
	if((c->qid.type & QTDIR) && mode != OREAD)
		error("is a directory");
	if((mode == OWRITE || mode == ORDWR) && (perm & 0222) == 0)
		error("permission denied");
	if((mode == OREAD || mode == ORDWR) && (perm & 0444) == 0)
		error("permission denied");
	c->mode = mode;
	c->open = 1;
	c->offset = 0;
	return c;
}

void
devcreate(Chan *c, const char *name, int omode, u32int perm)
{
	(void)c; (void)name; (void)omode; (void)perm;
	error("permission denied: this device makes no new files");
}

void
devremove(Chan *c)
{
	(void)c;
	error("permission denied: this device's files cannot be removed");
}

int
devwstat(Chan *c, u8int *db, int n)
{
	(void)c; (void)db; (void)n;
	error("permission denied: this device's files cannot be changed");
	return 0;
}
