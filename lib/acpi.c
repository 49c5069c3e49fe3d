/*
 * acpi.c - find and parse the ACPI tables at boot.
 *
 * Every byte here comes from firmware and is treated as untrusted: it is
 * reached only through the Physread callback, every length is checked
 * against what was actually handed out, and multi-byte fields are read
 * byte by byte (tables are not aligned).  A broken RSDP or root table is
 * fatal because nothing else can be found without it; a broken table or
 * entry below it is skipped with a warning so that one firmware bug does
 * not cost the machine its other tables.  All work is bounded: at most
 * ACPIMAXTAB tables of at most ACPITABCAP bytes each.
 */
#include "u.h"
#include "le.h"
#include "kstring.h"
#include "fmt.h"
#include "acpi.h"

enum {
	Hdrlen = 36,		/* standard description header */
	Rsdpv1len = 20,		/* bytes covered by the v1 checksum */
	Rsdpv2len = 36,		/* v2 RSDP with XSDT address and extended checksum */
	Madtfixed = 44,		/* header, local APIC address, flags */
	Mcfgfixed = 44,		/* header, 8 reserved bytes */
	Mcfgentlen = 16,
	Hpetlen = 56,
	Ebdaptr = 0x40E,	/* BIOS data area word: EBDA segment */
	Ebdascan = 1024,
	Biosbase = 0xE0000,
	Biosend = 0x100000,
};

/* MADT entry types this parser understands; the rest are skipped. */
enum {
	Mlapic = 0,
	Mioapic = 1,
	Miso = 2,
	Mlapicaddr = 5,
	Mx2apic = 9,
};

typedef struct Parse {
	Acpiinfo *ai;
	Physread *rd;
	void *arg;
	int hasmcfg;
} Parse;

static u8int
sum8(const u8int *p, size_t n)
{
	u8int s;

	s = 0;
	while(n-- > 0)
		s += *p++;
	return s;
}

