/*
 * devpipe.c - '#|', pipes as in Plan 9: attaching makes a new pipe with
 * two files, data and data1; what is written on one is read from the
 * other, in both directions.  Write boundaries are kept: a read returns
 * bytes of at most one write.  A writer blocks while the other side holds
 * PIPEMAX bytes unread; a reader blocks until there is a message, and gets
 * 0 (end of file) once the other end is closed and the queue is empty.
 * Writing when the other end is closed fails with "write on closed pipe".
 * Queued messages are kernel memory charged to the writer's budget.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

enum { Qdir, Qdata0, Qdata1 };
enum { PIPEMAX = 64 * 1024 };

typedef struct Msg Msg;
struct Msg {
	Msg	*next;
	Budget	*budget;	/* the writer's, charged for the message's kernel memory */
	long	n;		/* bytes left */
	long	size;		/* bytes written: what was charged */
	u8int	*rp;		/* the next to read */
	u8int	data[];
};

/* The messages travelling one way, to the reader of one end. */
typedef struct Pqueue Pqueue;
struct Pqueue {
	Msg	*head, *tail;	/* guarded by Pipe.lk */
	long	len;		/* bytes queued; guarded by Pipe.lk */
	QLock	rq, wq;		/* one reader and one writer at a time */
	Rendez	r, w;		/* reader waits for data, writer for room */
};

typedef struct Pipe Pipe;
struct Pipe {
	Lock	lk;
	int	ref;		/* channels referring to it; guarded by lk */
	int	open[2];	/* opens of each end; guarded by lk */
	Pqueue	q[2];		/* q[i]: what end i reads (written on the other end) */
};

static const Dirtab pipetab[] = {
	{ "data", { Qdata0, 0, QTFILE }, 0, 0660 },
	{ "data1", { Qdata1, 0, QTFILE }, 0, 0660 },
};

static Chan *
pipeattach(const char *spec)
{
	Pipe *p;
	Chan *c;

	p = mallocz(sizeof *p);
	if(p == nil)
		error("out of kernel memory");
	c = devattach('|', spec);
	p->ref = 1;
	c->aux = p;
	return c;
}

static Chan *
pipewalk(Chan *c, const char *name)
{
	Pipe *p = c->aux;
	Chan *n;

	n = devwalktab(c, name, pipetab, nelem(pipetab));
	if(n != nil){
		lock(&p->lk);
		p->ref++;
		unlock(&p->lk);
	}
	return n;
}

static int
pipestat(Chan *c, u8int *db, int n)
{
	return devstattab(c, db, n, pipetab, nelem(pipetab), "#|");
}

static Chan *
pipeopen(Chan *c, int omode)
{
	Pipe *p = c->aux;

	c = devopen(c, omode, pipetab, nelem(pipetab));
	if(c->qid.path != Qdir){
		lock(&p->lk);
		p->open[c->qid.path - Qdata0]++;
		unlock(&p->lk);
	}
	return c;
}

/* Pages of the writer's budget a message of n bytes holds. */
static u64int
msgpages(long n)
{
	return (sizeof(Msg) + n + BY2PG - 1) / BY2PG;
}

static Msg *
msgalloc(long n)
{
	Msg *m;

	if(budgetcharge(up->budget, BMEM, msgpages(n)) < 0)
		error(nil);
	m = malloc(sizeof *m + n);
	if(m == nil){
		budgetuncharge(up->budget, BMEM, msgpages(n));
		error("out of kernel memory");
	}
	m->budget = up->budget;
	budgetref(m->budget);
	m->n = m->size = n;
	m->rp = m->data;
	m->next = nil;
	return m;
}

static void
msgfree(Msg *m, long size)
{
	if(m == nil)
		return;
	budgetuncharge(m->budget, BMEM, msgpages(size));
	budgetput(m->budget);
	free(m);
}

static void
freemsgs(Pqueue *q)
{
	Msg *m;

	while((m = q->head) != nil){
		q->head = m->next;
		msgfree(m, m->size);
	}
	q->tail = nil;
	q->len = 0;
}

static void
pipeclose(Chan *c)
{
	Pipe *p = c->aux;
	int end, r;

	lock(&p->lk);
	if(c->open && c->qid.path != Qdir){
		end = c->qid.path - Qdata0;
		p->open[end]--;
	}
	r = --p->ref;
	unlock(&p->lk);
	/* the other side's blocked reader sees end of file, its writer the error */
	wakeup(&p->q[0].r); wakeup(&p->q[0].w);
	wakeup(&p->q[1].r); wakeup(&p->q[1].w);
	if(r == 0){
		freemsgs(&p->q[0]);
		freemsgs(&p->q[1]);
		free(p);
	}
}

