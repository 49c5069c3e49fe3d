/*
 * qlock.c - queueing locks: a lock a process may hold while it sleeps
 * (Plan 9's QLock).  Waiters queue in order and sleep; qunlock hands the
 * lock to the first of them.
 */
#include "portfns.h"
#include "fns.h"

void
qlock(QLock *q)
{
	int s;

	s = splhi();
	lock(&q->lk);
	if(!q->locked){
		q->locked = 1;
		q->owner = up;
		unlock(&q->lk);
		splx(s);
		return;
	}
	up->qnext = nil;
	if(q->tail != nil)
		q->tail->qnext = up;
	else
		q->head = up;
	q->tail = up;
	up->state = Queueing;
	unlock(&q->lk);		/* interrupts stay off until sched runs another */
	sched();
	splx(s);
}

void
qunlock(QLock *q)
{
	Proc *p;

	lock(&q->lk);
	if(!q->locked)
		panic("qunlock of an unlocked QLock, from %p", __builtin_return_address(0));
	p = q->head;
	if(p != nil){
		q->head = p->qnext;
		if(q->head == nil)
			q->tail = nil;
		q->owner = p;	/* handed over: stays locked */
		unlock(&q->lk);
		ready(p);
		return;
	}
	q->locked = 0;
	q->owner = nil;
	unlock(&q->lk);
}
