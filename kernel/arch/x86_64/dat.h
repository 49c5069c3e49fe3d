/*
 * dat.h - x86_64 data structures: the trap frame, saved labels, and the
 * per-CPU record.
 */
#ifndef LUX9_DAT_H
#define LUX9_DAT_H

#include "u.h"
#include "mem.h"

/*
 * Ureg is the register frame built by the trap entry in l.S: the general
 * registers it pushes, the vector and error code, then what the CPU pushed.
 * The order here must match l.S exactly.
 */
typedef struct Ureg Ureg;
struct Ureg {
	u64int	r15, r14, r13, r12, r11, r10, r9, r8;
	u64int	rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64int	type;		/* vector */
	u64int	error;		/* error code, 0 when the CPU gives none */
	u64int	pc;		/* rip */
	u64int	cs;
	u64int	flags;
	u64int	sp;
	u64int	ss;
};

/*
 * A Label is a saved kernel context (Plan 9's setlabel/gotolabel): the
 * callee-saved registers, stack and resume address.  Used for context
 * switches and for recovering from expected faults.
 */
typedef struct Label Label;
struct Label {
	u64int	sp, pc, rbx, rbp, r12, r13, r14, r15;
};

/* exception vectors */
enum {
	VDE = 0, VDB = 1, VNMI = 2, VBP = 3, VOF = 4, VBR = 5, VUD = 6, VNM = 7,
	VDF = 8, VTS = 10, VNP = 11, VSS = 12, VGP = 13, VPF = 14, VMF = 16,
	VAC = 17, VMC = 18, VXM = 19, VVE = 20, VCP = 21,
	VIRQ0 = 32,		/* legacy IRQ n arrives at VIRQ0+n through the IOAPIC */
	VTIMER = 48,		/* LAPIC timer */
	VPIC = 0xE0,		/* the masked 8259s, remapped out of the way */
	VSPURIOUS = 255,
};

/* page fault error code bits */
enum {
	PFPRESENT = 1 << 0,
	PFWRITE = 1 << 1,
	PFUSER = 1 << 2,
	PFRSVD = 1 << 3,
	PFFETCH = 1 << 4,
};

/* rflags */
enum { FLAGSIF = 1 << 9 };

/* IST slots in the TSS: faults that must not run on a possibly bad stack */
enum { ISTNMI = 1, ISTDF = 2, ISTMC = 3 };

/*
 * Faultcatch lets a kernel path expect a fault (self tests now, user copies
 * later): trap() resumes at label with the fault recorded instead of
 * panicking.  Armed only around the code that may fault.
 */
typedef struct Faultcatch Faultcatch;
struct Faultcatch {
	Label	label;
	int	armed;
	u64int	vector, error, addr, pc;
};

#endif
