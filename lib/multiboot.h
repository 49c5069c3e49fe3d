/*
 * multiboot.h - the Multiboot 1 boot information, parsed and checked.
 *
 * The loader leaves magic MBBOOTMAGIC in eax and the physical address of
 * its info structure in ebx.  mbparse reads that structure (and the strings
 * and tables it points to) only through a Physread callback, checks every
 * field, and fills a Bootinfo whose contents can be trusted:
 *	0 <= nmem <= MBMAXMEM, every mem[i].len > 0, and mem[i].base + len
 *	does not overflow; 0 <= nmod <= MBMAXMOD and mod[i].start <= end;
 *	every string is NUL terminated within its array; if hasfb, the
 *	framebuffer has nonzero geometry and its bytes do not wrap around.
 */
#ifndef LUX9_MULTIBOOT_H
#define LUX9_MULTIBOOT_H

#include "u.h"

enum { MBBOOTMAGIC = 0x2BADB002 };

/* Bootinfo.flags: which parts the loader supplied */
enum {
	MBFMEM = 1<<0,		/* memlower, memupper */
	MBFCMDLINE = 1<<2,
	MBFMODS = 1<<3,
	MBFMMAP = 1<<6,
	MBFLOADER = 1<<9,	/* boot loader name */
	MBFFB = 1<<12,		/* framebuffer */
};

enum { MBMAXMEM = 128, MBMAXMOD = 16, MBCMDLEN = 512, MBNAMELEN = 64, MBWARNLEN = 128 };

/* Mbmem.type; any other value is reserved */
enum { MBMEMAVAIL = 1, MBMEMACPI = 3, MBMEMNVS = 4, MBMEMBAD = 5 };

/* Mbfb.type */
enum { MBFBINDEXED = 0, MBFBRGB = 1, MBFBTEXT = 2 };

typedef struct Mbmem { u64int base, len; u32int type; } Mbmem;
typedef struct Mbmod { u64int start, end; char cmdline[MBNAMELEN]; } Mbmod;	/* end is exclusive */
typedef struct Mbfb { u64int addr; u32int pitch, width, height; u8int bpp, type; } Mbfb;

typedef struct Bootinfo {
	u32int flags;		/* as the loader gave them */
	u64int memlower, memupper;	/* KiB, when flags & MBFMEM */
	char cmdline[MBCMDLEN];
	char loader[MBNAMELEN];
	Mbmem mem[MBMAXMEM];
	int nmem;
	Mbmod mod[MBMAXMOD];
	int nmod;
	int hasfb;
	Mbfb fb;
	char warn[MBWARNLEN];	/* first problem in an optional part; "" if none */
} Bootinfo;

/*
 * Parse the boot information at physical address infopa.
 * Returns 0 on success (bi->warn says what, if anything, had to be
 * skipped or truncated) or -1 with a message in err when the information
 * is unusable: wrong magic, or the info structure itself unreadable.
 */
int mbparse(Bootinfo *bi, u32int magic, u64int infopa, Physread *rd, void *arg, char *err, size_t nerr);

#endif
