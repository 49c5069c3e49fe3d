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
	Proc *p;

	p = newproc();
	if(p == nil)
		return nil;
	p->kp = 1;
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
