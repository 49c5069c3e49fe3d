/*
 * sysproc.c - the process system calls: rfork, exec, exits, await,
 * errstr, sleep, alarm, brk, nsec, notify and noted.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"
#include "elf.h"

int initpid;	/* the first user process */

long
sysnop(u64int *a)
{
	(void)a;
	return 0;
}

long
sysnsec(u64int *a)
{
	(void)a;
	return (long)nsec();
}

long
syserrstr(u64int *a)
{
	char tmp[ERRMAX];
	u64int n;

	n = a[1];
	if(n == 0)
		return 0;
	if(n > ERRMAX)
		n = ERRMAX;
	validaddr(a[0], n, 1);
	/* swap: the caller's string becomes the process's, and it gets the old one */
	copyinstr(tmp, (const char *)a[0], n);
	copyout((void *)a[0], up->errstr, n - 1);
	copyout((char *)a[0] + n - 1, "", 1);
	memmove(up->errstr, tmp, sizeof tmp);
	return 0;
}

static int
notepending(void *arg)
{
	(void)arg;
	return up->nnote > 0;
}

long
syssleep(u64int *a)
{
	vlong ms = (vlong)a[0];

	if(ms <= 0){
		yield();
		return 0;
	}
	tsleep(&up->sleep, notepending, nil, ms);
	return 0;
}

long
sysalarm(u64int *a)
{
	u64int now, old;

	now = nsec();
	old = up->alarm > now ? (up->alarm - now) / 1000000 : 0;
	up->alarm = a[0] == 0 ? 0 : now + a[0] * 1000000;
	return old;
}

long
sysbrk(u64int *a)
{
	Seg *s;
	int i;

	lock(&up->seglock);
	s = nil;
	for(i = 0; i < NSEG; i++)
		if(up->seg[i] != nil && up->seg[i]->type == SGBSS)
			s = up->seg[i];
	unlock(&up->seglock);
	if(s == nil)
		error("no heap segment");
	if(a[0] == 0)
		return s->top;
	switch(segbrk(s, a[0])){
	case -1:
		error("brk address outside the heap's limits");
	case -2:
		if(strncmp(up->errstr, "budget exceeded", 15) == 0)
			error(nil);
		error("out of kernel memory for the heap");
	}
	mmuflushuser(up->pml4);
	return 0;
}

/* Release up's user memory: segments and page tables. */
static void
putsegs(Proc *p)
{
	int i;

	lock(&p->seglock);
	for(i = 0; i < NSEG; i++){
		putseg(p->seg[i]);
		p->seg[i] = nil;
	}
	unlock(&p->seglock);
	if(p->pml4 != 0)
		mmuflushuser(p->pml4);
}

long
sysrfork(u64int *a)
{
	int flag = (int)a[0];
	Budget *cb;
	Proc *p;
	Seg *s;
	int i;

	if((flag & (RFFDG | RFCFDG)) == (RFFDG | RFCFDG)
	|| (flag & (RFNAMEG | RFCNAMEG)) == (RFNAMEG | RFCNAMEG)
	|| (flag & (RFENVG | RFCENVG)) == (RFENVG | RFCENVG))
		error("rfork: contradictory flags");
	if(flag & ~(RFNAMEG | RFENVG | RFFDG | RFNOTEG | RFPROC | RFMEM | RFNOWAIT
			| RFCNAMEG | RFCENVG | RFCFDG | RFREND | RFNOMNT))
		error("rfork: unknown flags");
	if((flag & RFPROC) == 0){
		/* change the caller's own resources */
		if(flag & RFNOTEG)
			up->noteid = up->pid;
		if(flag & (RFFDG | RFCFDG)){
			Fgrp *f = (flag & RFFDG) ? dupfgrp(up->fgrp) : newfgrp();

			closefgrp(up->fgrp);
			up->fgrp = f;
		}
		return 0;
	}
	cb = up->childbudget != nil ? up->childbudget : up->budget;
	if(budgetcharge(cb, BPROC, 1) < 0)
		error(nil);
	p = newproc();
	if(p == nil){
		budgetuncharge(cb, BPROC, 1);
		error("no free process slots");
	}
	p->budget = cb;
	budgetref(p->budget);
	p->pml4 = mmunewroot();
	if(p->pml4 == 0){
		procfree(p);
		budgetput(p->budget);
		budgetuncharge(cb, BPROC, 1);
		error("out of memory for page tables");
	}
	/* the user half: shared (RFMEM: all but the stack) or copied on write */
	lock(&up->seglock);
	for(i = 0; i < NSEG; i++){
		s = up->seg[i];
		if(s == nil)
			continue;
		if(s->type == SGTEXT || ((flag & RFMEM) && s->type != SGSTACK)){
			incref(&s->lk, &s->ref);
			p->seg[i] = s;
		}else{
			p->seg[i] = dupseg(s, cb);
			if(p->seg[i] == nil){
				unlock(&up->seglock);
				putsegs(p);
				mmufreeroot(p->pml4);
				procfree(p);
				budgetput(p->budget);
				budgetuncharge(cb, BPROC, 1);
				error("out of memory for segments");
			}
		}
	}
	unlock(&up->seglock);
	mmuflushuser(up->pml4);		/* our writable pages are now copy-on-write */
	if(flag & RFCFDG)
		p->fgrp = newfgrp();
	else if(flag & RFFDG)
		p->fgrp = dupfgrp(up->fgrp);
	else{
		p->fgrp = up->fgrp;
		incref(&p->fgrp->lk, &p->fgrp->ref);
	}
	if(up->dot != nil){
		p->dot = up->dot;
		incref(&p->dot->lk, &p->dot->ref);
	}
	memmove(p->text, up->text, sizeof p->text);
	p->ppid = up->pid;
	p->pri = up->pri;
	p->noteid = (flag & RFNOTEG) ? p->pid : up->noteid;
	p->notify = up->notify;
	memmove(p->fpu, up->fpu, sizeof p->fpu);
	__asm__ volatile("fxsave64 %0" : "=m"(p->fpu));
	if(!(flag & RFNOWAIT)){
		p->parent = up;
		lock(&up->exl);
		up->nchild++;
		unlock(&up->exl);
	}
	/* the child returns from rfork with 0, on its own kernel stack */
	p->ureg = (Ureg *)(p->kstack - sizeof(Ureg));
	*p->ureg = *up->ureg;
	p->ureg->rax = 0;
	p->sched.pc = (u64int)forkret;
	p->sched.sp = (u64int)p->ureg - 8;
	ready(p);
	return p->pid;
}

