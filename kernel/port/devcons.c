/*
 * devcons.c - '#c', the console: cons reads typed lines (echoed and
 * edited by the UART's line discipline) and writes to the serial line.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

enum { Qdir, Qcons };

static const Dirtab constab[] = {
	{ "cons", { Qcons, 0, QTFILE }, 0, 0666 },
};

static Chan *
consattach(const char *spec)
{
	return devattach('c', spec);
}

static Chan *
conswalk(Chan *c, const char *name)
{
	return devwalktab(c, name, constab, nelem(constab));
}

static int
consstat(Chan *c, u8int *db, int n)
{
	return devstattab(c, db, n, constab, nelem(constab), "dev");
}

static Chan *
consopen(Chan *c, int omode)
{
	return devopen(c, omode, constab, nelem(constab));
}

static long
consreadf(Chan *c, void *buf, long n, vlong off)
{
	char tmp[256];
	long m;

	(void)off;
	if(c->qid.type & QTDIR)
		return devdirread(c, buf, n, constab, nelem(constab));
	if(n <= 0)
		return 0;
	m = consread(tmp, n < (long)sizeof tmp ? n : (long)sizeof tmp);
	copyout(buf, tmp, m);
	return m;
}

static long
conswritef(Chan *c, const void *buf, long n, vlong off)
{
	char tmp[256];
	long done, m;

	(void)off;
	if(c->qid.type & QTDIR)
		error("is a directory");
	for(done = 0; done < n; done += m){
		m = n - done < (long)sizeof tmp ? n - done : (long)sizeof tmp;
		copyin(tmp, (const u8int *)buf + done, m);
		print("%.*s", (int)m, tmp);
	}
	return n;
}

static void
consclose(Chan *c)
{
	(void)c;
}

Dev consdevtab = {
	'c', "cons",
	consattach, conswalk, consstat, consopen, devcreate,
	consreadf, conswritef, consclose, devremove, devwstat,
};
