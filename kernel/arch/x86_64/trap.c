/*
 * trap.c - descriptor tables and the one trap() every interrupt and
 * exception enters through.  Exceptions in the kernel are reported (vector,
 * error code, RIP, and for page faults CR2 and the access kind) and panic,
 * unless a Faultcatch expects them.  NMI, double fault and machine check
 * run on their own stacks so that a blown kernel stack can still be reported.
 */
#include "portfns.h"
#include "fns.h"

typedef struct Gatedesc Gatedesc;
struct Gatedesc {
	u16int	offlo;
	u16int	sel;
	u8int	ist;
	u8int	type;
	u16int	offmid;
	u32int	offhi;
	u32int	zero;
};

typedef struct Tss Tss;
struct Tss {
	u32int	rsvd0;
	u64int	rsp[3];
	u64int	rsvd1;
	u64int	ist[8];		/* ist[0] unused: IST slots are 1..7 */
	u64int	rsvd2;
	u16int	rsvd3;
	u16int	iomap;
} __attribute__((packed));

static u64int gdt[7] __attribute__((aligned(16)));
static Gatedesc idt[256] __attribute__((aligned(16)));
static Tss tss __attribute__((aligned(16)));

Faultcatch *faultcatch;
void (*irqhandler[16])(void);
static u64int spurious;

static const char *excname[32] = {
	[VDE] = "divide error", [VDB] = "debug", [VNMI] = "non-maskable interrupt",
	[VBP] = "breakpoint", [VOF] = "overflow", [VBR] = "bound range exceeded",
	[VUD] = "invalid opcode", [VNM] = "device not available", [VDF] = "double fault",
	[9] = "coprocessor segment overrun", [VTS] = "invalid TSS",
	[VNP] = "segment not present", [VSS] = "stack-segment fault",
	[VGP] = "general protection fault", [VPF] = "page fault",
	[VMF] = "x87 floating-point error", [VAC] = "alignment check",
	[VMC] = "machine check", [VXM] = "SIMD floating-point error",
	[VVE] = "virtualization exception", [VCP] = "control protection exception",
};

struct Pseudodesc {
	u16int	limit;
	u64int	base;
} __attribute__((packed));

static void
loadgdt(void)
{
	struct Pseudodesc pd = { sizeof gdt - 1, (u64int)gdt };
	u64int t = (u64int)&tss;

	gdt[1] = 0x00AF9A000000FFFFULL;		/* KCSEL: kernel code, 64-bit */
	gdt[2] = 0x00CF92000000FFFFULL;		/* KDSEL: kernel data */
	gdt[3] = 0x00CFF2000000FFFFULL;		/* UDSEL: user data */
	gdt[4] = 0x00AFFA000000FFFFULL;		/* UCSEL: user code, 64-bit */
	gdt[5] = (sizeof tss - 1) | (t & 0xFFFFFF) << 16 | 0x89ULL << 40 | ((t >> 24) & 0xFF) << 56;
	gdt[6] = t >> 32;			/* TSSSEL takes two slots */
	tss.iomap = sizeof tss;			/* no I/O permission bitmap */
	__asm__ volatile(
		"lgdt %0\n"
		"pushq %1\n"
		"leaq 1f(%%rip), %%rax\n"
		"pushq %%rax\n"
		"lretq\n"
		"1: movw %w2, %%ds; movw %w2, %%es; movw %w2, %%ss\n"
		"ltr %w3\n"
		: : "m"(pd), "i"(KCSEL), "r"(KDSEL), "r"(TSSSEL) : "rax", "memory");
}

static void
setgate(int v, u64int fn, int ist)
{
	Gatedesc *g = &idt[v];

	g->offlo = fn;
	g->sel = KCSEL;
	g->ist = ist;
	g->type = 0x8E;		/* present, ring 0, 64-bit interrupt gate */
	g->offmid = fn >> 16;
	g->offhi = fn >> 32;
	g->zero = 0;
}

void
trapinit(void)
{
	struct Pseudodesc pd = { sizeof idt - 1, (u64int)idt };
	int v;

	loadgdt();
	for(v = 0; v < 256; v++)
		setgate(v, vectors[v], 0);
	__asm__ volatile("lidt %0" : : "m"(pd));
}

/*
 * Give NMI, double fault and machine check stacks of their own, under
 * guard pages; needs the MMU set up, so it runs after mmuinit.
 */
void
tssstacks(void)
{
	tss.ist[ISTNMI] = kstackalloc();
	tss.ist[ISTDF] = kstackalloc();
	tss.ist[ISTMC] = kstackalloc();
	if(tss.ist[ISTNMI] == 0 || tss.ist[ISTDF] == 0 || tss.ist[ISTMC] == 0)
		panic("trap: no memory for the fault stacks");
	setgate(VNMI, vectors[VNMI], ISTNMI);
	setgate(VDF, vectors[VDF], ISTDF);
	setgate(VMC, vectors[VMC], ISTMC);
}

void
dumpregs(Ureg *u)
{
	print("rax %016llx rbx %016llx rcx %016llx rdx %016llx\n",
		(uvlong)u->rax, (uvlong)u->rbx, (uvlong)u->rcx, (uvlong)u->rdx);
	print("rsi %016llx rdi %016llx rbp %016llx rsp %016llx\n",
		(uvlong)u->rsi, (uvlong)u->rdi, (uvlong)u->rbp, (uvlong)u->sp);
	print("r8  %016llx r9  %016llx r10 %016llx r11 %016llx\n",
		(uvlong)u->r8, (uvlong)u->r9, (uvlong)u->r10, (uvlong)u->r11);
	print("r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n",
		(uvlong)u->r12, (uvlong)u->r13, (uvlong)u->r14, (uvlong)u->r15);
	print("rip %016llx cs %#llx rflags %#llx ss %#llx\n",
		(uvlong)u->pc, (uvlong)u->cs, (uvlong)u->flags, (uvlong)u->ss);
	print("cr0 %#llx cr2 %#llx cr3 %#llx cr4 %#llx\n",
		(uvlong)getcr0(), (uvlong)getcr2(), (uvlong)getcr3(), (uvlong)getcr4());
}