typedef struct Waitarg Waitarg;
struct Waitarg {
	Pipe	*p;
	int	end;
};

static int
readable(void *arg)
{
	Waitarg *a = arg;

	return a->p->q[a->end].head != nil || a->p->open[!a->end] == 0;
}

static long
piperead(Chan *c, void *buf, long n, vlong off)
{
	Pipe *p = c->aux;
	Pqueue *q;
	Waitarg a;
	Msg *m;
	long got;

	(void)off;
	if(c->qid.path == Qdir)
		return devdirread(c, buf, n, pipetab, nelem(pipetab));
	a.p = p;
	a.end = c->qid.path - Qdata0;
	q = &p->q[a.end];
	qlock(&q->rq);
	if(waserror()){
		qunlock(&q->rq);
		nexterror();
	}
	sleep(&q->r, readable, &a);
	lock(&p->lk);
	m = q->head;
	if(m == nil){		/* the writer's end is closed */
		unlock(&p->lk);
		poperror();
		qunlock(&q->rq);
		return 0;
	}
	got = n < m->n ? n : m->n;
	unlock(&p->lk);
	copyout(buf, m->rp, got);	/* only this reader takes from the head */
	lock(&p->lk);
	m->rp += got;
	m->n -= got;
	q->len -= got;
	if(m->n == 0){
		q->head = m->next;
		if(q->head == nil)
			q->tail = nil;
	}else
		m = nil;
	unlock(&p->lk);
	if(m != nil)
		msgfree(m, m->size);
	wakeup(&q->w);
	poperror();
	qunlock(&q->rq);
	return got;
}

static int
writable(void *arg)
{
	Waitarg *a = arg;

	return a->p->q[a->end].len < PIPEMAX || a->p->open[a->end] == 0;
}

/* Queue one message of n <= PIPEMAX bytes for the reader of the other end. */
static void
pipeput(Pipe *p, Pqueue *q, int end, const u8int *buf, long n)
{
	Waitarg a;
	Msg *m;

	a.p = p;
	a.end = end;
	m = msgalloc(n);
	if(waserror()){
		msgfree(m, n);
		nexterror();
	}
	copyin(m->data, buf, n);
	sleep(&q->w, writable, &a);
	lock(&p->lk);
	if(p->open[end] == 0){
		unlock(&p->lk);
		error("write on closed pipe");
	}
	if(q->tail != nil)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	q->len += n;
	unlock(&p->lk);
	poperror();
	wakeup(&q->r);
}

static long
pipewrite(Chan *c, const void *buf, long n, vlong off)
{
	Pipe *p = c->aux;
	Pqueue *q;
	long done, m;
	int end;

	(void)off;
	if(c->qid.path == Qdir)
		error("is a directory");
	end = !(c->qid.path - Qdata0);	/* the reader's end */
	q = &p->q[end];
	qlock(&q->wq);
	if(waserror()){
		qunlock(&q->wq);
		nexterror();
	}
	done = 0;
	do{	/* a write longer than the pipe holds goes as several messages */
		m = n - done < PIPEMAX ? n - done : PIPEMAX;
		pipeput(p, q, end, (const u8int *)buf + done, m);
		done += m;
	}while(done < n);
	poperror();
	qunlock(&q->wq);
	return n;
}

/* pipe(fd): a new pipe's two ends, open for reading and writing. */
long
syspipe(u64int *a)
{
	Chan *volatile d0, *volatile d1;
	Chan *c;
	int fd[2];

	validaddr(a[0], 2 * sizeof(int), 1);
	c = namec("#|", -1);
	d0 = d1 = nil;
	if(waserror()){
		cclose(d0);
		cclose(d1);
		cclose(c);
		nexterror();
	}
	d0 = pipewalk(c, "data");
	d1 = pipewalk(c, "data1");
	d0 = pipeopen(d0, ORDWR);
	d1 = pipeopen(d1, ORDWR);
	fd[0] = newfd(d0);
	d0 = nil;
	if(waserror()){
		fdclose(fd[0]);
		nexterror();
	}
	fd[1] = newfd(d1);
	d1 = nil;
	poperror();
	poperror();
	cclose(c);
	copyout((void *)a[0], fd, sizeof fd);
	return 0;
}

Dev pipedevtab = {
	'|', "pipe",
	pipeattach, pipewalk, pipestat, pipeopen, devcreate,
	piperead, pipewrite, pipeclose, devremove, devwstat,
};
