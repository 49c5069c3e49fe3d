/*
 * fork.c - Plan 9's fork: a new process with copies of the file
 * descriptor table and rendezvous group; 0 in the child, its pid in the parent.
 */
#include "../include/u.h"
#include "../include/libc.h"

int
fork(void)
{
	return rfork(RFFDG|RFREND|RFPROC);
}
