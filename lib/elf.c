/*
 * elf.c - check an ELF64 executable for exec.
 *
 * The image is whatever a user handed to exec, so it is untrusted: every
 * header field is checked before it is used, fields are read byte by
 * byte in little-endian order (the image need not be aligned), and all
 * sums are checked for overflow before they are formed.  Only what the
 * loader needs comes out: the entry point and the PT_LOAD segments.
 *
 * Choices:
 *	- Static programs only: ET_EXEC, no PT_INTERP or PT_DYNAMIC.  A
 *	  static PIE (ET_DYN) is refused too; there is no relocator.
 *	- EI_OSABI and e_flags are not looked at; p_align is not either,
 *	  since only congruence modulo the 4 KiB page matters to a loader
 *	  that maps pages.
 *	- Segments may not share a page: each page gets one protection, so
 *	  sharing would make text writable or data executable.  A writable
 *	  and executable segment is refused outright (W^X).
 *	- PT_LOAD segments with memsz 0 are skipped; other program header
 *	  types (PT_NOTE, PT_GNU_STACK, PT_TLS, ...) are ignored.
 *	- The entry must be in the file-backed part of an executable
 *	  segment: a jump to zero-filled memory is certainly a broken link.
 */
#include "u.h"
#include "le.h"
#include "kstring.h"
#include "fmt.h"
#include "elf.h"

enum {
	Ehdrlen = 64,
	Phdrlen = 56,
	Maxphnum = 256,		/* far more than any linker emits */

	/* e_ident */
	Eiclass = 4,
	Eidata = 5,
	Eiversion = 6,
	Class64 = 2,
	Data2lsb = 1,
	Evcurrent = 1,

	/* header field offsets */
	Etype = 16,
	Emachine = 18,
	Eversion = 20,
	Eentry = 24,
	Ephoff = 32,
	Eehsize = 52,
	Ephentsize = 54,
	Ephnum = 56,

	Etrel = 1,
	Etexec = 2,
	Etdyn = 3,
	Emx8664 = 62,

	/* program header field offsets */
	Ptype = 0,
	Pflags = 4,
	Poffset = 8,
	Pvaddr = 16,
	Pfilesz = 32,
	Pmemsz = 40,

	Ptload = 1,
	Ptdynamic = 2,
	Ptinterp = 3,
};

typedef struct Parse {
	const u8int *img;
	size_t n;
	u64int lo, hi;
	Elfimage *e;
	char *err;
	size_t nerr;
} Parse;

