/*
 * syscall.c - from the syscall instruction to the implementation:
 * argument fetching in one place, the error discipline, checks of every
 * user address, and what happens on the way back to user mode (notes,
 * preemption).
 */
#include "portfns.h"
#include "fns.h"

typedef long Syscall(u64int *);
extern Syscall sysnop, sysexits, sysrfork, sysexec, sysawait, syserrstr, syssleep,
	sysalarm, sysbrk, sysnsec, sysnotify, sysnoted, sysopen, syscreate, sysread,
	syswrite, syspread, syspwrite, sysseek, sysclose, sysdup, sysfd2path, sysstat,
	sysfstat, syswstat, sysfwstat, sysremove, syspipe, syschdir;

static Syscall *systab[NSYSCALL] = {
	[SYSNOP] = sysnop, [SYSEXITS] = sysexits, [SYSRFORK] = sysrfork,
	[SYSEXEC] = sysexec, [SYSAWAIT] = sysawait, [SYSERRSTR] = syserrstr,
	[SYSSLEEP] = syssleep, [SYSALARM] = sysalarm, [SYSBRK] = sysbrk,
	[SYSNSEC] = sysnsec, [SYSNOTIFY] = sysnotify, [SYSNOTED] = sysnoted,
	[SYSOPEN] = sysopen, [SYSCREATE] = syscreate, [SYSREAD] = sysread,
	[SYSWRITE] = syswrite, [SYSPREAD] = syspread, [SYSPWRITE] = syspwrite,
	[SYSSEEK] = sysseek, [SYSCLOSE] = sysclose, [SYSDUP] = sysdup,
	[SYSFD2PATH] = sysfd2path, [SYSSTAT] = sysstat, [SYSFSTAT] = sysfstat,
	[SYSWSTAT] = syswstat, [SYSFWSTAT] = sysfwstat, [SYSREMOVE] = sysremove,
	[SYSPIPE] = syspipe, [SYSCHDIR] = syschdir,
};

int needresched;	/* set by the clock: up has had its tick */

void syscall(Ureg *u);

void
syscall(Ureg *u)
{
	u64int a[6];
	u64int n;
	long r;

	up->insyscall = 1;
	n = u->rax;
	a[0] = u->rdi;
	a[1] = u->rsi;
	a[2] = u->rdx;
	a[3] = u->r10;
	a[4] = u->r8;
	a[5] = u->r9;
	up->nerrlab = 0;
	if(n >= NSYSCALL || systab[n] == nil){
		snprint(up->errstr, sizeof up->errstr, "bad system call number %llu", (uvlong)n);
		r = -1;
	}else if(waserror())
		r = -1;
	else{
		r = systab[n](a);
		poperror();
	}
	u->rax = r;
	up->insyscall = 0;
	touserchecks(u);
}

/* On every way back to user mode: take the CPU's turn, deliver notes. */
void
touserchecks(Ureg *u)
{
	if(needresched){
		needresched = 0;
		yield();
	}
	if(up->nnote > 0)
		notify(u);
	uregsanitize(u);
}

/* User [addr, addr+len) must lie below USERTOP without wrapping. */
void
validaddr(uintptr addr, u64int len, int write)
{
	(void)write;
	if(addr + len < addr || addr + len > USERTOP)
		error("bad address in system call");
}

/*
 * Copies between the kernel and user memory.  Addresses are the user's
 * and are checked; a fault on them that no segment explains becomes the
 * error "bad address".  Only code that has set up->kcopy (the kernel
 * acting as a user, like init's first exec) may pass kernel addresses:
 * a user who passes one gets the error, never kernel memory.
 */
static int
kernelptr(uintptr p)
{
	if(p < USERTOP)
		return 0;
	if(!up->kcopy)
		error("bad address in system call");
	return 1;
}

void
copyin(void *dst, const void *usrc, size_t n)
{
	if(kernelptr((uintptr)usrc)){
		memmove(dst, usrc, n);
		return;
	}
	validaddr((uintptr)usrc, n, 0);
	useraccess(1);
	memmove(dst, usrc, n);
	useraccess(0);
}

void
copyout(void *udst, const void *src, size_t n)
{
	if(kernelptr((uintptr)udst)){
		memmove(udst, src, n);
		return;
	}
	validaddr((uintptr)udst, n, 1);
	useraccess(1);
	memmove(udst, src, n);
	useraccess(0);
}

/* Copy a NUL-terminated string of at most max-1 bytes; returns its length. */
long
copyinstr(char *dst, const char *usrc, size_t max)
{
	size_t i;
	int user;

	user = !kernelptr((uintptr)usrc);
	for(i = 0; i < max; i++){
		if(user){
			validaddr((uintptr)usrc + i, 1, 0);
			useraccess(1);
		}
		dst[i] = usrc[i];
		if(user)
			useraccess(0);
		if(dst[i] == 0)
			return i;
	}
	dst[max - 1] = 0;
	error("string argument too long");
	return -1;
}