/* Copy n firmware bytes as a printable, NUL-terminated string for logs. */
static void
text(char *dst, const u8int *src, int n)
{
	int i;

	for(i = 0; i < n; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7F ? src[i] : '?';
	dst[n] = 0;
}

static void warn(Acpiinfo *ai, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Count a non-fatal problem; only the first is kept, it is the likely cause. */
static void
warn(Acpiinfo *ai, const char *fmt, ...)
{
	va_list ap;

	if(ai->nwarn++ > 0)
		return;
	va_start(ap, fmt);
	vsnprint(ai->warn, sizeof ai->warn, fmt, ap);
	va_end(ap);
}

static int fail(char *err, size_t nerr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

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
 * Check the RSDP at pa.  Returns nil and sets *rp to its bytes (20 of
 * them for revision < 2, else its full length) or returns why not.
 */
static const char *
rsdpread(Physread *rd, void *arg, u64int pa, const u8int **rp)
{
	const u8int *r;
	u32int len;

	r = rd(arg, pa, Rsdpv1len);
	if(r == nil)
		return "not readable";
	if(memcmp(r, "RSD PTR ", 8) != 0)
		return "no \"RSD PTR \" signature";
	if(sum8(r, Rsdpv1len) != 0)
		return "checksum of the first 20 bytes is wrong";
	if(r[15] >= 2){
		r = rd(arg, pa, Rsdpv2len);
		if(r == nil)
			return "revision 2 RSDP is cut short by the end of memory";
		len = get32(r+20);
		if(len < Rsdpv2len || len > ACPIRSDPCAP)
			return "revision 2 length field is not between 36 and 1024";
		r = rd(arg, pa, len);
		if(r == nil)
			return "revision 2 length runs past readable memory";
		if(sum8(r, len) != 0)
			return "extended checksum is wrong";
	}
	*rp = r;
	return nil;
}

static int
rsdpscan(Physread *rd, void *arg, u64int pa, u64int end, u64int *rsdppa)
{
	const u8int *r;

	for(; pa < end; pa += 16)
		if(rsdpread(rd, arg, pa, &r) == nil){
			*rsdppa = pa;
			return 0;
		}
	return -1;
}

int
acpifindrsdp(Physread *rd, void *arg, u64int *rsdppa)
{
	const u8int *p;
	u64int ebda;

	p = rd(arg, Ebdaptr, 2);
	if(p != nil){
		ebda = (u64int)get16(p) << 4;
		if(ebda != 0 && rsdpscan(rd, arg, ebda, ebda+Ebdascan, rsdppa) == 0)
			return 0;
	}
	return rsdpscan(rd, arg, Biosbase, Biosend, rsdppa);
}

/*
 * Map and validate the table at pa: header readable, length sane and
 * readable, checksum right, and signature want if want is not nil.
 * Returns the table's bytes and length, or nil with the reason in why.
 */
static const u8int *
tabread(Parse *p, u64int pa, const char *want, u32int *lenp, char *why, size_t nwhy)
{
	const u8int *t;
	char sig[5];
	u32int len;

	t = p->rd(p->arg, pa, Hdrlen);
	if(t == nil){
		snprint(why, nwhy, "%s at %#llx is not readable",
			want != nil ? want : "table", (uvlong)pa);
		return nil;
	}
	text(sig, t, 4);
	if(want != nil && memcmp(t, want, 4) != 0){
		snprint(why, nwhy, "%s at %#llx has signature \"%s\"", want, (uvlong)pa, sig);
		return nil;
	}
	len = get32(t+4);
	if(len < Hdrlen){
		snprint(why, nwhy, "%s at %#llx: length %u is shorter than the 36-byte header",
			sig, (uvlong)pa, len);
		return nil;
	}
	if(len > ACPITABCAP){
		snprint(why, nwhy, "%s at %#llx: length %u is over the 1 MiB limit",
			sig, (uvlong)pa, len);
		return nil;
	}
	t = p->rd(p->arg, pa, len);
	if(t == nil){
		snprint(why, nwhy, "%s at %#llx: length %u runs past readable memory",
			sig, (uvlong)pa, len);
		return nil;
	}
	if(sum8(t, len) != 0){
		snprint(why, nwhy, "%s at %#llx: checksum is wrong", sig, (uvlong)pa);
		return nil;
	}
	*lenp = len;
	return t;
}

static void
addcpu(Parse *p, u32int id)
{
	Acpiinfo *ai;
	int i;

	ai = p->ai;
	/* Some firmware lists a processor both as type 0 and as type 9. */
	for(i = 0; i < ai->ncpu; i++)
		if(ai->lapicid[i] == id)
			return;
	if(ai->ncpu == ACPIMAXCPU){
		warn(ai, "acpi: MADT lists more than %d processors; ignored APIC id %u",
			ACPIMAXCPU, id);
		return;
	}
	ai->lapicid[ai->ncpu++] = id;
}

static void
addioapic(Parse *p, const u8int *e)
{
	Acpiinfo *ai;
	Acpiioapic *io;

	ai = p->ai;
	if(ai->nioapic == ACPIMAXIOAPIC){
		warn(ai, "acpi: MADT lists more than %d I/O APICs; ignored id %u",
			ACPIMAXIOAPIC, e[2]);
		return;
	}
	io = &ai->ioapic[ai->nioapic++];
	io->id = e[2];
	io->addr = get32(e+4);
	io->gsibase = get32(e+8);
}

static void
addiso(Parse *p, const u8int *e)
{
	Acpiinfo *ai;
	Acpiiso *iso;
	u16int flags;

	ai = p->ai;
	flags = get16(e+8);
	if(e[2] != 0 || e[3] >= 16){
		warn(ai, "acpi: MADT override for bus %u irq %u is not an ISA irq; ignored",
			e[2], e[3]);
		return;
	}
	/* Polarity and trigger value 2 are reserved: no safe way to program them. */
	if((flags & ISOPOLMASK) == 2<<0 || (flags & ISOTRIGMASK) == 2<<2){
		warn(ai, "acpi: MADT override for irq %u has reserved flags %#x; ignored",
			e[3], flags);
		return;
	}
	if(ai->niso == ACPIMAXISO){
		warn(ai, "acpi: MADT lists more than %d interrupt overrides; ignored irq %u",
			ACPIMAXISO, e[3]);
		return;
	}
	iso = &ai->iso[ai->niso++];
	iso->bus = e[2];
	iso->irq = e[3];
	iso->gsi = get32(e+4);
	iso->flags = flags;
}

static void
addx2apic(Parse *p, const u8int *e)
{
	u32int id;

	if((get32(e+8) & 3) == 0)
		return;
	id = get32(e+4);
	if(id >= 256){
		warn(p->ai, "acpi: x2APIC id %u does not fit in 8 bits; processor ignored", id);
		return;
	}
	addcpu(p, id);
}

/*
 * The smallest entry of each type that holds the fields we read; never
 * below 2 (type and length), which is what makes the MADT walk advance.
 */
static u32int
madtminlen(int type)
{
	switch(type){
	case Mlapic:		return 8;
	case Mioapic:		return 12;
	case Miso:		return 10;
	case Mlapicaddr:	return 12;
	case Mx2apic:		return 16;
	}
	return 2;
}

static void
madtentry(Parse *p, const u8int *e)
{
	switch(e[0]){
	case Mlapic:
		/* Bit 0 enabled, bit 1 online capable (ACPI 6.3). */
		if(get32(e+4) & 3)
			addcpu(p, e[3]);
		break;
	case Mioapic:
		addioapic(p, e);
		break;
	case Miso:
		addiso(p, e);
		break;
	case Mlapicaddr:
		p->ai->lapicaddr = get64(e+4);
		break;
	case Mx2apic:
		addx2apic(p, e);
		break;
	}
}

static void
madtparse(Parse *p, const u8int *t, u32int len)
{
	Acpiinfo *ai;
	u32int off, elen, min;

	ai = p->ai;
	if(ai->hasmadt){
		warn(ai, "acpi: second MADT ignored");
		return;
	}
	if(len < Madtfixed){
		warn(ai, "acpi: MADT length %u is shorter than its 44 fixed bytes; skipped", len);
		return;
	}
	ai->hasmadt = 1;
	ai->lapicaddr = get32(t+36);
	ai->pcat = get32(t+40) & 1;
	/*
	 * Each step advances at least madtminlen >= 2 bytes and never past
	 * len, so this ends; an entry of length 0 or 1 fails the minimum.
	 */
	for(off = Madtfixed; off < len; off += elen){
		if(len - off < 2){
			warn(ai, "acpi: MADT has %u stray byte(s) at its end; ignored", len - off);
			return;
		}
		elen = t[off+1];
		if(elen > len - off){
			warn(ai, "acpi: MADT entry at offset %u (type %u, length %u) runs past "
				"the table's end; rest of MADT ignored", off, t[off], elen);
			return;
		}
		min = madtminlen(t[off]);
		if(elen < min){
			warn(ai, "acpi: MADT entry at offset %u (type %u) has length %u, needs %u; "
				"rest of MADT ignored", off, t[off], elen, min);
			return;
		}
		madtentry(p, t+off);
	}
}

static void
mcfgparse(Parse *p, const u8int *t, u32int len)
{
	Acpiinfo *ai;
	Acpiecam *ec;
	const u8int *e;
	u32int i, n;

	ai = p->ai;
	if(p->hasmcfg){
		warn(ai, "acpi: second MCFG ignored");
		return;
	}
	if(len < Mcfgfixed){
		warn(ai, "acpi: MCFG length %u is shorter than its 44 fixed bytes; skipped", len);
		return;
	}
	p->hasmcfg = 1;
	if((len - Mcfgfixed) % Mcfgentlen != 0)
		warn(ai, "acpi: MCFG length %u leaves a partial entry; ignored it", len);
	n = (len - Mcfgfixed) / Mcfgentlen;
	for(i = 0; i < n; i++){
		e = t + Mcfgfixed + i*Mcfgentlen;
		if(e[11] < e[10]){
			warn(ai, "acpi: MCFG entry %u: end bus %u is before start bus %u; ignored",
				i, e[11], e[10]);
			continue;
		}
		if(get64(e) == 0){
			warn(ai, "acpi: MCFG entry %u has base address 0; ignored", i);
			continue;
		}
		if(ai->necam == ACPIMAXECAM){
			warn(ai, "acpi: MCFG has more than %d entries; ignored the rest", ACPIMAXECAM);
			return;
		}
		ec = &ai->ecam[ai->necam++];
		ec->base = get64(e);
		ec->seg = get16(e+8);
		ec->busstart = e[10];
		ec->busend = e[11];
	}
}

static void
hpetparse(Parse *p, const u8int *t, u32int len)
{
	Acpiinfo *ai;
	u64int addr;

	ai = p->ai;
	if(ai->hashpet){
		warn(ai, "acpi: second HPET ignored");
		return;
	}
	if(len < Hpetlen){
		warn(ai, "acpi: HPET length %u is shorter than 56; skipped", len);
		return;
	}
	/* Generic address structure at 40: space id, width, offset, size, address at 44. */
	if(t[40] != 0){
		warn(ai, "acpi: HPET registers are in address space %u, not memory; ignored", t[40]);
		return;
	}
	addr = get64(t+44);
	if(addr == 0){
		warn(ai, "acpi: HPET base address is 0; ignored");
		return;
	}
	ai->hashpet = 1;
	ai->hpetaddr = addr;
}

static void
tabparse(Parse *p, int i, u64int pa)
{
	Acpiinfo *ai;
	const u8int *t;
	u32int len;
	char why[96];

	ai = p->ai;
	if(pa == 0){
		warn(ai, "acpi: root table entry %d is a null address; skipped", i);
		return;
	}
	t = tabread(p, pa, nil, &len, why, sizeof why);
	if(t == nil){
		warn(ai, "acpi: %s; skipped", why);
		return;
	}
	text(ai->tabsig[ai->ntab++], t, 4);
	if(memcmp(t, "APIC", 4) == 0)
		madtparse(p, t, len);
	else if(memcmp(t, "MCFG", 4) == 0)
		mcfgparse(p, t, len);
	else if(memcmp(t, "HPET", 4) == 0)
		hpetparse(p, t, len);
}

/* Walk an already validated root table whose entries are esz bytes. */
static void
rootwalk(Parse *p, const u8int *t, u32int len, int esz)
{
	const u8int *e;
	u32int i, n;

	if((len - Hdrlen) % esz != 0)
		warn(p->ai, "acpi: %s length %u leaves a partial entry; ignored it",
			esz == 8 ? "XSDT" : "RSDT", len);
	n = (len - Hdrlen) / esz;
	if(n > ACPIMAXTAB){
		warn(p->ai, "acpi: %u tables listed; looked at the first %d", n, ACPIMAXTAB);
		n = ACPIMAXTAB;
	}
	for(i = 0; i < n; i++){
		e = t + Hdrlen + i*esz;
		tabparse(p, i, esz == 8 ? get64(e) : get32(e));
	}
}

int
acpiparse(Acpiinfo *ai, u64int rsdppa, Physread *rd, void *arg, char *err, size_t nerr)
{
	Parse p;
	const u8int *r, *t;
	const char *bad;
	char why[96];
	u64int rsdt, xsdt;
	u32int len;

	memset(ai, 0, sizeof *ai);
	if(err != nil && nerr > 0)
		err[0] = 0;
	p.ai = ai;
	p.rd = rd;
	p.arg = arg;
	p.hasmcfg = 0;

	bad = rsdpread(rd, arg, rsdppa, &r);
	if(bad != nil)
		return fail(err, nerr, "acpi: RSDP at %#llx: %s", (uvlong)rsdppa, bad);
	ai->revision = r[15];
	text(ai->oem, r+9, 6);
	rsdt = get32(r+16);
	xsdt = ai->revision >= 2 ? get64(r+24) : 0;

	/*
	 * Prefer the XSDT; if it is broken but an RSDT exists, the RSDT
	 * lists the same tables (below 4 GiB), so use it and say so.
	 */
	if(xsdt != 0){
		t = tabread(&p, xsdt, "XSDT", &len, why, sizeof why);
		if(t != nil){
			rootwalk(&p, t, len, 8);
			return 0;
		}
		if(rsdt == 0)
			return fail(err, nerr, "acpi: %s", why);
		warn(ai, "acpi: %s; using the RSDT", why);
	}
	if(rsdt == 0)
		return fail(err, nerr, "acpi: RSDP at %#llx gives no RSDT or XSDT address",
			(uvlong)rsdppa);
	t = tabread(&p, rsdt, "RSDT", &len, why, sizeof why);
	if(t == nil)
		return fail(err, nerr, "acpi: %s", why);
	rootwalk(&p, t, len, 4);
	return 0;
}
