/*
 * pci.c - finds every PCI function at boot and records it in pcidevs[],
 * where later userspace drivers look up their devices.  Configuration
 * space is read through ECAM when ACPI's MCFG gives a window, else through
 * the legacy ports 0xCF8/0xCFC.
 */
#include "portfns.h"
#include "fns.h"
#include "acpi.h"

enum {
	PCIADDR	= 0xCF8,
	PCIDATA	= 0xCFC,

	PCIVID	= 0x00,
	PCICMD	= 0x04,
	PCIREV	= 0x08,		/* rev, progif, subclass, class */
	PCIHDR	= 0x0E,
	PCIBAR0	= 0x10,
	PCIINTL	= 0x3C,

	CMDIO	= 1 << 0,
	CMDMEM	= 1 << 1,
};

extern Acpiinfo acpiinfo;
Pcidev pcidevs[MAXPCIDEV];
int npcidev;

static volatile u8int *ecam;	/* bus ecambus0's config space, when conf.ecam */
static int ecambus0, ecambusn;

static u32int
cfgread(int bus, int dev, int fn, int off)
{
	if(ecam != nil)
		return *(volatile u32int *)(ecam + ((u64int)(bus - ecambus0) << 20 | dev << 15 | fn << 12 | off));
	outl(PCIADDR, 0x80000000 | bus << 16 | dev << 11 | fn << 8 | (off & 0xFC));
	return inl(PCIDATA);
}

static void
cfgwrite(int bus, int dev, int fn, int off, u32int v)
{
	if(ecam != nil){
		*(volatile u32int *)(ecam + ((u64int)(bus - ecambus0) << 20 | dev << 15 | fn << 12 | off)) = v;
		return;
	}
	outl(PCIADDR, 0x80000000 | bus << 16 | dev << 11 | fn << 8 | (off & 0xFC));
	outl(PCIDATA, v);
}

/*
 * Size the BARs by writing all ones and reading back which bits stick,
 * with decoding off so the device does not answer at a bogus address.
 */
static void
sizebars(Pcidev *p)
{
	u32int cmd, lo, hi, szlo, szhi;
	int i, off, nbar;

	nbar = p->htype == 0 ? 6 : p->htype == 1 ? 2 : 0;
	cmd = cfgread(p->bus, p->dev, p->fn, PCICMD);
	cfgwrite(p->bus, p->dev, p->fn, PCICMD, cmd & ~(CMDIO | CMDMEM));
	for(i = 0; i < nbar; i++){
		off = PCIBAR0 + 4 * i;
		lo = cfgread(p->bus, p->dev, p->fn, off);
		cfgwrite(p->bus, p->dev, p->fn, off, 0xFFFFFFFF);
		szlo = cfgread(p->bus, p->dev, p->fn, off);
		cfgwrite(p->bus, p->dev, p->fn, off, lo);
		if(lo & 1){			/* I/O space */
			p->bario[i] = 1;
			p->bar[i] = lo & ~3U;
			p->barsize[i] = szlo ? (~(szlo & ~3U) + 1) & 0xFFFF : 0;
			continue;
		}
		p->bar[i] = lo & ~0xFU;
		if((lo & 6) == 4 && i + 1 < nbar){	/* 64-bit: the next BAR is the top half */
			hi = cfgread(p->bus, p->dev, p->fn, off + 4);
			cfgwrite(p->bus, p->dev, p->fn, off + 4, 0xFFFFFFFF);
			szhi = cfgread(p->bus, p->dev, p->fn, off + 4);
			cfgwrite(p->bus, p->dev, p->fn, off + 4, hi);
			p->bar[i] |= (u64int)hi << 32;
			p->barsize[i] = ~((u64int)szhi << 32 | (szlo & ~0xFU)) + 1;
			i++;
		}else
			p->barsize[i] = szlo ? (u32int)(~(szlo & ~0xFU) + 1) : 0;
	}
	cfgwrite(p->bus, p->dev, p->fn, PCICMD, cmd);
}

static void
addfn(int bus, int dev, int fn, u32int id)
{
	Pcidev *p;
	u32int r;

	if(npcidev == MAXPCIDEV){
		print("pci: more than %d functions; ignoring %02x:%02x.%x\n", MAXPCIDEV, bus, dev, fn);
		return;
	}
	p = &pcidevs[npcidev++];
	memset(p, 0, sizeof *p);
	p->bus = bus;
	p->dev = dev;
	p->fn = fn;
	p->vid = id & 0xFFFF;
	p->did = id >> 16;
	r = cfgread(bus, dev, fn, PCIREV);
	p->rev = r;
	p->progif = r >> 8;
	p->subclass = r >> 16;
	p->class = r >> 24;
	p->htype = (cfgread(bus, dev, fn, PCIHDR & ~3) >> 16) & 0x7F;
	r = cfgread(bus, dev, fn, PCIINTL);
	p->intline = r;
	p->intpin = r >> 8;
	sizebars(p);
}

static void
scan(int bus0, int busn)
{
	int bus, dev, fn, nfn;
	u32int id;

	for(bus = bus0; bus <= busn; bus++)
		for(dev = 0; dev < 32; dev++){
			nfn = 1;
			for(fn = 0; fn < nfn; fn++){
				id = cfgread(bus, dev, fn, PCIVID);
				if((id & 0xFFFF) == 0xFFFF)
					continue;
				if(fn == 0 && (cfgread(bus, dev, 0, PCIHDR & ~3) >> 16) & 0x80)
					nfn = 8;	/* multifunction */
				addfn(bus, dev, fn, id);
			}
		}
}

void
pciinit(void)
{
	Acpiecam *e;

	ecambus0 = 0;
	ecambusn = 255;
	if(acpiinfo.necam > 0 && acpiinfo.ecam[0].seg == 0){
		e = &acpiinfo.ecam[0];
		ecam = vmap(e->base + ((u64int)e->busstart << 20), ((u64int)e->busend - e->busstart + 1) << 20);
		if(ecam != nil){
			ecambus0 = e->busstart;
			ecambusn = e->busend;
			conf.ecam = 1;
			iprint("pci: ECAM at %#llx, buses %d-%d\n", (uvlong)e->base, ecambus0, ecambusn);
		}else
			print("pci: cannot map ECAM at %#llx; using port I/O\n", (uvlong)e->base);
	}
	scan(ecambus0, ecambusn);
}

Pcidev *
pcifind(u16int vid, u16int did)
{
	int i;

	for(i = 0; i < npcidev; i++)
		if(pcidevs[i].vid == vid && pcidevs[i].did == did)
			return &pcidevs[i];
	return nil;
}