/* Copy exec's argument vector from the user into one kernel block. */
static char *
copyargs(u64int uargv, int *argc, size_t *nbytes)
{
	char *buf, *b;
	u64int ap, s;
	size_t used;
	long n;
	int i;

	buf = malloc(MAXARGBYTES);
	if(buf == nil)
		error("out of kernel memory");
	if(waserror()){
		free(buf);
		nexterror();
	}
	used = 0;
	for(i = 0;; i++){
		if(i == MAXARGS)
			error("too many arguments");
		copyin(&ap, (const void *)(uargv + 8 * i), 8);
		if(ap == 0)
			break;
		b = buf + used;
		n = copyinstr(b, (const char *)ap, MAXARGBYTES - used);
		used += n + 1;
		s = 0;
		(void)s;
	}
	poperror();
	*argc = i;
	*nbytes = used;
	return buf;
}

/* Lay argv on the top of the new stack; returns the new stack pointer. */
static uintptr
stackargs(Seg *stk, const char *args, int argc, size_t nbytes)
{
	u64int vec[MAXARGS + 2];
	uintptr sp, strs;
	size_t off;
	int i;

	strs = (USTKTOP - nbytes) & ~(uintptr)15;
	if(segwrite(stk, strs, args, nbytes) < 0)
		error(nil);
	vec[0] = argc;
	for(i = 0, off = 0; i < argc; i++){
		vec[1 + i] = strs + off;
		off += strlen(args + off) + 1;
	}
	vec[1 + argc] = 0;
	sp = (strs - 8 * (argc + 2)) & ~(uintptr)15;
	if(segwrite(stk, sp, vec, 8 * (argc + 2)) < 0)
		error(nil);
	return sp;
}

