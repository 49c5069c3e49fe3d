/*
 * proc.c - processes and the scheduler (one CPU).
 *
 * The scheduler runs on its own stack, saved in mach.sched; a process
 * gives up the CPU with sched(), which saves its context in up->sched and
 * resumes the scheduler.  Run queues are FIFO per priority; the highest
 * non-empty queue runs next, so processes of equal priority take turns,
 * and the clock preempts a process that has run for a whole tick in user
 * mode.  The scheduler's data are guarded by turning interrupts off: there
 * is one CPU.
 */
#include "portfns.h"
#include "fns.h"

Mach mach;

static Proc procs[NPROC];		/* slot i is free when state == Dead and pid == 0 */
static Lock proclock;			/* guards slot allocation, pids, parent links */
static int nextpid = 1;
static Proc *runq[NPRI], *runqtail[NPRI];	/* splhi */
static u64int nrun;			/* context switches, for sysstat */

Proc *
proctab(int i)
{
	if(i < 0 || i >= NPROC)
		return nil;
	return &procs[i];
}

/* Put p on its run queue.  Callable from interrupt handlers. */
void
ready(Proc *p)
{
	int s;

	s = splhi();
	p->state = Ready;
	p->rnext = nil;
	if(runqtail[p->pri] != nil)
		runqtail[p->pri]->rnext = p;
	else
		runq[p->pri] = p;
	runqtail[p->pri] = p;
	splx(s);
}

static Proc *
dequeue(void)
{
	Proc *p;
	int i;

	for(i = NPRI - 1; i >= 0; i--){
		p = runq[i];
		if(p != nil){
			runq[i] = p->rnext;
			if(runq[i] == nil)
				runqtail[i] = nil;
			p->rnext = nil;
			return p;
		}
	}
	return nil;
}

/* Are other processes waiting to run at up's priority or higher? */
int
anyready(void)
{
	int i;

	for(i = NPRI - 1; i >= (up != nil ? up->pri : 0); i--)
		if(runq[i] != nil)
			return 1;
	return 0;
}

static void
schedloop(void)
{
	Proc *p;

	setlabel(&mach.sched);
	cli();
	if(up != nil){
		procsave(up);
		if(up->state == Running)
			ready(up);
		else if(up->state == Moribund){
			procfree(up);
		}
		up = nil;
	}
	for(;;){
		p = dequeue();
		if(p != nil)
			break;
		sti();		/* idle: let interrupts make something ready */
		halt();
		cli();
	}
	p->state = Running;
	up = p;
	nrun++;
	procrestore(p);
	gotolabel(&p->sched);
}

/*
 * Give up the CPU: the scheduler decides what runs next, and this returns
 * when up is chosen again.  The caller has set up->state (Running to stay
 * runnable, Wakeme to sleep, Moribund to die).
 */
void
sched(void)
{
	int s;

	s = splhi();
	if(setlabel(&up->sched) == 0)
		gotolabel(&mach.sched);
	splx(s);
}

/* Let others of the same priority run. */
void
yield(void)
{
	if(anyready())
		sched();
}

/* Start the scheduler on its own stack; the boot thread becomes nothing. */
void
schedinit(void)
{
	mach.schedstack = kstackalloc();
	if(mach.schedstack == 0)
		panic("sched: no memory for the scheduler stack");
	switchstack(mach.schedstack, schedloop);
}

/*
 * A new process slot, with a kernel stack; state Dead until made ready.
 * Returns nil (with up's errstr set when there is an up) when out of
 * slots or memory.
 */
Proc *
newproc(void)
{
	Proc *p;
	int i;

	lock(&proclock);
	for(i = 0; i < NPROC; i++)
		if(procs[i].state == Dead && procs[i].pid == 0)
			break;
	if(i == NPROC){
		unlock(&proclock);
		return nil;
	}
	p = &procs[i];
	p->pid = -1;	/* claimed */
	unlock(&proclock);
	memset((u8int *)p + sizeof p->sched, 0, sizeof *p - sizeof p->sched);
	p->kstack = kstackalloc();
	if(p->kstack == 0){
		p->pid = 0;
		return nil;
	}
	lock(&proclock);
	p->pid = nextpid++;
	unlock(&proclock);
	p->pri = PRINORM;
	p->state = Dead;
	p->start = nsec();
	fpuinitstate(p);
	return p;
}

static void
kprocstart(void)
{
	sti();
	up->kpfunc(up->kparg);
	pexit("", 1);
}

/* A kernel process running f(arg), with no user half. */
Proc *
kproc(const char *name, void (*f)(void *), void *arg)
{
	return kprocpri(name, f, arg, PRINORM);
}

/* The same at a given priority, 0 (lowest) to NPRI-1. */
Proc *
kprocpri(const char *name, void (*f)(void *), void *arg, int pri)
{
	Proc *p;

	p = newproc();
	if(p == nil)
		return nil;
	p->kp = 1;
	p->pri = pri < 0 ? 0 : pri >= NPRI ? NPRI - 1 : pri;
	p->kpfunc = f;
	p->kparg = arg;
	p->pml4 = kernelpml4();
	memmove(p->text, name, strlen(name) < KNAMELEN ? strlen(name) + 1 : KNAMELEN - 1);
	p->sched.pc = (u64int)kprocstart;
	/* below where a Ureg would go (init becomes a user process), as if called */
	p->sched.sp = p->kstack - sizeof(Ureg) - 8;
	ready(p);
	return p;
}

