/*
 * fns.h - x86_64 functions: the instructions C cannot say, and the
 * arch interfaces the portable kernel calls.
 */
#ifndef LUX9_FNS_H
#define LUX9_FNS_H

#include "dat.h"

static inline u8int inb(u16int port) { u8int v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16int ins(u16int port) { u16int v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u32int inl(u16int port) { u32int v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outb(u16int port, u8int v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outs(u16int port, u16int v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u16int port, u32int v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }

static inline u64int
rdmsr(u32int msr)
{
	u32int lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64int)hi << 32 | lo;
}

static inline void
wrmsr(u32int msr, u64int v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32int)v), "d"((u32int)(v >> 32)));
}

static inline void
cpuid(u32int leaf, u32int sub, u32int r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

static inline u64int
rdtsc(void)
{
	u32int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64int)hi << 32 | lo;
}

static inline u64int getcr0(void) { u64int v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u64int getcr2(void) { u64int v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u64int getcr3(void) { u64int v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u64int getcr4(void) { u64int v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void putcr3(u64int v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void putcr4(u64int v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline void invlpg(uintptr va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }
static inline u64int getflags(void) { u64int f; __asm__ volatile("pushfq; popq %0" : "=r"(f)); return f; }
static inline void sti(void) { __asm__ volatile("sti" : : : "memory"); }
static inline void cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void halt(void) { __asm__ volatile("hlt" : : : "memory"); }
static inline void pause(void) { __asm__ volatile("pause"); }
static inline u64int getrbp(void) { u64int v; __asm__ volatile("mov %%rbp, %0" : "=r"(v)); return v; }

/* splhi/splx: interrupts off, and back to how they were (Plan 9's names) */
static inline int splhi(void) { u64int f = getflags(); cli(); return (f >> 9) & 1; }
static inline void splx(int s) { if(s) sti(); }

/* l.S */
int	setlabel(Label *l) __attribute__((returns_twice));
void	gotolabel(Label *l) __attribute__((noreturn));
void	switchstack(uintptr top, void (*fn)(void)) __attribute__((noreturn));
extern u64int vectors[256];

/* uart.c */
void	uartinit(void);
void	uartputc(int c);
void	uartenableintr(void);

/* trap.c */
void	trapinit(void);
void	tssstacks(void);
void	dumpregs(Ureg *u);
void	dumpcurregs(void);
extern Faultcatch *faultcatch;
extern void (*irqhandler[16])(void);

/* mmu.c */
void	mmuinit(void);
int	mmumap(uintptr va, u64int pa, u64int flags);
int	mmuunmap(uintptr va);
u64int	*mmuwalk(uintptr va, int alloc);
void	*vmap(u64int pa, size_t len);
uintptr	kstackalloc(void);
void	kstackfree(uintptr top);
int	kstackguard(uintptr addr);

/* lapic.c, ioapic.c, clock.c */
void	lapicinit(void);
void	lapiceoi(void);
u32int	lapicid(void);
void	ioapicinit(void);
int	ioapicroute(int irq, int vector);
void	clockinit(void);
void	clockintr(void);

/* archproc.c, trap.c: what processes need of the CPU */
typedef struct Proc Proc;
void	archprocinit(void);
void	fpuinitstate(Proc *p);
void	procsave(Proc *p);
void	procrestore(Proc *p);
void	uregsetup(Ureg *u, uintptr pc, uintptr sp);
void	uregsanitize(Ureg *u);
void	forkret(void) __attribute__((noreturn));
void	touser(Ureg *u) __attribute__((noreturn));
void	settssrsp0(uintptr sp);
void	useraccess(int on);
const char *trapname(u64int v);
u64int	kernelpml4(void);
u64int	mmunewroot(void);
int	mmuputuser(u64int root, uintptr va, u64int pa, int prot);
void	mmuflushuser(u64int root);
void	mmufreeroot(u64int root);

/* pci.c */
void	pciinit(void);

/* cpu.c */
void	cpuidentify(void);

/* exit QEMU through its isa-debug-exit device, when present */
void	qemuexit(int code);

#endif