long
sysexec(u64int *a)
{
	char name[256], err[128], *args;
	Seg *ns[NSEG], *s;
	const u8int *img;
	Elfimage e;
	Elfseg *es;
	Chan *volatile c;	/* set after waserror, closed by its handler */
	u64int len, ntop;
	uintptr sp, bss;
	int argc, i, n;
	size_t nbytes;

	copyinstr(name, (const char *)a[0], sizeof name);
	args = copyargs(a[1], &argc, &nbytes);
	memset(ns, 0, sizeof ns);
	c = nil;
	if(waserror()){
		for(i = 0; i < NSEG; i++)
			putseg(ns[i]);
		cclose(c);
		free(args);
		nexterror();
	}
	c = namec(name, OEXEC);
	img = bootfilebytes(c, &len);
	if(img == nil)
		error("exec: only programs in the boot archive can run yet");
	if(elfparse(img, len, UTEXTBASE, USTKTOP - USTKSIZE - BY2PG, &e, err, sizeof err) < 0)
		error(err);
	n = 0;
	bss = 0;
	for(i = 0; i < e.nseg; i++){
		es = &e.seg[i];
		ntop = (es->vaddr + es->memsz + BY2PG - 1) & ~(u64int)(BY2PG - 1);
		s = newseg((es->prot & ELFW) ? SGDATA : SGTEXT,
			SGREAD | ((es->prot & ELFW) ? SGWRITE : 0) | ((es->prot & ELFX) ? SGEXEC : 0),
			es->vaddr & ~(u64int)(BY2PG - 1), ntop, ntop, up->budget);
		if(s == nil)
			error("out of kernel memory for segments");
		ns[n++] = s;
		if(segwrite(s, es->vaddr, img + es->off, es->filesz) < 0)
			error(nil);
		if(ntop > bss)
			bss = ntop;
	}
	/* the heap starts empty after the last segment; brk grows it up to 1 GiB */
	ns[n] = newseg(SGBSS, SGREAD | SGWRITE, bss, bss, bss + (1ULL << 30), up->budget);
	if(ns[n++] == nil)
		error("out of kernel memory for segments");
	ns[n] = newseg(SGSTACK, SGREAD | SGWRITE, USTKTOP - USTKSIZE, USTKTOP, USTKTOP, up->budget);
	if(ns[n] == nil)
		error("out of kernel memory for segments");
	sp = stackargs(ns[n++], args, argc, nbytes);
	poperror();

	/* past the point of no return: the old image goes */
	putsegs(up);
	lock(&up->seglock);
	memmove(up->seg, ns, sizeof ns);
	unlock(&up->seglock);
	snprint(up->text, sizeof up->text, "%s", strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
	cclose(c);
	free(args);
	up->notify = 0;
	up->notified = 0;
	fpuinitstate(up);
	__asm__ volatile("fxrstor64 %0" : : "m"(up->fpu));
	uregsetup(up->ureg, e.entry, sp);
	return 0;
}

static int
haswaitq(void *arg)
{
	Proc *p = arg;

	return p->waitq != nil || p->nchild == 0;
}

long
sysawait(u64int *a)
{
	Waitq *w;
	char buf[ERRMAX + 64];
	long n;

	validaddr(a[0], (long)a[1], 1);
	lock(&up->exl);
	if(up->nchild == 0 && up->waitq == nil){
		unlock(&up->exl);
		error("no living children");
	}
	unlock(&up->exl);
	sleep(&up->waitr, haswaitq, up);
	lock(&up->exl);
	w = up->waitq;
	if(w == nil){
		unlock(&up->exl);
		error("no living children");
	}
	up->waitq = w->next;
	up->nwait--;
	unlock(&up->exl);
	n = snprint(buf, sizeof buf, "%d %llu %llu %llu '%s'", w->pid,
		(uvlong)w->time[0], (uvlong)w->time[1], (uvlong)w->time[2], w->msg);
	free(w);
	if(n >= (long)a[1])
		n = (long)a[1] - 1;
	if(n < 0)
		return 0;
	copyout((void *)a[0], buf, n);
	copyout((char *)a[0] + n, "", 1);
	return n;
}

long
sysexits(u64int *a)
{
	char msg[ERRMAX];

	msg[0] = 0;
	if(a[0] != 0 && !waserror()){
		copyinstr(msg, (const char *)a[0], sizeof msg);
		poperror();
	}
	pexit(msg, 1);
	return 0;
}

/*
 * End up: free its memory and files, report to the parent (unless
 * RFNOWAIT), hand its children to nobody, and never return.
 */
void
pexit(const char *msg, int freemem)
{
	Proc *parent;
	Waitq *w;

	(void)freemem;
	if(up->pid == initpid){
		/* nothing is left to run the system: say so and stop (QEMU exits here) */
		print("init: exited '%s'\n", msg);
		qemuexit(0);
	}
	putsegs(up);
	closefgrp(up->fgrp);
	up->fgrp = nil;
	cclose(up->dot);
	up->dot = nil;
	w = mallocz(sizeof *w);
	parent = up->parent;
	if(parent != nil && w != nil){
		w->pid = up->pid;
		snprint(w->msg, sizeof w->msg, "%s", msg);
		w->time[2] = (nsec() - up->start) / 1000000;
		lock(&parent->exl);
		parent->nchild--;
		if(parent->nwait < 128){
			w->next = parent->waitq;	/* order among siblings does not matter */
			parent->waitq = w;
			parent->nwait++;
			w = nil;
		}
		unlock(&parent->exl);
		wakeup(&parent->waitr);
	}
	free(w);
	orphans(up);
	if(up->childbudget != nil){
		budgetput(up->childbudget);
		up->childbudget = nil;
	}
	if(up->budget != nil){
		budgetuncharge(up->budget, BPROC, 1);
		budgetput(up->budget);
	}
	if(up->pml4 != 0 && up->pml4 != kernelpml4()){
		putcr3(kernelpml4());
		mmufreeroot(up->pml4);
	}
	up->pml4 = kernelpml4();
	splhi();
	up->state = Moribund;
	sched();
	panic("pexit: a dead process ran");
}
