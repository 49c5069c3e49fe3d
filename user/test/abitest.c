/*
 * abitest.c - the kernel's system call interface tested through raw
 * system calls (no libc, on purpose).  One line per test in the harness's
 * format; the exit message tells the runner the counts ("ok N" or
 * "fail F of N").  Run with arguments it plays a helper role for a test
 * (see roles()).
 */
#include "rt.h"

__asm__(
	".globl _start\n"
	"_start:\n"
	"	movq (%rsp), %rdi\n"
	"	leaq 8(%rsp), %rsi\n"
	"	andq $-16, %rsp\n"
	"	call main\n"
	"	movq %rax, %rdi\n"
	"	movl $1, %eax\n"	/* SYSEXITS with main's result, a message */
	"	syscall\n"
	"	hlt\n");

static int npass, nfail;
static int shared = 1;
static char bigbss[1 << 20];

static void
result(const char *name, const char *why)
{
	if(why == 0){
		say("selftest: ok ");
		say(name);
		say("\n");
		npass++;
	}else{
		say("selftest: FAIL ");
		say(name);
		say(": ");
		say(why);
		say("\n");
		nfail++;
	}
}

/* Wait for one child; its exit message goes to msg. */
static long
waitone(char *msg, long n)
{
	char buf[256];
	long r, i, q;

	r = sc(SYSAWAIT, (long)buf, sizeof buf, 0, 0);
	if(r < 0)
		return -1;
	buf[r] = 0;
	for(q = 0; buf[q] != 0 && buf[q] != '\''; q++)
		;
	for(i = 0; buf[q] != 0 && buf[q + 1 + i] != 0 && buf[q + 1 + i] != '\'' && i < n - 1; i++)
		msg[i] = buf[q + 1 + i];
	msg[i] = 0;
	return r;
}

static const char *
fork_exit_wait(void)
{
	char msg[128];
	long pid;

	pid = sc(SYSRFORK, RFPROC | RFFDG, 0, 0, 0);
	if(pid < 0)
		return "rfork failed";
	if(pid == 0)
		sc(SYSEXITS, (long)"child done", 0, 0, 0);
	if(waitone(msg, sizeof msg) < 0)
		return "await failed";
	if(!same(msg, "child done"))
		return "wrong exit string";
	if(sc(SYSAWAIT, (long)msg, sizeof msg, 0, 0) != -1)
		return "await with no children did not fail";
	return 0;
}

static const char *
cow_isolation(void)
{
	char msg[128];
	long pid;

	shared = 1;
	bigbss[4096] = 'p';
	pid = sc(SYSRFORK, RFPROC | RFFDG, 0, 0, 0);
	if(pid == 0){
		shared = 2;
		bigbss[4096] = 'c';
		sc(SYSEXITS, (long)(shared == 2 && bigbss[4096] == 'c' ? "" : "child lost its write"), 0, 0, 0);
	}
	if(waitone(msg, sizeof msg) < 0 || msg[0] != 0)
		return "child failed";
	if(shared != 1 || bigbss[4096] != 'p')
		return "the child's writes reached the parent";
	return 0;
}

static const char *
rfmem_sharing(void)
{
	char msg[128];
	long pid;

	shared = 1;
	pid = sc(SYSRFORK, RFPROC | RFMEM, 0, 0, 0);
	if(pid == 0){
		shared = 3;
		sc(SYSEXITS, 0, 0, 0, 0);
	}
	if(waitone(msg, sizeof msg) < 0)
		return "await failed";
	if(shared != 3)
		return "RFMEM child's write not seen by the parent";
	shared = 1;
	return 0;
}

/* the address to fault on, hidden from the compiler's bounds checks */
static volatile long badaddr = 0x10;

static const char *
fault_becomes_note(void)
{
	char msg[128];

	if(sc(SYSRFORK, RFPROC | RFFDG, 0, 0, 0) == 0){
		*(volatile int *)badaddr = 1;
		sc(SYSEXITS, (long)"survived a fault", 0, 0, 0);
	}
	if(waitone(msg, sizeof msg) < 0)
		return "await failed";
	if(!has(msg, "sys: trap: fault write addr=0x10"))
		return "exit message is not the fault note";
	return 0;
}

static const char *
bad_arguments_fail_cleanly(void)
{
	char e[128];

	if(sc(SYSWRITE, 1, 0x10, 5, 0) != -1)
		return "write from address 0x10 succeeded";
	errstr(e, sizeof e);
	if(!has(e, "bad address"))
		return "write from 0x10: wrong error";
	if(sc(SYSWRITE, 1, (long)0xFFFF800000000000ULL, 5, 0) != -1)
		return "write from a kernel address succeeded";
	if(sc(SYSREAD, 0, (long)0xFFFFFFFF80100000ULL, 5, 0) != -1)
		return "read into the kernel image succeeded";
	if(sc(SYSOPEN, 0x20, OREAD, 0, 0) != -1)
		return "open of a bad name pointer succeeded";
	if(sc(SYSCLOSE, 99, 0, 0, 0) != -1 || sc(SYSCLOSE, -1, 0, 0, 0) != -1)
		return "close of a bad fd succeeded";
	if(sc(9999, 0, 0, 0, 0) != -1)
		return "system call 9999 succeeded";
	errstr(e, sizeof e);
	if(!has(e, "bad system call"))
		return "system call 9999: wrong error";
	if(sc(SYSRFORK, RFFDG | RFCFDG, 0, 0, 0) != -1)
		return "contradictory rfork flags accepted";
	if(sc(SYSOPEN, (long)"/boot/nonexistent", OREAD, 0, 0) != -1)
		return "open of a missing file succeeded";
	if(sc(SYSOPEN, (long)"/boot/test/abitest", OWRITE, 0, 0) != -1)
		return "boot archive opened for writing";
	return 0;
}