/*
 * The registers of a panic that did not come from a trap: what the caller
 * of panic had in its callee-saved registers, and the control registers.
 */
void
dumpcurregs(void)
{
	u64int rbx, rbp, rsp, r12, r13, r14, r15;

	__asm__ volatile("mov %%rbx, %0; mov %%rbp, %1; mov %%rsp, %2; mov %%r12, %3; mov %%r13, %4; mov %%r14, %5; mov %%r15, %6"
		: "=m"(rbx), "=m"(rbp), "=m"(rsp), "=m"(r12), "=m"(r13), "=m"(r14), "=m"(r15));
	print("rbx %016llx rbp %016llx rsp %016llx\n", (uvlong)rbx, (uvlong)rbp, (uvlong)rsp);
	print("r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n",
		(uvlong)r12, (uvlong)r13, (uvlong)r14, (uvlong)r15);
	print("rflags %#llx cr0 %#llx cr2 %#llx cr3 %#llx cr4 %#llx\n", (uvlong)getflags(),
		(uvlong)getcr0(), (uvlong)getcr2(), (uvlong)getcr3(), (uvlong)getcr4());
}

/* "read", "write" or "execute", and whether the page was there at all. */
static void
pfkind(u64int err, char *buf, size_t n)
{
	snprint(buf, n, "%s %s%s%s",
		(err & PFFETCH) ? "execute" : (err & PFWRITE) ? "write" : "read",
		(err & PFPRESENT) ? "protection violation" : "not-present page",
		(err & PFUSER) ? ", user mode" : ", kernel mode",
		(err & PFRSVD) ? ", reserved bit set" : "");
}

const char *
trapname(u64int v)
{
	if(v < 32 && excname[v] != nil)
		return excname[v];
	return "reserved exception";
}

void
settssrsp0(uintptr sp)
{
	tss.rsp[0] = sp;
}

extern int hassmap;

/* Open or close the kernel's window on user memory (SMAP's AC flag). */
void
useraccess(int on)
{
	if(!hassmap)
		return;
	if(on)
		__asm__ volatile("stac" : : : "memory");
	else
		__asm__ volatile("clac" : : : "memory");
}

static void
kfault(Ureg *u)
{
	char kind[96];
	u64int addr;
	const char *name, *why;

	addr = u->type == VPF ? getcr2() : 0;
	/* the kernel touching user memory for a system call: demand paging, or a bad address */
	if(u->type == VPF && addr < USERTOP && (u->error & PFFETCH) == 0 && up != nil && !up->kp && faultcatch == nil){
		if(fault(addr, (u->error & PFWRITE) != 0, 0, &why) == 0)
			return;
		if(up->nerrlab > 0){
			useraccess(0);
			if(u->flags & FLAGSIF)
				sti();
			dprint("fault: kernel touched user address %#llx at pc %#llx: %s\n", (uvlong)addr, (uvlong)u->pc, why);
			error("bad address in system call");
		}
	}
	if(faultcatch != nil && faultcatch->armed && u->type != VDF && u->type != VNMI && u->type != VMC){
		faultcatch->armed = 0;
		faultcatch->vector = u->type;
		faultcatch->error = u->error;
		faultcatch->addr = addr;
		faultcatch->pc = u->pc;
		if(u->flags & FLAGSIF)	/* resume with interrupts as they were, as iretq would */
			sti();
		gotolabel(&faultcatch->label);
	}
	name = excname[u->type] ? excname[u->type] : "reserved exception";
	print("\ntrap: %s (vector %llu) error code %#llx at rip %#llx\n",
		name, (uvlong)u->type, (uvlong)u->error, (uvlong)u->pc);
	if(u->type == VPF){
		pfkind(u->error, kind, sizeof kind);
		print("trap: page fault at address %#llx: %s\n", (uvlong)addr, kind);
	}
	dumpregs(u);
	backtrace(u->pc, u->rbp);
	if(u->type == VDF && kstackguard(u->sp))
		panic("kernel stack overflow (rsp %#llx is in a guard page)", (uvlong)u->sp);
	if(u->type == VPF && kstackguard(addr))
		panic("kernel stack overflow (fault at %#llx, a guard page)", (uvlong)addr);
	panic("%s in kernel at %#llx", name, (uvlong)u->pc);
}

void trap(Ureg *u);

void
trap(Ureg *u)
{
	int irq;

	if(u->type < 32){
		if(u->cs & 3){
			userfault(u, u->type, u->type == VPF ? getcr2() : 0, u->error);
			touserchecks(u);
		}else
			kfault(u);
		return;
	}
	if(u->type == VSPURIOUS){
		spurious++;
		return;
	}
	irq = u->type - VIRQ0;
	if(irq >= 0 && irq < 16 && irqhandler[irq] != nil)
		irqhandler[irq]();
	else if(u->type == VTIMER)
		clockintr();
	else if(u->type >= VPIC && u->type < VPIC + 16)
		spurious++;	/* a masked 8259 can still raise IRQ 7 or 15 */
	else
		print("trap: unexpected interrupt vector %llu\n", (uvlong)u->type);
	lapiceoi();
	if(up != nil && (u->cs & 3))
		touserchecks(u);
}
