/*
 * note.c - notes, Plan 9's signals: strings posted to a process and
 * delivered on its way back to user mode, to its handler (notify) or, when
 * it has none, by ending it with the note as its exit message.  A handler
 * returns with noted(NCONT) to resume, or noted(NDFLT) to die.
 */
#include "portfns.h"
#include "fns.h"

/* Queue a note for p; wake it if it sleeps, so a blocked call fails with "interrupted". */
int
postnote(Proc *p, const char *msg, int user)
{
	int s;

	(void)user;
	s = splhi();
	if(p->nnote == NNOTE){
		splx(s);
		return -1;
	}
	snprint(p->note[p->nnote].msg, sizeof p->note[0].msg, "%s", msg);
	p->nnote++;
	if(p->state == Wakeme && p->r != nil){
		p->interrupted = 1;
		wakeup(p->r);
	}
	splx(s);
	return 0;
}

/* Take the oldest note off up's queue. */
static void
popnote(Note *n)
{
	int s;

	s = splhi();
	*n = up->note[0];
	memmove(&up->note[0], &up->note[1], (up->nnote - 1) * sizeof(Note));
	up->nnote--;
	splx(s);
}

/*
 * Deliver a pending note.  Without a handler, or for a fault while the
 * handler runs, or for "kill", the process ends.  Otherwise the registers
 * and the note text are pushed on the user stack and the handler called
 * as handler(ureg, msg).
 */
void
notify(Ureg *u)
{
	Note n;
	uintptr sp, umsg, uureg;

	popnote(&n);
	up->lastnote = n;
	if(strcmp(n.msg, "kill") == 0 || up->notify == 0
	|| (up->notified && strncmp(n.msg, "sys:", 4) == 0))
		pexit(n.msg, 1);
	if(up->notified){	/* one note at a time: keep it for after noted */
		postnote(up, n.msg, 1);
		return;
	}
	sp = u->sp - 128;	/* skip the red zone */
	sp = (sp - sizeof n.msg) & ~(uintptr)15;
	umsg = sp;
	sp = (sp - sizeof(Ureg)) & ~(uintptr)15;
	uureg = sp;
	sp -= 8;		/* a return address of 0: returning from the handler faults */
	if(waserror())
		pexit("sys: note stack overflow", 1);
	copyout((void *)umsg, n.msg, sizeof n.msg);
	copyout((void *)uureg, u, sizeof(Ureg));
	copyout((void *)sp, "\0\0\0\0\0\0\0\0", 8);
	poperror();
	up->noteureg = (Ureg *)uureg;
	up->notified = 1;
	u->pc = up->notify;
	u->sp = sp;
	u->rdi = uureg;
	u->rsi = umsg;
}

long
sysnotify(u64int *a)
{
	if(a[0] >= USERTOP)
		error("bad note handler address");
	up->notify = a[0];
	return 0;
}

long
sysnoted(u64int *a)
{
	Ureg nu;

	if(!up->notified)
		error("noted: not in a note handler");
	switch((int)a[0]){
	case NCONT:
		copyin(&nu, up->noteureg, sizeof nu);
		if(nu.pc >= USERTOP || nu.sp >= USERTOP)
			pexit("sys: noted: bad saved registers", 1);
		uregsanitize(&nu);
		nu.type = up->ureg->type;
		*up->ureg = nu;
		up->notified = 0;
		return (long)nu.rax;
	case NDFLT:
		pexit(up->lastnote.msg, 1);
	default:
		error("noted: bad argument (want NCONT or NDFLT)");
	}
	return -1;
}

/* A user-mode fault becomes the note "sys: trap: fault read addr=0x..." */
void
userfault(Ureg *u, u64int vector, u64int addr, u64int err)
{
	char msg[NOTEMAX];
	const char *why;

	if(vector == VPF){
		if(fault(addr, (err & PFWRITE) != 0, (err & PFFETCH) != 0, &why) == 0)
			return;
		snprint(msg, sizeof msg, "sys: trap: fault %s addr=%#llx pc=%#llx",
			(err & PFFETCH) ? "exec" : (err & PFWRITE) ? "write" : "read",
			(uvlong)addr, (uvlong)u->pc);
		if(strcmp(why, "out of memory") == 0 && up->errstr[0] != 0
		&& strncmp(up->errstr, "budget", 6) == 0)
			snprint(msg, sizeof msg, "sys: trap: fault addr=%#llx: %s", (uvlong)addr, up->errstr);
	}else
		snprint(msg, sizeof msg, "sys: trap: %s pc=%#llx", trapname(vector), (uvlong)u->pc);
	if(up->notified && strncmp(msg, "sys:", 4) == 0)
		pexit(msg, 1);
	postnote(up, msg, 0);
}
