/*
 * multiboot.c - parse and check the Multiboot 1 boot information.
 *
 * The boot loader's structure is untrusted input: every byte is fetched
 * through the Physread callback, which refuses ranges outside memory, and
 * every length and count is checked before it is used.  Only the magic and
 * the info structure itself are essential; a bad optional part (command
 * line, modules, memory map, loader name, framebuffer) is truncated or
 * skipped and the first such problem is kept in Bootinfo.warn, so a kernel
 * with a slightly odd loader still boots and can say what it ignored.
 *
 * Fields are read byte by byte in little-endian order, never through a
 * struct overlay, so nothing depends on the loader's alignment.  Each
 * pointer the callback returns is used before the next call, so a callback
 * that maps through a single window works.
 */
#include "u.h"
#include "le.h"
#include "kstring.h"
#include "fmt.h"
#include "multiboot.h"

/* Byte offsets of the fields used in the Multiboot 1 info structure. */
enum {
	Oflags = 0,
	Omemlower = 4,
	Omemupper = 8,
	Ocmdline = 16,
	Omodscount = 20,
	Omodsaddr = 24,
	Ommaplen = 44,
	Ommapaddr = 48,
	Oloader = 64,
	Ofbaddr = 88,
	Ofbpitch = 96,
	Ofbwidth = 100,
	Ofbheight = 104,
	Ofbbpp = 108,
	Ofbtype = 109,
	Infomax = 110,	/* through framebuffer_type; colour info is not used */

	Modsize = 16,	/* start, end, string, reserved */
	Mmapmin = 20,	/* base, length, type; after the 4-byte size field */
};

/* How far into the info structure each flag's fields reach. */
static const struct {
	u32int bit;
	u32int end;
} fieldend[] = {
	{1<<0, 12}, {1<<1, 16}, {1<<2, 20}, {1<<3, 28}, {1<<4, 44}, {1<<5, 44},
	{1<<6, 52}, {1<<7, 60}, {1<<8, 64}, {1<<9, 68}, {1<<10, 72}, {1<<11, 88},
	{1<<12, Infomax},
};

enum { Sok, Slong, Sunreadable };

