/*
 * devcons.c - '#c', the console: cons reads typed lines (echoed and
 * edited by the UART's line discipline) and writes to the serial line.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

enum { Qdir, Qcons, Qbudget, Qsysstat, Qpid, Qppid };

static const Dirtab constab[] = {
	{ "cons", { Qcons, 0, QTFILE }, 0, 0666 },
	{ "budget", { Qbudget, 0, QTFILE }, 0, 0666 },
	{ "sysstat", { Qsysstat, 0, QTFILE }, 0, 0444 },
	{ "pid", { Qpid, 0, QTFILE }, 0, 0444 },
	{ "ppid", { Qppid, 0, QTFILE }, 0, 0444 },
};

/* Hand out the part of a generated text file at off. */
static long
readstr(vlong off, void *buf, long n, const char *str)
{
	long l;

	l = strlen(str);
	if(off < 0 || off >= l)
		return 0;
	if(n > l - off)
		n = l - off;
	copyout(buf, str + off, n);
	return n;
}

/*
 * Writing "memory N processes N channels N" (any subset, in any order)
 * carves a sub-budget of the writer's with those limits; the writer's
 * children from then on draw on it.  "inherit" goes back to sharing the
 * writer's own budget.
 */
static void
budgetctl(const char *buf, long n)
{
	char msg[128], *p, *word;
	u64int lim[NBUDGET];
	int i, what;
	Budget *b;

	if(n >= (long)sizeof msg)
		error("budget: control message too long");
	copyin(msg, buf, n);
	msg[n] = 0;
	if(n > 0 && msg[n - 1] == '\n')
		msg[n - 1] = 0;
	if(strcmp(msg, "inherit") == 0){
		b = nil;
	}else{
		for(i = 0; i < NBUDGET; i++)
			lim[i] = up->budget->limit[i];
		p = msg;
		for(;;){
			while(*p == ' ')
				p++;
			if(*p == 0)
				break;
			word = p;
			while(*p != 0 && *p != ' ')
				p++;
			if(*p != 0)
				*p++ = 0;
			if(strcmp(word, "memory") == 0)
				what = BMEM;
			else if(strcmp(word, "processes") == 0)
				what = BPROC;
			else if(strcmp(word, "channels") == 0)
				what = BCHAN;
			else
				error("budget: unknown resource (want memory, processes or channels)");
			while(*p == ' ')
				p++;
			if(*p < '0' || *p > '9')
				error("budget: a limit must be a number");
			lim[what] = 0;
			while(*p >= '0' && *p <= '9'){
				if(lim[what] > (~0ULL - 9) / 10)
					error("budget: limit too large");
				lim[what] = lim[what] * 10 + (*p++ - '0');
			}
			if(*p != 0 && *p != ' ')
				error("budget: a limit must be a number");
		}
		b = newbudget(up->budget, lim);
		if(b == nil)
			error("out of kernel memory");
	}
	if(up->childbudget != nil)
		budgetput(up->childbudget);
	up->childbudget = b;
}

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

static void
strcat_(char *d, const char *s, size_t n)
{
	size_t l = strlen(d);

	if(l + strlen(s) < n)
		memmove(d + l, s, strlen(s) + 1);
}

static long
consreadf(Chan *c, void *buf, long n, vlong off)
{
	char tmp[256];
	long m;

	if(c->qid.type & QTDIR)
		return devdirread(c, buf, n, constab, nelem(constab));
	switch(c->qid.path){
	case Qbudget:
		budgetprint(up->budget, tmp, sizeof tmp - 1);
		strcat_(tmp, "\n", sizeof tmp);
		return readstr(off, buf, n, tmp);
	case Qpid:
	case Qppid:
		snprint(tmp, sizeof tmp, "%11d ", c->qid.path == Qpid ? up->pid : up->ppid);
		return readstr(off, buf, n, tmp);
	case Qsysstat:
		snprint(tmp, sizeof tmp, "free %llu pages of %llu\nswitches %llu\n",
			(uvlong)pagenfree(), (uvlong)(conf.memtotal / BY2PG), (uvlong)nswitch());
		return readstr(off, buf, n, tmp);
	}
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
	if(c->qid.path == Qbudget){
		budgetctl(buf, n);
		return n;
	}
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
