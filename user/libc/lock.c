/*
 * lock.c - spin locks for processes that share memory (rfork RFMEM).
 * A waiter spins briefly, then gives up the processor with sleep(0)
 * so the holder, perhaps on this same CPU, can run and let go.
 */
#include "../include/u.h"
#include "../include/libc.h"

enum { Spins = 100 };

int
canlock(Lock *l)
{
	return __atomic_exchange_n(&l->val, 1, __ATOMIC_ACQUIRE) == 0;
}

void
lock(Lock *l)
{
	int i;

	for(;;){
		for(i = 0; i < Spins; i++){
			if(canlock(l))
				return;
			__builtin_ia32_pause();
		}
		sleep(0);
	}
}

void
unlock(Lock *l)
{
	__atomic_store_n(&l->val, 0, __ATOMIC_RELEASE);
}