/* Release what the dead process still holds; runs in the scheduler. */
void
procfree(Proc *p)
{
	kstackfree(p->kstack);
	p->kstack = 0;
	p->state = Dead;
	p->pid = 0;
}

/*
 * Sleep on r until f(arg) is true.  The test and the sleep happen with
 * interrupts off, so a wakeup from an interrupt cannot slip in between.
 */
void
sleep(Rendez *r, int (*f)(void *), void *arg)
{
	int s;

	s = splhi();
	if(f(arg)){
		splx(s);
		return;
	}
	if(r->p != nil && r->p != up)
		panic("sleep: two processes (%d, %d) on one Rendez", r->p->pid, up->pid);
	r->p = up;
	up->r = r;
	up->state = Wakeme;
	sched();
	up->r = nil;
	if(up->interrupted){
		up->interrupted = 0;
		splx(s);
		error("interrupted");
	}
	splx(s);
}

/* Wake whoever sleeps on r; returns it, or nil. */
Proc *
wakeup(Rendez *r)
{
	Proc *p;
	int s;

	s = splhi();
	p = r->p;
	if(p != nil){
		r->p = nil;
		p->r = nil;
		if(p->state == Wakeme)
			ready(p);
	}
	splx(s);
	return p;
}

static int
tfn(void *arg)
{
	Proc *p = arg;

	return p->twhen == 0 || nsec() >= p->twhen || p->tfn(p->targ);
}

/* sleep, but for at most ms milliseconds */
void
tsleep(Rendez *r, int (*f)(void *), void *arg, u64int ms)
{
	up->twhen = nsec() + ms * 1000000;
	up->trend = r;
	up->tfn = f;
	up->targ = arg;
	sleep(r, tfn, up);
	up->twhen = 0;
	up->trend = nil;
}

int
return0(void *arg)
{
	(void)arg;
	return 0;
}

/*
 * From the clock interrupt: wake timed-out sleepers and raise alarms.
 * Called with interrupts off.
 */
void
proctimers(void)
{
	u64int now;
	Proc *p;

	now = nsec();
	for(p = procs; p < procs + NPROC; p++){
		if(p->state == Dead)
			continue;
		if(p->twhen != 0 && now >= p->twhen && p->state == Wakeme && p->trend != nil)
			wakeup(p->trend);
		if(p->alarm != 0 && now >= p->alarm){
			p->alarm = 0;
			postnote(p, "alarm", 1);
		}
	}
}

/* p's children will report to no one. */
void
orphans(Proc *p)
{
	int i;

	lock(&proclock);
	for(i = 0; i < NPROC; i++)
		if(procs[i].parent == p)
			procs[i].parent = nil;
	unlock(&proclock);
}

u64int
nswitch(void)
{
	return nrun;
}

/*
 * Self tests of the scheduler, run in a kernel process.  Children are
 * kernel processes that log their ids; the test sleeps while they run.
 */
static int schedlog[16], nschedlog;

static void
logid(void *arg)
{
	int i, id = (int)(uintptr)arg;

	for(i = 0; i < 3; i++){
		if(nschedlog < (int)nelem(schedlog))
			schedlog[nschedlog++] = id;
		if(id >= 10)		/* the equal-priority ones take turns */
			yield();
	}
}

static void
waitlog(int n)
{
	int i;

	for(i = 0; i < 200 && nschedlog < n; i++)
		tsleep(&up->sleep, return0, nil, 5);
}

#include "selftest.h"

/* Three ready at once with priorities 2, 6, 4: they must run 6, 4, 2. */
const char *
testsched_priority(void)
{
	static const int want[] = { 6, 6, 6, 4, 4, 4, 2, 2, 2 };
	int i, pri[3] = { 2, 6, 4 };

	/* no kernel preemption: all three are queued before any runs */
	nschedlog = 0;
	for(i = 0; i < 3; i++)
		if(kprocpri("logid", logid, (void *)(uintptr)pri[i], pri[i]) == nil)
			return fail("no process slot");
	waitlog(9);
	if(nschedlog != 9)
		return fail("only %d of 9 steps ran", nschedlog);
	for(i = 0; i < 9; i++)
		if(schedlog[i] != want[i])
			return fail("step %d ran priority %d, expected %d", i, schedlog[i], want[i]);
	return nil;
}

/* Two of equal priority that yield take turns: 10 11 10 11 10 11. */
const char *
testsched_roundrobin(void)
{
	int i;

	nschedlog = 0;
	if(kproc("logid", logid, (void *)10) == nil || kproc("logid", logid, (void *)11) == nil)
		return fail("no process slot");
	waitlog(6);
	if(nschedlog != 6)
		return fail("only %d of 6 steps ran", nschedlog);
	for(i = 0; i < 6; i++)
		if(schedlog[i] != 10 + i % 2)
			return fail("step %d was process %d, expected %d", i, schedlog[i], 10 + i % 2);
	return nil;
}
