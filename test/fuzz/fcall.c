/*
 * fcall.c - libFuzzer target for lib/fcall.c's convM2S.
 * Whatever the bytes, convM2S must stay inside them, only read them, and
 * either refuse them with a reason or accept all of them; when it accepts,
 * the Fcall's strings and data must lie inside the message, and convS2M
 * must encode it back to exactly the same bytes (so nothing was lost or
 * invented) and refuse a buffer one byte shorter.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "fcall.h"

static void
check(int ok)
{
	if(!ok)
		abort();
}

static const u8int *base, *end;

static void
inside(const void *p, u32int n)
{
	const u8int *b;

	if(n == 0)
		return;
	b = p;
	check(b >= base && b <= end && (size_t)(end - b) >= n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8int *copy, *out;
	char err[128];
	u32int n, r;
	Fcall f;
	int i;

	if(size > 256*1024)
		return 0;
	n = size;
	/* exact-size copies, so ASan sees any read or write past the end */
	copy = malloc(n + 1);
	out = malloc(n + 1);
	memcpy(copy, data, n);
	base = copy;
	end = copy + n;

	err[0] = 0;
	r = convM2S(copy, n, &f, err, sizeof err);
	check(r == 0 || r == n);
	check(memcmp(copy, data, n) == 0);	/* the input is only read */
	if(r == 0)
		check(err[0] != 0);
	else{
		check(f.nwname <= MAXWELEM && f.nwqid <= MAXWELEM);
		inside(f.version.s, f.version.len);
		inside(f.uname.s, f.uname.len);
		inside(f.aname.s, f.aname.len);
		inside(f.ename.s, f.ename.len);
		inside(f.name.s, f.name.len);
		for(i = 0; i < f.nwname; i++)
			inside(f.wname[i].s, f.wname[i].len);
		if(f.type == Rread || f.type == Twrite)
			inside(f.data, f.count);
		inside(f.stat, f.nstat);

		check(sizeS2M(&f) == n);
		check(convS2M(&f, out, n) == n);
		check(memcmp(out, data, n) == 0);
		check(convS2M(&f, out, n - 1) == 0);
	}
	free(copy);
	free(out);
	return 0;
}