static const char *
many_processes_reaped(void)
{
	char msg[128];
	int i;

	for(i = 0; i < 200; i++){
		long pid = sc(SYSRFORK, RFPROC | RFFDG, 0, 0, 0);

		if(pid < 0)
			return "rfork failed before 200";
		if(pid == 0)
			sc(SYSEXITS, 0, 0, 0, 0);
		if(waitone(msg, sizeof msg) < 0)
			return "await failed";
	}
	return 0;
}

static const char *
brk_grows_zeroed_heap(void)
{
	long top;
	volatile char *p;
	long i;

	top = sc(SYSBRK, 0, 0, 0, 0);
	if(top <= 0)
		return "brk(0) gave no heap top";
	if(sc(SYSBRK, top + (1 << 20), 0, 0, 0) != 0)
		return "brk grow failed";
	p = (volatile char *)top;
	for(i = 0; i < (1 << 20); i += 4096){
		if(p[i] != 0)
			return "new heap page not zero";
		p[i] = 1;
	}
	if(sc(SYSBRK, top, 0, 0, 0) != 0)
		return "brk shrink failed";
	if(sc(SYSBRK, 0x10, 0, 0, 0) != -1)
		return "brk below the heap accepted";
	return 0;
}

static const char *
exec_with_arguments(void)
{
	char msg[128];
	char *argv[] = { "init", "echo", "two words", 0 };

	if(sc(SYSRFORK, RFPROC | RFFDG, 0, 0, 0) == 0){
		sc(SYSEXEC, (long)"/boot/test/abitest", (long)argv, 0, 0);
		sc(SYSEXITS, (long)"exec returned", 0, 0, 0);
	}
	if(waitone(msg, sizeof msg) < 0)
		return "await failed";
	if(!same(msg, "echo: two words"))
		return "exec'd program did not get its arguments";
	return 0;
}

static const char *
errstr_swaps(void)
{
	char a[128] = "my error", b[128];

	sc(SYSERRSTR, (long)a, sizeof a, 0, 0);
	b[0] = 0;
	sc(SYSERRSTR, (long)b, sizeof b, 0, 0);
	if(!same(b, "my error"))
		return "errstr did not keep what was set";
	return 0;
}

static const char *
clock_advances(void)
{
	long t0, t1;

	t0 = sc(SYSNSEC, 0, 0, 0, 0);
	sc(SYSSLEEP, 30, 0, 0, 0);
	t1 = sc(SYSNSEC, 0, 0, 0, 0);
	if(t1 - t0 < 30000000)
		return "sleep(30) returned before 30 ms";
	return 0;
}

/* Roles played when exec'd by a test. */
static long
roles(int argc, char **argv)
{
	static char msg[128];
	int i, n;

	if(argc >= 3 && same(argv[1], "echo")){
		n = 0;
		for(i = 0; argv[1][i] != 0; i++)
			msg[n++] = argv[1][i];
		msg[n++] = ':';
		msg[n++] = ' ';
		for(i = 0; argv[2][i] != 0 && n < 120; i++)
			msg[n++] = argv[2][i];
		msg[n] = 0;
		sc(SYSEXITS, (long)msg, 0, 0, 0);
	}
	return 0;
}

/* "ok N" or "fail F of N" */
static char *
counts(void)
{
	static char m[64];
	char *p;
	long v[2];
	int i, j, k;
	char d[24];

	p = m;
	if(nfail == 0){
		*p++ = 'o'; *p++ = 'k'; *p++ = ' ';
		v[0] = npass;
		k = 1;
	}else{
		*p++ = 'f'; *p++ = 'a'; *p++ = 'i'; *p++ = 'l'; *p++ = ' ';
		v[0] = nfail;
		v[1] = npass + nfail;
		k = 2;
	}
	for(i = 0; i < k; i++){
		if(i == 1){
			*p++ = ' '; *p++ = 'o'; *p++ = 'f'; *p++ = ' ';
		}
		j = 0;
		do
			d[j++] = '0' + v[i] % 10;
		while((v[i] /= 10) != 0);
		while(j > 0)
			*p++ = d[--j];
	}
	*p = 0;
	return m;
}

long main(int argc, char **argv);

long
main(int argc, char **argv)
{
	if(argc > 1)
		return roles(argc, argv);
	result("user_fork_exit_wait", fork_exit_wait());
	result("user_copy_on_write_isolation", cow_isolation());
	result("user_rfmem_shares_memory", rfmem_sharing());
	result("user_fault_becomes_note_in_wait", fault_becomes_note());
	result("user_bad_arguments_fail_cleanly", bad_arguments_fail_cleanly());
	result("user_200_processes_reaped", many_processes_reaped());
	result("user_brk_grows_zeroed_heap", brk_grows_zeroed_heap());
	result("user_exec_with_arguments", exec_with_arguments());
	result("user_errstr_swaps", errstr_swaps());
	result("user_sleep_and_nsec", clock_advances());
	return (long)counts();
}