static int fail(Parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(Parse *p, const char *fmt, ...)
{
	va_list ap;

	if(p->err != nil && p->nerr > 0){
		va_start(ap, fmt);
		vsnprint(p->err, p->nerr, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The ELF header: an x86_64 static executable with sane program headers. */
static int
checkhdr(Parse *p)
{
	const u8int *h;
	u64int phoff;
	u16int type, phnum;

	h = p->img;
	if(p->n < Ehdrlen)
		return fail(p, "elf: file is %zu bytes, too short for an ELF header", p->n);
	if(memcmp(h, "\177ELF", 4) != 0)
		return fail(p, "elf: not an ELF file (no \\177ELF magic)");
	if(h[Eiclass] != Class64)
		return fail(p, "elf: ELF class %d is not 64-bit: Lux9 runs x86_64 programs", h[Eiclass]);
	if(h[Eidata] != Data2lsb)
		return fail(p, "elf: data encoding %d is not little-endian", h[Eidata]);
	if(h[Eiversion] != Evcurrent || get32(h+Eversion) != Evcurrent)
		return fail(p, "elf: ELF version %d/%u is not 1", h[Eiversion], get32(h+Eversion));
	type = get16(h+Etype);
	if(type == Etdyn)
		return fail(p, "elf: position-independent executable (ET_DYN): link with -static -no-pie");
	if(type == Etrel)
		return fail(p, "elf: relocatable object file (ET_REL), not a linked program");
	if(type != Etexec)
		return fail(p, "elf: ELF type %u is not an executable (ET_EXEC)", type);
	if(get16(h+Emachine) != Emx8664)
		return fail(p, "elf: machine %u is not x86_64 (62)", get16(h+Emachine));
	if(get16(h+Eehsize) != Ehdrlen)
		return fail(p, "elf: header size %u is not 64", get16(h+Eehsize));
	if(get16(h+Ephentsize) != Phdrlen)
		return fail(p, "elf: program header size %u is not 56", get16(h+Ephentsize));
	phnum = get16(h+Ephnum);
	if(phnum == 0)
		return fail(p, "elf: no program headers: nothing to load");
	if(phnum > Maxphnum)
		return fail(p, "elf: %u program headers, more than %d", phnum, Maxphnum);
	phoff = get64(h+Ephoff);
	if(phoff > p->n || (u64int)phnum*Phdrlen > p->n - phoff)
		return fail(p, "elf: %u program headers at offset %#llx run past the end of the file "
			"(%zu bytes)", phnum, (uvlong)phoff, p->n);
	return 0;
}

/* Check one PT_LOAD program header, number i, and append it to p->e. */
static int
addseg(Parse *p, int i, const u8int *ph)
{
	Elfimage *e;
	Elfseg s, *prev;
	u32int flags;

	flags = get32(ph+Pflags);
	s.off = get64(ph+Poffset);
	s.vaddr = get64(ph+Pvaddr);
	s.filesz = get64(ph+Pfilesz);
	s.memsz = get64(ph+Pmemsz);
	s.prot = flags & (ELFR|ELFW|ELFX);
	if(s.filesz > s.memsz)
		return fail(p, "elf: segment %d: file size %#llx is more than memory size %#llx",
			i, (uvlong)s.filesz, (uvlong)s.memsz);
	if(s.memsz == 0)
		return 0;
	if(s.off > p->n || s.filesz > p->n - s.off)
		return fail(p, "elf: segment %d: file bytes %#llx+%#llx run past the end of the file "
			"(%zu bytes)", i, (uvlong)s.off, (uvlong)s.filesz, p->n);
	if(s.vaddr < p->lo || s.vaddr > p->hi || s.memsz > p->hi - s.vaddr)
		return fail(p, "elf: segment %d: addresses %#llx+%#llx are outside user space "
			"[%#llx, %#llx)", i, (uvlong)s.vaddr, (uvlong)s.memsz, (uvlong)p->lo, (uvlong)p->hi);
	if(s.vaddr % ELFPAGE != s.off % ELFPAGE)
		return fail(p, "elf: segment %d: address %#llx and file offset %#llx differ modulo "
			"the page size (4096): it cannot be mapped", i, (uvlong)s.vaddr, (uvlong)s.off);
	if((s.prot & ELFW) && (s.prot & ELFX))
		return fail(p, "elf: segment %d at %#llx is writable and executable: Lux9 enforces W^X; "
			"put code and data in separate segments", i, (uvlong)s.vaddr);
	e = p->e;
	if(e->nseg > 0){
		prev = &e->seg[e->nseg-1];
		if(s.vaddr < prev->vaddr)
			return fail(p, "elf: segment %d at %#llx comes after one at %#llx: "
				"segments must be in address order", i, (uvlong)s.vaddr, (uvlong)prev->vaddr);
		if(s.vaddr/ELFPAGE <= (prev->vaddr + prev->memsz - 1)/ELFPAGE)
			return fail(p, "elf: segment %d at %#llx shares a page with the segment before it "
				"(ending at %#llx): link with page-aligned segments (ld -z separate-code)",
				i, (uvlong)s.vaddr, (uvlong)(prev->vaddr + prev->memsz));
	}
	if(e->nseg == ELFMAXSEG)
		return fail(p, "elf: more than %d loadable segments", ELFMAXSEG);
	e->seg[e->nseg++] = s;
	return 0;
}

/* The program headers: refuse dynamic linking first, it explains the most. */
static int
readphdrs(Parse *p)
{
	const u8int *ph;
	u64int phoff;
	u32int type;
	int i, phnum;

	phoff = get64(p->img+Ephoff);
	phnum = get16(p->img+Ephnum);
	for(i = 0; i < phnum; i++){
		type = get32(p->img + phoff + (u64int)i*Phdrlen + Ptype);
		if(type == Ptinterp || type == Ptdynamic)
			return fail(p, "elf: dynamically linked (it has %s): Lux9 runs static programs; "
				"link with -static", type == Ptinterp ? "PT_INTERP" : "PT_DYNAMIC");
	}
	for(i = 0; i < phnum; i++){
		ph = p->img + phoff + (u64int)i*Phdrlen;
		if(get32(ph+Ptype) == Ptload && addseg(p, i, ph) < 0)
			return -1;
	}
	return 0;
}

static int
checkentry(Parse *p)
{
	Elfimage *e;
	Elfseg *s;
	int i, nx;

	e = p->e;
	if(e->nseg == 0)
		return fail(p, "elf: no loadable segments");
	nx = 0;
	for(i = 0; i < e->nseg; i++){
		s = &e->seg[i];
		if((s->prot & ELFX) == 0)
			continue;
		nx++;
		if(e->entry >= s->vaddr && e->entry - s->vaddr < s->filesz)
			return 0;
	}
	if(nx == 0)
		return fail(p, "elf: no executable segment");
	return fail(p, "elf: entry point %#llx is not in the code of an executable segment",
		(uvlong)e->entry);
}

int
elfparse(const u8int *img, size_t n, u64int lo, u64int hi, Elfimage *e, char *err, size_t nerr)
{
	Parse p;

	memset(e, 0, sizeof *e);
	if(err != nil && nerr > 0)
		err[0] = 0;
	p.img = img;
	p.n = n;
	p.lo = lo;
	p.hi = hi;
	p.e = e;
	p.err = err;
	p.nerr = nerr;
	if(lo >= hi)
		return fail(&p, "elf: empty user address range [%#llx, %#llx)", (uvlong)lo, (uvlong)hi);
	if(checkhdr(&p) < 0 || readphdrs(&p) < 0)
		goto bad;
	e->entry = get64(img+Eentry);
	if(checkentry(&p) < 0)
		goto bad;
	return 0;

bad:
	memset(e, 0, sizeof *e);	/* nothing half-checked flows further */
	return -1;
}
