/*
 * devproc.c - '#p', the processes, mounted at /proc: a directory per
 * process named by its pid, holding
 *	status	"name state priority" (read)
 *	note	a note to post to the process (write)
 *	notepg	a note to post to every process of its note group (write)
 *	ctl	"kill" or "pri N" (write)
 * The namespace issue adds the rest (ns, fd, args, wait, memory, ...).
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

enum { Qdir, Qpid, Qstatus, Qnote, Qnotepg, Qctl };

static const Dirtab pidtab[] = {
	{ "status", { Qstatus, 0, QTFILE }, 0, 0444 },
	{ "note", { Qnote, 0, QTFILE }, 0, 0222 },
	{ "notepg", { Qnotepg, 0, QTFILE }, 0, 0222 },
	{ "ctl", { Qctl, 0, QTFILE }, 0, 0222 },
};

static const char *statename[] = {
	[Dead] = "Dead", [Running] = "Running", [Ready] = "Ready", [Wakeme] = "Wakeme",
	[Moribund] = "Moribund", [Stopped] = "Stopped", [Queueing] = "Queueing",
};

/* qid.path: file in the low 8 bits, process slot + 1 above; c->auxn keeps the pid */
#define QFILE(q)	((q) & 0xFF)
#define QSLOT(q)	(((q) >> 8) - 1)

static Chan *
procattach(const char *spec)
{
	return devattach('p', spec);
}

static Proc *
slotproc(Chan *c)
{
	Proc *p;

	p = proctab(QSLOT(c->qid.path));
	if(p == nil || p->pid != (int)c->auxn || p->state == Dead || p->state == Moribund)
		error("process exited");
	return p;
}

static Chan *
procwalk(Chan *c, const char *name)
{
	const char *s;
	Chan *n;
	Proc *p;
	int i, pid;

	if(c->qid.path == Qdir){
		pid = 0;
		for(s = name; *s >= '0' && *s <= '9' && pid < 100000000; s++)
			pid = pid * 10 + (*s - '0');
		if(*s != 0 || s == name)
			return nil;
		for(i = 0; i < NPROC; i++){
			p = proctab(i);
			if(p->pid == pid && p->state != Dead && p->state != Moribund){
				n = cclone(c);
				n->qid.path = (u64int)(i + 1) << 8 | Qpid;
				n->qid.type = QTDIR;
				n->auxn = pid;
				return n;
			}
		}
		return nil;
	}
	if(QFILE(c->qid.path) != Qpid)
		error("not a directory");
	for(i = 0; i < (int)nelem(pidtab); i++)
		if(strcmp(name, pidtab[i].name) == 0){
			n = cclone(c);
			n->qid.path = (c->qid.path & ~0xFFULL) | pidtab[i].qid.path;
			n->qid.type = QTFILE;
			return n;
		}
	return nil;
}

static int
procstat(Chan *c, u8int *db, int n)
{
	char name[16];
	Dir d;
	int i;

	memset(&d, 0, sizeof d);
	d.type = 'p';
	d.qid = c->qid;
	d.uid = d.gid = d.muid = (char *)"lux9";
	if(c->qid.path == Qdir){
		d.mode = DMDIR | 0555;
		d.name = (char *)"proc";
	}else if(QFILE(c->qid.path) == Qpid){
		snprint(name, sizeof name, "%llu", (uvlong)c->auxn);
		d.mode = DMDIR | 0555;
		d.name = name;
	}else{
		for(i = 0; i < (int)nelem(pidtab); i++)
			if(pidtab[i].qid.path == QFILE(c->qid.path)){
				d.mode = pidtab[i].perm;
				d.name = (char *)pidtab[i].name;
			}
	}
	return devmkdir(&d, db, n);
}

static Chan *
procopen(Chan *c, int omode)
{
	int mode, f;

	mode = openmode(omode);
	f = QFILE(c->qid.path);
	if(c->qid.path != Qdir){
		slotproc(c);
		if(f == Qpid || f == Qstatus){
			if(mode != OREAD)
				error("permission denied");
		}else if(mode != OWRITE)
			error("permission denied: write only");
	}
	c->mode = mode;
	c->open = 1;
	c->offset = 0;
	return c;
}

