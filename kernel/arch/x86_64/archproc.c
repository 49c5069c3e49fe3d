/*
 * archproc.c - what a process needs from the CPU: its FPU/SSE state saved
 * and restored across switches, its kernel stack entered on traps and
 * system calls, its page tables loaded, and the first entry to user mode.
 */
#include "portfns.h"
#include "fns.h"

enum {
	CR0MP		= 1 << 1,
	CR0EM		= 1 << 2,
	CR0TS		= 1 << 3,
	CR0NE		= 1 << 5,
	CR4OSFXSR	= 1 << 9,
	CR4OSXMMEXCPT	= 1 << 10,
	CR4SMEP		= 1 << 20,
	CR4SMAP		= 1 << 21,

	MSRSTAR		= 0xC0000081,
	MSRLSTAR	= 0xC0000082,
	MSRFMASK	= 0xC0000084,
	EFERSCE		= 1 << 0,

	USERFLAGS	= 0xCD5,	/* CF PF AF ZF SF DF OF: what a user may set */
};

extern u64int syscallstack;
void syscallentry(void);
void touser(Ureg *u) __attribute__((noreturn));

static u8int fputemplate[512] __attribute__((aligned(16)));
int hassmap;

static void
putcr0(u64int v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

/*
 * FPU and SSE on (user programs use SSE registers), the syscall MSRs set,
 * and SMEP/SMAP when the CPU has them: the kernel then never runs user
 * code and touches user memory only inside copyin/copyout.
 */
void
archprocinit(void)
{
	u32int r[4];
	u64int cr4;

	putcr0((getcr0() & ~(u64int)(CR0EM | CR0TS)) | CR0MP | CR0NE);
	cr4 = getcr4() | CR4OSFXSR | CR4OSXMMEXCPT;
	cpuid(7, 0, r);
	if(r[1] & (1 << 7))
		cr4 |= CR4SMEP;
	if(r[1] & (1 << 20)){
		cr4 |= CR4SMAP;
		hassmap = 1;
	}
	putcr4(cr4);
	__asm__ volatile("fninit; fxsave64 %0" : "=m"(fputemplate));
	wrmsr(MSREFER, rdmsr(MSREFER) | EFERSCE);
	wrmsr(MSRSTAR, (u64int)(KDSEL) << 48 | (u64int)KCSEL << 32);
	wrmsr(MSRLSTAR, (u64int)syscallentry);
	wrmsr(MSRFMASK, FLAGSIF | 1 << 8 | 1 << 10 | 1 << 18);	/* IF, TF, DF, AC */
	iprint("cpu: smep %s, smap %s\n", (cr4 & CR4SMEP) ? "on" : "absent", hassmap ? "on" : "absent");
}

void
fpuinitstate(Proc *p)
{
	memmove(p->fpu, fputemplate, sizeof p->fpu);
}

void
procsave(Proc *p)
{
	if(!p->kp)
		__asm__ volatile("fxsave64 %0" : "=m"(p->fpu));
}

void
procrestore(Proc *p)
{
	settssrsp0(p->kstack);
	syscallstack = p->kstack;
	if(getcr3() != p->pml4)
		putcr3(p->pml4);
	if(!p->kp)
		__asm__ volatile("fxrstor64 %0" : : "m"(p->fpu));
}

/* Registers for entering user mode at pc with stack sp. */
void
uregsetup(Ureg *u, uintptr pc, uintptr sp)
{
	memset(u, 0, sizeof *u);
	u->pc = pc;
	u->sp = sp;
	u->cs = UCSEL;
	u->ss = UDSEL;
	u->flags = FLAGSIF;
	u->type = 256;
}

/* Keep only flags a user may set; interrupts always on. */
void
uregsanitize(Ureg *u)
{
	u->flags = (u->flags & USERFLAGS) | FLAGSIF;
	u->cs = UCSEL;
	u->ss = UDSEL;
}

/* The first return of a new process to user mode. */
void
forkret(void)
{
	splhi();
	touser(up->ureg);
}
