/*
 * sysnum.h - the system call stubs, for sys.S, which cannot read the C enum
 * in include/sys.h.  SYSCALLS(X) calls X(name, SYSNAME, number, last) for
 * each: last is the instruction after `syscall` (ret, or ud2 for a call
 * that never returns).  syscheck.c holds each number against the enum.
 */
#define SYSCALLS(X) \
	X(sysnop, SYSNOP, 0, ret) \
	X(_exits, SYSEXITS, 1, ud2) \
	X(rfork, SYSRFORK, 2, ret) \
	X(exec, SYSEXEC, 3, ret) \
	X(await, SYSAWAIT, 4, ret) \
	X(errstr, SYSERRSTR, 5, ret) \
	X(sleep, SYSSLEEP, 6, ret) \
	X(alarm, SYSALARM, 7, ret) \
	X(brk_, SYSBRK, 8, ret) \
	X(nsec, SYSNSEC, 9, ret) \
	X(notify, SYSNOTIFY, 10, ret) \
	X(noted, SYSNOTED, 11, ret) \
	X(open, SYSOPEN, 12, ret) \
	X(create, SYSCREATE, 13, ret) \
	X(read, SYSREAD, 14, ret) \
	X(write, SYSWRITE, 15, ret) \
	X(pread, SYSPREAD, 16, ret) \
	X(pwrite, SYSPWRITE, 17, ret) \
	X(seek, SYSSEEK, 18, ret) \
	X(close, SYSCLOSE, 19, ret) \
	X(dup, SYSDUP, 20, ret) \
	X(fd2path, SYSFD2PATH, 21, ret) \
	X(stat, SYSSTAT, 22, ret) \
	X(fstat, SYSFSTAT, 23, ret) \
	X(wstat, SYSWSTAT, 24, ret) \
	X(fwstat, SYSFWSTAT, 25, ret) \
	X(remove, SYSREMOVE, 26, ret) \
	X(pipe, SYSPIPE, 27, ret) \
	X(chdir, SYSCHDIR, 28, ret)

#define NSTUBS 29	/* must equal NSYSCALL: a new call needs a stub */