static void warn(Bootinfo *bi, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char *err, size_t nerr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
warn(Bootinfo *bi, const char *fmt, ...)
{
	va_list ap;

	if(bi->warn[0] != 0)
		return;	/* the first problem is usually the cause of the rest */
	va_start(ap, fmt);
	vsnprint(bi->warn, sizeof bi->warn, fmt, ap);
	va_end(ap);
}

static int
fail(char *err, size_t nerr, const char *fmt, ...)
{
	va_list ap;

	if(err != nil && nerr > 0){
		va_start(ap, fmt);
		vsnprint(err, nerr, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/*
 * Copy the string at pa into dst (ndst > 0 bytes), one byte per callback
 * so a string ending just before the end of memory is still readable.
 * Slong: no NUL within ndst-1 bytes, dst holds the truncated start.
 * Sunreadable: memory ended before a NUL, dst is "".
 */
static int
readstr(Physread *rd, void *arg, u64int pa, char *dst, size_t ndst)
{
	const u8int *b;
	size_t i;

	for(i = 0; i < ndst-1; i++){
		b = rd(arg, pa+i, 1);
		if(b == nil){
			dst[0] = 0;
			return Sunreadable;
		}
		dst[i] = *b;
		if(*b == 0)
			return Sok;
	}
	dst[i] = 0;
	b = rd(arg, pa+i, 1);
	return b != nil && *b == 0 ? Sok : Slong;
}

/* readstr, with a warning naming what the string was. */
static void
getstr(Bootinfo *bi, Physread *rd, void *arg, u64int pa, char *dst, size_t ndst, const char *what)
{
	switch(readstr(rd, arg, pa, dst, ndst)){
	case Slong:
		warn(bi, "multiboot: %s at %#llx is longer than %d bytes: truncated",
			what, (uvlong)pa, (int)ndst-1);
		break;
	case Sunreadable:
		warn(bi, "multiboot: %s at %#llx runs outside memory before its NUL: ignored",
			what, (uvlong)pa);
		break;
	}
}

static void
parsemods(Bootinfo *bi, const u8int *info, Physread *rd, void *arg)
{
	const u8int *m;
	u32int count, i, start, end, str;
	u64int pa;
	Mbmod *mod;
	char what[32];

	count = get32(info+Omodscount);
	pa = get32(info+Omodsaddr);
	if(count > MBMAXMOD){
		warn(bi, "multiboot: loader passed %u modules; only the first %d are used",
			count, MBMAXMOD);
		count = MBMAXMOD;
	}
	for(i = 0; i < count; i++){
		m = rd(arg, pa + (u64int)i*Modsize, Modsize);
		if(m == nil){
			warn(bi, "multiboot: module table entry %u at %#llx is outside memory: "
				"it and later modules ignored", i, (uvlong)(pa + (u64int)i*Modsize));
			return;
		}
		start = get32(m);
		end = get32(m+4);
		str = get32(m+8);
		if(end < start){
			warn(bi, "multiboot: module %u ends (%#x) before it starts (%#x): ignored",
				i, end, start);
			continue;
		}
		mod = &bi->mod[bi->nmod++];
		mod->start = start;
		mod->end = end;
		snprint(what, sizeof what, "module %u string", i);
		getstr(bi, rd, arg, str, mod->cmdline, sizeof mod->cmdline, what);
	}
}

/* Add one memory map entry, clipped so base+len cannot overflow. */
static int
addmem(Bootinfo *bi, u64int base, u64int len, u32int type, u32int i)
{
	Mbmem *m;

	if(len > ~base){
		warn(bi, "multiboot: memory map entry %u (%#llx+%#llx) wraps past 2^64: clipped",
			i, (uvlong)base, (uvlong)len);
		len = ~base;
	}
	if(len == 0)
		return 0;	/* says nothing; some BIOSes emit them */
	if(bi->nmem == MBMAXMEM){
		warn(bi, "multiboot: memory map has more than %d entries: entry %u and later ignored",
			MBMAXMEM, i);
		return -1;
	}
	m = &bi->mem[bi->nmem++];
	m->base = base;
	m->len = len;
	m->type = type;
	return 0;
}

/*
 * Each entry is a 4-byte size (of the rest of the entry, at least 20)
 * then base, length and type.  A size we cannot trust leaves no way to
 * find the next entry, so the walk stops there.
 */
static void
parsemmap(Bootinfo *bi, const u8int *info, Physread *rd, void *arg)
{
	const u8int *e;
	u64int pa, len, off;
	u32int size, i;

	pa = get32(info+Ommapaddr);
	len = get32(info+Ommaplen);
	for(off = 0, i = 0; off + 4 <= len; off += 4 + (u64int)size, i++){
		e = rd(arg, pa+off, 4);
		if(e == nil)
			goto outside;
		size = get32(e);
		if(size < Mmapmin){
			warn(bi, "multiboot: memory map entry %u has size %u, less than %d: "
				"map cut short", i, size, Mmapmin);
			return;
		}
		if(size > len - off - 4){
			warn(bi, "multiboot: memory map entry %u (size %u) overruns mmap_length %llu: "
				"map cut short", i, size, (uvlong)len);
			return;
		}
		e = rd(arg, pa+off, 4 + Mmapmin);
		if(e == nil)
			goto outside;
		if(addmem(bi, get64(e+4), get64(e+12), get32(e+20), i) < 0)
			return;
	}
	if(off < len)
		warn(bi, "multiboot: memory map has %llu stray bytes after its %u entries: ignored",
			(uvlong)(len - off), i);
	return;

outside:
	warn(bi, "multiboot: memory map entry %u at %#llx is outside memory: map cut short",
		i, (uvlong)(pa+off));
}

static void
parsefb(Bootinfo *bi, const u8int *info)
{
	Mbfb fb;

	fb.addr = get64(info+Ofbaddr);
	fb.pitch = get32(info+Ofbpitch);
	fb.width = get32(info+Ofbwidth);
	fb.height = get32(info+Ofbheight);
	fb.bpp = info[Ofbbpp];
	fb.type = info[Ofbtype];
	if(fb.type > MBFBTEXT){
		warn(bi, "multiboot: framebuffer type %d is unknown: framebuffer ignored", fb.type);
		return;
	}
	if(fb.width == 0 || fb.height == 0 || fb.pitch == 0 || fb.bpp == 0){
		warn(bi, "multiboot: framebuffer %ux%u, pitch %u, %d bpp has a zero dimension: ignored",
			fb.width, fb.height, fb.pitch, fb.bpp);
		return;
	}
	if((u64int)fb.pitch*8 < (u64int)fb.width*fb.bpp){
		warn(bi, "multiboot: framebuffer pitch %u is less than %u pixels of %d bits: ignored",
			fb.pitch, fb.width, fb.bpp);
		return;
	}
	if((u64int)fb.pitch*fb.height > ~fb.addr){
		warn(bi, "multiboot: framebuffer at %#llx wraps past 2^64: ignored", (uvlong)fb.addr);
		return;
	}
	bi->fb = fb;
	bi->hasfb = 1;
}

/* The bytes of the info structure that the set flags say are there. */
static u32int
infolen(u32int flags)
{
	u32int n, i;

	n = 4;
	for(i = 0; i < nelem(fieldend); i++)
		if((flags & fieldend[i].bit) && fieldend[i].end > n)
			n = fieldend[i].end;
	return n;
}

int
mbparse(Bootinfo *bi, u32int magic, u64int infopa, Physread *rd, void *arg, char *err, size_t nerr)
{
	u8int info[Infomax];
	const u8int *p;
	u32int flags, n;

	memset(bi, 0, sizeof *bi);
	if(err != nil && nerr > 0)
		err[0] = 0;
	if(magic != MBBOOTMAGIC)
		return fail(err, nerr, "multiboot: bad magic %#x (want %#x): "
			"the kernel was not started by a Multiboot 1 loader", magic, MBBOOTMAGIC);
	p = rd(arg, infopa, 4);
	if(p == nil)
		return fail(err, nerr, "multiboot: info structure at %#llx is outside memory",
			(uvlong)infopa);
	flags = get32(p);
	n = infolen(flags);
	p = rd(arg, infopa, n);
	if(p == nil)
		return fail(err, nerr, "multiboot: info structure at %#llx (flags %#x, %u bytes) "
			"runs outside memory", (uvlong)infopa, flags, n);
	/* a private copy: later callbacks may reuse the memory p points to */
	memset(info, 0, sizeof info);
	memcpy(info, p, n);

	bi->flags = flags;
	if(flags & MBFMEM){
		bi->memlower = get32(info+Omemlower);
		bi->memupper = get32(info+Omemupper);
	}
	if(flags & MBFCMDLINE)
		getstr(bi, rd, arg, get32(info+Ocmdline), bi->cmdline, sizeof bi->cmdline,
			"command line");
	if(flags & MBFMODS)
		parsemods(bi, info, rd, arg);
	if(flags & MBFMMAP)
		parsemmap(bi, info, rd, arg);
	if(flags & MBFLOADER)
		getstr(bi, rd, arg, get32(info+Oloader), bi->loader, sizeof bi->loader,
			"boot loader name");
	if(flags & MBFFB)
		parsefb(bi, info);
	return 0;
}
