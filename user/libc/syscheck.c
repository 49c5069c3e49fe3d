/*
 * syscheck.c - no code: compile-time checks that the numbers sys.S uses
 * (sysnum.h) are include/sys.h's, and that every system call has a stub.
 */
#include "../include/u.h"
#include "../../include/sys.h"
#include "sysnum.h"

#define CHECK(name, sysname, num, last) \
	_Static_assert(sysname == num, "sysnum.h: " #name " is not " #sysname " of include/sys.h");
SYSCALLS(CHECK)

_Static_assert(NSTUBS == NSYSCALL, "sysnum.h: include/sys.h has system calls without a stub");