static long
readtext(vlong off, void *buf, long n, const char *s)
{
	long l = strlen(s);

	if(off >= l)
		return 0;
	if(n > l - off)
		n = l - off;
	copyout(buf, s + off, n);
	return n;
}

/* Directory entries: the processes, or one process's files. */
static long
procdirread(Chan *c, void *buf, long n)
{
	u8int ebuf[128];
	char name[16];
	Dir d;
	long got, pos, m;
	int i;
	Proc *p;

	got = pos = 0;
	memset(&d, 0, sizeof d);
	d.type = 'p';
	d.uid = d.gid = d.muid = (char *)"lux9";
	for(i = 0; i < (c->qid.path == Qdir ? NPROC : (int)nelem(pidtab)); i++){
		if(c->qid.path == Qdir){
			p = proctab(i);
			if(p->state == Dead || p->state == Moribund || p->pid <= 0)
				continue;
			snprint(name, sizeof name, "%d", p->pid);
			d.name = name;
			d.mode = DMDIR | 0555;
			d.qid.path = (u64int)(i + 1) << 8 | Qpid;
			d.qid.type = QTDIR;
		}else{
			d.name = (char *)pidtab[i].name;
			d.mode = pidtab[i].perm;
			d.qid.path = (c->qid.path & ~0xFFULL) | pidtab[i].qid.path;
			d.qid.type = QTFILE;
		}
		m = convD2M(&d, ebuf, sizeof ebuf);
		if(pos < (long)c->offset){
			pos += m;
			continue;
		}
		if(got + m > n)
			break;
		copyout((u8int *)buf + got, ebuf, m);
		got += m;
		pos += m;
	}
	return got;
}

static long
procread(Chan *c, void *buf, long n, vlong off)
{
	char s[128];
	Proc *p;

	if(c->qid.type & QTDIR)
		return procdirread(c, buf, n);
	p = slotproc(c);
	if(QFILE(c->qid.path) != Qstatus)
		error("permission denied: write only");
	snprint(s, sizeof s, "%-27s %-11s %d %d\n", p->text,
		p->state < (int)nelem(statename) ? statename[p->state] : "?", p->pri, p->noteid);
	return readtext(off, buf, n, s);
}

/* "kill", or "pri N" */
static void
procctl(Proc *p, const char *msg)
{
	const char *s;
	int pri;

	if(strcmp(msg, "kill") == 0){
		postnote(p, "kill", 0);
		return;
	}
	if(strncmp(msg, "pri ", 4) == 0){
		pri = 0;
		for(s = msg + 4; *s >= '0' && *s <= '9' && pri < NPRI; s++)
			pri = pri * 10 + (*s - '0');
		if(*s != 0 || s == msg + 4 || pri >= NPRI)
			error("pri: want a number from 0 to 7");
		p->pri = pri;	/* takes effect when it is next made ready */
		return;
	}
	error("unknown control message (want kill or pri N)");
}

static long
procwrite(Chan *c, const void *buf, long n, vlong off)
{
	char msg[NOTEMAX];
	Proc *p, *q;
	int i, found;

	(void)off;
	if(c->qid.type & QTDIR)
		error("is a directory");
	if(n >= (long)sizeof msg)
		error("note or control message too long");
	copyin(msg, buf, n);
	msg[n] = 0;
	if(n > 0 && msg[n - 1] == '\n')
		msg[n - 1] = 0;
	p = slotproc(c);
	switch(QFILE(c->qid.path)){
	case Qnote:
		if(postnote(p, msg, 1) < 0)
			error("too many notes pending");
		break;
	case Qnotepg:
		found = 0;
		for(i = 0; i < NPROC; i++){
			q = proctab(i);
			if(q->state != Dead && q->state != Moribund && !q->kp && q->noteid == p->noteid){
				postnote(q, msg, 1);
				found++;
			}
		}
		if(found == 0)
			error("empty note group");
		break;
	case Qctl:
		procctl(p, msg);
		break;
	default:
		error("permission denied: read only");
	}
	return n;
}

static void
procclose(Chan *c)
{
	(void)c;
}

Dev procdevtab = {
	'p', "proc",
	procattach, procwalk, procstat, procopen, devcreate,
	procread, procwrite, procclose, devremove, devwstat,
};
