/*
 * sys.h - the system call interface, shared by the kernel and libc.
 *
 * Calling convention (x86_64 `syscall`): the call number in rax, arguments
 * in rdi, rsi, rdx, r10, r8, r9; the result in rax.  A call that fails
 * returns -1 (seek: -1LL) and sets the process's error string, which
 * errstr() fetches, as in Plan 9.  The kernel preserves every register
 * except rax, rcx and r11 (which `syscall` itself uses).
 */
#ifndef LUX9_SYS_H
#define LUX9_SYS_H

enum {
	SYSNOP = 0,	/* does nothing: the null system call */
	SYSEXITS,	/* exits(char *msg) */
	SYSRFORK,	/* int rfork(int flags) */
	SYSEXEC,	/* exec(char *name, char **argv) */
	SYSAWAIT,	/* int await(char *buf, int n) */
	SYSERRSTR,	/* int errstr(char *buf, uint n) */
	SYSSLEEP,	/* int sleep(long ms) */
	SYSALARM,	/* long alarm(ulong ms) */
	SYSBRK,		/* int brk_(void *addr) */
	SYSNSEC,	/* vlong nsec(void) */
	SYSNOTIFY,	/* int notify(void (*fn)(void*, char*)) */
	SYSNOTED,	/* int noted(int v) */
	SYSOPEN,	/* int open(char *name, int mode) */
	SYSCREATE,	/* int create(char *name, int mode, ulong perm) */
	SYSREAD,	/* long read(int fd, void *buf, long n) */
	SYSWRITE,	/* long write(int fd, void *buf, long n) */
	SYSPREAD,	/* long pread(int fd, void *buf, long n, vlong off) */
	SYSPWRITE,	/* long pwrite(int fd, void *buf, long n, vlong off) */
	SYSSEEK,	/* vlong seek(int fd, vlong off, int type) */
	SYSCLOSE,	/* int close(int fd) */
	SYSDUP,		/* int dup(int old, int new) */
	SYSFD2PATH,	/* int fd2path(int fd, char *buf, int n) */
	SYSSTAT,	/* int stat(char *name, uchar *edir, int n) */
	SYSFSTAT,	/* int fstat(int fd, uchar *edir, int n) */
	SYSWSTAT,	/* int wstat(char *name, uchar *edir, int n) */
	SYSFWSTAT,	/* int fwstat(int fd, uchar *edir, int n) */
	SYSREMOVE,	/* int remove(char *name) */
	SYSPIPE,	/* int pipe(int fd[2]) */
	SYSCHDIR,	/* int chdir(char *dir) */
	NSYSCALL
};

/* rfork flags (Plan 9's values) */
enum {
	RFNAMEG		= 1 << 0,
	RFENVG		= 1 << 1,
	RFFDG		= 1 << 2,
	RFNOTEG		= 1 << 3,
	RFPROC		= 1 << 4,
	RFMEM		= 1 << 5,
	RFNOWAIT	= 1 << 6,
	RFCNAMEG	= 1 << 10,
	RFCENVG		= 1 << 11,
	RFCFDG		= 1 << 12,
	RFREND		= 1 << 13,
	RFNOMNT		= 1 << 14,
};

/* open modes */
enum {
	OREAD	= 0,
	OWRITE	= 1,
	ORDWR	= 2,
	OEXEC	= 3,
	OTRUNC	= 16,
	OCEXEC	= 32,
	ORCLOSE	= 64,
	OEXCL	= 0x1000,
};

/* noted() arguments */
enum { NCONT = 0, NDFLT = 1 };

enum {
	ERRMAX	= 128,		/* longest error string, with its NUL */
	NOTEMAX	= 128,		/* longest note */
	MAXARGS	= 256,		/* exec: most arguments */
	MAXARGBYTES = 64 * 1024,/* exec: argument bytes */
};

/* user address space */
#define USTKTOP		0x00007FFFFFFFF000ULL	/* top of the user stack */
#define USTKSIZE	(8ULL << 20)		/* its most */
#define UTEXTBASE	0x0000000000400000ULL	/* lowest address a program may load at */

#endif
