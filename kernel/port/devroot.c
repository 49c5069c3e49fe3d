/*
 * devroot.c - '#/', the root of every name.  For now its two directories
 * stand for fixed mounts: boot is the boot archive (#B) and dev the
 * console device (#c); the namespace issue replaces this with bind/mount.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

enum { Qroot, Qboot, Qdev, Qproc };

static const Dirtab roottab[] = {
	{ "boot", { Qboot, 0, QTDIR }, 0, 0555 },
	{ "dev", { Qdev, 0, QTDIR }, 0, 0555 },
	{ "proc", { Qproc, 0, QTDIR }, 0, 0555 },
};

static Chan *
rootattach(const char *spec)
{
	return devattach('/', spec);
}

static Chan *
rootwalk(Chan *c, const char *name)
{
	Chan *n;
	int dc;

	n = devwalktab(c, name, roottab, nelem(roottab));
	if(n == nil)
		return nil;
	dc = n->qid.path == Qboot ? 'B' : n->qid.path == Qproc ? 'p' : 'c';
	cclose(n);
	return devtab[devno(dc)]->attach("");
}

static int
rootstat(Chan *c, u8int *db, int n)
{
	return devstattab(c, db, n, roottab, nelem(roottab), "/");
}

static Chan *
rootopen(Chan *c, int omode)
{
	return devopen(c, omode, roottab, nelem(roottab));
}

static long
rootread(Chan *c, void *buf, long n, vlong off)
{
	(void)off;
	return devdirread(c, buf, n, roottab, nelem(roottab));
}

static long
rootwrite(Chan *c, const void *buf, long n, vlong off)
{
	(void)c; (void)buf; (void)n; (void)off;
	error("is a directory");
	return -1;
}

static void
rootclose(Chan *c)
{
	(void)c;
}

Dev rootdevtab = {
	'/', "root",
	rootattach, rootwalk, rootstat, rootopen, devcreate,
	rootread, rootwrite, rootclose, devremove, devwstat,
};
