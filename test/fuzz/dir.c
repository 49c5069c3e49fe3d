/*
 * dir.c - libFuzzer target for lib/dir.c's convM2D.
 * Whatever the bytes, convM2D must stay inside them, agree with statcheck,
 * and, when it accepts them, describe an entry that convD2M encodes back to
 * exactly the same bytes (so nothing was lost or invented); decoding in
 * place, strings moved down over the input, must give the same Dir.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "dir.h"

static void
check(int ok)
{
	if(!ok)
		abort();
}

static int
samestr(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8int *copy, *out;
	char *strs;
	u32int n, r;
	Dir d, e;

	if(size > STATENTRYMAX + 16)
		return 0;
	n = size;
	/* exact-size copies, so ASan sees any read or write past the end */
	copy = malloc(n + 1);
	strs = malloc(n + 1);
	out = malloc(n + 1);
	memcpy(copy, data, n);

	r = convM2D(copy, n, &d, strs);
	check(r == 0 || r == n);
	check((r != 0) == (statcheck(copy, n) == 0));
	check(memcmp(copy, data, n) == 0);	/* the input is only read */
	if(r != 0){
		check(sizeD2M(&d) == n);
		check(convD2M(&d, out, n) == n);
		check(memcmp(out, data, n) == 0);
		check(convD2M(&d, out, n - 1) == 0);

		check(convM2D(copy, n, &e, (char *)copy) == n);
		check(e.type == d.type && e.dev == d.dev && e.mode == d.mode);
		check(e.qid.path == d.qid.path && e.qid.vers == d.qid.vers && e.qid.type == d.qid.type);
		check(e.atime == d.atime && e.mtime == d.mtime && e.length == d.length);
		check(samestr(e.name, d.name) && samestr(e.uid, d.uid));
		check(samestr(e.gid, d.gid) && samestr(e.muid, d.muid));
	}
	free(copy);
	free(strs);
	free(out);
	return 0;
}
