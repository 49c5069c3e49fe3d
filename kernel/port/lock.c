/*
 * lock.c - spin locks.  Taking a lock turns interrupts off (see Lock in
 * portdat.h); one CPU for now, so contention means a bug, but the atomic
 * exchange keeps the code right when more CPUs arrive.
 */
#include "portfns.h"
#include "fns.h"

void
lock(Lock *l)
{
	int s;

	s = splhi();
	while(__atomic_exchange_n(&l->key, 1, __ATOMIC_ACQUIRE) != 0)
		pause();
	l->pl = s;
	l->pc = (uintptr)__builtin_return_address(0);
}

int
canlock(Lock *l)
{
	int s;

	s = splhi();
	if(__atomic_exchange_n(&l->key, 1, __ATOMIC_ACQUIRE) != 0){
		splx(s);
		return 0;
	}
	l->pl = s;
	l->pc = (uintptr)__builtin_return_address(0);
	return 1;
}

void
unlock(Lock *l)
{
	int s;

	if(l->key == 0)
		panic("unlock of unlocked lock %p, from %p", (void *)l, __builtin_return_address(0));
	s = l->pl;
	l->pc = 0;
	__atomic_store_n(&l->key, 0, __ATOMIC_RELEASE);
	splx(s);
}
